"""Repeated replies grouped into distinct answers, and what cells, prompts and runs add up to."""

from __future__ import annotations

from dataclasses import replace

from app.core.evals.answers import AnswerGroup, group_answers
from app.core.evals.model import AssertionKind, AssertionResult, Grade, RequestResult, ResultKey
from app.core.evals.summary import CheckTally, cell_summary, prompt_summaries, run_changes


def test_equal_after_trimming_and_collapsing_whitespace_is_one_answer() -> None:
    groups = group_answers(["Yes.", "No.", " Yes.\n", "Yes.  ", "No.", "Maybe", "yes."])
    assert groups == [
        AnswerGroup("Yes.", 3, (0, 2, 3)),
        AnswerGroup("No.", 2, (1, 4)),
        AnswerGroup("Maybe", 1, (5,)),
        AnswerGroup("yes.", 1, (6,)),  # case matters: a different answer
    ]


def test_internal_whitespace_collapses_and_ties_keep_first_seen_order() -> None:
    groups = group_answers(["b  c", "a", "b\nc", "a"])
    assert groups == [AnswerGroup("b  c", 2, (0, 2)), AnswerGroup("a", 2, (1, 3))]
    assert group_answers([]) == []
    assert group_answers(["", "  "]) == [AnswerGroup("", 2, (0, 1))]


def _result(
    test: int,
    prompt: str,
    repeat: int,
    response: str,
    *,
    passed: bool = True,
    error: str | None = None,
    ttft: float | None = 100.0,
    duration: float | None = 400.0,
    finish: str | None = "stop",
) -> RequestResult:
    return RequestResult(
        key=ResultKey(test, prompt, repeat),
        response=response,
        finish_reason=finish,
        prompt_tokens=10 if error is None else None,
        completion_tokens=5 if error is None else None,
        ttft_ms=ttft,
        tokens_per_s=50.0 if error is None else None,
        duration_ms=duration,
        error=error,
        error_kind="server_error" if error else None,
        assertions=(AssertionResult(AssertionKind.CONTAINS, passed, "" if passed else "no"),),
        seed=repeat + 1,
        request_sha256="0" * 64,
    )


def test_a_cell_summary_counts_answers_checks_timings_and_errors() -> None:
    results = [
        _result(0, "a", 2, "Yes.", ttft=300.0),
        _result(0, "a", 0, "Yes. "),
        _result(0, "a", 1, "No.", passed=False, finish="length"),
        _result(
            0,
            "a",
            3,
            "",
            passed=False,
            error="The server broke.",
            ttft=None,
            duration=None,
            finish=None,
        ),
    ]
    cell = cell_summary(results)
    assert cell.groups == (AnswerGroup("Yes. ", 2, (0, 2)), AnswerGroup("No.", 1, (1,)))
    assert (cell.distinct, cell.answered, cell.most_common) == (2, 3, "Yes. ")
    assert (cell.passed, cell.total, cell.all_passed) == (2, 4, False)
    assert cell.checks == (CheckTally(AssertionKind.CONTAINS, 2, 4),)
    assert cell.mean_ttft_ms == (100 + 100 + 300) / 3
    assert cell.mean_tokens_per_s == 50.0 and cell.mean_duration_ms == 400.0
    assert (cell.prompt_tokens, cell.completion_tokens) == (30, 15)
    assert cell.finish_reasons == (("stop", 2), ("length", 1))
    assert cell.errors == ("The server broke.",)


def test_an_empty_cell_has_nothing_to_say() -> None:
    cell = cell_summary([])
    assert (cell.total, cell.distinct, cell.most_common, cell.all_passed) == (0, 0, None, False)
    assert cell.mean_ttft_ms is None and cell.prompt_tokens is None and cell.checks == ()


def _run(*results: RequestResult) -> dict[ResultKey, RequestResult]:
    return {result.key: result for result in results}


