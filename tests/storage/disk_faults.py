"""Honest disk faults that work as root in CI, without mounts: a full disk, a read-only folder.

- Full disk: SQLite's own `PRAGMA max_page_count`, set on every read-write connection to a
  history.db to the pages it holds now. The next write that needs a page fails with
  SQLITE_FULL, "database or disk is full": exactly what SQLite reports on a full disk. A new
  history (0 pages) cannot even be created. Only the history is full this way; settings.json
  is written as usual.
- Read-only folder: mode 0500, which the kernel enforces for every user but root; root passes
  only through its CAP_DAC_OVERRIDE capability, so as root this thread's (and the threads it
  starts') effective set drops it for the duration. The refusals are the kernel's own EACCES.
"""

from __future__ import annotations

import ctypes
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_CAPABILITY_VERSION_3 = 0x20080522
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2
_OVERRIDES = (1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH)


def full_disk_connect(real: Callable[..., sqlite3.Connection]) -> Callable[..., sqlite3.Connection]:
    """`sqlite3.connect`, but a history.db opened for writing cannot grow by a single page."""

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(database, *args, **kwargs)
        if not kwargs.get("uri") and Path(str(database)).name == "history.db":
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            conn.execute(f"PRAGMA max_page_count = {max(pages, 1):d}")
        return conn

    return connect


def make_disk_full() -> None:
    """For a whole process (the app driver): every history write from now on needs space."""
    sqlite3.connect = full_disk_connect(sqlite3.connect)  # type: ignore[assignment]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _capabilities(change: Callable[[_CapData], None] | None = None) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(_CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    if change is not None:
        change(data[0])  # capabilities 0-31 live in the first word
        if libc.capset(ctypes.byref(header), data) != 0:
            raise OSError(ctypes.get_errno(), "capset failed")


def drop_root_override(*, for_good: bool = False) -> None:
    """As root, obey file permission bits like any user (this thread and threads it starts)."""
    if os.geteuid() != 0:
        return

    def drop(caps: _CapData) -> None:
        caps.effective &= ~_OVERRIDES
        if for_good:
            caps.permitted &= ~_OVERRIDES

    _capabilities(drop)


def _restore_root_override() -> None:
    if os.geteuid() != 0:
        return

    def restore(caps: _CapData) -> None:
        caps.effective |= _OVERRIDES & caps.permitted

    _capabilities(restore)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """`folder` (and the files in it) read-only for this process while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [p for p in folder.iterdir() if p.is_file()]
    for path in files:
        path.chmod(0o400)
    folder.chmod(0o500)
    drop_root_override()
    try:
        yield folder
    finally:
        _restore_root_override()
        folder.chmod(0o700)
        for path in files:
            path.chmod(0o600)
