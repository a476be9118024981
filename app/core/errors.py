"""Failure categories and the plain-language message, with the fix, that each one shows."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Provider(enum.StrEnum):
    WORKERS_AI = "workers-ai"
    LOCAL = "local"  # any OpenAI-compatible server: vLLM, SGLang, TensorRT-LLM, llama.cpp...


class ErrorCategory(enum.StrEnum):
    BAD_TOKEN = "bad_token"
    MISSING_SETTING = "missing_setting"
    WRONG_ACCOUNT = "wrong_account"
    UNKNOWN_MODEL = "unknown_model"
    DEPRECATED_MODEL = "deprecated_model"
    QUOTA_EXHAUSTED = "quota_exhausted"
    RATE_LIMITED = "rate_limited"
    BAD_INPUT = "bad_input"
    REQUEST_TOO_LARGE = "request_too_large"
    CONTEXT_TOO_LONG = "context_too_long"
    SERVER_ERROR = "server_error"
    UNREACHABLE = "unreachable"
    TLS = "tls"
    TIMEOUT = "timeout"
    INTERRUPTED = "interrupted"
    PROTOCOL = "protocol"
    UNSUPPORTED = "unsupported"  # the server lacks what the request needs (raw prompts, continuing)

    @property
    def retryable_by_default(self) -> bool:
        """Worth repeating automatically, before the first token only."""
        return self in (ErrorCategory.RATE_LIMITED, ErrorCategory.SERVER_ERROR)


@dataclass(frozen=True, slots=True)
class FailureContext:
    """What a message may mention: who we talked to, about which model."""

    provider: Provider
    host: str
    model: str | None = None
    stall_timeout_s: float | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    category: ErrorCategory
    message: str  # one or two plain sentences: what happened, then what to do
    detail: str | None = None  # the server's own words, secrets removed
    status: int | None = None
    code: int | None = None
    retry_after_s: float | None = None
    retryable: bool = False  # repeat automatically (only ever before the first token)


def make_failure(
    category: ErrorCategory,
    ctx: FailureContext,
    *,
    detail: str | None = None,
    status: int | None = None,
    code: int | None = None,
    retry_after_s: float | None = None,
    timed_out_connecting: bool = False,
    retryable: bool | None = None,
    partial: bool = True,
) -> Failure:
    """Build a Failure whose message names the fix for this provider.

    `partial`: some reply text already arrived (and is kept), so the message may say so.
    """
    message = _message(category, ctx, detail, status, timed_out_connecting, partial)
    if retryable is None:
        retryable = category.retryable_by_default
    return Failure(category, message, detail, status, code, retry_after_s, retryable)


def _message(
    category: ErrorCategory,
    ctx: FailureContext,
    detail: str | None,
    status: int | None,
    timed_out_connecting: bool,
    partial: bool,
) -> str:
    cf = ctx.provider is Provider.WORKERS_AI
    kept = " The text so far is kept; try again." if partial else " Try again."
    model = f"“{ctx.model}”" if ctx.model else "this model"
    reason = f" The server said: {_sentence(detail)}" if detail else ""
    match category:
        case ErrorCategory.BAD_TOKEN:
            if cf:
                return (
                    "Cloudflare did not accept the API token."
                    + reason
                    + " Create a token with the Workers AI Read and Edit permissions in the "
                    "Cloudflare dashboard and enter it again."
                )
            return (
                "The server did not accept the API key."
                + reason
                + " Enter the key the server was started with (its --api-key option)."
            )
        case ErrorCategory.MISSING_SETTING:
            return detail or "A required setting is missing."
        case ErrorCategory.UNSUPPORTED:
            # The detail is LlamaDesk's own finding, a whole sentence with what to do instead.
            return detail or f"The server at {ctx.host} cannot do what this request needs."
        case ErrorCategory.WRONG_ACCOUNT:
            if cf:
                return (
                    "Cloudflare found no account with this account ID."
                    + reason
                    + " Copy the account ID from the Cloudflare dashboard (Workers AI, “Use "
                    "REST API”) and try again."
                )
            return (
                f"The server at {ctx.host} does not know this address."
                + reason
                + " Check the server address in the endpoint settings."
            )
        case ErrorCategory.UNKNOWN_MODEL:
            if cf:
                return (
                    f"Workers AI has no model {model}."
                    + reason
                    + " Choose a model from the Workers AI catalogue, such as "
                    "@cf/meta/llama-3.1-8b-instruct-fp8."
                )
            return (
                f"The server at {ctx.host} does not serve {model}."
                + reason
                + " Choose one of the models it lists, or leave the model empty to use the "
                "one it serves."
            )
        case ErrorCategory.DEPRECATED_MODEL:
            if cf:
                return (
                    f"Cloudflare has retired {model}."
                    + reason
                    + " Choose a current model, such as @cf/meta/llama-3.1-8b-instruct-fp8."
                )
            return (
                f"The server at {ctx.host} no longer serves {model}."
                + reason
                + " Choose one of the models it lists, or leave the model empty to use the "
                "one it serves."
            )
        case ErrorCategory.QUOTA_EXHAUSTED:
            if cf:
                return (
                    "Today's free Workers AI allowance (10,000 neurons) is used up."
                    + reason
                    + " It resets at 00:00 UTC; to keep going now, enable paid usage in the "
                    "Cloudflare dashboard."
                )
            return (
                f"The server at {ctx.host} says a usage quota is used up."
                + reason
                + " Wait until it resets, or ask whoever runs the server to raise it."
            )
        case ErrorCategory.RATE_LIMITED:
            if cf:
                return (
                    "Workers AI is busy or received too many requests (the limit is 300 a "
                    "minute). Wait a moment and try again."
                )
            return f"The server at {ctx.host} is busy. Wait a moment and try again."
        case ErrorCategory.BAD_INPUT:
            return (
                "The server refused the request."
                + reason
                + " Change the message or the parameters and try again."
            )
        case ErrorCategory.REQUEST_TOO_LARGE:
            return (
                "The request is too large for the server. Shorten the message or start a new chat."
            )
        case ErrorCategory.CONTEXT_TOO_LONG:
            return (
                "The conversation no longer fits in the model's context window."
                + reason
                + " Start a new chat, remove earlier messages, or lower max_tokens."
            )
        case ErrorCategory.SERVER_ERROR:
            code = f" (HTTP {status})" if status else ""
            if cf:
                return f"Workers AI had a problem on its side{code}.{reason} Try again in a minute."
            return (
                f"The server at {ctx.host} reported an internal error{code}.{reason} Check the "
                "server's log, then try again."
            )
        case ErrorCategory.UNREACHABLE:
            if cf:
                return (
                    "Cannot reach Cloudflare. Check your internet connection, or your "
                    "proxy settings (HTTPS_PROXY)."
                )
            return (
                f"No server answers at {ctx.host}. Start your local server (for example "
                "vLLM on port 8000), or check the address."
            )
        case ErrorCategory.TLS:
            return (
                f"The secure connection to {ctx.host} could not be verified. If your "
                "company network inspects traffic, add its CA certificate as the "
                "endpoint's CA bundle."
            )
        case ErrorCategory.TIMEOUT:
            if timed_out_connecting:
                return (
                    f"{ctx.host} did not answer in time. Check the address and your "
                    "connection, then try again."
                )
            if status == 408:
                return (
                    "The server gave up on the request because it took too long on its "
                    "side." + reason + " Try again in a moment."
                )
            secs = f" for {ctx.stall_timeout_s:g} seconds" if ctx.stall_timeout_s else ""
            if not partial:  # only the response headers came: "stopped sending" would mislead
                return f"The server started its answer but sent no text{secs}. Try again."
            return f"The server stopped sending{secs}.{kept}"
        case ErrorCategory.INTERRUPTED:
            return "The connection ended before the reply was complete." + reason + kept
        case ErrorCategory.PROTOCOL:
            # The detail here is LlamaDesk's own finding (or an HTTP status), not a quote.
            found = f" ({detail.rstrip('.')})" if detail else ""
            check = (
                "Check the account ID and the API root."
                if cf
                else "Check that the address is an OpenAI-compatible /v1 endpoint."
            )
            return f"The server's answer was not in a format LlamaDesk understands{found}. {check}"


def _sentence(text: str) -> str:
    """The server's words end their sentence, so the fix that follows reads as a new one."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."
