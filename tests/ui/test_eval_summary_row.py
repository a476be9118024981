"""The grid's summary row kept added up as cells change: after results arrive frame by frame,
are replaced (a resumed run asks a failed request again) and are graded, it is still the
core's own summary of everything shown."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from app.core.evals.model import (
    AssertionKind,
    AssertionResult,
    Grade,
    PromptChoice,
    RequestResult,
    ResultKey,
    TestCase,
    TestSet,
)
from app.core.evals.summary import prompt_summaries
from app.ui.evals.results_model import ResultsGridModel


def _result(test: int, prompt: str, repeat: int, text: str, ms: float) -> RequestResult:
    check = AssertionResult(AssertionKind.CONTAINS, "yes" in text, "")
    return RequestResult(
        ResultKey(test, prompt, repeat), text, "stop", 10, 5, 90.0, 40.0, ms,
        None, None, (check,), 7, None,
    )  # fmt: skip


def test_a_cell_changing_again_and_again_leaves_the_core_s_summary(qtbot: QtBot) -> None:
    grid = ResultsGridModel(frame_ms=1)
    cases = tuple(TestCase(f"Q{n}") for n in range(12))
    prompts = (PromptChoice("a", system=""), PromptChoice("b", system=""))
    grid.set_plan(TestSet("S", prompts, cases), ["a", "b"], ["a", "b"], repeat=3)
    for repeat in range(3):  # each cell grows a repeat per frame
        for n in range(12):
            for prompt in ("a", "b"):
                text = "yes" if (n + repeat) % 3 else f"no {n % 2}"
                grid.add_result(_result(n, prompt, repeat, text, 100.0 + 7 * n + repeat))
        grid.flush_now()
    failed = replace(_result(4, "a", 1, "", 300.0), error="The server hung up.", duration_ms=None)
    grid.add_result(failed)
    grid.flush_now()
    grid.add_result(_result(4, "a", 1, "yes again", 410.0))  # asked again: the error goes
    grid.flush_now()
    grid.set_grade(2, "b", Grade(True, 5))
    grid.set_grade(2, "b", Grade(False, 1))  # graded again: only the last grade counts
    expected = prompt_summaries(grid.results, {(2, "b"): Grade(False, 1)}, ["a", "b"])
    for mine, core in zip(grid._summaries, expected, strict=True):
        assert replace(mine, mean_latency_ms=None, distinct_ratio=None) == replace(
            core, mean_latency_ms=None, distinct_ratio=None
        )
        assert mine.mean_latency_ms == pytest.approx(core.mean_latency_ms)
        assert mine.distinct_ratio == pytest.approx(core.distinct_ratio)
    assert expected[0].errors == 0 and expected[0].total == 36


def test_a_new_plan_starts_the_summary_from_nothing(qtbot: QtBot) -> None:
    grid = ResultsGridModel(frame_ms=1)
    test_set = TestSet("S", (PromptChoice("a", system=""),), (TestCase("Q"),))
    grid.set_plan(test_set, ["a"], ["a"], repeat=1)
    grid.add_result(_result(0, "a", 0, "yes", 200.0))
    grid.flush_now()
    assert grid._summaries[0].total == 1
    grid.set_plan(test_set, ["a"], ["a"], repeat=1)
    assert grid._summaries[0].total == 0 and grid._summaries[0].mean_latency_ms is None
