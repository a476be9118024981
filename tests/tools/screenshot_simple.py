"""Renders Simple mode under a staff policy — start, key page, task details, answer, failure.

Run: python tests/tools/screenshot_simple.py OUT [--dark] [--lang de] [--high-contrast]
Uses the display in $DISPLAY (e.g. under `xvfb-run -a`), else Qt's offscreen platform.
The flags go into the settings file the app reads at start (ui.theme, ui.language), as a user's
choice in the View menu would; a build without that setting says so and takes the picture anyway
(--dark then sets a dark palette itself, as the OS would).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget  # noqa: E402

from app.core.policy import TokenFrom  # noqa: E402
from app.storage.settings import SettingsStore, settings_path  # noqa: E402
from app.ui.composition_root import Application, build_parser, install_asyncgen_hooks  # noqa: E402
from tests.keyring_fakes import DictKeyring, installed_keyring  # noqa: E402
from tests.loopback import (  # noqa: E402
    LoopbackServer,
    Reply,
    split_events,
    wire,
)
from tests.loopback.faults import FAULTS_BY_NAME  # noqa: E402
from tests.ui.simple_helpers import staff_policy  # noqa: E402
from tests.ui.staff_walk import armed  # noqa: E402

ANSWER = """Dear Ms Jones,

Thank you for your order — we are glad you chose us. Your parcel **ships on Monday**, and you \
will get an email with the tracking number the same day.

If anything is not as you expected, just reply to this message and we will put it right.

Kind regards,
The ACME team
"""


def prepare_settings(data: Path, args: argparse.Namespace) -> list[str]:
    """Write the user's View-menu choices into the settings file; what this build lacks."""
    store = SettingsStore(settings_path(data))
    settings = store.load()
    missing = []
    theme = "high-contrast" if args.high_contrast else "dark" if args.dark else "light"
    settings.ui.theme = theme
    if args.lang:
        if hasattr(settings.ui, "language"):
            settings.ui.language = args.lang  # type: ignore[attr-defined]
        else:
            missing.append(f"language {args.lang}")
    try:
        store.save(settings)
    except ValueError:  # this build does not know the theme
        missing.append(f"theme {theme}")
        settings.ui.theme = "dark" if args.dark else "light"
        store.save(settings)
    return missing


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"saved {path}")


async def capture(qapp: QApplication, out: Path, args: argparse.Namespace, suffix: str) -> None:
    install_asyncgen_hooks()
    with tempfile.TemporaryDirectory() as folder, installed_keyring(DictKeyring()):
        data = Path(folder) / "data"
        for note in prepare_settings(data, args):
            print(f"note: this build has no {note} setting yet; the picture is taken without it")
        with LoopbackServer() as server:
            words = [piece + " " for piece in ANSWER.split(" ")]
            events = split_events(wire.openai_stream(words))
            server.queue("POST", "/chat/completions", Reply(body=events, chunk_delay_s=0.005))
            policy = staff_policy(f"{server.url}/v1", TokenFrom.USER)
            app_args = build_parser().parse_args(["--data-dir", str(data)])
            app = Application(app_args, qapp, policy=policy)
            window = app.window
            window.resize(1100, 720)
            first_run = app.simple.first_run
            opened = armed(first_run.key_page_opened)
            app.show()
            await asyncio.wait_for(opened, 10)
            page = first_run.key_page
            assert page is not None
            save(page, out, f"simple_key_page{suffix}")
            saved = armed(page.key_saved)
            page.key_edit.setText("demo-key-0123")
            page.ok_button.click()
            await asyncio.wait_for(saved, 10)
            await asyncio.sleep(0.05)  # the dialog's close is painted
            save(window, out, f"simple_start{suffix}")
            app.simple.window.tasks.choose(1)
            form = app.controller.variables.form
            assert form is not None
            await asyncio.sleep(0.05)
            save(form, out, f"simple_details{suffix}")
            field = form.fields["customer_name"]
            assert isinstance(field, QLineEdit)
            field.setText("Ms Jones")
            form.ok_button.click()
            ended = armed(app.controller.chat.reply_ended)
            window.composer.setPlainText("Thank her for her order and say it ships on Monday.")
            window.send_button.click()
            await asyncio.wait_for(ended, 10)
            await asyncio.sleep(0.1)
            save(window, out, f"simple_answer{suffix}")
            FAULTS_BY_NAME["openai_503_retry_after"].install(server)
            for _ in range(3):
                FAULTS_BY_NAME["vllm_500_internal"].install(server)
            app.factory._retry = type(app.factory._retry)(max_attempts=1)  # one try: no wait
            ended = armed(app.controller.chat.reply_ended)
            window.composer.setPlainText("And a shorter version, please.")
            window.send_button.click()
            await asyncio.wait_for(ended, 10)
            await asyncio.sleep(0.1)
            save(window, out, f"simple_failure{suffix}")
            window.close()
            await app.run_until_closed_for_tests()


def dark_palette(qapp: QApplication) -> None:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e2127"),
        (QPalette.ColorRole.Base, "#16181d"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#2a2e36"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.PlaceholderText, "#8b929e"),
    ):
        palette.setColor(role, colour)
    qapp.setPalette(palette)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--lang", help="a language code, e.g. de")
    parser.add_argument("--high-contrast", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("LlamaDesk")
    qapp.setQuitOnLastWindowClosed(False)
    themes_known = "appearance" in Application.__init__.__code__.co_names
    if args.dark and not themes_known:
        dark_palette(qapp)
    suffix = (
        ("_dark" if args.dark else "")
        + ("_high_contrast" if args.high_contrast else "")
        + (f"_{args.lang}" if args.lang else "")
    )
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(capture(qapp, args.out, args, suffix))


if __name__ == "__main__":
    main()
