"""Nothing is cut off when every text is ~40% longer (a pseudo-translation), at default sizes."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core import i18n
from app.ui.composition_root import Application
from app.ui.window.language import install_language
from app.ui.window.screen_fit import FRAME_ROOM
from tests.ui.pseudo_translation import ROOT, cut_texts, pseudo, write_pseudo_catalogue


def test_pseudo_keeps_placeholders_and_grows_the_text() -> None:
    text = pseudo("&Save {name} as <b>%n</b> chats&nbsp;now")
    assert "{name}" in text and "<b>%n</b>" in text and "&nbsp;" in text
    assert text.startswith("&Sávé")
    assert len(text) >= len("&Save {name} as <b>%n</b> chats&nbsp;now") + 8


def test_the_check_finds_a_cut_label_and_a_cut_button(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QHBoxLayout(widget)
    label = QLabel("A label far too long for the room it was given")
    label.setFixedWidth(40)
    button = QPushButton("A button far too long for its width")
    button.setFixedWidth(40)
    layout.addWidget(label)
    layout.addWidget(button)
    widget.show()
    qtbot.waitExposed(widget)
    found = cut_texts(widget)
    assert len(found) == 2 and found[0].startswith("label") and found[1].startswith("button")


def _fits_the_screen(window: QWidget, width: int, height: int) -> None:
    """Longer words must not push the window past the size it opens at (or off the screen)."""
    screen = window.screen()
    assert screen is not None
    free = screen.availableGeometry()
    assert window.width() <= min(width, free.width() - FRAME_ROOM[0]), window.size()
    assert window.height() <= min(height, free.height() - FRAME_ROOM[1]), window.size()


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pseudo_catalogue(tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_language(qapp: QCoreApplication, pseudo_qm: Path) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(pseudo_qm))
    QCoreApplication.installTranslator(translator)
    i18n.install_translator(lambda context, text: QCoreApplication.translate(context, text))
    yield
    QCoreApplication.removeTranslator(translator)
    i18n.install_translator(None)


def _settled(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.isVisible() and widget.width() > 0)


def test_the_main_window_at_its_default_size_cuts_nothing(
    pseudo_language: None, make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    app = make_app()
    window = app.window
    _settled(qtbot, window)
    assert window.send_button.text().startswith("Séñd")  # the pseudo catalogue is in use
    _fits_the_screen(window, 1180, 760)
    assert cut_texts(window) == []


def test_the_endpoints_dialog_cuts_nothing(
    pseudo_language: None, make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    app = make_app()
    app.endpoint_setup.open_endpoints()
    dialog = app.endpoint_setup.endpoints
    assert dialog is not None
    _settled(qtbot, dialog)
    screen = dialog.screen()
    assert screen is not None
    free = screen.availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height(), dialog.size()
    assert cut_texts(dialog) == []
    dialog.close()


def _new_top_level(before: set[QWidget]) -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w not in before and w.isVisible() and w.isWindow()
    ]


@pytest.mark.parametrize(
    "opens",
    ["welcome", "library", "test sets", "variables", "presets"],
)
def test_the_main_dialogs_cut_nothing(
    pseudo_language: None,
    app_factory: Callable[..., Application],
    make_app: Callable[[], Application],
    qtbot: QtBot,
    opens: str,
) -> None:
    if opens == "welcome":
        app = app_factory(show=True)  # no endpoint yet: the welcome opens
        app.endpoint_setup.show_welcome_if_needed()
        dialog: QWidget | None = app.endpoint_setup.welcome
    else:
        app = make_app()
        before = set(QApplication.topLevelWidgets())
        if opens == "library":
            app.open_library()
        elif opens == "test sets":
            app.evals.open()
        elif opens == "variables":
            app.window.variables_requested.emit()
        else:
            app.presets.open_manager()
        qtbot.waitUntil(lambda: bool(_new_top_level(before)))
        dialog = _new_top_level(before)[0]
    assert dialog is not None
    _settled(qtbot, dialog)
    screen = dialog.screen()
    assert screen is not None
    free = screen.availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height(), dialog.size()
    assert cut_texts(dialog) == []
    dialog.close()


def test_compare_mode_at_the_default_size_cuts_nothing(
    pseudo_language: None, make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    app = make_app()
    _settled(qtbot, app.window)
    app.window.compare_requested.emit()
    qtbot.waitUntil(lambda: app.compare.controller.active)
    view = app.compare.controller.view
    qtbot.waitUntil(lambda: view.isVisible())
    found = cut_texts(app.window)
    assert found == [], "\n".join(found)


def test_the_german_main_window_and_compare_mode_cut_nothing(
    qapp: QCoreApplication, make_app: Callable[[], Application], qtbot: QtBot, tmp_path: Path
) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "translations.py"), "compile", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    german = install_language("de", catalogue_dir=tmp_path)
    try:
        app = make_app()
        _settled(qtbot, app.window)
        assert app.window.send_button.text() == "Senden"
        _fits_the_screen(app.window, 1180, 760)
        assert cut_texts(app.window) == []
        assert english_left(app.window) == []
        app.window.compare_requested.emit()
        qtbot.waitUntil(lambda: app.compare.controller.active)
        assert cut_texts(app.window) == []
        assert english_left(app.window) == []
    finally:
        german.remove()


def english_left(window: QWidget) -> list[str]:
    """Texts on screen that are still the English of a text the German catalogue translates
    (a string made before the translator was installed, or not wrapped at all)."""
    german = ET.parse(ROOT / "resources" / "i18n" / "llamadesk_de.ts").getroot()
    english = {
        message.findtext("source", "")
        for message in german.iter("message")
        if message.findtext("translation", "") not in ("", message.findtext("source", ""))
    }
    shown = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    shown += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    shown += [w.toolTip() for w in window.findChildren(QWidget) if w.isVisible()]
    for menu in window.findChildren(QMenu):
        shown += [menu.title()] + [action.text() for action in menu.actions()]
    return sorted({text for text in shown if text and text in english})


def test_simple_mode_at_the_default_size_cuts_nothing(
    pseudo_language: None, make_app: Callable[[], Application], qtbot: QtBot
) -> None:
    app = make_app()
    _settled(qtbot, app.window)
    assert app.simple.window.set_on(True)
    qtbot.waitUntil(lambda: app.simple.on)
    _fits_the_screen(app.window, 1180, 760)
    found = cut_texts(app.window)
    assert found == [], "\n".join(found)
