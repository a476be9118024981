"""Running the installed /usr/bin/llamadesk as a user would: a clean environment, bounded waits.

Nothing from the test process leaks into the app's environment (no PYTHONPATH, no venv, no
QT_QPA_PLATFORM, no keyring override): only what a desktop session would hand it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import select
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

INSTALLED = Path("/usr/bin/llamadesk")
BUNDLE = Path("/opt/llamadesk")
#: An upper bound for one command, never a wait: a healthy run takes well under a second.
RUN_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A desktop user's environment with `home` as home (data in ~/.local/share/LlamaDesk)."""
    runtime = home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "NO_PROXY": "127.0.0.1,localhost",
    }
    env.update(extra)
    return env


def run_installed(
    *args: str, env: dict[str, str], stdin: str = "", timeout: float = RUN_TIMEOUT_S
) -> Run:
    done = subprocess.run(
        [str(INSTALLED), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=env["HOME"],
    )
    return Run(done.returncode, done.stdout, done.stderr)


def in_secret_service(script: str, env: dict[str, str], stdin: str = "") -> Run:
    """Run a shell script in a private D-Bus session with gnome-keyring's Secret Service,
    unlocked with the same password each time, so its keyring (in ~/.local/share/keyrings)
    lasts from one session to the next."""
    missing = [
        tool
        for tool in ("dbus-run-session", "gnome-keyring-daemon", "secret-tool")
        if not shutil.which(tool)
    ]
    assert not missing, (
        f"{missing} not installed: apt-get install dbus gnome-keyring libsecret-tools"
    )
    wrapper = (
        f"printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && {script}"
    )
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", wrapper],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=env["HOME"],
    )
    return Run(done.returncode, done.stdout, done.stderr)


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Check `condition` every 50 ms until it holds; fail naming `what` after `timeout_s`."""
    pause = threading.Event()
    for _ in range(max(1, int(timeout_s / 0.05))):
        if condition():
            return
        pause.wait(0.05)
    assert condition(), f"gave up after {timeout_s:g} s waiting for {what}"


def dpkg(*args: str, timeout: float = 600.0) -> subprocess.CompletedProcess[str]:
    """dpkg, waiting (bounded) while another package tool holds its lock."""
    pause = threading.Event()
    for _ in range(60):
        done = subprocess.run(
            ["dpkg", *args], capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode == 0 or "lock" not in done.stderr:
            return done
        pause.wait(2.0)
    return done


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256 of its bytes)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A private X server; yields its DISPLAY. Xvfb picks a free display number itself."""
    assert shutil.which("Xvfb"), "Xvfb is not installed: apt-get install xvfb"
    read_end, write_end = os.pipe()
    # Its messages go to a file, not a pipe: nobody reads them while the server runs.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        os.close(write_end)
        try:
            ready, _, _ = select.select([read_end], [], [], 30.0)
            number = os.read(read_end, 64).decode().strip() if ready else ""
            if not number.isdigit():
                server.kill()
                server.wait(10)
                log.seek(0)
                message = log.read()[-2000:].decode(errors="replace")
                raise AssertionError(f"Xvfb did not start: {message}")
            yield f":{number}"
        finally:
            os.close(read_end)
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(10)
