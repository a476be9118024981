"""The real window against a server that echoes its key everywhere: the screen, the history
database and both exports hold no part of it; URLs with a password are refused at setup."""

from __future__ import annotations

import base64
import json
import sqlite3
import zlib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.profiles import EndpointKind, EndpointProfile, ProfileError
from app.core.secrets import MASK
from tests.loopback import LoopbackServer, Reply, openai_error, openai_stream, split_events
from tests.ui.conftest import AppFactory
from tests.ui.test_history_files import picking
from tests.ui.test_history_window import send

SECRET = "sk-window-echo-4f8a2c6e9b1d3057"
PASSWORD = "pw-Zq8xK2mN4"


def pieces_of(secret: str) -> list[str]:
    return [secret[i:j] for i in range(len(secret)) for j in range(i + 6, len(secret) + 1)]


def assert_nothing_of(secret: str, text: str, where: str) -> None:
    for piece in pieces_of(secret):
        assert piece not in text, f"{piece!r} of the key is in {where}"


def test_an_echoed_key_reaches_neither_screen_nor_history_nor_exports(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)  # the command-line endpoint reads it
    loopback.model_ids = [f"model-{SECRET}"]  # listed back as the model id
    reply = f"The key you sent is {SECRET}, as asked."
    start = reply.index(SECRET)
    cuts = [start, start + 1, start + len(SECRET) // 2, start + len(SECRET) - 1]
    for cut in cuts:  # one turn per cut, the key split across two deltas there
        tokens = [reply[:cut], reply[cut:]]
        stream = openai_stream(tokens, model=f"model-{SECRET}")  # the answer names it too
        loopback.queue("POST", "/chat/completions", Reply(body=split_events(stream)))
    words = ("the server could not " * 20)[:290]
    failure = openai_error("openai", 400, f"{words} {SECRET} was refused")  # across the cut
    loopback.queue("POST", "/chat/completions", Reply.json(failure, 400))

    app = app_factory("--backend", "openai", "--base-url", f"{loopback.url}/v1", show=True)
    for turn in range(len(cuts) + 1):
        send(app, qtbot, f"turn {turn}")
    messages = app.controller.session.path()
    assert [m.text for m in messages[1:-1:2]] == [reply.replace(SECRET, MASK)] * len(cuts)
    assert {m.model for m in messages[1::2]} == {f"model-{MASK}"}
    last = messages[-1].failure
    assert last is not None and "The server refused the request" in last.message
    # The server was sent the id it listed, and the key only in the header.
    assert loopback.requests[-1].json()["model"] == f"model-{SECRET}"
    assert loopback.requests[-1].header("authorization") == f"Bearer {SECRET}"

    assert_nothing_of(SECRET, app.window.conversation_view.plain_text(), "the conversation")
    assert_nothing_of(SECRET, app.window.status_label.text(), "the status line")
    out = tmp_path / "exports"
    out.mkdir()
    picking(app, out / "chat.md", out / "chat.json")
    app.window.file_action_requested.emit("export-markdown")
    app.window.file_action_requested.emit("export-json")
    exported = json.loads((out / "chat.json").read_text())
    assert exported["messages"][1]["text"] == reply.replace(SECRET, MASK)
    for path in sorted(tmp_path.rglob("*")):  # the history database (and its WAL), exports
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert_nothing_of(SECRET, text, str(path.relative_to(tmp_path)))
    # Request bodies are kept and exported compressed: what they hold, uncompressed, too.
    bodies = [
        zlib.decompress(base64.b64decode(m["provenance"]["request"]["body"]))
        for m in exported["messages"]
        if m["provenance"] and m["provenance"]["request"]
    ]
    conn = sqlite3.connect(app.history.store.path)
    try:
        rows = conn.execute("SELECT request_body FROM messages WHERE request_body IS NOT NULL")
        bodies += [zlib.decompress(row[0]) for row in rows.fetchall()]
    finally:
        conn.close()
    assert len(bodies) == 2 * (len(cuts) + 1)
    for body in bodies:
        assert b"model-\xe2\x80\xa2" in body  # the listed id, masked
        assert_nothing_of(SECRET, body.decode(), "a request body")


@pytest.mark.parametrize(
    "typed",
    [
        f"http://admin:{PASSWORD}@127.0.0.1:8000",
        f"http://{PASSWORD}@127.0.0.1:8000/v1",
        f"https://:{PASSWORD}@gpu.example:8443/v1/chat/completions",
    ],
)
def test_a_server_address_with_a_password_is_refused_without_repeating_it(typed: str) -> None:
    draft = EndpointProfile("id", "GPU", EndpointKind.LOCAL, base_url=typed)
    with pytest.raises(ProfileError) as refused:
        draft.validated()
    assert refused.value.field == "base_url"
    assert "user name or password" in refused.value.message
    assert PASSWORD not in refused.value.message and "admin" not in refused.value.message


def test_the_endpoint_form_hint_does_not_show_the_password(
    app_factory: AppFactory, qtbot: QtBot
) -> None:
    from app.ui.endpoints.endpoint_form import EndpointForm
    from app.ui.style import LIGHT_STYLE

    form = EndpointForm(LIGHT_STYLE)
    qtbot.addWidget(form)
    form.base_url.setText(f"http://admin:{PASSWORD}@127.0.0.1:8000")
    hint = form.boxes["base_url"].hint.text()
    assert "user name or password" in hint and PASSWORD not in hint
