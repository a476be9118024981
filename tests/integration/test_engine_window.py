"""The real window chats with a real vLLM server (CPU build, tiny model) through a Local profile."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.message import MessageState
from app.core.profiles import TokenSource, local_profile
from tests.integration.engines import servers
from tests.loopback import LoopbackServer
from tests.ui.conftest import ChatHarness, aio_loop  # noqa: F401 - the qasync loop fixture

pytestmark = pytest.mark.engines


@pytest.fixture
def vllm_chat(
    qtbot: QtBot,
    aio_loop: qasync.QEventLoop,  # noqa: F811
    vllm_server: servers.ServerHandle,
) -> Iterator[ChatHarness]:
    # The address as a user would type it: the server root, no /v1, no model.
    profile = replace(
        local_profile(vllm_server.base_url.removesuffix("/v1"), name="My vLLM"),
        token_source=TokenSource.SESSION,
    )
    with LoopbackServer() as unused:  # the harness wants a server; this one must stay silent
        harness = ChatHarness(qtbot, aio_loop, unused, profile)
        harness.factory.session.set(profile.secret_name(), vllm_server.api_key)
        yield harness
        harness.close()
        assert unused.requests == []


def test_chat_end_to_end_with_vllm(vllm_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = vllm_chat
    params = chat.window.params_panel
    params._boxes["temperature"].setValue(0)
    params._boxes["max_tokens"].setValue(12)
    painted: list[int] = []
    chat.view.reply_painted.connect(painted.append)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=120_000):
        chat.send("Hello from the window")
    reply = chat.controller.session.path()[-1]
    assert reply.state is MessageState.DONE, reply.failure
    assert reply.text and reply.usage is not None and reply.usage.completion_tokens == 12
    assert reply.model == "meta-llama/Llama-3.1-8B-Instruct-FP8"
    shown = chat.view.plain_text()
    assert "Hello from the window" in shown and "cut by max_tokens" in shown
    assert "Continue" in shown and painted
    # A second turn carries the conversation, and Continue extends the cut reply.
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=120_000):
        chat.view.action_requested.emit(MessageAction.CONTINUE, 1)
    assert reply.state is MessageState.DONE and reply.usage is not None
