"""Runs one reply at a time on the asyncio loop and re-emits the core's events as Qt signals."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, Signal

from app.core.backend import BackendUnavailable, ChatBackend
from app.core.conversation import ChatMessage, Conversation, ReplyState
from app.core.events import Retrying, TextDelta
from app.core.reply import ReplyRecorder
from app.core.request import GenerationRequest

BackendSource = Callable[[], Awaitable[ChatBackend]]


class ChatController(QObject):
    """Owns the running reply task. Widgets call send/stop; they render from the signals."""

    reply_started = Signal(object)  # ChatMessage, empty, state STREAMING
    reply_delta = Signal(str)
    reply_retrying = Signal(str)  # plain message: "busy, retrying in 2 s"
    reply_ended = Signal(object)  # ChatMessage: DONE, STOPPED or FAILED
    busy_changed = Signal(bool)

    def __init__(
        self,
        conversation: Conversation,
        backend_source: BackendSource,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.conversation = conversation
        self._backend_source = backend_source
        self._task: asyncio.Task[None] | None = None
        self._pending: list[str] = []

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, request: GenerationRequest, reply: ChatMessage | None = None) -> None:
        """Start streaming `request` into a new reply (or into `reply`, for Continue)."""
        if self.busy:
            return
        if reply is None:
            reply = self.conversation.start_reply()
        else:
            reply.state = ReplyState.STREAMING
        self._task = asyncio.get_event_loop().create_task(self._run(request, reply))
        self.busy_changed.emit(True)
        self.reply_started.emit(reply)

    def stop(self) -> None:
        """Cancel at once: the task's cancellation closes the HTTP response; text is kept."""
        if self.busy:
            assert self._task is not None
            self._task.cancel()

    async def wait_idle(self) -> None:
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self, request: GenerationRequest, reply: ChatMessage) -> None:
        prefix = reply.text  # Continue appends to what the reply already holds
        recorder = ReplyRecorder()
        loop = asyncio.get_running_loop()
        try:
            backend = await self._backend_source()
            async for event in backend.stream(request):
                recorder.feed(event)
                if type(event) is TextDelta:
                    # Tokens read in one go arrive in one loop turn: emit them as one signal
                    # at the end of that turn instead of one signal (and one feed) per token.
                    self._pending.append(event.text)
                    if len(self._pending) == 1:
                        loop.call_soon(self._emit_pending)
                elif type(event) is Retrying:
                    self.reply_retrying.emit(
                        f"{event.failure.message} Retrying in {event.delay_s:.0f} s…"
                    )
        except BackendUnavailable as exc:
            recorder.failure = exc.failure
        except asyncio.CancelledError:
            recorder.cancel()
            raise
        finally:
            self._emit_pending()
            reply.record(recorder)
            reply.text = prefix + reply.text
            self.busy_changed.emit(False)
            self.reply_ended.emit(reply)

    def _emit_pending(self) -> None:
        if self._pending:
            text = "".join(self._pending)
            self._pending.clear()
            self.reply_delta.emit(text)
