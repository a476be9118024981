"""Compare replies: the line saying whether the seed and request body were identical."""

from __future__ import annotations

import json
from typing import Any

from app.core.actions import MessageAction, provenance_actions
from app.core.message import ChatMessage, MessageState
from app.core.provenance import Provenance, SentRequest, StoredRequest, stored_form
from app.core.reply_compare import compare_requests
from app.core.request import Role

URL = "http://127.0.0.1:8000/v1/chat/completions"
NAMES = ("version 1", "version 2")


def sent(url: str = URL, **payload: Any) -> Provenance:
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": True}
    body.update(payload)
    return Provenance(request=SentRequest(url, json.dumps(body).encode()))


def line(a: Provenance | None, b: Provenance | None) -> str:
    return compare_requests(a, b, NAMES).sentence()


def test_the_same_body_and_seed_is_said_plainly() -> None:
    assert line(sent(seed=5), sent(seed=5)) == (
        "Same seed (5) and identical request body; any difference between the replies "
        "comes from the server."
    )
    assert compare_requests(sent(seed=5), sent(seed=5), NAMES).same_body


def test_the_same_body_without_a_seed_says_the_server_chose() -> None:
    assert line(sent(), sent()).startswith("No seed was sent and identical request body")


def test_different_seeds_and_parameters_are_named() -> None:
    text = line(sent(seed=5, temperature=0.6), sent(seed=6, temperature=0.9, top_k=40))
    assert text == (
        "Different seed (5 → 6), but the request bodies differ; parameters that differ: "
        "temperature 0.6 → 0.9, top_k unset → 40."
    )


def test_other_differences_are_named_too() -> None:
    other = sent(messages=[{"role": "user", "content": "hello"}], model="n")
    text = line(sent(seed=1), replace_url(other, seed=1))
    assert "Same seed (1)" in text and "sent to different addresses" in text
    assert "the model differs" in text and "the messages differ" in text


def replace_url(p: Provenance, **payload: Any) -> Provenance:
    assert p.request is not None
    body = {**p.request.payload(), **payload}
    return Provenance(request=SentRequest(URL + "x", json.dumps(body).encode()))


def test_the_same_content_written_differently_is_not_called_identical() -> None:
    a = Provenance(request=SentRequest(URL, b'{"seed":1}'))
    b = Provenance(request=SentRequest(URL, b'{"seed": 1}'))
    assert "the content is the same, written differently" in line(a, b)


def test_a_reply_without_a_recorded_request_says_so() -> None:
    assert line(None, sent()) == (
        "The request of version 1 was not recorded (LlamaDesk did not keep requests then), "
        "so whether the seed and body were identical is not known."
    )
    assert "version 1 and version 2 were not recorded" in line(Provenance(), None)


def test_without_the_bytes_the_hashes_say_whether_the_bodies_were_identical() -> None:
    a, b = sent(seed=5), sent(seed=6)
    assert a.request is not None and b.request is not None
    unread = Provenance(request=stored_form(a.request))
    assert line(unread, a) == (
        "Identical request body (the same SHA-256); any difference between the replies comes "
        "from the server."
    )
    assert line(unread, b).startswith("The request bodies differ (their SHA-256 differ)")
    left_out = Provenance(request=StoredRequest(URL, a.request.sha256, 9, kept=False))
    assert compare_requests(left_out, a, NAMES).same_body


def test_many_differences_are_counted_not_listed_and_long_values_cut() -> None:
    many = {f"p{i}": i for i in range(9)}
    text = line(sent(**many), sent(note="x" * 100))
    assert "4 more parameters" in text and "x" * 30 not in text


def test_replies_offer_replay_only_with_a_stored_request_and_compare_with_versions() -> None:
    reply = ChatMessage(Role.ASSISTANT, "text", provenance=sent())
    assert provenance_actions(reply, 1) == (MessageAction.REPLAY, MessageAction.DETAILS)
    assert provenance_actions(reply, 2) == (
        MessageAction.REPLAY,
        MessageAction.COMPARE,
        MessageAction.DETAILS,
    )
    old = ChatMessage(Role.ASSISTANT, "text")
    assert provenance_actions(old, 1) == (MessageAction.DETAILS,)
    grown = ChatMessage(Role.ASSISTANT, "t", provenance=Provenance(sent().request, continued=True))
    assert MessageAction.REPLAY not in provenance_actions(grown, 1)
    streaming = ChatMessage(Role.ASSISTANT, "", MessageState.STREAMING, provenance=sent())
    assert provenance_actions(streaming, 2) == ()
    assert provenance_actions(ChatMessage(Role.USER, "q"), 2) == ()
