"""Each reply's provenance in the history and in JSON exports: kept, read back, never a token."""

from __future__ import annotations

import base64
import json
import sqlite3
import zlib
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
from app.core.prompts.variables import (
    BUILTIN_NAMES,
    MAX_VALUE_CHARS,
    MAX_VARIABLES,
    VariableSpec,
)
from app.core.provenance import (
    EndpointInfo,
    PromptUse,
    Provenance,
    RequestUnavailable,
    SentRequest,
    StoredRequest,
    stored_form,
)
from app.core.reply import ReplyRecorder
from app.core.session import ChatSession, Turn
from app.core.stored_request import ReplayUnavailable
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
from app.storage.history.request_bodies import unpack
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
        loaded = store.load_session(live.conversation_id)
        first, second = replies(loaded)
        sent = loaded.request_of(first)
    finally:
        store.close()
    # Read back without the bytes (a mark with their hash and size), the rest as it was.
    assert [first.provenance, second.provenance] == [
        replace(m.provenance, request=stored_form(m.provenance.request))  # type: ignore[arg-type]
        for m in replies(live)
        if m.provenance is not None
    ]
    assert first.provenance is not None and first.provenance.request is not None
    assert isinstance(first.provenance.request, StoredRequest)
    assert sent is not None and sent.body == b'{"seed":5,"messages":[]}'
    assert first.provenance.request_id == "8f00aa-AMS"
    assert first.provenance.prompt == PromptUse("3@2", values=(("who", "Ada"),))
    assert live.request_of(replies(live)[0]) == sent
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
    ["{not json", "[1, 2]", '{"v": 99}', "x" * (MAX_JSON_CHARS + 1)],
    ids=["broken", "a-list", "newer-version", "huge"],
)
def test_a_damaged_provenance_column_reads_as_none(store: HistoryStore, damage: str) -> None:
    session = recorded_chat(store)
    first = replies(session)[0]
    column(store, "UPDATE messages SET provenance = ? WHERE id = ?", damage, first.id)
    assert session.conversation_id is not None
    loaded = store.load_session(session.conversation_id)
    again = loaded.find(first.id or 0)
    assert again is not None and again.provenance is None and again.text == "First"


def test_a_damaged_part_of_the_column_is_dropped_and_the_rest_kept(store: HistoryStore) -> None:
    session = recorded_chat(store)
    first = replies(session)[0]
    assert first.provenance is not None
    text, _ = encode_provenance(first.provenance)
    assert text is not None
    damaged = {**json.loads(text), "endpoint": 5, "request_id": ["x"]}
    column(store, "UPDATE messages SET provenance = ? WHERE id = ?", json.dumps(damaged), first.id)
    assert session.conversation_id is not None
    again = store.load_session(session.conversation_id).find(first.id or 0)
    assert again is not None and again.provenance is not None
    assert again.provenance.endpoint is None and again.provenance.request_id is None
    assert again.provenance.prompt == first.provenance.prompt
    assert again.provenance.request == stored_form(first.provenance.request)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "damage",
    [b"changed", zlib.compress(b'{"seed":6,"messages":[]}'), None],
    ids=["not-zlib", "other-bytes", "gone"],
)
def test_a_damaged_body_is_said_when_it_is_needed_and_the_rest_stays(
    store: HistoryStore, damage: bytes | None
) -> None:
    session = recorded_chat(store)
    first = replies(session)[0]
    column(store, "UPDATE messages SET request_body = ? WHERE id = ?", damage, first.id)
    assert session.conversation_id is not None
    loaded = store.load_session(session.conversation_id)
    again = loaded.find(first.id or 0)
    assert again is not None and again.provenance is not None
    assert again.provenance.request_id == "8f00aa-AMS" and again.text == "First"
    with pytest.raises(RequestUnavailable, match=r"in the history is|does not match"):
        loaded.request_of(again)
    with pytest.raises(ReplayUnavailable, match="So it cannot be replayed"):
        loaded.replay(again)
    assert loaded.messages() == [loaded.messages()[0], again, loaded.messages()[2]]
    # An export leaves that body out, saying why, and still imports.
    data = exported(store, session)
    request = data["messages"][1]["provenance"]["request"]
    assert (
        request["body"] is None and "could not be read from the history" in request["body_left_out"]
    )
    imported = store.load_session(import_conversation(store, data).id)
    with pytest.raises(RequestUnavailable, match="not kept"):
        imported.request_of(replies(imported)[0])


def test_codec_round_trips_and_none_stays_none() -> None:
    sent = SentRequest(URL, b"\x00\xff")
    provenance = Provenance(ENDPOINT, PromptUse("1@1", "Tutor", "staff", (("a", "b"),)), sent)
    text, blob = encode_provenance(provenance)
    assert decode_provenance(text) == replace(provenance, request=stored_form(sent))
    assert blob is not None and unpack(stored_form(sent), blob) == sent
    assert encode_provenance(None) == (None, None)
    assert decode_provenance(None) is None


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
    body = b'{"seed":5,"messages":[]}'
    assert request == {
        "url": URL,
        "sha256": SentRequest(URL, body).sha256,
        "size": len(body),
        "body": request["body"],
        "body_encoding": "zlib+base64",  # as the history keeps it
        "masked": False,
        "kept": True,
    }
    assert zlib.decompress(base64.b64decode(request["body"])) == body
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
    loaded = store.load_session(record.id)
    first, second = replies(loaded)
    sent = loaded.request_of(first)
    assert sent is not None and sent.body == body
    assert second.provenance is not None and second.provenance.replay_of == first.id


