"""The runner against a real loopback server: every cell asked once, exactly as planned,
checked and stored; resumed without asking again; stopped early only when the endpoint fails."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from app.core.errors import ErrorCategory
from app.core.evals.files import load_test_set
from app.core.evals.model import (
    AssertionKind,
    RequestResult,
    ResultKey,
    ResultRecorded,
    ResultSink,
    RunEnded,
    RunProgress,
    RunState,
)
from app.core.evals.runner import EvalRunner
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import NO_RETRY
from tests.core.evals.runner_fixtures import (
    Arrivals,
    VirtualTime,
    a_set,
    all_events,
    chat_requests,
    openai_backend,
    runner_for,
    workers_backend,
)
from tests.loopback import (
    FAULTS_BY_NAME,
    LoopbackServer,
    RecordedRequest,
    Reply,
    openai_stream,
    split_events,
    unreachable_url,
)


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as opened:
        yield opened


@pytest.mark.asyncio
async def test_every_cell_is_asked_once_exactly_as_planned(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts, sink, time = a_set(cases=2, repeat=2), ResultSink(), VirtualTime()
    runner = runner_for(ts, openai_backend(loopback, client), sink, time, concurrency=3)
    assert runner.total == 8
    events = await all_events(runner)
    assert events[0] == RunProgress(0, 8, None)
    assert events[-1] == RunEnded(RunState.FINISHED)
    recorded = [e.result for e in events if isinstance(e, ResultRecorded)]
    assert sorted(r.key for r in recorded) == sorted(
        ResultKey(t, p, r) for t in range(2) for p in ("terse", "fixed") for r in range(2)
    )
    assert dict(sink.finished()) == {r.key: r for r in recorded}  # stored before announced
    progress = [e for e in events if isinstance(e, RunProgress)]
    assert [p.done for p in progress] == list(range(9))
    sent = chat_requests(loopback)
    assert len(sent) == 8
    bodies = {hashlib.sha256(r.body).hexdigest(): r.json() for r in sent}
    for result in recorded:
        assert result.response == "Hello, world!" and result.finish_reason == "stop"
        assert result.error is None and result.error_kind is None and result.passed
        body = bodies[result.request_sha256]  # the hash names the bytes the server received
        assert body["seed"] == result.seed
        user = body["messages"][-1]
        assert user == {"role": "user", "content": f"Question {result.key.test} for ACME"}
        if result.key.prompt == "terse":
            assert body["messages"][0] == {
                "role": "system",
                "content": "Answer for ACME on 2026-11-30.",
            }
            assert body["temperature"] == 0.5 and body["max_tokens"] == 64
        else:
            assert len(body["messages"]) == 1  # an empty system prompt sends none
            assert body["temperature"] == 0.1 and body["seed"] == 7
    # Without a seed of its own, each request got a fresh one (recorded); a given seed is sent on all.
    terse_seeds = sorted(r.seed for r in recorded if r.key.prompt == "terse")
    assert terse_seeds == [1000, 1001, 1002, 1003]
    assert {r.seed for r in recorded if r.key.prompt == "fixed"} == {7}


@pytest.mark.asyncio
async def test_checks_run_on_each_reply(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts = load_test_set(
        "prompts: [{id: a, system: ''}]\ntests:\n  - input: Hi\n    assert:\n"
        "      - {type: contains, value: world}\n      - {type: starts-with, value: Bye}\n"
        "      - {type: latency-ms, value: 60000}\n"
    )
    sink, time = ResultSink(), VirtualTime()
    await all_events(runner_for(ts, openai_backend(loopback, client), sink, time))
    [result] = sink.finished().values()
    assert [(a.kind, a.passed) for a in result.assertions] == [
        (AssertionKind.CONTAINS, True),
        (AssertionKind.STARTS_WITH, False),
        (AssertionKind.LATENCY_MS, True),
    ]
    assert not result.passed and result.error is None


@pytest.mark.asyncio
async def test_a_resumed_run_asks_only_what_is_missing(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts, time = a_set(cases=2, repeat=2), VirtualTime()
    first = ResultSink()
    await all_events(runner_for(ts, openai_backend(loopback, client), first, time))
    kept = dict(list(first.finished().items())[:5])
    resumed = ResultSink()
    for result in kept.values():
        resumed.record(result)
    loopback.requests.clear()
    events = await all_events(runner_for(ts, openai_backend(loopback, client), resumed, time))
    assert events[0] == RunProgress(5, 8, None)
    assert len(chat_requests(loopback)) == 3
    asked = {e.result.key for e in events if isinstance(e, ResultRecorded)}
    assert asked.isdisjoint(kept) and len(resumed.finished()) == 8
    assert events[-2] == RunProgress(8, 8, events[-2].eta_s) and events[-1] == RunEnded(
        RunState.FINISHED
    )


@pytest.mark.asyncio
async def test_a_finished_run_resumed_asks_nothing(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts, sink, time = a_set(cases=1, repeat=1), ResultSink(), VirtualTime()
    await all_events(runner_for(ts, openai_backend(loopback, client), sink, time))
    loopback.requests.clear()
    events = await all_events(runner_for(ts, openai_backend(loopback, client), sink, time))
    assert events == [RunProgress(2, 2, None), RunEnded(RunState.FINISHED)]
    assert loopback.requests == []


@pytest.mark.asyncio
async def test_never_more_requests_in_flight_than_the_limit() -> None:
    limit, active, peak = 3, 0, 0
    everyone_in = asyncio.Event()
    body = openai_stream(["Hi"], model="m")

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        if active == limit:
            everyone_in.set()
        await everyone_in.wait()  # the first requests wait until the limit is reached
        await asyncio.sleep(0)
        active -= 1
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        backend = OpenAIBackend(
            client, OpenAIConfig("http://127.0.0.1:9/v1", None, "m"), retry=NO_RETRY
        )
        ts, sink, time = a_set(cases=5, repeat=2), ResultSink(), VirtualTime()
        events = await all_events(runner_for(ts, backend, sink, time, concurrency=limit))
    assert events[-1] == RunEnded(RunState.FINISHED)
    assert peak == limit and len(sink.finished()) == 20


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("fault", "category"),
    [
        ("vllm_unauthorized_401", ErrorCategory.BAD_TOKEN),
        ("vllm_unknown_model_404", ErrorCategory.UNKNOWN_MODEL),
        ("wai_auth_10000_401", ErrorCategory.BAD_TOKEN),
        ("wai_model_5007_400", ErrorCategory.UNKNOWN_MODEL),
        ("wai_daily_limit_3036_429", ErrorCategory.QUOTA_EXHAUSTED),
    ],
)
async def test_an_endpoint_failure_stops_the_run_and_keeps_the_cells_to_ask(
    loopback: LoopbackServer, client: httpx.AsyncClient, fault: str, category: ErrorCategory
) -> None:
    scripted = FAULTS_BY_NAME[fault]
    for _ in range(20):
        scripted.install(loopback)
    backend = (
        workers_backend(loopback, client)
        if scripted.dialect == "workers-ai"
        else openai_backend(loopback, client)
    )
    ts, sink, time = a_set(cases=5, repeat=2), ResultSink(), VirtualTime()
    events = await all_events(runner_for(ts, backend, sink, time, concurrency=2))
    last = events[-1]
    assert isinstance(last, RunEnded) and last.state is RunState.CANCELLED
    assert last.failure is not None and last.failure.category is category
    assert sink.finished() == {}  # nothing counts as done: resuming asks every cell
    assert len(chat_requests(loopback)) <= 2 + 1  # the rest was not asked


@pytest.mark.asyncio
async def test_nothing_listening_stops_the_run(client: httpx.AsyncClient) -> None:
    backend = OpenAIBackend(
        client, OpenAIConfig(f"{unreachable_url()}/v1", None, "m"), retry=NO_RETRY
    )
    ts, sink, time = a_set(cases=3, repeat=1), ResultSink(), VirtualTime()
    events = await all_events(runner_for(ts, backend, sink, time))
    last = events[-1]
    assert isinstance(last, RunEnded) and last.failure is not None
    assert last.failure.category is ErrorCategory.UNREACHABLE
    assert "No server answers" in last.failure.message


@pytest.mark.asyncio
async def test_a_refused_request_is_one_failed_cell_not_the_end_of_the_run(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    FAULTS_BY_NAME["wai_bad_input_5006_400"].install(loopback)
    ts, sink, time = a_set(cases=2, repeat=1), ResultSink(), VirtualTime()
    events = await all_events(
        runner_for(ts, workers_backend(loopback, client), sink, time, concurrency=1)
    )
    assert events[-1] == RunEnded(RunState.FINISHED)
    results = sorted(sink.finished().values(), key=lambda r: r.key)
    assert len(results) == 4
    failed = [r for r in results if r.error is not None]
    assert len(failed) == 1 and failed[0].error_kind == "bad_input"
    assert failed[0].request_sha256 is not None and not failed[0].passed
    assert "The server refused the request" in failed[0].error


@pytest.mark.asyncio
async def test_a_request_that_cannot_be_built_is_a_failed_cell_and_nothing_is_sent(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts = load_test_set("prompts: [{id: a, system: ''}]\ntests: [{input: '{{x}}', vars: {x: ''}}]")
    sink, time = ResultSink(), VirtualTime()
    events = await all_events(runner_for(ts, openai_backend(loopback, client), sink, time))
    assert events[-1] == RunEnded(RunState.FINISHED)
    [result] = sink.finished().values()
    assert result.error == "There is nothing to send: write a message first."
    assert result.error_kind == "bad_input" and result.request_sha256 is None
    assert chat_requests(loopback) == []


def _slow_reply() -> Reply:
    # Twenty chunks 5 s apart: far longer than the test, so only a close can end it early.
    events = split_events(openai_stream(["tok"] * 18))
    return Reply(body=events, chunk_delay_s=5.0)


@pytest.mark.asyncio
async def test_cancel_closes_requests_in_flight_and_keeps_finished_ones(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts, sink, time = a_set(cases=5, repeat=1), ResultSink(), VirtualTime()
    runner = runner_for(ts, openai_backend(loopback, client), sink, time, concurrency=3)
    arrivals = Arrivals()
    slow = [arrivals.replying(_slow_reply) for _ in range(20)]
    loopback.queue("POST", "/chat/completions", *[_default() for _ in range(2)], *slow)
    events = []
    async for event in runner.run():
        events.append(event)
        if isinstance(event, ResultRecorded) and len(sink.finished()) == 2:
            await arrivals.wait_for(2)  # two slow ones are under way
            runner.cancel()
    assert events[-1] == RunEnded(RunState.CANCELLED)
    assert len(sink.finished()) == 2
    in_flight = chat_requests(loopback)[2:]
    assert len(in_flight) >= 2
    assert all(r.wait_settled(5.0) == "client_gone" for r in in_flight)


class _CountingSink(ResultSink):
    """The in-memory sink, telling a test when it holds so many results."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.reached = asyncio.Event()
        self._count = count

    def record(self, result: RequestResult) -> None:
        super().record(result)
        if len(self.finished()) >= self._count:
            self.reached.set()


