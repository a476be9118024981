"""Nothing typed into the system prompt is lost: an unsaved edit of a chat that is not kept, the
chat's own text set aside for a library prompt, a version's note, a discarded edit (Ctrl+Z),
text the editor cannot hold byte for byte, and a chat whose prompt reference is damaged."""

from __future__ import annotations

import sqlite3

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.prompts.library import MAX_NOTE_CHARS, Preset
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer
from tests.ui.conftest import AppFactory, run
from tests.ui.prompt_helpers import (
    announce,
    key,
    library_of,
    notice,
    pick,
    send,
    status,
)
from tests.ui.test_prompt_panel import AppMaker, system_sent

V1 = "You are a support bot."
EDIT = "You are a support bot. Answer in French."
OWN = "My own carefully written words."
LEFT = "Saved automatically when the chat was left"


def argv(loopback: LoopbackServer) -> tuple[str, ...]:
    return ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")


def edit_in_empty_chat(app: Application) -> int:
    """A new chat on "Support", its text edited, nothing sent: the prompt's id."""
    library = library_of(app)
    made = library.create("Support", V1)
    announce(app)
    app.controller.new_chat()
    pick(app, "Support")
    app.window.system_prompt_editor.setPlainText(EDIT)
    assert app.controller.prompts.edited and app.controller.session.conversation_id is None
    return made.prompt_id


@pytest.mark.parametrize("leave", ["new chat", "other chat", "preset"])
def test_an_unsaved_edit_in_a_chat_without_messages_is_saved_when_the_chat_is_left(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer, leave: str
) -> None:
    app = make_app()
    send(app, qtbot, "An older chat")
    older = app.controller.session.conversation_id
    assert older is not None
    prompt_id = edit_in_empty_chat(app)
    app.window.prompt_save_bar.note_edit.setText("French for the Lyon office")
    if leave == "new chat":
        app.controller.new_chat()
    elif leave == "other chat":
        assert app.history.open_conversation(older)
    else:
        preset = library_of(app).save_preset(Preset(id=0, name="Plain"))
        app.presets.start(preset.id)
    versions = library_of(app).versions(prompt_id)
    assert [(v.number, v.text) for v in versions] == [(2, EDIT), (1, V1)]
    assert versions[0].note == "French for the Lyon office (saved when the chat was left)"
    assert notice(app) == "Your edit of “Support” in the chat you left was kept as version 2."
    assert app.window.prompt_save_bar.note_edit.text() == ""  # taken by that version


def test_an_unsaved_edit_in_a_chat_without_messages_is_saved_at_quit(
    app_factory: AppFactory, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    app = app_factory(*argv(loopback), show=True)
    prompt_id = edit_in_empty_chat(app)
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())
    again = app_factory(*argv(loopback), show=True)
    [newest, _first] = library_of(again).versions(prompt_id)
    assert (newest.text, newest.note) == (EDIT, LEFT)


