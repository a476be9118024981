"""The Test sets window as a reviewer used it: keys that reach one control, Esc and F2 where
they are expected, a live run that says so, closing mid-run, messages that say what happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.core.evals.model import MAX_CASES, Assertion, AssertionKind, PromptChoice, RunState
from app.core.evals.model import TestCase as Case
from app.ui.composition_root import Application
from app.ui.evals.assertions_dialog import AssertionsDialog
from app.ui.evals.evals_window import EvalsWindow
from app.ui.evals.prompt_choice_dialog import PromptChoiceDialog
from app.ui.evals.results_model import SUMMARY_ROWS
from app.ui.evals.sets_window import RESULTS_TAB, SET_TAB
from tests.loopback import LoopbackServer
from tests.ui.eval_helpers import (
    FilePicks,
    new_set,
    open_evals,
    quick_reply,
    stalled_reply,
    type_cases,
    wait_run_ended,
)
from tests.ui.test_mnemonics import clashes, texts_in


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    """Window shortcuts reach the active window only; focus `widget` in it."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_every_alt_letter_reaches_one_control_in_the_window_and_its_dialogs(
    make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Keys")
    type_cases(evals, qtbot, ["Hello?"])
    texts = texts_in(evals.window)
    assert len(texts) >= 20  # the buttons, labels and tabs of both tabs were walked
    assert clashes(texts) == {}
    evals.editor.edit_checks(0)
    assert isinstance(evals.editor.dialog, AssertionsDialog)
    assert clashes(texts_in(evals.editor.dialog)) == {}
    evals.editor.dialog.reject()
    evals.editor.edit_prompt(None)
    assert isinstance(evals.editor.dialog, PromptChoiceDialog)
    assert clashes(texts_in(evals.editor.dialog)) == {}
    evals.editor.dialog.reject()


