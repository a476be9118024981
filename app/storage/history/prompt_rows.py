"""Rows of the prompt-library tables to and from core types (variables and params as JSON)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, Final

from app.core.prompts.library import PromptSummary, PromptVersion
from app.core.prompts.ref import PromptRef, PromptRefError
from app.storage.history.rows import decode_specs

VERSION_COLUMNS: Final = "v.id, v.prompt_id, v.number, v.text, v.variables, v.note, v.created_at"


def version_from_row(row: sqlite3.Row | tuple[Any, ...]) -> PromptVersion:
    """A PromptVersion from VERSION_COLUMNS."""
    return PromptVersion(
        id=int(row[0]),
        prompt_id=int(row[1]),
        number=int(row[2]),
        text=str(row[3]),
        variables=decode_specs(str(row[4])),
        note=str(row[5]),
        created_at=float(row[6]),
    )


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
        id=int(row[0]),
        name=str(row[1]),
        latest=int(row[2] or 0),
        labels=tuple(labels),
        updated_at=float(row[3]),
        forked_from=parse_ref(str(row[4])),
    )
