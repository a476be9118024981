"""The grid's summary row kept up to date cell by cell, with the core's own figures.

`prompt_summaries` reads every result of a run; over 1,800 results that takes tens of
milliseconds, too long to repeat on the GUI thread while cells fill. The core's function is
asked about the one cell that changed instead, and the rows are added up here: sums add,
the latency mean is weighted by how many requests reported one, the distinct ratio is the
mean over cells (as the core defines it), and grades are the core's own over all grades.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.core.evals.model import Grade, RequestResult
from app.core.evals.summary import PromptRow, prompt_summaries


class SummaryRows:
    """Per-cell rows of the core's summary, kept added up per prompt as cells change.

    A flush used to add up every cell of every prompt again (a millisecond a frame over a
    1,800-result run); a changed cell now takes its old share out of its prompt's sums and
    puts its new one in, so reading the rows costs the same at any size.
    """

    def __init__(self) -> None:
        self._cells: dict[tuple[int, str], tuple[PromptRow, int]] = {}
        self._sums: dict[str, _Sums] = {}

    def clear(self) -> None:
        self._cells.clear()
        self._sums.clear()

    def update(self, cell: tuple[int, str], results: Sequence[RequestResult]) -> None:
        """The cell's results changed: its row, and how many of them reported a latency."""
        row = prompt_summaries({r.key: r for r in results}, {}, [cell[1]])[0]
        timed = sum(r.duration_ms is not None for r in results)
        sums = self._sums.setdefault(cell[1], _Sums())
        old = self._cells.get(cell)
        if old is not None:
            sums.add(*old, sign=-1)
        self._cells[cell] = (row, timed)
        sums.add(row, timed, sign=1)

    def rows(
        self, prompt_ids: Sequence[str], grades: Mapping[tuple[int, str], Grade]
    ) -> list[PromptRow]:
        graded = {row.prompt: row for row in prompt_summaries({}, grades, prompt_ids)}
        return [self._sums.get(p, _Sums()).row(p, graded[p]) for p in prompt_ids]


class _Sums:
    """One prompt's cells added up: counts exactly, the means as weighted sums."""

    def __init__(self) -> None:
        self.total = self.passed = self.checked = self.errors = 0
        self.latency = 0.0  # sum of each cell's mean latency × its timed requests
        self.timed = 0
        self.ratio = 0.0  # sum of the cells' distinct ratios
        self.ratios = 0

    def add(self, row: PromptRow, timed: int, *, sign: int) -> None:
        self.total += sign * row.total
        self.passed += sign * row.passed
        self.checked += sign * row.checked
        self.errors += sign * row.errors
        if row.mean_latency_ms is not None:
            self.latency += sign * row.mean_latency_ms * timed
            self.timed += sign * timed
        if row.distinct_ratio is not None:
            self.ratio += sign * row.distinct_ratio
            self.ratios += sign

    def row(self, prompt: str, graded: PromptRow) -> PromptRow:
        return PromptRow(
            prompt=prompt,
            total=self.total,
            passed=self.passed,
            pass_rate=self.passed / self.checked if self.checked else None,
            mean_grade=graded.mean_grade,
            thumbs_up=graded.thumbs_up,
            thumbs_down=graded.thumbs_down,
            mean_latency_ms=self.latency / self.timed if self.timed else None,
            distinct_ratio=self.ratio / self.ratios if self.ratios else None,
            errors=self.errors,
            checked=self.checked,
        )
