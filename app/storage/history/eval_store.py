"""Test sets, their runs, each request's result and the grades, in the history file.

Write-through like the chat history: every method commits before it returns, and a run's
sink stores each result as the request finishes, so a crash mid-run loses no finished cell and
the run resumes where it stopped. A run keeps its set and plan exactly as run, so editing (or
deleting) the set later never changes what an old run asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from app.core.evals.model import (
    Grade,
    RequestResult,
    ResolvedPrompt,
    ResultKey,
    ResultSink,
    RunState,
    TestSet,
)
from app.core.evals.request_plan import plan_keys
from app.storage.history.eval_rows import (
    ENDPOINT_CHARS,
    Plan,
    PlanUnreadable,
    decode_plan,
    decode_result,
    encode_plan,
    encode_result,
)
from app.storage.history.rows import storable
from app.storage.history.test_set_store import EvalStoreError, TestSetShelf

MAX_COMMENT_CHARS: Final = 10_000
RUN_GONE: Final = "That run no longer exists; it may have been removed in another window."


@dataclass(frozen=True)
class RunRecord:
    """A run as started: the set and prompts exactly as asked, and how it ended."""

    id: int
    set_id: int | None  # None: the set was never saved, or has since been purged
    test_set: TestSet
    prompts: tuple[ResolvedPrompt, ...]
    repeat: int
    concurrency: int
    state: RunState
    created_at: float
    finished_at: float | None
    endpoint: str = ""  # the endpoint and model it asked ("" for runs stored before this)

    @property
    def total(self) -> int:
        return len(self.test_set.tests) * len(self.prompts) * self.repeat


@dataclass(frozen=True)
class RunSummary:
    """A run as a set's list of runs shows it."""

    id: int
    created_at: float
    state: RunState
    done: int  # requests finished (stored)
    total: int
    endpoint: str = ""


