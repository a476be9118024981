"""How the library window draws a prompt in its list: the name, then a muted line of details."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.prompts.library_models import PromptListModel

_Index = QModelIndex | QPersistentModelIndex


class PromptRowDelegate(QStyledItemDelegate):
    """Two lines a prompt: its name, then versions, labels and when it changed, muted."""

    def __init__(self, muted: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._muted = QtGui.QColor(muted)

    def set_muted(self, muted: str) -> None:
        self._muted = QtGui.QColor(muted)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(200, 2 * line + 10)

    def paint(self, painter: QtGui.QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        name, details_text = option.text, str(index.data(PromptListModel.DetailsRole) or "")
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect = option.rect.adjusted(6, 4, -6, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = (
            QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        )
        painter.save()
        bold = QtGui.QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        metrics = QtGui.QFontMetrics(bold)
        top = rect.adjusted(0, 0, 0, -rect.height() // 2)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setFont(option.font)
        painter.setPen(palette.color(text_role) if selected else self._muted)
        bottom = rect.adjusted(0, rect.height() // 2, 0, 0)
        small = QtGui.QFontMetrics(option.font)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small.elidedText(details_text, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()
