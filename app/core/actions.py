"""What the user can do with a message, and which action fixes which failure."""

from __future__ import annotations

import enum

from app.core.errors import ErrorCategory
from app.core.message import ChatMessage, MessageState
from app.core.request import Role


class MessageAction(enum.StrEnum):
    COPY = "copy"
    CONTINUE = "continue"  # extend a reply cut by max_tokens (the same version grows)
    REGENERATE = "regenerate"  # ask again: a new version of the reply, the old one kept
    EDIT = "edit"  # change a sent message: a new version (branch) of the conversation
    VERSION_PREV = "version-prev"
    VERSION_NEXT = "version-next"
    OPEN_SETTINGS = "settings"  # the fix is in the endpoint settings
    NEW_CHAT = "new-chat"  # the fix is a shorter conversation
    REPLAY = "replay"  # send the reply's stored request again, byte for byte: a new version
    COMPARE = "compare"  # two versions of the reply side by side
    DETAILS = "details"  # where the reply came from: endpoint, prompt, the exact request


_SETTINGS_FIXES = frozenset(
    {
        ErrorCategory.BAD_TOKEN,
        ErrorCategory.WRONG_ACCOUNT,
        ErrorCategory.MISSING_SETTING,
        ErrorCategory.UNKNOWN_MODEL,
        ErrorCategory.DEPRECATED_MODEL,
        ErrorCategory.TLS,
    }
)
_NEW_CHAT_FIXES = frozenset({ErrorCategory.CONTEXT_TOO_LONG, ErrorCategory.REQUEST_TOO_LARGE})


def fix_for(category: ErrorCategory) -> MessageAction | None:
    """The action that fixes a failure before asking again, if asking again is not enough."""
    if category in _SETTINGS_FIXES:
        return MessageAction.OPEN_SETTINGS
    if category in _NEW_CHAT_FIXES:
        return MessageAction.NEW_CHAT
    return None


def offered_actions(message: ChatMessage) -> tuple[MessageAction, ...]:
    """The actions under a message, most useful first (version arrows are not included).

    Every reply that is not streaming can be regenerated; a failed one offers its fix first
    and still offers Retry, so that once the setting is fixed one click asks again.
    """
    if message.role is Role.USER:
        return (MessageAction.EDIT,)
    if message.state is MessageState.STREAMING:
        return ()
    if message.failed:
        failure = message.shown_failure
        fix = fix_for(failure.category) if failure is not None else None
        head = (fix,) if fix is not None else ()
        return (*head, MessageAction.REGENERATE, MessageAction.COPY)
    if message.state is MessageState.DONE and message.cut_by_limit:
        return (MessageAction.CONTINUE, MessageAction.REGENERATE, MessageAction.COPY)
    return (MessageAction.REGENERATE, MessageAction.COPY)


def provenance_actions(message: ChatMessage, version_count: int) -> tuple[MessageAction, ...]:
    """After a finished reply's actions: Replay (when it has one stored request), Compare
    (when it has other versions) and Details (always)."""
    if message.role is not Role.ASSISTANT or message.state is MessageState.STREAMING:
        return ()
    replay = (MessageAction.REPLAY,) if message.provenance and message.provenance.replayable else ()
    compare = (MessageAction.COMPARE,) if version_count > 1 else ()
    return (*replay, *compare, MessageAction.DETAILS)
