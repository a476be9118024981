"""`{{name}}` variables in a system prompt: declarations, built-ins, checking and filling in.

Only exactly `{{identifier}}` (letters, digits, underscore) is a variable; everything else is
literal, so JSON such as `{"a": {"b": 1}}` is never touched. `\\{{name}}` writes `{{name}}`.
A prompt with an unknown variable, or one with no value, is refused before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from app.core.i18n import translate
from app.core.prompts.variable_spec import _PLACEHOLDER
from app.core.prompts.variable_spec import BUILTIN_HELP as BUILTIN_HELP
from app.core.prompts.variable_spec import BUILTIN_NAMES as BUILTIN_NAMES
from app.core.prompts.variable_spec import MAX_FILLED_CHARS as MAX_FILLED_CHARS
from app.core.prompts.variable_spec import MAX_HELP_CHARS as MAX_HELP_CHARS
from app.core.prompts.variable_spec import MAX_LABEL_CHARS as MAX_LABEL_CHARS
from app.core.prompts.variable_spec import MAX_NAME_CHARS as MAX_NAME_CHARS
from app.core.prompts.variable_spec import MAX_OPTION_CHARS as MAX_OPTION_CHARS
from app.core.prompts.variable_spec import MAX_OPTIONS as MAX_OPTIONS
from app.core.prompts.variable_spec import MAX_VALUE_CHARS as MAX_VALUE_CHARS
from app.core.prompts.variable_spec import MAX_VARIABLES as MAX_VARIABLES
from app.core.prompts.variable_spec import VariableSpec as VariableSpec
from app.core.prompts.variable_spec import VarType as VarType
from app.core.prompts.variable_spec import braced as braced
from app.core.prompts.variable_spec import is_variable_name as is_variable_name
from app.core.request import RequestError


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One `{{name}}` in a prompt, by character offsets (escaped ones are not placeholders)."""

    name: str
    start: int
    end: int


def placeholders(text: str) -> list[Placeholder]:
    """Every variable use in `text`, in order."""
    return [
        Placeholder(m[1], m.start(), m.end())
        for m in _PLACEHOLDER.finditer(text)
        if m[0][0] != "\\"
    ]


def variable_names(text: str) -> tuple[str, ...]:
    """The variables `text` uses, each once, in order of first use."""
    # Straight from the matches: this runs on every pause in typing, on up to 1 MB of prompt.
    return tuple(dict.fromkeys(m[1] for m in _PLACEHOLDER.finditer(text) if m[0][0] != "\\"))


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
        declarable = [n for n in self.unknown if is_variable_name(n)]
        too_long = [n for n in self.unknown if not is_variable_name(n)]
        if declarable:
            verb = (
                translate("VariableProblem", "is not a known variable")
                if len(declarable) == 1
                else translate("VariableProblem", "are not known variables")
            )
            parts.append(
                translate(
                    "VariableProblem",
                    "The system prompt uses {names}, which {verb}: declare it (Variables…), or write a backslash before it (\\{{{{…}}}}) to send the braces as they are.",
                ).format(names=_names(declarable), verb=verb)
            )
        if too_long:
            parts.append(
                translate(
                    "VariableProblem",
                    "{names} is too long for a variable name (at most {MAX_NAME_CHARS} characters): shorten it, or write a backslash before it (\\{{{{…}}}}) to send the braces as they are.",
                ).format(names=_names(too_long), MAX_NAME_CHARS=MAX_NAME_CHARS)
            )
        if self.missing:
            parts.append(
                translate("VariableProblem", "The system prompt needs a value for {names}.").format(
                    names=_names(self.missing)
                )
            )
        parts.extend(self.invalid[:_NAMES_SHOWN])
        if len(self.invalid) > _NAMES_SHOWN:
            parts.append(
                translate("VariableProblem", "({value} more values do not fit.)").format(
                    value=len(self.invalid) - _NAMES_SHOWN
                )
            )
        return " ".join(parts)


_NAMES_SHOWN: Final = 5  # a sentence names this many; the rest are counted


