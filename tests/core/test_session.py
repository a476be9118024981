"""ChatSession: the version tree and its operations, plain pytest (no Qt, no storage)."""

from __future__ import annotations

import pytest

from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, Failure
from app.core.events import Failed, Finished, FinishReason, TextDelta
from app.core.message import ChatMessage, MessageState
from app.core.params import SamplingParams
from app.core.reply import ReplyRecorder
from app.core.request import Message, PromptMode, RequestError, Role
from app.core.session import ChatSession, SessionBusy, Turn
from app.core.session_events import (
    BranchSelected,
    MessageAdded,
    MessageRemoved,
    ReplyEnded,
    ReplyGrew,
    ReplyStarted,
    SessionChange,
    SettingsChanged,
)


def finish(session: ChatSession, turn: Turn, *pieces: str, failure: Failure | None = None) -> None:
    recorder = ReplyRecorder()
    for piece in pieces:
        recorder.feed(TextDelta(piece))
        session.append_text(turn.reply, piece)
    recorder.feed(Failed(failure) if failure else Finished(FinishReason.STOP))
    session.finish_reply(turn.reply, recorder, turn.prefix)


def texts(session: ChatSession) -> list[str]:
    return [m.text for m in session.path()]


def exchange(session: ChatSession, question: str, answer: str) -> Turn:
    turn = session.send(question)
    finish(session, turn, answer)
    return turn


def test_send_adds_the_question_and_a_streaming_reply_and_builds_the_request() -> None:
    session = ChatSession(ChatSettings(system_prompt="Be brief.", params=SamplingParams(seed=7)))
    changes: list[SessionChange] = []
    session.subscribe(changes.append)
    turn = session.send("Hello?")
    user, reply = session.path()
    assert (user.role, user.text) == (Role.USER, "Hello?")
    assert reply is turn.reply and reply.state is MessageState.STREAMING
    assert turn.request.messages == (
        Message(Role.SYSTEM, "Be brief."),
        Message(Role.USER, "Hello?"),
    )
    assert turn.request.params.seed == 7
    assert [type(c) for c in changes] == [MessageAdded, MessageAdded, ReplyStarted]
    assert isinstance(changes[1], MessageAdded) and changes[1].parent is user
    finish(session, turn, "Hi", " there")
    assert [type(c) for c in changes[3:]] == [ReplyGrew, ReplyGrew, ReplyEnded]
    assert reply.text == "Hi there" and reply.state is MessageState.DONE
    # The next turn carries the history.
    assert session.send("And?").request.messages[-2:] == (
        Message(Role.ASSISTANT, "Hi there"),
        Message(Role.USER, "And?"),
    )


def test_an_invalid_request_changes_nothing() -> None:
    session = ChatSession(ChatSettings(prompt_mode=PromptMode.UNSCOPED))
    changes: list[SessionChange] = []
    session.subscribe(changes.append)
    with pytest.raises(RequestError):
        session.send("   ")
    assert session.path() == [] and changes == []


def test_nothing_changes_while_a_reply_streams() -> None:
    session = ChatSession()
    turn = session.send("one")
    for attempt in (
        lambda: session.send("two"),
        lambda: session.regenerate(turn.reply),
        lambda: session.send_edited(session.path()[0], "uno"),
    ):
        with pytest.raises(SessionBusy):
            attempt()
    assert texts(session) == ["one", ""]
    assert session.streaming_reply is turn.reply


def test_regenerate_keeps_the_old_reply_as_a_version_and_switching_shows_it() -> None:
    session = ChatSession()
    first = exchange(session, "Tell a joke", "Joke one").reply
    exchange(session, "Another", "Joke two")
    turn = session.regenerate(first)
    # The request is asked again from the question only, not from what followed.
    assert [m.content for m in turn.request.messages] == ["Tell a joke"]
    finish(session, turn, "Joke three")
    assert texts(session) == ["Tell a joke", "Joke three"]
    assert session.versions_of(turn.reply) == (2, 2) and session.versions_of(first) == (1, 2)
    assert session.switch_version(turn.reply, +1) is None
    assert session.switch_version(turn.reply, -1) is first
    # Each message remembers its chosen version: the longer branch comes back.
    assert texts(session) == ["Tell a joke", "Joke one", "Another", "Joke two"]


