"""Keeps the conversation on screen in step with the chat: messages, the streaming reply, waiting."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QTimer

from app.core.message import ChatMessage
from app.core.session import ChatSession
from app.ui.chat.session_controller import SessionController
from app.ui.window.main_window import MainWindow


class ConversationDisplay(QObject):
    """Draws what the chat's signals report; the window controller decides what is sent."""

    def __init__(self, window: MainWindow, chat: SessionController, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window
        self.chat = chat
        self.redraw_before_reply = False  # the next reply follows a changed path: redraw first
        self.waiting_timer = QTimer(self)  # "Waiting for the answer… 4 s" until the first text
        self.waiting_timer.setInterval(1000)
        self.waiting_timer.timeout.connect(self._on_waiting_timeout)
        self._waited = QElapsedTimer()
        view = window.conversation_view
        view.set_versions_source(self._versions_of)
        chat.message_added.connect(self._on_message_added)
        chat.reply_started.connect(self._on_reply_started)
        chat.reply_delta.connect(view.append_delta)
        chat.reply_delta.connect(self._on_reply_delta)
        chat.reply_retrying.connect(self._on_reply_retrying)
        chat.reply_ended.connect(self._on_reply_ended)
        chat.path_changed.connect(self._on_path_changed)

    @property
    def session(self) -> ChatSession:
        return self.chat.session

    def _on_message_added(self, message: ChatMessage) -> None:
        if not self.redraw_before_reply:
            path = self.session.path()
            self.window.conversation_view.append_message(path.index(message), message)

    def _on_reply_started(self, reply: ChatMessage) -> None:
        self._waited.start()
        self.waiting_timer.start()
        path = self.session.path()
        index = path.index(reply)
        view = self.window.conversation_view
        if reply.text:  # Continue: redraw the conversation without the old footer
            view.show_messages(path[:index])
            view.continue_reply(index, reply.text)
            return
        if self.redraw_before_reply:  # an edit or a regenerate: the path above changed
            view.show_messages(path[:index])
        self.redraw_before_reply = False
        view.begin_reply(index)

    def _on_waiting_timeout(self) -> None:
        seconds = self._waited.elapsed() // 1000
        self.window.status_label.setText(
            QCoreApplication.translate(
                "ConversationDisplay",
                "Waiting for the answer… {seconds} s (Esc stops; a large model or a busy server can take a while to start)",
            ).format(seconds=seconds)
        )

    def _on_reply_retrying(self, message: str) -> None:
        self.waiting_timer.stop()  # the retry's own message says what is happening
        self.window.status_label.setText(message)

    def _on_reply_delta(self) -> None:
        if self.waiting_timer.isActive():
            self.waiting_timer.stop()
            self.window.status_label.clear()

    def _on_reply_ended(self, reply: ChatMessage) -> None:
        self.waiting_timer.stop()
        self.window.status_label.clear()
        self.window.conversation_view.end_reply(reply)

    def _on_path_changed(self) -> None:
        if not self.chat.busy and not self.redraw_before_reply:
            self.window.conversation_view.show_messages(self.session.path())

    def _versions_of(self, message: ChatMessage) -> tuple[int, int]:
        session = self.session
        return session.versions_of(message) if session.contains(message) else (1, 1)
