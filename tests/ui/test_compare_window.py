"""Compare mode in the real window, against the loopback server: streaming, failures, stop,
differences, Continue with this one, and a compare reopened after a restart."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from app.core.compare import SAME_SEED_DIFFERENT_TEXT
from app.core.message import MessageState
from app.ui.chat.conversation_view import ConversationView
from app.ui.compare.highlights import LIGHT_MARK
from app.ui.composition_root import Application
from app.ui.history.conversation_list import COMPARE_PREFIX
from tests.loopback import LoopbackServer
from tests.ui.compare_helpers import (
    FAIL_MESSAGE,
    compare_of,
    enter_with,
    model_server,
    models_asked,
    save_endpoints,
    send_to_all,
)
from tests.ui.conftest import AppFactory, run
from tests.ui.test_chat_sessions import click_row

MODELS = ("cat", "dog", "rug", "fail", "slow", "seeded")


def marked(view: ConversationView, colour: str = LIGHT_MARK) -> list[str]:
    """The texts drawn with the difference highlight, in reading order."""
    found: list[str] = []
    doc: QTextDocument = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().color().name() == colour:
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def started(loopback: LoopbackServer, tmp_path: Path, app_factory: AppFactory) -> Application:
    model_server(loopback)
    save_endpoints(loopback, tmp_path, *MODELS)
    return app_factory(show=True)


def test_four_panes_stream_at_once_and_a_failure_stays_in_its_pane(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "cat", "dog", "rug", "fail")
    assert not app.window.side_panel.isVisible()  # the panes take the chat's place
    assert app.window.history_pane.isVisible()  # the sidebar stays
    events: list[tuple[str, int]] = []
    for number, pane in enumerate(panes):
        pane.chat.reply_delta.connect(lambda _t, n=number: events.append(("delta", n)))
        pane.chat.reply_ended.connect(lambda _m, n=number: events.append(("ended", n)))
    send_to_all(app, qtbot, "Where did the cat sit?")

    assert sorted(models_asked(loopback)) == ["cat", "dog", "fail", "rug"]
    # All three answering panes were receiving text before any of them had finished.
    first_end = next(i for i, (kind, n) in enumerate(events) if kind == "ended" and n != 3)
    assert {n for kind, n in events[:first_end] if kind == "delta"} == {0, 1, 2}
    for pane, words in zip(panes[:3], ("cat", "dog", "rug"), strict=True):
        reply = pane.last_reply()
        assert reply is not None and reply.state is MessageState.DONE
        assert words in reply.text
        assert not pane.pane.error.isVisible()
        assert "TTFT" in pane.pane.stats.text() and "tokens/s" in pane.pane.stats.text()
        assert "7 tokens" in pane.pane.stats.text()
    failed = panes[3].last_reply()
    assert failed is not None and failed.state is MessageState.FAILED
    error = panes[3].pane.error
    assert error.isVisible() and "does not serve “fail”" in error.text()  # in words, here only
    assert FAIL_MESSAGE in error.toolTip() and FAIL_MESSAGE in error.accessibleDescription()
    assert "Traceback" not in error.toolTip()
    assert all(not p.pane.error.text() for p in panes[:3])
    assert compare_of(app).view.send_button.isEnabled()  # usable again


def test_stop_one_pane_while_the_others_keep_streaming(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    first, second = enter_with(app, qtbot, "slow", "slow")
    compare = compare_of(app)
    compare.view.composer.setPlainText("Count slowly")
    compare.view.send_button.click()
    qtbot.waitUntil(lambda: first.pane.view.painted_chars > 0, timeout=5000)
    assert first.pane.stop_button.isEnabled()
    with qtbot.waitSignal(first.chat.reply_ended, timeout=5000):
        first.pane.stop_button.click()
    assert second.busy  # the other pane is untouched
    grown = second.pane.view.painted_chars
    qtbot.waitUntil(lambda: second.pane.view.painted_chars > grown, timeout=5000)
    stopped = first.last_reply()
    assert stopped is not None and stopped.state is MessageState.STOPPED and stopped.text
    assert first.pane.stats.text().startswith("Stopped")
    assert not first.pane.stop_button.isEnabled() and compare.view.stop_button.isEnabled()
    with qtbot.waitSignal(compare.differences_shown, timeout=5000):
        compare.view.stop_button.click()  # Stop all ends the other one
    outcomes = [r.wait_settled() for r in loopback.requests if r.url_path.endswith("/completions")]
    assert outcomes == ["client_gone", "client_gone"]  # each stop closed its stream


def test_differences_are_highlighted_once_every_pane_has_finished(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "cat", "dog", "rug")
    send_to_all(app, qtbot, "Where did the cat sit?")
    qtbot.waitUntil(lambda: all(marked(p.pane.view) for p in panes), timeout=5000)
    assert [marked(p.pane.view) for p in panes] == [["cat", "the", "mat"], ["dog"], ["a", "rug"]]
    assert panes[1].pane.note.text() == "1 word differs (highlighted)."
    assert panes[0].pane.note.text() == "3 words differ (highlighted)."
    assert "Same seed" not in compare_of(app).view.status.text()  # no seed was set


def test_same_seed_with_different_text_says_the_server_did_not_honour_it(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "seeded", "seeded")
    for pane in panes:
        pane.pane.header.boxes["seed"].setValue(42)
    send_to_all(app, qtbot, "Pick a word")
    bodies = [r.body for r in loopback.requests if r.url_path.endswith("/chat/completions")]
    assert len(bodies) == 2 and bodies[0] == bodies[1] and b'"seed":42' in bodies[0]
    status = compare_of(app).view.status.text()
    assert "Panes 1 and 2" in status and SAME_SEED_DIFFERENT_TEXT in status


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


def test_panes_are_added_up_to_four_and_removed_down_to_two(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    app.window.system_prompt_editor.setPlainText("Be brief.")
    compare = compare_of(app)
    app.window.compare_button.click()
    assert [p.session.settings.system_prompt for p in compare.panes] == ["Be brief."] * 2
    compare.view.add_button.click()
    compare.view.add_button.click()
    assert len(compare.panes) == 4 and not compare.view.add_button.isEnabled()
    compare.add_pane()  # the menu's Add pane (Ctrl+Shift+N) at four
    assert len(compare.panes) == 4 and "at most 4 panes" in compare.view.status.text()
    store = app.history.store
    assert store is not None and compare.compare is not None
    compare_id = compare.compare.compare_id
    assert compare_id is not None
    for _ in range(2):
        compare.panes[-1].pane.remove_button.click()
    assert len(compare.panes) == 2 and compare.view.add_button.isEnabled()
    compare.panes[0].pane.remove_button.click()
    assert len(compare.panes) == 2 and "at least 2 panes" in compare.view.status.text()
    assert [p.pane.header.title.accessibleName() for p in compare.panes] == ["Pane 1", "Pane 2"]
    assert len(store.load_compare(compare_id).panes) == 2


def test_compare_mode_by_keyboard_with_named_controls(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QWidget

    from tests.ui.prompt_helpers import key

    app = started(loopback, tmp_path, app_factory)
    compare = compare_of(app)
    menu = app.compare.menu
    assert menu.toggle_action.shortcut().toString() == "Ctrl+Shift+K"
    assert menu.add_action.shortcut().toString() == "Ctrl+Shift+N"
    key(qtbot, app.window.composer, Qt.Key.Key_K, shift=True)
    assert compare.active and compare.view.composer.hasFocus()
    key(qtbot, compare.view.composer, Qt.Key.Key_N, shift=True)
    assert len(compare.panes) == 3
    # Every control of compare mode is reachable with Tab and has a name a screen reader says.
    controls = [
        w
        for w in compare.view.findChildren(QWidget)
        if w.isVisibleTo(compare.view) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert len(controls) > 30
    unnamed = [
        w.objectName() or type(w).__name__
        for w in controls
        if not w.accessibleName() and not w.objectName().startswith("qt_")  # inside a named one
    ]
    assert unnamed == [], unnamed
    buttons = [w for w in controls if isinstance(w, QAbstractButton)]
    assert all(b.toolTip() for b in buttons)
    compare.view.composer.setPlainText("Hello")
    with qtbot.waitSignal(compare.differences_shown, timeout=10_000):
        key(qtbot, compare.view.composer, Qt.Key.Key_Return, ctrl=False)  # Enter sends to all
    key(qtbot, compare.view.composer, Qt.Key.Key_K, shift=True)
    assert not compare.active and app.window.composer.hasFocus()


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
    menu.export_markdown_action.trigger()
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
    kept = compare_of(again).panes[0].last_reply()
    assert kept is not None and "word3" in kept.text  # what had arrived is kept
    assert kept.state in (MessageState.STOPPED, MessageState.INTERRUPTED)


def test_panes_follow_a_switch_to_dark_with_their_highlights(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path, qapp: object
) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.compare.highlights import DARK_MARK
    from app.ui.style import DARK_STYLE
    from tests.tools.screenshot_provenance import dark_palette

    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Where?")
    qtbot.waitUntil(lambda: marked(panes[1].pane.view) == ["dog"], timeout=5000)
    assert isinstance(qapp, QApplication)
    light = qapp.palette()
    try:
        with qtbot.waitSignal(compare_of(app).differences_shown, timeout=5000):
            qapp.setPalette(dark_palette())
        assert DARK_STYLE.muted in panes[0].pane.stats.styleSheet()
        qtbot.waitUntil(lambda: marked(panes[1].pane.view, DARK_MARK) == ["dog"], timeout=5000)
    finally:
        with qtbot.waitSignal(app.window.style_changed, timeout=2000):
            qapp.setPalette(light)
    qtbot.waitUntil(lambda: marked(panes[1].pane.view) == ["dog"], timeout=5000)


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
