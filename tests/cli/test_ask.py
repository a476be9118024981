"""`llamadesk ask` as a subprocess against the loopback server: payloads, output, streaming, Ctrl-C."""

from __future__ import annotations

import hashlib
import json
import signal
from collections.abc import Iterator
from typing import Any

import pytest

from tests.cli.runner import (
    ACCOUNT,
    DEFAULT_TEXT,
    GATEWAY_TOKEN,
    MODEL,
    NATIVE_PATH,
    OPENAI_KEY,
    RUN_TIMEOUT_S,
    TOKEN,
    ask,
    assert_no_secrets,
    cli_env,
    openai_args,
    read_until,
    start_ask,
    workers_args,
)
from tests.loopback import LoopbackServer, Reply, split_events, workers_ai_stream

RAW_PROMPT = (
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\n\n"
)


@pytest.fixture
def server(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    yield loopback
    assert loopback.errors == []


def only_request(server: LoopbackServer) -> Any:
    assert len(server.requests) == 1, [r.path for r in server.requests]
    return server.requests[0]


# -- Workers AI native ----------------------------------------------------------------


def test_workers_ai_streams_the_reply_with_explicit_max_tokens(server: LoopbackServer) -> None:
    run = ask(*workers_args(server, "--system", "Be brief."), "Hi there")

    assert (run.code, run.stdout, run.stderr) == (0, DEFAULT_TEXT + "\n", "")
    request = only_request(server)
    assert (request.method, request.url_path) == ("POST", NATIVE_PATH)
    assert request.header("authorization") == f"Bearer {TOKEN}"
    assert request.header("accept") == "text/event-stream"
    assert request.json() == {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hi there"},
        ],
        "max_tokens": 1024,  # Workers AI would cut at 256 without it
        "stream": True,
    }


@pytest.mark.parametrize(
    ("flag", "prompt", "expected"),
    [
        ("--unscoped", "Hi there", {"prompt": "Hi there"}),
        ("--raw", RAW_PROMPT, {"prompt": RAW_PROMPT, "raw": True}),
    ],
)
def test_workers_ai_prompt_shapes(
    server: LoopbackServer, flag: str, prompt: str, expected: dict[str, Any]
) -> None:
    run = ask(*workers_args(server, flag), prompt)

    assert (run.code, run.stdout) == (0, DEFAULT_TEXT + "\n")
    assert only_request(server).json() == {**expected, "max_tokens": 1024, "stream": True}


def test_workers_ai_no_stream_reads_the_envelope(server: LoopbackServer) -> None:
    # The account id may also come from the conventional environment variable.
    env = cli_env(CLOUDFLARE_ACCOUNT_ID=ACCOUNT)
    run = ask("--base-url", f"{server.url}/client/v4", "--no-stream", "Hi", env=env)

    assert (run.code, run.stdout, run.stderr) == (0, DEFAULT_TEXT + "\n", "")
    request = only_request(server)
    assert request.url_path == NATIVE_PATH
    assert request.header("accept") == "application/json"
    assert request.json()["stream"] is False


SAMPLING_FLAGS = [
    "--max-tokens=100",
    "--temperature=0.25",
    "--top-p=0.9",
    "--top-k=40",
    "--seed=9999999999",
    "--repetition-penalty=1.1",
    "--frequency-penalty=0",
    "--presence-penalty=2",
]
SAMPLING_PAYLOAD = {
    "max_tokens": 100,
    "temperature": 0.25,
    "top_p": 0.9,
    "top_k": 40,
    "seed": 9_999_999_999,
    "repetition_penalty": 1.1,
    "frequency_penalty": 0.0,
    "presence_penalty": 2.0,
}


@pytest.mark.parametrize("dialect", ["workers-ai", "openai"])
def test_every_sampling_option_reaches_the_payload(server: LoopbackServer, dialect: str) -> None:
    args = workers_args(server) if dialect == "workers-ai" else openai_args(server)
    run = ask(*args, *SAMPLING_FLAGS, "Hi")

    assert run.code == 0, run.stderr
    body = server.requests[-1].json()
    assert {k: body[k] for k in SAMPLING_PAYLOAD} == SAMPLING_PAYLOAD
    assert all(type(body[k]) is int for k in ("max_tokens", "top_k", "seed"))


