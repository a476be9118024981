"""One compare pane: header, its own conversation, stats line, error, notes and its buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.conversation_view import ConversationView
from app.ui.compare.pane_header import PaneHeader
from app.ui.style import ChatStyle

#: A pane is never narrower than this: past four panes' worth, the row scrolls sideways.
PANE_MIN_WIDTH = 220


class ComparePane(QFrame):
    """Layout and intents only; its PaneController decides what they do."""

    stop_requested = Signal()
    continue_requested = Signal()
    remove_requested = Signal()

    def __init__(self, style: ChatStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.header = PaneHeader(style.muted)
        self.view = ConversationView(style)
        self.view.setMinimumWidth(0)  # the pane's minimum governs
        self.view.document().setDocumentMargin(8)
        self.stats = self._label(
            "paneStats",
            QCoreApplication.translate("ComparePane", "Figures of this pane's last reply"),
        )
        self.error = self._label(
            "paneError", QCoreApplication.translate("ComparePane", "What went wrong in this pane")
        )
        self.error.hide()
        self.note = self._label(
            "paneNote", QCoreApplication.translate("ComparePane", "How this pane's reply differs")
        )
        self.note.hide()
        self.stop_button = QToolButton()
        self.stop_button.setText(QCoreApplication.translate("ComparePane", "Stop"))
        self.stop_button.setObjectName("paneStop")
        self.stop_button.setToolTip(
            QCoreApplication.translate("ComparePane", "Stop this pane's reply and keep its text")
        )
        self.stop_button.clicked.connect(self.stop_requested)
        self.stop_button.setEnabled(False)
        self.continue_button = QToolButton()
        self.continue_button.setText(
            QCoreApplication.translate("ComparePane", "Continue with this one")
        )
        self.continue_button.setObjectName("paneContinue")
        self.continue_button.setToolTip(
            QCoreApplication.translate(
                "ComparePane",
                "Leave compare mode and go on with this pane's conversation as a normal chat",
            )
        )
        self.continue_button.clicked.connect(self.continue_requested)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setObjectName("paneRemove")
        self.remove_button.setToolTip(
            QCoreApplication.translate("ComparePane", "Remove this pane (at least two stay)")
        )
        self.remove_button.clicked.connect(self.remove_requested)
        buttons = self._buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.continue_button)
        buttons.addStretch(1)
        # Top right, as a close button is: the row below keeps its width for its two buttons.
        self.header.top_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.stats)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.set_style(style)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Stop and Continue side by side while they fit (long words, narrow panes: stacked)."""
        super().resizeEvent(event)
        room = self.width() - 8  # the pane's margins (4 each side)
        need = (
            self.stop_button.sizeHint().width()
            + self._buttons.spacing()
            + self.continue_button.sizeHint().width()
        )
        direction = (
            QBoxLayout.Direction.LeftToRight if room >= need else QBoxLayout.Direction.TopToBottom
        )
        if direction != self._buttons.direction():
            self._buttons.setDirection(direction)
            layout = self.layout()
            if layout is not None:
                layout.activate()  # now, not at the next event: this size is the one shown

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        # Server errors and model text land here: never markup.
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(accessible)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def tab_chain(self) -> list[QWidget]:
        """Its controls top to bottom, as they are on screen."""
        header = self.header.tab_chain()
        return [
            header[0],  # the endpoint, then the close button on its row
            self.remove_button,
            *header[1:],
            self.view,
            self.stop_button,
            self.continue_button,
        ]

    def set_number(self, number: int) -> None:
        self.header.set_number(number)
        self.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Pane {number}").format(number=number)
        )
        self.stop_button.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Stop pane {number}").format(number=number)
        )
        self.continue_button.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Continue with pane {number}").format(
                number=number
            )
        )
        self.remove_button.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Remove pane {number}").format(number=number)
        )
        self.view.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Pane {number} conversation").format(
                number=number
            )
        )
        self.stats.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Pane {number} figures").format(number=number)
        )
        self.error.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Pane {number} error").format(number=number)
        )
        self.note.setAccessibleName(
            QCoreApplication.translate("ComparePane", "Pane {number} differences").format(
                number=number
            )
        )

    def set_style(self, style: ChatStyle) -> None:
        self.header.set_muted(style.muted)
        self.stats.setStyleSheet(f"color: {style.muted}; font-size: small;")
        self.note.setStyleSheet(f"color: {style.muted}; font-style: italic;")
        self.error.setStyleSheet(f"color: {style.error};")

    def set_busy(self, busy: bool) -> None:
        self.stop_button.setEnabled(busy)
        self.continue_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        """Its first sentence under the pane (the reply's footer in the view has it all, as
        do the tooltip and what a screen reader says)."""
        first, dot, rest = text.partition(". ")
        self.error.setText(first + dot.strip() if rest else text)
        self.error.setToolTip(text)
        self.error.setAccessibleDescription(text)
        self.error.setVisible(bool(text))

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
