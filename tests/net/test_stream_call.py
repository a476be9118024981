"""The streaming pipeline over httpx.MockTransport: chunk splits, stalls, cuts, retries, cancel."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Callable

import httpx
import pytest

from app.core.errors import ErrorCategory
from app.core.events import (
    Failed,
    Finished,
    FinishReason,
    ModelSelected,
    Retrying,
    StreamEvent,
    TextDelta,
    Usage,
)
from app.core.request import GenerationRequest, Message, Role
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import RetryPolicy
from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig
from tests.loopback import wire

TOKEN = "cf-secret-token-0123456789abcdef"
TOKENS = ["Hé", "llo", " wörld", " 🦙", " 日本語", "!"]
SSE = {"content-type": "text/event-stream"}
JSON = {"content-type": "application/json"}


class ChunkStream(httpx.AsyncByteStream):
    """Yields given chunks; then optionally raises or blocks forever; records aclose()."""

    def __init__(
        self, chunks: list[bytes], *, then: Exception | None = None, block: bool = False
    ) -> None:
        self.chunks, self.then, self.block = chunks, then, block
        self.closed = asyncio.Event()
        self.reached_block = asyncio.Event()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for c in self.chunks:
            yield c
        if self.then is not None:
            raise self.then
        if self.block:
            self.reached_block.set()
            await asyncio.Event().wait()

    async def aclose(self) -> None:
        self.closed.set()


Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Answers requests in order (the last answer repeats); GET /models lists model "m"."""

    def __init__(self, *responses: httpx.Response | Handler, models: bool = True) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []
        self.models = models

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.models and request.method == "GET" and request.url.path.endswith("/models"):
            return httpx.Response(200, headers=JSON, content=wire.models_list(["m"]))
        self.requests.append(request)
        item = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        return item(request) if callable(item) else item


def sse_response(chunks: list[bytes], status: int = 200, **kw: object) -> httpx.Response:
    return httpx.Response(status, headers=SSE, stream=ChunkStream(chunks, **kw))  # type: ignore[arg-type]


def no_wait_retry(delays: list[float] | None = None, attempts: int = 3) -> RetryPolicy:
    async def sleep(s: float) -> None:
        if delays is not None:
            delays.append(s)

    return RetryPolicy(max_attempts=attempts, base_delay_s=0.5, sleep=sleep, jitter=lambda: 1.0)


def workers(handler: Recorder, retry: RetryPolicy | None = None) -> WorkersAIBackend:
    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return WorkersAIBackend(
        client, WorkersAIConfig("acc123", TOKEN), retry=retry or no_wait_retry(), stall_timeout_s=5
    )


def local(
    handler: Recorder,
    model: str | None = "m",
    retry: RetryPolicy | None = None,
    key: str | None = None,
) -> OpenAIBackend:
    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return OpenAIBackend(
        client, OpenAIConfig("http://127.0.0.1:8000/v1", key, model), retry=retry or no_wait_retry()
    )


REQ = GenerationRequest.chat([Message(Role.USER, "hi")])


async def collect(
    backend: WorkersAIBackend | OpenAIBackend, req: GenerationRequest = REQ
) -> list[StreamEvent]:
    return [e async for e in backend.stream(req)]


