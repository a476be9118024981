"""Questions the prompt views ask the user (a name, a file), injectable so tests answer them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from app.ui.window.file_dialogs import PathPicker as PathPicker  # one set of file dialogs
from app.ui.window.file_dialogs import dialog_picker as dialog_picker

#: (title, label, suggested text, answer) -> None: calls `answer` with the text, if one is given.
TextAsker = Callable[[str, str, str, Callable[[str], None]], None]


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
