"""What the window benchmarks share: a deterministic Markdown corpus, loop-lag and paint probes,
per-token latency figures (bench_ui_stream.py describes the method; bench_compare.py uses it)."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from app.core.events import TextDelta
from app.core.message import ChatMessage
from app.core.request import Role, estimate_tokens
from app.ui.chat.conversation_view import ConversationView

# -- deterministic Markdown, split into tokens ------------------------------------------------

_VOCABULARY = """
the a an model reply token stream window layout paint event loop queue buffer request server client
thread value result file path list item block code test config cache returns reads writes keeps
sends renders parses checks builds each every only first last small large fast slow simple careful
useful exact because when while after before with without into from over under this that which
your our its
"""
WORDS = _VOCABULARY.split()
PYTHON = [
    'def load_rows(path: Path) -> list[dict[str, str]]:\n    """Read every row."""\n'
    '    with path.open(newline="", encoding="utf-8") as handle:\n'
    "        return list(csv.DictReader(handle))\n",
    "class TokenBucket:\n    def __init__(self, rate: float, burst: int) -> None:\n"
    "        self.rate, self.tokens = rate, float(burst)\n        self.stamp = time.monotonic()\n\n"
    "    def take(self) -> bool:\n        now = time.monotonic()\n"
    "        self.tokens = min(self.tokens + (now - self.stamp) * self.rate, 10.0)\n"
    "        self.stamp = now\n        if self.tokens >= 1:\n            self.tokens -= 1\n"
    "            return True\n        return False\n",
    "async def fetch_all(client: httpx.AsyncClient, urls: list[str]) -> list[bytes]:\n"
    "    tasks = [asyncio.create_task(client.get(url)) for url in urls]\n"
    "    responses = await asyncio.gather(*tasks, return_exceptions=True)\n"
    "    return [r.content for r in responses if isinstance(r, httpx.Response)]\n",
]
JAVASCRIPT = [
    "export async function fetchAll(urls) {\n"
    "  const results = await Promise.all(urls.map((u) => fetch(u)));\n"
    "  return results.filter((r) => r.ok).map((r) => r.json());\n}\n",
    "const debounce = (fn, ms = 300) => {\n  let timer;\n  return (...args) => {\n"
    "    clearTimeout(timer);\n    timer = setTimeout(() => fn.apply(this, args), ms);\n  };\n};\n",
]
_TOKEN = re.compile(r" ?[A-Za-z]{1,6}| ?\d{1,3}| ?[^\sA-Za-z\d]{1,2}|\n+| +|\t+|\s")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    spot = rng.randrange(len(words))
    style = rng.random()
    if style < 0.2:
        words[spot] = f"`{words[spot]}()`"
    elif style < 0.35:
        words[spot] = f"**{words[spot]}**"
    elif style < 0.45:
        words[spot] = f"*{words[spot]}*"
    elif style < 0.5:
        words[spot] = f"[{words[spot]}](https://example.com/{words[spot]})"
    return " ".join(words).capitalize() + rng.choice(".....?!:")


def markdown_text(rng: random.Random, chars: int) -> str:
    """A long answer: headings, paragraphs, lists, code (Python and JS), tables and quotes."""
    parts: list[str] = []
    size = 0
    section = 0
    while size < chars:
        section += 1
        block = [f"## {section}. {_sentence(rng)[:-1]}\n\n"]
        for _ in range(rng.randint(1, 3)):
            block.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))) + "\n\n")
        numbered = rng.random() < 0.5
        for n in range(1, rng.randint(3, 6)):
            marker = f"{n}." if numbered else "-"
            block.append(f"{marker} {_sentence(rng)}\n")
        block.append("\n")
        if rng.random() < 0.7:
            lang, snippets = ("python", PYTHON) if rng.random() < 0.6 else ("js", JAVASCRIPT)
            block.append(f"```{lang}\n{rng.choice(snippets)}```\n\n")
        if rng.random() < 0.15:
            block.append("| option | default | why |\n|---|---|---|\n")
            block.extend(f"| `{rng.choice(WORDS)}` | {n} | {_sentence(rng)} |\n" for n in range(3))
            block.append("\n")
        if rng.random() < 0.15:
            block.append(f"> {_sentence(rng)}\n\n")
        text = "".join(block)
        parts.append(text)
        size += len(text)
    return "".join(parts)


def tokens_of(text: str) -> list[str]:
    tokens = _TOKEN.findall(text)
    assert "".join(tokens) == text, "tokenizer lost characters"
    return tokens


def reply_tokens(count: int, seed: int) -> list[str]:
    """Exactly `count` tokens of Markdown (about four characters each)."""
    tokens = tokens_of(markdown_text(random.Random(seed), count * 5))
    assert len(tokens) >= count
    return tokens[:count]


def history(target_tokens: int, seed: int = 1) -> list[ChatMessage]:
    """Alternating questions and long Markdown answers until `target_tokens` (estimated)."""
    rng = random.Random(seed)
    messages: list[ChatMessage] = []
    total = 0
    while total < target_tokens:
        question = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
        answer = markdown_text(rng, rng.randint(5_000, 11_000))
        for message in (ChatMessage(Role.USER, question), ChatMessage(Role.ASSISTANT, answer)):
            messages.append(message)
            total += estimate_tokens(message.text)
    return messages


# -- probes ----------------------------------------------------------------------------------------


class LagProbe(QObject):
    """How late a re-armed 5 ms single-shot timer fires: the event loop's lag."""

    def __init__(self, interval_ms: int = 5) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.samples: list[float] = []
        self.times: list[float] = []  # when each sample was taken (perf_counter)
        #: GUI-thread CPU time (ms) spent between the timer's arming and its firing: a late
        #: firing with little of it was the OS running something else (a loaded machine).
        self.cpu_ms: list[float] = []
        self._armed_cpu = 0.0
        self._due = 0.0
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.samples, self.times, self.cpu_ms = [], [], []
        self._running = True
        self._arm()

    def stop(self) -> list[float]:
        self._running = False
        self._timer.stop()
        return self.samples

    def _arm(self) -> None:
        self._due = time.perf_counter() + self.interval_ms / 1000
        self._armed_cpu = time.thread_time()
        self._timer.start(self.interval_ms)

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.samples.append(max(0.0, now - self._due) * 1000)
        self.times.append(now)
        self.cpu_ms.append((time.thread_time() - self._armed_cpu) * 1000)
        if self._running:
            self._arm()


