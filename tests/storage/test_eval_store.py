"""Test sets, runs, results and grades in the history: write-through, unchanged by later edits,
readable after damage, and a run killed mid-way resumed without asking a finished cell again."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from app.core.evals.files import dump_json, dump_yaml, load_test_set
from app.core.evals.model import (
    Grade,
    ResultKey,
    ResultRecorded,
    RunEnded,
    RunProgress,
    RunState,
    TestCase,
)
from app.core.evals.resolve import resolve_prompts
from app.core.evals.runner import EvalRunner
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import NO_RETRY
from app.storage.history.files import HistoryUnavailable, unavailable
from app.storage.history.store import HistoryStore
from app.storage.history.test_set_store import EvalStoreError
from app.storage.test_set_files import read_test_set
from tests.core.evals.test_answers import _result
from tests.loopback import LoopbackServer, RecordedRequest, Reply, openai_stream, split_events

CHILD = Path(__file__).with_name("eval_crash_child.py")
ROOT = Path(__file__).resolve().parents[2]

SET = """\
name: Refunds
vars: {company: ACME}
prompts:
  - {id: terse, system: "Answer for {{company}}."}
  - {id: warm, system: "Be kind to {{company}}'s customers.", params: {temperature: 0.2}}
tests:
  - input: "Refund?"
    assert: [{type: contains, value: refund}]
  - input: "Exchange?"
    expect: "Yes."
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    ticks = itertools.count(1000)
    opened = HistoryStore.open(tmp_path / "history.db", clock=lambda: float(next(ticks)))
    yield opened
    opened.close()


