"""The prompt library on real temp history files: versions, labels, revert/fork, search, presets."""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.params import SamplingParams
from app.core.prompts.library import (
    MAX_NOTE_CHARS,
    MAX_PROMPT_CHARS,
    MAX_PROMPT_NAME_CHARS,
    LibraryError,
    Preset,
)
from app.core.prompts.ref import PromptRef
from app.core.prompts.variables import VariableSpec, VarType
from app.core.request import PromptMode
from app.storage.history.prompt_store import PromptStore
from app.storage.history.store import HistoryStore

TONE = VariableSpec("tone", VarType.CHOICE, "Tone", "calm", "How it sounds", ("calm", "brisk"))


@pytest.fixture
def history(tmp_path: Path) -> Iterator[HistoryStore]:
    ticks = itertools.count(1000)  # a clock that always moves: ordering is deterministic
    opened = HistoryStore.open(tmp_path / "history.db", clock=lambda: float(next(ticks)))
    yield opened
    opened.close()


@pytest.fixture
def library(history: HistoryStore) -> PromptStore:
    return history.prompts


def on_disk(db: Path, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """What another connection reads right now: every write is committed on return."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_create_and_save_versions_newest_first(history: HistoryStore) -> None:
    library = history.prompts
    v1 = library.create("  Support   bot ", "Be kind.", [TONE], note="first")
    assert (v1.number, v1.text, v1.variables, v1.note) == (1, "Be kind.", (TONE,), "first")
    v2 = library.save_version(v1.prompt_id, "Be kind and brief.", [TONE])
    assert v2.number == 2 and v2.created_at > v1.created_at
    assert [v.number for v in library.versions(v1.prompt_id)] == [2, 1]
    assert library.version(v1.prompt_id, 1) == v1
    assert library.latest(v1.prompt_id) == v2
    summary = library.prompt(v1.prompt_id)
    assert (summary.name, summary.latest, summary.forked_from) == ("Support bot", 2, None)
    rows = on_disk(history.path, "SELECT number, text FROM prompt_versions ORDER BY number")
    assert rows == [(1, "Be kind."), (2, "Be kind and brief.")]


def test_a_version_equal_to_the_newest_is_not_saved_again(library: PromptStore) -> None:
    v1 = library.create("P", "Same text.", [TONE])
    assert library.save_version(v1.prompt_id, "Same text.", [TONE], note="again") == v1
    other_vars = library.save_version(v1.prompt_id, "Same text.", [])
    assert other_vars.number == 2  # the variables differ: a new version
    assert library.save_version(v1.prompt_id, "Same text.", [TONE]).number == 3


def test_line_breaks_are_saved_as_one_kind(library: PromptStore) -> None:
    v1 = library.create("P", "One.\r\nTwo.")
    assert v1.text == "One.\nTwo."
    assert library.save_version(v1.prompt_id, "One.\nTwo.") == v1  # the same text: no version
    assert library.save_version(v1.prompt_id, "One.\u2028Two.\rThree.").text == (
        "One.\nTwo.\nThree."
    )


def test_versions_cannot_be_changed_even_by_sql(history: HistoryStore) -> None:
    v1 = history.prompts.create("P", "Original.")
    conn = sqlite3.connect(history.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
            conn.execute("UPDATE prompt_versions SET text = 'Changed.' WHERE id = ?", (v1.id,))
    finally:
        conn.close()
    assert history.prompts.version(v1.prompt_id, 1).text == "Original."


def test_revert_is_a_new_version_equal_to_the_old_one(library: PromptStore) -> None:
    v1 = library.create("P", "One.", [TONE])
    library.save_version(v1.prompt_id, "Two.")
    v3 = library.revert(v1.prompt_id, 1)
    assert (v3.number, v3.text, v3.variables, v3.note) == (
        3,
        "One.",
        (TONE,),
        "Reverted to version 1",
    )
    assert library.version(v1.prompt_id, 1) == v1  # the old one is untouched
    assert library.revert(v1.prompt_id, 3) == v3  # already the newest: nothing new


def test_fork_starts_a_new_prompt_that_remembers_its_source(library: PromptStore) -> None:
    v1 = library.create("Tutor", "Explain.", [TONE])
    library.save_version(v1.prompt_id, "Explain simply.")
    fork = library.fork(v1.prompt_id, 1, "Tutor for kids")
    assert fork.prompt_id != v1.prompt_id
    assert (fork.number, fork.text, fork.variables) == (1, "Explain.", (TONE,))
    assert fork.note == "Forked from “Tutor” version 1"
    summary = library.prompt(fork.prompt_id)
    assert summary.name == "Tutor for kids"
    assert summary.forked_from == PromptRef(v1.prompt_id, version=1)
    assert [v.number for v in library.versions(v1.prompt_id)] == [2, 1]  # source unchanged


def test_labels_move_resolve_and_come_off(library: PromptStore) -> None:
    v1 = library.create("P", "One.")
    v2 = library.save_version(v1.prompt_id, "Two.")
    library.set_label(v1.prompt_id, "production", 1)
    library.set_label(v1.prompt_id, "staff", 2)
    assert library.resolve(PromptRef(v1.prompt_id, label="production")) == v1
    library.set_label(v1.prompt_id, "production", 2)  # moves, not a second label
    assert library.prompt(v1.prompt_id).labels == (("production", 2), ("staff", 2))
    assert library.resolve(PromptRef(v1.prompt_id, label="production")) == v2
    assert library.resolve(PromptRef(v1.prompt_id, version=1)) == v1
    library.remove_label(v1.prompt_id, "production")
    library.remove_label(v1.prompt_id, "production")  # already off: nothing happens
    with pytest.raises(LibraryError, match="“production” is no longer on that prompt"):
        library.resolve(PromptRef(v1.prompt_id, label="production"))
    assert library.prompt(v1.prompt_id).labels == (("staff", 2),)


@pytest.mark.parametrize("label", ["", "has space", "-dash-first", "x" * 41, "ünïcode"])
def test_a_bad_label_name_is_refused(library: PromptStore, label: str) -> None:
    v1 = library.create("P", "One.")
    with pytest.raises(LibraryError, match="cannot be a label"):
        library.set_label(v1.prompt_id, label, 1)
    assert library.prompt(v1.prompt_id).labels == ()


def test_a_label_on_a_missing_version_is_refused(library: PromptStore) -> None:
    v1 = library.create("P", "One.")
    with pytest.raises(LibraryError, match="Version 7 of that prompt does not exist"):
        library.set_label(v1.prompt_id, "staff", 7)
    assert library.prompt(v1.prompt_id).labels == ()


def test_missing_prompts_are_a_sentence_not_a_crash(library: PromptStore) -> None:
    gone = "That prompt no longer exists"
    calls = [
        lambda: library.prompt(99),
        lambda: library.versions(99),
        lambda: library.version(99, 1),
        lambda: library.latest(99),
        lambda: library.resolve(PromptRef(99, version=1)),
        lambda: library.resolve(PromptRef(99, label="staff")),
        lambda: library.save_version(99, "x"),
        lambda: library.revert(99, 1),
        lambda: library.fork(99, 1, "F"),
        lambda: library.rename(99, "R"),
        lambda: library.set_label(99, "staff", 1),
        lambda: library.remove_label(99, "staff"),
        lambda: library.delete(99),
        lambda: library.undelete(99),
    ]
    for call in calls:
        with pytest.raises(LibraryError, match=gone):
            call()
    assert library.prompts() == [] and library.prompt_count() == 0


def test_search_by_name_or_newest_text_any_case_newest_change_first(
    library: PromptStore,
) -> None:
    a = library.create("Über helper", "Old wording about cats.")
    library.save_version(a.prompt_id, "Talks about dogs.")
    b = library.create("Writer", "Write like ÜBER poets about Dogs.")
    c = library.create("Other", "Nothing here.")
    assert [p.id for p in library.prompts()] == [c.prompt_id, b.prompt_id, a.prompt_id]
    assert [p.id for p in library.prompts("über")] == [b.prompt_id, a.prompt_id]
    assert [p.id for p in library.prompts("  DOGS ")] == [b.prompt_id, a.prompt_id]
    assert library.prompts("cats") == []  # only the newest version is searched
    library.rename(a.prompt_id, "Über helper 2")  # a change: first again
    assert [p.id for p in library.prompts("dogs")] == [a.prompt_id, b.prompt_id]
    assert [p.id for p in library.prompts("dogs", limit=1, offset=1)] == [b.prompt_id]
    assert library.prompts("100%_") == []  # LIKE wildcards are plain characters


def test_paging_reaches_every_prompt_once(library: PromptStore) -> None:
    made = [library.create(f"P{i}", f"Text {i}").prompt_id for i in range(23)]
    pages = [library.prompts(limit=5, offset=o) for o in range(0, 25, 5)]
    seen = [p.id for page in pages for p in page]
    assert seen == list(reversed(made)) and library.prompt_count() == 23


def test_delete_moves_to_the_trash_and_undelete_brings_it_back(library: PromptStore) -> None:
    v1 = library.create("P", "One.")
    kept = library.create("Q", "Two.")
    library.delete(v1.prompt_id)
    assert [p.id for p in library.prompts()] == [kept.prompt_id]
    assert [p.id for p in library.prompts(deleted=True)] == [v1.prompt_id]
    assert library.is_deleted(v1.prompt_id) and library.prompt_count(deleted=True) == 1
    assert library.resolve(PromptRef(v1.prompt_id, version=1)) == v1  # chats still read it
    with pytest.raises(LibraryError, match="in the trash"):
        library.save_version(v1.prompt_id, "Changed.")
    library.undelete(v1.prompt_id)
    assert {p.id for p in library.prompts()} == {v1.prompt_id, kept.prompt_id}
    assert library.save_version(v1.prompt_id, "Changed.").number == 2


def test_bounds_are_sentences_and_nothing_is_stored(history: HistoryStore) -> None:
    library = history.prompts
    with pytest.raises(LibraryError, match="needs a name"):
        library.create(" \n ", "x")
    with pytest.raises(LibraryError, match=f"at most {MAX_PROMPT_NAME_CHARS:,} characters"):
        library.create("n" * (MAX_PROMPT_NAME_CHARS + 1), "x")
    with pytest.raises(LibraryError, match=f"at most {MAX_PROMPT_CHARS:,} characters"):
        library.create("P", "x" * (MAX_PROMPT_CHARS + 1))
    with pytest.raises(LibraryError, match="note can be at most"):
        library.create("P", "x", note="n" * (MAX_NOTE_CHARS + 1))
    with pytest.raises(LibraryError, match="declared twice"):
        library.create("P", "{{tone}}", [TONE, TONE])
    with pytest.raises(LibraryError, match="is built in"):
        library.create("P", "x", [VariableSpec("date")])
    with pytest.raises(LibraryError, match="has no options"):
        library.create("P", "x", [VariableSpec("pick", VarType.CHOICE)])
    assert on_disk(history.path, "SELECT count(*) FROM prompts") == [(0,)]
    v1 = library.create("P", "x")
    with pytest.raises(LibraryError, match="at most"):
        library.save_version(v1.prompt_id, "x" * (MAX_PROMPT_CHARS + 1))
    with pytest.raises(LibraryError, match="needs a name"):
        library.rename(v1.prompt_id, "")
    assert [v.number for v in library.versions(v1.prompt_id)] == [1]


def test_lone_surrogates_are_stored_as_replacement_characters(library: PromptStore) -> None:
    spec = VariableSpec("who", label="W\ud800", default="d\udfff")
    v1 = library.create("Na\ud800me", "Te\udc00xt", [spec], note="no\ud800te")
    assert (v1.text, v1.note) == ("Te\ufffdxt", "no\ufffdte")
    assert v1.variables == (VariableSpec("who", label="W\ufffd", default="d\ufffd"),)
    assert library.version(v1.prompt_id, 1) == v1
    assert library.prompt(v1.prompt_id).name == "Na\ufffdme"
    # The same text again, surrogate and all, is the same version.
    assert library.save_version(v1.prompt_id, "Te\udc00xt", [spec]) == v1


def test_100_kb_prompts_round_trip(library: PromptStore) -> None:
    text = ('Line with {{tone}} and {"json": {"a": 1}} ünï 😀.\n' * 2_000)[:100_000]
    v1 = library.create("Big", text, [TONE])
    v2 = library.save_version(v1.prompt_id, text + "!", [TONE])
    assert library.version(v1.prompt_id, 1).text == text
    assert library.latest(v1.prompt_id).text == text + "!" == v2.text
    assert [p.id for p in library.prompts("😀")] == [v1.prompt_id]


def test_a_bad_stored_variable_is_dropped_and_the_rest_kept(history: HistoryStore) -> None:
    v1 = history.prompts.create("P", "{{tone}}", [TONE])
    bad = json.dumps(
        [
            {"name": "not a name"},
            {"name": "x", "type": "colour"},
            {"name": "y", "type": []},  # unhashable: no TypeError
            "not an object",
            {"name": "tone", "type": "choice", "options": ["calm", "brisk"]},
            {"name": "tone", "type": "text"},  # declared twice: the first one stays
        ]
    )
    conn = sqlite3.connect(history.path)
    with conn:
        conn.execute(
            "INSERT INTO prompt_versions (prompt_id, number, text, variables, created_at) "
            "VALUES (?, 2, '{{tone}}', ?, 5)",
            (v1.prompt_id, bad),
        )
        conn.execute(
            "INSERT INTO prompt_versions (prompt_id, number, text, variables, created_at) "
            "VALUES (?, 3, 'x', '{not json', 6)",
            (v1.prompt_id,),
        )
    conn.close()
    v2 = history.prompts.version(v1.prompt_id, 2)
    assert v2.variables == (VariableSpec("tone", VarType.CHOICE, options=("calm", "brisk")),)
    assert history.prompts.version(v1.prompt_id, 3).variables == ()


def test_concurrent_saves_get_consecutive_numbers(library: PromptStore) -> None:
    v1 = library.create("P", "start")
    barrier = threading.Barrier(4)

    def save(worker: int) -> None:
        barrier.wait()
        for i in range(10):
            library.save_version(v1.prompt_id, f"worker {worker} edit {i}")

    threads = [threading.Thread(target=save, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [v.number for v in library.versions(v1.prompt_id)] == list(range(41, 0, -1))


def test_presets_are_created_updated_listed_and_deleted(history: HistoryStore) -> None:
    library = history.prompts
    v1 = library.create("P", "One.")
    ref = str(PromptRef(v1.prompt_id, label="staff"))
    params = SamplingParams(temperature=0.3, seed=7)
    saved = library.save_preset(Preset(0, " Staff  help ", ref, params, "p1", PromptMode.RAW))
    assert saved.id > 0
    assert (saved.name, saved.prompt_ref, saved.params, saved.profile_id, saved.prompt_mode) == (
        "Staff help",
        ref,
        params,
        "p1",
        PromptMode.RAW,
    )
    other = library.save_preset(Preset(0, "alpha"))
    assert [p.name for p in library.presets()] == ["alpha", "Staff help"]
    renamed = library.save_preset(Preset(saved.id, "Zed", "", SamplingParams(top_p=0.5)))
    assert renamed.id == saved.id and renamed.params == SamplingParams(top_p=0.5)
    assert library.presets() == [other, renamed]
    library.delete_preset(other.id)
    library.delete_preset(other.id)  # already gone: nothing happens
    assert library.presets() == [renamed]
    assert on_disk(history.path, "SELECT name FROM presets") == [("Zed",)]


def test_bad_presets_are_refused_and_bad_stored_ones_read_safely(history: HistoryStore) -> None:
    library = history.prompts
    with pytest.raises(LibraryError, match="needs a name"):
        library.save_preset(Preset(0, "  "))
    with pytest.raises(LibraryError, match="is not a prompt version or label"):
        library.save_preset(Preset(0, "P", prompt_ref="12@x"))
    with pytest.raises(LibraryError, match="no longer exists"):
        library.save_preset(Preset(42, "P"))
    assert library.presets() == []
    conn = sqlite3.connect(history.path)
    with conn:
        conn.execute(
            "INSERT INTO presets (name, prompt_ref, params, prompt_mode, created_at, updated_at) "
            "VALUES ('Odd', 'garbage', '{\"temperature\": 99, \"top_p\": 0.5}', 'weird', 1, 1)"
        )
    conn.close()
    (odd,) = library.presets()
    assert (odd.prompt_ref, odd.prompt_mode) == ("", PromptMode.CHAT)
    assert odd.params == SamplingParams(top_p=0.5)  # the out-of-range value is dropped


DEEP = "[" * 100_000  # json.loads raises RecursionError on it, not ValueError


def test_damaged_library_rows_are_read_as_far_as_they_can_be(history: HistoryStore) -> None:
    """Another program (or a bug) wrote text where numbers belong: no crash, plain sentences."""
    library = history.prompts
    v1 = library.create("P", "one")
    library.save_version(v1.prompt_id, "two")
    library.set_label(v1.prompt_id, "staff", 1)
    conn = sqlite3.connect(history.path)
    with conn:
        for number, created_at, variables in (
            (3, "never", DEEP),  # a bad date and bad declarations: the rest is kept
            ("three", 3, "[]"),  # no usable number: not a version anyone can name
            (2.5, 3, "[]"),
            (1e999, 3, "[]"),  # stored as REAL infinity
        ):
            conn.execute(
                "INSERT INTO prompt_versions (prompt_id, number, text, variables, created_at) "
                "VALUES (?, ?, 'x', ?, ?)",
                (v1.prompt_id, number, variables, created_at),
            )
        conn.execute("INSERT INTO prompt_labels VALUES (?, 'odd', 'one', 1)", (v1.prompt_id,))
        conn.execute("UPDATE prompts SET updated_at = 'soon'")
        for name, params in (("Q", DEEP), ("R", '{"seed": 1' + "0" * 400 + ', "top_k": 3}')):
            conn.execute(
                "INSERT INTO presets (name, params, created_at, updated_at) VALUES (?, ?, 1, 1)",
                (name, params),
            )
    conn.close()
    assert [v.number for v in library.versions(v1.prompt_id)] == [3, 2, 1]
    third = library.version(v1.prompt_id, 3)
    assert (third.text, third.created_at, third.variables) == ("x", 0.0, ())
    (summary,) = library.prompts()
    assert (summary.updated_at, summary.labels) == (0.0, (("staff", 1),))
    with pytest.raises(LibraryError, match="damaged in the history file"):
        library.latest(v1.prompt_id)  # "three" sorts after every number in SQLite
    with pytest.raises(LibraryError, match="damaged in the history file"):
        library.export_prompts([v1.prompt_id])
    assert [p.params for p in library.presets()] == [SamplingParams(), SamplingParams(top_k=3)]
    assert library.fork(v1.prompt_id, 2, "P again").text == "two"  # the rest still works
