"""Runs a test set on the chat's endpoint: starts, cancels and resumes runs, re-emits events.

The core's EvalRunner does the asking; this controller keeps a reference to its task,
turns its events into signals and records the run's end in the history.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.backend import BackendUnavailable, ChatBackend
from app.core.errors import Provider
from app.core.evals.model import (
    WORKERS_AI_REQUESTS_PER_MINUTE,
    ResolvedPrompt,
    ResultRecorded,
    RunEnded,
    RunPaced,
    RunProgress,
    RunState,
    TestSet,
)
from app.core.evals.runner import EvalRunner
from app.core.policy import NO_POLICY, Policy
from app.storage.history.eval_store import EvalStore
from app.ui.evals.store_words import STORE_ERRORS, store_failure
from app.ui.policy.eval_rules import held_to, resumable

BackendSource = Callable[[], Awaitable[ChatBackend]]


class RunController(QObject):
    """One run at a time. Cancel closes the requests in flight; finished cells stay stored."""

    run_started = Signal(int, int)  # run id, requests in all
    result_recorded = Signal(object)  # RequestResult
    progress_changed = Signal(int, int, object)  # done, total, eta seconds or None
    paced = Signal(str)  # the endpoint asked to slow down, in plain words
    run_ended = Signal(int, str, str)  # run id, RunState value, "" or why it stopped early
    busy_changed = Signal(bool)

    def __init__(
        self,
        backend_source: BackendSource,
        parent: QObject | None = None,
        endpoint_name: Callable[[], str] = lambda: "",
        policy: Policy = NO_POLICY,
    ) -> None:
        super().__init__(parent)
        self._backend_source = backend_source
        self._policy = policy  # what runs send is held to it (PolicyRefused: nothing is)
        self._endpoint_name = endpoint_name  # the chat's endpoint profile, as the user named it
        self._task: asyncio.Task[None] | None = None
        self._runner: EvalRunner | None = None
        self._abandoned: set[asyncio.Task[None]] = set()  # runs of a history no longer shown
        self.run_id: int | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(
        self,
        store: EvalStore,
        set_id: int | None,
        test_set: TestSet,
        prompts: Sequence[ResolvedPrompt],
    ) -> int | None:
        """A new run of `test_set` with `prompts`; its id, or None while another runs.

        PolicyRefused (nothing stored, nothing sent) when the policy does not allow it."""
        if self.busy:
            return None
        prompts = held_to(self._policy, prompts)
        repeat, concurrency = test_set.repeat, test_set.concurrency
        run_id: int = store.start_run(set_id, test_set, prompts, repeat, concurrency)
        self._launch(store, run_id, test_set, list(prompts), (repeat, concurrency))
        return run_id

    def resume(self, store: EvalStore, run_id: int) -> bool:
        """Ask what an interrupted run has not finished yet (stored cells are not asked again);
        PolicyRefused when the policy would change what it asks."""
        if self.busy:
            return False
        record = store.run(run_id)
        resumable(self._policy, record.prompts)
        store.finish_run(run_id, RunState.RUNNING)  # its label says "running" again
        shape = (record.repeat, record.concurrency)
        self._launch(store, run_id, record.test_set, list(record.prompts), shape)
        return True

    def cancel(self) -> None:
        """Stop asking: the runner closes what is in flight and ends with RunEnded(CANCELLED)."""
        if self._runner is not None:
            self._runner.cancel()
        elif self._task is not None:
            self._task.cancel()

    def stop_now(self) -> None:
        """The window or the app is closing: cancel the task itself (the same closing)."""
        if self._task is not None:
            self._task.cancel()

    def abandon(self) -> None:
        """Another history file is opened: cancel the run and let go of it now.

        Its task still records the end in its own file, but signals nothing more: run ids
        start at 1 in every file, so a late end would be taken for a run of the new one.
        """
        task = self._task
        if task is None or task.done():
            return
        task.cancel()
        self._abandoned.add(task)
        task.add_done_callback(self._abandoned.discard)
        self._task, self._runner, self.run_id = None, None, None
        self.busy_changed.emit(False)

    async def wait_idle(self) -> None:
        """Until the run's task, and any abandoned one, has ended; at once when none runs."""
        running = [t for t in (self._task, *self._abandoned) if t is not None and not t.done()]
        if running:
            await asyncio.wait(running)

    def _launch(
        self,
        store: EvalStore,
        run_id: int,
        test_set: TestSet,
        prompts: list[ResolvedPrompt],
        shape: tuple[int, int],
    ) -> None:
        self.run_id = run_id
        self._task = asyncio.get_event_loop().create_task(
            self._run(store, run_id, test_set, prompts, shape)
        )
        self.busy_changed.emit(True)

    async def _run(
        self,
        store: EvalStore,
        run_id: int,
        test_set: TestSet,
        prompts: list[ResolvedPrompt],
        shape: tuple[int, int],
    ) -> None:
        state, why = RunState.CANCELLED, ""
        task = asyncio.current_task()

        def ours() -> bool:  # not abandoned: its events are still this window's
            return self._task is task

        try:
            try:
                backend = await self._backend_source()
            except BackendUnavailable as exc:
                why = exc.failure.message
                return
            # Which endpoint and model answered is part of what a run means: kept with it.
            with contextlib.suppress(*STORE_ERRORS):
                store.set_run_endpoint(run_id, endpoint_words(self._endpoint_name(), backend))
            pace = (
                float(WORKERS_AI_REQUESTS_PER_MINUTE)
                if backend.provider is Provider.WORKERS_AI
                else None
            )
            runner = EvalRunner(
                test_set,
                prompts,
                backend,
                store.sink(run_id),
                repeat=shape[0],
                concurrency=shape[1],
                requests_per_minute=pace,
            )
            if ours():
                self._runner = runner
                self.run_started.emit(run_id, runner.total)
            events = runner.run()
            assert isinstance(events, AsyncGenerator)
            try:
                async for event in events:
                    if not ours():
                        continue
                    if isinstance(event, ResultRecorded):
                        self.result_recorded.emit(event.result)
                    elif isinstance(event, RunProgress):
                        self.progress_changed.emit(event.done, event.total, event.eta_s)
                    elif isinstance(event, RunPaced):
                        self.paced.emit(event.message)
                    elif isinstance(event, RunEnded):
                        state = event.state
                        why = event.failure.message if event.failure is not None else ""
            finally:
                await events.aclose()  # closes the requests still in flight
        except STORE_ERRORS as exc:  # an answer could not be stored: asking more would lose it
            why = store_failure(
                QCoreApplication.translate("RunController", "Its answers could not be stored"),
                exc,
                store,
            )
        finally:
            # A history closed under the run (the app quitting) leaves it "running", which is
            # what an interrupted run looks like: it resumes, and nothing finished is lost.
            # Whatever the history says, the run state ends here: the window must not stay busy.
            try:
                store.finish_run(run_id, state)
            except STORE_ERRORS as exc:
                why = why or store_failure(
                    QCoreApplication.translate(
                        "RunController", "How the run ended could not be stored"
                    ),
                    exc,
                    store,
                )
            if ours():
                self._runner = None
                self.busy_changed.emit(False)
                self.run_ended.emit(run_id, state.value, why)


def endpoint_words(name: str, backend: ChatBackend) -> str:
    """ "Office vLLM · meta-llama/Llama-3.1-8B-Instruct": the profile's name and the model."""
    model = backend.model or QCoreApplication.translate(
        "RunController", "the server's default model"
    )
    return f"{name or backend.provider.value} · {model}"
