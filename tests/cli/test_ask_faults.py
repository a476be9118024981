"""Every catalogued fault through `llamadesk ask`: exit code, one plain stderr line, kept text, retries."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from app.cli.report import (
    EXIT_AUTH,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_LIMITED,
    EXIT_NETWORK,
    EXIT_NOT_FOUND,
    EXIT_SERVER,
    EXIT_USAGE,
)
from tests.cli.runner import (
    ACCOUNT,
    DEFAULT_TEXT,
    OPENAI_KEY,
    TOKEN,
    Run,
    ask,
    openai_args,
    workers_args,
)
from tests.loopback import (
    FAULTS,
    FAULTS_BY_NAME,
    TRANSPORT_FAULTS,
    Fault,
    LoopbackServer,
    Reply,
    TransportFault,
    cf_error,
    inband_error,
    openai_error,
    openai_stream,
    split_events,
)

EXIT_BY_CATEGORY = {
    "bad_token": EXIT_AUTH,
    "wrong_account": EXIT_AUTH,
    "missing_setting": EXIT_USAGE,
    "unknown_model": EXIT_NOT_FOUND,
    "deprecated_model": EXIT_NOT_FOUND,
    "quota_exhausted": EXIT_LIMITED,
    "rate_limited": EXIT_LIMITED,
    "bad_input": EXIT_INPUT,
    "request_too_large": EXIT_INPUT,
    "context_too_long": EXIT_INPUT,
    "server_error": EXIT_SERVER,
    "protocol": EXIT_SERVER,
    "unreachable": EXIT_NETWORK,
    "tls": EXIT_NETWORK,
    "timeout": EXIT_NETWORK,
    "interrupted": EXIT_INTERRUPTED,
}
#: A phrase of each category's plain message (either provider's wording).
CATEGORY_PHRASES = {
    "bad_token": ("did not accept the API",),
    "wrong_account": ("found no account with this account ID",),
    "missing_setting": ("pass --model",),
    "unknown_model": ("has no model", "does not serve"),
    "deprecated_model": ("has retired",),
    "quota_exhausted": ("free Workers AI allowance",),
    "rate_limited": ("Wait a moment and try again",),
    "bad_input": ("The server refused the request",),
    "request_too_large": ("too large for the server",),
    "context_too_long": ("no longer fits in the model's context window",),
    "server_error": ("had a problem on its side", "reported an internal error"),
    "unreachable": ("Cannot reach Cloudflare", "No server answers at"),
    "tls": ("could not be verified",),
    "timeout": ("stopped sending", "sent no text", "did not answer in time", "took too long"),
    "interrupted": ("ended before the reply was complete", "ended the reply without sending"),
    "protocol": ("not in a format LlamaDesk understands",),
}
#: Where `ask` deliberately reports a fault differently from the bare HTTP classification.
ASK_CATEGORY = {
    # Workers AI's /ai/v1 has no GET /models; with no --model, ask says to pass one.
    "workers_ai_openai_models_405": "missing_setting",
}
STALL_TIMEOUT = ("--stall-timeout", "0.5")


@pytest.fixture
def server(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    yield loopback
    assert loopback.errors == []


def fault_args(fault: Fault, server: LoopbackServer) -> list[str]:
    if fault.dialect == "workers-ai":
        return workers_args(server, *STALL_TIMEOUT)
    if fault.method == "GET":  # a model-list fault: Workers AI's OpenAI-compatible root
        return openai_args(server, suffix=f"/client/v4/accounts/{ACCOUNT}/ai/v1")
    return openai_args(server, *STALL_TIMEOUT)


def assert_one_plain_line(run: Run, category: str, hint: str = "") -> str:
    """stderr is exactly one line: the category's message, no JSON, no traceback."""
    assert len(run.stderr_lines) == 1, run.stderr
    line = run.stderr_lines[0]
    assert line.startswith("llamadesk ask: ")
    assert any(phrase in line for phrase in CATEGORY_PHRASES[category]), line
    assert hint in line
    for leak in ("{", "}", "Traceback", "AiError", "<html", "<!DOCTYPE"):
        assert leak not in line, line
    return line


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_fault_through_ask(server: LoopbackServer, fault: Fault) -> None:
    fault.install(server)
    category = ASK_CATEGORY.get(fault.name, fault.expect_category)

    run = ask(*fault_args(fault, server), "--retries", "0", "Hi")

    assert run.code == EXIT_BY_CATEGORY[category], run.stderr
    assert_one_plain_line(run, category, fault.message_hint)
    assert run.stdout == (fault.partial_text + "\n" if fault.partial_text else "")
    hits = [r for r in server.requests if r.method == fault.method]
    assert len(hits) == 1 and hits[0].url_path.endswith(fault.path_suffix)


