"""Sends one request and turns its response into events: retries, status checks, SSE, faults."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
from httpx_sse import EventSource

from app.core.errors import ErrorCategory, Failure, FailureContext, make_failure
from app.core.events import Failed, Retrying, StreamEvent, TextDelta
from app.net.error_body import classify_http, parse_error_body
from app.net.reply_redactor import RedactingDecoder, ReplyRedactor, redacted_failure, redacting
from app.net.retry import RetryPolicy, parse_retry_after
from app.net.transport import classify_transport_error

_MAX_ERROR_BODY = 64 * 1024
_MAX_JSON_BODY = 16 * 1024 * 1024


class StreamDecoder(Protocol):
    """A dialect's sans-IO decoder: SSE data strings in, events out."""

    ended: bool

    def feed(self, data: str) -> Sequence[StreamEvent]: ...

    def end_of_stream(self) -> Sequence[StreamEvent]: ...


@dataclass(frozen=True)
class HttpCall:
    """One request, ready to send. The token lives only in headers, never in the URL."""

    method: str
    url: str
    headers: dict[str, str] = field(repr=False)
    payload: dict[str, Any] | None = None
    stream: bool = True


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
) -> AsyncIterator[StreamEvent]:
    """Yield `first`, then the reply's events, ending with exactly one Finished or Failed.

    Retries only retryable failures and only before the first token. Closing this generator
    (or cancelling its consumer) exits the `client.stream` block, which closes the response.
    """
    for event in first:
        yield event
    attempt = 1
    while True:
        failure: Failure | None = None
        got_text = False
        got_response = False
        decoder: StreamDecoder | None = None
        try:
            async with client.stream(
                call.method, call.url, headers=call.headers, json=call.payload
            ) as response:
                got_response = True
                if response.is_error:
                    failure = await http_failure(response, ctx, secrets)
                elif _is_event_stream(response):
                    # Tokens echoed in the reply text are masked before anyone sees them.
                    decoder = redacting(new_decoder(), secrets)
                    # Closed explicitly: an abandoned async generator would be finalised
                    # later by the GC, possibly after the event loop is gone.
                    sse_events = EventSource(response).aiter_sse()
                    try:
                        async for sse in sse_events:
                            if sse.event == "error":  # some servers name the frame instead
                                events = decoder.feed(json.dumps({"error": sse.data}))
                            else:
                                events = decoder.feed(sse.data)
                            # The hot loop: once per token, so no per-event helper calls.
                            for event in events:
                                if type(event) is TextDelta:
                                    got_text = True
                                yield event
                            if decoder.ended:
                                return
                    finally:
                        await sse_events.aclose()
                    for event in decoder.end_of_stream():
                        yield event
                    return
                elif _is_json(response) or not call.stream:
                    body = await read_bounded(response, _MAX_JSON_BODY)
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


def _is_event_stream(response: httpx.Response) -> bool:
    return "text/event-stream" in response.headers.get("content-type", "")


def _is_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "")


async def read_bounded(response: httpx.Response, limit: int) -> bytes:
    """Read at most `limit` bytes: a hostile server must not make us buffer gigabytes."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


async def http_failure(
    response: httpx.Response, ctx: FailureContext, secrets: tuple[str, ...]
) -> Failure:
    body = await read_bounded(response, _MAX_ERROR_BODY)
    info = parse_error_body(body, secrets)
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    return classify_http(response.status_code, info, ctx, retry_after_s=retry_after)
