"""CompareSession, pane_differences and seed_notes: plain pytest, no Qt, no storage."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import pytest

from app.core.chat_settings import ChatSettings
from app.core.compare import (
    MAX_COMPARE_CHARS,
    MAX_PANES,
    MAX_SPANS_PER_PANE,
    SAME_SEED_DIFFERENT_TEXT,
    CompareChange,
    CompareSession,
    PaneAdded,
    PaneLimit,
    PaneRemoved,
    WordCounts,
    pane_differences,
    seed_notes,
)
from app.core.events import Finished, FinishReason, RequestSent, TextDelta
from app.core.message import MessageState
from app.core.params import SamplingParams
from app.core.provenance import (
    EndpointInfo,
    RequestUnavailable,
    SentRequest,
    StoredRequest,
    stored_form,
)
from app.core.reply import ReplyRecorder
from app.core.session import ChatSession, SessionBusy, Turn

URL = "http://127.0.0.1:8080/v1/chat/completions"


def _marked(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


# -- the panes ---------------------------------------------------------------------------------


def test_panes_are_added_and_removed_within_two_to_four_and_announced() -> None:
    compare = CompareSession([ChatSession(), ChatSession()], compare_id=3, title="Tone")
    changes: list[CompareChange] = []
    unsubscribe = compare.subscribe(changes.append)
    third = compare.add_pane(ChatSettings(system_prompt="Be terse."))
    fourth = compare.add_pane(ChatSettings(params=SamplingParams(temperature=0.1)))
    assert [type(c) for c in changes] == [PaneAdded, PaneAdded]
    assert (changes[0].pane, changes[0].index) == (third, 2)
    assert third.settings.system_prompt == "Be terse." and third.conversation_id is None
    with pytest.raises(PaneLimit, match=f"at most {MAX_PANES}"):
        compare.add_pane(ChatSettings())
    assert len(compare.panes) == MAX_PANES
    removed = compare.remove_pane(2)
    assert removed is third and compare.panes[2] is fourth
    assert isinstance(changes[-1], PaneRemoved) and changes[-1].index == 2
    compare.remove_pane(0)
    with pytest.raises(PaneLimit, match="at least 2"):
        compare.remove_pane(0)
    assert len(compare.panes) == 2 and compare.index_of(fourth) == 1
    with pytest.raises(ValueError, match="not a pane"):
        compare.index_of(third)
    unsubscribe()
    compare.add_pane(ChatSettings())
    assert len(changes) == 4  # nothing heard after unsubscribing


def test_more_than_four_panes_are_refused_at_once() -> None:
    with pytest.raises(PaneLimit):
        CompareSession([ChatSession() for _ in range(MAX_PANES + 1)])


def test_a_streaming_pane_cannot_be_removed_and_each_pane_sends_on_its_own() -> None:
    compare = CompareSession([ChatSession(), ChatSession(), ChatSession()])
    turns = [pane.send("Hello?") for pane in compare.panes]
    assert compare.streaming
    with pytest.raises(SessionBusy, match="stop it first"):
        compare.remove_pane(1)
    for turn, pane, text in zip(turns, compare.panes, ["A", "B", "C"], strict=True):
        _finish(pane, turn, text)
    assert not compare.streaming
    assert compare.last_texts() == ["A", "B", "C"]
    compare.remove_pane(1)
    assert compare.last_texts() == ["A", "C"]


def test_last_texts_are_empty_where_a_pane_has_no_reply() -> None:
    compare = CompareSession([ChatSession(), ChatSession()])
    compare.panes[0].send("Only the question so far")
    assert compare.last_texts() == ["", ""]
    assert compare.last_replies()[1] is None


# -- differences -------------------------------------------------------------------------------


def test_one_word_that_differs_is_marked_in_both_panes() -> None:
    texts = ["The sky is blue today.", "The sky is grey today."]
    diffs = pane_differences(texts)
    assert [_marked(t, s) for t, s in zip(texts, diffs, strict=True)] == [["blue"], ["grey"]]
    assert diffs.too_long == frozenset()


def test_pane_zero_marks_words_any_other_pane_lacks() -> None:
    texts = [
        "Use flour, water and salt.",
        "Use flour, water and salt.",
        "Use rye flour, water and salt.",
        "Use flour, milk and salt.",
    ]
    diffs = pane_differences(texts)
    assert diffs[1] == []
    assert _marked(texts[2], diffs[2]) == ["rye"]
    assert _marked(texts[3], diffs[3]) == ["milk"]
    assert _marked(texts[0], diffs[0]) == ["water"]


def test_a_shorter_pane_is_never_the_same_and_each_note_names_what_it_was_compared_with() -> None:
    words = [f"w{i}" for i in range(45)]
    full, short = " ".join(words), " ".join(words[:30])
    diffs = pane_differences([full, short, full])
    assert diffs.reference == 0
    assert diffs.counts == {1: WordCounts(extra=0, missing=15), 2: WordCounts(0, 0)}
    assert _marked(full, diffs[0]) == [" ".join(words[30:])]  # what pane 2 lacks, in pane 1
    assert diffs[1] == [] and diffs[2] == []
    assert diffs.note(1) == "15 of pane 1’s words missing here."
    assert diffs.note(2) == "Same words as pane 1."
    assert diffs.note(0) == "Same words as pane 3. Highlighted: 15 words not in pane 2."


def test_notes_count_words_that_differ_and_words_missing_against_the_reference() -> None:
    texts = ["", "The cat sat on the mat.", "The dog sat on the mat.", "The cat sat on a big rug."]
    diffs = pane_differences(texts)
    assert diffs.reference == 1 and diffs.note(0) == ""
    assert diffs.counts == {2: WordCounts(1, 1), 3: WordCounts(3, 2)}
    assert (
        diffs.note(2)
        == "1 word differs from pane 2 (highlighted); 1 of pane 2’s words missing here."
    )
    assert diffs.note(3) == (
        "3 words differ from pane 2 (highlighted); 2 of pane 2’s words missing here."
    )
    assert diffs.note(1) == "Highlighted: 1 word not in pane 3; 2 words not in pane 4."
    longer = pane_differences(["Short.", "Short. And more words here."])
    assert longer.note(1) == "4 words differ from pane 1 (highlighted)."
    assert longer.note(0) == "Pane 2 has 4 words more."
    mixed = pane_differences(["A b c.", "A b c.", "A b.", "A b c d."])
    assert mixed.note(0) == (
        "Same words as pane 2. Highlighted: 1 word not in pane 3. Pane 4 has 1 word more."
    )
    same = pane_differences(["Same.", "Same.", "Same."])
    assert (
        same.note(0) == "Same words as panes 2 and 3." and same.note(2) == "Same words as pane 1."
    )
    assert pane_differences(["Only one.", ""]).note(0) == ""


def test_identical_replies_mark_nothing() -> None:
    texts = ["Same words.\nOn two lines."] * 4
    assert pane_differences(texts) == [[], [], [], []]


def test_spacing_alone_is_not_a_difference() -> None:
    texts = ["Hello world,\nfriend.", "Hello  world,\n\nfriend."]
    assert pane_differences(texts) == [[], []]


def test_spans_stay_inside_the_text_when_replies_are_split_across_lines() -> None:
    texts = [
        "First line.\nSecond line here.\nThird line.",
        "First line.\nSecond line there,\nsplit in two.\nThird line.",
        "Another answer altogether 👍🏽 with ñ.",
    ]
    diffs = pane_differences(texts)
    for text, spans in zip(texts, diffs, strict=True):
        for start, end in spans:
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()  # words, not the spaces around
        assert spans == sorted(spans)
    assert "there," in "".join(_marked(texts[1], diffs[1]))
    assert "👍🏽" in "".join(_marked(texts[2], diffs[2]))


def test_empty_replies_are_left_out_and_the_first_with_text_is_the_reference() -> None:
    texts = ["", "The cat sat.", "The dog sat.", "   "]
    diffs = pane_differences(texts)
    assert diffs[0] == [] and diffs[3] == []
    assert _marked(texts[1], diffs[1]) == ["cat"]
    assert _marked(texts[2], diffs[2]) == ["dog"]
    assert pane_differences(["", "Only one answer."]) == [[], []]
    assert pane_differences([]) == []


def test_a_reply_past_the_limit_is_flagged_not_compared() -> None:
    huge = "word " * (MAX_COMPARE_CHARS // 5 + 1)
    diffs = pane_differences(["A short answer.", huge, "A long answer."])
    assert diffs.too_long == frozenset({1})
    assert diffs[1] == []
    assert _marked("A long answer.", diffs[2]) == ["long"]


def test_huge_repetitive_replies_are_bounded_and_flagged() -> None:
    words_a = [f"alpha{i % 97}" for i in range(20_000)]
    words_b = [f"beta{i % 89}" if i % 2 else f"alpha{i % 97}" for i in range(20_000)]
    texts = [" ".join(words_a), " ".join(words_b), " ".join(reversed(words_a))]
    assert all(len(t) < MAX_COMPARE_CHARS for t in texts)
    started = time.perf_counter()
    diffs = pane_differences(texts)
    assert time.perf_counter() - started < 10  # the diff's budget: well under a second
    assert diffs.too_long == frozenset({0, 1, 2})  # the view says "too long to compare"
    assert all(len(spans) <= MAX_SPANS_PER_PANE for spans in diffs)


def test_thousands_of_scattered_differences_stop_at_the_span_limit() -> None:
    lines = 2 * (MAX_SPANS_PER_PANE + 500)
    old = "\n".join(f"Line {i} says alpha." for i in range(lines))
    new = "\n".join(f"Line {i} says {'beta' if i % 2 else 'alpha'}." for i in range(lines))
    diffs = pane_differences([old, new])
    assert len(diffs[1]) == MAX_SPANS_PER_PANE and len(diffs[0]) == MAX_SPANS_PER_PANE
    assert _marked(new, diffs[1][:2]) == ["beta", "beta"]
    assert diffs.too_long == frozenset({0, 1})
    few = pane_differences([old, new.replace("beta", "alpha", MAX_SPANS_PER_PANE + 499)])
    assert [len(s) for s in few] == [1, 1] and few.too_long == frozenset()


# -- seeds -------------------------------------------------------------------------------------


def _body(seed: int | None, text: str = "Hello?") -> bytes:
    payload: dict[str, object] = {"messages": [{"role": "user", "content": text}]}
    if seed is not None:
        payload["seed"] = seed
    return json.dumps(payload, separators=(",", ":")).encode()


def _finish(pane: ChatSession, turn: Turn, text: str, body: bytes | None = None) -> None:
    recorder = ReplyRecorder()
    if body is not None:
        recorder.feed(RequestSent(SentRequest(URL, body)))
    recorder.feed(TextDelta(text))
    recorder.feed(Finished(FinishReason.STOP))
    pane.finish_turn(turn, recorder, EndpointInfo("Local", "127.0.0.1:8080", "openai"))


def _answered(text: str, body: bytes | None) -> ChatSession:
    pane = ChatSession()
    _finish(pane, pane.send("Hello?"), text, body)
    return pane


def test_same_seed_and_request_with_different_text_names_the_panes() -> None:
    panes = [
        _answered("Hi!", _body(42)),
        _answered("Hello there.", _body(42)),
        _answered("Hey.", _body(7)),  # another seed: another request
    ]
    notes = seed_notes(panes)
    assert len(notes) == 1
    note = notes[0]
    assert (note.panes, note.seed, note.reproduced) == ((0, 1), 42, False)
    assert note.message == f"Panes 1 and 2: {SAME_SEED_DIFFERENT_TEXT} (42)."


def test_same_seed_and_request_with_the_same_text_is_reproduced() -> None:
    panes = [_answered("Hi!", _body(5)), _answered("Hey.", _body(6)), _answered("Hi!", _body(5))]
    (note,) = seed_notes(panes)
    assert note.panes == (0, 2) and note.reproduced
    assert note.message == "Panes 1 and 3 reproduced the same answer for seed 5."


def test_no_note_without_a_seed_a_request_or_a_finished_reply() -> None:
    assert seed_notes([_answered("A", _body(None)), _answered("B", _body(None))]) == []
    assert seed_notes([_answered("A", None), _answered("B", None)]) == []
    stopped = _answered("A", _body(1))
    last = stopped.path()[-1]
    last.state = MessageState.STOPPED
    assert seed_notes([stopped, _answered("B", _body(1))]) == []
    assert seed_notes([_answered("A", _body(1))]) == []


def test_a_stored_request_is_read_for_its_seed_and_left_out_when_it_cannot_be() -> None:
    panes = [_answered("A", _body(9)), _answered("B", _body(9))]
    bodies: dict[int, SentRequest] = {}
    for n, pane in enumerate(panes, 1):
        reply = pane.path()[-1]
        assert reply.provenance is not None and isinstance(reply.provenance.request, SentRequest)
        reply.id = n
        bodies[n] = reply.provenance.request
        stored = stored_form(reply.provenance.request)
        assert isinstance(stored, StoredRequest)
        reply.provenance = replace(reply.provenance, request=stored)
        pane.request_loader = bodies.__getitem__
    (note,) = seed_notes(panes)
    assert note.seed == 9 and not note.reproduced

    def unreadable(message_id: int) -> SentRequest:
        raise RequestUnavailable("gone")

    panes[1].request_loader = unreadable
    assert seed_notes(panes) == []
