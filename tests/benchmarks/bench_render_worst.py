"""Benchmark: the longest event-loop block while the real ConversationView shows degenerate replies.

Run: python tests/benchmarks/bench_render_worst.py [--size BYTES] [--shapes a,b] [--cap-s S]
     [--tokens-per-s R] [--app-root DIR]
Uses Qt's offscreen platform. Each figure comes from a fresh child process (killed after --cap-s
seconds; such a run is reported as "> S s") holding a ConversationView of 900×700 px:

A run still going after --cap-s is killed; its longest block is then reported as at least the
longest seen or the one in progress at the kill ("> N s").

* stream/<shape>: the reply (tests/ui/reply_shapes.py, --size bytes, default 1 MB) arrives
  through append_delta in 4-character tokens, --tokens-per-s (default 20,000: far faster than a
  real model, so every repaint has the most to do), then end_reply; until all of it is drawn.
* show/<shape>: the finished chat is opened again (show_messages), until it is all drawn (the
  messages_loaded signal where the view has it) and Qt's layout has settled.
* open_100k: show_messages of a ~100,000-token chat (about 400 KB of mixed Markdown over ~100
  messages). first_paint_ms: from the call to the end of the viewport's next paint;
  max_block_ms: the longest block from the call until everything is drawn.

Pygments' common lexers and the rendering stack are loaded before each measurement (the app
loads them in the background once its window is up; a lexer's first import takes up to ~90 ms).
A block is the longest gap between two ticks of a 1 ms PreciseTimer (wall clock; the CPU time of
the GUI thread over that gap is reported as *_cpu_ms). `worst_block_ms` is the largest over all
shapes and both modes. --app-root runs another checkout's app package (e.g. the version before
these bounds) with this script's shapes. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHAPES_FILE = ROOT / "tests" / "ui" / "reply_shapes.py"
CHARS_PER_TOKEN = 4
TICK_MS = 10


def load_shapes() -> Any:
    spec = importlib.util.spec_from_file_location("reply_shapes", SHAPES_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- a ~100k-token chat ---------------------------------------------------------------------------

_WORDS = [
    "the",
    "a",
    "model",
    "reply",
    "token",
    "stream",
    "window",
    "layout",
    "paint",
    "event",
    "loop",
    "queue",
    "buffer",
    "request",
    "server",
    "client",
    "thread",
    "value",
    "result",
    "file",
    "path",
    "list",
    "item",
    "block",
    "code",
    "test",
    "config",
    "cache",
    "returns",
    "reads",
    "writes",
    "keeps",
    "sends",
    "renders",
    "parses",
    "checks",
    "builds",
    "each",
    "every",
    "only",
    "first",
    "last",
    "small",
    "large",
    "fast",
]
_CODE = (
    "def load_rows(path):\n    with path.open(encoding='utf-8') as handle:\n"
    "        return [line.split(',') for line in handle]\n"
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
    words[rng.randrange(len(words))] = f"`{rng.choice(_WORDS)}()`"
    return " ".join(words).capitalize() + "."


def _answer(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        block = [f"## {_sentence(rng)[:-1]}\n\n", " ".join(_sentence(rng) for _ in range(4))]
        block.append("\n\n" + "".join(f"{n}. {_sentence(rng)}\n" for n in range(1, 4)) + "\n")
        if rng.random() < 0.6:
            block.append(f"```python\n{_CODE}```\n\n")
        if rng.random() < 0.2:
            block.append("| option | value |\n|---|---|\n| stream | true |\n| top_p | 0.9 |\n\n")
        if rng.random() < 0.2:
            block.append(f"> {_sentence(rng)}\n\n")
        text = "".join(block)
        parts.append(text)
        size += len(text)
    return "".join(parts)


def long_chat(tokens: int = 100_000) -> list[tuple[str, str]]:
    """(role, text) pairs: short questions, answers of 4-12 KB, about `tokens` tokens in all."""
    rng = random.Random(5)
    chat: list[tuple[str, str]] = []
    total = 0
    while total < tokens * CHARS_PER_TOKEN:
        question = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        answer = _answer(rng, rng.randint(4_000, 12_000))
        chat += [("user", question), ("assistant", answer)]
        total += len(question) + len(answer)
    return chat


# -- the child process: one measurement ------------------------------------------------------------


def child(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(Path(args.app_root).resolve()))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    try:
        from app.core.message import ChatMessage
    except ImportError:  # a checkout from before chat sessions
        from app.core.conversation import ChatMessage  # type: ignore[no-redef]
    from app.core.request import Role

    try:
        from app.ui.chat.conversation_view import ConversationView
    except ImportError:  # a checkout from before the feature folders
        from app.ui.conversation_view import ConversationView  # type: ignore[no-redef]
    # The app loads common lexers in the background once its window is up; load them here
    # (for either checkout) so that no figure carries a one-time import.
    from pygments.lexers import get_lexer_by_name

    from app.ui.style import LIGHT_STYLE

    for language in ("python", "javascript", "typescript", "bash", "json", "sql", "html", "c"):
        get_lexer_by_name(language)
    qapp = QApplication.instance() or QApplication([])
    try:  # this app loads its rendering stack after the first paint: as it is by now
        from app.ui.markdown.warm_up import warm_up_rendering

        warm_up_rendering().wait(60)
    except ImportError:  # checkouts that import it with the window
        pass
    view = ConversationView(LIGHT_STYLE)
    view.resize(900, 700)
    view.show()
    qapp.processEvents()

    class Probe(QObject):
        """The longest gap between ticks of a 1 ms timer: how long the loop was busy."""

        def __init__(self) -> None:
            super().__init__()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(1)
            self.timer.timeout.connect(self.tick)
            self.worst = self.worst_cpu = 0.0
            self.last = self.last_cpu = self.reported = 0.0

        def start(self) -> None:
            self.last, self.last_cpu = time.perf_counter(), time.thread_time()
            self.timer.start()

        def tick(self) -> None:
            now, cpu = time.perf_counter(), time.thread_time()
            if now - self.last > self.worst or now - self.reported > 0.5:
                # For the parent, should this run be killed at the cap: the worst so far, and
                # when the loop last turned (a block in progress is at least since then).
                print(json.dumps({"alive_at": time.time(), "worst_ms": self.worst * 1000}))
                sys.stdout.flush()
                self.reported = now
            self.worst = max(self.worst, now - self.last)
            self.worst_cpu = max(self.worst_cpu, cpu - self.last_cpu)
            self.last, self.last_cpu = now, cpu

    class PaintWatch(QObject):
        """When the viewport's next paint has ended (a zero timer posted from the paint)."""

        def __init__(self) -> None:
            super().__init__()
            self.painted_at: float | None = None
            view.viewport().installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.painted_at is None:
                QTimer.singleShot(0, self.mark)
            return False

        def mark(self) -> None:
            if self.painted_at is None:
                self.painted_at = time.perf_counter()

    def run_until(done: Any, timeout_s: float) -> None:
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(5)
        check.timeout.connect(lambda: loop.quit() if done() else None)
        check.start()
        deadline = time.perf_counter() + timeout_s
        while not done() and time.perf_counter() < deadline:
            loop.exec()
        check.stop()

    last_change = [time.perf_counter()]
    layout = view.document().documentLayout()
    layout.documentSizeChanged.connect(
        lambda _size: last_change.__setitem__(0, time.perf_counter())
    )
    loaded = [not hasattr(view, "messages_loaded")]
    if not loaded[0]:
        view.messages_loaded.connect(lambda: loaded.__setitem__(0, True))

    def settled() -> bool:  # Qt lays out a document set with setHtml lazily, in timer steps
        return loaded[0] and time.perf_counter() - last_change[0] > 0.3

    probe = Probe()
    result: dict[str, Any] = {}
    start = time.perf_counter()
    if args.mode == "open_100k":
        chat = long_chat()
        messages = [
            ChatMessage(Role.USER if role == "user" else Role.ASSISTANT, text)
            for role, text in chat
        ]
        watch = PaintWatch()
        probe.start()
        start = time.perf_counter()
        view.show_messages(messages)
        run_until(lambda: watch.painted_at is not None, 60)
        run_until(settled, 600)
        assert watch.painted_at is not None
        result["first_paint_ms"] = round((watch.painted_at - start) * 1000, 1)
        result["messages"] = len(messages)
        result["chars"] = sum(len(m.text) for m in messages)
    else:
        text = getattr(load_shapes(), args.shape)(args.size)
        user = ChatMessage(Role.USER, f"Show me {args.shape}")
        reply = ChatMessage(Role.ASSISTANT, text)
        if args.mode == "show":
            probe.start()
            view.show_messages([user, reply])
            run_until(settled, 600)
        else:
            view.show_messages([user])
            run_until(settled, 60)
            painted = [0]
            view.reply_painted.connect(lambda n: painted.__setitem__(0, n))
            probe.start()
            start = time.perf_counter()
            view.begin_reply(1)
            per_tick = max(1, args.tokens_per_s * TICK_MS // 1000) * CHARS_PER_TOKEN
            position = [0]

            def feed() -> None:  # tokens sliced as they are sent: no list of 250,000 strings
                end = min(len(text), position[0] + per_tick)
                for start in range(position[0], end, CHARS_PER_TOKEN):
                    view.append_delta(text[start : min(end, start + CHARS_PER_TOKEN)])
                position[0] = end

            feeder = QTimer()
            feeder.setTimerType(Qt.TimerType.PreciseTimer)
            feeder.setInterval(TICK_MS)
            feeder.timeout.connect(feed)
            feeder.start()
            run_until(lambda: position[0] >= len(text), 3600)
            feeder.stop()
            view.end_reply(reply)
            run_until(lambda: painted[0] >= len(text), 600)
            run_until(settled, 60)
    probe.timer.stop()
    result["block_ms"] = round(probe.worst * 1000, 1)
    result["block_cpu_ms"] = round(probe.worst_cpu * 1000, 1)
    result["total_s"] = round(time.perf_counter() - start, 2)
    return result


# -- the parent: every shape, both ways ---------------------------------------------------------


def measure(args: argparse.Namespace, mode: str, shape: str = "") -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--shape",
        shape,
        "--size",
        str(args.size),
        "--tokens-per-s",
        str(args.tokens_per_s),
        "--app-root",
        args.app_root,
    ]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = child.communicate(timeout=args.cap_s)
    except subprocess.TimeoutExpired:
        child.kill()
        killed_at = time.time()
        out, _ = child.communicate()
        # The longest block is at least the longest seen, or the one in progress when killed.
        reports = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        worst_ms = max((r.get("worst_ms", 0.0) for r in reports), default=0.0)
        alive_at = max((r["alive_at"] for r in reports if "alive_at" in r), default=None)
        ongoing_ms = (killed_at - alive_at) * 1000 if alive_at else args.cap_s * 1000
        return {"timeout": True, "at_least_ms": max(worst_ms, ongoing_ms)}
    if child.returncode != 0:
        raise RuntimeError(f"{mode} {shape} failed:\n{err[-3000:]}")
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--shapes", default="")
    parser.add_argument("--modes", default="stream,show")
    parser.add_argument("--cap-s", type=float, default=120.0)
    parser.add_argument("--tokens-per-s", type=int, default=20_000)
    parser.add_argument("--app-root", default=str(ROOT))
    parser.add_argument("--skip-open", action="store_true")
    parser.add_argument("--child", default="")
    parser.add_argument("--shape", default="")
    args = parser.parse_args()
    if args.child:
        args.mode = args.child
        print(json.dumps(child(args)))
        return

    def at_least(figures: dict[str, Any]) -> str:
        return f"> {figures['at_least_ms'] / 1000:.1f} s (run cut at {args.cap_s:.0f} s)"

    shapes = args.shapes.split(",") if args.shapes else list(load_shapes().SHAPES)
    result: dict[str, Any] = {"size_bytes": args.size, "tokens_per_s": args.tokens_per_s}
    worst: float = 0.0
    timed_out = False
    for mode in args.modes.split(","):
        for shape in shapes:
            figures = measure(args, mode, shape)
            key = f"{mode}_{shape}_block_ms"
            if figures.get("timeout"):
                result[key] = at_least(figures)
                worst = max(worst, figures["at_least_ms"])
                timed_out = True
                print(f"{mode:6s} {shape:16s} block {result[key]}", flush=True)
                continue
            result[key] = figures["block_ms"]
            result[f"{mode}_{shape}_block_cpu_ms"] = figures["block_cpu_ms"]
            worst = max(worst, figures["block_ms"])
            print(
                f"{mode:6s} {shape:16s} block {figures['block_ms']:8.1f} ms "
                f"(cpu {figures['block_cpu_ms']:.1f}), {figures['total_s']:.1f} s in all",
                flush=True,
            )
    result["worst_block_ms"] = f"> {worst:.0f}" if timed_out else worst
    if not args.skip_open:
        figures = measure(args, "open_100k")
        if figures.get("timeout"):
            result["open_100k_first_paint_ms"] = result["open_100k_max_block_ms"] = at_least(
                figures
            )
        else:
            result["open_100k_first_paint_ms"] = figures["first_paint_ms"]
            result["open_100k_max_block_ms"] = figures["block_ms"]
            result["open_100k_max_block_cpu_ms"] = figures["block_cpu_ms"]
            result["open_100k_loaded_s"] = figures["total_s"]
            result["open_100k_chars"] = figures["chars"]
            result["open_100k_messages"] = figures["messages"]
            print(
                f"open_100k: {figures['messages']} messages, {figures['chars']} chars: "
                f"first paint {figures['first_paint_ms']} ms, longest block "
                f"{figures['block_ms']} ms, all drawn in {figures['total_s']} s",
                flush=True,
            )
    result["loadavg_1m"] = round(os.getloadavg()[0], 2)
    result["python"] = sys.version.split()[0]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
