"""Provenance: request ids cleaned, the recorder's request, reproducible seeds, replay turns."""

from __future__ import annotations

import itertools
import json

import pytest

from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, Failure
from app.core.events import (
    Finished,
    FinishReason,
    ModelSelected,
    ModelServed,
    RequestSent,
    ResponseStarted,
    Retrying,
    TextDelta,
)
from app.core.message import ChatMessage, MessageState
from app.core.params import SamplingParams
from app.core.prompts.variables import VariableSpec
from app.core.provenance import (
    MAX_MODEL_ID_CHARS,
    MAX_REQUEST_ID_CHARS,
    EndpointInfo,
    PromptUse,
    Provenance,
    RequestUnavailable,
    SentRequest,
    StoredRequest,
    clean_model_id,
    clean_request_id,
    masked_request,
    stored_form,
)
from app.core.reply import ReplyRecorder
from app.core.request import Role
from app.core.session import ChatSession, Turn
from app.core.stored_request import ReplayUnavailable

URL = "http://127.0.0.1:8000/v1/chat/completions"
ENDPOINT = EndpointInfo("Lab GPU", "127.0.0.1", "openai")


def sent_for(turn: Turn, seed: int | None = None) -> SentRequest:
    """What a backend would have sent for this turn (the body holds the request's params)."""
    assert turn.request is not None
    payload = {"messages": [m.content for m in turn.request.messages]}
    payload.update(turn.request.params.to_payload())
    return SentRequest(URL, json.dumps(payload, separators=(",", ":")).encode())


def finish(session: ChatSession, turn: Turn, text: str = "Hi", *, send: bool = True) -> None:
    recorder = ReplyRecorder()
    if send:
        recorder.feed(RequestSent(turn.sent or sent_for(turn)))
        recorder.feed(ResponseStarted(200, "req-1"))
    recorder.feed(TextDelta(text))
    recorder.feed(Finished(FinishReason.STOP))
    session.finish_turn(turn, recorder, ENDPOINT)


# -- request ids -------------------------------------------------------------------------------


def test_a_plain_request_id_is_kept_as_it_is() -> None:
    assert clean_request_id("8f1c2a3b4d5e6f70-AMS") == "8f1c2a3b4d5e6f70-AMS"


def test_control_and_format_characters_are_removed_and_blank_ids_are_none() -> None:
    assert clean_request_id("abc\x1b[31m\r\nINJECT\x00\u202edef") == "abc[31mINJECTdef"
    assert clean_request_id(" \t\x07 ") is None
    assert clean_request_id("") is None


def test_a_huge_request_id_is_cut_to_the_bound() -> None:
    shown = clean_request_id("x" * 70_000)
    assert shown is not None and len(shown) == MAX_REQUEST_ID_CHARS and shown.endswith("…")


def test_a_token_in_a_request_id_is_masked_even_when_split_by_control_characters() -> None:
    token = "secret-token-0123456789"
    shown = clean_request_id(f"id-{token[:7]}\x00{token[7:]}-end", (token,))
    assert shown is not None and token not in shown and "••••" in shown
    assert token[:12] not in (clean_request_id("\x01" * 2000 + token, (token,)) or "")


# -- the recorder ------------------------------------------------------------------------------


def test_the_recorder_keeps_the_last_request_and_the_id_of_its_answer_only() -> None:
    first, second = SentRequest(URL, b'{"a":1}'), SentRequest(URL, b'{"a":1}')
    recorder = ReplyRecorder()
    recorder.feed(RequestSent(first))
    recorder.feed(ResponseStarted(503, "busy-id"))
    recorder.feed(RequestSent(second))  # the retry: the 503's id is not this request's
    assert recorder.request is second and recorder.request_id is None
    recorder.feed(ResponseStarted(200, "good-id"))
    assert recorder.request_id == "good-id"


def test_time_to_first_token_counts_from_the_last_request_sent() -> None:
    """Not the backend's set-up, model discovery or a retry's wait before it."""
    now = [0.0]
    recorder = ReplyRecorder(clock=lambda: now[0])
    now[0] = 1.0
    recorder.feed(ModelSelected("m", None))  # after GET /models
    recorder.feed(RequestSent(SentRequest(URL, b"{}")))
    now[0] = 1.5
    failure = Failure(ErrorCategory.RATE_LIMITED, "busy")
    recorder.feed(Retrying(failure, 2, 10.0))
    now[0] = 11.5
    recorder.feed(RequestSent(SentRequest(URL, b"{}")))  # after a 10 s Retry-After
    now[0] = 11.7
    recorder.feed(TextDelta("x"))
    now[0] = 13.0
    recorder.feed(RequestSent(SentRequest(URL, b"{}")))  # never after the first token
    assert recorder.ttft_ms == pytest.approx(200)


def test_without_a_request_sent_time_to_first_token_counts_from_the_start() -> None:
    now = [5.0]
    recorder = ReplyRecorder(clock=lambda: now[0])
    now[0] = 5.25
    recorder.feed(TextDelta("x"))
    assert recorder.ttft_ms == pytest.approx(250)


