"""The composition root: --data-dir, endpoint from the command line, what is remembered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import qasync
from pytestqt.qtbot import QtBot

from app.ui.composition_root import Application, build_parser
from tests.loopback import LoopbackServer
from tests.ui.conftest import run


def make_app(qapp: Any, qtbot: QtBot, data_dir: Path, *extra: str) -> Application:
    args = build_parser().parse_args(["--data-dir", str(data_dir), *extra])
    if any(a.startswith("--base-url") for a in extra) and not args.backend:
        args.backend = "workers-ai"
    application = Application(args, qapp)
    qtbot.addWidget(application.window)
    return application


def test_settings_are_remembered_under_data_dir(
    qapp: Any, qtbot: QtBot, tmp_path: Path, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    base = f"{loopback.url}/v1"
    system_font = qapp.font()
    first = make_app(qapp, qtbot, tmp_path, "--backend", "openai", "--base-url", base)
    w = first.window
    assert w.profile_selector.currentText() == "Command line (local)"
    w.system_prompt_editor.setPlainText("Be brief.")
    w.params_panel._boxes["temperature"].setValue(0.3)
    w.use_as_default_button.click()  # typed settings belong to the chat until made the default
    w.resize(700, 520)  # inside the offscreen screen (800x600), which clamps geometry
    w.font_size_step_requested.emit(2)
    first.show()
    w.close()
    run(aio_loop, qtbot, first.run_until_closed_for_tests())
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["system_prompt"] == "Be brief."
    assert saved["params"]["temperature"] == 0.3
    assert saved["ui"]["font_point_size"] > 0 and saved["ui"]["window_geometry"]
    # The command-line endpoint was for that run only.
    assert all(p["id"] != "command-line" for p in saved["profiles"])

    second = make_app(qapp, qtbot, tmp_path)
    assert second.window.system_prompt_editor.toPlainText() == "Be brief."
    assert second.window.params_panel.params().temperature == 0.3
    assert second.window.width() == 700 and second.window.height() == 520
    qapp.setFont(system_font)  # the QApplication font is process-wide: later tests need theirs
    run(aio_loop, qtbot, second.factory.aclose())


def test_font_size_steps_and_reset(
    qapp: Any, qtbot: QtBot, tmp_path: Path, aio_loop: qasync.QEventLoop
) -> None:
    application = make_app(qapp, qtbot, tmp_path)
    system = qapp.font().pointSize()
    try:
        application.window.font_size_step_requested.emit(1)
        assert qapp.font().pointSize() == system + 1
        assert application.settings.ui.font_point_size == system + 1
        application.window.font_size_step_requested.emit(0)
        assert qapp.font().pointSize() == system
        assert application.settings.ui.font_point_size == 0
    finally:
        application.window.font_size_step_requested.emit(0)
        run(aio_loop, qtbot, application.factory.aclose())


def test_no_display_is_a_plain_message_not_a_qt_abort(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 1
    assert "no graphical display was found" in result.stderr and "llamadesk ask" in result.stderr
    assert "Traceback" not in result.stderr