def test_model_list_405_falls_back_to_the_given_model(server: LoopbackServer) -> None:
    FAULTS_BY_NAME["workers_ai_openai_models_405"].install(server)
    args = openai_args(server, "--model", "@cf/meta/llama-3.1-8b-instruct-fp8", suffix="/ai/v1")

    run = ask(*args, "Hi")

    assert (run.code, run.stdout, run.stderr) == (0, DEFAULT_TEXT + "\n", "")
    assert server.requests[-1].json()["model"] == "@cf/meta/llama-3.1-8b-instruct-fp8"


# -- retries ------------------------------------------------------------------------------


def test_retryable_fault_then_success(server: LoopbackServer) -> None:
    fault = FAULTS_BY_NAME["wai_capacity_3040_429"]
    busy = dataclasses.replace(fault.reply, headers={"Retry-After": "0"})
    server.queue(fault.method, fault.path_suffix, busy)  # then the default reply

    run = ask(*workers_args(server, "--retries", "1"), "Hi")

    assert (run.code, run.stdout, run.stderr) == (0, DEFAULT_TEXT + "\n", "")
    first, second = server.requests
    assert first.body == second.body


def test_retries_give_up_after_the_limit(server: LoopbackServer) -> None:
    fault = FAULTS_BY_NAME["wai_capacity_3040_429"]
    busy = dataclasses.replace(fault.reply, headers={"Retry-After": "0"})
    server.queue(fault.method, fault.path_suffix, busy, busy, busy)

    run = ask(*workers_args(server, "--retries", "1"), "Hi")

    assert (run.code, run.stdout) == (EXIT_LIMITED, "")
    assert_one_plain_line(run, "rate_limited")
    assert len(server.requests) == 2
    assert server.pending(fault.method, fault.path_suffix) == 1


@pytest.mark.parametrize(
    "name",
    ["wai_daily_limit_4006_429", "wai_stall_before_first_token", "vllm_inband_error_after_tokens"],
)
def test_non_retryable_fault_is_sent_once(server: LoopbackServer, name: str) -> None:
    fault = FAULTS_BY_NAME[name]
    fault.install(server)

    run = ask(*fault_args(fault, server), "--retries", "3", "Hi")  # retries allowed, not used

    assert run.code == EXIT_BY_CATEGORY[fault.expect_category]
    assert len([r for r in server.requests if r.method == "POST"]) == 1


# -- below HTTP -----------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", ["workers-ai", "openai"])
@pytest.mark.parametrize("fault", TRANSPORT_FAULTS, ids=lambda f: f.name)
def test_transport_fault_through_ask(
    server: LoopbackServer, fault: TransportFault, dialect: str
) -> None:
    url = fault.url(server)
    args = ["--base-url", url]
    if dialect == "workers-ai":
        args = ["--base-url", f"{url}/client/v4", "--account-id", ACCOUNT]

    run = ask("--backend", dialect, *args, "--connect-timeout", "5", "Hi")

    assert (run.code, run.stdout) == (EXIT_NETWORK, "")
    line = assert_one_plain_line(run, fault.expect_category)
    if fault.expect_category == "tls":
        assert f"The secure connection to 127.0.0.1:{server.port} could not be" in line
    elif dialect == "workers-ai":
        assert "Cannot reach Cloudflare" in line
    else:
        assert "No server answers at 127.0.0.1:" in line
    assert server.requests == []  # a TLS hello is not an HTTP request


# -- secrets --------------------------------------------------------------------------------


ECHOES = {
    "native-400": (
        "workers-ai",
        "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8",
        Reply.json(cf_error(5006, f"AiError: Bad input: 'Bearer {TOKEN}' is not valid"), 400),
        "bad_input",
        "",
    ),
    "openai-401": (
        "openai",
        "/chat/completions",
        Reply.json(openai_error("openai", 401, f"Invalid API key: {OPENAI_KEY}"), 401),
        "bad_token",
        "",
    ),
    "openai-inband": (
        "openai",
        "/chat/completions",
        Reply(
            body=[
                *split_events(openai_stream(["Hi"], include_usage=False, done=False))[:2],
                inband_error(f"key {OPENAI_KEY} revoked mid-stream"),
            ]
        ),
        "server_error",
        "Hi",
    ),
}


@pytest.mark.parametrize("case", ECHOES)
def test_token_echoed_by_the_server_is_redacted(server: LoopbackServer, case: str) -> None:
    dialect, suffix, reply, category, partial = ECHOES[case]
    server.queue("POST", suffix, reply)
    args = workers_args(server) if dialect == "workers-ai" else openai_args(server)

    run = ask(*args, "--retries", "0", "Hi")  # ask() itself asserts no token in the output

    assert run.code == EXIT_BY_CATEGORY[category]
    line = assert_one_plain_line(run, category)
    assert "••••" in line
    assert run.stdout == (partial + "\n" if partial else "")
