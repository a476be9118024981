"""Benchmark: the prompt library with 1,000 prompts × 50 versions of ~2,000 characters.

Run: python tests/benchmarks/bench_library.py [--prompts N] [--versions M] [--runs R] [--fresh]
Uses the display in $DISPLAY, else Qt's offscreen platform. The history file is generated once
(seeded) through the library's own bulk import (`PromptStore.import_prompts`, one transaction)
into a cached temp dir and reused by later runs. The window is the app's own: MainWindow and
WindowController (the system-prompt panel and its PromptBinding) on the real PromptStore.
The last line printed is one JSON object.

Figures (medians of --runs runs unless said otherwise):

* library_open_ms: the library window made and opened as on first use (LibraryWindow: dialog,
  item models, the first page of 50 prompts, the first prompt's 50 versions, its text and the
  diff with the version before), until the end of the prompt list's first paint.
  library_reopen_ms: the same window closed and opened again (the list read again).
* switch_ms: the chat's prompt switched through the picker's controller
  (`PromptBinding.use`, a different prompt or label each time: read the version, set the
  settings, the editor, the panel's line), until the editor's next paint has ended.
  switch_plain_ms is the same-run baseline: the same texts set as a plain system prompt
  (`ChatSession.update_settings(system_prompt=…)`, what typing or pasting does), until the
  editor's paint; switch_ratio = switch_ms / switch_plain_ms.
* diff_ms: `diff_texts` of two 20,000-character versions (a realistic edit: words changed in a
  few paragraphs, one paragraph added, one removed). diff_view_ms: the library window's diff
  pane shown for them (diff + highlighted HTML set in the view). diff_unrelated_ms: two
  unrelated 20,000-character texts of the same vocabulary (the matcher's hard case).
* render_us: `variables.render` of a ~2,000-character prompt using 20 declared variables
  (microseconds, median of 2,000); render_plain_us is the same text without variables (the
  fast path), for scale.
* search_ms: typing a word into the library's search box until the list shows the matches
  (name or newest text contains it, any case; the debounce set to 0 here).
* save_version_ms: Ctrl+S on an edited 2,000-character prompt (a new version written).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.prompts.diff import diff_texts  # noqa: E402
from app.core.prompts.exchange import ImportedPrompt  # noqa: E402
from app.core.prompts.library import PromptVersion  # noqa: E402
from app.core.prompts.variables import VariableSpec, builtin_values, render  # noqa: E402
from app.storage.history.prompt_store import PromptStore  # noqa: E402
from app.storage.history.schema import MIGRATIONS  # noqa: E402
from app.storage.history.store import HistoryStore  # noqa: E402

GOALS: dict[str, tuple[str, float]] = {
    "library_open_ms": ("<", 100),
    "switch_ms": ("<", 50),
    "diff_ms": ("<", 50),
}
_VOCABULARY = (
    "the customer asks about an order refund shipping delay account password reset invoice "
    "please answer briefly politely and precisely never promise what policy does not allow "
    "explain steps one by one offer a ticket when unsure keep a calm tone use plain words "
    "quote the relevant rule mention the help page avoid jargon confirm the name greet thank"
)
WORDS = tuple(_VOCABULARY.split())


def prompt_text(rng: random.Random, chars: int) -> list[str]:
    """Words of about `chars` characters, as paragraphs of sentences."""
    words: list[str] = []
    size = 0
    while size < chars:
        sentence = rng.choices(WORDS, k=rng.randint(6, 16))
        sentence[0] = sentence[0].capitalize()
        sentence[-1] += "." if rng.random() > 0.15 else ".\n\n"
        words.extend(sentence)
        size += sum(len(w) + 1 for w in sentence)
    return words


def edited(rng: random.Random, words: list[str], changes: int) -> list[str]:
    """A next version: a few words replaced, one inserted, one removed."""
    out = list(words)
    for _ in range(changes):
        out[rng.randrange(len(out))] = rng.choice(WORDS)
    out.insert(rng.randrange(len(out)), rng.choice(WORDS))
    del out[rng.randrange(len(out))]
    return out


def generate(path: Path, prompts: int, versions: int, chars: int) -> float:
    """A history file with the library filled through the bulk import; seconds it took."""
    rng = random.Random(11)
    store = HistoryStore.open(path)
    library = PromptStore(store)
    start = time.perf_counter()
    now = time.time() - prompts * versions
    batch: list[ImportedPrompt] = []
    for p in range(prompts):
        words = prompt_text(rng, chars)
        made: list[PromptVersion] = []
        for n in range(1, versions + 1):
            text = " ".join(words).replace("\n\n ", "\n\n")
            made.append(PromptVersion(0, 0, n, text, (), f"Change {n}", now + p * versions + n))
            words = edited(rng, words, 4)
        labels = (("production", versions - 5), ("staff", versions))
        batch.append(ImportedPrompt(f"Prompt {p:04} {rng.choice(WORDS)}", tuple(made), labels))
        if len(batch) == 100:  # bounded memory; each call is one transaction
            library.import_prompts(batch)
            batch = []
    if batch:
        library.import_prompts(batch)
    seconds = time.perf_counter() - start
    store.close()
    return seconds


class PaintWatch:
    """Ends a measurement at the end of a widget's next paint."""

    def __init__(self, widget: object) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.painted = False

        class Filter(QObject):
            def eventFilter(inner, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.painted = True
                return False

        self._filter = Filter()
        widget.installEventFilter(self._filter)  # type: ignore[attr-defined]

    def wait(self, qapp: object) -> None:
        deadline = time.perf_counter() + 10
        while not self.painted and time.perf_counter() < deadline:
            qapp.processEvents()  # type: ignore[attr-defined]
        assert self.painted, "never painted"
        self.painted = False


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def twenty_kb_versions(rng: random.Random) -> tuple[str, str]:
    words = prompt_text(rng, 20_000)
    old = " ".join(words).replace("\n\n ", "\n\n")
    new_words = edited(rng, words, 25)
    paragraphs = " ".join(new_words).replace("\n\n ", "\n\n").split("\n\n")
    paragraphs.insert(len(paragraphs) // 3, " ".join(prompt_text(rng, 300)).strip())
    del paragraphs[(2 * len(paragraphs)) // 3]
    return old, "\n\n".join(paragraphs)


def variables_prompt() -> tuple[str, list[VariableSpec], dict[str, str]]:
    specs = [VariableSpec(f"field_{i}", default=f"default {i}") for i in range(20)]
    parts = []
    for i in range(20):
        parts.append(f"Section {i}: use {{{{field_{i}}}}} where it fits. " + "Keep it short. " * 5)
    text = "\n".join(parts) + ' JSON stays literal: {"a": {"b": 1}}. Today is {{date}}.'
    values = {f"field_{i}": f"value number {i}" for i in range(0, 20, 2)}
    return text, specs, values


def run_window(path: Path, runs: int) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from app.core.profiles import local_profile
    from app.core.prompts.ref import PromptRef
    from app.net.backend_factory import BackendFactory
    from app.storage.secrets import MemorySecretStore
    from app.ui.prompts.library_window import LibraryWindow
    from app.ui.style import LIGHT_STYLE
    from app.ui.window.main_window import MainWindow
    from app.ui.window.window_controller import WindowController

    qapp = QApplication.instance() or QApplication([])
    store = HistoryStore.open(path)
    store.checked.wait()  # a big file is checked in the background first; writes wait for it
    library = PromptStore(store)
    profile = local_profile("http://127.0.0.1:9/v1")
    factory = BackendFactory(MemorySecretStore(), MemorySecretStore())
    window = MainWindow(LIGHT_STYLE)
    controller = WindowController(window, factory, [profile], profile.id)
    controller.library.set_library(library)
    window.resize(1280, 800)
    window.show()
    qapp.processEvents()
    figures: dict[str, object] = {"prompt_count": library.prompt_count()}

    # -- opening the library window ---------------------------------------------------------
    opens, reopens = [], []
    for _ in range(runs):
        start = time.perf_counter()
        library_window = LibraryWindow(window, LIGHT_STYLE, controller.library, controller.prompts)
        watch = PaintWatch(library_window.dialog.prompt_list.viewport())
        library_window.open()
        watch.wait(qapp)
        qapp.processEvents()  # let that paint finish
        opens.append(time.perf_counter() - start)
        assert library_window.controller.prompts.rowCount() == 50
        assert library_window.controller.versions.rowCount() > 0
        library_window.dialog.hide()
        qapp.processEvents()
        start = time.perf_counter()
        library_window.open()
        watch.wait(qapp)
        qapp.processEvents()
        reopens.append(time.perf_counter() - start)
        library_window.close()
        library_window.dialog.deleteLater()
        qapp.processEvents()
    figures["library_open_ms"] = median_ms(opens)
    figures["library_open_runs_ms"] = [round(s * 1000, 1) for s in opens]
    figures["library_reopen_ms"] = median_ms(reopens)

    # -- search ------------------------------------------------------------------------------
    library_window = LibraryWindow(
        window, LIGHT_STYLE, controller.library, controller.prompts, search_delay_ms=0
    )
    library_window.open()
    qapp.processEvents()
    edit = library_window.dialog.search_edit
    searches = []
    for word in ("refund", "ticket", "Prompt 09", "jargon", "no such words here"):
        model = library_window.controller.prompts
        edit.clear()
        qapp.processEvents()
        start = time.perf_counter()
        edit.setText(word)
        while model.query != word:
            qapp.processEvents()
        searches.append(time.perf_counter() - start)
    figures["search_ms"] = median_ms(searches)
    library_window.close()

    # -- switching the chat's prompt ---------------------------------------------------------
    editor = window.system_prompt_editor
    editor_watch = PaintWatch(editor.viewport())
    summaries = library.prompts(limit=40)
    refs = [f"{s.id}@{s.latest}" if i % 2 else f"{s.id}#staff" for i, s in enumerate(summaries)]
    texts = [library.resolve(PromptRef.parse(r)).text for r in refs]  # type: ignore[arg-type]
    qapp.processEvents()
    switches, plains = [], []
    for _ in range(runs):
        for ref, text in zip(refs, texts, strict=True):
            start = time.perf_counter()
            assert controller.prompts.use(ref)
            editor_watch.wait(qapp)
            switches.append(time.perf_counter() - start)
            assert editor.toPlainText() == text
        controller.prompts.use("")  # back to the chat's own prompt: plain text from here
        qapp.processEvents()
        for text in texts:
            start = time.perf_counter()
            controller.session.update_settings(system_prompt=text)
            editor_watch.wait(qapp)
            plains.append(time.perf_counter() - start)
    figures["switch_ms"] = median_ms(switches)
    figures["switch_max_ms"] = round(max(switches) * 1000, 2)
    figures["switch_plain_ms"] = median_ms(plains)
    figures["switch_ratio"] = round(statistics.median(switches) / statistics.median(plains), 2)

    # -- saving a version --------------------------------------------------------------------
    saves = []
    for i in range(runs):
        controller.prompts.use(refs[1])
        qapp.processEvents()
        editor.setPlainText(editor.toPlainText() + f" One more sentence {i}.")
        saves.append(timed(controller.prompt_edits.save_version))
        assert not controller.prompts.edited
    figures["save_version_ms"] = median_ms(saves)

    # -- diff ----------------------------------------------------------------------------------
    old, new = twenty_kb_versions(random.Random(5))
    diffs = [timed(lambda: diff_texts(old, new)) for _ in range(max(runs, 9))]
    figures["diff_ms"] = median_ms(diffs)
    figures["diff_chars"] = [len(old), len(new)]
    diff = diff_texts(old, new)
    figures["diff_words_added_removed"] = list(diff.counts())
    figures["diff_coarse"] = diff.coarse
    # Worst case for the matcher: two unrelated 20,000-character texts of the same words.
    rng = random.Random(9)
    first, second = (" ".join(prompt_text(rng, 20_000)) for _ in range(2))
    figures["diff_unrelated_ms"] = median_ms(
        [timed(lambda: diff_texts(first, second)) for _ in range(max(runs, 9))]
    )
    from app.ui.prompts.diff_pane import DiffPane

    pane = DiffPane()
    pane.resize(800, 500)
    pane.show()
    views = []
    for _ in range(max(runs, 9)):
        views.append(timed(lambda: pane.compare(old, new, "version 1", "version 2")))
        qapp.processEvents()
    figures["diff_view_ms"] = median_ms(views)
    pane.close()

    window.close()
    qapp.processEvents()
    store.close()
    return figures


def render_figures() -> dict[str, object]:
    text, specs, values = variables_prompt()
    builtins = builtin_values(__import__("datetime").datetime(2026, 3, 2, 14, 5), "ann")
    assert "{{" not in render(text, specs, values, builtins).replace('{"a": {"b": 1}}', "")
    samples = []
    for _ in range(2000):
        start = time.perf_counter()
        render(text, specs, values, builtins)
        samples.append(time.perf_counter() - start)
    plain = text.replace("{{", "(").replace("}}", ")")
    plains = []
    for _ in range(2000):
        start = time.perf_counter()
        render(plain, specs, values, builtins)
        plains.append(time.perf_counter() - start)
    return {
        "render_us": round(statistics.median(samples) * 1e6, 1),
        "render_plain_us": round(statistics.median(plains) * 1e6, 2),
        "render_chars": len(text),
        "render_variables": len(specs),
    }


def goal_met(value: object, op: str, limit: float) -> bool:
    assert isinstance(value, int | float)
    return value < limit if op == "<" else value <= limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=1000)
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument("--chars", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached database")
    args = parser.parse_args()

    schema = hashlib.sha256(repr(MIGRATIONS).encode()).hexdigest()[:8]  # regenerate on change
    cache = Path(tempfile.gettempdir()) / (
        f"llamadesk-bench-library-{schema}-{args.prompts}-{args.versions}-{args.chars}"
    )
    path = cache / "history.db"
    if args.fresh:
        shutil.rmtree(cache, ignore_errors=True)
    generated_s = None
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        building = cache / "building.db"
        for leftover in cache.glob("building.db*"):
            leftover.unlink()
        generated_s = round(generate(building, args.prompts, args.versions, args.chars), 1)
        building.rename(path)

    load_start = round(os.getloadavg()[0], 2)
    figures: dict[str, object] = {"prompts": args.prompts, "versions": args.versions}
    with tempfile.TemporaryDirectory() as scratch:  # saving versions must not grow the cache
        copy = Path(scratch) / "history.db"
        shutil.copyfile(path, copy)
        figures.update(run_window(copy, args.runs))
    figures.update(render_figures())
    figures.update(
        db_mb=round(path.stat().st_size / 1e6, 1),
        generated_s=generated_s,
        runs=args.runs,
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
