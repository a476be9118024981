"""Renders the variables and presets parts of the real app (status line, Variables dialog,
fill-in form, Presets menu, Manage presets); saves PNGs.

Run: python tests/tools/screenshot_variables.py OUT_DIR
Uses the display in $DISPLAY (e.g. under `xvfb-run -a`), else Qt's offscreen platform.
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
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.core.params import SamplingParams  # noqa: E402
from app.core.prompts.library import Preset  # noqa: E402
from app.core.prompts.variables import VariableSpec, VarType  # noqa: E402
from app.ui.composition_root import Application, build_parser, install_asyncgen_hooks  # noqa: E402
from tests.loopback import LoopbackServer  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402

PROMPT = (
    "You are a patient tutor for {{audience}}. Explain {{topic}} in {{paragraphs}} short "
    "paragraphs. Today is {{weekday}}, {{date}}; the learner is {{user_name}}.\n\n"
    '{{notes}}\n\nAnswer as JSON when asked: {"answer": "…"}'
)
SPECS = (
    VariableSpec(
        "audience",
        VarType.CHOICE,
        label="Audience",
        help="Who reads the answer",
        options=("children", "students", "experts"),
        default="students",
    ),
    VariableSpec("topic", label="Topic", default="photosynthesis", help="One subject per chat"),
    VariableSpec("paragraphs", VarType.NUMBER, label="Paragraphs", default="3"),
    VariableSpec("notes", VarType.LONG_TEXT, label="Extra notes", help="Anything else to say"),
)


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0.05)  # a tool, not a test: let Qt lay out and paint


def save(widget: QWidget, out: Path, name: str) -> None:
    widget.grab().save(str(out / f"{name}.png"))


async def capture(app: Application, out: Path) -> None:
    install_asyncgen_hooks()
    w = app.window
    app.show()
    store = app.history.store
    assert store is not None
    library = store.prompts
    tutor = library.create("Tutor", PROMPT, SPECS)
    library.set_label(tutor.prompt_id, "staff", 1)
    library.save_preset(Preset(0, "Tutor for students", f"{tutor.prompt_id}#staff"))
    library.save_preset(Preset(0, "Brainstorm (hot)", "", SamplingParams(temperature=1.4)))
    library.save_preset(Preset(0, "Exact & careful", "", SamplingParams(temperature=0.1)))

    w.system_prompt_editor.setPlainText(PROMPT + "\nSign as {{signature}}.")
    app.controller.session.update_settings(variables=SPECS)
    await settle()
    save(w, out, "window_unknown_variable")

    w.variable_status.declare_button.click()
    await settle()
    dialog = app.controller.variables.dialog
    assert dialog is not None
    save(dialog, out, "variables_dialog_declare")
    dialog.variable_list.setCurrentRow(0)
    await settle()
    save(dialog, out, "variables_dialog_choice")
    dialog.ok_button.click()
    await settle()
    save(w, out, "window_variables_used")

    w.composer.setPlainText("What is it, in a sentence?")
    w.send_button.click()
    await settle()
    form = app.controller.variables.form
    assert form is not None
    save(form, out, "fill_in_form")
    form.reject()
    await settle()

    menu = w.presets_menu
    menu.popup(w.presets_button.mapToGlobal(QPoint(0, w.presets_button.height())))
    await settle()
    save(menu, out, "presets_menu")
    menu.hide()
    app.presets.open_manager()
    await settle()
    manager = app.presets.manage_dialog
    assert manager is not None
    save(manager, out, "manage_presets")
    manager.reject()
    w.close()
    await app.run_until_closed_for_tests()


def main() -> None:
    parser = argparse.ArgumentParser()
    add_language_option(parser)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication(sys.argv[:1])
    language = use_language(args.lang)  # noqa: F841 (its translators live while it does)
    with LoopbackServer() as server, tempfile.TemporaryDirectory() as data:
        argv = ["--data-dir", data, "--backend", "openai", "--base-url", f"{server.url}/v1"]
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
            app = Application(build_parser().parse_args([*argv, "--model", "m"]), qapp)
            runner.run(capture(app, args.out))
    print(f"saved screenshots to {args.out}")


if __name__ == "__main__":
    main()
