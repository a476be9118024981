"""The prompt library of a history file, opened read-only (for `llamadesk eval`, while the
window may be writing to the same file)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from app.storage.history import files
from app.storage.history.database import HistoryDatabase
from app.storage.history.files import HistoryUnavailable
from app.storage.history.prompt_store import PromptStore
from app.storage.history.schema import SCHEMA_VERSION, schema_version


def open_library_read_only(path: Path) -> tuple[PromptStore, HistoryDatabase]:
    """The library in `path` and the database to close when done; HistoryUnavailable if the
    file is missing, damaged, or of another schema version (nothing is written: no migration,
    no recovery of interrupted replies, which the window does when it opens the file)."""
    if not path.is_file():
        raise HistoryUnavailable(f"There is no LlamaDesk history at {path}.", [])
    files.check_database(path, full=False)  # a foreign, damaged-at-a-glance or newer file
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=5.0
        )
        version = schema_version(conn)
    except sqlite3.Error as exc:
        raise files.refused(path, exc) from exc
    if version != SCHEMA_VERSION:
        conn.close()
        raise HistoryUnavailable(
            f"The history at {path} is from an older LlamaDesk (version {version}); open the "
            "window once to update it, then run this again.",
            [],
        )
    db = HistoryDatabase(conn, path, clock=time.time)
    db.checked.set()
    return PromptStore(db), db
