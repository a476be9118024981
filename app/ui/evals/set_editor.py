"""The set editor's layout: cases table, the new-case line, prompts to run, repeat, concurrency.

Layout and intent signals only; the controller decides what each intent does.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.evals.model import MAX_CONCURRENCY, MAX_REPEAT, PromptChoice
from app.ui.evals.cases_model import CasesTableModel
from app.ui.evals.prompt_choices import describe


class SetEditorView(QWidget):
    """Edits the open set; every intent is a signal."""

    case_typed = Signal(str)
    paste_requested = Signal()
    import_requested = Signal()
    export_requested = Signal(str)  # "yaml" | "json"
    remove_cases_requested = Signal(list)  # rows
    add_variable_requested = Signal()
    edit_checks_requested = Signal(int)  # row
    add_prompt_requested = Signal()
    edit_prompt_requested = Signal(int)
    remove_prompt_requested = Signal(int)
    repeat_changed = Signal(int)
    concurrency_changed = Signal(int)
    run_requested = Signal()

    def __init__(self, cases: CasesTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases_model = cases
        self.cases_view = QTableView(self)
        self.cases_view.setModel(cases)
        self.cases_view.setAccessibleName(QCoreApplication.translate("SetEditorView", "Cases"))
        self.cases_view.setAccessibleDescription(
            QCoreApplication.translate(
                "SetEditorView",
                "One row per case: its input, variables and checks. F2 edits a cell.",
            )
        )
        self.cases_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.cases_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(150)
        cases.modelReset.connect(self._on_cases_reset)
        cases.columnsInserted.connect(self._on_cases_reset)
        self.cases_view.doubleClicked.connect(self._on_cases_view_double_clicked)
        self.new_case = QLineEdit(self)
        self.new_case.setPlaceholderText(
            QCoreApplication.translate(
                "SetEditorView", "Type a case's input and press Enter to add it"
            )
        )
        self.new_case.setAccessibleName(
            QCoreApplication.translate("SetEditorView", "New case input")
        )
        self.new_case.returnPressed.connect(self._on_new_case_return)
        self.prompts_list = QListWidget(self)
        self.prompts_list.setAccessibleName(
            QCoreApplication.translate("SetEditorView", "Prompts to run")
        )
        self.prompts_list.setAccessibleDescription(
            QCoreApplication.translate(
                "SetEditorView", "Each prompt runs on every case; double-click or Enter edits one"
            )
        )
        self.prompts_list.setMaximumHeight(90)
        self.prompts_list.itemDoubleClicked.connect(
            lambda _: self.edit_prompt_requested.emit(self.prompts_list.currentRow())
        )
        self.repeat = QSpinBox(self)
        self.repeat.setRange(1, MAX_REPEAT)
        self.repeat.setAccessibleName(QCoreApplication.translate("SetEditorView", "Repeats"))
        self.repeat.setToolTip(
            QCoreApplication.translate(
                "SetEditorView", "How many times each case is asked with each prompt"
            )
        )
        self.concurrency = QSpinBox(self)
        self.concurrency.setRange(1, MAX_CONCURRENCY)
        self.concurrency.setAccessibleName(
            QCoreApplication.translate("SetEditorView", "Concurrency")
        )
        self.concurrency.setToolTip(
            QCoreApplication.translate("SetEditorView", "How many requests are in flight at once")
        )
        self.repeat.valueChanged.connect(self.repeat_changed)
        self.concurrency.valueChanged.connect(self.concurrency_changed)
        self.run_button = QPushButton(QCoreApplication.translate("SetEditorView", "&Run"), self)
        self.run_button.setToolTip(
            QCoreApplication.translate("SetEditorView", "Ask every case with every prompt (Ctrl+R)")
        )
        self.run_button.clicked.connect(self.run_requested)
        QShortcut(QKeySequence("Ctrl+R"), self, self.run_requested.emit)
        self.summary = QLabel(self)
        self._build()

    def _build(self) -> None:
        in_order: list[QWidget] = [self.new_case]  # Tab follows the screen, top to bottom

        def button(text: str, tip: str, slot: object) -> QPushButton:
            made = QPushButton(text, self)
            made.setToolTip(tip)
            made.clicked.connect(slot)
            in_order.append(made)
            return made

        case_row = QHBoxLayout()
        case_row.addWidget(self.new_case, 1)
        case_row.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "Paste &lines"),
                QCoreApplication.translate("SetEditorView", "One case per line"),
                self.paste_requested,
            )
        )
        case_row.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "&Import…"),
                QCoreApplication.translate("SetEditorView", "CSV, JSON or YAML"),
                self.import_requested,
            )
        )
        in_order.append(self.cases_view)
        tools = QHBoxLayout()
        tools.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "Chec&ks…"),
                QCoreApplication.translate("SetEditorView", "The selected case's checks"),
                self._on_checks_clicked,
            )
        )
        tools.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "Varia&ble…"),
                QCoreApplication.translate("SetEditorView", "A column of values per case"),
                self.add_variable_requested,
            )
        )
        tools.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "Remo&ve cases"),
                QCoreApplication.translate("SetEditorView", "Remove the selected cases"),
                self._on_remove_clicked,
            )
        )
        tools.addStretch()
        tools.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "E&xport YAML…"),
                QCoreApplication.translate("SetEditorView", "The file `llamadesk eval` reads"),
                lambda: self.export_requested.emit("yaml"),
            )
        )
        tools.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "Export &JSON…"),
                QCoreApplication.translate("SetEditorView", "The same, as JSON"),
                lambda: self.export_requested.emit("json"),
            )
        )
        in_order.append(self.prompts_list)
        prompts_box = QGroupBox(QCoreApplication.translate("SetEditorView", "Prompts to run"), self)
        prompts_layout = QHBoxLayout(prompts_box)
        prompts_layout.addWidget(self.prompts_list, 1)
        prompt_buttons = QVBoxLayout()
        prompt_buttons.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "&Add prompt…"),
                QCoreApplication.translate("SetEditorView", "A library prompt, a preset or text"),
                self.add_prompt_requested,
            )
        )
        prompt_buttons.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "Edit promp&t…"),
                QCoreApplication.translate("SetEditorView", "Change the selected prompt to run"),
                self._on_edit_prompt_clicked,
            )
        )
        prompt_buttons.addWidget(
            button(
                QCoreApplication.translate("SetEditorView", "Remove pro&mpt"),
                QCoreApplication.translate(
                    "SetEditorView", "Run the set without the selected prompt"
                ),
                self._on_remove_prompt_clicked,
            )
        )
        prompts_layout.addLayout(prompt_buttons)
        run_row = QHBoxLayout()
        for text, spin in (
            (QCoreApplication.translate("SetEditorView", "Re&peat:"), self.repeat),
            (QCoreApplication.translate("SetEditorView", "Concurrenc&y:"), self.concurrency),
        ):
            label = QLabel(text, self)
            label.setBuddy(spin)
            run_row.addWidget(label)
            run_row.addWidget(spin)
        run_row.addWidget(self.summary, 1)
        run_row.addWidget(self.run_button)
        in_order += [self.repeat, self.concurrency, self.run_button]
        for before, after in itertools.pairwise(in_order):
            QWidget.setTabOrder(before, after)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(case_row)
        layout.addWidget(self.cases_view, 1)
        layout.addLayout(tools)
        layout.addWidget(prompts_box)
        layout.addLayout(run_row)

    def _on_cases_reset(self) -> None:
        """The input column takes the room the others leave (their number varies)."""
        self.cases_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_prompts(self, prompts: Sequence[PromptChoice]) -> None:
        row = self.prompts_list.currentRow()
        self.prompts_list.clear()
        self.prompts_list.addItems([describe(p) for p in prompts])
        self.prompts_list.setCurrentRow(min(max(row, 0), len(prompts) - 1))

    def show_run_settings(self, repeat: int, concurrency: int) -> None:
        for spin, value in ((self.repeat, repeat), (self.concurrency, concurrency)):
            spin.blockSignals(True)  # showing the set is not an edit of it
            spin.setValue(value)
            spin.blockSignals(False)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.cases_view.selectionModel().selectedIndexes()})

    def _on_new_case_return(self) -> None:
        text = self.new_case.text()
        if text.strip():
            self.case_typed.emit(text)
            self.new_case.clear()

    def _on_cases_view_double_clicked(self, index: object) -> None:
        row = self.cases_view.currentIndex()
        if row.isValid() and row.column() == self.cases_model.assertions_column:
            self.edit_checks_requested.emit(row.row())

    def _on_checks_clicked(self) -> None:
        current = self.cases_view.currentIndex()
        if current.isValid():
            self.edit_checks_requested.emit(current.row())

    def _on_remove_clicked(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.remove_cases_requested.emit(rows)

    def _on_edit_prompt_clicked(self) -> None:
        if self.prompts_list.currentRow() >= 0:
            self.edit_prompt_requested.emit(self.prompts_list.currentRow())

    def _on_remove_prompt_clicked(self) -> None:
        if self.prompts_list.currentRow() >= 0:
            self.remove_prompt_requested.emit(self.prompts_list.currentRow())

    def keyPressEvent(self, event: object) -> None:  # Enter on the checks column opens them
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        current = self.cases_view.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and current.isValid()
            and current.column() == self.cases_model.assertions_column
        ):
            self.edit_checks_requested.emit(current.row())
            return
        super().keyPressEvent(event)
