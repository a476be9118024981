"""Edits one case's checks: a row per check, its kind and its value; OK keeps valid ones only."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.evals.model import MAX_ASSERTIONS_PER_CASE, Assertion, AssertionKind

#: Kinds whose value is a number, and the one with no value at all.
NUMBER_KINDS = {AssertionKind.MAX_WORDS, AssertionKind.LATENCY_MS}
NO_VALUE_KINDS = {AssertionKind.IS_JSON}


def parse_assertion(kind: AssertionKind, text: str) -> Assertion:
    """The check a row describes; ValueError with a plain sentence when its value is wrong."""
    text = text.strip()
    if kind in NO_VALUE_KINDS:
        return Assertion(kind)
    if kind in NUMBER_KINDS:
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                QCoreApplication.translate(
                    "AssertionsDialog", "{value} needs a number, not “{text}”."
                ).format(value=kind.value, text=text[:40])
            ) from None
        if number <= 0:
            raise ValueError(
                QCoreApplication.translate(
                    "AssertionsDialog", "{value} needs a number above 0."
                ).format(value=kind.value)
            )
        return Assertion(kind, int(number) if number.is_integer() else number)
    if not text:
        raise ValueError(
            QCoreApplication.translate(
                "AssertionsDialog", "{value} needs a text to look for."
            ).format(value=kind.value)
        )
    if kind is AssertionKind.REGEX:
        import re

        try:
            re.compile(text)
        except re.error as exc:
            raise ValueError(
                QCoreApplication.translate(
                    "AssertionsDialog", "the regex “{text}” does not compile: {exc}."
                ).format(text=text[:40], exc=exc)
            ) from None
    return Assertion(kind, text)


class AssertionsDialog(QDialog):
    """Add, change and remove checks; the message line says why OK refused a row."""

    def __init__(self, asserts: Sequence[Assertion], title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 320)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("AssertionsDialog", "Check"),
                QCoreApplication.translate("AssertionsDialog", "Value"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(
            QCoreApplication.translate("AssertionsDialog", "Checks of this case")
        )
        self.table.setAccessibleDescription(
            QCoreApplication.translate(
                "AssertionsDialog", "One row per check: what kind, and the value it looks for"
            )
        )
        add = self.add_button = QPushButton(
            QCoreApplication.translate("AssertionsDialog", "&Add check"), self
        )
        remove = self.remove_button = QPushButton(
            QCoreApplication.translate("AssertionsDialog", "&Remove check"), self
        )
        add.setAccessibleDescription(
            QCoreApplication.translate("AssertionsDialog", "A new row: the answer must contain…")
        )
        remove.setAccessibleDescription(
            QCoreApplication.translate("AssertionsDialog", "Remove the selected check")
        )
        add.clicked.connect(lambda: self.add_row(Assertion(AssertionKind.CONTAINS, "")))
        remove.clicked.connect(self._on_remove_clicked)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.result_asserts: tuple[Assertion, ...] = tuple(asserts)
        for found in asserts:
            self.add_row(found)

    def add_row(self, found: Assertion) -> None:
        if self.table.rowCount() >= MAX_ASSERTIONS_PER_CASE:
            self.message.setText(
                QCoreApplication.translate(
                    "AssertionsDialog", "A case has at most {MAX_ASSERTIONS_PER_CASE} checks."
                ).format(MAX_ASSERTIONS_PER_CASE=MAX_ASSERTIONS_PER_CASE)
            )
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        kinds = QComboBox(self.table)
        kinds.addItems([k.value for k in AssertionKind])
        kinds.setCurrentText(found.kind.value)
        kinds.setAccessibleName(
            QCoreApplication.translate("AssertionsDialog", "Kind of check {value}").format(
                value=row + 1
            )
        )
        value = QLineEdit("" if found.value is None else str(found.value), self.table)
        value.setAccessibleName(
            QCoreApplication.translate("AssertionsDialog", "Value of check {value}").format(
                value=row + 1
            )
        )
        self.table.setCellWidget(row, 0, kinds)
        self.table.setCellWidget(row, 1, value)
        for editor in (kinds, value):
            editor.installEventFilter(self)  # focus in a row makes it the one Remove removes
        self._order_tabs()
        value.setFocus()

    def _order_tabs(self) -> None:
        """Tab goes through the rows' editors, then Add, Remove, OK and Cancel."""
        chain: list[QWidget] = []
        for row in range(self.table.rowCount()):
            chain += [self.table.cellWidget(row, 0), self.table.cellWidget(row, 1)]
        chain += [self.add_button, self.remove_button, *self.buttons.buttons()]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for row in range(self.table.rowCount()):
                for column in (0, 1):
                    if self.table.cellWidget(row, column) is watched:
                        self.table.setCurrentCell(row, column)
        return super().eventFilter(watched, event)

    def rows(self) -> list[tuple[AssertionKind, str]]:
        found = []
        for row in range(self.table.rowCount()):
            kinds, value = self.table.cellWidget(row, 0), self.table.cellWidget(row, 1)
            assert isinstance(kinds, QComboBox) and isinstance(value, QLineEdit)
            found.append((AssertionKind(kinds.currentText()), value.text()))
        return found

    def _on_remove_clicked(self) -> None:
        """The check being edited (the row that last had focus), else the last one."""
        row = self.table.currentRow()
        self.table.removeRow(row if row >= 0 else self.table.rowCount() - 1)
        self._order_tabs()

    def _on_ok(self) -> None:
        checks = []
        for number, (kind, text) in enumerate(self.rows(), start=1):
            try:
                checks.append(parse_assertion(kind, text))
            except ValueError as exc:
                self.message.setText(
                    QCoreApplication.translate(
                        "AssertionsDialog", "Check {number}: {exc} Fix it or remove it."
                    ).format(number=number, exc=exc)
                )
                return
        self.result_asserts = tuple(checks)
        self.accept()
