"""The system-prompt panel in the real window: picking a library prompt or label, editing it,
saving versions, and what each send is asked with (the loopback server sees the system text)."""

from __future__ import annotations

from collections.abc import Callable

import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.prompts.variables import VariableSpec
from app.core.provenance import PromptUse
from app.ui.composition_root import Application
from app.ui.prompts.library_access import NO_LIBRARY
from app.ui.prompts.prompt_state import WHEN_SENDING
from tests.loopback import LoopbackServer
from tests.ui.conftest import ChatHarness, run
from tests.ui.prompt_helpers import (
    announce,
    answering,
    key,
    library_of,
    notice,
    pick,
    picker_texts,
    prompt_use,
    send,
    status,
    stored_prompt,
)

AppMaker = Callable[[], Application]
V1 = "You are a support bot. Answer briefly."
V2 = "You are a support bot. Answer briefly and kindly."


def system_sent(loopback: LoopbackServer) -> str:
    """The system message of the last chat request the server received."""
    chats = [r for r in loopback.requests if r.url_path.endswith("/chat/completions")]
    messages = chats[-1].json()["messages"]
    assert messages[0]["role"] == "system"
    return str(messages[0]["content"])


def test_pick_edit_save_compare_and_discard(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1, (VariableSpec("tone"),), "First")
    announce(app)
    assert picker_texts(app)[:2] == ["This chat's own prompt", "Support bot"]
    assert picker_texts(app)[-1].startswith("Browse the library")

    pick(app, "Support bot")
    settings = app.controller.session.settings
    assert (settings.system_prompt, settings.prompt_ref) == (V1, f"{first.prompt_id}@1")
    assert settings.variables == (VariableSpec("tone"),)
    assert app.window.system_prompt_editor.toPlainText() == V1
    assert status(app) == "Support bot · version 1"
    assert not app.window.prompt_save_bar.save_button.isVisible()

    editor = app.window.system_prompt_editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Use short words.")
    assert status(app) == "Support bot — edited, not saved (Ctrl+S saves version 2)"
    assert app.window.prompt_save_bar.save_button.isVisible()
    assert prompt_use(app) is None  # not a saved version: never recorded as one

    key(qtbot, editor, Qt.Key.Key_D)  # Compare with saved
    dialog = app.controller.prompt_edits.compare_dialog
    assert dialog is not None and dialog.isVisible()
    diff = dialog.pane.diff
    assert diff is not None and diff.counts() == (4, 0)  # ". Use short words"
    assert "Use short words." in dialog.pane.inline.browser.toPlainText()
    assert "version 1 (saved)" in dialog.pane.inline.summary.text()

    qtbot.keyClicks(app.window.prompt_save_bar.note_edit, "shorter words")
    key(qtbot, editor, Qt.Key.Key_S)  # Save version
    saved = library.version(first.prompt_id, 2)
    assert saved.text == V1 + " Use short words." and saved.note == "shorter words"
    assert app.controller.session.settings.prompt_ref == f"{first.prompt_id}@2"
    assert status(app) == "Support bot · version 2"
    assert app.window.prompt_save_bar.note_edit.text() == ""
    assert "Saved version 2" in app.window.status_label.text()
    assert prompt_use(app) == PromptUse(f"{first.prompt_id}@2", "Support bot", "")

    key(qtbot, editor, Qt.Key.Key_S)  # nothing to save: says so, saves nothing
    assert "Nothing to save" in app.window.status_label.text()
    assert len(library.versions(first.prompt_id)) == 2

    editor.setPlainText("Something else entirely.")
    app.window.prompt_save_bar.discard_button.click()
    assert editor.toPlainText() == saved.text
    assert status(app) == "Support bot · version 2"


