"""The Details view of one reply: where it came from, every parameter sent, the exact body."""

from __future__ import annotations

import base64

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.message import ChatMessage
from app.core.provenance import SentRequest
from app.ui.replies.detail_rows import detail_rows, shown_body
from app.ui.window.screen_fit import fit_to_screen


class ReplyDetailsDialog(QDialog):
    """Read-only rows (each with an accessible name), the body, Copy exact body and Replay."""

    replay_requested = Signal(object)  # ChatMessage: send its stored request again
    copied = Signal(str)  # a plain sentence for the status line

    def __init__(
        self,
        message: ChatMessage,
        *,
        title: str = QCoreApplication.translate("ReplyDetailsDialog", "Reply details"),
        replay_of: str | None = None,
        sent: SentRequest | None = None,
        unreadable: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """`sent`: the reply's request with its bytes (read for this view); `unreadable`: why
        they could not be read."""
        super().__init__(parent)
        self.message = message
        recorded = message.provenance.request if message.provenance else None
        self.sent = recorded if isinstance(recorded, SentRequest) else sent
        self.setWindowTitle(title)
        self.setObjectName("replyDetails")
        self.setAccessibleName(title)
        fit_to_screen(self, 860, 820)
        self.values: dict[str, QLabel] = {}  # by label: what tests and screen readers find
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        form: QFormLayout | None = None
        section = ""
        for row in detail_rows(message, replay_of, sent=self.sent, unreadable=unreadable):
            if row.section != section or form is None:
                section = row.section
                box = QGroupBox(section)
                form = QFormLayout(box)
                form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
                rows_layout.addWidget(box)
            value = QLabel(row.value)
            value.setObjectName(f"detail_{row.label}")
            value.setAccessibleName(row.label)
            value.setAccessibleDescription(row.value)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            if row.label == "SHA-256":
                value.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            name = QLabel(row.label)
            name.setBuddy(value)
            form.addRow(name, value)
            self.values[row.label] = value
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        scroll.setAccessibleName(
            QCoreApplication.translate("ReplyDetailsDialog", "Where this reply came from")
        )

        request = self.sent
        self.body_view = QPlainTextEdit()
        self.body_view.setObjectName("requestBody")
        self.body_view.setAccessibleName(
            QCoreApplication.translate("ReplyDetailsDialog", "Request body")
        )
        self.body_view.setAccessibleDescription(
            QCoreApplication.translate(
                "ReplyDetailsDialog", "The exact request this reply answered, as it was sent"
            )
        )
        self.body_view.setReadOnly(True)
        self.body_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.body_view.setFont(font)
        if request is not None:
            text, note = shown_body(request.body)
            if request.masked:
                note = QCoreApplication.translate(
                    "ReplyDetailsDialog",
                    "The endpoint's token is masked in this body, so these are not the exact bytes sent. {note}",
                ).format(note=note)
        elif recorded is not None:
            text, note = (
                "",
                unreadable
                or QCoreApplication.translate(
                    "ReplyDetailsDialog", "The request body could not be read."
                ),
            )
        else:
            text, note = (
                "",
                QCoreApplication.translate(
                    "ReplyDetailsDialog", "The request was not recorded for this reply."
                ),
            )
        self.body_view.setPlainText(text)
        self.body_note = QLabel(note)
        self.body_note.setObjectName("bodyNote")
        self.body_note.setWordWrap(True)
        body_box = QGroupBox(QCoreApplication.translate("ReplyDetailsDialog", "Request body"))
        body_layout = QVBoxLayout(body_box)
        body_layout.addWidget(self.body_note)
        body_layout.addWidget(self.body_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(body_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([540, 220])  # every row in sight at first; the body below

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button = QPushButton(
            QCoreApplication.translate("ReplyDetailsDialog", "&Copy exact body")
        )
        self.copy_button.setObjectName("copyBody")
        self.copy_button.setToolTip(
            QCoreApplication.translate(
                "ReplyDetailsDialog",
                "Copy the request body exactly as it was sent (not indented), to send it with "
                "another tool",
            )
        )
        self.copy_button.setEnabled(request is not None)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.replay_button = QPushButton(
            QCoreApplication.translate("ReplyDetailsDialog", "&Replay")
        )
        self.replay_button.setObjectName("replayReply")
        replayable = message.provenance is not None and message.provenance.replayable
        self.replay_button.setEnabled(replayable)
        self.replay_button.setToolTip(
            QCoreApplication.translate(
                "ReplyDetailsDialog",
                "Send this exact request again to the same endpoint: the answer becomes a new "
                "version of this reply",
            )
            if replayable
            else QCoreApplication.translate(
                "ReplyDetailsDialog", "Only a reply made by one recorded request can be replayed"
            )
        )
        self.replay_button.clicked.connect(self._on_replay_button_clicked)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.replay_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def value(self, label: str) -> str:
        return self.values[label].text()

    def _on_copy_button_clicked(self) -> None:
        if self.sent is None:
            return
        body = self.sent.body
        try:
            text, said = (
                body.decode("utf-8"),
                QCoreApplication.translate(
                    "ReplyDetailsDialog", "The exact request body was copied."
                ),
            )
        except UnicodeDecodeError:
            text = base64.b64encode(body).decode("ascii")
            said = QCoreApplication.translate(
                "ReplyDetailsDialog", "The request body is not text; it was copied as base64."
            )
        QGuiApplication.clipboard().setText(text)
        self.body_note.setText(said)
        self.copied.emit(said)

    def _on_replay_button_clicked(self) -> None:
        self.replay_requested.emit(self.message)
        self.accept()