@pytest.mark.parametrize("encoding", ["text", "base64"])
def test_a_hand_written_body_as_text_or_base64_is_imported_too(
    store: HistoryStore, encoding: str
) -> None:
    body = b'{"seed":5,"messages":[]}' if encoding == "text" else b"\xff\xfe not json"
    data = exported(store, recorded_chat(store, body))
    request = data["messages"][1]["provenance"]["request"]
    request["body_encoding"] = encoding
    request["body"] = body.decode() if encoding == "text" else base64.b64encode(body).decode()
    loaded = store.load_session(import_conversation(store, data).id)
    sent = loaded.request_of(replies(loaded)[0])
    assert sent is not None and sent.body == body


def _packed(body: bytes) -> str:
    return base64.b64encode(zlib.compress(body)).decode()


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda r: r.update(body=_packed(b'{"seed":6,"messages":[]}')), "does not match"),
        (lambda r: r.update(body_encoding="text", body="{}"), "does not match its SHA-256"),
        (lambda r: r.update(body=_packed(b"x" * 30)), "damaged"),  # not its size
        (lambda r: r.update(body=base64.b64encode(b"not zlib").decode()), "damaged"),
        (lambda r: r.update(size=-1), "damaged"),
        (lambda r: r.update(sha256="abc"), "damaged"),
        (lambda r: r.update(body_encoding="rot13"), "unknown encoding"),
        (lambda r: r.update(body_encoding="base64", body="%%%"), "damaged"),
        (lambda r: r.update(body=None), "missing or too large"),
        (lambda r: r.update(url=5), "damaged"),
    ],
    ids=[
        "tampered",
        "tampered-text",
        "wrong-size",
        "not-zlib",
        "bad-size",
        "bad-hash",
        "encoding",
        "bad-base64",
        "no-body",
        "url-not-text",
    ],
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
    data = exported(store, session)
    text = json.dumps(data, ensure_ascii=False)
    assert TOKEN not in text and "ray-••••" in text
    body = zlib.decompress(base64.b64decode(data["messages"][1]["provenance"]["request"]["body"]))
    assert TOKEN.encode() not in body and b'"seed":3' in body


# -- long fields -------------------------------------------------------------------------------


def test_long_variable_values_are_shortened_not_the_whole_provenance_lost() -> None:
    """Eleven values of 100,000 characters each are allowed; the column keeps them short."""
    values = tuple((f"doc{i}", chr(0x41 + i) * MAX_VALUE_CHARS) for i in range(11))
    sent = SentRequest(URL, b"{}")
    provenance = Provenance(ENDPOINT, PromptUse("1@1", "Docs", values=values), sent)
    text, _ = encode_provenance(provenance)
    assert text is not None and len(text) <= MAX_JSON_CHARS
    back = decode_provenance(text)
    assert back is not None and back.endpoint == ENDPOINT and back.request == stored_form(sent)
    assert back.prompt is not None and back.prompt.values_clipped
    assert [name for name, _ in back.prompt.values] == [f"doc{i}" for i in range(11)]
    assert back.prompt.values[0][1].startswith("A" * 1000)  # the first ones as far as they fit


def test_short_values_are_kept_whole_and_every_declarable_variable_fits() -> None:
    values = tuple((f"v{i}", "x" * 50) for i in range(MAX_VARIABLES + len(BUILTIN_NAMES)))
    provenance = Provenance(prompt=PromptUse("1@1", values=values))
    back = decode_provenance(encode_provenance(provenance)[0])
    assert back is not None and back.prompt is not None
    assert back.prompt.values == values and not back.prompt.values_clipped


def test_a_long_endpoint_name_is_shortened_and_the_rest_kept() -> None:
    sent = SentRequest(URL, b"{}")
    provenance = Provenance(EndpointInfo("N" * 1001, "h", "openai"), None, sent, "req-1")
    back = decode_provenance(encode_provenance(provenance)[0])
    assert back is not None and back.request == stored_form(sent) and back.request_id == "req-1"
    assert back.endpoint is not None and len(back.endpoint.name) == 1000
    assert back.endpoint.name.endswith("…") and back.endpoint.host == "h"


def test_a_column_with_over_long_fields_still_reads_what_it_can() -> None:
    """Rows from before these bounds: each over-long field is cut or dropped on its own."""
    column_text = json.dumps(
        {
            "endpoint": {"name": "N" * 5000, "host": "h", "dialect": "openai"},
            "prompt": {
                "ref": "1@1",
                "name": "p",
                "values": [["a", "x" * (MAX_VALUE_CHARS + 5)], ["b" * 65, "y"], ["c", "z"]],
            },
            "request_id": "r" * 500,
        }
    )
    back = decode_provenance(column_text)
    assert back is not None and back.endpoint is not None and len(back.endpoint.name) == 1000
    assert back.prompt is not None and back.prompt.values_clipped
    assert [n for n, _ in back.prompt.values] == ["a", "c"]  # not a variable's name: dropped
    assert len(back.prompt.values[0][1]) == MAX_VALUE_CHARS
    assert back.request_id is not None and len(back.request_id) <= 128


# -- imports -----------------------------------------------------------------------------------


def test_an_imported_chat_s_prompt_is_marked_as_another_library_s(store: HistoryStore) -> None:
    data = exported(store, recorded_chat(store))
    assert data["messages"][1]["provenance"]["prompt"]["elsewhere"] is False
    imported = store.load_session(import_conversation(store, data).id)
    prompt = replies(imported)[0].provenance.prompt  # type: ignore[union-attr]
    assert prompt == PromptUse("3@2", values=(("who", "Ada"),), elsewhere=True)
