"""Sidebar actions on a saved conversation: rename in place (F2), pin (Ctrl+P), delete with undo."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from app.core.history_model import ConversationSummary
from app.core.i18n import QT_TRANSLATE_NOOP
from app.storage.history.store import HistoryUnavailable
from app.ui.history.history_access import HistoryAccess

_WRITE_ERRORS = (HistoryUnavailable, sqlite3.Error, OSError, RuntimeError)
_UNTITLED = QT_TRANSLATE_NOOP("ConversationList", "New conversation")


class SidebarActionsController(QObject):
    """Acts on the conversation under the sidebar's cursor; the store does the work."""

    def __init__(self, history: HistoryAccess, parent: QObject) -> None:
        super().__init__(parent)
        self._history = history
        self._window = window = history.window
        self._deleted: ConversationSummary | None = None
        view = window.conversation_list
        # F2 only: a click opens the conversation, so a double click must not start editing.
        view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_list_context_menu_requested)
        self.rename_action = self._action(
            view,
            QCoreApplication.translate("SidebarActionsController", "&Rename…"),
            "F2",
            self._on_rename_triggered,
        )
        self.pin_action = self._action(
            view,
            QCoreApplication.translate("SidebarActionsController", "&Pin"),
            "Ctrl+P",
            self._on_pin_triggered,
        )
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        self.delete_action = self._action(
            view,
            QCoreApplication.translate("SidebarActionsController", "&Delete"),
            delete,
            self._on_delete_triggered,
        )
        # Ctrl+Z anywhere in the sidebar; the composer keeps its own text undo.
        undo = QKeySequence(QKeySequence.StandardKey.Undo)
        self.undo_action = self._action(
            window.history_pane,
            QCoreApplication.translate("SidebarActionsController", "&Undo delete"),
            undo,
            self.undo_delete,
        )
        self.undo_action.setEnabled(False)
        window.history_pane.undo_delete_button.clicked.connect(self.undo_delete)

    def _action(self, owner: QWidget, text: str, keys: QKeySequence | str, slot: object) -> QAction:
        act = QAction(text, owner)
        act.setShortcut(keys)
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        owner.addAction(act)
        return act

    def rename(self, conversation_id: int, title: str) -> str:
        """Store the typed name (empty: the automatic title) and return the title now stored."""
        store = self._history.store
        if store is None:
            return title
        try:
            store.rename(conversation_id, title)
            return store.conversation(conversation_id).title
        except (*_WRITE_ERRORS, KeyError) as exc:
            self._say(
                QCoreApplication.translate(
                    "SidebarActionsController", "The conversation could not be renamed. ({exc})"
                ).format(exc=exc)
            )
            return title

    def _current(self) -> ConversationSummary | None:
        view = self._window.conversation_list
        return self._history.model.summary(view.currentIndex().row())

    def _on_list_context_menu_requested(self, pos: QPoint) -> None:
        view = self._window.conversation_list
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.setCurrentIndex(index)
        row = self._current()
        self.pin_action.setText(
            QCoreApplication.translate("SidebarActionsController", "Un&pin")
            if row is not None and row.pinned
            else QCoreApplication.translate("SidebarActionsController", "&Pin")
        )
        menu = QMenu(view)
        menu.setAccessibleName(
            QCoreApplication.translate("SidebarActionsController", "Conversation actions")
        )
        menu.addActions([self.rename_action, self.pin_action, self.delete_action])
        menu.exec(view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_rename_triggered(self) -> None:
        view = self._window.conversation_list
        if view.currentIndex().isValid() and self._history.store is not None:
            view.edit(view.currentIndex())

    def _on_pin_triggered(self) -> None:
        row, store = self._current(), self._history.store
        if row is None or store is None:
            return
        try:
            store.set_pinned(row.id, not row.pinned)
        except _WRITE_ERRORS as exc:
            self._say(
                QCoreApplication.translate(
                    "SidebarActionsController", "The conversation could not be pinned. ({exc})"
                ).format(exc=exc)
            )
            return
        self._refresh(keep=row.id)

    def _on_delete_triggered(self) -> None:
        row, store = self._current(), self._history.store
        if row is None or store is None:
            return
        is_open = row.id in (self._history.conversation_id, self._history.compare_shown())
        if is_open and self._history.busy:
            self._say(
                QCoreApplication.translate(
                    "SidebarActionsController",
                    "A reply is still streaming: stop it before deleting this conversation.",
                )
            )
            return
        try:
            store.delete(row.id)
        except _WRITE_ERRORS as exc:
            self._say(
                QCoreApplication.translate(
                    "SidebarActionsController", "The conversation could not be deleted. ({exc})"
                ).format(exc=exc)
            )
            return
        self._deleted = row
        if is_open:
            self._history.start_new_chat()  # the list refreshes when the new chat starts
            self._window.conversation_list.setFocus()  # so Ctrl+Z still reaches the sidebar
        self._refresh(keep=None)
        self._say(
            QCoreApplication.translate(
                "SidebarActionsController", "Deleted “{value}”. Undo (Ctrl+Z)"
            ).format(value=row.title or QCoreApplication.translate("ConversationList", _UNTITLED))
        )
        self._set_undo_available(True)

    def undo_delete(self) -> None:
        """Bring back the conversation deleted last."""
        row, store = self._deleted, self._history.store
        if row is None or store is None:
            return
        try:
            store.undo_delete(row.id)
        except _WRITE_ERRORS as exc:
            self._say(
                QCoreApplication.translate(
                    "SidebarActionsController", "The conversation could not be restored. ({exc})"
                ).format(exc=exc)
            )
            return
        self._deleted = None
        self._set_undo_available(False)
        self._refresh(keep=row.id)
        self._say(
            QCoreApplication.translate("SidebarActionsController", "Restored “{value}”.").format(
                value=row.title or QCoreApplication.translate("ConversationList", _UNTITLED)
            )
        )

    def _set_undo_available(self, available: bool) -> None:
        self.undo_action.setEnabled(available)
        self._window.history_pane.undo_delete_button.setVisible(available)

    def _refresh(self, keep: int | None) -> None:
        """Reload the list; the cursor stays on `keep` (pin, undo) or goes to the open chat."""
        self._history.refresh_list()
        model, view = self._history.model, self._window.conversation_list
        if keep is not None and model.row_of(keep) >= 0:
            view.setCurrentIndex(model.index(model.row_of(keep), 0))

    def _say(self, text: str) -> None:
        self._window.status_label.setText(text)
