"""Questions the prompt views ask the user (a name, a file), injectable so tests answer them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

#: (title, label, suggested text, answer) -> None: calls `answer` with the text, if one is given.
TextAsker = Callable[[str, str, str, Callable[[str], None]], None]
#: (title, suggested file name, file filter, for saving?) -> chosen path or None (cancelled)
PathPicker = Callable[[str, str, str, bool], Path | None]


def dialog_asker(parent: QWidget) -> TextAsker:
    """Asks in a window-modal input dialog, without a nested event loop."""

    def ask(title: str, label: str, suggested: str, answer: Callable[[str], None]) -> None:
        dialog = QInputDialog(parent)
        dialog.setObjectName("promptNameQuestion")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(suggested)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(answer)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    return ask


def dialog_picker(parent: QWidget) -> PathPicker:
    def pick(title: str, suggested: str, filters: str, save: bool) -> Path | None:
        if save:
            name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        else:
            name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    return pick
