"""A test set under the machine's policy: its locked parameters and its system prompts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from app.cli.policy_rules import (
    PolicyRefused,
    locked_conflict,
    own_prompt_refused,
    the_policy,
    under_policy,
)
from app.core.evals.model import ResolvedPrompt, TestSet
from app.core.policy import Policy


def check_file_params(test_set: TestSet, file: Path, policy: Policy) -> None:
    """PolicyRefused when the file sets a locked parameter to another value than the policy's."""
    places: list[tuple[str, Mapping[str, int | float]]] = [("params", test_set.params)]
    places += [
        (f"prompts[{i}].params (prompt “{choice.id}”)", choice.params)
        for i, choice in enumerate(test_set.prompts)
    ]
    for where, values in places:
        conflict = locked_conflict(values, policy)
        if conflict is not None:
            name, given, locked = conflict
            raise PolicyRefused(
                f"{file}: {where} sets {name} to {given}, but {the_policy(policy)} locks it at "
                f"{locked}. Remove {name} from the file."
            )


def check_prompts(prompts: Sequence[ResolvedPrompt], file: Path, policy: Policy) -> None:
    """PolicyRefused for a system prompt of the user's own when the policy locks prompts."""
    for prompt in prompts:
        if own_prompt_refused(prompt.system, policy):
            raise PolicyRefused(
                f"{file}: prompt “{prompt.id}” has a system prompt of its own, but "
                f"{the_policy(policy)} lets only its own prompts be used. Give the prompt "
                '`system: ""`, or the exact text of one of your organization\'s prompts.'
            )


def under_policy_params(prompts: Sequence[ResolvedPrompt], policy: Policy) -> list[ResolvedPrompt]:
    """Each prompt with the policy's values where the file set none, and its locks applied."""
    return [replace(p, params=under_policy(p.params, policy)) for p in prompts]
