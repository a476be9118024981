"""Typed events a backend yields while it generates one reply."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.core.errors import Failure
from app.core.provenance import SentRequest


class FinishReason(enum.StrEnum):
    STOP = "stop"  # the model ended its answer
    LENGTH = "length"  # cut by max_tokens (or the context window)
    TOOL_CALLS = "tool_calls"
    CANCELLED = "cancelled"  # the user stopped it
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: object) -> FinishReason:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ("stop", "eos", "end_turn", "stop_sequence", "eos_token"):
                return cls.STOP
            if lowered in ("length", "max_tokens", "model_length"):
                return cls.LENGTH
            if lowered in ("tool_calls", "function_call", "tool_use"):
                return cls.TOOL_CALLS
        return cls.UNKNOWN


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of the reply, in order."""

    text: str


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts as the server reported them."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    cached_tokens: int | None = None

    @property
    def is_empty(self) -> bool:
        return self.prompt_tokens == 0 and self.completion_tokens == 0 and self.total_tokens == 0


@dataclass(frozen=True, slots=True)
class Finished:
    """The reply ended normally; no event follows."""

    reason: FinishReason


@dataclass(frozen=True, slots=True)
class Failed:
    """The reply could not be completed; text already yielded stays valid. No event follows."""

    failure: Failure


@dataclass(frozen=True, slots=True)
class Retrying:
    """A retryable failure before the first token; the backend waits, then tries again."""

    failure: Failure
    attempt: int  # the attempt about to start, 2 for the first retry
    delay_s: float


@dataclass(frozen=True, slots=True)
class ModelSelected:
    """Which model answers, once known (e.g. discovered from GET /models)."""

    model: str
    context_window: int | None


@dataclass(frozen=True, slots=True)
class ModelServed:
    """The answer named the model that wrote it (its `model` field), cleaned and bounded.

    Servers answer for an alias, or route to another model than the one asked for; this is
    the one that answered.
    """

    model: str


@dataclass(frozen=True, slots=True)
class RequestSent:
    """A request went out (again, on a retry): its exact bytes, for provenance and Replay."""

    request: SentRequest


@dataclass(frozen=True, slots=True)
class ResponseStarted:
    """The server answered a request: its status and its id for the request, if it gave one."""

    status: int
    request_id: str | None


StreamEvent = (
    TextDelta
    | Usage
    | Finished
    | Failed
    | Retrying
    | ModelSelected
    | ModelServed
    | RequestSent
    | ResponseStarted
)
