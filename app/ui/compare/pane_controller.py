"""One compare pane's logic: its session streams through a SessionController like the main chat.

The pane's conversation view gets the same calls the window controller makes for the main chat
(append_message, begin_reply, append_delta, end_reply), so rendering and streaming are the
chat's own; this class adds the pane's stats line, its error in words, and its Stop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.message import ChatMessage, MessageState
from app.core.params import ParameterError
from app.core.request import RequestError, Role
from app.core.session import ChatSession, SessionBusy
from app.ui.chat.reply_footer import stats_text
from app.ui.chat.session_controller import SessionController
from app.ui.compare.pane_settings import PaneSettingsBinding
from app.ui.compare.pane_widget import ComparePane
from app.ui.prompts.library_access import LibraryAccess
from app.ui.prompts.prompt_binding import PromptBinding
from app.ui.window.endpoint_choice import EndpointChoice


class PaneController(QObject):
    """Owns one pane's SessionController; the compare controller sends through it."""

    reply_ended = Signal(object)  # this PaneController: its reply finished, stopped or failed
    continue_requested = Signal(object)  # this PaneController
    remove_requested = Signal(object)  # this PaneController

    def __init__(
        self,
        session: ChatSession,
        pane: ComparePane,
        endpoints: EndpointChoice,
        library: LibraryAccess,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pane = pane
        self.chat = SessionController(session, endpoints.backend_for, self, endpoints.endpoint_for)
        self.settings = PaneSettingsBinding(pane.header, session, endpoints, self)
        self.prompts = PromptBinding(
            pane.header.picker, pane.header.save_bar, self.chat, library, self
        )
        view = pane.view
        view.set_versions_source(self._versions_of)
        c = self.chat
        c.message_added.connect(self._on_chat_message_added)
        c.reply_started.connect(self._on_chat_reply_started)
        c.reply_delta.connect(view.append_delta)
        c.reply_ended.connect(self._on_chat_reply_ended)
        c.busy_changed.connect(pane.set_busy)
        c.settings_changed.connect(self.settings.show)
        c.path_changed.connect(self.redraw)
        pane.stop_requested.connect(self.chat.stop)
        pane.continue_requested.connect(lambda: self.continue_requested.emit(self))
        pane.remove_requested.connect(lambda: self.remove_requested.emit(self))
        self.redraw()
        self._show_last_figures()

    @property
    def session(self) -> ChatSession:
        return self.chat.session

    @property
    def busy(self) -> bool:
        return self.chat.busy

    def last_reply(self) -> ChatMessage | None:
        path = self.session.path()
        return next((m for m in reversed(path) if m.role is Role.ASSISTANT), None)

    def send(self, text: str) -> str:
        """Send `text` in this pane; "" when it went, else why not (in words)."""
        if self.chat.busy:
            return "a reply is still streaming"
        try:
            self.chat.send(text)
        except (RequestError, ParameterError, SessionBusy) as exc:
            return str(exc)
        return ""

    def stop(self) -> None:
        self.chat.stop()

    async def wait_idle(self) -> None:
        await self.chat.wait_idle()

    def redraw(self) -> None:
        if not self.chat.busy:
            self.pane.view.show_messages(self.session.path())

    def _versions_of(self, message: ChatMessage) -> tuple[int, int]:
        session = self.session
        return session.versions_of(message) if session.contains(message) else (1, 1)

    # -- the session's changes -------------------------------------------------------------

    def _on_chat_message_added(self, message: ChatMessage) -> None:
        path = self.session.path()
        self.pane.view.append_message(path.index(message), message)

    def _on_chat_reply_started(self, reply: ChatMessage) -> None:
        self.pane.show_error("")
        self.pane.show_note("")
        self.pane.stats.setText("Waiting for the first token…")
        self.pane.view.begin_reply(self.session.path().index(reply))

    def _on_chat_reply_ended(self, reply: ChatMessage) -> None:
        self.pane.view.end_reply(reply)
        self._show_figures(reply)
        self.reply_ended.emit(self)

    def _show_last_figures(self) -> None:
        reply = self.last_reply()
        if reply is not None:
            self._show_figures(reply)

    def _show_figures(self, reply: ChatMessage) -> None:
        """TTFT, tokens/s and tokens, and (only here, in this pane) what went wrong in words."""
        figures = stats_text(reply)
        self.pane.stats.setText(figures or "No figures for this reply.")
        failure = reply.shown_failure
        if reply.failed and failure is not None:
            self.pane.show_error(failure.message)
        elif reply.state is MessageState.STOPPED:
            self.pane.show_error("")
            self.pane.stats.setText(f"Stopped. {figures}".strip())
        else:
            self.pane.show_error("")

    def close(self) -> None:
        """The pane goes (removed, or compare mode left): stop its reply; its text is kept."""
        self.chat.stop()
