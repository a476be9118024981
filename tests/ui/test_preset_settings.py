"""A chat's settings from a preset, on a real prompt store: what is used, and what is said."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.chat_settings import ChatSettings
from app.core.params import SamplingParams
from app.core.profiles import local_profile
from app.core.prompts.library import Preset
from app.core.prompts.variables import VariableSpec
from app.core.request import PromptMode
from app.storage.history.prompt_store import PromptStore
from app.storage.history.store import HistoryStore, history_path
from app.ui.prompts.preset_settings import prompt_ref_for, settings_for

BASE = ChatSettings(
    system_prompt="Default prompt",
    variables=(VariableSpec("d"),),
    values=(("d", "kept?"),),
    profile_id="home",
)
HOME = local_profile("127.0.0.1:8000", name="Home")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[PromptStore]:
    store = HistoryStore.open(history_path(tmp_path))
    yield store.prompts
    store.close()


def test_everything_the_preset_names_is_used(library: PromptStore) -> None:
    version = library.create("P", "Hello {{x}}", (VariableSpec("x"),))
    preset = Preset(
        1, "All", f"{version.prompt_id}@1", SamplingParams(seed=7), "work", PromptMode.RAW
    )
    settings, notes = settings_for(preset, library, BASE, ["home", "work"], HOME)
    assert notes == []
    assert settings.system_prompt == "Hello {{x}}" and settings.variables == (VariableSpec("x"),)
    assert settings.values == ()  # a new chat is asked its own
    assert settings.params.seed == 7 and settings.profile_id == "work"
    assert settings.prompt_mode is PromptMode.RAW


def test_no_prompt_means_an_empty_one_and_no_endpoint_means_the_default(
    library: PromptStore,
) -> None:
    settings, notes = settings_for(Preset(1, "Bare"), library, BASE, ["home"], HOME)
    assert notes == [] and settings.system_prompt == "" and settings.variables == ()
    assert settings.profile_id == "home"


def test_what_is_gone_is_replaced_and_said(library: PromptStore) -> None:
    preset = Preset(1, "Old", "4242@3", SamplingParams(temperature=99.0), "gone")
    settings, notes = settings_for(preset, library, BASE, ["home"], HOME)
    assert settings.system_prompt == "Default prompt" and settings.prompt_ref == ""
    assert settings.variables == BASE.variables and settings.values == ()
    assert settings.profile_id == "home" and settings.params == SamplingParams()
    assert len(notes) == 3
    assert notes[0].startswith("Its prompt no longer exists in the library")
    assert "the default endpoint (Home) answers" in notes[1]
    assert notes[2].startswith("Its parameters could not be used") and "defaults are" in notes[2]


def test_without_any_endpoint_the_note_says_to_add_one(library: PromptStore) -> None:
    _, notes = settings_for(Preset(1, "E", profile_id="gone"), library, BASE, [], None)
    assert notes == ["Its endpoint no longer exists, so no endpoint (add one) answers."]


def test_an_unreadable_reference_is_said(library: PromptStore) -> None:
    settings, notes = settings_for(Preset(1, "R", "not-a-ref"), None, BASE, ["home"], HOME)
    assert settings.system_prompt == "Default prompt"
    assert notes == [
        "Its prompt reference could not be read, so the chat starts with your default "
        "system prompt."
    ]


def test_the_chats_prompt_is_kept_as_a_library_version(library: PromptStore) -> None:
    assert prompt_ref_for(library, ChatSettings(), "Empty") == ("", "")
    ref, said = prompt_ref_for(library, ChatSettings(system_prompt="Mine"), "Mine")
    assert ref.endswith("@1") and "added to the library as “Mine”" in said
    same = ChatSettings(system_prompt="Mine", prompt_ref=ref)
    assert prompt_ref_for(library, same, "Again") == (ref, "")
    edited = ChatSettings(system_prompt="Mine, edited", prompt_ref=ref)
    ref2, said2 = prompt_ref_for(library, edited, "Edited")
    assert ref2 == ref.replace("@1", "@2") and "version 2" in said2
    gone = ChatSettings(system_prompt="Orphan", prompt_ref="4242@1")
    ref3, said3 = prompt_ref_for(library, gone, "Orphan")
    assert ref3 not in (ref, ref2) and "added to the library" in said3
