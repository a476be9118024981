"""What a library prompt may hold: its name, text, note and variable declarations, as sentences.

The store and the import check the same rules, so a file that imports is one the library could
have saved, and the editor can show the same sentence before it tries to save.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, Final

from app.core.prompts.library import (
    MAX_NOTE_CHARS,
    MAX_PROMPT_CHARS,
    MAX_PROMPT_NAME_CHARS,
    LibraryError,
)
from app.core.prompts.variables import (
    MAX_HELP_CHARS,
    MAX_LABEL_CHARS,
    MAX_OPTION_CHARS,
    MAX_OPTIONS,
    MAX_VARIABLES,
    VariableSpec,
    VarType,
)

#: Characters that reorder the text around them: in a name they would disguise it (U+202E).
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_TYPE_NAMES: Final = frozenset(t.value for t in VarType)


def clean_name(name: str) -> str:
    """The name as kept: control characters (NUL, line breaks) made spaces, bidi overrides
    dropped, runs of whitespace made one space. LibraryError if it cannot be one."""
    if not name.isprintable():  # both kinds are unprintable: most names skip this loop
        name = "".join(
            " " if unicodedata.category(c) == "Cc" else c for c in name if c not in _BIDI_CONTROLS
        )
    cleaned = " ".join(name.split())
    if not cleaned:
        raise LibraryError("A prompt needs a name.")
    if len(cleaned) > MAX_PROMPT_NAME_CHARS:
        raise LibraryError(
            f"A prompt's name can be at most {MAX_PROMPT_NAME_CHARS:,} characters "
            f"(this one has {len(cleaned):,})."
        )
    return cleaned


def check_text(text: str) -> None:
    if len(text) > MAX_PROMPT_CHARS:
        raise LibraryError(
            f"A prompt can be at most {MAX_PROMPT_CHARS:,} characters "
            f"(this one has {len(text):,}); shorten it before saving."
        )


def check_note(note: str) -> None:
    if len(note) > MAX_NOTE_CHARS:
        raise LibraryError(
            f"A version's note can be at most {MAX_NOTE_CHARS:,} characters "
            f"(this one has {len(note):,})."
        )


def check_variables(specs: Sequence[VariableSpec]) -> None:
    """Every declaration usable, each name once, and not too many."""
    if len(specs) > MAX_VARIABLES:
        raise LibraryError(f"A prompt can declare at most {MAX_VARIABLES} variables.")
    seen: set[str] = set()
    for spec in specs:
        problem = spec_problem(spec)
        if problem is not None:
            raise LibraryError(problem)
        if spec.name in seen:
            raise LibraryError(f"{{{{{spec.name}}}}} is declared twice.")
        seen.add(spec.name)


def spec_problem(spec: VariableSpec) -> str | None:
    """Why a declaration cannot be saved (its own rules and the library's bounds); None if fine."""
    problem = spec.problem()
    if problem is not None:
        return problem
    if len(spec.label) > MAX_LABEL_CHARS:
        return f"The label of {{{{{spec.name}}}}} is longer than {MAX_LABEL_CHARS} characters."
    if len(spec.help) > MAX_HELP_CHARS:
        return f"The help of {{{{{spec.name}}}}} is longer than {MAX_HELP_CHARS:,} characters."
    if spec.options and spec.type is not VarType.CHOICE:
        return f"{{{{{spec.name}}}}} has options but is not a choice."
    if any(len(option) > MAX_OPTION_CHARS for option in spec.options):
        return f"An option of {{{{{spec.name}}}}} is longer than {MAX_OPTION_CHARS:,} characters."
    return None


def spec_to_json(spec: VariableSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "type": str(spec.type),
        "label": spec.label,
        "default": spec.default,
        "help": spec.help,
        "options": list(spec.options),
    }


def spec_from_json(raw: object) -> VariableSpec:
    """A declaration from its JSON object; LibraryError naming what is wrong with it.

    Fields this version does not know are ignored (a later one may add some).
    """
    if not isinstance(raw, dict):
        raise LibraryError("A variable declaration is not a JSON object.")
    name = raw.get("name")
    if not isinstance(name, str):
        raise LibraryError("A variable declaration has no name.")
    shown = f"{{{{{name[:64]}}}}}"
    kind = raw.get("type", "text")
    # isinstance first: `[] in set(VarType)` raises TypeError (a list cannot be hashed).
    if not isinstance(kind, str) or kind not in _TYPE_NAMES:
        raise LibraryError(f"{shown} has an unknown type.")
    texts = {key: raw.get(key, "") for key in ("label", "default", "help")}
    if not all(isinstance(value, str) for value in texts.values()):
        raise LibraryError(f"{shown} has a label, default or help that is not text.")
    options = raw.get("options", [])
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise LibraryError(f"The options of {shown} are not a list of texts.")
    if len(options) > MAX_OPTIONS:
        raise LibraryError(f"{shown} has more than {MAX_OPTIONS} options.")
    spec = VariableSpec(
        name, VarType(kind), texts["label"], texts["default"], texts["help"], tuple(options)
    )
    problem = spec_problem(spec)
    if problem is not None:
        raise LibraryError(problem)
    return spec


def specs_from_json(raw: object) -> tuple[VariableSpec, ...]:
    """Declarations read back from storage: a bad or repeated entry is dropped, never a crash."""
    if not isinstance(raw, list):
        return ()
    specs: dict[str, VariableSpec] = {}
    for item in raw[:MAX_VARIABLES]:
        try:
            spec = spec_from_json(item)
        except LibraryError:
            continue
        specs.setdefault(spec.name, spec)
    return tuple(specs.values())
