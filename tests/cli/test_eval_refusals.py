"""`llamadesk eval` refuses invalid files and options with exit 2, naming the line, sending nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.evals.files import MAX_FILE_BYTES
from tests.cli.eval_runner import local_set, run_eval, set_file
from tests.cli.runner import cli_env
from tests.loopback import LoopbackServer

HOSTILE = {
    "unknown check": (
        "prompts: [{id: a, system: x}]\ntests:\n  - input: x\n    assert:\n"
        "      - {type: containz, value: x}\n",
        'line 5, tests[0].assert[0].type: unknown check "containz"',
    ),
    "alias bomb": (
        'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        "c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nprompts: [{id: a, system: x}]\ntests: [{input: x}]\n",
        "line 1: anchors and aliases",
    ),
    "deep nesting": ("x: " + "[" * 5000 + "]" * 5000 + "\n", "line 1:"),
    "no cases": ("prompts: [{id: a, system: x}]\ntests: []\n", "line 2, tests:"),
    "wrong type": ("prompts: [{id: a, system: x}]\nrepeat: many\ntests: [{input: x}]\n", "line 2"),
    "broken JSON": ('{"prompts": [}', "line 1:"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_an_invalid_file_exits_2_naming_the_line_and_sends_nothing(
    loopback: LoopbackServer, tmp_path: Path, name: str
) -> None:
    text, expected = HOSTILE[name]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    run = run_eval(path, "--base-url", f"{loopback.url}/v1", "--backend", "openai", "--json", out)

    assert run.code == 2, (run.stdout, run.stderr)
    assert run.stderr.startswith(f"llamadesk eval: {path}: ")
    assert expected in run.stderr, run.stderr
    assert len(run.stderr.splitlines()) == 1 and run.stdout == ""
    assert loopback.requests == [] and not out.exists()


def test_a_file_that_is_not_utf8_missing_or_huge_exits_2(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"prompts: [{id: a, system: x}]\ntests: [{input: caf\xe9}]\n")
    run = run_eval(path, "--backend", "openai", "--base-url", f"{loopback.url}/v1")
    assert run.code == 2 and "line 2" in run.stderr and "UTF-8" in run.stderr

    run = run_eval(tmp_path / "nope.yaml", "--backend", "openai")
    assert run.code == 2 and "nope.yaml" in run.stderr

    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES + 1) + b"\n")
    run = run_eval(huge, "--backend", "openai", "--base-url", f"{loopback.url}/v1")
    assert run.code == 2 and "huge.yaml is larger than" in run.stderr
    assert loopback.requests == []


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--repeat", "0"], "--repeat"),
        (["--concurrency", "99"], "--concurrency"),
        (["--temperature", "9"], "temperature"),
        (["--json", "missing-folder/out.json"], "does not exist"),
        (["--csv", "set.yaml"], "would overwrite the test set"),
        (["--json", "same.out", "--csv", "same.out"], "name the same file"),
    ],
)
def test_an_invalid_option_exits_2_and_sends_nothing(
    loopback: LoopbackServer,
    tmp_path: Path,
    options: list[str],
    expected: str,
) -> None:
    path = local_set(loopback, tmp_path)
    resolved = [str(tmp_path / o) if o.endswith((".json", ".yaml", ".out")) else o for o in options]
    run = run_eval(path, *resolved)

    assert run.code == 2, run.stderr
    assert expected in run.stderr
    assert loopback.requests == []


def test_workers_ai_without_an_account_exits_2(loopback: LoopbackServer, tmp_path: Path) -> None:
    path = set_file(tmp_path, "prompts: [{id: p, system: x}]\ntests: [{input: Hi}]\n")
    run = run_eval(path, "--base-url", f"{loopback.url}/client/v4", env=cli_env())
    assert run.code == 2 and "account ID" in run.stderr
    assert loopback.requests == []
