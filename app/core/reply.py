"""Collects one reply's events into its text and figures: time to first token, tokens/s, usage."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.errors import Failure
from app.core.events import (
    Failed,
    Finished,
    FinishReason,
    ModelSelected,
    ModelServed,
    RequestSent,
    ResponseStarted,
    StreamEvent,
    TextDelta,
    Usage,
)
from app.core.provenance import SentRequest


@dataclass
class ReplyRecorder:
    """Feed it every event of one reply; read the text and statistics at any moment."""

    clock: Callable[[], float] = time.perf_counter
    started_at: float = field(init=False)
    #: When the last request went out (a retry's, after its wait): time to first token counts
    #: from here, not from the backend's set-up, model discovery or retry waits.
    sent_at: float | None = field(default=None, init=False)
    first_token_at: float | None = field(default=None, init=False)
    ended_at: float | None = field(default=None, init=False)
    deltas: int = field(default=0, init=False)
    usage: Usage | None = field(default=None, init=False)
    finish_reason: FinishReason | None = field(default=None, init=False)
    failure: Failure | None = field(default=None, init=False)
    model: str | None = field(default=None, init=False)  # as served, once the answer names it
    request: SentRequest | None = field(default=None, init=False)  # the last one sent
    request_id: str | None = field(default=None, init=False)  # the server's id for it
    _parts: list[str] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.started_at = self.clock()

    def feed(self, event: StreamEvent) -> None:
        if isinstance(event, TextDelta):
            if self.first_token_at is None:
                self.first_token_at = self.clock()
            self._parts.append(event.text)
            self.deltas += 1
        elif isinstance(event, Usage):
            self.usage = event
        elif isinstance(event, Finished):
            self.finish_reason = event.reason
            self.ended_at = self.clock()
        elif isinstance(event, Failed):
            self.failure = event.failure
            self.ended_at = self.clock()
        elif isinstance(event, ModelSelected):
            self.model = event.model
        elif isinstance(event, ModelServed):
            self.model = event.model  # the model that answered, over the one asked for
        elif isinstance(event, RequestSent):
            self.request = event.request
            self.request_id = None  # a retry: the id of an earlier attempt is not this one's
            if self.first_token_at is None:
                self.sent_at = self.clock()
        elif isinstance(event, ResponseStarted):
            self.request_id = event.request_id

    def cancel(self) -> None:
        """The user stopped the reply: what arrived is kept."""
        self.finish_reason = FinishReason.CANCELLED
        self.ended_at = self.clock()

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts[:] = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    @property
    def ttft_ms(self) -> float | None:
        """From the last request sent (from the start, when none was announced) to the first
        token."""
        if self.first_token_at is None:
            return None
        start = self.sent_at if self.sent_at is not None else self.started_at
        return (self.first_token_at - start) * 1000

    @property
    def completion_tokens(self) -> int:
        if self.usage is not None and self.usage.completion_tokens:
            return self.usage.completion_tokens
        return self.deltas

    @property
    def tokens_per_s(self) -> float | None:
        """Decode speed: tokens after the first, over the time since the first arrived."""
        end = self.ended_at if self.ended_at is not None else self.clock()
        if self.first_token_at is None or self.completion_tokens < 2:
            return None
        elapsed = end - self.first_token_at
        return (self.completion_tokens - 1) / elapsed if elapsed > 0 else None
