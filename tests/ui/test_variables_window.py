"""{{variables}} in the real window against the loopback server: declare, fill in, send, block."""

from __future__ import annotations

import getpass
import json

import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.core.prompts.variables import VariableSpec, VarType
from app.core.request import PromptMode
from app.storage.settings import SettingsStore, settings_path
from app.ui.prompts.fill_in_form import FillInForm
from app.ui.prompts.variables_dialog import VariablesDialog
from tests.ui.conftest import AppFactory, ChatHarness, run

AUDIENCE = VariableSpec(
    "audience",
    VarType.CHOICE,
    label="Who reads it",
    help="Pick the readers",
    options=("children", "experts"),
)
TOPIC = VariableSpec("topic", default="owls")
DEPTH = VariableSpec("depth", VarType.NUMBER, default="2")
NOTES = VariableSpec("notes", VarType.LONG_TEXT)
PROMPT = (
    "Explain {{topic}} to {{audience}} in {{depth}} paragraphs. {{notes}} "
    '\\{{topic}} stays; so does {"json": {"a": 1}}.'
)


def declare(chat: ChatHarness, prompt: str, *specs: VariableSpec) -> None:
    chat.window.system_prompt_editor.setPlainText(prompt)
    chat.controller.session.update_settings(variables=specs)


def system_sent(chat: ChatHarness) -> str:
    messages = chat.server.requests[-1].json()["messages"]
    assert messages[0]["role"] == "system"
    return str(messages[0]["content"])


def open_form(chat: ChatHarness, qtbot: QtBot, text: str = "hello") -> FillInForm:
    chat.send(text)
    qtbot.waitUntil(lambda: chat.controller.variables.form is not None, timeout=2000)
    form = chat.controller.variables.form
    assert form is not None
    qtbot.waitExposed(form)
    return form


def wait_ended(chat: ChatHarness, qtbot: QtBot) -> None:
    qtbot.waitUntil(
        lambda: bool(chat.server.requests) and not chat.controller.chat.busy, timeout=5000
    )


