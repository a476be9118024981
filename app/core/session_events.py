"""The changes a ChatSession announces to its listeners (views, the history), in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.chat_settings import ChatSettings
from app.core.message import ChatMessage

# Listeners get these in order, on the thread that made the change.


@dataclass(frozen=True, eq=False)
class MessageAdded:
    message: ChatMessage
    parent: ChatMessage | None


@dataclass(frozen=True, eq=False)
class MessageRemoved:
    message: ChatMessage


@dataclass(frozen=True, eq=False)
class ReplyStarted:
    message: ChatMessage
    continued: bool  # Continue: the same version grows from its current text


@dataclass(frozen=True, eq=False)
class ReplyGrew:
    message: ChatMessage
    text: str


@dataclass(frozen=True, eq=False)
class ReplyEnded:
    message: ChatMessage


@dataclass(frozen=True, eq=False)
class BranchSelected:
    """The path shown now runs through `message` (another version was chosen)."""

    message: ChatMessage


@dataclass(frozen=True)
class SettingsChanged:
    settings: ChatSettings
    before: ChatSettings
    #: Settings (or parameter) names the change asked for but the administrator's policy kept.
    refused: tuple[str, ...] = ()


SessionChange = (
    MessageAdded
    | MessageRemoved
    | ReplyStarted
    | ReplyGrew
    | ReplyEnded
    | BranchSelected
    | SettingsChanged
)
Listener = Callable[[SessionChange], None]
