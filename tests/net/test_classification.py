"""Error bodies of every server style read into (code, message), and every HTTP fault classified."""

from __future__ import annotations

import json

import pytest

from app.core.errors import ErrorCategory, FailureContext, Provider
from app.net.error_body import ErrorInfo, classify_http, parse_error_body
from app.net.retry import parse_retry_after
from tests.loopback import FAULTS, Fault, cf_error, openai_error

UUID = "5f0b6a3e-8c1d-4e2f-9a7b-3c4d5e6f7a8b"
MAX_DETAIL = 300  # app/net/error_body.py keeps messages this short


def info(code: int | None, message: str | None) -> ErrorInfo:
    return ErrorInfo(code, message)


# -- parse_error_body: every body style ------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            cf_error(10000, "Authentication error"),
            info(10000, "Authentication error"),
            id="cloudflare-envelope",
        ),
        pytest.param(
            cf_error(None, "AiError: Bad input: Error: Type mismatch"),
            info(None, "Bad input: Error: Type mismatch"),
            id="cloudflare-envelope-without-code",
        ),
        pytest.param(
            cf_error(5006, f"AiError: AiError: Bad input: 'content' missing ({UUID})"),
            info(5006, "Bad input: 'content' missing"),
            id="doubled-prefix-and-request-id",
        ),
        pytest.param(
            cf_error(5006, f"AiError: Bad input: required property missing {UUID}"),
            info(5006, "Bad input: required property missing"),
            id="bare-request-id-tail",
        ),
        pytest.param(
            b'{"result":null,"success":false,"errors":[{"code":"3040","message":"Busy"}]}',
            info(3040, "Busy"),
            id="cloudflare-code-as-string",
        ),
        pytest.param(
            openai_error("openai", 400, "Bad request", code="invalid_value"),
            info(None, "Bad request"),
            id="openai-error-object-string-code",
        ),
        pytest.param(
            openai_error("openai", 404, "The model `x` does not exist."),
            info(404, "The model `x` does not exist."),
            id="openai-error-object-numeric-code",
        ),
        pytest.param(
            openai_error("openai", 400, "Too long.", code="context_length_exceeded"),
            info(None, "Too long. (context_length_exceeded)"),
            id="openai-context-code-kept-in-text",
        ),
        pytest.param(
            openai_error("object", 400, "max_tokens must be at least 1, got 0."),
            info(400, "max_tokens must be at least 1, got 0."),
            id="vllm-object-error",
        ),
        pytest.param(
            openai_error("string", 401, "Unauthorized"),
            info(None, "Unauthorized"),
            id="error-as-string",
        ),
        pytest.param(
            openai_error("detail", 422, "messages: field required"),
            info(None, "messages: field required"),
            id="fastapi-detail-string",
        ),
        pytest.param(
            b'{"detail":[{"loc":["body","messages"],"msg":"Field required"},'
            b'{"loc":["body","model"],"msg":"Input should be a string"},{"loc":[]}]}',
            info(None, "Field required; Input should be a string"),
            id="fastapi-detail-list",
        ),
        pytest.param(b'{"detail":[]}', info(None, None), id="fastapi-detail-empty-list"),
        pytest.param(
            openai_error("llamacpp", 400, "the request exceeds the available context size"),
            info(
                400,
                "the request exceeds the available context size (exceed_context_size_error)",
            ),
            id="llamacpp-exceed-context-size",
        ),
        pytest.param(
            openai_error("llamacpp", 401, "Invalid API Key", error_type="authentication_error"),
            info(401, "Invalid API Key"),
            id="llamacpp-other-type-not-appended",
        ),
        pytest.param(
            b"<!DOCTYPE html><html><body><h1>502 Bad gateway</h1></body></html>",
            info(None, None),
            id="html-page",
        ),
        pytest.param(b"error code: 502", info(None, None), id="plain-text"),
        pytest.param(b"", info(None, None), id="empty-bytes"),
        pytest.param("", info(None, None), id="empty-str"),
        pytest.param(b"{}", info(None, None), id="empty-object"),
    ],
)
def test_parse_error_body_styles(body: bytes | str, expected: ErrorInfo) -> None:
    assert parse_error_body(body) == expected


def test_parse_error_body_accepts_decoded_objects_and_str() -> None:
    obj = {"error": {"message": "boom", "code": 500}}
    assert parse_error_body(obj) == info(500, "boom")
    assert parse_error_body(json.dumps(obj)) == info(500, "boom")


def test_upstream_json_wrapped_in_a_string_is_unwrapped() -> None:
    wrapped = (
        'AiError: Upstream error: {"object":"error","message":"This model\'s maximum context '
        'length is 32000 tokens.","type":"BadRequestError","param":null,"code":400} '
        f"({UUID})"
    )
    parsed = parse_error_body(cf_error(8007, wrapped))
    assert parsed == info(
        8007, "Upstream error: This model's maximum context length is 32000 tokens."
    )


def test_braces_that_are_not_json_are_kept_as_text() -> None:
    assert parse_error_body(cf_error(5006, "Bad input: {not json}")) == info(
        5006, "Bad input: {not json}"
    )


