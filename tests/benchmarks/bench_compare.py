"""Benchmark: compare mode in the real window, 4 panes each streaming 500 tokens/s into a 10k-token chat.

Run: python tests/benchmarks/bench_compare.py [--panes N] [--rate R] [--stream-tokens N] ...
Uses the display in $DISPLAY, else Qt's offscreen platform. The window is the app's own
composition root (`Application`: MainWindow, compare mode's CompareController and one
PaneController + ConversationView per pane, BackendFactory and httpx) with the app's GC policy,
talking to a loopback server in a separate process (its CPU is not the client's). The last line
printed is one JSON object.

Set-up: four endpoints on that server, told apart by model; a compare stored through the app's
own history (HistoryStore.new_compare), each pane given a ~10,000-token conversation (the app's
`estimate_tokens`; Markdown with lists, tables and code, as bench_ui_stream's corpus), then
opened as the sidebar opens it (CompareController.open: load_compare, one SessionRecorder a pane,
each view drawing its chat). One message is then sent to all panes; the server streams each
pane's own reply (different text) at `--rate` tokens/s, `--chunk-tokens` SSE events per write.

Figures, taken as bench_ui_stream takes them (its probes live in bench_support.py):

* lag_*: a 5 ms single-shot PreciseTimer re-armed each time it fires; a sample is how late it
  fired, from Send until the last token of the last pane has arrived. The end of the compare
  (differences computed and highlighted, seed notes) is measured on its own as differences_ms
  (from the last reply's end to `differences_shown`) and differences_lag_max_ms.
* token_to_screen_*: per token of every pane, from its TextDelta reaching the pane's controller
  (a wrapped backend) to the first `reply_painted` of that pane's view covering it;
  token_to_pixels_*: to the end of the first viewport paint showing it. Pooled over all panes;
  token_to_screen_p99_by_pane_ms per pane.
  lag_own_cpu_*: of each sample, the part the GUI thread spent computing (its CPU time since the
  timer was armed, capped at the lag): on a machine shared with other work, the rest of a
  stall is the OS running something else.
* rss_mb: VmRSS after the stream (rss_before_mb: before the compare was opened).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.chat_settings import ChatSettings  # noqa: E402
from app.core.message import MessageState  # noqa: E402
from app.core.profiles import TokenSource, local_profile  # noqa: E402
from app.core.request import Role, estimate_tokens  # noqa: E402
from app.storage.history.store import HistoryStore, history_path  # noqa: E402
from app.storage.settings import Settings, SettingsStore, settings_path  # noqa: E402
from app.ui.composition_root import Application, build_parser, install_asyncgen_hooks  # noqa: E402
from app.ui.window.event_loop import collect_garbage_on_gui_thread  # noqa: E402
from tests.benchmarks.bench_support import (  # noqa: E402
    LagProbe,
    ScreenProbe,
    TimedBackend,
    goal_met,
    history,
    latencies_ms,
    percentile,
    reply_tokens,
    rss_mb,
    spread,
)
from tests.loopback import LoopbackServer, Reply, openai_stream, split_events  # noqa: E402

GOALS: dict[str, tuple[str, float]] = {
    "lag_p99_ms": ("<", 16),
    "token_to_screen_p99_ms": ("<", 50),
}
PROMPT = "bench: compare the long replies"


def model_of(pane: int) -> str:
    return f"pane-model-{pane + 1}"


# -- the loopback server, in its own process ---------------------------------------------------


def serve(args: argparse.Namespace) -> None:
    """Child process: each model streams its own reply, paced, until stdin closes."""
    per = args.chunk_tokens
    replies: dict[str, Reply] = {}
    for pane in range(args.panes):
        model = model_of(pane)
        events = split_events(
            openai_stream(reply_tokens(args.stream_tokens, 10 + pane), model=model)
        )
        replies[model] = Reply(
            body=[b"".join(events[i : i + per]) for i in range(0, len(events), per)],
            chunk_delay_s=per / args.rate,
        )

    def dispatch(request: Any) -> Reply:
        return replies[request.json()["model"]]

    with LoopbackServer(max_model_len=1_000_000) as server:
        for _ in range(100):
            server.queue("POST", "/chat/completions", dispatch)
        print(server.port, flush=True)
        sys.stdin.read()
        print(json.dumps({"server_cpu_s": round(time.process_time(), 3)}), flush=True)


# -- the window --------------------------------------------------------------------------------


def prepare(data_dir: Path, port: int, args: argparse.Namespace) -> int:
    """Endpoints in the settings, and a stored compare whose panes hold ~10k-token chats."""
    url = f"http://127.0.0.1:{port}/v1"
    profiles = [
        local_profile(url, model=model_of(i), name=f"Pane {i + 1}", token_source=TokenSource.NONE)
        for i in range(args.panes)
    ]
    SettingsStore(settings_path(data_dir)).save(
        Settings(profiles=profiles, active_profile_id=profiles[0].id, welcome_done=True)
    )
    store = HistoryStore.open(history_path(data_dir))
    try:
        settings = [ChatSettings(profile_id=p.id) for p in profiles]
        compare = store.new_compare(settings)
        assert compare.compare_id is not None
        messages = history(args.history_tokens)
        for pane in compare.panes:
            assert pane.conversation_id is not None
            for message in messages:
                if message.role is Role.USER:
                    store.add_user_message(pane.conversation_id, message.text)
                else:
                    writer = store.start_reply(pane.conversation_id)
                    writer.append(message.text)
                    writer.record(replace(message, state=MessageState.DONE))
        return compare.compare_id
    finally:
        store.close()


async def measure(app: Application, compare_id: int, args: argparse.Namespace) -> dict[str, Any]:
    install_asyncgen_hooks()
    arrivals: dict[str, list[tuple[float, int]]] = {model_of(i): [] for i in range(args.panes)}
    chars = dict.fromkeys(arrivals, 0)

    def on_token(model: str, text: str) -> None:
        chars[model] += len(text)
        arrivals[model].append((time.perf_counter(), chars[model]))

    build = app.factory.build

    async def timed_build(profile: Any) -> Any:
        return TimedBackend(await build(profile), lambda t, m=profile.model: on_token(m, t))

    app.factory.build = timed_build  # type: ignore[method-assign]
    app.show()
    await asyncio.sleep(0.5)
    results: dict[str, Any] = {"rss_before_mb": rss_mb()}
    compare = app.compare.controller
    start = time.perf_counter()
    assert compare.open(compare_id)
    panes = compare.panes
    await asyncio.gather(*(_loaded(p.pane.view) for p in panes))
    results["open_compare_s"] = round(time.perf_counter() - start, 3)
    painted: dict[str, list[tuple[float, int]]] = {m: [] for m in arrivals}
    screen: dict[str, list[tuple[float, int]]] = {m: [] for m in arrivals}
    probes = []
    for index, pane in enumerate(panes):
        model = model_of(index)
        pane.pane.view.reply_painted.connect(
            lambda n, m=model: painted[m].append((time.perf_counter(), n))
        )
        probes.append(ScreenProbe(pane.pane.view, lambda t, n, m=model: screen[m].append((t, n))))
    await asyncio.sleep(1.0)
    ended = asyncio.Event()
    shown = asyncio.Event()
    ends: list[float] = []

    def on_ended(_message: object) -> None:
        ends.append(time.perf_counter())
        if len(ends) == len(panes):
            ended.set()

    for pane in panes:
        pane.chat.reply_ended.connect(on_ended)
    compare.differences_shown.connect(shown.set)
    probe = LagProbe()
    probe.start()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    compare.view.composer.setPlainText(PROMPT)
    compare.view.send_button.click()
    await ended.wait()
    await shown.wait()
    shown_at = time.perf_counter()
    cpu = time.process_time() - cpu0
    await asyncio.sleep(0.3)
    samples, times, thread_cpu = probe.stop(), probe.times, probe.cpu_ms
    last_token = max(a[-1][0] for a in arrivals.values() if a)
    streaming = [lag for lag, t in zip(samples, times, strict=True) if t <= last_token]
    # How much of each stall the GUI thread itself was computing (the rest it was not running).
    own = [
        min(lag, used)
        for lag, used, t in zip(samples, thread_cpu, times, strict=True)
        if t <= last_token
    ]
    closing = [lag for lag, t in zip(samples, times, strict=True) if t > last_token]
    results.update(spread("lag", streaming))
    results.update(spread("lag_own_cpu", own))
    # Where the worst stalls were, in seconds after Send: the send itself, a repaint, the end.
    results["lag_over_33ms_at_s"] = [
        [round(t - wall0, 3), round(lag, 1)]
        for lag, t in zip(samples, times, strict=True)
        if lag > 33
    ]
    pooled_doc: list[float] = []
    pooled_pixels: list[float] = []
    never = 0
    by_pane = []
    for model in arrivals:
        to_doc, missing = latencies_ms(arrivals[model], painted[model])
        to_pixels, missing_pixels = latencies_ms(arrivals[model], screen[model])
        pooled_doc += to_doc
        pooled_pixels += to_pixels
        never += missing + missing_pixels
        by_pane.append(round(percentile(to_doc, 0.99), 2))
    results.update(spread("token_to_screen", pooled_doc))
    results.update(spread("token_to_pixels", pooled_pixels))
    span = last_token - min(a[0][0] for a in arrivals.values() if a)
    results.update(
        token_to_screen_p99_by_pane_ms=by_pane,
        tokens_never_shown=never,
        tokens_over_50ms=sum(ms > 50 for ms in pooled_doc),
        differences_ms=round((shown_at - max(ends)) * 1000, 1),
        differences_lag_max_ms=round(max(closing, default=0.0), 2),
        stream_tokens_per_pane=[len(a) for a in arrivals.values()],
        arrival_tokens_per_s_per_pane=[
            round((len(a) - 1) / (a[-1][0] - a[0][0])) if len(a) > 1 else 0
            for a in arrivals.values()
        ],
        stream_s=round(span, 2),
        stream_cpu_share=round(cpu / (shown_at - wall0), 3),
        panes=len(panes),
        pane_states=[str(p.last_reply().state) if p.last_reply() else "none" for p in panes],
        history_tokens_per_pane=sum(estimate_tokens(m.text) for m in panes[0].session.path()[:-2]),
        rss_mb=rss_mb(),
    )
    del probes
    app.window.close()
    await app.run_until_closed_for_tests()
    return results


async def _loaded(view: Any) -> None:
    """Until the pane's view has drawn its whole chat."""
    if not view.loading:
        return
    done = asyncio.Event()
    view.messages_loaded.connect(done.set)
    await done.wait()