def test_an_edit_of_a_prompt_in_the_trash_is_kept_as_a_new_prompt(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    prompt_id = edit_in_empty_chat(app)
    library_of(app).delete(prompt_id)
    app.controller.new_chat()
    [kept] = library_of(app).prompts("Support (edit)")
    assert library_of(app).latest(kept.id).text == EDIT
    assert "so it was kept as a new prompt, “Support (edit)”." in notice(app)


def test_a_chat_with_messages_keeps_its_edit_unsaved_with_it(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    made = library_of(app).create("Support", V1)
    announce(app)
    pick(app, "Support")
    send(app, qtbot, "hello")
    chat = app.controller.session.conversation_id
    assert chat is not None
    app.window.system_prompt_editor.setPlainText(EDIT)
    app.controller.new_chat()
    assert len(library_of(app).versions(made.prompt_id)) == 1  # no version for a kept chat
    assert app.history.open_conversation(chat)
    assert app.window.system_prompt_editor.toPlainText() == EDIT
    assert status(app) == "Support — edited, not saved (Ctrl+S saves version 2)"


def test_the_chats_own_text_set_aside_survives_reopening_and_a_restart(
    app_factory: AppFactory, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    app = app_factory(*argv(loopback), show=True)
    library_of(app).create("Pirate", "Talk like a pirate.")
    announce(app)
    app.window.system_prompt_editor.setPlainText(OWN)
    send(app, qtbot, "first")
    chat = app.controller.session.conversation_id
    assert chat is not None
    pick(app, "Pirate")
    app.controller.new_chat()  # the chat is written to the history as it is left
    assert app.history.open_conversation(chat)
    assert app.window.system_prompt_editor.toPlainText() == "Talk like a pirate."
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())

    again = app_factory(*argv(loopback), show=True)
    assert again.history.open_conversation(chat)
    pick(again, "This chat's own prompt")
    assert again.window.system_prompt_editor.toPlainText() == OWN
    assert again.controller.session.settings.own_prompt is None  # it is in use again
    send(again, qtbot, "second")
    assert system_sent(loopback) == OWN
    pick(again, "Pirate")  # set aside again: it is this chat's, never new chats' default
    assert again.controller.session.settings.own_prompt is not None
    again.window.use_as_default_requested.emit()
    assert again.controller.settings.defaults.own_prompt is None


def test_the_typed_note_goes_to_the_version_saved_when_sending(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library = library_of(app)
    made = library.create("P", "v1")
    announce(app)
    pick(app, "P")
    bar = app.window.prompt_save_bar
    app.window.system_prompt_editor.setPlainText("v2 text")
    bar.note_edit.setText("x" * MAX_NOTE_CHARS)  # as long as a note may be: still sent
    send(app, qtbot, "hello")
    saved = library.latest(made.prompt_id)
    assert saved.number == 2 and saved.note.endswith(" (saved when sending)")
    assert len(saved.note) == MAX_NOTE_CHARS and bar.note_edit.text() == ""

    # A save that fails keeps the note for the next try; leaving the chat clears it.
    app.window.system_prompt_editor.setPlainText("v3 text")
    library.delete(made.prompt_id)
    bar.note_edit.setText("Another careful note")
    key(qtbot, app.window.system_prompt_editor, Qt.Key.Key_S)
    assert "in the trash" in app.window.status_label.text()
    assert bar.note_edit.text() == "Another careful note"
    app.controller.new_chat()
    assert bar.note_edit.text() == ""


def test_discard_can_be_undone_in_the_editor(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library_of(app).create("P", "Saved text.")
    announce(app)
    pick(app, "P")
    editor = app.window.system_prompt_editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " An hour of careful work.")
    app.window.prompt_save_bar.discard_button.click()
    assert editor.toPlainText() == "Saved text." and status(app) == "P · version 1"
    assert notice(app) == "Edit discarded. Ctrl+Z in the system prompt brings it back."
    key(qtbot, editor, Qt.Key.Key_Z)
    assert editor.toPlainText() == "Saved text. An hour of careful work."
    assert app.controller.session.settings.system_prompt == editor.toPlainText()
    assert status(app) == "P — edited, not saved (Ctrl+S saves version 2)"


@pytest.mark.parametrize(
    "text",
    ["Line one.\r\nLine two.", "Line one.\rLine two.", "One.\u2028Two.\u2029Three.", "a\u00a0b"],
    ids=["crlf", "cr", "separators", "nbsp"],
)
def test_text_the_editor_holds_differently_is_not_an_edit(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer, text: str
) -> None:
    app = make_app()
    made = library_of(app).create("P", "placeholder")
    store = app.history.store
    assert store is not None
    with sqlite3.connect(store.path) as db:  # as an older library (or another program) has it
        db.execute(
            "INSERT INTO prompt_versions (prompt_id, number, text, variables, note, created_at) "
            "VALUES (?, 2, ?, '[]', '', 0)",
            (made.prompt_id, text),
        )
    announce(app)
    pick(app, "P")
    assert app.controller.session.settings.system_prompt == text
    editor = app.window.system_prompt_editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "z")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # a no-op edit: the editor's text is pushed
    assert status(app) == "P · version 2" and not app.controller.prompts.edited
    end = editor.textCursor().position()
    app.window.params_panel.reproducible.click()  # another setting changes: editor left alone
    assert editor.textCursor().position() == end and editor.document().isUndoAvailable()
    send(app, qtbot, "hello")
    assert system_sent(loopback) == text  # the exact version, byte for byte
    assert len(library_of(app).versions(made.prompt_id)) == 2


def test_a_damaged_prompt_reference_opens_as_the_chats_own_prompt(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    app.window.system_prompt_editor.setPlainText(OWN)
    send(app, qtbot, "hi")
    chat = app.controller.session.conversation_id
    store = app.history.store
    assert chat is not None and store is not None
    with sqlite3.connect(store.path) as db:  # as a damaged (or newer) history would have it
        db.execute("UPDATE conversations SET prompt_ref = 'not-a-ref!!' WHERE id = ?", (chat,))
    app.controller.new_chat()
    assert app.history.open_conversation(chat)
    assert app.window.system_prompt_editor.toPlainText() == OWN
    assert status(app) == "This chat's own prompt (not in the library)."
    assert "(“not-a-ref!!”) could not be read" in notice(app)
    assert app.window.prompt_picker.combo.currentText() == "This chat's own prompt"
    send(app, qtbot, "again")
    assert system_sent(loopback) == OWN
