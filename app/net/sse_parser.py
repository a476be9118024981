"""Event-stream bytes in, httpx-sse's events out, with every line and every event bounded.

httpx's `aiter_lines` and httpx-sse's `aiter_sse` buffer a line without limit, so a server
that never sends a newline grows memory until the machine gives out. This splitter keeps at
most one bounded partial line and hands complete lines to httpx-sse's own `SSEDecoder`, so the
field parsing stays the library's. Sans-IO: it knows bytes, not sockets.
"""

from __future__ import annotations

from collections.abc import Iterator

from httpx_sse import ServerSentEvent
from httpx_sse._decoders import SSEDecoder  # the library's parser; not re-exported by httpx-sse

from app.core.bounds import Bound
from app.net.limits import BoundExceeded


class BoundedSSEParser:
    """Feed it the body's chunks; it yields the events they complete, each as soon as its
    blank line is read (a 64 KB burst does not delay its first token by the rest).

    A bound that is hit is kept in `exceeded` after the events that came before it were
    yielded, so the text that arrived is never lost; the caller raises it.
    """

    __slots__ = (
        "_decoder",
        "_event_chars",
        "_max_event",
        "_max_line",
        "_pending",
        "_skip_lf",
        "exceeded",
        "lines",
    )

    def __init__(self, max_line_bytes: int, max_event_chars: int) -> None:
        self._decoder = SSEDecoder()
        self._max_line = max_line_bytes
        self._max_event = max_event_chars
        self._pending = bytearray()  # the current line's start; amortised appends, no re-copying
        self._skip_lf = False  # the last chunk ended in CR: a LF starting the next one is its pair
        self._event_chars = 0
        self.lines = 0  # complete lines so far: a trickle that completes none makes no progress
        self.exceeded: BoundExceeded | None = None

    def feed(self, chunk: bytes) -> Iterator[ServerSentEvent]:
        lines = self._split(chunk)
        if not lines:
            return
        self.lines += len(lines)
        decode = self._decoder.decode
        # The hot loop, once per line: no helper calls.
        for line in lines:
            if line:
                if line[0] != ":":  # comments are dropped; field lines grow the event
                    self._event_chars += len(line)
                    if self._event_chars > self._max_event:
                        self.exceeded = BoundExceeded(Bound.EVENT, self._max_event)
                        return
                decode(line)
            else:
                self._event_chars = 0
                sse = decode(line)
                if sse is not None:
                    yield sse

    def _split(self, chunk: bytes) -> list[str]:
        """Complete lines (CRLF, LF or CR, as SSE allows); the rest waits for more bytes."""
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if b"\r" in chunk:
            self._skip_lf = chunk.endswith(b"\r")
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        end = chunk.rfind(b"\n")
        pending = self._pending
        if end < 0:
            pending += chunk
            if len(pending) > self._max_line:
                self.exceeded = BoundExceeded(Bound.LINE, self._max_line)
                pending.clear()
            return []
        head: bytes | bytearray
        if pending:
            pending += chunk[:end]
            head, self._pending = pending, bytearray(chunk[end + 1 :])
        else:
            head = chunk[:end]
            if end + 1 < len(chunk):
                pending += chunk[end + 1 :]
        # A newline byte never occurs inside a UTF-8 sequence: decoding whole lines is safe.
        lines = head.decode("utf-8", "replace").split("\n")
        if len(head) > self._max_line:
            lines = self._up_to_long_line(head, lines)
        if len(self._pending) > self._max_line and self.exceeded is None:
            self.exceeded = BoundExceeded(Bound.LINE, self._max_line)
            self._pending.clear()
        return lines

    def _up_to_long_line(self, head: bytes | bytearray, lines: list[str]) -> list[str]:
        """The lines before the first one over the limit (rare: only a chunk > the limit)."""
        for index, raw in enumerate(head.split(b"\n")):
            if len(raw) > self._max_line:
                self.exceeded = BoundExceeded(Bound.LINE, self._max_line)
                self._pending.clear()
                return lines[:index]
        return lines