class EvalStore(TestSetShelf):
    """Test sets, runs, results and grades on an open history; every write committed on return."""

    # Runs ------------------------------------------------------------------------------------

    def start_run(
        self,
        set_id: int | None,
        test_set: TestSet,
        prompts: Sequence[ResolvedPrompt],
        repeat: int,
        concurrency: int,
    ) -> int:
        """A new run, RUNNING, holding the set and plan exactly as they will be asked."""
        total = len(plan_keys(test_set, prompts, repeat))
        plan = encode_plan(Plan(test_set, tuple(prompts), repeat, concurrency))
        with self._db._write() as conn:
            cursor = conn.execute(
                "INSERT INTO eval_runs (test_set_id, set_name, plan, total, state, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    set_id,
                    storable(test_set.name),
                    plan,
                    total,
                    RunState.RUNNING.value,
                    self._db._clock(),
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def run(self, run_id: int) -> RunRecord:
        rows = self._db._rows(
            "SELECT test_set_id, set_name, plan, state, created_at, finished_at FROM eval_runs "
            "WHERE id = ?",
            (run_id,),
        )
        if not rows:
            raise EvalStoreError(RUN_GONE)
        set_id, name, plan_text, state, created_at, finished_at = rows[0]
        try:
            plan = decode_plan(str(plan_text), str(name))
        except PlanUnreadable as exc:
            raise EvalStoreError(str(exc)) from None
        return RunRecord(
            id=run_id,
            set_id=None if set_id is None else int(set_id),
            test_set=plan.test_set,
            prompts=plan.prompts,
            repeat=plan.repeat,
            concurrency=plan.concurrency,
            state=_state(state),
            created_at=float(created_at),
            finished_at=None if finished_at is None else float(finished_at),
            endpoint=plan.endpoint,
        )

    def runs(self, set_id: int | None) -> list[RunSummary]:
        """A set's runs, newest first (None: the runs of sets that were never saved)."""
        where = "test_set_id IS NULL" if set_id is None else "test_set_id = ?"
        args: tuple[object, ...] = () if set_id is None else (set_id,)
        rows = self._db._rows(
            "SELECT r.id, r.created_at, r.state, r.total, "
            "(SELECT count(*) FROM eval_results WHERE run_id = r.id), "
            "CASE WHEN json_valid(r.plan) THEN json_extract(r.plan, '$.endpoint') END "
            f"FROM eval_runs r WHERE {where} ORDER BY r.created_at DESC, r.id DESC",
            args,
        )
        return [
            RunSummary(
                int(r[0]),
                float(r[1]),
                _state(r[2]),
                int(r[4]),
                int(r[3]),
                r[5][:ENDPOINT_CHARS] if isinstance(r[5], str) else "",
            )
            for r in rows
        ]

    def set_run_endpoint(self, run_id: int, endpoint: str) -> None:
        """The endpoint and model the run asks, in words, kept with its plan."""
        with self._db._write() as conn:
            cursor = conn.execute(
                "UPDATE eval_runs SET plan = json_set(plan, '$.endpoint', ?) "
                "WHERE id = ? AND json_valid(plan)",
                (storable(endpoint[:ENDPOINT_CHARS]), run_id),
            )
            if cursor.rowcount == 0:
                raise EvalStoreError(RUN_GONE)

    def finish_run(self, run_id: int, state: RunState) -> None:
        """Record how the run ended (RUNNING again when it is resumed)."""
        finished_at = None if state is RunState.RUNNING else self._db._clock()
        with self._db._write() as conn:
            cursor = conn.execute(
                "UPDATE eval_runs SET state = ?, finished_at = ? WHERE id = ?",
                (state.value, finished_at, run_id),
            )
            if cursor.rowcount == 0:
                raise EvalStoreError(RUN_GONE)

    def previous_run(self, run_id: int) -> int | None:
        """The newest run of the same set started before this one (a never-saved set: the
        newest earlier run of an unsaved set of the same name)."""
        rows = self._db._rows(
            "SELECT test_set_id, set_name, created_at FROM eval_runs WHERE id = ?", (run_id,)
        )
        if not rows:
            raise EvalStoreError(RUN_GONE)
        set_id, name, created_at = rows[0]
        same = "test_set_id = ?" if set_id is not None else "test_set_id IS NULL AND set_name = ?"
        found = self._db._rows(
            f"SELECT id FROM eval_runs WHERE {same} AND id != ? "
            "AND (created_at < ? OR (created_at = ? AND id < ?)) "
            "ORDER BY created_at DESC, id DESC LIMIT 1",
            (set_id if set_id is not None else name, run_id, created_at, created_at, run_id),
        )
        return int(found[0][0]) if found else None

    def delete_run(self, run_id: int) -> None:
        """Remove a run with its results and grades."""
        with self._db._write() as conn:
            conn.execute("DELETE FROM eval_runs WHERE id = ?", (run_id,))

    # Results ---------------------------------------------------------------------------------

    def sink(self, run_id: int) -> ResultSink:
        """Where the runner stores this run's results, each committed as it finishes."""
        self.run_state(run_id)  # a missing run is an error now, not at the first result
        return _StoredSink(self, run_id)

    def run_state(self, run_id: int) -> RunState:
        rows = self._db._rows("SELECT state FROM eval_runs WHERE id = ?", (run_id,))
        if not rows:
            raise EvalStoreError(RUN_GONE)
        return _state(rows[0][0])

    def record_result(self, run_id: int, result: RequestResult) -> None:
        key = result.key
        with self._db._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO eval_results "
                "(run_id, test, prompt, repeat, result, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    key.test,
                    key.prompt,
                    key.repeat,
                    encode_result(result),
                    self._db._clock(),
                ),
            )

    def results(self, run_id: int) -> dict[ResultKey, RequestResult]:
        """Every readable stored result of the run (a damaged row is left out)."""
        rows = self._db._rows(
            "SELECT test, prompt, repeat, result FROM eval_results WHERE run_id = ? "
            "ORDER BY test, prompt, repeat",
            (run_id,),
        )
        found: dict[ResultKey, RequestResult] = {}
        for test, prompt, repeat, text in rows:
            if (index := _index(test)) is None or (again := _index(repeat)) is None:
                continue  # a damaged key, as a damaged result: left out, so asked again
            key = ResultKey(index, str(prompt), again)
            result = decode_result(key, str(text))
            if result is not None:
                found[key] = result
        return found

    def forget_results(self, run_id: int, keys: Iterable[ResultKey]) -> int:
        """Remove these results (to ask failed requests again on resume); how many were removed."""
        removed = 0
        with self._db._write() as conn:
            for key in keys:
                cursor = conn.execute(
                    "DELETE FROM eval_results WHERE run_id = ? AND test = ? AND prompt = ? "
                    "AND repeat = ?",
                    (run_id, key.test, key.prompt, key.repeat),
                )
                removed += cursor.rowcount
        return removed

    # Grades ----------------------------------------------------------------------------------

    def set_grade(self, run_id: int, test: int, prompt: str, grade: Grade) -> None:
        """Keep a person's grade of one cell; an empty grade removes it."""
        if grade.score is not None and (isinstance(grade.score, bool) or not 1 <= grade.score <= 5):
            raise EvalStoreError("A score goes from 1 to 5.")
        if len(grade.comment) > MAX_COMMENT_CHARS:
            raise EvalStoreError(f"A comment can be at most {MAX_COMMENT_CHARS:,} characters.")
        with self._db._write() as conn:
            if not conn.execute("SELECT 1 FROM eval_runs WHERE id = ?", (run_id,)).fetchone():
                raise EvalStoreError(RUN_GONE)
            if grade == Grade():
                conn.execute(
                    "DELETE FROM eval_grades WHERE run_id = ? AND test = ? AND prompt = ?",
                    (run_id, test, prompt),
                )
                return
            thumb = None if grade.thumb is None else int(grade.thumb)
            conn.execute(
                "INSERT OR REPLACE INTO eval_grades "
                "(run_id, test, prompt, thumb, score, comment, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    test,
                    prompt,
                    thumb,
                    grade.score,
                    storable(grade.comment),
                    self._db._clock(),
                ),
            )

    def grades(self, run_id: int) -> dict[tuple[int, str], Grade]:
        rows = self._db._rows(
            "SELECT test, prompt, thumb, score, comment FROM eval_grades WHERE run_id = ?",
            (run_id,),
        )
        return {
            (index, str(prompt)): Grade(
                thumb=None if thumb is None else bool(thumb),
                score=score if isinstance(score, int) and 1 <= score <= 5 else None,
                comment=str(comment),
            )
            for test, prompt, thumb, score, comment in rows
            if (index := _index(test)) is not None  # a damaged row is left out
        }


class _StoredSink(ResultSink):
    """A run's results in the history: finished() reads them, record() commits each one."""

    def __init__(self, store: EvalStore, run_id: int) -> None:
        super().__init__()
        self._store = store
        self._run_id = run_id

    def finished(self) -> Mapping[ResultKey, RequestResult]:
        return self._store.results(self._run_id)

    def record(self, result: RequestResult) -> None:
        self._store.record_result(self._run_id, result)


def _index(value: object) -> int | None:
    """A stored case or repeat index; None when the row was damaged (text, a fraction, < 0)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _state(value: object) -> RunState:
    try:
        return RunState(str(value))
    except ValueError:  # written by a newer version: shown as what it most likely is
        return RunState.CANCELLED
