"""Reading the machine's policy: trusted, bounded, checked, and never "no policy" by accident."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.storage.policy_file import POLICY_MAX_BYTES, load_policy, machine_policy_path, parse_policy

ME = frozenset({os.getuid()})
GOOD = {
    "$schema": "https://llamadesk.invalid/schema/policy-1.json",
    "endpoints": [
        {
            "name": "ACME Llama",
            "backend": "workers-ai",
            "account_id": "acme",
            "token": {"from": "user"},
        }
    ],
    "allow_user_endpoints": False,
    "params": {"temperature": {"value": 0.2, "locked": True}, "max_tokens": {"value": 512}},
    "prompts": [
        {
            "name": "Write a customer reply",
            "system": "Reply to {{customer_name}}.",
            "variables": [{"name": "customer_name", "label": "Customer's name"}],
        }
    ],
    "lock_prompts": True,
    "simple_mode": {"value": True, "locked": True},
    "allow_export": True,
    "support_contact": "IT helpdesk, extension 1234",
}


def _write(tmp_path: Path, content: object, mode: int = 0o644) -> Path:
    path = tmp_path / "policy.json"
    text = content if isinstance(content, str) else json.dumps(content, indent=2)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_machine_wide_place_on_linux() -> None:
    assert machine_policy_path() == Path("/etc/llamadesk/policy.json")


def test_no_file_is_no_policy(tmp_path: Path) -> None:
    load = load_policy(tmp_path / "policy.json", trusted_owners=ME)
    assert load.problem is None and load.policy is not None and not load.policy.active


def test_the_example_from_the_docs_loads(tmp_path: Path) -> None:
    load = load_policy(_write(tmp_path, GOOD), trusted_owners=ME)
    assert load.problem is None and load.policy is not None
    assert load.policy.locked_params() == {"temperature"}
    assert load.policy.simple_mode is not None and load.policy.simple_mode.locked
    assert load.policy.prompts[0].variables[0].label == "Customer's name"


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        ({"params": {"temperature": {"value": 7}}}, "params › temperature › value", "maximum"),
        ({"params": {"temperature": {"value": "hot"}}}, "params › temperature › value", "number"),
        ({"surprise": 1}, "surprise", "not allowed"),
        ({"allow_export": "yes"}, "allow_export", "boolean"),
    ],
)
def test_a_wrong_value_names_its_field_and_line(
    tmp_path: Path, change: dict[str, object], where: str, words: str
) -> None:
    load = load_policy(_write(tmp_path, {**GOOD, **change}), trusted_owners=ME)
    assert load.policy is None and load.problem is not None
    assert load.problem.where == where and words in load.problem.reason
    assert load.problem.line is not None
    message = load.problem.message()
    assert "IT helpdesk, extension 1234" in message and "does not start" in message


def test_broken_json_names_its_line(tmp_path: Path) -> None:
    load = load_policy(_write(tmp_path, '{\n  "allow_export": true,\n}'), trusted_owners=ME)
    assert load.problem is not None and load.problem.line == 3


def test_a_file_others_can_write_is_refused(tmp_path: Path) -> None:
    load = load_policy(_write(tmp_path, GOOD, mode=0o666), trusted_owners=ME)
    assert load.policy is None and load.problem is not None
    assert "world-writable" in load.problem.reason


def test_a_file_owned_by_someone_else_is_refused(tmp_path: Path) -> None:
    load = load_policy(_write(tmp_path, GOOD), trusted_owners=frozenset({os.getuid() + 1}))
    assert load.problem is not None and "administrator" in load.problem.reason


def test_a_link_is_refused(tmp_path: Path) -> None:
    target = _write(tmp_path, GOOD)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    load = load_policy(link, trusted_owners=ME)
    assert load.problem is not None and "link" in load.problem.reason


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = _write(tmp_path, " " * (POLICY_MAX_BYTES + 1) + "{}")
    load = load_policy(path, trusted_owners=ME)
    assert load.problem is not None and "too large" in load.problem.reason


def test_a_repeated_key_is_refused() -> None:
    load = parse_policy(b'{"allow_export": true, "allow_export": false}', "p")
    assert load.problem is not None and "twice" in load.problem.reason


def test_a_password_in_an_address_is_refused() -> None:
    raw = {"endpoints": [{"name": "x", "backend": "openai", "base_url": "http://u:secret@h/v1"}]}
    load = parse_policy(json.dumps(raw).encode(), "p")
    assert load.problem is not None and "secret" not in load.problem.message()
