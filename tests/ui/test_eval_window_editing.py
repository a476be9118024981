"""Editing in the Test sets window: sets renamed, deleted and brought back; cases pasted and
checked; a library prompt chosen and sent; pacing and endpoint failures said plainly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.core.evals.model import Assertion, AssertionKind, PromptChoice, RunState
from app.ui.composition_root import Application
from app.ui.evals.assertions_dialog import AssertionsDialog
from app.ui.evals.prompt_choice_dialog import LIBRARY_TAB, PromptChoiceDialog
from app.ui.evals.results_model import SUMMARY_ROWS
from tests.loopback import LoopbackServer, Reply, wire
from tests.ui.eval_helpers import answer_text, new_set, open_evals, type_cases, wait_run_ended


def test_sets_are_renamed_deleted_and_brought_back(
    make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Draft")
    assert evals.sets.refresh() == []  # stored with its first case, not before
    type_cases(evals, qtbot, ["Hello?"])
    window = evals.window
    assert window.sets_list.count() == 1 and window.current_set_id() == evals.sets.set_id
    window.rename_button.click()
    answer_text(evals, qtbot, "Greetings")
    assert window.sets_list.item(0).text() == "Greetings  (1 case)", window.status.text()
    set_id = evals.sets.set_id
    window.delete_button.click()
    assert window.sets_list.count() == 0 and evals.sets.test_set is None
    assert window.status.text() == "Test set deleted. Undo (Ctrl+Z) brings it back."
    assert window.undo_button.isEnabled()
    window.undo_button.click()
    assert evals.sets.set_id == set_id and evals.cases.cases[0].input == "Hello?"
    assert window.sets_list.item(0).text() == "Greetings  (1 case)"
    evals.cases.remove_rows([0])  # the last case stays: a stored set has one
    assert evals.cases.rowCount() == 1
    assert window.status.text().startswith("A test set keeps at least one case and one prompt")


def test_pasted_cases_with_checks_run_with_a_library_prompt(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = make_app()
    library = app.controller.library.library
    assert library is not None
    first = library.create("Support bot", "You help {{company}}'s customers.", (), "")
    library.save_version(first.prompt_id, "You help {{company}}. Be brief.", (), "")
    library.set_label(first.prompt_id, "production", 1)
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Support")
    QGuiApplication.clipboard().setText("Where is my order?\n\n  Can I pay later?  \n")
    evals.window.editor.paste_requested.emit()
    assert [c.input for c in evals.cases.cases] == ["Where is my order?", "Can I pay later?"]
    assert evals.window.status.text() == "2 cases pasted."
    evals.window.editor.add_variable_requested.emit()
    answer_text(evals, qtbot, "company")
    for row in (0, 1):
        evals.cases.setData(evals.cases.index(row, 1), "ACME")
    evals.window.editor.edit_checks_requested.emit(0)
    checks = evals.editor.dialog
    assert isinstance(checks, AssertionsDialog)
    checks.add_row(Assertion(AssertionKind.CONTAINS, "world"))
    checks.add_row(Assertion(AssertionKind.MAX_WORDS, 1))
    checks._on_ok()
    stored = evals.sets.store.load_set(evals.sets.set_id)  # type: ignore[union-attr,arg-type]
    assert stored.tests[0].asserts == (
        Assertion(AssertionKind.CONTAINS, "world"),
        Assertion(AssertionKind.MAX_WORDS, 1),
    )
    assert stored.tests[1].vars == {"company": "ACME"}

    evals.window.editor.remove_prompt_requested.emit(0)  # the last prompt stays
    assert len(evals.sets.test_set.prompts) == 1  # type: ignore[union-attr]
    evals.window.editor.add_prompt_requested.emit()
    choose = evals.editor.dialog
    assert isinstance(choose, PromptChoiceDialog) and choose.tabs.currentIndex() == LIBRARY_TAB
    choose.pick_combo.setCurrentIndex(choose.pick_combo.findData("production"))
    choose._on_ok()
    evals.window.editor.remove_prompt_requested.emit(0)
    assert evals.sets.test_set.prompts == (  # type: ignore[union-attr]
        PromptChoice(id="support-bot-production", library="Support bot@production"),
    )
    _, state, _ = wait_run_ended(evals, qtbot, evals.window.editor.run_button.click)
    assert state == RunState.FINISHED
    sent = [r.json()["messages"] for r in loopback.requests if r.url_path.endswith("/completions")]
    assert sent[0][0] == {"role": "system", "content": "You help ACME's customers."}
    assert sorted(m[-1]["content"] for m in sent) == ["Can I pay later?", "Where is my order?"]
    cell = evals.grid.index(SUMMARY_ROWS, 0).data()
    assert "✗ 0/1 passed" in cell  # "Hello, world!" has two words
    evals.window.results.grid.setCurrentIndex(evals.grid.index(SUMMARY_ROWS, 0))
    details = evals.window.results.details.browser.toPlainText()
    assert "max-words" in details
    assert evals.grid.headerData(0, Qt.Orientation.Horizontal, 0) == (
        "support-bot-production (Support bot)"
    )


def test_a_library_prompt_that_is_gone_stops_the_run_before_anything_is_sent(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Orphan")
    type_cases(evals, qtbot, ["Hi?"])
    evals.sets.edit(
        lambda ts: ts.__class__(
            **{**ts.__dict__, "prompts": (PromptChoice("old", library="Gone bot@production"),)}
        )
    )
    evals.window.editor.run_button.click()
    assert evals.window.status.text().startswith("Nothing was sent: ")
    assert "Gone bot" in evals.window.status.text()
    assert not evals.runner.busy and loopback.requests == []


def test_the_endpoint_slowing_the_run_down_is_said_plainly(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Busy")
    type_cases(evals, qtbot, ["One?", "Two?", "Three?"])
    evals.window.editor.concurrency.setValue(1)
    too_many = Reply.json(
        wire.openai_error("detail", 429, "Too many requests"), 429, {"Retry-After": "0"}
    )
    loopback.queue("POST", "/chat/completions", too_many, too_many, too_many)
    notice = evals.window.results.notice
    evals.window.editor.run_button.click()
    qtbot.waitUntil(lambda: "too many requests" in notice.text(), timeout=10000)
    assert notice.isVisible() and "a minute" in notice.text()
    _, state, _ = wait_run_ended(evals, qtbot, evals.window.results.cancel_button.click)
    assert state == RunState.CANCELLED


def test_an_endpoint_that_refuses_the_token_stops_the_run_with_its_reason(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Locked")
    type_cases(evals, qtbot, ["One?", "Two?"])
    refused = Reply.json(wire.openai_error("detail", 401, "Unauthorized"), 401)
    loopback.queue("POST", "/chat/completions", refused, refused)
    _, state, why = wait_run_ended(evals, qtbot, evals.window.editor.run_button.click)
    assert state == RunState.CANCELLED and why
    notice = evals.window.results.notice.text()
    assert notice.startswith("The run stopped: ") and notice.endswith("Resume asks what is left.")
    assert evals.window.results.resume_button.isEnabled()
    assert "Traceback" not in notice


def test_resume_asks_the_requests_that_failed_again(
    make_app: Callable[[], Application], loopback: LoopbackServer, qtbot: QtBot
) -> None:
    evals = open_evals(make_app(), qtbot)
    new_set(evals, qtbot, "Flaky")
    type_cases(evals, qtbot, ["One?", "Two?"])
    evals.window.editor.concurrency.setValue(1)
    broken = Reply.json(wire.openai_error("detail", 400, "bad things happened"), 400)
    loopback.queue("POST", "/chat/completions", broken)
    _, state, _ = wait_run_ended(evals, qtbot, evals.window.editor.run_button.click)
    assert state == RunState.FINISHED
    failed = evals.grid.index(SUMMARY_ROWS, 0).data()
    assert failed.startswith("no answer: the request failed\nno checks")
    assert "bad things happened" in failed
    assert "1 request failed" in evals.grid.index(0, 0).data()
    results = evals.window.results
    assert results.resume_button.isEnabled()  # finished, but a request failed
    _, state, _ = wait_run_ended(evals, qtbot, results.resume_button.click)
    assert state == RunState.FINISHED
    assert evals.grid.index(SUMMARY_ROWS, 0).data().startswith("Hello, world!")
    assert len([r for r in loopback.requests if r.url_path.endswith("/completions")]) == 3
    assert not results.resume_button.isEnabled()  # nothing left to ask
