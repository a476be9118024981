"""Pacing: starts spaced to the rate, one halving per burst of 429s, Retry-After honoured,
gradual recovery; and the runner slowing the whole run when a loopback server says 429 or 3040."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from app.core.evals.model import ResultRecorded, ResultSink, RunEnded, RunPaced, RunState
from app.core.evals.pacing import (
    MAX_MEASURED_PER_MINUTE,
    MAX_PAUSE_S,
    MIN_REQUESTS_PER_MINUTE,
    RECOVERY_SUCCESSES,
    RequestPacer,
    too_long_a_pause,
)
from app.core.evals.runner import RATE_LIMITED_TRIES
from app.net.retry import RetryPolicy
from tests.core.evals.runner_fixtures import (
    VirtualTime,
    a_set,
    all_events,
    chat_requests,
    openai_backend,
    runner_for,
    workers_backend,
)
from tests.loopback import FAULTS_BY_NAME, LoopbackServer, RecordedRequest, Reply, openai_error


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as opened:
        yield opened


async def _starts(pacer: RequestPacer, time: VirtualTime, count: int) -> list[float]:
    starts = []
    for _ in range(count):
        await pacer.wait_turn()
        starts.append(time.now)
    return starts


@pytest.mark.asyncio
async def test_starts_are_spaced_to_the_rate() -> None:
    time = VirtualTime()
    pacer = RequestPacer(300, clock=time.clock, sleep=time.sleep)
    assert await _starts(pacer, time, 4) == pytest.approx([0.0, 0.2, 0.4, 0.6])


@pytest.mark.asyncio
async def test_an_unpaced_pacer_never_waits() -> None:
    time = VirtualTime()
    pacer = RequestPacer(None, clock=time.clock, sleep=time.sleep)
    assert await _starts(pacer, time, 5) == [0.0] * 5 and time.sleeps == []


@pytest.mark.asyncio
async def test_a_burst_of_429s_halves_the_rate_once() -> None:
    time = VirtualTime()
    pacer = RequestPacer(600, clock=time.clock, sleep=time.sleep)
    turns = [await pacer.wait_turn() for _ in range(4)]  # all four under way
    paced = [pacer.slow_down(turn) for turn in turns]  # ...and all four refused
    assert paced[0] is not None and paced[0].requests_per_minute == 300
    assert paced[1:] == [None, None, None]
    assert "at most 300 a minute" in paced[0].message
    again = await pacer.wait_turn()  # started after the halving: a 429 now halves again
    assert time.now == pytest.approx(0.3 + 0.2)
    second = pacer.slow_down(again)
    assert second is not None and second.requests_per_minute == 150


@pytest.mark.asyncio
async def test_retry_after_holds_every_start() -> None:
    time = VirtualTime()
    pacer = RequestPacer(600, clock=time.clock, sleep=time.sleep)
    turn = await pacer.wait_turn()
    pacer.slow_down(turn, retry_after_s=2.0)
    await pacer.wait_turn()
    assert time.now == pytest.approx(2.0)


@pytest.mark.asyncio
async def test_the_rate_has_a_floor() -> None:
    time = VirtualTime()
    pacer = RequestPacer(4, clock=time.clock, sleep=time.sleep)
    for _ in range(5):
        pacer.slow_down(await pacer.wait_turn())
    assert pacer.requests_per_minute == MIN_REQUESTS_PER_MINUTE


@pytest.mark.asyncio
async def test_successes_win_the_rate_back_gradually() -> None:
    time = VirtualTime()
    pacer = RequestPacer(600, clock=time.clock, sleep=time.sleep)
    pacer.slow_down(await pacer.wait_turn())
    rates, events = [], []
    for _ in range(RECOVERY_SUCCESSES):
        events.append(pacer.succeeded(await pacer.wait_turn()))
        rates.append(pacer.requests_per_minute)
    assert rates[:3] == [330, 360, 390]
    recovered = [e for e in events if e is not None]
    assert len(recovered) == 1 and recovered[0].requests_per_minute == 600
    assert "back to 600 requests a minute" in recovered[0].message
    assert rates[-1] == 600 and pacer.succeeded(await pacer.wait_turn()) is None


@pytest.mark.asyncio
async def test_requests_under_way_at_the_halving_do_not_win_the_rate_back() -> None:
    time = VirtualTime()
    pacer = RequestPacer(600, clock=time.clock, sleep=time.sleep)
    in_flight = [await pacer.wait_turn() for _ in range(24)]
    pacer.slow_down(in_flight[0])
    # The other 23 were sent at the old speed: their success says nothing about the new one.
    assert [pacer.succeeded(turn) for turn in in_flight[1:]] == [None] * 23
    assert pacer.requests_per_minute == 300
    pacer.succeeded(await pacer.wait_turn())
    assert pacer.requests_per_minute == 330


@pytest.mark.asyncio
async def test_an_unpaced_run_slows_from_its_measured_speed_and_recovers_to_unpaced() -> None:
    time = VirtualTime()
    pacer = RequestPacer(None, clock=time.clock, sleep=time.sleep)
    for _ in range(5):
        await pacer.wait_turn()
        time.now += 0.1  # ten starts a second: 600 a minute
    paced = pacer.slow_down(5)
    assert paced is not None and paced.requests_per_minute == pytest.approx(300)
    for _ in range(RECOVERY_SUCCESSES):
        pacer.succeeded(await pacer.wait_turn())
    assert pacer.requests_per_minute is None


@pytest.mark.asyncio
async def test_an_unpaced_run_whose_starts_came_at_once_really_slows() -> None:
    """Sixteen starts in the same instant and a 429 5 ms later measure no rate: the run must
    still slow to something a person can read (not "996,314 a minute")."""
    time = VirtualTime()
    pacer = RequestPacer(None, clock=time.clock, sleep=time.sleep)
    turns = [await pacer.wait_turn() for _ in range(16)]
    time.now += 0.005
    paced = pacer.slow_down(turns[0])
    assert paced is not None and paced.requests_per_minute == MAX_MEASURED_PER_MINUTE / 2
    assert "at most 600 a minute" in paced.message
    starts = await _starts(pacer, time, 3)
    assert starts[2] - starts[1] == pytest.approx(0.1)  # ten a second, not all at once


@pytest.mark.asyncio
async def test_a_retry_after_pause_is_capped_and_said() -> None:
    time = VirtualTime()
    pacer = RequestPacer(600, clock=time.clock, sleep=time.sleep)
    paced = pacer.slow_down(await pacer.wait_turn(), retry_after_s=86_400)
    assert paced is not None and "waits 60 s as the endpoint asks" in paced.message
    await pacer.wait_turn()
    assert time.now == pytest.approx(MAX_PAUSE_S)


def test_a_pause_past_the_cap_is_a_reason_to_end_the_run() -> None:
    assert too_long_a_pause(None) is None and too_long_a_pause(MAX_PAUSE_S) is None
    assert too_long_a_pause(86_400) == (
        "The endpoint asks to wait 1,440 minutes; resume the run later."
    )


def test_a_nonsense_rate_is_refused() -> None:
    for rate in (0, -1, float("inf"), float("nan")):
        with pytest.raises(ValueError):
            RequestPacer(rate, clock=lambda: 0.0)


# -- the whole run slows down ---------------------------------------------------------------


def _too_many(barrier: threading.Barrier) -> object:
    """A 429 that waits until every request of the burst is at the server."""

    def reply(_: RecordedRequest) -> Reply:
        barrier.wait(timeout=10)
        return Reply.json(openai_error("openai", 429, "Too many requests"), 429)

    return reply


@pytest.mark.asyncio
async def test_a_burst_of_429s_slows_the_whole_run_once_then_it_recovers(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    burst = 4
    barrier = threading.Barrier(burst)
    loopback.queue("POST", "/chat/completions", *[_too_many(barrier) for _ in range(burst)])
    ts, sink, time = a_set(cases=10, repeat=2), ResultSink(), VirtualTime()
    runner = runner_for(
        ts, openai_backend(loopback, client), sink, time, concurrency=burst, requests_per_minute=600
    )
    events = await all_events(runner)
    assert events[-1] == RunEnded(RunState.FINISHED)
    paced = [e for e in events if isinstance(e, RunPaced)]
    assert [p.requests_per_minute for p in paced] == [300, 600]  # one halving, one recovery
    assert all(r.error is None for r in sink.finished().values()) and len(sink.finished()) == 40
    assert len(chat_requests(loopback)) == 40 + burst  # each refused request asked once more
    # Every start went through the pacer: the spacing never dropped below the rate in force.
    assert min(time.sleeps) > 0 and max(time.sleeps) == pytest.approx(0.2)


@pytest.mark.asyncio
async def test_workers_ai_3040_refusals_in_a_row_keep_halving_then_the_cell_is_asked_again(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    capacity = FAULTS_BY_NAME["wai_capacity_3040_429"]
    for _ in range(RATE_LIMITED_TRIES - 1):
        capacity.install(loopback)
    ts, sink, time = a_set(cases=2, repeat=1), ResultSink(), VirtualTime()
    runner = runner_for(
        ts, workers_backend(loopback, client), sink, time, concurrency=1, requests_per_minute=300
    )
    events = await all_events(runner)
    paced = [e.requests_per_minute for e in events if isinstance(e, RunPaced)]
    assert paced[:3] == [150, 75, 37.5]
    assert time.sleeps[:3] == pytest.approx([0.4, 0.8, 1.6])  # 60 / rate between starts
    assert all(r.error is None for r in sink.finished().values()) and len(sink.finished()) == 4
    assert len(chat_requests(loopback)) == 4 + RATE_LIMITED_TRIES - 1


@pytest.mark.asyncio
async def test_a_cell_refused_every_time_fails_with_the_plain_message(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    capacity = FAULTS_BY_NAME["wai_capacity_3040_429"]
    for _ in range(RATE_LIMITED_TRIES):
        capacity.install(loopback)
    ts, sink, time = a_set(cases=1, repeat=1), ResultSink(), VirtualTime()
    events = await all_events(
        runner_for(ts, workers_backend(loopback, client), sink, time, concurrency=1)
    )
    assert events[-1] == RunEnded(RunState.FINISHED)
    failed = [e.result for e in events if isinstance(e, ResultRecorded) and e.result.error]
    assert len(failed) == 1 and failed[0].error_kind == "rate_limited"
    assert "300 a minute" in (failed[0].error or "")


@pytest.mark.asyncio
async def test_a_429_the_backend_retries_itself_still_slows_the_run(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    loopback.queue(
        "POST", "/chat/completions", Reply.json(openai_error("openai", 429, "busy"), 429)
    )
    waits: list[float] = []

    async def no_wait(seconds: float) -> None:
        waits.append(seconds)

    retry = RetryPolicy(max_attempts=3, sleep=no_wait, jitter=lambda: 1.0)
    ts, sink, time = a_set(cases=1, repeat=1), ResultSink(), VirtualTime()
    runner = runner_for(
        ts,
        openai_backend(loopback, client, retry),
        sink,
        time,
        concurrency=1,
        requests_per_minute=120,
    )
    events = await all_events(runner)
    assert next(e.requests_per_minute for e in events if isinstance(e, RunPaced)) == 60
    assert waits == [1.0] and all(r.error is None for r in sink.finished().values())


@pytest.mark.asyncio
async def test_a_retry_after_past_the_cap_ends_the_run_with_a_plain_failure(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    loopback.queue(
        "POST",
        "/chat/completions",
        Reply.json(openai_error("openai", 429, "slow down"), 429, headers={"Retry-After": "7200"}),
    )
    ts, sink, time = a_set(cases=2, repeat=1), ResultSink(), VirtualTime()
    runner = runner_for(
        ts, openai_backend(loopback, client), sink, time, concurrency=1, requests_per_minute=300
    )
    events = await all_events(runner)
    ended = events[-1]
    assert isinstance(ended, RunEnded) and ended.state is RunState.CANCELLED
    assert ended.failure is not None
    assert ended.failure.message == "The endpoint asks to wait 120 minutes; resume the run later."
    assert sink.finished() == {} and max(time.sleeps, default=0) <= MAX_PAUSE_S
