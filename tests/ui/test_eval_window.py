"""The Test sets window against the loopback server: runs with progress, cancel and resume,
grading kept across a restart, files imported and exported, bad files refused plainly."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.evals.files import load_test_set
from app.core.evals.model import Grade, RunState
from app.core.evals.resolve import resolve_prompts
from app.ui.composition_root import Application
from app.ui.evals.changes_dialog import ChangesDialog
from app.ui.evals.results_model import SUMMARY_ROWS
from tests.loopback import LoopbackServer
from tests.ui.eval_helpers import (
    FilePicks,
    add_inline_prompt,
    new_set,
    open_evals,
    quick_reply,
    stalled_reply,
    stored_result,
    type_cases,
    wait_run_ended,
)

CHAT = "/v1/chat/completions"


def chat_requests(server: LoopbackServer) -> list:  # type: ignore[type-arg]
    return [r for r in server.requests if r.url_path == CHAT]


def test_a_run_shows_progress_cancels_midway_keeps_finished_cells_and_resumes(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Support")
    type_cases(evals, qtbot, [f"Question {n}?" for n in range(1, 11)])
    add_inline_prompt(evals, "terse", "Answer in one sentence.")
    editor = evals.window.editor
    editor.repeat.setValue(2)
    editor.concurrency.setValue(2)
    stored = evals.sets.store
    assert stored is not None and evals.sets.set_id is not None
    saved = stored.load_set(evals.sets.set_id)  # written through: no Save needed
    assert len(saved.tests) == 10 and [p.id for p in saved.prompts] == ["chat", "terse"]
    assert (saved.repeat, saved.concurrency) == (2, 2)
    assert editor.summary.text() == "40 requests per run"

    # 20 requests answer; the next two stall until the client hangs up.
    loopback.queue("POST", "/chat/completions", *[quick_reply() for _ in range(20)])
    loopback.queue("POST", "/chat/completions", stalled_reply(), stalled_reply())
    results = evals.window.results
    with qtbot.assertNotEmitted(evals.runner.run_ended):
        editor.run_button.click()
        qtbot.waitUntil(lambda: evals.grid.filled == 20 and len(chat_requests(loopback)) == 22)
        qtbot.waitUntil(lambda: results.progress.value() == 20)  # shown within a frame
    assert results.progress.maximum() == 40
    assert results.progress_label.text().startswith("20 of 40")
    assert results.cancel_button.isEnabled() and not results.resume_button.isEnabled()
    run_id, state, why = wait_run_ended(evals, qtbot, results.cancel_button.click)
    assert (state, why) == (RunState.CANCELLED, "")
    stalled = chat_requests(loopback)[20:]
    assert [r.wait_settled() for r in stalled] == ["client_gone", "client_gone"]
    assert evals.grid.filled == 20 and len(stored.results(run_id)) == 20
    assert stored.run(run_id).state == RunState.CANCELLED
    assert "finished cells are kept" in results.notice.text()
    assert results.resume_button.isEnabled()

    results.grid.setCurrentIndex(evals.grid.index(SUMMARY_ROWS + 9, 1))  # not asked yet
    assert "Not asked: Resume asks" in results.details.browser.toPlainText()
    results.details.comment.setText("typing")
    _, state, _ = wait_run_ended(evals, qtbot, results.resume_button.click)
    assert state == RunState.FINISHED
    assert "2 of 2 (repeats 1, 2)" in results.details.browser.toPlainText()  # followed live
    assert results.details.comment.text() == "typing"  # what was being typed stays
    assert len(chat_requests(loopback)) == 42  # the 20 finished ones were not asked again
    assert evals.grid.filled == 40 and len(stored.results(run_id)) == 40
    assert results.progress.value() == 40
    cell = evals.grid.index(SUMMARY_ROWS, 1).data()
    assert cell.startswith("1 distinct of 2: Hello, world!") and "\nno checks · " in cell
    assert "tok/s (mean of 2)" in cell  # with repeats the timings are means, and say so
    summary = evals.grid.index(0, 0).data()  # no case has checks: no pass rate to give
    assert "No checks" in summary and "distinct 50%" in summary


def test_grades_are_kept_across_a_restart(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Graded")
    type_cases(evals, qtbot, ["First?", "Second?"])
    run_id, state, _ = wait_run_ended(evals, qtbot, evals.window.editor.run_button.click)
    assert state == RunState.FINISHED
    grid_view = evals.window.results.grid
    grid_view.setCurrentIndex(evals.grid.index(SUMMARY_ROWS + 1, 0))
    details = evals.window.results.details
    assert details.up.isEnabled() and "Hello, world!" in details.browser.toPlainText()
    details.up.click()
    details.scores.button(4).click()
    details.comment.setText("Friendly, but says nothing")
    details.comment.editingFinished.emit()
    good, _, commented = evals.grid.marks  # emoji, or words where the font has none
    assert f"{good} 4/5 {commented}" in evals.grid.index(SUMMARY_ROWS + 1, 0).data()
    assert "mean grade 4.0/5" in evals.grid.index(0, 0).data()
    app.window.close()
    qtbot.waitUntil(app.closed.is_set)

    again = make_app()
    evals = open_evals(again, qtbot)
    assert evals.sets.test_set is not None and evals.sets.test_set.name == "Graded"
    assert evals.results.run_id == run_id
    assert evals.grid.grade(1, "chat") == Grade(True, 4, "Friendly, but says nothing")
    assert evals.grid.grade(0, "chat") == Grade()
    evals.window.results.grid.setCurrentIndex(evals.grid.index(SUMMARY_ROWS + 1, 0))
    details = evals.window.results.details
    assert details.up.isChecked() and details.scores.checkedId() == 4
    assert details.comment.text() == "Friendly, but says nothing"


def test_run_vs_run_lists_the_answers_that_changed(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Drift")
    type_cases(evals, qtbot, ["One?", "Two?", "Three?"])
    run = evals.window.editor.run_button.click
    wait_run_ended(evals, qtbot, run)
    loopback.queue("POST", "/chat/completions", quick_reply(("Goodbye", ".")))
    wait_run_ended(evals, qtbot, run)
    evals.window.results.changes_button.click()
    dialog = evals.results.changes_dialog
    assert isinstance(dialog, ChangesDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == "Hello, world!"
    assert dialog.table.item(0, 4).text() == "Goodbye."
    assert "1 answer changed" in dialog.heading.text()
    dialog.close()


SET_FILE = """\
name: Refunds
description: The refund questions support gets most
vars: {company: ACME}
params: {temperature: 0.2, max_tokens: 64}
repeat: 3
concurrency: 2
prompts:
  - {id: terse, system: "Answer in one sentence for {{company}}."}
  - {id: warm, system: "Be kind. You work for {{company}}.", params: {temperature: 0.9}}
