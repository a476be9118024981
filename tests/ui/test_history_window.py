"""Conversations are never lost: the window stores every message and reopens them after a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.errors import ErrorCategory
from app.core.message import MessageState
from app.core.request import Role
from app.storage.history.store import HistoryStore, history_path
from app.ui.composition_root import Application
from tests.loopback import FAULTS_BY_NAME, LoopbackServer, Reply, openai_stream, split_events
from tests.ui.conftest import run

CHAT = "/chat/completions"
HELLO = "Hello, world!"

AppMaker = Callable[[], Application]


def close(app: Application, loop: qasync.QEventLoop, qtbot: QtBot) -> None:
    app.window.close()
    run(loop, qtbot, app.run_until_closed_for_tests())


def send(app: Application, qtbot: QtBot, text: str) -> None:
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText(text)
        app.window.send_button.click()


def titles(app: Application) -> list[str]:
    return app.history.model.titles()


def highlighted_row(app: Application) -> int:
    return app.window.conversation_list.currentIndex().row()


def click_row(app: Application, qtbot: QtBot, row: int) -> None:
    view = app.window.conversation_list
    rect = view.visualRect(app.history.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def stored(app: Application) -> HistoryStore:
    assert app.history.store is not None
    return app.history.store


def test_two_exchanges_are_listed_and_reopened_after_a_restart(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop
) -> None:
    first = make_app()
    sidebar = first.window.conversation_list
    assert sidebar.accessibleName() and sidebar.toolTip() and titles(first) == []
    assert first.window.splitter.sizes()[0] <= 240  # a narrow sidebar on the left
    first.window.system_prompt_editor.setPlainText("Be brief.")
    first.window.params_panel._boxes["temperature"].setValue(0.3)
    send(first, qtbot, "What is a llama?\nAnd why?")
    send(first, qtbot, "And an alpaca?")
    assert titles(first) == ["What is a llama?"] and highlighted_row(first) == 0
    record = stored(first).conversation(first.history.conversation_id or 0)
    assert record.settings.system_prompt == "Be brief."
    assert record.settings.params.temperature == 0.3
    assert record.settings.profile_id == "command-line"
    close(first, aio_loop, qtbot)

    second = make_app()
    assert titles(second) == ["What is a llama?"] and second.controller.session.path() == []
    second.window.system_prompt_editor.setPlainText("Something else.")
    second.window.params_panel._boxes["temperature"].setValue(0.9)
    click_row(second, qtbot, 0)
    messages = second.controller.session.path()
    assert [(m.role, m.text) for m in messages] == [
        (Role.USER, "What is a llama?\nAnd why?"),
        (Role.ASSISTANT, HELLO),
        (Role.USER, "And an alpaca?"),
        (Role.ASSISTANT, HELLO),
    ]
    shown = second.window.conversation_view.plain_text()
    assert "What is a llama?" in shown and "And an alpaca?" in shown and shown.count(HELLO) == 2
    assert second.window.system_prompt_editor.toPlainText() == "Be brief."
    assert second.window.params_panel.params().temperature == 0.3
    assert highlighted_row(second) == 0
    # The reopened conversation goes on: the next request carries its history.
    send(second, qtbot, "Thanks")
    assert len(stored(second).active_path(second.history.conversation_id or 0)) == 6


def test_new_chat_is_stored_on_first_send_and_the_latest_moves_to_the_top(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    send(app, qtbot, "first topic")
    app.window.new_chat_requested.emit()
    assert app.history.conversation_id is None and titles(app) == ["first topic"]
    assert highlighted_row(app) == -1  # nothing stored yet for the new chat
    send(app, qtbot, "second topic")
    assert titles(app) == ["second topic", "first topic"] and highlighted_row(app) == 0
    click_row(app, qtbot, 1)
    assert app.controller.session.path()[0].text == "first topic"
    assert highlighted_row(app) == 1
    send(app, qtbot, "more on the first")
    assert titles(app) == ["first topic", "second topic"] and highlighted_row(app) == 0


def test_user_message_is_stored_before_the_request_and_a_stopped_reply_keeps_its_text(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    app = make_app()
    body = openai_stream(["Partial", " answer", " and", " more"])
    loopback.queue("POST", CHAT, Reply(body=split_events(body), stall_after=3))
    app.window.composer.setPlainText("Tell me everything")
    app.window.send_button.click()
    conversation_id = app.history.conversation_id
    # Stored within the click: the request task has not even run yet.
    assert conversation_id is not None and loopback.requests == []
    path = stored(app).active_path(conversation_id)
    assert [(m.text, m.state) for m in path] == [
        ("Tell me everything", MessageState.DONE),
        ("", MessageState.STREAMING),
    ]
    view = app.window.conversation_view
    qtbot.waitUntil(lambda: "Partial answer" in view.plain_text(), timeout=5000)
    streaming = stored(app).active_path(conversation_id)[-1]
    assert streaming.role is Role.ASSISTANT and streaming.state is MessageState.STREAMING
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=2000):
        qtbot.keyClick(app.window, Qt.Key.Key_Escape)
    reply = stored(app).active_path(conversation_id)[-1]
    assert reply.state is MessageState.STOPPED and reply.text == "Partial answer"
    close(app, aio_loop, qtbot)

    again = make_app()
    click_row(again, qtbot, 0)
    last = again.controller.session.path()[-1]
    assert last.state is MessageState.STOPPED and last.text == "Partial answer"
    assert "Stopped. The text so far is kept." in again.window.conversation_view.plain_text()


def test_a_failed_reply_keeps_its_text_and_its_failure(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    fault = FAULTS_BY_NAME["vllm_inband_error_after_tokens"]
    app = make_app()
    fault.install(loopback)
    send(app, qtbot, "hello")
    close(app, aio_loop, qtbot)

    again = make_app()
    click_row(again, qtbot, 0)
    last = again.controller.session.path()[-1]
    assert last.state is MessageState.FAILED and last.text == fault.partial_text
    assert last.failure is not None
    assert last.failure.category is ErrorCategory(fault.expect_category)
    shown = again.window.conversation_view.plain_text()
    assert fault.partial_text in shown and last.failure.message in shown


def test_an_unopenable_history_leaves_the_file_alone_and_the_chat_working(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    path = history_path(tmp_path)
    garbage = b"not a database \x00\xff" * 64
    path.write_bytes(garbage)
    app = make_app()
    status = app.window.status_label.text()
    assert "History is off" in status and "is not a LlamaDesk history database" in status
    assert "will not be saved" in status
    assert str(path) in status and "will not be overwritten" in status
    assert app.history.store is None and titles(app) == []
    send(app, qtbot, "still there?")
    assert app.controller.session.path()[-1].text == HELLO
    assert "History is off" in app.window.status_label.text()  # still said after the reply
    close(app, aio_loop, qtbot)
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.db", "settings.json"]


def test_retry_stores_a_new_version_and_continue_extends_the_same_one(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    FAULTS_BY_NAME["vllm_stream_cut_no_done"].install(loopback)
    send(app, qtbot, "hello")
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.conversation_view.action_requested.emit(MessageAction.REGENERATE, 1)
    store, conversation_id = stored(app), app.history.conversation_id or 0
    user, reply = store.active_path(conversation_id)
    assert reply.text == HELLO and reply.state is MessageState.DONE
    assert store.parent_id(reply.id or 0) == user.id
    assert store.versions(reply.id or 0) == (2, 2)  # the failed one (with its text) is kept

    app.window.new_chat_requested.emit()
    loopback.queue("POST", CHAT, Reply(body=openai_stream(["One", " two"], finish_reason="length")))
    send(app, qtbot, "count")
    loopback.queue(
        "POST", "/completions", Reply(body=openai_stream([" three", "."], completions=True))
    )
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.conversation_view.action_requested.emit(MessageAction.CONTINUE, 1)
    path = stored(app).active_path(app.history.conversation_id or 0)
    assert [m.text for m in path] == ["count", "One two three."]
    assert path[-1].state is MessageState.DONE
    assert stored(app).versions(path[-1].id or 0) == (1, 1)  # the same version grew


def test_a_layout_saved_before_the_sidebar_does_not_hide_a_pane(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    import json

    from PySide6.QtWidgets import QSplitter, QWidget

    close(make_app(), aio_loop, qtbot)  # writes settings.json
    old = QSplitter(Qt.Orientation.Horizontal)
    old.addWidget(QWidget())
    old.addWidget(QWidget())
    old.setSizes([800, 360])
    saved = json.loads((tmp_path / "settings.json").read_text())
    saved["ui"]["splitter_state"] = bytes(old.saveState().toBase64().data()).decode()
    (tmp_path / "settings.json").write_text(json.dumps(saved))
    old.deleteLater()
    app = make_app()
    assert all(size > 0 for size in app.window.splitter.sizes())


def test_the_notice_names_the_newest_backup_when_there_is_one(tmp_path: Path) -> None:
    from app.storage.history.store import HistoryUnavailable
    from app.ui.history.history_controller import unavailable_notice

    path, backup = history_path(tmp_path), tmp_path / "history.db.bak-v1-20260101T000000Z"
    exc = HistoryUnavailable(
        f"Your conversation history {path} is damaged (disk I/O error). "
        "Nothing was changed. The newest backup is ...",
        [backup],
    )
    notice = unavailable_notice(exc, path)
    assert "is damaged (disk I/O error)." in notice and "Nothing was changed" not in notice
    assert f"The last backup is kept at {backup} and will not be overwritten." in notice
