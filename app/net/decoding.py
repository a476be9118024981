"""Helpers shared by the dialect decoders: JSON data lines, usage objects, in-band errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from app.core.errors import ErrorCategory, Failure, FailureContext, make_failure
from app.core.events import Failed, StreamEvent, Usage
from app.net.error_body import classify_http, parse_error_body

NO_EVENTS: Final[tuple[StreamEvent, ...]] = ()
DONE_MARKER: Final = "[DONE]"


_raw_decode = json.JSONDecoder().raw_decode


def load_json(data: str) -> Any:
    """Parse one SSE data field; raises ValueError on anything that is not JSON.

    Runs once per token: `raw_decode` skips json.loads' argument checks, which shows at
    20,000 events a reply. Surrounding whitespace is allowed, anything else after is not.
    """
    try:
        obj, end = _raw_decode(data)
    except RecursionError as exc:  # hostile nesting
        raise ValueError("nested too deeply") from exc
    except ValueError:
        stripped = data.strip()
        if stripped == data:
            raise
        return load_json(stripped)
    if end != len(data) and not data[end:].isspace():
        raise ValueError("extra data after the JSON value")
    return obj


def as_int(value: object) -> int:
    """Token counts: accept ints and numeric strings/floats, anything else counts as 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(0, value)
    if isinstance(value, float) and value == value and abs(value) < 1e15:
        return max(0, int(value))
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return 0


def parse_usage(obj: object) -> Usage | None:
    if not isinstance(obj, dict):
        return None
    prompt = as_int(obj.get("prompt_tokens"))
    completion = as_int(obj.get("completion_tokens"))
    total = as_int(obj.get("total_tokens")) or prompt + completion
    details = obj.get("prompt_tokens_details")
    cached = as_int(details.get("cached_tokens")) if isinstance(details, dict) else None
    return Usage(prompt, completion, total, cached if cached else None)


def text_of(value: object) -> str:
    """A text field, coerced: servers have sent null and numbers where a string belongs."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def inband_failure(obj: dict[str, Any], ctx: FailureContext, secrets: Sequence[str] = ()) -> Failed:
    """An `{"error": ...}` frame after streaming began; the HTTP status said 200."""
    info = parse_error_body(obj, secrets)
    status = info.code if info.code is not None and 400 <= info.code < 600 else 500
    failure = classify_http(status, info, ctx)
    if failure.category in (ErrorCategory.SERVER_ERROR, ErrorCategory.PROTOCOL):
        # No real HTTP status to show; the server's own words say more.
        failure = make_failure(
            ErrorCategory.SERVER_ERROR, ctx, detail=info.message, retryable=False
        )
    return Failed(failure)


def unreadable(ctx: FailureContext, what: str) -> Failed:
    return Failed(make_failure(ErrorCategory.PROTOCOL, ctx, detail=what))


def ended_early(ctx: FailureContext, *, got_anything: bool) -> Failed:
    """The stream closed without its end marker."""
    if got_anything:
        return Failed(make_failure(ErrorCategory.INTERRUPTED, ctx))
    return Failed(empty_reply(ctx))


def empty_reply(ctx: FailureContext) -> Failure:
    # llama-cpp-python answers a streamed context overflow with an empty 200: say both.
    failure = make_failure(ErrorCategory.INTERRUPTED, ctx)
    return Failure(
        failure.category,
        "The server ended the reply without sending any text. If the conversation is long, "
        "it may not fit the model's context window: start a new chat or shorten the message; "
        "otherwise try again.",
    )
