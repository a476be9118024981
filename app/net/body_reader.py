"""A response body as bounded bytes: decompressed a slice at a time, counted, never hoarded.

httpx decompresses transparently and all at once: one 64 KB network read of a gzip bomb
becomes ~64 MB in a single step, and nothing stops the total. Here the raw bytes are inflated
with zlib's `max_length`, so no step yields more than `_STEP` bytes, and the decompressed
total is counted against the response's bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import zlib
from collections.abc import AsyncGenerator, Iterator
from typing import Final, cast

import httpx

from app.core.bounds import Bound
from app.net.limits import BoundExceeded, UnreadableBody

#: What the client offers, and all that it accepts: the encodings inflated with a bound here.
ACCEPT_ENCODING: Final = "gzip, deflate"
_STEP = 64 * 1024
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class _Inflater:
    """zlib with a bound on every step's output."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._zlib = zlib.decompressobj(wbits)
        self._started = False  # the 2-byte header was judged
        self._head = b""  # input until then, to start over as raw deflate

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self._started:
            self._head += data
        try:
            out = self._zlib.decompress(data, _STEP)
        except zlib.error:
            if self._started or self._wbits != zlib.MAX_WBITS:
                raise UnreadableBody("its compressed data was damaged") from None
            # "deflate" is meant to be zlib-wrapped, but some servers send it raw.
            self._wbits = -zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(self._wbits)
            head, self._head, self._started = self._head, b"", True
            yield from self.feed(head)
            return
        if not self._started and len(self._head) >= 2:
            self._started, self._head = True, b""
        while len(out) == _STEP:  # a full step may leave more behind, even with no input left
            yield out
            try:
                out = self._zlib.decompress(self._zlib.unconsumed_tail, _STEP)
            except zlib.error:
                raise UnreadableBody("its compressed data was damaged") from None
        if out:
            yield out


def _inflater_for(response: httpx.Response) -> _Inflater | None:
    codings = [
        c.strip().lower()
        for c in response.headers.get("content-encoding", "").split(",")
        if c.strip().lower() not in ("", "identity")
    ]
    if not codings:
        return None
    if len(codings) > 1 or codings[0] not in _WBITS:
        raise UnreadableBody(
            f"it was compressed as “{', '.join(codings)[:40]}”, which LlamaDesk does not accept"
        )
    return _Inflater(_WBITS[codings[0]])


async def body_chunks(
    response: httpx.Response, max_bytes: int | None
) -> AsyncGenerator[bytes, None]:
    """The body's bytes as sent before compression; BoundExceeded past `max_bytes` of them
    (None: the caller stops reading itself). Each chunk is one network read or one step.

    Raises UnreadableBody for an encoding it cannot inflate with a bound (or damaged data).
    """
    if max_bytes is None:
        max_bytes = 1 << 62
    if response.is_stream_consumed:  # built from bytes in memory (tests): httpx decoded it
        if len(response.content) > max_bytes:
            raise BoundExceeded(Bound.BODY, max_bytes)
        yield response.content
        return
    inflater = _inflater_for(response)
    total = 0
    # aiter_raw is an async generator: close it at once if we stop early.
    raw_chunks = cast(AsyncGenerator[bytes, None], response.aiter_raw())
    async with contextlib.aclosing(raw_chunks) as raw:
        async for chunk in raw:
            if inflater is None:
                total += len(chunk)
                if total > max_bytes:
                    raise BoundExceeded(Bound.BODY, max_bytes)
                yield chunk
                continue
            for index, piece in enumerate(inflater.feed(chunk)):
                if index:
                    # One read can inflate to a thousand steps: let the event loop (the
                    # window) run between them rather than after all of them.
                    await asyncio.sleep(0)
                total += len(piece)
                if total > max_bytes:
                    raise BoundExceeded(Bound.BODY, max_bytes)
                yield piece


async def read_bounded(response: httpx.Response, limit: int) -> bytes:
    """At most `limit` bytes of the body; the rest is never read (an error page, a probe).

    Best effort: a body it cannot decompress reads as what could be, for the caller to judge.
    """
    parts: list[bytes] = []
    size = 0
    with contextlib.suppress(UnreadableBody):
        async with contextlib.aclosing(body_chunks(response, None)) as chunks:
            async for chunk in chunks:
                parts.append(chunk)
                size += len(chunk)
                if size >= limit:
                    break
    return b"".join(parts)[:limit]


async def read_whole(response: httpx.Response, limit: int) -> bytes:
    """The whole body; BoundExceeded if it is larger than `limit` bytes."""
    parts: list[bytes] = []
    async with contextlib.aclosing(body_chunks(response, limit)) as chunks:
        async for chunk in chunks:
            parts.append(chunk)
    return b"".join(parts)
