"""The line under each message: its figures, why it stopped, and the actions that help next."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.actions import MessageAction, offered_actions, provenance_actions
from app.core.message import ChatMessage, MessageState

if TYPE_CHECKING:
    from app.ui.style import ChatStyle

_LABELS = {
    MessageAction.COPY: "Copy",
    MessageAction.CONTINUE: "Continue",
    MessageAction.REGENERATE: "Regenerate",
    MessageAction.EDIT: "Edit",
    MessageAction.OPEN_SETTINGS: "Open endpoint settings",
    MessageAction.NEW_CHAT: "Start a new chat",
    MessageAction.REPLAY: "Replay",
    MessageAction.COMPARE: "Compare replies…",
    MessageAction.DETAILS: "Details",
}
_SEP = " &nbsp;·&nbsp; "

#: (which, of how many) versions of a message; (1, 1) when it has no others.
Versions = tuple[int, int]
#: What draws the line under a finished reply (Simple mode has its own, with plain words).
ReplyFooter = Callable[[int, ChatMessage, "ChatStyle", Versions], str]


def action_label(action: MessageAction, message: ChatMessage) -> str:
    if action is MessageAction.REGENERATE and message.failed:
        return "Retry"
    return _LABELS.get(action, str(action))


def stats_text(message: ChatMessage) -> str:
    parts = []
    if message.ttft_ms is not None:
        parts.append(f"{message.ttft_ms / 1000:.2f} s to first token")
    if message.tokens_per_s is not None:
        parts.append(f"{message.tokens_per_s:.0f} tokens/s")
    if message.usage is not None:
        parts.append(f"{message.usage.prompt_tokens} in · {message.usage.completion_tokens} out")
    if message.finish_reason is not None and message.state is MessageState.DONE:
        parts.append("finished" if not message.cut_by_limit else "cut by max_tokens")
    return " · ".join(parts)


def footer_html(index: int, message: ChatMessage, style: ChatStyle, versions: Versions) -> str:
    """Under a reply: why it stopped (if it did not finish), its figures and its actions."""
    notice = ""
    failure = message.shown_failure
    if message.failed and failure is not None:
        notice = (
            f'<p style="margin-top:6px; color:{style.error};">{html.escape(failure.message)}</p>'
        )
    elif message.state is MessageState.STOPPED:
        notice = (
            f'<p style="margin-top:6px; color:{style.muted};">Stopped. The text so far is kept.</p>'
        )
    elif message.cut_by_limit:
        notice = (
            f'<p style="margin-top:6px; color:{style.warning};">This reply reached the '
            "max_tokens limit and was cut off.</p>"
        )
    actions = (*offered_actions(message), *provenance_actions(message, versions[1]))
    links = [_link(index, action, action_label(action, message), style) for action in actions]
    if versions[1] > 1:  # other versions are kept: "‹ 2/3 ›"
        links.insert(0, _versions(index, versions, style))
    stats = html.escape(stats_text(message))
    sep = _SEP if stats else ""
    return (
        notice + f'<p style="margin-top:4px; margin-bottom:10px; color:{style.muted}; '
        f'font-size:small;">{stats}{sep}{_SEP.join(links)}</p>'
    )


def user_footer_html(index: int, message: ChatMessage, style: ChatStyle, versions: Versions) -> str:
    """Under the user's message: Edit (a new version; the old one is kept), and its versions."""
    links = [_link(index, MessageAction.EDIT, "Edit", style)]
    if versions[1] > 1:
        links.insert(0, _versions(index, versions, style))
    return (
        f'<p style="margin-top:0; margin-bottom:6px; color:{style.muted}; '
        f'font-size:small;">{_SEP.join(links)}</p>'
    )


def _link(index: int, action: MessageAction | None, label: str, style: ChatStyle) -> str:
    if action is None:
        return label  # an arrow with nowhere to go stays plain text
    return (
        f'<a href="action:{action.value}:{index}" style="color:{style.accent}; '
        f'text-decoration:none;">{label}</a>'
    )


def _versions(index: int, versions: Versions, style: ChatStyle) -> str:
    """ "‹ 2/3 ›": the arrows are links while there is a version that way."""
    which, count = versions
    back = _link(index, MessageAction.VERSION_PREV if which > 1 else None, "‹", style)
    ahead = _link(index, MessageAction.VERSION_NEXT if which < count else None, "›", style)
    return f"{back} {which}/{count} {ahead}"
