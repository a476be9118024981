"""One clock for several conversation views (compare panes): their repaints share each turn.

Each view alone batches a live reply's tokens for `batch_ms` and then writes for up to a turn's
budget of CPU time. Four views streaming at once would fire together and write four budgets in
one turn of the event loop; through one clock they share one budget per turn, taking turns
(a view left over goes first on the very next turn), so the loop never waits long for any.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QObject, QTimer


class TakesTurns(Protocol):
    """A view the clock times (TakesTurns)."""

    def run_turn(self, budget_s: float) -> None:
        """Write for up to `budget_s` of CPU time."""


#: CPU time one turn may spend writing, for all the views together (a view always writes at
#: least one piece, so work advances).
DEFAULT_SHARED_TURN_MS = 8.0


class FrameClock(QObject):
    """Views ask for a turn (now, or after the batching delay); the clock runs them in order."""

    def __init__(
        self,
        parent: QObject | None = None,
        batch_ms: int = 20,
        turn_ms: float = DEFAULT_SHARED_TURN_MS,
    ) -> None:
        super().__init__(parent)
        self.batch_ms = batch_ms
        self._turn_s = turn_ms / 1000
        self._waiting: list[TakesTurns] = []  # in the order they will be served
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    def request(self, view: TakesTurns, *, now: bool) -> None:
        """`view` has something to write: on the next turn (`now`), or within batch_ms."""
        if view not in self._waiting:
            self._waiting.append(view)
        delay = 0 if now else self.batch_ms
        if not self._timer.isActive() or self._timer.remainingTime() > delay:
            self._timer.start(delay)

    def forget(self, view: TakesTurns) -> None:
        if view in self._waiting:
            self._waiting.remove(view)

    def _on_timer_timeout(self) -> None:
        views, self._waiting = self._waiting, []
        deadline = time.thread_time() + self._turn_s
        for served, view in enumerate(views):
            left = deadline - time.thread_time()
            if served and left <= 0:
                # The rest go first on the next turn, before views that ask meanwhile.
                self._waiting = [*views[served:], *self._waiting]
                self._timer.start(0)
                return
            view.run_turn(max(left, 0.0))
