"""Helpers for `llamadesk eval` subprocess tests: test-set files and the run itself."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from tests.cli.runner import Run, cli_env, run_app
from tests.loopback import LoopbackServer

#: promptfoo's own config schema (vendored from promptfoo 0.123.1; see its README).
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "promptfoo" / "config-schema.json"


def set_file(tmp_path: Path, text: str, name: str = "set.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def local_set(
    server: LoopbackServer,
    tmp_path: Path,
    *,
    checks: str = "[{type: contains, value: Hello}]",
    repeat: int = 1,
    cases: int = 2,
    more: str = "",
) -> Path:
    """A set on the loopback server's OpenAI-compatible endpoint: two prompts, `cases` cases."""
    tests = "\n".join(
        f'  - {{input: "Question {i} about {{{{product}}}}", vars: {{product: P{i}}}, '
        f"assert: {checks}}}"
        for i in range(cases)
    )
    return _write(tmp_path, server, tests, repeat, more)


def _write(tmp_path: Path, server: LoopbackServer, tests: str, repeat: int, more: str) -> Path:
    lines = [
        f'endpoint: {{backend: openai, base_url: "{server.url}/v1", model: tiny-llama}}',
        "params: {max_tokens: 50}",
        f"repeat: {repeat}",
        "vars: {company: ACME}",
        "prompts:",
        '  - {id: terse, system: "Answer in one sentence for {{company}}."}',
        '  - {id: plain, system: ""}',
        *([more] if more else []),
        "tests:",
        tests,
    ]
    path = tmp_path / "set.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_eval(*args: str | Path, env: dict[str, str] | None = None) -> Run:
    return run_app("eval", *map(str, args), env=env if env is not None else cli_env())


def chat_requests(server: LoopbackServer) -> list[Any]:
    return [r for r in server.requests if r.url_path.endswith("/chat/completions")]


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