def test_own_prompt_saved_as_new_prompt_and_brought_back(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library = library_of(app)
    library.create("Pirate", "Talk like a pirate.")
    announce(app)
    editor = app.window.system_prompt_editor
    editor.setPlainText("My own words.")
    assert status(app) == "This chat's own prompt (not in the library)."
    assert app.window.prompt_save_bar.save_as_new_button.isVisible()

    pick(app, "Pirate")  # the chat's own text is kept aside …
    assert editor.toPlainText() == "Talk like a pirate."
    pick(app, "This chat's own prompt")  # … and comes back
    assert editor.toPlainText() == "My own words."
    assert app.controller.session.settings.prompt_ref == ""

    app.controller.prompt_edits.ask_text = answering("  My helper ")
    key(qtbot, editor, Qt.Key.Key_S)  # Ctrl+S on the chat's own prompt: a new library prompt
    created = library.prompts("My helper")
    assert [p.name for p in created] == ["My helper"]
    assert library.version(created[0].id, 1).text == "My own words."
    assert app.controller.session.settings.prompt_ref == f"{created[0].id}@1"
    assert "My helper" in picker_texts(app)


def test_unsaved_edit_is_saved_when_sending_and_the_reply_points_at_it(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1)
    announce(app)
    pick(app, "Support bot")
    app.window.system_prompt_editor.setPlainText(V2)
    send(app, qtbot, "Hello?")

    saved = library.versions(first.prompt_id)[0]
    assert (saved.number, saved.text, saved.note) == (2, V2, WHEN_SENDING[0])
    assert notice(app) == "The edit was saved as version 2 when it was sent."
    assert system_sent(loopback) == V2
    assert app.controller.session.settings.prompt_ref == f"{first.prompt_id}@2"
    assert prompt_use(app) == PromptUse(f"{first.prompt_id}@2", "Support bot", "")
    assert stored_prompt(app) == PromptUse(f"{first.prompt_id}@2", "Support bot", "")
    assert status(app) == "Support bot · version 2"

    send(app, qtbot, "Again?")  # no edit since: no new version
    assert len(library.versions(first.prompt_id)) == 2


def test_a_label_following_chat_takes_the_moved_label_on_the_next_send(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1)
    library.save_version(first.prompt_id, V2)
    library.set_label(first.prompt_id, "staff", 1)
    announce(app)
    pick(app, "Support bot · staff")
    assert app.controller.session.settings.prompt_ref == f"{first.prompt_id}#staff"
    assert status(app) == "Support bot · follows “staff”, now version 1 of 2"
    send(app, qtbot, "First question")
    assert system_sent(loopback) == V1
    assert stored_prompt(app) == PromptUse(f"{first.prompt_id}@1", "Support bot", "staff")

    # Moved elsewhere (another window, an import): the next send picks it up.
    library.set_label(first.prompt_id, "staff", 2)
    send(app, qtbot, "Second question")
    assert system_sent(loopback) == V2
    assert notice(app) == "The label “staff” moved to version 2: this chat uses that text now."
    settings = app.controller.session.settings
    assert settings.prompt_ref == f"{first.prompt_id}#staff"  # still following the label
    assert settings.system_prompt == V2 == app.window.system_prompt_editor.toPlainText()
    assert stored_prompt(app) == PromptUse(f"{first.prompt_id}@2", "Support bot", "staff")
    assert len(library.versions(first.prompt_id)) == 2  # following a label saves nothing

    # Editing leaves the label: the chat edits the version it showed; Discard goes back.
    app.window.system_prompt_editor.setPlainText(V2 + " Sign as Ann.")
    assert app.controller.session.settings.prompt_ref == f"{first.prompt_id}@2"
    assert "leaves the label “staff”" in notice(app)
    app.window.prompt_save_bar.discard_button.click()
    assert app.controller.session.settings.prompt_ref == f"{first.prompt_id}#staff"
    assert notice(app) == "Edit discarded. Ctrl+Z in the system prompt brings it back."


def test_a_removed_label_leaves_the_chat_on_the_version_it_shows(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1)
    library.save_version(first.prompt_id, V2)
    library.set_label(first.prompt_id, "staff", 1)
    announce(app)
    pick(app, "Support bot · staff")
    library.remove_label(first.prompt_id, "staff")
    send(app, qtbot, "Still there?")
    assert system_sent(loopback) == V1
    assert app.controller.session.settings.prompt_ref == f"{first.prompt_id}@1"
    assert "The label “staff” of “Support bot” is gone" in notice(app)


def test_switching_prompts_keeps_an_unsaved_edit_as_a_version(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1)
    library.create("Pirate", "Talk like a pirate.")
    announce(app)
    pick(app, "Support bot")
    app.window.system_prompt_editor.setPlainText(V2)
    pick(app, "Pirate")
    assert library.version(first.prompt_id, 2).text == V2  # the edit was not thrown away
    assert app.window.system_prompt_editor.toPlainText() == "Talk like a pirate."
    assert "kept as version 2" in app.window.status_label.text()


def test_a_prompt_the_library_refuses_to_save_is_not_sent(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1)
    announce(app)
    pick(app, "Support bot")
    library.delete(first.prompt_id)  # in the trash: no new version can be saved
    app.window.system_prompt_editor.setPlainText(V2)
    app.window.composer.setPlainText("Hello?")
    app.window.send_button.click()
    assert not app.controller.chat.busy
    assert "Nothing was sent" in app.window.status_label.text()
    assert "trash" in app.window.status_label.text()
    assert app.window.composer.toPlainText() == "Hello?"  # nothing lost
    assert not [r for r in loopback.requests if r.url_path.endswith("/chat/completions")]

    pick(app, "This chat's own prompt")  # the way out the message names
    send(app, qtbot, "Hello?")
    assert system_sent(loopback) == V2


def test_each_chat_keeps_its_prompt_choice_across_a_restart(
    app_factory: Callable[..., Application],
    qtbot: QtBot,
    loopback: LoopbackServer,
    aio_loop: qasync.QEventLoop,
) -> None:
    argv = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    app = app_factory(*argv, show=True)
    library = library_of(app)
    first = library.create("Support bot", V1)
    library.set_label(first.prompt_id, "staff", 1)
    announce(app)
    pick(app, "Support bot · staff")
    send(app, qtbot, "Remember me")
    conversation_id = app.controller.session.conversation_id
    library.save_version(first.prompt_id, V2)
    library.set_label(first.prompt_id, "staff", 2)
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())

    again = app_factory(*argv, show=True)
    assert conversation_id is not None
    assert again.history.open_conversation(conversation_id)
    settings = again.controller.session.settings
    assert settings.prompt_ref == f"{first.prompt_id}#staff"
    assert settings.system_prompt == V2  # the label moved while the app was closed
    assert again.window.prompt_picker.combo.currentText() == "Support bot · staff"


