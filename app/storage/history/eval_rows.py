"""Test-set runs as stored: a run's plan, its resolved prompts and each result, as JSON.

Reading never crashes on a damaged row: a result that cannot be read is left out (so a resumed
run asks that request again), a plan that cannot be read is a plain error.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from app.core.evals.files import (
    TestSetError,
    document_json,
    load_test_set,
    test_set_document,
)
from app.core.evals.model import (
    AssertionKind,
    AssertionResult,
    RequestResult,
    ResolvedPrompt,
    ResultKey,
    TestSet,
)
from app.storage.history.rows import params_from_payload, storable

#: The plan's format; a newer one is refused rather than misread.
PLAN_FORMAT: Final = 1


#: A run's endpoint description is cut here (a profile name and a model id fit easily).
ENDPOINT_CHARS = 200


class PlanUnreadable(ValueError):
    """A stored run's plan cannot be read; the message says so plainly."""


@dataclass(frozen=True)
class Plan:
    """What a run asks, exactly as it was started."""

    test_set: TestSet
    prompts: tuple[ResolvedPrompt, ...]
    repeat: int
    concurrency: int
    endpoint: str = ""  # the endpoint and model asked, in words; "" until the run started


def encode_plan(plan: Plan) -> str:
    return _dumps(
        {
            "format": PLAN_FORMAT,
            "set": test_set_document(plan.test_set),
            "prompts": [_prompt_json(prompt) for prompt in plan.prompts],
            "repeat": plan.repeat,
            "concurrency": plan.concurrency,
            "endpoint": plan.endpoint,
        }
    )


def decode_plan(text: str, name: str) -> Plan:
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise PlanUnreadable("This run's stored plan is damaged and cannot be read.") from None
    if not isinstance(raw, dict) or raw.get("format") != PLAN_FORMAT:
        raise PlanUnreadable(
            "This run was stored by another version of LlamaDesk and cannot be read here."
        )
    try:
        test_set = load_test_set(document_json(raw["set"]), name=name)
        prompts = tuple(_prompt_from_json(item) for item in raw["prompts"])
        repeat, concurrency = int(raw["repeat"]), int(raw["concurrency"])
        endpoint = raw.get("endpoint", "")
        endpoint = endpoint[:ENDPOINT_CHARS] if isinstance(endpoint, str) else ""
    except (TestSetError, KeyError, TypeError, ValueError) as exc:
        raise PlanUnreadable(f"This run's stored plan cannot be read ({exc}).") from None
    return Plan(test_set, prompts, repeat, concurrency, endpoint)


def _prompt_json(prompt: ResolvedPrompt) -> dict[str, Any]:
    return {
        "id": prompt.id,
        "system": prompt.system,
        "params": prompt.params.to_payload(),
        "ref": prompt.ref,
        "name": prompt.name,
        "defaults": dict(prompt.defaults),
    }


def _prompt_from_json(raw: Mapping[str, Any]) -> ResolvedPrompt:
    defaults = raw.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ValueError("defaults is not a mapping")
    return ResolvedPrompt(
        id=str(raw["id"]),
        system=str(raw["system"]),
        params=params_from_payload(raw.get("params")),
        ref=str(raw.get("ref", "")),
        name=str(raw.get("name", "")),
        defaults={str(k): str(v) for k, v in defaults.items()},
    )


def encode_result(result: RequestResult) -> str:
    """The result without its key (the row's columns hold that)."""
    return _dumps(
        {
            "response": result.response,
            "finish_reason": result.finish_reason,
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "ttft_ms": _finite(result.ttft_ms),
            "tokens_per_s": _finite(result.tokens_per_s),
            "duration_ms": _finite(result.duration_ms),
            "error": result.error,
            "error_kind": result.error_kind,
            "assertions": [
                {"kind": a.kind.value, "passed": a.passed, "detail": a.detail}
                for a in result.assertions
            ],
            "seed": result.seed,
            "request_sha256": result.request_sha256,
        }
    )


def decode_result(key: ResultKey, text: str) -> RequestResult | None:
    """The stored result, or None when the row is damaged."""
    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            return None
        return RequestResult(
            key=key,
            response=str(raw["response"]),
            finish_reason=_text(raw.get("finish_reason")),
            prompt_tokens=_whole(raw.get("prompt_tokens")),
            completion_tokens=_whole(raw.get("completion_tokens")),
            ttft_ms=_float(raw.get("ttft_ms")),
            tokens_per_s=_float(raw.get("tokens_per_s")),
            duration_ms=_float(raw.get("duration_ms")),
            error=_text(raw.get("error")),
            error_kind=_text(raw.get("error_kind")),
            assertions=tuple(_assertion(item) for item in raw.get("assertions") or ()),
            seed=_whole(raw.get("seed")),
            request_sha256=_text(raw.get("request_sha256")),
        )
    except (ValueError, RecursionError, KeyError, TypeError):
        return None


def _assertion(raw: Any) -> AssertionResult:
    return AssertionResult(AssertionKind(raw["kind"]), bool(raw["passed"]), str(raw["detail"]))


def _dumps(value: object) -> str:
    # Raw UTF-8, with any lone surrogate (a "\\ud800" escape in a file) made storable.
    return storable(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None
