"""The prompt picker acts only on a choice the user commits (Enter, or a click in its list):
arrow keys, typing and the wheel only show another entry, and leaving the picker puts it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from app.ui.composition_root import Application
from tests.ui.prompt_helpers import announce, key, library_of, pick, status
from tests.ui.test_prompt_panel import AppMaker


def three_prompts(app: Application) -> int:
    """Alpha, Beta, Gamma; the chat on Gamma with an unsaved edit. Gamma's id."""
    library = library_of(app)
    library.create("Alpha", "You are alpha.")
    library.create("Beta", "You are beta.")
    gamma = library.create("Gamma", "You are gamma.")
    announce(app)
    pick(app, "Gamma")
    app.window.system_prompt_editor.setPlainText("You are gamma, with my unsaved edit.")
    return gamma.prompt_id


def wheel(combo: QComboBox, steps: int) -> None:
    at = QPointF(combo.width() / 2, combo.height() / 2)
    event = QWheelEvent(
        at,
        combo.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, event)


def test_arrow_keys_show_a_choice_and_enter_uses_it(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    gamma = three_prompts(app)
    editor, combo = app.window.system_prompt_editor, app.window.prompt_picker.combo
    key(qtbot, editor, Qt.Key.Key_P, shift=True)  # Ctrl+Shift+P: to the picker
    assert QApplication.focusWidget() is combo
    for _ in range(4):  # past Beta and Alpha onto "Browse the library…"
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith("Browse the library")
    assert app.library_window is None  # stepping onto Browse opens nothing
    assert app.controller.session.settings.prompt_ref == f"{gamma}@1"
    assert editor.toPlainText() == "You are gamma, with my unsaved edit."
    assert len(library_of(app).versions(gamma)) == 1  # and saves nothing

    qtbot.keyClick(combo, Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentText() == "Beta"
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # committed: the edit is kept, Beta is used
    assert status(app) == "Beta · version 1" and editor.toPlainText() == "You are beta."
    assert [v.number for v in library_of(app).versions(gamma)] == [2, 1]


def test_escape_or_leaving_the_picker_puts_back_the_prompt_in_use(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    gamma = three_prompts(app)
    combo = app.window.prompt_picker.combo
    key(qtbot, app.window.system_prompt_editor, Qt.Key.Key_P, shift=True)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Beta"
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    assert combo.currentText() == "Gamma"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Tab)  # away: nothing was chosen
    assert QApplication.focusWidget() is not combo
    assert combo.currentText() == "Gamma"
    assert app.controller.session.settings.prompt_ref == f"{gamma}@1"


def test_the_wheel_never_switches_the_prompt(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    gamma = three_prompts(app)
    combo = app.window.prompt_picker.combo
    app.window.composer.setFocus()
    wheel(combo, 1)  # the pointer passes over it while scrolling the panel
    assert combo.currentText() == "Gamma"
    key(qtbot, app.window.composer, Qt.Key.Key_P, shift=True)  # Ctrl+Shift+P: to the picker
    assert QApplication.focusWidget() is combo
    wheel(combo, 1)  # focused: it shows the next entry, and uses it only on Enter
    assert combo.currentText() == "Beta"
    assert app.controller.session.settings.prompt_ref == f"{gamma}@1"
    assert len(library_of(app).versions(gamma)) == 1


# An open list asks the window system to raise it and grab the keyboard: offscreen Qt cannot.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_click_in_the_list_uses_the_entry_at_once(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    three_prompts(app)
    combo = app.window.prompt_picker.combo
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    view.setCurrentIndex(combo.model().index(combo.findText("Alpha"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter in the open list: as a click
    assert not view.isVisible()
    assert status(app) == "Alpha · version 1"
