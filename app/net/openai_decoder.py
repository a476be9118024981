"""Sans-IO decoder for OpenAI-compatible streams and bodies (vLLM, SGLang, llama.cpp, Workers AI /v1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.core.errors import FailureContext
from app.core.events import (
    Failed,
    Finished,
    FinishReason,
    ModelServed,
    StreamEvent,
    TextDelta,
    Usage,
)
from app.core.provenance import clean_model_id
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


class OpenAIStreamDecoder:
    """`chat.completion.chunk` (or legacy `text_completion`) frames, then `[DONE]`.

    Tolerates: no role chunk, empty/null deltas, `choices: []`, usage on its own chunk or on
    the finish chunk, a second all-zero usage chunk, the finish reason only on the usage
    chunk, and a clean EOF without `[DONE]` after a finish chunk. The first chunk that names
    its `model` says which model answered (ModelServed).
    """

    def __init__(self, ctx: FailureContext, secrets: Sequence[str] = ()) -> None:
        self._ctx = ctx
        self._secrets = secrets  # masked in error texts before they are shortened
        self._usage: Usage | None = None
        self._reason: FinishReason | None = None
        self._got_text = False
        self._model_named = False
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
            return NO_EVENTS
        if self._model_named or "model" not in obj:
            return self._decode(obj)
        self._model_named = True
        return _with_served_model(obj, self._decode(obj), self._secrets)

    def _decode(self, obj: dict[str, Any]) -> Sequence[StreamEvent]:
        # Hot path, once per token: one choice whose delta carries text, nothing else to do.
        choices = obj.get("choices")
        if type(choices) is list and len(choices) == 1 and obj.get("usage") is None:
            choice = choices[0]
            if type(choice) is dict and choice.get("finish_reason") is None:
                delta = choice.get("delta")
                if type(delta) is dict and type(text := delta.get("content")) is str:
                    if "error" in obj:
                        return self._inband(obj)
                    if not text:
                        return NO_EVENTS
                    self._got_text = True
                    return (TextDelta(text),)
        if "error" in obj or obj.get("object") == "error":
            return self._inband(obj)
        events: list[StreamEvent] = []
        if isinstance(choices, list) and choices and isinstance(choices[0], dict):
            choice = choices[0]
            delta = choice.get("delta")
            text = text_of(delta.get("content")) if isinstance(delta, dict) else ""
            text = text or text_of(choice.get("text"))  # legacy /completions
            if text:
                self._got_text = True
                events.append(TextDelta(text))
            if choice.get("finish_reason") is not None:
                self._reason = FinishReason.parse(choice["finish_reason"])
        usage = parse_usage(obj.get("usage"))
        if usage is not None and not usage.is_empty and self._usage is None:
            self._usage = usage  # keep the first non-zero usage; later all-zero copies are noise
            events.append(usage)
        return events

    def _inband(self, obj: dict[str, Any]) -> Sequence[StreamEvent]:
        self.ended = True
        return (inband_failure(obj, self._ctx, self._secrets),)

    def end_of_stream(self) -> Sequence[StreamEvent]:
        if self.ended:
            return NO_EVENTS
        if self._reason is not None:  # e.g. `transformers serve`: no [DONE] after the finish
            return self._finish()
        self.ended = True
        return (ended_early(self._ctx, got_anything=self._got_text),)

    def _finish(self) -> Sequence[StreamEvent]:
        self.ended = True
        if not self._got_text and self._usage is None and self._reason is None:
            return (ended_early(self._ctx, got_anything=False),)
        return (Finished(self._reason or FinishReason.STOP),)


def decode_openai_body(
    obj: Any, ctx: FailureContext, secrets: Sequence[str] = ()
) -> Sequence[StreamEvent]:
    """A non-streaming chat.completion / text_completion as the same events."""
    if not isinstance(obj, dict):
        return (unreadable(ctx, "the reply was not a JSON object"),)
    if "error" in obj or obj.get("object") == "error":
        return (Failed(classify_http(400, parse_error_body(obj, secrets), ctx)),)
    return _with_served_model(obj, _decode_body(obj, ctx), secrets)


def _decode_body(obj: dict[str, Any], ctx: FailureContext) -> Sequence[StreamEvent]:
    choices = obj.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return (unreadable(ctx, "the reply had no choices"),)
    choice = choices[0]
    message = choice.get("message")
    text = text_of(message.get("content")) if isinstance(message, dict) else ""
    text = text or text_of(choice.get("text"))
    events: list[StreamEvent] = []
    if text:
        events.append(TextDelta(text))
    usage = parse_usage(obj.get("usage"))
    if usage is not None and not usage.is_empty:
        events.append(usage)
    events.append(
        Finished(
            FinishReason.parse(choice.get("finish_reason"))
            if choice.get("finish_reason") is not None
            else FinishReason.STOP
        )
    )
    return events


def _with_served_model(
    obj: dict[str, Any], events: Sequence[StreamEvent], secrets: Sequence[str]
) -> Sequence[StreamEvent]:
    """`events`, after a ModelServed for the model `obj` names (none on a failure)."""
    named = obj.get("model")
    if not isinstance(named, str) or any(type(event) is Failed for event in events):
        return events
    served = clean_model_id(named, secrets)
    return events if served is None else (ModelServed(served), *events)
