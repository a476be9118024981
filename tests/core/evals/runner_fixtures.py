"""Shared pieces of the runner tests: virtual time, real backends on the loopback server."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Awaitable, Callable

import httpx

from app.core.evals.files import load_test_set
from app.core.evals.model import ResolvedPrompt, ResultSink, RunEvent, TestSet
from app.core.evals.resolve import resolve_prompts
from app.core.evals.runner import EvalRunner
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import NO_RETRY, RetryPolicy
from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig
from tests.loopback import LoopbackServer, RecordedRequest, Reply

BUILTINS = {"date": "2026-11-30", "time": "12:00", "weekday": "Monday", "user_name": "ada"}


class VirtualTime:
    """A clock that moves only when the run sleeps: pacing is exact and instant."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def a_set(cases: int = 2, repeat: int = 2, extra: str = "") -> TestSet:
    tests = "".join(
        f"  - {{input: 'Question {i} for {{{{company}}}}', vars: {{n: '{i}'}}}}\n"
        for i in range(cases)
    )
    return load_test_set(
        "vars: {company: ACME}\nparams: {temperature: 0.5, max_tokens: 64}\n"
        f"repeat: {repeat}\n{extra}"
        "prompts:\n"
        "  - {id: terse, system: 'Answer for {{company}} on {{date}}.'}\n"
        "  - {id: fixed, system: '', params: {seed: 7, temperature: 0.1}}\n"
        "tests:\n" + tests
    )


def openai_backend(
    server: LoopbackServer, client: httpx.AsyncClient, retry: RetryPolicy = NO_RETRY
) -> OpenAIBackend:
    return OpenAIBackend(client, OpenAIConfig(f"{server.url}/v1", None, "tiny-llama"), retry=retry)


def workers_backend(server: LoopbackServer, client: httpx.AsyncClient) -> WorkersAIBackend:
    config = WorkersAIConfig("acc", "test-token-0123456789", api_root=f"{server.url}/client/v4")
    return WorkersAIBackend(client, config, retry=NO_RETRY)


def runner_for(
    ts: TestSet,
    backend: object,
    sink: ResultSink,
    time: VirtualTime,
    *,
    prompts: list[ResolvedPrompt] | None = None,
    seeds: Callable[[], int] | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    **options: object,
) -> EvalRunner:
    return EvalRunner(
        ts,
        prompts if prompts is not None else resolve_prompts(ts, None),
        backend,  # type: ignore[arg-type]
        sink,
        clock=time.clock,
        sleep=sleep or time.sleep,
        builtins=lambda: BUILTINS,
        new_seed=seeds or itertools.count(1000).__next__,
        **options,  # type: ignore[arg-type]
    )


async def all_events(runner: EvalRunner) -> list[RunEvent]:
    return [event async for event in runner.run()]


def chat_requests(server: LoopbackServer) -> list[object]:
    return [
        r
        for r in server.requests
        if r.url_path.endswith("/chat/completions") or "/ai/run/" in r.url_path
    ]


class Arrivals:
    """Counts requests as the server receives them, for a test to wait on (no polling)."""

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()

    def replying(self, reply: Callable[[], Reply]) -> Callable[[RecordedRequest], Reply]:
        """A reply factory for LoopbackServer.queue that counts each request it answers."""

        def answer(_: RecordedRequest) -> Reply:
            with self._changed:
                self._count += 1
                self._changed.notify_all()
            return reply()

        return answer

    async def wait_for(self, count: int, timeout_s: float = 10.0) -> None:
        def wait() -> bool:
            with self._changed:
                return self._changed.wait_for(lambda: self._count >= count, timeout_s)

        assert await asyncio.to_thread(wait), f"fewer than {count} requests arrived"
