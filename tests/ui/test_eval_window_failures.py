"""The Test sets window when the history refuses: a failed integrity check (every write raises
HistoryUnavailable), a run removed elsewhere. Said in plain words, and a run always ends."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from app.core.evals.files import load_test_set
from app.core.evals.model import Grade, RunState
from app.core.evals.resolve import resolve_prompts
from app.storage.history.files import unavailable
from app.storage.history.store import HistoryStore
from app.ui.composition_root import Application
from app.ui.evals.results_model import SUMMARY_ROWS
from app.ui.evals.sets_controller import TestSetsController
from app.ui.evals.store_words import store_failure
from tests.loopback import LoopbackServer
from tests.ui.eval_helpers import (
    new_set,
    open_evals,
    quick_reply,
    stalled_reply,
    stored_result,
    type_cases,
    wait_run_ended,
)

CHAT = "/v1/chat/completions"


def _history(app: Application) -> HistoryStore:
    store = app.history.store
    assert store is not None
    return store


def test_edits_and_runs_on_a_history_that_failed_its_check_are_refused_plainly(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Checked")
    type_cases(evals, qtbot, ["One?"])
    set_id = evals.sets.set_id
    assert set_id is not None
    history = _history(app)
    # What the deferred integrity check leaves behind when it fails: every write refused.
    history.problem = unavailable(history.path, "is damaged (malformed)")
    status = evals.window.status

    type_cases(evals, qtbot, ["Two?"])
    assert status.text().startswith("The test set could not be saved: the history is not")
    assert "is damaged (malformed)" in status.text()
    evals.sets.rename(set_id, "Renamed")
    assert status.text().startswith("The test set could not be saved")
    evals.sets.delete(set_id)
    assert status.text().startswith("The test set could not be saved")
    assert [s.id for s in evals.sets.refresh()] == [set_id]  # reads still work

    evals.window.editor.run_button.click()
    assert status.text().startswith("The run could not be stored, so nothing was sent: the")
    assert not evals.runner.busy
    assert not any(r.url_path == CHAT for r in loopback.requests)


def test_a_run_whose_end_cannot_be_stored_still_ends_and_says_why(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Stalls")
    type_cases(evals, qtbot, ["One?"])
    loopback.queue("POST", "/chat/completions", stalled_reply())
    results = evals.window.results
    with qtbot.waitSignal(evals.runner.busy_changed):
        evals.window.editor.run_button.click()
    qtbot.waitUntil(lambda: any(r.url_path == CHAT for r in loopback.requests))
    history = _history(app)
    history.problem = unavailable(history.path, "is damaged (malformed)")
    with qtbot.waitSignal(evals.runner.busy_changed) as busy:
        _, state, why = wait_run_ended(evals, qtbot, results.cancel_button.click)
    assert busy.args == [False] and not evals.runner.busy
    assert state == RunState.CANCELLED
    assert why.startswith("How the run ended could not be stored: the history is not")
    assert not results.cancel_button.isEnabled() and evals.window.editor.run_button.isEnabled()
    assert "is damaged (malformed)" in results.notice.text()


def test_an_answer_that_cannot_be_stored_ends_the_run_plainly(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Refused")
    type_cases(evals, qtbot, ["One?"])
    history = _history(app)
    loopback.queue("POST", "/chat/completions", quick_reply())
    with qtbot.waitSignal(evals.runner.busy_changed):
        evals.window.editor.run_button.click()
    history.problem = unavailable(history.path, "is damaged (malformed)")  # before it answers
    _, _, why = wait_run_ended(evals, qtbot, lambda: None)
    assert why.startswith("Its answers could not be stored: the history is not")
    assert not evals.runner.busy and evals.window.editor.run_button.isEnabled()


def test_changes_of_a_run_removed_elsewhere_are_refused_plainly(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Gone")
    type_cases(evals, qtbot, ["One?"])
    run = evals.window.editor.run_button.click
    wait_run_ended(evals, qtbot, run)
    run_id, _, _ = wait_run_ended(evals, qtbot, run)
    assert evals.window.results.changes_button.isEnabled()
    other = sqlite3.connect(_history(app).path)  # another program removes the run shown
    with other:
        other.execute("DELETE FROM eval_results WHERE run_id = ?", (run_id,))
        other.execute("DELETE FROM eval_grades WHERE run_id = ?", (run_id,))
        other.execute("DELETE FROM eval_runs WHERE id = ?", (run_id,))
    other.close()
    evals.window.results.changes_button.click()
    assert evals.window.status.text() == (
        "The previous run could not be read: That run no longer exists; it may have been "
        "removed in another window."
    )


def test_a_locked_history_is_said_in_words_not_sqlite_text(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file
    other = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            other.execute("INSERT INTO t VALUES (1)")
    finally:
        other.close()
        holder.close()
    said = store_failure("The grade could not be saved", raised.value, None)
    assert said == (
        "The grade could not be saved: the history file is in use by another program "
        "(close it, then restart LlamaDesk)."
    )
    assert "locked" not in said


def test_a_run_cut_off_by_another_history_says_nothing_about_the_new_ones_runs(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot, tmp_path: Path
) -> None:
    other = HistoryStore.open(tmp_path / "other.db")  # its run 1 finished long ago
    kept = load_test_set('name: Kept\nprompts: [{id: chat, system: ""}]\ntests: [{input: Old?}]\n')
    kept_id = other.evals.save_set(kept)
    kept_run = other.evals.start_run(kept_id, kept, resolve_prompts(kept, None), 1, 1)
    other.evals.sink(kept_run).record(stored_result(0, "chat", "Old answer."))
    other.evals.finish_run(kept_run, RunState.FINISHED)
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Cut off")
    type_cases(evals, qtbot, ["One?"])
    first = _history(app)
    loopback.queue("POST", "/chat/completions", stalled_reply())
    with qtbot.waitSignal(evals.runner.run_started) as started:
        evals.window.editor.run_button.click()
    assert started.args[0] == kept_run  # the same id in both files  # type: ignore[index]
    qtbot.waitUntil(lambda: any(r.url_path == CHAT for r in loopback.requests))
    results = evals.window.results
    with qtbot.assertNotEmitted(evals.runner.run_ended):
        app.history.attach(other)  # as a restored backup replaces the history
        assert not evals.runner.busy
        evals.sets.open(kept_id)
        assert evals.window.editor.run_button.isEnabled()
        assert evals.results.run_id == kept_run and "finished" in results.runs.currentText()
        qtbot.waitUntil(lambda: first.evals.run(kept_run).state is RunState.CANCELLED)
    [asked] = [r for r in loopback.requests if r.url_path == CHAT]
    assert asked.wait_settled() == "client_gone"
    assert "finished" in results.runs.currentText() and results.notice.text() == ""
    assert evals.grid.index(SUMMARY_ROWS, 0).data().startswith("Old answer.")
    assert other.evals.run(kept_run).state is RunState.FINISHED
    first.close()


def test_another_set_is_not_opened_while_a_run_goes(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Other")
    type_cases(evals, qtbot, ["Elsewhere?"])
    other_id = evals.sets.set_id
    new_set(evals, qtbot, "Running")
    type_cases(evals, qtbot, ["One?"])
    running_id = evals.sets.set_id
    loopback.queue("POST", "/chat/completions", stalled_reply())
    with qtbot.waitSignal(evals.runner.run_started) as started:
        evals.window.editor.run_button.click()
    run_id = started.args[0]  # type: ignore[index]
    sets_list, results = evals.window.sets_list, evals.window.results
    [other_row] = [
        i
        for i in range(sets_list.count())
        if sets_list.item(i).data(Qt.ItemDataRole.UserRole) == other_id
    ]
    sets_list.setCurrentRow(other_row)  # a click on the other set
    refused = "A run of “Running” is going: cancel it (Esc) or wait for it to end, then open"
    assert evals.window.status.text().startswith(refused)
    assert evals.sets.set_id == running_id and evals.window.current_set_id() == running_id
    assert evals.results.run_id == run_id and "running" in results.runs.currentText()
    assert results.cancel_button.isEnabled()
    evals.window.new_button.click()  # nor is a new one made, nor the running one deleted
    assert not [d for d in evals.window.findChildren(QInputDialog) if d.isVisible()]
    assert evals.sets.test_set is not None and evals.sets.test_set.name == "Running"
    evals.window.delete_button.click()
    assert [s.id for s in evals.sets.refresh()].count(running_id) == 1

    wait_run_ended(evals, qtbot, results.cancel_button.click)
    sets_list.setCurrentRow(other_row)
    assert evals.sets.set_id == other_id and evals.results.run_id is None


def test_reading_sets_without_a_history_does_not_claim_something_was_not_saved(
    qtbot: QtBot,
) -> None:
    sets = TestSetsController()
    with qtbot.waitSignal(sets.told) as read:
        sets.refresh()
    assert read.args == ["Test sets live in the chat history, which is not open."]
    with qtbot.waitSignal(sets.told) as written:
        sets.rename(1, "New name")
    assert written.args == [
        "Test sets live in the chat history, which is not open: nothing was saved."
    ]


def test_grades_and_resume_on_a_history_that_failed_its_check_are_refused_plainly(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Graded")
    type_cases(evals, qtbot, ["First?"])
    run_id, state, _ = wait_run_ended(evals, qtbot, evals.window.editor.run_button.click)
    assert state == RunState.FINISHED
    results = evals.window.results
    results.grid.setCurrentIndex(evals.grid.index(SUMMARY_ROWS, 0))
    history = _history(app)
    history.problem = unavailable(history.path, "is damaged (malformed)")
    results.details.up.click()
    status = evals.window.status
    assert status.text().startswith("The grade could not be saved: the history is not written")
    assert evals.grid.grade(0, "chat") == Grade()  # the grid shows what is stored
    evals.results.resume()
    assert status.text().startswith("That run could not be resumed: the history is not written")
    assert not evals.runner.busy
    history.problem = None
    assert history.evals.run(run_id).state is RunState.FINISHED