def text(events: list[StreamEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def failure_of(events: list[StreamEvent]):  # type: ignore[no-untyped-def]
    assert isinstance(events[-1], Failed), events[-1]
    return events[-1].failure


NATIVE = wire.workers_ai_stream(TOKENS, prompt_tokens=12)
NATIVE_CRLF = wire.workers_ai_stream(TOKENS, crlf=True, comments=True, no_space=True)
VLLM = wire.openai_stream(TOKENS, flavor="vllm")


@pytest.mark.asyncio
@pytest.mark.parametrize("body", [NATIVE, NATIVE_CRLF], ids=["lf", "crlf+comments+nospace"])
async def test_native_stream_split_at_every_byte_offset(body: bytes) -> None:
    expected = "".join(TOKENS)
    for offset in range(1, len(body)):
        events = await collect(workers(Recorder(sse_response([body[:offset], body[offset:]]))))
        assert text(events) == expected, offset
        assert events[-1] == Finished(FinishReason.STOP), offset


@pytest.mark.asyncio
async def test_openai_stream_split_at_every_byte_offset() -> None:
    for offset in range(1, len(VLLM)):
        events = await collect(local(Recorder(sse_response([VLLM[:offset], VLLM[offset:]]))))
        assert text(events) == "".join(TOKENS), offset
        assert isinstance(events[-1], Finished), offset


@pytest.mark.asyncio
@pytest.mark.parametrize("body", [NATIVE, NATIVE_CRLF, VLLM])
async def test_one_byte_per_chunk(body: bytes) -> None:
    chunks = [body[i : i + 1] for i in range(len(body))]
    backend = workers if body is not VLLM else local
    events = await collect(backend(Recorder(sse_response(chunks))))
    assert text(events) == "".join(TOKENS)
    assert isinstance(events[-1], Finished)
    assert any(isinstance(e, Usage) for e in events)


@pytest.mark.asyncio
async def test_request_shape_token_only_in_header() -> None:
    rec = Recorder(sse_response([NATIVE]))
    await collect(workers(rec))
    sent = rec.requests[0]
    assert sent.url.path == "/client/v4/accounts/acc123/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8"
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in str(sent.url) and TOKEN.encode() not in sent.content
    import json

    body = json.loads(sent.content)
    assert body["max_tokens"] == 1024 and body["stream"] is True


@pytest.mark.asyncio
async def test_stall_mid_stream_is_timeout_and_keeps_text() -> None:
    first = wire.workers_ai_stream(["kept"], usage=False, done=False, empty_event=False)
    events = await collect(
        workers(Recorder(sse_response([first], then=httpx.ReadTimeout("stalled"))))
    )
    assert text(events) == "kept"
    f = failure_of(events)
    assert f.category is ErrorCategory.TIMEOUT and "stopped sending for 5 seconds" in f.message
    assert not any(isinstance(e, Retrying) for e in events)


@pytest.mark.asyncio
async def test_connection_cut_mid_stream_is_interrupted_without_retry() -> None:
    first = wire.workers_ai_stream(["par", "tial"], usage=False, done=False, empty_event=False)
    rec = Recorder(sse_response([first], then=httpx.RemoteProtocolError("incomplete chunked read")))
    events = await collect(workers(rec))
    assert text(events) == "partial"
    assert failure_of(events).category is ErrorCategory.INTERRUPTED
    assert len(rec.requests) == 1  # never re-sent once text arrived


@pytest.mark.asyncio
async def test_cancelling_the_consumer_closes_the_response() -> None:
    first = wire.workers_ai_stream(["one"], usage=False, done=False, empty_event=False)
    stream = ChunkStream([first], block=True)
    backend = workers(Recorder(httpx.Response(200, headers=SSE, stream=stream)))
    got: list[StreamEvent] = []

    async def consume() -> None:
        async for event in backend.stream(REQ):
            got.append(event)

    task = asyncio.create_task(consume())
    await asyncio.wait_for(stream.reached_block.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.wait_for(stream.closed.wait(), 5)
    assert text(got) == "one"


@pytest.mark.asyncio
async def test_retry_after_busy_then_success_honours_retry_after() -> None:
    busy = httpx.Response(
        429,
        headers={**JSON, "retry-after": "2"},
        content=wire.cf_error(3040, "AiError: Capacity temporarily exceeded"),
    )
    delays: list[float] = []
    rec = Recorder(busy, sse_response([NATIVE]))
    events = await collect(workers(rec, no_wait_retry(delays)))
    assert delays == [2.0]
    retrying = [e for e in events if isinstance(e, Retrying)]
    assert len(retrying) == 1 and retrying[0].failure.category is ErrorCategory.RATE_LIMITED
    assert text(events) == "".join(TOKENS) and isinstance(events[-1], Finished)
    assert len(rec.requests) == 2


@pytest.mark.asyncio
async def test_server_errors_retry_with_exponential_backoff_then_fail() -> None:
    delays: list[float] = []
    rec = Recorder(
        httpx.Response(
            503, content=b"<html>Service Unavailable</html>", headers={"content-type": "text/html"}
        )
    )
    events = await collect(workers(rec, no_wait_retry(delays, attempts=3)))
    assert delays == [0.5, 1.0] and len(rec.requests) == 3
    f = failure_of(events)
    assert f.category is ErrorCategory.SERVER_ERROR and f.status == 503


@pytest.mark.asyncio
async def test_retry_after_longer_than_allowed_fails_at_once() -> None:
    rec = Recorder(
        httpx.Response(
            429,
            headers={**JSON, "retry-after": "3600"},
            content=wire.cf_error(3021, "rate limited"),
        )
    )
    events = await collect(workers(rec))
    assert len(rec.requests) == 1
    assert failure_of(events).retry_after_s == 3600


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "status, code, category",
    [
        (401, 10000, ErrorCategory.BAD_TOKEN),
        (429, 4006, ErrorCategory.QUOTA_EXHAUSTED),
        (429, 3036, ErrorCategory.QUOTA_EXHAUSTED),
        (400, 5006, ErrorCategory.BAD_INPUT),
        (400, 3030, ErrorCategory.CONTEXT_TOO_LONG),
    ],
)
async def test_non_retryable_errors_are_sent_once(
    status: int, code: int, category: ErrorCategory
) -> None:
    rec = Recorder(httpx.Response(status, headers=JSON, content=wire.cf_error(code, "AiError: x")))
    events = await collect(workers(rec))
    assert len(rec.requests) == 1 and failure_of(events).category is category
    assert not any(isinstance(e, Retrying) for e in events)


@pytest.mark.asyncio
async def test_json_error_although_stream_was_requested() -> None:
    body = wire.openai_error("object", 400, "This model's maximum context length is 512 tokens.")
    events = await collect(local(Recorder(httpx.Response(400, headers=JSON, content=body))))
    f = failure_of(events)
    assert f.category is ErrorCategory.CONTEXT_TOO_LONG and "512 tokens" in f.message


@pytest.mark.asyncio
async def test_unexpected_content_type_is_protocol_failure() -> None:
    rec = Recorder(
        httpx.Response(
            200, headers={"content-type": "text/html"}, content=b"<html>captive portal</html>"
        )
    )
    f = failure_of(await collect(workers(rec)))
    assert f.category is ErrorCategory.PROTOCOL and "text/html" in (f.detail or "")


@pytest.mark.asyncio
async def test_token_echoed_by_server_is_redacted() -> None:
    body = wire.cf_error(5006, f"AiError: bad input near {TOKEN}")
    events = await collect(workers(Recorder(httpx.Response(400, headers=JSON, content=body))))
    f = failure_of(events)
    assert TOKEN not in f.message and TOKEN not in (f.detail or "") and "••••" in f.message


@pytest.mark.asyncio
async def test_non_streaming_envelope() -> None:
    body = wire.workers_ai_envelope("Whole answer", prompt_tokens=4, completion_tokens=2)
    req = GenerationRequest.chat([Message(Role.USER, "hi")], stream=False)
    events = await collect(workers(Recorder(httpx.Response(200, headers=JSON, content=body))), req)
    assert text(events) == "Whole answer" and isinstance(events[-1], Finished)
    assert Usage(4, 2, 6) in events


@pytest.mark.asyncio
async def test_transport_errors_before_response() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    rec = Recorder(refuse, models=False)
    f = failure_of(await collect(local(rec)))
    assert f.category is ErrorCategory.UNREACHABLE and "127.0.0.1:8000" in f.message
    assert len(rec.requests) == 1  # the failed model lookup is not followed by a second try

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out")

    assert failure_of(await collect(local(Recorder(slow)))).category is ErrorCategory.TIMEOUT


@pytest.mark.asyncio
async def test_model_discovered_from_models_endpoint_with_context_window() -> None:
    models = httpx.Response(
        200, headers=JSON, content=wire.models_list(["tiny-llama"], max_model_len=512)
    )
    rec = Recorder(models, sse_response([VLLM]), models=False)
    backend = local(rec, model=None)
    events = await collect(backend)
    assert events[0] == ModelSelected("tiny-llama", 512)
    sent = rec.requests[1]
    import json

    body = json.loads(sent.content)
    assert body["model"] == "tiny-llama"
    assert body["max_tokens"] <= 512 - 1  # fitted into the advertised window
    assert backend.model == "tiny-llama"


@pytest.mark.asyncio
async def test_workers_ai_v1_has_no_models_endpoint() -> None:
    rec = Recorder(
        httpx.Response(405, headers=JSON, content=wire.cf_error(7001, "Method Not Allowed")),
        models=False,
    )
    f = failure_of(await collect(local(rec, model=None)))
    assert f.category is ErrorCategory.MISSING_SETTING and "--model" in f.message


@pytest.mark.asyncio
async def test_stall_before_first_token_does_not_claim_text_was_kept() -> None:
    events = await collect(workers(Recorder(sse_response([], then=httpx.ReadTimeout("stalled")))))
    f = failure_of(events)
    assert f.category is ErrorCategory.TIMEOUT
    assert "started its answer but sent no text for 5 seconds" in f.message
    assert "text so far" not in f.message and text(events) == ""


@pytest.mark.asyncio
async def test_server_side_timeout_408_says_so_and_is_retried() -> None:
    delays: list[float] = []
    timeout = httpx.Response(408, headers=JSON, content=wire.cf_error(3007, "AiError: Timeout"))
    rec = Recorder(timeout, sse_response([NATIVE]))
    events = await collect(workers(rec, no_wait_retry(delays)))
    retrying = [e for e in events if isinstance(e, Retrying)]
    assert len(retrying) == 1 and "took too long on its side" in retrying[0].failure.message
    assert text(events) == "".join(TOKENS)


@pytest.mark.asyncio
@pytest.mark.parametrize("raw", [False, True], ids=["chat", "raw"])
async def test_closing_an_openai_stream_closes_its_response_at_once(raw: bool) -> None:
    """A consumer that stops early (a connection test after one token) closes the response
    when it closes the stream, not on some later loop turn."""
    first = wire.openai_stream(["one"], include_usage=False, done=False, completions=raw)
    stream = ChunkStream([first], block=True)
    backend = local(Recorder(httpx.Response(200, headers=SSE, stream=stream)))
    request = GenerationRequest.raw("<|begin_of_text|>hi") if raw else REQ
    events = backend.stream(request)
    assert isinstance(events, AsyncGenerator)
    async for event in events:
        if isinstance(event, TextDelta):
            break
    await events.aclose()
    assert stream.closed.is_set()
