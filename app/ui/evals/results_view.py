"""The results tab's layout: run picker, progress with ETA, Cancel/Resume, the grid, details.

Layout and intents only; the results controller fills it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.evals.cell_delegate import CellDelegate
from app.ui.evals.cell_details import CellDetailsView
from app.ui.evals.results_model import ResultsGridModel

#: A grid cell's size: three lines of text, wide enough for a sentence.
CELL_WIDTH, CELL_LINES = 260, 3


def eta_text(done: int, total: int, eta_s: float | None) -> str:
    """ "37 of 80 · about 12 s left"."""
    text = QCoreApplication.translate("ResultsView", "{done} of {total}").format(
        done=done, total=total
    )
    if eta_s is None or done >= total:
        return text
    if eta_s >= 90:
        return QCoreApplication.translate("ResultsView", "{text} · about {round} min left").format(
            text=text, round=round(eta_s / 60)
        )
    return QCoreApplication.translate("ResultsView", "{text} · about {max} s left").format(
        text=text, max=max(1, round(eta_s))
    )


class ResultsView(QWidget):
    """What a run shows; every button is an intent signal."""

    run_chosen = Signal(int)  # run id
    cancel_requested = Signal()
    resume_requested = Signal()
    changes_requested = Signal()

    def __init__(self, grid: ResultsGridModel, muted: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs = QComboBox(self)
        self.runs.setAccessibleName(QCoreApplication.translate("ResultsView", "Runs of this set"))
        self.runs.setAccessibleDescription(
            QCoreApplication.translate(
                "ResultsView", "Which run of this test set the grid shows, newest first"
            )
        )
        self.runs.activated.connect(self._on_runs_activated)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(QCoreApplication.translate("ResultsView", "Run progress"))
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.cancel_button = QPushButton(
            QCoreApplication.translate("ResultsView", "&Cancel run"), self
        )
        # Esc is the window's (it cancels from either tab): see TestSetsWindow.
        self.cancel_button.setToolTip(
            QCoreApplication.translate("ResultsView", "Stop asking; finished cells are kept (Esc)")
        )
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.resume_button = QPushButton(QCoreApplication.translate("ResultsView", "Re&sume"), self)
        self.resume_button.setToolTip(
            QCoreApplication.translate(
                "ResultsView",
                "Ask what this run has not finished yet, and the requests that failed, again",
            )
        )
        self.resume_button.clicked.connect(self.resume_requested)
        self.changes_button = QPushButton(
            QCoreApplication.translate("ResultsView", "C&hanges since previous run…"), self
        )
        self.changes_button.clicked.connect(self.changes_requested)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(QCoreApplication.translate("ResultsView", "Run notice"))
        self.notice.hide()
        self.grid = QTableView(self)
        self.grid.setModel(grid)
        self.grid.setAccessibleName(QCoreApplication.translate("ResultsView", "Results grid"))
        self.grid.setAccessibleDescription(
            QCoreApplication.translate(
                "ResultsView",
                "One row per case, one column per prompt; Enter shows a cell's answer",
            )
        )
        self.grid.setItemDelegate(CellDelegate(self.grid))  # lines cut once, not every paint
        self.grid.setWordWrap(False)  # one line each, cut with "…": cheaper to paint while filling
        self.grid.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.grid.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Fixed sizes: sizing rows to contents would measure every cell on each update.
        line = self.grid.fontMetrics().lineSpacing()
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(line * CELL_LINES + 8)
        self.grid.verticalHeader().setMaximumWidth(180)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.details = CellDetailsView(muted, self)
        self._build()
        self.set_running(False, resumable=False)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("ResultsView", "Run:"), self))
        top.addWidget(self.runs, 1)
        top.addWidget(self.changes_button)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.progress_label)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.resume_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.grid)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)

    def set_runs(self, runs: list[tuple[int, str]], current: int | None) -> None:
        self.runs.blockSignals(True)
        self.runs.clear()
        for run_id, text in runs:
            self.runs.addItem(text, run_id)
        if current is not None:
            self.runs.setCurrentIndex(max(0, self.runs.findData(current)))
        self.runs.setToolTip(self.runs.currentText())  # the whole label where it is cut
        self.runs.blockSignals(False)

    def set_running(self, running: bool, *, resumable: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.resume_button.setEnabled(resumable and not running)
        self.runs.setEnabled(not running)

    def show_progress(self, done: int, total: int, eta_s: float | None) -> None:
        # QProgressBar.setValue repaints at once (the whole window's backing store with it);
        # with updates off it only marks the bar, and the next frame paints it with the rest.
        self.progress.setUpdatesEnabled(False)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setUpdatesEnabled(True)  # asks for that paint (update())
        self.progress_label.setText(eta_text(done, total, eta_s))

    def _on_runs_activated(self, row: int) -> None:
        run_id = self.runs.itemData(row)
        if isinstance(run_id, int):
            self.run_chosen.emit(run_id)

    def set_notice(self, text: str) -> None:
        """A pacing or stop notice; no empty line when there is none."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
