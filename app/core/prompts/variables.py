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

from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.request import RequestError

MAX_NAME_CHARS: Final = 64
MAX_VALUE_CHARS: Final = 100_000
MAX_OPTIONS: Final = 100
MAX_VARIABLES: Final = 200
MAX_OPTION_CHARS: Final = 1_000
MAX_LABEL_CHARS: Final = 200
MAX_HELP_CHARS: Final = 2_000
#: A text filled in never grows past this (a short text can use one long value many times).
MAX_FILLED_CHARS: Final = 1_000_000
# Any run of word characters between the braces: a name too long to declare is an error rather
# than text sent with its braces by accident (is_variable_name says which are declarable).
# The optional backslash comes first, so `\{{name}}` is one match (an escape, not a use).
_PLACEHOLDER: Final = re.compile(r"\\?\{\{(\w+)\}\}")
_NAME: Final = re.compile(r"\w{1,64}")  # 64: MAX_NAME_CHARS


class VarType(enum.StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    CHOICE = "choice"
    NUMBER = "number"


#: Filled in by LlamaDesk at send time; never asked for.
BUILTIN_NAMES: Final = ("date", "time", "weekday", "user_name")
BUILTIN_HELP: Final = {
    "date": QT_TRANSLATE_NOOP("Variables", "Today's date, e.g. 2026-11-30"),
    "time": QT_TRANSLATE_NOOP("Variables", "The time of sending, e.g. 14:05"),
    "weekday": QT_TRANSLATE_NOOP("Variables", "Today's weekday, e.g. Monday"),
    "user_name": QT_TRANSLATE_NOOP(
        "Variables", "Your name, as set in Settings (or your login name)"
    ),
}


def is_variable_name(name: str) -> bool:
    return _NAME.fullmatch(name) is not None


def _clip(text: str, limit: int = 40) -> str:
    """`text` short enough for a sentence (a pasted 100 KB name must not fill the window)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def braced(name: str) -> str:
    """`{{name}}` as shown in a sentence, clipped."""
    return f"{{{{{_clip(name)}}}}}"


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
            return translate(
                "VariableSpec",
                "“{clip}” cannot be a variable name: use letters, digits and _ (at most {MAX_NAME_CHARS}).",
            ).format(clip=_clip(self.name), MAX_NAME_CHARS=MAX_NAME_CHARS)
        braces = f"{{{{{self.name}}}}}"
        if self.name in BUILTIN_NAMES:
            return translate("VariableSpec", "{braces} is built in; choose another name.").format(
                braces=braces
            )
        if len(self.label) > MAX_LABEL_CHARS or "\n" in self.label:
            return translate(
                "VariableSpec",
                "The label of {braces} must be one line of at most {MAX_LABEL_CHARS} characters.",
            ).format(braces=braces, MAX_LABEL_CHARS=MAX_LABEL_CHARS)
        if len(self.help) > MAX_HELP_CHARS or "\n" in self.help:
            return translate(
                "VariableSpec",
                "The help of {braces} must be one line of at most {MAX_HELP_CHARS:,} characters.",
            ).format(braces=braces, MAX_HELP_CHARS=MAX_HELP_CHARS)
        if self.type is VarType.CHOICE and (why := self._options_problem(braces)):
            return why
        if self.default:
            return self.value_problem(self.default, what=translate("VariableSpec", "Its default"))
        return None

    def _options_problem(self, braces: str) -> str | None:
        if not self.options:
            return translate("VariableSpec", "{braces} is a choice but has no options.").format(
                braces=braces
            )
        if len(self.options) > MAX_OPTIONS:
            return translate(
                "VariableSpec", "{braces} has more than {MAX_OPTIONS} options."
            ).format(braces=braces, MAX_OPTIONS=MAX_OPTIONS)
        for option in self.options:
            # An option the form could never send (blank, several lines) is a mistake to show.
            if not option.strip() or "\n" in option or len(option) > MAX_OPTION_CHARS:
                return translate(
                    "VariableSpec",
                    "Each option of {braces} must be one line of 1 to {MAX_OPTION_CHARS:,} characters (got “{clip}”).",
                ).format(braces=braces, MAX_OPTION_CHARS=MAX_OPTION_CHARS, clip=_clip(option))
        if len(set(self.options)) != len(self.options):
            return translate("VariableSpec", "{braces} lists an option twice.").format(
                braces=braces
            )
        return None

    def value_problem(
        self, value: str, *, what: str = translate("VariableSpec", "The value")
    ) -> str | None:
        """Why `value` does not fit this variable; None when it does."""
        if len(value) > MAX_VALUE_CHARS:
            return translate(
                "VariableSpec",
                "{what} of {shown_label} is longer than {MAX_VALUE_CHARS:,} characters.",
            ).format(what=what, shown_label=self.shown_label, MAX_VALUE_CHARS=MAX_VALUE_CHARS)
        if self.type is VarType.NUMBER:
            try:
                number = float(value.strip())
            except ValueError:
                return translate(
                    "VariableSpec", "{what} of {shown_label} must be a number (got “{clip}”)."
                ).format(what=what, shown_label=self.shown_label, clip=_clip(value))
            if not math.isfinite(number):
                return translate(
                    "VariableSpec", "{what} of {shown_label} must be a finite number."
                ).format(what=what, shown_label=self.shown_label)
        if self.type is VarType.CHOICE and value not in self.options:
            return translate(
                "VariableSpec", "{what} of {shown_label} must be one of: {join}."
            ).format(what=what, shown_label=self.shown_label, join=", ".join(self.options))
        if self.type in (VarType.TEXT, VarType.NUMBER, VarType.CHOICE) and "\n" in value:
            return translate("VariableSpec", "{what} of {shown_label} must be one line.").format(
                what=what, shown_label=self.shown_label
            )
        return None


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
