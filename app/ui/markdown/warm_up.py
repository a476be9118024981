"""The rendering stack and the common code lexers, loaded off the GUI thread once the window is up.

Importing markdown-it, Pygments and the renderer takes ~60 ms, and each lexer's first use
15-90 ms more (its module is imported and its rules compiled): at start-up that delays the first
paint, at the first reply it would stall the window. Nothing here imports them at module level.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_thread: threading.Thread | None = None
_done = threading.Event()


def warm_up_rendering() -> threading.Event:
    """Start loading on a background thread (once per process); the event is set when done."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_load, name="rendering-warm-up", daemon=True)
            _thread.start()
    return _done


def _load() -> None:
    try:
        from app.ui.markdown.code_html import load_common_lexers
        from app.ui.markdown.render import MarkdownRenderer  # noqa: F401 (markdown-it and all)

        load_common_lexers()
    finally:
        _done.set()
