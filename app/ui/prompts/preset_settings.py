"""What a preset starts, and what it keeps: a new chat's settings from a preset (with a sentence
for whatever is gone), and the library version a chat's prompt is saved as. No Qt here."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from PySide6.QtCore import QCoreApplication

from app.core.chat_settings import ChatSettings
from app.core.params import ParameterError, SamplingParams
from app.core.profiles import EndpointProfile
from app.core.prompts.library import LibraryError, Preset, PromptLibrary, PromptVersion
from app.core.prompts.ref import PromptRef, PromptRefError

#: What reading or writing the library can raise: its own sentence, or the file's trouble.
LIBRARY_ERRORS: Final = (LibraryError, sqlite3.Error, OSError)


def settings_for(
    preset: Preset,
    library: PromptLibrary | None,
    base: ChatSettings,
    profile_ids: Sequence[str],
    default_profile: EndpointProfile | None,
) -> tuple[ChatSettings, list[str]]:
    """A new chat's settings from `preset` over `base` (the defaults), and what could not be
    used as the preset says; it always starts."""
    notes: list[str] = []
    settings = replace(base, system_prompt="", variables=(), values=(), prompt_ref="")
    if preset.prompt_ref:
        version, note = resolve(library, preset.prompt_ref)
        if version is None:
            settings = replace(settings, system_prompt=base.system_prompt, variables=base.variables)
        else:
            # A label that is gone is replaced by the exact version used instead.
            exact = f"{version.prompt_id}@{version.number}"
            settings = replace(
                settings,
                system_prompt=version.text,
                variables=version.variables,
                prompt_ref=exact if note else preset.prompt_ref,
            )
        if note:
            notes.append(note)
    if preset.profile_id and preset.profile_id not in profile_ids:
        used = (
            QCoreApplication.translate("PresetSettings", "the default endpoint ({name})").format(
                name=default_profile.name
            )
            if default_profile
            else QCoreApplication.translate("PresetSettings", "no endpoint (add one)")
        )
        notes.append(
            QCoreApplication.translate(
                "PresetSettings", "Its endpoint no longer exists, so {used} answers."
            ).format(used=used)
        )
    else:
        settings = replace(settings, profile_id=preset.profile_id or base.profile_id)
    try:
        params = preset.params.validated()
    except ParameterError as exc:
        notes.append(
            QCoreApplication.translate(
                "PresetSettings", "Its parameters could not be used ({exc}); the defaults are."
            ).format(exc=exc)
        )
        params = SamplingParams()
    return replace(settings, params=params, prompt_mode=preset.prompt_mode), notes


def resolve(library: PromptLibrary | None, text: str) -> tuple[PromptVersion | None, str]:
    """The version a preset's prompt names now, else a stand-in (or None) and a sentence."""
    default = QCoreApplication.translate(
        "PresetSettings", "so the chat starts with your default system prompt."
    )
    ref = parse_or_none(text)
    if ref is None or library is None:
        return None, QCoreApplication.translate(
            "PresetSettings", "Its prompt reference could not be read, {default}"
        ).format(default=default)
    try:
        return library.resolve(ref), ""
    except LibraryError:
        pass
    except (sqlite3.Error, OSError) as exc:
        return None, QCoreApplication.translate(
            "PresetSettings", "The prompt library cannot be read now ({exc}), {default}"
        ).format(exc=exc, default=default)
    try:  # a label that was removed: the prompt's newest version, if the prompt is there
        newest = library.version(ref.prompt_id, library.prompt(ref.prompt_id).latest)
    except LIBRARY_ERRORS:
        return None, QCoreApplication.translate(
            "PresetSettings", "Its prompt no longer exists in the library, {default}"
        ).format(default=default)
    return newest, (
        QCoreApplication.translate(
            "PresetSettings",
            "Its label “{label}” no longer exists, so the prompt's newest version ({number}) is used.",
        ).format(label=ref.label, number=newest.number)
    )


def prompt_ref_for(library: PromptLibrary, settings: ChatSettings, name: str) -> tuple[str, str]:
    """The library version a preset of this chat points at, saved now if the chat's text is
    new; and a sentence saying what was saved ("" when nothing was). Raises LIBRARY_ERRORS."""
    text, variables = settings.system_prompt, settings.variables
    ref = parse_or_none(settings.prompt_ref)
    if ref is not None:
        try:
            version: PromptVersion | None = library.resolve(ref)
        except LibraryError:
            version = None  # the chat's prompt is gone: a new one is made below
        if version is not None and (version.text, version.variables) == (text, variables):
            return settings.prompt_ref, ""
        if version is not None:
            saved = library.save_version(
                ref.prompt_id,
                text,
                variables,
                note=QCoreApplication.translate(
                    "PresetSettings", "Saved with the preset “{name}”"
                ).format(name=name),
            )
            return f"{saved.prompt_id}@{saved.number}", (
                QCoreApplication.translate(
                    "PresetSettings", " The edited prompt was saved as its version {number}."
                ).format(number=saved.number)
            )
    if not text.strip():
        return "", ""
    created = library.create(
        name,
        text,
        variables,
        note=QCoreApplication.translate("PresetSettings", "Saved with a preset"),
    )
    return f"{created.prompt_id}@{created.number}", (
        QCoreApplication.translate(
            "PresetSettings", " Its system prompt was added to the library as “{name}”."
        ).format(name=name)
    )


def parse_or_none(text: str) -> PromptRef | None:
    try:
        return PromptRef.parse(text)
    except PromptRefError:
        return None