def test_regenerating_a_failed_reply_without_text_replaces_it() -> None:
    session = ChatSession()
    turn = session.send("Hi")
    finish(session, turn, failure=Failure(ErrorCategory.BAD_TOKEN, "The token was refused."))
    failed = turn.reply
    assert failed.state is MessageState.FAILED
    changes: list[SessionChange] = []
    session.subscribe(changes.append)
    again = session.regenerate(failed)
    assert isinstance(changes[0], MessageRemoved) and changes[0].message is failed
    assert not session.contains(failed)
    finish(session, again, "Hello")
    assert texts(session) == ["Hi", "Hello"] and session.versions_of(again.reply) == (1, 1)


def test_a_failed_reply_with_partial_text_is_kept_as_a_version() -> None:
    session = ChatSession()
    turn = session.send("Hi")
    finish(session, turn, "Part", failure=Failure(ErrorCategory.INTERRUPTED, "Cut."))
    again = session.regenerate(turn.reply)
    finish(session, again, "Whole")
    assert session.versions_of(again.reply) == (2, 2)
    assert [m.text for m in session.messages()] == ["Hi", "Part", "Whole"]


def test_an_edit_is_a_new_branch_and_the_old_one_stays_reachable() -> None:
    session = ChatSession()
    question = exchange(session, "Capital of France?", "Paris").reply
    exchange(session, "And Spain?", "Madrid")
    first_question = session.path()[0]
    turn = session.send_edited(first_question, "Capital of Italy?")
    assert [m.content for m in turn.request.messages] == ["Capital of Italy?"]
    finish(session, turn, "Rome")
    assert texts(session) == ["Capital of Italy?", "Rome"]
    edited = session.path()[0]
    assert session.versions_of(edited) == (2, 2) and session.parent_of(edited) is None
    session.switch_version(edited, -1)
    assert texts(session) == ["Capital of France?", "Paris", "And Spain?", "Madrid"]
    assert session.path()[1] is question


def test_continue_extends_the_same_version() -> None:
    session = ChatSession()
    turn = session.send("Count")
    recorder = ReplyRecorder()
    recorder.feed(TextDelta("One two"))
    recorder.feed(Finished(FinishReason.LENGTH))
    session.finish_reply(turn.reply, recorder)
    reply = turn.reply
    assert reply.cut_by_limit
    more = session.continue_reply(reply)
    assert more.reply is reply and more.prefix == "One two"
    assert more.request.mode is PromptMode.RAW and more.request.prompt.endswith("One two")
    assert "<|eot_id|>" not in more.request.prompt.rsplit("assistant", 1)[-1]  # left open
    finish(session, more, " three.")
    assert reply.text == "One two three." and session.versions_of(reply) == (1, 1)
    assert len(session.messages()) == 2


def test_select_makes_the_path_run_through_a_message_and_announces_it() -> None:
    session = ChatSession()
    first = exchange(session, "Q", "A1").reply
    second = session.regenerate(first)
    finish(session, second, "A2")
    changes: list[SessionChange] = []
    session.subscribe(changes.append)
    session.select(first)
    assert texts(session) == ["Q", "A1"]
    assert [type(c) for c in changes] == [BranchSelected]
    session.select(first)  # already shown: nothing to announce
    assert len(changes) == 1


def test_settings_changes_are_announced_once_and_used_by_the_next_request() -> None:
    session = ChatSession()
    changes: list[SessionChange] = []
    session.subscribe(changes.append)
    session.update_settings(system_prompt="Talk like a pirate.")
    session.update_settings(system_prompt="Talk like a pirate.")
    assert len(changes) == 1 and isinstance(changes[0], SettingsChanged)
    assert changes[0].before == ChatSettings()
    session.update_settings(prompt_mode=PromptMode.RAW)
    turn = session.send("Ahoy")
    assert turn.request.mode is PromptMode.RAW
    assert "Talk like a pirate." in turn.request.prompt and "Ahoy" in turn.request.prompt