def test_messages_become_one_line() -> None:
    parsed = parse_error_body(openai_error("object", 400, "line one\n\n  line\ttwo\r\n"))
    assert parsed.message == "line one line two"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"[" * 200_000 + b"]" * 200_000, id="deeply-nested-array"),
        pytest.param(b'{"a":' * 200_000 + b"1" + b"}" * 200_000, id="deeply-nested-object"),
        pytest.param(b"\xff\xfe\x00garbage\x80", id="non-utf8"),
        pytest.param(b'{"error": "caf\xe9"}', id="latin1-inside-json"),
        pytest.param(b'{"error": {"message": ' + b"[" * 100_000, id="truncated-nesting"),
        pytest.param(b"[1, 2, 3]", id="json-array"),
        pytest.param(b"42", id="json-number"),
        pytest.param(b"null", id="json-null"),
        pytest.param(b"true", id="json-bool"),
        pytest.param(b'{"errors": ["not a dict"], "error": 7}', id="odd-types"),
        pytest.param(b'{"error": {"message": 12, "code": true}}', id="non-string-message"),
        pytest.param(b'{"errors": [{"code": 99999999999, "message": null}]}', id="huge-code"),
    ],
)
def test_hostile_bodies_give_no_crash_and_no_garbage(body: bytes) -> None:
    parsed = parse_error_body(body)
    assert parsed.code is None or isinstance(parsed.code, int)
    assert parsed.message is None


def test_json_string_body_is_its_own_message() -> None:
    assert parse_error_body(b'"  AiError: overloaded  "') == info(None, "overloaded")


def test_huge_body_and_long_message_are_truncated() -> None:
    long_message = "word " * 200_000  # ~1 MB
    parsed = parse_error_body(cf_error(5006, long_message))
    assert parsed.code == 5006
    assert parsed.message is not None
    assert MAX_DETAIL - 6 <= len(parsed.message) <= MAX_DETAIL
    assert parsed.message.endswith("word …")  # cut between words, never inside one
    assert parsed.message.startswith("word word")


def test_nested_upstream_json_is_bounded() -> None:
    # Each level wraps the previous as an escaped string: unwrapping must terminate.
    message: str = "innermost"
    for _ in range(12):
        message = "Upstream error: " + json.dumps({"message": message})
    parsed = parse_error_body(cf_error(8007, message))
    assert parsed.message is not None
    assert "innermost" in parsed.message
    assert "{" not in parsed.message


# -- classify_http: every HTTP fault of the catalogue -------------------------------------

HTTP_FAULTS = [f for f in FAULTS if f.reply.status >= 400]


def _body(fault: Fault) -> bytes:
    return b"".join(fault.reply.chunks())


def _ctx(fault: Fault) -> FailureContext:
    provider = Provider.WORKERS_AI if fault.dialect == "workers-ai" else Provider.LOCAL
    return FailureContext(provider, "127.0.0.1:8000", "@cf/meta/llama-3.1-8b-instruct-fp8", 60.0)


def test_the_catalogue_has_http_faults_of_both_dialects() -> None:
    assert {f.dialect for f in HTTP_FAULTS} == {"workers-ai", "openai"}
    assert len(HTTP_FAULTS) >= 30


@pytest.mark.parametrize("fault", HTTP_FAULTS, ids=lambda f: f.name)
def test_classify_http_fault(fault: Fault) -> None:
    retry_after = parse_retry_after(fault.reply.headers.get("Retry-After"))
    failure = classify_http(
        fault.reply.status, parse_error_body(_body(fault)), _ctx(fault), retry_after_s=retry_after
    )
    assert failure.category == ErrorCategory(fault.expect_category)
    assert failure.retryable is fault.retryable
    assert failure.status == fault.reply.status
    assert failure.retry_after_s == retry_after
    assert failure.message.strip()
    assert fault.message_hint in failure.message
    assert "\n" not in failure.message
    assert "AiError" not in failure.message
    assert UUID not in failure.message
    assert "<" not in failure.message  # no HTML markup from a proxy page


def test_status_wins_over_code() -> None:
    ctx = FailureContext(Provider.WORKERS_AI, "api.cloudflare.com")
    assert classify_http(401, info(3040, "busy"), ctx).category is ErrorCategory.BAD_TOKEN
    assert classify_http(403, info(None, None), ctx).category is ErrorCategory.BAD_TOKEN


def test_account_wording_only_means_wrong_account_on_workers_ai() -> None:
    text = info(None, "Could not route to /accounts/abc")
    cf = FailureContext(Provider.WORKERS_AI, "api.cloudflare.com")
    local = FailureContext(Provider.LOCAL, "127.0.0.1:8000")
    assert classify_http(404, text, cf).category is ErrorCategory.WRONG_ACCOUNT
    assert classify_http(404, text, local).category is ErrorCategory.PROTOCOL


def test_unknown_statuses_fall_back_by_class() -> None:
    ctx = FailureContext(Provider.LOCAL, "127.0.0.1:8000")
    teapot = classify_http(418, info(None, None), ctx)
    assert teapot.category is ErrorCategory.BAD_INPUT
    assert "HTTP 418" in teapot.message
    gateway = classify_http(599, info(None, None), ctx)
    assert (gateway.category, gateway.retryable) == (ErrorCategory.SERVER_ERROR, True)
