"""Windows sized to the screen they open on: never larger than its free area (an 800x600 one)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

#: Room left around a window for its frame and the desktop's panels.
FRAME_ROOM = (24, 48)


def fit_to_screen(window: QWidget, width: int, height: int, free: QRect | None = None) -> None:
    """Resize `window` to width x height, or as much of it as the screen's free area holds.

    `free` is that area (by default, that of the screen the window opens on).
    """
    if free is None:
        screen = window.screen()
        free = screen.availableGeometry() if screen is not None else QRect(0, 0, width, height)
    window.resize(
        max(1, min(width, free.width() - FRAME_ROOM[0])),
        max(1, min(height, free.height() - FRAME_ROOM[1])),
    )
