"""Errors are worded for the provider they come from, and quote no token, whole or cut."""

from __future__ import annotations

import pytest

from app.core.errors import ErrorCategory, FailureContext, Provider
from app.core.secrets import MASK
from app.net.error_body import classify_http, parse_error_body
from tests.loopback import FAULTS, Fault, cf_error, openai_error

TOKEN = "cf-token-abcdefghijklmnopqrstuvwxyz0123456789"
CLOUDFLARE_WORDS = ("Cloudflare", "Workers AI", "account ID", "neurons", "00:00 UTC")
LOCAL = FailureContext(Provider.LOCAL, "127.0.0.1:8000", "tiny-llama")
WORKERS_AI = FailureContext(Provider.WORKERS_AI, "api.cloudflare.com", "@cf/meta/x")
HTTP_FAULTS = [f for f in FAULTS if f.reply.status >= 400]


def body_of(fault: Fault) -> bytes:
    return b"".join(fault.reply.chunks())


@pytest.mark.parametrize("fault", HTTP_FAULTS, ids=lambda f: f.name)
def test_a_local_server_is_never_worded_as_cloudflare(fault: Fault) -> None:
    """Every catalogued error body, Cloudflare's envelopes included, from a local server."""
    failure = classify_http(fault.reply.status, parse_error_body(body_of(fault)), LOCAL)
    ours = failure.message.replace(failure.detail or "", "")  # the server's words may say so
    for word in CLOUDFLARE_WORDS:
        assert word not in ours, (word, failure.message)
    assert failure.category is not ErrorCategory.WRONG_ACCOUNT


@pytest.mark.parametrize(
    ("status", "code", "message", "workers_ai", "local"),
    [
        (404, 7003, "Could not route to /accounts/x", "wrong_account", "protocol"),
        (400, 10000, "Authentication error", "bad_token", "bad_input"),
        (400, 3036, "You have used up your daily free allocation", "quota_exhausted", "bad_input"),
        (429, None, "quota exceeded for this key", "quota_exhausted", "quota_exhausted"),
        (400, 3030, "Max context reached", "context_too_long", "context_too_long"),
        (400, 5007, "No such model", "unknown_model", "bad_input"),
        (410, None, "This model has been deprecated", "deprecated_model", "deprecated_model"),
        (400, 3007, "Request timeout", "timeout", "bad_input"),
    ],
)
def test_the_same_body_from_each_provider(
    status: int, code: int | None, message: str, workers_ai: str, local: str
) -> None:
    info = parse_error_body(cf_error(code, message))
    from_cloudflare = classify_http(status, info, WORKERS_AI)
    from_local = classify_http(status, info, LOCAL)
    assert from_cloudflare.category is ErrorCategory(workers_ai)
    assert from_local.category is ErrorCategory(local)
    assert from_local.code == code  # still reported (`ask --json`), only not read as Cloudflare's
    for word in CLOUDFLARE_WORDS:
        assert word not in from_local.message
    if local in ("quota_exhausted", "deprecated_model", "protocol", "bad_input"):
        assert "127.0.0.1:8000" in from_local.message or "server" in from_local.message


def test_local_quota_and_retired_model_name_the_server() -> None:
    quota = classify_http(429, parse_error_body(openai_error("openai", 429, "quota")), LOCAL)
    assert quota.message.startswith("The server at 127.0.0.1:8000 says a usage quota is used up")
    gone = classify_http(410, parse_error_body(openai_error("openai", 410, "gone")), LOCAL)
    assert gone.message.startswith("The server at 127.0.0.1:8000 no longer serves “tiny-llama”")
    cf_quota = classify_http(429, parse_error_body(cf_error(3036, "neurons")), WORKERS_AI)
    assert "Workers AI allowance" in cf_quota.message


@pytest.mark.parametrize("offset", [250, 280, 290, 295, 299, 300, 310])
@pytest.mark.parametrize("style", ["cloudflare", "openai"])
def test_a_token_straddling_the_cut_leaves_no_part_behind(offset: int, style: str) -> None:
    text = "x" * (offset - 1) + " " + TOKEN + " and more words after it"
    body = cf_error(5006, text) if style == "cloudflare" else openai_error("openai", 400, text)
    for secrets in ((TOKEN,), ()):  # known to the caller, or not (a gateway's own token)
        message = parse_error_body(body, secrets).message or ""
        assert len(message) <= 300
        if not secrets and TOKEN in message:
            continue  # nothing can mask a token nobody named; it is never cut in half, though
        for size in range(6, len(TOKEN) + 1):
            assert TOKEN[:size] not in message, (secrets, message[-40:])
    known = parse_error_body(body, (TOKEN,)).message or ""
    if offset + len(MASK) < 298:
        assert MASK in known  # masked first, then cut: the mask itself survives the cut


def test_a_message_without_spaces_is_dropped_rather_than_cut_mid_word() -> None:
    assert parse_error_body(cf_error(5006, "z" * 400)).message is None
    short = parse_error_body(cf_error(5006, "z" * 299)).message
    assert short == "z" * 299
