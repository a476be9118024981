"""One message of a chat, in memory and in storage: its text, state, outcome and figures."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.provenance import Provenance
from app.core.reply import ReplyRecorder
from app.core.request import Role


class MessageState(enum.StrEnum):
    DONE = "done"
    STREAMING = "streaming"
    STOPPED = "stopped"  # the user pressed Stop; partial text kept
    FAILED = "failed"  # partial text (if any) kept, failure says why
    INTERRUPTED = "interrupted"  # LlamaDesk closed while it streamed; recovered at the next start


CRASH_INTERRUPTED_TEXT: Final = QT_TRANSLATE_NOOP(
    "Message",
    "LlamaDesk closed before this reply finished (it was recovered when LlamaDesk started "
    "again). The text so far is kept; Retry asks again.",
)


def crash_interrupted() -> Failure:
    """Why an interrupted reply without a failure of its own stopped, in the user's language."""
    return Failure(ErrorCategory.INTERRUPTED, translate("Message", CRASH_INTERRUPTED_TEXT))


@dataclass(eq=False)
class ChatMessage:
    """A message; equal only to itself (a chat may hold two messages with the same text).

    `id` is the history row once stored (None before, or when history is off). Where the
    message sits in its conversation (parent, versions) is the session's business.
    """

    role: Role
    text: str
    state: MessageState = MessageState.DONE
    finish_reason: FinishReason | None = None
    failure: Failure | None = None
    usage: Usage | None = None
    ttft_ms: float | None = None
    tokens_per_s: float | None = None
    model: str | None = None
    id: int | None = None
    created_at: float = 0.0
    updated_at: float = 0.0
    provenance: Provenance | None = None  # where it came from; None for the user's, and old replies

    @property
    def cut_by_limit(self) -> bool:
        return self.finish_reason is FinishReason.LENGTH

    @property
    def failed(self) -> bool:
        """It did not finish: a failure, or LlamaDesk closing while it streamed."""
        return self.state in (MessageState.FAILED, MessageState.INTERRUPTED)

    @property
    def shown_failure(self) -> Failure | None:
        """The failure to show: an interrupted reply without one says LlamaDesk closed."""
        if self.state is MessageState.INTERRUPTED and self.failure is None:
            return crash_interrupted()
        return self.failure

    def record(self, recorder: ReplyRecorder, prefix: str = "") -> None:
        """Copy a finished reply's text (after `prefix`, for Continue) and figures into this one."""
        self.text = prefix + recorder.text
        self.usage = recorder.usage
        self.ttft_ms = recorder.ttft_ms
        self.tokens_per_s = recorder.tokens_per_s
        self.model = recorder.model
        self.finish_reason = recorder.finish_reason
        self.failure = recorder.failure
        if recorder.failure is not None:
            self.state = MessageState.FAILED
        elif recorder.finish_reason is FinishReason.CANCELLED:
            self.state = MessageState.STOPPED
        else:
            self.state = MessageState.DONE
