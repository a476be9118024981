"""Paints the results grid's cells: their lines cut to the column once, then drawn as laid out.

Qt's own delegate lays out and elides every line of every visible cell on each paint; a grid
that scrolls a page a frame while it fills repaints some thirty cells each time, and that
layout was most of the window's time on the GUI thread. Here a cell's lines are cut to the
column's width once per text and width, and kept (a bounded cache) until they change.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPalette, QPen, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

#: Cut lines kept; a full 200 × 3 grid at two widths fits, and the cache starts over past it.
CACHE_LIMIT = 8192
PADDING = 3
_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_Index = QModelIndex | QPersistentModelIndex


class CellDelegate(QStyledItemDelegate):
    """Background, selection and the cell's lines, each cut with "…" to fit."""

    def __init__(self, parent: QObject | None = None, *, cache_limit: int = CACHE_LIMIT) -> None:
        super().__init__(parent)
        self._cache_limit = cache_limit
        self._cut: dict[tuple[str, int, bool], list[QStaticText]] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        model = index.model()
        rect = QRect(option.rect)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.brush(QPalette.ColorRole.Highlight))
        else:
            background = model.data(index, _BACKGROUND)
            if isinstance(background, QColor | QBrush):
                painter.fillRect(rect, background)
        if option.state & QStyle.StateFlag.State_HasFocus:  # the keyboard's place in the grid
            painter.save()
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.restore()
        text = model.data(index, _DISPLAY)
        if not isinstance(text, str) or not text:
            return
        font = model.data(index, _FONT)
        bold = font is not None
        painter.save()
        if bold:
            painter.setFont(font)
        metrics = painter.fontMetrics()
        width = rect.width() - 2 * PADDING
        lines = self.lines(text, width, bold, metrics)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        step = metrics.lineSpacing()
        x, y = rect.left() + PADDING, rect.top() + PADDING
        for line in lines:
            if y + step > rect.bottom() + step // 2:
                break  # no room for another line: the details pane shows it all
            painter.drawStaticText(x, y, line)
            y += step
        painter.restore()

    def lines(self, text: str, width: int, bold: bool, metrics: QFontMetrics) -> list[QStaticText]:
        """The cell's lines as painted at `width` pixels: each cut with "…" where too long."""
        key = (text, width, bold)
        found = self._cut.get(key)
        if found is None:
            if len(self._cut) >= self._cache_limit:
                self._cut.clear()
            cut = Qt.TextElideMode.ElideRight
            found = self._cut[key] = [
                _static(metrics.elidedText(line, cut, width)) for line in text.split("\n")
            ]
        return found

    @property
    def cached(self) -> int:
        """How many cells' cut lines are kept (bounded by the cache limit)."""
        return len(self._cut)


def _static(line: str) -> QStaticText:
    """A line laid out once (QStaticText keeps its glyphs), never read as rich text."""
    static = QStaticText(line)
    static.setTextFormat(Qt.TextFormat.PlainText)
    return static
