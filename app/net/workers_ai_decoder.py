"""Sans-IO decoder for Workers AI's native stream and envelope: data strings in, events out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.core.errors import FailureContext
from app.core.events import Failed, Finished, FinishReason, StreamEvent, TextDelta, Usage
from app.net.decoding import (
    DONE_MARKER,
    NO_EVENTS,
    ended_early,
    inband_failure,
    load_json,
    parse_usage,
    text_of,
    unreadable,
)
from app.net.error_body import classify_http, parse_error_body

_RARE_KEYS = frozenset({"usage", "error", "errors", "success", "finish_reason"})


class WorkersAIStreamDecoder:
    """`{"response": "tok", "p": "pad"}` events, a usage event, then `[DONE]`.

    The native stream carries no finish reason: a reply whose completion tokens reach
    max_tokens was cut by the limit ("length"), anything shorter ended by itself.
    """

    def __init__(
        self, ctx: FailureContext, max_tokens: int | None, secrets: Sequence[str] = ()
    ) -> None:
        self._ctx = ctx
        self._secrets = secrets  # masked in error texts before they are shortened
        self._max_tokens = max_tokens
        self._usage: Usage | None = None
        self._reason: FinishReason | None = None
        self._deltas = 0
        self.ended = False

    def feed(self, data: str) -> Sequence[StreamEvent]:
        if self.ended:
            return NO_EVENTS
        if data == DONE_MARKER:
            return self._finish()
        try:
            obj = load_json(data)
        except ValueError:
            self.ended = True
            return (unreadable(self._ctx, "a stream event was not valid JSON"),)
        if type(obj) is not dict:
            return NO_EVENTS  # stray scalar/array frames carry nothing we can show
        text = obj.get("response")
        # Hot path, once per token: a plain text event (padding "p" aside) needs no more checks.
        if type(text) is str and not _RARE_KEYS.intersection(obj):
            if not text:
                return NO_EVENTS
            self._deltas += 1
            return (TextDelta(text),)
        if "error" in obj or obj.get("success") is False:
            self.ended = True
            return (inband_failure(obj, self._ctx, self._secrets),)
        events: list[StreamEvent] = []
        text = text_of(text)
        if text:
            self._deltas += 1
            events.append(TextDelta(text))
        usage = parse_usage(obj.get("usage"))
        if usage is not None and not usage.is_empty and self._usage is None:
            self._usage = usage
            events.append(usage)
        if obj.get("finish_reason") is not None:
            self._reason = FinishReason.parse(obj["finish_reason"])
        return events

    def end_of_stream(self) -> Sequence[StreamEvent]:
        """The connection closed cleanly. Without [DONE] the reply was cut, unless usage came."""
        if self.ended:
            return NO_EVENTS
        if self._usage is not None:
            return self._finish()
        self.ended = True
        return (ended_early(self._ctx, got_anything=self._deltas > 0),)

    def _finish(self) -> Sequence[StreamEvent]:
        self.ended = True
        if self._reason is None:
            produced = self._usage.completion_tokens if self._usage else self._deltas
            cut = self._max_tokens is not None and produced >= self._max_tokens
            self._reason = FinishReason.LENGTH if cut else FinishReason.STOP
        if self._deltas == 0 and self._usage is None:
            return (ended_early(self._ctx, got_anything=False),)
        return (Finished(self._reason),)


def decode_workers_ai_envelope(
    obj: Any, ctx: FailureContext, max_tokens: int | None, secrets: Sequence[str] = ()
) -> Sequence[StreamEvent]:
    """The non-streaming `{"result": {...}, "success": true}` envelope as the same events."""
    if not isinstance(obj, dict):
        return (unreadable(ctx, "the reply was not a JSON object"),)
    if obj.get("success") is False or (obj.get("errors") and not obj.get("result")):
        return (Failed(classify_http(400, parse_error_body(obj, secrets), ctx)),)
    result = obj.get("result")
    if not isinstance(result, dict):
        return (unreadable(ctx, "the reply had no result"),)
    events: list[StreamEvent] = []
    text = text_of(result.get("response"))
    usage = parse_usage(result.get("usage"))
    if text:
        events.append(TextDelta(text))
    if usage is not None and not usage.is_empty:
        events.append(usage)
    produced = usage.completion_tokens if usage else 0
    if max_tokens is not None and produced >= max_tokens:
        reason = FinishReason.LENGTH
    elif not text and result.get("tool_calls"):
        reason = FinishReason.TOOL_CALLS
    else:
        reason = FinishReason.STOP
    events.append(Finished(reason))
    return events