def test_raw_mode_sends_the_edited_template_when_there_is_one() -> None:
    session = ChatSession(ChatSettings(prompt_mode=PromptMode.RAW))
    turn = session.send("(raw prompt)", raw_prompt="<|begin_of_text|>custom")
    assert turn.request.prompt == "<|begin_of_text|>custom"


def test_unscoped_mode_sends_only_the_last_question() -> None:
    session = ChatSession(ChatSettings(prompt_mode=PromptMode.UNSCOPED))
    exchange(session, "first", "one")
    assert session.send("second").request.prompt == "second"


def test_several_sessions_live_at_once_without_sharing_anything() -> None:
    a = ChatSession(ChatSettings(system_prompt="A"))
    b = ChatSession(ChatSettings(system_prompt="B"))
    turn_a, turn_b = a.send("to a"), b.send("to b")  # both stream at the same time
    finish(b, turn_b, "from b")
    finish(a, turn_a, "from a")
    assert texts(a) == ["to a", "from a"] and texts(b) == ["to b", "from b"]
    assert turn_a.request.messages[0].content == "A" and turn_b.request.messages[0].content == "B"


def test_rebuild_restores_versions_and_remembered_choices_without_announcing() -> None:
    q, a1 = ChatMessage(Role.USER, "Q"), ChatMessage(Role.ASSISTANT, "A1", id=11)
    a2 = ChatMessage(Role.ASSISTANT, "A2", id=12)
    follow = ChatMessage(Role.USER, "more")
    session = ChatSession.rebuild(
        ChatSettings(system_prompt="S"),
        [(q, None), (a1, q), (a2, q), (follow, a1)],
        {None: q, q: a1, a1: follow},
        conversation_id=5,
        title="T",
    )
    assert texts(session) == ["Q", "A1", "more"]
    assert session.versions_of(a2) == (2, 2) and session.find(12) is a2
    assert (session.conversation_id, session.title) == (5, "T")
    session.switch_version(a1, +1)
    assert texts(session) == ["Q", "A2"]
    session.switch_version(a2, -1)
    assert texts(session) == ["Q", "A1", "more"]  # the choice below A1 was remembered


def test_unsubscribed_listeners_hear_nothing_more() -> None:
    session = ChatSession()
    changes: list[SessionChange] = []
    unsubscribe = session.subscribe(changes.append)
    unsubscribe()
    session.send("x")
    assert changes == []


def test_stopped_reply_keeps_its_text_and_can_be_regenerated() -> None:
    session = ChatSession()
    turn = session.send("Tell me")
    recorder = ReplyRecorder()
    recorder.feed(TextDelta("Partial"))
    recorder.cancel()
    session.finish_reply(turn.reply, recorder)
    assert (turn.reply.state, turn.reply.text) == (MessageState.STOPPED, "Partial")
    again = session.regenerate(turn.reply)
    finish(session, again, "Whole")
    assert session.versions_of(again.reply) == (2, 2)


def test_a_failed_reply_that_was_answered_after_is_kept_as_a_version_when_regenerated() -> None:
    session = ChatSession()
    turn = session.send("Hi")
    finish(session, turn, failure=Failure(ErrorCategory.SERVER_ERROR, "500"))
    exchange(session, "Are you there?", "Yes")  # the chat went on after the failure
    again = session.regenerate(turn.reply)
    finish(session, again, "Hello")
    assert session.versions_of(again.reply) == (2, 2) and session.contains(turn.reply)


def test_another_branch_cannot_be_shown_while_a_reply_streams() -> None:
    session = ChatSession()
    first = exchange(session, "Q", "A1").reply
    second = session.regenerate(first)  # streaming
    with pytest.raises(SessionBusy):
        session.select(first)
    assert session.streaming_reply is second.reply
