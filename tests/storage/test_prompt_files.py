"""Prompt-library import and export on real temp history files: round trips, all or nothing."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.iso_times import LATEST
from app.core.prompts.exchange import (
    MAX_FILE_BYTES,
    MAX_IMPORTED_VERSION,
    ImportedPrompt,
    ImportRefused,
    parse,
)
from app.core.prompts.library import MAX_PROMPT_NAME_CHARS, LibraryError, PromptVersion
from app.core.prompts.ref import MAX_VERSION_NUMBER, PromptRef
from app.core.prompts.variables import VariableSpec, VarType
from app.storage.history.prompt_files import _free_name
from app.storage.history.prompt_store import PromptStore
from app.storage.history.store import HistoryStore
from app.storage.limited_read import FileRefused

TONE = VariableSpec("tone", VarType.CHOICE, "Tone", "calm", "How it sounds", ("calm", "brisk"))


def open_history(path: Path, start: int = 1000) -> HistoryStore:
    ticks = itertools.count(start)
    return HistoryStore.open(path, clock=lambda: float(next(ticks)))


@pytest.fixture
def history(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = open_history(tmp_path / "history.db")
    yield opened
    opened.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = open_history(tmp_path / "other.db", start=50_000)
    yield opened
    opened.close()


def fill(library: PromptStore) -> tuple[int, int, int]:
    """A prompt with versions and labels, a fork of it, and one in the trash."""
    tutor = library.create("Tutor", "Explain {{tone}}ly.", [TONE], note="first")
    library.save_version(tutor.prompt_id, "Explain {{tone}}ly and briefly.", [TONE])
    library.save_version(tutor.prompt_id, 'JSON stays: {"a": {"b": 1}}', note="json")
    library.set_label(tutor.prompt_id, "production", 2)
    library.set_label(tutor.prompt_id, "staff", 3)
    fork = library.fork(tutor.prompt_id, 2, "Tutor for kids")
    library.save_version(fork.prompt_id, "Explain simply.")
    trashed = library.create("Old", "Gone.")
    library.delete(trashed.prompt_id)
    return tutor.prompt_id, fork.prompt_id, trashed.prompt_id


def table_counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("prompts", "prompt_versions", "prompt_labels")
        )
    finally:
        conn.close()


def test_whole_library_round_trip_keeps_everything(
    history: HistoryStore, other: HistoryStore
) -> None:
    tutor, fork, _ = fill(history.prompts)
    new_ids = other.prompts.import_prompts(parse(history.prompts.export_prompts()))
    assert len(new_ids) == 2  # the trash is not exported
    new_tutor, new_fork = new_ids
    for old, new in ((tutor, new_tutor), (fork, new_fork)):
        before, after = history.prompts.versions(old), other.prompts.versions(new)
        assert [(v.number, v.text, v.variables, v.note, v.created_at) for v in before] == [
            (v.number, v.text, v.variables, v.note, v.created_at) for v in after
        ]
        assert other.prompts.prompt(new).labels == history.prompts.prompt(old).labels
        assert other.prompts.prompt(new).name == history.prompts.prompt(old).name
    # The fork's source came in the same file: the link follows it to its new id.
    assert other.prompts.prompt(new_fork).forked_from == PromptRef(new_tutor, version=2)
    assert other.prompts.resolve(PromptRef(new_tutor, label="staff")).note == "json"
    # Imported prompts are the newest changes: first in the list.
    assert [p.id for p in other.prompts.prompts()] == [new_fork, new_tutor]


def test_one_prompt_export_and_a_link_to_a_prompt_not_in_the_file(
    history: HistoryStore, other: HistoryStore
) -> None:
    tutor, fork, trashed = fill(history.prompts)
    data = history.prompts.export_prompts([fork])
    (item,) = parse(data)
    assert item.forked_from == f"{tutor}@2" and [v.number for v in item.versions] == [1, 2]
    (new,) = other.prompts.import_prompts([item])
    assert other.prompts.prompt(new).forked_from is None  # that id means nothing here
    assert len(parse(history.prompts.export_prompts([trashed]))) == 1  # asked for by id
    with pytest.raises(LibraryError, match="no longer exists"):
        history.prompts.export_prompts([tutor, 999])


def test_an_import_never_overwrites_a_name_gets_imported(history: HistoryStore) -> None:
    library = history.prompts
    tutor, _, _ = fill(library)
    items = parse(library.export_prompts([tutor]))
    first = library.import_prompts(items)
    second = library.import_prompts(items)
    names = [library.prompt(i).name for i in (tutor, *first, *second)]
    assert names == ["Tutor", "Tutor (imported)", "Tutor (imported 2)"]
    assert [v.number for v in library.versions(tutor)] == [3, 2, 1]  # untouched
    long_name = "n" * MAX_PROMPT_NAME_CHARS
    library.create(long_name, "x")
    (renamed,) = library.import_prompts([ImportedPrompt(long_name, (PromptVersion(0, 0, 1, "y"),))])
    name = library.prompt(renamed).name
    assert len(name) == MAX_PROMPT_NAME_CHARS and name.endswith(" (imported)")


def test_a_stored_date_past_the_year_9999_is_exported_clamped(history: HistoryStore) -> None:
    v1 = history.prompts.create("P", "one")
    conn = sqlite3.connect(history.path)
    with conn:  # versions cannot be updated: another program added one with a damaged date
        conn.execute(
            "INSERT INTO prompt_versions (prompt_id, number, text, created_at) "
            "VALUES (?, 2, 'two', 1e300)",
            (v1.prompt_id,),
        )
    conn.close()
    data = history.prompts.export_prompts(None)
    (item,) = parse(data)  # what was written reads back
    assert [v.created_at for v in item.versions] == [v1.created_at, LATEST]


def test_version_numbers_stay_ones_a_reference_can_name(history: HistoryStore) -> None:
    library = history.prompts
    data = encoded_prompt(MAX_IMPORTED_VERSION)
    (imported,) = library.import_prompts(parse(data))
    saved = library.save_version(imported, "changed")
    assert PromptRef.parse(str(PromptRef(imported, saved.number))) == PromptRef(
        imported, 999_000_000
    )
    # Items made in code skip parse's headroom: the store still keeps to what a reference names.
    versions = (PromptVersion(0, 0, 1, "a"), PromptVersion(0, 0, MAX_VERSION_NUMBER, "x"))
    top = ImportedPrompt("Top", versions)
    (full,) = library.import_prompts([top])
    before = table_counts(history.path)
    for change in (lambda: library.save_version(full, "y"), lambda: library.revert(full, 1)):
        with pytest.raises(LibraryError, match=r"reached version 999,999,999.*fork it"):
            change()
    assert library.fork(full, MAX_VERSION_NUMBER, "Top, again").number == 1
    over = ImportedPrompt("Over", (PromptVersion(0, 0, MAX_VERSION_NUMBER + 1, "x"),))
    with pytest.raises(LibraryError, match="numbered above 999,999,999"):
        library.import_prompts([over])
    assert table_counts(history.path)[1] == before[1] + 1  # only the fork's version


def encoded_prompt(number: int) -> bytes:
    version = {"number": number, "text": "t"}
    raw = {
        "format": "llamadesk-prompts",
        "version": 1,
        "prompts": [{"name": "x", "versions": [version]}],
    }
    return json.dumps(raw).encode()


class CountingSet(set[str]):
    """A set that counts how often it is asked whether it holds a name."""

    asked = 0

    def __contains__(self, item: object) -> bool:
        self.asked += 1
        return super().__contains__(item)


def test_many_prompts_with_one_name_each_try_a_name_once(history: HistoryStore) -> None:
    """Naming holds the history's write lock: 6,000 clashes once took 5.8 s (n² tries)."""
    taken = CountingSet({"A"})
    tried: dict[str, int] = {}
    names = []
    for _ in range(3_000):
        names.append(_free_name("A", taken, tried))
        taken.add(names[-1])
    assert names[:3] == ["A (imported)", "A (imported 2)", "A (imported 3)"]
    assert len(set(names)) == 3_000 and taken.asked == 2 * 3_000
    items = [ImportedPrompt("A", (PromptVersion(0, 0, 1, "t"),))] * 3
    ids = history.prompts.import_prompts(items * 2)
    assert [history.prompts.prompt(i).name for i in ids[-2:]] == [
        "A (imported 4)",
        "A (imported 5)",
    ]


