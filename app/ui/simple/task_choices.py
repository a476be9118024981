"""What "What do you want to do?" offers, and what choosing each does to the chat shown.

With a policy naming prompts: those (the administrator's words). Without: the prompt library's
prompts, newest first. Always first: "Chat freely" (no instructions at all).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.core.policy import POLICY_PROMPT_PREFIX, Policy
from app.core.prompts.library import PromptLibrary
from app.core.prompts.ref import PromptRef
from app.core.prompts.variables import VariableSpec
from app.ui.prompts.library_access import LIBRARY_ERRORS

#: The library lists at most this many in Simple mode (a longer list is not a simple choice).
MAX_LIBRARY_CHOICES = 30


@dataclass(frozen=True)
class TaskChoice:
    """One line of the picker; `ref` "" is "Chat freely"."""

    name: str
    description: str = ""
    ref: str = ""  # a policy prompt's ref, or a library ref "12@3"
    system: str = ""  # a policy prompt's text (a library prompt is read when chosen)
    variables: tuple[VariableSpec, ...] = ()

    @property
    def from_policy(self) -> bool:
        return self.ref.startswith(POLICY_PROMPT_PREFIX)

    def matches(self, prompt_ref: str) -> bool:
        """The chat's prompt_ref is this choice (any version of the same library prompt)."""
        if self.from_policy or not self.ref or not prompt_ref:
            return self.ref == prompt_ref
        mine, theirs = PromptRef.parse(self.ref), PromptRef.parse(prompt_ref)
        return mine is not None and theirs is not None and mine.prompt_id == theirs.prompt_id


def free_chat() -> TaskChoice:
    return TaskChoice(
        QCoreApplication.translate("SimpleTasks", "Chat freely"),
        QCoreApplication.translate("SimpleTasks", "Ask anything, with no set task."),
    )


def task_choices(policy: Policy, library: PromptLibrary | None) -> list[TaskChoice]:
    """ "Chat freely", then the policy's prompts, or (none given) the library's."""
    if policy.prompts:
        return [
            free_chat(),
            *(
                TaskChoice(p.name, p.description, p.ref, p.system, p.variables)
                for p in policy.prompts
            ),
        ]
    if library is None or (policy.active and policy.lock_prompts):
        return [free_chat()]
    try:
        summaries = library.prompts(limit=MAX_LIBRARY_CHOICES)
    except LIBRARY_ERRORS:  # an unreadable library: the chat still works without it
        summaries = []
    return [free_chat(), *(TaskChoice(s.name, "", f"{s.id}@{s.latest}") for s in summaries)]
