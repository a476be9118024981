"""The GUI thread's event loop and Python's memory: asyncgen hooks, collection on the GUI thread,
finalising httpx's abandoned stream generators before the loop stops."""

from __future__ import annotations

import asyncio
import gc
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

#: Loop turns for finalised generators' aclose tasks: one to create each, a few to run it.
_FINALISING_TURNS = 4


def install_asyncgen_hooks() -> None:
    """qasync does not install asyncio's async-generator hooks; without them an abandoned
    generator (a cancelled stream) is finalised outside the loop. Call inside the running loop."""
    loop = asyncio.get_running_loop()
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
        finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
    )


async def finalise_abandoned_generators() -> None:
    """httpx leaves each read stream's inner generators suspended for the asyncgen hooks to
    close; with automatic GC off some are still waiting. Finalise them while the loop runs as
    usual (the hook schedules each aclose as a task; a few turns run them): closed at the
    runner's shutdown instead, httpcore cannot tell which loop runs and prints
    NoEventLoopError at quit."""
    gc.collect()
    for _ in range(_FINALISING_TURNS):
        await asyncio.sleep(0)


def collect_garbage_on_gui_thread(qapp: QApplication) -> None:
    """Qt objects must be destroyed on the GUI thread; Python's GC may run on any thread.

    Like qutebrowser, switch automatic collection off and collect from a GUI-thread timer.
    """
    gc.disable()
    timer = QTimer(qapp)
    timer.setInterval(500)
    timer.timeout.connect(_collect_by_threshold)
    timer.start()


def _collect_by_threshold() -> None:
    """What the automatic collector would do: the oldest generation over its threshold."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return
