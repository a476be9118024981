"""Where a compare is kept: in the history (each pane written through as it happens), or in memory.

With no history (it could not be opened, or a write failed) a compare still works: its panes
live in memory, and the status line has said why already.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Final

from app.core.chat_settings import ChatSettings
from app.core.compare import CompareSession, PaneLimit
from app.core.session import ChatSession
from app.storage.history.compare_store import NotACompare
from app.storage.history.files import HistoryUnavailable
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore

#: What a history call can raise: the store turned read-only, SQLite, the disk, a missing row,
#: a row that is not a compare (or has too few panes) in a damaged file.
STORE_ERRORS: Final = (
    HistoryUnavailable,
    sqlite3.Error,
    OSError,
    RuntimeError,
    KeyError,
    NotACompare,
    PaneLimit,
)


class CompareStorage:
    """Makes, loads and changes compares, and records each pane as the main chat is recorded."""

    def __init__(
        self,
        store: Callable[[], HistoryStore | None],
        on_error: Callable[[Exception], None],
        on_stored: Callable[[], None],
    ) -> None:
        self._store = store
        self._on_error = on_error
        self._on_stored = on_stored
        self._recorders: dict[int, SessionRecorder] = {}  # id(pane session) -> its recorder

    @property
    def store(self) -> HistoryStore | None:
        return self._store()

    def new_compare(self, settings: Sequence[ChatSettings]) -> CompareSession:
        store = self.store
        if store is not None:
            try:
                return store.new_compare(settings)
            except STORE_ERRORS as exc:
                self._on_error(exc)
        return CompareSession([ChatSession(s) for s in settings])

    def load(self, compare_id: int) -> CompareSession | None:
        store = self.store
        if store is None:
            return None
        try:
            return store.load_compare(compare_id)
        except STORE_ERRORS as exc:
            self._on_error(exc)
            return None

    def add_pane(self, compare: CompareSession, settings: ChatSettings) -> ChatSession:
        store = self.store
        if store is not None and compare.compare_id is not None:
            try:
                return compare.adopt_pane(store.add_pane(compare.compare_id, settings))
            except STORE_ERRORS as exc:
                self._on_error(exc)
        return compare.add_pane(settings)

    def remove_pane(self, compare: CompareSession, index: int) -> ChatSession:
        """PaneLimit or SessionBusy (the message says why) change nothing."""
        pane = compare.remove_pane(index)
        self.stop_recording(pane)
        store = self.store
        if store is not None and pane.conversation_id is not None:
            try:
                store.remove_pane(pane.conversation_id)
            except STORE_ERRORS as exc:
                self._on_error(exc)
        return pane

    def continue_pane(self, pane: ChatSession) -> int | None:
        """A stored normal chat copied from the pane; None when it is not stored."""
        store = self.store
        if store is None or pane.conversation_id is None:
            return None
        try:
            return store.continue_pane(pane.conversation_id)
        except STORE_ERRORS as exc:
            self._on_error(exc)
            return None

    # -- recording -------------------------------------------------------------------------

    def record(self, pane: ChatSession) -> None:
        """Write the pane through to the history as it changes (only a stored pane)."""
        store = self.store
        if store is None or pane.conversation_id is None or id(pane) in self._recorders:
            return
        recorder = SessionRecorder(store, on_error=self._on_error, on_stored=self._on_stored)
        recorder.attach(pane)
        self._recorders[id(pane)] = recorder

    def stop_recording(self, pane: ChatSession) -> None:
        """Its unsaved settings are written first."""
        recorder = self._recorders.pop(id(pane), None)
        if recorder is not None:
            recorder.detach()

    @property
    def writing(self) -> bool:
        """Some pane's reply is still being written (it streams, or is ending after a Stop)."""
        return any(recorder.writing for recorder in self._recorders.values())

    def stop_all(self) -> None:
        """Stop recording every pane, except one whose reply is still ending: a quit stops the
        panes, and their replies must be stored as stopped, not found streaming at the next
        start. Called again once they have ended, it lets those go too."""
        for key, recorder in list(self._recorders.items()):
            if not recorder.writing:
                recorder.detach()
                del self._recorders[key]

    def flush_settings(self) -> None:
        for recorder in self._recorders.values():
            recorder.flush_settings()
