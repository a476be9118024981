"""`llamadesk eval` as a subprocess against the loopback server: exit codes, output, hashes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import yaml

from tests.cli.eval_runner import (
    SCHEMA_PATH,
    chat_requests,
    local_set,
    read_json,
    run_eval,
    set_file,
)
from tests.cli.runner import (
    ACCOUNT,
    NATIVE_PATH,
    ROOT,
    RUN_TIMEOUT_S,
    SECRETS,
    TOKEN,
    cli_env,
    command,
    workers_args,
)
from tests.loopback import (
    LoopbackServer,
    RecordedRequest,
    Reply,
    default_reply,
    openai_stream,
    split_events,
)

RESULT_FIELDS = {
    "test",
    "prompt",
    "repeat",
    "response",
    "finish_reason",
    "usage",
    "ttft_ms",
    "error",
    "assertions",
    "seed",
    "request_sha256",
}


def test_every_check_passing_exits_0_with_a_table_per_prompt(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    run = run_eval(local_set(loopback, tmp_path, repeat=2))

    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split() == [
        "prompt",
        "passed",
        "pass",
        "rate",
        "mean",
        "latency",
        "distinct",
        "errors",
    ]
    assert lines[1].split()[:3] == ["terse", "4/4", "100%"]
    assert lines[2].split()[:3] == ["plain", "4/4", "100%"]
    assert "8 of 8 requests passed every check." in run.stdout
    assert len(chat_requests(loopback)) == 8
    # A pipe gets plain progress lines, never a redrawn bar.
    assert "\r" not in run.stderr
    assert run.stderr.splitlines()[-1] == "llamadesk eval: 8 of 8 requests done"


def test_a_failed_check_exits_1_and_names_the_cell(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    checks = "[{type: contains, value: Hello}, {type: max-words, value: 1}]"
    run = run_eval(local_set(loopback, tmp_path, checks=checks, cases=1))

    assert run.code == 1, run.stderr
    assert "FAIL case 1, prompt terse, repeat 1: max-words" in run.stdout
    assert "0 of 2 requests passed every check." in run.stdout


def test_the_json_has_every_field_and_each_hash_is_the_body_the_server_got(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    out = tmp_path / "results.json"
    run = run_eval(local_set(loopback, tmp_path, repeat=2), "--json", out)

    assert run.code == 0, run.stderr
    document = read_json(out)
    results = document["results"]
    assert len(results) == 8
    for result in results:
        assert set(result) >= RESULT_FIELDS, result
        assert result["error"] is None and result["finish_reason"] == "stop"
        assert result["response"] == "Hello, world!"
        assert result["assertions"] == [{"type": "contains", "pass": True, "detail": ""}]
        assert result["usage"]["completion_tokens"] == 4
    assert [(r["test"], r["prompt"], r["repeat"]) for r in results[:4]] == [
        (0, "terse", 0),
        (0, "terse", 1),
        (0, "plain", 0),
        (0, "plain", 1),
    ]
    bodies = {hashlib.sha256(r.body).hexdigest(): r.json() for r in chat_requests(loopback)}
    assert {r["request_sha256"] for r in results} == set(bodies)
    for result in results:
        sent = bodies[result["request_sha256"]]
        # Each request carries the seed its result records (fresh per request: none was set).
        assert sent["seed"] == result["seed"]
        assert sent["messages"][-1] == {
            "role": "user",
            "content": f"Question {result['test']} about P{result['test']}",
        }
    assert len({r["seed"] for r in results}) == 8
    summary = document["summary"]
    assert (summary["total"], summary["done"], summary["passed"], summary["errors"]) == (8, 8, 8, 0)
    assert summary["state"] == "finished" and summary["stopped_by"] is None
    assert [p["id"] for p in summary["prompts"]] == ["terse", "plain"]
    assert summary["prompts"][0]["pass_rate"] == 1.0


def test_the_system_prompt_and_variables_reach_the_server(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    run = run_eval(local_set(loopback, tmp_path, cases=1))
    assert run.code == 0, run.stderr
    systems = sorted(
        str(r.json()["messages"][0])
        for r in chat_requests(loopback)
        if len(r.json()["messages"]) == 2
    )
    assert systems == ["{'role': 'system', 'content': 'Answer in one sentence for ACME.'}"]


def test_the_csv_has_one_row_per_request(loopback: LoopbackServer, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    run = run_eval(local_set(loopback, tmp_path, repeat=3), "--csv", out)

    assert run.code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 12
    assert {row["passed"] for row in rows} == {"yes"}
    assert {row["request_sha256"] for row in rows} == {
        hashlib.sha256(r.body).hexdigest() for r in chat_requests(loopback)
    }


def test_concurrency_is_never_above_the_limit(loopback: LoopbackServer, tmp_path: Path) -> None:
    # Slow streams keep requests in flight long enough for more to pile up if they could.
    slow = split_events(openai_stream(["a", "b", "c", "d", "e"], model="tiny-llama"))
    loopback.queue("POST", "/chat/completions", *[Reply(body=slow, chunk_delay_s=0.02)] * 24)
    run = run_eval(local_set(loopback, tmp_path, repeat=3, cases=4), "--concurrency", "3")

    assert run.code == 1, run.stderr  # "abcde" does not contain Hello
    assert len(chat_requests(loopback)) == 24
    assert loopback.max_in_flight == 3


def test_the_file_s_concurrency_is_the_default(loopback: LoopbackServer, tmp_path: Path) -> None:
    slow = split_events(openai_stream(["Hello"] * 5, model="tiny-llama"))
    loopback.queue("POST", "/chat/completions", *[Reply(body=slow, chunk_delay_s=0.02)] * 12)
    path = local_set(loopback, tmp_path, repeat=3, cases=2, more="concurrency: 2")
    run = run_eval(path)

    assert run.code == 0, run.stderr
    assert loopback.max_in_flight == 2


def test_options_override_the_file(tmp_path: Path) -> None:
    with LoopbackServer() as file_server, LoopbackServer() as other:
        path = local_set(file_server, tmp_path, cases=1)
        run = run_eval(
            path,
            "--base-url",
            f"{other.url}/v1",
            "--temperature",
            "0.25",
            "--seed",
            "99",
            "--repeat",
            "2",
        )
        assert run.code == 0, run.stderr
        assert file_server.requests == []
        bodies = [r.json() for r in chat_requests(other)]
    assert len(bodies) == 4
    assert {(b["temperature"], b["seed"], b["max_tokens"]) for b in bodies} == {(0.25, 99, 50)}


def test_workers_ai_runs_through_the_native_endpoint_and_keeps_the_token_out_of_files(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    path = set_file(
        tmp_path,
        """
        prompts: [{id: p, system: "Be brief."}]
        tests: [{input: Hi, assert: [{type: starts-with, value: Hello}]}]
        repeat: 2
        """,
    )
    json_out, csv_out, pf_out = tmp_path / "r.json", tmp_path / "r.csv", tmp_path / "pf.yaml"
    run = run_eval(
        path, *workers_args(loopback), "--json", json_out, "--csv", csv_out, "--promptfoo", pf_out
    )

    assert run.code == 0, run.stderr
    requests = chat_requests(loopback) or [
        r for r in loopback.requests if r.url_path == NATIVE_PATH
    ]
    assert len(requests) == 2
    assert all(r.header("authorization") == f"Bearer {TOKEN}" for r in requests)
    for out in (json_out, csv_out, pf_out):
        text = out.read_text(encoding="utf-8")
        assert all(secret not in text for secret in SECRETS), out.name
    summary = read_json(json_out)["summary"]
    assert summary["endpoint"]["backend"] == "workers-ai"
    assert summary["endpoint"]["account_id"] == ACCOUNT


# -- the endpoint itself fails: `ask`'s exit codes, the run stops ----------------------------


def test_a_bad_token_stops_the_run_with_ask_s_exit_code(tmp_path: Path) -> None:
    with LoopbackServer(require_token="the-right-one") as server:
        out = tmp_path / "r.json"
        run = run_eval(local_set(server, tmp_path, cases=3, repeat=2), "--json", out)
        asked = len(chat_requests(server))

    assert run.code == 3, run.stderr
    assert asked < 6  # the rest was not asked
    assert "llamadesk eval:" in run.stderr and "Traceback" not in run.stderr
    summary = read_json(out)["summary"]
    assert summary["state"] != "finished" or summary["stopped_by"] is not None
    assert summary["stopped_by"]["category"] == "bad_token"


def test_nothing_listening_exits_8(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        path = local_set(server, tmp_path, cases=1)
    run = run_eval(path, "--retries", "0", "--connect-timeout", "2")  # the server is gone
    assert run.code == 8, run.stderr
    assert "Traceback" not in run.stderr


def test_a_failing_request_among_good_ones_exits_1(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    from tests.loopback import openai_error

    loopback.queue(
        "POST", "/chat/completions", Reply.json(openai_error("detail", 400, "bad input"), 400)
    )
    out = tmp_path / "r.json"
    run = run_eval(local_set(loopback, tmp_path, cases=2), "--concurrency", "1", "--json", out)

    # One request's failure is that cell's: the others were still asked.
    assert run.code == 1, run.stderr
    results = read_json(out)["results"]
    assert len(results) == 4
    assert [r["error_kind"] for r in results if r["error"] is not None] == ["bad_input"]
    assert "FAIL case 1, prompt terse, repeat 1: " in run.stdout


# -- stopping, and the promptfoo export ------------------------------------------------------


def test_ctrl_c_stops_the_run_closes_requests_and_keeps_finished_results(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    third_asked = threading.Event()

    def slow_third(_request: RecordedRequest) -> Reply:
        third_asked.set()
        return Reply(body=split_events(openai_stream(["Hello"] * 40)), chunk_delay_s=0.25)

    loopback.queue("POST", "/chat/completions", *[default_reply_for(loopback)] * 2, slow_third)
    out = tmp_path / "r.json"
    path = local_set(loopback, tmp_path, cases=5)
    proc = subprocess.Popen(
        command("eval", str(path), "--concurrency", "1", "--json", str(out)),
        cwd=ROOT,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert third_asked.wait(RUN_TIMEOUT_S), "the third request never came"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert b"Stopped." in err
    summary = read_json(out)["summary"]
    assert summary["state"] == "cancelled" and summary["done"] == 2
    # The request in flight was closed, not left to finish; nothing more was asked.
    outcomes = [r.wait_settled() for r in chat_requests(loopback)]
    assert outcomes == ["complete", "complete", "client_gone"]


def default_reply_for(server: LoopbackServer) -> Callable[[RecordedRequest], Reply]:
    return lambda request: default_reply(server, request)


def test_the_promptfoo_export_is_valid_promptfoo_config(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    out = tmp_path / "promptfooconfig.yaml"
    checks = "[{type: contains, value: Hello}, {type: max-words, value: 5}, {type: latency-ms, value: 5000}]"
    run = run_eval(local_set(loopback, tmp_path, checks=checks, repeat=2), "--promptfoo", out)

    assert run.code == 0, run.stderr
    config = yaml.safe_load(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(config)
    assert config["providers"] == [
        {
            "id": "openai:chat:tiny-llama",
            "label": "tiny-llama",
            "config": {
                "apiBaseUrl": f"{loopback.url}/v1",
                "apiKeyEnvar": "OPENAI_API_KEY",
                "max_tokens": 50,
            },
        }
    ]
    assert config["evaluateOptions"] == {"repeat": 2, "maxConcurrency": 4, "cache": False}
    assert config["tests"][1]["vars"] == {"product": "P1", "input": "Question 1 about P1"}
    assert config["tests"][1]["assert"][1:] == [
        {"type": "word-count", "value": {"max": 5}},
        {"type": "latency", "threshold": 5000},
    ]
    assert config["defaultTest"] == {"vars": {"company": "ACME"}}


def test_workers_ai_runs_start_at_most_300_requests_a_minute(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    arrivals: list[float] = []

    def timed(request: RecordedRequest) -> Reply:
        arrivals.append(time.monotonic())
        return default_reply(loopback, request)

    loopback.queue("POST", NATIVE_PATH, *[timed] * 4)
    path = set_file(tmp_path, "prompts: [{id: p, system: x}]\ntests: [{input: a}, {input: b}]\n")
    run = run_eval(path, *workers_args(loopback), "--repeat", "2", "--concurrency", "4")

    assert run.code == 0, run.stderr
    assert len(arrivals) == 4
    # 60 s / 300 = 0.2 s between starts, though 4 could be in flight at once: 3 gaps ≥ 0.6 s
    # (less a margin for one request reaching the server later than it was started).
    assert arrivals[-1] - arrivals[0] >= 0.45


def test_too_many_requests_slows_the_run_says_so_and_asks_again(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    from tests.loopback import openai_error

    loopback.queue(
        "POST", "/chat/completions", Reply.json(openai_error("detail", 429, "slow down"), 429)
    )
    path = local_set(loopback, tmp_path, cases=1)
    run = run_eval(path, "--concurrency", "1", "--retries", "0")

    assert run.code == 0, run.stderr
    assert len(chat_requests(loopback)) == 3  # the refused one was asked again
    paced = [line for line in run.stderr.splitlines() if "a minute" in line]
    assert len(paced) == 1 and paced[0].startswith("llamadesk eval: "), run.stderr
