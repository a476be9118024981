"""Stored conversations as the sidebar and search see them: records, summaries, hits, titles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from app.core.chat_settings import ChatSettings
from app.core.request import Role

TITLE_MAX_CHARS: Final = 60
CHAT: Final = "chat"
COMPARE: Final = "compare"


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """A sidebar row: enough to paint it, nothing more."""

    id: int
    title: str
    pinned: bool
    updated_at: float
    kind: str = CHAT  # CHAT, or COMPARE: panes side by side (HistoryStore.load_compare)


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A conversation's own settings: what it is called and how its replies are asked for."""

    id: int
    title: str
    settings: ChatSettings = field(default_factory=ChatSettings)
    pinned: bool = False
    title_is_auto: bool = True
    created_at: float = 0.0
    updated_at: float = 0.0
    kind: str = CHAT  # CHAT or COMPARE
    compare_of: int | None = None  # a compare's pane: the compare conversation
    pane: int | None = None  # a pane's place, 0-based from the left


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text match: where to jump (conversation, message) and the text around it."""

    conversation_id: int
    message_id: int
    conversation_title: str
    snippet: str
    role: Role
    #: A hit inside a compare: `conversation_id` is the compare, this the pane holding it.
    pane_id: int | None = None


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
