"""Times in exported files: ISO 8601 text that is always written, and read only if it can be.

A reader that accepted a time its writer cannot format (the year 10000, in any time zone)
would let one imported file make every later export fail; both sides share one range here.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Final

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
#: The last second `datetime` can hold, as a POSIX timestamp.
LATEST: Final = (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC) - _EPOCH).total_seconds()
_MAX_CHARS: Final = 64


def iso(timestamp: float) -> str:
    """`timestamp` as ISO 8601 in UTC; one outside 1970–9999 (a damaged row) is clamped."""
    clamped = 0.0 if math.isnan(timestamp) else min(max(timestamp, 0.0), LATEST)
    # Arithmetic, not fromtimestamp: the C library's gmtime stops at year 3000 on Windows.
    return (_EPOCH + timedelta(seconds=clamped)).isoformat()


def from_iso(text: object) -> float | None:
    """The timestamp ISO 8601 `text` names (no zone: UTC); None unless `iso` writes it back."""
    if not isinstance(text, str) or len(text) > _MAX_CHARS:
        return None
    try:
        when = datetime.fromisoformat(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        stamp = (when - _EPOCH).total_seconds()
    except (ValueError, OverflowError):
        return None
    return stamp if 0.0 <= stamp <= LATEST else None
