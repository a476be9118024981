"""The file dialogs that pick a path to open or save, injectable so tests answer them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

#: (title, suggested file name, file filter, for saving?) -> chosen path or None (cancelled)
PathPicker = Callable[[str, str, str, bool], Path | None]


def dialog_picker(parent: QWidget) -> PathPicker:
    def pick(title: str, suggested: str, filters: str, save: bool) -> Path | None:
        if save:
            name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        else:
            name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    return pick
