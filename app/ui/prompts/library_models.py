"""Item models of the library window: prompts a page at a time, and one prompt's versions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.prompts.library import PromptSummary, PromptVersion
from app.ui.prompts.prompt_state import when

#: (query, limit, offset) -> that page of prompts, as `PromptLibrary.prompts`.
PromptSource = Callable[[str, int, int], list[PromptSummary]]
Renamer = Callable[[int, str], str | None]  # (prompt id, typed name) -> the name now stored
PAGE = 50  # prompts read at a time; scrolling to the end of the list reads the next page
_Index = QModelIndex | QPersistentModelIndex


class PromptListModel(QAbstractListModel):
    """Prompts matching the search, most recently changed first; F2 renames in place."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    DetailsRole = Qt.ItemDataRole.UserRole + 2  # the second, muted line

    def __init__(self, source: PromptSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.rename: Renamer | None = None  # names typed in place (F2) are stored through it
        self._query = ""
        self._rows: list[PromptSummary] = []
        self._more = False

    @property
    def query(self) -> str:
        return self._query

    def set_source(self, source: PromptSource) -> None:
        self._source = source
        self.refresh()

    def search(self, query: str) -> None:
        self._query = query
        self._rows = []
        self.refresh()

    def refresh(self) -> None:
        """Read again as many rows as are shown (at least a page)."""
        wanted = max(PAGE, len(self._rows))
        self.beginResetModel()
        self._rows = self._source(self._query, wanted, 0)
        self._more = len(self._rows) >= wanted
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self._source(self._query, PAGE, len(self._rows))
        self._more = len(page) >= PAGE
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.summary(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == self.DetailsRole:
            return details(row)
        if role == Qt.ItemDataRole.EditRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:  # a name that looks like markup stays text
            return QtGui.Qt.convertFromPlainText(
                f"{row.name}: {details(row)}", Qt.WhiteSpaceMode.WhiteSpaceNormal
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name}, {details(row)}"
        if role == self.IdRole:
            return row.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        editable = index.isValid() and self.rename is not None
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.summary(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.EditRole or self.rename is None:
            return False
        name = self.rename(row.id, str(value))
        if name is None:
            return False
        # In place: a reset would pull the model from under the editor that is committing.
        self._rows[index.row()] = dataclasses.replace(row, name=name)
        self.dataChanged.emit(index, index)
        return True

    def summary(self, row: int) -> PromptSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, prompt_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == prompt_id), -1)


def details(summary: PromptSummary) -> str:
    """ "5 versions · staff → v3 · changed 2026-03-02 14:05" """
    latest = summary.latest  # lupdate reads a plain name as the count, not an attribute
    parts = [translate("LibraryModels", "%n version(s)", None, latest)]
    if summary.labels:
        parts.append(", ".join(f"{label} → v{number}" for label, number in summary.labels))
    if summary.updated_at:
        parts.append(
            QCoreApplication.translate("LibraryModels", "changed {when}").format(
                when=when(summary.updated_at)
            )
        )
    return " · ".join(parts)


class VersionTableModel(QAbstractTableModel):
    """One prompt's versions, newest first: number, when saved, note, labels on it."""

    HEADERS = (
        QT_TRANSLATE_NOOP("VersionTableModel", "Version"),
        QT_TRANSLATE_NOOP("VersionTableModel", "Saved"),
        QT_TRANSLATE_NOOP("VersionTableModel", "Note"),
        QT_TRANSLATE_NOOP("VersionTableModel", "Labels"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._versions: list[PromptVersion] = []
        self._labels: dict[int, list[str]] = {}

    def set_versions(
        self, versions: Sequence[PromptVersion], labels: Sequence[tuple[str, int]]
    ) -> None:
        self.beginResetModel()
        self._versions = list(versions)
        self._labels = {}
        for label, number in labels:
            self._labels.setdefault(number, []).append(label)
        self.endResetModel()

    def version(self, row: int) -> PromptVersion | None:
        return self._versions[row] if 0 <= row < len(self._versions) else None

    def row_of(self, number: int) -> int:
        return next((i for i, v in enumerate(self._versions) if v.number == number), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._versions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("VersionTableModel", self.HEADERS[section])
                if 0 <= section < len(self.HEADERS)
                else None
            )
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        version = self.version(index.row()) if index.isValid() else None
        if version is None:
            return None
        column = index.column()
        labels = ", ".join(self._labels.get(version.number, []))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            note = " ".join(version.note.split())  # one line in the table
            return (str(version.number), when(version.created_at), note, labels)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and version.note:
            return QtGui.Qt.convertFromPlainText(version.note, Qt.WhiteSpaceMode.WhiteSpaceNormal)
        return None
