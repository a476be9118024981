"""A test set's cases as an editable table: input, one column per variable, expect, checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.core.evals.case_import import control_character_problem
from app.core.evals.model import Assertion, TestCase

_Index = QModelIndex | QPersistentModelIndex
INPUT, FIXED_BEFORE = 0, 1  # the input column, then the variables


def assertions_text(asserts: Sequence[Assertion]) -> str:
    """ "contains refund; max-words 40" — what the checks column shows."""
    parts = [a.kind.value if a.value is None else f"{a.kind.value} {a.value}" for a in asserts]
    text = "; ".join(parts)
    return text if len(text) <= 200 else text[:199] + "…"


def variable_names(cases: Sequence[TestCase]) -> list[str]:
    """Every variable some case sets, in the order first met."""
    names: dict[str, None] = {}
    for case in cases:
        names.update(dict.fromkeys(case.vars))
    return list(names)


class CasesTableModel(QAbstractTableModel):
    """Edits in place and says so with `cases_edited`; the controller saves them."""

    cases_edited = Signal(tuple)  # tuple[TestCase, ...]
    edit_refused = Signal(str)  # why a typed cell was not taken, in a sentence

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases: list[TestCase] = []
        self._variables: list[str] = []

    @property
    def cases(self) -> tuple[TestCase, ...]:
        return tuple(self._cases)

    @property
    def variables(self) -> list[str]:
        return list(self._variables)

    def set_cases(self, cases: Sequence[TestCase], extra_variables: Sequence[str] = ()) -> None:
        """Show these cases (a set opened, or changed elsewhere); kept columns stay."""
        names = variable_names(cases)
        keep = [v for v in self._variables if v not in names and v in extra_variables]
        self.beginResetModel()
        self._cases = list(cases)
        self._variables = names + keep + [v for v in extra_variables if v not in names + keep]
        self.endResetModel()

    def add_variable(self, name: str) -> bool:
        if not name or name in self._variables:
            return False
        column = FIXED_BEFORE + len(self._variables)
        self.beginInsertColumns(QModelIndex(), column, column)
        self._variables.append(name)
        self.endInsertColumns()
        return True

    def append(self, new: Sequence[TestCase]) -> None:
        if not new:
            return
        for name in variable_names(new):
            self.add_variable(name)
        first = len(self._cases)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._cases.extend(new)
        self.endInsertRows()
        self.cases_edited.emit(self.cases)

    def remove_rows(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._cases):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._cases[row]
                self.endRemoveRows()
        self.cases_edited.emit(self.cases)

    def set_assertions(self, row: int, asserts: Sequence[Assertion]) -> None:
        self._cases[row] = replace(self._cases[row], asserts=tuple(asserts))
        column = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, column), self.index(row, column))
        self.cases_edited.emit(self.cases)

    def case(self, row: int) -> TestCase:
        return self._cases[row]

    @property
    def expect_column(self) -> int:
        return FIXED_BEFORE + len(self._variables)

    @property
    def assertions_column(self) -> int:
        return self.expect_column + 1

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED_BEFORE + len(self._variables) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == INPUT:
            return QCoreApplication.translate("CasesTableModel", "Input")
        if section == self.expect_column:
            return QCoreApplication.translate("CasesTableModel", "Expect")
        if section == self.assertions_column:
            return QCoreApplication.translate("CasesTableModel", "Checks")
        return "{{" + self._variables[section - FIXED_BEFORE] + "}}"

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.assertions_column:
            return base  # edited in its own dialog (Enter or a double click)
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        case = self._cases[index.row()]
        column = index.column()
        if column == INPUT:
            return case.input
        if column == self.expect_column:
            return case.expect or ""
        if column == self.assertions_column:
            text = assertions_text(case.asserts)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text or QCoreApplication.translate(
                    "CasesTableModel", "No checks. Press Enter to add some."
                )
            return text
        return case.vars.get(self._variables[column - FIXED_BEFORE], "")

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text, row, column = str(value), index.row(), index.column()
        case = self._cases[row]
        if (why := control_character_problem(text, "the text typed")) is not None:
            self.edit_refused.emit(
                QCoreApplication.translate("CasesTableModel", "Not changed: {why}.").format(why=why)
            )
            return False
        if column == INPUT:
            if not text.strip():
                return False  # a case asks something; an empty input is refused
            changed = replace(case, input=text)
        elif column == self.expect_column:
            changed = replace(case, expect=text or None)
        elif column == self.assertions_column:
            return False
        else:
            name = self._variables[column - FIXED_BEFORE]
            values = {k: v for k, v in case.vars.items() if k != name}
            if text:
                values[name] = text
            changed = replace(case, vars=values)
        if changed == case:
            return True
        self._cases[row] = changed
        self.dataChanged.emit(index, index)
        self.cases_edited.emit(self.cases)
        return True
