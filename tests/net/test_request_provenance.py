"""The exact bytes sent, the server's request id, and Replay of a stored request (MockTransport)."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from app.core.errors import ErrorCategory
from app.core.events import (
    Failed,
    Finished,
    ModelSelected,
    RequestSent,
    ResponseStarted,
    Retrying,
    StreamEvent,
)
from app.core.params import SamplingParams
from app.core.provenance import MAX_REQUEST_ID_CHARS, SentRequest
from app.core.request import GenerationRequest, Message, Role
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.stream_call import encode_payload
from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig
from tests.loopback import wire
from tests.net.test_stream_call import (
    JSON,
    SSE,
    TOKEN,
    TOKENS,
    VLLM,
    Recorder,
    failure_of,
    local,
    no_wait_retry,
    text,
    workers,
)

NATIVE = wire.workers_ai_stream(TOKENS)
REQ = GenerationRequest.chat(
    [Message(Role.SYSTEM, "Sé brief 🦙"), Message(Role.USER, "hi")], SamplingParams(seed=11)
)


def answer(body: bytes, headers: dict[str, str] | None = None, status: int = 200) -> httpx.Response:
    return httpx.Response(status, headers={**SSE, **(headers or {})}, content=body)


async def events_of(stream: object) -> list[StreamEvent]:
    return [e async for e in stream]  # type: ignore[attr-defined]


def of_type(events: list[StreamEvent], kind: type) -> list:  # type: ignore[type-arg]
    return [e for e in events if isinstance(e, kind)]


# -- what goes out -----------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("dialect", ["workers-ai", "openai"])
async def test_the_recorded_body_is_exactly_the_bytes_sent(dialect: str) -> None:
    handler = Recorder(answer(NATIVE if dialect == "workers-ai" else VLLM))
    backend = workers(handler) if dialect == "workers-ai" else local(handler)
    events = await events_of(backend.stream(REQ))
    [sent_event] = of_type(events, RequestSent)
    [request] = handler.requests
    assert sent_event.request.body == request.content
    assert sent_event.request.url == str(request.url)
    assert request.headers["content-type"] == "application/json"
    body = request.content
    assert b", " not in body and "Sé brief 🦙".encode() in body  # compact, raw UTF-8
    assert json.loads(body)["seed"] == 11
    assert sent_event.request.sha256 == hashlib.sha256(body).hexdigest()
    assert TOKEN.encode() not in body  # the token travels in a header only


@pytest.mark.asyncio
async def test_every_attempt_is_announced_with_the_same_bytes_and_its_own_answer() -> None:
    busy = httpx.Response(503, headers={**JSON, "x-request-id": "first"}, content=b"{}")
    handler = Recorder(busy, answer(NATIVE, {"cf-ray": "8f00aa-AMS"}))
    events = await events_of(workers(handler, retry=no_wait_retry()).stream(REQ))
    kinds = [type(e) for e in events if not isinstance(e, ModelSelected)]
    assert kinds[:4] == [RequestSent, ResponseStarted, Retrying, RequestSent]
    sent = of_type(events, RequestSent)
    assert sent[0].request == sent[1].request
    assert [r.content for r in handler.requests] == [sent[0].request.body] * 2
    started = of_type(events, ResponseStarted)
    assert [(s.status, s.request_id) for s in started] == [(503, "first"), (200, "8f00aa-AMS")]
    assert isinstance(events[-1], Finished)


@pytest.mark.asyncio
async def test_a_failure_before_any_answer_still_says_what_was_sent() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    events = await events_of(workers(Recorder(refuse), retry=no_wait_retry(attempts=1)).stream(REQ))
    assert len(of_type(events, RequestSent)) == 1 and not of_type(events, ResponseStarted)
    assert failure_of(events).category is ErrorCategory.UNREACHABLE


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("x" * 50_000, "x" * (MAX_REQUEST_ID_CHARS - 1) + "…"),
        ("abc\x1b[2Jdef\tghi", "abc[2Jdefghi"),
        (f"id-{TOKEN}", "id-••••"),
        ("   ", None),
    ],
    ids=["huge", "control-characters", "echoes-the-token", "blank"],
)
async def test_a_hostile_request_id_is_bounded_and_cleaned(header: str, expected: str) -> None:
    events = await events_of(
        workers(Recorder(answer(NATIVE, {"x-request-id": header}))).stream(REQ)
    )
    [started] = of_type(events, ResponseStarted)
    assert started.request_id == expected


def test_a_lone_surrogate_is_sent_escaped_instead_of_failing() -> None:
    body = encode_payload({"messages": [{"content": "bad \ud800 half"}]})
    assert body == b'{"messages":[{"content":"bad \\ud800 half"}]}'
    assert encode_payload({"a": "é"}) == '{"a":"é"}'.encode()
    assert encode_payload(None) == b""


# -- replay ------------------------------------------------------------------------------------


async def first_request(backend: OpenAIBackend | WorkersAIBackend) -> SentRequest:
    events = await events_of(backend.stream(REQ))
    return of_type(events, RequestSent)[-1].request  # type: ignore[no-any-return]


@pytest.mark.asyncio
@pytest.mark.parametrize("dialect", ["workers-ai", "openai"])
async def test_replay_sends_the_stored_bytes_again_to_the_same_address(dialect: str) -> None:
    body = NATIVE if dialect == "workers-ai" else VLLM
    handler = Recorder(answer(body))
    backend = workers(handler) if dialect == "workers-ai" else local(handler, key=TOKEN)
    sent = await first_request(backend)
    events = await events_of(backend.replay(sent))
    first, again = handler.requests
    assert again.content == first.content == sent.body
    assert str(again.url) == str(first.url)
    assert again.headers.get("authorization") == first.headers.get("authorization")
    assert again.headers["content-type"] == "application/json"
    assert of_type(events, RequestSent)[0].request == sent
    assert of_type(events, ModelSelected)
    assert text(events) == "".join(TOKENS) and isinstance(events[-1], Finished)


@pytest.mark.asyncio
async def test_replay_of_a_whole_json_reply_reads_the_json_answer() -> None:
    completion = wire.openai_completion("Whole answer", model="m")
    handler = Recorder(httpx.Response(200, headers=JSON, content=completion))
    backend = local(handler)
    stored = SentRequest(
        "http://127.0.0.1:8000/v1/chat/completions",
        b'{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":false}',
    )
    events = await events_of(backend.replay(stored))
    assert handler.requests[0].content == stored.body
    assert text(events) == "Whole answer"


@pytest.mark.asyncio
async def test_replay_to_an_endpoint_whose_address_changed_is_refused_and_sends_nothing() -> None:
    handler = Recorder(answer(VLLM))
    moved = SentRequest("http://10.0.0.9:8000/v1/chat/completions", b'{"model":"m"}')
    events = await events_of(local(handler).replay(moved))
    assert handler.requests == []
    failure = failure_of(events)
    assert failure.category is ErrorCategory.MISSING_SETTING
    assert "10.0.0.9:8000" in failure.message and "127.0.0.1:8000" in failure.message
    assert "set the endpoint back" in failure.message and "Regenerate" in failure.message


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "config",
    [WorkersAIConfig("other-account", TOKEN), WorkersAIConfig("acc123", TOKEN, model="@cf/x/y")],
    ids=["account", "model"],
)
async def test_workers_ai_replay_refuses_another_account_or_model(config: WorkersAIConfig) -> None:
    handler = Recorder(answer(NATIVE))
    sent = await first_request(workers(handler))
    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    events = await events_of(WorkersAIBackend(client, config).replay(sent))
    assert len(handler.requests) == 1  # only the first, never the replay
    assert isinstance(events[-1], Failed) and "was not sent again" in events[-1].failure.message
    assert TOKEN not in events[-1].failure.message


@pytest.mark.asyncio
async def test_replay_of_a_raw_prompt_goes_to_completions_again() -> None:
    handler = Recorder(answer(wire.openai_stream(TOKENS, flavor="vllm", completions=True)))
    backend = OpenAIBackend(
        httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        OpenAIConfig("http://127.0.0.1:8000/v1", None, "m"),
    )
    raw = GenerationRequest.raw("<|begin_of_text|>hi")
    sent = await first_request_for(backend, raw)
    assert sent.url.endswith("/v1/completions")
    events = await events_of(backend.replay(sent))
    assert handler.requests[-1].url.path == "/v1/completions"
    assert handler.requests[-1].content == sent.body and text(events) == "".join(TOKENS)


async def first_request_for(backend: OpenAIBackend, request: GenerationRequest) -> SentRequest:
    events = await events_of(backend.stream(request))
    return of_type(events, RequestSent)[-1].request  # type: ignore[no-any-return]


@pytest.mark.asyncio
async def test_a_token_sent_back_as_the_model_name_is_masked_in_the_recorded_request() -> None:
    handler = Recorder(answer(VLLM))
    backend = local(handler, model=f"model-{TOKEN}", key=TOKEN)
    events = await events_of(backend.stream(REQ))
    [sent] = of_type(events, RequestSent)
    assert TOKEN.encode() in handler.requests[0].content  # the server asked for that id
    assert sent.request.masked and TOKEN.encode() not in sent.request.body
    # Its hash names the bytes that went out, not the masked copy kept.
    assert sent.request.sha256 == hashlib.sha256(handler.requests[0].content).hexdigest()
