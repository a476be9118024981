"""SQL that tells a compare's panes from the conversations the sidebar lists.

A pane is a conversation of its own (compare_of names its compare, `pane` its place), so it
is stored, searched and recovered like any chat; the user sees only its compare. A row whose
compare_of names no compare (a damaged file) is treated as a chat of its own, never hidden.
"""

from __future__ import annotations

import sqlite3
from typing import Final

#: True for a row `c` that is a chat or a compare, not a pane (the sidebar lists only these).
TOP_LEVEL: Final = (
    "(c.compare_of IS NULL OR NOT EXISTS "
    "(SELECT 1 FROM conversations p WHERE p.id = c.compare_of AND p.kind = 'compare'))"
)
#: The compare a conversation (the ? parameter) is a pane of; NULL for anything else.
COMPARE_OF: Final = (
    "(SELECT p.id FROM conversations c JOIN conversations p "
    "ON p.id = c.compare_of AND p.kind = 'compare' WHERE c.id = ?)"
)


def pane_ids(conn: sqlite3.Connection, compare_id: int) -> list[int]:
    """A compare's panes, left to right ([] for a chat); a pane without a place goes last."""
    rows = conn.execute(
        "SELECT c.id FROM conversations c JOIN conversations p ON p.id = c.compare_of "
        "WHERE p.id = ? AND p.kind = 'compare' ORDER BY c.pane IS NULL, c.pane, c.id",
        (compare_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def family(conn: sqlite3.Connection, conversation_id: int) -> list[int]:
    """The conversation and, for a compare, its panes: what rename, pin and delete act on."""
    return [conversation_id, *pane_ids(conn, conversation_id)]


def compare_of(conn: sqlite3.Connection, conversation_id: int) -> int | None:
    row = conn.execute(f"SELECT {COMPARE_OF}", (conversation_id,)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def in_list(ids: list[int]) -> str:
    """`(?, ?, …)` for `ids` (a family: a handful, far below SQLite's variable limit)."""
    return "(" + ", ".join("?" * len(ids)) + ")"
