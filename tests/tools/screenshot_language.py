"""`--lang de` for the screenshot scripts: the window in German (or the OS's language).

The catalogues are compiled into a temporary folder from resources/i18n/*.ts, so a checkout
without compiled .qm files shows the same as an installed LlamaDesk.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.window.language import InstalledLanguage

ROOT = Path(__file__).resolve().parents[2]


def add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        default="en",
        choices=("en", "de", "system"),
        help="the window's language (default: en)",
    )


def use_language(language: str) -> InstalledLanguage:
    """Install the catalogues for `language`; call after the QApplication exists, and keep
    what it returns: the translators are removed when it is garbage."""
    from app.ui.window.language import install_language

    folder = Path(tempfile.mkdtemp(prefix="llamadesk-i18n-"))
    tool = ROOT / "packaging" / "translations.py"
    subprocess.run([sys.executable, str(tool), "compile", str(folder)], check=True)
    installed = install_language(language, catalogue_dir=folder)
    if installed.note:
        print(installed.note, file=sys.stderr)
    return installed