def test_workers_ai_through_ai_gateway(server: LoopbackServer) -> None:
    env = cli_env(CLOUDFLARE_GATEWAY_TOKEN=GATEWAY_TOKEN)
    args = ["--base-url", f"{server.url}/v1", "--account-id", ACCOUNT, "--gateway-id", "gw-1"]
    run = ask(*args, "Hi", env=env)

    assert (run.code, run.stdout) == (0, DEFAULT_TEXT + "\n")
    request = only_request(server)
    assert request.url_path == f"/v1/{ACCOUNT}/gw-1/workers-ai/{MODEL}"
    assert request.header("authorization") == f"Bearer {TOKEN}"
    assert request.header("cf-aig-authorization") == f"Bearer {GATEWAY_TOKEN}"


# -- OpenAI-compatible ----------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "/v1", "/v1/"], ids=["bare", "v1", "v1-slash"])
def test_openai_discovers_the_model_and_asks_for_usage(server: LoopbackServer, suffix: str) -> None:
    run = ask(*openai_args(server, suffix=suffix), "Hi")

    assert (run.code, run.stdout, run.stderr) == (0, DEFAULT_TEXT + "\n", "")
    models, chat = server.requests
    assert (models.method, models.url_path) == ("GET", "/v1/models")
    assert (chat.method, chat.url_path) == ("POST", "/v1/chat/completions")
    assert {models.header("authorization"), chat.header("authorization")} == {
        f"Bearer {OPENAI_KEY}"
    }
    assert chat.json() == {
        "model": "tiny-llama",
        "messages": [{"role": "user", "content": "Hi"}],
        "max_tokens": 1024,
        "stream": True,
        "stream_options": {"include_usage": True},
    }


def test_openai_json_summary(server: LoopbackServer) -> None:
    run = ask(*openai_args(server, "--json"), "Hi")

    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.count("\n") == 1
    summary = json.loads(run.stdout)
    assert summary["response"] == DEFAULT_TEXT
    assert summary["finish_reason"] == "stop"
    usage = summary["usage"]
    assert usage["completion_tokens"] == 4
    assert usage["total_tokens"] == usage["prompt_tokens"] + 4 > 4
    assert isinstance(summary["ttft_ms"], float) and summary["ttft_ms"] >= 0
    assert isinstance(summary["tokens_per_s"], float) and summary["tokens_per_s"] > 0
    assert (summary["model"], summary["backend"], summary["error"]) == (
        "tiny-llama",
        "openai",
        None,
    )
    [chat] = [r for r in server.requests if r.url_path.endswith("/chat/completions")]
    assert summary["request_sha256"] == hashlib.sha256(chat.body).hexdigest()
    assert summary["request_id"] is None  # the loopback server sends none by default


def test_reply_cut_by_max_tokens_says_so_and_succeeds(server: LoopbackServer) -> None:
    run = ask(*openai_args(server, "--max-tokens", "2"), "Hi")

    assert (run.code, run.stdout) == (0, "Hello,\n")
    assert run.stderr_lines == [
        "llamadesk ask: the reply stopped at the max_tokens limit; "
        "raise --max-tokens for a longer one."
    ]
    assert server.requests[-1].json()["max_tokens"] == 2


# -- streaming and Ctrl-C -----------------------------------------------------------------


def stalled_native_reply(server: LoopbackServer) -> None:
    """The server sends "Hello" and "," then holds the stream open until released."""
    body = split_events(workers_ai_stream(["Hello", ",", " world", "!"]))
    server.queue("POST", NATIVE_PATH, Reply(body=body, stall_after=2))


