"""The results grid as a table model: one row per case, one column per prompt, summary on top.

Results arrive one by one (up to thousands a minute); the model collects them and redraws
the changed cells at most once a frame, so the view never paints per result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics

from app.core.evals.model import Grade, RequestResult, ResultKey, TestSet
from app.core.evals.summary import CellSummary, PromptRow, cell_summary
from app.ui.evals.cell_text import (
    EMOJI_MARKS,
    WORD_MARKS,
    cell_lines,
    cell_tooltip,
    grade_text,
    summary_lines,
)
from app.ui.evals.summary_row import SummaryRows

#: How often gathered results reach the view: about one frame.
FRAME_MS = 16
SUMMARY_ROWS = 1
_Index = QModelIndex | QPersistentModelIndex
# Roles as plain ints: data() is asked for a dozen roles per cell and paint, and comparing
# ints is what keeps a scrolling grid cheap while it fills.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ANSWERED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _BACKGROUND, _ACCESSIBLE, _FONT})


class ResultsGridModel(QAbstractTableModel):
    """Cases × prompts; row 0 is each prompt's summary (pass rate, grade, latency, spread)."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        frame_ms: int = FRAME_MS,
    ) -> None:
        super().__init__(parent)
        self._cases: list[str] = []
        self._prompt_ids: list[str] = []
        self._headers: list[str] = []
        self._repeat = 1
        self._waiting_text = ""
        self._expects: list[str | None] = []
        self._live = False
        self._row_labels: list[str] = []
        self._results: dict[ResultKey, RequestResult] = {}
        self._by_cell: dict[tuple[int, str], list[RequestResult]] = {}
        self._cells: dict[tuple[int, str], CellSummary] = {}
        self._texts: dict[tuple[int, str], str] = {}  # what each cell shows, made once a change
        self._rows = SummaryRows()
        self._grades: dict[tuple[int, str], Grade] = {}
        self._summaries: list[PromptRow] = []
        self._dirty: set[tuple[int, str]] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(frame_ms)
        self._flush.timeout.connect(self._on_flush_timeout)
        self.pass_colour = QColor(46, 160, 67, 40)
        self.fail_colour = QColor(218, 54, 51, 48)
        self.marks = grade_marks(QFont())
        self.flushes = 0  # how many redraws were asked (tests and the benchmark read it)

    # -- what is shown -----------------------------------------------------------------------

    def set_plan(
        self,
        test_set: TestSet,
        prompt_ids: Sequence[str],
        headers: Sequence[str],
        repeat: int,
        results: Mapping[ResultKey, RequestResult] | None = None,
        grades: Mapping[tuple[int, str], Grade] | None = None,
    ) -> None:
        """A run's shape and whatever it already holds (a stored or resumed run)."""
        self.beginResetModel()
        self._flush.stop()
        self._dirty.clear()
        self._cases = [case.input for case in test_set.tests]
        self._expects = [case.expect for case in test_set.tests]
        self._prompt_ids = list(prompt_ids)
        self._headers = list(headers)
        self._repeat = repeat
        self._waiting_text = (
            QCoreApplication.translate("ResultsGridModel", "waiting (0 of {repeat})").format(
                repeat=repeat
            )
            if self._live
            else QCoreApplication.translate("ResultsGridModel", "not asked")
        )
        self._row_labels = [_row_label(n, text) for n, text in enumerate(self._cases, start=1)]
        self._results = dict(results or {})
        self._grades = dict(grades or {})
        self._by_cell, self._cells, self._texts = {}, {}, {}
        self._rows.clear()
        for result in sorted(self._results.values(), key=lambda r: r.key):
            self._by_cell.setdefault((result.key.test, result.key.prompt), []).append(result)
        for cell in self._by_cell:
            self._recount(cell)
        self._summaries = self._rows.rows(self._prompt_ids, self._grades)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._flush.stop()
        self._cases, self._prompt_ids, self._headers, self._row_labels = [], [], [], []
        self._results, self._by_cell, self._cells, self._grades = {}, {}, {}, {}
        self._texts, self._summaries, self._dirty = {}, [], set()
        self._expects = []
        self._rows.clear()
        self.endResetModel()

    def add_result(self, result: RequestResult) -> None:
        """One finished request; shown with the others that arrive in the same frame."""
        key = result.key
        if key.prompt not in self._prompt_ids or not 0 <= key.test < len(self._cases):
            return  # not this run's (a late event after the grid moved on)
        cell = (key.test, key.prompt)
        found = self._by_cell.setdefault(cell, [])
        if key in self._results:
            found[:] = [r for r in found if r.key != key]
        self._results[key] = result
        found.append(result)
        self._dirty.add(cell)
        if not self._flush.isActive():
            self._flush.start()

    def set_grade(self, test: int, prompt: str, grade: Grade) -> None:
        self._grades[(test, prompt)] = grade
        self._dirty.add((test, prompt))
        self.flush_now()

    def flush_now(self) -> None:
        """Show what has arrived without waiting for the frame (a run that just ended)."""
        self._flush.stop()
        self._on_flush_timeout()

    def _on_flush_timeout(self) -> None:
        if not self._dirty:
            return
        dirty, self._dirty = self._dirty, set()
        for cell in dirty:
            self._recount(cell)
        self._summaries = self._rows.rows(self._prompt_ids, self._grades)
        self.flushes += 1
        # One signal per changed cell: a view repaints just those cells, where a signal
        # spanning several rows and columns repaints the whole viewport.
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole]
        for test, prompt in dirty:
            changed = self.index(test + SUMMARY_ROWS, self._prompt_ids.index(prompt))
            self.dataChanged.emit(changed, changed, roles)
        for column in range(len(self._prompt_ids)):
            summary = self.index(0, column)
            self.dataChanged.emit(summary, summary, roles)

    def _recount(self, cell: tuple[int, str]) -> None:
        """One cell's summary, its words and its share of the summary row, made again."""
        found = self._by_cell.get(cell)
        if not found:
            return
        found.sort(key=lambda r: r.key)
        summary = self._cells[cell] = cell_summary(found)
        self._rows.update(cell, found)
        lines = cell_lines(summary, self._repeat)
        grade = self._grades.get(cell)
        if grade is not None and (marks := grade_text(grade, self.marks)):
            lines.append(marks)
        self._texts[cell] = "\n".join(lines)

    # -- reading cells -------------------------------------------------------------------------

    def cell_at(self, index: _Index) -> tuple[int, str] | None:
        """(case, prompt id) of a case cell; None for the summary row or nothing."""
        if not index.isValid() or index.row() < SUMMARY_ROWS:
            return None
        return index.row() - SUMMARY_ROWS, self._prompt_ids[index.column()]

    def cell_results(self, test: int, prompt: str) -> list[RequestResult]:
        return list(self._by_cell.get((test, prompt), ()))

    def summary(self, test: int, prompt: str) -> CellSummary | None:
        return self._cells.get((test, prompt))

    def grade(self, test: int, prompt: str) -> Grade:
        return self._grades.get((test, prompt), Grade())

    def case_input(self, test: int) -> str:
        return self._cases[test]

    def case_expect(self, test: int) -> str | None:
        """The case's ideal answer, when it has one."""
        return self._expects[test] if 0 <= test < len(self._expects) else None

    def set_live(self, live: bool) -> None:
        """A run is asking (cells not answered yet are waiting) or not (they were not asked)."""
        self._live = live
        waiting = (
            QCoreApplication.translate("ResultsGridModel", "waiting (0 of {repeat})").format(
                repeat=self._repeat
            )
            if live
            else QCoreApplication.translate("ResultsGridModel", "not asked")
        )
        if waiting == self._waiting_text:
            return
        self._waiting_text = waiting
        if self._cases and self._prompt_ids:
            last = self.index(len(self._cases) + SUMMARY_ROWS - 1, len(self._prompt_ids) - 1)
            self.dataChanged.emit(self.index(SUMMARY_ROWS, 0), last, [Qt.ItemDataRole.DisplayRole])

    def header(self, prompt: str) -> str:
        return self._headers[self._prompt_ids.index(prompt)]

    @property
    def results(self) -> dict[ResultKey, RequestResult]:
        return dict(self._results)

    @property
    def filled(self) -> int:
        return len(self._results)

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or not self._prompt_ids else len(self._cases) + SUMMARY_ROWS

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._prompt_ids)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        if section < SUMMARY_ROWS:
            return QCoreApplication.translate("ResultsGridModel", "Summary")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cases[section - SUMMARY_ROWS][:2000]
        return self._row_labels[section - SUMMARY_ROWS]

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        role = int(role)
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        row = index.row()
        if row < SUMMARY_ROWS:
            return self._summary_data(index.column(), role)
        if role == _FONT:
            return None
        cell = (row - SUMMARY_ROWS, self._prompt_ids[index.column()])
        if role == _DISPLAY:
            return self._texts.get(cell, self._waiting)
        found = self._cells.get(cell)
        if found is None:
            return None
        if role == _BACKGROUND:
            if not found.has_checks and not found.errors:
                return None  # nothing to pass or fail: no colour says either
            return self.pass_colour if found.all_passed else self.fail_colour
        if role == _TOOLTIP:
            return cell_tooltip(found, self._repeat)
        return "; ".join(cell_lines(found, self._repeat))

    @property
    def _waiting(self) -> str:
        return self._waiting_text

    def _summary_data(self, column: int, role: int) -> Any:
        if column >= len(self._summaries):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return "\n".join(summary_lines(self._summaries[column]))
        if role == _FONT:
            font = QFont()
            font.setBold(True)
            return font
        return None


def grade_marks(font: QFont) -> tuple[str, str, str]:
    """Emoji when the font (or its fallbacks) draws them, else words."""
    metrics = QFontMetrics(font)
    drawn = all(metrics.inFontUcs4(ord(mark)) for mark in EMOJI_MARKS)
    if drawn:
        return EMOJI_MARKS
    good, bad, commented = (QCoreApplication.translate("CellText", word) for word in WORD_MARKS)
    return good, bad, commented


def _row_label(number: int, text: str) -> str:
    """ "3. Where is my invoice?" — a case's input on one line, cut at 40 characters."""
    line = " ".join(text.split())
    return f"{number}. {line[:40]}…" if len(line) > 40 else f"{number}. {line}"
