"""The style used in high contrast: the platform's own, with fields and boxes outlined like text.

Fusion (and most styles) draw the frame of a text field, list, spin box or combo box a shade
darker than the window: on a black window that is black, and the fields vanish. In high
contrast every such frame gets a one-pixel outline in the text colour instead.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

PE = QStyle.PrimitiveElement
CC = QStyle.ComplexControl

#: The frames of fields, lists, tables and text areas.
OUTLINED_FRAMES: Final = frozenset({PE.PE_FrameLineEdit, PE.PE_Frame})
#: Controls that draw their own frame.
OUTLINED_CONTROLS: Final = frozenset({CC.CC_SpinBox, CC.CC_ComboBox})


class HighContrastStyle(QProxyStyle):
    """`base` (a style name, e.g. "fusion") with text-coloured outlines on frames."""

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self.setObjectName("highContrastStyle")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in OUTLINED_FRAMES and option.rect.width() > 2:
            _outline(option, painter)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in OUTLINED_CONTROLS:
            _outline(option, painter)


def _outline(option: QStyleOption, painter: QPainter) -> None:
    painter.save()
    painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
    painter.restore()
