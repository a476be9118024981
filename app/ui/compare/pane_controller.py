"""One compare pane's logic: its session streams through a SessionController like the main chat.

The pane's conversation view gets the same calls the window controller makes for the main chat
(append_message, begin_reply, append_delta, end_reply), so rendering and streaming are the
chat's own; this class adds the pane's stats line, its error in words, and its Stop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from app.core.actions import MessageAction
from app.core.chat_settings import ChatSettings
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.message import ChatMessage, MessageState
from app.core.params import ParameterError
from app.core.policy import NO_POLICY, Policy
from app.core.request import RequestError, Role, estimate_tokens
from app.core.session import ChatSession, SessionBusy
from app.ui.chat.session_controller import SessionController
from app.ui.compare.highlights import MarkQueue, WordMarks
from app.ui.compare.pane_settings import PaneSettingsBinding
from app.ui.compare.pane_widget import ComparePane
from app.ui.policy.locks import kept_note
from app.ui.policy.pane_locks import lock_pane_header
from app.ui.prompts.library_access import LibraryAccess
from app.ui.prompts.prompt_binding import PromptBinding
from app.ui.replies.reply_tools import ReplyTools
from app.ui.window.endpoint_choice import EndpointChoice


class PaneController(QObject):
    """Owns one pane's SessionController; the compare controller sends through it."""

    reply_ended = Signal(object)  # this PaneController: its reply finished, stopped or failed
    continue_requested = Signal(object)  # this PaneController
    remove_requested = Signal(object)  # this PaneController
    endpoints_requested = Signal()  # a failed reply's "Open endpoint settings"
    library_requested = Signal()  # the prompt library window

    def __init__(
        self,
        session: ChatSession,
        pane: ComparePane,
        endpoints: EndpointChoice,
        library: LibraryAccess,
        status: QLabel,
        dark: Callable[[], bool],
        marks: MarkQueue,
        parent: QObject | None = None,
        *,
        policy: Policy = NO_POLICY,
    ) -> None:
        super().__init__(parent)
        self.pane = pane
        self._mark_queue = marks
        self._status = status
        self._policy = policy
        self.chat = SessionController(
            session, endpoints.backend_for, self, endpoints.endpoint_for, rules=policy
        )
        lock_pane_header(pane.header, policy)
        self.settings = PaneSettingsBinding(pane.header, session, endpoints, self)
        self.prompts = PromptBinding(
            pane.header.picker, pane.header.save_bar, self.chat, library, self
        )
        self.prompts.said.connect(status.setText)
        # "Library…" and "Browse the library…" open the one prompt library window.
        pane.header.picker.library_requested.connect(self.library_requested)
        self.prompts.library_requested.connect(self.library_requested)
        self.replies = ReplyTools(pane, lambda: self.session, self.replay, status, dark)
        view = pane.view
        view.set_versions_source(self._versions_of)
        view.action_requested.connect(self._on_view_action_requested)
        c = self.chat
        c.message_added.connect(self._on_chat_message_added)
        c.reply_started.connect(self._on_chat_reply_started)
        c.reply_delta.connect(view.append_delta)
        c.reply_delta.connect(self._on_chat_reply_delta)
        c.reply_ended.connect(self._on_chat_reply_ended)
        c.busy_changed.connect(pane.set_busy)
        c.settings_changed.connect(self.settings.show)
        c.settings_refused.connect(self._on_chat_settings_refused)
        c.path_changed.connect(self.redraw)
        view.settled.connect(self._on_view_settled)
        self._marks: tuple[list[str], bool] | None = None  # words to highlight once drawn
        self._waiting = False  # the stats line says it waits for the first token
        self._redraw = False  # the next reply replaces one shown (Regenerate, Replay)
        pane.stop_requested.connect(self.chat.stop)
        pane.continue_requested.connect(lambda: self.continue_requested.emit(self))
        pane.remove_requested.connect(lambda: self.remove_requested.emit(self))
        self.redraw()
        self._show_last_figures()

    @property
    def session(self) -> ChatSession:
        return self.chat.session

    def _on_chat_settings_refused(self, settings: ChatSettings, refused: tuple[str, ...]) -> None:
        if note := kept_note(self._policy, settings, refused):
            self._status.setText(note)

    @property
    def busy(self) -> bool:
        return self.chat.busy

    def last_reply(self) -> ChatMessage | None:
        path = self.session.path()
        return next((m for m in reversed(path) if m.role is Role.ASSISTANT), None)

    def send(self, text: str) -> str:
        """Send `text` in this pane; "" when it went, else why not (in words)."""
        if self.chat.busy:
            return QCoreApplication.translate("PaneController", "a reply is still streaming")
        try:
            self.chat.send(text)
        except (RequestError, ParameterError, SessionBusy) as exc:
            return str(exc)
        return ""

    def _start(self, intent: Callable[[], None]) -> None:
        """Regenerate, Continue or Replay in this pane alone; what stops it is said."""
        if self.chat.busy:
            self._status.setText(
                QCoreApplication.translate(
                    "PaneController", "This pane is still streaming: stop it first."
                )
            )
            return
        self._redraw = True
        try:
            intent()
        except (RequestError, ParameterError, SessionBusy, ValueError) as exc:
            self._redraw = False
            self.pane.show_error(str(exc))

    def replay(self, reply: ChatMessage) -> None:
        self._start(lambda: self.chat.replay(reply))

    def _on_view_action_requested(self, action: MessageAction, index: int) -> None:
        """The links under a pane's messages act on that pane alone."""
        path = self.session.path()
        message = path[index] if 0 <= index < len(path) else None
        if action is MessageAction.OPEN_SETTINGS:
            self.endpoints_requested.emit()
        elif message is None:
            return
        elif action is MessageAction.COPY:
            QGuiApplication.clipboard().setText(message.text)
        elif action is MessageAction.DETAILS:
            self.replies.show_details(message)
        elif action is MessageAction.COMPARE:
            self.replies.compare_versions(message)
        elif action is MessageAction.REGENERATE:
            self._start(lambda: self.chat.regenerate(message))
        elif action is MessageAction.CONTINUE:
            self._start(lambda: self.chat.continue_reply(message))
        elif action is MessageAction.REPLAY:
            self.replay(message)
        elif action in (MessageAction.VERSION_PREV, MessageAction.VERSION_NEXT) and not self.busy:
            self.session.switch_version(message, -1 if action is MessageAction.VERSION_PREV else 1)
        elif action is MessageAction.EDIT or action is MessageAction.NEW_CHAT:
            self._status.setText(
                QCoreApplication.translate(
                    "PaneController",
                    "The message box below sends to every pane; to edit a message, use “Continue "
                    "with this one” and edit it in the chat.",
                )
            )

    def stop(self) -> None:
        self.chat.stop()

    async def wait_idle(self) -> None:
        await self.chat.wait_idle()

    def redraw(self) -> None:
        if not self.chat.busy:
            self._mark_queue.cancel(self.pane.view)
            self.pane.view.show_messages(self.session.path())

    def show_differences(self, words: list[str], note: str, *, dark: bool) -> None:
        """Highlight `words` in the last reply (once the view has drawn all of it)."""
        self.pane.show_note(note)
        self._marks = (words, dark)
        if not self.pane.view.writing:
            self._on_view_settled()

    def _on_view_settled(self) -> None:
        reply = self.last_reply()
        if self._marks is None or self.chat.busy or reply is None:
            return
        words, dark = self._marks
        self._marks = None
        index = self.session.path().index(reply)
        self._mark_queue.add(WordMarks(self.pane.view, index, words, dark=dark))

    def _versions_of(self, message: ChatMessage) -> tuple[int, int]:
        session = self.session
        return session.versions_of(message) if session.contains(message) else (1, 1)

    # -- the session's changes -------------------------------------------------------------

    def _on_chat_message_added(self, message: ChatMessage) -> None:
        path = self.session.path()
        self.pane.view.append_message(path.index(message), message)

    def _on_chat_reply_delta(self) -> None:
        if self._waiting:
            self._waiting = False
            self.pane.stats.setText(QCoreApplication.translate("PaneController", "Streaming…"))

    def _on_chat_reply_started(self, reply: ChatMessage) -> None:
        self._waiting = True
        redraw, self._redraw = self._redraw, False
        self.pane.show_error("")
        self.pane.show_note("")
        self._marks = None
        self._mark_queue.cancel(self.pane.view)
        self.pane.stats.setText(
            QCoreApplication.translate("PaneController", "Waiting for the first token…")
        )
        self.pane.stats.show()
        path, view = self.session.path(), self.pane.view
        index = path.index(reply)
        if reply.text:  # Continue: redrawn without the old footer, then it grows
            view.show_messages(path[:index])
            view.continue_reply(index, reply.text)
            return
        if redraw:  # Regenerate or Replay: a new version in the old one's place
            view.show_messages(path[:index])
        view.begin_reply(index)

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
        figures = pane_figures(reply)
        self.pane.stats.setText(figures)
        self.pane.stats.setVisible(bool(figures))
        failure = reply.shown_failure
        self.pane.show_error(failure.message if reply.failed and failure is not None else "")

    def close(self) -> None:
        """The pane goes (removed, or compare mode left; its reply has ended): stop following
        its session, which may live on as the main chat."""
        self.chat.detach()
        self._mark_queue.cancel(self.pane.view)
        self.pane.view.settled.disconnect(self._on_view_settled)


