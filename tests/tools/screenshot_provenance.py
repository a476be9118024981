"""Renders a reply's Details view and Compare replies view on the real window; saves PNGs.

Run: python tests/tools/screenshot_provenance.py OUT_DIR [--dark]
Uses the display in $DISPLAY (e.g. under `xvfb-run`), else Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.actions import MessageAction  # noqa: E402
from app.core.params import SamplingParams  # noqa: E402
from app.core.profiles import TokenSource, local_profile  # noqa: E402
from app.net.backend_factory import BackendFactory  # noqa: E402
from app.storage.secrets import MemorySecretStore  # noqa: E402
from app.ui.composition_root import install_asyncgen_hooks  # noqa: E402
from app.ui.style import DARK_STYLE, LIGHT_STYLE  # noqa: E402
from app.ui.window.main_window import MainWindow  # noqa: E402
from app.ui.window.window_controller import WindowController  # noqa: E402
from tests.loopback import LoopbackServer, Reply, openai_stream, split_events  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402
from tests.tools.screenshot_window import tokens_of  # noqa: E402

FIRST = (
    "A llama is a calm, sure-footed pack animal from the Andes. It carries about a quarter "
    "of its weight, hums when it is content, and spits mostly at other llamas."
)
SECOND = (
    "A llama is a curious, sure-footed pack animal from the Andes. It carries about a third "
    "of its weight, hums when it is anxious, and spits mostly at other llamas."
)


async def ended(controller: WindowController) -> None:
    done = asyncio.Event()
    controller.chat.reply_ended.connect(lambda _m: done.set())
    await done.wait()


async def capture(out: Path, dark: bool) -> None:
    install_asyncgen_hooks()
    style = DARK_STYLE if dark else LIGHT_STYLE
    with LoopbackServer(model_ids=["meta-llama/Llama-3.1-8B-Instruct-FP8"]) as server:
        for text, rid in ((FIRST, "chatcmpl-7f3a91c2e5"), (SECOND, "chatcmpl-0b44d1a9f2")):
            body = split_events(openai_stream(tokens_of(text)))
            server.queue(
                "POST", "/chat/completions", Reply(body=body, headers={"x-request-id": rid})
            )
        profile = replace(
            local_profile(f"{server.url}/v1"), name="Lab GPU (vLLM)", token_source=TokenSource.NONE
        )
        factory = BackendFactory(MemorySecretStore(), MemorySecretStore())
        window = MainWindow(style)
        controller = WindowController(window, factory, [profile], profile.id)
        window.system_prompt_editor.setPlainText("You are a friendly zoologist. Be brief.")
        controller.session.update_settings(
            params=SamplingParams(temperature=0.7), reproducible=True
        )
        window.show()
        window.composer.setPlainText("Describe a llama in two sentences.")
        waiting = asyncio.ensure_future(ended(controller))
        window.send_button.click()
        await waiting
        view = window.conversation_view
        waiting = asyncio.ensure_future(ended(controller))
        view.action_requested.emit(MessageAction.REPLAY, 1)
        await waiting
        await asyncio.sleep(0.2)
        suffix = "_dark" if dark else ""
        window.grab().save(str(out / f"window_after_replay{suffix}.png"))
        view.action_requested.emit(MessageAction.DETAILS, 1)
        await asyncio.sleep(0.3)
        details = controller.replies.details
        assert details is not None
        details.grab().save(str(out / f"details{suffix}.png"))
        details.close()
        view.action_requested.emit(MessageAction.COMPARE, 1)
        await asyncio.sleep(0.3)
        compare = controller.replies.compare
        assert compare is not None
        compare.grab().save(str(out / f"compare{suffix}.png"))
        compare.close()
        window.close()
        await factory.aclose()


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e2127"),
        (QPalette.ColorRole.Base, "#16181d"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#2a2e36"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
    ):
        palette.setColor(role, colour)
    return palette


def main() -> None:
    parser = argparse.ArgumentParser()
    add_language_option(parser)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    language = use_language(args.lang)  # noqa: F841 (its translators live while it does)
    if args.dark:
        app.setPalette(dark_palette())
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(capture(args.out, dark=args.dark))
    print(f"saved screenshots to {args.out}")


if __name__ == "__main__":
    main()
