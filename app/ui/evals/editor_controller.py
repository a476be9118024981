"""The set editor's logic: cases typed, pasted or imported, checks, prompts, files, run settings.

Every edit goes through TestSetsController.edit, which saves it before returning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.core.evals.case_import import control_character_problem
from app.core.evals.files import TestSetError, cases_from_lines, dump_json, dump_yaml
from app.core.evals.model import MAX_CASES, TestCase, TestSet
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.prompts.library import PromptLibrary
from app.storage.atomic_write import write_text_atomically
from app.storage.test_set_files import read_cases_csv, read_test_set
from app.ui.evals.assertions_dialog import AssertionsDialog
from app.ui.evals.cases_model import CasesTableModel
from app.ui.evals.cell_text import cases, requests
from app.ui.evals.prompt_choice_dialog import PromptChoiceDialog
from app.ui.evals.set_editor import SetEditorView
from app.ui.evals.sets_controller import TestSetsController
from app.ui.prompts.questions import PathPicker, TextAsker

IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "EditorController", "Test sets and cases (*.yaml *.yml *.json *.csv);;All files (*)"
)


class EditorController(QObject):
    """Turns the editor's intents into edits of the open set, and shows the set it holds."""

    told = Signal(str)
    run_requested = Signal(object)  # TestSet

    def __init__(
        self,
        view: SetEditorView,
        cases: CasesTableModel,
        sets: TestSetsController,
        library: Callable[[], PromptLibrary | None],
        ask_text: TextAsker,
        pick: PathPicker,
        clipboard_text: Callable[[], str],
    ) -> None:
        super().__init__(view)
        self.view, self.cases, self.sets = view, cases, sets
        self._library, self._ask, self._pick = library, ask_text, pick
        self._clipboard_text = clipboard_text
        self.dialog: QDialog | None = None  # the checks or prompt dialog open, for tests
        sets.set_opened.connect(self._on_sets_set_opened)
        sets.set_changed.connect(self._on_sets_set_changed)
        cases.cases_edited.connect(self._on_cases_edited)
        cases.edit_refused.connect(self.told)
        view.case_typed.connect(self._on_view_case_typed)
        view.paste_requested.connect(self.paste_lines)
        view.import_requested.connect(self.import_file)
        view.export_requested.connect(self.export_file)
        view.remove_cases_requested.connect(cases.remove_rows)
        view.add_variable_requested.connect(self._on_add_variable_requested)
        view.edit_checks_requested.connect(self.edit_checks)
        view.add_prompt_requested.connect(lambda: self.edit_prompt(None))
        view.edit_prompt_requested.connect(self.edit_prompt)
        view.remove_prompt_requested.connect(self._on_remove_prompt_requested)
        view.repeat_changed.connect(lambda n: sets.edit(lambda ts: replace(ts, repeat=n)))
        view.concurrency_changed.connect(lambda n: sets.edit(lambda ts: replace(ts, concurrency=n)))
        view.run_requested.connect(self._on_run_requested)

    def add_cases(self, new: list[TestCase]) -> str | None:
        """Adds what fits; the sentence saying what was not added and why (None: all were)."""
        if self.sets.test_set is None:
            why = QCoreApplication.translate(
                "EditorController", "Create or choose a test set first (New, on the left)."
            )
            self.told.emit(why)
            return why
        room = max(MAX_CASES - len(self.cases.cases), 0)
        left_out = None
        if len(new) > room:
            left_out = QCoreApplication.translate(
                "EditorController", "{counted} not added: a set holds at most {MAX_CASES:,} cases."
            ).format(counted=cases(len(new) - room), MAX_CASES=MAX_CASES)
            self.told.emit(left_out)
            new = new[:room]
        if new:
            self.cases.append(new)
        return left_out

    def _add_and_tell(self, found: list[TestCase], done: str) -> None:
        """Add `found`; one message saying how many were added and why others were not."""
        before = len(self.cases.cases)
        left_out = self.add_cases(found)
        if self.sets.test_set is None:
            return  # add_cases said why nothing was added
        added = len(self.cases.cases) - before
        text = f"{cases(added)} {done}."
        if added != len(found):
            text = QCoreApplication.translate(
                "EditorController", "{added} of {counted} {done}; "
            ).format(added=added, counted=cases(len(found)), done=done)
            text += left_out or QCoreApplication.translate(
                "EditorController", "the others could not be saved."
            )
        self.told.emit(text)

    def _on_view_case_typed(self, text: str) -> None:
        if (why := control_character_problem(text)) is not None:
            self.told.emit(
                QCoreApplication.translate("EditorController", "Not added: {why}.").format(why=why)
            )
            return
        self.add_cases([TestCase(input=text)])

    def paste_lines(self) -> None:
        try:
            found = cases_from_lines(self._clipboard_text())
        except TestSetError as exc:
            self.told.emit(
                QCoreApplication.translate("EditorController", "Nothing was pasted: {exc}").format(
                    exc=exc
                )
            )
            return
        if not found:
            self.told.emit(
                QCoreApplication.translate(
                    "EditorController",
                    "The clipboard holds no text: copy cases, one per line, then paste.",
                )
            )
            return
        self._add_and_tell(found, "pasted")

    def import_file(self) -> None:
        path = self._pick(
            QCoreApplication.translate("EditorController", "Import test set or cases"),
            "",
            QCoreApplication.translate("EditorController", IMPORT_FILTER),
            False,
        )
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> None:
        """A CSV adds cases to the open set; YAML or JSON becomes a new set. Errors name the line."""
        try:
            if path.suffix.lower() == ".csv":
                found = read_cases_csv(path)
                self._add_and_tell(
                    found,
                    QCoreApplication.translate("EditorController", "imported from {name}").format(
                        name=path.name
                    ),
                )
                return
            imported = read_test_set(path)
        except TestSetError as exc:
            self.told.emit(
                QCoreApplication.translate(
                    "EditorController", "{name} was not imported: {exc}"
                ).format(name=path.name, exc=exc)
            )
            return
        imported = replace(imported, name=self._free_name(imported.name or path.stem))
        if self.sets.add_set(imported) is not None:
            self.told.emit(
                QCoreApplication.translate(
                    "EditorController", "Imported “{name}”: {counted}."
                ).format(name=imported.name, counted=cases(len(imported.tests)))
            )

    def _free_name(self, name: str) -> str:
        """`name`, or "name (2)", "name (3)"… when a set already has it."""
        taken = {found.name for found in self.sets.refresh()}
        if name not in taken:
            return name
        number = 2
        while f"{name} ({number})" in taken:
            number += 1
        return f"{name} ({number})"

    def export_file(self, form: str) -> None:
        test_set = self.sets.test_set
        if test_set is None:
            return
        suffix = "yaml" if form == "yaml" else "json"
        path = self._pick(
            QCoreApplication.translate("EditorController", "Export test set"),
            f"{test_set.name}.{suffix}",
            f"{suffix.upper()} (*.{suffix})",
            True,
        )
        if path is not None:
            self.export_path(path, form)

    def export_path(self, path: Path, form: str) -> None:
        test_set = self.sets.test_set
        if test_set is None:
            return
        text = dump_yaml(test_set) if form == "yaml" else dump_json(test_set)
        try:
            write_text_atomically(path, text)
        except OSError as exc:
            self.told.emit(
                QCoreApplication.translate(
                    "EditorController", "{name} could not be written ({value})."
                ).format(name=path.name, value=exc.strerror or exc)
            )
            return
        self.told.emit(
            QCoreApplication.translate(
                "EditorController", "Exported to {name}; `llamadesk eval {name}` runs it."
            ).format(name=path.name)
        )

    def edit_checks(self, row: int) -> None:
        if not 0 <= row < len(self.cases.cases):
            return
        case = self.cases.case(row)
        dialog = AssertionsDialog(
            case.asserts,
            QCoreApplication.translate("EditorController", "Checks of case {value}").format(
                value=row + 1
            ),
            self.view,
        )
        dialog.accepted.connect(lambda: self.cases.set_assertions(row, dialog.result_asserts))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def edit_prompt(self, row: int | None) -> None:
        test_set = self.sets.test_set
        if test_set is None:
            return
        editing = test_set.prompts[row] if row is not None else None
        taken = [p.id for p in test_set.prompts]
        dialog = PromptChoiceDialog(self._library(), taken, self.view, editing)

        def on_accepted() -> None:
            choice = dialog.choice
            if choice is None:
                return
            if row is None:
                self.sets.edit(lambda ts: replace(ts, prompts=(*ts.prompts, choice)))
            else:
                self.sets.edit(
                    lambda ts: replace(
                        ts,
                        prompts=tuple(choice if i == row else p for i, p in enumerate(ts.prompts)),
                    )
                )

        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    # -- slots ---------------------------------------------------------------------------------

    def _on_sets_set_opened(self, set_id: int | None, test_set: TestSet | None) -> None:
        self._show(test_set, reset_cases=True)

    def _on_sets_set_changed(self, test_set: TestSet) -> None:
        self._show(test_set, reset_cases=test_set.tests != self.cases.cases)

    def _show(self, test_set: TestSet | None, *, reset_cases: bool) -> None:
        if reset_cases:
            self.cases.set_cases(test_set.tests if test_set else (), self.cases.variables)
        self.view.show_prompts(test_set.prompts if test_set else ())
        if test_set is not None:
            self.view.show_run_settings(test_set.repeat, test_set.concurrency)
            total = len(test_set.tests) * len(test_set.prompts) * test_set.repeat
            self.view.summary.setText(
                QCoreApplication.translate("EditorController", "{counted} per run").format(
                    counted=requests(total)
                )
            )

    def _on_cases_edited(self, cases: tuple[TestCase, ...]) -> None:
        if not self.sets.edit(lambda ts: replace(ts, tests=cases)):
            self._show(self.sets.test_set, reset_cases=True)  # back to what is stored

    def _on_add_variable_requested(self) -> None:
        def add(name: str) -> None:
            name = name.strip().strip("{}").strip()
            if not name.isidentifier():
                self.told.emit(
                    QCoreApplication.translate(
                        "EditorController",
                        "“{name}” cannot be a variable: use letters, digits and _.",
                    ).format(name=name)
                )
                return
            self.cases.add_variable(name)

        self._ask(
            QCoreApplication.translate("EditorController", "New variable"),
            QCoreApplication.translate("EditorController", "Variable name (a column per case):"),
            "",
            add,
        )

    def _on_remove_prompt_requested(self, row: int) -> None:
        self.sets.edit(
            lambda ts: replace(ts, prompts=tuple(p for i, p in enumerate(ts.prompts) if i != row))
        )

    def _on_run_requested(self) -> None:
        if self.sets.test_set is not None:
            self.run_requested.emit(self.sets.test_set)


def parent_widget(view: QWidget) -> QWidget:
    return view.window()
