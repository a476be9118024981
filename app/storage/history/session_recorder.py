"""Write-through of one chat session into the history store, as its changes happen.

The user's message is stored before its request goes out, a reply while it streams (the
store's writer flushes it in the background), its final state when it ends, a chosen version
at once. Settings edits (typing a system prompt) are kept in memory and written with the next
message, when the chat is left, or when `flush_settings` is called (the window does after a
pause in typing). A failed write stops all writing: the chat goes on in memory, and
`on_error` is told once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Final, TypeVar

from app.core.message import ChatMessage
from app.core.request import Role
from app.core.session import ChatSession
from app.core.session_events import (
    BranchSelected,
    MessageAdded,
    MessageRemoved,
    ReplyEnded,
    ReplyGrew,
    ReplyStarted,
    SessionChange,
    SettingsChanged,
)
from app.storage.history.files import HistoryUnavailable
from app.storage.history.store import HistoryStore, ReplyWriter

#: What a failed write can raise: the store turned read-only, SQLite, or the disk.
WRITE_ERRORS: Final = (HistoryUnavailable, sqlite3.Error, OSError, RuntimeError)
_T = TypeVar("_T")


class SessionRecorder:
    """Follows one session at a time; `attach` another to follow that one instead."""

    def __init__(
        self,
        store: HistoryStore,
        *,
        on_error: Callable[[Exception], None],
        on_stored: Callable[[], None] = lambda: None,
    ) -> None:
        self.store = store
        self._on_error = on_error
        self._on_stored = on_stored  # the list of conversations changed (a new one, a title)
        self._session: ChatSession | None = None
        self._unsubscribe: Callable[[], None] = lambda: None
        self._writer: ReplyWriter | None = None
        self._settings_dirty = False
        self.failed = False

    @property
    def writing(self) -> bool:
        """A reply is streaming into the store."""
        return self._writer is not None

    def attach(self, session: ChatSession) -> None:
        self.detach()
        self._session = session
        self._unsubscribe = session.subscribe(self._on_change)

    def detach(self) -> None:
        """Stop following the current session, after writing its unsaved settings."""
        self.flush_settings()
        self._unsubscribe()
        self._unsubscribe = lambda: None
        self._session = None

    def flush_settings(self) -> None:
        session = self._session
        if not self._settings_dirty or session is None or session.conversation_id is None:
            return
        self._settings_dirty = False
        self._write(
            lambda: self.store.update_settings(session.conversation_id or 0, session.settings)
        )

    # -- the session's changes ---------------------------------------------------------------

    def _on_change(self, change: SessionChange) -> None:
        if self.failed:
            return
        if isinstance(change, ReplyGrew):
            if self._writer is not None:
                self._writer.append(change.text)
        elif isinstance(change, MessageAdded):
            self._on_added(change.message, change.parent)
        elif isinstance(change, ReplyStarted):
            if change.continued and change.message.id is not None:
                message_id = change.message.id
                self._writer = self._write(lambda: self.store.resume_reply(message_id))
        elif isinstance(change, ReplyEnded):
            self._on_reply_ended(change.message)
        elif isinstance(change, BranchSelected):
            if change.message.id is not None:
                message_id = change.message.id
                self._write(lambda: self.store.select(message_id))
        elif isinstance(change, MessageRemoved):
            if change.message.id is not None:
                message_id = change.message.id
                self._write(lambda: self.store.delete_message(message_id))
        elif isinstance(change, SettingsChanged):
            self._settings_dirty = True

    def _on_added(self, message: ChatMessage, parent: ChatMessage | None) -> None:
        session = self._session
        assert session is not None
        if parent is not None and parent.id is None:
            return  # what it follows was never stored (history was off then): keep it in memory
        parent_id = None if parent is None else parent.id
        if message.role is Role.USER:
            stored = self._write(lambda: self._store_user(session, message.text, parent_id))
            if stored is not None:
                message.id, message.created_at = stored.id, stored.created_at
                self._on_stored()
        elif session.conversation_id is not None:
            conversation_id = session.conversation_id
            writer = self._write(
                lambda: self.store.start_reply(conversation_id, parent_id=parent_id)
            )
            if writer is not None:
                self._writer = writer
                message.id = writer.message_id

    def _store_user(self, session: ChatSession, text: str, parent_id: int | None) -> ChatMessage:
        if session.conversation_id is None:
            session.conversation_id = self.store.new_conversation(session.settings).id
            self._settings_dirty = False
        elif self._settings_dirty:
            self._settings_dirty = False
            self.store.update_settings(session.conversation_id, session.settings)
        return self.store.add_user_message(session.conversation_id, text, parent_id=parent_id)

    def _on_reply_ended(self, message: ChatMessage) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            self._write(lambda: writer.record(message))
            self._on_stored()

    def _write(self, write: Callable[[], _T]) -> _T | None:
        try:
            return write()
        except WRITE_ERRORS as exc:
            self.failed = True
            self._writer = None
            self._on_error(exc)
            return None
