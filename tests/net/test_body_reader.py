"""Bodies read with a bound: decompression a step at a time, totals counted, odd encodings refused."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

import httpx
import pytest

from app.core.bounds import Bound
from app.net.body_reader import ACCEPT_ENCODING, body_chunks, read_bounded, read_whole
from app.net.limits import BoundExceeded, NetworkSettings, UnreadableBody
from app.net.transport import build_client

MB = 1024 * 1024
TEXT = ("data: " + "Llamas 🦙 graze in the Andes. " * 40 + "\n\n").encode() * 50


class RawStream(httpx.AsyncByteStream):
    """The bytes a server sent, in these chunks (not pre-read, so nothing decodes them)."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.served = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.served += 1
            yield chunk


async def response_of(
    chunks: list[bytes] | RawStream, encoding: str | None = None
) -> httpx.Response:
    headers = {"content-encoding": encoding} if encoding else {}
    stream = chunks if isinstance(chunks, RawStream) else RawStream(chunks)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=headers, stream=stream)

    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    request = client.build_request("GET", "http://127.0.0.1/x")
    return await client.send(request, stream=True)


def compress(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


async def collect(response: httpx.Response, max_bytes: int | None) -> list[bytes]:
    return [chunk async for chunk in body_chunks(response, max_bytes)]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "encoding, wbits",
    [("gzip", 31), ("x-gzip", 31), ("deflate", 15), ("deflate", -15), ("GZip", 31)],
    ids=["gzip", "x-gzip", "deflate-zlib", "deflate-raw", "case"],
)
async def test_compressed_bodies_split_anywhere_decode_whole(encoding: str, wbits: int) -> None:
    wire = compress(TEXT, wbits)
    for offset in (1, 2, 10, len(wire) // 2, len(wire) - 1):
        response = await response_of([wire[:offset], wire[offset:]], encoding)
        assert b"".join(await collect(response, 10 * MB)) == TEXT


@pytest.mark.asyncio
async def test_identity_bodies_pass_unchanged_and_are_counted() -> None:
    response = await response_of([b"abc", b"def"], "identity")
    assert await collect(response, 6) == [b"abc", b"def"]
    response = await response_of([b"abc", b"defg"])
    with pytest.raises(BoundExceeded) as hit:
        await collect(response, 6)
    assert hit.value.bound is Bound.BODY and hit.value.limit == 6


@pytest.mark.asyncio
async def test_a_gzip_bomb_inflates_a_step_at_a_time_and_stops_at_the_bound() -> None:
    bomb = compress(b"\n" * (256 * MB), 31)  # ~250 KB on the wire
    assert len(bomb) < MB // 2
    response = await response_of([bomb])  # one read that would inflate to 256 MB at once
    response.headers["content-encoding"] = "gzip"
    sizes: list[int] = []
    with pytest.raises(BoundExceeded) as hit:
        async for piece in body_chunks(response, 8 * MB):
            sizes.append(len(piece))
    assert hit.value.bound is Bound.BODY
    assert max(sizes) <= 64 * 1024 and 8 * MB - 64 * 1024 <= sum(sizes) <= 8 * MB


@pytest.mark.asyncio
@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, gzip", "compress"])
async def test_encodings_it_cannot_bound_are_refused_with_a_reason(encoding: str) -> None:
    response = await response_of([b"whatever"], encoding)
    with pytest.raises(UnreadableBody, match="which LlamaDesk does not accept"):
        await collect(response, MB)


@pytest.mark.asyncio
async def test_damaged_compressed_data_is_refused() -> None:
    wire = compress(TEXT, 31)
    response = await response_of([wire[:20], b"\x00garbage" * 10], "gzip")
    with pytest.raises(UnreadableBody, match="damaged"):
        await collect(response, 10 * MB)


@pytest.mark.asyncio
async def test_read_bounded_stops_reading_at_its_limit_and_never_raises() -> None:
    stream = RawStream([b"x" * 1000] * 100)
    response = await response_of(stream)
    assert await read_bounded(response, 2500) == b"x" * 2500
    assert stream.served == 3  # the other 97 KB were never read
    response = await response_of([b"\x1f\x8b broken"], "gzip")
    assert await read_bounded(response, 100) == b""  # undecodable: the caller judges an empty body


@pytest.mark.asyncio
async def test_read_whole_refuses_a_body_over_its_limit() -> None:
    response = await response_of([compress(b"{}" + b" " * (2 * MB), 31)], "gzip")
    with pytest.raises(BoundExceeded):
        await read_whole(response, MB)
    response = await response_of([compress(b'{"ok": true}', 31)], "gzip")
    assert await read_whole(response, MB) == b'{"ok": true}'


@pytest.mark.asyncio
async def test_the_client_offers_only_the_encodings_it_can_bound() -> None:
    async with build_client(NetworkSettings()) as client:
        assert client.headers["accept-encoding"] == ACCEPT_ENCODING == "gzip, deflate"