def test_a_failure_half_way_leaves_nothing(history: HistoryStore) -> None:
    fill(history.prompts)
    before = table_counts(history.path)
    good = ImportedPrompt("Fine", (PromptVersion(0, 0, 1, "ok"), PromptVersion(0, 0, 2, "ok2")))
    bad_label = ImportedPrompt("Bad", (PromptVersion(0, 0, 1, "x"),), labels=(("staff", 5),))
    out_of_order = ImportedPrompt("Bad", (PromptVersion(0, 0, 2, "x"), PromptVersion(0, 0, 1, "y")))
    for bad in (bad_label, out_of_order):
        with pytest.raises(LibraryError):
            history.prompts.import_prompts([good, good, bad, good])
        assert table_counts(history.path) == before
    assert [p.name for p in history.prompts.prompts()] == ["Tutor for kids", "Tutor"]


def test_imported_text_with_lone_surrogates_is_stored_replaced(history: HistoryStore) -> None:
    item = ImportedPrompt(
        "Na\ud800me",
        (PromptVersion(0, 0, 1, "Te\udc00xt", (VariableSpec("v", help="h\ud800"),), "n\ud800"),),
    )
    (new,) = history.prompts.import_prompts([item])
    version = history.prompts.latest(new)
    assert (version.text, version.note) == ("Te\ufffdxt", "n\ufffd")
    assert version.variables == (VariableSpec("v", help="h\ufffd"),)
    assert history.prompts.prompt(new).name == "Na\ufffdme"
    assert version.created_at > 0  # the file gave no date: the time of the import


