"""The real window against a real loopback server: send, live streaming, stop, errors, continue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.errors import ErrorCategory
from app.core.message import MessageState
from app.core.request import Role
from tests.loopback import FAULTS_BY_NAME, Reply, openai_stream, split_events, workers_ai_stream
from tests.ui.conftest import TOKEN, ChatHarness

NATIVE = "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8"
WORDS = [f" word{i}" for i in range(40)]


def reply_of(chat: ChatHarness):  # type: ignore[no-untyped-def]
    return chat.controller.session.path()[-1]


def wait_ended(chat: ChatHarness, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not chat.controller.chat.busy, timeout=5000)


def test_send_streams_text_progressively_then_fills_footer(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    body = workers_ai_stream(WORDS, prompt_tokens=21)
    chat.server.queue("POST", NATIVE, Reply(body=split_events(body), chunk_delay_s=0.01))
    painted: list[int] = []
    chat.view.reply_painted.connect(painted.append)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=10_000):
        chat.send("Count for me")
        qtbot.waitUntil(lambda: chat.window.stop_button.isVisible(), timeout=2000)
        assert not chat.window.send_button.isVisible()
    # Several paints, each showing more of the reply than the last: it streamed live.
    assert len(painted) >= 3 and painted == sorted(painted) and painted[0] < painted[-1]
    text = chat.view.plain_text()
    assert "Count for me" in text and "word0" in text and "word39" in text
    assert "s to first token" in text and "tokens/s" in text and "21 in · 40 out" in text
    reply = reply_of(chat)
    assert reply.state is MessageState.DONE and reply.text == "".join(WORDS)
    sent = chat.server.requests[-1]
    assert sent.header("authorization") == f"Bearer {TOKEN}"
    assert sent.json()["messages"] == [{"role": "user", "content": "Count for me"}]
    assert sent.json()["max_tokens"] == 1024
    assert chat.window.send_button.isVisible() and chat.window.composer.hasFocus()


def test_system_prompt_edited_mid_chat_is_used_by_next_turn(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("first")
    chat.window.system_prompt_editor.setPlainText("Answer in French.")
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("second")
    messages = chat.server.requests[-1].json()["messages"]
    assert messages[0] == {"role": "system", "content": "Answer in French."}
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]


def test_stop_cancels_at_once_and_keeps_partial_text(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    body = workers_ai_stream(["Partial", " answer", *WORDS])
    chat.server.queue("POST", NATIVE, Reply(body=split_events(body), stall_after=2))
    chat.send("Tell me everything")
    qtbot.waitUntil(lambda: "Partial answer" in chat.view.plain_text(), timeout=5000)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=2000):
        qtbot.keyClick(chat.window, Qt.Key.Key_Escape)
    reply = reply_of(chat)
    assert reply.state is MessageState.STOPPED and reply.text == "Partial answer"
    assert "Stopped. The text so far is kept." in chat.view.plain_text()
    assert chat.server.requests[-1].wait_settled(5) == "client_gone"
    assert chat.window.send_button.isVisible()


def test_enter_sends_and_shift_enter_adds_a_line(workers_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = workers_chat
    composer = chat.window.composer
    composer.setFocus()
    qtbot.keyClicks(composer, "line one")
    qtbot.keyClick(composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(composer, "line two")
    assert composer.toPlainText() == "line one\nline two"
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert chat.server.requests[-1].json()["messages"][-1]["content"] == "line one\nline two"
    assert composer.toPlainText() == ""


@pytest.mark.parametrize(
    "fault, action_text",
    [
        ("wai_auth_10000_401", "Open endpoint settings"),
        ("wai_context_3030_400", "Start a new chat"),
        ("wai_daily_limit_4006_429", "Retry"),
        ("wai_server_500_envelope", "Retry"),
        ("wai_stream_cut_no_done", "Retry"),
    ],
)
def test_errors_show_on_the_reply_with_their_action(
    workers_chat: ChatHarness, qtbot: QtBot, fault: str, action_text: str
) -> None:
    chat = workers_chat
    spec = FAULTS_BY_NAME[fault]
    for _ in range(3):  # retryable faults are retried: fail every attempt
        spec.install(chat.server)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("hello")
    reply = reply_of(chat)
    assert reply.state is MessageState.FAILED and reply.failure is not None
    assert reply.failure.category is ErrorCategory(spec.expect_category)
    shown = chat.view.plain_text()
    assert reply.failure.message in shown and action_text in shown
    assert "{" not in reply.failure.message and TOKEN not in shown
    if spec.partial_text:
        assert spec.partial_text in shown


def test_retry_replaces_the_failed_reply(workers_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = workers_chat
    FAULTS_BY_NAME["wai_stream_cut_no_done"].install(chat.server)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("hello")
    assert reply_of(chat).state is MessageState.FAILED
    failed_index = len(chat.controller.session.path()) - 1
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.view.action_requested.emit(MessageAction.REGENERATE, failed_index)
    messages = chat.controller.session.path()
    assert [m.role for m in messages] == [Role.USER, Role.ASSISTANT]
    assert messages[-1].state is MessageState.DONE and messages[-1].text == "Hello, world!"


def test_reply_cut_by_max_tokens_says_so_and_continue_extends_it(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    chat.server.queue(
        "POST",
        "/chat/completions",
        Reply(body=openai_stream(["One", " two"], finish_reason="length")),
    )
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("count")
    reply = reply_of(chat)
    assert reply.cut_by_limit and "reached the max_tokens limit" in chat.view.plain_text()
    assert "Continue" in chat.view.plain_text()
    chat.server.queue(
        "POST", "/completions", Reply(body=openai_stream([" three", "."], completions=True))
    )
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.view.action_requested.emit(MessageAction.CONTINUE, 1)
    assert reply.text == "One two three." and reply.state is MessageState.DONE
    raw = chat.server.requests[-1].json()["prompt"]
    assert raw.endswith("<|start_header_id|>assistant<|end_header_id|>\n\nOne two")
    assert len(chat.controller.session.path()) == 2


def test_invalid_request_sends_nothing_and_keeps_the_message(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    chat.window.params_panel.mode.setCurrentIndex(
        chat.window.params_panel.mode.findData("unscoped")
    )
    chat.send("   ")
    assert chat.server.requests == [] and not chat.controller.chat.busy
    chat.window.composer.setPlainText("keep me")
    chat.window.params_panel._boxes["top_k"].setValue(7)  # valid; then send works
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.window.send_button.click()
    body = chat.server.requests[-1].json()
    assert body["prompt"] == "keep me" and body["top_k"] == 7


def test_objects_have_stable_names_and_accessible_names(workers_chat: ChatHarness) -> None:
    from PySide6.QtWidgets import QWidget

    w = chat_window = workers_chat.window
    for name in (
        "composer",
        "sendButton",
        "stopButton",
        "conversationView",
        "systemPromptEditor",
        "profileSelector",
    ):
        widget = chat_window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName() and widget.toolTip(), name
    assert w.profile_selector.currentText() == "Cloudflare Workers AI"


def test_every_control_has_a_name_and_a_tooltip(workers_chat: ChatHarness) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)
    missing = []
    from PySide6.QtWidgets import QWidget

    widgets = [
        w
        for w in workers_chat.window.findChildren(QWidget)
        if isinstance(w, kinds) and not w.objectName().startswith("qt_")
    ]  # Qt's own
    assert len(widgets) > 15
    for widget in widgets:
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue  # the editor inside a spin box or combo box: its owner carries the name
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text) or not widget.toolTip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    assert not missing, missing


def test_tab_reaches_every_part_of_the_window(workers_chat: ChatHarness, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    w = workers_chat.window
    w.activateWindow()
    w.composer.setFocus()
    qtbot.waitUntil(w.composer.hasFocus, timeout=2000)
    seen: list[str] = []
    for _ in range(40):
        focused = QApplication.focusWidget()
        assert focused is not None
        seen.append(focused.objectName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    for name in (
        "composer",
        "sendButton",
        "systemPromptEditor",
        "profileSelector",
        "param_temperature",
        "resetParams",
        "conversationView",
    ):
        assert any(name in s for s in seen), (name, seen)


def test_unusable_ca_bundle_fails_the_reply_with_the_fix(
    qtbot: QtBot, aio_loop: object, loopback: object, tmp_path: object
) -> None:
    from dataclasses import replace
    from pathlib import Path

    from app.core.profiles import local_profile
    from tests.ui.conftest import session_profile

    assert isinstance(tmp_path, Path)
    profile = replace(
        session_profile(local_profile("http://127.0.0.1:9/v1")),
        ca_bundle=str(tmp_path / "missing.pem"),
    )
    chat = ChatHarness(qtbot, aio_loop, loopback, profile)  # type: ignore[arg-type]
    try:
        with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
            chat.send("hi")
        reply = reply_of(chat)
        assert reply.failure is not None and "CA bundle" in reply.failure.message
        assert "Open endpoint settings" in chat.view.plain_text()
    finally:
        chat.close()


def test_a_streamed_list_stays_one_list_without_a_blank_line(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    text = "Steps:\n\n1. first\n2. second\n3. third\n\nDone."
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    chat.server.queue(
        "POST", NATIVE, Reply(body=split_events(workers_ai_stream(pieces)), chunk_delay_s=0.003)
    )
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("list please")
    doc = chat.view.document()
    block, lists, lines = doc.begin(), set(), []
    while block.isValid():
        if block.textList() is not None:
            lists.add(block.textList().item(0).blockNumber())  # wrappers differ; lists do not
        lines.append(block.text())
        block = block.next()
    assert len(lists) == 1  # one list, numbered 1-3, not restarted
    at = lines.index("first")
    assert lines[at - 1].strip() == "Steps:", lines[at - 3 : at + 1]  # no blank line between


def test_while_nothing_has_arrived_the_wait_is_in_sight_and_counted(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    long_answer = [f"Line {n} of a long answer.\n\n" for n in range(80)]
    chat.server.queue("POST", "/chat/completions", Reply(body=openai_stream(long_answer)))
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("Tell me a lot")
    bar = chat.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)  # the user scrolled back to read the start
    chat.controller.display.waiting_timer.setInterval(10)
    silent = Reply(body=[b": the server says nothing yet\n\n"], stall_after=1)
    chat.server.queue("POST", "/chat/completions", silent)
    chat.send("And now?")
    status = chat.window.status_label
    qtbot.waitUntil(lambda: "Waiting for the answer" in status.text(), timeout=2000)
    assert "Esc stops" in status.text()
    # The "…" of the coming answer is on screen, also once the status line took its room.
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=2000)
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.window.stop_button.click()
    assert "Waiting" not in status.text()


def test_stop_in_the_same_turn_as_send_ends_the_reply_and_the_chat_goes_on(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    """Enter then Esc at once: the task is cancelled before it ever ran, and still ends."""
    chat = local_chat
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("hello")
        chat.controller.chat.stop()  # before the loop ran the reply's task at all
    reply = reply_of(chat)
    assert reply.state is MessageState.STOPPED and not chat.controller.chat.busy
    assert chat.window.send_button.isVisible()
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("again")
    assert reply_of(chat).state is MessageState.DONE


def test_new_chat_asked_twice_while_a_reply_stops_opens_one_chat(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = local_chat
    chat.server.queue("POST", "/chat/completions", Reply(body=[b": wait\n\n"], stall_after=1))
    chat.send("tell me")
    qtbot.waitUntil(lambda: any(r.method == "POST" for r in chat.server.requests), timeout=5000)
    started: list[bool] = []
    chat.controller.new_chat_started.connect(lambda: started.append(True))
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.window.new_chat_requested.emit()
        chat.window.new_chat_requested.emit()
    qtbot.waitUntil(lambda: bool(started), timeout=2000)
    assert started == [True] and chat.controller.session.path() == []
