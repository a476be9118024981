"""Chat menu actions on files: export a chat (Markdown, JSON), import one, back up / restore all."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from app.storage.history.export import (
    HistoryImportError,
    backup_library,
    conversation_json,
    conversation_markdown,
    import_conversation,
    restore_library,
)
from app.storage.history.store import HistoryUnavailable
from app.ui.history.history_controller import HistoryController
from app.ui.window.window_controller import WindowController

#: (title, suggested file name, file filter, for saving?) -> chosen path or None (cancelled)
PathPicker = Callable[[str, str, str, bool], Path | None]


def dialog_picker(parent: QWidget) -> PathPicker:
    def pick(title: str, suggested: str, filters: str, save: bool) -> Path | None:
        if save:
            name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        else:
            name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    return pick


class HistoryFileActions(QObject):
    """Each action says what it did (or why it could not) in the window's status line."""

    def __init__(
        self,
        history: HistoryController,
        window: WindowController,
        say: Callable[[str], None],
        pick: PathPicker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._window = window
        self._say = say
        self._pick = pick

    def export_markdown(self) -> None:
        self._export(
            "Markdown",
            "md",
            "Markdown (*.md)",
            lambda store, cid: conversation_markdown(store, cid),
        )

    def export_json(self) -> None:
        self._export(
            "JSON",
            "json",
            "JSON (*.json)",
            lambda store, cid: (
                json.dumps(conversation_json(store, cid), indent=2, ensure_ascii=False) + "\n"
            ),
        )

    def import_json(self) -> None:
        store = self._history.store
        if store is None:
            self._say("The chat history is not available, so nothing can be imported.")
            return
        path = self._pick("Import a chat", "", "JSON (*.json)", False)
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            record = import_conversation(store, data)
        except (OSError, UnicodeDecodeError, ValueError, HistoryImportError) as exc:
            self._say(
                f"{path.name} could not be imported: {_reason(exc)}. Choose a chat "
                "exported by LlamaDesk as JSON."
            )
            return
        self._history.open_conversation(record.id)
        self._say(f"Imported “{record.title or path.stem}”.")

    def backup_all(self) -> None:
        store = self._history.store
        if store is None:
            self._say("The chat history is not available, so there is nothing to back up.")
            return
        path = self._pick(
            "Back up all chats", "llamadesk-backup.db", "LlamaDesk backup (*.db)", True
        )
        if path is None:
            return
        try:
            backup_library(store, path)
        except (OSError, HistoryUnavailable) as exc:
            self._say(f"The backup could not be written: {_reason(exc)}.")
            return
        self._say(f"All chats were backed up to {path}.")

    def restore_all(self) -> None:
        store = self._history.store
        if store is None:
            self._say("The chat history is not available, so nothing can be restored into it.")
            return
        path = self._pick("Restore all chats from a backup", "", "LlamaDesk backup (*.db)", False)
        if path is None:
            return
        try:
            kept = restore_library(store, path)
        except (OSError, HistoryUnavailable) as exc:
            self._say(f"{path.name} could not be restored: {_reason(exc)}. Nothing was changed.")
            return
        self._window.new_chat()  # what was on screen may not exist in the restored library
        self._history.model.refresh()
        self._say(f"Chats restored from {path.name}. The chats you had are kept in {kept}.")

    def _export(self, kind: str, suffix: str, filters: str, render: Callable[..., str]) -> None:
        store, conversation_id = self._history.store, self._history.conversation_id
        if store is None or conversation_id is None:
            self._say("Open or start a chat first: there is nothing to export yet.")
            return
        title = store.conversation(conversation_id).title or "chat"
        path = self._pick(
            f"Export this chat as {kind}", f"{_file_name(title)}.{suffix}", filters, True
        )
        if path is None:
            return
        try:
            path.write_text(render(store, conversation_id), encoding="utf-8")
        except OSError as exc:
            self._say(f"The chat could not be exported: {_reason(exc)}.")
            return
        self._say(f"Exported “{title}” to {path}.")


def _file_name(title: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in title).strip()
    return "-".join(cleaned.split())[:60] or "chat"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "the file does not exist"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, UnicodeDecodeError | json.JSONDecodeError):
        return "it is not a JSON text file"
    text = str(exc).strip()
    return text.rstrip(".") if text else type(exc).__name__
