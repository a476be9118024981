"""Renders the real app (composition root) in each theme after one Markdown reply; saves PNGs.

Run: python tests/tools/screenshot_themes.py OUT_DIR [--theme light|dark|high-contrast ...]
[--dark-desktop] (the OS's palette dark before the app starts: System and High contrast follow)
Uses the display in $DISPLAY (e.g. under `xvfb-run -a`), else Qt's offscreen platform. The
theme is chosen as View > Theme does (and kept in the throwaway data folder's settings), the
keyboard focus is moved with Tab so its ring shows, and the window is grabbed.
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
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.storage.settings_schema import Theme  # noqa: E402
from app.ui.composition_root import Application, build_parser, install_asyncgen_hooks  # noqa: E402
from tests.loopback import LoopbackServer, Reply, openai_stream, split_events  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402
from tests.tools.screenshot_window import REPLY, tokens_of  # noqa: E402


async def capture(qapp: QApplication, out: Path, themes: list[Theme], suffix: str) -> None:
    install_asyncgen_hooks()
    with LoopbackServer() as server, tempfile.TemporaryDirectory() as data:
        for _ in themes:
            body = openai_stream(tokens_of(REPLY))
            server.queue("POST", "/v1/chat/completions", Reply(body=split_events(body)))
        args = ["--data-dir", data, "--backend", "openai", "--base-url", f"{server.url}/v1"]
        app = Application(build_parser().parse_args([*args, "--model", "llama"]), qapp)
        window = app.window
        window.resize(1180, 760)
        app.show()
        window.system_prompt_editor.setPlainText("You are a patient Python tutor.")
        for theme in themes:
            window.theme_requested.emit(theme)  # what View > Theme > … emits
            app.controller.new_chat()
            window.composer.setPlainText("How do I read a CSV file in Python?")
            window.send_button.click()
            await app.controller.chat.wait_idle()
            # Tab from the message box to Send: the keyboard's focus ring shows.
            window.activateWindow()
            await asyncio.sleep(0.3)  # a tool, not a test: the X server activates the window
            window.composer.setFocus()
            tab = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(window.composer, tab)
            await asyncio.sleep(0.2)
            window.grab().save(str(out / f"theme_{theme.value}{suffix}.png"))
        window.close()
        await app.run_until_closed_for_tests()


def main() -> None:
    parser = argparse.ArgumentParser()
    add_language_option(parser)
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", action="append", choices=[t.value for t in Theme])
    parser.add_argument("--dark-desktop", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    themes = [Theme(t) for t in args.theme or ("light", "dark", "high-contrast")]
    qapp = QApplication(sys.argv[:1])
    language = use_language(args.lang)  # noqa: F841 (its translators live while it does)
    qapp.setQuitOnLastWindowClosed(False)
    if args.dark_desktop:
        from app.ui.appearance.palettes import dark_palette

        qapp.setPalette(dark_palette())
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(capture(qapp, args.out, themes, "_on_dark" if args.dark_desktop else ""))
    print(f"saved screenshots to {args.out}")


if __name__ == "__main__":
    main()
