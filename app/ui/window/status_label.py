"""The window's status line: a label whose texts a mode may rewrite before they are shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel


class StatusLabel(QLabel):
    """Many controllers write here; Simple mode puts its plain words in front of them all."""

    shown = Signal(str)  # the text now on screen (after any rewrite); "" when cleared

    def __init__(self) -> None:
        super().__init__()
        self._rewrite: Callable[[str], str] | None = None

    def set_rewrite(self, rewrite: Callable[[str], str] | None) -> None:
        """Every text set from now on goes through `rewrite` (None: shown as given)."""
        self._rewrite = rewrite
        if rewrite is not None and self.text():
            self.setText(self.text())

    def setText(self, text: str) -> None:  # Qt's name, overridden for every caller
        shown = self._rewrite(text) if self._rewrite is not None and text else text
        super().setText(shown)
        self.shown.emit(shown)

    def clear(self) -> None:
        super().clear()
        self.shown.emit("")
