"""SQL on the message tree: inserting, the active branch, siblings, and full-text search."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from app.core.history_model import ConversationRecord, SearchHit
from app.core.message import ChatMessage, MessageState
from app.core.request import Role
from app.core.session import ChatSession
from app.storage.history.compare_rows import COMPARE_OF
from app.storage.history.provenance_rows import encode_provenance
from app.storage.history.rows import (
    MESSAGE_COLUMNS,
    SETTINGS_COLUMNS,
    encode_failure,
    encode_usage,
    message_from_row,
    settings_columns,
    storable,
)

_WORD: Final = re.compile(r"\w+")


def insert_message(
    conn: sqlite3.Connection,
    conversation_id: int,
    parent_id: int | None,
    role: Role,
    text: str,
    state: MessageState,
    now: float,
) -> int:
    """Add a message under `parent_id` and make it the parent's chosen child."""
    cur = conn.execute(
        "INSERT INTO messages (conversation_id, parent_id, role, text, state, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (conversation_id, parent_id, str(role), storable(text), str(state), now, now),
    )
    message_id = int(cur.lastrowid or 0)
    activate(conn, conversation_id, parent_id, message_id)
    # A pane's new message moves its compare up the sidebar too.
    conn.execute(
        f"UPDATE conversations SET updated_at = ? WHERE id IN (?, {COMPARE_OF})",
        (now, conversation_id, conversation_id),
    )
    return message_id


def insert_conversation(
    conn: sqlite3.Connection,
    record: ConversationRecord,
    session: ChatSession,
    bodies: Mapping[ChatMessage, bytes],
) -> int:
    """Add a conversation with every message of `session` and its chosen versions; `bodies`
    holds the compressed request bodies of replies whose requests carry no bytes."""
    values = (
        storable(record.title),
        int(record.title_is_auto),
        int(record.pinned),
        *settings_columns(record.settings),  # the same columns a new conversation writes
        record.created_at,
        record.updated_at,
    )
    cur = conn.execute(
        f"INSERT INTO conversations (title, title_auto, pinned, {SETTINGS_COLUMNS}, created_at, "
        f"updated_at) VALUES ({', '.join('?' * len(values))})",
        values,
    )
    conversation_id = int(cur.lastrowid or 0)
    ids: dict[ChatMessage, int] = {}
    renumbered: dict[int, int] = {}  # a replay names the reply it re-sent by its id as given
    for m in session.messages():
        parent = session.parent_of(m)
        ids[m] = insert_stored(
            conn,
            conversation_id,
            None if parent is None else ids[parent],
            m,
            renumbered,
            bodies.get(m),
        )
        if m.id is not None:
            renumbered[m.id] = ids[m]
    for parent in [None, *session.messages()]:
        child = session.chosen_child(parent)
        if child is not None:
            activate(conn, conversation_id, None if parent is None else ids[parent], ids[child])
    return conversation_id


def load_session(conn: sqlite3.Connection, record: ConversationRecord) -> ChatSession:
    """The whole conversation: every version, and which one each message shows."""
    rows = conn.execute(
        f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? ORDER BY m.id",
        (record.id,),
    ).fetchall()
    root = conn.execute(
        "SELECT active_root_id FROM conversations WHERE id = ?", (record.id,)
    ).fetchone()
    by_id = {int(r[0]): message_from_row(r) for r in rows}
    nodes = [(by_id[int(r[0])], by_id.get(r[13]) if r[13] is not None else None) for r in rows]
    chosen: dict[ChatMessage | None, ChatMessage] = {}
    if root is not None and root[0] in by_id:
        chosen[None] = by_id[root[0]]
    for r in rows:
        if r[14] in by_id:
            chosen[by_id[int(r[0])]] = by_id[r[14]]
    return ChatSession.rebuild(
        record.settings, nodes, chosen, conversation_id=record.id, title=record.title
    )


def mark_interrupted(conn: sqlite3.Connection) -> list[int]:
    """Crash recovery: replies still 'streaming' at open can never finish; return their ids."""
    rows = conn.execute("SELECT id FROM messages WHERE state = 'streaming'").fetchall()
    conn.execute("UPDATE messages SET state = 'interrupted' WHERE state = 'streaming'")
    return [int(row[0]) for row in rows]


