"""The context meter, and a message that cannot fit: asked about, never sent blindly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ChatHarness


def meter(chat: ChatHarness) -> str:
    return chat.window.context_meter.text()


def test_workers_ai_shows_its_window_from_the_start(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    chat.controller.context.refresh()
    assert meter(chat) == ""  # an empty chat and no draft: nothing to weigh
    chat.window.composer.setPlainText("Hello")
    chat.controller.context.refresh()
    assert meter(chat).endswith("/ 32,000 tokens")
    chat.window.composer.setPlainText("x" * 4000)
    qtbot.waitUntil(lambda: "≈ 1,0" in meter(chat), timeout=2000)  # about 1,000 tokens more


def test_a_message_that_cannot_fit_is_asked_about_and_moves_to_a_new_chat(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    chat.server.max_model_len = 512  # the window /v1/models reports, as vLLM does
    chat.window.composer.setPlainText("q")
    chat.controller.context.refresh()
    assert "tokens" in meter(chat) and "/" not in meter(chat)  # unknown before the first answer
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("q" * 1200)  # about 300 tokens
    qtbot.waitUntil(lambda: "/ 512 tokens" in meter(chat), timeout=2000)
    sent_before = len(chat.server.requests)

    chat.window.composer.setPlainText("d" * 1000)  # about 250 more: over the window
    qtbot.waitUntil(lambda: "too long" in meter(chat), timeout=2000)
    chat.window.send_button.click()
    question = chat.controller.context.question
    assert question is not None and question.isVisible()
    assert "512" in question.informativeText()
    assert len(chat.server.requests) == sent_before  # nothing went out
    assert chat.window.composer.toPlainText() == "d" * 1000  # nothing lost

    new_chat = question.findChild(QPushButton, "newChatWithMessage")
    assert isinstance(new_chat, QPushButton)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        qtbot.mouseClick(new_chat, Qt.MouseButton.LeftButton)
    path = chat.controller.session.path()
    assert path[0].text == "d" * 1000 and len(path) == 2
    body = chat.server.requests[-1].json()
    assert [m["content"] for m in body["messages"]] == ["d" * 1000]


def test_send_anyway_sends_it(local_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = local_chat
    chat.server.max_model_len = 64
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("hi")
    chat.window.composer.setPlainText("w" * 1000)
    chat.window.send_button.click()
    question = chat.controller.context.question
    assert question is not None
    anyway = question.findChild(QPushButton, "sendAnyway")
    assert isinstance(anyway, QPushButton)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    assert chat.controller.session.path()[-2].text == "w" * 1000


def test_an_edit_that_cannot_fit_is_asked_about_and_one_that_fits_is_sent(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    from app.core.actions import MessageAction

    chat = local_chat
    chat.server.max_model_len = 512
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("q" * 1200)  # about 300 tokens, then the window is known
    chat.view.action_requested.emit(MessageAction.EDIT, 0)
    chat.window.composer.setPlainText("e" * 2400)  # 600 tokens alone: too long even as an edit
    chat.window.send_button.click()
    assert chat.controller.context.question is not None  # asked, not sent
    chat.controller.context.question.reject()
    chat.view.action_requested.emit(MessageAction.EDIT, 0)
    chat.window.composer.setPlainText("e" * 1400)  # fits once the old turn is not sent
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.window.send_button.click()
    assert chat.controller.session.path()[0].text == "e" * 1400
