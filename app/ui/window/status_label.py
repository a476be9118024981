"""The window's status line: a label whose texts a mode may rewrite before they are shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel


class StatusLabel(QLabel):
    """Many controllers write here; Simple mode puts its plain words in front of them all."""

    def __init__(self) -> None:
        super().__init__()
        self._rewrite: Callable[[str], str] | None = None

    def set_rewrite(self, rewrite: Callable[[str], str] | None) -> None:
        """Every text set from now on goes through `rewrite` (None: shown as given)."""
        self._rewrite = rewrite
        if rewrite is not None and self.text():
            self.setText(self.text())

    def setText(self, text: str) -> None:  # Qt's name, overridden for every caller
        super().setText(self._rewrite(text) if self._rewrite is not None and text else text)
