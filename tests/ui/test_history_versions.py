"""Retry keeps the old reply: "‹ 2/2 ›" switches between versions, and the choice is kept."""

from __future__ import annotations

import qasync
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer, Reply, openai_stream
from tests.ui.test_history_window import AppMaker, close, send

CHAT = "/chat/completions"


def reply_text(app: Application) -> str:
    return app.controller.session.path()[-1].text


def step(app: Application, qtbot: QtBot, action: MessageAction) -> None:
    index = len(app.controller.session.path()) - 1
    app.window.conversation_view.action_requested.emit(action, index)


def test_retry_keeps_both_versions_and_switching_is_remembered(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    loopback.queue(
        "POST",
        CHAT,
        Reply(body=openai_stream(["First", " answer"])),
        Reply(body=openai_stream(["Second", " answer"])),
    )
    app = make_app()
    send(app, qtbot, "Tell me something")
    assert "‹" not in app.window.conversation_view.plain_text()  # one version: no arrows
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        step(app, qtbot, MessageAction.REGENERATE)
    view = app.window.conversation_view
    assert reply_text(app) == "Second answer"
    assert "‹ 2/2 ›" in view.plain_text()
    step(app, qtbot, MessageAction.VERSION_PREV)
    assert reply_text(app) == "First answer" and "1/2" in view.plain_text()
    assert "Second answer" not in view.plain_text()
    step(app, qtbot, MessageAction.VERSION_PREV)  # already the first: nothing happens
    assert reply_text(app) == "First answer"
    close(app, aio_loop, qtbot)

    again = make_app()  # the version shown last is the one that comes back
    again.history.open_conversation(again.history.model.summary(0).id)
    assert reply_text(again) == "First answer"
    step(again, qtbot, MessageAction.VERSION_NEXT)
    assert reply_text(again) == "Second answer"
    # The next turn continues from the version on screen.
    send(again, qtbot, "And then?")
    sent = loopback.requests[-1].json()["messages"]
    assert [m["content"] for m in sent] == ["Tell me something", "Second answer", "And then?"]


def test_editing_a_sent_message_makes_a_new_version_and_keeps_the_old_branch(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    from PySide6.QtCore import Qt

    loopback.queue(
        "POST",
        CHAT,
        Reply(body=openai_stream(["About", " cats"])),
        Reply(body=openai_stream(["More", " cats"])),
        Reply(body=openai_stream(["About", " dogs"])),
    )
    app = make_app()
    send(app, qtbot, "Tell me about cats")
    send(app, qtbot, "More please")
    view = app.window.conversation_view
    assert "Edit" in view.plain_text()
    view.action_requested.emit(MessageAction.EDIT, 0)  # the first question
    composer = app.window.composer
    assert composer.toPlainText() == "Tell me about cats" and "Editing" in (
        app.window.status_label.text()
    )
    qtbot.keyClick(composer, Qt.Key.Key_Escape)  # cancel: nothing changes
    assert composer.toPlainText() == "" and len(app.controller.session.path()) == 4
    view.action_requested.emit(MessageAction.EDIT, 0)
    composer.setPlainText("Tell me about dogs")
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.send_button.click()
    texts = [m.text for m in app.controller.session.path()]
    assert texts == ["Tell me about dogs", "About dogs"]
    assert loopback.requests[-1].json()["messages"] == [
        {"role": "user", "content": "Tell me about dogs"}
    ]
    assert "‹ 2/2 ›" in view.plain_text()
    # Back to the first version: the whole old branch returns.
    step_at(app, 0, MessageAction.VERSION_PREV)
    texts = [m.text for m in app.controller.session.path()]
    assert texts == ["Tell me about cats", "About cats", "More please", "More cats"]


def step_at(app: Application, index: int, action: MessageAction) -> None:
    app.window.conversation_view.action_requested.emit(action, index)
