"""History crash safety on real files: SIGKILL mid-stream, migrations with backups, damaged files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.core.chat_settings import ChatSettings
from app.core.events import FinishReason
from app.core.message import MessageState
from app.core.request import Role
from app.storage.history.files import restore_backup, set_aside
from app.storage.history.schema import SCHEMA_VERSION
from app.storage.history.store import HistoryStore, HistoryUnavailable, list_backups

CHILD = Path(__file__).with_name("history_crash_child.py")
ROOT = Path(__file__).resolve().parents[2]

# Version 1 exactly as released, frozen here: later edits to the migrations must still upgrade it.
V1_SCHEMA = """
CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '',
    system_prompt TEXT NOT NULL DEFAULT '', params TEXT NOT NULL DEFAULT '{}',
    profile_id TEXT NOT NULL DEFAULT '', created_at REAL NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE messages (id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE, role TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT 'done', finish_reason TEXT,
    failure TEXT, usage TEXT, ttft_ms REAL, tokens_per_s REAL, model TEXT,
    created_at REAL NOT NULL, updated_at REAL NOT NULL);
CREATE INDEX messages_conversation ON messages(conversation_id);
PRAGMA user_version = 1;
"""


def make_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.execute(
        "INSERT INTO conversations VALUES (1, 'Bread', 'Be brief.', '{\"temperature\": 0.2}', "
        "'p1', 10, 20)"
    )
    rows = [
        (1, None, "user", "How do I bake sourdough bread?", "done"),
        (2, 1, "assistant", "Feed the starter first.", "done"),
        (3, 1, "assistant", "Mix flour, water and starter.", "done"),  # a regenerated reply
        (4, 3, "user", "And then?", "done"),
        (5, 4, "assistant", "Let it rise overni", "streaming"),  # the app died here
    ]
    conn.executemany(
        "INSERT INTO messages (id, conversation_id, parent_id, role, text, state, created_at, "
        "updated_at) VALUES (?, 1, ?, ?, ?, ?, 11, 11)",
        rows,
    )
    conn.commit()
    conn.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_stream_keeps_every_message_and_the_partial_reply(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    watchdog = threading.Timer(60, child.kill)  # a hung child fails the test, never hangs it
    watchdog.start()
    try:
        assert child.stdout is not None
        line = child.stdout.readline().split()
        assert line[0] == "READY", line
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL
    finally:
        watchdog.cancel()
        child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
    conversation_id, reply_id = int(line[1]), int(line[2])
    assert db.with_name("history.db-wal").exists()  # the child never closed the database

    store = HistoryStore.open(db)
    try:
        assert store.recovered == [reply_id]
        path = store.active_path(conversation_id)
        assert [(m.role, m.text, m.state) for m in path] == [
            (Role.USER, "First question", MessageState.DONE),
            (Role.ASSISTANT, "First answer", MessageState.DONE),
            (Role.USER, "Second question", MessageState.DONE),
            (
                Role.ASSISTANT,
                "The partial reply that was streaming when the app died",
                MessageState.INTERRUPTED,
            ),
        ]
        assert path[1].finish_reason is FinishReason.STOP
        assert store.conversation(conversation_id).settings.system_prompt == "Be brief."
    finally:
        store.close()


def test_migration_from_v1_backs_up_first_and_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    make_v1(db)
    store = HistoryStore.open(db)
    try:
        assert store.backup_path is not None
        assert store.backup_path.name.startswith("history.db.bak-v1-")
        assert list_backups(db) == [store.backup_path]
        assert store.recovered == [5]
        path = store.active_path(1)
        assert [m.id for m in path] == [1, 3, 4, 5]  # the newest version of each is shown
        assert store.versions(path[1].id or 0) == (2, 2)
        assert path[3].state is MessageState.INTERRUPTED
        record = store.conversation(1)
        s = record.settings
        assert (record.title, s.params.temperature, s.profile_id) == ("Bread", 0.2, "p1")
        assert [h.message_id for h in store.search("flour")] == [3]
    finally:
        store.close()
    backup = sqlite3.connect(store.backup_path)
    try:
        assert backup.execute("PRAGMA user_version").fetchone() == (1,)
        assert backup.execute("SELECT count(*) FROM messages").fetchone() == (5,)
        assert backup.execute("SELECT state FROM messages WHERE id = 5").fetchone() == (
            "streaming",
        )
    finally:
        backup.close()
    reopened = HistoryStore.open(db)  # already current: no second backup
    reopened.close()
    assert reopened.backup_path is None and len(list_backups(db)) == 1


def test_a_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    HistoryStore.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(HistoryUnavailable, match="newer LlamaDesk"):
        HistoryStore.open(db)
    assert db.read_bytes() == before


def test_garbage_file_is_never_overwritten_and_the_backup_is_offered(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    store = HistoryStore.open(db)
    kept = store.new_conversation(ChatSettings(system_prompt="kept"))
    backup = store.backup_to(db.with_name("history.db.bak-v2-manual"))
    store.close()
    garbage = b"this is not a database\n" * 500
    db.write_bytes(garbage)

    with pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(db)
    assert "history.db.bak-v2-manual" in caught.value.message
    assert caught.value.backups == [backup]
    assert db.read_bytes() == garbage
    assert not db.with_name("history.db-wal").exists()

    aside = restore_backup(db, caught.value.backups[0])
    assert aside is not None and aside.read_bytes() == garbage
    store = HistoryStore.open(db)
    try:
        assert store.conversation(kept.id).settings.system_prompt == "kept"
    finally:
        store.close()


def filled_history(db: Path, messages: int = 300) -> None:
    store = HistoryStore.open(db)
    conversation = store.new_conversation()
    for n in range(messages):
        store.add_user_message(conversation.id, f"message {n} " + "lorem ipsum " * 80)
    store.close()


def damage_pages(db: Path, first: int, last: int) -> None:
    page = 4096
    with db.open("r+b") as file:
        for number in range(first, last + 1):
            file.seek(number * page)
            file.write(b"\xa5" * page)


def test_damaged_pages_are_reported_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    filled_history(db)
    damage_pages(db, 2, db.stat().st_size // 4096 - 2)
    before = db.read_bytes()
    with pytest.raises(HistoryUnavailable, match="is damaged") as caught:
        HistoryStore.open(db)
    assert "No backup copy exists" in caught.value.message and caught.value.backups == []
    assert db.read_bytes() == before


def test_a_big_clean_file_is_checked_in_the_background_and_turns_read_only(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.db"
    filled_history(db)
    damage_pages(db, db.stat().st_size // 4096 - 20, db.stat().st_size // 4096 - 10)
    before = db.read_bytes()
    try:
        store = HistoryStore.open(db, full_check_max_bytes=0)
    except HistoryUnavailable:
        pytest.fail("the damage was meant to be beyond what opening reads")
    try:
        assert store.checked.wait(30)
        assert store.problem is not None and "is damaged" in store.problem.message
        with pytest.raises(HistoryUnavailable):
            store.new_conversation()
    finally:
        store.close()
    assert db.read_bytes() == before


def test_an_unreadable_path_is_reported_not_replaced(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    db.mkdir()  # unreadable as a file, even for root
    (db / "keep").write_text("mine")
    with pytest.raises(HistoryUnavailable, match="could not be read"):
        HistoryStore.open(db)
    assert (db / "keep").read_text() == "mine"


def test_unfinished_backup_copies_are_not_offered(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    done = db.with_name("history.db.bak-v1-20260101T000000Z")
    done.write_bytes(b"")
    db.with_name("history.db.bak-v1-20260102T000000Z.part").write_bytes(b"")
    db.with_name("history.db.bak-v1-20260101T000000Z-wal").write_bytes(b"")
    assert list_backups(db) == [done]


def test_without_a_backup_the_damaged_file_can_be_set_aside_for_a_new_history(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.db"
    db.write_bytes(b"\x00garbage" * 100)
    with pytest.raises(HistoryUnavailable, match="No backup copy exists"):
        HistoryStore.open(db)
    aside = set_aside(db)
    assert aside is not None and aside.read_bytes() == b"\x00garbage" * 100
    store = HistoryStore.open(db)
    try:
        assert store.conversations() == []
    finally:
        store.close()


def test_a_write_right_after_opening_waits_for_the_background_check(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    filled_history(db)
    damage_pages(db, db.stat().st_size // 4096 - 20, db.stat().st_size // 4096 - 10)
    before = db.read_bytes()
    store = HistoryStore.open(db, full_check_max_bytes=0)
    try:
        # No wait for `checked` here: the write itself must wait, then refuse.
        with pytest.raises(HistoryUnavailable, match="is damaged"):
            store.new_conversation()
        assert store.checked.is_set()
    finally:
        store.close()
    assert db.read_bytes() == before