#: A reply that did not finish says so first, then what is known of it.
_UNFINISHED: Final = {
    MessageState.STOPPED: QT_TRANSLATE_NOOP("PaneFigures", "Stopped"),
    MessageState.INTERRUPTED: QT_TRANSLATE_NOOP("PaneFigures", "Interrupted"),
}


def pane_figures(reply: ChatMessage) -> str:
    """One short line: time to first token, tokens/s, tokens out (what a pane is judged by).

    A stopped or interrupted reply has no usage from the server: its tokens so far are
    estimated from its text (and marked ≈), next to its state.
    """
    parts = []
    state = _UNFINISHED.get(reply.state)
    state = QCoreApplication.translate("PaneFigures", state) if state else None
    if state is not None:
        parts.append(state)
    if reply.ttft_ms is not None:
        parts.append(
            QCoreApplication.translate("PaneController", "TTFT {value:.2f} s").format(
                value=reply.ttft_ms / 1000
            )
        )
    if reply.tokens_per_s is not None:
        parts.append(
            QCoreApplication.translate("PaneController", "{tokens_per_s:.0f} tokens/s").format(
                tokens_per_s=reply.tokens_per_s
            )
        )
    if reply.usage is not None and reply.usage.completion_tokens:
        parts.append(
            QCoreApplication.translate("PaneController", "{completion_tokens} tokens").format(
                completion_tokens=reply.usage.completion_tokens
            )
        )
    elif reply.text:
        so_far = (
            ""
            if reply.state is MessageState.DONE
            else QCoreApplication.translate("PaneController", " so far")
        )
        parts.append(
            QCoreApplication.translate(
                "PaneController", "≈ {estimate_tokens} tokens{so_far}"
            ).format(estimate_tokens=estimate_tokens(reply.text), so_far=so_far)
        )
    if reply.cut_by_limit:
        parts.append(QCoreApplication.translate("PaneController", "cut by max_tokens"))
    return " · ".join(parts)
