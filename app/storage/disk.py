"""What the disk refused, in plain words: a full disk, a read-only folder, a file in a folder's place.

SQLite and the OS report the same few conditions under many names (ENOSPC, SQLITE_FULL, and a
full disk met while SQLite maps its shared memory is only "disk I/O error"). `classify` turns
any of them into one `DiskProblem`; where the error alone cannot tell (SQLite's "unable to open"
or "disk I/O error"), it asks the OS by writing a small probe file in the folder concerned.
A damaged file is the only thing called damaged.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Final

from app.core.i18n import translate

#: A probe this size needs a fresh data block on every file system, so a full disk refuses it.
_PROBE_BYTES: Final = 4096


class DiskProblem(enum.Enum):
    FULL = "full"
    READ_ONLY = "read-only"
    NOT_A_FOLDER = "not a folder"
    DAMAGED = "damaged"
    IN_USE = "in use"
    DISK_ERROR = "disk error"
    OTHER = "other"


_ERRNO_PROBLEMS: Final = {
    errno.ENOSPC: DiskProblem.FULL,
    errno.EDQUOT: DiskProblem.FULL,
    errno.EROFS: DiskProblem.READ_ONLY,
    errno.EACCES: DiskProblem.READ_ONLY,
    errno.EPERM: DiskProblem.READ_ONLY,
    errno.ENOTDIR: DiskProblem.NOT_A_FOLDER,
    errno.EEXIST: DiskProblem.NOT_A_FOLDER,  # mkdir where a file of that name exists
    errno.EIO: DiskProblem.DISK_ERROR,
}
_SQLITE_PROBLEMS: Final = {
    sqlite3.SQLITE_FULL: DiskProblem.FULL,
    sqlite3.SQLITE_READONLY: DiskProblem.READ_ONLY,
    sqlite3.SQLITE_CORRUPT: DiskProblem.DAMAGED,
    sqlite3.SQLITE_NOTADB: DiskProblem.DAMAGED,
    sqlite3.SQLITE_BUSY: DiskProblem.IN_USE,
    sqlite3.SQLITE_LOCKED: DiskProblem.IN_USE,
}
#: SQLite codes that only say "it did not work": the folder itself is asked why.
_SQLITE_ASK_THE_FOLDER: Final = frozenset(
    {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM}
)


def classify(exc: BaseException, folder: Path | None = None) -> DiskProblem:
    """What kind of problem `exc` is; `folder` (where the write went) settles unclear cases."""
    if isinstance(exc, OSError):
        return _ERRNO_PROBLEMS.get(exc.errno or 0, DiskProblem.OTHER)
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in _SQLITE_PROBLEMS:
            return _SQLITE_PROBLEMS[primary]
        if primary in _SQLITE_ASK_THE_FOLDER and folder is not None:
            found = probe_folder(folder)
            return found if found is not None else DiskProblem.DISK_ERROR
        return DiskProblem.OTHER
    return DiskProblem.OTHER


def probe_folder(folder: Path) -> DiskProblem | None:
    """None if a small file can be written in `folder`, else why it cannot."""
    if folder.exists() and not folder.is_dir():
        return DiskProblem.NOT_A_FOLDER
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".llamadesk-probe-")
    except OSError as exc:
        return _ERRNO_PROBLEMS.get(exc.errno or 0, DiskProblem.OTHER)
    try:
        # No fsync: it costs 10+ ms at every start, and local file systems (ext4, xfs, tmpfs)
        # refuse a write that needs a block the disk does not have when it is made.
        os.write(fd, b"\0" * _PROBE_BYTES)
    except OSError as exc:
        return _ERRNO_PROBLEMS.get(exc.errno or 0, DiskProblem.OTHER)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
    return None


def data_dir_problem(data_dir: Path) -> DiskProblem | None:
    """Why nothing can be saved under `data_dir` (created if missing), or None when it is usable."""
    if data_dir.exists() and not data_dir.is_dir():
        return DiskProblem.NOT_A_FOLDER
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        return classify(exc)
    return probe_folder(data_dir)


def data_dir_notice(data_dir: Path, problem: DiskProblem) -> str:
    """The status line for a data folder nothing can be saved in: what, what it means, what to do."""
    memory = translate(
        "Disk", "Settings and chats in this window are kept in memory only and will not be saved."
    )
    if problem is DiskProblem.NOT_A_FOLDER:
        return translate(
            "Disk",
            "LlamaDesk cannot keep its data in {data_dir}: that is a file, not a folder. {memory} Move the file away, or start LlamaDesk with --data-dir and a folder.",
        ).format(data_dir=data_dir, memory=memory)
    if problem is DiskProblem.FULL:
        return translate(
            "Disk",
            "The disk holding LlamaDesk's data folder {data_dir} is full. {memory} Free some space, then restart LlamaDesk.",
        ).format(data_dir=data_dir, memory=memory)
    if problem is DiskProblem.READ_ONLY:
        what = (
            translate("Disk", "it is read-only")
            if data_dir.exists()
            else translate("Disk", "it does not exist and cannot be created there (read-only)")
        )
        return translate(
            "Disk",
            "LlamaDesk cannot write to its data folder {data_dir}: {what}. {memory} Make it writable, or start LlamaDesk with --data-dir and another folder.",
        ).format(data_dir=data_dir, what=what, memory=memory)
    return translate(
        "Disk",
        "LlamaDesk cannot write to its data folder {data_dir} (a disk error). {memory} Check the disk, then restart LlamaDesk.",
    ).format(data_dir=data_dir, memory=memory)


def reason(problem: DiskProblem, exc: BaseException) -> str:
    """The end of "Your conversation history <path> …": why it cannot be used, and the fix."""
    if problem is DiskProblem.FULL:
        return translate(
            "Disk", "cannot be saved: the disk is full (free some space, then restart LlamaDesk)"
        )
    if problem is DiskProblem.READ_ONLY:
        return translate("Disk", "cannot be saved: it or its folder is read-only")
    if problem is DiskProblem.NOT_A_FOLDER:
        return translate("Disk", "cannot be saved: its folder is a file, not a folder")
    if problem is DiskProblem.IN_USE:
        return translate("Disk", "is in use by another program (close it, then restart LlamaDesk)")
    if problem is DiskProblem.DAMAGED:
        return translate("Disk", "is damaged ({plain})").format(plain=_plain(exc))
    if problem is DiskProblem.DISK_ERROR:
        return translate(
            "Disk", "could not be read or written: the disk reported an error ({plain})"
        ).format(plain=_plain(exc))
    return translate("Disk", "could not be used ({plain})").format(plain=_plain(exc))


def write_failure_notice(exc: BaseException, path: Path | None) -> str:
    """The status line after a history write failed: chats are kept in memory from now on."""
    problem = classify(exc, path.parent if path is not None else None)
    memory = translate("Disk", "Chats are kept in memory only from now on")
    if problem is DiskProblem.FULL:
        return translate(
            "Disk",
            "History could not be saved: the disk is full. {memory}; free some space, then restart LlamaDesk to save them again.",
        ).format(memory=memory)
    if problem is DiskProblem.READ_ONLY:
        what = translate("Disk", "the history file or its folder became read-only")
    elif problem is DiskProblem.DAMAGED:
        what = translate("Disk", "the history file is damaged ({plain})").format(plain=_plain(exc))
    else:
        what = _plain(exc)
    return translate("Disk", "History could not be saved: {what}. {memory}.").format(
        what=what, memory=memory
    )


def _plain(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.rstrip(".")
    message = getattr(exc, "message", None)
    text = message if isinstance(message, str) else str(exc)
    return text.strip().rstrip(".") or type(exc).__name__
