"""When the next request of a run may start: at most so many a minute, slower after a 429.

One pacer serves a whole run, so when the endpoint says "too many requests" every cell slows
down, not only the one that was refused: the rate halves (once per burst, not once per refused
request), Retry-After pauses all starts, and each success wins back a little speed until the
run asks at its full rate again (additive increase, multiplicative decrease, as TCP does).
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Final

from app.core.evals.model import RunPaced

#: Slowing down never goes below this (one request every 30 seconds).
MIN_REQUESTS_PER_MINUTE: Final = 2.0
#: An unpaced run refused before its speed could be measured starts again from here.
FALLBACK_REQUESTS_PER_MINUTE: Final = 60.0
#: Successes that win back the full rate from zero (so 10 from a halving).
RECOVERY_SUCCESSES: Final = 20
#: Starts remembered to measure an unpaced run's speed.
_MEASURED_STARTS: Final = 16


class RequestPacer:
    """Spaces request starts; `wait_turn` is the only place a run waits for pacing."""

    def __init__(
        self,
        requests_per_minute: float | None,
        *,
        clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if requests_per_minute is not None and not (
            math.isfinite(requests_per_minute) and requests_per_minute > 0
        ):
            raise ValueError("requests_per_minute must be a positive number")
        self._ceiling = requests_per_minute  # None: as fast as the concurrency allows
        self._rate = requests_per_minute  # the limit now (None: none)
        self._top = requests_per_minute  # what recovery climbs back to
        self._clock = clock
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._last_start: float | None = None
        self._not_before = -math.inf  # Retry-After: no start before this
        self._turns = 0
        self._slowed_turn = 0  # requests that started before this turn were covered
        self._starts: deque[float] = deque(maxlen=_MEASURED_STARTS)

    @property
    def requests_per_minute(self) -> float | None:
        """The limit in force now (None: unpaced)."""
        return self._rate

    async def wait_turn(self) -> int:
        """Wait until a request may start; returns its turn (to tell slow_down which request
        was refused)."""
        async with self._lock:
            while True:
                now = self._clock()
                due = self._not_before
                if self._rate is not None and self._last_start is not None:
                    due = max(due, self._last_start + 60.0 / self._rate)
                if now >= due:
                    break
                # Checked again after the wait: a 429 meanwhile may have moved the time.
                await self._sleep(due - now)
            self._last_start = now
            self._starts.append(now)
            self._turns += 1
            return self._turns

    def slow_down(self, turn: int, retry_after_s: float | None = None) -> RunPaced | None:
        """The request that started on `turn` was refused as too many; the event to show when
        the rate changed (requests already under way when it last halved change nothing)."""
        now = self._clock()
        if retry_after_s is not None and retry_after_s > 0:
            self._not_before = max(self._not_before, now + retry_after_s)
        if turn <= self._slowed_turn:
            return None
        current = self._rate if self._rate is not None else self._measured()
        if self._top is None:
            self._top = current
        self._rate = max(MIN_REQUESTS_PER_MINUTE, current / 2)
        self._slowed_turn = self._turns
        return RunPaced(
            self._rate,
            f"The endpoint says it received too many requests; the run now starts at most "
            f"{_shown(self._rate)} a minute and speeds up again as requests succeed.",
        )

    def succeeded(self) -> RunPaced | None:
        """A request finished without being refused; the event to show when full speed is back."""
        if self._rate is None or self._top is None or self._rate >= self._top:
            return None
        self._rate = min(self._top, self._rate + self._top / RECOVERY_SUCCESSES)
        if self._rate < self._top:
            return None
        recovered = self._top
        self._rate, self._top = self._ceiling, self._ceiling
        return RunPaced(
            recovered,
            f"The endpoint keeps up again; the run is back to {_shown(recovered)} requests a "
            "minute.",
        )

    def _measured(self) -> float:
        if len(self._starts) >= 2:
            span = self._starts[-1] - self._starts[0]
            if span > 0:
                return (len(self._starts) - 1) / span * 60.0
        return FALLBACK_REQUESTS_PER_MINUTE


def _shown(rate: float) -> str:
    return f"{rate:,.0f}" if rate >= 10 else f"{rate:.1f}"
