"""The real window against hostile servers: a plain message, the text kept, and it stays usable."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.core.errors import ErrorCategory
from app.core.message import MessageState
from tests.loopback import ATTACKS_BY_NAME, PARTIAL_TEXT
from tests.ui.conftest import ChatHarness


def last_reply(chat: ChatHarness):  # type: ignore[no-untyped-def]
    return chat.controller.session.path()[-1]


@pytest.mark.parametrize(
    "name, category, phrase, kept",
    [
        ("endless_line", ErrorCategory.PROTOCOL, "sent a line longer than 1 MB", PARTIAL_TEXT),
        ("huge_event", ErrorCategory.PROTOCOL, "a single message larger than 4 MB", PARTIAL_TEXT),
        ("gzip_bomb", ErrorCategory.PROTOCOL, "larger than 64 MB once decompressed", PARTIAL_TEXT),
        # The harness's stall timeout is 1 s: silence before any answer is said as such.
        ("never_answers", ErrorCategory.TIMEOUT, "never answered (waited 1 second)", ""),
    ],
)
def test_window_survives_a_hostile_server_and_the_next_message_works(
    local_chat: ChatHarness,
    qtbot: QtBot,
    name: str,
    category: ErrorCategory,
    phrase: str,
    kept: str,
) -> None:
    chat = local_chat
    ATTACKS_BY_NAME[name].install(chat.server, "openai")

    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=15_000):
        chat.send("Attack me")

    reply = last_reply(chat)
    assert reply.state is MessageState.FAILED and reply.failure is not None
    assert reply.failure.category is category and phrase in reply.failure.message
    assert reply.text == kept
    shown = chat.view.plain_text()
    assert reply.failure.message in shown
    assert "Traceback" not in shown and "{" not in reply.failure.message
    assert chat.server.requests[-1].wait_settled(10) in ("client_gone", "aborted")

    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("And now?")

    reply = last_reply(chat)
    assert reply.state is MessageState.DONE and reply.text == "Hello, world!"
    assert chat.window.send_button.isVisible()
