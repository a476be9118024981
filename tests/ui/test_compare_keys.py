"""Compare mode's keys: the chat's shortcuts never act on the chat hidden behind the panes;
Ctrl+L and the export keys act on the compare, the others are off until compare mode ends."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

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
