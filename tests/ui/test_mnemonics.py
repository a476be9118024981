"""Alt+letter must reach one control: every menu, the main window and every dialog of the prompt
library and the replies are opened as a user opens them, and their mnemonics compared."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.prompts.variables import VariableSpec, VarType
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer
from tests.ui.prompt_helpers import announce, key, library_of, open_library, pick
from tests.ui.test_history_window import AppMaker

_MNEMONIC = re.compile(r"&([^&])")


def mnemonic(text: str) -> str | None:
    """The letter Alt reaches in a control's text ("&&" is a literal ampersand)."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def texts_in(window: QWidget) -> list[str]:
    """Every text of `window` (not of its own dialogs) that can hold a mnemonic."""
    texts: list[str] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QMenuBar):
            texts.extend(action.text() for action in widget.actions())
    return texts


def clashes(texts: list[str]) -> dict[str, list[str]]:
    """Letters given to more than one text."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            by_letter[letter].append(text)
    return {letter: shown for letter, shown in by_letter.items() if len(shown) > 1}


def menus_of(bar: QMenuBar) -> list[QMenu]:
    found: list[QMenu] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            menu = action.menu()
            if isinstance(menu, QMenu):
                found.append(menu)
                walk(menu.actions())

    walk(bar.actions())
    return found


def test_clashing_texts_are_found() -> None:
    """The check itself: "&&" is no mnemonic, case does not matter, a clash is named."""
    assert mnemonic("R&&D team") is None and mnemonic("S&maller") == "m"
    assert clashes(["&Prompt", "&presets", "R&&D", "&Chat"]) == {"p": ["&Prompt", "&presets"]}


def test_every_menu_has_one_entry_per_letter(make_app: AppMaker) -> None:
    app = make_app()
    assert clashes(texts_in(app.window)) == {}  # the menu bar's titles and the side panel
    menus = menus_of(app.window.menuBar())
    assert len(menus) >= 4  # Chat, Prompt, Presets, View
    for menu in menus:
        menu.aboutToShow.emit()  # menus filled on opening are filled now
        assert clashes([a.text() for a in menu.actions()]) == {}, menu.title()


def open_every_dialog(app: Application, qtbot: QtBot) -> dict[str, list[str]]:
    """The library, compare with saved, variables, fill-in form, presets, details, compare
    replies, each opened the way a user opens it: their texts, read while each is open."""
    seen: dict[str, list[str]] = {}

    def read(dialog: QWidget | None) -> QWidget:
        assert dialog is not None
        seen[type(dialog).__name__] = texts_in(dialog)
        return dialog

    library = library_of(app)
    library.create("Support bot", "You help {{team}}.", (VariableSpec("team", VarType.TEXT),))
    announce(app)
    pick(app, "Support bot")
    window, controller = app.window, app.controller
    read(open_library(app, qtbot).dialog)
    window.system_prompt_editor.setPlainText("You help {{team}} kindly.")
    key(qtbot, window.system_prompt_editor, Qt.Key.Key_D)  # Compare with saved
    read(controller.prompt_edits.compare_dialog)
    window.variables_requested.emit()
    read(controller.variables.dialog).close()
    window.composer.setPlainText("Hello")
    window.send_button.click()  # {{team}} has no value: the fill-in form asks
    form = controller.variables.form
    assert form is not None
    read(form)
    form.fields["team"].setText("the staff")
    with qtbot.waitSignal(controller.chat.reply_ended, timeout=5000):
        form.accept()
    app.presets.ask_save()
    read(app.presets.name_dialog).close()
    app.presets.open_manager()
    read(app.presets.manage_dialog).close()
    view = window.conversation_view
    with qtbot.waitSignal(controller.chat.reply_ended, timeout=5000):
        view.action_requested.emit(MessageAction.REGENERATE, 1)
    view.action_requested.emit(MessageAction.DETAILS, 1)
    read(controller.replies.details).close()
    view.action_requested.emit(MessageAction.COMPARE, 1)
    read(controller.replies.compare).close()
    return seen


def test_every_prompt_and_reply_dialog_has_one_control_per_letter(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    seen = open_every_dialog(app, qtbot)
    assert set(seen) == {
        "LibraryDialog",
        "CompareDialog",
        "VariablesDialog",
        "FillInForm",
        "PresetNameDialog",
        "ManagePresetsDialog",
        "ReplyDetailsDialog",
        "CompareRepliesDialog",
    }
    for name, texts in seen.items():
        assert texts, f"{name}: nothing read"
        assert clashes(texts) == {}, name
