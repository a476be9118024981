"""`llamadesk eval` obeys the machine's policy as `ask` does, and so must the test-set file:
its endpoint and locked parameters are refused (exit 2, nothing sent), naming file and policy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.eval_runner import set_file
from tests.cli.policy_runner import (
    CONTACT_SENTENCE,
    policy_data,
    run_with_policy,
    write_policy,
)
from tests.cli.runner import NATIVE_PATH, TOKEN, Run
from tests.loopback import LoopbackServer, Reply, openai_error

CASE = 'tests:\n  - {input: "Hi", assert: [{type: contains, value: Hello}]}\n'
PLAIN = 'prompts:\n  - {id: plain, system: ""}\n'


@pytest.fixture
def server(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    yield loopback
    assert loopback.errors == []


def local_first(server: LoopbackServer, **changes: Any) -> dict[str, Any]:
    """The example policy with its local server first (eval paces Workers AI; no need here)."""
    data = policy_data(server, **changes)
    data["endpoints"] = data["endpoints"][::-1]
    return data


def chat_bodies(server: LoopbackServer) -> list[Any]:
    return [r.json() for r in server.requests if r.url_path == "/v1/chat/completions"]


def run_eval(policy: Path, *args: str | Path) -> Run:
    return run_with_policy(policy, "eval", *args)


def test_eval_uses_the_policys_first_endpoint_and_values_beneath_the_files(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, local_first(server))
    file = set_file(
        tmp_path,
        "prompts:\n"
        '  - {id: plain, system: ""}\n'
        '  - {id: short, system: "", params: {max_tokens: 40}}\n' + CASE,
    )

    run = run_eval(policy, file)

    assert run.code == 0, run.stderr
    bodies = sorted(chat_bodies(server), key=lambda b: b["max_tokens"])
    assert [(b["model"], b["max_tokens"], b["temperature"]) for b in bodies] == [
        ("tiny-llama", 40, 0.2),  # the file's own value wins over the policy's unlocked one
        ("tiny-llama", 512, 0.2),
    ]


def test_endpoint_picks_a_policy_endpoint_and_its_token(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, local_first(server))

    out = tmp_path / "results.json"
    file = set_file(tmp_path, PLAIN + CASE)

    run = run_eval(policy, file, "--endpoint", "acme llama", "--json", out)

    assert run.code == 0, run.stderr
    [request] = server.requests
    assert request.url_path == NATIVE_PATH
    assert request.header("authorization") == f"Bearer {TOKEN}"
    endpoint = json.loads(out.read_text(encoding="utf-8"))["summary"]["endpoint"]
    assert (endpoint["name"], endpoint["backend"]) == ("ACME Llama", "workers-ai")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("params: {temperature: 1.0}\n" + PLAIN + CASE, "params sets temperature to 1.0"),
        (
            'prompts:\n  - {id: hot, system: "", params: {temperature: 0.9}}\n' + CASE,
            "prompts[0].params (prompt “hot”) sets temperature to 0.9",
        ),
    ],
)
def test_a_locked_parameter_in_the_file_is_refused_naming_file_and_policy(
    server: LoopbackServer, tmp_path: Path, text: str, where: str
) -> None:
    policy = write_policy(tmp_path, local_first(server))
    file = set_file(tmp_path, text)

    run = run_eval(policy, file)

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == (
        f"llamadesk eval: {file}: {where}, but your organization's policy ({policy}) locks it "
        f"at 0.2. Remove temperature from the file. {CONTACT_SENTENCE}\n"
    )
    assert server.requests == []


def test_the_files_own_endpoint_is_refused_when_users_may_not_choose(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, local_first(server))
    file = set_file(
        tmp_path, f'endpoint: {{backend: openai, base_url: "{server.url}/v1"}}\n' + PLAIN + CASE
    )

    run = run_eval(policy, file)

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith(
        f"llamadesk eval: {file} names an endpoint of its own, but your organization's policy "
        f"({policy}) allows only the endpoints it sets up (“Local Server”, “ACME Llama”)."
    )
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
    assert server.requests == []


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--backend", "openai", "--base-url", "http://127.0.0.1:9/v1"], "--backend, --base-url"),
        (["--temperature", "1.0"], "--temperature 1.0 is refused"),
    ],
)
def test_refused_options_send_nothing(
    server: LoopbackServer, tmp_path: Path, options: list[str], named: str
) -> None:
    policy = write_policy(tmp_path, local_first(server))

    run = run_eval(policy, set_file(tmp_path, PLAIN + CASE), *options)

    assert (run.code, run.stdout) == (2, "")
    assert named in run.stderr and f"({policy})" in run.stderr
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
    assert server.requests == []


def test_locked_prompts_refuse_the_files_own_but_take_the_policys(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, local_first(server))
    own = set_file(tmp_path, 'prompts:\n  - {id: pirate, system: "Talk like a pirate."}\n' + CASE)

    run = run_eval(policy, own)

    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith(
        f"llamadesk eval: {own}: prompt “pirate” has a system prompt of its own, but your "
        f"organization's policy ({policy}) lets only its own prompts be used."
    )
    assert server.requests == []

    theirs = set_file(
        tmp_path, 'prompts:\n  - {id: brief, system: "Answer in one sentence."}\n' + CASE
    )
    run = run_eval(policy, theirs)
    assert run.code == 0, run.stderr
    [body] = chat_bodies(server)
    assert body["messages"][0] == {"role": "system", "content": "Answer in one sentence."}


def test_an_unusable_policy_stops_eval(server: LoopbackServer, tmp_path: Path) -> None:
    policy = write_policy(tmp_path, {**local_first(server), "lock_prompts": "yes"})

    run = run_eval(policy, set_file(tmp_path, PLAIN + CASE))

    assert (run.code, run.stdout) == (2, "")
    assert "cannot be used (line " in run.stderr and "at lock_prompts)" in run.stderr
    assert server.requests == []


def test_the_support_contact_ends_an_endpoint_failure(
    server: LoopbackServer, tmp_path: Path
) -> None:
    policy = write_policy(tmp_path, local_first(server))
    server.queue(
        "POST", "/chat/completions", Reply.json(openai_error("openai", 401, "Bad key"), 401)
    )

    run = run_eval(policy, set_file(tmp_path, PLAIN + CASE))

    assert run.code == 3, run.stderr
    assert run.stderr.endswith(f"{CONTACT_SENTENCE}\n")
