"""The prompt windows follow what changes around them: the OS switching to dark, the chat being
left (Compare with saved closes), and a variable's label that holds an "&"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.prompts.variables import VariableSpec, VarType
from app.ui.diff.diff_html import spans_html
from app.ui.prompts.diff_pane import DiffPane
from app.ui.style import DARK_STYLE, LIGHT_STYLE
from tests.loopback import LoopbackServer
from tests.tools.screenshot_provenance import dark_palette
from tests.ui.prompt_helpers import (
    announce,
    library_of,
    open_library,
    pick,
    select_versions,
    send,
)
from tests.ui.test_prompt_panel import AppMaker


def dark_colour_shown(pane: DiffPane) -> bool:
    """The inline view draws its diff in the dark style's colours."""
    diff = pane.diff
    assert diff is not None
    found = re.search(r"#[0-9a-fA-F]{6}", spans_html(diff.spans, dark=True))
    assert found is not None
    return found.group(0).lower() in pane.inline.browser.toHtml().lower()


# Compare with saved, asked again while open, raises its window: offscreen Qt cannot.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_muted_text_and_diff_colours_follow_a_switch_to_dark(
    make_app: AppMaker, qtbot: QtBot, qapp: Any
) -> None:
    app = make_app()
    library = library_of(app)
    made = library.create("P", "one two three")
    library.save_version(made.prompt_id, "one two four")
    announce(app)
    pick(app, "P")
    app.window.system_prompt_editor.setPlainText("one two five")
    app.controller.prompt_edits.compare_with_saved()
    compare = app.controller.prompt_edits.compare_dialog
    assert compare is not None
    window = open_library(app, qtbot)
    select_versions(window, 2, 1)
    bar = app.window.prompt_save_bar
    assert LIGHT_STYLE.muted in bar.notice.styleSheet()
    light = qapp.palette()
    try:
        with qtbot.waitSignal(app.window.style_changed, timeout=2000):
            qapp.setPalette(dark_palette())
        assert DARK_STYLE.muted in bar.notice.styleSheet()
        assert DARK_STYLE.muted in app.window.status_label.styleSheet()
        assert DARK_STYLE.muted in window.dialog.origin_label.styleSheet()
        assert dark_colour_shown(compare.pane) and dark_colour_shown(window.dialog.diff_pane)
        app.window.system_prompt_editor.setPlainText("one two six")
        app.controller.prompt_edits.compare_with_saved()  # drawn again: still dark
        assert dark_colour_shown(compare.pane)
    finally:
        with qtbot.waitSignal(app.window.style_changed, timeout=2000):
            qapp.setPalette(light)
    assert LIGHT_STYLE.muted in bar.notice.styleSheet()
    assert not dark_colour_shown(compare.pane)


def test_compare_with_saved_closes_when_the_chat_is_left(make_app: AppMaker) -> None:
    app = make_app()
    library_of(app).create("P", "v1")
    announce(app)
    pick(app, "P")
    app.window.system_prompt_editor.setPlainText("v2 edit")
    app.controller.prompt_edits.compare_with_saved()
    compare = app.controller.prompt_edits.compare_dialog
    assert compare is not None and compare.isVisible()
    app.controller.new_chat()
    assert not compare.isVisible()  # it showed the edit of a chat no longer on screen


def test_an_ampersand_in_a_variable_label_is_shown_not_a_mnemonic(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    specs = (
        VariableSpec("team", VarType.TEXT, "R&D team"),
        VariableSpec("who", VarType.TEXT, "Your name"),
    )
    app.window.system_prompt_editor.setPlainText("{{team}} {{who}}")
    app.controller.session.update_settings(variables=specs)
    app.window.composer.setPlainText("hi")
    app.window.send_button.click()  # no values yet: the fill-in form asks
    form = app.controller.variables.form
    assert form is not None
    label = next(w for w in form.findChildren(QLabel) if w.buddy() is form.fields["team"])
    assert label.text() == "R&&D team"  # drawn as "R&D team"
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.fields["who"].setFocus()
    qtbot.keyClick(form.fields["who"], Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is form.fields["who"]  # Alt+D is nobody's
    form.reject()


def test_compare_replies_follows_a_switch_to_dark(
    make_app: AppMaker, qtbot: QtBot, qapp: Any, loopback: LoopbackServer
) -> None:
    app = make_app()
    send(app, qtbot, "hello")
    view = app.window.conversation_view
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        view.action_requested.emit(MessageAction.REGENERATE, 1)
    view.action_requested.emit(MessageAction.COMPARE, 1)
    compare = app.controller.replies.compare
    assert compare is not None
    # The loopback server answers the same words twice: draw two replies that differ.
    compare.diff_view.compare("A llama is calm.", "A llama is curious.")
    diff = compare.diff_view.diff
    assert diff is not None
    light = qapp.palette()
    dark_insert = re.findall(r"#[0-9a-fA-F]{6}", spans_html(diff.new_spans(), dark=True))
    try:
        with qtbot.waitSignal(app.window.style_changed, timeout=2000):
            qapp.setPalette(dark_palette())
        drawn = compare.diff_view.new_browser.toHtml().lower()
        assert any(colour.lower() in drawn for colour in dark_insert)
    finally:
        with qtbot.waitSignal(app.window.style_changed, timeout=2000):
            qapp.setPalette(light)
    drawn = compare.diff_view.new_browser.toHtml().lower()
    assert not any(colour.lower() in drawn for colour in dark_insert)