def test_prompt_rows_give_pass_rate_grades_latency_and_distinct_ratio() -> None:
    results = _run(
        _result(0, "a", 0, "Yes", duration=100.0),
        _result(0, "a", 1, "Yes", duration=300.0),
        _result(1, "a", 0, "One", passed=False),
        _result(1, "a", 1, "Two"),
        _result(0, "b", 0, "", error="Broke.", duration=None),
        _result(0, "b", 1, "Fine"),
    )
    grades = {
        (0, "a"): Grade(thumb=True, score=5),
        (1, "a"): Grade(score=2),
        (0, "b"): Grade(thumb=False),
    }
    row_a, row_b, row_c = prompt_summaries(results, grades, ["a", "b", "c"])
    assert (row_a.total, row_a.passed, row_a.pass_rate) == (4, 3, 0.75)
    assert (row_a.mean_grade, row_a.thumbs_up, row_a.thumbs_down) == (3.5, 1, 0)
    assert row_a.mean_latency_ms == (100 + 300 + 400 + 400) / 4
    assert row_a.distinct_ratio == (1 / 2 + 2 / 2) / 2
    assert row_a.errors == 0
    assert (row_b.errors, row_b.pass_rate, row_b.thumbs_down, row_b.mean_grade) == (1, 0.5, 1, None)
    assert row_b.distinct_ratio is None  # one answer per cell: nothing to compare
    assert (row_c.total, row_c.pass_rate, row_c.mean_latency_ms) == (0, None, None)


def test_run_changes_lists_flips_and_changed_answers_only() -> None:
    previous = _run(
        _result(0, "a", 0, "Same"),
        _result(1, "a", 0, "Old answer"),
        _result(2, "a", 0, "Was failing", passed=False),
        _result(3, "a", 0, "Only before"),
        _result(4, "a", 0, "Spacing  differs"),
    )
    current = _run(
        _result(0, "a", 0, "Same"),
        _result(1, "a", 0, "New answer"),
        _result(2, "a", 0, "Was failing"),
        _result(4, "a", 0, "Spacing differs\n"),
        _result(5, "a", 0, "Only now"),
    )
    changes = run_changes(previous, current)
    assert [(c.test, c.prompt, c.flipped, c.answer_changed) for c in changes] == [
        (1, "a", False, True),
        (2, "a", True, False),
    ]
    assert (changes[0].before, changes[0].after) == ("Old answer", "New answer")
    assert (changes[1].was_passed, changes[1].now_passed) == (False, True)


def test_a_case_with_no_checks_is_left_out_of_the_pass_rate() -> None:
    unchecked = replace(_result(1, "a", 0, "Anything"), assertions=())
    failed_unchecked = replace(_result(2, "a", 0, "", error="Broke."), assertions=())
    results = _run(_result(0, "a", 0, "Yes", passed=False), unchecked, failed_unchecked)
    (row,) = prompt_summaries(results, {}, ["a"])
    assert (row.total, row.checked, row.passed, row.pass_rate) == (3, 1, 0, 0.0)
    assert row.errors == 1  # the failed request still counts as a failure of its own
    cell = cell_summary([unchecked])
    assert (cell.has_checks, cell.checked, cell.total) == (False, 0, 1)
    assert cell_summary([results[ResultKey(0, "a", 0)]]).has_checks
    (only_unchecked,) = prompt_summaries(_run(unchecked), {}, ["a"])
    assert only_unchecked.pass_rate is None  # nothing was checked: no rate, not 100%


def test_tied_answers_given_in_another_order_are_no_change() -> None:
    previous = _run(_result(0, "a", 0, "Yes."), _result(0, "a", 1, "No."))
    current = _run(_result(0, "a", 0, "No."), _result(0, "a", 1, "Yes. "))
    assert run_changes(previous, current) == []
    # One answer more often than before is a change, though both remain.
    again = _run(_result(0, "a", 0, "No."), _result(0, "a", 1, "No."), _result(0, "a", 2, "Yes."))
    [change] = run_changes(previous, again)
    assert change.answer_changed and (change.before, change.after) == ("Yes.", "No.")
