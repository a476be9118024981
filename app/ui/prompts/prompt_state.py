"""What the system-prompt panel says: the picker's choices and the saved / edited state, as data."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication

from app.core.chat_settings import ChatSettings
from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.policy import POLICY_PROMPT_PREFIX
from app.core.prompts.library import MAX_NOTE_CHARS, PromptLibrary, PromptSummary, PromptVersion
from app.core.prompts.ref import PromptRef, PromptRefError
from app.core.prompts.text_form import same_text
from app.ui.prompts.library_access import LIBRARY_ERRORS, NO_LIBRARY, problem_text

OWN_PROMPT: Final = ""  # the picker's data for "This chat's own prompt"
BROWSE: Final = "browse"  # the picker's data for "Browse the library…"
#: Why a version was saved without Ctrl+S: (the note alone, the words after a typed note).
WHEN_SENDING: Final = (
    QT_TRANSLATE_NOOP("PromptState", "Saved automatically when sending"),
    QT_TRANSLATE_NOOP("PromptState", "saved when sending"),
)
WHEN_SWITCHING: Final = (
    QT_TRANSLATE_NOOP("PromptState", "Saved automatically when another prompt was picked"),
    QT_TRANSLATE_NOOP("PromptState", "saved when another prompt was picked"),
)
WHEN_LEAVING: Final = (
    QT_TRANSLATE_NOOP("PromptState", "Saved automatically when the chat was left"),
    QT_TRANSLATE_NOOP("PromptState", "saved when the chat was left"),
)
TRASH_HELP: Final = QT_TRANSLATE_NOOP(
    "PromptState", "restore it in the library (Ctrl+Shift+L, Trash) to save versions"
)


def auto_note(typed: str, why: tuple[str, str]) -> str:
    """The note of a version saved without Ctrl+S: the user's note, if typed, and why it was saved."""
    # Kept with the version in the words of the language the window is in when it is saved.
    alone, after = (QCoreApplication.translate("PromptState", words) for words in why)
    typed = typed.strip()
    if not typed:
        return alone
    suffix = f" ({after})"
    return typed[: MAX_NOTE_CHARS - len(suffix)] + suffix


def parse_ref(data: str) -> PromptRef | None:
    """The reference a chat stores; None for its own prompt or one that cannot be read."""
    try:
        return PromptRef.parse(data) if data else None
    except PromptRefError:
        return None


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
    savable: bool = True  # Ctrl+S can save a version (not while the prompt is in the trash)


@dataclass(frozen=True, slots=True)
class LoadedPrompt:
    """The library prompt behind a chat's prompt_ref, as last read."""

    ref: str
    summary: PromptSummary | None = None
    base: PromptVersion | None = None  # the exact version (a label: where it points)
    problem: str = ""
    deleted: bool = False  # the prompt is in the library's trash


def read_prompt(library: PromptLibrary | None, data: str) -> LoadedPrompt:
    """What `data` ("", "12@3", "12#staff") names in the library now; `problem` if it cannot."""
    if not data or library is None:
        return LoadedPrompt(
            data, problem="" if library else QCoreApplication.translate("LibraryAccess", NO_LIBRARY)
        )
    try:
        ref = PromptRef.parse(data)
        assert ref is not None
        summary, base = library.prompt(ref.prompt_id), library.resolve(ref)
        return LoadedPrompt(data, summary, base, deleted=library.is_deleted(ref.prompt_id))
    except LIBRARY_ERRORS as exc:  # the chat keeps its text either way
        return LoadedPrompt(
            data,
            problem=QCoreApplication.translate(
                "PromptState", "{problem_text} This chat keeps the text it has."
            ).format(problem_text=problem_text(exc)),
        )


def is_edited(settings: ChatSettings, base: PromptVersion | None) -> bool:
    """The chat's prompt differs from the saved version it is based on."""
    if base is None:
        return False
    if tuple(settings.variables) != tuple(base.variables):
        return True
    # As the editor holds it: a version with "\r\n" in it is not edited by being shown.
    return not same_text(settings.system_prompt, base.text)


def when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp)) if timestamp else ""


def version_text(summary: PromptSummary, number: int) -> str:
    """ "version 3" or "version 3 of 5", with the labels on it."""
    text = QCoreApplication.translate("PromptState", "version {number}").format(number=number) + (
        QCoreApplication.translate("PromptState", " of {latest}").format(latest=summary.latest)
        if number != summary.latest
        else ""
    )
    labels = [name for name, at in summary.labels if at == number]
    return text + (f" ({', '.join(labels)})" if labels else "")


