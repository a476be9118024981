"""Which library prompt a turn records: the settings' reference, or the exact version named."""

from __future__ import annotations

from app.core.chat_settings import ChatSettings
from app.core.prompts.variables import VariableSpec
from app.core.provenance import PromptUse
from app.core.session import ChatSession


def test_a_chat_with_no_library_prompt_and_no_values_records_none() -> None:
    session = ChatSession(ChatSettings(system_prompt="Be brief."))
    session.prompt_source = lambda settings: PromptUse("1@1", "never asked")
    assert session.send("hi").prompt is None


def test_without_a_source_the_settings_reference_is_recorded_as_it_is() -> None:
    session = ChatSession(ChatSettings(system_prompt="Be brief.", prompt_ref="12@3"))
    assert session.send("hi").prompt == PromptUse("12@3")


def test_a_label_is_recorded_as_the_exact_version_the_source_names_with_the_values_used() -> None:
    settings = ChatSettings(
        system_prompt="Speak {{tone}}.",
        prompt_ref="12#staff",
        variables=(VariableSpec("tone"),),
        values=(("tone", "kindly"), ("unused", "x")),
    )
    session = ChatSession(settings)
    asked: list[ChatSettings] = []

    def source(settings: ChatSettings) -> PromptUse:
        asked.append(settings)
        return PromptUse("12@4", "Support bot", "staff")

    session.prompt_source = source
    turn = session.send("hi")
    assert turn.prompt == PromptUse("12@4", "Support bot", "staff", (("tone", "kindly"),))
    assert asked == [settings]


def test_a_source_that_cannot_say_leaves_the_settings_reference() -> None:
    session = ChatSession(ChatSettings(system_prompt="S", prompt_ref="12#staff"))
    session.prompt_source = lambda settings: None
    assert session.send("hi").prompt == PromptUse("12#staff")
