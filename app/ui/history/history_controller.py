"""Write-through of the chat into the history store, and the sidebar that reopens conversations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject

from app.core.conversation import ChatMessage
from app.core.history_model import StoredMessage
from app.storage.history.store import HistoryStore, HistoryUnavailable, ReplyWriter
from app.ui.history.conversation_list import ConversationListModel
from app.ui.history.search import DEFAULT_DELAY_MS, HistorySearchController
from app.ui.history.sidebar_actions import SidebarActionsController
from app.ui.window.main_window import MainWindow
from app.ui.window.window_controller import WindowController

#: What a failed write can raise: the store turned read-only, SQLite, or the disk.
_WRITE_ERRORS = (HistoryUnavailable, sqlite3.Error, OSError, RuntimeError)


def unavailable_notice(exc: HistoryUnavailable, path: Path) -> str:
    """The status line when the history cannot be opened: what happened, and that nothing is lost."""
    what = exc.message.split(" Nothing was changed.")[0].rstrip(".")  # the offer needs a dialog
    kept = (
        f"The last backup is kept at {exc.backups[0]}"
        if exc.backups
        else f"The file is kept as it is at {path}"
    )
    return (
        f"History is off: {what}. Chats in this window are kept in memory only and will not be "
        f"saved. {kept} and will not be overwritten."
    )


class HistoryController(QObject):
    """Stores every message as it happens and keeps the sidebar in step with the store.

    Messages in memory are tied to their stored ids by identity: a retried or continued reply
    becomes a new version (sibling) under the same user message, as `HistoryStore.regenerate`.
    """

    def __init__(
        self,
        controller: WindowController,
        store: HistoryStore | None,
        notice: str = "",
        search_delay_ms: int = DEFAULT_DELAY_MS,
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self._window = controller.window
        self._store = store
        self._writable = store is not None  # False after a failed write: memory only from then
        self._notice = notice
        self._conversation_id: int | None = None
        self._stored: dict[int, tuple[ChatMessage, int]] = {}  # id(message) -> (message, row)
        self._writer: ReplyWriter | None = None
        self._close_when_idle = False
        self.model = ConversationListModel(
            store.conversations if store else list,
            self,
            rename=(lambda i, title: self.actions.rename(i, title)) if store else None,
        )
        view = self._window.conversation_list
        view.setModel(self.model)
        view.clicked.connect(self._on_list_activated)
        view.activated.connect(self._on_list_activated)
        controller.user_message_added.connect(self._on_user_message_added)
        controller.new_chat_started.connect(self._on_new_chat_started)
        controller.version_step_requested.connect(self._on_version_step_requested)
        chat = controller.chat
        chat.reply_started.connect(self._on_reply_started)
        chat.reply_delta.connect(self._on_reply_delta)
        chat.reply_ended.connect(self._on_reply_ended)
        self.actions = SidebarActionsController(self, self)
        self.search = HistorySearchController(self, self, search_delay_ms)
        self._window.history_pane.search_edit.setEnabled(store is not None)
        self.model.refresh()
        self._show_notice()

    @property
    def store(self) -> HistoryStore | None:
        """The open store; None when the history could not be opened or is closed."""
        return self._store

    @property
    def window(self) -> MainWindow:
        return self._window

    @property
    def busy(self) -> bool:
        """A reply is streaming: the open conversation must stay on screen."""
        return self._controller.chat.busy

    def start_new_chat(self) -> None:
        self._controller.new_chat()

    @property
    def conversation_id(self) -> int | None:
        """The stored conversation on screen; None until a new chat's first message is sent."""
        return self._conversation_id

    def close(self) -> None:
        """Close the store now, or as soon as the running reply has been stored."""
        if self._writer is not None:
            self._close_when_idle = True
            return
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- writing --------------------------------------------------------------------------

    def _on_user_message_added(self, message: ChatMessage) -> None:
        store, w = self._store, self._window
        if store is None or not self._writable:
            return
        prompt, params = w.system_prompt_editor.toPlainText(), w.params_panel.params()
        profile_id = self._controller.active_id
        try:
            if self._conversation_id is None:
                record = store.new_conversation(
                    system_prompt=prompt, params=params, profile_id=profile_id
                )
                self._conversation_id = record.id
            else:
                store.update_conversation(
                    self._conversation_id,
                    system_prompt=prompt,
                    params=params,
                    profile_id=profile_id,
                )
            parent = self._stored_id(self._previous(message))
            stored = store.add_user_message(self._conversation_id, message.text, parent_id=parent)
        except _WRITE_ERRORS as exc:
            self._write_failed(exc)
            return
        self._remember(message, stored)
        self._refresh_list()

    def _on_reply_started(self, reply: ChatMessage) -> None:
        if self._store is None or not self._writable or self._conversation_id is None:
            return
        parent = self._stored_id(self._previous(reply))
        if parent is None:
            return  # its user message was never stored: the history already said why
        try:
            self._writer = self._store.start_reply(self._conversation_id, parent_id=parent)
            self._writer.append(reply.text)  # Continue: the new version starts with the old text
        except _WRITE_ERRORS as exc:
            self._write_failed(exc)
            return
        self._remember(reply, self._writer.message)

    def _on_reply_delta(self, text: str) -> None:
        if self._writer is not None:
            self._writer.append(text)

    def _on_reply_ended(self, reply: ChatMessage) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.record(reply)
            except _WRITE_ERRORS as exc:
                self._write_failed(exc)
            self._refresh_list()
            previous = self._previous(reply)
            versions = self._has_versions(reply) or (
                previous is not None and self._has_versions(previous)
            )
            if self._conversation_id is not None and versions:
                self.open_conversation(self._conversation_id)  # redraw with "‹ 2/2 ›"
        self._show_notice()  # the window clears the status line when a reply ends
        if self._close_when_idle:
            self.close()

    def _has_versions(self, message: ChatMessage) -> bool:
        row = self._stored_id(message)
        stored = self._store.message(row) if self._store is not None and row else None
        return stored is not None and stored.sibling_count > 1

    def _on_version_step_requested(self, message: ChatMessage, step: int) -> None:
        """Show the previous or next version of a reply; the choice is remembered."""
        row = self._stored_id(message)
        if self._store is None or row is None or self._conversation_id is None:
            return
        other = self._store.sibling(row, step)
        if other is not None:
            self._store.select(other.id)
            self.open_conversation(self._conversation_id)

    def _write_failed(self, exc: Exception) -> None:
        self._notice = f"History could not be saved; chats are kept in memory only. ({exc})"
        self._writable = False
        self._show_notice()

    def attach(self, store: HistoryStore) -> None:
        """Start storing into `store` (a backup just restored in place of a damaged file)."""
        self._store, self._writable, self._notice = store, True, ""
        self._conversation_id = None
        self._stored.clear()
        self.model.set_source(store.conversations, lambda i, title: self.actions.rename(i, title))
        self._window.conversation_list.setToolTip(
            "Your saved conversations, pinned first, then newest. Click one to open it."
        )

    def _show_notice(self) -> None:
        if self._notice:
            self._window.status_label.setText(self._notice)
            self._window.conversation_list.setToolTip(self._notice)

    # -- which stored message is which ----------------------------------------------------

    def _remember(self, message: ChatMessage, stored: StoredMessage) -> None:
        self._stored[id(message)] = (message, stored.id)

    def index_of(self, message_id: int) -> int | None:
        """Where a stored message sits in the conversation on screen, if it is there."""
        for index, message in enumerate(self._controller.conversation.messages):
            if self._stored_id(message) == message_id:
                return index
        return None

    def _stored_id(self, message: ChatMessage | None) -> int | None:
        found = self._stored.get(id(message)) if message is not None else None
        return found[1] if found is not None else None

    def _previous(self, message: ChatMessage) -> ChatMessage | None:
        messages = self._controller.conversation.messages
        index = next((i for i, m in enumerate(messages) if m is message), 0)
        return messages[index - 1] if index > 0 else None

    # -- the sidebar ----------------------------------------------------------------------

    def refresh_list(self) -> None:
        """Reload the sidebar; the highlight follows the conversation on screen."""
        self._refresh_list()

    def _refresh_list(self) -> None:
        self.model.refresh()
        view = self._window.conversation_list
        row = self.model.row_of(self._conversation_id)
        view.setCurrentIndex(self.model.index(row, 0) if row >= 0 else QModelIndex())

    def _on_new_chat_started(self) -> None:
        self._conversation_id = None
        self._stored.clear()
        self._refresh_list()

    def _on_list_activated(self, index: QModelIndex) -> None:
        conversation_id = self.model.conversation_id(index.row())
        if conversation_id is None or conversation_id == self._conversation_id:
            return
        if self._controller.chat.busy:
            self._window.status_label.setText(
                "A reply is still streaming: stop it before opening another conversation."
            )
            self._refresh_list()  # keep the highlight on the conversation being answered
            return
        self.open_conversation(conversation_id)

    def open_conversation(self, conversation_id: int) -> None:
        """Show a stored conversation's active branch with its own system prompt and parameters."""
        if self._store is None:
            return
        record = self._store.conversation(conversation_id)
        path = self._store.active_path(conversation_id)
        messages = [m.to_chat_message() for m in path]
        self._conversation_id = conversation_id
        self._stored = {id(m): (m, s.id) for m, s in zip(messages, path, strict=True)}
        w = self._window
        w.system_prompt_editor.setPlainText(record.system_prompt)
        w.params_panel.set_params(record.params)
        selector = w.profile_selector
        if record.profile_id and selector.findData(record.profile_id) >= 0:
            selector.setCurrentIndex(selector.findData(record.profile_id))
        self._controller.show_conversation(messages)
        self._refresh_list()
