"""Disabled controls look disabled in every window, even under a dark palette that sets each
colour once for every state (as some themes do)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui.style import with_disabled_colours
from tests.loopback import LoopbackServer
from tests.tools.screenshot_provenance import dark_palette
from tests.ui.compare_helpers import compare_of, started
from tests.ui.conftest import AppFactory

ACTIVE, DISABLED = QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
TEXT, BUTTON = QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def looks_disabled(widget: QWidget) -> bool:
    """Its disabled text is drawn nearer its background than its enabled text is."""
    palette = widget.palette()
    background = palette.color(ACTIVE, BUTTON)
    return distance(palette.color(DISABLED, TEXT), background) < (
        distance(palette.color(ACTIVE, TEXT), background) * 0.6
    )


def test_a_flat_dark_palette_gets_faded_disabled_text_and_others_are_left_alone(
    qapp: QApplication,
) -> None:
    flat = dark_palette()
    assert flat.color(DISABLED, TEXT) == flat.color(ACTIVE, TEXT)  # what the themes give
    fixed = with_disabled_colours(flat)
    assert fixed is not None
    for role in (TEXT, QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        assert fixed.color(DISABLED, role) != fixed.color(ACTIVE, role)
        assert fixed.color(ACTIVE, role) == flat.color(ACTIVE, role)  # enabled text unchanged
    assert with_disabled_colours(fixed) is None
    assert with_disabled_colours(QPalette()) is None  # Qt's own palette already differs


def test_disabled_stop_buttons_look_disabled_in_dark_mode(
    app_factory: AppFactory,
    qtbot: QtBot,
    loopback: LoopbackServer,
    tmp_path: Path,
    qapp: QApplication,
) -> None:
    original = qapp.palette()
    qapp.setPalette(dark_palette())
    app = None
    try:
        app = started(loopback, tmp_path, app_factory)
        assert app.window.style_in_use.dark
        app.window.compare_button.click()
        compare = compare_of(app)
        stops = [compare.view.stop_button, *(p.pane.stop_button for p in compare.panes)]
        assert all(not b.isEnabled() for b in stops)
        assert all(looks_disabled(b) for b in stops)
        assert looks_disabled(app.window.send_button)  # the chat's window too
    finally:
        qapp.setPalette(original)  # the next tests run in the light palette
        if app is not None:
            window = app.window
            qtbot.waitUntil(lambda: not window.style_in_use.dark, timeout=2000)
