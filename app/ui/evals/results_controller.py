"""The results tab's logic: which run is shown, starting/cancelling/resuming, grades, changes."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, QObject, QTimer, Signal

from app.core.evals.model import Grade, RequestResult, RunState, TestSet
from app.core.evals.resolve import resolve_prompts
from app.core.evals.summary import run_changes
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.prompts.library import PromptLibrary
from app.storage.history.eval_store import EvalStore, RunSummary
from app.ui.evals.cell_details import details_html
from app.ui.evals.changes_dialog import ChangesDialog
from app.ui.evals.results_model import FRAME_MS, SUMMARY_ROWS, ResultsGridModel
from app.ui.evals.results_view import ResultsView
from app.ui.evals.run_controller import RunController
from app.ui.evals.store_words import STORE_ERRORS, store_failure
from app.ui.policy.eval_rules import PolicyRefused

#: How a run's state reads in the run list.
_RUN_STATES = {
    "running": QT_TRANSLATE_NOOP("ResultsController", "running"),
    "interrupted": QT_TRANSLATE_NOOP("ResultsController", "interrupted"),
    "finished": QT_TRANSLATE_NOOP("ResultsController", "finished"),
    "cancelled": QT_TRANSLATE_NOOP("ResultsController", "cancelled"),
}


def run_label(run: RunSummary, *, live: bool, done: int | None = None) -> str:
    """ "Run 3 · 2026-11-30 13:40 · 12 of 40 · running · Office vLLM · llama-3.1-8b".

    A run stored as running that is not being asked now was interrupted (the app closed or
    crashed under it): Resume asks the rest.
    """
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(run.created_at))
    if run.state is RunState.RUNNING:
        state = _RUN_STATES["running" if live else "interrupted"]
    else:
        state = _RUN_STATES.get(run.state.value, run.state.value)
    done = run.done if done is None else done
    parts = [
        QCoreApplication.translate("ResultsController", "Run {id}").format(id=run.id),
        when,
        QCoreApplication.translate("ResultsController", "{done} of {total}").format(
            done=done, total=run.total
        ),
        QCoreApplication.translate("ResultsController", state),
    ]
    if run.endpoint:
        parts.append(run.endpoint)
    return " · ".join(parts)


class ResultsController(QObject):
    """Shows one run of the open set in the grid; runs new ones through the RunController."""

    told = Signal(str)
    run_shown = Signal(int)  # run id

    def __init__(
        self,
        view: ResultsView,
        grid: ResultsGridModel,
        runner: RunController,
        library: Callable[[], PromptLibrary | None],
        parent: QObject | None = None,
        *,
        frame_ms: int = FRAME_MS,
    ) -> None:
        super().__init__(parent)
        self.view, self.grid, self.runner = view, grid, runner
        self._library = library
        self.store: EvalStore | None = None
        self.set_id: int | None = None
        self.run_id: int | None = None
        self._state = ""
        self._run_rows: dict[int, RunSummary] = {}  # the set's runs as last read
        self._endpoint = ""  # the endpoint and model of the run shown
        self._live_run: int | None = None  # the run being asked now, from busy_changed
        view.run_chosen.connect(self.show_run)
        view.cancel_requested.connect(runner.cancel)
        view.resume_requested.connect(self.resume)
        view.changes_requested.connect(self.show_changes)
        view.details.grade_changed.connect(self._on_details_grade_changed)
        view.grid.selectionModel().selectionChanged.connect(self._on_grid_selection_changed)
        grid.modelReset.connect(self._on_grid_changed)
        grid.dataChanged.connect(self._on_grid_data_changed)
        runner.result_recorded.connect(self._on_runner_result_recorded)
        runner.progress_changed.connect(self._on_runner_progress_changed)
        # QProgressBar repaints at once on every setValue: one update a frame is enough.
        self._progress: tuple[int, int, float | None] = (0, 0, None)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(frame_ms)
        self._progress_timer.timeout.connect(self._show_progress)
        runner.paced.connect(self._on_runner_paced)
        runner.run_ended.connect(self._on_runner_run_ended)
        runner.busy_changed.connect(self._on_runner_busy_changed)
        runner.run_started.connect(self._on_runner_run_started)

    def show_set(self, store: EvalStore | None, set_id: int | None) -> None:
        """The newest run of this set, or an empty grid when it has none yet."""
        self.store, self.set_id = store, set_id
        runs = self._runs()
        if runs:
            self.show_run(runs[0][0])
        else:
            self.run_id = None
            self.grid.clear()
            self.view.set_runs([], None)
            self.view.show_progress(0, 0, None)
            self.view.set_running(False, resumable=False)
            self._show_changes_available(None)

    def _runs(self) -> list[tuple[int, str]]:
        if self.store is None or self.set_id is None:
            return []
        try:
            found = self.store.runs(self.set_id)
        except STORE_ERRORS as exc:
            self.told.emit(
                store_failure(
                    QCoreApplication.translate(
                        "ResultsController", "The runs of this set could not be read"
                    ),
                    exc,
                    self.store,
                )
            )
            return []
        self._run_rows = {r.id: r for r in found}
        return [(r.id, run_label(r, live=self._live(r.id))) for r in found]

    def _live(self, run_id: int | None) -> bool:
        """The run is being asked right now (in this window)."""
        return run_id is not None and run_id == self._live_run

    def show_run(self, run_id: int) -> None:
        if self.store is None or (self.runner.busy and run_id != self.runner.run_id):
            return
        try:
            record = self.store.run(run_id)
            results = self.store.results(run_id)
            grades = self.store.grades(run_id)
        except STORE_ERRORS as exc:
            self.told.emit(
                store_failure(
                    QCoreApplication.translate("ResultsController", "That run could not be read"),
                    exc,
                    self.store,
                )
            )
            return
        self.run_id, self._state = run_id, str(record.state)
        self._endpoint = record.endpoint
        self.grid.set_live(self._live(run_id))
        headers = [(p.name and f"{p.id} ({p.name})") or p.id for p in record.prompts]
        ids = [p.id for p in record.prompts]
        self.grid.set_plan(record.test_set, ids, headers, record.repeat, results, grades)
        self.view.set_runs(self._runs(), run_id)
        total = len(record.test_set.tests) * len(ids) * record.repeat
        self.view.show_progress(len(results), total, None)
        self.view.set_running(self.runner.busy, resumable=self._resumable())
        self._show_changes_available(run_id)
        self.run_shown.emit(run_id)

    def _show_changes_available(self, run_id: int | None) -> None:
        """ "Changes since previous run…" only where there is a previous run to compare with."""
        previous = None
        if self.store is not None and run_id is not None:
            try:
                previous = self.store.previous_run(run_id)
            except STORE_ERRORS:
                previous = None
        button = self.view.changes_button
        button.setEnabled(previous is not None)
        button.setToolTip(
            QCoreApplication.translate(
                "ResultsController",
                "What changed since run {previous}: cells that flipped pass/fail, answers that changed",
            ).format(previous=previous)
            if previous is not None
            else QCoreApplication.translate(
                "ResultsController", "This is the set's first run: run it again to see what changed"
            )
        )

    def start(self, test_set: TestSet) -> bool:
        """Resolve the prompts (a missing library prompt is said, nothing sent), then run.

        False, with the reason told, when nothing was started.
        """
        if self.store is None:
            self.told.emit(
                QCoreApplication.translate(
                    "ResultsController",
                    "Test sets live in the chat history, which is not open: nothing sent.",
                )
            )
            return False
        if self.runner.busy:
            self.told.emit(
                QCoreApplication.translate(
                    "ResultsController",
                    "A run is going: wait for it, or cancel it (Esc), then run again.",
                )
            )
            return False
        if not test_set.tests or not test_set.prompts:
            self.told.emit(
                QCoreApplication.translate(
                    "ResultsController", "Add at least one case and one prompt, then run."
                )
            )
            return False
        from app.core.evals.files import TestSetError

        try:
            prompts = resolve_prompts(test_set, self._library())
        except TestSetError as exc:
            self.told.emit(
                QCoreApplication.translate("ResultsController", "Nothing was sent: {exc}").format(
                    exc=exc
                )
            )
            return False
        try:
            run_id = self.runner.start(self.store, self.set_id, test_set, prompts)
        except PolicyRefused as exc:
            self.told.emit(
                QCoreApplication.translate("ResultsController", "Nothing was sent: {why}").format(
                    why=exc
                )
            )
            return False
        except STORE_ERRORS as exc:
            what = QCoreApplication.translate(
                "ResultsController", "The run could not be stored, so nothing was sent"
            )
            self.told.emit(store_failure(what, exc, self.store))
            return False
        if run_id is None:
            return False
        self.show_run(run_id)
        self.view.set_notice("")
        return True

    def resume(self) -> None:
        """Ask what the run has not finished, and the requests that failed, again."""
        if self.store is None or self.run_id is None or self.runner.busy:
            return
        run_id = self.run_id
        failed = [key for key, found in self.grid.results.items() if found.error is not None]
        try:
            if failed:
                self.store.forget_results(run_id, failed)
            resumed = self.runner.resume(self.store, run_id)
        except PolicyRefused as exc:
            self.told.emit(
                QCoreApplication.translate(
                    "ResultsController", "That run was not resumed: {why}"
                ).format(why=exc)
            )
            return
        except STORE_ERRORS as exc:
            self.told.emit(
                store_failure(
                    QCoreApplication.translate(
                        "ResultsController", "That run could not be resumed"
                    ),
                    exc,
                    self.store,
                )
            )
            return
        if resumed:
            self.view.set_notice("")
            if failed:  # their errors leave the grid; otherwise it goes on filling as it is
                self.show_run(run_id)

    def _resumable(self) -> bool:
        """Something is left to ask: the run did not finish, or some of its requests failed."""
        if self._state != RunState.FINISHED:
            return True
        return any(found.error is not None for found in self.grid.results.values())

    def show_changes(self) -> None:
        if self.store is None or self.run_id is None:
            return
        try:
            previous = self.store.previous_run(self.run_id)
            earlier = self.store.results(previous) if previous is not None else {}
        except STORE_ERRORS as exc:
            self.told.emit(
                store_failure(
                    QCoreApplication.translate(
                        "ResultsController", "The previous run could not be read"
                    ),
                    exc,
                    self.store,
                )
            )
            return
        if previous is None:
            self.told.emit(
                QCoreApplication.translate(
                    "ResultsController",
                    "This is the first run of this set: there is nothing to compare with.",
                )
            )
            return
        changes = run_changes(earlier, self.grid.results)
        cases = [self.grid.case_input(i) for i in range(self.grid.rowCount() - 1)]
        dialog = ChangesDialog(
            changes,
            cases,
            QCoreApplication.translate("ResultsController", "run {previous}").format(
                previous=previous
            ),
            self.view,
        )
        dialog.open()
        self.changes_dialog = dialog  # kept for tests and so it is not collected while open

    # -- slots ---------------------------------------------------------------------------------

    def _on_runner_result_recorded(self, result: RequestResult) -> None:
        if self.runner.run_id == self.run_id:
            self.grid.add_result(result)

    def _on_runner_progress_changed(self, done: int, total: int, eta_s: float | None) -> None:
        self._progress = (done, total, eta_s)
        if not self._progress_timer.isActive():
            self._progress_timer.start()

    def _show_progress(self) -> None:
        self._progress_timer.stop()
        self.view.show_progress(*self._progress)
        found = self._run_rows.get(self.run_id) if self.run_id is not None else None
        if found is not None and self._live(found.id):  # "k of N" in the run's label follows
            row = self.view.runs.findData(found.id)
            if row >= 0:
                self.view.runs.setItemText(row, run_label(found, live=True, done=self._progress[0]))

    def _on_runner_run_started(self, run_id: int, total: int) -> None:
        """The endpoint is known now: the run's label names it."""
        if run_id == self.run_id:
            self.view.set_runs(self._runs(), run_id)
            found = self._run_rows.get(run_id)
            self._endpoint = found.endpoint if found is not None else ""

    def _on_runner_paced(self, message: str) -> None:
        self.view.set_notice(message)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self._live_run = self.runner.run_id if busy else None
        self.view.set_running(busy, resumable=not busy and self._resumable())
        self.grid.set_live(self._live(self.run_id))
        if self.run_id is not None:
            self.view.set_runs(self._runs(), self.run_id)

    def _on_runner_run_ended(self, run_id: int, state: str, why: str) -> None:
        self.grid.flush_now()
        if self._progress_timer.isActive():
            self._show_progress()
        if why:
            self.view.set_notice(
                QCoreApplication.translate(
                    "ResultsController", "The run stopped: {why} Resume asks what is left."
                ).format(why=why)
            )
        elif state == RunState.CANCELLED:
            self.view.set_notice(
                QCoreApplication.translate(
                    "ResultsController",
                    "Run cancelled; finished cells are kept. Resume asks the rest.",
                )
            )
        if run_id == self.run_id:
            self._state = state
            self.view.set_runs(self._runs(), run_id)
            self.view.set_running(False, resumable=self._resumable())
            self._show_changes_available(run_id)
            self._refresh_details(grade_too=False)

    def _on_grid_selection_changed(self, *_: QItemSelection) -> None:
        self._refresh_details()

    def _on_grid_changed(self) -> None:
        self._refresh_details()

    def _on_grid_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        """New answers for the cell being read: its text follows (a comment typed stays)."""
        current = self.view.grid.currentIndex()
        if (
            current.isValid()
            and current.row() >= SUMMARY_ROWS
            and top_left.row() <= current.row() <= bottom_right.row()
            and top_left.column() <= current.column() <= bottom_right.column()
        ):
            self._refresh_details(grade_too=False)

    def _refresh_details(self, *, grade_too: bool = True) -> None:
        cell = self.grid.cell_at(self.view.grid.currentIndex())
        if cell is None:
            self.view.details.show_cell(
                QCoreApplication.translate(
                    "ResultsController", "<p>Select a cell to see its answers and grade it.</p>"
                ),
                None,
            )
            return
        test, prompt = cell
        body = details_html(
            self.grid.case_input(test),
            self.grid.header(prompt),
            self.grid.summary(test, prompt),
            self.grid.cell_results(test, prompt),
            self.view.details.muted,
            expect=self.grid.case_expect(test),
            endpoint=self._endpoint,
            live=self._live(self.run_id),
        )
        answered = self.grid.summary(test, prompt) is not None
        if grade_too:
            grade = self.grid.grade(test, prompt) if answered else None
            self.view.details.show_cell(body, grade)
        else:
            self.view.details.show_body(body, gradable=answered)

    def _on_details_grade_changed(self, grade: Grade) -> None:
        cell = self.grid.cell_at(self.view.grid.currentIndex())
        if cell is None or self.store is None or self.run_id is None:
            return
        try:
            self.store.set_grade(self.run_id, cell[0], cell[1], grade)
        except STORE_ERRORS as exc:
            self.told.emit(
                store_failure(
                    QCoreApplication.translate("ResultsController", "The grade could not be saved"),
                    exc,
                    self.store,
                )
            )
            return
        self.grid.set_grade(cell[0], cell[1], grade)
