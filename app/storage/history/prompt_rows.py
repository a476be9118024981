"""Rows of the prompt-library tables to and from core types (variables and params as JSON).

A row another program or a bug damaged (text where a number belongs) is read as far as it can
be: a damaged time is unknown (0), a version without a usable number a LibraryError sentence.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from typing import Any, Final

from app.core.prompts.library import LibraryError, PromptSummary, PromptVersion
from app.core.prompts.ref import PromptRef, PromptRefError
from app.storage.history.rows import decode_specs

VERSION_COLUMNS: Final = "v.id, v.prompt_id, v.number, v.text, v.variables, v.note, v.created_at"
DAMAGED_VERSION: Final = (
    "A version of that prompt is damaged in the history file and cannot be read; "
    "its other versions can."
)


def version_from_row(row: sqlite3.Row | tuple[Any, ...]) -> PromptVersion:
    """A PromptVersion from VERSION_COLUMNS; LibraryError (DAMAGED_VERSION) if it has no number."""
    version_id, prompt_id, number = (whole(value) for value in row[:3])
    if version_id is None or prompt_id is None or number is None or number < 1:
        raise LibraryError(DAMAGED_VERSION)
    return PromptVersion(
        id=version_id,
        prompt_id=prompt_id,
        number=number,
        text=str(row[3]),
        variables=decode_specs(str(row[4])),
        note=str(row[5]),
        created_at=stored_time(row[6]),
    )


def readable_versions(rows: Sequence[sqlite3.Row | tuple[Any, ...]]) -> list[PromptVersion]:
    """The versions of `rows`, leaving out damaged ones (so the rest can still be listed)."""
    versions = []
    for row in rows:
        try:
            versions.append(version_from_row(row))
        except LibraryError:
            continue
    return versions


def whole(value: object) -> int | None:
    """A stored whole number; None if the column holds anything else (SQLite keeps any type)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def stored_time(value: object) -> float:
    """A stored time; 0.0 (unknown) if the column holds anything but a finite number."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return 0.0


def parse_ref(text: str) -> PromptRef | None:
    """A stored reference; None for "" and for one this version cannot read."""
    try:
        return PromptRef.parse(text)
    except PromptRefError:
        return None


def summary_from_row(
    row: sqlite3.Row | tuple[Any, ...], labels: Sequence[tuple[str, int]]
) -> PromptSummary:
    """A PromptSummary from (id, name, latest, updated_at, forked_from)."""
    return PromptSummary(
        id=int(row[0]),  # the table's INTEGER PRIMARY KEY: always a whole number
        name=str(row[1]),
        latest=whole(row[2]) or 0,
        labels=tuple(labels),
        updated_at=stored_time(row[3]),
        forked_from=parse_ref(str(row[4])),
    )
