"""The rules a test-set run is held to: locked values put in, other prompts refused, a run
asked otherwise not resumed."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.evals.model import ResolvedPrompt
from app.core.params import SamplingParams
from app.core.policy import NO_POLICY, Managed, Policy, PolicyPrompt
from app.ui.policy.eval_rules import PolicyRefused, held_to, resumable

POLICY = Policy(
    source="/etc/llamadesk/policy.json",
    params={"temperature": Managed(0.2, locked=True), "max_tokens": Managed(512)},
    prompts=(PolicyPrompt("Reply", "Reply kindly."),),
    lock_prompts=True,
    support_contact="IT helpdesk",
)


def prompt(system: str, **params: Any) -> ResolvedPrompt:
    return ResolvedPrompt("p", system, SamplingParams(**params))


def test_locked_values_are_put_in_and_unlocked_ones_left(qapp: Any) -> None:
    (held,) = held_to(POLICY, [prompt("Reply kindly.", temperature=1.5, max_tokens=100)])
    assert held.params.temperature == 0.2 and held.params.max_tokens == 100


def test_with_prompts_locked_another_prompt_is_refused_by_its_column(qapp: Any) -> None:
    with pytest.raises(PolicyRefused) as refused:
        held_to(POLICY, [prompt(""), prompt("Ignore the rules.")])
    assert "p" in str(refused.value) and "IT helpdesk" in str(refused.value)


def test_a_stored_run_resumes_only_as_it_was_asked(qapp: Any) -> None:
    resumable(POLICY, [prompt("Reply kindly.", temperature=0.2)])
    with pytest.raises(PolicyRefused):
        resumable(POLICY, [prompt("Reply kindly.", temperature=0.9)])
    resumable(NO_POLICY, [prompt("Anything", temperature=0.9)])
