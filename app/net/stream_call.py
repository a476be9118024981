"""Sends one request and turns its response into events: retries, status checks, SSE, faults."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from time import monotonic
from typing import Any, Protocol

import httpx

from app.core.bounds import Bound, bound_failure
from app.core.errors import ErrorCategory, Failure, FailureContext, make_failure
from app.core.events import (
    Failed,
    RequestSent,
    ResponseStarted,
    Retrying,
    StreamEvent,
    TextDelta,
)
from app.core.provenance import (
    REQUEST_ID_HEADERS,
    SentRequest,
    clean_request_id,
    masked_request,
)
from app.core.urls import shown_url
from app.net.body_reader import body_chunks, read_bounded, read_whole
from app.net.error_body import classify_http, parse_error_body
from app.net.limits import (
    DEFAULT_LIMITS,
    BoundExceeded,
    DeadlineWatch,
    StreamLimits,
    UnreadableBody,
)
from app.net.reply_redactor import RedactingDecoder, ReplyRedactor, redacted_failure, redacting
from app.net.retry import RetryPolicy, parse_retry_after
from app.net.sse_parser import BoundedSSEParser
from app.net.transport import classify_transport_error

_MAX_ERROR_BODY = 64 * 1024
#: A non-streamed reply is one JSON object: ~0.5 MB for the longest real one.
_MAX_JSON_BODY = 16 * 1024 * 1024


class StreamDecoder(Protocol):
    """A dialect's sans-IO decoder: SSE data strings in, events out."""

    ended: bool

    def feed(self, data: str) -> Sequence[StreamEvent]: ...

    def end_of_stream(self) -> Sequence[StreamEvent]: ...


@dataclass(frozen=True)
class HttpCall:
    """One request, ready to send. The token lives only in headers, never in the URL.

    `body`, when given, is sent exactly (Replay); otherwise `payload` is encoded once by
    `encode_payload`, and those bytes are what is sent on every attempt and recorded.
    """

    method: str
    url: str
    headers: dict[str, str] = field(repr=False)
    payload: dict[str, Any] | None = None
    stream: bool = True
    body: bytes | None = field(default=None, repr=False)

    def sent(self) -> SentRequest:
        body = self.body if self.body is not None else encode_payload(self.payload)
        return SentRequest(self.url, body)


