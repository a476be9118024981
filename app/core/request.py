"""What to generate: scoped messages, an unscoped prompt or a raw templated prompt, plus parameters."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from app.core.params import SamplingParams

#: Per-message template overhead of Llama 3.1 (header ids, role, eot) in tokens.
_TOKENS_PER_MESSAGE = 5


class Role(enum.StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"


class PromptMode(enum.StrEnum):
    CHAT = "chat"  # messages; the server applies the chat template
    UNSCOPED = "unscoped"  # {"prompt": ...}; the server wraps it in a default template
    RAW = "raw"  # {"prompt": ..., "raw": true}; the caller wrote the template


class RequestError(ValueError):
    """The request itself is unusable (empty prompt, no user message...)."""


@dataclass(frozen=True, slots=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True, slots=True)
class GenerationRequest:
    """One turn to send. Build it with :meth:`chat`, :meth:`unscoped` or :meth:`raw`."""

    mode: PromptMode
    messages: tuple[Message, ...] = ()
    prompt: str = ""
    params: SamplingParams = field(default_factory=SamplingParams)
    stream: bool = True
    #: Continuing a reply (a raw prompt ending in its open assistant turn): the same turn as
    #: chat messages, the partial reply last, for servers that take no raw prompt.
    continues: tuple[Message, ...] = ()

    @classmethod
    def chat(
        cls,
        messages: Iterable[Message],
        params: SamplingParams | None = None,
        *,
        stream: bool = True,
    ) -> GenerationRequest:
        msgs = tuple(messages)
        if not any(m.role is not Role.SYSTEM and m.content.strip() for m in msgs):
            raise RequestError("There is nothing to send: write a message first.")
        return cls(PromptMode.CHAT, msgs, "", (params or SamplingParams()).validated(), stream)

    @classmethod
    def unscoped(
        cls, prompt: str, params: SamplingParams | None = None, *, stream: bool = True
    ) -> GenerationRequest:
        if not prompt.strip():
            raise RequestError("There is nothing to send: the prompt is empty.")
        return cls(
            PromptMode.UNSCOPED, (), prompt, (params or SamplingParams()).validated(), stream
        )

    @classmethod
    def raw(
        cls,
        prompt: str,
        params: SamplingParams | None = None,
        *,
        stream: bool = True,
        continues: Iterable[Message] = (),
    ) -> GenerationRequest:
        if not prompt.strip():
            raise RequestError("There is nothing to send: the raw prompt is empty.")
        params = (params or SamplingParams()).validated()
        return cls(PromptMode.RAW, (), prompt, params, stream, tuple(continues))

    def estimated_prompt_tokens(self) -> int:
        """A deliberately generous estimate, used only to keep max_tokens inside the window."""
        if self.mode is PromptMode.CHAT:
            return sum(estimate_tokens(m.content) + _TOKENS_PER_MESSAGE for m in self.messages) + 1
        return estimate_tokens(self.prompt) + _TOKENS_PER_MESSAGE

    def fitted_to(self, context_window: int | None) -> GenerationRequest:
        """This request with max_tokens filled in and clamped to what the window leaves."""
        params = self.params.with_max_tokens_for(context_window, self.estimated_prompt_tokens())
        return replace(self, params=params)


def estimate_tokens(text: str) -> int:
    """Rough Llama 3 token count: about four UTF-8 bytes per token for prose."""
    return math.ceil(len(text.encode("utf-8", "surrogatepass")) / 4)