def test_text_is_printed_while_the_reply_is_still_streaming(server: LoopbackServer) -> None:
    stalled_native_reply(server)
    with start_ask(*workers_args(server), "Hi") as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = read_until(proc.stdout, b"Hello,")
        # The server is still holding the reply open: the text arrived before its end.
        assert server.requests[0].outcome == "pending"
        server.close()  # release the stall: the stream ends without [DONE]
        rest, err = proc.communicate(timeout=RUN_TIMEOUT_S)

    assert server.requests[0].wait_settled() == "released"
    assert (first + rest).decode() == "Hello,\n"
    assert proc.returncode == 9, err
    assert "ended before the reply was complete" in err.decode()


def test_ctrl_c_keeps_the_partial_text_and_closes_the_stream(server: LoopbackServer) -> None:
    stalled_native_reply(server)
    with start_ask(*workers_args(server), "Hi") as proc:
        assert proc.stdout is not None
        first = read_until(proc.stdout, b"Hello,")
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=RUN_TIMEOUT_S)

    assert proc.returncode == 130
    assert (first + rest).decode() == "Hello,"
    assert err.decode().strip().splitlines() == ["Stopped."]
    assert_no_secrets(err.decode())
    assert server.requests[0].wait_settled() == "client_gone"


# -- refused before anything is sent --------------------------------------------------------

OUT_OF_RANGE = [
    ("--max-tokens=0", "max_tokens", "a whole number from 1 to 32000"),
    ("--max-tokens=32001", "max_tokens", "a whole number from 1 to 32000"),
    ("--temperature=5.5", "temperature", "a number from 0 to 5"),
    ("--top-p=-0.1", "top_p", "a number from 0 to 2"),
    ("--top-k=51", "top_k", "a whole number from 1 to 50"),
    ("--top-k=2.5", "top_k", "a whole number from 1 to 50"),
    ("--seed=0", "seed", "a whole number from 1 to 9999999999"),
    ("--repetition-penalty=2.01", "repetition_penalty", "a number from 0 to 2"),
    ("--frequency-penalty=nan", "frequency_penalty", "a number from 0 to 2"),
    ("--presence-penalty=inf", "presence_penalty", "a number from 0 to 2"),
]
NOT_NUMBERS = [
    ("--max-tokens=lots", "max_tokens", "a whole number from 1 to 32000"),
    ("--temperature=warm", "temperature", "a number from 0 to 5"),
    ("--top-p=0.9x", "top_p", "a number from 0 to 2"),
    ("--top-k=ten", "top_k", "a whole number from 1 to 50"),
    ("--seed=", "seed", "a whole number from 1 to 9999999999"),
    ("--repetition-penalty=1,1", "repetition_penalty", "a number from 0 to 2"),
    ("--frequency-penalty=high", "frequency_penalty", "a number from 0 to 2"),
    ("--presence-penalty=0x1", "presence_penalty", "a number from 0 to 2"),
]


@pytest.mark.parametrize(
    ("flag", "name", "allowed"), OUT_OF_RANGE + NOT_NUMBERS, ids=lambda v: str(v)
)
def test_invalid_parameter_is_refused_before_any_request(
    server: LoopbackServer, flag: str, name: str, allowed: str
) -> None:
    run = ask(*workers_args(server, flag), "Hi")

    assert (run.code, run.stdout) == (2, "")
    last = run.stderr_lines[-1]
    assert last.startswith("llamadesk ask: ")
    assert f"{name} must be {allowed}" in last
    assert "Traceback" not in run.stderr
    assert server.requests == []


def test_missing_account_id_is_refused_before_any_request(server: LoopbackServer) -> None:
    run = ask("--base-url", f"{server.url}/client/v4", "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr_lines == [
        "llamadesk ask: No Cloudflare account ID: pass --account-id or set "
        "CLOUDFLARE_ACCOUNT_ID (it is shown in the Cloudflare dashboard under Workers AI, "
        "“Use REST API”)."
    ]
    assert server.requests == []


def test_missing_token_is_refused_before_any_request(server: LoopbackServer) -> None:
    run = ask(*workers_args(server), "Hi", env=cli_env(without=("CLOUDFLARE_API_TOKEN",)))

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr_lines == [
        f"llamadesk ask: No API token for Cloudflare account {ACCOUNT}: set "
        "CLOUDFLARE_API_TOKEN (this system has no OS keyring to save it in)."
    ]
    assert server.requests == []
