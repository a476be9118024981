"""Stored conversations as the history sees them: a tree of messages with branches, and summaries."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Final

from app.core.conversation import ChatMessage, ReplyState
from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.params import SamplingParams
from app.core.request import Role

TITLE_MAX_CHARS: Final = 60


CRASH_INTERRUPTED: Final = Failure(
    ErrorCategory.INTERRUPTED,
    "LlamaDesk closed before this reply finished (it was recovered when LlamaDesk started "
    "again). The text so far is kept; Retry asks again.",
)


class MessageState(enum.StrEnum):
    """ReplyState plus INTERRUPTED: the app died while this reply streamed."""

    DONE = "done"
    STREAMING = "streaming"
    STOPPED = "stopped"
    FAILED = "failed"
    INTERRUPTED = "interrupted"  # recovered after a crash; the partial text is kept

    def as_reply_state(self) -> ReplyState:
        # A reply cut by a crash reads like one the user stopped: partial text, no failure.
        return ReplyState.STOPPED if self is MessageState.INTERRUPTED else ReplyState(self.value)

    @classmethod
    def of(cls, message: ChatMessage) -> MessageState:
        return cls(message.state.value)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One message as stored: its place in the tree and among its siblings ('2/3')."""

    id: int
    conversation_id: int
    parent_id: int | None
    role: Role
    text: str
    state: MessageState = MessageState.DONE
    finish_reason: FinishReason | None = None
    failure: Failure | None = None
    usage: Usage | None = None
    ttft_ms: float | None = None
    tokens_per_s: float | None = None
    model: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0
    sibling_index: int = 0  # 0-based position among messages with the same parent
    sibling_count: int = 1

    @property
    def branch_label(self) -> str:
        """'2/3' for the second of three versions; '' when there is only one."""
        return f"{self.sibling_index + 1}/{self.sibling_count}" if self.sibling_count > 1 else ""

    def to_chat_message(self) -> ChatMessage:
        state, failure = self.state.as_reply_state(), self.failure
        if self.state is MessageState.INTERRUPTED and failure is None:
            # Shown as what it is: cut by a crash, not stopped by the user.
            state, failure = ReplyState.FAILED, CRASH_INTERRUPTED
        return ChatMessage(
            self.role,
            self.text,
            state,
            self.finish_reason,
            failure,
            self.usage,
            self.ttft_ms,
            self.tokens_per_s,
            self.model,
            (self.sibling_index + 1, self.sibling_count) if self.sibling_count > 1 else None,
        )


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """A sidebar row: enough to paint it, nothing more."""

    id: int
    title: str
    pinned: bool
    updated_at: float


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A conversation's own settings: what it is called and how its replies are asked for."""

    id: int
    title: str
    system_prompt: str = ""
    params: SamplingParams = field(default_factory=SamplingParams)
    profile_id: str = ""
    pinned: bool = False
    title_is_auto: bool = True
    created_at: float = 0.0
    updated_at: float = 0.0


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text match: where to jump (conversation, message) and the text around it."""

    conversation_id: int
    message_id: int
    conversation_title: str
    snippet: str
    role: Role


def auto_title(first_user_text: str) -> str:
    """A title from the first user message: its first line, cut at a word near TITLE_MAX_CHARS."""
    line = next((ln.strip() for ln in first_user_text.splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    if len(line) <= TITLE_MAX_CHARS:
        return line or "New conversation"
    cut = line[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    if len(cut) < TITLE_MAX_CHARS // 2 or len(cut) == TITLE_MAX_CHARS:  # a very long word
        cut = line[: TITLE_MAX_CHARS - 1]
    return cut.rstrip(" ,;:.-") + "…"
