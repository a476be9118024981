"""Write-through of a streaming reply: text buffered in memory, flushed by one background thread.

Design: the store has one sqlite3 connection (check_same_thread=False) behind one lock, and
one flusher thread. `ReplyWriter.append` only touches memory, so the GUI thread never waits on
disk while tokens arrive; the flusher writes each dirty reply at most once per interval and no
later than one interval after its text arrived. `finish` writes the final state synchronously
(one small WAL transaction, no fsync with synchronous=NORMAL) so it is stored when it returns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from app.core.errors import Failure
from app.core.events import FinishReason, Usage
from app.core.message import ChatMessage, MessageState


class ReplySink(Protocol):
    """What the writer needs from the store."""

    def flush_reply(self, writer: ReplyWriter) -> None: ...

    def finish_reply(self, writer: ReplyWriter, message: ChatMessage) -> ChatMessage: ...


class ReplyWriter:
    """One streaming reply: append text as it arrives, then finish it exactly once."""

    def __init__(self, sink: ReplySink, flusher: ReplyFlusher, message: ChatMessage) -> None:
        self.message = message  # as first stored: empty and streaming
        self._sink = sink
        self._flusher = flusher
        self._parts: list[str] = []
        self._lock = threading.Lock()
        self.flushed_chars = 0
        self.closed = False
        self.error: Exception | None = None  # the last background write failure, if any
        self.last_flush = float("-inf")
        self.due = 0.0

    @property
    def message_id(self) -> int:
        assert self.message.id is not None  # the store hands out writers for stored rows only
        return self.message.id

    @property
    def text(self) -> str:
        with self._lock:
            if len(self._parts) > 1:
                self._parts[:] = ["".join(self._parts)]
            return self._parts[0] if self._parts else ""

    def append(self, text: str) -> None:
        """Add streamed text; cheap, never touches the disk."""
        if not text:
            return
        with self._lock:
            if self.closed:
                raise RuntimeError("this reply was already finished")
            self._parts.append(text)
        self._flusher.mark_dirty(self)

    def finish(
        self,
        outcome: FinishReason | Failure,
        *,
        usage: Usage | None = None,
        ttft_ms: float | None = None,
        tokens_per_s: float | None = None,
        model: str | None = None,
    ) -> ChatMessage:
        """Store the final text and why it ended (CANCELLED = stopped; a Failure = failed)."""
        reason = None if isinstance(outcome, Failure) else outcome
        failure = outcome if isinstance(outcome, Failure) else None
        if failure is not None:
            state = MessageState.FAILED
        elif reason is FinishReason.CANCELLED:
            state = MessageState.STOPPED
        else:
            state = MessageState.DONE
        message = ChatMessage(
            self.message.role,
            self.text,
            state,
            reason,
            failure,
            usage,
            ttft_ms,
            tokens_per_s,
            model,
        )
        return self.record(message)

    def record(self, message: ChatMessage) -> ChatMessage:
        """Store a finished ChatMessage (text, state, reason, failure, figures) as this reply."""
        self._flusher.forget(self)
        self.message = self._sink.finish_reply(self, message)
        return self.message


class ReplyFlusher:
    """The single background thread that writes dirty replies, each at most once per interval."""

    def __init__(
        self, sink: ReplySink, interval_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._sink = sink
        self._interval = interval_s
        self._clock = clock
        self._dirty: dict[int, ReplyWriter] = {}
        self._cond = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="history-flusher", daemon=True)
        self._thread.start()

    def mark_dirty(self, writer: ReplyWriter) -> None:
        with self._cond:
            if writer.message_id in self._dirty or self._stopping:
                return
            writer.due = max(self._clock(), writer.last_flush + self._interval)
            self._dirty[writer.message_id] = writer
            self._cond.notify()

    def forget(self, writer: ReplyWriter) -> None:
        with self._cond:
            self._dirty.pop(writer.message_id, None)

    def flush_now(self) -> None:
        """Write every dirty reply now, on this thread (before a copy of its conversation)."""
        with self._cond:
            batch = list(self._dirty.values())
            self._dirty.clear()
        for writer in batch:
            self._write(writer)

    def close(self) -> None:
        """Stop the thread, then write whatever is still dirty."""
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self._thread.join()
        for writer in list(self._dirty.values()):
            self._write(writer)
        self._dirty.clear()

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._stopping:
                    return
                if not self._dirty:
                    self._cond.wait()
                    continue
                now = self._clock()
                wait = min(w.due for w in self._dirty.values()) - now
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                batch = [w for w in self._dirty.values() if w.due <= now]
                for writer in batch:
                    del self._dirty[writer.message_id]
                    writer.last_flush = (
                        now  # before the lock is released: appends wait a full interval
                    )
            for writer in batch:
                self._write(writer)

    def _write(self, writer: ReplyWriter) -> None:
        try:
            self._sink.flush_reply(writer)
        except Exception as exc:  # kept for finish() and the UI; the next flush retries
            writer.error = exc
