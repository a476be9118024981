"""What a screen reader meets: every control named and described, in the window and each dialog;
the conversation read one message at a time; a finished reply announced; fonts that scale."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible, QIcon
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.ui.composition_root import Application
from tests.loopback import FAULTS_BY_NAME, Reply, split_events, workers_ai_stream
from tests.ui.accessibility_walk import interactive_controls, unnamed
from tests.ui.conftest import ChatHarness

NATIVE = "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8"
APP = Path(__file__).resolve().parents[2] / "app"


@pytest.fixture
def opened(qtbot: QtBot) -> Iterator[list[QWidget]]:
    """Windows a test opened: closed at its end, so that none is left modal for the next."""
    windows: list[QWidget] = []
    yield windows
    for window in windows:
        if shiboken6.isValid(window):  # some delete themselves once closed
            window.close()


def open_every_window(app: Application, qtbot: QtBot) -> list[QWidget]:
    """The main window and every dialog and window it opens without a reply on screen."""
    app.endpoint_setup.open_endpoints()
    app.open_library()
    app.presets.open_manager()
    app.controller.variables.open_dialog()
    app.evals.open()
    app.endpoint_setup.open_welcome()
    for search in app.window.findChildren(QLineEdit, "historySearch"):
        search.setText("x")  # its clear button exists once there is something to clear
    tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for top in tops:
        for edit in top.findChildren(QLineEdit):
            if edit.isClearButtonEnabled():
                edit.setText("x")
    return tops


def test_every_control_of_the_window_and_its_dialogs_has_a_name_and_a_description(
    make_app: Callable[[], Application], qtbot: QtBot, opened: list[QWidget]
) -> None:
    app = make_app()
    tops = open_every_window(app, qtbot)
    opened += tops
    kinds = {type(top).__name__ for top in tops}
    for expected in (
        "MainWindow",
        "EndpointsDialog",
        "LibraryDialog",
        "ManagePresetsDialog",
        "VariablesDialog",
        "TestSetsWindow",
        "WelcomeDialog",
    ):
        assert expected in kinds, kinds
    checked = 0
    missing: list[str] = []
    for top in tops:
        checked += len(interactive_controls(top))
        missing += unnamed(top)
    app.window.compare_requested.emit()  # compare mode: its panes in the chat's place
    qtbot.waitUntil(lambda: app.compare.controller.active)
    checked += len(interactive_controls(app.window))
    missing += unnamed(app.window)
    assert checked > 150
    assert not missing, "\n".join(missing)


def test_the_walk_fails_on_an_icon_only_button(qtbot: QtBot) -> None:
    """The check above can fail: an icon-only button reads as nothing until it is named."""
    window = QWidget()
    qtbot.addWidget(window)
    button = QToolButton()
    button.setIcon(QIcon.fromTheme("edit-copy"))
    described = QToolButton()
    described.setText("Copy")
    QVBoxLayout(window).addWidget(button)
    window.layout().addWidget(described)
    assert len(unnamed(window)) == 2  # no name; a name but no description
    button.setAccessibleName("Copy the reply")
    button.setToolTip("Copy the reply's text")
    described.setAccessibleDescription("Copy the code block")
    assert unnamed(window) == []


def conversation_items(chat: ChatHarness) -> list[tuple[QAccessible.Role, str, str, QRect]]:
    view = QAccessible.queryAccessibleInterface(chat.view)
    assert view is not None and view.role() == QAccessible.Role.List
    assert view.text(QAccessible.Text.Name) == "Conversation"
    items = []
    for index in range(view.childCount()):
        item = view.child(index)
        assert item is not None and item.parent().object() is chat.view
        assert view.indexOfChild(item) == index
        name, description = (
            item.text(QAccessible.Text.Name),
            item.text(QAccessible.Text.Description),
        )
        items.append((item.role(), name, description, item.rect()))
    return items


def test_each_message_is_read_on_its_own_and_a_finished_reply_is_announced(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    words = [" Here", " is", " **bold**", " and", " `code`."]
    body = workers_ai_stream(words, prompt_tokens=5)
    chat.server.queue("POST", NATIVE, Reply(body=split_events(body), chunk_delay_s=0.005))
    with qtbot.waitSignal(chat.view.reply_announced, timeout=10_000) as announced:
        chat.send("Say *something*")
    assert announced.args == ["Reply finished."]
    items = conversation_items(chat)
    assert [(role, name) for role, name, _, _ in items] == [
        (QAccessible.Role.ListItem, "You: Say something"),
        (QAccessible.Role.ListItem, "Llama: Here is bold and code."),
    ]
    assert [description for _, _, description, _ in items] == [
        "Your message",
        "Reply from the assistant",
    ]
    # Each item is where its message is drawn: the user's above the reply, inside the view.
    view_rect = QRect(
        chat.view.viewport().mapToGlobal(chat.view.viewport().rect().topLeft()),
        chat.view.viewport().size(),
    )
    first, second = items[0][3], items[1][3]
    assert first.height() > 0 and second.height() > 0 and first.bottom() <= second.top()
    assert view_rect.intersects(first) and view_rect.intersects(second)

    # A new chat empties the list; opening the old one again brings both back.
    old = chat.controller.session
    chat.controller.new_chat()
    assert conversation_items(chat) == []
    chat.window.conversation_view.show_messages(old.path())
    assert conversation_items(chat)[0][1] == "You: Say something"


def test_a_stopped_reply_is_announced_as_stopped_and_keeps_its_text(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    body = workers_ai_stream(["Partial", " answer", " and", " more"])
    chat.server.queue("POST", NATIVE, Reply(body=split_events(body), stall_after=2))
    chat.send("Go on")
    qtbot.waitUntil(lambda: "Partial answer" in chat.view.plain_text(), timeout=5000)
    with qtbot.waitSignal(chat.view.reply_announced, timeout=5000) as announced:
        chat.window.stop_button.click()
    assert announced.args == ["Reply stopped."]
    assert conversation_items(chat)[-1][1] == "Llama: Partial answer"


def test_a_retried_reply_replaces_its_item(workers_chat: ChatHarness, qtbot: QtBot) -> None:
    chat = workers_chat
    for text in ("first", "second"):
        body = workers_ai_stream([f" {text} answer"], prompt_tokens=5)
        chat.server.queue("POST", NATIVE, Reply(body=split_events(body)))
    with qtbot.waitSignal(chat.view.reply_announced, timeout=10_000):
        chat.send("Hi")
    with qtbot.waitSignal(chat.view.reply_announced, timeout=10_000):
        chat.view.action_requested.emit(MessageAction.REGENERATE, 1)
    assert [name for _, name, _, _ in conversation_items(chat)] == [
        "You: Hi",
        "Llama: second answer",
    ]


def test_no_font_size_is_given_in_pixels() -> None:
    """Text follows the OS text scale: sizes are relative (small, a factor of the system font)."""
    pixel_sizes = re.compile(r"font-size:\s*\d+(\.\d+)?px|setPixelSize\(|font:\s*\d+px")
    found = [
        f"{path.relative_to(APP.parent)}:{number}"
        for path in APP.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pixel_sizes.search(line)
    ]
    assert not found, found


def test_esc_closes_each_dialog_from_the_keyboard(
    make_app: Callable[[], Application], qtbot: QtBot, opened: list[QWidget]
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    app = make_app()
    tops = open_every_window(app, qtbot)
    opened += tops
    dialogs = [top for top in tops if isinstance(top, QDialog)]
    assert {type(d).__name__ for d in dialogs} >= {
        "EndpointsDialog",
        "LibraryDialog",
        "ManagePresetsDialog",
        "VariablesDialog",
        "WelcomeDialog",
    }
    for dialog in dialogs:
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        focused = QApplication.focusWidget() or dialog
        qtbot.keyClick(focused, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())  # type: ignore[misc]


def test_a_failed_reply_is_announced_with_what_went_wrong(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    chat = workers_chat
    FAULTS_BY_NAME["wai_stream_cut_no_done"].install(chat.server)
    with qtbot.waitSignal(chat.view.reply_announced, timeout=10_000) as announced:
        chat.send("hello")
    reply = chat.controller.session.path()[-1]
    assert reply.failure is not None
    assert announced.args == [f"The reply failed. {reply.failure.message}"]
    assert conversation_items(chat)[-1][1].endswith(reply.failure.message)


def test_a_reply_s_actions_are_reached_with_tab_and_run_with_enter(
    workers_chat: ChatHarness, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    chat = workers_chat
    with qtbot.waitSignal(chat.view.reply_announced, timeout=10_000):
        chat.send("Hi")
    chat.window.activateWindow()
    qtbot.waitUntil(chat.window.isActiveWindow)
    chat.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(chat.view.hasFocus)
    chosen: list[str] = []
    for _ in range(12):  # the links of both messages' footers, one Tab each
        qtbot.keyClick(chat.view, Qt.Key.Key_Tab)
        chosen.append(chat.view.textCursor().selectedText())
        if chosen[-1] == "Regenerate":
            break
    assert chosen[-1] == "Regenerate", chosen
    with qtbot.waitSignal(chat.view.action_requested) as asked:
        qtbot.keyClick(chat.view, Qt.Key.Key_Return)
    assert asked.args == [MessageAction.REGENERATE, 1]


def test_the_reply_dialogs_have_names_and_descriptions(
    make_app: Callable[[], Application], qtbot: QtBot, opened: list[QWidget]
) -> None:
    app = make_app()
    window = app.window
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=10_000):
        window.composer.setPlainText("Hi")
        window.send_button.click()
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=10_000):
        window.conversation_view.action_requested.emit(MessageAction.REGENERATE, 1)
    window.last_reply_action_requested.emit(MessageAction.DETAILS)
    window.last_reply_action_requested.emit(MessageAction.COMPARE)
    dialogs = [
        top
        for top in QApplication.topLevelWidgets()
        if top.isVisible() and type(top).__name__ in ("ReplyDetailsDialog", "CompareRepliesDialog")
    ]
    opened += dialogs
    assert len(dialogs) == 2
    missing = [line for dialog in dialogs for line in unnamed(dialog)]
    assert not missing, "\n".join(missing)


def test_the_smaller_dialogs_have_names_and_descriptions(qtbot: QtBot) -> None:
    """Dialogs opened from deeper inside (a preset's name, a case's checks, a prompt to run,
    changes between runs, the fill-in form, compare with saved), each built as its owner does."""
    from app.core.prompts.variables import VariableSpec, VarType
    from app.ui.evals.assertions_dialog import AssertionsDialog
    from app.ui.evals.changes_dialog import ChangesDialog
    from app.ui.evals.prompt_choice_dialog import PromptChoiceDialog
    from app.ui.prompts.diff_pane import CompareDialog
    from app.ui.prompts.fill_in_form import FillInForm
    from app.ui.prompts.presets_dialog import PresetNameDialog
    from app.ui.style import LIGHT_STYLE

    parent = QWidget()
    qtbot.addWidget(parent)
    specs = [
        VariableSpec("audience"),
        VariableSpec("notes", VarType.LONG_TEXT),
        VariableSpec("tone", VarType.CHOICE, options=("warm", "formal")),
        VariableSpec("count", VarType.NUMBER, help="How many ideas"),
    ]
    dialogs: list[QWidget] = [
        PresetNameDialog("Save as preset", "Name it.", "Mine", LIGHT_STYLE, parent),
        AssertionsDialog([], "Checks", parent),
        PromptChoiceDialog(None, [], parent),
        ChangesDialog([], [], "run 1", parent),
        FillInForm(specs, {}, LIGHT_STYLE, parent=parent),
        CompareDialog(parent),
    ]
    missing: list[str] = []
    for dialog in dialogs:
        dialog.show()
        assert interactive_controls(dialog), type(dialog).__name__
        missing += unnamed(dialog)
        dialog.close()
    assert not missing, "\n".join(missing)
