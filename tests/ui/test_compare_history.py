"""A compare kept like a chat: Continue with this one, reopened after a restart, from the
sidebar and from a search, exported from the menu, its text kept when quitting mid-stream."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.message import MessageState
from app.ui.composition_root import Application
from app.ui.history.conversation_list import COMPARE_PREFIX
from tests.loopback import LoopbackServer
from tests.ui.compare_helpers import (
    compare_of,
    enter_with,
    marked,
    models_asked,
    send_to_all,
    started,
)
from tests.ui.conftest import AppFactory, run
from tests.ui.test_chat_sessions import click_row


def test_continue_with_this_one_opens_the_pane_as_the_chat(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Where did it sit?")
    compare_id = compare_of(app).compare.compare_id if compare_of(app).compare else None
    panes[1].pane.continue_button.click()
    assert not compare_of(app).active
    assert app.window.chat_stack.currentIndex() == 0 and app.window.side_panel.isVisible()
    session = app.controller.session
    assert [m.text for m in session.path()] == ["Where did it sit?", "The dog sat on the mat."]
    chat_id = app.history.conversation_id
    assert chat_id is not None and chat_id != compare_id
    assert app.history.model.row_of(compare_id) >= 0 and app.history.model.row_of(chat_id) >= 0
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText("And then?")
        app.window.send_button.click()
    sent = loopback.requests[-1].json()
    assert sent["model"] == "dog"  # the pane's endpoint came along
    assert [m["content"] for m in sent["messages"]][-3:] == [
        "Where did it sit?",
        "The dog sat on the mat.",
        "And then?",
    ]


def test_a_compare_reopens_from_history_after_a_restart(
    app_factory: AppFactory,
    qtbot: QtBot,
    loopback: LoopbackServer,
    tmp_path: Path,
    aio_loop: qasync.QEventLoop,
) -> None:
    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "cat", "dog")
    panes[1].pane.header.boxes["temperature"].setValue(0.9)
    send_to_all(app, qtbot, "Where did it sit?")
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())

    again = app_factory(show=True)  # a new window on the same history file
    model = again.history.model
    assert model.rowCount() == 1  # one row for the compare, none for its panes
    row = model.summary(0)
    assert row is not None and row.kind == "compare"
    shown = model.data(model.index(0, 0))
    assert isinstance(shown, str) and shown.startswith(COMPARE_PREFIX)
    click_row_of_compare(again, qtbot, row.id)
    compare = compare_of(again)
    assert compare.active and len(compare.panes) == 2
    texts = [[m.text for m in p.session.path()] for p in compare.panes]
    assert texts == [
        ["Where did it sit?", "The cat sat on the mat."],
        ["Where did it sit?", "The dog sat on the mat."],
    ]
    assert compare.panes[1].pane.header.boxes["temperature"].value() == 0.9
    assert compare.panes[1].pane.header.endpoint.currentText().startswith("Server dog")
    qtbot.waitUntil(lambda: marked(compare.panes[1].pane.view) == ["dog"], timeout=5000)
    send_to_all(again, qtbot, "And then?")  # it goes on where it was
    assert sorted(models_asked(loopback)[-2:]) == ["cat", "dog"]


def click_row_of_compare(app: Application, qtbot: QtBot, compare_id: int) -> None:
    model, view = app.history.model, app.window.conversation_list
    rect = view.visualRect(model.index(model.row_of(compare_id), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_quitting_in_compare_mode_reopens_that_compare_at_the_next_start(
    app_factory: AppFactory,
    qtbot: QtBot,
    loopback: LoopbackServer,
    tmp_path: Path,
    aio_loop: qasync.QEventLoop,
) -> None:
    from app.storage.settings import SettingsStore, settings_path

    app = started(loopback, tmp_path, app_factory)
    enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Where did it sit?")
    shown = compare_of(app).compare
    assert shown is not None and shown.compare_id is not None
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())

    again = app_factory()
    again.show()  # as LlamaDesk starts: the message box has the focus
    again.window.activateWindow()
    compare = compare_of(again)
    assert compare.active and compare.compare is not None
    assert compare.compare.compare_id == shown.compare_id and len(compare.panes) == 2
    assert compare.panes[1].pane.header.endpoint.currentText().startswith("Server dog")
    qtbot.waitUntil(compare.view.composer.hasFocus)  # the compare's, not the hidden chat's
    assert again.history.model.conversation_id(0) == shown.compare_id
    assert again.window.conversation_list.currentIndex().row() == 0  # highlighted
    compare.toggle()  # back to the chat, then quit: the next start is the chat
    again.window.close()
    run(aio_loop, qtbot, again.run_until_closed_for_tests())
    assert SettingsStore(settings_path(tmp_path)).load().ui.open_compare == 0
    third = app_factory()
    third.show()
    third.window.activateWindow()
    assert not compare_of(third).active
    qtbot.waitUntil(third.window.composer.hasFocus)


def test_a_compare_deleted_since_is_not_reopened(
    app_factory: AppFactory, loopback: LoopbackServer, tmp_path: Path
) -> None:
    from app.storage.settings import SettingsStore, settings_path

    app = started(loopback, tmp_path, app_factory)  # saves the endpoints' settings
    app.window.close()
    store = SettingsStore(settings_path(tmp_path))
    settings = store.load()
    settings.ui.open_compare = 4242  # no such conversation
    store.save(settings)
    again = app_factory(show=True)
    assert not compare_of(again).active and again.window.chat_stack.currentIndex() == 0
    assert "could not" not in again.window.status_label.text()


def test_opening_a_chat_from_the_sidebar_leaves_compare_mode(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText("A normal chat")
        app.window.send_button.click()
    chat_id = app.history.conversation_id
    enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Compared")
    assert app.history.model.rowCount() == 2
    click_row(app, qtbot, chat_id)
    assert not compare_of(app).active and app.window.chat_stack.currentIndex() == 0


def test_a_compare_exports_from_the_menu_as_markdown_and_json(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    import json

    app = started(loopback, tmp_path, app_factory)
    menu = app.compare.menu
    assert not menu.export_markdown_action.isEnabled()  # nothing to export outside compare mode
    panes = enter_with(app, qtbot, "cat", "dog")
    panes[1].pane.header.boxes["temperature"].setValue(0.7)
    send_to_all(app, qtbot, "Where did it sit?")
    asked: list[tuple[str, str]] = []
    targets = iter([tmp_path / "out.md", tmp_path / "out.json", None])

    def pick(title: str, suggested: str, filters: str, save: bool) -> Path | None:
        asked.append((title, suggested))
        return next(targets)

    app.compare.files._pick = pick
    (tmp_path / "out.md").write_text("an older export")
    (tmp_path / "out.md").chmod(0o640)
    old_inode = (tmp_path / "out.md").stat().st_ino
    menu.export_markdown_action.trigger()
    # Written whole beside it and renamed over it (never half-written), keeping its mode.
    assert (tmp_path / "out.md").stat().st_ino != old_inode
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o640
    menu.export_json_action.trigger()
    menu.export_json_action.trigger()  # cancelled: nothing written, nothing said wrong
    assert [a[1] for a in asked] == [
        "Where-did-it-sit.md",
        "Where-did-it-sit.json",
        "Where-did-it-sit.json",
    ]
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "The cat sat on the mat." in markdown and "The dog sat on the mat." in markdown
    assert "Server dog" in markdown
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(data["panes"]) == 2 and data["panes"][1]["endpoint"]["name"] == "Server dog"
    assert data["panes"][1]["conversation"]["params"]["temperature"] == 0.7
    status = compare_of(app).view.status.text()
    assert status.startswith("Exported “Where did it sit?” to ") and "out.json" in status


def test_quitting_while_panes_stream_keeps_their_text(
    app_factory: AppFactory,
    qtbot: QtBot,
    loopback: LoopbackServer,
    tmp_path: Path,
    aio_loop: qasync.QEventLoop,
) -> None:
    app = started(loopback, tmp_path, app_factory)
    first, _cat = enter_with(app, qtbot, "slow", "cat")
    compare = compare_of(app)
    compare.view.composer.setPlainText("Count slowly")
    compare.view.send_button.click()
    qtbot.waitUntil(lambda: "word3" in first.pane.view.plain_text(), timeout=5000)
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())
    assert loopback.requests[-1].wait_settled() in ("client_gone", "complete")

    again = app_factory(show=True)
    row = again.history.model.summary(0)
    assert row is not None and row.kind == "compare" and again.history.model.rowCount() == 1
    assert compare_of(again).open(row.id)
    pane = compare_of(again).panes[0]
    kept = pane.last_reply()
    assert kept is not None and "word3" in kept.text  # what had arrived is kept
    # A quit the user asked for stops the reply, as the chat's Quit does: not "LlamaDesk
    # closed before this reply finished", which is for a crash.
    assert kept.state is MessageState.STOPPED and kept.failure is None
    assert kept.ttft_ms is not None  # its figures were stored with it
    assert not pane.pane.error.isVisible() and pane.pane.stats.text().startswith("Stopped")
    assert "closed before" not in pane.pane.view.plain_text()


def test_a_pane_cut_by_a_crash_says_so_with_what_is_known_of_its_reply(
    app_factory: AppFactory, loopback: LoopbackServer, tmp_path: Path
) -> None:
    from app.core.chat_settings import ChatSettings
    from app.storage.history.store import HistoryStore, history_path

    store = HistoryStore.open(history_path(tmp_path))
    stored = store.new_compare([ChatSettings(), ChatSettings()])
    pane_id = stored.panes[0].conversation_id
    assert pane_id is not None and stored.compare_id is not None
    store.add_user_message(pane_id, "Tell me a long story")
    writer = store.start_reply(pane_id)
    writer.append("Once upon a time, in a land far away")
    store.close()  # as if the app died here: the reply was never finished
    app = started(loopback, tmp_path, app_factory)
    assert compare_of(app).open(stored.compare_id)
    pane = compare_of(app).panes[0].pane
    assert pane.stats.isVisible() and pane.stats.text() == "Interrupted · ≈ 9 tokens so far"
    assert pane.error.isVisible() and "closed before this reply finished" in pane.error.text()


def test_a_search_hit_inside_a_pane_opens_the_compare(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Where did it sit?")
    compare_id = compare_of(app).compare.compare_id if compare_of(app).compare else None
    app.window.compare_button.click()  # back to the chat
    assert not compare_of(app).active
    search, results = app.window.history_pane.search_edit, app.window.history_pane.search_results
    search.setFocus()
    qtbot.keyClicks(search, "dog")
    qtbot.waitUntil(lambda: results.isVisible() and results.model().rowCount() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    compare = compare_of(app)
    assert compare.active and compare.compare is not None
    assert compare.compare.compare_id == compare_id and len(compare.panes) == 2


def test_deleting_the_compare_on_screen_leaves_compare_mode_and_undo_brings_it_back(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    from tests.ui.test_history_sidebar import select_row

    app = started(loopback, tmp_path, app_factory)
    enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Soon gone")
    compare = compare_of(app)
    assert compare.compare is not None
    compare_id = compare.compare.compare_id
    view = select_row(app, qtbot, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not compare.active and app.history.model.rowCount() == 0
    assert app.controller.session.path() == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert app.history.model.conversation_id(0) == compare_id
    assert compare.open(compare_id) and len(compare.panes) == 2
