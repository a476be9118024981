"""View > Theme: system, light, dark and high contrast, live on the whole app and kept; focus
visible in every one of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.storage.settings_schema import Theme
from app.ui.appearance.high_contrast_style import HighContrastStyle
from app.ui.composition_root import Application
from app.ui.style import (
    DARK_STYLE,
    HIGH_CONTRAST_DARK_STYLE,
    HIGH_CONTRAST_LIGHT_STYLE,
    LIGHT_STYLE,
)
from tests.ui.conftest import AppFactory


@pytest.fixture(autouse=True)
def os_palette(qapp: Any, app_factory: AppFactory) -> Iterator[QPalette]:
    """The palette the OS gave, put back after each test (the QApplication is shared) while
    the test's apps and their event loop are still there to follow it."""
    original = QPalette(qapp.palette())
    style = qapp.style().name()
    yield original
    qapp.styleHints().unsetColorScheme()
    if qapp.style().name() != style or isinstance(qapp.style(), HighContrastStyle):
        qapp.setStyle(style)
    qapp.setPalette(original)


def loopback_app(app_factory: AppFactory, url: str) -> Application:
    return app_factory("--backend", "openai", "--base-url", f"{url}/v1", "--model", "m", show=True)


def choose(app: Application, theme: Theme) -> None:
    app.window.theme_actions[theme].trigger()  # as View > Theme > … does


def window_colour(qapp: Any) -> str:
    return str(qapp.palette().color(QPalette.ColorRole.Window).name())


def test_each_theme_applies_live_to_the_window_the_chat_and_other_windows(
    app_factory: AppFactory, loopback: Any, qapp: Any, qtbot: QtBot, os_palette: QPalette
) -> None:
    app = loopback_app(app_factory, loopback.url)
    window = app.window
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=10_000):
        window.composer.setPlainText("Hello *there*")
        window.send_button.click()
    app.open_library()
    library = app.library_window
    assert library is not None
    assert window.theme_actions[Theme.SYSTEM].isChecked()

    choose(app, Theme.DARK)
    assert window_colour(qapp) == "#25272b" and window.style_in_use is DARK_STYLE
    assert DARK_STYLE.muted in window.conversation_view.toHtml()  # redrawn in dark colours
    assert window.theme_actions[Theme.DARK].isChecked()
    qtbot.waitUntil(  # Qt passes the palette down to every window on its next turn
        lambda: library.dialog.palette().color(QPalette.ColorRole.Window).name() == "#25272b"
    )

    choose(app, Theme.LIGHT)
    assert window_colour(qapp) == "#efefef" and window.style_in_use is LIGHT_STYLE
    assert LIGHT_STYLE.muted in window.conversation_view.toHtml()

    choose(app, Theme.HIGH_CONTRAST)  # on the OS's light palette: black on white
    style = window.style_in_use
    assert style is HIGH_CONTRAST_LIGHT_STYLE and style.markdown.text == "#000000"
    palette = qapp.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == "#ffffff"
    assert palette.color(QPalette.ColorRole.WindowText).name() == "#000000"
    assert palette.color(QPalette.ColorRole.Mid).name() == "#000000"  # borders as strong as text
    assert HIGH_CONTRAST_LIGHT_STYLE.accent in window.conversation_view.toHtml()

    choose(app, Theme.SYSTEM)  # the OS's own palette again
    assert window_colour(qapp) == os_palette.color(QPalette.ColorRole.Window).name()
    assert window.style_in_use is LIGHT_STYLE


def test_the_theme_chosen_is_kept_for_the_next_start(
    app_factory: AppFactory, loopback: Any, qapp: Any, os_palette: QPalette
) -> None:
    first = loopback_app(app_factory, loopback.url)
    choose(first, Theme.DARK)
    assert first.store.load().ui.theme == "dark"  # saved at once, not only at quit
    qapp.setPalette(os_palette)  # as a new process would start

    second = loopback_app(app_factory, loopback.url)
    assert second.window.theme_actions[Theme.DARK].isChecked()
    assert window_colour(qapp) == "#25272b" and second.window.style_in_use is DARK_STYLE

    choose(second, Theme.HIGH_CONTRAST)
    assert second.store.load().ui.theme == "high-contrast"


def test_high_contrast_on_a_dark_desktop_is_white_on_black(
    app_factory: AppFactory, loopback: Any, qapp: Any, qtbot: QtBot
) -> None:
    from app.ui.appearance.palettes import dark_palette

    qapp.setPalette(dark_palette())  # the OS's palette is dark before the app starts
    app = loopback_app(app_factory, loopback.url)
    choose(app, Theme.HIGH_CONTRAST)
    assert app.window.style_in_use is HIGH_CONTRAST_DARK_STYLE
    assert window_colour(qapp) == "#000000"
    assert qapp.palette().color(QPalette.ColorRole.Highlight).name() == "#ffff00"
    # Fields keep a white outline on the black window (the platform style draws it black).
    assert isinstance(qapp.style(), HighContrastStyle)
    search = app.window.history_pane.search_edit

    def left_edge() -> str:
        return str(search.grab().toImage().pixelColor(0, search.height() // 2).name())

    qtbot.waitUntil(lambda: left_edge() == "#ffffff")  # once Qt passed the palette down

    choose(app, Theme.DARK)  # the platform's own style again
    assert not isinstance(qapp.style(), HighContrastStyle)


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK, Theme.HIGH_CONTRAST])
def test_tab_moves_a_ring_in_the_highlight_colour_around_each_control(
    theme: Theme, app_factory: AppFactory, loopback: Any, qapp: Any, qtbot: QtBot
) -> None:
    app = loopback_app(app_factory, loopback.url)
    choose(app, theme)
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.composer.setFocus()
    qtbot.waitUntil(window.composer.hasFocus)
    highlight = qapp.palette().color(QPalette.ColorRole.Highlight)
    ring = app.appearance.focus_ring.ring
    assert not ring.isVisible()  # no keyboard use yet: nothing drawn
    seen = set()
    for _ in range(30):  # the main window's tab chain, round to the message box again
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert ring.isVisible() and ring.widget() is focused, focused.objectName()
        # The ring's top edge, in the window as drawn: the highlight colour, not the control.
        top_middle = ring.geometry().center().x(), ring.geometry().top() + 1
        where = ring.parentWidget().mapTo(window, QPoint(*top_middle))
        drawn = window.grab().toImage().pixelColor(where)
        assert _close(drawn, highlight), (focused.objectName(), drawn.name(), highlight.name())
        seen.add(focused.objectName())
    for name in ("sendButton", "conversationView", "conversationList", "newChatButton"):
        assert name in seen, seen


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


def test_theme_menu_lists_four_choices_one_checked(
    make_app: Callable[[], Application],
) -> None:
    app = make_app()
    actions = app.window.theme_actions
    assert [a.text().replace("&", "") for a in actions.values()] == [
        "System",
        "Light",
        "Dark",
        "High contrast",
    ]
    assert sum(a.isChecked() for a in actions.values()) == 1
