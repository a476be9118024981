"""The OS keyring for real: gnome-keyring's Secret Service in a private D-Bus session.

Each test starts `dbus-run-session` with an unlocked gnome-keyring and runs LlamaDesk in it as
a subprocess, so the developer's own keyring is never touched. Needs the Debian packages
dbus, gnome-keyring and libsecret-tools (packaging/setup.sh --test installs them as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.loopback import LoopbackServer

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "secret-service-token-7c1e0f9a2b"
ACCOUNT = "acc-secret-service"


def in_secret_service(
    script: str, tmp_path: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    missing = [
        tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(tool) is None
    ]
    assert not missing, (
        f"{missing} not installed: apt-get install dbus gnome-keyring "
        "libsecret-tools (packaging/setup.sh --test does it as root)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_RUNTIME_DIR=str(tmp_path / "run"),
        PYTHON=sys.executable,
    )
    (tmp_path / "run").mkdir(mode=0o700, exist_ok=True)
    wrapper = (
        f"printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && {script}"
    )
    return subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", wrapper],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_token_round_trip_through_gnome_keyring(tmp_path: Path) -> None:
    script = (
        f'"$PYTHON" -m app token set --account-id {ACCOUNT} && '
        f'"$PYTHON" -m app token status --account-id {ACCOUNT} && '
        f"secret-tool lookup service llamadesk username workers-ai:{ACCOUNT} && echo && "
        f'"$PYTHON" -m app token delete --account-id {ACCOUNT} && '
        f'"$PYTHON" -m app token status --account-id {ACCOUNT}'
    )
    result = in_secret_service(script, tmp_path, stdin=TOKEN + "\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Secret Service" in lines[0] and "Saved the token" in lines[0]
    assert "is saved in" in lines[1]
    assert lines[2] == TOKEN  # what libsecret itself finds under our service name
    assert "Removed the token" in lines[3]
    assert "is not saved" in lines[4]
    assert not any(
        TOKEN in p.read_text(errors="ignore")
        for p in tmp_path.rglob("*")
        if p.is_file() and "keyrings" not in p.parts
    )


def test_ask_reads_the_token_from_the_real_keyring(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        script = (
            f'"$PYTHON" -m app token set --account-id {ACCOUNT} >/dev/null && '
            f'"$PYTHON" -m app ask --account-id {ACCOUNT} --base-url {server.url}/client/v4 Hi'
        )
        result = in_secret_service(script, tmp_path, stdin=TOKEN + "\n")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "Hello, world!\n"
        assert server.requests[-1].header("authorization") == f"Bearer {TOKEN}"
    assert TOKEN not in result.stdout + result.stderr
