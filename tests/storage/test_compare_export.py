"""One compare exported to Markdown and JSON: each pane's settings, endpoint, provenance; no token."""

from __future__ import annotations

import base64
import json
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.chat_settings import ChatSettings
from app.core.compare import SAME_SEED_DIFFERENT_TEXT
from app.core.params import SamplingParams
from app.core.reply import ReplyRecorder
from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig
from app.storage.history.compare_export import (
    FORMAT,
    compare_data,
    compare_json,
    compare_markdown,
)
from app.storage.history.export import (
    LEFT_OUT_FOR_SIZE,
    HistoryImportError,
    import_conversation,
    import_file,
)
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore
from tests.loopback import wire
from tests.storage.compare_helpers import (
    CLOUD,
    LOCAL,
    LOCAL_URL,
    SETTINGS,
    body,
    finish,
    recorded_compare,
)

TOKEN = "cf-secret-token-0123456789"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db", flush_interval_s=0.01)
    yield opened
    opened.close()


def test_json_holds_each_pane_s_settings_endpoint_messages_and_provenance(
    store: HistoryStore,
) -> None:
    compare = recorded_compare(store, "Sky")
    assert compare.compare_id is not None
    data = json.loads(compare_json(store, compare.compare_id))
    assert (data["format"], data["version"], data["title"]) == (FORMAT, 1, "Sky")
    assert [p["pane"] for p in data["panes"]] == [0, 1]
    cloud, local = data["panes"]
    assert cloud["endpoint"] == {
        "profile_id": "cloud",
        "name": CLOUD.name,
        "host": CLOUD.host,
        "dialect": CLOUD.dialect,
        "model": None,
    }
    assert local["endpoint"]["name"] == LOCAL.name and local["endpoint"]["profile_id"] == "local"
    chat = cloud["conversation"]
    assert chat["system_prompt"] == "Be brief." and chat["profile_id"] == "cloud"
    assert chat["params"] == {"seed": 11, "temperature": 0.2}
    assert local["conversation"]["params"] == {"max_tokens": 300}
    question, reply = chat["messages"]
    assert question["text"] == "Why is the sky blue?" and reply["text"] == "Rayleigh scattering."
    provenance = reply["provenance"]
    assert provenance["endpoint"]["name"] == CLOUD.name and provenance["request_id"] == "req-1"
    packed = base64.b64decode(provenance["request"]["body"])
    assert zlib.decompress(packed) == body(0, "Why is the sky blue?")
    assert data["notes"] == []


def test_a_pane_read_out_of_the_file_imports_as_a_chat(store: HistoryStore, tmp_path: Path) -> None:
    compare = recorded_compare(store)
    assert compare.compare_id is not None
    data = compare_data(store, compare.compare_id)
    record = import_conversation(store, data["panes"][1]["conversation"])
    assert record.settings == SETTINGS[1] and record.compare_of is None
    session = store.load_session(record.id)
    assert [m.text for m in session.path()] == ["Why is the sky blue?", "Because of air."]
    assert store.sent_request(session.path()[1].id or 0).body == body(1, "Why is the sky blue?")
    # The whole file is for reading: importing it says what to do instead.
    path = tmp_path / "compare.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(HistoryImportError, match=r"compare export.*panes"):
        import_file(store, path)
    assert store.conversation_count() == 2


def test_a_pane_without_a_reply_is_named_by_its_profile(store: HistoryStore) -> None:
    compare = store.new_compare([ChatSettings(profile_id="cloud"), ChatSettings()])
    assert compare.compare_id is not None
    endpoints = {"cloud": CLOUD}
    data = compare_data(store, compare.compare_id, endpoints)
    assert data["panes"][0]["endpoint"]["name"] == CLOUD.name
    assert data["panes"][1]["endpoint"]["name"] is None
    text = compare_markdown(store, compare.compare_id, endpoints)
    assert f"## Pane 1: {CLOUD.name} ({CLOUD.host}, {CLOUD.dialect})" in text
    assert "## Pane 2: endpoint not known" in text


