"""What the system-prompt panel says and offers, as data (no widgets)."""

from __future__ import annotations

from app.core.chat_settings import ChatSettings
from app.core.prompts.library import PromptSummary, PromptVersion
from app.core.prompts.ref import PromptRef
from app.core.prompts.variables import VariableSpec
from app.ui.prompts.diff_pane import variables_note
from app.ui.prompts.prompt_state import BROWSE, OWN_PROMPT, choices, describe, is_edited

SUMMARY = PromptSummary(12, "Support bot", 5, (("production", 4), ("staff", 3)))
V3 = PromptVersion(30, 12, 3, "Be kind.", (VariableSpec("tone"),), "Kinder", 0.0)


def test_an_own_prompt_offers_to_be_saved_in_the_library() -> None:
    status = describe(ChatSettings(system_prompt="Mine."), None, None)
    assert status.text == "This chat's own prompt (not in the library)."
    assert not status.in_library and not status.edited


def test_an_exact_version_names_its_place_and_labels() -> None:
    settings = ChatSettings(system_prompt=V3.text, prompt_ref="12@3", variables=V3.variables)
    assert describe(settings, SUMMARY, V3).text == "Support bot · version 3 of 5 (staff)"


def test_a_label_says_where_it_points_now() -> None:
    settings = ChatSettings(system_prompt=V3.text, prompt_ref="12#staff", variables=V3.variables)
    assert (
        describe(settings, SUMMARY, V3).text == "Support bot · follows “staff”, now version 3 of 5"
    )


def test_text_or_variables_differing_from_the_saved_version_is_an_edit() -> None:
    base = ChatSettings(system_prompt=V3.text, prompt_ref="12@3", variables=V3.variables)
    assert not is_edited(base, V3)
    assert is_edited(ChatSettings(system_prompt="Be kind!", prompt_ref="12@3"), V3)
    other_vars = ChatSettings(system_prompt=V3.text, prompt_ref="12@3", variables=())
    assert is_edited(other_vars, V3)
    status = describe(other_vars, SUMMARY, V3)
    assert status.edited and status.text == (
        "Support bot — edited, not saved (Ctrl+S saves version 6)"
    )
    assert not is_edited(other_vars, None)  # nothing saved to differ from


def test_a_prompt_gone_from_the_library_says_so() -> None:
    settings = ChatSettings(system_prompt="x", prompt_ref="12@3")
    assert describe(settings, None, None, "Gone.").text == "Gone."
    assert describe(settings, None, None).text == "This prompt is not in the library any more."


def test_the_picker_lists_own_prompt_recent_prompts_with_labels_then_browse() -> None:
    other = PromptSummary(7, "Pirate", 1)
    entries = choices([SUMMARY, other], "12@5", SUMMARY)
    assert [(c.data, c.text) for c in entries] == [
        (OWN_PROMPT, "This chat's own prompt"),
        ("12@5", "Support bot"),
        ("12#production", "Support bot · production"),
        ("12#staff", "Support bot · staff"),
        ("7@1", "Pirate"),
        (BROWSE, "Browse the library… (Ctrl+Shift+L)"),
    ]


def test_the_chats_choice_is_listed_even_when_older_or_not_recent() -> None:
    older = choices([SUMMARY], "12@3", SUMMARY)
    assert (older[1].data, older[1].text) == ("12@3", "Support bot · version 3 of 5 (staff)")
    gone = choices([], "99#x", None)
    assert (gone[1].data, gone[1].text) == ("99#x", "A prompt no longer in the library")
    label = choices([], "12#qa", SUMMARY)
    assert label[1].text == "Support bot · qa"
    assert PromptRef.parse(label[1].data) == PromptRef(12, label="qa")


def test_variable_changes_are_named_for_a_diff() -> None:
    tone, formal = VariableSpec("tone"), VariableSpec("tone", label="Tone of voice")
    assert variables_note((tone,), (tone,)) == ""
    assert variables_note((), (tone,)) == "Variables added: tone."
    assert variables_note((tone, VariableSpec("x")), (formal,)) == (
        "Variables removed: x; changed: tone."
    )
