"""A schema-4 history (the last released one) opened by this version: backed up, chats intact,
and compares work in it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.chat_settings import ChatSettings
from app.core.history_model import CHAT, COMPARE
from app.core.message import MessageState
from app.core.provenance import Provenance, SentRequest, StoredRequest
from app.storage.history.files import conversation_count
from app.storage.history.provenance_rows import encode_provenance
from app.storage.history.schema import SCHEMA_VERSION, migrate
from app.storage.history.store import HistoryStore, list_backups
from tests.storage.compare_helpers import ask_all
from tests.storage.test_history_provenance import ENDPOINT, URL

BODY = b'{"seed":5,"messages":[{"role":"user","content":"How do I bake bread?"}]}'


def make_v4(path: Path) -> None:
    """A version-4 file made by the released migrations: a chat with two versions of a reply,
    one with provenance and its compressed request body, and a deleted chat."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    assert migrate(conn, target=4) == [1, 2, 3, 4]
    conn.execute(
        "INSERT INTO conversations (id, title, system_prompt, params, profile_id, created_at, "
        "updated_at, pinned, title_auto, prompt_mode, prompt_ref, active_root_id, variables, "
        "reproducible) VALUES (1, 'Bread', 'Be brief.', '{\"temperature\": 0.2}', 'p1', 10, 20, "
        "1, 0, 'chat', '3@2', 1, '{\"specs\":[],\"values\":{}}', 1)"
    )
    conn.execute(
        "INSERT INTO conversations (id, title, created_at, updated_at, deleted_at) "
        "VALUES (2, 'Gone', 5, 5, 6)"
    )
    provenance, packed = encode_provenance(
        Provenance(ENDPOINT, request=SentRequest(URL, BODY), request_id="ray-1", reproducible=True)
    )
    rows = [
        (1, None, "user", "How do I bake bread?", "done", 3, None, None),
        (2, 1, "assistant", "Knead it.", "done", None, None, None),
        (3, 1, "assistant", "Mix flour and water.", "done", None, provenance, packed),
    ]
    conn.executemany(
        "INSERT INTO messages (id, conversation_id, parent_id, role, text, state, "
        "active_child_id, provenance, request_body, created_at, updated_at) "
        "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 11, 11)",
        rows,
    )
    conn.close()


def test_a_v4_history_is_backed_up_then_migrated_with_its_chats_intact(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    make_v4(db)
    assert conversation_count(db) == 1
    store = HistoryStore.open(db, flush_interval_s=0.01)
    try:
        assert store.backup_path is not None
        assert store.backup_path.name.startswith("history.db.bak-v4-")
        assert list_backups(db) == [store.backup_path]
        record = store.conversation(1)
        assert (record.title, record.pinned, record.kind, record.compare_of) == (
            "Bread",
            True,
            CHAT,
            None,
        )
        assert record.settings.prompt_ref == "3@2" and record.settings.reproducible
        session = store.load_session(1)
        assert [m.text for m in session.path()] == ["How do I bake bread?", "Mix flour and water."]
        reply = session.path()[-1]
        assert reply.state is MessageState.DONE and session.versions_of(reply) == (2, 2)
        assert reply.provenance is not None and reply.provenance.endpoint == ENDPOINT
        assert isinstance(reply.provenance.request, StoredRequest)
        assert store.sent_request(3).body == BODY
        assert [(s.id, s.kind) for s in store.conversations()] == [(1, CHAT)]
        assert [h.message_id for h in store.search("flour")] == [3]
        store.undo_delete(2)
        assert store.conversation_count() == 2
        # Compares work in the migrated file, beside the old chats.
        compare = store.new_compare([ChatSettings("a"), ChatSettings("b")])
        ask_all(compare, store, "Rye or wheat?", ["Rye.", "Wheat."])
        listed = [(s.id, s.kind) for s in store.conversations()]
        assert listed == [(1, CHAT), (compare.compare_id, COMPARE), (2, CHAT)]  # pinned first
        assert store.conversation_count() == 3
    finally:
        store.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    finally:
        conn.close()
    backup = sqlite3.connect(store.backup_path)
    try:  # the copy was made before the migration: version 4, no compare columns
        assert backup.execute("PRAGMA user_version").fetchone() == (4,)
        columns = {r[1] for r in backup.execute("PRAGMA table_info(conversations)")}
        assert "kind" not in columns and "title" in columns
    finally:
        backup.close()
