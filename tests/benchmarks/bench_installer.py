"""Benchmark: the Linux installer: .deb and installed size, the bundle's start to first paint next
to the venv's, and `ask`'s first byte from the bundle.

Run: python tests/benchmarks/bench_installer.py [--runs N] [--deb PATH]
Without --deb it runs packaging/build_deb.sh (which reuses its cached build when nothing
changed). The .deb is unpacked with `dpkg-deb -x` into a temporary folder (no root needed,
nothing installed) and the bundle runs from there exactly as from /opt/llamadesk. Uses the
display in $DISPLAY, else a private Xvfb. The last line printed is one JSON object.

Figures and how they are taken:

* deb_mb: the .deb file. installed_mb: dpkg's Installed-Size (the apparent size of every file,
  in KiB) / 1024, i.e. MiB, as `du -h` counts; installed_mb_si: the same in 10^6 bytes, as apt
  prints it. bundle_files: files in /opt/llamadesk.
* bundle_first_paint_s / venv_first_paint_s: from just before Popen of the program (the unpacked
  bundle's llamadesk; .venv/bin/llamadesk) to the line on its stderr in which Qt reports flushing
  the main window's first paint to the screen (Qt's own log category qt.widgets.painting, turned
  on with QT_LOGGING_RULES: nothing of the benchmark runs inside the bundle). The window is
  opened as bench_ui_stream's cold_start opens it (--data-dir <new temporary folder> --backend
  openai --base-url <closed port> --model m). Median of --runs runs, bundle and venv
  alternating, after one unmeasured run of each (it fills the OS file cache).
* venv_first_paint_launcher_s: the venv measured as bench_ui_stream measures cold_start (an
  event filter inside the process: end of the first Paint, plus a zero timer), to show that the
  two methods agree.
* bundle_ask_first_byte_s / venv_ask_first_byte_s: process start to the first byte `llamadesk
  ask` writes to stdout, against the loopback server (Workers AI dialect). Median of --runs.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.loopback import LoopbackServer  # noqa: E402
from tests.packaging.installed import xvfb  # noqa: E402

VENV_APP = ROOT / ".venv" / "bin" / "llamadesk"
GOALS = {"installed_mb": ("<", 120.0), "bundle_first_paint_s": ("<", 1.0)}
ACCOUNT = "0123456789abcdef0123456789abcdef"
TOKEN = "cf-bench-token-3a9c2e51d84b06aa"
PAINTED = "qt.widgets.painting"


def build_deb() -> Path:
    done = subprocess.run(
        ["bash", "packaging/build_deb.sh"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"build_deb.sh failed:\n{(done.stdout + done.stderr)[-3000:]}")
    return max((ROOT / "dist").glob("llamadesk_*_amd64.deb"), key=lambda p: p.stat().st_mtime)


def sizes(deb: Path, unpacked: Path) -> dict[str, object]:
    installed_kib = int(
        subprocess.run(
            ["dpkg-deb", "-f", str(deb), "Installed-Size"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    files = [p for p in (unpacked / "opt" / "llamadesk").rglob("*") if p.is_file()]
    return {
        "deb_mb": round(deb.stat().st_size / 2**20, 1),
        "installed_mb": round(installed_kib / 1024, 1),
        "installed_mb_si": round(installed_kib * 1024 / 1e6, 1),
        "bundle_files": len(files),
    }


def user_env(home: Path, display: str, **extra: str) -> dict[str, str]:
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(home / "run"),
        "DISPLAY": display,
        "NO_PROXY": "127.0.0.1,localhost",
        **extra,
    }


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def window_args(data_dir: str) -> list[str]:
    base_url = f"http://127.0.0.1:{closed_port()}/v1"
    return ["--data-dir", data_dir, "--backend", "openai", "--base-url", base_url, "--model", "m"]


@contextlib.contextmanager
def bounded(proc: subprocess.Popen[str], seconds: float = 60.0) -> Iterator[None]:
    """Kill the process after `seconds` whatever happens, and always reap it."""
    watchdog = threading.Timer(seconds, proc.kill)
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def first_paint_s(program: Path, env: dict[str, str]) -> float:
    """Popen to Qt's log line saying it flushed the main window's first paint."""
    env = {**env, "QT_LOGGING_RULES": f"{PAINTED}.debug=true"}
    with tempfile.TemporaryDirectory() as data_dir:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(program), *window_args(data_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        with bounded(proc):
            assert proc.stderr is not None
            seen = []
            for line in proc.stderr:
                if line.startswith(PAINTED) and "Flushing" in line and " of MainWindow(" in line:
                    return time.perf_counter() - start
                seen.append(line)
    raise RuntimeError(f"{program} ended without painting its window: {''.join(seen)[-2000:]}")


def launcher_first_paint_s(env: dict[str, str]) -> float:
    """bench_ui_stream's cold_start method, with the venv's Python."""
    spec = importlib.util.spec_from_file_location(
        "bench_ui_stream", ROOT / "tests" / "benchmarks" / "bench_ui_stream.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory() as data_dir:
        start = time.time()
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "-c", module.LAUNCHER, *window_args(data_dir)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"launcher failed ({done.returncode}): {done.stderr[-2000:]}")
    return float(json.loads(done.stdout.splitlines()[-1])["paint_done"]) - start


def ask_first_byte_s(program: Path, server: LoopbackServer, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [
            str(program),
            "ask",
            "--base-url",
            f"{server.url}/client/v4",
            "--account-id",
            ACCOUNT,
            "Hi",
        ],
        env={**env, "CLOUDFLARE_API_TOKEN": TOKEN},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    with bounded(proc):
        assert proc.stdout is not None
        first = proc.stdout.read(1)
        elapsed = time.perf_counter() - start
        rest = proc.stdout.read()
        code = proc.wait(30)
    if first + rest != b"Hello, world!\n" or code != 0:
        raise RuntimeError(f"{program} ask failed ({code}): {first + rest!r}")
    return elapsed


def median_runs(figures: dict[str, object], name: str, values: list[float]) -> None:
    figures[name] = round(statistics.median(values), 3)
    figures[name.removesuffix("_s") + "_runs_s"] = [round(v, 3) for v in values]


def measure(bundle: Path, runs: int, display: str, home: Path) -> dict[str, object]:
    env = user_env(home, display)
    programs = {"bundle": bundle, "venv": VENV_APP}
    paints: dict[str, list[float]] = {"bundle": [], "venv": []}
    asks: dict[str, list[float]] = {"bundle": [], "venv": []}
    for program in programs.values():  # unmeasured: fills the OS file cache
        first_paint_s(program, env)
    with LoopbackServer() as server:
        for program in programs.values():
            ask_first_byte_s(program, server, env)
        for _ in range(runs):
            for name, program in programs.items():
                paints[name].append(first_paint_s(program, env))
                asks[name].append(ask_first_byte_s(program, server, env))
    launcher = [launcher_first_paint_s(env) for _ in range(runs)]
    figures: dict[str, object] = {}
    for name in programs:
        median_runs(figures, f"{name}_first_paint_s", paints[name])
    median_runs(figures, "venv_first_paint_launcher_s", launcher)
    for name in programs:
        median_runs(figures, f"{name}_ask_first_byte_s", asks[name])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deb", type=Path, help="measure this .deb instead of building one")
    args = parser.parse_args()
    if not VENV_APP.exists():
        raise SystemExit("no .venv: run `bash packaging/setup.sh` first (the venv is compared)")
    load_start = round(os.getloadavg()[0], 2)
    deb = args.deb or build_deb()
    with tempfile.TemporaryDirectory() as tmp:
        unpacked, home = Path(tmp) / "root", Path(tmp) / "home"
        home.mkdir()
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
        figures: dict[str, object] = {"deb": deb.name, **sizes(deb, unpacked)}
        bundle = unpacked / "opt" / "llamadesk" / "llamadesk"
        with contextlib.ExitStack() as stack:
            display = os.environ.get("DISPLAY") or stack.enter_context(xvfb())
            figures.update(measure(bundle, args.runs, display, home))
    figures.update(
        loadavg_1m_start=load_start,
        loadavg_1m_end=round(os.getloadavg()[0], 2),
        cores=os.cpu_count(),
        goals={name: f"{op} {limit}" for name, (op, limit) in GOALS.items()},
        goals_met={name: figures[name] < limit for name, (_, limit) in GOALS.items()},  # type: ignore[operator]
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
