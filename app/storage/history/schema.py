"""The history database schema: forward migrations, one per version, and their runner."""

from __future__ import annotations

import sqlite3
from typing import Final

#: Migration N (1-based) turns a version N-1 database into version N; never edit a released one.
MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    # 1: conversations and a tree of messages (parent_id), each conversation's own settings.
    (
        """CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            system_prompt TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            profile_id TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )""",
        """CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'done',
            finish_reason TEXT,
            failure TEXT,
            usage TEXT,
            ttft_ms REAL,
            tokens_per_s REAL,
            model TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )""",
        "CREATE INDEX messages_conversation ON messages(conversation_id)",
    ),
    # 2: sidebar (pin, undoable delete, manual titles), remembered branches, full-text search.
    (
        "ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE conversations ADD COLUMN title_auto INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE conversations ADD COLUMN deleted_at REAL",
        "ALTER TABLE conversations ADD COLUMN active_root_id INTEGER",
        "ALTER TABLE messages ADD COLUMN active_child_id INTEGER",
        # Version 1 remembered no choice between branches: the newest version of each is shown.
        """UPDATE messages SET active_child_id =
            (SELECT max(c.id) FROM messages c WHERE c.parent_id = messages.id)""",
        """UPDATE conversations SET active_root_id = (SELECT max(m.id) FROM messages m
            WHERE m.conversation_id = conversations.id AND m.parent_id IS NULL)""",
        "CREATE INDEX conversations_sidebar ON conversations(deleted_at, pinned, updated_at)",
        # Siblings within a conversation (roots included): the '2/3' position and navigation.
        "CREATE INDEX messages_children ON messages(conversation_id, parent_id, id)",
        "CREATE INDEX messages_parent ON messages(parent_id)",  # the foreign key, on delete
        "CREATE INDEX messages_state ON messages(state) WHERE state = 'streaming'",
        # prefix: short prefixes (search as you type) read one index entry, not thousands of terms.
        """CREATE VIRTUAL TABLE messages_fts USING fts5(
            text, content='messages', content_rowid='id', prefix='2 3')""",
        """CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
        END""",
        """CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END""",
        """CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
        END""",
        "INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')",
    ),
    # 3: every chat keeps its own prompt mode, and room for the prompt-library version it used.
    (
        "ALTER TABLE conversations ADD COLUMN prompt_mode TEXT NOT NULL DEFAULT 'chat'",
        "ALTER TABLE conversations ADD COLUMN prompt_ref TEXT NOT NULL DEFAULT ''",
    ),
    # 4: the prompt library (immutable versions, labels, presets), each chat's variable values
    # and reproducible switch, and every reply's provenance with the exact request it sent
    # (request_body: the body zlib-compressed, read only when a reply needs it).
    (
        """CREATE TABLE prompts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            forked_from TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            deleted_at REAL
        )""",
        "CREATE INDEX prompts_list ON prompts(deleted_at, updated_at)",
        """CREATE TABLE prompt_versions (
            id INTEGER PRIMARY KEY,
            prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            variables TEXT NOT NULL DEFAULT '[]',
            note TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            UNIQUE (prompt_id, number)
        )""",
        # A saved version is what replies point at: it never changes.
        """CREATE TRIGGER prompt_versions_immutable BEFORE UPDATE ON prompt_versions BEGIN
            SELECT RAISE(ABORT, 'prompt versions cannot be changed');
        END""",
        """CREATE TABLE prompt_labels (
            prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            number INTEGER NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (prompt_id, label)
        )""",
        """CREATE TABLE presets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            prompt_ref TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            profile_id TEXT NOT NULL DEFAULT '',
            prompt_mode TEXT NOT NULL DEFAULT 'chat',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )""",
        "ALTER TABLE conversations ADD COLUMN variables TEXT NOT NULL DEFAULT '{}'",
        "ALTER TABLE conversations ADD COLUMN reproducible INTEGER NOT NULL DEFAULT 0",
        # A chat's own text set aside while it uses a library prompt (JSON; "" = none).
        "ALTER TABLE conversations ADD COLUMN own_prompt TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE messages ADD COLUMN provenance TEXT",
        "ALTER TABLE messages ADD COLUMN request_body BLOB",
    ),
    # 5: compare sessions (a 'compare' conversation whose panes are hidden conversations of
    # their own, stored like any chat) and test sets with their runs, results and grades.
    (
        "ALTER TABLE conversations ADD COLUMN kind TEXT NOT NULL DEFAULT 'chat'",
        # A pane: the compare conversation it belongs to and its place (0-based, left to right).
        """ALTER TABLE conversations ADD COLUMN compare_of INTEGER
            REFERENCES conversations(id) ON DELETE CASCADE""",
        "ALTER TABLE conversations ADD COLUMN pane INTEGER",
        "CREATE INDEX conversations_panes ON conversations(compare_of, pane)",
        """CREATE TABLE test_sets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            body TEXT NOT NULL,
            cases INTEGER NOT NULL DEFAULT 0,  -- the list shows it without parsing the body
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            deleted_at REAL
        )""",
        # A run keeps the set and plan exactly as run (JSON), so later edits never rewrite it.
        """CREATE TABLE eval_runs (
            id INTEGER PRIMARY KEY,
            test_set_id INTEGER REFERENCES test_sets(id) ON DELETE SET NULL,
            set_name TEXT NOT NULL DEFAULT '',
            plan TEXT NOT NULL,
            total INTEGER NOT NULL DEFAULT 0,  -- requests planned, for progress without the plan
            state TEXT NOT NULL DEFAULT 'running',
            created_at REAL NOT NULL,
            finished_at REAL
        )""",
        "CREATE INDEX eval_runs_of_set ON eval_runs(test_set_id, created_at)",
        # One row per finished request, written as it finishes: a crash loses no finished cell.
        """CREATE TABLE eval_results (
            run_id INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
            test INTEGER NOT NULL,
            prompt TEXT NOT NULL,
            repeat INTEGER NOT NULL,
            result TEXT NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (run_id, test, prompt, repeat)
        )""",
        """CREATE TABLE eval_grades (
            run_id INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
            test INTEGER NOT NULL,
            prompt TEXT NOT NULL,
            thumb INTEGER,
            score INTEGER,
            comment TEXT NOT NULL DEFAULT '',
            updated_at REAL NOT NULL,
            PRIMARY KEY (run_id, test, prompt)
        )""",
    ),
)

SCHEMA_VERSION: Final = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply each missing migration in its own transaction; return the versions reached."""
    reached: list[int] = []
    for version in range(schema_version(conn) + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        reached.append(version)
    return reached
