"""When the history cannot be opened: say what happened and offer the newest backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.storage.history.files import restore_backup
from app.storage.history.store import HistoryStore, HistoryUnavailable
from app.ui.history.history_controller import HistoryController


class BackupOffer:
    """A non-blocking question; "Use this backup" puts it in place and history is back on."""

    def __init__(
        self,
        history: HistoryController,
        path: Path,
        problem: HistoryUnavailable,
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        self._history, self._path, self._say = history, path, say
        self.backup = problem.backups[0]
        when = dt.datetime.fromtimestamp(self.backup.stat().st_mtime).strftime("%d %b %Y %H:%M")
        self.box = QMessageBox(parent)
        self.box.setObjectName("backupOffer")
        self.box.setIcon(QMessageBox.Icon.Warning)
        self.box.setWindowTitle(QCoreApplication.translate("BackupOffer", "Chat history"))
        self.box.setTextFormat(Qt.TextFormat.PlainText)  # paths are not markup
        self.box.setText(
            QCoreApplication.translate("BackupOffer", "LlamaDesk could not open your saved chats.")
        )
        self.box.setInformativeText(
            QCoreApplication.translate(
                "BackupOffer",
                "{message}\n\nA backup from {when} exists. Use it? The damaged file is kept aside, not deleted.",
            ).format(message=problem.message, when=when)
        )
        self.use_button = self.box.addButton(
            QCoreApplication.translate("BackupOffer", "Use this backup"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        self.use_button.setObjectName("useBackupButton")
        self.use_button.setToolTip(
            QCoreApplication.translate(
                "BackupOffer", "Restore {name} and turn history back on"
            ).format(name=self.backup.name)
        )
        self.later_button = self.box.addButton(
            QCoreApplication.translate("BackupOffer", "Not now"), QMessageBox.ButtonRole.RejectRole
        )
        self.later_button.setObjectName("notNowButton")
        self.later_button.setToolTip(
            QCoreApplication.translate(
                "BackupOffer", "Keep chatting; nothing will be saved this time"
            )
        )
        self.box.setDefaultButton(self.use_button)
        self.box.buttonClicked.connect(self._on_button_clicked)

    def show(self) -> None:
        self.box.open()  # window-modal, no nested event loop

    def _on_button_clicked(self, button: object) -> None:
        if button is not self.use_button:
            return
        try:
            aside = restore_backup(self._path, self.backup)
            store = HistoryStore.open(self._path)
        except (OSError, HistoryUnavailable) as exc:
            reason = exc.message if isinstance(exc, HistoryUnavailable) else str(exc)
            self._say(
                QCoreApplication.translate(
                    "BackupOffer", "The backup could not be used: {reason}. History stays off."
                ).format(reason=reason)
            )
            return
        self._history.attach(store)
        kept = (
            QCoreApplication.translate(
                "BackupOffer", " The damaged file is kept as {name}."
            ).format(name=aside.name)
            if aside
            else ""
        )
        self._say(
            QCoreApplication.translate(
                "BackupOffer", "History is back on, from the backup of {name}.{kept}"
            ).format(name=self.backup.name, kept=kept)
        )
