"""The bounded SSE splitter on split, malformed and hostile bytes: same events as httpx-sse, bounded."""

from __future__ import annotations

import time

import pytest
from httpx_sse import ServerSentEvent
from httpx_sse._decoders import SSEDecoder, SSELineDecoder

from app.core.bounds import Bound
from app.net.limits import BoundExceeded, DeadlineWatch, StreamLimits
from app.net.sse_parser import BoundedSSEParser
from tests.loopback import wire

MB = 1024 * 1024
BODIES = {
    "vllm": wire.openai_stream(["Hé", "llo", " 🦙", " 日本語"], include_usage=True),
    "native_crlf_comments": wire.workers_ai_stream(
        ["Hé", "llo", " 🦙"], crlf=True, comments=True, no_space=True
    ),
    "fields": (
        b"event: error\nid: 7\nretry: 10\ndata: first\ndata: second\n\n"
        b": comment\n\ndata:no-space\r\rdata: cr-only\r\r\n\n"
    ),
}


Fields = tuple[str, str, str, int | None]


def fields(events: list[ServerSentEvent]) -> list[Fields]:
    return [(e.event, e.data, e.id, e.retry) for e in events]


def reference(body: bytes) -> list[Fields]:
    """What httpx-sse itself makes of a whole body (its line decoder, then its parser)."""
    line_decoder = SSELineDecoder()
    lines = line_decoder.decode(body.decode("utf-8")) + line_decoder.flush()
    decoder = SSEDecoder()
    return fields([sse for line in lines if (sse := decoder.decode(line)) is not None])


def feed_all(
    chunks: list[bytes], max_line: int = MB, max_event: int = 4 * MB
) -> tuple[list[ServerSentEvent], BoundedSSEParser]:
    parser = BoundedSSEParser(max_line, max_event)
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events += parser.feed(chunk)
        if parser.exceeded is not None:
            break
    return events, parser


@pytest.mark.parametrize("name", BODIES)
def test_every_two_way_split_gives_httpx_sse_events(name: str) -> None:
    body = BODIES[name]
    expected = reference(body)
    assert expected
    for offset in range(len(body) + 1):
        events, parser = feed_all([body[:offset], body[offset:]])
        assert fields(events) == expected, offset
        assert parser.exceeded is None


@pytest.mark.parametrize("name", BODIES)
def test_one_byte_at_a_time_gives_httpx_sse_events(name: str) -> None:
    body = BODIES[name]
    events, _ = feed_all([body[i : i + 1] for i in range(len(body))])
    assert fields(events) == reference(body)


def test_crlf_split_between_cr_and_lf_is_one_line_end() -> None:
    events, parser = feed_all([b"data: a\r", b"\n\r", b"\ndata: b\r\n", b"\r\n"])
    assert [e.data for e in events] == ["a", "b"]
    assert parser.lines == 4


def test_a_utf8_character_split_across_chunks_is_whole() -> None:
    body = "data: 日本語 🦙\n\n".encode()
    for offset in range(1, len(body)):
        events, _ = feed_all([body[:offset], body[offset:]])
        assert [e.data for e in events] == ["日本語 🦙"]


def test_invalid_utf8_becomes_replacement_characters() -> None:
    events, parser = feed_all([b"data: ok \xff\xfe end\n\n"])
    assert [e.data for e in events] == ["ok \ufffd\ufffd end"]
    assert parser.exceeded is None


def test_an_unfinished_event_at_the_end_is_not_an_event() -> None:
    events, _ = feed_all([b"data: complete\n\ndata: cut off\n"])
    assert [e.data for e in events] == ["complete"]


def test_a_line_at_the_limit_passes_one_byte_more_is_refused() -> None:
    line = b"data: " + b"x" * 94  # 100 bytes
    events, parser = feed_all([line + b"\n\n"], max_line=100)
    assert parser.exceeded is None and [e.data for e in events] == ["x" * 94]
    events, parser = feed_all([line + b"y\n\n"], max_line=100)
    assert events == [] and parser.exceeded is not None
    assert parser.exceeded.bound is Bound.LINE and parser.exceeded.limit == 100


