"""`eval`'s progress on stderr: a redrawn bar with ETA on a terminal, plain lines otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from app.cli.terminal import visible

_BAR_WIDTH = 30
#: A pipe (a CI log) gets a line per tenth of the run, never one per request.
_LINE_STEPS = 10


def eta_text(seconds: float | None) -> str:
    """ "1 h 02 min", "3 min 05 s", "42 s" — or "" when unknown."""
    if seconds is None or seconds < 0:
        return ""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


class ProgressDisplay:
    """Shows how far a run is. `terminal=True` redraws one line (at most every
    `min_interval_s`); otherwise a line is written each time another tenth is done."""

    def __init__(
        self,
        stream: TextIO,
        *,
        terminal: bool,
        clock: Callable[[], float] = time.monotonic,
        min_interval_s: float = 0.1,
    ) -> None:
        self._stream = stream
        self._terminal = terminal
        self._clock = clock
        self._min_interval_s = min_interval_s
        self._last_draw = float("-inf")
        self._last_step = -1
        self._drawn = False  # a bar is on screen, to be ended with a newline

    def show(self, done: int, total: int, eta_s: float | None) -> None:
        if self._terminal:
            now = self._clock()
            if done < total and now - self._last_draw < self._min_interval_s:
                return
            self._last_draw = now
            self._stream.write("\r" + bar_line(done, total, eta_s) + "\x1b[K")
            self._drawn = True
        else:
            step = done * _LINE_STEPS // total if total else _LINE_STEPS
            if step == self._last_step:
                return
            self._last_step = step
            left = eta_text(eta_s) if done < total and (eta_s or 0) >= 1 else ""
            tail = f", about {left} left" if left else ""
            self._stream.write(f"llamadesk eval: {done} of {total} requests done{tail}\n")
        self._stream.flush()

    def say(self, message: str) -> None:
        """A message between progress updates (pacing, a stop), on its own line."""
        self.end()
        self._stream.write(f"llamadesk eval: {visible(message)}\n")
        self._stream.flush()

    def end(self) -> None:
        """Leave the bar's line, so what follows starts on a fresh one."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False
            self._last_draw = float("-inf")


def bar_line(done: int, total: int, eta_s: float | None) -> str:
    fraction = done / total if total else 1.0
    filled = int(fraction * _BAR_WIDTH)
    bar = "█" * filled + "░" * (_BAR_WIDTH - filled)
    left = eta_text(eta_s) if done < total and (eta_s or 0) >= 1 else ""
    tail = f"  ETA {left}" if left else ""
    return f"{bar} {done}/{total} {fraction:4.0%}{tail}"