def test_the_model_the_answer_names_is_the_one_recorded() -> None:
    recorder = ReplyRecorder()
    recorder.feed(ModelSelected("llama-3.1-8b", 8192))
    assert recorder.model == "llama-3.1-8b"
    recorder.feed(ModelServed("meta-llama/Llama-3.1-8B-Instruct-FP8"))
    assert recorder.model == "meta-llama/Llama-3.1-8B-Instruct-FP8"


def test_a_served_model_id_is_cleaned_bounded_and_never_a_token() -> None:
    token = "secret-token-0123456789"
    assert clean_model_id(f"model-{token}\x1b[2J", (token,)) == "model-••••[2J"
    long = clean_model_id("m" * 10_000)
    assert long is not None and len(long) == MAX_MODEL_ID_CHARS and long.endswith("…")
    assert clean_model_id("\x00\t ") is None


def test_a_masked_request_keeps_the_hash_of_the_bytes_sent() -> None:
    token = "sk-listed-as-model-0123"
    sent = SentRequest(URL, json.dumps({"model": token}).encode())
    kept = masked_request(sent, (token,))
    assert kept.masked and kept.body != sent.body
    assert kept.sha256 == sent.sha256  # what the server got, not what is kept
    assert stored_form(kept) == StoredRequest(URL, sent.sha256, len(kept.body), masked=True)


def test_sent_params_and_seed_are_read_from_the_body() -> None:
    body = b'{"model":"m","messages":[],"stream":true,"temperature":0.5,"seed":42}'
    provenance = Provenance(request=SentRequest(URL, body))
    assert provenance.sent_params() == {"temperature": 0.5, "seed": 42}
    assert provenance.seed == 42
    assert Provenance(request=SentRequest(URL, b"not json")).sent_params() == {}
    assert Provenance(request=SentRequest(URL, b'{"seed":true}')).seed is None
    assert Provenance().seed is None


# -- reproducible ------------------------------------------------------------------------------


def test_a_reproducible_chat_sends_a_fresh_seed_with_every_request() -> None:
    session = ChatSession(ChatSettings(reproducible=True))
    seeds = itertools.count(101)
    session.new_seed = lambda: next(seeds)
    first = session.send("one")
    finish(session, first)
    second = session.regenerate(first.reply)
    assert first.request is not None and second.request is not None
    assert (first.request.params.seed, second.request.params.seed) == (101, 102)
    assert first.reproducible and second.reproducible
    finish(session, second)
    assert first.reply.provenance is not None and first.reply.provenance.seed == 101
    assert second.reply.provenance is not None and second.reply.provenance.seed == 102
    assert second.reply.provenance.reproducible


def test_the_real_seeds_differ_between_requests_and_are_accepted_everywhere() -> None:
    session = ChatSession(ChatSettings(reproducible=True))
    turn = session.send("one")
    seeds = {turn.request.params.seed} if turn.request else set()
    finish(session, turn)
    for _ in range(5):
        turn = session.regenerate(turn.reply)
        assert turn.request is not None
        seeds.add(turn.request.params.seed)
        finish(session, turn)
    assert len(seeds) == 6
    assert all(isinstance(s, int) and 1 <= s < 2**31 for s in seeds)


def test_a_seed_the_user_set_is_the_one_sent_and_no_seed_without_the_switch() -> None:
    fixed = ChatSession(ChatSettings(params=SamplingParams(seed=7), reproducible=True))
    fixed.new_seed = lambda: pytest.fail("a seed was set: no fresh one is made")  # type: ignore[assignment,return-value]
    turn = fixed.send("one")
    assert turn.request is not None and turn.request.params.seed == 7
    assert not turn.reproducible  # sent because it is set, not made by the switch
    plain = ChatSession(ChatSettings())
    turn = plain.send("one")
    assert turn.request is not None and turn.request.params.seed is None
    assert not turn.reproducible


# -- provenance when a reply ends --------------------------------------------------------------


def test_a_finished_reply_records_where_it_came_from() -> None:
    settings = ChatSettings(
        system_prompt="Hi {{name}}",
        prompt_ref="12@3",
        variables=(VariableSpec("name"),),
        values=(("name", "Ada"),),
    )
    session = ChatSession(settings)
    turn = session.send("question")
    finish(session, turn)
    provenance = turn.reply.provenance
    assert provenance is not None
    assert provenance.endpoint == ENDPOINT
    assert provenance.prompt == PromptUse("12@3", values=(("name", "Ada"),))
    assert provenance.request == sent_for(turn) and provenance.request_id == "req-1"
    assert not provenance.reproducible and provenance.replay_of is None
    assert provenance.replayable


def test_a_reply_that_never_sent_a_request_has_provenance_without_one() -> None:
    session = ChatSession()
    turn = session.send("question")
    finish(session, turn, send=False)
    assert turn.reply.provenance is not None and turn.reply.provenance.request is None
    with pytest.raises(ReplayUnavailable, match="no stored request"):
        session.replay(turn.reply)


