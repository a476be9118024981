"""The bounds on one response (sizes and deadlines), why each default is safe, and their checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from app.core.bounds import Bound

MB: Final = 1024 * 1024


@dataclass(frozen=True, slots=True)
class StreamLimits:
    """Every bound a server's answer must stay within; tests inject small values.

    The sizes sit far above anything a real server sends and far below what would hurt:
    an OpenAI-style chunk is ~250 bytes a token, so a whole 128k-token reply is ~32 MB.
    """

    #: One SSE line. The longest real ones (a final chunk with usage and timings) are < 2 KB.
    max_line_bytes: int = 1 * MB
    #: One event's data lines together (characters): servers send one line per event.
    max_event_chars: int = 4 * MB
    #: The whole answer after decompression: twice the largest real stream (see above).
    max_body_bytes: int = 64 * MB
    #: Until a streamed answer starts (response headers). Every supported server sends them
    #: when it accepts the request, before the prompt is processed; Ollama and LM Studio
    #: load the model first, which 30 s covers for an 8B model from an SSD.
    first_byte_s: float = 30.0
    #: Bytes keep coming but no line completes (a trickle): as long as the stall timeout.
    no_progress_s: float = 60.0
    #: Only keep-alive comments or empty events, no reply text. Servers and proxies send
    #: them every 10-30 s while a request waits in a queue; twice the stall timeout.
    keepalive_s: float = 120.0

    @classmethod
    def for_timeouts(cls, stall_s: float, first_byte_s: float) -> StreamLimits:
        """The default sizes, with the deadlines scaled to a chosen stall timeout."""
        return cls(first_byte_s=first_byte_s, no_progress_s=stall_s, keepalive_s=2 * stall_s)


DEFAULT_LIMITS: Final = StreamLimits()


class BoundExceeded(Exception):
    """A server pushed past a bound; run_call turns this into a plain Failure."""

    def __init__(self, bound: Bound, limit: float) -> None:
        super().__init__(f"{bound.value} bound of {limit:g} exceeded")
        self.bound = bound
        self.limit = limit


class UnreadableBody(Exception):
    """The body cannot be decoded (an unsupported or damaged compression); says why."""


class DeadlineWatch:
    """The progress and keep-alive deadlines, checked each time bytes arrive.

    Silence is the stall timeout's job (httpx's read timeout), so a deadline is noticed at
    most one read after it passed.
    """

    __slots__ = ("_keepalive_s", "_last_line_at", "_last_output_at", "_lines", "_progress_s")

    def __init__(self, limits: StreamLimits, now: float) -> None:
        self._progress_s = limits.no_progress_s
        self._keepalive_s = limits.keepalive_s
        self._last_line_at = self._last_output_at = now
        self._lines = 0

    def check(self, now: float, lines: int, produced: bool) -> None:
        """`lines`: complete lines so far; `produced`: this read gave reply events."""
        if lines != self._lines:
            self._lines = lines
            self._last_line_at = now
        elif now - self._last_line_at > self._progress_s:
            raise BoundExceeded(Bound.PROGRESS, self._progress_s)
        if produced:
            self._last_output_at = now
        elif now - self._last_output_at > self._keepalive_s:
            raise BoundExceeded(Bound.KEEPALIVE, self._keepalive_s)


@dataclass(frozen=True, slots=True)
class NetworkSettings:
    """Timeouts, an extra CA bundle and the bounds: what a client is built with (no httpx here,
    so the window can start before the HTTP stack is loaded)."""

    connect_timeout_s: float = 10.0
    #: Longest silence tolerated while waiting for the next bytes of a reply.
    stall_timeout_s: float = 60.0
    #: Extra CA certificates (a corporate TLS-inspecting proxy), added to the OS trust store.
    ca_bundle: Path | None = None
    #: Sizes and the deadlines besides silence: first byte, progress, keep-alive only.
    limits: StreamLimits = DEFAULT_LIMITS
