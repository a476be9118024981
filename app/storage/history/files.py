"""The history database file: checked opening, backups before changes, and restoring a backup."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from app.core.i18n import translate
from app.storage.disk import DiskProblem, classify, reason
from app.storage.history.compare_rows import TOP_LEVEL
from app.storage.history.schema import SCHEMA_VERSION, schema_version

_HEADER: Final = b"SQLite format 3\x00"
_SIDE_FILES: Final = ("-wal", "-shm", "-journal")


class HistoryUnavailable(RuntimeError):
    """The history cannot be opened safely; `message` says why, `backups` what can be restored."""

    def __init__(self, message: str, backups: list[Path], reason: str = "") -> None:
        self.message = message
        self.backups = backups
        self.reason = reason  # what is wrong with the file, in a few words ("is damaged (…)")
        super().__init__(message)


def history_path(data_dir: Path) -> Path:
    return data_dir / "history.db"


def list_backups(path: Path) -> list[Path]:
    """Backup copies next to the database, newest first."""
    found = [
        p
        for p in path.parent.glob(f"{path.name}.bak-*")
        if not p.name.endswith((*_SIDE_FILES, ".part"))  # .part: a copy that never finished
    ]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


#: Up to this size `PRAGMA quick_check` runs before opening (about 60 ms); above it, it runs in
#: the background unless the last session crashed or a migration is due (see HistoryStore.open).
FULL_CHECK_MAX_BYTES: Final = 32 * 1024 * 1024


def connect_checked(
    path: Path, full_check_max_bytes: int = FULL_CHECK_MAX_BYTES
) -> tuple[sqlite3.Connection, bool]:
    """A read-write connection, made only after a read-only look found a sound database.

    Also returns whether the full integrity check was deferred (a big, cleanly closed file).
    """
    deferred = False
    if path.exists():
        crashed = path.with_name(path.name + "-wal").exists()  # a clean close removes the WAL
        full = crashed or path.stat().st_size <= full_check_max_bytes
        version = check_database(path, full=full)
        if not full and version < SCHEMA_VERSION:
            check_database(path, full=True)  # never migrate (and back up) a damaged file
        deferred = not full and version == SCHEMA_VERSION
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE), never implied.
        # check_same_thread=False: the reply flusher thread writes too; the store's lock serialises.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    except (OSError, sqlite3.Error) as exc:
        raise refused(path, exc) from exc
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # in WAL: survives a crash, not a power cut
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise refused(path, exc) from exc
    return conn, deferred


def check_database(path: Path, *, full: bool = True) -> int:
    """The schema version, or HistoryUnavailable unless `path` is a sound history we can open.

    `full=False` reads the header and the schema only, not every page.
    """
    try:
        header = read_header(path, len(_HEADER))
    except OSError as exc:
        raise unavailable(
            path,
            translate("Files", "could not be read ({value})").format(value=exc.strerror or exc),
        ) from exc
    if header and header != _HEADER:
        raise unavailable(
            path, translate("Files", "is not a LlamaDesk history database (it may be damaged)")
        )
    if not header:
        return 0  # an empty file is what sqlite3 leaves when creation was interrupted
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise refused(path, exc) from exc
    try:
        version = schema_version(conn)
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        rows = conn.execute("PRAGMA quick_check").fetchall() if full else [("ok",)]
    except sqlite3.Error as exc:
        raise refused(path, exc) from exc
    finally:
        conn.close()
    if [tuple(r) for r in rows] != [("ok",)]:
        raise unavailable(path, translate("Files", "is damaged ({rows})").format(rows=rows[0][0]))
    if version > SCHEMA_VERSION:
        raise unavailable(
            path,
            translate(
                "Files",
                "was written by a newer LlamaDesk (history version {version}; this one knows {SCHEMA_VERSION}) and is left untouched. Update LlamaDesk to see it",
            ).format(version=version, SCHEMA_VERSION=SCHEMA_VERSION),
        )
    return version


def unavailable(path: Path, reason: str) -> HistoryUnavailable:
    backups = list_backups(path)
    offer = (
        translate(
            "Files", " The newest backup is {name}; it can be restored (the damaged file is kept)."
        ).format(name=backups[0].name)
        if backups
        else translate(
            "Files",
            " No backup copy exists; LlamaDesk can start a new history and keep this file aside.",
        )
    )
    return HistoryUnavailable(
        translate(
            "Files", "Your conversation history {path} {reason}. Nothing was changed.{offer}"
        ).format(path=path, reason=reason, offer=offer),
        backups,
        reason,
    )


def refused(path: Path, exc: BaseException) -> HistoryUnavailable:
    """HistoryUnavailable for an error met opening `path`: a backup is offered only for damage.

    A full disk or a read-only folder is not damage: the file is fine, and restoring a backup
    onto the same disk would fail the same way.
    """
    problem = classify(exc, path.parent)
    if problem is DiskProblem.DAMAGED:
        return unavailable(path, reason(problem, exc))
    why = reason(problem, exc)
    return HistoryUnavailable(
        translate(
            "Files", "Your conversation history {path} {reason}. Nothing was changed."
        ).format(path=path, reason=why),
        [],
        why,
    )


def read_header(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file; OSError for anything else (a FIFO, a device).

    O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, translate("Files", "it is not a regular file"), str(path))
        return os.read(fd, size)
    finally:
        os.close(fd)


def free_name(path: Path, tag: str, suffix: str = "") -> Path:
    """`<name>.<tag>-<time><suffix>` next to `path`, numbered so no earlier copy is replaced.

    Backups end in ".db" (suffix) so the file dialogs' "*.db" filter shows them.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    candidate = path.with_name(f"{path.name}.{tag}-{stamp}{suffix}")
    n = 1
    while candidate.exists():  # never replace an earlier copy
        candidate = path.with_name(f"{path.name}.{tag}-{stamp}-{n}{suffix}")
        n += 1
    return candidate


