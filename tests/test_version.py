"""`llamadesk --version` and `ask --help` show pyproject.toml's version, read from one place."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app.version import UNKNOWN, _from_pyproject, app_version
from tests.cli.runner import run_app

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_installed_metadata_says_what_pyproject_says() -> None:
    # setup.sh installs the checkout (editable): a stale install would show an old version.
    assert app_version() == PYPROJECT_VERSION


def test_version_flag_prints_it_without_loading_qt() -> None:
    code = (
        "import sys; from app.main import main; code = main(['--version']);"
        "qt = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync')];"
        "print(qt); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"llamadesk {PYPROJECT_VERSION}", "[]"]


def test_ask_help_names_the_version() -> None:
    run = run_app("ask", "--help")
    assert run.code == 0, run.stderr
    assert f"(LlamaDesk {PYPROJECT_VERSION})" in run.stdout


@pytest.mark.parametrize("args", [["ask", "--version"], ["--data-dir", "unused", "--version"]])
def test_version_after_other_arguments(args: list[str]) -> None:
    run = run_app(*args)  # the window's parser answers it before any folder or display is used
    assert (run.code, run.stdout) == (0, f"llamadesk {PYPROJECT_VERSION}\n"), run.stderr
    assert not (ROOT / "unused").exists()


def test_a_source_checkout_without_metadata_reads_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "llamadesk"\nversion = "7.8.9rc1"\n')
    assert _from_pyproject(pyproject) == "7.8.9rc1"


@pytest.mark.parametrize(
    "content",
    [
        None,  # no pyproject.toml beside the code (a bundle that lost its metadata)
        b"[project\nversion = ",  # not TOML
        b"\xff\xfe not UTF-8",
        b'[project]\nname = "llamadesk"\n',  # no version
        b'[project]\nversion = "1.0\\n\\u001b[2J"\n',  # a version that would garble a terminal
        b"project = 3\n",
    ],
    ids=["missing", "not-toml", "not-utf8", "no-version", "control-characters", "not-a-table"],
)
def test_an_unreadable_pyproject_gives_unknown_rather_than_an_error(
    tmp_path: Path, content: bytes | None
) -> None:
    pyproject = tmp_path / "pyproject.toml"
    if content is not None:
        pyproject.write_bytes(content)
    assert _from_pyproject(pyproject) == UNKNOWN
