"""The prompt library in the history file: immutable versions, moving labels, trash, presets.

It shares the history's connection, lock and checked writes, so a prompt version and the reply
that used it are in one file, in one backup, and every write is committed when a method returns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from app.core.prompts.exchange import MAX_FILE_BYTES, ImportedPrompt, dump, parse
from app.core.prompts.library import (
    LibraryError,
    Preset,
    PromptLibrary,
    PromptSummary,
    PromptVersion,
)
from app.core.prompts.ref import MAX_VERSION_NUMBER, PromptRef, is_label
from app.core.prompts.rules import check_note, check_text, check_variables, clean_name
from app.core.prompts.text_form import normalise_newlines
from app.core.prompts.variables import VariableSpec
from app.storage.history import presets
from app.storage.history.database import HistoryDatabase
from app.storage.history.prompt_files import exported, insert_imported
from app.storage.history.prompt_rows import (
    VERSION_COLUMNS,
    readable_versions,
    summary_from_row,
    version_from_row,
    whole,
)
from app.storage.history.rows import encode_specs, storable, storable_specs
from app.storage.limited_read import read_limited

GONE: Final = "That prompt no longer exists; it may have been removed in another window."
_LABEL_CHUNK: Final = 500  # ids per IN (...): below every SQLite's variable limit
_SUMMARY: Final = (
    "SELECT p.id, p.name, (SELECT max(number) FROM prompt_versions WHERE prompt_id = p.id), "
    "p.updated_at, p.forked_from FROM prompts p"
)
#: The newest version's text: the last entry for the prompt in the (prompt_id, number) index.
_NEWEST_TEXT: Final = (
    "(SELECT text FROM prompt_versions WHERE prompt_id = p.id ORDER BY number DESC LIMIT 1)"
)


def _contains(haystack: str | None, needle: str) -> bool:
    # SQLite's LIKE and lower() fold ASCII only; casefold also matches "Über" with "über".
    return haystack is not None and needle in haystack.casefold()


class PromptStore:
    """A `PromptLibrary` on an open history; thread-safe, every write committed on return."""

    def __init__(self, db: HistoryDatabase) -> None:
        self._db = db
        with db._lock:
            db._conn.create_function("llamadesk_contains", 2, _contains, deterministic=True)

    # Reading ------------------------------------------------------------------------------

    def prompts(
        self, query: str = "", *, limit: int = 500, offset: int = 0, deleted: bool = False
    ) -> list[PromptSummary]:
        """Prompts whose name or newest text contains `query` (any case), newest change first.

        `deleted=True` lists the trash instead, most recently deleted first.
        """
        where = "p.deleted_at IS NOT NULL" if deleted else "p.deleted_at IS NULL"
        order = "p.deleted_at DESC, p.id DESC" if deleted else "p.updated_at DESC, p.id DESC"
        args: tuple[object, ...] = ()
        needle = " ".join(query.split()).casefold()
        if needle:
            where += (
                f" AND (llamadesk_contains(p.name, ?) OR llamadesk_contains({_NEWEST_TEXT}, ?))"
            )
            args = (needle, needle)
        sql = f"{_SUMMARY} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        with self._db._lock:
            rows = self._db._conn.execute(sql, (*args, max(0, limit), max(0, offset))).fetchall()
            labels = self._labels(self._db._conn, [int(r[0]) for r in rows])
        return [summary_from_row(r, labels.get(int(r[0]), [])) for r in rows]

    def prompt_count(self, *, deleted: bool = False) -> int:
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        return int(self._db._rows(f"SELECT count(*) FROM prompts WHERE {where}")[0][0])

    def prompt(self, prompt_id: int) -> PromptSummary:
        with self._db._lock:
            rows = self._db._conn.execute(f"{_SUMMARY} WHERE p.id = ?", (prompt_id,)).fetchall()
            if not rows:
                raise LibraryError(GONE)
            labels = self._labels(self._db._conn, [prompt_id])
        return summary_from_row(rows[0], labels.get(prompt_id, []))

    def is_deleted(self, prompt_id: int) -> bool:
        rows = self._db._rows("SELECT deleted_at FROM prompts WHERE id = ?", (prompt_id,))
        if not rows:
            raise LibraryError(GONE)
        return rows[0][0] is not None

    def versions(self, prompt_id: int) -> list[PromptVersion]:
        """Every version, newest first."""
        with self._db._lock:
            self._require(self._db._conn, prompt_id)
            rows = self._db._conn.execute(
                f"SELECT {VERSION_COLUMNS} FROM prompt_versions v WHERE v.prompt_id = ? "
                "ORDER BY v.number DESC",
                (prompt_id,),
            ).fetchall()
        return readable_versions(rows)

    def version(self, prompt_id: int, number: int) -> PromptVersion:
        with self._db._lock:
            return self._version(self._db._conn, prompt_id, number)

    def latest(self, prompt_id: int) -> PromptVersion:
        """The newest version."""
        with self._db._lock:
            return self._latest(self._db._conn, prompt_id)

    def resolve(self, ref: PromptRef) -> PromptVersion:
        """The version a reference names now (a label: where it points today)."""
        with self._db._lock:
            conn = self._db._conn
            if ref.version is not None:
                return self._version(conn, ref.prompt_id, ref.version)
            row = conn.execute(
                "SELECT number FROM prompt_labels WHERE prompt_id = ? AND label = ?",
                (ref.prompt_id, ref.label),
            ).fetchone()
            if row is None:
                self._require(conn, ref.prompt_id)
                raise LibraryError(
                    f"The label “{ref.label}” is no longer on that prompt; pick a version or "
                    "another label."
                )
            return self._version(conn, ref.prompt_id, int(row[0]))

    # Writing versions ---------------------------------------------------------------------

    def create(
        self, name: str, text: str, variables: Sequence[VariableSpec] = (), note: str = ""
    ) -> PromptVersion:
        """A new prompt with its version 1."""
        name = clean_name(storable(name))
        text, specs, note = self._checked(text, variables, note)
        with self._db._write() as conn:
            prompt_id = self._insert_prompt(conn, name, "")
            return self._insert_version(conn, prompt_id, 1, text, specs, note)

    def save_version(
        self,
        prompt_id: int,
        text: str,
        variables: Sequence[VariableSpec] = (),
        note: str = "",
    ) -> PromptVersion:
        """A new version; one equal to the newest (text and variables) is not saved again."""
        text, specs, note = self._checked(text, variables, note)
        with self._db._write() as conn:
            return self._add_version(conn, prompt_id, text, specs, note)

    def revert(self, prompt_id: int, number: int) -> PromptVersion:
        """A new version equal to version `number`, noted as a revert."""
        with self._db._write() as conn:
            old = self._version(conn, prompt_id, number)
            note = f"Reverted to version {number}"
            return self._add_version(conn, prompt_id, old.text, old.variables, note)

    def fork(self, prompt_id: int, number: int, name: str) -> PromptVersion:
        """A new prompt whose version 1 is that version; it remembers where it came from."""
        name = clean_name(storable(name))
        with self._db._write() as conn:
            old = self._version(conn, prompt_id, number)
            source = conn.execute("SELECT name FROM prompts WHERE id = ?", (prompt_id,)).fetchone()
            note = f"Forked from “{source[0]}” version {number}"
            forked = self._insert_prompt(conn, name, f"{prompt_id}@{number}")
            return self._insert_version(conn, forked, 1, old.text, old.variables, note)

    def rename(self, prompt_id: int, name: str) -> None:
        name = clean_name(storable(name))
        with self._db._write() as conn:
            self._require(conn, prompt_id)
            conn.execute(
                "UPDATE prompts SET name = ?, updated_at = ? WHERE id = ?",
                (name, self._db._clock(), prompt_id),
            )

    # Labels and trash ---------------------------------------------------------------------

    def set_label(self, prompt_id: int, label: str, number: int) -> None:
        """Point `label` at version `number` (moving it if it pointed elsewhere)."""
        if not is_label(label):
            raise LibraryError(
                f"“{label[:60]}” cannot be a label: use letters, digits, “.”, “_” and “-”, "
                "starting with a letter or digit, at most 40 characters."
            )
        with self._db._write() as conn:
            self._version(conn, prompt_id, number)
            now = self._db._clock()
            conn.execute(
                "INSERT INTO prompt_labels (prompt_id, label, number, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (prompt_id, label) "
                "DO UPDATE SET number = excluded.number, updated_at = excluded.updated_at",
                (prompt_id, label, number, now),
            )
            conn.execute("UPDATE prompts SET updated_at = ? WHERE id = ?", (now, prompt_id))

    def remove_label(self, prompt_id: int, label: str) -> None:
        """Take `label` off the prompt (nothing happens if it is not there)."""
        with self._db._write() as conn:
            self._require(conn, prompt_id)
            cur = conn.execute(
                "DELETE FROM prompt_labels WHERE prompt_id = ? AND label = ?", (prompt_id, label)
            )
            if cur.rowcount:
                conn.execute(
                    "UPDATE prompts SET updated_at = ? WHERE id = ?",
                    (self._db._clock(), prompt_id),
                )

    def delete(self, prompt_id: int) -> None:
        """Move to the trash (chats and replies keep their text and provenance)."""
        self._set_deleted(prompt_id, self._db._clock())

    def undelete(self, prompt_id: int) -> None:
        self._set_deleted(prompt_id, None)

    def _set_deleted(self, prompt_id: int, when: float | None) -> None:
        with self._db._write() as conn:
            self._require(conn, prompt_id)
            conn.execute("UPDATE prompts SET deleted_at = ? WHERE id = ?", (when, prompt_id))

    # Presets ------------------------------------------------------------------------------

    def presets(self) -> list[Preset]:
        """Every preset, by name."""
        with self._db._lock:
            return presets.all_presets(self._db._conn)

    def save_preset(self, preset: Preset) -> Preset:
        """Insert (id 0) or update a preset; returns it with its id."""
        presets.preset_values(preset)  # refused before waiting for the write lock
        with self._db._write() as conn:
            return presets.save_preset(conn, preset, self._db._clock())

    def delete_preset(self, preset_id: int) -> None:
        """Remove a preset for good (nothing happens if it is already gone)."""
        with self._db._write() as conn:
            conn.execute("DELETE FROM presets WHERE id = ?", (preset_id,))

    # Import and export --------------------------------------------------------------------

    def export_prompts(self, ids: Sequence[int] | None = None) -> bytes:
        """A library file with `ids` (None: every prompt not in the trash), all their versions."""
        with self._db._lock:
            items = exported(self._db._conn, ids, GONE)
        return dump(items)

    def import_prompts(self, items: Sequence[ImportedPrompt]) -> list[int]:
        """Add every item as a new prompt, all in one transaction; their new ids, in order."""
        with self._db._write() as conn:
            return insert_imported(conn, items, self._db._clock())

    def import_file(self, path: Path) -> list[int]:
        """Import a library file; LibraryError saying what is wrong with it, OSError if unread.

        At most exchange.MAX_FILE_BYTES are read, and only from a regular file (FileRefused,
        an OSError, otherwise).
        """
        return self.import_prompts(parse(read_limited(path, MAX_FILE_BYTES)))

    # Helpers (called with the lock held) --------------------------------------------------

    @staticmethod
    def _checked(
        text: str, variables: Sequence[VariableSpec], note: str
    ) -> tuple[str, tuple[VariableSpec, ...], str]:
        # One kind of line break, as the editor holds it: an edit that changed nothing is no
        # new version, and the same text always compares equal.
        text = normalise_newlines(storable(text))
        note, specs = storable(note.strip()), storable_specs(variables)
        check_text(text)
        check_note(note)
        check_variables(specs)
        return text, specs, note

    def _insert_prompt(self, conn: sqlite3.Connection, name: str, forked_from: str) -> int:
        now = self._db._clock()
        cur = conn.execute(
            "INSERT INTO prompts (name, forked_from, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (name, forked_from, now, now),
        )
        return int(cur.lastrowid or 0)

    def _add_version(
        self,
        conn: sqlite3.Connection,
        prompt_id: int,
        text: str,
        specs: tuple[VariableSpec, ...],
        note: str,
    ) -> PromptVersion:
        row = conn.execute("SELECT deleted_at FROM prompts WHERE id = ?", (prompt_id,)).fetchone()
        if row is None:
            raise LibraryError(GONE)
        if row[0] is not None:
            raise LibraryError("That prompt is in the trash; restore it before changing it.")
        newest = self._latest(conn, prompt_id)
        if newest.text == text and newest.variables == specs:
            return newest
        if newest.number >= MAX_VERSION_NUMBER:
            raise LibraryError(
                f"This prompt has reached version {MAX_VERSION_NUMBER:,}, the highest a "
                "reference can name; fork it to go on changing it."
            )
        return self._insert_version(conn, prompt_id, newest.number + 1, text, specs, note)

    def _insert_version(
        self,
        conn: sqlite3.Connection,
        prompt_id: int,
        number: int,
        text: str,
        specs: Sequence[VariableSpec],
        note: str,
        created_at: float | None = None,
    ) -> PromptVersion:
        now = self._db._clock()
        when = now if created_at is None else created_at
        cur = conn.execute(
            "INSERT INTO prompt_versions (prompt_id, number, text, variables, note, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (prompt_id, number, text, encode_specs(specs), note, when),
        )
        conn.execute("UPDATE prompts SET updated_at = ? WHERE id = ?", (now, prompt_id))
        return PromptVersion(
            int(cur.lastrowid or 0), prompt_id, number, text, tuple(specs), note, when
        )

    @staticmethod
    def _require(conn: sqlite3.Connection, prompt_id: int) -> None:
        if conn.execute("SELECT 1 FROM prompts WHERE id = ?", (prompt_id,)).fetchone() is None:
            raise LibraryError(GONE)

    def _version(self, conn: sqlite3.Connection, prompt_id: int, number: int) -> PromptVersion:
        row = conn.execute(
            f"SELECT {VERSION_COLUMNS} FROM prompt_versions v "
            "WHERE v.prompt_id = ? AND v.number = ?",
            (prompt_id, number),
        ).fetchone()
        if row is None:
            self._require(conn, prompt_id)
            raise LibraryError(f"Version {number} of that prompt does not exist.")
        return version_from_row(row)

    def _latest(self, conn: sqlite3.Connection, prompt_id: int) -> PromptVersion:
        row = conn.execute(
            f"SELECT {VERSION_COLUMNS} FROM prompt_versions v WHERE v.prompt_id = ? "
            "ORDER BY v.number DESC LIMIT 1",
            (prompt_id,),
        ).fetchone()
        if row is None:
            raise LibraryError(GONE)
        return version_from_row(row)

    @staticmethod
    def _labels(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[tuple[str, int]]]:
        found: dict[int, list[tuple[str, int]]] = {}
        for start in range(0, len(ids), _LABEL_CHUNK):
            chunk = ids[start : start + _LABEL_CHUNK]
            marks = ",".join("?" * len(chunk))
            for prompt_id, label, number in conn.execute(
                f"SELECT prompt_id, label, number FROM prompt_labels "
                f"WHERE prompt_id IN ({marks}) ORDER BY label",
                chunk,
            ):
                if whole(number) is not None:  # a damaged label is left off
                    found.setdefault(int(prompt_id), []).append((str(label), number))
        return found


if TYPE_CHECKING:  # mypy proves the store is the library the core asks for

    def _is_a_library(store: PromptStore) -> PromptLibrary:
        return store
