"""A schema-3 history (the last released one) opened by this version: backed up, then upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.chat_settings import ChatSettings
from app.core.message import MessageState
from app.core.prompts.library import Preset
from app.core.prompts.ref import PromptRef
from app.core.request import PromptMode
from app.storage.history.schema import SCHEMA_VERSION, migrate
from app.storage.history.store import HistoryStore, list_backups


def make_v3(path: Path) -> None:
    """A version-3 file made by the released migrations, with chats as version 3 wrote them."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    assert migrate(conn, target=3) == [1, 2, 3]
    conn.execute(
        "INSERT INTO conversations (id, title, system_prompt, params, profile_id, created_at, "
        "updated_at, pinned, title_auto, prompt_mode, prompt_ref, active_root_id) VALUES "
        "(1, 'Bread', 'Be brief about {{topic}}.', '{\"temperature\": 0.2}', 'p1', 10, 20, 1, "
        "0, 'raw', '', 1)"
    )
    rows = [
        (1, None, "user", "How do I bake sourdough bread?", "done", 3),
        (2, 1, "assistant", "Feed the starter first.", "done", None),
        (3, 1, "assistant", "Mix flour, water and starter.", "done", None),
    ]
    conn.executemany(
        "INSERT INTO messages (id, conversation_id, parent_id, role, text, state, "
        "active_child_id, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, 11, 11)",
        rows,
    )
    conn.close()


def test_a_v3_history_is_backed_up_then_gains_the_library(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    make_v3(db)
    store = HistoryStore.open(db)
    try:
        assert store.backup_path is not None
        assert store.backup_path.name.startswith("history.db.bak-v3-")
        assert list_backups(db) == [store.backup_path]
        # The chats are as they were, with no variables and not reproducible.
        record = store.conversation(1)
        assert (record.title, record.pinned, record.title_is_auto) == ("Bread", True, False)
        assert record.settings == ChatSettings(
            "Be brief about {{topic}}.",
            record.settings.params,
            PromptMode.RAW,
            "p1",
        )
        assert record.settings.params.temperature == 0.2
        path = store.active_path(1)
        assert [m.text for m in path] == [
            "How do I bake sourdough bread?",
            "Mix flour, water and starter.",
        ]
        assert all(m.state is MessageState.DONE for m in path)
        assert [h.message_id for h in store.search("flour")] == [3]
        # The library starts empty and works.
        library = store.prompts
        assert library.prompts() == [] and library.presets() == []
        v1 = library.create("Baker", "Be brief about {{topic}}.")
        library.set_label(v1.prompt_id, "staff", 1)
        assert library.resolve(PromptRef(v1.prompt_id, label="staff")) == v1
        assert library.save_preset(Preset(0, "Bake")).id > 0
        store.update_settings(1, ChatSettings(reproducible=True, prompt_ref="1@1"))
        assert store.conversation(1).settings.reproducible is True
    finally:
        store.close()
    backup = sqlite3.connect(store.backup_path)
    try:  # the copy was made before the migration: version 3, no library tables
        assert backup.execute("PRAGMA user_version").fetchone() == (3,)
        tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master")}
        assert "prompts" not in tables and "conversations" in tables
        assert backup.execute("SELECT count(*) FROM messages").fetchone() == (3,)
    finally:
        backup.close()
    upgraded = sqlite3.connect(db)
    try:
        assert upgraded.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    finally:
        upgraded.close()
    reopened = HistoryStore.open(db)  # already current: no second backup
    try:
        assert reopened.backup_path is None and len(list_backups(db)) == 1
        assert [p.name for p in reopened.prompts.prompts()] == ["Baker"]
    finally:
        reopened.close()