def test_markdown_shows_each_pane_s_settings_replies_and_where_they_came_from(
    store: HistoryStore,
) -> None:
    compare = recorded_compare(store, "Sky")
    assert compare.compare_id is not None
    text = compare_markdown(store, compare.compare_id)
    assert text.startswith("# Sky\n") and "A compare of 2 panes" in text
    pane1, pane2 = text.split("## Pane 2")
    assert f"## Pane 1: {CLOUD.name} ({CLOUD.host}, {CLOUD.dialect})" in pane1
    assert "profile `cloud`" in pane1 and "temperature = 0.2, seed = 11" in pane1
    assert "> Be brief." in pane1 and "Rayleigh scattering." in pane1
    reply = compare.panes[0].path()[-1]
    assert reply.provenance is not None and reply.provenance.request is not None
    assert f"Request {reply.provenance.request.sha256[:12]}" in pane1
    assert "server id req-1" in pane1
    assert LOCAL.name in pane2 and "max_tokens = 300" in pane2 and "Because of air." in pane2
    assert "Rayleigh" not in pane2


def test_same_seed_with_different_text_is_noted_in_both_exports(store: HistoryStore) -> None:
    seeded = ChatSettings(params=SamplingParams(seed=42))
    compare = store.new_compare([seeded, seeded])
    assert compare.compare_id is not None
    same = json.dumps({"messages": [], "seed": 42}).encode()
    for pane, answer in zip(compare.panes, ["Blue.", "Azure."], strict=True):
        recorder = SessionRecorder(store, on_error=pytest.fail)
        recorder.attach(pane)
        finish(pane, pane.send("Colour?"), answer, LOCAL_URL, same, LOCAL)
        recorder.detach()
    notes = compare_data(store, compare.compare_id)["notes"]
    assert notes == [f"Panes 1 and 2: {SAME_SEED_DIFFERENT_TEXT} (42)."]
    text = compare_markdown(store, compare.compare_id)
    assert f"- {notes[0]}" in text and "seed 42" in text


def test_bodies_share_the_size_limit_between_panes(store: HistoryStore) -> None:
    compare = recorded_compare(store)
    assert compare.compare_id is not None
    data = compare_data(store, compare.compare_id, max_bytes=2_000)
    for pane in data["panes"]:
        request = pane["conversation"]["messages"][1]["provenance"]["request"]
        assert request["body"] is None and request["body_left_out"] == LEFT_OUT_FOR_SIZE


def test_a_damaged_pane_row_still_exports(store: HistoryStore) -> None:
    compare = recorded_compare(store)
    assert compare.compare_id is not None
    conn = sqlite3.connect(store.path)
    try:
        conn.execute("UPDATE messages SET provenance = '{not json' WHERE role = 'assistant'")
        conn.execute("UPDATE conversations SET params = '[' WHERE compare_of IS NOT NULL")
        conn.commit()
    finally:
        conn.close()
    data = compare_data(store, compare.compare_id)
    assert [p["conversation"]["messages"][1]["provenance"] for p in data["panes"]] == [None, None]
    assert data["panes"][0]["conversation"]["params"] == {}
    assert data["panes"][0]["endpoint"]["name"] is None  # no reply says where it came from
    assert "Rayleigh scattering." in compare_markdown(store, compare.compare_id)


@pytest.mark.asyncio
async def test_no_export_holds_the_token_a_pane_was_asked_with(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        headers = {"content-type": "text/event-stream", "cf-ray": f"ray-{TOKEN}"}
        return httpx.Response(200, headers=headers, content=wire.workers_ai_stream(["Hi"]))

    client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    backend = WorkersAIBackend(client, WorkersAIConfig("acc", TOKEN))
    compare = store.new_compare(SETTINGS)
    assert compare.compare_id is not None
    for pane in compare.panes:
        recorder = SessionRecorder(store, on_error=pytest.fail)
        recorder.attach(pane)
        turn = pane.send("question")
        assert turn.request is not None
        reply = ReplyRecorder()
        async for event in backend.stream(turn.request):
            reply.feed(event)
        pane.finish_turn(turn, reply, CLOUD)
        recorder.detach()
    await client.aclose()
    assert len(seen) == 2 and seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    exports: list[Any] = [
        compare_json(store, compare.compare_id),
        compare_markdown(store, compare.compare_id),
    ]
    for text in exports:
        assert TOKEN not in text and "ray-••••" in text
    for pane in json.loads(exports[0])["panes"]:
        request = pane["conversation"]["messages"][1]["provenance"]["request"]
        assert TOKEN.encode() not in zlib.decompress(base64.b64decode(request["body"]))
