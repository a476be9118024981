"""Compare mode's keys: the chat's shortcuts never act on the chat hidden behind the panes;
Ctrl+L and the export keys act on the compare, the others are off until compare mode ends."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from app.ui.composition_root import Application
from app.ui.window.main_window import MainWindow
from tests.loopback import LoopbackServer
from tests.ui.compare_helpers import compare_of, enter_with, send_to_all, started
from tests.ui.conftest import AppFactory
from tests.ui.prompt_helpers import key

#: The chat's keys that have nothing to act on while comparing: (key, with Shift).
CHAT_ONLY_KEYS = (
    (Qt.Key.Key_S, True),  # focus the system prompt
    (Qt.Key.Key_I, True),  # last reply's details
    (Qt.Key.Key_C, True),  # compare replies
    (Qt.Key.Key_R, True),  # replay the last reply
    (Qt.Key.Key_D, True),  # use as default for new chats
    (Qt.Key.Key_P, True),  # choose the system prompt
    (Qt.Key.Key_S, False),  # save prompt version
    (Qt.Key.Key_D, False),  # compare with saved
)


def enabled_keys(window: MainWindow) -> list[str]:
    return sorted(
        a.shortcut().toString()
        for a in window.findChildren(QAction)
        if a.isEnabled() and not a.shortcut().isEmpty()
    )


def test_the_chats_keys_act_on_the_compare_or_are_off_while_comparing(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    window = app.window
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        window.composer.setPlainText("A chat with a reply to act on")
        window.send_button.click()
    panes = enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Where did it sit?")
    compare = compare_of(app)
    compare_asked: list[str] = []
    chat_asked: list[str] = []
    app.compare.files._pick = lambda title, _s, _f, _save: compare_asked.append(title)  # type: ignore[assignment,func-returns-value]
    app.file_actions._pick = lambda title, _s, _f, _save: chat_asked.append(title)  # type: ignore[assignment,func-returns-value]

    prompt = panes[0].pane.header.prompt_editor
    prompt.setFocus()
    key(qtbot, prompt, Qt.Key.Key_L)
    assert compare.view.composer.hasFocus()  # the message box every pane gets, not the chat's
    key(qtbot, compare.view.composer, Qt.Key.Key_E)
    key(qtbot, compare.view.composer, Qt.Key.Key_E, shift=True)
    assert compare_asked == ["Export this compare as Markdown", "Export this compare as JSON"]
    assert chat_asked == []

    windows = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    asked = len(loopback.requests)
    intents = [
        window.last_reply_action_requested,
        window.use_as_default_requested,
        window.file_action_requested,
        window.prompt_save_bar.save_requested,
        window.prompt_save_bar.compare_requested,
    ]
    for key_, shift in CHAT_ONLY_KEYS:
        for signal in intents:
            with qtbot.assertNotEmitted(signal):
                key(qtbot, compare.view.composer, key_, shift=shift)
        assert compare.view.composer.hasFocus(), (key_, shift)
    assert {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()} == windows
    assert len(loopback.requests) == asked  # nothing replayed
    # One enabled action per key: none left to the hidden chat, none ambiguous.
    keys = enabled_keys(window)
    assert len(keys) == len(set(keys)), keys
    assert not any(a.isEnabled() for a in window.chat_actions)
    window.set_busy(True)  # a chat still streaming behind the panes: Esc is not its Stop here
    assert not window.stop_action.isEnabled()
    window.set_busy(False)

    key(qtbot, compare.view.composer, Qt.Key.Key_K, shift=True)  # back to the chat
    assert not compare.active and all(a.isEnabled() for a in window.chat_actions)
    window.conversation_list.setFocus()
    key(qtbot, window.conversation_list, Qt.Key.Key_L)
    assert window.composer.hasFocus()
    key(qtbot, window.composer, Qt.Key.Key_E)
    assert chat_asked == ["Export this chat as Markdown"]
    keys = enabled_keys(window)
    assert len(keys) == len(set(keys)), keys
    with qtbot.waitSignal(window.last_reply_action_requested, timeout=2000):
        key(qtbot, window.composer, Qt.Key.Key_I, shift=True)
    opened = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in windows]
    assert [w.objectName() for w in opened] == ["replyDetails"]  # the chat's reply, shown again
    for dialog in opened:
        dialog.close()


def tab_stops(window: MainWindow) -> list[QWidget]:
    """Every control Tab reaches, in order, from the toolbar's first once round the window."""
    start = window.profile_selector
    stops: list[QWidget] = []
    widget: QWidget = start
    for _ in range(2000):
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None  # Tab stops at the proxy (a spin box's edit)
            and widget.window() is window
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            return stops
    raise AssertionError("the focus chain does not come round")


def place_of(app: Application, widget: QWidget) -> tuple[int, ...]:
    """Where a control is on screen, as (area, pane, row): the order Tab must follow."""
    window, view = app.window, compare_of(app).view
    toolbar = window.findChild(QToolBar, "endpointToolbar")
    assert toolbar is not None
    if toolbar.isAncestorOf(widget):
        return (0,)
    if window.history_pane.isAncestorOf(widget):
        return (1,)
    for number, pane in enumerate(compare_of(app).panes):
        if pane.pane.isAncestorOf(widget):
            at = widget.mapTo(pane.pane, widget.rect().center())
            return (2, number, at.y(), at.x())
    bottom = [view.composer, view.send_button, view.stop_button, view.add_button]
    if widget in bottom:
        return (3, bottom.index(widget))
    return (9, 0)  # anything else is out of place


def test_tab_follows_the_screen_in_compare_mode(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    compare = compare_of(app)
    app.window.compare_button.click()
    compare.view.add_button.click()  # a pane added later takes its place in the chain
    for unfolded in (False, True):
        compare.view.set_settings_shown(unfolded)
        stops = tab_stops(app.window)
        places = [place_of(app, w) for w in stops]
        shown = [
            (w.accessibleName() or w.objectName(), p) for w, p in zip(stops, places, strict=True)
        ]
        assert in_reading_order(places), "\n".join(map(str, shown))
        named = [w.accessibleName() for w in stops]
        assert named[-3:] == ["Message to every pane", "Send to all panes", "Add pane"]
        assert sum(1 for p in places if p[0] == 2 and p[1] == 2) >= 5  # pane 3 is in the chain
        assert ("Pane 1 temperature" in named) is unfolded
    compare.panes[0].pane.remove_button.click()  # still in order once a pane has gone
    compare.view.set_settings_shown(False)
    assert in_reading_order([place_of(app, w) for w in tab_stops(app.window)])


def in_reading_order(places: list[tuple[int, ...]]) -> bool:
    """Areas in order; inside a pane, rows top to bottom and a row left to right (controls
    on one row are centred within a few pixels of each other)."""
    for before, after in itertools.pairwise(places):
        if before[:2] != after[:2] or before[0] != 2:
            if before > after:
                return False
            continue
        same_row = abs(after[2] - before[2]) <= 8
        if (after[3] <= before[3]) if same_row else (after[2] < before[2]):
            return False
    return True
