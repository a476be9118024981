"""Reads an error out of any server's body and classifies it: HTTP status, then code, then text."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core.errors import ErrorCategory, Failure, FailureContext, Provider, make_failure
from app.core.secrets import redact

_MAX_DETAIL = 300
_AIERROR_PREFIX = re.compile(r"^(?:\s*AiError:\s*)+", re.IGNORECASE)
_REQUEST_ID_TAIL = re.compile(
    r"\s*[(\[]?\s*(?:request id:?\s*)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_CONTEXT_TOO_LONG = re.compile(
    r"maximum context length|longer than the model'?s context length|exceeds? the available "
    r"context size|exceed_context_size|context_length_exceeded|max context reached|"
    r"context window|too many tokens|prompt is too long|input (?:is )?too long|max_model_len",
    re.IGNORECASE,
)
_QUOTA = re.compile(r"daily free allocation|neurons|quota", re.IGNORECASE)
_ACCOUNT = re.compile(r"could not route|no route for that uri|account", re.IGNORECASE)
_MODEL = re.compile(r"\bmodel\b", re.IGNORECASE)

_BAD_TOKEN_CODES = {10000, 10001, 9109}
_CONTEXT_CODES = {3030}
_QUOTA_CODES = {4006, 3036}
_BUSY_CODES = {3040, 3021}
_TIMEOUT_CODES = {3007, 3008}


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """What a body said: a numeric code if any, a cleaned message if any."""

    code: int | None
    message: str | None


def parse_error_body(body: bytes | str | Any, secrets: Sequence[str] = ()) -> ErrorInfo:
    """Extract (code, message) from Cloudflare's envelope, OpenAI, vLLM, llama.cpp or FastAPI.

    `secrets` are masked in the message before it is shortened, so a token that straddles
    the cut cannot leave its first half behind.
    """
    info = _parse(body)
    if info.message is None:
        return info
    return ErrorInfo(info.code, _shortened(redact(info.message, secrets)))


def _parse(body: bytes | str | Any) -> ErrorInfo:
    obj = body
    if isinstance(body, bytes | str):
        try:
            obj = json.loads(body)
        except (ValueError, RecursionError):
            return ErrorInfo(None, None)  # an HTML error page from a proxy: nothing readable
    if not isinstance(obj, dict):
        return ErrorInfo(None, _clean(obj) if isinstance(obj, str) else None)
    errors = obj.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        return ErrorInfo(_as_code(first.get("code")), _clean(first.get("message")))
    error = obj.get("error")
    if isinstance(error, dict):
        message = error.get("message")
        kind = error.get("code") if isinstance(error.get("code"), str) else error.get("type")
        if isinstance(kind, str) and _CONTEXT_TOO_LONG.search(kind):
            # llama.cpp / OpenAI name context overflow in "type"/"code", not always in the text.
            message = f"{message} ({kind})" if isinstance(message, str) else kind
        return ErrorInfo(_as_code(error.get("code")), _clean(message))
    if isinstance(error, str):
        return ErrorInfo(_as_code(obj.get("code")), _clean(error))
    if obj.get("object") == "error" or "message" in obj:
        return ErrorInfo(_as_code(obj.get("code")), _clean(obj.get("message")))
    detail = obj.get("detail")
    if isinstance(detail, list):  # FastAPI validation errors: [{"loc": [...], "msg": "..."}]
        msgs = [d["msg"] for d in detail if isinstance(d, dict) and isinstance(d.get("msg"), str)]
        return ErrorInfo(None, _clean("; ".join(msgs)) if msgs else None)
    return ErrorInfo(None, _clean(detail))


def _as_code(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        return int(value)
    return None


def _clean(message: object) -> str | None:
    """Strip 'AiError: ' prefixes and request-id tails; keep it short and on one line."""
    if not isinstance(message, str):
        return None
    text = " ".join(message.split())
    text = _AIERROR_PREFIX.sub("", text)
    text = _REQUEST_ID_TAIL.sub("", text).rstrip(" :;,")
    text = _unwrap_embedded_json(text)
    return text or None


def _shortened(text: str) -> str | None:
    """At most _MAX_DETAIL characters, cut between words.

    Cutting inside a word could leave the first part of a token the caller did not know
    about (a gateway's, say); a word cut in half is dropped whole instead.
    """
    if len(text) <= _MAX_DETAIL:
        return text
    cut = text[: _MAX_DETAIL - 1]
    space = cut.rfind(" ")
    return (cut[:space].rstrip(" :;,") + " …") if space > 0 else None


def _unwrap_embedded_json(text: str) -> str:
    """`Upstream error: {"message": "..."}` (Workers AI 8007) → `Upstream error: ...`: no raw JSON."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        return text
    try:
        inner = json.loads(text[start : end + 1])
    except (ValueError, RecursionError):
        return text
    message = _parse(inner).message if isinstance(inner, dict) else None
    if not message:
        return text
    prefix = text[:start].rstrip(" :")
    return f"{prefix}: {message}" if prefix else message


def classify_http(
    status: int, info: ErrorInfo, ctx: FailureContext, *, retry_after_s: float | None = None
) -> Failure:
    """Map an HTTP error to a category with a plain message. Status first, then code, then text.

    The numeric codes are Cloudflare's: from any other server they mean nothing (a local
    server's `"code": 10000` is not a Cloudflare token error), so only Workers AI's count.
    """
    text = info.message or ""
    code = info.code if ctx.provider is Provider.WORKERS_AI else None

    def fail(
        category: ErrorCategory, *, detail: str | None = None, retryable: bool | None = None
    ) -> Failure:
        return make_failure(
            category,
            ctx,
            detail=detail,
            status=status,
            code=info.code,
            retry_after_s=retry_after_s,
            retryable=retryable,
        )

    if status in (401, 403) or code in _BAD_TOKEN_CODES:
        return fail(ErrorCategory.BAD_TOKEN, detail=info.message)
    if code in _CONTEXT_CODES or _CONTEXT_TOO_LONG.search(text):
        return fail(ErrorCategory.CONTEXT_TOO_LONG, detail=info.message)
    if code in _QUOTA_CODES or (status == 429 and _QUOTA.search(text)):
        return fail(ErrorCategory.QUOTA_EXHAUSTED, detail=info.message)
    if status == 429 or code in _BUSY_CODES:
        return fail(ErrorCategory.RATE_LIMITED)
    if status == 408 or code in _TIMEOUT_CODES:
        return fail(ErrorCategory.TIMEOUT, retryable=True)
    if code == 7003 or (
        status == 404
        and ctx.provider is Provider.WORKERS_AI
        and _ACCOUNT.search(text)
        and not _MODEL.search(text)
    ):
        return fail(ErrorCategory.WRONG_ACCOUNT, detail=info.message)
    if status == 410 or code == 5028:
        return fail(ErrorCategory.DEPRECATED_MODEL, detail=info.message)
    if code in (5007, 3042) or (status == 404 and _MODEL.search(text)):
        return fail(ErrorCategory.UNKNOWN_MODEL, detail=info.message)
    if status == 413 or code == 3006:
        return fail(ErrorCategory.REQUEST_TOO_LARGE)
    if status >= 500:
        return fail(ErrorCategory.SERVER_ERROR)
    if status in (404, 405) or code == 7001:
        detail = f"HTTP {status} at this address" + (f" ({info.message})" if info.message else "")
        return fail(ErrorCategory.PROTOCOL, detail=detail)
    if 400 <= status < 500:
        return fail(ErrorCategory.BAD_INPUT, detail=info.message or f"HTTP {status}")
    return fail(ErrorCategory.PROTOCOL, detail=f"unexpected HTTP {status}")
