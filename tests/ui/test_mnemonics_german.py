"""The mnemonic checks of test_mnemonics.py again with the German catalogue: one control per
Alt+letter in every menu, the main window and the prompt and reply dialogs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.core import i18n
from app.ui.window.language import install_language
from tests.loopback import LoopbackServer
from tests.ui.test_history_window import AppMaker
from tests.ui.test_mnemonics import (
    clashes,
    menus_of,
    open_every_dialog,
    texts_in,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def german(qapp: QCoreApplication, tmp_path: Path) -> Iterator[None]:
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "translations.py"), "compile", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    installed = install_language("de", catalogue_dir=tmp_path)
    yield
    installed.remove()
    i18n.install_translator(None)


def test_every_german_menu_has_one_entry_per_letter(german: None, make_app: AppMaker) -> None:
    app = make_app()
    assert app.window.menuBar().actions()[-1].text() != "&View"  # German it is
    assert clashes(texts_in(app.window)) == {}
    for menu in menus_of(app.window.menuBar()):
        menu.aboutToShow.emit()
        assert clashes([a.text() for a in menu.actions()]) == {}, menu.title()


def test_every_german_prompt_and_reply_dialog_has_one_control_per_letter(
    german: None, make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    seen = open_every_dialog(make_app(), qtbot)
    assert len(seen) == 8
    for name, texts in seen.items():
        assert clashes(texts) == {}, name