def test_imported_line_breaks_are_kept_as_saved_versions_keep_them(
    history: HistoryStore,
) -> None:
    item = ImportedPrompt("Windows", (PromptVersion(0, 0, 1, "One.\r\nTwo.\rThree.", (), ""),))
    (new,) = history.prompts.import_prompts([item])
    assert history.prompts.latest(new).text == "One.\nTwo.\nThree."


def test_import_file_reads_checks_and_adds(history: HistoryStore, tmp_path: Path) -> None:
    tutor, _, _ = fill(history.prompts)
    path = tmp_path / "library.json"
    path.write_bytes(history.prompts.export_prompts([tutor]))
    (new,) = history.prompts.import_file(path)
    assert history.prompts.latest(new).text == history.prompts.latest(tutor).text


def test_a_hostile_file_changes_nothing(history: HistoryStore, tmp_path: Path) -> None:
    fill(history.prompts)
    before = table_counts(history.path)
    path = tmp_path / "library.json"
    data = history.prompts.export_prompts().replace(b'"number": 2', b'"number": 1', 1)
    path.write_bytes(data)
    with pytest.raises(ImportRefused, match="version numbers must increase"):
        history.prompts.import_file(path)
    path.write_bytes(b'{"format": "llamadesk-prompts", "version": 9, "prompts": []}')
    with pytest.raises(ImportRefused, match="newer LlamaDesk"):
        history.prompts.import_file(path)
    assert table_counts(history.path) == before


def test_a_file_over_the_limit_is_not_read(history: HistoryStore, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, the size is what counts
    with pytest.raises(FileRefused, match="too large"):
        history.prompts.import_file(path)
    with pytest.raises(FileRefused, match="folder"):
        history.prompts.import_file(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting(history: HistoryStore, tmp_path: Path) -> None:
    fifo = tmp_path / "library.json"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="not a file"):
        history.prompts.import_file(fifo)
