"""The Test sets window's layout: the sets list on the left; the set and its results as tabs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.storage.history.test_set_store import TestSetSummary
from app.ui.evals.cases_model import CasesTableModel
from app.ui.evals.cell_text import cases
from app.ui.evals.results_model import ResultsGridModel
from app.ui.evals.results_view import ResultsView
from app.ui.evals.set_editor import SetEditorView
from app.ui.window.screen_fit import fit_to_screen

SET_TAB, RESULTS_TAB = 0, 1


class TestSetsWindow(QWidget):
    """A window of its own beside the chat (not a dialog: Enter in the new-case line must not
    press a default button). Intents: new, rename, delete, undo, open a set."""

    __test__ = False

    new_requested = Signal()
    rename_requested = Signal(int)
    delete_requested = Signal(int)
    undo_requested = Signal()
    set_chosen = Signal(int)
    close_while_running = Signal()  # the window was closed while a run goes: ask first

    def __init__(
        self,
        parent: QWidget,
        cases: CasesTableModel,
        grid: ResultsGridModel,
        muted: str,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(QCoreApplication.translate("TestSetsWindow", "Test sets"))
        self.sets_list = QListWidget(self)
        self.sets_list.setAccessibleName(QCoreApplication.translate("TestSetsWindow", "Test sets"))
        self.sets_list.setAccessibleDescription(
            QCoreApplication.translate(
                "TestSetsWindow", "Your test sets; the tabs beside show the selected one"
            )
        )
        self.sets_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sets_list.currentItemChanged.connect(self._on_sets_list_current_changed)
        self.new_button = QPushButton(QCoreApplication.translate("TestSetsWindow", "Ne&w"), self)
        self.new_button.setToolTip(
            QCoreApplication.translate("TestSetsWindow", "A new, empty test set (Ctrl+N)")
        )
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.rename_button = QPushButton(
            QCoreApplication.translate("TestSetsWindow", "R&ename…"), self
        )
        self.rename_button.setToolTip(
            QCoreApplication.translate("TestSetsWindow", "Rename the selected set (F2 in the list)")
        )
        # F2 in the list only: in the cases table F2 edits the cell, as everywhere in Qt.
        rename_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self.sets_list)
        rename_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        rename_key.activated.connect(lambda: self._emit_for_current(self.rename_requested))
        self.delete_button = QPushButton(
            QCoreApplication.translate("TestSetsWindow", "&Delete"), self
        )
        self.delete_button.setToolTip(
            QCoreApplication.translate(
                "TestSetsWindow", "Delete the selected set; Undo brings it back"
            )
        )
        self.undo_button = QPushButton(
            QCoreApplication.translate("TestSetsWindow", "U&ndo delete"), self
        )
        self.undo_button.setToolTip(
            QCoreApplication.translate("TestSetsWindow", "Bring the last deleted set back (Ctrl+Z)")
        )
        self.undo_button.setEnabled(False)
        QShortcut(QKeySequence.StandardKey.Undo, self, self._on_undo_shortcut)
        self.new_button.clicked.connect(self.new_requested)
        self.rename_button.clicked.connect(lambda: self._emit_for_current(self.rename_requested))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.delete_requested))
        self.undo_button.clicked.connect(self.undo_requested)
        self.editor = SetEditorView(cases, self)
        self.results = ResultsView(grid, muted, self)
        # Esc cancels the run from anywhere in the window (the Results tab may be hidden);
        # enabled only while a run goes, so Esc keeps its other meanings otherwise.
        self.cancel_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.cancel_key.activated.connect(self.results.cancel_button.click)
        self.cancel_key.setEnabled(False)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(
            self.editor, QCoreApplication.translate("TestSetsWindow", "Cases and pr&ompts")
        )
        self.tabs.addTab(self.results, QCoreApplication.translate("TestSetsWindow", "Res&ults"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(
            QCoreApplication.translate("TestSetsWindow", "Test sets status")
        )
        self._build()
        fit_to_screen(self, 1100, 720)

    def _build(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(QCoreApplication.translate("TestSetsWindow", "Test sets"), left))
        column.addWidget(self.sets_list, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        more = QHBoxLayout()
        for button in (self.delete_button, self.undo_button):
            more.addWidget(button)
        column.addLayout(more)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([170, 900])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    def show_sets(
        self, sets: Sequence[TestSetSummary], current: int | None, *, editing: bool
    ) -> None:
        """The stored sets, `current` selected; `editing`: a set is open (maybe not stored yet)."""
        self.sets_list.blockSignals(True)
        self.sets_list.clear()
        for found in sets:
            item = QListWidgetItem(f"{found.name}  ({cases(found.cases)})")
            item.setData(Qt.ItemDataRole.UserRole, found.id)
            item.setToolTip(found.name)
            self.sets_list.addItem(item)
            if found.id == current:
                self.sets_list.setCurrentItem(item)
        self.sets_list.blockSignals(False)
        for widget in (self.rename_button, self.delete_button):
            widget.setEnabled(current is not None)
        self.tabs.setEnabled(editing)

    def current_set_id(self) -> int | None:
        item = self.sets_list.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, int) else None

    def _emit_for_current(self, signal: SignalInstance) -> None:
        set_id = self.current_set_id()
        if set_id is not None:
            signal.emit(set_id)

    def _on_sets_list_current_changed(self, item: QListWidgetItem | None) -> None:
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(found, int):
            self.set_chosen.emit(found)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A run going is not left to go on unseen: the user is asked first."""
        if self.cancel_key.isEnabled():
            event.ignore()
            self.close_while_running.emit()
            return
        super().closeEvent(event)

    def _on_undo_shortcut(self) -> None:
        if self.undo_button.isEnabled():
            self.undo_requested.emit()