def describe(
    settings: ChatSettings,
    summary: PromptSummary | None,
    base: PromptVersion | None,
    problem: str = "",
    deleted: bool = False,
) -> PromptStatus:
    """The panel's line for this chat's prompt."""
    ref = parse_ref(settings.prompt_ref)
    if ref is None:
        return PromptStatus(
            QCoreApplication.translate(
                "PromptState", "This chat's own prompt (not in the library)."
            ),
            tooltip=QCoreApplication.translate(
                "PromptState", "“Save as new prompt…” keeps it in the library with versions."
            ),
        )
    if summary is None or base is None:
        return PromptStatus(
            problem
            or QCoreApplication.translate(
                "PromptState", "This prompt is not in the library any more."
            )
        )
    name = summary.name
    if deleted:
        edited = is_edited(settings, base)
        what = (
            QCoreApplication.translate("PromptState", "edited, not saved")
            if edited
            else version_text(summary, base.number)
        )
        return PromptStatus(
            QCoreApplication.translate(
                "PromptState", "{name} · {what} — in the library's trash: {TRASH_HELP}."
            ).format(
                name=name,
                what=what,
                TRASH_HELP=QCoreApplication.translate("PromptState", TRASH_HELP),
            ),
            edited=edited,
            savable=False,
            tooltip=QCoreApplication.translate(
                "PromptState",
                "A prompt in the trash can still be read and sent; saving a version needs it back.",
            ),
        )
    if is_edited(settings, base):
        return PromptStatus(
            QCoreApplication.translate(
                "PromptState", "{name} — edited, not saved (Ctrl+S saves version {value})"
            ).format(name=name, value=summary.latest + 1),
            edited=True,
            in_library=True,
            tooltip=QCoreApplication.translate(
                "PromptState", "Based on version {number}. Sending saves the edit as a version too."
            ).format(number=base.number),
        )
    if ref.label is not None:
        newest = "" if base.number == summary.latest else f" of {summary.latest}"
        text = QCoreApplication.translate(
            "PromptState", "{name} · follows “{label}”, now version {number}{newest}"
        ).format(name=name, label=ref.label, number=base.number, newest=newest)
        tip = QCoreApplication.translate(
            "PromptState",
            "This chat follows the label: when it moves, the next message uses where it points.",
        )
        return PromptStatus(text, in_library=True, tooltip=tip)
    saved = when(base.created_at)
    return PromptStatus(
        f"{name} · {version_text(summary, base.number)}",
        in_library=True,
        tooltip=(
            QCoreApplication.translate("PromptState", "Saved {saved}. ").format(saved=saved)
            if saved
            else ""
        )
        + (base.note or ""),
    )


def choices(
    recent: Sequence[PromptSummary],
    current: str,
    current_summary: PromptSummary | None,
) -> list[PromptChoice]:
    """ "This chat's own prompt", the chat's choice, recent prompts with their labels, Browse."""
    out = [
        PromptChoice(
            OWN_PROMPT,
            QCoreApplication.translate("PromptState", "This chat's own prompt"),
            QCoreApplication.translate("PromptState", "Free text, kept with this chat only"),
        )
    ]
    listed: list[PromptChoice] = []
    for summary in recent:
        listed.extend(_entries(summary))
    if current and all(c.data != current for c in listed):
        out.append(_current_entry(current, current_summary))
    out.extend(listed)
    out.append(
        PromptChoice(
            BROWSE,
            QCoreApplication.translate("PromptState", "Browse the library… (Ctrl+Shift+L)"),
            QCoreApplication.translate("PromptState", "All prompts, searchable"),
        )
    )
    return out


def _current_entry(current: str, summary: PromptSummary | None) -> PromptChoice:
    """The chat's choice when the recent prompts do not list it (older, or gone)."""
    if current.startswith(POLICY_PROMPT_PREFIX):  # one of the policy's prompts, by its name
        name = current.removeprefix(POLICY_PROMPT_PREFIX)
        return PromptChoice(
            current, name, QCoreApplication.translate("PromptPicker", "Set by your organization")
        )
    ref = parse_ref(current)
    if summary is None or ref is None:
        return PromptChoice(
            current,
            QCoreApplication.translate("PromptState", "A prompt no longer in the library"),
            QCoreApplication.translate("PromptState", "The chat keeps its text"),
        )
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
    latest = summary.latest  # lupdate reads a plain name as the count, not an attribute
    return translate("PromptState", "%n version(s)", None, latest) + (
        QCoreApplication.translate("PromptState", "; labels: {labels}").format(labels=labels)
        if labels
        else ""
    )
