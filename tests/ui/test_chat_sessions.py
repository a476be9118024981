"""Per-chat settings, defaults for new chats, and regenerating any reply, in the real window."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core.errors import ErrorCategory
from app.core.message import MessageState
from app.core.params import SamplingParams
from app.core.profiles import EndpointProfile, TokenSource, local_profile
from app.core.request import PromptMode
from app.storage.settings import Settings, SettingsStore, settings_path
from app.ui.chat.conversation_view import ConversationView
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer
from tests.ui.conftest import AppFactory, ChatHarness, run

AppMaker = Callable[[], Application]


def send(app: Application, qtbot: QtBot, text: str) -> None:
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText(text)
        app.window.send_button.click()


def click_row(app: Application, qtbot: QtBot, conversation_id: int | None) -> None:
    assert conversation_id is not None
    model, view = app.history.model, app.window.conversation_list
    rect = view.visualRect(model.index(model.row_of(conversation_id), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert app.history.conversation_id == conversation_id


def click_link(qtbot: QtBot, view: ConversationView, label: str, nth: int = -1) -> None:
    """Click a link under a message the way a user does: find its text, click its middle."""
    doc = view.document()
    found: list[int] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text() == label and fragment.charFormat().isAnchor():
                found.append(fragment.position())
            it += 1
        block = block.next()
    assert found, f"no link {label!r} in the conversation"
    start, end = QTextCursor(doc), QTextCursor(doc)
    start.setPosition(found[nth])
    end.setPosition(found[nth] + len(label))
    view.setTextCursor(end)
    view.ensureCursorVisible()
    left, right = view.cursorRect(start), view.cursorRect(end)
    middle = QPoint((left.x() + right.x()) // 2, left.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle)


def shown_settings(app: Application) -> tuple[str, float | None]:
    w = app.window
    return w.system_prompt_editor.toPlainText(), w.params_panel.params().temperature


def type_settings(app: Application, prompt: str, temperature: float) -> None:
    app.window.system_prompt_editor.setPlainText(prompt)
    app.window.params_panel._boxes["temperature"].setValue(temperature)


def test_each_chat_keeps_its_own_settings_and_a_new_chat_gets_the_defaults(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    title = app.window.findChild(QLabel, "systemPromptTitle")
    assert isinstance(title, QLabel) and "This chat's system prompt" in title.text()
    type_settings(app, "Answer in French.", 0.2)
    send(app, qtbot, "Bonjour")
    chat_a = app.history.conversation_id

    app.window.new_chat_button.click()
    assert shown_settings(app) == ("", None)  # the defaults, not chat A's
    type_settings(app, "Answer in German.", 0.9)
    send(app, qtbot, "Hallo")
    chat_b = app.history.conversation_id
    assert chat_b != chat_a

    click_row(app, qtbot, chat_a)
    assert shown_settings(app) == ("Answer in French.", 0.2)
    type_settings(app, "Answer in French, briefly.", 0.3)  # typed, not sent: still kept
    click_row(app, qtbot, chat_b)
    assert shown_settings(app) == ("Answer in German.", 0.9)
    click_row(app, qtbot, chat_a)
    assert shown_settings(app) == ("Answer in French, briefly.", 0.3)
    send(app, qtbot, "Encore")
    body = loopback.requests[-1].json()
    assert body["messages"][0] == {"role": "system", "content": "Answer in French, briefly."}
    assert body["temperature"] == 0.3

    app.window.new_chat_button.click()
    assert shown_settings(app) == ("", None)
    assert "Same as your defaults" in app.window.defaults_note.text()


def test_use_as_default_changes_new_chats_only_and_is_remembered(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, aio_loop: qasync.QEventLoop
) -> None:
    argv = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    app = app_factory(*argv, show=True)
    type_settings(app, "Old chat prompt", 0.5)
    send(app, qtbot, "first")
    old_chat = app.history.conversation_id
    app.window.new_chat_button.click()
    type_settings(app, "Be concise.", 0.1)
    assert "Differs from your defaults" in app.window.defaults_note.text()
    app.window.use_as_default_button.click()
    assert "Same as your defaults" in app.window.defaults_note.text()
    click_row(app, qtbot, old_chat)  # opening an old chat does not change the defaults
    assert shown_settings(app) == ("Old chat prompt", 0.5)
    app.window.new_chat_button.click()
    assert shown_settings(app) == ("Be concise.", 0.1)
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())

    again = app_factory(*argv, show=True)  # remembered after a restart
    assert shown_settings(again) == ("Be concise.", 0.1)


def two_servers(loopback: LoopbackServer, data_dir: Path) -> tuple[EndpointProfile, ...]:
    """Two saved endpoints on the loopback server, told apart by the model they ask for."""
    url, none = f"{loopback.url}/v1", TokenSource.NONE
    first = local_profile(url, model="model-one", name="First server", token_source=none)
    second = local_profile(url, model="model-two", name="Second server", token_source=none)
    SettingsStore(settings_path(data_dir)).save(
        Settings(profiles=[first, second], active_profile_id=first.id, welcome_done=True)
    )
    return first, second


def test_each_chat_keeps_its_endpoint(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    first, second = two_servers(loopback, tmp_path)
    app = app_factory(show=True)
    selector = app.window.profile_selector
    send(app, qtbot, "to the first")
    chat_one = app.history.conversation_id
    app.window.new_chat_button.click()
    selector.setCurrentIndex(selector.findData(second.id))  # as the user picks it
    send(app, qtbot, "to the second")
    assert loopback.requests[-1].json()["model"] == "model-two"

    click_row(app, qtbot, chat_one)
    assert selector.currentData() == first.id and "model-one" in app.window.endpoint_status.text()
    send(app, qtbot, "again")
    assert loopback.requests[-1].json()["model"] == "model-one"
    app.window.new_chat_button.click()  # new chats use the endpoint picked last
    assert selector.currentData() == second.id


def test_a_finished_reply_can_be_regenerated_and_both_versions_are_kept(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    send(app, qtbot, "Tell me a joke")
    view = app.window.conversation_view
    assert "Regenerate" in view.plain_text()
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        click_link(qtbot, view, "Regenerate")
    path = app.controller.session.path()
    assert len(path) == 2 and app.controller.session.versions_of(path[1]) == (2, 2)
    assert "2/2" in view.plain_text()
    click_link(qtbot, view, "‹")
    assert "1/2" in view.plain_text()
    store = app.history.store
    assert store is not None and app.history.conversation_id is not None
    assert len(store.all_messages(app.history.conversation_id)) == 3


def test_after_a_bad_token_the_reply_offers_its_fix_and_retry_works_once_fixed(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    chat.server.require_token = "the-right-token-4b1d"
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("hello")
    reply = chat.controller.session.path()[-1]
    assert reply.failure is not None and reply.failure.category is ErrorCategory.BAD_TOKEN
    shown = chat.view.plain_text()
    assert "Open endpoint settings" in shown and "Retry" in shown
    profile = chat.controller.active_profile()
    assert profile is not None
    chat.factory.session.set(profile.secret_name(), "the-right-token-4b1d")  # the fix
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        click_link(qtbot, chat.view, "Retry")
    path = chat.controller.session.path()
    assert len(path) == 2 and path[-1].state is MessageState.DONE  # the empty failure replaced
    assert chat.controller.session.versions_of(path[-1]) == (1, 1)


def test_settings_typed_in_a_chat_survive_a_restart(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, aio_loop: qasync.QEventLoop
) -> None:
    argv = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    app = app_factory(*argv, show=True)
    send(app, qtbot, "hi")
    chat = app.history.conversation_id
    type_settings(app, "Typed after the last message", 0.7)
    app.window.params_panel.set_prompt_mode(PromptMode.RAW)
    app.window.close()  # no send, no pause: written when the window closes
    run(aio_loop, qtbot, app.run_until_closed_for_tests())
    saved = json.loads(app.store.path.read_text())
    assert saved["system_prompt"] == ""  # the defaults were not touched

    again = app_factory(*argv, show=True)
    click_row(again, qtbot, chat)
    assert shown_settings(again) == ("Typed after the last message", 0.7)
    assert again.controller.session.settings.params == SamplingParams(temperature=0.7)
    assert again.window.raw_group.isVisible()


def test_saving_the_endpoints_dialog_keeps_the_open_chat_on_its_endpoint(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    first, second = two_servers(loopback, tmp_path)
    app = app_factory(show=True)
    send(app, qtbot, "on the first")
    chat_one = app.history.conversation_id
    app.window.new_chat_button.click()
    selector = app.window.profile_selector
    selector.setCurrentIndex(selector.findData(second.id))  # the default is now the second
    click_row(app, qtbot, chat_one)
    app.endpoint_setup.open_endpoints()
    dialog = app.endpoint_setup.endpoints
    assert dialog is not None
    with qtbot.waitSignal(dialog.profiles_changed, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # e.g. after a new key
    assert app.controller.session.settings.profile_id == first.id
    send(app, qtbot, "still the first?")
    assert loopback.requests[-1].json()["model"] == "model-one"
    assert app.controller.active_id == second.id  # and new chats still start on the second
    app.window.new_chat_button.click()
    assert selector.currentData() == second.id

    # The dialog is still open: picking another row there is a choice, it becomes the default.
    assert app.endpoint_setup.endpoints is dialog
    dialog.profile_list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.profiles_changed, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert app.controller.session.settings.profile_id == first.id
    assert app.controller.active_id == first.id
