"""The sidebar's item model: stored conversations (pinned first, then newest) as list rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.core.history_model import ConversationSummary
from app.core.i18n import QT_TRANSLATE_NOOP

#: (limit, offset) -> that page of rows, as `HistoryStore.conversations`.
ConversationSource = Callable[[int, int], list[ConversationSummary]]
Renamer = Callable[[int, str], str]  # (conversation id, typed name) -> the title now stored

_UNTITLED = QT_TRANSLATE_NOOP("ConversationList", "New conversation")
COMPARE_PREFIX = "⚖ "  # a compare (2–4 panes) rather than a chat
PAGE = 50  # rows read at a time; scrolling to the end of the list reads the next page


class ConversationListModel(QAbstractListModel):
    """An adapter over a loader such as `HistoryStore.conversations`; `refresh` reloads.

    Rows are read a page at a time (Qt's fetchMore when the list is scrolled to its end), so a
    library of thousands of chats opens as fast as one of fifty, and every chat is reachable.
    Titles are editable in place (F2) when a `rename` callback is given.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        source: ConversationSource,
        parent: QObject | None = None,
        rename: Renamer | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._rename = rename
        self._rows: list[ConversationSummary] = []
        self._more = False  # the last read filled its page: there may be more

    def set_source(self, source: ConversationSource, rename: Renamer | None) -> None:
        """A different store (e.g. a backup was restored): read from it from now on."""
        self._source, self._rename = source, rename
        self.refresh()

    def refresh(self) -> None:
        # A whole reset: the store decides the order (pinned, then updated_at); as many rows
        # as were shown are read again (re-reading a few pages is cheaper than diffing).
        wanted = max(PAGE, len(self._rows))
        self.beginResetModel()
        self._rows = self._source(wanted, 0)
        self._more = len(self._rows) >= wanted
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self._source(PAGE, len(self._rows))
        self._more = len(page) >= PAGE
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = COMPARE_PREFIX if row.kind == "compare" else ""
            return (
                ("📌 " if row.pinned else "")
                + kind
                + (row.title or QCoreApplication.translate("ConversationList", _UNTITLED))
            )
        if role == Qt.ItemDataRole.EditRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:  # a tooltip that looks like markup is shown as such
            return QtGui.Qt.convertFromPlainText(
                row.title or QCoreApplication.translate("ConversationList", _UNTITLED),
                Qt.WhiteSpaceMode.WhiteSpaceNormal,
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            kind = (
                QCoreApplication.translate("ConversationListModel", "Compare: ")
                if row.kind == "compare"
                else ""
            )
            return (
                (
                    QCoreApplication.translate("ConversationListModel", "Pinned: ")
                    if row.pinned
                    else ""
                )
                + kind
                + (row.title or QCoreApplication.translate("ConversationList", _UNTITLED))
            )
        if role == self.IdRole:
            return row.id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._rename is not None and index.isValid():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: object,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if self._rename is None or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        # Renaming keeps the order (pinned, updated_at), so the row changes in place: a reset
        # here would pull the model from under the editor that is committing.
        title = self._rename(row.id, str(value))
        self._rows[index.row()] = dataclasses.replace(row, title=title)
        self.dataChanged.emit(index, index)
        return True

    def summary(self, row: int) -> ConversationSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def conversation_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, conversation_id: int | None) -> int:
        """The row showing `conversation_id`, or -1 when it is not listed."""
        return next((i for i, r in enumerate(self._rows) if r.id == conversation_id), -1)

    def titles(self) -> list[str]:
        return [
            r.title or QCoreApplication.translate("ConversationList", _UNTITLED) for r in self._rows
        ]
