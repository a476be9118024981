"""Driving the Test sets window like a user: its dialogs answered, cases typed, runs awaited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog
from pytestqt.qtbot import QtBot

from app.core.evals.model import RequestResult, ResultKey
from app.ui.composition_root import Application
from app.ui.evals.evals_window import EvalsWindow
from app.ui.evals.prompt_choice_dialog import TEXT_TAB, PromptChoiceDialog
from tests.loopback import wire
from tests.loopback.server import Reply
from tests.loopback.wire import split_events

#: What the loopback server says by default ("Hello, world!"), as a queued reply.
DEFAULT_TEXT = "Hello, world!"


def quick_reply(tokens: tuple[str, ...] = ("Hello", ",", " world", "!")) -> Reply:
    return Reply(body=split_events(wire.openai_stream(list(tokens), prompt_tokens=10)))


def stalled_reply() -> Reply:
    """Starts streaming, then says nothing until the client hangs up."""
    return Reply(
        body=split_events(wire.openai_stream(["Hel", "lo"], prompt_tokens=10)), stall_after=1
    )


class FilePicks:
    """Answers the window's file dialogs with the paths a test gives, in order."""

    def __init__(self) -> None:
        self.paths: list[Path | None] = []

    def __call__(self, title: str, suggested: str, filters: str, save: bool) -> Path | None:
        return self.paths.pop(0) if self.paths else None


def open_evals(app: Application, qtbot: QtBot, picks: FilePicks | None = None) -> EvalsWindow:
    """Ctrl+Shift+T in the main window, then the window that opened."""
    app.evals.pick = picks
    app.window.activateWindow()  # window shortcuts reach an active window only
    app.window.composer.setFocus()
    qtbot.waitUntil(app.window.composer.hasFocus, timeout=2000)
    qtbot.keyClick(
        app.window.composer,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    evals = app.evals.evals
    assert evals is not None
    qtbot.waitUntil(evals.window.isVisible)
    return evals


def answer_text(evals: EvalsWindow, qtbot: QtBot, text: str) -> None:
    """Types `text` into the name question the window asked, and presses OK."""
    found: list[QInputDialog] = []

    def asked() -> None:
        found[:] = [d for d in evals.window.findChildren(QInputDialog) if d.isVisible()]
        assert found

    qtbot.waitUntil(asked)
    found[0].setTextValue(text)
    found[0].done(QDialog.DialogCode.Accepted)


def new_set(evals: EvalsWindow, qtbot: QtBot, name: str) -> None:
    evals.window.new_button.click()
    answer_text(evals, qtbot, name)
    qtbot.waitUntil(lambda: evals.sets.test_set is not None and evals.sets.test_set.name == name)


def type_cases(evals: EvalsWindow, qtbot: QtBot, inputs: list[str]) -> None:
    line = evals.window.editor.new_case
    for text in inputs:
        line.setFocus()
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)


def add_inline_prompt(evals: EvalsWindow, column: str, text: str) -> None:
    evals.window.editor.add_prompt_requested.emit()
    dialog = evals.editor.dialog
    assert isinstance(dialog, PromptChoiceDialog)
    dialog.tabs.setCurrentIndex(TEXT_TAB)
    dialog.id_edit.setText(column)
    dialog.text_edit.setPlainText(text)
    dialog._on_ok()


def wait_run_ended(
    evals: EvalsWindow, qtbot: QtBot, start: Callable[[], None], timeout: int = 20000
) -> tuple[int, str, str]:
    with qtbot.waitSignal(evals.runner.run_ended, timeout=timeout) as blocker:
        start()
    run_id, state, why = blocker.args  # type: ignore[misc]
    return run_id, state, why


def stored_result(test: int, prompt: str, text: str, repeat: int = 0) -> RequestResult:
    """A result as a run stores it (for runs a test sets up as a crash would leave them)."""
    return RequestResult(
        key=ResultKey(test, prompt, repeat),
        response=text,
        finish_reason="stop",
        prompt_tokens=10,
        completion_tokens=4,
        ttft_ms=50.0,
        tokens_per_s=80.0,
        duration_ms=90.0,
        error=None,
        error_kind=None,
        assertions=(),
        seed=11,
        request_sha256="ab" * 32,
    )
