"""Renders the Test sets window (cases, a finished run's grid and details, run vs run); saves PNGs.

Run: python tests/tools/screenshot_evals.py OUT_DIR [--dark] [--size 800x600]
Uses the display in $DISPLAY (e.g. under `xvfb-run`), else Qt's offscreen platform. The app is
built through the composition root on a temporary data folder, asking a loopback server whose
replies vary, so the grid shows spread, failed checks and an error.
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
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.ui.composition_root import Application, build_parser  # noqa: E402
from app.ui.evals.results_model import SUMMARY_ROWS  # noqa: E402
from app.ui.evals.sets_window import RESULTS_TAB, SET_TAB  # noqa: E402
from tests.loopback import LoopbackServer, Reply, openai_stream, split_events  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402

SET_FILE = """\
name: Refund questions
vars: {company: ACME}
repeat: 3
concurrency: 4
prompts:
  - {id: terse, system: "Answer in one sentence for {{company}}."}
  - {id: warm, system: "Be kind and brief. You work for {{company}}."}
tests:
  - input: "Can I get a refund for {{product}}?"
    vars: {product: Pro}
    expect: "Yes, within 30 days."
    assert: [{type: icontains, value: refund}, {type: max-words, value: 40}]
  - input: "Where is my invoice?"
    vars: {product: Basic}
    assert: [{type: icontains, value: invoice}]
  - input: "Do you ship to Norway?"
    vars: {product: Pro}
    assert: [{type: not-contains, value: sorry}]
  - input: "Reply with our opening hours as JSON"
    vars: {product: Basic}
    assert: [{type: is-json}]
"""

ANSWERS = [
    "Yes, you can get a refund within 30 days of purchase.",
    "Yes — refunds are possible within 30 days.",
    "Your invoice is in Settings → Billing → Invoices.",
    "You will find every invoice under Billing.",
    "Yes, we ship to Norway within 5 working days.",
    "Sorry, we do not ship to Norway yet.",
    '{"mon-fri": "9-17", "sat": "10-14"}',
    "We are open 9 to 5 on weekdays.",
]


def reply(text: str) -> Reply:
    words = [w + " " for w in text.split(" ")]
    return Reply(body=split_events(openai_stream(words, prompt_tokens=30)))


async def capture(out: Path, dark: bool, size: tuple[int, int], data_dir: Path) -> None:
    from app.ui.composition_root import install_asyncgen_hooks

    install_asyncgen_hooks()
    server = LoopbackServer()
    replies = [reply(ANSWERS[(n * 7 + n // 5) % len(ANSWERS)]) for n in range(23)]
    failing = Reply.json(b'{"detail": "model overloaded"}', status=400)
    server.queue("POST", "/chat/completions", *replies, failing)
    args = build_parser().parse_args(
        ["--data-dir", str(data_dir), "--backend", "openai", "--base-url", f"{server.url}/v1"]
    )
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    app = Application(args, qapp)
    app.window.show()
    evals = app.evals.open()
    evals.window.resize(*size)
    suffix = ("_dark" if dark else "") + ("" if size == (1100, 720) else f"_{size[0]}x{size[1]}")
    source = data_dir / "refunds.yaml"
    source.write_text(SET_FILE, encoding="utf-8")
    evals.editor.import_path(source)
    evals.window.tabs.setCurrentIndex(SET_TAB)
    await asyncio.sleep(0.3)
    evals.window.grab().save(str(out / f"evals_cases{suffix}.png"))
    done = asyncio.get_running_loop().create_future()
    evals.runner.run_ended.connect(lambda *a: done.done() or done.set_result(a))
    evals.window.editor.run_button.click()
    await asyncio.wait_for(done, 30)
    grid = evals.window.results.grid
    grid.setCurrentIndex(evals.grid.index(SUMMARY_ROWS, 0))
    evals.window.results.details.up.click()
    evals.window.results.details.scores.button(4).click()
    evals.window.tabs.setCurrentIndex(RESULTS_TAB)
    await asyncio.sleep(0.3)
    evals.window.grab().save(str(out / f"evals_results{suffix}.png"))
    done = asyncio.get_running_loop().create_future()
    server.queue("POST", "/chat/completions", reply("Refunds take 30 days, always."))
    evals.window.editor.run_button.click()
    await asyncio.wait_for(done, 30)
    evals.window.results.changes_button.click()
    await asyncio.sleep(0.3)
    dialog = evals.results.changes_dialog
    dialog.grab().save(str(out / f"evals_changes{suffix}.png"))
    dialog.close()
    app.window.close()
    await app.run_until_closed_for_tests()
    server.close()


def dark_palette() -> QPalette:
    """The dark palette the other screenshot tools use."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e2127"),
        (QPalette.ColorRole.Base, "#16181d"),
        (QPalette.ColorRole.AlternateBase, "#1b1e24"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#2a2e36"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.PlaceholderText, "#8b929e"),
    ):
        palette.setColor(role, colour)
    # A dark desktop greys disabled controls too: without this a disabled button looks live.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, "#6b717c")
    return palette


def main() -> None:
    parser = argparse.ArgumentParser()
    add_language_option(parser)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--size", default="1100x720", help="the window's size, e.g. 800x600")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication(sys.argv[:1])
    language = use_language(args.lang)  # noqa: F841 (its translators live while it does)
    qapp.setQuitOnLastWindowClosed(False)  # as the app: its loop decides when it is done
    if args.dark:
        qapp.setPalette(dark_palette())
    with (
        tempfile.TemporaryDirectory() as data_dir,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner,
    ):
        runner.run(capture(args.out, args.dark, (width, height), Path(data_dir)))
    print(f"saved screenshots to {args.out}")


if __name__ == "__main__":
    main()
