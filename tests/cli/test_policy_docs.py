"""The README's policy example is a policy LlamaDesk accepts, as an administrator would copy it."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.policy import TokenFrom
from app.storage.policy_file import parse_policy, policy_schema

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_administrators_example_loads_as_written() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## For administrators") :]
    match = re.search(r"```json\n(.*?)```", section, re.S)
    assert match is not None

    load = parse_policy(match.group(1).encode("utf-8"), "README.md")

    assert load.problem is None and load.policy is not None
    policy = load.policy
    assert [e.token_from for e in policy.endpoints] == [TokenFrom.USER, TokenFrom.FILE]
    assert policy.locked_params() == {"temperature"} and not policy.allow_user_endpoints
    assert policy_schema()["properties"]["$schema"]["type"] == "string"