tests:
  - input: "Can I get a refund for {{product}}?"
    vars: {product: Pro}
    expect: "Yes, within 30 days."
    assert:
      - {type: contains, value: refund}
      - {type: max-words, value: 40}
  - input: "Where is my invoice?"
    assert:
      - {type: is-json}
"""


def test_an_imported_file_exports_back_the_same_set(
    make_app: Callable[[], Application], qtbot: QtBot, tmp_path: Path
) -> None:
    source = tmp_path / "refunds.yaml"
    source.write_text(SET_FILE, encoding="utf-8")
    picks = FilePicks()
    picks.paths = [source, tmp_path / "out.yaml", tmp_path / "out.json"]
    evals = open_evals(make_app(), qtbot, picks)
    editor = evals.window.editor
    editor.import_requested.emit()
    assert evals.sets.test_set is not None and evals.sets.test_set.name == "Refunds"
    assert evals.cases.rowCount() == 2 and evals.cases.variables == ["product"]
    assert evals.cases.index(0, evals.cases.assertions_column).data() == (
        "contains refund; max-words 40"
    )
    assert editor.prompts_list.count() == 2 and (
        editor.repeat.value(),
        editor.concurrency.value(),
    ) == (3, 2)
    old = tmp_path / "out.yaml"
    old.write_text("an older export")
    old.chmod(0o640)
    old_inode = old.stat().st_ino
    editor.export_requested.emit("yaml")
    editor.export_requested.emit("json")
    # Written whole beside it and renamed over it (never half-written), keeping its mode.
    assert old.stat().st_ino != old_inode and old.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no temporary
    original = load_test_set(SET_FILE)
    assert load_test_set((tmp_path / "out.yaml").read_text(encoding="utf-8")) == original
    assert load_test_set((tmp_path / "out.json").read_text(encoding="utf-8")) == original


def test_a_bad_file_is_refused_naming_its_line_and_nothing_is_lost(
    make_app: Callable[[], Application], qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SET_FILE.replace("type: is-json", "type: containz"), encoding="utf-8")
    bad_csv = tmp_path / "cases.csv"
    bad_csv.write_text("expect\nYes\n", encoding="utf-8")
    picks = FilePicks()
    evals = open_evals(make_app(), qtbot, picks)
    new_set(evals, qtbot, "Kept")
    type_cases(evals, qtbot, ["Still here?"])
    before = evals.sets.test_set
    status = evals.window.status
    for path in (bad, bad_csv):
        picks.paths = [path]
        evals.window.editor.import_requested.emit()
        assert status.text().startswith(f"{path.name} was not imported: line ")
    picks.paths = [bad]
    evals.window.editor.import_requested.emit()
    assert status.text().startswith(
        'bad.yaml was not imported: line 19, tests[1].assert[0].type: unknown check "containz"'
    )
    for name in ("pipe.yaml", "pipe.csv"):  # a pipe would wait for a writer forever
        os.mkfifo(tmp_path / name)
        picks.paths = [tmp_path / name]
        evals.window.editor.import_requested.emit()
        assert (
            status.text()
            == f"{name} was not imported: cannot read {name}: it is a pipe, not a file"
        )
    # Invisible control characters (copied from a terminal) are refused as they are typed.
    line = evals.window.editor.new_case
    line.setText("What does \x9b mean?")  # pasted into the line
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert status.text() == (
        "Not added: the input holds an invisible control character (U+009B); remove it."
    )
    assert not evals.cases.setData(evals.cases.index(0, 0), "bell\x07")
    assert status.text() == (
        "Not changed: the text typed holds an invisible control character (U+0007); remove it."
    )
    assert evals.sets.test_set == before and evals.cases.rowCount() == 1
    assert [s.name for s in evals.sets.refresh()] == ["Kept"]
    type_cases(evals, qtbot, ["And this one?"])  # the window is still usable
    assert evals.cases.rowCount() == 2


def test_a_run_interrupted_by_a_crash_resumes_where_it_stopped(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Crashed")
    type_cases(evals, qtbot, ["One?", "Two?", "Three?"])
    store, set_id, test_set = evals.sets.store, evals.sets.set_id, evals.sets.test_set
    assert store is not None and set_id is not None and test_set is not None
    # What a process killed mid-run leaves: a run still "running" with some results stored.
    prompts = resolve_prompts(test_set, None)
    run_id = store.start_run(set_id, test_set, prompts, 1, 2)
    sink = store.sink(run_id)
    for test in (0, 2):
        sink.record(stored_result(test, "chat", "Stored before the crash."))
    app.window.close()
    qtbot.waitUntil(app.closed.is_set)

    evals = open_evals(make_app(), qtbot)
    results = evals.window.results
    assert evals.results.run_id == run_id and "interrupted" in results.runs.currentText()
    assert results.resume_button.isEnabled() and evals.grid.filled == 2
    assert results.progress_label.text() == "2 of 3"
    _, state, _ = wait_run_ended(evals, qtbot, results.resume_button.click)
    assert state == RunState.FINISHED
    asked = [r.json()["messages"][-1]["content"] for r in chat_requests(loopback)]
    assert asked == ["Two?"]  # only what the crash left unfinished
    assert evals.grid.index(SUMMARY_ROWS, 0).data().startswith("Stored before the crash.")
    assert evals.grid.index(SUMMARY_ROWS + 1, 0).data().startswith("Hello, world!")
    assert "finished" in results.runs.currentText()
