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
#: An unpaced run's measured speed is taken as at most this (20 starts a second).
MAX_MEASURED_PER_MINUTE: Final = 1200.0
#: Successes that win back the full rate from zero (so 10 from a halving).
RECOVERY_SUCCESSES: Final = 20
#: The longest pause a Retry-After may impose on a run (as RetryPolicy.max_retry_after_s bounds
#: one request's wait); an endpoint asking for longer ends the run instead (see too_long_a_pause).
MAX_PAUSE_S: Final = 60.0
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
        pause = 0.0
        if retry_after_s is not None and retry_after_s > 0:
            # Callers end the run past MAX_PAUSE_S; the cap keeps a run from pausing unseen.
            pause = min(retry_after_s, MAX_PAUSE_S)
            self._not_before = max(self._not_before, now + pause)
        if turn <= self._slowed_turn:
            return None
        current = self._rate if self._rate is not None else self._measured(now)
        if self._top is None:
            self._top = current
        self._rate = max(MIN_REQUESTS_PER_MINUTE, current / 2)
        self._slowed_turn = self._turns
        waits = f"waits {_seconds(pause)} as the endpoint asks, then" if pause else "now"
        return RunPaced(
            self._rate,
            f"The endpoint says it received too many requests; the run {waits} starts at "
            f"most {_shown(self._rate)} a minute and speeds up again as requests succeed.",
        )

    def succeeded(self, turn: int) -> RunPaced | None:
        """The request that started on `turn` finished without being refused; the event to
        show when full speed is back. Requests under way when the rate last halved were sent at
        the old speed, so their success says nothing about the new one (as in slow_down)."""
        if turn <= self._slowed_turn:
            return None
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

    def _measured(self, now: float) -> float:
        """An unpaced run's speed when it was refused: the starts remembered, over the time up
        to the refusal. Starts bunched together (the concurrency lets them go at once) measure
        no rate, so what is measured is capped: a server that refuses cannot take more."""
        if len(self._starts) >= 2:
            span = now - self._starts[0]
            if span > 0:
                return min(MAX_MEASURED_PER_MINUTE, len(self._starts) / span * 60.0)
        return FALLBACK_REQUESTS_PER_MINUTE


def too_long_a_pause(retry_after_s: float | None) -> str | None:
    """The plain reason to end a run when the endpoint asks it to wait longer than
    MAX_PAUSE_S (None when the wait is one the run can take)."""
    if retry_after_s is None or retry_after_s <= MAX_PAUSE_S:
        return None
    minutes = math.ceil(retry_after_s / 60)
    unit = "minute" if minutes == 1 else "minutes"
    return f"The endpoint asks to wait {minutes:,} {unit}; resume the run later."


def _seconds(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"


def _shown(rate: float) -> str:
    return f"{rate:,.0f}" if rate >= 10 else f"{rate:.1f}"
