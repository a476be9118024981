"""A focus ring drawn around whatever has the keyboard focus, visible in every palette.

Fusion marks focus on most controls, but not on the default button (Send looks the same
focused or not), the conversation or the chat list: a keyboard user loses track there. One
ring follows the focus once the keyboard has moved it in a window (mouse users, who never
pressed Tab, see the controls as before). It is drawn just inside the control's edge, on a
see-through child of the control: around it, the layout would clip it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

#: The ring's width in device-independent pixels: wide enough to see at a glance.
RING_WIDTH = 2


class FocusRing(QWidget):
    """The ring, in the palette's highlight colour (yellow or blue in high contrast)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None

    def widget(self) -> QWidget | None:
        return self._target

    def set_widget(self, target: QWidget | None) -> None:
        """Sit on `target` (a see-through child over all of it), or on nothing."""
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = target
        if target is None:
            self.hide()
            self.setParent(None)  # not deleted with the window it was in
            return
        self.setParent(target)
        self.setGeometry(target.rect())
        target.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._target.rect())
        elif watched is self._target and event.type() == QEvent.Type.ChildAdded:
            self.raise_()  # above a viewport or editor the control adds later
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 3, 3)


class FocusRingKeeper(QObject):
    """Moves the one ring to the widget that got the focus (none for a window itself)."""

    def __init__(self, qapp: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ring: FocusRing | None = None
        qapp.focusChanged.connect(self._on_app_focus_changed)

    @property
    def ring(self) -> FocusRing:
        """The ring lives inside the focused widget's window: made again when one closed
        with it inside."""
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()
        return self._ring

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        keyboard = new is not None and new.window().testAttribute(
            Qt.WidgetAttribute.WA_KeyboardFocusChange
        )
        ring = self.ring
        ring.set_widget(None if new is None or new.isWindow() or not keyboard else new)
