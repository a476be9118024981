"""The real app in a subprocess, driven like a user: commands on stdin, what happened on stdout.

Test side: `DrivenApp("--data-dir", d, ...)` starts `python -m tests.ui.app_driver [faults] --
<app args>`, which runs the app's own `run()` (the `llamadesk` entry point) offscreen. Commands:
`send TEXT`, `state`, `minimize`, `quit` (the Chat menu's Quit). Events are JSON lines: `ready`
once the window is shown, `status` after a reply ended, `state`, and `exit` with run()'s code.
Faults, applied in the child before the app starts: `--disk-full`, `--no-root-override`.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
#: An upper bound, never a wait: the app starts in ~1 s and quits in well under one.
TIMEOUT_S = 30.0


class DrivenApp:
    """One app process; every read has a deadline, and the process is killed if left running."""

    def __init__(
        self, *app_args: str, faults: tuple[str, ...] = (), env: dict[str, str] | None = None
    ) -> None:
        # A file, not a pipe: a full pipe would block the child. Closed in close().
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.app_driver", *faults, "--", *app_args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        )
        self._buffer = b""

    def command(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def expect(self, event: str, timeout_s: float = TIMEOUT_S) -> dict[str, Any]:
        """The next event named `event` (earlier ones are skipped)."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout_s
        while True:
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                found = json.loads(line)
                if found["event"] == event:
                    return dict(found)
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, left))
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise AssertionError(f"no {event!r} event: {self.stderr()[-2000:]}")
            self._buffer += chunk

    def wait(self, timeout_s: float = TIMEOUT_S) -> int:
        return self.proc.wait(timeout_s)

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(TIMEOUT_S)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()
        self._stderr.close()


# -- the child ---------------------------------------------------------------------------------


def _emit(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


def main(argv: list[str]) -> int:
    split = argv.index("--")
    faults, app_args = argv[:split], argv[split + 1 :]
    if "--disk-full" in faults:
        from tests.storage.disk_faults import make_disk_full

        make_disk_full()
    if "--no-root-override" in faults:
        from tests.storage.disk_faults import drop_root_override

        drop_root_override(for_good=True)

    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication

    from app.ui.composition_root import run
    from app.ui.window.main_window import MainWindow

    qapp = QApplication([sys.argv[0], *app_args])
    window: list[MainWindow] = []

    def find_window() -> None:
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, find_window)
            return
        window.append(shown[0])
        _emit("ready", status=shown[0].status_label.text())

    def when_idle(w: MainWindow) -> None:
        if w.stop_button.isVisible():
            QTimer.singleShot(20, lambda: when_idle(w))
            return
        _emit("status", status=w.status_label.text())

    pending = [b""]

    def on_stdin() -> None:
        chunk = os.read(sys.stdin.fileno(), 65536)  # not readline: its buffer hides lines
        if not chunk:
            notifier.setEnabled(False)
            return
        pending[0] += chunk
        while b"\n" in pending[0]:
            line, pending[0] = pending[0].split(b"\n", 1)
            perform(line.decode())

    def perform(line: str) -> None:
        verb, _, rest = line.partition(" ")
        w = window[0]
        if verb == "send":
            w.composer.setPlainText(rest)
            w.send_button.click()
            QTimer.singleShot(20, lambda: when_idle(w))
        elif verb == "minimize":
            w.showMinimized()
            _emit("state", minimized=w.isMinimized())
        elif verb == "state":
            _emit("state", minimized=w.isMinimized(), visible=w.isVisible())
        elif verb == "quit":
            quit_action = next(a for a in w.findChildren(QAction) if a.text() == "&Quit")
            quit_action.trigger()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_stdin)
    QTimer.singleShot(0, find_window)
    code = run(app_args)
    _emit("exit", code=code)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
