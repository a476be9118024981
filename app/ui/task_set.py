"""Keeps a reference to every asyncio task a dialog starts, so closing it cancels them all."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any


class TaskSet:
    """Named task slots: starting a task in a busy slot cancels the one before it."""

    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        self._on_error = on_error
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._unfinished: set[asyncio.Task[None]] = set()  # cancelled ones too, until they end
        self._when_idle: list[Callable[[], None]] = []

    def start(self, slot: str, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        self.cancel(slot)
        task = asyncio.get_event_loop().create_task(coro)
        self._tasks[slot] = task
        self._unfinished.add(task)
        task.add_done_callback(lambda done: self._finished(slot, done))
        return task

    def running(self, slot: str) -> bool:
        task = self._tasks.get(slot)
        return task is not None and not task.done()

    @property
    def busy(self) -> bool:
        """True until every task started here, cancelled or not, has really ended."""
        return bool(self._unfinished)

    def cancel(self, slot: str) -> None:
        task = self._tasks.pop(slot, None)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for slot in list(self._tasks):
            self.cancel(slot)

    def call_when_idle(self, callback: Callable[[], None]) -> None:
        """Run `callback` once no task is left, e.g. to delete widgets the tasks still touch."""
        if self.busy:
            self._when_idle.append(callback)
        else:
            callback()

    async def wait_idle(self, timeout_s: float = 5.0) -> None:
        """Until every task has ended (a closed dialog's were cancelled: this is quick)."""
        idle: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def settle() -> None:
            if not idle.done():
                idle.set_result(None)

        self.call_when_idle(settle)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(idle, timeout_s)

    def _finished(self, slot: str, task: asyncio.Task[None]) -> None:
        self._unfinished.discard(task)
        if not self._unfinished:
            callbacks, self._when_idle = self._when_idle, []
            for callback in callbacks:
                callback()
        if self._tasks.get(slot) is task:
            del self._tasks[slot]
        if not task.cancelled() and (error := task.exception()) is not None:
            self._on_error(error)  # a bug: show it rather than lose it in the loop's log
