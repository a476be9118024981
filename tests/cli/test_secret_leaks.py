"""A server that echoes the token everywhere: no part of it reaches stdout, stderr or `--json`.

The token comes back as the model id, inside an error body where the 300-character cut falls
in its middle, and inside reply text split across two deltas at every offset. URL credentials
are refused before anything is sent and never repeated.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator

import pytest

from app.cli import ask as ask_cmd
from app.core.secrets import MASK
from tests.cli.runner import (
    GATEWAY_TOKEN,
    OPENAI_KEY,
    TOKEN,
    ask,
    cli_env,
    openai_args,
    workers_args,
)
from tests.loopback import (
    LoopbackServer,
    Reply,
    cf_error,
    openai_error,
    openai_stream,
    split_events,
    workers_ai_stream,
)

NATIVE = "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8"


@pytest.fixture
def server(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    yield loopback
    assert loopback.errors == []


def pieces_of(secret: str) -> list[str]:
    """Every part of the secret long enough to identify it (6 characters and more)."""
    return [secret[i:j] for i in range(len(secret)) for j in range(i + 6, len(secret) + 1)]


def assert_nothing_of(secret: str, text: str) -> None:
    for piece in pieces_of(secret):
        assert piece not in text, f"{piece!r} of the token reached the output"


def ask_here(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """`ask` in this process (the same code as the command, minus process start-up)."""
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    out, err = io.StringIO(), io.StringIO()
    code = ask_cmd.main([*args, "--retries", "0", "Hi"], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def two_deltas(text: str, cut: int, dialect: str) -> Reply:
    tokens = [text[:cut], text[cut:]]
    if dialect == "openai":
        return Reply(body=split_events(openai_stream(tokens)))
    return Reply(body=split_events(workers_ai_stream(tokens)))


@pytest.mark.parametrize("dialect", ["workers-ai", "openai"])
def test_a_token_in_the_reply_split_at_every_offset(
    server: LoopbackServer, dialect: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = TOKEN if dialect == "workers-ai" else OPENAI_KEY
    text = f"Your key is {secret}, keep it."
    suffix = NATIVE if dialect == "workers-ai" else "/chat/completions"
    args = workers_args(server) if dialect == "workers-ai" else openai_args(server, "--model", "m")
    for cut in range(len(text) + 1):
        for json_mode in ([], ["--json"]):
            server.queue("POST", suffix, two_deltas(text, cut, dialect))
            code, out, err = ask_here([*args, *json_mode], monkeypatch)
            assert code == 0, err
            assert_nothing_of(secret, out + err)
            shown = json.loads(out)["response"] if json_mode else out
            assert shown.rstrip("\n") == f"Your key is {MASK}, keep it."


@pytest.mark.parametrize("offset", [270, 285, 290, 295, 297, 299, 300, 305])
@pytest.mark.parametrize("dialect", ["workers-ai", "openai"])
def test_a_token_straddling_the_cut_of_an_error_message(
    server: LoopbackServer, dialect: str, offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = TOKEN if dialect == "workers-ai" else OPENAI_KEY
    words = ("bad input " * 40)[: offset - 1] + " "
    if dialect == "workers-ai":
        reply = Reply.json(cf_error(5006, f"AiError: {words}{secret} was sent"), 400)
        suffix, args = NATIVE, workers_args(server)
    else:
        reply = Reply.json(openai_error("openai", 400, f"{words}{secret} was sent"), 400)
        suffix, args = "/chat/completions", openai_args(server, "--model", "m")
    for json_mode in ([], ["--json"]):
        server.queue("POST", suffix, reply)
        code, out, err = ask_here([*args, *json_mode], monkeypatch)
        assert code == 6, err
        assert_nothing_of(secret, out + err)
        message = json.loads(out)["error"]["message"] if json_mode else err
        assert "The server refused the request" in message


def test_a_token_listed_as_the_model_id(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.model_ids = [f"model-{OPENAI_KEY}"]
    code, out, err = ask_here([*openai_args(server), "--json"], monkeypatch)
    assert code == 0, err
    assert_nothing_of(OPENAI_KEY, out + err)
    assert json.loads(out)["model"] == f"model-{MASK}"
    # The server still gets the id it listed: only what is shown is masked.
    assert server.requests[-1].json()["model"] == f"model-{OPENAI_KEY}"
    # The hash names the bytes the server got, not the masked copy kept of them.
    sent = server.requests[-1].body
    assert json.loads(out)["request_sha256"] == hashlib.sha256(sent).hexdigest()


def test_a_token_as_the_model_id_in_an_error_message(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.model_ids = [f"model-{OPENAI_KEY}"]
    gone = openai_error("openai", 404, "The model does not exist.")
    server.queue("POST", "/chat/completions", Reply.json(gone, 404))
    code, out, err = ask_here([*openai_args(server)], monkeypatch)
    assert code == 4, err
    assert_nothing_of(OPENAI_KEY, out + err)
    assert f"does not serve “model-{MASK}”" in err


def test_the_gateway_token_echoed_back_is_masked_too(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDFLARE_GATEWAY_TOKEN", GATEWAY_TOKEN)
    text = f"gateway says {GATEWAY_TOKEN} and {TOKEN}"
    server.queue(
        "POST", "/workers-ai/@cf/meta/llama-3.1-8b-instruct-fp8", two_deltas(text, 20, "w")
    )
    args = ["--base-url", server.url, "--account-id", "acc", "--gateway-id", "gw"]
    code, out, err = ask_here(args, monkeypatch)
    assert code == 0, err
    assert out == f"gateway says {MASK} and {MASK}\n"


def test_every_position_at_once_through_the_real_command(server: LoopbackServer) -> None:
    """One subprocess run: model id, reply text split mid-token, then an in-band error that
    quotes it again after 290 characters; stdout, stderr and --json all grepped."""
    server.model_ids = [f"m-{OPENAI_KEY}"]
    text = f"Here: {OPENAI_KEY}."
    for json_mode in ([], ["--json"]):
        tokens = [text[:10], text[10:20], text[20:]]  # the answer names the model too
        events = split_events(openai_stream(tokens, model=f"m-{OPENAI_KEY}", done=False))
        error = openai_error("openai", 500, ("word " * 58) + OPENAI_KEY)
        inband = b"data: " + error + b"\n\n"
        server.queue("POST", "/chat/completions", Reply(body=[*events[:-2], inband]))
        run = ask(*openai_args(server), *json_mode, "Hi")  # ask() greps for whole tokens
        assert run.code == 7, run.stderr
        assert_nothing_of(OPENAI_KEY, run.stdout + run.stderr)
        assert "Traceback" not in run.stderr
        if json_mode:
            summary = json.loads(run.stdout)
            assert summary["model"] == f"m-{MASK}" and summary["response"] == f"Here: {MASK}."
        else:
            assert run.stdout == f"Here: {MASK}.\n"


# -- credentials in the URL -----------------------------------------------------------------

PASSWORD = "pw-Zq8xK2mN4"


@pytest.mark.parametrize("dialect", ["workers-ai", "openai"])
def test_credentials_in_the_base_url_are_refused_and_never_shown(
    server: LoopbackServer, dialect: str
) -> None:
    url = f"http://admin:{PASSWORD}@127.0.0.1:{server.port}"
    if dialect == "workers-ai":
        args = ["--base-url", f"{url}/client/v4", "--account-id", "acc"]
    else:
        args = ["--backend", "openai", "--base-url", f"{url}/v1"]
    for json_mode in ([], ["--json"]):
        run = ask(*args, *json_mode, "Hi")
        assert (run.code, run.stdout) == (2, "")
        assert len(run.stderr_lines) == 1, run.stderr
        assert "user name or password" in run.stderr and "API token" in run.stderr
        assert PASSWORD not in run.stderr and "admin" not in run.stderr
    assert server.requests == []  # and so never sent as Basic auth either


def test_token_command_refuses_credentials_in_the_url_too() -> None:
    from tests.cli.runner import run_app

    run = run_app(
        "token", "status", "--backend", "openai", "--base-url", f"http://u:{PASSWORD}@h:1/v1"
    )
    assert run.code == 2 and PASSWORD not in run.stderr
    assert "user name or password" in run.stderr


def test_a_url_with_credentials_in_the_environment_is_not_an_escape_hatch() -> None:
    run = ask(
        "--backend",
        "openai",
        "--base-url",
        f"http://:{PASSWORD}@127.0.0.1:1/v1",
        "Hi",
        env=cli_env(),
    )
    assert run.code == 2 and PASSWORD not in run.stderr
