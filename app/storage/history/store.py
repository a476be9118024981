"""Conversation history in SQLite: write-through, crash-safe, versioned, searchable, with branches."""

from __future__ import annotations

import enum
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from app.core.history_model import SearchHit, auto_title
from app.core.message import ChatMessage, MessageState
from app.core.request import Role
from app.storage.history import files, tree
from app.storage.history.compare_rows import COMPARE_OF
from app.storage.history.compare_store import CompareStore
from app.storage.history.eval_store import EvalStore
from app.storage.history.files import HistoryUnavailable, history_path, list_backups
from app.storage.history.prompt_store import PromptStore
from app.storage.history.rows import storable
from app.storage.history.writer import ReplyFlusher, ReplyWriter

__all__ = ["HistoryStore", "HistoryUnavailable", "ReplyWriter", "history_path", "list_backups"]


class _Leaf(enum.Enum):
    LEAF = "leaf"


LEAF: Final = _Leaf.LEAF  # default parent: the end of the active branch


class HistoryStore(CompareStore):
    """What the history holds: conversations and compares (CompareStore and ConversationStore),
    their message trees, streaming replies, search.

    Methods are thread-safe; all writes are committed on return.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        flush_interval_s: float,
        on_flushed: Callable[[int, int], None] | None,
        clock: Callable[[], float],
    ) -> None:
        super().__init__(conn, path, clock=clock)
        self._on_flushed = on_flushed
        self._flusher = ReplyFlusher(self, flush_interval_s)
        #: The prompt library, in the same file, behind the same lock and checked writes.
        self.prompts = PromptStore(self)
        #: Test sets, their runs, results and grades (`llamadesk eval` and the window's runs).
        self.evals = EvalStore(self)

    def purge_deleted(self, older_than_s: float = 0.0) -> int:
        """Remove for good the conversations and test sets deleted at least `older_than_s` ago
        (a purged set's runs stay, as runs of no set); returns how many conversations the
        sidebar had listed."""
        listed = super().purge_deleted(older_than_s)
        self.evals.purge_deleted_sets(older_than_s)
        return listed

    def _stop_writers(self) -> None:
        self._flusher.close()  # what streaming replies hold so far is written first

    def _flush_writers(self) -> None:
        self._flusher.flush_now()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        flush_interval_s: float = 1.0,
        on_flushed: Callable[[int, int], None] | None = None,
        clock: Callable[[], float] = time.time,
        full_check_max_bytes: int = files.FULL_CHECK_MAX_BYTES,
    ) -> HistoryStore:
        """Open (or create) the history; HistoryUnavailable if it must not be touched.

        The integrity check (PRAGMA quick_check) runs before anything is written, except for a
        file above `full_check_max_bytes` that was closed cleanly and needs no migration: then it
        runs in the background, writes wait for it, and if it fails the store turns read-only
        and `problem` says why.
        """
        conn, deferred = files.connect_checked(path, full_check_max_bytes)
        store = cls(
            conn, path, flush_interval_s=flush_interval_s, on_flushed=on_flushed, clock=clock
        )
        try:
            store._prepare()
        except BaseException as exc:
            store._stop_writers()
            conn.close()
            if isinstance(exc, sqlite3.Error | OSError):  # damage the quick look missed, a full
                raise files.refused(path, exc) from exc  # disk, a folder turned read-only
            raise
        if deferred:
            store._checker = threading.Thread(target=store._check, name="history-check")
            store._checker.start()
        else:
            store.checked.set()
        return store

    # Messages and branches ----------------------------------------------------------------

    def add_user_message(
        self, conversation_id: int, text: str, *, parent_id: int | _Leaf | None = LEAF
    ) -> ChatMessage:
        """Store the user's message (before its request is sent), after `parent_id` or the leaf."""
        with self._write() as conn:
            parent = self._leaf(conn, conversation_id) if parent_id is LEAF else parent_id
            new_id = tree.insert_message(
                conn, conversation_id, parent, Role.USER, text, MessageState.DONE, self._clock()
            )
            # A pane's first question names its compare too.
            conn.execute(
                f"UPDATE conversations SET title = ? WHERE id IN (?, {COMPARE_OF}) "
                "AND title_auto = 1 AND title = ''",
                (storable(auto_title(text)), conversation_id, conversation_id),
            )
        return self.message(new_id)

    def start_reply(
        self, conversation_id: int, *, parent_id: int | _Leaf | None = LEAF
    ) -> ReplyWriter:
        """Store an empty streaming reply after `parent_id` (or the leaf) and return its writer."""
        with self._write() as conn:
            parent = self._leaf(conn, conversation_id) if parent_id is LEAF else parent_id
            new_id = tree.insert_message(
                conn,
                conversation_id,
                parent,
                Role.ASSISTANT,
                "",
                MessageState.STREAMING,
                self._clock(),
            )
        return ReplyWriter(self, self._flusher, self.message(new_id))

    def resume_reply(self, message_id: int) -> ReplyWriter:
        """Continue a stored reply: it streams again, and its writer starts from its text."""
        with self._write() as conn:
            conn.execute("UPDATE messages SET state = 'streaming' WHERE id = ?", (message_id,))
        message = self.message(message_id)
        writer = ReplyWriter(self, self._flusher, message)
        writer.append(message.text)
        return writer

    def edit_user_message(self, message_id: int, text: str) -> ChatMessage:
        """A new version of a user message: a sibling branch, now the active one."""
        parent = self.parent_id(message_id)
        return self.add_user_message(self.conversation_of(message_id), text, parent_id=parent)

    def regenerate(self, reply_id: int) -> ReplyWriter:
        """A new version of a reply: a streaming sibling under the same user message."""
        parent = self.parent_id(reply_id)
        if parent is None:
            raise ValueError("a reply without a user message cannot be regenerated")
        return self.start_reply(self.conversation_of(reply_id), parent_id=parent)

    def delete_message(self, message_id: int) -> None:
        """Remove a message that has nothing below it (a failed reply asked again)."""
        with self._write() as conn:
            tree.delete_message(conn, message_id)

    def parent_id(self, message_id: int) -> int | None:
        rows = self._rows("SELECT parent_id FROM messages WHERE id = ?", (message_id,))
        if not rows:
            raise KeyError(message_id)
        return None if rows[0][0] is None else int(rows[0][0])

    def conversation_of(self, message_id: int) -> int:
        rows = self._rows("SELECT conversation_id FROM messages WHERE id = ?", (message_id,))
        if not rows:
            raise KeyError(message_id)
        return int(rows[0][0])

    @staticmethod
    def _leaf(conn: sqlite3.Connection, conversation_id: int) -> int | None:
        ids = tree.path_ids(conn, conversation_id)
        return ids[-1] if ids else None

    def active_path(self, conversation_id: int) -> list[ChatMessage]:
        """The messages shown: from the chosen root down each node's chosen child."""
        with self._lock:
            return [
                tree.fetch_message(self._conn, i)
                for i in tree.path_ids(self._conn, conversation_id)
            ]

    def message(self, message_id: int) -> ChatMessage:
        with self._lock:
            return tree.fetch_message(self._conn, message_id)

    def all_messages(self, conversation_id: int) -> list[ChatMessage]:
        """Every version of every message (the whole tree), oldest first."""
        return (
            self.load_session(conversation_id).messages() if self._exists(conversation_id) else []
        )

    def _exists(self, conversation_id: int) -> bool:
        return bool(self._rows("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)))

    def versions(self, message_id: int) -> tuple[int, int]:
        """(1-based position, count) among the versions of this message, e.g. (2, 3)."""
        with self._lock:
            siblings = tree.sibling_ids(self._conn, message_id)
        return siblings.index(message_id) + 1, len(siblings)

    def sibling(self, message_id: int, step: int) -> ChatMessage | None:
        """The version `step` places after (or before) this one, for '<' / '>' navigation."""
        with self._lock:
            siblings = tree.sibling_ids(self._conn, message_id)
            index = siblings.index(message_id) + step
            if not 0 <= index < len(siblings):
                return None
            return tree.fetch_message(self._conn, siblings[index])

    def select(self, message_id: int) -> list[ChatMessage]:
        """Show the branch through this message (a sibling, a search hit); returns the new path."""
        with self._write() as conn:
            conversation_id = tree.select_through(conn, message_id)
        return self.active_path(conversation_id)

    # Write-through of replies (called by ReplyWriter and its flusher thread) ---------------

    def flush_reply(self, writer: ReplyWriter) -> None:
        with self._write() as conn:
            if writer.closed:
                return
            text = writer.text
            tree.write_streamed(conn, writer.message_id, text, self._clock())
        writer.flushed_chars = len(text)
        if self._on_flushed is not None:
            self._on_flushed(writer.message_id, len(text))

    def finish_reply(self, writer: ReplyWriter, message: ChatMessage) -> ChatMessage:
        with self._write() as conn:
            writer.closed = True
            tree.write_final(conn, writer.message_id, message, self._clock())
        return self.message(writer.message_id)

    def search(
        self, query: str, limit: int = 50, marks: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """Messages containing every word (the last one as a prefix), newest first."""
        with self._lock:
            return tree.search(self._conn, query, limit, marks)
