"""What the system-prompt panel says: the picker's choices and the saved / edited state, as data."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from app.core.chat_settings import ChatSettings
from app.core.prompts.library import PromptLibrary, PromptSummary, PromptVersion
from app.core.prompts.ref import PromptRef
from app.ui.prompts.library_access import LIBRARY_ERRORS, NO_LIBRARY, problem_text

OWN_PROMPT: Final = ""  # the picker's data for "This chat's own prompt"
BROWSE: Final = "browse"  # the picker's data for "Browse the library…"
AUTO_SAVE_NOTE: Final = "Saved automatically when sending"
SWITCH_SAVE_NOTE: Final = "Saved automatically when another prompt was picked"


@dataclass(frozen=True, slots=True)
class PromptChoice:
    """One entry of the picker."""

    data: str  # OWN_PROMPT, BROWSE, or str(PromptRef)
    text: str
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class PromptStatus:
    """The line under the editor and which of its buttons apply."""

    text: str
    edited: bool = False  # a library prompt's text or variables differ from the saved version
    in_library: bool = False
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class LoadedPrompt:
    """The library prompt behind a chat's prompt_ref, as last read."""

    ref: str
    summary: PromptSummary | None = None
    base: PromptVersion | None = None  # the exact version (a label: where it points)
    problem: str = ""


def read_prompt(library: PromptLibrary | None, data: str) -> LoadedPrompt:
    """What `data` ("", "12@3", "12#staff") names in the library now; `problem` if it cannot."""
    if not data or library is None:
        return LoadedPrompt(data, problem="" if library else NO_LIBRARY)
    try:
        ref = PromptRef.parse(data)
        assert ref is not None
        return LoadedPrompt(data, library.prompt(ref.prompt_id), library.resolve(ref))
    except LIBRARY_ERRORS as exc:  # the chat keeps its text either way
        return LoadedPrompt(data, problem=f"{problem_text(exc)} This chat keeps the text it has.")


def is_edited(settings: ChatSettings, base: PromptVersion | None) -> bool:
    """The chat's prompt differs from the saved version it is based on."""
    if base is None:
        return False
    return settings.system_prompt != base.text or tuple(settings.variables) != tuple(base.variables)


def when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp)) if timestamp else ""


def version_text(summary: PromptSummary, number: int) -> str:
    """ "version 3" or "version 3 of 5", with the labels on it."""
    text = f"version {number}" + (f" of {summary.latest}" if number != summary.latest else "")
    labels = [name for name, at in summary.labels if at == number]
    return text + (f" ({', '.join(labels)})" if labels else "")


def describe(
    settings: ChatSettings,
    summary: PromptSummary | None,
    base: PromptVersion | None,
    problem: str = "",
) -> PromptStatus:
    """The panel's line for this chat's prompt."""
    ref = PromptRef.parse(settings.prompt_ref) if settings.prompt_ref else None
    if ref is None:
        return PromptStatus(
            "This chat's own prompt (not in the library).",
            tooltip="“Save as new prompt…” keeps it in the library with versions.",
        )
    if summary is None or base is None:
        return PromptStatus(problem or "This prompt is not in the library any more.")
    name = summary.name
    if is_edited(settings, base):
        return PromptStatus(
            f"{name} — edited, not saved (Ctrl+S saves version {summary.latest + 1})",
            edited=True,
            in_library=True,
            tooltip=f"Based on version {base.number}. Sending saves the edit as a version too.",
        )
    if ref.label is not None:
        newest = "" if base.number == summary.latest else f" of {summary.latest}"
        text = f"{name} · follows “{ref.label}”, now version {base.number}{newest}"
        tip = "This chat follows the label: when it moves, the next message uses where it points."
        return PromptStatus(text, in_library=True, tooltip=tip)
    saved = when(base.created_at)
    return PromptStatus(
        f"{name} · {version_text(summary, base.number)}",
        in_library=True,
        tooltip=(f"Saved {saved}. " if saved else "") + (base.note or ""),
    )


def choices(
    recent: Sequence[PromptSummary],
    current: str,
    current_summary: PromptSummary | None,
) -> list[PromptChoice]:
    """ "This chat's own prompt", the chat's choice, recent prompts with their labels, Browse."""
    out = [
        PromptChoice(OWN_PROMPT, "This chat's own prompt", "Free text, kept with this chat only")
    ]
    listed: list[PromptChoice] = []
    for summary in recent:
        listed.extend(_entries(summary))
    if current and all(c.data != current for c in listed):
        out.append(_current_entry(current, current_summary))
    out.extend(listed)
    out.append(
        PromptChoice(BROWSE, "Browse the library… (Ctrl+Shift+L)", "All prompts, searchable")
    )
    return out


def _current_entry(current: str, summary: PromptSummary | None) -> PromptChoice:
    """The chat's choice when the recent prompts do not list it (older, or gone)."""
    if summary is None:
        return PromptChoice(current, "A prompt no longer in the library", "The chat keeps its text")
    ref = PromptRef.parse(current)
    assert ref is not None
    if ref.version is not None:
        return PromptChoice(
            current, f"{summary.name} · {version_text(summary, ref.version)}", _tip(summary)
        )
    return PromptChoice(current, f"{summary.name} · {ref.label}", _tip(summary))


def _entries(summary: PromptSummary) -> list[PromptChoice]:
    tip = _tip(summary)
    newest = PromptChoice(f"{summary.id}@{summary.latest}", summary.name, tip)
    return [newest] + [
        PromptChoice(f"{summary.id}#{label}", f"{summary.name} · {label}", f"{tip} ({label})")
        for label, _number in summary.labels
    ]


def _tip(summary: PromptSummary) -> str:
    labels = ", ".join(f"{label} → v{number}" for label, number in summary.labels)
    return f"{summary.latest} versions" + (f"; labels: {labels}" if labels else "")
