"""`pipx install .` puts a working `llamadesk` on pipx's PATH (README's line, tried for real).

Marked `packaging` (selected with --packaging): it installs pipx and LlamaDesk's dependencies
from the package index (or pip's cache), which takes a minute. No root needed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
PIPX = "pipx==1.18.4"


def run(command: list[str], env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, (
        f"{command[:3]} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
    )
    return done.stdout


def test_pipx_install_puts_llamadesk_on_the_path(tmp_path: Path) -> None:
    # From a copy: a build inside the checkout would leave build/ and *.egg-info behind.
    source = tmp_path / "checkout"
    shutil.copytree(ROOT / "app", source / "app", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    tool, home, bin_dir = tmp_path / "tool", tmp_path / "home", tmp_path / "bin"
    home.mkdir()
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIPX_HOME": str(tmp_path / "pipx"),
        "PIPX_BIN_DIR": str(bin_dir),
        "PIPX_MAN_DIR": str(tmp_path / "man"),
        "NO_PROXY": "127.0.0.1,localhost",
    }
    run([sys.executable, "-m", "venv", str(tool)], env)
    run([str(tool / "bin" / "python"), "-m", "pip", "install", "--quiet", PIPX], env)
    run([str(tool / "bin" / "pipx"), "install", str(source)], env)

    command = shutil.which("llamadesk", path=env["PATH"])
    assert command == str(bin_dir / "llamadesk")
    assert run([command, "--version"], env, timeout=60) == f"llamadesk {VERSION}\n"
    with LoopbackServer() as server:
        endpoint = ["--backend", "openai", "--base-url", f"{server.url}/v1", "--model", "m"]
        assert run([command, "ask", *endpoint, "Hi"], env, timeout=60) == "Hello, world!\n"
