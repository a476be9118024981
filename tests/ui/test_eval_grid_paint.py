"""The results grid's painting: lines cut once to the column, kept bounded, and the progress
bar painted with the next frame instead of at once on every value."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from app.core.evals.model import PromptChoice, RequestResult, ResultKey, TestCase, TestSet
from app.ui.evals.cell_delegate import CellDelegate
from app.ui.evals.results_model import SUMMARY_ROWS, ResultsGridModel
from app.ui.evals.results_view import ResultsView


def _result(test: int, prompt: str, text: str, error: str | None = None) -> RequestResult:
    return RequestResult(
        ResultKey(test, prompt, 0), text, "stop", 5, 9, 20.0, 80.0, 150.0,
        error, "server_error" if error else None, (), 1, None,
    )  # fmt: skip


def _view(qtbot: QtBot, cases: int = 30) -> tuple[ResultsView, ResultsGridModel]:
    grid = ResultsGridModel(frame_ms=1)
    view = ResultsView(grid, "#888")
    qtbot.addWidget(view)
    test_set = TestSet(
        name="Paint",
        prompts=(PromptChoice(id="a", system="x"), PromptChoice(id="b", system="y")),
        tests=tuple(TestCase(input=f"Case {n}") for n in range(cases)),
    )
    grid.set_plan(test_set, ["a", "b"], ["a", "b"], 1)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    return view, grid


def test_a_long_line_is_cut_with_an_ellipsis_to_the_column_and_short_ones_kept(
    qtbot: QtBot,
) -> None:
    delegate = CellDelegate()
    metrics = _metrics()
    long_line = "word " * 200
    lines = delegate.lines(f"{long_line}\nshort", 120, False, metrics)
    first, second = (line.text() for line in lines)
    assert first.endswith("…") and metrics.horizontalAdvance(first) <= 120
    assert second == "short"
    # asked again at the same width: the same laid-out lines, not cut again
    assert delegate.lines(f"{long_line}\nshort", 120, False, metrics) is lines
    wider = delegate.lines(f"{long_line}\nshort", 300, False, metrics)
    assert len(wider[0].text()) > len(first)  # a wider column shows more of the line


def _metrics() -> QFontMetrics:
    return QFontMetrics(QFont())


def test_the_cut_lines_kept_stay_within_the_limit(qtbot: QtBot) -> None:
    delegate = CellDelegate(cache_limit=3)
    metrics = _metrics()
    for n in range(10):
        delegate.lines(f"reply {n}", 100, False, metrics)
        assert delegate.cached <= 3
    assert [line.text() for line in delegate.lines("reply 9", 100, False, metrics)] == ["reply 9"]


def test_the_grid_paints_each_cells_new_text_and_its_pass_or_fail_colour(qtbot: QtBot) -> None:
    view, grid = _view(qtbot)
    delegate = view.grid.itemDelegate()
    assert isinstance(delegate, CellDelegate)
    grid.add_result(_result(0, "a", "first answer"))
    grid.add_result(_result(1, "a", "", error="the server failed"))
    qtbot.waitUntil(lambda: grid.flushes >= 1)
    view.grid.viewport().repaint()
    assert delegate.cached >= 2  # what was painted came through the delegate
    before = delegate.cached
    grid.add_result(_result(0, "a", "second answer"))
    grid.flush_now()
    view.grid.viewport().repaint()
    assert delegate.cached > before  # the changed cell's new text was laid out and painted
    image = view.grid.viewport().grab().toImage()
    failed = view.grid.visualRect(grid.index(1 + SUMMARY_ROWS, 0))
    empty = view.grid.visualRect(grid.index(2 + SUMMARY_ROWS, 0))
    fail_pixel = QColor(image.pixel(failed.left() + 2, failed.bottom() - 2))
    empty_pixel = QColor(image.pixel(empty.left() + 2, empty.bottom() - 2))
    assert fail_pixel != empty_pixel  # the failed cell is coloured, a waiting one is not


class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_progress_is_painted_with_the_next_frame_not_at_once(qtbot: QtBot) -> None:
    view, _ = _view(qtbot, cases=2)
    counter = _PaintCounter()
    view.progress.installEventFilter(counter)
    view.progress.update()
    qtbot.waitUntil(lambda: counter.paints > 0)  # the window's first paint is behind it
    counter.paints = 0
    view.show_progress(1, 4, None)  # a quarter: QProgressBar would repaint right here
    assert counter.paints == 0
    assert view.progress.value() == 1 and view.progress.maximum() == 4
    qtbot.waitUntil(lambda: counter.paints > 0)  # painted with the next frame
    assert view.progress_label.text() == "1 of 4"


def test_the_current_cell_shows_where_the_keyboard_is(qtbot: QtBot) -> None:
    view, grid = _view(qtbot, cases=4)
    view.activateWindow()
    view.grid.setFocus()
    qtbot.waitUntil(view.grid.hasFocus)
    current = grid.index(2 + SUMMARY_ROWS, 0)
    view.grid.setCurrentIndex(current)
    view.grid.viewport().repaint()
    rect = view.grid.visualRect(current)
    image = view.grid.viewport().grab().toImage()
    edge = {QColor(image.pixel(rect.left(), y)).rgb() for y in range(rect.top(), rect.bottom())}
    inside = QColor(image.pixel(rect.left() + 2, rect.top() + rect.height() // 2))
    assert inside == view.grid.palette().color(view.grid.palette().ColorRole.Highlight)
    assert edge - {inside.rgb()}  # a dotted frame on the highlight
