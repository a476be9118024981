"""The sidebar acts on saved chats: rename in place, pin, delete with undo, and search them all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.storage.history.store import HistoryStore
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer, Reply, openai_stream
from tests.ui.test_history_window import AppMaker

CHAT = "/chat/completions"


def send(app: Application, qtbot: QtBot, text: str) -> None:
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText(text)
        app.window.send_button.click()


def new_chat(app: Application) -> None:
    app.window.new_chat_requested.emit()


def titles(app: Application) -> list[str]:
    return app.history.model.titles()


def shown(app: Application) -> list[str]:
    model = app.history.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def stored(app: Application) -> HistoryStore:
    assert app.history.store is not None
    return app.history.store


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def select_row(app: Application, qtbot: QtBot, row: int) -> QWidget:
    """Put the sidebar's cursor on `row` (without opening it) and focus the list."""
    view = app.window.conversation_list
    view.setCurrentIndex(app.history.model.index(row, 0))
    focus(qtbot, view)
    return view


def rename_row(app: Application, qtbot: QtBot, row: int, name: str) -> None:
    view = select_row(app, qtbot, row)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.setText(name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.findChild(QLineEdit) is None or not editor.isVisible())


def test_rename_in_place_then_back_to_the_automatic_title(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    send(app, qtbot, "Facts about llamas")
    conversation_id = app.history.conversation_id or 0
    assert app.history.actions.rename_action.shortcut().toString() == "F2"
    rename_row(app, qtbot, 0, "  My   llamas ")
    assert titles(app) == ["My llamas"]
    assert stored(app).conversation(conversation_id).title == "My llamas"
    rename_row(app, qtbot, 0, "")
    assert titles(app) == ["Facts about llamas"]
    record = stored(app).conversation(conversation_id)
    assert record.title == "Facts about llamas" and record.title_is_auto


def test_pinned_conversations_come_first_and_unpin_restores_the_order(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    send(app, qtbot, "older")
    new_chat(app)
    send(app, qtbot, "newer")
    assert titles(app) == ["newer", "older"]
    view = select_row(app, qtbot, 1)
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert shown(app) == ["📌 older", "newer"]
    assert view.currentIndex().row() == 0  # the cursor follows the pinned conversation
    assert app.history.conversation_id is not None
    assert stored(app).conversation(app.history.conversation_id).title == "newer"  # still open
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert shown(app) == ["newer", "older"]


def test_delete_then_undo_with_ctrl_z_or_the_button(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    send(app, qtbot, "keep me")
    new_chat(app)
    send(app, qtbot, "open one")
    undo_button = app.window.history_pane.undo_delete_button
    assert not undo_button.isVisible() and undo_button.accessibleName() and undo_button.toolTip()
    view = select_row(app, qtbot, 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert titles(app) == ["open one"]
    assert app.window.status_label.text() == "Deleted “keep me”. Undo (Ctrl+Z)"
    assert undo_button.isVisible()
    assert app.controller.session.path()[0].text == "open one"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(app) == ["open one", "keep me"] and not undo_button.isVisible()
    assert "Restored “keep me”" in app.window.status_label.text()

    select_row(app, qtbot, 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert titles(app) == ["open one"]
    qtbot.mouseClick(undo_button, Qt.MouseButton.LeftButton)
    assert titles(app) == ["open one", "keep me"]


def test_deleting_the_open_conversation_shows_an_empty_new_chat(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    send(app, qtbot, "soon gone")
    deleted_id = app.history.conversation_id
    view = select_row(app, qtbot, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert titles(app) == [] and app.history.conversation_id is None
    assert app.controller.session.path() == []
    assert "soon gone" not in app.window.conversation_view.plain_text()
    assert app.window.status_label.text() == "Deleted “soon gone”. Undo (Ctrl+Z)"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(app) == ["soon gone"] and app.history.model.conversation_id(0) == deleted_id
    send(app, qtbot, "a fresh start")  # the new chat is stored as its own conversation
    assert titles(app) == ["a fresh start", "soon gone"]


def test_search_finds_an_earlier_reply_and_opens_it_at_the_match(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    filler = "".join(f"Paragraph {i} says nothing much.\n\n" for i in range(60))
    loopback.queue(
        "POST",
        CHAT,
        Reply(body=openai_stream(["Camelids include the ", "vicuña and the guanaco.\n\n", filler])),
    )
    send(app, qtbot, "Which camelids are there?")
    first_id = app.history.conversation_id
    new_chat(app)
    send(app, qtbot, "Something else")
    pane, view = app.window.history_pane, app.window.conversation_view
    search, results = pane.search_edit, pane.search_results
    assert search.placeholderText() == "Search all chats… (Ctrl+F)"
    assert search.accessibleName() and search.toolTip()
    assert results.accessibleName() and results.toolTip()

    qtbot.keyClick(app.window.composer, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    qtbot.keyClicks(search, "guana")
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() == 1)
    assert not app.window.conversation_list.isVisible()
    row = results.model().index(0, 0).data()
    assert row.startswith("Which camelids are there?\n") and "«guanaco»" in row

    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert app.history.conversation_id == first_id
    assert app.controller.session.path()[0].text == "Which camelids are there?"
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0  # the reply is longer than the view: finding it had to scroll

    def match_visible() -> None:
        cursor = view.textCursor()
        assert cursor.selectedText() == "guanaco"
        assert view.viewport().rect().contains(view.cursorRect(cursor))

    qtbot.waitUntil(match_visible, timeout=2000)
    assert bar.value() < bar.maximum()

    focus(qtbot, search)
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and not results.isVisible()
    assert app.window.conversation_list.isVisible()
    assert titles(app) == ["Something else", "Which camelids are there?"]


def test_a_search_with_no_match_lists_nothing_and_typing_waits_for_a_pause(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    send(app, qtbot, "hello there")
    app.history.search.delay_ms = 60_000  # the query must not run while typing goes on
    search, results = app.window.history_pane.search_edit, app.window.history_pane.search_results
    search.setText("hello")
    assert not results.isVisible()  # still waiting for the pause
    app.history.search.delay_ms = 1
    search.setText("zzzunknown")
    qtbot.waitUntil(results.isVisible)
    assert results.model().rowCount() == 0
    search.clear()
    assert not results.isVisible() and app.window.conversation_list.isVisible()


# The offscreen platform cannot raise a popup or grab the keyboard for it; not our bug.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_context_menu_offers_rename_pin_and_delete(make_app: AppMaker, qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    app = make_app()
    send(app, qtbot, "older")
    new_chat(app)
    send(app, qtbot, "newer")
    view = app.window.conversation_list
    offered: list[str] = []

    def choose_pin() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        offered.extend(a.text() for a in menu.actions())
        next(a for a in menu.actions() if a.text() == "&Pin").trigger()
        menu.close()

    QTimer.singleShot(0, choose_pin)  # runs inside the menu's own event loop
    view.customContextMenuRequested.emit(view.visualRect(app.history.model.index(1, 0)).center())
    assert offered == ["&Rename…", "&Pin", "&Delete"]
    assert shown(app) == ["📌 older", "newer"]


def test_esc_in_the_search_clears_it_and_leaves_a_streaming_reply_alone(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    from tests.loopback import split_events

    app = make_app()
    send(app, qtbot, "an earlier llama")
    body = openai_stream(["Streaming", " on", " and", " on"])
    loopback.queue("POST", CHAT, Reply(body=split_events(body), stall_after=3))
    app.window.composer.setPlainText("keep going")
    app.window.send_button.click()
    qtbot.waitUntil(lambda: "Streaming on" in app.window.conversation_view.plain_text())
    search = app.window.history_pane.search_edit
    focus(qtbot, search)
    qtbot.keyClicks(search, "llama")
    qtbot.waitUntil(app.window.history_pane.search_results.isVisible)
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and app.controller.chat.busy  # Esc cleared; it did not stop
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=2000):
        qtbot.keyClick(search, Qt.Key.Key_Escape)  # an empty search: Esc stops the reply


def test_a_hit_in_a_reply_lands_on_that_reply_not_the_question(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    loopback.queue("POST", CHAT, Reply(body=openai_stream(["The alpaca is smaller."])))
    send(app, qtbot, "Is the alpaca a llama?")
    new_chat(app)
    pane, view = app.window.history_pane, app.window.conversation_view
    pane.search_edit.setFocus()
    qtbot.keyClicks(pane.search_edit, "smaller")
    results = pane.search_results
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() == 1)
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_Return)
    reply_start = view.message_position(1)
    assert reply_start is not None
    cursor = view.textCursor()
    assert cursor.selectedText() == "smaller" and cursor.selectionStart() > reply_start
    # Searching a word both messages hold selects it in the message that matched.
    pane.search_edit.clear()
    qtbot.keyClicks(pane.search_edit, "alpaca")
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() == 2)
    rows = [results.model().index(i, 0).data() for i in range(2)]
    reply_row = next(i for i, text in enumerate(rows) if "smaller" in text)
    results.setCurrentIndex(results.model().index(reply_row, 0))
    results.activated.emit(results.model().index(reply_row, 0))
    cursor = view.textCursor()
    assert cursor.selectedText().lower() == "alpaca"
    assert cursor.selectionStart() > (view.message_position(1) or 0)


def test_after_a_click_in_the_list_its_keys_act_on_the_list_not_the_composer(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QApplication

    app = make_app()
    send(app, qtbot, "keep me")
    new_chat(app)
    send(app, qtbot, "open one")
    view = app.window.conversation_list
    rect = view.visualRect(app.history.model.index(1, 0))
    focus(qtbot, app.window.composer)
    app.window.composer.setPlainText("a draft")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert app.controller.session.path()[0].text == "keep me"  # opened
    qtbot.waitUntil(view.hasFocus, timeout=2000)  # and the keyboard stays in the list
    # Keys go where a user's keys go: to the focused widget, through the window's shortcuts.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert stored(app).conversations()[0].pinned
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert titles(app) == ["open one"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(app) == ["keep me", "open one"]  # undone, and still pinned first
    assert app.window.composer.toPlainText() == "a draft"  # Ctrl+Z did not touch the draft


def test_a_hit_early_in_a_long_chat_is_revealed_once_the_chat_is_drawn(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    loopback.queue("POST", CHAT, Reply(body=openai_stream(["The vicuña is wild."])))
    send(app, qtbot, "Which camelid is wild?")
    for n in range(6):  # a long chat: opened from its end, its start is drawn last
        long_answer = "".join(f"Answer {n}, paragraph {i}, says little.\n\n" for i in range(150))
        loopback.queue("POST", CHAT, Reply(body=openai_stream([long_answer])))
        send(app, qtbot, f"Question {n}")
    new_chat(app)
    pane, view = app.window.history_pane, app.window.conversation_view
    pane.search_edit.setFocus()
    qtbot.keyClicks(pane.search_edit, "wild")
    results = pane.search_results
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() == 2)
    rows = [results.model().index(i, 0).data() for i in range(2)]
    reply_row = next(i for i, text in enumerate(rows) if "vicuña" in text)
    results.setCurrentIndex(results.model().index(reply_row, 0))
    results.activated.emit(results.model().index(reply_row, 0))
    assert view.loading  # the first messages are not drawn yet

    def revealed() -> None:
        cursor = view.textCursor()
        assert cursor.selectedText() == "wild"
        assert cursor.selectionStart() > (view.message_position(1) or 0)
        assert view.viewport().rect().contains(view.cursorRect(cursor))

    qtbot.waitUntil(revealed, timeout=10_000)


def test_a_reply_ending_neither_steals_focus_nor_throws_away_a_rename(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    from PySide6.QtWidgets import QApplication

    app = make_app()
    send(app, qtbot, "first chat")
    new_chat(app)
    loopback.queue("POST", CHAT, Reply(body=openai_stream(["slow", " reply"]), chunk_delay_s=0.2))
    app.window.composer.setPlainText("second chat")
    app.window.send_button.click()
    qtbot.waitUntil(lambda: len(titles(app)) == 2, timeout=2000)
    view = select_row(app, qtbot, 1)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # renaming the first chat while the reply streams
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.setText("Renamed while streaming")
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        pass
    qtbot.waitUntil(lambda: app.history.store is not None and not app.controller.chat.busy)
    assert editor.isVisible() and editor.text() == "Renamed while streaming"  # kept
    assert QApplication.focusWidget() is editor  # not pulled to the composer
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Renamed while streaming" in titles(app), timeout=2000)


def test_closing_while_a_reply_streams_closes_the_history_once_the_reply_is_stored(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    loopback.queue("POST", CHAT, Reply(body=[b": thinking\n\n"], stall_after=1))
    app.window.composer.setPlainText("hello")
    app.window.send_button.click()
    qtbot.waitUntil(lambda: app.controller.chat.busy, timeout=2000)
    store = app.history.store
    assert store is not None
    app.window.close()
    qtbot.waitUntil(lambda: app.history.store is None, timeout=5000)  # no second call needed
    reopened = HistoryStore.open(store.path)
    try:
        (summary,) = reopened.conversations()
        reply = reopened.load_session(summary.id).path()[-1]
        assert reply.state.value == "stopped"
    finally:
        reopened.close()


def test_every_chat_is_reachable_from_the_list_not_only_the_newest_fifty(
    app_factory: object, qtbot: QtBot, tmp_path: object
) -> None:
    from pathlib import Path

    from app.storage.history.store import history_path

    assert isinstance(tmp_path, Path) and callable(app_factory)
    store = HistoryStore.open(history_path(tmp_path))
    for n in range(120):
        record = store.new_conversation()
        store.add_user_message(record.id, f"chat number {n}")
    store.close()
    app = app_factory(show=True)
    view = app.window.conversation_list
    assert app.history.model.rowCount() == 50  # one page at start
    for _ in range(5):
        view.scrollToBottom()  # as a user scrolls down: the next page is read
    qtbot.waitUntil(lambda: app.history.model.rowCount() == 120, timeout=5000)
    assert titles(app)[-1] == "chat number 0"
    app.history.refresh_list()  # a refresh keeps what was shown
    assert app.history.model.rowCount() == 120
