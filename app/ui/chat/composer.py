"""The message box: Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class Composer(QPlainTextEdit):
    send_requested = Signal()
    escape_pressed = Signal()  # e.g. cancel editing a sent message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAccessibleName(QCoreApplication.translate("Composer", "Message"))
        self.setAccessibleDescription(
            QCoreApplication.translate(
                "Composer", "Type a message. Enter sends it, Shift+Enter adds a line."
            )
        )
        self.setToolTip(
            QCoreApplication.translate(
                "Composer", "Enter sends · Shift+Enter adds a line · Esc stops a reply"
            )
        )
        self.setPlaceholderText(
            QCoreApplication.translate(
                "Composer", "Message Llama…  (Enter to send, Shift+Enter for a new line)"
            )
        )
        self.setTabChangesFocus(True)
        self.setMaximumHeight(220)
        self.setMinimumHeight(52)

    def sizeHint(self) -> QSize:
        # About three lines: the conversation, not the box, should get the height.
        return QSize(super().sizeHint().width(), 76)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ShiftModifier
            | Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
        )
        if enter and plain:
            self.send_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.ignore()  # let the window's Esc (stop a reply) see it too
            return
        if enter and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)

    def take_text(self) -> str:
        text = self.toPlainText()
        self.clear()
        return text
