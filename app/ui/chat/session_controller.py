"""One chat session for the widgets: runs its replies on the asyncio loop, re-emits its changes.

The session (app/core/session.py) is the data; this thin QObject turns its changes into Qt
signals and owns the one task that streams a reply. Several can live at once, one per pane.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.backend import BackendUnavailable, ChatBackend
from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, Failure
from app.core.events import ModelSelected, Retrying, TextDelta
from app.core.message import ChatMessage
from app.core.policy import NO_POLICY, Policy
from app.core.provenance import EndpointInfo
from app.core.reply import ReplyRecorder
from app.core.request import Role
from app.core.session import ChatSession, Turn
from app.core.session_events import (
    BranchSelected,
    MessageAdded,
    MessageRemoved,
    ReplyEnded,
    ReplyGrew,
    ReplyStarted,
    SessionChange,
    SettingsChanged,
)

#: Builds the backend for a chat's settings (its endpoint); BackendUnavailable says why not.
BackendSource = Callable[[ChatSettings], Awaitable[ChatBackend]]
#: The endpoint a chat's settings send to, as its replies' provenance names it.
EndpointSource = Callable[[ChatSettings], EndpointInfo | None]


class SessionController(QObject):
    """Owns the streaming task of one session. Widgets call the intents; they render signals."""

    session_replaced = Signal(object)  # ChatSession: a new chat, or one opened from history
    settings_changed = Signal(object)  # ChatSettings of the session shown
    #: (kept ChatSettings, names): the policy kept these values a change asked for; after
    #: settings_changed, so a view has shown the kept values by then.
    settings_refused = Signal(object, object)
    message_added = Signal(object)  # ChatMessage the user wrote, stored before it is sent
    reply_started = Signal(object)  # ChatMessage, state STREAMING (Continue: it has text)
    reply_delta = Signal(str)
    reply_retrying = Signal(str)  # plain message: "busy, retrying in 2 s"
    reply_ended = Signal(object)  # ChatMessage: DONE, STOPPED or FAILED
    path_changed = Signal()  # another version is shown, or a message went: redraw
    model_selected = Signal(str, object)  # (profile id, context window or None) as the server says
    busy_changed = Signal(bool)

    def __init__(
        self,
        session: ChatSession,
        backend_source: BackendSource,
        parent: QObject | None = None,
        endpoint_source: EndpointSource = lambda _settings: None,
        *,
        rules: Policy = NO_POLICY,
    ) -> None:
        super().__init__(parent)
        #: The administrator's policy: every session this controller shows is held to it, so
        #: no way of bringing a chat in (new, from history, a preset, a compare) gets round it.
        self._rules = rules
        session.rules = rules
        self._backend_source = backend_source
        self._endpoint_source = endpoint_source
        self._task: asyncio.Task[None] | None = None
        self._streaming = False  # False as soon as the reply has ended, before the task returns
        self._pending: list[str] = []
        self._session = session
        self._unsubscribe = session.subscribe(self._on_session_changed)

    @property
    def session(self) -> ChatSession:
        return self._session

    @property
    def rules(self) -> Policy:
        return self._rules

    @property
    def busy(self) -> bool:
        return self._streaming

    def replace_session(self, session: ChatSession) -> None:
        """Show another chat; only between replies (the caller stops a running one first)."""
        if self.busy:
            raise RuntimeError(
                QCoreApplication.translate("SessionController", "a reply is still streaming")
            )
        self._unsubscribe()
        session.rules = self._rules  # before anyone listens: the chat arrives already enforced
        self._session = session
        self._unsubscribe = session.subscribe(self._on_session_changed)
        self.session_replaced.emit(session)

    def detach(self) -> None:
        """Stop following the session (its pane is gone); only between replies."""
        self._unsubscribe()
        self._unsubscribe = lambda: None

    # -- intents (RequestError / ParameterError / SessionBusy leave everything unchanged) ----

    def send(self, text: str, raw_prompt: str = "") -> None:
        self._stream(self._session.send(text, raw_prompt))

    def send_edited(self, message: ChatMessage, text: str, raw_prompt: str = "") -> None:
        self._stream(self._session.send_edited(message, text, raw_prompt))

    def regenerate(self, reply: ChatMessage) -> None:
        self._stream(self._session.regenerate(reply))

    def continue_reply(self, reply: ChatMessage) -> None:
        self._stream(self._session.continue_reply(reply))

    def replay(self, reply: ChatMessage) -> None:
        """Send the reply's stored request again, byte for byte (ReplayUnavailable: it has none)."""
        self._stream(self._session.replay(reply))

    def stop(self) -> None:
        """Cancel at once: the task's cancellation closes the HTTP response; text is kept."""
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def wait_idle(self) -> None:
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    # -- streaming ---------------------------------------------------------------------------

    def _stream(self, turn: Turn) -> None:
        session, recorder = self._session, ReplyRecorder()
        endpoint = self._endpoint_source(session.settings)  # where it goes, as it was when sent
        self._streaming = True
        task = asyncio.get_event_loop().create_task(self._run(session, turn, recorder))
        # The end is booked when the task is done, however it ended: a Stop that arrives
        # before the task ever ran cancels it without running any of its code.
        task.add_done_callback(
            lambda done: self._on_task_done(done, session, turn, recorder, endpoint)
        )
        self._task = task
        self.busy_changed.emit(True)

    async def _run(self, session: ChatSession, turn: Turn, recorder: ReplyRecorder) -> None:
        loop = asyncio.get_running_loop()
        reply, profile_id = turn.reply, session.settings.profile_id  # as it was when sent
        try:
            backend = await self._backend_source(session.settings)
            if turn.sent is not None:
                events = backend.replay(turn.sent)
            else:
                assert turn.request is not None  # every turn but a replay builds one
                events = backend.stream(turn.request)
            async for event in events:
                recorder.feed(event)
                if type(event) is TextDelta:
                    # Tokens read in one go arrive in one loop turn: pass them on as one piece
                    # at the end of that turn instead of one signal (and one write) per token.
                    self._pending.append(event.text)
                    if len(self._pending) == 1:
                        loop.call_soon(self._emit_pending, session, reply)
                elif type(event) is Retrying:
                    self.reply_retrying.emit(
                        QCoreApplication.translate(
                            "SessionController", "{message} Retrying in {delay_s:.0f} s…"
                        ).format(message=event.failure.message, delay_s=event.delay_s)
                    )
                elif type(event) is ModelSelected:
                    self.model_selected.emit(profile_id, event.context_window)
        except BackendUnavailable as exc:
            recorder.failure = exc.failure

    def _on_task_done(
        self,
        task: asyncio.Task[None],
        session: ChatSession,
        turn: Turn,
        recorder: ReplyRecorder,
        endpoint: EndpointInfo | None,
    ) -> None:
        if task.cancelled():
            recorder.cancel()  # stopped: what arrived is kept
        elif (error := task.exception()) is not None:
            # A bug of ours: the reply ends with a sentence, the chat stays usable, and the
            # error goes where uncaught errors go (stderr) instead of vanishing in the loop.
            recorder.failure = Failure(
                ErrorCategory.PROTOCOL,
                QCoreApplication.translate(
                    "SessionController",
                    "Something went wrong inside LlamaDesk while this reply arrived ({name__}). The text so far is kept; Retry asks again.",
                ).format(name__=type(error).__name__),
            )
            sys.excepthook(type(error), error, error.__traceback__)
        self._emit_pending(session, turn.reply)
        self._streaming = False
        try:
            session.finish_turn(turn, recorder, endpoint)
        finally:
            self.busy_changed.emit(False)

    def _emit_pending(self, session: ChatSession, reply: ChatMessage) -> None:
        if self._pending:
            text = "".join(self._pending)
            self._pending.clear()
            session.append_text(reply, text)

    # -- the session's changes, as signals ---------------------------------------------------

    def _on_session_changed(self, change: SessionChange) -> None:
        if isinstance(change, ReplyGrew):
            self.reply_delta.emit(change.text)
        elif isinstance(change, MessageAdded):
            if change.message.role is Role.USER:
                self.message_added.emit(change.message)
        elif isinstance(change, ReplyStarted):
            self.reply_started.emit(change.message)
        elif isinstance(change, ReplyEnded):
            self.reply_ended.emit(change.message)
        elif isinstance(change, BranchSelected | MessageRemoved):
            self.path_changed.emit()
        elif isinstance(change, SettingsChanged):
            self.settings_changed.emit(change.settings)
            if change.refused:
                self.settings_refused.emit(change.settings, change.refused)
