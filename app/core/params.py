"""Sampling parameters: their schema ranges, defaults and validation before anything is sent."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Final

from app.core.i18n import QT_TRANSLATE_NOOP, translate

#: Workers AI's window for @cf/meta/llama-3.1-8b-instruct-fp8 (prompt + completion).
WORKERS_AI_CONTEXT_WINDOW: Final = 32_000

#: Sent explicitly on every request: Workers AI silently cuts replies at 256 tokens otherwise.
DEFAULT_MAX_TOKENS: Final = 1024


class ParameterError(ValueError):
    """A sampling parameter is outside the range the model's schema allows."""

    def __init__(self, name: str, value: object, allowed: str) -> None:
        self.name = name
        self.value = value
        self.allowed = allowed
        shown = repr(value)
        if len(shown) > 40:  # a 4,000-digit number from a damaged file must not fill a window
            shown = shown[:39] + "…"
        super().__init__(
            translate("ParameterError", "{name} must be {allowed} (got {shown})").format(
                name=name, allowed=allowed, shown=shown
            )
        )


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One parameter of the generation schema: its type, inclusive range and default."""

    name: str
    kind: type[int] | type[float]
    minimum: float
    maximum: float
    default: float | None
    help: str

    @property
    def allowed(self) -> str:
        kind = (
            translate("ParamSpec", "a whole number")
            if self.kind is int
            else translate("ParamSpec", "a number")
        )
        return translate("ParamSpec", "{kind} from {fmt} to {fmt2}").format(
            kind=kind, fmt=_fmt(self.minimum), fmt2=_fmt(self.maximum)
        )


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


PARAM_SPECS: Final[tuple[ParamSpec, ...]] = (
    ParamSpec(
        "max_tokens",
        int,
        1,
        WORKERS_AI_CONTEXT_WINDOW,
        DEFAULT_MAX_TOKENS,
        QT_TRANSLATE_NOOP("ParamSpec", "Longest reply, in tokens"),
    ),
    ParamSpec(
        "temperature",
        float,
        0,
        5,
        0.6,
        QT_TRANSLATE_NOOP("ParamSpec", "Randomness; 0 is nearly deterministic"),
    ),
    ParamSpec(
        "top_p",
        float,
        0,
        2,
        None,
        QT_TRANSLATE_NOOP("ParamSpec", "Nucleus sampling: keep the most likely tokens"),
    ),
    ParamSpec(
        "top_k",
        int,
        1,
        50,
        None,
        QT_TRANSLATE_NOOP("ParamSpec", "Sample only from the k most likely tokens"),
    ),
    ParamSpec(
        "seed",
        int,
        1,
        9_999_999_999,
        None,
        QT_TRANSLATE_NOOP("ParamSpec", "Same seed + same input = same reply"),
    ),
    ParamSpec(
        "repetition_penalty",
        float,
        0,
        2,
        None,
        QT_TRANSLATE_NOOP("ParamSpec", "Discourage repeating tokens"),
    ),
    ParamSpec(
        "frequency_penalty",
        float,
        0,
        2,
        None,
        QT_TRANSLATE_NOOP("ParamSpec", "Discourage frequent tokens"),
    ),
    ParamSpec(
        "presence_penalty",
        float,
        0,
        2,
        None,
        QT_TRANSLATE_NOOP("ParamSpec", "Encourage new topics"),
    ),
)
SPEC_BY_NAME: Final = {spec.name: spec for spec in PARAM_SPECS}


@dataclass(frozen=True, slots=True)
class SamplingParams:
    """Sampling settings for one request; ``None`` means "leave it to the server"."""

    max_tokens: int | None = None  # None: DEFAULT_MAX_TOKENS, fitted to the context window
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    seed: int | None = None
    repetition_penalty: float | None = None
    frequency_penalty: float | None = None
    presence_penalty: float | None = None

    def validated(self) -> SamplingParams:
        """Return a copy with whole-number fields as int, or raise ParameterError if out of range."""
        checked: dict[str, int | float] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                checked[f.name] = _check(SPEC_BY_NAME[f.name], value)
        return replace(self, **checked)  # type: ignore[arg-type]

    def with_max_tokens_for(self, context_window: int | None, prompt_tokens: int) -> SamplingParams:
        """Fill in max_tokens: the user's value or the default, never more than the window leaves."""
        wanted = self.max_tokens if self.max_tokens is not None else DEFAULT_MAX_TOKENS
        if context_window is not None:
            wanted = min(wanted, max(1, context_window - prompt_tokens))
        return replace(self, max_tokens=wanted)

    def to_payload(self) -> dict[str, int | float]:
        """The JSON fields to send: only what is set."""
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}


def _check(spec: ParamSpec, value: object) -> int | float:
    # bool is an int subclass; "temperature: true" is a mistake, not 1.0.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(spec.name, value, spec.allowed)
    # isfinite only for floats: it converts an int first, which overflows past 1e308.
    # Comparing an int with the bounds is exact at any size.
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterError(spec.name, value, spec.allowed)
    if not spec.minimum <= value <= spec.maximum:
        raise ParameterError(spec.name, value, spec.allowed)
    if spec.kind is int:
        if not float(value).is_integer():
            raise ParameterError(spec.name, value, spec.allowed)
        return int(value)
    return float(value)
