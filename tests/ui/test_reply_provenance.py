"""The real window against the loopback server: Details, Replay (byte-identical, the server
compares), reproducible seeds, provenance kept in the history, Compare replies."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.message import ChatMessage, MessageState
from app.core.params import SamplingParams
from app.core.provenance import MAX_REQUEST_ID_CHARS, StoredRequest, stored_form
from app.ui.composition_root import Application
from app.ui.replies.compare_dialog import CompareRepliesDialog
from app.ui.replies.details_dialog import ReplyDetailsDialog
from tests.loopback import LoopbackServer, Reply, openai_stream, split_events, unreachable_url
from tests.ui.conftest import AppFactory, ChatHarness
from tests.ui.test_history_files import picking
from tests.ui.test_history_window import AppMaker, close, send

CHAT = "/chat/completions"


def answer(*tokens: str, request_id: str | None = None, model: str = "m") -> Reply:
    headers = {"x-request-id": request_id} if request_id is not None else {}
    return Reply(body=split_events(openai_stream(list(tokens), model=model)), headers=headers)


def last_reply(app: Application) -> ChatMessage:
    return app.controller.session.path()[-1]


def act(app: Application, action: MessageAction, index: int | None = None) -> None:
    at = len(app.controller.session.path()) - 1 if index is None else index
    app.window.conversation_view.action_requested.emit(action, at)


def open_details(app: Application, qtbot: QtBot) -> ReplyDetailsDialog:
    act(app, MessageAction.DETAILS)
    dialog = app.controller.replies.details
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def chat_posts(server: LoopbackServer) -> list[bytes]:
    return [r.body for r in server.requests if r.url_path.endswith(CHAT)]


def test_details_show_the_reply_s_provenance_and_replay_sends_the_very_same_bytes(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    loopback.queue("POST", CHAT, answer("First", " answer", request_id="req-7f3a-91"))
    loopback.queue("POST", CHAT, answer("Second", " answer"))
    app = make_app()
    app.window.params_panel._boxes["temperature"].setValue(0.3)
    send(app, qtbot, "Tell me about llamas")
    view = app.window.conversation_view
    assert "Replay" in view.plain_text() and "Details" in view.plain_text()
    assert "Compare replies" not in view.plain_text()  # one version: nothing to compare

    dialog = open_details(app, qtbot)
    [first_body] = chat_posts(loopback)
    assert dialog.value("Endpoint") == "Command line (local)"
    assert dialog.value("Host") == f"127.0.0.1:{loopback.port}"
    assert dialog.value("Dialect") == "OpenAI-compatible"
    assert dialog.value("Model as served") == "m"
    assert dialog.value("Prompt version") == "none (not a library prompt)"
    assert dialog.value("temperature") == "0.3" and dialog.value("max_tokens") == "1024"
    assert dialog.value("Seed") == "none sent (the server chose its own)"
    assert dialog.value("SHA-256") == hashlib.sha256(first_body).hexdigest()
    assert dialog.value("Request ID") == "req-7f3a-91"
    assert dialog.value("Finish reason") == "stop"
    assert dialog.value("Usage").endswith("tokens") and dialog.value("Tokens/s") != "not recorded"
    assert dialog.value("Time to first token").endswith(" s")
    assert dialog.value("Address") == f"{loopback.url}/v1/chat/completions"
    for label, widget in dialog.values.items():  # every row can be found by its name
        assert widget.accessibleName() == label
    assert "Tell me about llamas" in dialog.body_view.toPlainText()
    assert '\n  "messages"' in dialog.body_view.toPlainText()  # indented for reading

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text().encode() == first_body  # exact, not indented
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        dialog.replay_button.click()
    assert app.controller.replies.details is None  # it closed: the new version streams in view
    first_sent, replayed = chat_posts(loopback)
    assert replayed == first_sent  # the server got the very same bytes
    reply = last_reply(app)
    assert reply.text == "Second answer" and "‹ 2/2 ›" in view.plain_text()
    first = app.controller.session.versions(reply)[0]
    assert reply.provenance is not None and reply.provenance.replay_of == first.id
    assert "Compare replies" in view.plain_text()
    again = open_details(app, qtbot)
    assert again.value("Replay of") == "version 1 of this reply"
    assert again.value("Request ID") == "none (the server sent no request id)"
    assert again.windowTitle() == "Reply details (version 2 of 2)"


def test_replay_from_the_footer_streams_a_new_version_like_regenerate(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    loopback.queue("POST", CHAT, answer("One"), answer("Two"))
    app = make_app()
    send(app, qtbot, "Count")
    app.window.params_panel._boxes["temperature"].setValue(1.5)  # changed since: not sent
    with qtbot.waitSignal(app.controller.chat.reply_started, timeout=5000):
        act(app, MessageAction.REPLAY)
    assert app.window.stop_button.isVisible()  # it streams live
    qtbot.waitUntil(lambda: last_reply(app).state is MessageState.DONE, timeout=5000)
    first, second = chat_posts(loopback)
    assert first == second and b"1.5" not in second


def test_a_reproducible_chat_sends_a_fresh_recorded_seed_with_every_request(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    switch = app.window.params_panel.reproducible
    assert switch.toolTip() and "seed" in switch.toolTip() and switch.accessibleName()
    switch.click()
    assert app.controller.session.settings.reproducible
    send(app, qtbot, "Roll a die")
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        act(app, MessageAction.REGENERATE)
    seeds = [json.loads(body)["seed"] for body in chat_posts(loopback)]
    assert len(set(seeds)) == 2 and all(isinstance(s, int) and s > 0 for s in seeds)
    dialog = open_details(app, qtbot)
    assert dialog.value("Seed") == f"{seeds[1]} (random, made because the chat is reproducible)"
    dialog.close()
    app.window.params_panel._boxes["seed"].setValue(77)  # a seed set: that one is sent
    send(app, qtbot, "Again")
    assert json.loads(chat_posts(loopback)[-1])["seed"] == 77
    assert open_details(app, qtbot).value("Seed") == "77"
    switch.click()
    app.window.params_panel._boxes["seed"].setValue(0)  # back to unset
    send(app, qtbot, "And once more")
    assert "seed" not in json.loads(chat_posts(loopback)[-1])


def test_provenance_survives_closing_and_reopening_the_history(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    loopback.queue("POST", CHAT, answer("Kept", request_id="cf-1234"))
    app = make_app()
    app.window.params_panel.reproducible.click()
    send(app, qtbot, "Remember me")
    before = last_reply(app).provenance
    close(app, aio_loop, qtbot)

    again = make_app()
    assert not again.window.params_panel.reproducible.isChecked()  # a new chat: the default
    again.history.open_conversation(again.history.model.summary(0).id)
    assert again.window.params_panel.reproducible.isChecked()  # the chat's own switch
    reply = last_reply(again)
    assert before is not None and before.request is not None
    # Read back with a mark of its request, not the bytes: Details reads them when it opens.
    assert reply.provenance == replace(before, request=stored_form(before.request))
    assert isinstance(reply.provenance.request, StoredRequest) and reply.provenance.reproducible
    dialog = open_details(again, qtbot)
    seed = json.loads(chat_posts(loopback)[0])["seed"]
    assert dialog.value("Seed") == f"{seed} (random, made because the chat is reproducible)"
    assert dialog.body_view.toPlainText().startswith("{")
    assert dialog.value("Request ID") == "cf-1234"
    assert dialog.value("SHA-256") == hashlib.sha256(chat_posts(loopback)[0]).hexdigest()
    with qtbot.waitSignal(again.controller.chat.reply_ended, timeout=5000):
        dialog.replay_button.click()  # a reopened reply replays as well, its seed the same
    assert chat_posts(loopback)[0] == chat_posts(loopback)[1]


def test_a_reopened_reply_whose_body_is_damaged_says_so_and_the_rest_is_shown(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    loopback.queue("POST", CHAT, answer("Kept", request_id="cf-9"))
    app = make_app()
    send(app, qtbot, "Remember me")
    reply_id = last_reply(app).id
    path = app.history.store.path
    close(app, aio_loop, qtbot)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE messages SET request_body = ? WHERE id = ?", (b"junk", reply_id))
    conn.commit()
    conn.close()

    again = make_app()
    again.history.open_conversation(again.history.model.summary(0).id)
    dialog = open_details(again, qtbot)
    assert dialog.value("Request ID") == "cf-9"
    assert dialog.value("SHA-256") == hashlib.sha256(chat_posts(loopback)[0]).hexdigest()
    assert dialog.value("Seed") == "not known: The request body in the history is damaged."
    assert dialog.body_note.text() == "The request body in the history is damaged."
    assert not dialog.copy_button.isEnabled()
    dialog.replay_button.click()
    assert "So it cannot be replayed" in again.window.status_label.text()
    assert len(chat_posts(loopback)) == 1  # nothing was sent


def test_details_name_the_model_the_server_says_answered(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    loopback.queue("POST", CHAT, answer("Hi", model="meta-llama/Llama-3.1-8B-Instruct-FP8"))
    app = make_app()
    send(app, qtbot, "Hello")
    assert json.loads(chat_posts(loopback)[0])["model"] == "m"  # asked for by its alias
    dialog = open_details(app, qtbot)
    assert dialog.value("Model as served") == "meta-llama/Llama-3.1-8B-Instruct-FP8"


def test_an_old_reply_says_not_recorded_and_offers_no_replay(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    send(app, qtbot, "Hello")
    last_reply(app).provenance = None  # as a reply from before this version
    app.window.conversation_view.show_messages(app.controller.session.path())
    assert "Replay" not in app.window.conversation_view.plain_text()
    dialog = open_details(app, qtbot)
    for label in ("Endpoint", "Host", "Prompt version", "Seed", "SHA-256", "Request ID"):
        assert dialog.value(label) == "not recorded", label
    assert dialog.value("Model as served") == "m"  # what the reply itself kept
    assert not dialog.replay_button.isEnabled() and not dialog.copy_button.isEnabled()
    act(app, MessageAction.REPLAY)
    assert "cannot be replayed" in app.window.status_label.text()
    assert len(app.controller.session.path()) == 2


def test_compare_replies_shows_the_differences_and_whether_the_body_was_identical(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    loopback.queue(
        "POST",
        CHAT,
        answer("The llama is a calm animal"),
        answer("The llama is a curious animal"),
        answer("A llama is calm"),
    )
    app = make_app()
    app.window.params_panel._boxes["seed"].setValue(7)
    send(app, qtbot, "Describe a llama")
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        act(app, MessageAction.REPLAY)
    act(app, MessageAction.COMPARE)
    dialog = app.controller.replies.compare
    assert isinstance(dialog, CompareRepliesDialog)
    qtbot.waitUntil(dialog.isVisible)
    line = dialog.request_sentence
    assert line.startswith("Same seed (7) and identical request body")
    diff = dialog.diff_view.diff
    assert diff is not None and not diff.identical
    assert "curious" in dialog.diff_view.new_browser.toHtml()
    assert "text-decoration:underline" in dialog.diff_view.new_browser.toHtml().replace(" ", "")
    assert "1 words added, 1 removed" in dialog.diff_view.summary.text()
    dialog.close()

    app.window.params_panel._boxes["temperature"].setValue(0.9)
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        act(app, MessageAction.REGENERATE)
    act(app, MessageAction.COMPARE)
    dialog = app.controller.replies.compare
    assert dialog is not None and dialog.left_choice.count() == 3
    assert (dialog.left_choice.currentIndex(), dialog.right_choice.currentIndex()) == (1, 2)
    assert dialog.request_sentence == (
        "Same seed (7), but the request bodies differ; parameters that differ: "
        "temperature unset → 0.9."
    )
    dialog.choose(0, 1)  # any two versions: back to the replay pair
    assert dialog.request_sentence.startswith("Same seed (7) and identical request body")
    dialog.choose(2, 2)
    assert "Both sides show version 3" in dialog.request_sentence


def test_a_hostile_request_id_is_shown_bounded_and_clean(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    # Latin-1 on the wire: C1 controls (CSI, NEL) and a long tail, as a hostile proxy may send.
    hostile = "id\x9b31m\x85-" + "z" * 6000
    loopback.queue("POST", CHAT, answer("Hi", request_id=hostile))
    app = make_app()
    send(app, qtbot, "Hello")
    shown = open_details(app, qtbot).value("Request ID")
    assert shown.startswith("id31m-zzz") and len(shown) == MAX_REQUEST_ID_CHARS
    assert all(ch.isprintable() for ch in shown)


def test_replay_after_the_endpoint_moved_is_refused_with_a_plain_message(
    local_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat, server = local_chat, local_chat.server
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.send("Hello")
    profile = chat.controller.active_profile()
    assert profile is not None
    moved = replace(profile, base_url=unreachable_url() + "/v1")
    chat.controller.set_profiles([moved], moved.id, make_default=True)
    posts = len(chat_posts(server))
    with qtbot.waitSignal(chat.controller.chat.reply_ended, timeout=5000):
        chat.view.action_requested.emit(MessageAction.REPLAY, 1)
    reply = chat.controller.session.path()[-1]
    assert reply.failed and reply.failure is not None
    assert "was not sent again" in reply.failure.message
    assert f"127.0.0.1:{server.port}" in reply.failure.message
    assert "set the endpoint back" in reply.failure.message
    assert len(chat_posts(server)) == posts  # nothing was sent anywhere
    assert "Open endpoint settings" in chat.view.plain_text()


def test_an_exported_chat_carries_provenance_and_no_token(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = "sk-provenance-test-5e1d9c0b7a"
    monkeypatch.setenv("OPENAI_API_KEY", token)
    loopback.queue("POST", CHAT, answer("Hi", request_id="rid-1"))
    app = app_factory(
        "--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m", show=True
    )
    app.controller.session.update_settings(params=SamplingParams(seed=3))
    send(app, qtbot, "Hello")
    assert loopback.requests[-1].header("authorization") == f"Bearer {token}"
    out = tmp_path / "chat.json"
    picking(app, out)
    app.window.file_action_requested.emit("export-json")
    text = out.read_text()
    assert token not in text
    request = json.loads(text)["messages"][1]["provenance"]["request"]
    assert request["body_encoding"] == "zlib+base64"
    assert zlib.decompress(base64.b64decode(request["body"])) == chat_posts(loopback)[0]
    assert request["sha256"] == hashlib.sha256(chat_posts(loopback)[0]).hexdigest()


def focus_composer(app: Application, qtbot: QtBot) -> None:
    """Window shortcuts reach an active window only (a closed dialog leaves none active)."""
    app.window.activateWindow()
    app.window.composer.setFocus()
    qtbot.waitUntil(app.window.composer.hasFocus, timeout=2000)


def test_the_last_reply_s_tools_have_keys_and_are_dialogs_of_the_window(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    composer = app.window.composer
    focus_composer(app, qtbot)
    qtbot.keyClick(composer, Qt.Key.Key_I, keys)  # nothing to show yet: said, not a crash
    assert "no reply in this chat yet" in app.window.status_label.text()
    send(app, qtbot, "Hello")
    qtbot.keyClick(composer, Qt.Key.Key_I, keys)
    dialog = app.controller.replies.details
    assert isinstance(dialog, QDialog) and dialog.parent() is app.window
    qtbot.waitUntil(dialog.isVisible)
    dialog.close()
    focus_composer(app, qtbot)
    qtbot.keyClick(composer, Qt.Key.Key_C, keys)  # only one version
    assert "no other version" in app.window.status_label.text()
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        qtbot.keyClick(composer, Qt.Key.Key_R, keys)
    assert len(chat_posts(loopback)) == 2 and chat_posts(loopback)[0] == chat_posts(loopback)[1]
    focus_composer(app, qtbot)
    qtbot.keyClick(composer, Qt.Key.Key_C, keys)
    compare = app.controller.replies.compare
    assert compare is not None and compare.parent() is app.window
    qtbot.waitUntil(compare.isVisible)
