"""A compare recorded into a real history the way the window does it: one recorder per pane."""

from __future__ import annotations

import json

import pytest

from app.core.chat_settings import ChatSettings
from app.core.compare import CompareSession
from app.core.events import Finished, FinishReason, RequestSent, ResponseStarted, TextDelta
from app.core.params import SamplingParams
from app.core.provenance import EndpointInfo, SentRequest
from app.core.reply import ReplyRecorder
from app.core.session import ChatSession, Turn
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore

CLOUD = EndpointInfo("Workers AI", "api.cloudflare.com", "workers-ai")
LOCAL = EndpointInfo("Local vLLM", "127.0.0.1:8000", "openai")
CLOUD_URL = "https://api.cloudflare.com/client/v4/accounts/acc/ai/run/@cf/meta/llama"
LOCAL_URL = "http://127.0.0.1:8000/v1/chat/completions"
SETTINGS = (
    ChatSettings("Be brief.", SamplingParams(temperature=0.2, seed=11), profile_id="cloud"),
    ChatSettings("Be thorough.", SamplingParams(max_tokens=300), profile_id="local"),
)


def body(pane: int, question: str, seed: int | None = None) -> bytes:
    payload: dict[str, object] = {"messages": [{"role": "user", "content": question}]}
    if seed is not None:
        payload["seed"] = seed
    payload["pane"] = pane
    return json.dumps(payload, separators=(",", ":")).encode()


def finish(
    pane: ChatSession, turn: Turn, text: str, url: str, sent: bytes, endpoint: EndpointInfo
) -> None:
    recorder = ReplyRecorder()
    recorder.feed(RequestSent(SentRequest(url, sent)))
    recorder.feed(ResponseStarted(200, "req-1"))
    recorder.feed(TextDelta(text))
    pane.append_text(turn.reply, text)
    recorder.feed(Finished(FinishReason.STOP))
    pane.finish_turn(turn, recorder, endpoint)


def ask_all(
    compare: CompareSession, store: HistoryStore, question: str, answers: list[str]
) -> None:
    """Send `question` from every pane and finish each with its answer, recorded as it goes."""
    places = [(CLOUD_URL, CLOUD), (LOCAL_URL, LOCAL)]
    for index, (pane, answer) in enumerate(zip(compare.panes, answers, strict=True)):
        recorder = SessionRecorder(store, on_error=pytest.fail)
        recorder.attach(pane)
        url, endpoint = places[index % 2]
        finish(pane, pane.send(question), answer, url, body(index, question), endpoint)
        recorder.detach()


def recorded_compare(store: HistoryStore, title: str = "") -> CompareSession:
    """A two-pane compare (Workers AI and a local server) with one question answered."""
    compare = store.new_compare(SETTINGS, title)
    ask_all(compare, store, "Why is the sky blue?", ["Rayleigh scattering.", "Because of air."])
    return compare
