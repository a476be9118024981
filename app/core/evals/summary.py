"""What a run's results add up to: per cell, per prompt, and what changed since the last run.

The grid, `llamadesk eval`'s table and its exports all read these, so a figure means the same
wherever it is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from app.core.evals.answers import AnswerGroup, answer_key, group_answers
from app.core.evals.model import AssertionKind, Grade, RequestResult, ResultKey


@dataclass(frozen=True)
class CheckTally:
    """One of a case's checks over the cell's repeats: how many replies it held for."""

    kind: AssertionKind
    passed: int
    total: int


@dataclass(frozen=True)
class CellSummary:
    """One (case, prompt) cell: its R results summed up."""

    total: int  # results in the cell
    passed: int  # results with no error whose every check held
    #: Results with a check to pass; a case with none has no pass or fail, only answers.
    checked: int
    #: The distinct answers of the requests that did not fail, most common first.
    groups: tuple[AnswerGroup, ...]
    checks: tuple[CheckTally, ...]  # one per check of the case, in the case's order
    mean_ttft_ms: float | None
    mean_tokens_per_s: float | None
    mean_duration_ms: float | None
    prompt_tokens: int | None  # summed over the results that reported usage
    completion_tokens: int | None
    finish_reasons: tuple[tuple[str, int], ...]  # (reason, how many), most common first
    errors: tuple[str, ...]  # each distinct plain message once, in order of first seen

    @property
    def distinct(self) -> int:
        return len(self.groups)

    @property
    def answered(self) -> int:
        """Results that gave an answer (did not fail)."""
        return sum(group.count for group in self.groups)

    @property
    def most_common(self) -> str | None:
        return self.groups[0].text if self.groups else None

    @property
    def all_passed(self) -> bool:
        return self.total > 0 and self.passed == self.total

    @property
    def has_checks(self) -> bool:
        return self.checked > 0


def cell_summary(results: Sequence[RequestResult]) -> CellSummary:
    """The summary of one cell's results (any order; repeats are numbered by their key)."""
    ordered = sorted(results, key=lambda result: result.key.repeat)
    answered = [result for result in ordered if result.error is None]
    positional = group_answers([result.response for result in answered])
    groups = tuple(
        AnswerGroup(group.text, group.count, tuple(answered[i].key.repeat for i in group.repeats))
        for group in positional
    )
    reasons = Counter(result.finish_reason for result in ordered if result.finish_reason)
    return CellSummary(
        total=len(ordered),
        passed=sum(result.passed for result in ordered),
        checked=sum(bool(result.assertions) for result in ordered),
        groups=groups,
        checks=_tally(ordered),
        mean_ttft_ms=_mean(result.ttft_ms for result in ordered),
        mean_tokens_per_s=_mean(result.tokens_per_s for result in ordered),
        mean_duration_ms=_mean(result.duration_ms for result in ordered),
        prompt_tokens=_sum(result.prompt_tokens for result in ordered),
        completion_tokens=_sum(result.completion_tokens for result in ordered),
        finish_reasons=tuple(reasons.most_common()),
        errors=tuple(dict.fromkeys(result.error for result in ordered if result.error)),
    )


def _tally(results: Sequence[RequestResult]) -> tuple[CheckTally, ...]:
    width = max((len(result.assertions) for result in results), default=0)
    tallies: list[CheckTally] = []
    for index in range(width):
        outcomes = [r.assertions[index] for r in results if index < len(r.assertions)]
        passed = sum(outcome.passed for outcome in outcomes)
        tallies.append(CheckTally(outcomes[0].kind, passed, len(outcomes)))
    return tuple(tallies)


def _mean(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return fmean(known) if known else None


def _sum(values: Iterable[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def cells(results: Mapping[ResultKey, RequestResult]) -> dict[tuple[int, str], list[RequestResult]]:
    """Results by (case, prompt) cell, in key order."""
    by_cell: dict[tuple[int, str], list[RequestResult]] = {}
    for key in sorted(results):
        by_cell.setdefault((key.test, key.prompt), []).append(results[key])
    return by_cell


@dataclass(frozen=True)
class PromptRow:
    """One prompt's line in the summary row (None: nothing to say yet)."""

    prompt: str
    total: int  # results
    passed: int  # of the checked results
    pass_rate: float | None  # passed / checked; None when no result had a check
    mean_grade: float | None  # of the 1–5 scores given
    thumbs_up: int
    thumbs_down: int
    mean_latency_ms: float | None  # of whole requests
    #: Distinct answers per answered request, averaged over the cells with two or more
    #: answers: 1/R when every repeat said the same, 1.0 when no two agreed.
    distinct_ratio: float | None
    errors: int  # results that failed
    #: Results of cases with checks: the only ones a pass rate is about.
    checked: int = 0


def prompt_summaries(
    results: Mapping[ResultKey, RequestResult],
    grades: Mapping[tuple[int, str], Grade],
    prompt_ids: Sequence[str],
) -> list[PromptRow]:
    """A row per prompt, in `prompt_ids` order."""
    by_cell = cells(results)
    rows: list[PromptRow] = []
    for prompt in prompt_ids:
        mine = [r for key, r in results.items() if key.prompt == prompt]
        summaries = [cell_summary(found) for (_, p), found in by_cell.items() if p == prompt]
        ratios = [s.distinct / s.answered for s in summaries if s.answered >= 2]
        given = [grade for (_, p), grade in grades.items() if p == prompt]
        checked = [result for result in mine if result.assertions]
        passed = sum(result.passed for result in checked)
        rows.append(
            PromptRow(
                prompt=prompt,
                total=len(mine),
                passed=passed,
                pass_rate=passed / len(checked) if checked else None,
                mean_grade=_mean(g.score for g in given),
                thumbs_up=sum(g.thumb is True for g in given),
                thumbs_down=sum(g.thumb is False for g in given),
                mean_latency_ms=_mean(result.duration_ms for result in mine),
                distinct_ratio=fmean(ratios) if ratios else None,
                errors=sum(result.error is not None for result in mine),
                checked=len(checked),
            )
        )
    return rows


@dataclass(frozen=True)
class CellChange:
    """A cell whose outcome or most common answer differs from the previous run's."""

    test: int
    prompt: str
    was_passed: bool
    now_passed: bool
    answer_changed: bool
    before: str  # the most common answer then ("" when every request failed)
    after: str

    @property
    def flipped(self) -> bool:
        return self.was_passed != self.now_passed


def run_changes(
    previous: Mapping[ResultKey, RequestResult], current: Mapping[ResultKey, RequestResult]
) -> list[CellChange]:
    """Cells in both runs that flipped pass/fail or whose most common answer changed."""
    before_cells, after_cells = cells(previous), cells(current)
    changes: list[CellChange] = []
    for cell in sorted(before_cells.keys() & after_cells.keys()):
        was, now = cell_summary(before_cells[cell]), cell_summary(after_cells[cell])
        before, after = was.most_common or "", now.most_common or ""
        # The same answers as often as before are no change, whichever of a tie shows first.
        answer_changed = _answer_counts(was) != _answer_counts(now)
        if was.all_passed != now.all_passed or answer_changed:
            test, prompt = cell
            changes.append(
                CellChange(
                    test, prompt, was.all_passed, now.all_passed, answer_changed, before, after
                )
            )
    return changes


def _answer_counts(cell: CellSummary) -> Counter[str]:
    """How often the cell gave each distinct answer."""
    return Counter({answer_key(group.text): group.count for group in cell.groups})
