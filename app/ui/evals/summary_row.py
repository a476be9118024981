"""The grid's summary row kept up to date cell by cell, with the core's own figures.

`prompt_summaries` reads every result of a run; over 1,800 results that takes tens of
milliseconds, too long to repeat on the GUI thread while cells fill. The core's function is
asked about the one cell that changed instead, and the rows are added up here: sums add,
the latency mean is weighted by how many requests reported one, the distinct ratio is the
mean over cells (as the core defines it), and grades are the core's own over all grades.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import fmean

from app.core.evals.model import Grade, RequestResult
from app.core.evals.summary import PromptRow, prompt_summaries


class SummaryRows:
    """Per-cell rows of the core's summary, combined per prompt on demand."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, str], tuple[PromptRow, int]] = {}

    def clear(self) -> None:
        self._cells.clear()

    def update(self, cell: tuple[int, str], results: Sequence[RequestResult]) -> None:
        """The cell's results changed: its row, and how many of them reported a latency."""
        row = prompt_summaries({r.key: r for r in results}, {}, [cell[1]])[0]
        timed = sum(r.duration_ms is not None for r in results)
        self._cells[cell] = (row, timed)

    def rows(
        self, prompt_ids: Sequence[str], grades: Mapping[tuple[int, str], Grade]
    ) -> list[PromptRow]:
        graded = {row.prompt: row for row in prompt_summaries({}, grades, prompt_ids)}
        by_prompt: dict[str, list[tuple[PromptRow, int]]] = {p: [] for p in prompt_ids}
        for (_, prompt), found in self._cells.items():
            if prompt in by_prompt:
                by_prompt[prompt].append(found)
        return [_combined(p, by_prompt[p], graded[p]) for p in prompt_ids]


def _combined(prompt: str, cells: list[tuple[PromptRow, int]], graded: PromptRow) -> PromptRow:
    total = sum(row.total for row, _ in cells)
    passed = sum(row.passed for row, _ in cells)
    checked = sum(row.checked for row, _ in cells)
    timed = [(row.mean_latency_ms, n) for row, n in cells if row.mean_latency_ms is not None]
    weight = sum(n for _, n in timed)
    ratios = [row.distinct_ratio for row, _ in cells if row.distinct_ratio is not None]
    return PromptRow(
        prompt=prompt,
        total=total,
        passed=passed,
        pass_rate=passed / checked if checked else None,
        mean_grade=graded.mean_grade,
        thumbs_up=graded.thumbs_up,
        thumbs_down=graded.thumbs_down,
        mean_latency_ms=sum(m * n for m, n in timed) / weight if weight else None,
        distinct_ratio=fmean(ratios) if ratios else None,
        errors=sum(row.errors for row, _ in cells),
        checked=checked,
    )
