"""How `llamadesk ask` ends: exit codes per failure category and the --json summary."""

from __future__ import annotations

import json
from typing import Any

from app.cli.options import EndpointChoice
from app.core.errors import ErrorCategory, Failure
from app.core.reply import ReplyRecorder

EXIT_OK = 0
EXIT_USAGE = 2  # invalid option or parameter, refused before any request
EXIT_AUTH = 3  # token, account: fix the settings
EXIT_NOT_FOUND = 4  # model unknown or retired
EXIT_LIMITED = 5  # quota used up, rate limited
EXIT_INPUT = (
    6  # the server refused this input (bad input, too large, context too long, unsupported)
)
EXIT_SERVER = 7  # the server failed or answered in an unknown format
EXIT_NETWORK = 8  # unreachable, TLS, timeout
EXIT_INTERRUPTED = 9  # the stream was cut; partial text was printed
EXIT_INTERNAL = 70  # a bug in LlamaDesk (EX_SOFTWARE); one sentence, no traceback
EXIT_CANCELLED = 130  # Ctrl-C
EXIT_OUTPUT_CLOSED = 141  # the reader of stdout went away (`| head`), as a shell says for SIGPIPE

_EXIT_BY_CATEGORY = {
    ErrorCategory.BAD_TOKEN: EXIT_AUTH,
    ErrorCategory.MISSING_SETTING: EXIT_USAGE,
    ErrorCategory.WRONG_ACCOUNT: EXIT_AUTH,
    ErrorCategory.UNKNOWN_MODEL: EXIT_NOT_FOUND,
    ErrorCategory.DEPRECATED_MODEL: EXIT_NOT_FOUND,
    ErrorCategory.QUOTA_EXHAUSTED: EXIT_LIMITED,
    ErrorCategory.RATE_LIMITED: EXIT_LIMITED,
    ErrorCategory.BAD_INPUT: EXIT_INPUT,
    ErrorCategory.REQUEST_TOO_LARGE: EXIT_INPUT,
    ErrorCategory.CONTEXT_TOO_LONG: EXIT_INPUT,
    ErrorCategory.UNSUPPORTED: EXIT_INPUT,
    ErrorCategory.SERVER_ERROR: EXIT_SERVER,
    ErrorCategory.PROTOCOL: EXIT_SERVER,
    ErrorCategory.UNREACHABLE: EXIT_NETWORK,
    ErrorCategory.TLS: EXIT_NETWORK,
    ErrorCategory.TIMEOUT: EXIT_NETWORK,
    ErrorCategory.INTERRUPTED: EXIT_INTERRUPTED,
}


def exit_code_for(failure: Failure) -> int:
    return _EXIT_BY_CATEGORY[failure.category]


def summary_json(recorder: ReplyRecorder, endpoint: EndpointChoice) -> str:
    usage = recorder.usage
    summary: dict[str, Any] = {
        "response": recorder.text,
        "usage": None
        if usage is None
        else {
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "total_tokens": usage.total_tokens,
        },
        "finish_reason": recorder.finish_reason.value if recorder.finish_reason else None,
        "ttft_ms": _round(recorder.ttft_ms),
        "tokens_per_s": _round(recorder.tokens_per_s),
        "model": recorder.model or endpoint.model,
        "backend": endpoint.backend,
        # Which request this was: the server's id for it, and the SHA-256 of the body sent.
        "request_id": recorder.request_id,
        "request_sha256": None if recorder.request is None else recorder.request.sha256,
        "error": None
        if recorder.failure is None
        else {
            "category": recorder.failure.category.value,
            "message": recorder.failure.message,
            "status": recorder.failure.status,
            "code": recorder.failure.code,
        },
    }
    if usage is not None and usage.cached_tokens is not None:
        summary["usage"]["cached_tokens"] = usage.cached_tokens
    return json.dumps(summary, ensure_ascii=False)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
