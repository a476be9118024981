"""One open history file: the connection, checked writes, migrations at open, backup, restore."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.storage.history import files, tree
from app.storage.history.files import HistoryUnavailable
from app.storage.history.schema import SCHEMA_VERSION, migrate, schema_version


class HistoryDatabase:
    """The file's side of the history; `HistoryStore` adds what is stored in it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, clock: Callable[[], float]) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self._clock = clock
        self.backup_path: Path | None = None  # the copy made before this open's migration
        self.recovered: list[int] = []  # replies found streaming at open: now INTERRUPTED
        self.problem: HistoryUnavailable | None = None  # set by a failed deferred check: read-only
        self.checked = threading.Event()  # the full integrity check has finished
        self._checker: threading.Thread | None = None

    def _stop_writers(self) -> None:
        """Before closing: finish what writes in the background (the store's reply flusher)."""

    def _flush_writers(self) -> None:
        """Write now what streaming replies hold so far (the store's reply flusher)."""

    def _check(self) -> None:
        try:
            files.check_database(self.path, full=True)
        except HistoryUnavailable as exc:
            self.problem = exc
        finally:
            self.checked.set()

    def _prepare(self) -> None:
        version = schema_version(self._conn)
        if 0 < version < SCHEMA_VERSION:
            dest = files.backup_name(self.path, version)
            self.backup_path = files.backup_copy(self._conn, dest)
        migrate(self._conn)
        with self._write() as conn:
            self.recovered = tree.mark_interrupted(conn)

    def close(self) -> None:
        """Write what streaming replies hold so far, then close; they reopen as INTERRUPTED."""
        if self._checker is not None:
            self._checker.join()
        self._stop_writers()
        with self._lock:
            self._conn.close()

    def backup_to(self, dest: Path) -> Path:
        """A consistent single-file copy of the whole history (sqlite3 backup API)."""
        with self._lock:
            return files.backup_copy(self._conn, dest)

    def restore_from(self, source: Path) -> Path:
        """Replace the whole history with `source`; the current one is first backed up (returned)."""
        files.check_database(source)  # refuses a damaged or newer file
        with self._lock:
            kept = self.backup_to(files.backup_name(self.path, SCHEMA_VERSION))
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            try:
                src.backup(self._conn)
            finally:
                src.close()
            self._prepare()
        return kept

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self._checker is not None and not self.checked.is_set():
            # A large file's integrity check runs after open: never write before it passed (a
            # damaged file must not be written to). Only a write in the first ~0.3 s waits.
            self.checked.wait()
        with self._lock:
            if self.problem is not None:
                raise self.problem
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()
