"""`{{name}}` variables in a system prompt: declarations, built-ins, checking and filling in.

Only exactly `{{identifier}}` (letters, digits, underscore) is a variable; everything else is
literal, so JSON such as `{"a": {"b": 1}}` is never touched. `\\{{name}}` writes `{{name}}`.
A prompt with an unknown variable, or one with no value, is refused before anything is sent.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from app.core.request import RequestError

MAX_NAME_CHARS: Final = 64
MAX_VALUE_CHARS: Final = 100_000
MAX_OPTIONS: Final = 100
MAX_VARIABLES: Final = 200
_PLACEHOLDER: Final = re.compile(r"(\\?)\{\{(\w{1,64})\}\}")  # 64: MAX_NAME_CHARS
_NAME: Final = re.compile(r"\w{1,64}")


class VarType(enum.StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    CHOICE = "choice"
    NUMBER = "number"


#: Filled in by LlamaDesk at send time; never asked for.
BUILTIN_NAMES: Final = ("date", "time", "weekday", "user_name")
BUILTIN_HELP: Final = {
    "date": "Today's date, e.g. 2026-11-30",
    "time": "The time of sending, e.g. 14:05",
    "weekday": "Today's weekday, e.g. Monday",
    "user_name": "Your name, as set in Settings (or your login name)",
}


def is_variable_name(name: str) -> bool:
    return _NAME.fullmatch(name) is not None


@dataclass(frozen=True, slots=True)
class VariableSpec:
    """A custom variable a prompt declares: how the fill-in form asks for it."""

    name: str
    type: VarType = VarType.TEXT
    label: str = ""
    default: str = ""
    help: str = ""
    options: tuple[str, ...] = ()  # CHOICE only

    @property
    def shown_label(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    def problem(self) -> str | None:
        """Why this declaration is unusable, in a sentence; None when it is fine."""
        if not is_variable_name(self.name):
            return (
                f"“{self.name}” cannot be a variable name: use letters, digits and _ "
                f"(at most {MAX_NAME_CHARS})."
            )
        if self.name in BUILTIN_NAMES:
            return f"{{{{{self.name}}}}} is built in; choose another name."
        if self.type is VarType.CHOICE:
            if not self.options:
                return f"{{{{{self.name}}}}} is a choice but has no options."
            if len(self.options) > MAX_OPTIONS:
                return f"{{{{{self.name}}}}} has more than {MAX_OPTIONS} options."
        if self.default:
            return self.value_problem(self.default, what="Its default")
        return None

    def value_problem(self, value: str, *, what: str = "The value") -> str | None:
        """Why `value` does not fit this variable; None when it does."""
        if len(value) > MAX_VALUE_CHARS:
            return f"{what} of {self.shown_label} is longer than {MAX_VALUE_CHARS:,} characters."
        if self.type is VarType.NUMBER:
            try:
                number = float(value.strip())
            except ValueError:
                return f"{what} of {self.shown_label} must be a number (got “{value[:40]}”)."
            if not math.isfinite(number):
                return f"{what} of {self.shown_label} must be a finite number."
        if self.type is VarType.CHOICE and value not in self.options:
            return f"{what} of {self.shown_label} must be one of: {', '.join(self.options)}."
        if self.type in (VarType.TEXT, VarType.NUMBER, VarType.CHOICE) and "\n" in value:
            return f"{what} of {self.shown_label} must be one line."
        return None


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One `{{name}}` in a prompt, by character offsets (escaped ones are not placeholders)."""

    name: str
    start: int
    end: int


def placeholders(text: str) -> list[Placeholder]:
    """Every variable use in `text`, in order."""
    return [Placeholder(m[2], m.start(), m.end()) for m in _PLACEHOLDER.finditer(text) if not m[1]]


def variable_names(text: str) -> tuple[str, ...]:
    """The variables `text` uses, each once, in order of first use."""
    return tuple(dict.fromkeys(p.name for p in placeholders(text)))


def builtin_values(now: datetime, user_name: str) -> dict[str, str]:
    return {
        "date": now.strftime("%Y-%m-%d"),
        "time": now.strftime("%H:%M"),
        "weekday": now.strftime("%A"),
        "user_name": user_name,
    }


class VariableProblem(RequestError):
    """The prompt cannot be filled in: unknown variables, missing or invalid values."""

    def __init__(
        self,
        unknown: Sequence[str] = (),
        missing: Sequence[str] = (),
        invalid: Sequence[str] = (),
    ) -> None:
        self.unknown = tuple(unknown)
        self.missing = tuple(missing)
        self.invalid = tuple(invalid)  # sentences
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        parts: list[str] = []
        if self.unknown:
            names = ", ".join(f"{{{{{n}}}}}" for n in self.unknown)
            parts.append(
                f"The system prompt uses {names}, which is not a known variable: declare it, "
                "or write a backslash before it (\\{{…}}) to send the braces as they are."
            )
        if self.missing:
            names = ", ".join(f"{{{{{n}}}}}" for n in self.missing)
            parts.append(f"The system prompt needs a value for {names}.")
        parts.extend(self.invalid)
        return " ".join(parts)


def spec_map(specs: Sequence[VariableSpec]) -> dict[str, VariableSpec]:
    return {spec.name: spec for spec in specs}


def check(
    text: str,
    specs: Sequence[VariableSpec],
    values: Mapping[str, str],
) -> VariableProblem | None:
    """What stops `text` from being filled in with `values` (built-ins always have one)."""
    declared = spec_map(specs)
    unknown: list[str] = []
    missing: list[str] = []
    invalid: list[str] = []
    for name in variable_names(text):
        if name in BUILTIN_NAMES:
            continue
        spec = declared.get(name)
        if spec is None:
            unknown.append(name)
            continue
        value = value_of(spec, values)
        if value is None:
            missing.append(name)
        elif (why := spec.value_problem(value)) is not None:
            invalid.append(why)
    if unknown or missing or invalid:
        return VariableProblem(unknown, missing, invalid)
    return None


def value_of(spec: VariableSpec, values: Mapping[str, str]) -> str | None:
    """The chat's value for `spec`, else its default, else None."""
    value = values.get(spec.name)
    if value is not None:
        return value
    return spec.default or None


def unanswered(
    text: str, specs: Sequence[VariableSpec], values: Mapping[str, str]
) -> list[VariableSpec]:
    """The declared variables `text` uses that the chat has no value for: the fill-in form."""
    declared = spec_map(specs)
    return [
        declared[name] for name in variable_names(text) if name in declared and name not in values
    ]


def render(
    text: str,
    specs: Sequence[VariableSpec],
    values: Mapping[str, str],
    builtins: Mapping[str, str],
) -> str:
    """`text` with every variable filled in and every escape resolved; VariableProblem if not."""
    problem = check(text, specs, values)
    if problem is not None:
        raise problem
    if "{{" not in text:
        return text
    declared = spec_map(specs)

    def fill(match: re.Match[str]) -> str:
        if match[1]:  # \{{name}}: the braces as written, without the backslash
            return match[0][1:]
        name = match[2]
        if name in BUILTIN_NAMES:
            return builtins.get(name, "")
        value = value_of(declared[name], values)
        assert value is not None  # check() passed
        return value

    return _PLACEHOLDER.sub(fill, text)
