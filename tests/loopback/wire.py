"""Pure builders of Workers AI and OpenAI-compatible wire bodies (bytes), quirks included."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Sequence
from typing import Any

# Fixed values keep every body byte-for-byte reproducible across runs.
_CREATED = 1778255778
_PADDING_SEED = 20250208
_PADDING_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

_ERROR_TYPES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    405: "MethodNotAllowedError",
    408: "TimeoutError",
    413: "RequestEntityTooLargeError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
    500: "InternalServerError",
    502: "BadGatewayError",
    503: "ServiceUnavailableError",
}


def _dumps(obj: Any, *, spaced: bool = False) -> str:
    # Real servers emit raw UTF-8 (not \u escapes), which is what makes mid-character
    # chunk splits possible; compact separators are the common case, spaces the deviant.
    separators = (", ", ": ") if spaced else (",", ":")
    return json.dumps(obj, ensure_ascii=False, separators=separators)


def _sse(
    payloads: list[str],
    *,
    crlf: bool = False,
    comments: bool = False,
    no_space: bool = False,
) -> bytes:
    """Frame data payloads as SSE events, each closed by a blank line."""
    eol = "\r\n" if crlf else "\n"
    prefix = "data:" if no_space else "data: "
    parts: list[str] = []
    for index, payload in enumerate(payloads):
        # Keep-alive comments before the first event and every third one after it,
        # so a parser meets them both at stream start and between events.
        if comments and index % 3 == 0:
            parts.append(f": keep-alive{eol}{eol}")
        parts.append(f"{prefix}{payload}{eol}{eol}")
    return "".join(parts).encode("utf-8")


def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, Any]:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def workers_ai_stream(
    tokens: list[str],
    *,
    prompt_tokens: int = 12,
    padding: bool = True,
    empty_event: bool = True,
    usage: bool = True,
    cached_tokens: int | None = None,
    done: bool = True,
    crlf: bool = False,
    comments: bool = False,
    no_space: bool = False,
) -> bytes:
    """Native Workers AI SSE: token events (some padded), empty event, usage, [DONE]."""
    rng = random.Random(_PADDING_SEED)
    payloads: list[str] = []
    for index, token in enumerate(tokens):
        event: dict[str, Any] = {"response": token}
        # Padding hides token lengths; it is on most events but not all (every third
        # event goes without), with a seeded random length so bodies are reproducible.
        if padding and index % 3 != 1:
            event["p"] = _PADDING_ALPHABET[: rng.randint(1, len(_PADDING_ALPHABET))]
        payloads.append(_dumps(event))
    if empty_event:
        payloads.append(_dumps({"response": ""}))
    if usage:
        usage_obj = _usage(prompt_tokens, len(tokens))
        if cached_tokens is not None:
            usage_obj["prompt_tokens_details"] = {"cached_tokens": cached_tokens}
        payloads.append(_dumps({"response": "", "usage": usage_obj}))
    if done:
        payloads.append("[DONE]")
    return _sse(payloads, crlf=crlf, comments=comments, no_space=no_space)


def workers_ai_envelope(
    text: str | None,
    *,
    prompt_tokens: int = 12,
    completion_tokens: int | None = None,
) -> bytes:
    """Native non-streaming success envelope; `text=None` mimics a tool-call reply."""
    if completion_tokens is None:
        completion_tokens = len(text.split()) if text else 0
    result: dict[str, Any] = {
        "response": text,
        "tool_calls": [],
        "usage": _usage(prompt_tokens, completion_tokens),
    }
    return _dumps({"result": result, "success": True, "errors": [], "messages": []}).encode()


def cf_error(code: int | None, message: str) -> bytes:
    """Cloudflare error envelope; `code=None` reproduces the errors that lack a code."""
    error: dict[str, Any] = (
        {"message": message} if code is None else {"code": code, "message": message}
    )
    return _dumps({"result": None, "success": False, "errors": [error], "messages": []}).encode()


def _chunk_id(flavor: str, completions: bool) -> str:
    if flavor == "workers-ai":
        return "id-1778255778230"
    return ("cmpl-" if completions else "chatcmpl-") + "9c1f0e2b7a4d4c3e8f5a6b7c8d9e0f1a"


def _choice(
    flavor: str,
    completions: bool,
    delta: dict[str, Any],
    finish_reason: str | None,
) -> dict[str, Any]:
    choice: dict[str, Any] = {"index": 0}
    if completions:
        choice["text"] = delta.get("content", "")
    else:
        choice["delta"] = delta
    if flavor != "transformers":
        # transformers serve drops None fields; everybody else sends explicit nulls.
        choice["logprobs"] = None
    if finish_reason is not None or flavor != "transformers":
        choice["finish_reason"] = finish_reason
    if flavor == "vllm":
        # vLLM 0.3x adds these, always null unless asked for; clients must ignore them.
        choice.update(stop_reason=None, token_ids=None, prompt_token_ids=None)
    return choice


def openai_stream(
    tokens: list[str],
    *,
    flavor: str = "vllm",
    model: str = "m",
    finish_reason: str = "stop",
    include_usage: bool = True,
    prompt_tokens: int = 12,
    done: bool = True,
    role_chunk: bool | None = None,
    double_usage: bool = False,
    usage_on_finish: bool = False,
    empty_deltas: bool = False,
    spaced_json: bool = False,
    completions: bool = False,
) -> bytes:
    """OpenAI-style `chat.completion.chunk` SSE as vLLM, Workers AI, transformers or llama.cpp send it."""
    if flavor not in ("vllm", "workers-ai", "transformers", "llamacpp"):
        raise ValueError(f"unknown flavor {flavor!r}")
    obj_name = "text_completion" if completions else "chat.completion.chunk"

    def chunk(choices: list[dict[str, Any]], usage: dict[str, Any] | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": _chunk_id(flavor, completions),
            "object": obj_name,
            "created": _CREATED,
            "model": model,
            "choices": choices,
        }
        if flavor == "llamacpp":
            body["system_fingerprint"] = "b6000-0a1b2c3d"
        if usage is not None:
            body["usage"] = usage
        return body

    usage_obj = _usage(prompt_tokens, len(tokens))
    # Usage placement differs per server: transformers puts it on the finish chunk,
    # the others send a trailing chunk (vLLM and llama.cpp with `choices: []`).
    usage_on_finish = usage_on_finish or flavor == "transformers"
    if role_chunk is None:
        role_chunk = flavor in ("vllm", "transformers", "llamacpp")
    chunks: list[dict[str, Any]] = []
    if role_chunk and not completions:
        # llama.cpp opens with `content: null`, vLLM with an empty string.
        role_content = None if flavor == "llamacpp" else ""
        chunks.append(
            chunk([_choice(flavor, False, {"role": "assistant", "content": role_content}, None)])
        )
    for index, token in enumerate(tokens):
        chunks.append(chunk([_choice(flavor, completions, {"content": token}, None)]))
        if empty_deltas and index == 0:
            chunks.append(chunk([_choice(flavor, completions, {}, None)]))
            chunks.append(chunk([_choice(flavor, completions, {"content": None}, None)]))
    if not tokens and empty_deltas:
        chunks.append(chunk([_choice(flavor, completions, {}, None)]))

    if flavor == "workers-ai":
        # Workers AI's OpenAI endpoint has no separate finish chunk: finish_reason
        # rides on the usage chunk, which may be repeated with all zeros.
        final = [_choice(flavor, completions, {"content": ""}, finish_reason)]
        chunks.append(chunk(final, usage_obj if include_usage else None))
        if include_usage and double_usage:
            chunks.append(chunk(final, _usage(0, 0)))
    else:
        finish_delta: dict[str, Any] = {} if flavor == "llamacpp" else {"content": ""}
        finish_usage = usage_obj if include_usage and usage_on_finish else None
        chunks.append(
            chunk([_choice(flavor, completions, finish_delta, finish_reason)], finish_usage)
        )
        if include_usage and not usage_on_finish:
            trailer = chunk([], usage_obj)
            if flavor == "llamacpp":
                trailer["timings"] = _llamacpp_timings(prompt_tokens, len(tokens))
            chunks.append(trailer)
            if double_usage:
                chunks.append(chunk([], _usage(0, 0)))

    payloads = [_dumps(c, spaced=spaced_json) for c in chunks]
    if done and flavor != "transformers":
        payloads.append("[DONE]")
    return _sse(payloads)


def _llamacpp_timings(prompt_n: int, predicted_n: int) -> dict[str, Any]:
    return {
        "prompt_n": prompt_n,
        "prompt_ms": 12.5,
        "prompt_per_token_ms": 12.5 / max(prompt_n, 1),
        "prompt_per_second": prompt_n / 0.0125,
        "predicted_n": predicted_n,
        "predicted_ms": 40.0,
        "predicted_per_token_ms": 40.0 / max(predicted_n, 1),
        "predicted_per_second": predicted_n / 0.04,
    }


def openai_completion(
    text: str,
    *,
    finish_reason: str = "stop",
    prompt_tokens: int = 12,
    completions: bool = False,
    completion_tokens: int | None = None,
    model: str = "m",
) -> bytes:
    """Non-streaming `chat.completion` (or legacy `text_completion`) body, vLLM style."""
    if completion_tokens is None:
        completion_tokens = len(text.split())
    choice: dict[str, Any] = {"index": 0}
    if completions:
        choice["text"] = text
    else:
        choice["message"] = {"role": "assistant", "content": text, "tool_calls": []}
    choice.update(logprobs=None, finish_reason=finish_reason, stop_reason=None)
    body = {
        "id": _chunk_id("vllm", completions),
        "object": "text_completion" if completions else "chat.completion",
        "created": _CREATED,
        "model": model,
        "choices": [choice],
        "usage": _usage(prompt_tokens, completion_tokens),
    }
    return _dumps(body).encode()


def openai_error(
    style: str,
    status: int,
    message: str,
    *,
    code: int | str | None = None,
    error_type: str | None = None,
    n_prompt_tokens: int = 600,
    n_ctx: int = 512,
) -> bytes:
    """An error body in one of the shapes OpenAI-compatible servers really send."""
    kind = error_type or _ERROR_TYPES.get(status, "Error")
    the_code: int | str | None = status if code is None else code
    if style == "openai":
        body: Any = {"error": {"message": message, "type": kind, "param": None, "code": the_code}}
    elif style == "object":
        body = {
            "object": "error",
            "message": message,
            "type": kind,
            "param": None,
            "code": the_code,
        }
    elif style == "string":
        body = {"error": message}
    elif style == "detail":
        body = {"detail": message}
    elif style == "llamacpp":
        kind = error_type or "exceed_context_size_error"
        error: dict[str, Any] = {"code": the_code, "message": message, "type": kind}
        if kind == "exceed_context_size_error":
            error.update(n_prompt_tokens=n_prompt_tokens, n_ctx=n_ctx)
        body = {"error": error}
    else:
        raise ValueError(f"unknown error style {style!r}")
    return _dumps(body).encode()


def inband_error(message: str, *, as_string: bool = False, done: bool = True) -> bytes:
    """An error delivered inside an already-started SSE stream, then (usually) [DONE]."""
    if as_string:
        payload: Any = {"error": message}
    else:
        payload = {
            "error": {"message": message, "type": "InternalServerError", "param": None, "code": 500}
        }
    payloads = [_dumps(payload)]
    if done:
        payloads.append("[DONE]")
    return _sse(payloads)


def models_list(
    ids: list[str],
    *,
    max_model_len: int | None = None,
    n_ctx: int | None = None,
) -> bytes:
    """`GET /v1/models` body; vLLM adds `max_model_len`, llama.cpp `meta.n_ctx`."""
    data: list[dict[str, Any]] = []
    for model_id in ids:
        entry: dict[str, Any] = {"id": model_id, "object": "model", "created": _CREATED}
        if max_model_len is not None:
            entry.update(owned_by="vllm", root=model_id, parent=None, max_model_len=max_model_len)
        elif n_ctx is not None:
            entry.update(
                owned_by="llamacpp", meta={"vocab_type": 2, "n_vocab": 128256, "n_ctx": n_ctx}
            )
        else:
            entry["owned_by"] = "system"
        data.append(entry)
    return _dumps({"object": "list", "data": data}).encode()


def split_every(body: bytes, n: int) -> list[bytes]:
    """Cut a body into n-byte pieces, so splits land inside JSON and UTF-8 characters."""
    if n < 1:
        raise ValueError("n must be >= 1")
    return [body[i : i + n] for i in range(0, len(body), n)]


def split_at(body: bytes, offsets: Sequence[int]) -> list[bytes]:
    """Cut a body at the given byte offsets (empty pieces are dropped)."""
    bounds = [0, *sorted(o for o in offsets if 0 < o < len(body)), len(body)]
    return [body[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def split_events(body: bytes) -> list[bytes]:
    """One piece per SSE event (LF framing), for per-event delays or cuts."""
    return [piece + b"\n\n" for piece in body.split(b"\n\n") if piece]
