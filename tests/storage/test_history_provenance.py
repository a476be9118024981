"""Each reply's provenance in the history and in JSON exports: kept, read back, never a token."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.chat_settings import ChatSettings
from app.core.events import Finished, FinishReason, RequestSent, ResponseStarted, TextDelta
from app.core.message import ChatMessage
from app.core.params import SamplingParams
from app.core.prompts.variables import VariableSpec
from app.core.provenance import EndpointInfo, PromptUse, Provenance, SentRequest
from app.core.reply import ReplyRecorder
from app.core.session import ChatSession, Turn
from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig
from app.storage.history.export import (
    HistoryImportError,
    conversation_json,
    import_conversation,
)
from app.storage.history.provenance_rows import (
    MAX_JSON_CHARS,
    decode_provenance,
    encode_provenance,
)
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore
from tests.loopback import wire

TOKEN = "cf-secret-token-0123456789"
ENDPOINT = EndpointInfo("Workers AI", "api.cloudflare.com", "workers-ai")
URL = "https://api.cloudflare.com/client/v4/accounts/acc/ai/run/@cf/meta/llama"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db", flush_interval_s=0.01)
    yield opened
    opened.close()


def finish(session: ChatSession, turn: Turn, text: str, sent: SentRequest) -> None:
    recorder = ReplyRecorder()
    recorder.feed(RequestSent(sent))
    recorder.feed(ResponseStarted(200, "8f00aa-AMS"))
    recorder.feed(TextDelta(text))
    session.append_text(turn.reply, text)
    recorder.feed(Finished(FinishReason.STOP))
    session.finish_turn(turn, recorder, ENDPOINT)


def recorded_chat(store: HistoryStore, body: bytes = b'{"seed":5,"messages":[]}') -> ChatSession:
    """A chat with a reply, and a replay of it, written through the session recorder."""
    settings = ChatSettings(
        system_prompt="Hi {{who}}",
        prompt_ref="3@2",
        variables=(VariableSpec("who"),),
        values=(("who", "Ada"),),
        reproducible=True,
    )
    session = ChatSession(settings)
    recorder = SessionRecorder(store, on_error=pytest.fail)
    recorder.attach(session)
    turn = session.send("question")
    finish(session, turn, "First", SentRequest(URL, body))
    replay = session.replay(turn.reply)
    assert replay.sent is not None
    finish(session, replay, "Second", replay.sent)
    recorder.detach()
    return session


def replies(session: ChatSession) -> list[ChatMessage]:
    return [m for m in session.messages() if m.provenance is not None]


def test_provenance_is_stored_when_a_reply_ends_and_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    store = HistoryStore.open(path, flush_interval_s=0.01)
    live = recorded_chat(store)
    assert live.conversation_id is not None
    store.close()
    store = HistoryStore.open(path)
    try:
        first, second = replies(store.load_session(live.conversation_id))
    finally:
        store.close()
    assert [first.provenance, second.provenance] == [m.provenance for m in replies(live)]
    assert first.provenance is not None and first.provenance.request is not None
    assert first.provenance.request.body == b'{"seed":5,"messages":[]}'
    assert first.provenance.request_id == "8f00aa-AMS"
    assert first.provenance.prompt == PromptUse("3@2", values=(("who", "Ada"),))
    assert first.provenance.endpoint == ENDPOINT and first.provenance.reproducible
    assert second.provenance is not None and second.provenance.replay_of == first.id
    assert second.provenance.request == first.provenance.request


def column(store: HistoryStore, sql: str, *args: Any) -> None:
    conn = sqlite3.connect(store.path)
    try:
        conn.execute(sql, args)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "damage",
    ["{not json", "[1, 2]", '{"v": 99}', '{"endpoint": 5}', "x" * (MAX_JSON_CHARS + 1)],
    ids=["broken", "a-list", "newer-version", "wrong-type", "huge"],
)
def test_a_damaged_provenance_column_reads_as_none(store: HistoryStore, damage: str) -> None:
    session = recorded_chat(store)
    first = replies(session)[0]
    column(store, "UPDATE messages SET provenance = ? WHERE id = ?", damage, first.id)
    assert session.conversation_id is not None
    loaded = store.load_session(session.conversation_id)
    again = loaded.find(first.id or 0)
    assert again is not None and again.provenance is None and again.text == "First"


def test_a_damaged_body_loses_only_the_request(store: HistoryStore) -> None:
    session = recorded_chat(store)
    first = replies(session)[0]
    column(store, "UPDATE messages SET request_body = ? WHERE id = ?", b"changed", first.id)
    assert session.conversation_id is not None
    again = store.load_session(session.conversation_id).find(first.id or 0)
    assert again is not None and again.provenance is not None
    assert again.provenance.request is None and again.provenance.request_id == "8f00aa-AMS"


def test_codec_round_trips_and_none_stays_none() -> None:
    provenance = Provenance(
        ENDPOINT, PromptUse("1@1", "Tutor", "staff", (("a", "b"),)), SentRequest(URL, b"\x00\xff")
    )
    assert decode_provenance(*encode_provenance(provenance)) == provenance
    assert encode_provenance(None) == (None, None)
    assert decode_provenance(None, None) is None


# -- exports ----------------------------------------------------------------------------------


def exported(store: HistoryStore, session: ChatSession) -> dict[str, Any]:
    assert session.conversation_id is not None
    return json.loads(json.dumps(conversation_json(store, session.conversation_id)))


def test_the_export_carries_each_reply_s_provenance_with_its_body_and_hash(
    store: HistoryStore,
) -> None:
    data = exported(store, recorded_chat(store))
    question, first, second = data["messages"]
    assert question["provenance"] is None
    request = first["provenance"]["request"]
    assert request == {
        "url": URL,
        "sha256": SentRequest(URL, b'{"seed":5,"messages":[]}').sha256,
        "body": '{"seed":5,"messages":[]}',
        "body_encoding": "text",
        "masked": False,
    }
    assert first["provenance"]["endpoint"] == {
        "name": "Workers AI",
        "host": "api.cloudflare.com",
        "dialect": "workers-ai",
    }
    assert second["provenance"]["replay_of"] == first["id"]  # numbered as in the file


def test_an_export_imports_back_byte_for_byte_with_replays_renumbered(store: HistoryStore) -> None:
    body = b'{"messages":[{"role":"user","content":"caf\xc3\xa9 \\u00e9"}],"seed":5}'
    data = exported(store, recorded_chat(store, body))
    record = import_conversation(store, data)
    first, second = replies(store.load_session(record.id))
    assert first.provenance is not None and first.provenance.request is not None
    assert first.provenance.request.body == body
    assert second.provenance is not None and second.provenance.replay_of == first.id


def test_a_body_that_is_not_utf8_json_is_exported_as_base64(store: HistoryStore) -> None:
    body = b"\xff\xfe not json"
    data = exported(store, recorded_chat(store, body))
    request = data["messages"][1]["provenance"]["request"]
    assert request["body_encoding"] == "base64"
    assert base64.b64decode(request["body"]) == body
    record = import_conversation(store, data)
    first = replies(store.load_session(record.id))[0]
    assert first.provenance is not None and first.provenance.request is not None
    assert first.provenance.request.body == body


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda r: r.update(body=r["body"] + " "), "does not match its SHA-256"),
        (lambda r: r.update(body_encoding="rot13"), "unknown encoding"),
        (lambda r: r.update(body_encoding="base64", body="%%%"), "damaged"),
        (lambda r: r.update(body=None), "missing or too large"),
        (lambda r: r.update(url=5), "damaged"),
    ],
    ids=["tampered", "encoding", "bad-base64", "no-body", "url-not-text"],
)
def test_a_damaged_provenance_in_an_import_is_refused_and_nothing_is_added(
    store: HistoryStore, change: Any, says: str
) -> None:
    data = exported(store, recorded_chat(store))
    change(data["messages"][1]["provenance"]["request"])
    before = store.conversation_count()
    with pytest.raises(HistoryImportError, match=says):
        import_conversation(store, data)
    assert store.conversation_count() == before


def test_provenance_that_is_not_an_object_is_refused(store: HistoryStore) -> None:
    data = exported(store, recorded_chat(store))
    data["messages"][1]["provenance"] = "from somewhere"
    with pytest.raises(HistoryImportError, match="message 2: its provenance is not an object"):
        import_conversation(store, data)
    data["messages"][1]["provenance"] = {"prompt": {"ref": "1@1", "values": [["a"]] * 3}}
    with pytest.raises(HistoryImportError, match="pair"):
        import_conversation(store, data)


@pytest.mark.asyncio
async def test_an_export_never_holds_the_token_the_request_was_sent_with(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = wire.workers_ai_stream(["Hi"])
        headers = {"content-type": "text/event-stream", "cf-ray": f"ray-{TOKEN}"}
        return httpx.Response(200, headers=headers, content=body)

    client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    backend = WorkersAIBackend(client, WorkersAIConfig("acc", TOKEN))
    session = ChatSession(ChatSettings(params=SamplingParams(seed=3)))
    SessionRecorder(store, on_error=pytest.fail).attach(session)
    turn = session.send("question")
    assert turn.request is not None
    recorder = ReplyRecorder()
    async for event in backend.stream(turn.request):
        recorder.feed(event)
    session.finish_turn(turn, recorder, replace(ENDPOINT, name="cloud"))
    await client.aclose()
    assert seen and seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    text = json.dumps(exported(store, session), ensure_ascii=False)
    assert TOKEN not in text and "ray-••••" in text
    assert '"seed\\":3' in text