def encode_payload(payload: dict[str, Any] | None) -> bytes:
    """Compact UTF-8 JSON, as httpx's json= writes it; a lone surrogate (which UTF-8 cannot
    hold) makes the whole body ASCII with escapes instead of failing the request."""
    if payload is None:
        return b""
    try:
        return json.dumps(
            payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(payload, separators=(",", ":"), allow_nan=False).encode("ascii")


def request_id_of(headers: httpx.Headers, secrets: tuple[str, ...]) -> str | None:
    """The server's id for the request (cf-ray, x-request-id…), cleaned and bounded."""
    for name in REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return clean_request_id(value, secrets)
    return None


async def run_call(
    client: httpx.AsyncClient,
    call: HttpCall,
    *,
    ctx: FailureContext,
    new_decoder: Callable[[], StreamDecoder],
    decode_body: Callable[[Any], Sequence[StreamEvent]],
    retry: RetryPolicy,
    secrets: tuple[str, ...],
    first: Sequence[StreamEvent] = (),
    limits: StreamLimits = DEFAULT_LIMITS,
) -> AsyncIterator[StreamEvent]:
    """Yield `first`, then the reply's events, ending with exactly one Finished or Failed.

    Every attempt is announced by RequestSent (the exact bytes it sends) and, once the server
    answers, ResponseStarted (its status and request id). Retries only retryable failures and
    only before the first token. Closing this generator (or cancelling its consumer) exits the
    `client.stream` block, which closes the response. Every size and deadline in `limits`
    holds; one that is hit ends the reply with a Failed.
    """
    for event in first:
        yield event
    sent = call.sent()  # encoded once: every attempt sends (and records) these very bytes
    recorded = masked_request(sent, secrets)  # the same, unless a token got into the body
    headers = {**call.headers, "Content-Type": "application/json"} if sent.body else call.headers
    attempt = 1
    while True:
        failure: Failure | None = None
        got_text = False
        got_response = compressed = False
        decoder: StreamDecoder | None = None
        yield RequestSent(recorded)
        try:
            async with contextlib.AsyncExitStack() as stack:
                response = await _open(stack, client, call, sent.body, headers, limits)
                got_response = True
                compressed = "content-encoding" in response.headers
                yield ResponseStarted(
                    response.status_code, request_id_of(response.headers, secrets)
                )
                if response.is_error:
                    failure = await http_failure(response, ctx, secrets)
                elif _is_event_stream(response):
                    # Tokens echoed in the reply text are masked before anyone sees them.
                    decoder = redacting(new_decoder(), secrets)
                    parser = BoundedSSEParser(limits.max_line_bytes, limits.max_event_chars)
                    watch = DeadlineWatch(limits, monotonic())
                    # Closed explicitly: an abandoned async generator would be finalised
                    # later by the GC, possibly after the event loop is gone.
                    chunks = body_chunks(response, limits.max_body_bytes)
                    try:
                        async for chunk in chunks:
                            produced = False
                            for sse in parser.feed(chunk):
                                if sse.event == "error":  # some servers name the frame instead
                                    events = decoder.feed(json.dumps({"error": sse.data}))
                                else:
                                    events = decoder.feed(sse.data)
                                # The hot loop: once per token, so no per-event helper calls.
                                for event in events:
                                    produced = True
                                    if type(event) is TextDelta:
                                        got_text = True
                                    yield event
                                if decoder.ended:
                                    return
                            if parser.exceeded is not None:
                                raise parser.exceeded
                            watch.check(monotonic(), parser.lines, produced)
                    finally:
                        await chunks.aclose()
                    for event in decoder.end_of_stream():
                        yield event
                    return
                elif _is_json(response) or not call.stream:
                    body = await read_whole(response, min(_MAX_JSON_BODY, limits.max_body_bytes))
                    try:
                        obj = json.loads(body)
                    except (ValueError, RecursionError):
                        failure = make_failure(
                            ErrorCategory.PROTOCOL, ctx, detail="the reply was not valid JSON"
                        )
                    else:
                        redactor = ReplyRedactor(secrets)
                        for event in redactor.events(decode_body(obj), last=True):
                            yield event
                        return
                else:
                    kind = response.headers.get("content-type", "none").split(";")[0]
                    failure = make_failure(
                        ErrorCategory.PROTOCOL, ctx, detail=f"unexpected content type {kind!r}"
                    )
        except httpx.HTTPError as exc:
            failure = classify_transport_error(
                exc, ctx, got_response=got_response or got_text, got_text=got_text
            )
        except BoundExceeded as hit:
            failure = bound_failure(
                hit.bound, ctx, limit=hit.limit, partial=got_text, compressed=compressed
            )
        except UnreadableBody as exc:
            failure = make_failure(ErrorCategory.PROTOCOL, ctx, detail=str(exc))
        assert failure is not None
        if isinstance(decoder, RedactingDecoder):  # the stream broke off: show the held text
            for event in decoder.flush():
                yield event
        delay = None if got_text else retry.delay_before(attempt + 1, failure)
        failure = redacted_failure(failure, secrets)  # its text may quote the server
        if delay is None:
            yield Failed(failure)
            return
        attempt += 1
        yield Retrying(failure, attempt, delay)
        await retry.sleep(delay)


async def _open(
    stack: contextlib.AsyncExitStack,
    client: httpx.AsyncClient,
    call: HttpCall,
    body: bytes,
    headers: dict[str, str],
    limits: StreamLimits,
) -> httpx.Response:
    """Send the request and wait for the answer to start: a streamed one within the first-byte
    deadline. A whole (non-streamed) answer is generated before its first byte, so only the
    stall timeout bounds that wait."""
    opening = client.stream(call.method, call.url, headers=headers, content=body or None)
    if not call.stream:
        return await stack.enter_async_context(opening)
    try:
        async with asyncio.timeout(limits.first_byte_s):
            return await stack.enter_async_context(opening)
    except TimeoutError:
        raise BoundExceeded(Bound.FIRST_BYTE, limits.first_byte_s) from None


def _is_event_stream(response: httpx.Response) -> bool:
    return "text/event-stream" in response.headers.get("content-type", "")


def _is_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "")


async def http_failure(
    response: httpx.Response, ctx: FailureContext, secrets: tuple[str, ...]
) -> Failure:
    body = await read_bounded(response, _MAX_ERROR_BODY)
    info = parse_error_body(body, secrets)
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    return classify_http(response.status_code, info, ctx, retry_after_s=retry_after)


def moved_endpoint_failure(sent_url: str, now: str, ctx: FailureContext) -> Failure:
    """Replay sends only to the address the request went to; the endpoint points elsewhere."""
    return make_failure(
        ErrorCategory.MISSING_SETTING,
        ctx,
        detail=f"This request went to {shown_url(sent_url)}, but the endpoint now points at "
        f"{shown_url(now)}, so it was not sent again. Replay sends a request only to the "
        "address it first went to: set the endpoint back to that address to replay it, or "
        "use Regenerate to ask the endpoint as it is now.",
    )