def insert_stored(
    conn: sqlite3.Connection,
    conversation_id: int,
    parent_id: int | None,
    m: ChatMessage,
    renumbered: dict[int, int] | None = None,
    body: bytes | None = None,
) -> int:
    """Add a message with all its fields as given (an import); it becomes the chosen child.

    `renumbered` maps the ids messages had to their new rows (a replay's `replay_of`); `body`
    is the compressed request body when the message's request carries no bytes."""
    provenance = m.provenance
    if provenance is not None and provenance.replay_of is not None:
        provenance = replace(provenance, replay_of=(renumbered or {}).get(provenance.replay_of))
    provenance_json, request_body = encode_provenance(provenance, body)
    cur = conn.execute(
        "INSERT INTO messages (conversation_id, parent_id, role, text, state, finish_reason, "
        "failure, usage, ttft_ms, tokens_per_s, model, created_at, updated_at, provenance, "
        "request_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            conversation_id,
            parent_id,
            str(m.role),
            storable(m.text),
            str(m.state),
            None if m.finish_reason is None else str(m.finish_reason),
            encode_failure(m.failure),
            encode_usage(m.usage),
            m.ttft_ms,
            m.tokens_per_s,
            m.model,
            m.created_at,
            m.updated_at,
            provenance_json,
            request_body,
        ),
    )
    message_id = int(cur.lastrowid or 0)
    activate(conn, conversation_id, parent_id, message_id)
    return message_id


def activate(
    conn: sqlite3.Connection, conversation_id: int, parent: int | None, child: int
) -> None:
    if parent is None:
        conn.execute(
            "UPDATE conversations SET active_root_id = ? WHERE id = ?", (child, conversation_id)
        )
    else:
        conn.execute("UPDATE messages SET active_child_id = ? WHERE id = ?", (child, parent))


def path_ids(conn: sqlite3.Connection, conversation_id: int) -> list[int]:
    """The active branch: the chosen root, then each message's chosen child."""
    rows = conn.execute(
        "WITH RECURSIVE path(id, depth) AS ("
        " SELECT active_root_id, 0 FROM conversations WHERE id = ? AND active_root_id IS NOT NULL"
        " UNION ALL SELECT m.active_child_id, path.depth + 1 FROM messages m"
        " JOIN path ON m.id = path.id WHERE m.active_child_id IS NOT NULL"
        ") SELECT id FROM path ORDER BY depth",
        (conversation_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def request_columns(conn: sqlite3.Connection, message_id: int) -> tuple[str | None, bytes | None]:
    """(the provenance column, the compressed request body) of one message."""
    row = conn.execute(
        "SELECT provenance, request_body FROM messages WHERE id = ?", (message_id,)
    ).fetchone()
    if row is None:
        raise KeyError(message_id)
    return row[0], row[1]


def fetch_message(conn: sqlite3.Connection, message_id: int) -> ChatMessage:
    row = conn.execute(
        f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?", (message_id,)
    ).fetchone()
    if row is None:
        raise KeyError(message_id)
    return message_from_row(row)


def sibling_ids(conn: sqlite3.Connection, message_id: int) -> list[int]:
    """The versions of a message (itself included), oldest first."""
    row = conn.execute(
        "SELECT conversation_id, parent_id FROM messages WHERE id = ?", (message_id,)
    ).fetchone()
    if row is None:
        raise KeyError(message_id)
    rows = conn.execute(
        "SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ? ORDER BY id",
        (row[0], row[1]),
    ).fetchall()
    return [int(r[0]) for r in rows]


def delete_message(conn: sqlite3.Connection, message_id: int) -> None:
    """Remove a message (and anything below it); its parent shows its newest other version."""
    row = conn.execute(
        "SELECT conversation_id, parent_id FROM messages WHERE id = ?", (message_id,)
    ).fetchone()
    if row is None:
        return
    conversation_id, parent_id = int(row[0]), row[1]
    conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))
    newest = conn.execute(
        "SELECT max(id) FROM messages WHERE conversation_id = ? AND parent_id IS ?",
        (conversation_id, parent_id),
    ).fetchone()[0]
    if parent_id is None:
        conn.execute(
            "UPDATE conversations SET active_root_id = ? WHERE id = ? AND active_root_id = ?",
            (newest, conversation_id, message_id),
        )
    else:
        conn.execute(
            "UPDATE messages SET active_child_id = ? WHERE id = ? AND active_child_id = ?",
            (newest, parent_id, message_id),
        )


