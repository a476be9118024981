"""Policies for window tests: written as an administrator writes them, read by the real reader."""

from __future__ import annotations

import json
from typing import Any

from app.core.policy import Policy
from app.storage.policy_file import parse_policy
from tests.loopback import LoopbackServer

CONTACT = "IT helpdesk, extension 1234"


def policy_for(loopback: LoopbackServer, **changes: Any) -> Policy:
    """One local endpoint (the loopback server), temperature locked at 0.2, max_tokens 512
    unlocked, plus `changes` (top-level keys of the policy file)."""
    raw: dict[str, Any] = {
        "endpoints": [
            {
                "name": "ACME Llama",
                "backend": "openai",
                "base_url": f"{loopback.url}/v1",
                "model": "tiny-llama",
                "token": {"from": "none"},
            }
        ],
        "allow_user_endpoints": False,
        "params": {"temperature": {"value": 0.2, "locked": True}, "max_tokens": {"value": 512}},
        "support_contact": CONTACT,
        **changes,
    }
    load = parse_policy(json.dumps(raw).encode(), "/etc/llamadesk/policy.json")
    assert load.policy is not None, load.problem
    return load.policy