@pytest.mark.asyncio
async def test_results_stored_after_the_stop_are_still_announced_before_the_end(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts, sink, time = a_set(cases=5, repeat=1), _CountingSink(2), VirtualTime()
    runner = runner_for(ts, openai_backend(loopback, client), sink, time, concurrency=2)
    gate = threading.Event()

    def held(_: RecordedRequest) -> Reply:
        gate.wait(10)
        return _default()

    loopback.queue("POST", "/chat/completions", _default(), *[held for _ in range(9)])
    events = []
    async for event in runner.run():
        events.append(event)
        if isinstance(event, ResultRecorded) and not gate.is_set():
            runner.cancel()  # the stop is queued first...
            gate.set()
            await sink.reached.wait()  # ...and a result stored behind it, while we were busy
    announced = {e.result.key for e in events if isinstance(e, ResultRecorded)}
    assert announced == set(sink.finished()) and len(announced) >= 2
    progress = [e for e in events if isinstance(e, RunProgress)]
    assert progress[-1].done == len(announced)
    assert events[-1] == RunEnded(RunState.CANCELLED)


def _default() -> Reply:
    return Reply(
        body=split_events(openai_stream(["Hello", ",", " world", "!"], model="tiny-llama"))
    )


@pytest.mark.asyncio
async def test_cancelling_the_task_closes_the_streams_too(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts, sink, time = a_set(cases=3, repeat=1), ResultSink(), VirtualTime()
    runner = runner_for(ts, openai_backend(loopback, client), sink, time, concurrency=2)
    arrivals = Arrivals()
    loopback.queue(
        "POST", "/chat/completions", *[arrivals.replying(_slow_reply) for _ in range(10)]
    )

    async def consume() -> None:
        async for _ in runner.run():
            pass

    task = asyncio.create_task(consume())
    await arrivals.wait_for(2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert all(r.wait_settled(5.0) == "client_gone" for r in chat_requests(loopback))
    assert sink.finished() == {}


def test_options_out_of_range_are_refused() -> None:
    ts = a_set()
    for options in ({"repeat": 0}, {"repeat": 21}, {"concurrency": 0}, {"concurrency": 33}):
        with pytest.raises(ValueError):
            EvalRunner(ts, [], None, ResultSink(), **options)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_a_run_cancelled_before_it_starts_asks_nothing(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    ts, sink, time = a_set(cases=2, repeat=1), ResultSink(), VirtualTime()
    runner = runner_for(ts, openai_backend(loopback, client), sink, time)
    runner.cancel()
    assert await all_events(runner) == [RunProgress(0, 4, None), RunEnded(RunState.CANCELLED)]
    assert loopback.requests == []


@pytest.mark.asyncio
async def test_a_fault_while_dispatching_ends_the_run_instead_of_hanging_it(
    loopback: LoopbackServer, client: httpx.AsyncClient
) -> None:
    async def broken_sleep(seconds: float) -> None:
        raise RuntimeError("the timer broke")

    ts, sink, time = a_set(cases=3, repeat=1), ResultSink(), VirtualTime()
    runner = runner_for(
        ts, openai_backend(loopback, client), sink, time, sleep=broken_sleep, requests_per_minute=60
    )
    with pytest.raises(RuntimeError, match="the timer broke"):
        await all_events(runner)
