"""Every bound of the streaming path against the hostile loopback servers, with small limits."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from app.core.errors import ErrorCategory
from app.core.events import Failed, Finished, Retrying, StreamEvent, TextDelta
from app.core.request import GenerationRequest, Message, Role
from app.net.limits import NetworkSettings, StreamLimits
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import MAX_RETRIES, RetryPolicy
from app.net.transport import build_client
from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig
from tests.loopback import ATTACKS_BY_NAME, PARTIAL_TEXT, LoopbackServer
from tests.loopback.hostile import Dialect, gzip_bomb, trickle

KB = 1024
SMALL = StreamLimits(
    max_line_bytes=64 * KB,
    max_event_chars=128 * KB,
    max_body_bytes=2 * 1024 * KB,
    first_byte_s=0.3,
    no_progress_s=0.5,
    keepalive_s=0.6,
)
#: For the size bounds: deadlines far away, so a loaded machine cannot hit them first.
SIZES_ONLY = dataclasses.replace(SMALL, first_byte_s=30.0, no_progress_s=30.0, keepalive_s=30.0)
REQ = GenerationRequest.chat([Message(Role.USER, "Hi")])


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with build_client(NetworkSettings(2.0, 5.0, limits=SMALL)) as http:
        yield http


def backend(
    client: httpx.AsyncClient,
    server: LoopbackServer,
    dialect: Dialect,
    limits: StreamLimits = SMALL,
    retry: RetryPolicy | None = None,
) -> OpenAIBackend | WorkersAIBackend:
    retry = retry or RetryPolicy(max_attempts=1)
    if dialect == "workers-ai":
        config = WorkersAIConfig("acc", "tok", api_root=f"{server.url}/client/v4")
        return WorkersAIBackend(client, config, retry=retry, stall_timeout_s=5, limits=limits)
    return OpenAIBackend(
        client, OpenAIConfig(f"{server.url}/v1", None, "m"), retry=retry, limits=limits
    )


async def collect(source: OpenAIBackend | WorkersAIBackend) -> list[StreamEvent]:
    return [event async for event in source.stream(REQ)]


def text_of(events: list[StreamEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


EXPECTED = {
    "endless_line": (ErrorCategory.PROTOCOL, "sent a line longer than 64 KB without ending it"),
    "huge_event": (ErrorCategory.PROTOCOL, "sent a single message larger than 128 KB"),
    "gzip_bomb": (ErrorCategory.PROTOCOL, "larger than 2 MB once decompressed"),
    "keepalive_forever": (ErrorCategory.TIMEOUT, "no reply text for 0.6 seconds"),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("dialect", ["openai", "workers-ai"])
@pytest.mark.parametrize("name", EXPECTED)
async def test_size_and_keepalive_bounds_end_the_reply_keeping_its_text(
    client: httpx.AsyncClient, loopback: LoopbackServer, dialect: Dialect, name: str
) -> None:
    ATTACKS_BY_NAME[name].install(loopback, dialect)
    limits = dataclasses.replace(SIZES_ONLY, keepalive_s=0.6) if "keep" in name else SIZES_ONLY

    events = await collect(backend(client, loopback, dialect, limits))

    category, phrase = EXPECTED[name]
    failed = events[-1]
    assert isinstance(failed, Failed), failed
    assert failed.failure.category is category and phrase in failed.failure.message
    assert "The text so far is kept." in failed.failure.message
    assert not failed.failure.retryable
    assert text_of(events) == PARTIAL_TEXT
    assert loopback.requests[-1].wait_settled(10) in ("client_gone", "aborted")


@pytest.mark.asyncio
async def test_a_one_byte_trickle_ends_at_the_progress_deadline(
    client: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    # A byte every 0.1 s: bytes keep coming, well inside the 5 s stall timeout.
    loopback.queue("POST", "/chat/completions", trickle("openai", byte_every_s=0.1))
    started = time.monotonic()
    limits = dataclasses.replace(SIZES_ONLY, no_progress_s=0.5)

    events = await collect(backend(client, loopback, "openai", limits))

    failed = events[-1]
    assert isinstance(failed, Failed) and failed.failure.category is ErrorCategory.TIMEOUT
    assert "sent data for 0.5 seconds without completing a single message" in (
        failed.failure.message
    )
    assert text_of(events) == PARTIAL_TEXT
    assert time.monotonic() - started < 3.0


@pytest.mark.asyncio
@pytest.mark.parametrize("dialect", ["openai", "workers-ai"])
async def test_a_server_that_never_answers_is_told_apart_from_a_stall(
    client: httpx.AsyncClient, loopback: LoopbackServer, dialect: Dialect
) -> None:
    ATTACKS_BY_NAME["never_answers"].install(loopback, dialect)
    started = time.monotonic()

    events = await collect(backend(client, loopback, dialect))

    failed = events[-1]
    assert isinstance(failed, Failed) and failed.failure.category is ErrorCategory.TIMEOUT
    assert "accepted the request but never answered (waited 0.3 seconds)" in (
        failed.failure.message
    )
    assert "stopped sending" not in failed.failure.message
    assert time.monotonic() - started < 2.5  # the 5 s stall timeout did not decide it
    assert loopback.requests[-1].wait_settled(5) == "client_gone"


@pytest.mark.asyncio
async def test_a_whole_reply_waits_for_the_stall_timeout_and_says_never_answered(
    loopback: LoopbackServer,
) -> None:
    """Not streamed, the answer is generated before its first byte: only the stall timeout."""
    ATTACKS_BY_NAME["never_answers"].install(loopback, "openai")
    async with build_client(NetworkSettings(2.0, 0.4, limits=SMALL)) as client:
        source = OpenAIBackend(
            client, OpenAIConfig(f"{loopback.url}/v1", None, "m"), stall_timeout_s=0.4
        )
        request = GenerationRequest.chat([Message(Role.USER, "Hi")], stream=False)
        events = [event async for event in source.stream(request)]

    failed = events[-1]
    assert isinstance(failed, Failed) and failed.failure.category is ErrorCategory.TIMEOUT
    assert "never answered (waited 0.4 seconds)" in failed.failure.message


@pytest.mark.asyncio
async def test_a_gzip_bomb_json_reply_is_refused_not_inflated(
    client: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    bomb = dataclasses.replace(gzip_bomb("openai"), content_type="application/json")
    loopback.queue("POST", "/chat/completions", bomb)
    request = GenerationRequest.chat([Message(Role.USER, "Hi")], stream=False)
    source = backend(client, loopback, "openai")

    events = [event async for event in source.stream(request)]

    failed = events[-1]
    assert isinstance(failed, Failed) and failed.failure.category is ErrorCategory.PROTOCOL
    assert "larger than 2 MB once decompressed" in failed.failure.message


@pytest.mark.asyncio
async def test_retry_after_zero_forever_gets_a_bounded_number_of_requests(
    client: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    ATTACKS_BY_NAME["busy_forever"].install(loopback, "openai")
    delays: list[float] = []

    async def no_wait(seconds: float) -> None:
        delays.append(seconds)

    most = RetryPolicy(max_attempts=MAX_RETRIES + 1, sleep=no_wait)

    events = await collect(backend(client, loopback, "openai", retry=most))

    posts = [r for r in loopback.requests if r.method == "POST"]
    assert len(posts) == MAX_RETRIES + 1 == 11  # not thousands
    assert delays == [1.0] * MAX_RETRIES  # "Retry-After: 0" waits the least sane wait
    assert len([e for e in events if isinstance(e, Retrying)]) == MAX_RETRIES
    failed = events[-1]
    assert isinstance(failed, Failed) and failed.failure.status == 503


def test_retry_policy_refuses_unbounded_attempts() -> None:
    for attempts in (0, MAX_RETRIES + 2, 10_000):
        with pytest.raises(ValueError, match="max_attempts must be from 1 to 11"):
            RetryPolicy(max_attempts=attempts)


@pytest.mark.asyncio
async def test_a_normal_reply_is_untouched_by_the_bounds(
    client: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    events = await collect(backend(client, loopback, "openai"))
    assert text_of(events) == "Hello, world!" and isinstance(events[-1], Finished)


@pytest.mark.asyncio
async def test_a_gzip_bomb_never_holds_the_event_loop_for_long(
    client: httpx.AsyncClient, loopback: LoopbackServer
) -> None:
    """One 64 KB read inflates to ~64 MB: the window must keep running in between."""
    loop = asyncio.get_running_loop()
    gaps: list[float] = []
    beating = True

    def beat(last: float) -> None:
        # CPU time of this thread between beats: what the loop spent on other work, which
        # other processes on a loaded machine cannot inflate (wall-clock gaps they can).
        now = time.thread_time()
        gaps.append(now - last)
        if beating:
            loop.call_later(0.005, beat, now)

    loopback.queue("POST", "/chat/completions", gzip_bomb("openai"))
    # 16 MB: held in one go, a single read's share of that would block for most of a second.
    limits = dataclasses.replace(SIZES_ONLY, max_body_bytes=16 * 1024 * KB)
    loop.call_soon(beat, time.thread_time())

    events = await collect(backend(client, loopback, "openai", limits=limits))
    beating = False

    assert isinstance(events[-1], Failed) and "16 MB" in events[-1].failure.message
    assert len(gaps) > 10 and max(gaps) < 0.25, f"event loop held for {max(gaps):.2f} s"
