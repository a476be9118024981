"""Driving the system-prompt panel and the library window in GUI tests, as a user would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.core.provenance import PromptUse
from app.storage.history.prompt_store import PromptStore
from app.ui.composition_root import Application
from app.ui.prompts.library_window import LibraryWindow


def library_of(app: Application) -> PromptStore:
    library = app.controller.library.library
    assert isinstance(library, PromptStore)
    return library


def announce(app: Application) -> None:
    """Prompts made straight in the store: the views read the library again."""
    app.controller.library.announce()


def pick(app: Application, text: str) -> None:
    """Choose an entry of the picker the way a click does (activated, not just current)."""
    combo = app.window.prompt_picker.combo
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not in the picker: {picker_texts(app)}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def picker_texts(app: Application) -> list[str]:
    combo = app.window.prompt_picker.combo
    return [combo.itemText(i) for i in range(combo.count())]


def key(
    qtbot: QtBot, widget: QWidget, key_: Qt.Key, ctrl: bool = True, shift: bool = False
) -> None:
    """A key press as the user makes it: in the active window (shortcuts need one)."""
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    modifiers = Qt.KeyboardModifier.NoModifier
    if ctrl:
        modifiers |= Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, key_, modifiers)


def send(app: Application, qtbot: QtBot, text: str) -> None:
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText(text)
        app.window.send_button.click()


def prompt_use(app: Application) -> PromptUse | None:
    """What the session records as the turn's prompt for the chat's settings now."""
    session = app.controller.session
    source = session.prompt_source
    assert source is not None
    return source(session.settings)


def stored_prompt(app: Application) -> PromptUse | None:
    """The prompt the last reply's provenance names, as the history stored it (and as shown)."""
    store, session = app.history.store, app.controller.session
    assert store is not None and session.conversation_id is not None
    shown = session.path()[-1].provenance
    stored = store.load_session(session.conversation_id).path()[-1].provenance
    assert shown is not None and stored is not None
    assert shown.prompt == stored.prompt
    return stored.prompt


def status(app: Application) -> str:
    return app.window.prompt_save_bar.status.text()


def notice(app: Application) -> str:
    bar = app.window.prompt_save_bar
    return bar.notice.text() if bar.notice.isVisibleTo(bar) else ""


def answering(*names: str) -> Callable[[str, str, str, Callable[[str], None]], None]:
    """A name question answered at once with each of `names` in turn."""
    left = list(names)

    def ask(title: str, label: str, suggested: str, answer: Callable[[str], None]) -> None:
        answer(left.pop(0))

    return ask


def open_library(app: Application, qtbot: QtBot) -> LibraryWindow:
    key(qtbot, app.window.composer, Qt.Key.Key_L, shift=True)
    window = app.library_window
    assert window is not None
    qtbot.waitUntil(window.dialog.isVisible, timeout=2000)
    return window


def files_picked(window: LibraryWindow, *paths: Path | None) -> list[tuple[str, bool]]:
    """Answer the window's next file dialogs with `paths`; returns (suggested, save?) asked."""
    answers, asked = list(paths), []

    def pick(title: str, suggested: str, filters: str, save: bool) -> Path | None:
        asked.append((suggested, save))
        return answers.pop(0)

    window.files.pick = pick
    return asked


def select_versions(window: LibraryWindow, *numbers: int) -> None:
    """Select these versions in the table (Ctrl+click for the second)."""
    table, model = window.dialog.version_table, window.controller.versions
    selection = table.selectionModel()
    selection.clearSelection()
    for number in numbers:
        row = model.row_of(number)
        assert row >= 0, f"no version {number}"
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(model.index(row, 0), flags)


def select_prompt(window: LibraryWindow, name: str) -> None:
    model, view = window.controller.prompts, window.dialog.prompt_list
    row = next(
        (r for r in range(model.rowCount()) if (s := model.summary(r)) and s.name == name), -1
    )
    assert row >= 0, f"{name!r} is not listed"
    view.setCurrentIndex(model.index(row, 0))
