"""Runs a test set: every case × prompt × repeat asked, checked and stored as it finishes.

A run is an async generator of RunEvents, so the window and `llamadesk eval` drive the same
code. Never more than `concurrency` requests are in flight; their starts are paced (see
pacing.py); each result is handed to the sink (write-through) before it is announced, and a
resumed run skips what the sink already holds. When the endpoint itself cannot answer (a bad
token, nothing listening, no such model) the run stops instead of failing every cell the same
way, and the cells it did not finish stay to be asked when it resumes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from app.core.backend import ChatBackend
from app.core.chat_settings import default_builtins, random_seed
from app.core.errors import ErrorCategory, Failure
from app.core.evals.model import (
    MAX_CONCURRENCY,
    MAX_REPEAT,
    RequestResult,
    ResolvedPrompt,
    ResultKey,
    ResultRecorded,
    ResultSink,
    RunEnded,
    RunEvent,
    RunPaced,
    RunProgress,
    RunState,
    TestSet,
)
from app.core.evals.pacing import RequestPacer, too_long_a_pause
from app.core.evals.request_plan import RequestPlan, plan_keys
from app.core.events import Retrying, StreamEvent

#: The endpoint itself is unusable: asking the remaining cells would fail them all alike.
ENDPOINT_FAILURES: Final = frozenset(
    {
        ErrorCategory.BAD_TOKEN,
        ErrorCategory.MISSING_SETTING,
        ErrorCategory.WRONG_ACCOUNT,
        ErrorCategory.UNKNOWN_MODEL,
        ErrorCategory.DEPRECATED_MODEL,
        ErrorCategory.QUOTA_EXHAUSTED,
        ErrorCategory.UNREACHABLE,
        ErrorCategory.TLS,
        ErrorCategory.UNSUPPORTED,
    }
)
#: A request refused as "too many" is asked again this often, paced, before it counts as failed.
RATE_LIMITED_TRIES: Final = 4


@dataclass(frozen=True)
class _Stop:
    """The run must stop: the endpoint failed (failure) or someone cancelled (None)."""

    failure: Failure | None


@dataclass(frozen=True)
class _Crash:
    """Something other than a request failed (the sink could not store): raised from run()."""

    error: BaseException


_Message = ResultRecorded | RunPaced | _Stop | _Crash


class EvalRunner:
    """One run of a test set with resolved prompts against one backend, into one sink."""

    def __init__(
        self,
        test_set: TestSet,
        prompts: Sequence[ResolvedPrompt],
        backend: ChatBackend,
        sink: ResultSink,
        *,
        repeat: int | None = None,
        concurrency: int | None = None,
        requests_per_minute: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        builtins: Callable[[], Mapping[str, str]] = default_builtins,
        new_seed: Callable[[], int] = random_seed,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.repeat = test_set.repeat if repeat is None else repeat
        self.concurrency = test_set.concurrency if concurrency is None else concurrency
        if not 1 <= self.repeat <= MAX_REPEAT:
            raise ValueError(f"repeat must be from 1 to {MAX_REPEAT}")
        if not 1 <= self.concurrency <= MAX_CONCURRENCY:
            raise ValueError(f"concurrency must be from 1 to {MAX_CONCURRENCY}")
        self._plan = RequestPlan(test_set, prompts, new_seed)
        self._keys = plan_keys(test_set, prompts, self.repeat)
        self.total = len(self._keys)
        self._backend = backend
        self._sink = sink
        self._clock = clock
        self._builtins = builtins
        self._pacer = RequestPacer(requests_per_minute, clock=clock, sleep=sleep)
        self._messages: asyncio.Queue[_Message] | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """Stop asking: in-flight requests are closed, finished ones kept; run() then ends
        with RunEnded(CANCELLED). (Cancelling the task that iterates run() works too, without
        that last event.)"""
        self._cancelled = True
        if self._messages is not None:
            self._messages.put_nowait(_Stop(None))

    async def run(self) -> AsyncIterator[RunEvent]:
        """The run's events as they happen; the last is RunEnded."""
        finished = self._sink.finished()
        todo = [key for key in self._keys if key not in finished]
        done = self.total - len(todo)
        yield RunProgress(done, self.total, None)
        if not todo:
            yield RunEnded(RunState.FINISHED)
            return
        if self._cancelled:  # cancelled before it started: nothing is asked
            yield RunEnded(RunState.CANCELLED)
            return
        messages: asyncio.Queue[_Message] = asyncio.Queue()
        self._messages = messages
        builtins = dict(self._builtins())  # one date and time for the whole run
        started, recorded = self._clock(), 0
        in_flight: set[asyncio.Task[None]] = set()
        dispatcher = asyncio.create_task(self._dispatch(todo, builtins, in_flight))
        dispatcher.add_done_callback(self._on_dispatcher_done)
        try:
            while recorded < len(todo):
                message = await messages.get()
                if isinstance(message, _Crash):
                    raise message.error
                if isinstance(message, _Stop):
                    await _stop(dispatcher, in_flight)
                    # Results stored while the consumer was busy may wait behind the stop:
                    # each is in the sink, so each must be announced before the run ends.
                    while not messages.empty():
                        late = messages.get_nowait()
                        if isinstance(late, ResultRecorded):
                            recorded += 1
                            yield late
                            yield RunProgress(done + recorded, self.total, None)
                    yield RunEnded(RunState.CANCELLED, message.failure)
                    return
                yield message
                if isinstance(message, ResultRecorded):
                    recorded += 1
                    remaining = len(todo) - recorded
                    elapsed = self._clock() - started
                    eta = elapsed / recorded * remaining if elapsed > 0 else None
                    yield RunProgress(done + recorded, self.total, eta)
            yield RunEnded(RunState.FINISHED)
        finally:
            self._messages = None
            await _stop(dispatcher, in_flight)

    def _on_dispatcher_done(self, dispatcher: asyncio.Task[None]) -> None:
        # A fault in dispatching must end the run, not leave it waiting for results forever.
        if not dispatcher.cancelled() and (error := dispatcher.exception()) is not None:
            self._post(_Crash(error))

    async def _dispatch(
        self,
        todo: Sequence[ResultKey],
        builtins: Mapping[str, str],
        in_flight: set[asyncio.Task[None]],
    ) -> None:
        slots = asyncio.Semaphore(self.concurrency)
        for key in todo:
            await slots.acquire()
            turn = await self._pacer.wait_turn()
            task = asyncio.create_task(self._ask(key, builtins, turn))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
            task.add_done_callback(lambda _: slots.release())

    async def _ask(self, key: ResultKey, builtins: Mapping[str, str], turn: int) -> None:
        messages = self._messages
        assert messages is not None
        try:
            result = await self._result(key, builtins, turn)
            if result is None:
                return
            self._sink.record(result)  # stored before anyone hears of it
            messages.put_nowait(ResultRecorded(result))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a sink that cannot store, or a backend breaking its contract
            messages.put_nowait(_Crash(exc))

    async def _result(
        self, key: ResultKey, builtins: Mapping[str, str], turn: int
    ) -> RequestResult | None:
        """The request's result; None when the endpoint failed (the run stops, the cell stays
        to be asked again)."""
        prepared = self._plan.prepare(key, builtins)
        if isinstance(prepared, RequestResult):
            return prepared
        for attempt in range(1, RATE_LIMITED_TRIES + 1):
            exchange = self._plan.exchange(key, prepared, self._clock)
            stream = self._backend.stream(prepared.request)
            try:
                async for event in stream:
                    exchange.feed(event)
                    self._watch(event, turn)
            finally:
                await _close(stream)
            failure = exchange.failure
            if failure is None:
                if (paced := self._pacer.succeeded(turn)) is not None:
                    self._post(paced)
                return exchange.result()
            if failure.category in ENDPOINT_FAILURES:
                self._post(_Stop(failure))
                return None
            if failure.category is not ErrorCategory.RATE_LIMITED or exchange.has_text:
                return exchange.result()
            if self._stopped_by_long_pause(failure):
                return None
            if (paced := self._pacer.slow_down(turn, failure.retry_after_s)) is not None:
                self._post(paced)
            if attempt < RATE_LIMITED_TRIES:
                turn = await self._pacer.wait_turn()
        return exchange.result()

    def _watch(self, event: StreamEvent, turn: int) -> None:
        """A 429 the backend retries by itself still slows the whole run."""
        if isinstance(event, Retrying) and event.failure.category is ErrorCategory.RATE_LIMITED:
            if self._stopped_by_long_pause(event.failure):
                return
            paced = self._pacer.slow_down(turn, event.failure.retry_after_s)
            if paced is not None:
                self._post(paced)

    def _stopped_by_long_pause(self, failure: Failure) -> bool:
        """An endpoint asking to wait longer than a run pauses ends the run (resumable) rather
        than leaving it silently still for hours."""
        reason = too_long_a_pause(failure.retry_after_s)
        if reason is None:
            return False
        self._post(_Stop(replace(failure, message=reason, detail=None)))
        return True

    def _post(self, message: _Message) -> None:
        if self._messages is not None:
            self._messages.put_nowait(message)


async def _close(stream: AsyncIterator[StreamEvent]) -> None:
    """Close the backend's stream (and so its HTTP response) whatever ended the loop."""
    aclose = getattr(stream, "aclose", None)
    if aclose is not None:
        await aclose()


async def _stop(dispatcher: asyncio.Task[None], in_flight: set[asyncio.Task[None]]) -> None:
    """Cancel the dispatcher and every request under way, and wait until they have closed."""
    tasks = [dispatcher, *in_flight]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