class ScreenProbe(QObject):
    """Marks (time, characters) when a viewport paint of the conversation has been processed."""

    def __init__(self, view: ConversationView, on_mark: Callable[[float, int], None]) -> None:
        super().__init__()
        self._view = view
        self._on_mark = on_mark
        self._chars = 0
        self._pending = False
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._chars = self._view.painted_chars  # what this paint draws
            if not self._pending:
                self._pending = True
                QTimer.singleShot(0, self._on_painted)  # runs once the paint is flushed
        return False

    def _on_painted(self) -> None:
        self._pending = False
        self._on_mark(time.perf_counter(), self._chars)


class TimedBackend:
    """Passes a backend's events through, timestamping each token as the core yields it."""

    def __init__(self, backend: Any, on_token: Callable[[str], None]) -> None:
        self._backend, self._on_token = backend, on_token
        self.provider, self.model = backend.provider, backend.model

    async def stream(self, request: Any) -> Any:
        async for event in self._backend.stream(request):
            if type(event) is TextDelta:
                self._on_token(event.text)
            yield event


def latencies_ms(
    arrivals: Sequence[tuple[float, int]], marks: Sequence[tuple[float, int]]
) -> tuple[list[float], int]:
    """For each arrival, the delay to the first later mark covering its characters."""
    out: list[float] = []
    j = 0
    for when, chars in arrivals:
        while j < len(marks) and (marks[j][0] < when or marks[j][1] < chars):
            j += 1  # a mark too early or too short for this token is so for every later one
        if j == len(marks):
            return out, len(arrivals) - len(out)
        out.append((marks[j][0] - when) * 1000)
    return out, 0


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")
    )


def spread(prefix: str, values: Sequence[float]) -> dict[str, float]:
    return {
        f"{prefix}_p50_ms": round(percentile(values, 0.5), 2),
        f"{prefix}_p99_ms": round(percentile(values, 0.99), 2),
        f"{prefix}_max_ms": round(max(values, default=float("nan")), 2),
    }


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def goal_met(value: object, op: str, limit: float) -> bool:
    assert isinstance(value, int | float)
    return value < limit if op == "<" else value <= limit
