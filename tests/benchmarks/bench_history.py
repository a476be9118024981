"""Benchmark: opening the history and full-text search with 10,000 conversations, 200,000 messages.

Run: python tests/benchmarks/bench_history.py [--conversations N] [--messages M] [--fresh]
The database is generated once (seeded, Zipf-distributed words) into a cached temp dir and
reused by later runs. "open" is HistoryStore.open (read-only integrity check, WAL, migrations,
crash recovery) plus the first sidebar page of 50 conversations with titles: the first paint of
the history. Search runs a mix of common, rare, two-word and prefix queries (newest 50 hits with
snippets). Figures are medians (open) and p50/p99 (search). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.storage.history.schema import MIGRATIONS  # noqa: E402
from app.storage.history.store import HistoryStore  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "nu",
    "pe",
    "ra",
    "si",
    "to",
    "ve",
    "za",
    "bri",
    "cho",
    "dex",
    "fal",
    "gor",
    "hum",
    "jin",
    "kel",
    "mor",
]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words = {"python", "bread", "llama", "server", "error", "token", "memory", "garden"}
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def generate(path: Path, conversations: int, messages: int) -> None:
    rng = random.Random(31)
    vocab = vocabulary(rng, 20_000)
    cumulative, total = [], 0.0
    for rank in range(len(vocab)):  # Zipf weights, like real text
        total += 1 / (rank + 1)
        cumulative.append(total)
    HistoryStore.open(path).close()  # the real schema
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    per_conv = messages // conversations
    now = time.time() - conversations * 60
    message_id = 0
    for conv in range(1, conversations + 1):
        t = now + conv * 60
        first = message_id + 1
        rows = []
        for i in range(per_conv):
            message_id += 1
            role = "user" if i % 2 == 0 else "assistant"
            n = rng.randint(5, 30) if role == "user" else rng.randint(30, 120)
            text = " ".join(rng.choices(vocab, cum_weights=cumulative, k=n)).capitalize() + "."
            parent = message_id - 1 if i else None
            child = message_id + 1 if i < per_conv - 1 else None
            rows.append((message_id, conv, parent, role, text, t + i, t + i, child))
        title = rows[0][4][:60]
        conn.execute(
            "INSERT INTO conversations (id, title, created_at, updated_at, active_root_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (conv, title, t, t + per_conv, first),
        )
        conn.executemany(
            "INSERT INTO messages (id, conversation_id, parent_id, role, text, state, created_at, "
            "updated_at, active_child_id) VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?)",
            rows,
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA optimize")
    conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def sidebar_first_paint_ms(path: Path) -> float:
    """Open the store and paint the real sidebar; milliseconds until the first paint ends."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from app.ui.history.conversation_list import ConversationListModel
    from app.ui.history.history_pane import HistoryPane

    qapp = QApplication.instance() or QApplication([])
    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(-1.0)  # mark: the paint event is being handled now
            return False

    t0 = time.perf_counter()
    store = HistoryStore.open(path)
    pane = HistoryPane()
    model = ConversationListModel(store.conversations, pane)  # reads its first page
    pane.conversation_list.setModel(model)
    model.refresh()
    watch = PaintWatch()
    pane.conversation_list.viewport().installEventFilter(watch)
    pane.resize(240, 700)
    pane.show()
    deadline = time.perf_counter() + 10
    while not painted and time.perf_counter() < deadline:
        qapp.processEvents()
    qapp.processEvents()  # let that paint finish
    elapsed = (time.perf_counter() - t0) * 1000
    assert painted and model.rowCount() == 50, "the sidebar never painted its rows"
    pane.close()
    pane.deleteLater()
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached database")
    args = parser.parse_args()

    schema = hashlib.sha256(repr(MIGRATIONS).encode()).hexdigest()[:8]  # regenerate on change
    cache = Path(tempfile.gettempdir()) / (
        f"llamadesk-bench-history-{schema}-{args.conversations}-{args.messages}"
    )
    path = cache / "history.db"
    if args.fresh:
        shutil.rmtree(cache, ignore_errors=True)
    generated_s = None
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        generate(cache / "building.db", args.conversations, args.messages)
        (cache / "building.db").rename(path)
        generated_s = round(time.perf_counter() - t0, 1)

    opens = []
    for _ in range(5):
        t0 = time.perf_counter()
        store = HistoryStore.open(path)
        page = store.conversations(50)
        opens.append((time.perf_counter() - t0) * 1000)
        assert len(page) == 50 and all(row.title for row in page)
        store.close()

    sidebar_ms = [sidebar_first_paint_ms(path) for _ in range(5)]

    t0 = time.perf_counter()
    store = HistoryStore.open(path)
    store.checked.wait()
    check_ms = (time.perf_counter() - t0) * 1000
    store.close()

    # After a crash the -wal file is left behind and open runs the full check first.
    path.with_name(path.name + "-wal").touch()
    t0 = time.perf_counter()
    store = HistoryStore.open(path)
    store.conversations(50)
    crash_open_ms = (time.perf_counter() - t0) * 1000
    rng = random.Random(7)
    vocab = vocabulary(random.Random(31), 20_000)
    queries = []
    for i in range(args.searches):
        kind = i % 4
        if kind == 0:  # a very common word
            queries.append(rng.choice(vocab[:20]))  # Zipf weights follow the list order
        elif kind == 1:  # any word, mostly rare
            queries.append(rng.choice(vocab))
        elif kind == 2:  # two words
            queries.append(f"{rng.choice(vocab)} {rng.choice(vocab)}")
        else:  # typing: a prefix
            queries.append(rng.choice(vocab)[:3])
    timings, hits = [], 0
    for query in queries:
        t0 = time.perf_counter()
        found = store.search(query)
        timings.append((time.perf_counter() - t0) * 1000)
        hits += len(found)
    store.close()

    result = {
        "conversations": args.conversations,
        "messages": args.messages,
        "open_ms": round(statistics.median(opens), 1),
        "open_first_ms": round(opens[0], 1),
        # The app's own sidebar (HistoryPane + ConversationListModel) shown offscreen: from
        # opening the database to the list's first paint with its rows.
        "sidebar_paint_ms": round(statistics.median(sidebar_ms), 1),
        "open_after_crash_ms": round(crash_open_ms, 1),  # includes the full integrity check
        "integrity_check_ms": round(check_ms, 1),  # deferred to a background thread
        "search_p50_ms": round(percentile(timings, 0.5), 2),
        "search_p99_ms": round(percentile(timings, 0.99), 2),
        "search_max_ms": round(max(timings), 2),
        "searches": len(queries),
        "mean_hits": round(hits / len(queries), 1),
        "db_mb": round(path.stat().st_size / 1e6, 1),
        "generated_s": generated_s,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