def _names(names: Sequence[str]) -> str:
    """`{{a}}, {{b}}` (at most a few, then how many more), for a sentence."""
    shown = ", ".join(braced(n) for n in names[:_NAMES_SHOWN])
    rest = len(names) - _NAMES_SHOWN
    return (
        translate("Variables", "{shown} and {rest} more").format(shown=shown, rest=rest)
        if rest > 0
        else shown
    )


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
    """The declared variables `text` uses that the chat has no fitting value for: what the
    fill-in form asks (a value kept from before the declaration changed is asked again)."""
    declared = spec_map(specs)
    asked: list[VariableSpec] = []
    for name in variable_names(text):
        spec = declared.get(name)
        if spec is None or name in BUILTIN_NAMES:
            continue
        value = values.get(name)
        if value is None or spec.value_problem(value) is not None:
            asked.append(spec)
    return asked


def declarations_problem(specs: Sequence[VariableSpec]) -> str | None:
    """Why a chat's list of declarations is unusable (the first reason); None when it is fine."""
    if len(specs) > MAX_VARIABLES:
        return translate(
            "Variables", "A chat can declare at most {MAX_VARIABLES} variables."
        ).format(MAX_VARIABLES=MAX_VARIABLES)
    seen: set[str] = set()
    for spec in specs:
        if (why := spec.problem()) is not None:
            return why
        if spec.name in seen:
            return translate("Variables", "{braced} is declared twice.").format(
                braced=braced(spec.name)
            )
        seen.add(spec.name)
    return None


@dataclass(frozen=True, slots=True)
class Filled:
    """A prompt with its variables filled in, and the value each variable was given."""

    text: str
    #: Every variable the prompt used, once, in order of first use, with the value it got
    #: (the chat's, else the default; a built-in's at that moment).
    values: tuple[tuple[str, str], ...] = ()


def fill(
    text: str,
    specs: Sequence[VariableSpec],
    values: Mapping[str, str],
    builtins: Mapping[str, str],
) -> Filled:
    """`text` with every variable filled in and every escape resolved, and the values used;
    VariableProblem if it cannot be filled in."""
    problem = check(text, specs, values)
    if problem is not None:
        raise problem
    if "{{" not in text:
        return Filled(text)
    declared = spec_map(specs)
    given = {name: value_of(spec, values) or "" for name, spec in declared.items()}
    if (why := too_long_filled(text, {**given, **builtins})) is not None:
        raise VariableProblem(invalid=[why])
    used: dict[str, str] = {}

    def fill_one(match: re.Match[str]) -> str:
        if match[0][0] == "\\":  # \{{name}}: the braces as written, without the backslash
            return match[0][1:]
        name = match[1]
        if name in BUILTIN_NAMES:
            value = builtins.get(name, "")
        else:
            found = value_of(declared[name], values)
            assert found is not None  # check() passed
            value = found
        used.setdefault(name, value)
        return value

    filled = _PLACEHOLDER.sub(fill_one, text)
    return Filled(filled, tuple(used.items()))


def filled_length(text: str, values: Mapping[str, str]) -> int:
    """How long `text` is once filled in with `values` (a name without one counts as empty),
    worked out without building it."""
    length = len(text)
    for match in _PLACEHOLDER.finditer(text):
        if match[0][0] == "\\":
            length -= 1  # the backslash goes, the braces stay
        else:
            length += len(values.get(match[1], "")) - len(match[0])
    return length


def too_long_filled(text: str, values: Mapping[str, str]) -> str | None:
    """The sentence refusing `text` filled in with `values` when it would pass
    MAX_FILLED_CHARS; None when it fits."""
    length = filled_length(text, values)
    if length <= MAX_FILLED_CHARS:
        return None
    return translate(
        "Variables",
        "Filled in, the text would be {length:,} characters long (at most {MAX_FILLED_CHARS:,}): use shorter values, or each variable fewer times.",
    ).format(length=length, MAX_FILLED_CHARS=MAX_FILLED_CHARS)


def render(
    text: str,
    specs: Sequence[VariableSpec],
    values: Mapping[str, str],
    builtins: Mapping[str, str],
) -> str:
    """`text` with every variable filled in and every escape resolved; VariableProblem if not."""
    return fill(text, specs, values, builtins).text