def test_f2_edits_a_case_cell_and_renames_a_set_only_from_the_sets_list(
    make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Draft")
    type_cases(evals, qtbot, ["Hello?"])
    table = evals.window.editor.cases_view
    table.setCurrentIndex(evals.cases.index(0, 0))
    _activate(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == QAbstractItemView.State.EditingState
    assert not [d for d in evals.window.findChildren(QInputDialog) if d.isVisible()]
    qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Escape)  # type: ignore[arg-type]
    _activate(qtbot, evals.window.sets_list)
    qtbot.keyClick(evals.window.sets_list, Qt.Key.Key_F2)
    asked = [d for d in evals.window.findChildren(QInputDialog) if d.isVisible()]
    assert [d.labelText() for d in asked] == ["New name:"]
    asked[0].reject()


def _running(evals: EvalsWindow, qtbot: QtBot, loopback: LoopbackServer) -> None:
    """Two cases asked one at a time: the first answers, the second stalls."""
    new_set(evals, qtbot, "Live")
    type_cases(evals, qtbot, ["One?", "Two?"])
    evals.window.editor.concurrency.setValue(1)
    loopback.queue("POST", "/chat/completions", quick_reply(), stalled_reply())
    evals.window.editor.run_button.click()
    qtbot.waitUntil(lambda: evals.grid.filled == 1)


def test_a_live_run_says_running_counts_up_names_its_endpoint_and_esc_stops_it_from_any_tab(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    _running(evals, qtbot, loopback)
    results, editor = evals.window.results, evals.window.editor
    assert evals.window.tabs.currentIndex() == RESULTS_TAB
    qtbot.waitUntil(lambda: " · 1 of 2 · running · " in results.runs.currentText())
    assert results.runs.currentText().endswith(" · m")  # the model the chat's endpoint uses
    store, run_id = evals.sets.store, evals.runner.run_id
    assert store is not None and run_id is not None
    assert store.run(run_id).endpoint.endswith(" · m")
    results.grid.setCurrentIndex(evals.grid.index(SUMMARY_ROWS, 0))
    assert "Asked of " in results.details.browser.toPlainText()
    assert evals.grid.index(SUMMARY_ROWS + 1, 0).data() == "waiting (0 of 1)"
    # Run is not a silent no-op while a run goes: it is disabled, and Ctrl+R says why.
    assert not editor.run_button.isEnabled()
    assert not results.changes_button.isEnabled()  # the first run: nothing to compare with
    assert "first run" in results.changes_button.toolTip()
    evals.window.tabs.setCurrentIndex(SET_TAB)
    _activate(qtbot, editor.new_case)
    qtbot.keyClick(editor.new_case, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert evals.window.status.text().startswith("A run is going: wait for it, or cancel it")
    with qtbot.waitSignal(evals.runner.run_ended) as ended:
        qtbot.keyClick(editor.new_case, Qt.Key.Key_Escape)  # the Results tab is hidden
    assert ended.args[1] == RunState.CANCELLED
    assert results.runs.currentText().split(" · ")[2:4] == ["1 of 2", "cancelled"]
    assert evals.grid.index(SUMMARY_ROWS + 1, 0).data() == "not asked"
    assert editor.run_button.isEnabled()
    loopback.queue("POST", "/chat/completions", stalled_reply())
    results.resume_button.click()  # a resumed run is running again, not "cancelled"
    qtbot.waitUntil(lambda: results.runs.currentText().split(" · ")[2:4] == ["1 of 2", "running"])
    qtbot.waitUntil(lambda: len([r for r in loopback.requests if "/chat/" in r.url_path]) == 3)
    with qtbot.waitSignal(evals.runner.run_ended):
        qtbot.keyClick(editor.new_case, Qt.Key.Key_Escape)
    loopback.queue("POST", "/chat/completions", quick_reply(), quick_reply())
    _, state, _ = wait_run_ended(evals, qtbot, editor.run_button.click)
    assert state == RunState.FINISHED and results.changes_button.isEnabled()
    assert results.runs.currentText().split(" · ")[2:4] == ["2 of 2", "finished"]


def test_closing_the_window_mid_run_asks_whether_to_stop_it(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    _running(evals, qtbot, loopback)

    def question() -> QMessageBox:
        asked = evals.stop_question
        assert asked is not None and asked.isVisible()
        return asked

    evals.window.close()
    qtbot.waitUntil(lambda: question() is not None)
    asked = question()
    keep = [b for b in asked.buttons() if b.text() == "&Keep running"]
    keep[0].click()
    assert evals.window.isVisible() and evals.runner.busy  # still there, still asking
    evals.window.close()
    asked = question()
    stop = [b for b in asked.buttons() if b.text() == "&Stop it"]
    with qtbot.waitSignal(evals.runner.run_ended) as ended:
        stop[0].click()
    assert ended.args[1] == RunState.CANCELLED
    assert not evals.window.isVisible()


def test_remove_check_removes_the_check_being_edited_and_tab_reaches_ok_last(
    qtbot: QtBot,
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    checks = [Assertion(AssertionKind.CONTAINS, word) for word in ("one", "two", "three")]
    dialog = AssertionsDialog(checks, "Checks", parent)
    dialog.show()
    qtbot.waitExposed(dialog)
    first_value = dialog.table.cellWidget(0, 1)
    _activate(qtbot, first_value)
    dialog.remove_button.click()  # focus has left the row for the button by now
    assert [value for _, value in dialog.rows()] == ["two", "three"]
    chain, widget = [], dialog.table.cellWidget(0, 0)
    for _ in range(12):
        chain.append(widget)
        widget = widget.nextInFocusChain()
    ok = dialog.buttons.buttons()[0]
    editors = [dialog.table.cellWidget(r, c) for r in range(2) for c in range(2)]
    assert all(chain.index(e) < chain.index(dialog.add_button) for e in editors)
    assert chain.index(dialog.remove_button) < chain.index(ok)
    dialog.reject()


def test_tab_goes_from_the_new_case_line_to_the_table_and_reaches_run_last(
    make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Order")
    editor = evals.window.editor
    chain, widget = [], editor.new_case.nextInFocusChain()
    while widget is not editor.new_case and len(chain) < 200:
        if editor.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain.index(editor.cases_view) < chain.index(editor.prompts_list)
    assert chain[-1] is editor.run_button
    assert chain.index(editor.repeat) < chain.index(editor.concurrency) < len(chain) - 1


def test_pasting_past_the_case_limit_says_how_many_were_added_and_why_not_the_rest(
    make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Full")
    type_cases(evals, qtbot, ["First?"])
    filler = tuple(Case(f"Q{n}") for n in range(MAX_CASES - 1))
    assert evals.sets.edit(lambda ts: replace(ts, tests=filler))
    QGuiApplication.clipboard().setText("Last one?\nOne too many?\n")
    evals.window.editor.paste_requested.emit()
    assert evals.window.status.text() == (
        f"1 of 2 cases pasted; 1 case not added: a set holds at most {MAX_CASES:,} cases."
    )
    assert evals.cases.rowCount() == MAX_CASES


def test_a_run_that_cannot_start_stays_on_the_set_and_says_why(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Orphan")
    type_cases(evals, qtbot, ["Hi?"])
    gone = (PromptChoice("old", library="Gone bot@production"),)
    evals.sets.edit(lambda ts: replace(ts, prompts=gone))
    evals.window.tabs.setCurrentIndex(SET_TAB)
    evals.window.editor.run_button.click()
    assert evals.window.tabs.currentIndex() == SET_TAB
    assert evals.window.status.text().startswith("Nothing was sent: ")
    assert loopback.requests == []


def test_an_excel_csv_imports_and_a_set_imported_twice_gets_a_second_name(
    make_app: Callable[[], Application], qtbot: QtBot, tmp_path: Path
) -> None:
    excel = tmp_path / "cases.csv"
    excel.write_bytes("\ufeffinput;expect\r\nHi, there?;Hello\r\n".encode())
    yaml_file = tmp_path / "P.yaml"
    yaml_file.write_text("prompts: [{id: a, system: Be brief.}]\ntests: [{input: Hi}]\n")
    picks = FilePicks()
    evals = open_evals(make_app(), qtbot, picks)
    new_set(evals, qtbot, "Excel")
    picks.paths = [excel]
    evals.window.editor.import_requested.emit()
    assert evals.window.status.text() == "1 case imported from cases.csv."
    assert evals.cases.cases[0] == Case("Hi, there?", expect="Hello")
    for _ in range(2):
        picks.paths = [yaml_file]
        evals.window.editor.import_requested.emit()
    assert evals.window.status.text() == "Imported “P (2)”: 1 case."
    assert sorted(s.name for s in evals.sets.refresh()) == ["Excel", "P", "P (2)"]


def test_cell_details_show_the_ideal_answer_and_thumbs_keep_ctrl_arrows_for_the_grid(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    app.controller.session.update_settings(system_prompt="You are terse.")
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Ideal")
    assert evals.sets.test_set is not None
    assert evals.sets.test_set.prompts[0].system == "You are terse."  # the chat's own prompt
    type_cases(evals, qtbot, ["One?", "Two?"])
    evals.sets.edit(
        lambda ts: replace(ts, tests=(replace(ts.tests[0], expect="Hi there."), ts.tests[1]))
    )
    _, state, _ = wait_run_ended(evals, qtbot, evals.window.editor.run_button.click)
    assert state == RunState.FINISHED
    grid = evals.window.results.grid
    grid.setCurrentIndex(evals.grid.index(SUMMARY_ROWS, 0))
    shown = evals.window.results.details.browser.toPlainText()
    assert "Ideal answer" in shown and "Hi there." in shown and "Hello, world!" in shown
    _activate(qtbot, grid)
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert grid.currentIndex().row() == SUMMARY_ROWS + 1  # moved, not graded
    assert evals.grid.grade(0, "chat").thumb is None
    qtbot.keyClick(grid, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: evals.grid.grade(1, "chat").thumb is True)  # an animated click
    assert "Ctrl+G" in evals.window.results.details.up.toolTip()
