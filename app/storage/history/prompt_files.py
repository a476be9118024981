"""The prompt library's side of import and export: tables to file items and items to new rows.

An import never overwrites: every prompt is added as a new one (a name already in the library
gets " (imported)"), with its version numbers, notes, dates and labels as the file has them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Final

from app.core.i18n import translate
from app.core.prompts.exchange import ImportedPrompt
from app.core.prompts.library import MAX_PROMPT_NAME_CHARS, LibraryError
from app.core.prompts.ref import MAX_VERSION_NUMBER, PromptRef, PromptRefError, is_label
from app.core.prompts.rules import check_note, check_text, check_variables, clean_name
from app.core.prompts.text_form import normalise_newlines
from app.storage.history.prompt_rows import VERSION_COLUMNS, version_from_row, whole
from app.storage.history.rows import encode_specs, storable, storable_specs

IMPORTED: Final = " (imported)"


def exported(
    conn: sqlite3.Connection, ids: Sequence[int] | None, gone: str
) -> list[ImportedPrompt]:
    """The prompts `ids` (None: every prompt not in the trash) as file items, oldest first."""
    if ids is None:
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM prompts WHERE deleted_at IS NULL")]
    items: list[ImportedPrompt] = []
    for prompt_id in sorted(set(ids)):
        row = conn.execute(
            "SELECT name, forked_from FROM prompts WHERE id = ?", (prompt_id,)
        ).fetchone()
        if row is None:
            raise LibraryError(gone)
        versions = conn.execute(
            f"SELECT {VERSION_COLUMNS} FROM prompt_versions v WHERE v.prompt_id = ? "
            "ORDER BY v.number",
            (prompt_id,),
        ).fetchall()
        labels = conn.execute(
            "SELECT label, number FROM prompt_labels WHERE prompt_id = ? ORDER BY label",
            (prompt_id,),
        ).fetchall()
        items.append(
            ImportedPrompt(
                name=str(row[0]),
                versions=tuple(version_from_row(v) for v in versions),
                labels=tuple((str(label), n) for label, n in labels if whole(n) is not None),
                forked_from=str(row[1]),
                source_id=prompt_id,
            )
        )
    return items


def insert_imported(
    conn: sqlite3.Connection, items: Sequence[ImportedPrompt], now: float
) -> list[int]:
    """Add every item as a new prompt (inside the caller's transaction); their new ids."""
    taken = {str(r[0]) for r in conn.execute("SELECT name FROM prompts WHERE deleted_at IS NULL")}
    tried: dict[str, int] = {}
    new_ids: list[int] = []
    by_source: dict[int, int] = {}
    for item in items:
        name = _free_name(clean_name(storable(item.name)), taken, tried)
        taken.add(name)
        _check(item)
        first = item.versions[0].created_at or now
        cur = conn.execute(
            "INSERT INTO prompts (name, created_at, updated_at) VALUES (?, ?, ?)",
            (name, first, now),
        )
        prompt_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO prompt_versions (prompt_id, number, text, variables, note, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    prompt_id,
                    v.number,
                    normalise_newlines(storable(v.text)),  # as a saved version is
                    encode_specs(storable_specs(v.variables)),
                    storable(v.note),
                    v.created_at or now,
                )
                for v in item.versions
            ),
        )
        conn.executemany(
            "INSERT INTO prompt_labels (prompt_id, label, number, updated_at) VALUES (?, ?, ?, ?)",
            ((prompt_id, label, number, now) for label, number in item.labels),
        )
        new_ids.append(prompt_id)
        if item.source_id:
            by_source[item.source_id] = prompt_id
    _link_forks(conn, items, new_ids, by_source)
    return new_ids


def _link_forks(
    conn: sqlite3.Connection,
    items: Sequence[ImportedPrompt],
    new_ids: list[int],
    by_source: dict[int, int],
) -> None:
    """A fork whose source came in the same file points at its new id; other links are dropped.

    Ids are the writing library's: outside the file they would name some unrelated prompt.
    """
    for item, prompt_id in zip(items, new_ids, strict=True):
        try:
            ref = PromptRef.parse(item.forked_from)
        except PromptRefError:
            continue
        if ref is not None and ref.version is not None and ref.prompt_id in by_source:
            link = f"{by_source[ref.prompt_id]}@{ref.version}"
            conn.execute("UPDATE prompts SET forked_from = ? WHERE id = ?", (link, prompt_id))


def _free_name(name: str, taken: set[str], tried: dict[str, int]) -> str:
    """`name`, or `name (imported)`, `name (imported 2)`… when the library already has it.

    `tried` remembers, per name, the first number not yet found taken: `taken` only grows, so
    a file of 6,000 prompts with one name tries each number once (not 1 + 2 + … + 6,000 times).
    """
    if name not in taken:
        return name
    n = tried.get(name, 1)
    while True:  # ends: `taken` is finite
        suffix = IMPORTED if n == 1 else translate("PromptFiles", " (imported {n})").format(n=n)
        candidate = name[: MAX_PROMPT_NAME_CHARS - len(suffix)].rstrip() + suffix
        n += 1
        if candidate not in taken:
            tried[name] = n
            return candidate


def _check(item: ImportedPrompt) -> None:
    """What `exchange.parse` checked, again: items may also be built in code (the benchmark)."""
    if not item.versions:
        raise LibraryError(
            translate("PromptFiles", "“{name}” has no versions.").format(name=item.name[:60])
        )
    previous = 0
    for v in item.versions:
        if v.number <= previous:
            raise LibraryError(
                translate("PromptFiles", "The versions of “{name}” are not in order.").format(
                    name=item.name[:60]
                )
            )
        if v.number > MAX_VERSION_NUMBER:
            raise LibraryError(
                translate(
                    "PromptFiles", "“{name}” has a version numbered above {MAX_VERSION_NUMBER:,}."
                ).format(name=item.name[:60], MAX_VERSION_NUMBER=MAX_VERSION_NUMBER)
            )
        previous = v.number
        check_text(v.text)
        check_note(v.note)
        check_variables(v.variables)
    numbers = {v.number for v in item.versions}
    for label, number in item.labels:
        if not is_label(label) or number not in numbers:
            raise LibraryError(
                translate("PromptFiles", "The label “{label}” of “{name}” is not usable.").format(
                    label=label[:60], name=item.name[:60]
                )
            )
