"""Saved test sets in the history file: save, list, load, rename, the trash and its purge."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from app.core.evals.files import TestSetError, dump_json, load_test_set
from app.core.evals.model import TestSet
from app.core.evals.set_schema import set_name
from app.storage.history.database import HistoryDatabase
from app.storage.history.rows import storable

SET_GONE: Final = "That test set no longer exists; it may have been removed in another window."


class EvalStoreError(ValueError):
    """A test-set or run operation that cannot be done, with the sentence to show."""


@dataclass(frozen=True)
class TestSetSummary:
    """A saved test set as the list shows it."""

    __test__ = False

    id: int
    name: str
    cases: int
    updated_at: float


class TestSetShelf:
    """The test-set half of the eval store; every write committed on return."""

    __test__ = False

    def __init__(self, db: HistoryDatabase) -> None:
        self._db = db

    @property
    def path(self) -> Path:
        """The history file the sets are kept in (named when a write fails)."""
        return self._db.path

    def save_set(self, test_set: TestSet, set_id: int | None = None) -> int:
        """Store `test_set` (as a new set, or over `set_id`); returns its id."""
        name = _clean_name(test_set.name)
        body = storable(dump_json(test_set))
        now = self._db._clock()
        with self._db._write() as conn:
            if set_id is None:
                cursor = conn.execute(
                    "INSERT INTO test_sets (name, body, cases, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (name, body, len(test_set.tests), now, now),
                )
                assert cursor.lastrowid is not None
                return cursor.lastrowid
            cursor = conn.execute(
                "UPDATE test_sets SET name = ?, body = ?, cases = ?, updated_at = ? WHERE id = ?",
                (name, body, len(test_set.tests), now, set_id),
            )
            if cursor.rowcount == 0:
                raise EvalStoreError(SET_GONE)
            return set_id

    def sets(self, *, deleted: bool = False) -> list[TestSetSummary]:
        """Saved sets, most recently changed first (`deleted=True`: the trash instead)."""
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        rows = self._db._rows(
            f"SELECT id, name, cases, updated_at FROM test_sets WHERE {where} "
            "ORDER BY updated_at DESC, id DESC"
        )
        return [TestSetSummary(int(r[0]), str(r[1]), int(r[2]), float(r[3])) for r in rows]

    def load_set(self, set_id: int) -> TestSet:
        rows = self._db._rows("SELECT name, body FROM test_sets WHERE id = ?", (set_id,))
        if not rows:
            raise EvalStoreError(SET_GONE)
        name, body = str(rows[0][0]), str(rows[0][1])
        try:
            return replace(load_test_set(body, name=name), name=name)
        except TestSetError as exc:
            raise EvalStoreError(f"That test set is damaged and cannot be read ({exc}).") from None

    def rename_set(self, set_id: int, name: str) -> None:
        self._update_set(set_id, "name = ?", (_clean_name(name),))

    def delete_set(self, set_id: int) -> None:
        """Move to the trash; its runs stay, and can still be opened."""
        self._update_set(set_id, "deleted_at = ?", (self._db._clock(),))

    def undelete_set(self, set_id: int) -> None:
        self._update_set(set_id, "deleted_at = NULL", ())

    def purge_deleted_sets(self, older_than_s: float = 0.0) -> int:
        """Remove for good the sets in the trash at least `older_than_s`; how many. Their runs
        stay readable (each keeps its own copy of the set), as runs of no set."""
        cutoff = self._db._clock() - older_than_s
        with self._db._write() as conn:
            cursor = conn.execute(
                "DELETE FROM test_sets WHERE deleted_at IS NOT NULL AND deleted_at <= ?", (cutoff,)
            )
            return cursor.rowcount

    def _update_set(self, set_id: int, assignment: str, args: tuple[object, ...]) -> None:
        with self._db._write() as conn:
            cursor = conn.execute(
                f"UPDATE test_sets SET {assignment}, updated_at = ? WHERE id = ?",
                (*args, self._db._clock(), set_id),
            )
            if cursor.rowcount == 0:
                raise EvalStoreError(SET_GONE)


def _clean_name(name: str) -> str:
    return set_name(storable(name)) or "Untitled test set"
