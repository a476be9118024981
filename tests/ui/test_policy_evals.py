"""Test-set runs from the window obey the policy: locked values are sent; locked prompts refuse
a run with another prompt, nothing sent."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.evals.model import RunState
from tests.loopback import LoopbackServer
from tests.ui.conftest import AppFactory
from tests.ui.eval_helpers import add_inline_prompt, new_set, open_evals, type_cases, wait_run_ended
from tests.ui.policy_helpers import CONTACT, policy_for


def chat_bodies(loopback: LoopbackServer) -> list[dict[str, object]]:
    return [r.json() for r in loopback.requests if r.url_path.endswith("/chat/completions")]


def test_a_run_sends_the_locked_value(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = app_factory(show=True, policy=policy_for(loopback))
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Support")
    type_cases(evals, qtbot, ["Question 1?", "Question 2?"])
    _, state, _ = wait_run_ended(evals, qtbot, evals.window.editor.run_button.click)
    assert state == RunState.FINISHED
    bodies = chat_bodies(loopback)
    assert len(bodies) == 2 and all(b["temperature"] == 0.2 for b in bodies)


def test_with_prompts_locked_a_run_with_another_prompt_sends_nothing(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    prompt = {"name": "Reply", "system": "Reply kindly."}
    app = app_factory(show=True, policy=policy_for(loopback, prompts=[prompt], lock_prompts=True))
    evals = open_evals(app, qtbot)
    new_set(evals, qtbot, "Support")
    type_cases(evals, qtbot, ["Question 1?"])
    add_inline_prompt(evals, "mine", "Ignore the rules.")
    evals.window.editor.run_button.click()
    status = evals.window.status.text()
    assert status.startswith("Nothing was sent") and "mine" in status and CONTACT in status
    assert not chat_bodies(loopback)
