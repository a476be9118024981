"""Catalogue of every error-table fault from the reference notes, as scripted loopback replies."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Literal

from tests.loopback import wire
from tests.loopback.server import LoopbackServer, Reply
from tests.loopback.wire import split_events

CATEGORIES: tuple[str, ...] = (
    "bad_token",
    "wrong_account",
    "unknown_model",
    "deprecated_model",
    "quota_exhausted",
    "rate_limited",
    "bad_input",
    "request_too_large",
    "context_too_long",
    "server_error",
    "unreachable",
    "tls",
    "timeout",
    "interrupted",
    "protocol",
)
WORKERS_AI_MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8"
NATIVE_SUFFIX = f"/ai/run/{WORKERS_AI_MODEL}"
CHAT_SUFFIX = "/chat/completions"
_UUID = "(5f0b6a3e-8c1d-4e2f-9a7b-3c4d5e6f7a8b)"
_TOKENS = ["Hello", ",", " world", "!"]
Dialect = Literal["workers-ai", "openai"]


@dataclass(frozen=True, eq=False)
class Fault:
    """A scripted failure and what the app must make of it.

    `retryable` means "the app may re-send on its own": never true once `partial_text`
    has reached the user. `message_hint` is a phrase the user-visible message should keep.
    """

    name: str
    dialect: Dialect
    reply: Reply
    expect_category: str
    retryable: bool
    method: str = "POST"
    path_suffix: str = ""
    stream: bool = True
    partial_text: str = ""
    message_hint: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.expect_category not in CATEGORIES:
            raise ValueError(f"{self.name}: unknown category {self.expect_category!r}")
        if not self.path_suffix:
            default = NATIVE_SUFFIX if self.dialect == "workers-ai" else CHAT_SUFFIX
            object.__setattr__(self, "path_suffix", default)

    def install(self, server: LoopbackServer) -> None:
        """Queue this fault's reply for the next matching request."""
        server.queue(self.method, self.path_suffix, self.reply)