def backup_name(path: Path, version: int) -> Path:
    """Where a safety copy of the history at schema `version` goes (before a migration/restore)."""
    return free_name(path, f"bak-v{version}", ".db")


def conversation_count(path: Path) -> int:
    """How many chats and compares (not deleted ones) a sound history or backup file holds;
    checks it first."""
    version = check_database(path)
    if version == 0:
        return 0
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        where = " WHERE c.deleted_at IS NULL" if version >= 2 else ""  # 1 deleted for good
        if version >= 5:  # a compare counts once, not once more for each of its panes
            where += f" AND {TOP_LEVEL}"
        return int(conn.execute(f"SELECT count(*) FROM conversations c{where}").fetchone()[0])
    except sqlite3.Error as exc:
        raise refused(path, exc) from exc
    finally:
        conn.close()


def backup_copy(conn: sqlite3.Connection, dest: Path) -> Path:
    """A consistent copy of the open database (sqlite3 backup API), fsynced, as 0600."""
    tmp = dest.with_name(dest.name + ".part")
    target = sqlite3.connect(tmp)
    try:
        conn.backup(target)
    finally:
        target.close()
    with open(tmp, "rb") as file:
        os.fsync(file.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, dest)
    return dest


def set_aside(path: Path) -> Path | None:
    """Rename the database (and its -wal/-shm) to `.damaged-<time>`; None if there was none."""
    if not path.exists():
        return None
    aside = free_name(path, "damaged")
    for suffix in _SIDE_FILES:  # the WAL belongs to the file it was written for
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    path.rename(aside)
    return aside


def restore_backup(path: Path, backup: Path) -> Path | None:
    """Put `backup` in place of the database, keeping the current file aside; returns where."""
    check_database(backup)
    aside = set_aside(path)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        backup_copy(source, path)
    finally:
        source.close()
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return aside
