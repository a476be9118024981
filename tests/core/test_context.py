"""The context estimate: what the next request takes of the window, counted by the server where known."""

from __future__ import annotations

from app.core.chat_settings import ChatSettings
from app.core.context import MIN_REPLY_TOKENS, ContextEstimate, estimate_context
from app.core.events import Finished, FinishReason, TextDelta, Usage
from app.core.params import SamplingParams
from app.core.reply import ReplyRecorder
from app.core.request import PromptMode
from app.core.session import ChatSession


def answered(session: ChatSession, question: str, answer: str, usage: Usage | None) -> None:
    turn = session.send(question)
    recorder = ReplyRecorder()
    recorder.feed(TextDelta(answer))
    if usage is not None:
        recorder.feed(usage)
    recorder.feed(Finished(FinishReason.STOP))
    session.finish_reply(turn.reply, recorder)


def test_an_empty_chat_costs_the_system_prompt_and_the_draft() -> None:
    session = ChatSession(ChatSettings(system_prompt="x" * 400))
    estimate = estimate_context(session, "y" * 40, 1000)
    assert estimate.prompt_tokens == (100 + 5) + (10 + 5) + 1
    assert estimate.reply_tokens == 1024 and not estimate.counted
    assert estimate.prompt_fits and not estimate.fits
    assert estimate.reply_room == 1000 - estimate.prompt_tokens


def test_the_servers_count_replaces_the_estimate_up_to_its_reply() -> None:
    session = ChatSession()
    answered(
        session,
        "q" * 4000,
        "a" * 40,
        Usage(prompt_tokens=700, completion_tokens=12, total_tokens=712),
    )
    estimate = estimate_context(session, "z" * 8, None)
    assert estimate.counted and estimate.prompt_tokens == 712 + (2 + 5) + 1
    assert estimate.window is None and estimate.fits and estimate.reply_room is None


def test_what_cannot_fit_is_told_apart_from_what_only_shortens_the_reply() -> None:
    too_long = ContextEstimate(
        prompt_tokens=500 - MIN_REPLY_TOKENS + 1, reply_tokens=64, window=500, counted=False
    )
    tight = ContextEstimate(prompt_tokens=480, reply_tokens=64, window=500, counted=False)
    assert not too_long.prompt_fits
    assert tight.prompt_fits and not tight.fits and tight.reply_room == 20


def test_max_tokens_and_modes_are_taken_from_the_chat() -> None:
    session = ChatSession(ChatSettings(params=SamplingParams(max_tokens=64)))
    assert estimate_context(session, "hi", 100).reply_tokens == 64
    session.update_settings(prompt_mode=PromptMode.UNSCOPED)
    answered(session, "x" * 4000, "y", None)
    assert estimate_context(session, "", None).prompt_tokens == 1000 + 5  # the last question only
    session.update_settings(prompt_mode=PromptMode.RAW)
    assert estimate_context(session, "", None, raw_prompt="r" * 40).prompt_tokens == 10 + 5


def test_an_edit_is_weighed_without_what_followed_the_message_it_replaces() -> None:
    session = ChatSession()
    answered(session, "short question", "a" * 4000, None)
    answered(session, "b" * 4000, "c" * 4000, None)
    first = session.path()[0]
    whole = estimate_context(session, "new question", None)
    edit = estimate_context(session, "new question", None, replacing=first)
    assert edit.prompt_tokens == (3 + 5) + 1  # just the new version: nothing came before it
    assert whole.prompt_tokens > 3000
