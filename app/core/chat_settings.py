"""What a chat is asked with (prompt, variables, parameters, mode, endpoint) and per-request values."""

from __future__ import annotations

import getpass
import random
from dataclasses import dataclass, field
from datetime import datetime

from app.core.params import SamplingParams
from app.core.prompts.variables import VariableSpec, builtin_values
from app.core.request import PromptMode


@dataclass(frozen=True)
class OwnPrompt:
    """A chat's own text (and its variables), set aside while the chat uses a library prompt."""

    text: str
    variables: tuple[VariableSpec, ...] = ()


@dataclass(frozen=True)
class ChatSettings:
    """What a chat is asked with; each chat keeps its own."""

    system_prompt: str = ""
    params: SamplingParams = field(default_factory=SamplingParams)
    prompt_mode: PromptMode = PromptMode.CHAT
    profile_id: str = ""  # the endpoint profile; "" = the default endpoint
    prompt_ref: str = ""  # str(PromptRef): the library prompt the system prompt is; "" = none
    variables: tuple[VariableSpec, ...] = ()  # the custom {{variables}} the prompt declares
    values: tuple[tuple[str, str], ...] = ()  # this chat's values for them (the fill-in form)
    reproducible: bool = False  # send a seed on every request (a fresh recorded one if unset)
    # "This chat's own prompt" brings it back; kept with the chat, so reopening it keeps it too.
    own_prompt: OwnPrompt | None = None

    def value_map(self) -> dict[str, str]:
        return dict(self.values)


def default_builtins() -> dict[str, str]:
    """{{date}}, {{time}}, {{weekday}}, {{user_name}} now, for this computer's user."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        user = ""
    return builtin_values(datetime.now().astimezone(), user)


#: Reproducible seeds stay below 2**31: every server takes them (llama.cpp's is 32-bit).
_MAX_RANDOM_SEED = 2**31 - 1


def random_seed() -> int:
    """A fresh seed for one request of a reproducible chat (recorded in its body)."""
    return random.randint(1, _MAX_RANDOM_SEED)