def on_disk(db: Path, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """What another connection sees: only what was committed."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


# -- test sets ------------------------------------------------------------------------------


def test_sets_are_saved_listed_loaded_renamed_and_trashed(store: HistoryStore) -> None:
    evals = store.evals
    ts = load_test_set(SET)
    set_id = evals.save_set(ts)
    assert evals.load_set(set_id) == ts
    [summary] = evals.sets()
    assert (summary.id, summary.name, summary.cases) == (set_id, "Refunds", 2)
    bigger = replace(ts, tests=(*ts.tests, TestCase("Third?")))
    assert evals.save_set(bigger, set_id) == set_id
    assert evals.load_set(set_id) == bigger and evals.sets()[0].cases == 3
    evals.rename_set(set_id, "  Refunds\n v2 ")
    assert evals.load_set(set_id).name == "Refunds v2" and evals.sets()[0].name == "Refunds v2"
    other = evals.save_set(replace(ts, name=""))
    assert [s.id for s in evals.sets()] == [other, set_id]  # most recently changed first
    assert evals.sets()[0].name == "Untitled test set"
    evals.delete_set(set_id)
    assert [s.id for s in evals.sets()] == [other]
    assert [s.id for s in evals.sets(deleted=True)] == [set_id]
    evals.undelete_set(set_id)
    assert {s.id for s in evals.sets()} == {set_id, other}
    assert on_disk(store.path, "SELECT count(*) FROM test_sets") == [(2,)]


def test_sets_deleted_long_enough_ago_are_purged_with_the_conversations(
    store: HistoryStore,
) -> None:
    evals = store.evals
    old, recent, kept = (evals.save_set(load_test_set(SET)) for _ in range(3))
    run_id = _start(store, old)
    evals.delete_set(old)  # at tick ~1004
    store.purge_deleted(older_than_s=1_000)  # nothing is that old yet
    assert [s.id for s in evals.sets(deleted=True)] == [old]
    evals.delete_set(recent)
    assert store.purge_deleted(older_than_s=1) == 0  # no conversation was deleted
    assert evals.sets(deleted=True) == [] and [s.id for s in evals.sets()] == [kept]
    with pytest.raises(EvalStoreError):
        evals.load_set(old)
    run = evals.run(run_id)  # the run keeps its own copy of the set
    assert run.set_id is None and run.test_set.name == "Refunds"


def test_a_missing_set_is_a_plain_error(store: HistoryStore) -> None:
    for action in (
        lambda: store.evals.load_set(99),
        lambda: store.evals.rename_set(99, "x"),
        lambda: store.evals.delete_set(99),
        lambda: store.evals.save_set(load_test_set(SET), 99),
    ):
        with pytest.raises(EvalStoreError, match="no longer exists"):
            action()


def test_a_damaged_set_is_a_plain_error(store: HistoryStore) -> None:
    set_id = store.evals.save_set(load_test_set(SET))
    with store._write() as conn:
        conn.execute("UPDATE test_sets SET body = '{\"prompts\": 3}' WHERE id = ?", (set_id,))
    with pytest.raises(EvalStoreError, match="damaged and cannot be read"):
        store.evals.load_set(set_id)


# -- runs -----------------------------------------------------------------------------------


def _start(store: HistoryStore, set_id: int | None = None, repeat: int = 2) -> int:
    ts = load_test_set(SET)
    return store.evals.start_run(set_id, ts, resolve_prompts(ts, None), repeat, 3)


def test_a_run_keeps_its_set_and_plan_whatever_happens_to_the_set(store: HistoryStore) -> None:
    evals = store.evals
    ts = load_test_set(SET)
    set_id = evals.save_set(ts)
    prompts = resolve_prompts(ts, None)
    run_id = evals.start_run(set_id, ts, prompts, 2, 3)
    evals.save_set(replace(ts, tests=ts.tests[:1], name="Edited"), set_id)
    evals.delete_set(set_id)
    record = evals.run(run_id)
    assert record.test_set == ts and record.prompts == tuple(prompts)
    assert (record.set_id, record.repeat, record.concurrency, record.total) == (set_id, 2, 3, 8)
    assert (record.state, record.finished_at) == (RunState.RUNNING, None)
    assert [(r.id, r.state, r.done, r.total) for r in evals.runs(set_id)] == [
        (run_id, RunState.RUNNING, 0, 8)
    ]


def test_runs_finish_resume_and_know_their_previous_run(store: HistoryStore) -> None:
    evals = store.evals
    set_id = evals.save_set(load_test_set(SET))
    first, second = _start(store, set_id), _start(store, set_id)
    unsaved_a, other_unsaved, unsaved_b = _start(store), _start(store), _start(store)
    with store._write() as conn:
        conn.execute("UPDATE eval_runs SET set_name = 'Else' WHERE id = ?", (other_unsaved,))
    assert evals.previous_run(first) is None
    assert evals.previous_run(second) == first
    assert evals.previous_run(unsaved_b) == unsaved_a  # same name, never saved
    evals.finish_run(first, RunState.FINISHED)
    record = evals.run(first)
    assert record.state is RunState.FINISHED and record.finished_at is not None
    evals.finish_run(first, RunState.RUNNING)  # resumed
    assert evals.run(first).finished_at is None
    assert [r.id for r in evals.runs(set_id)] == [second, first]
    assert [r.id for r in evals.runs(None)] == [unsaved_b, other_unsaved, unsaved_a]
    evals.delete_run(second)
    assert [r.id for r in evals.runs(set_id)] == [first]
    for action in (
        lambda: evals.run(second),
        lambda: evals.previous_run(second),
        lambda: evals.sink(second),
    ):
        with pytest.raises(EvalStoreError, match="That run no longer exists"):
            action()


def test_each_result_is_committed_before_record_returns(store: HistoryStore) -> None:
    run_id = _start(store)
    sink = store.evals.sink(run_id)
    result = _result(1, "warm", 0, "Yes. ✓", error=None)
    sink.record(result)
    assert on_disk(store.path, "SELECT test, prompt, repeat FROM eval_results") == [(1, "warm", 0)]
    assert sink.finished() == {result.key: result}
    assert store.evals.results(run_id) == {result.key: result}
    assert store.evals.runs(None)[0].done == 1


def test_results_round_trip_every_field(store: HistoryStore) -> None:
    run_id = _start(store)
    failed = replace(
        _result(0, "terse", 1, "partial \ud800 text", passed=False, error="Broke.", ttft=None),
        tokens_per_s=float("nan"),
    )
    store.evals.sink(run_id).record(failed)
    [stored] = store.evals.results(run_id).values()
    assert stored == replace(failed, response="partial \ufffd text", tokens_per_s=None)


def test_failed_results_can_be_forgotten_to_ask_them_again(store: HistoryStore) -> None:
    run_id = _start(store)
    sink = store.evals.sink(run_id)
    sink.record(_result(0, "terse", 0, "ok"))
    sink.record(_result(0, "terse", 1, "", passed=False, error="Broke."))
    failed = [r.key for r in sink.finished().values() if r.error]
    assert store.evals.forget_results(run_id, [*failed, ResultKey(9, "x", 0)]) == 1
    assert list(sink.finished()) == [ResultKey(0, "terse", 0)]


def test_a_damaged_result_row_is_left_out_so_it_is_asked_again(store: HistoryStore) -> None:
    run_id = _start(store)
    sink = store.evals.sink(run_id)
    for repeat in range(3):
        sink.record(_result(0, "terse", repeat, "ok"))
    with store._write() as conn:
        conn.execute("UPDATE eval_results SET result = '{not json' WHERE repeat = 1")
        conn.execute("UPDATE eval_results SET result = '[1]' WHERE repeat = 2")
    assert list(store.evals.results(run_id)) == [ResultKey(0, "terse", 0)]


def test_rows_with_damaged_keys_are_left_out(store: HistoryStore) -> None:
    run_id = _start(store)
    sink = store.evals.sink(run_id)
    for test in range(2):
        sink.record(_result(test, "terse", 0, "ok"))
        store.evals.set_grade(run_id, test, "terse", Grade(True))
    with store._write() as conn:
        conn.execute("UPDATE eval_results SET repeat = 'zero' WHERE test = 1")
        conn.execute("UPDATE eval_grades SET test = 'x' WHERE test = 1")
    assert list(store.evals.results(run_id)) == [ResultKey(0, "terse", 0)]
    assert list(sink.finished()) == [ResultKey(0, "terse", 0)]
    assert list(store.evals.grades(run_id)) == [(0, "terse")]


def test_a_damaged_plan_is_a_plain_error(store: HistoryStore) -> None:
    run_id = _start(store)
    for plan, expected in (("{oops", "damaged"), ('{"format": 99}', "another version")):
        with store._write() as conn:
            conn.execute("UPDATE eval_runs SET plan = ? WHERE id = ?", (plan, run_id))
        with pytest.raises(EvalStoreError, match=expected):
            store.evals.run(run_id)


def test_a_run_keeps_the_endpoint_and_model_it_asked(store: HistoryStore) -> None:
    run_id = _start(store)
    assert store.evals.run(run_id).endpoint == ""  # not known until the run starts asking
    store.evals.set_run_endpoint(run_id, "Office vLLM · llama-3.1-8b" + "!" * 500)
    record = store.evals.run(run_id)
    assert record.endpoint == ("Office vLLM · llama-3.1-8b" + "!" * 500)[:200]  # bounded
    assert [r.endpoint for r in store.evals.runs(None)] == [record.endpoint]
    assert record.test_set == load_test_set(SET)  # the rest of the plan is as it was
    with pytest.raises(EvalStoreError, match="no longer exists"):
        store.evals.set_run_endpoint(run_id + 1, "elsewhere")
    with store._write() as conn:  # a damaged plan: the list of runs still reads
        conn.execute("UPDATE eval_runs SET plan = '{oops' WHERE id = ?", (run_id,))
    assert [r.endpoint for r in store.evals.runs(None)] == [""]


# -- grades ---------------------------------------------------------------------------------


def test_grades_are_kept_replaced_removed_and_checked(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    store = HistoryStore.open(db)
    run_id = _start(store)
    evals = store.evals
    evals.set_grade(run_id, 0, "terse", Grade(thumb=True, score=4, comment="good"))
    evals.set_grade(run_id, 1, "warm", Grade(thumb=False))
    evals.set_grade(run_id, 1, "warm", Grade(score=1))
    evals.set_grade(run_id, 0, "warm", Grade(comment="x"))
    evals.set_grade(run_id, 0, "warm", Grade())  # cleared
    for bad, message in ((Grade(score=6), "from 1 to 5"), (Grade(comment="x" * 10_001), "at most")):
        with pytest.raises(EvalStoreError, match=message):
            evals.set_grade(run_id, 0, "terse", bad)
    with pytest.raises(EvalStoreError, match="no longer exists"):
        evals.set_grade(99, 0, "terse", Grade(score=3))
    store.close()
    reopened = HistoryStore.open(db)
    try:
        assert reopened.evals.grades(run_id) == {
            (0, "terse"): Grade(thumb=True, score=4, comment="good"),
            (1, "warm"): Grade(score=1),
        }
    finally:
        reopened.close()


# -- a crash mid-run, then resume ------------------------------------------------------------


class _Replies:
    """Fast replies for the first few requests, then slow ones until `fast` is set."""

    def __init__(self, fast_first: int) -> None:
        self.fast = threading.Event()
        self._served = 0
        self._changed = threading.Condition()
        self._fast_first = fast_first

    def wait_served(self, count: int) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: self._served >= count, 30), self._served

    def __call__(self, request: RecordedRequest) -> Reply:
        body = split_events(openai_stream(["Hello", ",", " world", "!"], model="tiny-llama"))
        with self._changed:
            served = self._served
            self._served += 1
            self._changed.notify_all()
        if served < self._fast_first or self.fast.is_set():
            return Reply(body=body)
        return Reply(body=body, chunk_delay_s=5.0)  # far longer than the test: killed mid-way


def _cell(request: RecordedRequest) -> tuple[str, str]:
    messages = request.json()["messages"]
    return messages[0]["content"], messages[-1]["content"]


def _chats(server: LoopbackServer) -> list[RecordedRequest]:
    return [r for r in server.requests if r.url_path.endswith("/chat/completions")]


def _read_lines(child: subprocess.Popen[str], until: int) -> list[list[str]]:
    assert child.stdout is not None
    lines: list[list[str]] = []
    while sum(line[0] == "RECORDED" for line in lines) < until:
        line = child.stdout.readline().split()
        assert line, "the child ended early"
        lines.append(line)
    return lines


def test_a_run_killed_mid_way_resumes_without_asking_a_finished_cell_again(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    replies = _Replies(fast_first=3)
    with LoopbackServer() as server:
        server.queue("POST", "/chat/completions", *[replies] * 200)
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), server.url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        watchdog = threading.Timer(60, child.kill)  # a hung child fails the test, never hangs it
        watchdog.start()
        try:
            lines = _read_lines(child, until=3)
            replies.wait_served(5)  # three answered, two slow ones under way (concurrency 2)
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait() == -signal.SIGKILL
        finally:
            watchdog.cancel()
            child.kill()
            child.wait()
            if child.stdout is not None:
                child.stdout.close()
        run_id = int(lines[0][1])
        reported = {
            ResultKey(int(t), p, int(r))
            for _, t, p, r in (line for line in lines if line[0] == "RECORDED")
        }
        asked_by_child = len(_chats(server))
        assert asked_by_child == 5  # two were under way when it died

        replies.fast.set()
        store = HistoryStore.open(db)
        try:
            record = store.evals.run(run_id)
            assert record.state is RunState.RUNNING  # what a crashed run looks like
            kept = store.evals.results(run_id)
            assert reported <= kept.keys() and len(kept) < record.total
            events = asyncio.run(_resume(store, run_id, server.url))
            assert events[0] == RunProgress(len(kept), record.total, None)
            assert events[-1] == RunEnded(RunState.FINISHED)
            resumed = {e.result.key for e in events if isinstance(e, ResultRecorded)}
            assert resumed.isdisjoint(kept)
            final = store.evals.results(run_id)
            assert len(final) == record.total == 12
            assert all(r.error is None for r in final.values())
        finally:
            store.close()
        # The server's own count: every cell finished before the crash was asked exactly once.
        asked = Counter(_cell(r) for r in _chats(server))
        systems = {p.id: p.system for p in record.prompts}
        for key in kept:
            assert asked[(systems[key.prompt], f"Question {key.test}")] == 1, key
        assert sum(asked.values()) == asked_by_child + len(resumed)
        assert len(asked) == 12  # every cell was asked


async def _resume(store: HistoryStore, run_id: int, url: str) -> list[object]:
    record = store.evals.run(run_id)
    async with httpx.AsyncClient() as client:
        backend = OpenAIBackend(
            client, OpenAIConfig(f"{url}/v1", None, "tiny-llama"), retry=NO_RETRY
        )
        runner = EvalRunner(
            record.test_set,
            record.prompts,
            backend,
            store.evals.sink(run_id),
            repeat=record.repeat,
            concurrency=record.concurrency,
        )
        events = [event async for event in runner.run()]
    store.evals.finish_run(run_id, RunState.FINISHED)
    return events


def test_plans_are_plain_json(store: HistoryStore) -> None:
    run_id = _start(store)
    [(plan,)] = on_disk(store.path, "SELECT plan FROM eval_runs WHERE id = ?", (run_id,))
    document = json.loads(str(plan))
    assert document["format"] == 1 and document["set"]["name"] == "Refunds"
    assert [p["id"] for p in document["prompts"]] == ["terse", "warm"]


def test_a_history_that_cannot_be_written_ends_the_run_with_its_error(
    store: HistoryStore, loopback: LoopbackServer
) -> None:
    run_id = _start(store, repeat=1)
    store.problem = unavailable(store.path, "the disk is full")  # as a failed write leaves it
    with pytest.raises(HistoryUnavailable, match="the disk is full"):
        asyncio.run(_resume(store, run_id, loopback.url))
    store.problem = None
    assert store.evals.results(run_id) == {}  # nothing half-written
    assert store.evals.run(run_id).state is RunState.RUNNING  # left to resume


def test_a_set_with_any_text_saves_loads_exports_and_imports_again(
    store: HistoryStore, tmp_path: Path
) -> None:
    # Escaped in a JSON file these are accepted; written raw, YAML's reader refuses them.
    odd = "What does \x9b mean? \ufffe \x85 \u2028 \x7f é"
    imported = load_test_set(
        json.dumps({"prompts": [{"id": "a", "system": odd}], "tests": [{"input": odd}]}),
        name="n" * 230,  # a file's name becomes the set's: clipped to what the format allows
    )
    assert len(imported.name) == 200 and imported.tests[0].input == odd
    odd += " \U0001f600"  # and an emoji, which YAML reads raw only
    imported = replace(imported, tests=(TestCase(input=odd),))
    set_id = store.evals.save_set(replace(imported, name="x" * 300 + "\x9b"))
    store.evals.rename_set(set_id, "Odd\x9b one\n" + "y" * 300)
    loaded = store.evals.load_set(set_id)
    assert loaded.tests[0].input == odd and loaded.name == "Odd one " + "y" * 192
    run_id = store.evals.start_run(set_id, loaded, resolve_prompts(loaded, None), 1, 1)
    assert store.evals.run(run_id).test_set == loaded
    for dump in (dump_json, dump_yaml):
        path = tmp_path / "exported.txt"
        path.write_text(dump(replace(loaded, name="z" * 300)), encoding="utf-8")
        again = read_test_set(path)
        assert again.tests == loaded.tests and again.name == "z" * 200
