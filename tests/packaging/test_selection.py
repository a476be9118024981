"""How the packaging tests are chosen: deselected (and counted so) without --packaging, and with
it, on a machine where dpkg cannot install, failing with a plain sentence, never skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def inner_pytest(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in (env or os.environ).items() if k != "PYTEST_ADDOPTS"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/packaging/test_deb.py",
            "-p",
            "no:cacheprovider",
            "-q",
            *args,
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_the_option_they_are_deselected_not_skipped() -> None:
    done = inner_pytest()
    assert done.returncode == 5, done.stdout + done.stderr  # pytest's "no tests ran"
    assert "deselected" in done.stdout and "skipped" not in done.stdout, done.stdout


def test_with_the_option_where_dpkg_cannot_install_they_fail_saying_why() -> None:
    # No dpkg on the PATH: as on macOS, Fedora or a developer's machine without root.
    done = inner_pytest("--packaging", "-x", env={**os.environ, "PATH": "/nonexistent"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "need root on Debian or Ubuntu" in done.stdout, done.stdout
    assert "this is not Debian or Ubuntu (no dpkg)" in done.stdout
    assert "skipped" not in done.stdout and "Traceback" not in done.stdout
