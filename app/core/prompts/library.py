"""What the prompt library holds, and the interface a store of it implements.

A prompt has a name and a list of versions; a version never changes once saved (an edit is a
new version, a revert a new version equal to an old one). Labels ("production", "staff") point
at one version of their prompt and move when the user moves them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.core.params import SamplingParams
from app.core.prompts.ref import PromptRef
from app.core.prompts.variables import VariableSpec
from app.core.request import PromptMode

MAX_PROMPT_NAME_CHARS = 200
MAX_NOTE_CHARS = 2_000
MAX_PROMPT_CHARS = 1_000_000


class LibraryError(ValueError):
    """A library operation that cannot be done, with the sentence to show."""


@dataclass(frozen=True, slots=True)
class PromptVersion:
    """One saved version: immutable."""

    id: int
    prompt_id: int
    number: int  # 1, 2, 3… within its prompt
    text: str
    variables: tuple[VariableSpec, ...] = ()
    note: str = ""
    created_at: float = 0.0


@dataclass(frozen=True, slots=True)
class PromptSummary:
    """A prompt as the library list shows it."""

    id: int
    name: str
    latest: int  # the newest version's number
    labels: tuple[tuple[str, int], ...] = ()  # (label, version number)
    updated_at: float = 0.0
    forked_from: PromptRef | None = None  # the version it was forked from


@dataclass(frozen=True, slots=True)
class Preset:
    """A prompt version or label, parameters and an endpoint, started with one click."""

    id: int
    name: str
    prompt_ref: str = ""  # str(PromptRef) or "" for no library prompt
    params: SamplingParams = field(default_factory=SamplingParams)
    profile_id: str = ""  # "" = the default endpoint
    prompt_mode: PromptMode = PromptMode.CHAT


class PromptLibrary(Protocol):
    """The library's store. Every write is committed when the method returns."""

    def prompts(
        self, query: str = "", *, limit: int = 500, offset: int = 0, deleted: bool = False
    ) -> list[PromptSummary]:
        """Prompts whose name or newest text contains `query`, most recently changed first.

        `deleted=True` lists the trash instead, most recently deleted first.
        """
        ...

    def prompt(self, prompt_id: int) -> PromptSummary: ...

    def is_deleted(self, prompt_id: int) -> bool:
        """The prompt is in the trash (it can still be read, and restored with `undelete`)."""
        ...

    def versions(self, prompt_id: int) -> list[PromptVersion]:
        """Every version, newest first."""
        ...

    def version(self, prompt_id: int, number: int) -> PromptVersion: ...

    def resolve(self, ref: PromptRef) -> PromptVersion:
        """The version a reference names now (a label: where it points today)."""
        ...

    def create(
        self, name: str, text: str, variables: Sequence[VariableSpec] = (), note: str = ""
    ) -> PromptVersion:
        """A new prompt with its version 1."""
        ...

    def save_version(
        self,
        prompt_id: int,
        text: str,
        variables: Sequence[VariableSpec] = (),
        note: str = "",
    ) -> PromptVersion:
        """A new version; one equal to the newest (text and variables) is not saved again."""
        ...

    def revert(self, prompt_id: int, number: int) -> PromptVersion:
        """A new version equal to version `number`, noted as a revert."""
        ...

    def fork(self, prompt_id: int, number: int, name: str) -> PromptVersion:
        """A new prompt whose version 1 is that version; it remembers where it came from."""
        ...

    def rename(self, prompt_id: int, name: str) -> None: ...

    def set_label(self, prompt_id: int, label: str, number: int) -> None:
        """Point `label` at version `number` (moving it if it pointed elsewhere)."""
        ...

    def remove_label(self, prompt_id: int, label: str) -> None: ...

    def delete(self, prompt_id: int) -> None:
        """Move to the trash (chats and replies keep their text and provenance)."""
        ...

    def undelete(self, prompt_id: int) -> None: ...

    def presets(self) -> list[Preset]: ...

    def save_preset(self, preset: Preset) -> Preset:
        """Insert (id 0) or update a preset; returns it with its id."""
        ...

    def delete_preset(self, preset_id: int) -> None: ...
