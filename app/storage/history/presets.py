"""SQL on presets (a prompt version or label, parameters and an endpoint): rows, checks, saving."""

from __future__ import annotations

import sqlite3
from typing import Any, Final

from app.core.prompts.library import LibraryError, Preset
from app.core.prompts.ref import PromptRef, PromptRefError
from app.core.request import PromptMode
from app.storage.history.prompt_rows import parse_ref
from app.storage.history.rows import decode_params, encode_params, storable

PRESET_COLUMNS: Final = "id, name, prompt_ref, params, profile_id, prompt_mode"
MAX_PRESET_NAME_CHARS: Final = 200
MAX_PROFILE_ID_CHARS: Final = 200


def preset_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Preset:
    """A Preset from PRESET_COLUMNS; a reference or mode this version cannot read is dropped."""
    ref = parse_ref(str(row[2]))
    mode = row[5] if row[5] in set(PromptMode) else PromptMode.CHAT
    return Preset(
        id=int(row[0]),
        name=str(row[1]),
        prompt_ref="" if ref is None else str(ref),
        params=decode_params(str(row[3])),
        profile_id=str(row[4]),
        prompt_mode=PromptMode(mode),
    )


def all_presets(conn: sqlite3.Connection) -> list[Preset]:
    rows = conn.execute(
        f"SELECT {PRESET_COLUMNS} FROM presets ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    return [preset_from_row(r) for r in rows]


def preset_values(preset: Preset) -> tuple[str, str, str, str, str]:
    """(name, prompt_ref, params, profile_id, prompt_mode) as stored; LibraryError if unusable."""
    name = " ".join(storable(preset.name).split())
    if not name:
        raise LibraryError("A preset needs a name.")
    if len(name) > MAX_PRESET_NAME_CHARS:
        raise LibraryError(f"A preset's name can be at most {MAX_PRESET_NAME_CHARS} characters.")
    try:
        ref = PromptRef.parse(preset.prompt_ref)
    except PromptRefError:
        raise LibraryError(
            f"“{preset.prompt_ref[:60]}” is not a prompt version or label."
        ) from None
    if len(preset.profile_id) > MAX_PROFILE_ID_CHARS:
        raise LibraryError("That endpoint's id is too long to keep in a preset.")
    return (
        name,
        "" if ref is None else str(ref),
        encode_params(preset.params),
        storable(preset.profile_id),
        str(preset.prompt_mode),
    )


def save_preset(conn: sqlite3.Connection, preset: Preset, now: float) -> Preset:
    """Insert (id 0) or update; LibraryError if it is unusable or no longer there."""
    values = preset_values(preset)
    if preset.id == 0:
        cur = conn.execute(
            "INSERT INTO presets (name, prompt_ref, params, profile_id, prompt_mode, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*values, now, now),
        )
        preset_id = int(cur.lastrowid or 0)
    else:
        cur = conn.execute(
            "UPDATE presets SET name = ?, prompt_ref = ?, params = ?, profile_id = ?, "
            "prompt_mode = ?, updated_at = ? WHERE id = ?",
            (*values, now, preset.id),
        )
        if not cur.rowcount:
            raise LibraryError("That preset no longer exists; save it as a new one.")
        preset_id = preset.id
    row = conn.execute(
        f"SELECT {PRESET_COLUMNS} FROM presets WHERE id = ?", (preset_id,)
    ).fetchone()
    return preset_from_row(row)
