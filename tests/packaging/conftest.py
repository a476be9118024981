"""The .deb, built once per test run (build_deb.sh reuses a cached build when nothing changed),
and installed with dpkg for the tests of one module, removed again afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.installed import INSTALLED, dpkg

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
DEB = ROOT / "dist" / f"llamadesk_{VERSION}_amd64.deb"
#: A fresh build on a busy two-core machine takes 2-4 minutes; this is only an upper bound.
BUILD_TIMEOUT_S = 40 * 60


def _why_not_here() -> str | None:
    """Why dpkg cannot install packages on this machine, or None when it can."""
    if not shutil.which("dpkg") or not shutil.which("dpkg-deb"):
        return "this is not Debian or Ubuntu (no dpkg)"
    if os.geteuid() != 0:
        return f"they run as user {os.geteuid()}, not root"
    return None


@pytest.fixture(scope="session")
def deb() -> Path:
    """dist/llamadesk_<version>_amd64.deb from `bash packaging/build_deb.sh`."""
    if (reason := _why_not_here()) is not None:
        pytest.fail(
            f"The packaging tests build a .deb and install it with dpkg, so they need root on "
            f"Debian or Ubuntu, and {reason}. CI runs them as root; elsewhere run the other "
            "tests without --packaging.",
            pytrace=False,
        )
    done = subprocess.run(
        ["bash", "packaging/build_deb.sh"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, "build_deb.sh failed:\n" + (done.stdout + done.stderr)[-4000:]
    assert DEB.is_file(), f"build_deb.sh succeeded but {DEB} is missing"
    return DEB


@pytest.fixture(scope="module")
def installed(deb: Path) -> Iterator[Path]:
    """The package installed with `dpkg -i` (a copy left by an interrupted run is removed
    first); removed again after the module unless a test removed it."""
    if _installed():
        _remove()
    done = dpkg("-i", str(deb))
    assert done.returncode == 0, f"dpkg -i {deb.name} failed:\n{done.stdout}{done.stderr}"
    yield INSTALLED
    if _installed():
        _remove()


def _installed() -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Status}", "llamadesk"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout.strip() == "installed"


def _remove() -> None:
    done = dpkg("-r", "llamadesk")
    assert done.returncode == 0, f"dpkg -r llamadesk failed:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def user_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One desktop user's home for the whole module: their chats, settings and keyring."""
    home = tmp_path_factory.mktemp("home")
    home.chmod(0o700)
    return home