def run_window(args: argparse.Namespace) -> dict[str, Any]:
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", *serve_args(args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        port = int(server.stdout.readline())
        qapp = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(qapp, QApplication)
        qapp.setApplicationName("LlamaDesk")
        qapp.setQuitOnLastWindowClosed(False)
        collect_garbage_on_gui_thread(qapp)
        with tempfile.TemporaryDirectory() as data_dir:
            compare_id = prepare(Path(data_dir), port, args)
            app = Application(build_parser().parse_args(["--data-dir", data_dir]), qapp)
            app.window.resize(1280, 800)
            with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
                results = runner.run(measure(app, compare_id, args))
        server.stdin.close()
        results.update(json.loads(server.stdout.readline()))
        return results
    finally:
        with contextlib.suppress(OSError):
            server.stdin.close()
        server.wait(timeout=10)


def serve_args(args: argparse.Namespace) -> list[str]:
    return [
        f"--panes={args.panes}",
        f"--stream-tokens={args.stream_tokens}",
        f"--chunk-tokens={args.chunk_tokens}",
        f"--rate={args.rate}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--panes", type=int, default=4)
    parser.add_argument("--rate", type=float, default=500.0, help="tokens/s per pane")
    parser.add_argument("--stream-tokens", type=int, default=5000, help="tokens per pane")
    parser.add_argument("--chunk-tokens", type=int, default=5, help="events per server write")
    parser.add_argument("--history-tokens", type=int, default=10_000, help="each pane's chat")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args)
        return
    load_start = round(os.getloadavg()[0], 2)
    figures = run_window(args)
    figures.update(
        loadavg_1m_start=load_start,
        loadavg_1m_end=round(os.getloadavg()[0], 2),
        cores=os.cpu_count(),
        python=sys.version.split()[0],
        qpa=os.environ.get("QT_QPA_PLATFORM", "xcb"),
        goals={name: f"{op} {limit}" for name, (op, limit) in GOALS.items()},
        goals_met={name: goal_met(figures[name], op, limit) for name, (op, limit) in GOALS.items()},
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
