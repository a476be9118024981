"""Failure categories and the plain-language message, with the fix, that each one shows."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.core.i18n import translate


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
    kept = (
        translate("Errors", " The text so far is kept; try again.")
        if partial
        else translate("Errors", " Try again.")
    )
    model = f"“{ctx.model}”" if ctx.model else translate("Errors", "this model")
    reason = (
        translate("Errors", " The server said: {sentence}").format(sentence=_sentence(detail))
        if detail
        else ""
    )
    match category:
        case ErrorCategory.BAD_TOKEN:
            if cf:
                return (
                    translate("Errors", "Cloudflare did not accept the API token.")
                    + reason
                    + translate(
                        "Errors",
                        " Create a token with the Workers AI Read and Edit permissions in the "
                        "Cloudflare dashboard and enter it again.",
                    )
                )
            return (
                translate("Errors", "The server did not accept the API key.")
                + reason
                + translate(
                    "Errors", " Enter the key the server was started with (its --api-key option)."
                )
            )
        case ErrorCategory.MISSING_SETTING:
            return detail or translate("Errors", "A required setting is missing.")
        case ErrorCategory.UNSUPPORTED:
            # The detail is LlamaDesk's own finding, a whole sentence with what to do instead.
            return detail or translate(
                "Errors", "The server at {host} cannot do what this request needs."
            ).format(host=ctx.host)
        case ErrorCategory.WRONG_ACCOUNT:
            if cf:
                return (
                    translate("Errors", "Cloudflare found no account with this account ID.")
                    + reason
                    + translate(
                        "Errors",
                        " Copy the account ID from the Cloudflare dashboard (Workers AI, “Use "
                        "REST API”) and try again.",
                    )
                )
            return (
                translate("Errors", "The server at {host} does not know this address.").format(
                    host=ctx.host
                )
                + reason
                + translate("Errors", " Check the server address in the endpoint settings.")
            )
        case ErrorCategory.UNKNOWN_MODEL:
            if cf:
                return (
                    translate("Errors", "Workers AI has no model {model}.").format(model=model)
                    + reason
                    + translate(
                        "Errors",
                        " Choose a model from the Workers AI catalogue, such as "
                        "@cf/meta/llama-3.1-8b-instruct-fp8.",
                    )
                )
            return (
                translate("Errors", "The server at {host} does not serve {model}.").format(
                    host=ctx.host, model=model
                )
                + reason
                + translate(
                    "Errors",
                    " Choose one of the models it lists, or leave the model empty to use the "
                    "one it serves.",
                )
            )
        case ErrorCategory.DEPRECATED_MODEL:
            if cf:
                return (
                    translate("Errors", "Cloudflare has retired {model}.").format(model=model)
                    + reason
                    + translate(
                        "Errors",
                        " Choose a current model, such as @cf/meta/llama-3.1-8b-instruct-fp8.",
                    )
                )
            return (
                translate("Errors", "The server at {host} no longer serves {model}.").format(
                    host=ctx.host, model=model
                )
                + reason
                + translate(
                    "Errors",
                    " Choose one of the models it lists, or leave the model empty to use the "
                    "one it serves.",
                )
            )
        case ErrorCategory.QUOTA_EXHAUSTED:
            if cf:
                return (
                    translate(
                        "Errors", "Today's free Workers AI allowance (10,000 neurons) is used up."
                    )
                    + reason
                    + translate(
                        "Errors",
                        " It resets at 00:00 UTC; to keep going now, enable paid usage in the "
                        "Cloudflare dashboard.",
                    )
                )
            return (
                translate("Errors", "The server at {host} says a usage quota is used up.").format(
                    host=ctx.host
                )
                + reason
                + translate(
                    "Errors", " Wait until it resets, or ask whoever runs the server to raise it."
                )
            )
        case ErrorCategory.RATE_LIMITED:
            if cf:
                return translate(
                    "Errors",
                    "Workers AI is busy or received too many requests (the limit is 300 a "
                    "minute). Wait a moment and try again.",
                )
            return translate(
                "Errors", "The server at {host} is busy. Wait a moment and try again."
            ).format(host=ctx.host)
        case ErrorCategory.BAD_INPUT:
            return (
                translate("Errors", "The server refused the request.")
                + reason
                + translate("Errors", " Change the message or the parameters and try again.")
            )
        case ErrorCategory.REQUEST_TOO_LARGE:
            return translate(
                "Errors",
                "The request is too large for the server. Shorten the message or start a new chat.",
            )
        case ErrorCategory.CONTEXT_TOO_LONG:
            return (
                translate(
                    "Errors", "The conversation no longer fits in the model's context window."
                )
                + reason
                + translate(
                    "Errors", " Start a new chat, remove earlier messages, or lower max_tokens."
                )
            )
        case ErrorCategory.SERVER_ERROR:
            code = translate("Errors", " (HTTP {status})").format(status=status) if status else ""
            if cf:
                return translate(
                    "Errors",
                    "Workers AI had a problem on its side{code}.{reason} Try again in a minute.",
                ).format(code=code, reason=reason)
            return translate(
                "Errors",
                "The server at {host} reported an internal error{code}.{reason} Check the server's log, then try again.",
            ).format(host=ctx.host, code=code, reason=reason)
        case ErrorCategory.UNREACHABLE:
            if cf:
                return translate(
                    "Errors",
                    "Cannot reach Cloudflare. Check your internet connection, or your "
                    "proxy settings (HTTPS_PROXY).",
                )
            return translate(
                "Errors",
                "No server answers at {host}. Start your local server (for example vLLM on port 8000), or check the address.",
            ).format(host=ctx.host)
        case ErrorCategory.TLS:
            return translate(
                "Errors",
                "The secure connection to {host} could not be verified. If your company network inspects traffic, add its CA certificate as the endpoint's CA bundle.",
            ).format(host=ctx.host)
        case ErrorCategory.TIMEOUT:
            if timed_out_connecting:
                return translate(
                    "Errors",
                    "{host} did not answer in time. Check the address and your connection, then try again.",
                ).format(host=ctx.host)
            if status == 408:
                return (
                    translate(
                        "Errors",
                        "The server gave up on the request because it took too long on its side.",
                    )
                    + reason
                    + translate("Errors", " Try again in a moment.")
                )
            secs = (
                translate("Errors", " for {stall_timeout_s:g} seconds").format(
                    stall_timeout_s=ctx.stall_timeout_s
                )
                if ctx.stall_timeout_s
                else ""
            )
            if not partial:  # only the response headers came: "stopped sending" would mislead
                return translate(
                    "Errors", "The server started its answer but sent no text{secs}. Try again."
                ).format(secs=secs)
            return translate("Errors", "The server stopped sending{secs}.{kept}").format(
                secs=secs, kept=kept
            )
        case ErrorCategory.INTERRUPTED:
            return (
                translate("Errors", "The connection ended before the reply was complete.")
                + reason
                + kept
            )
        case ErrorCategory.PROTOCOL:
            # The detail here is LlamaDesk's own finding (or an HTTP status), not a quote.
            found = f" ({detail.rstrip('.')})" if detail else ""
            check = (
                translate("Errors", "Check the account ID and the API root.")
                if cf
                else translate(
                    "Errors", "Check that the address is an OpenAI-compatible /v1 endpoint."
                )
            )
            return translate(
                "Errors",
                "The server's answer was not in a format LlamaDesk understands{found}. {check}",
            ).format(found=found, check=check)


def _sentence(text: str) -> str:
    """The server's words end their sentence, so the fix that follows reads as a new one."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."
