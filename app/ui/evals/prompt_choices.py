"""How a run's prompt is chosen: a library prompt (a version or label), a preset, or text.

Qt-free helpers the window's prompt dialog uses; a choice is written as the file format
writes it ("Name@label", "Name@v3"), so a set made here runs in `llamadesk eval` unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from app.core.evals.model import PromptChoice
from app.core.prompts.library import Preset, PromptLibrary, PromptSummary
from app.core.prompts.ref import PromptRef, PromptRefError

_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def unique_id(base: str, taken: Iterable[str]) -> str:
    """A short column id from `base` ("Support bot" → "support-bot"), not one in `taken`."""
    stem = _NOT_ID.sub("-", base.lower()).strip("-")[:24] or "prompt"
    used = set(taken)
    if stem not in used:
        return stem
    number = 2
    while f"{stem}-{number}" in used:
        number += 1
    return f"{stem}-{number}"


def library_picks(summary: PromptSummary) -> list[str]:
    """What a library prompt can be asked at: its labels, then every version, newest first."""
    labels = [label for label, _ in summary.labels]
    return labels + [f"v{n}" for n in range(summary.latest, 0, -1)]


def choice_from_library(summary: PromptSummary, pick: str, taken: Iterable[str]) -> PromptChoice:
    """`pick`: a label, "vN", or "" for the newest version at run time."""
    reference = f"{summary.name}@{pick}" if pick else summary.name
    return PromptChoice(
        id=unique_id(f"{summary.name}-{pick}" if pick else summary.name, taken), library=reference
    )


def choice_from_preset(
    preset: Preset, library: PromptLibrary, taken: Iterable[str]
) -> PromptChoice:
    """A preset's prompt and parameters (its endpoint is the chat's: runs use that one)."""
    params = preset.params.to_payload()
    try:
        ref = PromptRef.parse(preset.prompt_ref)
    except PromptRefError:
        ref = None
    if ref is None:
        return PromptChoice(id=unique_id(preset.name, taken), system="", params=params)
    name = library.prompt(ref.prompt_id).name
    pick = f"v{ref.version}" if ref.version is not None else str(ref.label)
    return PromptChoice(id=unique_id(preset.name, taken), library=f"{name}@{pick}", params=params)


def describe(choice: PromptChoice) -> str:
    """One line for the prompts list: the id, then where the text comes from."""
    params = ", ".join(f"{k}={v}" for k, v in choice.params.items())
    extra = f" ({params})" if params else ""
    if choice.library is not None:
        return QCoreApplication.translate(
            "PromptChoices", "{id}: library prompt {library}{extra}"
        ).format(id=choice.id, library=choice.library, extra=extra)
    text = " ".join((choice.system or "").split())
    if not text:
        return QCoreApplication.translate("PromptChoices", "{id}: no system prompt{extra}").format(
            id=choice.id, extra=extra
        )
    return f"{choice.id}: “{text[:60]}{'…' if len(text) > 60 else ''}”{extra}"
