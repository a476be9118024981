"""The Qt-free layers proven Qt-free: their tests pass in an environment without PySide6.

napari's practice: besides the import scan of tests/test_layers.py, run the core, net, storage
and cli tests where PySide6 and qasync are not installed at all (`.venv-noqt`, made by
`packaging/setup.sh --test`). Anything in those layers that reached Qt, directly or through a
dependency, fails there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOQT = ROOT / ".venv-noqt" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
LAYERS = ("tests/core", "tests/net", "tests/storage", "tests/cli")


def _python() -> str:
    assert NOQT.exists(), (
        "The Qt-free test environment is missing: run `bash packaging/setup.sh --test`."
    )
    return str(NOQT)


def test_qt_cannot_be_imported_there() -> None:
    for module in ("PySide6", "qasync", "pytestqt"):
        result = subprocess.run(
            [_python(), "-c", f"import {module}"], capture_output=True, text=True, timeout=60
        )
        assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr, module


def test_core_net_storage_and_cli_tests_pass_without_qt() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    result = subprocess.run(
        [
            _python(),
            "-m",
            "pytest",
            *LAYERS,
            "-q",
            "-p",
            "no:cacheprovider",
            # pyproject's pytest-qt settings mean nothing without pytest-qt.
            "-W",
            "ignore::pytest.PytestConfigWarning",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in summary and "skipped" not in summary and "error" not in summary, summary
