"""Prompt modes (raw template), following the reply while scrolling, switching endpoints."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from app.core.profiles import local_profile
from tests.loopback import Reply, split_events, workers_ai_stream
from tests.ui.conftest import ChatHarness, session_profile

NATIVE = "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8"


def test_raw_mode_shows_an_editable_template_and_sends_it(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    w = chat.window
    w.system_prompt_editor.setPlainText("Be terse.")
    w.composer.setPlainText("Why is the sky blue?")
    w.params_panel.mode.setCurrentIndex(w.params_panel.mode.findData("raw"))
    assert w.raw_group.isVisible()
    template = w.raw_editor.toPlainText()
    assert template.startswith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>")
    assert "Be terse.<|eot_id|>" in template
    assert template.endswith(
        "Why is the sky blue?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
    )
    w.raw_editor.setPlainText(template.replace("Be terse.", "Be poetic."))
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        w.send_button.click()
    body = chat.server.requests[-1].json()
    assert body["raw"] is True and "Be poetic." in body["prompt"] and "messages" not in body
    # After the reply the template is rebuilt from the conversation, reply included.
    assert "Hello, world!<|eot_id|>" in w.raw_editor.toPlainText()
    w.params_panel.mode.setCurrentIndex(w.params_panel.mode.findData("chat"))
    assert not w.raw_group.isVisible()


def test_view_follows_the_reply_unless_the_user_scrolled_away(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    chat.window.resize(700, 400)
    bar = chat.view.verticalScrollBar()
    long_words = [f" line {i}\n\n" for i in range(120)]
    body = workers_ai_stream(long_words)
    chat.server.queue("POST", NATIVE, Reply(body=split_events(body), chunk_delay_s=0.002))
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=10_000):
        chat.send("a long one")
        qtbot.waitUntil(lambda: bar.maximum() > 200, timeout=5000)
        assert bar.value() == bar.maximum()  # following
        bar.setValue(0)  # the user scrolls up to reread
        qtbot.waitUntil(lambda: bar.maximum() > 400, timeout=5000)
        assert bar.value() == 0  # left alone while the reply keeps growing
    assert bar.value() == 0
    # Scrolling back to the end resumes following on the next reply.
    bar.setValue(bar.maximum())
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("again")
    assert bar.value() == bar.maximum()


def test_switching_endpoint_sends_the_next_turn_elsewhere(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    local = session_profile(local_profile(f"{chat.server.url}/v1", name="My GPU box"))
    chat.factory.session.set(local.secret_name(), "local-key-123456")
    profiles = [*chat.controller.profiles, replace(local)]
    chat.controller.set_profiles(profiles, chat.controller.active_id, make_default=False)
    selector = chat.window.profile_selector
    assert [selector.itemText(i) for i in range(selector.count())] == [
        "Cloudflare Workers AI",
        "My GPU box",
    ]
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("to workers")
    assert chat.server.requests[-1].url_path.endswith(NATIVE)
    selector.setCurrentIndex(1)
    assert "model served at" in chat.window.endpoint_status.text()
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("to the gpu")
    last = chat.server.requests[-1]
    assert last.url_path == "/v1/chat/completions"
    assert last.header("authorization") == "Bearer local-key-123456"
    assert [m["role"] for m in last.json()["messages"]] == ["user", "assistant", "user"]


def test_switching_the_os_palette_to_dark_redraws_in_dark_colours(
    workers_chat: ChatHarness, qtbot: QtBot, qapp: object
) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from app.ui.style import DARK_STYLE

    chat = workers_chat
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("hi")
    assert isinstance(qapp, QApplication)
    original = qapp.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#1e2127"))
    try:
        with qtbot.waitSignal(chat.window.style_changed, timeout=2000):
            qapp.setPalette(dark)
        assert chat.window.style_in_use is DARK_STYLE
        html = chat.view.toHtml().lower()
        assert DARK_STYLE.user_background.lower() in html and "hello, world!" in html
    finally:
        qapp.setPalette(original)
