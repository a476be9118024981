"""When and how long to wait before repeating a request that failed before its first token."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Final

from app.core.errors import Failure

#: Retries a user may ask for: with the delays below, ten already span minutes of a busy
#: server; more would only hammer it.
MAX_RETRIES: Final = 10


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3  # the first request included: at most MAX_RETRIES + 1
    base_delay_s: float = 1.0
    max_delay_s: float = 20.0
    #: A server asking us to wait longer than this gets a failure (with its wait) instead.
    max_retry_after_s: float = 30.0
    #: The least wait, whatever Retry-After says: "0" from a server failing every request
    #: would otherwise make each retry instant.
    min_retry_after_s: float = 1.0
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, compare=False)
    jitter: Callable[[], float] = field(default=lambda: random.uniform(0.8, 1.2), compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.max_attempts <= MAX_RETRIES + 1:
            raise ValueError(f"max_attempts must be from 1 to {MAX_RETRIES + 1}")

    def delay_before(self, attempt: int, failure: Failure) -> float | None:
        """Seconds to wait before `attempt` (2 = first retry), or None to give up."""
        if not failure.retryable or attempt > self.max_attempts:
            return None
        if failure.retry_after_s is not None:
            if failure.retry_after_s > self.max_retry_after_s:
                return None
            return max(self.min_retry_after_s, failure.retry_after_s)
        backoff: float = self.base_delay_s * 2.0 ** (attempt - 2) * self.jitter()
        return min(backoff, self.max_delay_s)


NO_RETRY = RetryPolicy(max_attempts=1)


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 86_400))
    import email.utils  # only for the rare HTTP-date form; keeps start-up lean

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, float(when.timestamp() - now()))
