"""Run vs run: the cells that flipped pass/fail or whose most common answer changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.evals.summary import CellChange
from app.ui.evals.cell_text import answers as answer_count
from app.ui.evals.cell_text import cells, short

#: A dialog lists at most this many changes (the first ones, in case order).
MAX_ROWS = 2000


def verdict(was: bool | None, now: bool | None) -> str:
    if was == now:
        return QCoreApplication.translate("ChangesDialog", "same")
    if was is None:
        return (
            QCoreApplication.translate("ChangesDialog", "new: passed")
            if now
            else QCoreApplication.translate("ChangesDialog", "new: failed")
        )
    if now is None:
        return QCoreApplication.translate("ChangesDialog", "not asked")
    return (
        QCoreApplication.translate("ChangesDialog", "now passes")
        if now
        else QCoreApplication.translate("ChangesDialog", "now fails")
    )


def changes_heading(changes: Sequence[CellChange], previous_label: str) -> str:
    flips = sum(c.was_passed != c.now_passed for c in changes)
    answers = sum(c.answer_changed for c in changes)
    if not changes:
        return QCoreApplication.translate(
            "ChangesDialog", "Nothing changed since {previous_label}."
        ).format(previous_label=previous_label)
    return QCoreApplication.translate(
        "ChangesDialog", "Since {previous_label}: {counted} flipped pass/fail, {counted2} changed."
    ).format(
        previous_label=previous_label,
        counted=cells(flips),
        counted2=answer_count(answers),
    )


class ChangesDialog(QDialog):
    """A table: case, prompt, pass/fail change, answer before, answer after."""

    def __init__(
        self,
        changes: Sequence[CellChange],
        cases: Sequence[str],
        previous_label: str,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("ChangesDialog", "Changes since the previous run")
        )
        self.resize(760, 420)
        self.heading = QLabel(changes_heading(changes, previous_label), self)
        self.heading.setWordWrap(True)
        shown = list(changes)[:MAX_ROWS]
        self.table = QTableWidget(len(shown), 5, self)
        self.table.setAccessibleName(QCoreApplication.translate("ChangesDialog", "Changed cells"))
        self.table.setAccessibleDescription(
            QCoreApplication.translate(
                "ChangesDialog",
                "Each cell whose result differs from the previous run: before and now",
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ChangesDialog", "Case"),
                QCoreApplication.translate("ChangesDialog", "Prompt"),
                QCoreApplication.translate("ChangesDialog", "Pass/fail"),
                QCoreApplication.translate("ChangesDialog", "Before"),
                QCoreApplication.translate("ChangesDialog", "After"),
            ]
        )
        for row, change in enumerate(shown):
            case = cases[change.test] if 0 <= change.test < len(cases) else str(change.test)
            for column, text in enumerate(
                (
                    f"{change.test + 1}. {short(case, 60)}",
                    change.prompt,
                    verdict(change.was_passed, change.now_passed),
                    short(change.before, 200),
                    short(change.after, 200),
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (0, 3, 4):  # the case and the two answers share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if len(changes) > MAX_ROWS:
            layout.addWidget(
                QLabel(
                    QCoreApplication.translate(
                        "ChangesDialog", "The first {MAX_ROWS} of {count} are listed."
                    ).format(MAX_ROWS=MAX_ROWS, count=len(changes)),
                    self,
                )
            )
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