def test_continue_records_its_own_request_and_a_continue_that_sent_nothing_keeps_the_old() -> None:
    session = ChatSession()
    turn = session.send("question")
    finish(session, turn, "Once")
    original = turn.reply.provenance
    again = session.continue_reply(turn.reply)
    finish(session, again, " upon", send=False)  # e.g. the endpoint could not be built
    assert turn.reply.provenance is original
    again = session.continue_reply(turn.reply)
    finish(session, again, " a time")
    assert turn.reply.provenance is not None and turn.reply.provenance.continued
    assert not turn.reply.provenance.replayable
    with pytest.raises(ReplayUnavailable, match="Continue"):
        session.replay(turn.reply)


# -- replay ------------------------------------------------------------------------------------


def test_replay_is_a_new_version_of_the_reply_carrying_its_stored_request() -> None:
    session = ChatSession(ChatSettings(reproducible=True))
    session.new_seed = lambda: 5
    turn = session.send("question")
    finish(session, turn, "First")
    turn.reply.id = 40  # as the history numbers it
    session.update_settings(system_prompt="changed since", params=SamplingParams(seed=9))
    replay = session.replay(turn.reply)
    assert replay.request is None and replay.sent is turn.reply.provenance.request  # type: ignore[union-attr]
    assert replay.replay_of is turn.reply and replay.reproducible
    assert session.versions_of(replay.reply) == (2, 2)
    assert replay.reply.state is MessageState.STREAMING
    finish(session, replay, "Second")
    provenance = replay.reply.provenance
    assert provenance is not None and provenance.replay_of == 40
    assert provenance.request == turn.reply.provenance.request  # type: ignore[union-attr]
    assert provenance.seed == 5 and provenance.prompt == turn.reply.provenance.prompt  # type: ignore[union-attr]


def test_a_reply_read_back_without_its_bytes_reads_them_when_needed() -> None:
    sent = SentRequest(URL, b'{"seed":7}')
    question = ChatMessage(Role.USER, "q", id=1)
    reply = ChatMessage(Role.ASSISTANT, "a", id=2, provenance=Provenance(request=stored_form(sent)))
    session = ChatSession.rebuild(ChatSettings(), [(question, None), (reply, question)])
    assert reply.provenance is not None and reply.provenance.seed is None  # not here
    with pytest.raises(RequestUnavailable, match="not open"):
        session.request_of(reply)
    with pytest.raises(ReplayUnavailable, match="not open"):
        session.replay(reply)
    assert session.messages() == [question, reply]  # nothing changed
    asked: list[int] = []

    def load(message_id: int) -> SentRequest:
        asked.append(message_id)
        return sent

    session.request_loader = load
    assert session.request_of(reply) == sent and asked == [2]
    replay = session.replay(reply)
    assert replay.sent == sent and replay.replay_of is reply


def test_bytes_that_are_not_the_recorded_request_are_refused() -> None:
    reply = ChatMessage(
        Role.ASSISTANT,
        "a",
        id=2,
        provenance=Provenance(request=stored_form(SentRequest(URL, b"1"))),
    )
    session = ChatSession.rebuild(ChatSettings(), [(reply, None)])
    session.request_loader = lambda message_id: SentRequest(URL, b"2")
    with pytest.raises(RequestUnavailable, match="no longer holds this request"):
        session.request_of(reply)


def test_a_request_left_out_of_an_import_cannot_be_replayed() -> None:
    marker = StoredRequest(URL, "0" * 64, 10, kept=False)
    reply = ChatMessage(Role.ASSISTANT, "a", id=2, provenance=Provenance(request=marker))
    session = ChatSession.rebuild(ChatSettings(), [(reply, None)])
    assert reply.provenance is not None and not reply.provenance.replayable
    with pytest.raises(ReplayUnavailable, match="left out of the file"):
        session.replay(reply)


def test_a_reply_from_before_provenance_cannot_be_replayed_and_nothing_changes() -> None:
    old = ChatMessage(Role.ASSISTANT, "old answer")
    question = ChatMessage(Role.USER, "q")
    session = ChatSession.rebuild(ChatSettings(), [(question, None), (old, question)])
    with pytest.raises(ReplayUnavailable, match="made before LlamaDesk kept them"):
        session.replay(old)
    assert session.messages() == [question, old]
    with pytest.raises(ValueError, match="only a reply"):
        session.replay(question)


def test_a_token_in_a_body_is_masked_in_what_is_kept_and_that_cannot_be_replayed() -> None:
    token = "sk-listed-as-model-0123"
    body = json.dumps({"model": f"model-{token}", "note": f'quote"{token}'}).encode()
    kept = masked_request(SentRequest(URL, body), (token, "short"))
    assert kept.masked and token.encode() not in kept.body and b"model-\xe2\x80\xa2" in kept.body
    clean = SentRequest(URL, b'{"model":"m"}')
    assert masked_request(clean, (token,)) is clean
    session = ChatSession()
    turn = session.send("q")
    recorder = ReplyRecorder()
    recorder.feed(RequestSent(kept))
    recorder.feed(Finished(FinishReason.STOP))
    session.finish_turn(turn, recorder)
    assert turn.reply.provenance is not None and not turn.reply.provenance.replayable
    with pytest.raises(ReplayUnavailable, match="token masked"):
        session.replay(turn.reply)