def test_endless_line_is_refused_once_past_the_limit_keeping_earlier_events() -> None:
    parser = BoundedSSEParser(1 * MB, 4 * MB)
    events = list(parser.feed(b"data: Hello\n\ndata: {"))
    assert [e.data for e in events] == ["Hello"]
    fed = 0
    while parser.exceeded is None:
        assert list(parser.feed(b"A" * 65536)) == []
        fed += 65536
        assert fed <= 1 * MB + 65536, "the partial line grew past its bound"
    assert parser.exceeded.bound is Bound.LINE
    assert fed > 1 * MB - 65536


def test_a_long_line_inside_one_chunk_keeps_the_events_before_it() -> None:
    chunk = b"data: one\n\n" + b"data: " + b"z" * 500 + b"\n\ndata: after\n\n"
    events, parser = feed_all([chunk], max_line=100)
    assert [e.data for e in events] == ["one"]
    assert parser.exceeded is not None and parser.exceeded.bound is Bound.LINE


def test_one_byte_chunks_of_an_endless_line_cost_linear_time() -> None:
    """A bytearray, not re-joined parts: 300,000 one-byte reads stay far under a second."""
    parser = BoundedSSEParser(256 * 1024, 4 * MB)
    start = time.perf_counter()
    for _ in range(300_000):
        list(parser.feed(b"A"))
        if parser.exceeded is not None:
            break
    assert parser.exceeded is not None and parser.exceeded.bound is Bound.LINE
    assert time.perf_counter() - start < 5.0  # quadratic copying would take minutes


def test_many_data_lines_in_one_event_are_refused_past_the_event_limit() -> None:
    line = b"data: " + b"x" * 94 + b"\n"  # 100 characters a line
    events, parser = feed_all([b"data: first\n\n", line * 10, line], max_event=1000)
    assert [e.data for e in events] == ["first"]
    assert parser.exceeded is not None and parser.exceeded.bound is Bound.EVENT


def test_blank_lines_reset_the_event_size_and_comments_do_not_count() -> None:
    line = b"data: " + b"x" * 94 + b"\n"
    body = (line * 9 + b"\n") * 50 + (b": " + b"c" * 98 + b"\n") * 50 + b"\n"
    events, parser = feed_all([body], max_event=1000)
    assert parser.exceeded is None and len(events) == 50


def test_lines_count_complete_lines_only() -> None:
    parser = BoundedSSEParser(MB, MB)
    list(parser.feed(b": ping\n\ndata: par"))
    assert parser.lines == 2
    list(parser.feed(b"tial"))
    assert parser.lines == 2  # a trickle that completes no line makes no progress
    list(parser.feed(b"\n\n"))
    assert parser.lines == 4


def test_deadline_watch_progress_and_keepalive() -> None:
    limits = StreamLimits(no_progress_s=5.0, keepalive_s=8.0)
    watch = DeadlineWatch(limits, now=100.0)
    watch.check(104.0, lines=0, produced=False)  # a trickle, within both deadlines
    with pytest.raises(BoundExceeded) as hit:
        watch.check(105.5, lines=0, produced=False)
    assert hit.value.bound is Bound.PROGRESS and hit.value.limit == 5.0

    watch = DeadlineWatch(limits, now=100.0)
    for step in range(1, 8):  # a complete keep-alive line every second, no text
        watch.check(100.0 + step, lines=step, produced=False)
    watch.check(108.0, lines=8, produced=True)  # text arrived: the keep-alive clock restarts
    watch.check(115.0, lines=15, produced=False)
    with pytest.raises(BoundExceeded) as hit:
        watch.check(116.5, lines=16, produced=False)
    assert hit.value.bound is Bound.KEEPALIVE and hit.value.limit == 8.0
