"""Benchmark: a member of staff, from starting LlamaDesk under a policy to the first answer.

Run: python tests/benchmarks/bench_staff_walkthrough.py [--rounds N]
Uses the display in $DISPLAY, else Qt's offscreen platform. The app is the composition root's
`Application` under a policy (Simple mode locked on, one endpoint, the task "Write a customer
reply" with a blank for the customer's name), talking to the loopback server in this process.
The walkthrough is tests/ui/staff_walk.py: every user action is Qt input, and counted:

* token.from "file" (the key in the administrator's file): click the task, type the name +
  Enter, type the message + Enter: 3 steps.
* token.from "user" (each person's own key): paste the key + Enter first: 4 steps.
* token.from "none" (a server without keys): as "file".

app_s = wall time from building the Application to the answer fully on screen, minus the
server's deliberate pauses between the 44 streamed events (20 ms each: deliberate_s). The
scripted user adds no time of its own. first_text_s is the wall time until the answer's first
text reached the window. Each figure is the median of the rounds (each round a fresh app and
data folder; round 1, when Python loads the window's modules, is also given as *_cold_s).
start_s is what comes before the first round in this fresh process: importing Qt and the app,
and making the QApplication (the interpreter's own start, ~50 ms, is not in it); with_start_s
adds it to round 1 of "file": the whole wait from launching the app to the first answer.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()  # before Python loads Qt and the app: the start of "start the app"

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.policy import TokenFrom  # noqa: E402
from app.ui.composition_root import (  # noqa: E402
    Application,
    build_parser,
    install_asyncgen_hooks,
)
from app.ui.window.event_loop import collect_garbage_on_gui_thread  # noqa: E402
from tests.keyring_fakes import DictKeyring, installed_keyring  # noqa: E402
from tests.loopback import LoopbackServer  # noqa: E402
from tests.ui.simple_helpers import staff_policy  # noqa: E402
from tests.ui.staff_walk import WalkResult, walk  # noqa: E402

KEY = "bench-staff-key-41c9"


async def one_round(qapp: QApplication, token_from: TokenFrom, folder: Path) -> WalkResult:
    key_file = folder / "key"
    key_file.write_text(KEY + "\n")
    key_file.chmod(0o600)
    needs_key = token_from is not TokenFrom.NONE
    with LoopbackServer(require_token=KEY if needs_key else None) as server:
        path = str(key_file) if token_from is TokenFrom.FILE else ""
        policy = staff_policy(f"{server.url}/v1", token_from, path)
        made: list[Application] = []

        def make() -> Application:
            args = build_parser().parse_args(["--data-dir", str(folder / "data")])
            app = Application(args, qapp, policy=policy)
            made.append(app)
            app.show()
            return app

        try:
            _app, result = await walk(
                make, server, key=KEY if token_from is TokenFrom.USER else None
            )
        finally:
            for app in made:
                app.window.close()
                await app.run_until_closed_for_tests()
    return result


async def measure(qapp: QApplication, rounds: int, modes: list[TokenFrom]) -> dict[str, object]:
    install_asyncgen_hooks()  # as Application.run does: streams end inside the loop
    figures: dict[str, object] = {}
    for token_from in modes:
        results = []
        for _ in range(rounds):
            with tempfile.TemporaryDirectory() as folder, installed_keyring(DictKeyring()):
                results.append(await one_round(qapp, token_from, Path(folder)))
        name = token_from.value
        figures[f"{name}_steps"] = len(results[0].steps)
        figures[f"{name}_step_list"] = results[0].steps
        figures[f"{name}_app_cold_s"] = round(results[0].app_s, 3)
        figures[f"{name}_app_s"] = round(statistics.median(r.app_s for r in results), 3)
        figures[f"{name}_wall_s"] = round(statistics.median(r.wall_s for r in results), 3)
        figures[f"{name}_first_text_s"] = round(
            statistics.median(r.first_text_s for r in results), 3
        )
        figures[f"{name}_deliberate_s"] = round(results[0].deliberate_s, 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--modes", default="file,user,none", help="which token.from values to walk, by comma"
    )
    args = parser.parse_args()
    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(qapp, QApplication)
    start_s = time.perf_counter() - STARTED
    qapp.setApplicationName("LlamaDesk")
    qapp.setQuitOnLastWindowClosed(False)
    collect_garbage_on_gui_thread(qapp)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        modes = [TokenFrom(m.strip()) for m in args.modes.split(",")]
        figures = runner.run(measure(qapp, args.rounds, modes))
    figures["start_s"] = round(start_s, 3)
    first = modes[0].value if modes else ""
    if first:
        cold = figures[f"{first}_app_cold_s"]
        assert isinstance(cold, float)
        figures[f"{first}_with_start_s"] = round(start_s + cold, 3)
    figures["goal"] = "≤ 3 steps and < 5 s app time with token.from file; one paste more with user"
    figures["loadavg_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
