"""Continue in the real window against a server without /completions (loopback)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.errors import ErrorCategory
from app.core.message import MessageState
from tests.loopback import Reply, openai_stream
from tests.ui.conftest import ChatHarness


def cut_reply(chat: ChatHarness, qtbot: QtBot) -> None:
    chat.server.queue(
        "POST",
        "/chat/completions",
        Reply(body=openai_stream(["One", " two"], finish_reason="length")),
    )
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("count")
    assert chat.controller.session.path()[-1].cut_by_limit


def test_continue_extends_the_reply_through_chat_when_completions_is_missing(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    chat.server.raw_completions = False
    cut_reply(chat, qtbot)
    chat.server.queue("POST", "/chat/completions", Reply(body=openai_stream([" three", "."])))
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.view.action_requested.emit(MessageAction.CONTINUE, 1)
    reply = chat.controller.session.path()[-1]
    assert reply.text == "One two three." and reply.state is MessageState.DONE
    assert "One two three." in chat.view.plain_text()
    sent = chat.server.requests[-1].json()
    assert sent["messages"][-1] == {"role": "assistant", "content": "One two"}
    assert sent["continue_final_message"] is True


def test_continue_on_a_server_that_cannot_says_so_and_keeps_the_text(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    chat.server.raw_completions = False
    chat.server.continue_final_message = False
    cut_reply(chat, qtbot)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.view.action_requested.emit(MessageAction.CONTINUE, 1)
    reply = chat.controller.session.path()[-1]
    assert reply.text == "One two" and reply.state is MessageState.FAILED
    assert reply.failure is not None and reply.failure.category is ErrorCategory.UNSUPPORTED
    shown = chat.view.plain_text()
    assert "cannot continue a reply" in shown and "Retry" in shown and "One two" in shown
    assert "Cloudflare" not in shown and "format LlamaDesk understands" not in shown
