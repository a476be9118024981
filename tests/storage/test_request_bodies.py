"""Request bodies in the history: compressed, read only when a reply needs one, and carried by
JSON exports so that a long chat's export always imports again."""

from __future__ import annotations

import json
import random
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.chat_settings import ChatSettings
from app.core.events import Finished, FinishReason, RequestSent, TextDelta
from app.core.provenance import RequestUnavailable, SentRequest, StoredRequest
from app.core.reply import ReplyRecorder
from app.core.session import ChatSession
from app.core.stored_request import ReplayUnavailable
from app.storage.history import export
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore

URL = "http://127.0.0.1:8000/v1/chat/completions"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db", flush_interval_s=0.01)
    yield opened
    opened.close()


def long_chat(
    store: HistoryStore, turns: int, chars: int = 2000, *, varied: bool = False
) -> ChatSession:
    """`turns` questions and answers of `chars` each; every request carries all before it,
    as a real chat's does. Each turn's text differs, so no two bodies are the same;
    `varied` text compresses about as well as prose, the rest very well."""
    session = ChatSession(ChatSettings(system_prompt="sys"))
    recorder = SessionRecorder(store, on_error=pytest.fail)
    recorder.attach(session)
    history: list[str] = []
    rng = random.Random(5)

    def text(letter: str) -> str:
        if varied:
            return "".join(rng.choice("abcdefgh ") for _ in range(chars))
        return letter * chars

    for n in range(turns):
        question, answer = f"q{n} " + text("q"), f"a{n} " + text("a")
        turn = session.send(question)
        history += [question, answer]
        reply = ReplyRecorder()
        body = json.dumps({"messages": history, "seed": n}).encode()
        reply.feed(RequestSent(SentRequest(URL, body)))
        reply.feed(TextDelta(answer))
        reply.feed(Finished(FinishReason.STOP))
        session.finish_turn(turn, reply)
    recorder.detach()
    return session


def body_of(session: ChatSession, n: int) -> bytes:
    reply = [m for m in session.messages() if m.provenance is not None][n]
    sent = session.request_of(reply)
    assert sent is not None
    return sent.body


def test_reading_a_chat_back_leaves_every_body_in_the_history(store: HistoryStore) -> None:
    live = long_chat(store, 3)
    assert live.conversation_id is not None
    loaded = store.load_session(live.conversation_id)
    path = store.active_path(live.conversation_id)
    for message in [*loaded.messages(), *path, store.message(path[-1].id or 0)]:
        if message.provenance is not None:
            request = message.provenance.request
            assert isinstance(request, StoredRequest) and request.kept  # no bytes, their mark
    # Each is read when a reply needs it, and is the very bytes sent.
    assert [body_of(loaded, n) for n in range(3)] == [body_of(live, n) for n in range(3)]


def test_bodies_are_kept_compressed(store: HistoryStore) -> None:
    live = long_chat(store, 8)
    conn = sqlite3.connect(store.path)
    try:
        rows = conn.execute(
            "SELECT request_body FROM messages WHERE request_body IS NOT NULL ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    bodies = [body_of(live, n) for n in range(8)]
    assert [zlib.decompress(row[0]) for row in rows] == bodies
    assert sum(len(row[0]) for row in rows) * 20 < sum(len(b) for b in bodies)


def test_a_stored_request_read_after_the_history_changed_is_refused(
    store: HistoryStore, tmp_path: Path
) -> None:
    first = long_chat(store, 2)
    assert first.conversation_id is not None
    loaded = store.load_session(first.conversation_id)
    backup = store.backup_to(tmp_path / "copy.db")
    store.delete_message(loaded.path()[-1].id or 0)  # the last reply's row is gone…
    long_chat(store, 1)  # …and a new reply may take its id
    reply = loaded.path()[-1]
    with pytest.raises(RequestUnavailable, match="no longer"):
        loaded.request_of(reply)
    with pytest.raises(ReplayUnavailable, match="no longer"):
        loaded.replay(reply)
    store.restore_from(backup)
    assert loaded.request_of(reply) is not None  # the very request again


def test_the_export_of_a_long_chat_imports_again(store: HistoryStore, tmp_path: Path) -> None:
    """The review's case: 165 turns of 2 KB; each body holds the chat so far (55 MB raw)."""
    live = long_chat(store, 165)
    assert live.conversation_id is not None
    data = export.conversation_json(store, live.conversation_id)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path = tmp_path / "chat.json"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < export.IMPORT_MAX_BYTES
    requests = [m["provenance"]["request"] for m in data["messages"] if m["provenance"]]
    assert len(requests) == 165 and all(r["body"] for r in requests)  # none left out
    record = export.import_file(store, path)
    again = store.load_session(record.id)
    assert body_of(again, 164) == body_of(live, 164) and body_of(again, 0) == body_of(live, 0)


def test_bodies_past_the_import_limit_are_left_out_oldest_first_with_a_note(
    store: HistoryStore, tmp_path: Path
) -> None:
    live = long_chat(store, 12, chars=400, varied=True)
    assert live.conversation_id is not None
    whole = export.conversation_json(store, live.conversation_id)
    size = len(json.dumps(whole, indent=2).encode())
    bodies = sum(len(m["provenance"]["request"]["body"]) for m in whole["messages"][1::2])
    limit = size - bodies // 2  # room for about half the bodies' characters
    data = export.conversation_json(store, live.conversation_id, max_bytes=limit)
    assert len((json.dumps(data, indent=2) + "\n").encode()) <= limit
    requests = [m["provenance"]["request"] for m in data["messages"] if m["provenance"]]
    kept = [r["body"] is not None for r in requests]
    assert kept[-1] and not kept[0] and kept == sorted(kept)  # the newest are kept
    left = requests[0]
    assert left["kept"] is False and left["body_left_out"] == export.LEFT_OUT_FOR_SIZE
    assert left["sha256"] == SentRequest(URL, body_of(live, 0)).sha256  # still named
    imported = store.load_session(export.import_conversation(store, data).id)
    first, last = imported.messages()[1], imported.messages()[-1]
    with pytest.raises(RequestUnavailable, match="left out of the file"):
        imported.request_of(first)
    with pytest.raises(ReplayUnavailable, match="left out of the file"):
        imported.replay(first)
    assert imported.request_of(last) == live.request_of(live.messages()[-1])
    # Exported again, the marks travel as they are.
    again = export.conversation_json(store, imported.conversation_id or 0)
    assert again["messages"][1]["provenance"]["request"]["kept"] is False
