"""Compares in the history: a 'compare' conversation whose panes are conversations of their own.

Each pane is stored like any chat (its settings, its message tree, each reply's provenance and
request body), so the window records it with a SessionRecorder, search finds its words, and a
crash recovers it. "Continue with this one" copies a pane into a normal chat, in SQL: request
bodies never pass through memory, and the compare stays whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from app.core.chat_settings import ChatSettings
from app.core.compare import MAX_PANES, MIN_PANES, CompareSession, PaneLimit
from app.core.history_model import COMPARE
from app.core.session import ChatSession
from app.storage.history.compare_rows import compare_of, pane_ids
from app.storage.history.conversation_store import ConversationStore
from app.storage.history.provenance_rows import decode_provenance, encode_provenance
from app.storage.history.rows import SETTINGS_COLUMNS, storable

#: Every column of a message row but its place (id, conversation, parent, chosen child).
_MESSAGE_FIELDS: Final = (
    "role, text, state, finish_reason, failure, usage, ttft_ms, tokens_per_s, model, "
    "created_at, updated_at, provenance, request_body"
)
# A reply streaming into the pane while it is copied can never finish in the copy.
_COPIED_FIELDS: Final = _MESSAGE_FIELDS.replace(
    "state", "CASE state WHEN 'streaming' THEN 'interrupted' ELSE state END"
)


class NotACompare(ValueError):
    """The conversation asked for is not a compare (or not a compare's pane)."""

    def __init__(self, conversation_id: int, what: str = "a compare") -> None:
        super().__init__(f"Conversation {conversation_id} is not {what}.")


class CompareStore(ConversationStore):
    """new_compare, load_compare, add_pane, remove_pane and continue_pane on an open history."""

    def new_compare(self, settings: Sequence[ChatSettings], title: str = "") -> CompareSession:
        """A stored compare with one empty pane per `settings` (2 to 4), left to right."""
        if not MIN_PANES <= len(settings) <= MAX_PANES:
            raise PaneLimit(f"A compare holds {MIN_PANES} to {MAX_PANES} panes.")
        title = storable(" ".join(title.split()))
        named = ("title", title), ("title_auto", 0 if title else 1)
        now = self._clock()
        with self._write() as conn:
            compare_id = self._insert(conn, ChatSettings(), now, ("kind", COMPARE), *named)
            ids = [
                self._insert(conn, s, now, ("compare_of", compare_id), ("pane", i), *named)
                for i, s in enumerate(settings)
            ]
        return CompareSession(
            [self.load_session(i) for i in ids], compare_id=compare_id, title=title
        )

    def load_compare(self, compare_id: int) -> CompareSession:
        """The compare with its panes in order, each a stored session (as load_session gives).

        KeyError when there is no such conversation, NotACompare when it is a chat. Panes past
        MAX_PANES (only a damaged or newer file has them) stay in the file, unshown.
        """
        record = self.conversation(compare_id)
        if record.kind != COMPARE:
            raise NotACompare(compare_id)
        with self._lock:
            ids = pane_ids(self._conn, compare_id)
        panes = [self.load_session(i) for i in ids[:MAX_PANES]]
        return CompareSession(panes, compare_id=compare_id, title=record.title)

    def add_pane(self, compare_id: int, settings: ChatSettings) -> ChatSession:
        """A new empty pane at the right of the compare (CompareSession.adopt_pane shows it)."""
        now = self._clock()
        with self._write() as conn:
            row = conn.execute(
                "SELECT kind, title, title_auto FROM conversations WHERE id = ?", (compare_id,)
            ).fetchone()
            if row is None or row[0] != COMPARE:
                raise NotACompare(compare_id)
            ids = pane_ids(conn, compare_id)
            if len(ids) >= MAX_PANES:
                raise PaneLimit(f"A compare holds at most {MAX_PANES} panes; remove one first.")
            pane_id = self._insert(
                conn,
                settings,
                now,
                ("compare_of", compare_id),
                ("pane", len(ids)),
                ("title", row[1]),
                ("title_auto", row[2]),
            )
            conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, compare_id))
        return self.load_session(pane_id)

    def remove_pane(self, pane_id: int) -> None:
        """Remove a pane and its messages for good (never below MIN_PANES); the others close up."""
        with self._write() as conn:
            compare_id = self._compare_of(conn, pane_id)
            ids = pane_ids(conn, compare_id)
            if len(ids) <= MIN_PANES:
                raise PaneLimit(f"A compare needs at least {MIN_PANES} panes.")
            conn.execute("DELETE FROM conversations WHERE id = ?", (pane_id,))
            for place, kept in enumerate(i for i in ids if i != pane_id):
                conn.execute("UPDATE conversations SET pane = ? WHERE id = ?", (place, kept))

    def continue_pane(self, pane_id: int) -> int:
        """A normal chat copied from the pane (settings, every version, provenance, request
        bodies, the versions shown); returns its id. The compare is left as it was.

        A reply still streaming in the pane is copied as far as it got, as interrupted."""
        self._flush_writers()
        now = self._clock()
        with self._write() as conn:
            self._compare_of(conn, pane_id)
            cur = conn.execute(
                f"INSERT INTO conversations ({SETTINGS_COLUMNS}, title, title_auto, created_at, "
                f"updated_at) SELECT {SETTINGS_COLUMNS}, title, title_auto, created_at, ? "
                "FROM conversations WHERE id = ?",
                (now, pane_id),
            )
            chat_id = int(cur.lastrowid or 0)
            _copy_messages(conn, pane_id, chat_id)
        return chat_id

    @staticmethod
    def _compare_of(conn: sqlite3.Connection, pane_id: int) -> int:
        compare_id = compare_of(conn, pane_id)
        if compare_id is None:
            raise NotACompare(pane_id, "a compare's pane")
        return compare_id


def _copy_messages(conn: sqlite3.Connection, source: int, target: int) -> None:
    """Every message of conversation `source` into `target`, with the same tree and choices."""
    rows = conn.execute(
        "SELECT id, parent_id, active_child_id, provenance FROM messages "
        "WHERE conversation_id = ? ORDER BY id",
        (source,),
    ).fetchall()
    new: dict[int, int] = {}
    for message_id, parent_id, _, _ in rows:
        cur = conn.execute(
            f"INSERT INTO messages (conversation_id, parent_id, {_MESSAGE_FIELDS}) "
            f"SELECT ?, ?, {_COPIED_FIELDS} FROM messages WHERE id = ?",
            (target, new.get(parent_id), message_id),
        )
        new[int(message_id)] = int(cur.lastrowid or 0)
    for message_id, _, chosen, provenance_json in rows:
        if chosen in new:
            conn.execute(
                "UPDATE messages SET active_child_id = ? WHERE id = ?",
                (new[chosen], new[message_id]),
            )
        provenance = decode_provenance(provenance_json)
        if provenance is not None and provenance.replay_of is not None:
            # A replay names the reply it re-sent: in the copy, that reply's copy.
            renumbered = replace(provenance, replay_of=new.get(provenance.replay_of))
            conn.execute(
                "UPDATE messages SET provenance = ? WHERE id = ?",
                (encode_provenance(renumbered)[0], new[message_id]),
            )
    root = conn.execute(
        "SELECT active_root_id FROM conversations WHERE id = ?", (source,)
    ).fetchone()[0]
    conn.execute(
        "UPDATE conversations SET active_root_id = ? WHERE id = ?", (new.get(root), target)
    )
