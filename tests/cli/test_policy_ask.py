"""`llamadesk ask` under the machine's policy, as a subprocess against the loopback server:
its endpoints, tokens, parameter values and locks; refusals send nothing and name whom to ask."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.policy_runner import (
    CONTACT,
    CONTACT_SENTENCE,
    OTHER_MODEL,
    policy_data,
    run_with_policy,
    write_policy,
)
from tests.cli.runner import ACCOUNT, DEFAULT_TEXT, MODEL, NATIVE_PATH, TOKEN, cli_env
from tests.loopback import LoopbackServer, Reply, cf_error


@pytest.fixture
def server(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    yield loopback
    assert loopback.errors == []


def only_request(server: LoopbackServer) -> Any:
    assert len(server.requests) == 1, [r.path for r in server.requests]
    return server.requests[0]


def ask(policy: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return run_with_policy(policy, "ask", *args, env=env)


def test_the_policys_first_endpoint_its_token_and_its_values_are_used(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "Hi there")

    assert (run.code, run.stdout, run.stderr) == (0, DEFAULT_TEXT + "\n", "")
    request = only_request(server)
    assert request.url_path == NATIVE_PATH
    assert request.header("authorization") == f"Bearer {TOKEN}"  # token.from user: $CLOUDFLARE_…
    assert request.json() == {
        "messages": [{"role": "user", "content": "Hi there"}],
        "max_tokens": 512,
        "temperature": 0.2,
        "stream": True,
    }


def test_endpoint_picks_another_by_name_whatever_its_case(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "--endpoint", "local server", "Hi")

    assert (run.code, run.stdout) == (0, DEFAULT_TEXT + "\n"), run.stderr
    request = only_request(server)
    assert request.url_path == "/v1/chat/completions"
    assert request.header("authorization") is None  # token.from none, though $OPENAI_API_KEY is set
    assert request.json()["model"] == "tiny-llama"


def test_an_unknown_endpoint_name_lists_the_policys(server: LoopbackServer, tmp_path: Path) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "--endpoint", "Nope", "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == (
        f"llamadesk ask: your organization's policy ({policy}) has no endpoint called “Nope”; "
        f"its endpoints are “ACME Llama”, “Local Server”. {CONTACT_SENTENCE}\n"
    )
    assert server.requests == []


def test_a_token_from_the_policys_file_reaches_the_server(
    server: LoopbackServer, tmp_path: Path
) -> None:
    token_file = tmp_path / "acme.token"
    token_file.write_text(f"\n  {TOKEN}  \n", encoding="utf-8")
    data = policy_data(server)
    data["endpoints"][0]["token"] = {"from": "file", "path": str(token_file)}
    policy = write_policy(tmp_path, data)

    # No token in the environment: the file is where it comes from.
    run = ask(policy, "Hi", env=cli_env(without=("CLOUDFLARE_API_TOKEN",)))

    assert (run.code, run.stdout, run.stderr) == (0, DEFAULT_TEXT + "\n", "")
    assert only_request(server).header("authorization") == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: None, "there is no such file"),
        (lambda p: p.write_text("   \n", encoding="utf-8"), "it is empty"),
        (lambda p: p.write_bytes(b"x" * 20_000), "it is too large"),
        (lambda p: p.mkdir(), "it is a folder, not a file"),
        (lambda p: os.mkfifo(p), "it is a pipe, not a file"),
    ],
)
def test_a_token_file_that_cannot_be_used_is_said_and_nothing_is_sent(
    server: LoopbackServer, tmp_path: Path, make: Any, reason: str
) -> None:
    token_file = tmp_path / "acme.token"
    make(token_file)
    data = policy_data(server)
    data["endpoints"][0]["token"] = {"from": "file", "path": str(token_file)}
    policy = write_policy(tmp_path, data)

    run = ask(policy, "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith(
        f"llamadesk ask: The token file {token_file} could not be used: {reason}"
    )
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
    assert server.requests == []


def test_a_locked_parameter_on_the_command_line_is_refused_and_nothing_sent(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "--temperature", "1.0", "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == (
        f"llamadesk ask: --temperature 1.0 is refused: your organization's policy ({policy}) "
        f"locks temperature at 0.2. Leave --temperature out. {CONTACT_SENTENCE}\n"
    )
    assert server.requests == []


def test_the_locked_value_itself_may_be_spelled_out(server: LoopbackServer, tmp_path: Path) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "--temperature", "0.2", "Hi")

    assert run.code == 0, run.stderr
    assert only_request(server).json()["temperature"] == 0.2


def test_an_unlocked_parameter_may_be_overridden(server: LoopbackServer, tmp_path: Path) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "--max-tokens", "100", "--top-k", "5", "Hi")

    assert run.code == 0, run.stderr
    body = only_request(server).json()
    assert (body["max_tokens"], body["top_k"], body["temperature"]) == (100, 5, 0.2)


@pytest.mark.parametrize(
    "options",
    [
        ["--backend", "openai"],
        ["--base-url", "http://127.0.0.1:9/v1"],
        ["--account-id", "someone-else"],
        ["--gateway-id", "my-gateway"],
        ["--model", OTHER_MODEL],
        ["--endpoint", "ACME Llama", "--model", OTHER_MODEL],
    ],
)
def test_an_endpoint_of_ones_own_is_refused_and_nothing_sent(
    server: LoopbackServer, tmp_path: Path, options: list[str]
) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, *options, "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert f"your organization's policy ({policy})" in run.stderr
    assert options[-2] in run.stderr  # the refused option is named
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
    assert len(run.stderr.splitlines()) == 1
    assert server.requests == []


def test_the_policy_endpoints_own_model_may_be_spelled_out(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "--model", MODEL, "Hi")

    assert run.code == 0, run.stderr
    assert only_request(server).url_path == NATIVE_PATH


def test_with_user_endpoints_allowed_ones_own_is_used_under_the_policys_values(
    server: LoopbackServer, tmp_path: Path
) -> None:
    data = policy_data(server, allow_user_endpoints=True)
    data["endpoints"] = data["endpoints"][:1]
    policy = write_policy(tmp_path, data)

    run = ask(policy, "--backend", "openai", "--base-url", f"{server.url}/v1", "Hi")

    assert run.code == 0, run.stderr
    chat = [r for r in server.requests if r.url_path == "/v1/chat/completions"]
    assert len(chat) == 1
    assert (chat[0].json()["temperature"], chat[0].json()["max_tokens"]) == (0.2, 512)
    # --model alone changes the policy endpoint's model when users may choose their own.
    run = ask(policy, "--model", OTHER_MODEL, "Hi")
    assert run.code == 0, run.stderr
    assert server.requests[-1].url_path == f"/client/v4/accounts/{ACCOUNT}/ai/run/{OTHER_MODEL}"


@pytest.mark.parametrize(
    ("options", "refused"),
    [(["--system", "Talk like a pirate."], "--system"), (["--raw"], "--raw")],
)
def test_locked_prompts_refuse_a_system_prompt_of_ones_own(
    server: LoopbackServer, tmp_path: Path, options: list[str], refused: str
) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, *options, "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith(f"llamadesk ask: {refused} is refused: your organization's")
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
    assert server.requests == []


def test_locked_prompts_allow_the_policys_own_system_prompt(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server))

    run = ask(policy, "--system", "Answer in one sentence.", "Hi")

    assert run.code == 0, run.stderr
    assert only_request(server).json()["messages"][0] == {
        "role": "system",
        "content": "Answer in one sentence.",
    }


@pytest.mark.parametrize(
    ("content", "mode", "where"),
    [
        (
            lambda d: {**d, "params": {"temperature": {"value": 7}}},
            0o644,
            "(line 26, at params › temperature › value)",
        ),
        (lambda d: "{ not json", 0o644, "(line 1)"),
        (lambda d: d, 0o666, "it is group- or world-writable"),
    ],
)
def test_a_policy_that_cannot_be_used_stops_ask_and_sends_nothing(
    server: LoopbackServer, tmp_path: Path, content: Any, mode: int, where: str
) -> None:
    policy = write_policy(tmp_path, content(policy_data(server)), mode)

    run = ask(policy, "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith(
        f"llamadesk ask: The settings your organization manages for LlamaDesk ({policy}) "
        "cannot be used"
    )
    assert where in run.stderr
    assert "Traceback" not in run.stderr
    assert server.requests == []


def test_the_support_contact_ends_an_endpoint_failure(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server))
    server.queue("POST", "/ai/run/" + MODEL, Reply.json(cf_error(10000, "Authentication"), 401))

    run = ask(policy, "Hi")

    assert run.code == 3
    assert run.stderr.startswith("llamadesk ask: ")
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
    assert CONTACT in run.stderr.splitlines()[-1]


def test_without_a_policy_file_ask_is_as_it_was(server: LoopbackServer, tmp_path: Path) -> None:
    missing = tmp_path / "policy.json"  # the machine has none

    run = ask(
        missing,
        "--base-url",
        f"{server.url}/client/v4",
        "--account-id",
        ACCOUNT,
        "--temperature",
        "1.5",
        "Hi",
    )

    assert (run.code, run.stderr) == (0, "")
    assert only_request(server).json()["temperature"] == 1.5


REPLY_PROMPT = {
    "name": "Write a customer reply",
    "system": "Reply to {{customer_name}} on {{weekday}}.",
    "variables": [{"name": "customer_name", "label": "Customer's name"}],
}


def test_a_policy_prompt_is_used_by_name_with_its_variables_filled_in(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server, prompts=[REPLY_PROMPT]))

    run = ask(policy, "--prompt", "write a CUSTOMER reply", "--var", "customer_name=Ada", "Hi")

    assert run.code == 0, run.stderr
    system = only_request(server).json()["messages"][0]
    assert system["role"] == "system"
    assert system["content"].startswith("Reply to Ada on ") and "{{" not in system["content"]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--prompt", "Write a customer reply"], "needs a value for {{customer_name}}"),
        (["--prompt", "Nope"], "has no prompt called “Nope”; its prompts are “Write a customer"),
        (["--prompt", "Write a customer reply", "--var", "oops"], "--var 'oops' is not NAME="),
        (["--var", "customer_name=Ada"], "--var fills in the variables of --prompt NAME"),
    ],
)
def test_a_policy_prompt_that_cannot_be_filled_in_is_refused(
    server: LoopbackServer, tmp_path: Path, options: list[str], words: str
) -> None:
    policy = write_policy(tmp_path, policy_data(server, prompts=[REPLY_PROMPT]))

    run = ask(policy, *options, "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert words in run.stderr
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
    assert server.requests == []


def test_endpoint_and_an_own_endpoint_option_do_not_mix(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, policy_data(server, allow_user_endpoints=True))

    run = ask(policy, "--endpoint", "Local Server", "--base-url", f"{server.url}/v1", "Hi")

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == (
        "llamadesk ask: --endpoint picks an endpoint your organization set up, so it cannot be "
        "combined with --base-url. Leave those out, or leave out --endpoint to use an endpoint "
        f"of your own. {CONTACT_SENTENCE}\n"
    )
    assert server.requests == []
