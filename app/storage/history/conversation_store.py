"""Conversations in the history: create, read, list for the sidebar, settings, rename, pin, delete.

A compare and its panes act as one: the sidebar lists the compare once, and renaming,
pinning, deleting, restoring or purging it does the same to every pane.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from app.core.chat_settings import ChatSettings
from app.core.history_model import (
    CHAT,
    COMPARE,
    ConversationRecord,
    ConversationSummary,
    auto_title,
)
from app.core.message import ChatMessage
from app.core.provenance import RequestUnavailable, SentRequest
from app.core.session import ChatSession
from app.storage.history import tree
from app.storage.history.compare_rows import TOP_LEVEL, family, in_list
from app.storage.history.database import HistoryDatabase
from app.storage.history.provenance_rows import decode_provenance
from app.storage.history.request_bodies import unpack
from app.storage.history.rows import (
    CONVERSATION_COLUMNS,
    SETTINGS_COLUMNS,
    conversation_from_row,
    settings_columns,
    storable,
)


class ConversationStore(HistoryDatabase):
    """The conversation rows of an open history; `HistoryStore` adds messages and replies."""

    def new_conversation(self, settings: ChatSettings | None = None) -> ConversationRecord:
        now = self._clock()
        with self._write() as conn:
            conversation_id = self._insert(conn, settings or ChatSettings(), now)
        return self.conversation(conversation_id)

    @staticmethod
    def _insert(
        conn: sqlite3.Connection,
        settings: ChatSettings,
        now: float,
        *extra: tuple[str, object],
    ) -> int:
        """A conversation row; `extra`: (column, value) pairs besides the settings and times."""
        names = ", ".join(name for name, _ in extra)
        values = tuple(value for _, value in extra)
        columns = f"{SETTINGS_COLUMNS}, created_at, updated_at" + (f", {names}" if names else "")
        marks = ", ".join("?" * (10 + len(extra)))
        cur = conn.execute(
            f"INSERT INTO conversations ({columns}) VALUES ({marks})",
            (*settings_columns(settings), now, now, *values),
        )
        return int(cur.lastrowid or 0)

    def conversation(self, conversation_id: int) -> ConversationRecord:
        rows = self._rows(
            f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ?", (conversation_id,)
        )
        if not rows:
            raise KeyError(conversation_id)
        return conversation_from_row(rows[0])

    def conversation_count(self) -> int:
        """How many chats and compares the sidebar can list (deleted ones not counted)."""
        rows = self._rows(
            f"SELECT count(*) FROM conversations c WHERE c.deleted_at IS NULL AND {TOP_LEVEL}"
        )
        return int(rows[0][0])

    def conversations(self, limit: int = 50, offset: int = 0) -> list[ConversationSummary]:
        """Sidebar rows: pinned first, then most recently updated; a compare once, no panes."""
        rows = self._rows(
            "SELECT c.id, c.title, c.pinned, c.updated_at, c.kind FROM conversations c "
            f"WHERE c.deleted_at IS NULL AND {TOP_LEVEL} "
            "ORDER BY c.pinned DESC, c.updated_at DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [
            ConversationSummary(
                int(r[0]), str(r[1]), bool(r[2]), float(r[3]), COMPARE if r[4] == COMPARE else CHAT
            )
            for r in rows
        ]

    def update_settings(self, conversation_id: int, settings: ChatSettings) -> None:
        """Store the conversation's own settings (prompt, parameters, mode, endpoint, variables)."""
        sets = ", ".join(f"{name.strip()} = ?" for name in SETTINGS_COLUMNS.split(","))
        with self._write() as conn:
            conn.execute(
                f"UPDATE conversations SET {sets} WHERE id = ?",
                (*settings_columns(settings), conversation_id),
            )

    def rename(self, conversation_id: int, title: str) -> None:
        """Set a title of the user's own; an empty one goes back to the automatic title."""
        title = storable(" ".join(title.split()))
        with self._write() as conn:
            ids = family(conn, conversation_id)
            where = in_list(ids)
            if title:
                conn.execute(
                    f"UPDATE conversations SET title = ?, title_auto = 0 WHERE id IN {where}",
                    (title, *ids),
                )
                return
            first = conn.execute(
                f"SELECT text FROM messages WHERE conversation_id IN {where} AND role = 'user' "
                "ORDER BY id LIMIT 1",
                ids,
            ).fetchone()
            conn.execute(
                f"UPDATE conversations SET title = ?, title_auto = 1 WHERE id IN {where}",
                (auto_title(first[0]) if first else "", *ids),
            )

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._set_on_family(conversation_id, "pinned", int(pinned))

    def delete(self, conversation_id: int) -> None:
        """Hide the conversation; undo_delete brings it back until purge_deleted runs."""
        self._set_on_family(conversation_id, "deleted_at", self._clock())

    def undo_delete(self, conversation_id: int) -> None:
        self._set_on_family(conversation_id, "deleted_at", None)

    def _set_on_family(self, conversation_id: int, column: str, value: object) -> None:
        with self._write() as conn:
            ids = family(conn, conversation_id)
            conn.execute(
                f"UPDATE conversations SET {column} = ? WHERE id IN {in_list(ids)}", (value, *ids)
            )

    def purge_deleted(self, older_than_s: float = 0.0) -> int:
        """Remove for good the conversations deleted at least `older_than_s` ago (a compare
        with its panes); returns how many the sidebar had listed."""
        cutoff = self._clock() - older_than_s
        with self._write() as conn:
            listed = conn.execute(
                "SELECT count(*) FROM conversations c "
                f"WHERE c.deleted_at IS NOT NULL AND c.deleted_at <= ? AND {TOP_LEVEL}",
                (cutoff,),
            ).fetchone()[0]
            # A compare's panes go with it (ON DELETE CASCADE), whenever they were deleted.
            conn.execute(
                "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?",
                (cutoff,),
            )
        return int(listed)

    def insert_conversation(
        self,
        record: ConversationRecord,
        session: ChatSession,
        bodies: Mapping[ChatMessage, bytes] | None = None,
    ) -> ConversationRecord:
        """Add a whole conversation (an import): `record`'s settings, `session`'s messages,
        and the compressed request bodies of replies whose requests carry no bytes."""
        with self._write() as conn:
            conversation_id = tree.insert_conversation(conn, record, session, bodies or {})
        return self.conversation(conversation_id)

    def load_session(self, conversation_id: int) -> ChatSession:
        """The conversation as a session: every version, the chosen ones, its own settings.

        Replies hold their requests without the bytes; the session reads one through
        `sent_request` when Details, Compare or Replay needs it."""
        record = self.conversation(conversation_id)
        with self._lock:
            session = tree.load_session(self._conn, record)
        session.request_loader = self.sent_request
        return session

    def sent_request(self, message_id: int) -> SentRequest:
        """The request a stored reply sent, with its bytes; RequestUnavailable says why not."""
        try:
            with self._lock:
                column, blob = tree.request_columns(self._conn, message_id)
        except KeyError:
            raise RequestUnavailable("That reply is no longer in the history.") from None
        except sqlite3.Error as exc:
            raise RequestUnavailable(f"The history could not be read ({exc}).") from exc
        provenance = decode_provenance(column)
        request = None if provenance is None else provenance.request
        if request is None:
            raise RequestUnavailable("The history no longer holds a readable request for it.")
        return request if isinstance(request, SentRequest) else unpack(request, blob)

    def request_blob(self, message_id: int) -> bytes | None:
        """A stored reply's request body as kept (compressed), for an export to copy."""
        with self._lock:
            return tree.request_columns(self._conn, message_id)[1]
