"""Runs `llamadesk ask|eval|token` as a subprocess with a policy file in a test's own folder.

The app reads its policy only from the machine-wide place, and no option or variable can move
it. So this bootstrap, and nothing a user can reach, points the reader at the test's file (and
trusts the test's own user as its owner) before calling the real entry point.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.cli.runner import ACCOUNT, ROOT, RUN_TIMEOUT_S, Run, assert_no_secrets, cli_env
from tests.loopback import LoopbackServer

BOOTSTRAP = """
import os, sys
from pathlib import Path
import app.storage.policy_file as policy_file
policy_file.machine_policy_path = lambda: Path(sys.argv[1])
policy_file.load_policy.__kwdefaults__["trusted_owners"] = frozenset({os.getuid()})
from app.main import main
sys.exit(main(sys.argv[2:]))
"""

CONTACT = "IT helpdesk, extension 1234"
CONTACT_SENTENCE = f"If this keeps happening, contact {CONTACT}."
OTHER_MODEL = "@cf/meta/llama-3.2-3b-instruct"


def policy_data(server: LoopbackServer, **changes: Any) -> dict[str, Any]:
    """The issue's example policy, its endpoints on the loopback server."""
    data: dict[str, Any] = {
        "$schema": "./policy.schema.json",
        "endpoints": [
            {
                "name": "ACME Llama",
                "backend": "workers-ai",
                "account_id": ACCOUNT,
                "base_url": f"{server.url}/client/v4",
                "token": {"from": "user"},
            },
            {
                "name": "Local Server",
                "backend": "openai",
                "base_url": f"{server.url}/v1",
                "model": "tiny-llama",
                "token": {"from": "none"},
            },
        ],
        "allow_user_endpoints": False,
        "params": {"temperature": {"value": 0.2, "locked": True}, "max_tokens": {"value": 512}},
        "prompts": [{"name": "Be brief", "system": "Answer in one sentence."}],
        "lock_prompts": True,
        "support_contact": CONTACT,
    }
    data.update(changes)
    return data


def write_policy(folder: Path, data: object, mode: int = 0o644) -> Path:
    path = folder / "policy.json"
    text = data if isinstance(data, str) else json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def run_with_policy(
    policy: Path, *args: str | Path, env: dict[str, str] | None = None, stdin: str = ""
) -> Run:
    """`llamadesk ARGS` with `policy` as the machine's policy; no secret may reach its output."""
    done = subprocess.run(
        [sys.executable, "-c", BOOTSTRAP, str(policy), *map(str, args)],
        cwd=ROOT,
        env=cli_env() if env is None else env,
        input=stdin,
        capture_output=True,
        encoding="utf-8",
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    run = Run(done.returncode, done.stdout, done.stderr)
    assert_no_secrets(run.stdout + run.stderr)
    return run
