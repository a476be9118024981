"""Compare mode in the real window, against the loopback server: panes streaming at once, a
failure kept in its pane, Stop, highlighted differences, seed notes, panes, keys and names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.compare import SAME_SEED_DIFFERENT_TEXT
from app.core.message import MessageState
from app.ui.compare.highlights import LIGHT_MARK
from tests.loopback import LoopbackServer
from tests.ui.compare_helpers import (
    FAIL_MESSAGE,
    compare_of,
    enter_with,
    marked,
    model_server,
    models_asked,
    save_endpoints,
    send_to_all,
    started,
)
from tests.ui.conftest import AppFactory


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
    figures = first.pane.stats.text()
    # What is known of a stopped reply: its state, time to first token and tokens so far.
    assert figures.startswith("Stopped · TTFT ") and figures.endswith(" tokens so far"), figures
    assert first.pane.stats.isVisible() and not first.pane.error.isVisible()
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
    assert panes[1].pane.note.text() == (
        "1 word differs from pane 1 (highlighted); 1 of pane 1’s words missing here."
    )
    assert panes[0].pane.note.text() == (
        "Highlighted: 1 word not in pane 2; 2 words not in pane 3."
    )
    assert "Same seed" not in compare_of(app).view.status.text()  # no seed was set


def test_a_shorter_reply_is_not_called_the_same_and_pane_1_is_marked_against_each_pane(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "long", "short", "long")
    send_to_all(app, qtbot, "Count")
    missing = [f"w{i}" for i in range(30, 45)]
    qtbot.waitUntil(lambda: marked(panes[0].pane.view) == missing, timeout=5000)
    notes = [p.pane.note.text() for p in panes]
    assert notes == [
        "Same words as pane 3. Highlighted: 15 words not in pane 2.",
        "15 of pane 1’s words missing here.",
        "Same words as pane 1.",
    ]
    assert marked(panes[1].pane.view) == [] and marked(panes[2].pane.view) == []


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
    # The pane settings are folded into a line each; one toggle unfolds them in every pane.
    panes = compare.panes
    assert not panes[0].pane.header.details.isVisible()
    assert panes[0].pane.header.summary.full_text == "Default parameters · no system prompt"
    toggle = panes[1].pane.header.settings_button
    toggle.setFocus()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert all(p.pane.header.details.isVisible() for p in panes)
    assert not any(p.pane.header.summary.isVisible() for p in panes)
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


def test_panes_list_endpoints_added_while_comparing(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    from app.core.profiles import TokenSource, local_profile

    app = started(loopback, tmp_path, app_factory)
    panes = enter_with(app, qtbot, "cat", "dog")
    extra = local_profile(
        f"{loopback.url}/v1", model="rug", name="Server new", token_source=TokenSource.NONE
    )
    profiles = app.controller.profiles
    app.controller.set_profiles([*profiles, extra], profiles[0].id, make_default=False)
    combo = panes[1].pane.header.endpoint
    assert combo.count() == len(profiles) + 1
    assert combo.currentText().startswith("Server dog")  # the pane keeps its own choice


def test_regenerate_in_one_pane_makes_a_new_version_there_alone(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    from tests.ui.test_chat_sessions import click_link

    app = started(loopback, tmp_path, app_factory)
    first, second = enter_with(app, qtbot, "cat", "dog")
    send_to_all(app, qtbot, "Where?")
    asked = len(models_asked(loopback))
    with qtbot.waitSignal(compare_of(app).differences_shown, timeout=5000):
        click_link(qtbot, second.pane.view, "Regenerate")
    assert models_asked(loopback)[asked:] == ["dog"]  # only that pane asked again
    reply = second.last_reply()
    assert reply is not None and second.session.versions_of(reply) == (2, 2)
    shown = second.pane.view.plain_text()
    assert shown.count("Llama") == 1 and "2/2" in shown  # in the old version's place
    assert first.session.versions_of(first.last_reply() or reply) == (1, 1)


def test_a_differing_word_is_marked_as_a_whole_word_in_the_reply_not_inside_another(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    model_server(loopback)
    save_endpoints(loopback, tmp_path, "llama", "alpaca")
    app = app_factory(show=True)
    panes = enter_with(app, qtbot, "llama", "alpaca")
    send_to_all(app, qtbot, "Who says it?")
    view = panes[0].pane.view
    qtbot.waitUntil(lambda: len(marked(view)) == 2, timeout=5000)
    doc = view.document()
    reply = "Llama says This is it."
    found: list[tuple[str, str]] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().color().name() == LIGHT_MARK:
                found.append((fragment.text(), block.text().strip()))
            it += 1
        block = block.next()
    # Not the header's "Llama", not the "is" of "This": the reply's own two words.
    assert found == [("Llama", reply), ("is", reply)]
    assert marked(panes[1].pane.view) == ["Alpaca", "was"]
