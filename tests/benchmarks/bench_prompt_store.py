"""Benchmark: the prompt library's store with 1,000 prompts × 50 versions of ~2,000 characters.

Run: python tests/benchmarks/bench_prompt_store.py [--prompts N] [--versions V] [--chars C]
The library is built in a fresh temp history through PromptStore.import_prompts (the import
path, one transaction). Then it is reopened and each query is timed on its first call (cold
page cache of a fresh connection, after the background integrity check a file this big gets
has finished) and as the median of 20 calls: the first list page (500
rows with labels), a search that matches nothing (reads every newest version), one prompt's
versions, resolving a version and a label, saving a version. Export (the whole library as
JSON) and parse (checking that file) are timed once. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.core.prompts.exchange import ImportedPrompt, parse  # noqa: E402
from app.core.prompts.library import PromptVersion  # noqa: E402
from app.core.prompts.ref import PromptRef  # noqa: E402
from app.core.prompts.variables import VariableSpec  # noqa: E402
from app.storage.history.store import HistoryStore  # noqa: E402


def library(prompts: int, versions: int, chars: int) -> list[ImportedPrompt]:
    rnd = random.Random(10)
    words = [
        "".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(2, 9)))
        for _ in range(3000)
    ]

    def text() -> str:
        out: list[str] = []
        size = 0
        while size < chars:
            word = rnd.choice(words)
            out.append(word)
            size += len(word) + 1
        return " ".join(out)[:chars]

    spec = (VariableSpec("topic", help="What it is about"),)
    return [
        ImportedPrompt(
            f"Prompt {p}",
            tuple(
                PromptVersion(0, 0, n, text(), spec, f"note {n}", 1.7e9 + n)
                for n in range(1, versions + 1)
            ),
            labels=(("production", min(3, versions)), ("staff", versions)),
        )
        for p in range(prompts)
    ]


def timed(call: Callable[[], object], rounds: int = 20) -> tuple[float, float]:
    """(first call, median of `rounds` more) in milliseconds."""
    start = time.perf_counter()
    call()
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return round(first, 2), round(statistics.median(samples), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompts", type=int, default=1000)
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument("--chars", type=int, default=2000)
    args = parser.parse_args()
    items = library(args.prompts, args.versions, args.chars)
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "history.db"
        store = HistoryStore.open(db)
        start = time.perf_counter()
        ids = store.prompts.import_prompts(items)
        result["import_s"] = round(time.perf_counter() - start, 2)
        store.close()
        result["file_mb"] = round(db.stat().st_size / 1e6, 1)
        store = HistoryStore.open(db)
        # A file this big is integrity-checked in the background after opening: measured apart,
        # so the figures below are the library's, not a disk scan's competing for the CPU.
        start = time.perf_counter()
        store.checked.wait()
        result["background_check_s"] = round(time.perf_counter() - start, 2)
        try:
            lib = store.prompts
            middle = ids[len(ids) // 2]
            measures: dict[str, Callable[[], object]] = {
                "list_page": lambda: lib.prompts(),
                "search_no_hit": lambda: lib.prompts("zzqqxx"),
                "versions": lambda: lib.versions(middle),
                "resolve_version": lambda: lib.resolve(PromptRef(middle, version=2)),
                "resolve_label": lambda: lib.resolve(PromptRef(middle, label="staff")),
            }
            for name, call in measures.items():
                first, median = timed(call)
                print(f"{name}: first {first} ms, median {median} ms")
                result[f"{name}_first_ms"], result[f"{name}_ms"] = first, median
            edits = iter(range(10_000))
            first, median = timed(lambda: lib.save_version(ids[0], f"edit {next(edits)}"))
            result["save_version_ms"] = median
            start = time.perf_counter()
            data = lib.export_prompts()
            result["export_s"] = round(time.perf_counter() - start, 2)
            result["export_mb"] = round(len(data) / 1e6, 1)
            start = time.perf_counter()
            parse(data)
            result["parse_s"] = round(time.perf_counter() - start, 2)
        finally:
            store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
