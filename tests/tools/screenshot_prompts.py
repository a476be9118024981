"""Renders the system-prompt panel (saved, edited) and the prompt library window; saves PNGs.

Run: python tests/tools/screenshot_prompts.py OUT_DIR [--dark]
Uses the display in $DISPLAY (e.g. under `xvfb-run`), else Qt's offscreen platform. The app is
built through the composition root on a temporary data folder with a few prompts.
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

from app.core.prompts.variables import VariableSpec, VarType  # noqa: E402
from app.ui.composition_root import Application, build_parser  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402

SUPPORT_V1 = """You are the support assistant of {{company}}.
Answer in two or three short sentences. Be friendly and precise.
If you do not know, say so and offer to open a ticket."""
SUPPORT_V2 = """You are the support assistant of {{company}}, speaking to {{audience}}.
Answer in two or three short sentences. Be friendly, precise and calm.
If you do not know, say so and offer to open a ticket.
Never promise refunds; point to the refunds page instead."""
SUPPORT_V3 = SUPPORT_V2.replace("calm", "patient") + "\nToday is {{weekday}}."


def fill(app: Application) -> None:
    library = app.controller.library.library
    assert library is not None
    company = VariableSpec("company", VarType.TEXT, "Company", "ACME")
    audience = VariableSpec(
        "audience", VarType.CHOICE, "Audience", "customers", options=("customers", "staff")
    )
    first = library.create("Support bot", SUPPORT_V1, (company,), "First draft")
    library.save_version(first.prompt_id, SUPPORT_V2, (company, audience), "Audience, no refunds")
    library.save_version(first.prompt_id, SUPPORT_V3, (company, audience), "Patient; weekday")
    library.set_label(first.prompt_id, "production", 2)
    library.set_label(first.prompt_id, "staff", 3)
    for name, text in (
        ("Python tutor", "You are a patient Python tutor. Short explanations, runnable examples."),
        ("Release notes writer", "Turn the commit list into release notes for users."),
        ("SQL reviewer", "Review the SQL for correctness, then for speed. Quote the line."),
    ):
        library.create(name, text, (), "")
    app.controller.library.announce()


async def capture(out: Path, dark: bool, data_dir: Path) -> None:
    from app.ui.composition_root import install_asyncgen_hooks

    install_asyncgen_hooks()
    args = build_parser().parse_args(
        ["--data-dir", str(data_dir), "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1"]
    )
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    app = Application(args, qapp)
    app.window.resize(1280, 800)
    app.window.show()
    fill(app)
    suffix = "_dark" if dark else ""
    prompts = app.controller.prompts
    prompt_id = app.controller.library.library.prompts("Support")[0].id  # type: ignore[union-attr]
    prompts.use(f"{prompt_id}#staff")
    await asyncio.sleep(0.2)
    app.window.grab().save(str(out / f"panel_label{suffix}.png"))
    editor = app.window.system_prompt_editor
    editor.setPlainText(editor.toPlainText().replace("patient", "patient and warm"))
    await asyncio.sleep(0.2)
    app.window.grab().save(str(out / f"panel_edited{suffix}.png"))
    app.controller.prompt_edits.compare_with_saved()
    await asyncio.sleep(0.2)
    assert app.controller.prompt_edits.compare_dialog is not None
    app.controller.prompt_edits.compare_dialog.grab().save(
        str(out / f"compare_with_saved{suffix}.png")
    )
    app.controller.prompt_edits.compare_dialog.close()
    app.open_library()
    window = app.library_window
    assert window is not None
    await asyncio.sleep(0.2)
    window.dialog.grab().save(str(out / f"library{suffix}.png"))
    controller = window.controller
    controller.select_prompt(prompt_id)
    controller._select_versions([0, 2])
    await asyncio.sleep(0.2)
    window.dialog.grab().save(str(out / f"library_diff{suffix}.png"))
    window.dialog.diff_pane.side_by_side_box.setChecked(True)
    await asyncio.sleep(0.2)
    window.dialog.grab().save(str(out / f"library_side_by_side{suffix}.png"))
    app.window.close()
    await app.run_until_closed_for_tests()


def main() -> None:
    parser = argparse.ArgumentParser()
    add_language_option(parser)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication(sys.argv[:1])
    language = use_language(args.lang)  # noqa: F841 (its translators live while it does)
    if args.dark:
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
        qapp.setPalette(palette)
    with (
        tempfile.TemporaryDirectory() as data_dir,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner,
    ):
        runner.run(capture(args.out, args.dark, Path(data_dir)))
    print(f"saved screenshots to {args.out}")


if __name__ == "__main__":
    main()