def unreachable_url() -> str:
    """A loopback URL nobody listens on: bind a free port, then release it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass(frozen=True)
class TransportFault:
    """A failure below HTTP: nothing to script, only a URL that produces it."""

    name: str
    expect_category: str
    retryable: bool
    note: str = ""

    def url(self, server: LoopbackServer) -> str:
        return server.https_url if self.expect_category == "tls" else unreachable_url()


def _cf(
    name: str,
    status: int,
    code: int | None,
    message: str,
    category: str,
    retryable: bool,
    *,
    hint: str = "",
    headers: dict[str, str] | None = None,
    note: str = "",
) -> Fault:
    reply = Reply.json(wire.cf_error(code, message), status, headers)
    return Fault(name, "workers-ai", reply, category, retryable, message_hint=hint, note=note)


def _oa(
    name: str,
    status: int,
    body: bytes,
    category: str,
    retryable: bool,
    *,
    hint: str = "",
    headers: dict[str, str] | None = None,
    note: str = "",
) -> Fault:
    reply = Reply.json(body, status, headers)
    return Fault(name, "openai", reply, category, retryable, message_hint=hint, note=note)


def _raw(
    status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
) -> Reply:
    return Reply(status, body, content_type, dict(headers or {}), "length")


_VLLM_CTX = (
    "This model's maximum context length is 512 tokens. However, you requested 600 tokens "
    "(344 in the messages, 256 in the completion). Please reduce the length of the messages or completion."
)
_UPSTREAM_CTX = (
    'AiError: Upstream error: {"object":"error","message":"This model\'s maximum context length is '
    '32000 tokens. However, you requested 33024 tokens (32768 in the messages, 256 in the completion).",'
    f'"type":"BadRequestError","param":null,"code":400}} {_UUID}'
)
_UPSTREAM_OTHER = (
    'AiError: Upstream error: {"object":"error","message":"top_k must be -1 (disable), or at least 1, '
    f'got 0.","type":"BadRequestError","param":null,"code":400}} {_UUID}'
)
_HTML_502 = (
    b"<!DOCTYPE html>\n<html><head><title>api.cloudflare.com | 502: Bad gateway</title></head>\n"
    b"<body><h1>Bad gateway <span>Error code 502</span></h1>\n"
    b"<p>The web server reported a bad gateway error.</p></body></html>\n"
)
_NATIVE_EVENTS = split_events(wire.workers_ai_stream(_TOKENS))
# vLLM events: role, 4 tokens, finish, usage, [DONE]; the first 3 carry "Hello,".
_VLLM_EVENTS = split_events(wire.openai_stream(_TOKENS, include_usage=True))

# fmt: off
# One row per fault reads as the table it mirrors; the formatter would spread each over 10 lines.
WORKERS_AI_FAULTS: list[Fault] = [
    _cf("wai_auth_10000_401", 401, 10000, "Authentication error", "bad_token", False),
    _cf("wai_auth_10000_403", 403, 10000, "Authentication error", "bad_token", False,
        note="Same code, 403 instead of 401: still a token problem."),
    _cf("wai_account_7003_404", 404, 7003,
        "Could not route to /client/v4/accounts/0123456789abcdef/ai/run/"
        "@cf/meta/llama-3.1-8b-instruct-fp8, perhaps your object identifier is invalid?",
        "wrong_account", False, hint="Could not route"),
    _cf("wai_model_5007_400", 400, 5007, "No such model @cf/meta/llama-3.1-8b-instruct-fp9 or task",
        "unknown_model", False, hint="No such model"),
    _cf("wai_model_3042_404", 404, 3042, "AiError: The model name is invalid", "unknown_model",
        False, hint="model name is invalid"),
    _cf("wai_deprecated_5028_410", 410, 5028, "AiError: This model has been deprecated",
        "deprecated_model", False, hint="deprecated", note="Message text illustrative."),
    _cf("wai_bad_input_5006_400", 400, 5006,
        "AiError: Bad input: Error: oneOf at '/' not met, 0 matches required", "bad_input", False,
        hint="oneOf at '/' not met"),
    _cf("wai_too_large_3006_413", 413, 3006, "Request is too large", "request_too_large", False),
    _cf("wai_timeout_3007_408", 408, 3007, "AiError: Request timeout", "timeout", True),
    _cf("wai_aborted_3008_408", 408, 3008, "AiError: Request was aborted", "timeout", True),
    _cf("wai_capacity_3040_429", 429, 3040, "AiError: Capacity temporarily exceeded, please try "
        "again.", "rate_limited", True, note="Out of capacity, not the caller's fault: back off."),
    _cf("wai_rate_limit_3021_429", 429, 3021, "AiError: Rate limited, too many requests",
        "rate_limited", True, headers={"Retry-After": "2"},
        note="Message illustrative; Retry-After is undocumented but honour it."),
    _cf("wai_daily_limit_3036_429", 429, 3036,
        "You have used up your daily free allocation of 10,000 neurons. Please upgrade to "
        "Cloudflare's Workers Paid plan if you would like to continue usage.", "quota_exhausted",
        False, hint="daily free allocation", note="A 429 NOT to retry; resets 00:00 UTC."),
    _cf("wai_daily_limit_4006_429", 429, 4006,
        "AiError: you have used up your daily free allocation of 10,000 neurons, please upgrade to "
        "Cloudflare's Workers Paid plan if you would like to continue usage.", "quota_exhausted",
        False, hint="daily free allocation", note="Observed code for the same condition as 3036."),
    _cf("wai_upstream_8007_context_400", 400, 8007, _UPSTREAM_CTX, "context_too_long", False,
        hint="maximum context length", note="Upstream vLLM error JSON wrapped as a string."),
    _cf("wai_upstream_8007_other_400", 400, 8007, _UPSTREAM_OTHER, "bad_input", False,
        hint="top_k must be"),
    _cf("wai_context_3030_400", 400, 3030,
        "AiError: Max context reached 33024 tokens but model supports only 32000",
        "context_too_long", False, hint="Max context reached"),
    _cf("wai_server_500_envelope", 500, 3043, "AiError: Internal server error", "server_error",
        True, note="Code illustrative: classify 5xx by status."),
    Fault("wai_server_502_plain", "workers-ai", _raw(502, b"error code: 502", "text/plain"),
          "server_error", True, note="Terse edge error, no envelope."),
    Fault("wai_server_503_proxy", "workers-ai",
          _raw(503, b"upstream connect error or disconnect/reset before headers. reset reason: "
               b"overflow", "text/plain", {"Retry-After": "1"}),
          "server_error", True, note="Plain-text proxy 503 with Retry-After."),
    Fault("wai_server_502_html", "workers-ai", _raw(502, _HTML_502, "text/html; charset=UTF-8"),
          "server_error", True, note="Proxy HTML page: never show the markup to the user."),
    _cf("wai_no_code_400", 400, None, "AiError: Bad input: Error: Type mismatch of "
        "'/messages/0/content', 'array' not in 'string'", "bad_input", False,
        hint="Type mismatch", note="No code: fall back to the status."),
    _cf("wai_no_code_500", 500, None, "Internal server error", "server_error", True),
    _cf("wai_doubled_prefix_uuid", 400, 5006, "AiError: AiError: Bad input: Error: Required "
        f"properties missing from '/messages/0': 'content' {_UUID}", "bad_input", False,
        hint="Required properties missing",
        note="Strip the repeated 'AiError: ' prefix and the trailing request id for display."),
    Fault("wai_stream_cut_no_done", "workers-ai", Reply(body=_NATIVE_EVENTS[:2]), "interrupted",
          False, partial_text="Hello,", note="Clean HTTP end, but no usage, no [DONE]: keep text."),
    Fault("wai_stall_before_first_token", "workers-ai", Reply(body=_NATIVE_EVENTS, stall_after=0),
          "timeout", False, note="Headers, then silence: needs a client read timeout. Not "
          "retried: the user already waited a whole stall timeout."),
    Fault("wai_html_200_login_page", "workers-ai",
          _raw(200, b"<html><body>Please sign in to continue</body></html>", "text/html"),
          "protocol", False, note="200 but neither SSE nor JSON (captive portal, wrong base URL)."),
]

OPENAI_FAULTS: list[Fault] = [
    _oa("vllm_context_400_object", 400, wire.openai_error("object", 400, _VLLM_CTX),
        "context_too_long", False, hint="maximum context length", note="Older vLLM: object=error."),
    _oa("vllm_context_400_error_object", 400, wire.openai_error("openai", 400, _VLLM_CTX),
        "context_too_long", False, hint="maximum context length", note="Newer vLLM: nested error."),
    _oa("sglang_context_400", 400, wire.openai_error("object", 400, "The input (600 tokens) is "
        "longer than the model's context length (512 tokens)."), "context_too_long", False,
        hint="longer than the model's context length"),
    _oa("llamacpp_context_400", 400, wire.openai_error("llamacpp", 400, "the request exceeds the "
        "available context size, try increasing it"), "context_too_long", False,
        hint="exceeds the available context size"),
    _oa("openai_context_length_exceeded_400", 400, wire.openai_error(
        "openai", 400, "Your input exceeds the context window of this model.",
        code="context_length_exceeded", error_type="invalid_request_error"),
        "context_too_long", False, hint="context window",
        note="Only the code says so: the message has none of the other marker phrases."),
    _oa("vllm_unknown_model_404", 404, wire.openai_error("openai", 404, "The model "
        "`meta-llama/Llama-3.1-8B-Instruct` does not exist."), "unknown_model", False,
        hint="does not exist", note="Discover the served id with GET /v1/models."),
    _oa("vllm_unauthorized_401", 401, wire.openai_error("string", 401, "Unauthorized"),
        "bad_token", False),
    _oa("llamacpp_invalid_key_401", 401, wire.openai_error("llamacpp", 401, "Invalid API Key",
        error_type="authentication_error"), "bad_token", False, hint="Invalid API Key"),
    _oa("fastapi_detail_422", 422, wire.openai_error("detail", 422, "messages: field required"),
        "bad_input", False, hint="field required"),
    _oa("fastapi_detail_list_422", 422, b'{"detail":[{"type":"missing","loc":["body","messages"],'
        b'"msg":"Field required","input":{}}]}', "bad_input", False, hint="Field required",
        note="FastAPI's real validation shape: detail is a list of objects."),
    _oa("vllm_json_400_while_streaming", 400, wire.openai_error("object", 400, "max_tokens must "
        "be at least 1, got 0."), "bad_input", False, hint="max_tokens must be at least 1",
        note="stream:true was sent, yet JSON came back: check status and type before SSE."),
    Fault("vllm_inband_error_after_tokens", "openai", Reply(body=[*_VLLM_EVENTS[:3],
          wire.inband_error("CUDA out of memory while decoding")]), "server_error", False,
          partial_text="Hello,", message_hint="out of memory",
          note="Error after text arrived: keep the text, do not auto-retry."),
    Fault("transformers_inband_string_error", "openai", Reply(body=[*_VLLM_EVENTS[:3],
          wire.inband_error("Generation failed", as_string=True, done=False)]), "server_error",
          False, partial_text="Hello,", message_hint="Generation failed",
          note="transformers serve: the error is a bare string and no [DONE] follows."),
    Fault("llamacpp_python_empty_200", "openai", Reply(body=b""), "interrupted", False,
          note="llama-cpp-python's streamed context overflow: 200, no chunk, no [DONE]."),
    Fault("vllm_stream_cut_no_done", "openai", Reply(body=_VLLM_EVENTS[:3]), "interrupted", False,
          partial_text="Hello,", note="Clean HTTP end, no finish chunk, no [DONE]."),
    Fault("vllm_stream_aborted", "openai", Reply(body=_VLLM_EVENTS, abort_after=3), "interrupted",
          False, partial_text="Hello,", note="Closed mid chunked body: RemoteProtocolError."),
    Fault("vllm_stall_mid_stream", "openai", Reply(body=_VLLM_EVENTS, stall_after=3), "timeout",
          False, partial_text="Hello,", note="Read timeout after text arrived: keep it, no retry."),
    Fault("vllm_malformed_chunk", "openai", Reply(body=[*_VLLM_EVENTS[:2], b'data: {"id":"chatcmpl'
          b'-1","choices":[{"delta":{"content":"Hel\n\n', b"data: [DONE]\n\n"]), "protocol",
          False, partial_text="Hello", note="A data line that is not JSON."),
    _oa("vllm_500_internal", 500, wire.openai_error("object", 500, "Internal Server Error"),
        "server_error", True),
    Fault("openai_503_retry_after", "openai", _raw(503, b"<html><body><h1>503 Service Temporarily "
          b"Unavailable</h1></body></html>", "text/html", {"Retry-After": "3"}), "server_error",
          True, note="Reverse proxy in front of a restarting server."),
    Fault("workers_ai_openai_models_405", "openai", Reply.json(wire.cf_error(7001, "Method not "
          "allowed"), 405), "protocol", False, method="GET", path_suffix="/models", stream=False,
          note="Workers AI's /ai/v1 has no GET /models: fall back to the configured model id."),
]
# fmt: on

FAULTS: list[Fault] = WORKERS_AI_FAULTS + OPENAI_FAULTS
FAULTS_BY_NAME: dict[str, Fault] = {fault.name: fault for fault in FAULTS}

TRANSPORT_FAULTS: list[TransportFault] = [
    TransportFault(
        "connection_refused",
        "unreachable",
        False,
        note="Nothing listens (server not started yet): say so at once; retrying only delays "
        "the fix (start the server).",
    ),
    TransportFault(
        "tls_to_plain_http",
        "tls",
        False,
        note="https:// against a plain-HTTP port: a configuration problem, not transient.",
    ),
]

if len(FAULTS_BY_NAME) != len(FAULTS):  # pragma: no cover - guards copy-paste slips
    raise RuntimeError("duplicate fault names")
