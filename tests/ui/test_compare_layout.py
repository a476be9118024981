"""Compare mode's layout: four panes side by side in a 1180-pixel window, replies getting most
of the height at 800x600, each pane's settings folded into a line that says them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from app.ui.compare.pane_controller import PaneController
from tests.loopback import LoopbackServer
from tests.ui.compare_helpers import compare_of, enter_with, started
from tests.ui.conftest import AppFactory
from tests.ui.test_small_screen import ROOM, cut_off


def whole(button: QAbstractButton) -> bool:
    """Shown at its full width (a QToolButton narrower than its text cuts it with "…")."""
    return button.isVisible() and button.width() >= button.sizeHint().width()


def test_four_panes_fit_side_by_side_in_a_1180_pixel_window(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    app.window.resize(1180, 760)
    panes = enter_with(app, qtbot, "cat", "dog", "rug", "fail")
    view = compare_of(app).view
    bar = view.pane_scroll.horizontalScrollBar()
    # The side panel's room goes to the panes once the window has laid itself out again.
    qtbot.waitUntil(lambda: not app.window.side_panel.isVisible() and bar.maximum() == 0)
    assert cut_off(app.window) == []
    for pane in panes:
        p = pane.pane
        assert all(whole(b) for b in (p.stop_button, p.continue_button, p.remove_button))
        assert whole(p.header.settings_button)
    view.set_settings_shown(True)  # unfolded, they still fit
    qtbot.waitUntil(lambda: panes[0].pane.header.details.height() > 0)
    assert bar.maximum() == 0


def test_replies_get_most_of_the_height_at_800_by_600(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    app.window.resize(*ROOM)
    panes = enter_with(app, qtbot, "cat", "dog")

    def reply_share(pane: PaneController) -> float:
        return pane.pane.view.height() / pane.pane.height()

    qtbot.waitUntil(lambda: all(reply_share(p) > 0.7 for p in panes))
    assert all(p.pane.header.height() < 70 for p in panes)  # two lines: endpoint, settings
    bar = compare_of(app).view.pane_scroll.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() == 0)
    assert cut_off(app.window) == []


def test_the_folded_settings_line_says_the_panes_settings(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    app = started(loopback, tmp_path, app_factory)
    first, second = enter_with(app, qtbot, "cat", "dog")
    compare_of(app).view.set_settings_shown(True)
    second.pane.header.boxes["temperature"].setValue(1.2)
    second.pane.header.boxes["seed"].setValue(42)
    second.pane.header.prompt_editor.setPlainText("Be brief.\nAnd kind.")
    compare_of(app).view.set_settings_shown(False)
    summary = second.pane.header.summary
    assert summary.isVisible() and not second.pane.header.details.isVisible()
    assert summary.full_text == "Temp 1.20 · Seed 42 · prompt: Be brief."
    assert summary.toolTip() == summary.full_text
    assert first.pane.header.summary.full_text == "Default parameters · no system prompt"
    # A new pane starts as the others are shown (folded here), with the last pane's settings.
    compare_of(app).view.add_button.click()
    third = compare_of(app).panes[2].pane.header
    assert not third.details.isVisible() and third.summary.full_text == summary.full_text
