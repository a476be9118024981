"""Which library prompt a chat uses: an exact version ("12@3") or a movable label ("12#staff")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

#: A label: what people type ("production", "staff", "v2-draft"), kept short and printable.
LABEL_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
#: The highest version number a reference can name: the store saves none above it.
MAX_VERSION_NUMBER: Final = 999_999_999
_REF = re.compile(r"(?P<prompt>[1-9][0-9]{0,17})(?:@(?P<version>[1-9][0-9]{0,17})|#(?P<label>.+))")


class PromptRefError(ValueError):
    """Not a prompt reference."""


@dataclass(frozen=True, slots=True)
class PromptRef:
    """A prompt id with either a version number or a label (exactly one)."""

    prompt_id: int
    version: int | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if (self.version is None) == (self.label is None):
            raise PromptRefError("a prompt reference names a version or a label, not both")
        if self.version is not None and not 1 <= self.version <= MAX_VERSION_NUMBER:
            raise PromptRefError(f"version numbers go from 1 to {MAX_VERSION_NUMBER:,}")
        if self.label is not None and not LABEL_PATTERN.fullmatch(self.label):
            raise PromptRefError(f"{self.label!r} is not a label")

    @classmethod
    def parse(cls, text: str) -> PromptRef | None:
        """The reference stored in `text`; None for "" (a chat's own prompt, not the library's)."""
        if not text:
            return None
        match = _REF.fullmatch(text)
        if match is None:
            raise PromptRefError(f"{text!r} is not a prompt reference")
        version = match["version"]
        return cls(int(match["prompt"]), int(version) if version else None, match["label"])

    def __str__(self) -> str:
        if self.version is not None:
            return f"{self.prompt_id}@{self.version}"
        return f"{self.prompt_id}#{self.label}"


def is_label(text: str) -> bool:
    return LABEL_PATTERN.fullmatch(text) is not None