def select_through(conn: sqlite3.Connection, message_id: int) -> int:
    """Make every ancestor choose the branch holding `message_id`; returns its conversation."""
    row = conn.execute(
        "SELECT conversation_id FROM messages WHERE id = ?", (message_id,)
    ).fetchone()
    if row is None:
        raise KeyError(message_id)
    conversation_id = int(row[0])
    child: int | None = message_id
    while child is not None:
        parent = conn.execute("SELECT parent_id FROM messages WHERE id = ?", (child,)).fetchone()[0]
        activate(conn, conversation_id, parent, child)
        child = parent
    return conversation_id


def write_streamed(conn: sqlite3.Connection, message_id: int, text: str, now: float) -> None:
    # `state = 'streaming'`: a late flush can never undo the final state finish() wrote.
    conn.execute(
        "UPDATE messages SET text = ?, updated_at = ? WHERE id = ? AND state = 'streaming'",
        (storable(text), now, message_id),
    )


def write_final(
    conn: sqlite3.Connection, message_id: int, message: ChatMessage, now: float
) -> None:
    provenance_json, request_body = encode_provenance(message.provenance)
    conn.execute(
        "UPDATE messages SET text = ?, state = ?, finish_reason = ?, failure = ?, usage = ?, "
        "ttft_ms = ?, tokens_per_s = ?, model = ?, updated_at = ?, provenance = ?, "
        # No new body (a Continue that sent nothing keeps its request): the stored one stays.
        "request_body = coalesce(?, request_body) "
        # Only the reply it streamed: after a restore the same id may be another message.
        "WHERE id = ? AND state = 'streaming'",
        (
            storable(message.text),
            str(message.state),
            None if message.finish_reason is None else str(message.finish_reason),
            encode_failure(message.failure),
            encode_usage(message.usage),
            message.ttft_ms,
            message.tokens_per_s,
            message.model,
            now,
            provenance_json,
            request_body,
            message_id,
        ),
    )


def match_expressions(query: str) -> list[str]:
    """FTS5 queries for typed text, in order: all words whole, then the last one as a prefix."""
    words = _WORD.findall(query)
    if not words:
        return []
    whole = " ".join(f'"{w}"' for w in words)
    if query[-1:].isspace():  # the last word is complete
        return [whole]
    return [whole, whole + "*"]


def search(
    conn: sqlite3.Connection, query: str, limit: int, marks: tuple[str, str]
) -> list[SearchHit]:
    """Newest matches of the whole words; only if too few, of the last word as a prefix too.

    Why two steps: a short prefix of a common word expands to hundreds of terms whose merge
    costs hundreds of milliseconds, while the whole-word query usually fills the page.
    """
    rows: list[Any] = []
    for match in match_expressions(query):
        rows = conn.execute(
            # A hit in a pane names its compare (what the sidebar lists), and the pane.
            "SELECT coalesce(p.id, c.id), m.id, coalesce(p.title, c.title), "
            "snippet(messages_fts, 0, ?, ?, '…', 12), m.role, "
            "CASE WHEN p.id IS NULL THEN NULL ELSE c.id END FROM messages_fts "
            "JOIN messages m ON m.id = messages_fts.rowid "
            "JOIN conversations c ON c.id = m.conversation_id "
            "LEFT JOIN conversations p ON p.id = c.compare_of AND p.kind = 'compare' "
            "WHERE messages_fts MATCH ? AND c.deleted_at IS NULL AND p.deleted_at IS NULL "
            "ORDER BY messages_fts.rowid DESC LIMIT ?",
            (marks[0], marks[1], match, limit),
        ).fetchall()
        if len(rows) >= limit:
            break
    return [SearchHit(int(r[0]), int(r[1]), str(r[2]), str(r[3]), Role(r[4]), r[5]) for r in rows]