def test_the_form_asks_before_the_first_send_and_the_server_gets_the_filled_prompt(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    declare(chat, PROMPT, AUDIENCE, TOPIC, DEPTH, NOTES)
    form = open_form(chat, qtbot)
    assert not chat.server.requests  # nothing sent while the form is open
    assert form.isModal() or form.windowModality() != Qt.WindowModality.NonModal
    assert list(form.fields) == ["topic", "audience", "depth", "notes"]  # order of use
    topic, audience, depth, notes = (
        form.fields[n] for n in ("topic", "audience", "depth", "notes")
    )
    assert isinstance(topic, QLineEdit) and topic.text() == "owls"  # the default, prefilled
    assert isinstance(audience, QComboBox) and audience.currentIndex() == -1
    assert isinstance(depth, QLineEdit) and depth.text() == "2"
    assert isinstance(notes, QPlainTextEdit)
    assert not form.ok_button.isEnabled()  # no audience chosen yet
    assert "must be one of: children, experts" in form.problems()["audience"]
    audience.setCurrentIndex(1)
    notes.setPlainText("Use examples.\nKeep it short.")
    assert form.ok_button.isEnabled()
    form.ok_button.click()
    wait_ended(chat, qtbot)
    assert system_sent(chat) == (
        "Explain owls to experts in 2 paragraphs. Use examples.\nKeep it short. "
        '{{topic}} stays; so does {"json": {"a": 1}}.'
    )
    assert chat.server.requests[-1].json()["messages"][-1] == {"role": "user", "content": "hello"}
    assert chat.window.composer.toPlainText() == ""
    settings = chat.controller.session.settings
    assert settings.value_map() == {
        "topic": "owls",
        "audience": "experts",
        "depth": "2",
        "notes": "Use examples.\nKeep it short.",
    }
    # The values are kept with the chat: the next message is sent without asking.
    chat.send("again")
    qtbot.waitUntil(lambda: len(chat.server.requests) == 2, timeout=5000)
    assert chat.controller.variables.form is None
    wait_ended(chat, qtbot)
    assert "to experts" in system_sent(chat)


def test_cancel_sends_nothing_and_keeps_the_draft(local_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = local_chat
    declare(chat, "Talk like {{topic}}.", TOPIC)
    form = open_form(chat, qtbot, "my draft")
    with qtbot.waitSignal(form.finished, timeout=2000):
        qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert chat.controller.variables.form is None
    assert not chat.server.requests and chat.controller.session.is_empty
    assert chat.window.composer.toPlainText() == "my draft"
    assert chat.controller.session.settings.values == ()


def test_the_form_works_from_the_keyboard(local_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = local_chat
    declare(chat, "{{topic}} for {{audience}}, {{depth}} times", TOPIC, AUDIENCE, DEPTH)
    form = open_form(chat, qtbot)
    topic = form.fields["topic"]
    qtbot.waitUntil(topic.hasFocus, timeout=2000)  # the first field has the focus
    assert isinstance(topic, QLineEdit)
    topic.selectAll()
    qtbot.keyClicks(topic, "bats")
    qtbot.keyClick(topic, Qt.Key.Key_Tab)
    audience = form.fields["audience"]
    qtbot.waitUntil(audience.hasFocus, timeout=2000)
    qtbot.keyClick(audience, Qt.Key.Key_Down)  # the first option
    qtbot.keyClick(audience, Qt.Key.Key_Tab)
    depth = form.fields["depth"]
    qtbot.waitUntil(depth.hasFocus, timeout=2000)
    assert isinstance(depth, QLineEdit)
    depth.selectAll()
    qtbot.keyClicks(depth, "three")
    assert not form.ok_button.isEnabled()
    assert "must be a number" in form.problems()["depth"]
    depth.selectAll()
    qtbot.keyClicks(depth, "3")
    assert form.ok_button.isEnabled()
    qtbot.keyClick(depth, Qt.Key.Key_Return)  # the default button: Send
    wait_ended(chat, qtbot)
    assert system_sent(chat) == "bats for children, 3 times"


def test_an_unknown_variable_blocks_the_send_and_is_declared_in_one_click(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    w = chat.window
    w.system_prompt_editor.setPlainText("Greet {{guest}} on {{date}}.")
    status = w.variable_status
    qtbot.waitUntil(lambda: status.declare_button.isVisible(), timeout=2000)
    assert status.label.text() == (
        "{{guest}} is not declared: Declare it, or write \\{{guest}} to send the braces."
    )
    assert "{{date}}: built in" in status.label.toolTip()
    chat.send("hi")
    assert not chat.server.requests and chat.controller.variables.form is None
    assert "{{guest}}" in w.status_label.text() and "backslash" in w.status_label.text()
    assert w.composer.toPlainText() == "hi"  # kept, nothing sent
    status.declare_button.click()
    dialog = chat.controller.variables.dialog
    assert isinstance(dialog, VariablesDialog)
    assert [s.name for s in dialog.specs()] == ["guest"]
    assert dialog.name_edit.text() == "guest" and dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert chat.controller.session.settings.variables == (VariableSpec("guest"),)
    qtbot.waitUntil(lambda: not status.declare_button.isVisible(), timeout=2000)
    assert status.label.text() == "Variables: {{guest}}, {{date}}"
    form = open_form(chat, qtbot, "hi")
    guest = form.fields["guest"]
    assert isinstance(guest, QLineEdit)
    guest.setText("Grace")
    form.ok_button.click()
    wait_ended(chat, qtbot)
    assert system_sent(chat).startswith("Greet Grace on 20")


def test_declaring_in_the_dialog_from_the_keyboard(local_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = local_chat
    chat.window.variables_button.click()
    dialog = chat.controller.variables.dialog
    assert isinstance(dialog, VariablesDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    focused = QApplication.focusWidget()
    assert focused is not None and dialog.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Add
    qtbot.waitUntil(dialog.name_edit.hasFocus, timeout=2000)
    qtbot.keyClicks(dialog.name_edit, "level")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.type_box.hasFocus, timeout=2000)
    for _ in range(2):  # text → long text → choice
        qtbot.keyClick(dialog.type_box, Qt.Key.Key_Down)
    assert dialog.options_edit.isVisible()
    assert "no options" in dialog.problem_label.text() and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.type_box, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Level")  # the label
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "hard")  # the default
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "How hard the questions are")  # the help
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.options_edit.hasFocus()
    qtbot.keyClicks(dialog.options_edit, "easy")
    assert "must be one of: easy" in dialog.problem_label.text()  # the default is not an option
    qtbot.keyClick(dialog.options_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.options_edit, "hard")
    assert dialog.ok_button.isEnabled() and not dialog.problem_label.isVisible()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert chat.controller.session.settings.variables == (
        VariableSpec(
            "level",
            VarType.CHOICE,
            label="Level",
            default="hard",
            help="How hard the questions are",
            options=("easy", "hard"),
        ),
    )


def test_the_dialog_refuses_unusable_declarations_with_a_sentence(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    chat.controller.session.update_settings(variables=(TOPIC,))
    chat.window.variables_button.click()
    dialog = chat.controller.variables.dialog
    assert isinstance(dialog, VariablesDialog)
    assert dialog.ok_button.isEnabled()
    for bad, words in (
        ("two words", "cannot be a variable name"),
        ("date", "built in"),
        ("", "cannot be a variable name"),
    ):
        dialog.name_edit.setText(bad)
        assert words in dialog.problem_label.text() and not dialog.ok_button.isEnabled()
    dialog.name_edit.setText("topic")
    dialog.add_button.click()
    dialog.name_edit.setText("topic")
    assert "declared twice" in dialog.problem_label.text()
    dialog.remove_button.click()
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("number"))
    assert "must be a number" in dialog.problem_label.text()  # its default is "owls"
    dialog.default_line.setText("7")
    assert dialog.ok_button.isEnabled()
    dialog.user_name_edit.setText("x" * 201)
    assert "Your name" in dialog.problem_label.text() and not dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        dialog.reject()
    assert chat.controller.session.settings.variables == (TOPIC,)  # Cancel changed nothing


def test_edit_variable_values_changes_them_later(local_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = local_chat
    declare(chat, "About {{topic}}", TOPIC)
    chat.controller.session.update_settings(values=(("topic", "owls"),))
    chat.window.variable_values_requested.emit()  # Chat ▸ Edit variable values…
    form = chat.controller.variables.form
    assert form is not None and form.ok_button.text() == "Save"
    field = form.fields["topic"]
    assert isinstance(field, QLineEdit) and field.text() == "owls"
    field.setText("moths")
    form.ok_button.click()
    assert chat.controller.session.settings.value_map() == {"topic": "moths"}
    assert not chat.server.requests  # saving values sends nothing
    chat.send("go")
    wait_ended(chat, qtbot)
    assert system_sent(chat) == "About moths"


def test_a_value_that_no_longer_fits_is_asked_again(local_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = local_chat
    declare(chat, "{{depth}} steps", VariableSpec("depth", VarType.NUMBER))
    chat.controller.session.update_settings(values=(("depth", "many"),))
    form = open_form(chat, qtbot)
    field = form.fields["depth"]
    assert isinstance(field, QLineEdit) and field.text() == "many"
    assert not form.ok_button.isEnabled()
    field.setText("4")
    form.ok_button.click()
    wait_ended(chat, qtbot)
    assert system_sent(chat) == "4 steps"


def test_regenerate_asks_for_a_variable_declared_after_the_first_reply(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    chat.send("hi")
    wait_ended(chat, qtbot)
    declare(chat, "Mood: {{topic}}", VariableSpec("topic"))
    reply = chat.controller.session.path()[-1]
    chat.controller.regenerate(reply)
    qtbot.waitUntil(lambda: chat.controller.variables.form is not None, timeout=2000)
    form = chat.controller.variables.form
    assert form is not None
    form.fields["topic"].setText("calm")  # type: ignore[union-attr]
    form.ok_button.click()
    qtbot.waitUntil(lambda: len(chat.server.requests) == 2, timeout=5000)
    wait_ended(chat, qtbot)
    assert system_sent(chat) == "Mood: calm"
    assert chat.controller.session.versions_of(chat.controller.session.path()[-1]) == (2, 2)


def test_raw_mode_with_an_unfillable_prompt_says_why_and_never_sends_braces(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    w = chat.window
    chat.server.raw_completions = True
    declare(chat, "Be {{topic}}", VariableSpec("topic"))
    w.params_panel.set_prompt_mode(PromptMode.RAW)
    assert w.raw_editor.toPlainText() == ""  # not a template with {{topic}} in it
    assert "needs a value for {{topic}}" in w.status_label.text()
    form = open_form(chat, qtbot, "hi")  # Send fills them in first
    form.fields["topic"].setText("brief")  # type: ignore[union-attr]
    form.ok_button.click()
    wait_ended(chat, qtbot)
    prompt = chat.server.requests[-1].json()["prompt"]
    assert "Be brief" in prompt and "{{" not in prompt


def test_user_name_is_a_setting_used_by_every_chat(
    app_factory: AppFactory, loopback: object, qtbot: QtBot, aio_loop: qasync.QEventLoop
) -> None:
    from tests.loopback import LoopbackServer

    assert isinstance(loopback, LoopbackServer)
    args = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    app = app_factory(*args, show=True)
    w = app.window
    w.system_prompt_editor.setPlainText("The user is {{user_name}}.")
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        w.composer.setPlainText("hi")
        w.send_button.click()
    login = getpass.getuser()
    assert loopback.requests[-1].json()["messages"][0]["content"] == f"The user is {login}."
    w.variables_button.click()
    dialog = app.controller.variables.dialog
    assert dialog is not None and dialog.user_name_edit.placeholderText() == login
    dialog.user_name_edit.setText("  Ada Lovelace ")
    dialog.ok_button.click()
    stored = json.loads(settings_path(app.store.path.parent).read_text())
    assert stored["user_name"] == "Ada Lovelace"  # written at once, not only at quit
    app.controller.new_chat()
    w.system_prompt_editor.setPlainText("Hello {{user_name}}")
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        w.composer.setPlainText("hi")
        w.send_button.click()
    assert loopback.requests[-1].json()["messages"][0]["content"] == "Hello Ada Lovelace"
    w.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())
    restarted = app_factory(*args)
    assert restarted.controller.variables.user_name == "Ada Lovelace"
    assert SettingsStore(settings_path(app.store.path.parent)).load().user_name == "Ada Lovelace"


def test_values_survive_reopening_the_chat_and_a_restart(
    app_factory: AppFactory, loopback: object, qtbot: QtBot, aio_loop: qasync.QEventLoop
) -> None:
    from tests.loopback import LoopbackServer
    from tests.ui.test_chat_sessions import click_row

    assert isinstance(loopback, LoopbackServer)
    args = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    app = app_factory(*args, show=True)
    w = app.window
    w.system_prompt_editor.setPlainText("Speak as {{role}}.")
    app.controller.session.update_settings(variables=(VariableSpec("role"),))
    w.composer.setPlainText("hi")
    w.send_button.click()
    form = app.controller.variables.form
    assert form is not None
    form.fields["role"].setText("a pirate")  # type: ignore[union-attr]
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        form.ok_button.click()
    chat = app.history.conversation_id
    w.new_chat_button.click()
    assert app.controller.session.settings.values == ()  # a new chat is asked its own
    click_row(app, qtbot, chat)
    assert app.controller.session.settings.value_map() == {"role": "a pirate"}
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        w.composer.setPlainText("again")
        w.send_button.click()
        assert app.controller.variables.form is None  # not asked again
    assert loopback.requests[-1].json()["messages"][0]["content"] == "Speak as a pirate."
    w.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())

    again = app_factory(*args, show=True)
    click_row(again, qtbot, chat)
    assert again.controller.session.settings.variables == (VariableSpec("role"),)
    assert "role" in again.window.variable_status.label.toolTip()
    with qtbot.waitSignal(again.controller.chat.reply_ended, timeout=5000):
        again.window.composer.setPlainText("after a restart")
        again.window.send_button.click()
        assert again.controller.variables.form is None
    assert loopback.requests[-1].json()["messages"][0]["content"] == "Speak as a pirate."


def test_use_as_default_keeps_the_declarations_but_new_chats_are_asked_their_own_values(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    declare(chat, "Role: {{topic}}", TOPIC)
    chat.controller.session.update_settings(values=(("topic", "judge"),))
    chat.window.use_as_default_button.click()
    chat.controller.new_chat()
    settings = chat.controller.session.settings
    assert settings.variables == (TOPIC,) and settings.values == ()
    form = open_form(chat, qtbot)
    assert form.fields["topic"].text() == "owls"  # type: ignore[union-attr]  # the default
    form.reject()


def test_the_default_prompts_declarations_are_remembered_after_a_restart(
    app_factory: AppFactory, loopback: object, qtbot: QtBot, aio_loop: qasync.QEventLoop
) -> None:
    from tests.loopback import LoopbackServer

    assert isinstance(loopback, LoopbackServer)
    args = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    app = app_factory(*args, show=True)
    app.window.system_prompt_editor.setPlainText("Talk about {{topic}}.")
    app.controller.session.update_settings(variables=(TOPIC,), values=(("topic", "bees"),))
    app.window.use_as_default_button.click()
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())

    again = app_factory(*args, show=True)
    settings = again.controller.session.settings
    assert settings.system_prompt == "Talk about {{topic}}."
    assert settings.variables == (TOPIC,) and settings.values == ()
    assert not again.window.variable_status.declare_button.isVisibleTo(again.window)


def test_replay_sends_the_stored_request_whatever_the_prompt_says_now(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    declare(chat, "About {{topic}}", TOPIC)
    chat.controller.session.update_settings(values=(("topic", "owls"),))
    chat.send("hi")
    wait_ended(chat, qtbot)
    first = chat.server.requests[-1].body
    chat.window.system_prompt_editor.setPlainText("Now {{undeclared}}")  # would block a send
    chat.controller.replay(chat.controller.session.path()[-1])
    qtbot.waitUntil(lambda: len(chat.server.requests) == 2, timeout=5000)
    wait_ended(chat, qtbot)
    assert chat.controller.variables.form is None
    assert chat.server.requests[-1].body == first
