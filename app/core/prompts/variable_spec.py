"""Declaring a prompt variable: its name rules, types, limits and built-ins (VariableSpec)."""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from typing import Final

from app.core.i18n import QT_TRANSLATE_NOOP, translate

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
