"""A conversation in memory: its messages, each reply's outcome and figures, and its next request."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from app.core.errors import Failure
from app.core.events import FinishReason, Usage
from app.core.params import SamplingParams
from app.core.reply import ReplyRecorder
from app.core.request import GenerationRequest, Message, PromptMode, Role
from app.core.template import llama3_prompt


class ReplyState(enum.StrEnum):
    DONE = "done"
    STREAMING = "streaming"
    STOPPED = "stopped"  # the user pressed Stop; partial text kept
    FAILED = "failed"  # partial text (if any) kept, failure says why


@dataclass
class ChatMessage:
    role: Role
    text: str
    state: ReplyState = ReplyState.DONE
    finish_reason: FinishReason | None = None
    failure: Failure | None = None
    usage: Usage | None = None
    ttft_ms: float | None = None
    tokens_per_s: float | None = None
    model: str | None = None
    #: (which, of how many) when other versions of this reply exist, e.g. (2, 3) for "2/3"
    versions: tuple[int, int] | None = None

    @property
    def cut_by_limit(self) -> bool:
        return self.finish_reason is FinishReason.LENGTH

    def record(self, recorder: ReplyRecorder) -> None:
        """Copy a finished reply's text and figures into this message."""
        self.text = recorder.text
        self.usage = recorder.usage
        self.ttft_ms = recorder.ttft_ms
        self.tokens_per_s = recorder.tokens_per_s
        self.model = recorder.model
        self.finish_reason = recorder.finish_reason
        self.failure = recorder.failure
        if recorder.failure is not None:
            self.state = ReplyState.FAILED
        elif recorder.finish_reason is FinishReason.CANCELLED:
            self.state = ReplyState.STOPPED
        else:
            self.state = ReplyState.DONE


@dataclass
class Conversation:
    messages: list[ChatMessage] = field(default_factory=list)

    def add_user(self, text: str) -> ChatMessage:
        message = ChatMessage(Role.USER, text)
        self.messages.append(message)
        return message

    def start_reply(self) -> ChatMessage:
        message = ChatMessage(Role.ASSISTANT, "", ReplyState.STREAMING)
        self.messages.append(message)
        return message

    def history(self, system_prompt: str) -> list[Message]:
        """Messages to send: the system prompt, then every turn that has text."""
        out = [Message(Role.SYSTEM, system_prompt)] if system_prompt.strip() else []
        out.extend(Message(m.role, m.text) for m in self.messages if m.text.strip())
        return out

    def request(
        self, system_prompt: str, mode: PromptMode, params: SamplingParams, raw_prompt: str = ""
    ) -> GenerationRequest:
        """The next request in the chosen mode (raises RequestError/ParameterError with the fix)."""
        if mode is PromptMode.RAW:
            return GenerationRequest.raw(raw_prompt or self.raw_prompt(system_prompt), params)
        if mode is PromptMode.UNSCOPED:
            last_user = next((m.text for m in reversed(self.messages) if m.role is Role.USER), "")
            return GenerationRequest.unscoped(last_user, params)
        return GenerationRequest.chat(self.history(system_prompt), params)

    def raw_prompt(self, system_prompt: str) -> str:
        return llama3_prompt(self.history(system_prompt))

    def continuation(
        self, system_prompt: str, params: SamplingParams, reply: ChatMessage
    ) -> GenerationRequest:
        """Continue `reply` where max_tokens cut it: a raw prompt whose assistant turn is open."""
        index = self.messages.index(reply)
        before = Conversation(self.messages[:index]).history(system_prompt)
        return GenerationRequest.raw(llama3_prompt(before, open_reply=reply.text), params)
