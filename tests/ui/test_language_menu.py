"""View ▸ Language: the choice is kept in the settings and shown after a restart, in German."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.core import i18n
from app.storage.settings import settings_path
from app.ui.style import LIGHT_STYLE
from app.ui.window.language import install_language
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import AppFactory

ROOT = Path(__file__).resolve().parents[2]


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_choosing_deutsch_is_saved_and_applies_at_the_next_start(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    app = app_factory(show=True)
    menu = app.window.findChild(QMenu, "languageMenu")
    assert menu is not None and menu.title() == "Lan&guage"
    choices = {action.text(): action for action in menu.actions()}
    assert set(choices) == {"&System language", "English", "Deutsch"}
    assert choices["&System language"].isChecked()  # the default follows the OS
    choices["Deutsch"].trigger()
    assert choices["Deutsch"].isChecked()
    assert "starts again" in app.window.status_label.text()
    assert _menu_titles(app.window)[0] == "&Chat"  # this window stays English until then
    saved = json.loads(settings_path(tmp_path).read_text())
    assert saved["ui"]["language"] == "de"
    app.window.close()
    again = app_factory(show=True)
    assert again.settings.ui.language == "de"
    restored = again.window.findChild(QMenu, "languageMenu")
    assert restored is not None
    assert [a.text() for a in restored.actions() if a.isChecked()] == ["Deutsch"]


def test_the_window_is_german_when_built_after_the_german_catalogue_is_installed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "translations.py"), "compile", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    installed = install_language("de", catalogue_dir=tmp_path)
    try:
        window = MainWindow(LIGHT_STYLE)
        qtbot.addWidget(window)
        assert _menu_titles(window)[:3] == ["&Chat", "&Prompt", "V&orlagen"]
        assert "&Ansicht" in _menu_titles(window)
        assert window.send_button.text() == "Senden"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        installed.remove()
        i18n.install_translator(None)
