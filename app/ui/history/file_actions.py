"""Chat menu actions on files: export a chat (Markdown, JSON), import one, back up / restore all."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.storage.atomic_write import write_text_atomically
from app.storage.disk import DiskProblem, classify
from app.storage.history.export import (
    HistoryImportError,
    backup_library,
    conversation_json,
    conversation_markdown,
    import_file,
    restore_library,
)
from app.storage.history.files import conversation_count
from app.storage.history.store import HistoryStore, HistoryUnavailable
from app.storage.limited_read import FileRefused
from app.ui.history.history_controller import HistoryController
from app.ui.window.file_dialogs import PathPicker
from app.ui.window.window_controller import WindowController

#: (title, suggested file name, file filter, for saving?) -> chosen path or None (cancelled)

BACKUP_SUFFIX = ".db"
#: Backups made here end in .db; the safety copies kept before a restore or an upgrade are
#: named history.db.bak-v<N>-<time>.db (older ones have no .db): the filter shows both.
_BACKUP_SAVE_FILTER = QT_TRANSLATE_NOOP("HistoryFileActions", "LlamaDesk backup (*.db)")
_BACKUP_OPEN_FILTER = QT_TRANSLATE_NOOP(
    "HistoryFileActions", "LlamaDesk backups (*.db *.db.bak-*);;All files (*)"
)
#: What a failed file action can raise: the OS, SQLite, a refused file, the store's checks.
_FILE_ERRORS = (OSError, sqlite3.Error, HistoryUnavailable, HistoryImportError)


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
        self.restore_question: QMessageBox | None = None  # open while it waits for an answer

    def export_markdown(self) -> None:
        self._export(
            QCoreApplication.translate("HistoryFileActions", "Markdown"),
            "md",
            QCoreApplication.translate("HistoryFileActions", "Markdown (*.md)"),
            lambda store, cid: conversation_markdown(store, cid),
        )

    def export_json(self) -> None:
        self._export(
            "JSON",
            "json",
            QCoreApplication.translate("HistoryFileActions", "JSON (*.json)"),
            lambda store, cid: (
                json.dumps(conversation_json(store, cid), indent=2, ensure_ascii=False) + "\n"
            ),
        )

    def import_json(self) -> None:
        store = self._history.store
        if store is None:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "The chat history is not available, so nothing can be imported.",
                )
            )
            return
        path = self._pick(
            QCoreApplication.translate("HistoryFileActions", "Import a chat"),
            "",
            QCoreApplication.translate("HistoryFileActions", "JSON (*.json)"),
            False,
        )
        if path is None:
            return
        try:
            record = import_file(store, path)
        except _FILE_ERRORS as exc:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "{name} could not be imported: {reason}. Choose a chat exported by LlamaDesk as JSON.",
                ).format(name=path.name, reason=_reason(exc, path))
            )
            return
        title = record.title or path.stem
        if self._history.open_conversation(record.id):
            self._say(
                QCoreApplication.translate("HistoryFileActions", "Imported “{title}”.").format(
                    title=title
                )
            )
        else:  # a reply is streaming: the chat waits in the list
            self._history.refresh_list()
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "Imported “{title}”: it is in the list; open it once the reply has ended.",
                ).format(title=title)
            )

    def backup_all(self) -> None:
        store = self._history.store
        if store is None:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "The chat history is not available, so there is nothing to back up.",
                )
            )
            return
        path = self._pick(
            QCoreApplication.translate("HistoryFileActions", "Back up all chats"),
            "llamadesk-backup.db",
            QCoreApplication.translate("HistoryFileActions", _BACKUP_SAVE_FILTER),
            True,
        )
        if path is None:
            return
        if path.suffix != BACKUP_SUFFIX:  # the dialog confirmed overwriting `path`, not this one
            path = path.with_name(path.name + BACKUP_SUFFIX)
            if path.exists():
                self._say(
                    QCoreApplication.translate(
                        "HistoryFileActions",
                        "{path} already exists: back up again and choose another name.",
                    ).format(path=path)
                )
                return
        try:
            backup_library(store, path)
        except _FILE_ERRORS as exc:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions", "The backup could not be written: {reason}."
                ).format(reason=_reason(exc, path))
            )
            return
        self._say(
            QCoreApplication.translate(
                "HistoryFileActions", "All chats were backed up to {path}."
            ).format(path=path)
        )

    def restore_all(self) -> None:
        """Ask which backup, check it, then ask before it replaces every chat."""
        store = self._history.store
        if store is None:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "The chat history is not available, so nothing can be restored into it.",
                )
            )
            return
        if self._history.busy:  # the reply is written into the history as it streams
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "A reply is still streaming: stop it before restoring all chats.",
                )
            )
            return
        path = self._pick(
            QCoreApplication.translate("HistoryFileActions", "Restore all chats from a backup"),
            "",
            QCoreApplication.translate("HistoryFileActions", _BACKUP_OPEN_FILTER),
            False,
        )
        if path is None:
            return
        try:
            incoming = conversation_count(path)  # refuses a damaged, newer or special file
        except _FILE_ERRORS as exc:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "{name} could not be restored: {reason}. Nothing was changed.",
                ).format(name=path.name, reason=_reason(exc, path))
            )
            return
        self.restore_question = _restore_question(self._history.window, store, path, incoming)
        self.restore_question.buttonClicked.connect(
            lambda button: self._on_restore_question_answered(button, store, path)
        )
        self.restore_question.open()  # window-modal, no nested event loop

    def _on_restore_question_answered(
        self, button: QAbstractButton, store: HistoryStore, path: Path
    ) -> None:
        question, self.restore_question = self.restore_question, None
        if question is not None:
            question.deleteLater()  # answered: one question per restore, not one kept for each
        if question is None or question.buttonRole(button) != QMessageBox.ButtonRole.AcceptRole:
            return
        if self._history.store is not store:
            return  # the history was closed or replaced while the question was open
        try:
            kept = restore_library(store, path)
        except _FILE_ERRORS as exc:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "{name} could not be restored: {reason}. Nothing was changed.",
                ).format(name=path.name, reason=_reason(exc, path))
            )
            return
        self._window.new_chat()  # what was on screen may not exist in the restored library
        self._history.model.refresh()
        self._history.store_replaced.emit(store)  # the prompt library was restored with it
        self._say(
            QCoreApplication.translate(
                "HistoryFileActions",
                "Chats restored from {name}. The chats you had are kept in {kept}.",
            ).format(name=path.name, kept=kept)
        )

    def _export(self, kind: str, suffix: str, filters: str, render: Callable[..., str]) -> None:
        store, conversation_id = self._history.store, self._history.conversation_id
        if store is None or conversation_id is None:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions",
                    "Open or start a chat first: there is nothing to export yet.",
                )
            )
            return
        title = store.conversation(conversation_id).title or "chat"
        path = self._pick(
            QCoreApplication.translate("HistoryFileActions", "Export this chat as {kind}").format(
                kind=kind
            ),
            f"{_file_name(title)}.{suffix}",
            filters,
            True,
        )
        if path is None:
            return
        try:
            write_text_atomically(path, render(store, conversation_id))
        except OSError as exc:
            self._say(
                QCoreApplication.translate(
                    "HistoryFileActions", "The chat could not be exported: {reason}."
                ).format(reason=_reason(exc, path))
            )
            return
        self._say(
            QCoreApplication.translate(
                "HistoryFileActions", "Exported “{title}” to {path}."
            ).format(title=title, path=path)
        )


def _file_name(title: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in title).strip()
    return "-".join(cleaned.split())[:60] or "chat"


def _restore_question(
    parent: QWidget | None, store: HistoryStore, path: Path, incoming: int
) -> QMessageBox:
    """ "Replace all chats?", with both counts and where the safety copy goes; Cancel by default."""
    current = store.conversation_count()
    box = QMessageBox(parent)
    box.setObjectName("restoreQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("FileActions", "Restore all chats"))
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
    box.setText(
        QCoreApplication.translate(
            "FileActions", "Replace all your chats with the ones in {name}?"
        ).format(name=path.name)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "FileActions",
            "Your {chats} will be replaced by the {chats2} in this backup. A safety copy of your current chats is kept first, in {parent} (named {name}.bak-v…-<time>.db); restore it the same way to go back.",
        ).format(
            chats=_chats(current),
            chats2=_chats(incoming),
            parent=store.path.parent,
            name=store.path.name,
        )
    )
    replace = box.addButton(
        QCoreApplication.translate("FileActions", "Replace all chats"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    replace.setObjectName("replaceAllChatsButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # Enter must not replace every chat
    box.setEscapeButton(cancel)
    return box


def _chats(count: int) -> str:
    return translate("FileActions", "%n chat(s)", None, count)


def _reason(exc: BaseException, path: Path) -> str:
    """Why a file action failed, in words: a full disk is a full disk, not an error code."""
    if isinstance(exc, FileNotFoundError):
        return QCoreApplication.translate("FileActions", "the file does not exist")
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate("FileActions", "permission denied")
    if isinstance(exc, FileRefused | HistoryImportError):
        return str(exc).rstrip(".")
    if isinstance(exc, HistoryUnavailable):
        if exc.reason:  # "is damaged (…)": about the file just named
            return QCoreApplication.translate("FileActions", "it {reason}").format(
                reason=exc.reason
            )
        return exc.message.rstrip(".")
    problem = classify(exc, path.parent)
    if problem is DiskProblem.FULL:
        return QCoreApplication.translate("FileActions", "the disk is full")
    if problem is DiskProblem.READ_ONLY:
        return QCoreApplication.translate("FileActions", "the file or its folder is read-only")
    if problem is DiskProblem.NOT_A_FOLDER:
        return QCoreApplication.translate("FileActions", "its folder is a file, not a folder")
    text = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
    return text.strip().rstrip(".") or type(exc).__name__
