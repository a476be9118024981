"""Hostile servers: each attack from issue 8 as a loopback reply, bounded in bytes and time.

Every attack starts like a real reply (so there is partial text to keep), then misbehaves.
The server's caps (ENDLESS_MAX_BYTES, ENDLESS_MAX_S) end any of them even if the client
under test never does, and everything stays on 127.0.0.1.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from tests.loopback import wire
from tests.loopback.faults import CHAT_SUFFIX, NATIVE_SUFFIX
from tests.loopback.server import LoopbackServer, Reply
from tests.loopback.wire import split_events

Dialect = Literal["workers-ai", "openai"]
#: What each dialect's opening events say before the attack begins.
PARTIAL_TEXT = "Hello,"
_TOKENS = ["Hello", ",", " world", "!"]
#: "Forever", from the client's side: far more requests than any bounded client makes.
FOREVER = 1000
_KB = 1024


def opening(dialect: Dialect) -> list[bytes]:
    """The first events of a real reply, up to and including the text "Hello,"."""
    if dialect == "workers-ai":
        return split_events(wire.workers_ai_stream(_TOKENS))[:2]
    return split_events(wire.openai_stream(_TOKENS, include_usage=True))[:3]


def _repeat(piece: bytes) -> Iterator[bytes]:
    return itertools.repeat(piece)


def endless_line(dialect: Dialect) -> Reply:
    """A data line that never ends: 64 KB of "A" at a time, no newline, as fast as TCP allows."""
    start = b'data: {"response":"' if dialect == "workers-ai" else b'data: {"choices":[{"delta":'
    return Reply(body=[*opening(dialect), start], endless=lambda: _repeat(b"A" * (64 * _KB)))


def huge_event(dialect: Dialect) -> Reply:
    """One event of endless `data:` lines (each short), never closed by a blank line."""
    line = b"data: " + b"x" * 1000 + b"\n"
    return Reply(body=opening(dialect), endless=lambda: _repeat(line * 64))


def gzip_bomb(dialect: Dialect, *, decoded_gb: float = 2.0) -> Reply:
    """A gzip stream of valid but empty events: ~1 MB on the wire per GB once decompressed,
    sent 64 KB a write, so each network read alone inflates to ~64 MB."""
    empty = b'data: {"response":""}\n\n' if dialect == "workers-ai" else b": nothing\n\n"
    block = empty * (1024 * _KB // len(empty))
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    head = packer.compress(b"".join(opening(dialect))) + packer.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor starts afresh, so one block's output can be repeated.
    unit = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    units = int(decoded_gb * 1024 * _KB * _KB // len(block))
    per_write = max(1, 64 * _KB // len(unit))

    def chunks() -> Iterator[bytes]:
        for _ in range(0, units, per_write):
            yield unit * per_write

    return Reply(body=[head], headers={"Content-Encoding": "gzip"}, endless=chunks)


def trickle(dialect: Dialect, *, byte_every_s: float = 1.0) -> Reply:
    """One event sent one byte at a time, a byte a second: bytes keep coming, nothing ends."""
    event = b'data: {"response":" never"}\n\n' if dialect == "workers-ai" else opening(dialect)[1]

    def chunks() -> Iterator[bytes]:
        for byte in itertools.cycle(event):
            yield bytes([byte])

    return Reply(body=opening(dialect), endless=chunks, chunk_delay_s=byte_every_s)


def keepalive_forever(dialect: Dialect, *, every_s: float = 0.1) -> Reply:
    """Keep-alive comments and empty events, forever, and no more text."""
    return Reply(
        body=opening(dialect),
        endless=lambda: itertools.cycle([b": keep-alive\n\n", b"\n"]),
        chunk_delay_s=every_s,
    )


def never_answers(dialect: Dialect) -> Reply:
    """Accept the connection, read the request, then say nothing at all."""
    return Reply(silent=True)


def busy_forever(dialect: Dialect) -> Reply:
    """503 with `Retry-After: 0`, for every request (queued FOREVER times)."""
    body = wire.openai_error("object", 503, "Service Unavailable")
    return Reply.json(body, 503, {"Retry-After": "0"})


@dataclass(frozen=True)
class Attack:
    """One hostile behaviour and what `ask` must make of it."""

    name: str
    build: Callable[[Dialect], Reply]
    category: str  # the ErrorCategory value it must end in
    hint: str  # a phrase of the plain message
    partial: bool = True  # "Hello," arrives before the attack
    args: tuple[str, ...] = field(default=())  # small deadlines, so the test is quick
    repeat: int = 1  # replies queued: every request gets one

    def install(self, server: LoopbackServer, dialect: Dialect) -> None:
        suffix = NATIVE_SUFFIX if dialect == "workers-ai" else CHAT_SUFFIX
        server.queue("POST", suffix, *[self.build(dialect)] * self.repeat)


# fmt: off
# One row per attack reads as a table.
ATTACKS: list[Attack] = [
    Attack("endless_line", endless_line, "protocol", "sent a line longer than 1 MB"),
    Attack("huge_event", huge_event, "protocol", "sent a single message larger than 4 MB"),
    Attack("gzip_bomb", gzip_bomb, "protocol", "larger than 64 MB once decompressed"),
    # A byte a second against a 3 s progress deadline (= --stall-timeout): over in ~4 s.
    Attack("trickle", trickle, "timeout", "without completing a single message",
           args=("--stall-timeout", "3")),
    # Keep-alives every 0.1 s against a 2 s keep-alive deadline (twice --stall-timeout).
    Attack("keepalive_forever", keepalive_forever, "timeout", "only keep-alive signals",
           args=("--stall-timeout", "1")),
    Attack("never_answers", never_answers, "timeout", "never answered", partial=False,
           args=("--first-byte-timeout", "1")),
    Attack("busy_forever", busy_forever, "server_error", "(HTTP 503)", partial=False,
           args=("--retries", "2"), repeat=FOREVER),
]
# fmt: on
ATTACKS_BY_NAME = {attack.name: attack for attack in ATTACKS}
