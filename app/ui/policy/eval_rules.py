"""Test-set runs in the window under the administrator's policy: locked parameters are the ones
sent; with prompts locked, only the organization's prompts (or none) are asked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from app.core.evals.model import ResolvedPrompt
from app.core.policy import Policy


class PolicyRefused(ValueError):
    """The run asks for something the policy does not allow; the message says what, and who."""


def held_to(policy: Policy, prompts: Sequence[ResolvedPrompt]) -> list[ResolvedPrompt]:
    """`prompts` with every locked parameter at the policy's value; PolicyRefused when prompts
    are locked and one of them is not the organization's."""
    if policy.lock_prompts:
        allowed = {""} | {prompt.system for prompt in policy.prompts}
        others = [prompt.id for prompt in prompts if prompt.system not in allowed]
        if others:
            raise PolicyRefused(
                QCoreApplication.translate(
                    "EvalRules",
                    "your organization sets the prompts, and {names} is not one of them. {note}",
                ).format(names=", ".join(others), note=policy.locked_note())
            )
    return [replace(prompt, params=policy.enforced_params(prompt.params)) for prompt in prompts]


def resumable(policy: Policy, prompts: Sequence[ResolvedPrompt]) -> None:
    """A stored run goes on only as it was asked: PolicyRefused if the policy now differs."""
    if held_to(policy, prompts) != list(prompts):
        raise PolicyRefused(
            QCoreApplication.translate(
                "EvalRules",
                "it was asked with values your organization now sets otherwise; start a new "
                "run instead. {note}",
            ).format(note=policy.locked_note())
        )
