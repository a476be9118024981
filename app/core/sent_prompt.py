"""The system prompt a request carries, filled in, and what its reply records of it (PromptUse).

A reply names a library prompt only when that prompt was part of its request, and only as an
exact version, with every value its variables were filled in with (the chat's, defaults and
built-ins alike): what a reader needs to ask the same again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from app.core.chat_settings import ChatSettings
from app.core.prompts.ref import PromptRef, PromptRefError
from app.core.prompts.variables import Filled, VariableProblem, fill
from app.core.provenance import PromptUse
from app.core.template import EOT, header

#: For a chat on a library prompt: the exact version its system prompt is, with the prompt's
#: name and the label followed; None when that is not known (the window's library answers).
PromptSource = Callable[[ChatSettings], PromptUse | None]


def filled_system_prompt(
    settings: ChatSettings, builtins: Callable[[], Mapping[str, str]]
) -> Filled:
    """The chat's system prompt filled in, with the values used; VariableProblem (a
    RequestError) when it cannot be."""
    if "{{" not in settings.system_prompt:
        return Filled(settings.system_prompt)
    return fill(settings.system_prompt, settings.variables, settings.value_map(), builtins())


def prompt_use(
    settings: ChatSettings, system: Filled, source: PromptSource | None
) -> PromptUse | None:
    """What a reply asked with `system` records: the exact library version (from `source`,
    which resolves a label first) and the values used; None when there is neither."""
    if not settings.prompt_ref and not system.values:
        return None
    if source is not None and settings.prompt_ref:
        known = source(settings)
        if known is not None:  # "12#staff" sent as the exact "12@4" it is now
            return replace(known, values=system.values)
        ref = ""  # the library cannot say which saved version this text is (edited since)
    else:
        ref = settings.prompt_ref if _is_exact(settings.prompt_ref) else ""
    if not ref and not system.values:
        return None
    return PromptUse(ref, values=system.values)


def prompt_in_raw(
    raw_prompt: str,
    settings: ChatSettings,
    builtins: Callable[[], Mapping[str, str]],
    source: PromptSource | None,
) -> PromptUse | None:
    """What a raw prompt the user wrote carries of the library prompt: only when its system
    turn holds the system prompt exactly as it fills in now (the user may have changed it)."""
    try:
        system = filled_system_prompt(settings, builtins)
    except VariableProblem:
        return None
    opening = header("system")
    start = raw_prompt.find(opening)
    end = raw_prompt.find(EOT, start)
    if start < 0 or end < 0:
        return None
    if not raw_prompt[start + len(opening) : end].endswith(system.text):
        return None
    return prompt_use(settings, system, source)


def _is_exact(ref: str) -> bool:
    """`ref` names one saved version ("12@3"), not a label or nothing."""
    try:
        parsed = PromptRef.parse(ref)
    except PromptRefError:
        return False
    return parsed is not None and parsed.version is not None