def test_without_a_library_the_chat_keeps_its_own_prompt(
    local_chat: ChatHarness, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    window = local_chat.window  # a window with no history: no library either
    assert not window.prompt_picker.isEnabled()
    assert window.prompt_picker.toolTip() == NO_LIBRARY
    window.system_prompt_editor.setPlainText("Own words.")
    key(qtbot, window.system_prompt_editor, Qt.Key.Key_S)
    assert window.status_label.text() == NO_LIBRARY
    with qtbot.waitSignal(local_chat.controller.chat.reply_ended, timeout=5000):
        local_chat.send("Hello?")
    assert system_sent(loopback) == "Own words."


def test_an_edit_that_cannot_be_saved_is_kept_aside_when_switching(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1)
    library.create("Pirate", "Talk like a pirate.")
    announce(app)
    pick(app, "Support bot")
    library.delete(first.prompt_id)  # in the trash: the edit cannot become a version
    app.window.system_prompt_editor.setPlainText(V2)
    pick(app, "Pirate")
    assert app.window.system_prompt_editor.toPlainText() == "Talk like a pirate."
    assert "could not be saved" in notice(app) and "trash" in notice(app)
    pick(app, "This chat's own prompt")
    assert app.window.system_prompt_editor.toPlainText() == V2  # nothing lost
    assert app.controller.session.settings.prompt_ref == ""


def test_a_replay_sends_the_stored_request_and_leaves_an_edit_unsaved(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library = library_of(app)
    first = library.create("Support bot", V1)
    announce(app)
    pick(app, "Support bot")
    send(app, qtbot, "Hello?")
    reply = app.controller.session.path()[-1]
    app.window.system_prompt_editor.setPlainText(V2)  # an edit after the reply
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.controller.replay(reply)
    assert system_sent(loopback) == V1  # the stored request, not the edit
    assert len(library.versions(first.prompt_id)) == 1  # and the edit was not saved for it
    assert app.controller.prompts.edited
    assert stored_prompt(app) == PromptUse(f"{first.prompt_id}@1", "Support bot", "")
