"""The Test sets window put together: its models, widgets and controllers, made on first use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.evals.model import TestSet
from app.core.policy import NO_POLICY, Policy
from app.core.prompts.library import PromptLibrary
from app.storage.history.eval_store import EvalStore
from app.storage.history.test_set_store import TestSetSummary
from app.ui.evals.cases_model import CasesTableModel
from app.ui.evals.editor_controller import EditorController
from app.ui.evals.results_controller import ResultsController
from app.ui.evals.results_model import FRAME_MS, ResultsGridModel
from app.ui.evals.run_controller import BackendSource, RunController
from app.ui.evals.sets_controller import TestSetsController
from app.ui.evals.sets_window import RESULTS_TAB, SET_TAB, TestSetsWindow
from app.ui.prompts.questions import PathPicker, TextAsker, dialog_asker, dialog_picker
from app.ui.style import ChatStyle


class EvalsWindow:
    """The window and everything behind it; `open()` shows it again as it was left."""

    def __init__(
        self,
        parent: QWidget,
        style: ChatStyle,
        backend_source: BackendSource,
        library: Callable[[], PromptLibrary | None],
        *,
        ask_text: TextAsker | None = None,
        pick: PathPicker | None = None,
        frame_ms: int = FRAME_MS,
        endpoint_name: Callable[[], str] = lambda: "",
        system_prompt: Callable[[], str] = lambda: "",
        policy: Policy = NO_POLICY,
    ) -> None:
        self.cases = CasesTableModel()
        self.grid = ResultsGridModel(frame_ms=frame_ms)
        self.window = TestSetsWindow(parent, self.cases, self.grid, style.muted)
        self.cases.setParent(self.window)
        self.grid.setParent(self.window)
        ask = ask_text or dialog_asker(self.window)
        self._ask = ask
        self.sets = TestSetsController(self.window, system_prompt)
        self.runner = RunController(backend_source, self.window, endpoint_name, policy)
        self.stop_question: QMessageBox | None = None  # asked when closed mid-run
        self.editor = EditorController(
            self.window.editor,
            self.cases,
            self.sets,
            library,
            ask,
            pick or dialog_picker(self.window),
            lambda: QGuiApplication.clipboard().text(),
        )
        self.results = ResultsController(
            self.window.results, self.grid, self.runner, library, frame_ms=frame_ms
        )
        self.results.setParent(self.window)
        for source in (self.sets.told, self.editor.told, self.results.told):
            source.connect(self.window.status.setText)
        self.runner.run_ended.connect(self._on_runner_run_ended)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.window.close_while_running.connect(self._on_window_close_while_running)
        self.sets.sets_changed.connect(self._on_sets_sets_changed)
        self.sets.set_opened.connect(self._on_sets_set_opened)
        self.sets.undo_available.connect(self.window.undo_button.setEnabled)
        self.editor.run_requested.connect(self._on_editor_run_requested)
        self.window.new_requested.connect(self._on_window_new_requested)
        self.window.rename_requested.connect(self._on_window_rename_requested)
        self.window.delete_requested.connect(self.sets.delete)
        self.window.undo_requested.connect(self.sets.undo_delete)
        self.window.set_chosen.connect(self.sets.open)

    def set_store(self, store: EvalStore | None) -> None:
        """The history's test sets (another history file: its own sets)."""
        self.results.show_set(None, None)  # nothing of the old file stays on the results tab
        self.runner.abandon()  # its run stops and is recorded there; it says nothing here
        self.sets.set_store(store)  # lists its sets
        self.results.show_set(store, None)

    def open(self) -> None:
        self.window.show()
        self.window.activateWindow()
        if self.sets.test_set is None and (found := self.sets.refresh()):
            self.sets.open(found[0].id)

    def close(self) -> None:
        """Cancel a run (its finished cells are stored already) and hide the window."""
        self.runner.stop_now()
        self.window.cancel_key.setEnabled(False)  # the app is closing: no question
        self.window.close()

    async def wait_idle(self) -> None:
        await self.runner.wait_idle()

    # -- slots ---------------------------------------------------------------------------------

    def _on_sets_sets_changed(self, found: list[TestSetSummary]) -> None:
        editing = self.sets.test_set is not None
        self.window.show_sets(found, self.sets.set_id, editing=editing)

    def _on_sets_set_opened(self, set_id: int | None, test_set: TestSet | None) -> None:
        self.sets.refresh()  # the list shows the open set selected
        self.results.show_set(self.sets.store, set_id)
        if test_set is not None and set_id is None:
            self.window.tabs.setCurrentIndex(SET_TAB)
            self.window.editor.new_case.setFocus()

    def _on_editor_run_requested(self, test_set: TestSet) -> None:
        self.results.set_id = self.sets.set_id  # a new set is stored with its first case
        if self.results.start(test_set):  # else the status line says why, on this tab
            self.window.tabs.setCurrentIndex(RESULTS_TAB)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        running = (
            self.sets.test_set.name
            if self.sets.test_set is not None
            else QCoreApplication.translate("EvalsWindow", "this set")
        )
        self.sets.hold(
            QCoreApplication.translate(
                "EvalsWindow",
                "A run of “{running}” is going: cancel it (Esc) or wait for it to end, then open another set.",
            ).format(running=running)
            if busy
            else ""
        )
        self.window.editor.run_button.setEnabled(not busy)
        self.window.editor.run_button.setToolTip(
            QCoreApplication.translate(
                "EvalsWindow", "A run is going: cancel it (Esc) or wait for it to end"
            )
            if busy
            else QCoreApplication.translate(
                "EvalsWindow", "Ask every case with every prompt (Ctrl+R)"
            )
        )
        self.window.cancel_key.setEnabled(busy)
        if not busy and self.stop_question is not None:
            self.stop_question.done(QMessageBox.StandardButton.Cancel)  # nothing left to ask

    def _on_window_close_while_running(self) -> None:
        if self.stop_question is not None:
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("EvalsWindow", "A run is going"),
            QCoreApplication.translate(
                "EvalsWindow",
                "A run is going: stop it and close the window, or keep it running here?",
            ),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        stop = question.addButton(
            QCoreApplication.translate("EvalsWindow", "&Stop it"), QMessageBox.ButtonRole.AcceptRole
        )
        question.addButton(
            QCoreApplication.translate("EvalsWindow", "&Keep running"),
            QMessageBox.ButtonRole.RejectRole,
        )
        question.setInformativeText(
            QCoreApplication.translate(
                "EvalsWindow", "Finished cells are kept either way; Resume asks the rest."
            )
        )

        def on_finished() -> None:
            self.stop_question = None
            if question.clickedButton() is stop:
                self.runner.cancel()
                self.window.cancel_key.setEnabled(False)
                self.window.close()
            question.deleteLater()

        question.finished.connect(on_finished)
        self.stop_question = question
        question.open()

    def _on_runner_run_ended(self, run_id: int, state: str, why: str) -> None:
        if state == "finished" and not why:
            self.window.status.setText(
                QCoreApplication.translate("EvalsWindow", "Run {run_id} finished.").format(
                    run_id=run_id
                )
            )

    def _on_window_new_requested(self) -> None:
        if not self.sets.switch_allowed():  # asked before the name is: no question for nothing
            return
        self._ask(
            QCoreApplication.translate("EvalsWindow", "New test set"),
            QCoreApplication.translate("EvalsWindow", "Name of the new test set:"),
            "",
            self._on_new_set_named,
        )

    def _on_new_set_named(self, name: str) -> None:
        self.sets.new_set(name)

    def _on_window_rename_requested(self, set_id: int) -> None:
        current = self.sets.test_set.name if self.sets.test_set is not None else ""
        self._ask(
            QCoreApplication.translate("EvalsWindow", "Rename test set"),
            QCoreApplication.translate("EvalsWindow", "New name:"),
            current,
            lambda name: self.sets.rename(set_id, name),
        )
