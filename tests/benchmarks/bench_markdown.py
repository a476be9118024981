"""Benchmark: streaming Markdown rendering of a 5,000-token reply vs one markdown-it render.

Run: python tests/benchmarks/bench_markdown.py [--tokens N] [--piece C] [--batch B] [--rounds R]
The reply (headings, long paragraphs, lists split by blank lines, a table, a quote and several
code blocks) arrives in pieces of about C characters. Every B pieces, as the app's ~33 ms repaint
timer would, the closed blocks' HTML is taken and the open tail rendered; `finish` ends the
stream. Qt is not involved: this is the Markdown half of the reply pipeline. The baseline is
markdown-it rendering the whole text once, without highlighting. Round 1 runs in a fresh process
(Pygments lexers load on first use) and is reported as "cold"; figures are medians of the rest.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from app.ui.markdown.render import LIGHT, MarkdownRenderer, StreamingMarkdown  # noqa: E402

CHARS_PER_TOKEN = 4  # Llama 3 on English prose and code, roughly

CODE = {
    "python": "def load(path: str) -> dict[str, int]:\n"
    '    """Count words in a file."""\n'
    "    counts: dict[str, int] = {}\n"
    "    with open(path, encoding='utf-8') as handle:\n"
    "        for line in handle:\n"
    "            for word in line.split():\n"
    "                counts[word] = counts.get(word, 0) + 1\n"
    "    return counts\n",
    "javascript": "export async function fetchAll(urls) {\n"
    "  const results = await Promise.all(urls.map((u) => fetch(u)));\n"
    "  return results.filter((r) => r.ok).map((r) => r.json());\n"
    "}\n",
    "bash": "python -m venv .venv\n. .venv/bin/activate\npip install -e '.[test]'\npytest -q\n",
    "json": '{\n  "model": "llama-3.1-8b",\n  "stream": true,\n  "max_tokens": 512\n}\n',
}


def make_reply(tokens: int) -> str:
    """A realistic long answer of about `tokens` tokens."""
    rng = random.Random(7)
    words = ["the", "model", "streams", "each", "token", "and", "renders", "blocks"]
    parts: list[str] = []
    section = 0
    while sum(map(len, parts)) < tokens * CHARS_PER_TOKEN:
        section += 1
        parts.append(f"## Section {section}: details\n\n")
        sentence = " ".join(rng.choice(words) for _ in range(60))
        parts.append(f"This part explains *why* it works, with `inline code`. {sentence}.\n\n")
        for n in range(1, 4):
            parts.append(f"{n}. **Step {n}:** {' '.join(rng.choice(words) for _ in range(15))}\n\n")
        language = list(CODE)[section % len(CODE)]
        parts.append(f"```{language}\n{CODE[language]}```\n\n")
        if section % 3 == 0:
            parts.append("| option | default |\n|---|---|\n| stream | true |\n| top_p | 0.9 |\n\n")
            parts.append("> Note: see [the docs](https://example.com/docs) for more.\n\n")
        parts.append("- first point\n- second point\n  - a nested detail\n\n")
    return "".join(parts)


def split_pieces(text: str, mean: int) -> list[str]:
    rng = random.Random(11)
    pieces, i = [], 0
    while i < len(text):
        size = rng.randint(max(1, mean // 2), mean + mean // 2)
        pieces.append(text[i : i + size])
        i += size
    return pieces


@dataclass
class StreamRun:
    total_s: float
    cpu_s: float
    batches_ms: list[float]
    scanned_per_char: float


def run_stream(pieces: list[str], batch: int) -> StreamRun:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    stream = StreamingMarkdown(MarkdownRenderer(LIGHT))
    batches: list[float] = []
    for start in range(0, len(pieces), batch):
        t0 = time.perf_counter()
        for piece in pieces[start : start + batch]:
            stream.feed(piece)
        stream.take_closed_html()
        stream.tail_html()
        batches.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    stream.finish()
    batches.append((time.perf_counter() - t0) * 1000)
    return StreamRun(
        total_s=time.perf_counter() - wall0,
        cpu_s=time.process_time() - cpu0,
        batches_ms=batches,
        scanned_per_char=stream.chars_scanned / len(stream.text),
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=5000)
    parser.add_argument("--piece", type=int, default=20, help="mean characters per piece")
    parser.add_argument("--batch", type=int, default=25, help="pieces per repaint")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    text = make_reply(args.tokens)
    pieces = split_pieces(text, args.piece)
    runs = [run_stream(pieces, args.batch) for _ in range(args.rounds)]
    cold, warm = runs[0], runs[1:] or runs

    plain = MarkdownIt("commonmark")
    baseline, full = [], []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        plain.render(text)
        baseline.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        MarkdownRenderer(LIGHT).render(text)
        full.append(time.perf_counter() - t0)

    batches = [ms for run in warm for ms in run.batches_ms]
    total_s = statistics.median(run.total_s for run in warm)
    baseline_s = statistics.median(baseline)
    result = {
        "chars": len(text),
        "tokens_est": len(text) // CHARS_PER_TOKEN,
        "pieces": len(pieces),
        "repaints": len(warm[0].batches_ms),
        "total_s": round(total_s, 4),
        "cpu_s": round(statistics.median(run.cpu_s for run in warm), 4),
        "cold_total_s": round(cold.total_s, 4),
        "cold_cpu_s": round(cold.cpu_s, 4),
        "batch_p50_ms": round(percentile(batches, 0.5), 3),
        "batch_p99_ms": round(percentile(batches, 0.99), 3),
        "batch_max_ms": round(max(batches), 3),
        "baseline_markdown_it_once_s": round(baseline_s, 4),
        "full_render_highlighted_once_s": round(statistics.median(full), 4),
        "ratio_vs_baseline": round(total_s / baseline_s, 2),
        "scanned_per_char": round(warm[0].scanned_per_char, 3),
        "python": sys.version.split()[0],
    }
    print(f"{len(text)} chars in {len(pieces)} pieces, repaint every {args.batch} pieces")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
