"""Prompt-library files: one prompt with all its versions, or the whole library, as JSON.

A file is read completely and checked before anything is imported: a malformed, hostile or
newer file is refused with a sentence naming what is wrong, so an import changes nothing or
adds everything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, NoReturn, TypeGuard

from app.core.iso_times import from_iso, iso
from app.core.json_values import json_values
from app.core.prompts.library import LibraryError, PromptVersion
from app.core.prompts.ref import MAX_VERSION_NUMBER, PromptRef, PromptRefError, is_label
from app.core.prompts.rules import (
    check_note,
    check_text,
    check_variables,
    clean_name,
    spec_from_json,
    spec_to_json,
)

FORMAT: Final = "llamadesk-prompts"
FORMAT_VERSION: Final = 1
#: 1,000 prompts × 50 versions of 2,000 characters is about 105 MB of JSON; the limit leaves
#: room for twice that, or for text outside ASCII (two or three bytes a character).
MAX_FILE_BYTES: Final = 200_000_000
#: json.loads builds an object of 30-200 bytes for every JSON value, so the byte limit alone
#: does not bound memory (20 MB of `{},` took ~490 MB). A version is about 15 values and each
#: variable it declares about 20 more: this holds 1,000 prompts × 50 versions with 4 variables
#: on every version, and parsing stays under ~400 MB whatever the file holds.
MAX_FILE_VALUES: Final = 5_000_000
MAX_PROMPTS: Final = 10_000
MAX_VERSIONS: Final = 10_000  # per prompt
MAX_LABELS: Final = 100  # per prompt
#: A file's version numbers leave room for a million more saves below MAX_VERSION_NUMBER.
MAX_IMPORTED_VERSION: Final = MAX_VERSION_NUMBER - 1_000_000
_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


class ImportRefused(LibraryError):
    """The file cannot be imported; the message says what is wrong with it."""


@dataclass(frozen=True, slots=True)
class ImportedPrompt:
    """One prompt of a file: its versions oldest first (ids 0: not stored yet) and labels."""

    name: str
    versions: tuple[PromptVersion, ...]
    labels: tuple[tuple[str, int], ...] = ()  # (label, version number)
    forked_from: str = ""  # "id@n" in the library that wrote the file
    source_id: int = 0  # its id there: links a fork to its source when both are in the file


def dump(prompts: Sequence[ImportedPrompt]) -> bytes:
    """The file for `prompts` (UTF-8 JSON)."""
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "prompts": [_prompt_json(p) for p in prompts],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _prompt_json(prompt: ImportedPrompt) -> dict[str, Any]:
    return {
        "id": prompt.source_id or None,
        "name": prompt.name,
        "forked_from": prompt.forked_from,
        "labels": dict(prompt.labels),
        "versions": [
            {
                "number": v.number,
                "created_at": iso(v.created_at),
                "note": v.note,
                "variables": [spec_to_json(s) for s in v.variables],
                "text": v.text,
            }
            for v in prompt.versions
        ],
    }


def _refuse(what: str) -> NoReturn:
    raise ImportRefused(f"This file cannot be imported: {what}. Nothing was changed.")


def parse(data: bytes) -> list[ImportedPrompt]:
    """The prompts in a file; ImportRefused naming what is wrong if any part is not right."""
    if len(data) > MAX_FILE_BYTES:
        _refuse(f"it is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if json_values(data, MAX_FILE_VALUES) > MAX_FILE_VALUES:
        _refuse(
            f"it holds more than {MAX_FILE_VALUES:,} JSON values (texts, numbers, lists and "
            "objects), more than LlamaDesk reads from one file; export fewer prompts per file"
        )
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        _refuse("it is not UTF-8 text")
    except RecursionError:  # "[[[[…" nested deeper than Python's stack
        _refuse("it nests too deeply to be a prompt library")
    except ValueError:
        _refuse("it is not JSON")
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        _refuse("it is not a LlamaDesk prompt library file")
    version = raw.get("version")
    if not _is_int(version) or version < 1:
        _refuse("its format version is missing")
    if version > FORMAT_VERSION:
        _refuse("it was written by a newer LlamaDesk; update LlamaDesk to import it")
    items = raw.get("prompts")
    if not isinstance(items, list) or not items:
        _refuse("it holds no prompts")
    if len(items) > MAX_PROMPTS:
        _refuse(f"it holds more than {MAX_PROMPTS:,} prompts")
    prompts = [_prompt(item, n) for n, item in enumerate(items, 1)]
    ids = [p.source_id for p in prompts if p.source_id]
    if len(ids) != len(set(ids)):
        _refuse("two prompts have the same id")
    return prompts


def _prompt(raw: object, index: int) -> ImportedPrompt:
    where = f"prompt {index}"
    if not isinstance(raw, dict):
        _refuse(f"{where} is not a JSON object")
    try:
        name = clean_name(_text(raw.get("name"), f"the name of {where}"))
    except LibraryError as exc:
        _refuse(f"{where}: {_clause(exc)}")
    where = f"prompt {index} (“{name[:60]}”)"
    source_id = raw.get("id")
    if source_id is not None and not (_is_int(source_id) and source_id > 0):
        _refuse(f"the id of {where} is not a positive whole number")
    forked_from = _text(raw.get("forked_from", ""), f"where {where} was forked from")
    if forked_from:
        try:
            ref = PromptRef.parse(forked_from)
        except PromptRefError:
            ref = None
        if ref is None or ref.version is None:
            _refuse(f"where {where} was forked from is not a prompt version")
    versions = raw.get("versions")
    if not isinstance(versions, list) or not versions:
        _refuse(f"{where} has no versions")
    if len(versions) > MAX_VERSIONS:
        _refuse(f"{where} has more than {MAX_VERSIONS:,} versions")
    parsed: list[PromptVersion] = []
    for item in versions:
        version = _version(item, where, parsed[-1].number if parsed else 0)
        parsed.append(version)
    labels = _labels(raw.get("labels", {}), where, {v.number for v in parsed})
    return ImportedPrompt(name, tuple(parsed), labels, forked_from, source_id or 0)


def _version(raw: object, where: str, previous: int) -> PromptVersion:
    if not isinstance(raw, dict):
        _refuse(f"a version of {where} is not a JSON object")
    number = raw.get("number")
    if not _is_int(number) or number < 1:
        _refuse(f"a version of {where} has no valid number")
    if number > MAX_IMPORTED_VERSION:
        _refuse(f"a version of {where} is numbered above {MAX_IMPORTED_VERSION:,}")
    if number <= previous:
        _refuse(
            f"{where} lists version {number} after version {previous}: "
            "version numbers must increase"
        )
    where = f"version {number} of {where}"
    text = _text(raw.get("text"), f"the text of {where}")
    note = _text(raw.get("note", ""), f"the note of {where}")
    created = raw.get("created_at")
    created_at = 0.0 if created is None else _timestamp(created, where)  # 0: when imported
    specs_raw = raw.get("variables", [])
    if not isinstance(specs_raw, list):
        _refuse(f"the variables of {where} are not a list")
    try:
        check_text(text)
        check_note(note)
        specs = tuple(spec_from_json(s) for s in specs_raw)
        check_variables(specs)
    except LibraryError as exc:
        _refuse(f"{where}: {_clause(exc)}")
    for spec in specs:
        for value in (spec.label, spec.default, spec.help, *spec.options):
            _text(value, f"a variable of {where}")
    return PromptVersion(0, 0, number, text, specs, note, created_at)


def _labels(raw: object, where: str, numbers: set[int]) -> tuple[tuple[str, int], ...]:
    if not isinstance(raw, dict):
        _refuse(f"the labels of {where} are not a JSON object")
    if len(raw) > MAX_LABELS:
        _refuse(f"{where} has more than {MAX_LABELS} labels")
    labels: list[tuple[str, int]] = []
    for label, number in raw.items():
        if not is_label(label):
            _refuse(f"“{label[:60]}” on {where} is not a label")
        if not _is_int(number) or number not in numbers:
            _refuse(f"the label “{label}” on {where} points at a version the file does not hold")
        labels.append((label, number))
    return tuple(labels)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        _refuse(f"{what} is not text")
    if _LONE_SURROGATE.search(value) is not None:
        _refuse(f"{what} holds a broken character (a lone UTF-16 surrogate)")
    return value


def _timestamp(value: object, where: str) -> float:
    stamp = from_iso(value)
    if stamp is None:
        _refuse(f"the date of {where} is not an ISO 8601 date and time from 1970 to 9999")
    return stamp


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _clause(exc: LibraryError) -> str:
    """A library sentence made a clause: "A prompt needs a name." → "a prompt needs a name"."""
    text = str(exc).rstrip(".")
    return text[:1].lower() + text[1:]
