"""Which library prompt a turn records: only one its request carries, only as an exact version,
with every value its variables were filled in with."""

from __future__ import annotations

import itertools

from app.core.chat_settings import ChatSettings
from app.core.message import MessageState
from app.core.prompts.variables import VariableSpec
from app.core.provenance import PromptUse
from app.core.reply import ReplyRecorder
from app.core.request import PromptMode
from app.core.session import ChatSession, Turn

BUILTINS = {"date": "2026-01-02", "time": "09:30", "weekday": "Friday", "user_name": "Ada"}


def sent(session: ChatSession, text: str, raw_prompt: str = "") -> Turn:
    """Send, and end the reply at once (the next message can follow)."""
    turn = session.send(text, raw_prompt)
    session.finish_reply(turn.reply, ReplyRecorder())
    return turn


def test_a_chat_with_no_library_prompt_and_no_values_records_none() -> None:
    session = ChatSession(ChatSettings(system_prompt="Be brief."))
    session.prompt_source = lambda settings: PromptUse("1@1", "never asked")
    assert session.send("hi").prompt is None


def test_without_a_source_an_exact_settings_reference_is_recorded_as_it_is() -> None:
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


def test_only_an_exact_version_is_ever_recorded() -> None:
    """A source that cannot say (the text was edited since), or a label or bare prompt without
    a source: the reference is left out, the values used are kept."""
    with_source = ChatSession(ChatSettings(system_prompt="S", prompt_ref="12@3"))
    with_source.prompt_source = lambda settings: None
    assert with_source.send("hi").prompt is None
    for ref in ("12#staff", "12", "not a ref"):
        session = ChatSession(ChatSettings(system_prompt="S {{date}}", prompt_ref=ref))
        session.builtins = lambda: BUILTINS
        assert session.send("hi").prompt == PromptUse("", values=(("date", "2026-01-02"),))


def test_defaults_and_built_ins_are_recorded_with_the_very_values_sent() -> None:
    calls = itertools.count()

    def builtins() -> dict[str, str]:  # a clock: each call a new minute
        return {**BUILTINS, "time": f"09:{next(calls):02d}"}

    settings = ChatSettings(
        system_prompt="{{tone}} at {{time}} on {{date}}, {{who}}",
        prompt_ref="1@1",
        variables=(VariableSpec("tone", default="formal"), VariableSpec("who")),
        values=(("who", "Bo"),),
    )
    session = ChatSession(settings)
    session.builtins = builtins
    turn = session.send("hi")
    assert turn.request is not None
    sent = turn.request.messages[0].content
    assert turn.prompt is not None and sent == "formal at 09:00 on 2026-01-02, Bo"
    assert turn.prompt.values == (
        ("tone", "formal"),
        ("time", "09:00"),
        ("date", "2026-01-02"),
        ("who", "Bo"),
    )


def test_an_unscoped_turn_sends_no_system_prompt_and_records_none() -> None:
    settings = ChatSettings(
        system_prompt="sys {{date}}", prompt_ref="1@1", prompt_mode=PromptMode.UNSCOPED
    )
    session = ChatSession(settings)
    session.prompt_source = lambda settings: PromptUse("1@1", "Terse")
    turn = session.send("hello")
    assert turn.request is not None and "sys" not in turn.request.prompt
    assert turn.prompt is None


def test_a_raw_prompt_records_the_library_prompt_only_when_it_holds_it_as_filled_in() -> None:
    settings = ChatSettings(
        system_prompt="Be terse, {{user_name}}.", prompt_ref="1@1", prompt_mode=PromptMode.RAW
    )
    session = ChatSession(settings)
    session.builtins = lambda: BUILTINS
    expected = PromptUse("1@1", values=(("user_name", "Ada"),))
    template = session.raw_prompt("first")
    assert sent(session, "first", template).prompt == expected  # as prefilled
    assert sent(session, "second").prompt == expected  # built by the session
    edited = template.replace("Be terse, Ada.", "Be verbose.")
    assert sent(session, "third", edited).prompt is None  # the user rewrote the system turn
    assert sent(session, "fourth", "<|begin_of_text|>no system turn").prompt is None


def test_continue_carries_the_system_prompt_and_records_it() -> None:
    session = ChatSession(ChatSettings(system_prompt="S", prompt_ref="5@2"))
    turn = sent(session, "hi")
    turn.reply.text = "Partial"  # the reply ended, cut short
    assert turn.reply.state is MessageState.DONE
    assert session.continue_reply(turn.reply).prompt == PromptUse("5@2")
