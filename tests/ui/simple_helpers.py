"""Simple mode's test pieces: a staff policy, and Applications started under it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.core.policy import Managed, Policy, PolicyEndpoint, PolicyPrompt, TokenFrom
from app.core.profiles import EndpointKind
from app.core.prompts.variables import VariableSpec
from app.ui.composition_root import Application, build_parser
from tests.ui.conftest import run

CONTACT = "IT helpdesk, extension 1234"
CUSTOMER_REPLY = PolicyPrompt(
    "Write a customer reply",
    "You write short, polite replies to customers. The customer is {{customer_name}}.",
    (VariableSpec("customer_name", label="Customer's name"),),
    "A friendly answer to a customer's email",
)
SUMMARY = PolicyPrompt("Summarise a text", "Summarise what the user pastes in three sentences.")


def staff_policy(
    base_url: str,
    token_from: TokenFrom = TokenFrom.NONE,
    token_path: str = "",
    *,
    locked: bool = True,
) -> Policy:
    """The issue's example policy, its endpoint on `base_url` (an OpenAI-compatible /v1)."""
    endpoint = PolicyEndpoint(
        "ACME Llama",
        EndpointKind.LOCAL,
        base_url=base_url,
        model="tiny-llama",
        token_from=token_from,
        token_path=token_path,
    )
    return Policy(
        source="policy.json",
        endpoints=(endpoint,),
        allow_user_endpoints=False,
        params={"temperature": Managed(0.2, locked=True), "max_tokens": Managed(512)},
        prompts=(CUSTOMER_REPLY, SUMMARY),
        lock_prompts=True,
        simple_mode=Managed(True, locked=locked),
        support_contact=CONTACT,
    )


PolicyApp = Callable[..., Application]


@pytest.fixture
def policy_app(
    qapp: Any, qtbot: QtBot, aio_loop: qasync.QEventLoop, tmp_path: Path
) -> Iterator[PolicyApp]:
    """Applications started under a policy (all on one data dir: a second is a restart);
    each is closed at the end, its dialogs' tasks settled first."""
    apps: list[Application] = []

    def make(policy: Policy, *, show: bool = True) -> Application:
        args = build_parser().parse_args(["--data-dir", str(tmp_path / "data")])
        app = Application(args, qapp, policy=policy)
        app.history.search.delay_ms = 1
        apps.append(app)
        if show:
            app.show()
        return app

    yield make
    for app in apps:
        if app.closed.is_set():
            continue
        app.window.close()
        run(aio_loop, qtbot, app.run_until_closed_for_tests())
