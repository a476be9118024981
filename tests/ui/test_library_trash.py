"""The library window's trash (deleted prompts, read and restored), what the chat's panel says
of a prompt in the trash, "New prompt…" leaving the chat alone, and Tab leaving the versions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.prompts.library_models import PromptListModel
from tests.loopback import LoopbackServer
from tests.ui.prompt_helpers import (
    announce,
    answering,
    library_of,
    open_library,
    pick,
    select_prompt,
    send,
    status,
)
from tests.ui.test_prompt_panel import AppMaker, system_sent


def names_listed(model: PromptListModel) -> list[str]:
    return [s.name for r in range(model.rowCount()) if (s := model.summary(r)) is not None]


def test_a_deleted_prompt_is_restored_from_the_trash_after_undo_is_gone(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library = library_of(app)
    alpha = library.create("Alpha", "You are alpha.")
    library.save_version(alpha.prompt_id, "You are alpha, v2.")
    library.create("Beta", "You are beta.")
    announce(app)
    pick(app, "Alpha")
    window = open_library(app, qtbot)
    window.actions.ask_text = answering()
    d = window.dialog
    select_prompt(window, "Alpha")
    d.delete_button.click()
    select_prompt(window, "Beta")
    d.delete_button.click()  # Ctrl+Z now brings back Beta only
    assert names_listed(window.controller.prompts) == []

    # The chat on Alpha says where its prompt is and what to do; sending still works.
    assert status(app) == (
        "Alpha · version 2 — in the library's trash: restore it in the library "
        "(Ctrl+Shift+L, Trash) to save versions."
    )
    bar = app.window.prompt_save_bar
    assert bar.save_as_new_button.isVisible()
    app.window.system_prompt_editor.setPlainText("You are alpha, edited.")
    assert status(app).startswith("Alpha · edited, not saved — in the library's trash")
    assert bar.discard_button.isVisible() and not bar.save_button.isVisible()
    bar.discard_button.click()
    send(app, qtbot, "hello")
    assert system_sent(loopback) == "You are alpha, v2."

    d.trash_button.click()
    assert d.trash_note.isVisible() and d.restore_button.isVisible()
    assert not d.use_button.isVisible() and not d.delete_button.isVisible()
    assert names_listed(window.controller.prompts) == ["Beta", "Alpha"]  # latest deleted first
    select_prompt(window, "Alpha")
    assert d.preview.toPlainText() == "You are alpha, v2."  # readable in the trash
    assert window.controller.versions.rowCount() == 2
    d.restore_button.click()
    assert d.status_label.text().startswith("Restored “Alpha”")
    assert names_listed(window.controller.prompts) == ["Beta"]
    assert not library.is_deleted(alpha.prompt_id)
    assert status(app) == "Alpha · version 2"  # the chat's panel reads it again

    d.trash_button.click()  # back to the library
    assert names_listed(window.controller.prompts) == ["Alpha"]
    assert d.use_button.isVisible() and not d.restore_button.isVisible()


def test_an_empty_trash_says_so(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library_of(app).create("Alpha", "a")
    window = open_library(app, qtbot)
    window.dialog.trash_button.click()
    assert window.dialog.name_label.text() == "The trash is empty"
    assert not window.dialog.restore_button.isEnabled()


def test_new_prompt_starts_from_the_chats_own_text_and_leaves_the_chat_alone(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    app.window.system_prompt_editor.setPlainText("My own words for this chat.")
    send(app, qtbot, "hi")
    window = open_library(app, qtbot)
    window.actions.ask_text = answering("Draft for later")
    window.dialog.new_button.click()
    [made] = library_of(app).prompts("Draft for later")
    assert library_of(app).latest(made.id).text == "My own words for this chat."
    assert window.dialog.name_label.text() == "Draft for later"
    assert "“Use in this chat” makes this chat use it" in window.dialog.status_label.text()
    settings = app.controller.session.settings
    assert (settings.prompt_ref, settings.system_prompt) == ("", "My own words for this chat.")
    assert status(app) == "This chat's own prompt (not in the library)."


def test_tab_leaves_the_version_table(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library = library_of(app)
    made = library.create("A", "one")
    library.save_version(made.prompt_id, "two")
    window = open_library(app, qtbot)
    window.dialog.activateWindow()
    qtbot.waitUntil(window.dialog.isActiveWindow)
    table = window.dialog.version_table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    assert window.controller.selected_numbers() == (2,)  # Tab moved no selection
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is table
