"""The Test sets window's item models and dialogs on their own: editing cases, checks typed
wrong, prompt choices, and the results grid gathering thousands of results into few redraws."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.core.evals.model import (
    Assertion,
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
from app.core.params import SamplingParams
from app.core.prompts.library import Preset, PromptSummary
from app.storage.history.store import HistoryStore
from app.ui.evals.assertions_dialog import AssertionsDialog, parse_assertion
from app.ui.evals.cases_model import CasesTableModel
from app.ui.evals.cell_text import WORD_MARKS, grade_text
from app.ui.evals.prompt_choices import (
    choice_from_library,
    choice_from_preset,
    describe,
    library_picks,
    unique_id,
)
from app.ui.evals.results_model import SUMMARY_ROWS, ResultsGridModel


def test_cases_are_edited_in_place_and_each_edit_is_announced(qtbot: QtBot) -> None:
    model = CasesTableModel()
    model.set_cases([TestCase("Hi {{name}}", vars={"name": "Ann"})])
    assert [model.headerData(c, Qt.Orientation.Horizontal, 0) for c in range(4)] == [
        "Input",
        "{{name}}",
        "Expect",
        "Checks",
    ]
    with qtbot.waitSignal(model.cases_edited) as edited:
        assert model.setData(model.index(0, 1), "Bo")
    assert edited.args[0][0].vars == {"name": "Bo"}  # type: ignore[index]
    assert not model.setData(model.index(0, 0), "   ")  # a case must ask something
    with qtbot.waitSignal(model.cases_edited):
        model.setData(model.index(0, model.expect_column), "Hello Bo")
    model.add_variable("tone")
    with qtbot.waitSignal(model.cases_edited):
        model.append([TestCase("Second", vars={"tone": "dry"})])
    assert model.variables == ["name", "tone"] and model.columnCount() == 5
    assert model.index(1, 2).data() == "dry" and model.index(1, 1).data() == ""
    assert not model.flags(model.index(0, model.assertions_column)) & Qt.ItemFlag.ItemIsEditable
    model.remove_rows([0])
    assert [c.input for c in model.cases] == ["Second"]


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        (AssertionKind.MAX_WORDS, "forty", "max-words needs a number, not “forty”."),
        (AssertionKind.LATENCY_MS, "-5", "latency-ms needs a number above 0."),
        (AssertionKind.CONTAINS, "  ", "contains needs a text to look for."),
        (AssertionKind.REGEX, "(", "the regex “(” does not compile"),
    ],
)
def test_a_check_typed_wrong_is_refused_plainly(
    kind: AssertionKind, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_assertion(kind, text)


def test_the_checks_dialog_keeps_valid_checks_and_names_a_wrong_one(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = AssertionsDialog([Assertion(AssertionKind.CONTAINS, "refund")], "Checks", parent)
    dialog.add_row(Assertion(AssertionKind.MAX_WORDS, "x"))
    dialog._on_ok()
    assert (
        dialog.message.text() == "Check 2: max-words needs a number, not “x”. Fix it or remove it."
    )
    assert dialog.result_asserts == (Assertion(AssertionKind.CONTAINS, "refund"),)
    value = dialog.table.cellWidget(1, 1)
    value.setText("40")  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.accepted):
        dialog._on_ok()
    assert dialog.result_asserts[1] == Assertion(AssertionKind.MAX_WORDS, 40)


def test_prompt_choices_are_written_as_the_file_format_names_them() -> None:
    summary = PromptSummary(3, "Support bot", 4, (("production", 2),))
    assert library_picks(summary) == ["production", "v4", "v3", "v2", "v1"]
    choice = choice_from_library(summary, "production", ["support-bot-production"])
    assert choice == PromptChoice(id="support-bot-production-2", library="Support bot@production")
    assert unique_id("  ", []) == "prompt"
    assert describe(PromptChoice("own", system="Be   brief.")) == "own: “Be brief.”"
    assert describe(PromptChoice("bare", system="", params={"temperature": 0.2})) == (
        "bare: no system prompt (temperature=0.2)"
    )


def result(test: int, prompt: str, repeat: int, text: str, passed: bool = True) -> RequestResult:
    return RequestResult(
        key=ResultKey(test, prompt, repeat),
        response=text,
        finish_reason="stop",
        prompt_tokens=10,
        completion_tokens=5,
        ttft_ms=120.0,
        tokens_per_s=40.0,
        duration_ms=250.0,
        error=None,
        error_kind=None,
        assertions=(AssertionResult(AssertionKind.CONTAINS, passed, "" if passed else "no"),),
        seed=7,
        request_sha256="0" * 64,
    )


def test_the_grid_gathers_results_arriving_together_into_one_redraw(qtbot: QtBot) -> None:
    grid = ResultsGridModel(frame_ms=5)
    cases = tuple(TestCase(f"Q{n}") for n in range(200))
    test_set = TestSet("Bench", (PromptChoice("a", system=""), PromptChoice("b", system="")), cases)
    grid.set_live(True)  # a run is asking: cells not answered yet are waiting
    grid.set_plan(test_set, ["a", "b"], ["a", "b"], repeat=3)
    changed: list[Any] = []
    grid.dataChanged.connect(lambda *args: changed.append(args))
    for n in range(200):
        for repeat in range(3):
            grid.add_result(result(n, "a", repeat, "Yes" if repeat else "No", passed=repeat > 0))
    assert changed == []  # nothing redrawn per result
    qtbot.waitUntil(lambda: grid.flushes == 1)
    assert len(changed) == 200 + 2  # each changed cell once, and the summary row's cells
    assert grid.filled == 600
    cell = grid.index(SUMMARY_ROWS, 0).data()
    assert cell.startswith("2 distinct of 3: Yes") and "✗ 2/3 passed" in cell
    assert grid.index(SUMMARY_ROWS, 1).data() == "waiting (0 of 3)"
    assert grid.index(0, 0).data().startswith("Pass rate 67%")
    assert grid.cell_at(grid.index(0, 0)) is None
    assert grid.cell_at(grid.index(SUMMARY_ROWS + 4, 1)) == (4, "b")


def test_the_summary_row_added_up_cell_by_cell_is_the_core_s_own(qtbot: QtBot) -> None:
    grid = ResultsGridModel(frame_ms=5)
    cases = tuple(TestCase(f"Q{n}") for n in range(30))
    test_set = TestSet("S", (PromptChoice("a", system=""), PromptChoice("b", system="")), cases)
    grid.set_plan(test_set, ["a", "b"], ["a", "b"], repeat=3)
    for n in range(30):
        for prompt in ("a", "b"):
            for repeat in range(3 if n % 4 else 2):  # some cells unfinished
                found = result(n, prompt, repeat, f"answer {(n * repeat) % 3}", n % 3 > 0)
                if n % 5 == 0 and repeat == 1:
                    found = replace(found, error="The server hung up.", duration_ms=None)
                grid.add_result(replace(found, duration_ms=found.duration_ms and 100.0 + n))
    grades = {(1, "a"): Grade(True, 4), (2, "a"): Grade(False, 2), (3, "b"): Grade(score=5)}
    for (test, prompt), grade in grades.items():
        grid.set_grade(test, prompt, grade)
    expected = prompt_summaries(grid.results, grades, ["a", "b"])
    for mine, core in zip(grid._summaries, expected, strict=True):
        assert replace(mine, mean_latency_ms=None, distinct_ratio=None) == replace(
            core, mean_latency_ms=None, distinct_ratio=None
        )
        assert mine.mean_latency_ms == pytest.approx(core.mean_latency_ms)
        assert mine.distinct_ratio == pytest.approx(core.distinct_ratio)


def test_grades_read_as_emoji_or_as_words() -> None:
    assert grade_text(Grade(True, 4, "ok")) == "👍 4/5 💬"
    assert grade_text(Grade(False), WORD_MARKS) == "Bad"
    assert grade_text(Grade(score=2, comment="vague"), WORD_MARKS) == "2/5 commented"
    assert grade_text(Grade()) == ""


def test_a_preset_becomes_its_prompt_at_the_same_version_with_its_parameters(
    tmp_path: Path,
) -> None:
    store = HistoryStore.open(tmp_path / "history.db")
    try:
        library = store.prompts
        made = library.create("Support bot", "Help.", (), "")
        library.save_version(made.prompt_id, "Help kindly.", (), "")
        params = SamplingParams(temperature=0.3, seed=7)
        pinned = library.save_preset(
            Preset(0, "Kind support", f"{made.prompt_id}@2", params=params)
        )
        bare = library.save_preset(Preset(0, "Just params", "", params=SamplingParams(top_k=5)))
        assert choice_from_preset(pinned, library, []) == PromptChoice(
            id="kind-support",
            library="Support bot@v2",
            params={"temperature": 0.3, "seed": 7},
        )
        assert choice_from_preset(bare, library, ["just-params"]) == PromptChoice(
            id="just-params-2", system="", params={"top_k": 5}
        )
    finally:
        store.close()
