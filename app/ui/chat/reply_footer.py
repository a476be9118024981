"""The line under each reply: its figures, why it stopped, and the action that helps next."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from app.core.conversation import ChatMessage, ReplyState
from app.core.errors import ErrorCategory

if TYPE_CHECKING:
    from app.ui.style import ChatStyle

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


def failure_action(category: ErrorCategory) -> tuple[str, str]:
    """(action id, link text) of the one action that fixes a failure category."""
    if category in _SETTINGS_FIXES:
        return "settings", "Open endpoint settings"
    if category in _NEW_CHAT_FIXES:
        return "new-chat", "Start a new chat"
    return "retry", "Retry"


def stats_text(message: ChatMessage) -> str:
    parts = []
    if message.ttft_ms is not None:
        parts.append(f"{message.ttft_ms / 1000:.2f} s to first token")
    if message.tokens_per_s is not None:
        parts.append(f"{message.tokens_per_s:.0f} tokens/s")
    if message.usage is not None:
        parts.append(f"{message.usage.prompt_tokens} in · {message.usage.completion_tokens} out")
    if message.finish_reason is not None and message.state is ReplyState.DONE:
        parts.append("finished" if not message.cut_by_limit else "cut by max_tokens")
    return " · ".join(parts)


def footer_html(index: int, message: ChatMessage, style: ChatStyle) -> str:
    links = [("copy", "Copy")]
    notice = ""
    if message.state is ReplyState.FAILED and message.failure is not None:
        action, label = failure_action(message.failure.category)
        links.insert(0, (action, label))
        notice = (
            f'<p style="margin-top:6px; color:{style.error};">'
            f"{html.escape(message.failure.message)}</p>"
        )
    elif message.state is ReplyState.STOPPED:
        links.insert(0, ("retry", "Regenerate"))
        notice = (
            f'<p style="margin-top:6px; color:{style.muted};">Stopped. The text so far is kept.</p>'
        )
    elif message.cut_by_limit:
        links.insert(0, ("continue", "Continue"))
        notice = (
            f'<p style="margin-top:6px; color:{style.warning};">This reply reached the '
            "max_tokens limit and was cut off.</p>"
        )

    def link(action: str, label: str) -> str:
        if not action:
            return label  # an arrow with nowhere to go stays plain text
        return (
            f'<a href="action:{action}:{index}" style="color:{style.accent}; '
            f'text-decoration:none;">{label}</a>'
        )

    anchors = " &nbsp;·&nbsp; ".join(link(action, label) for action, label in links)
    if message.versions is not None:  # other versions (Retry, Continue) are kept: "‹ 2/3 ›"
        which, count = message.versions
        versions = (
            f"{link('version-prev' if which > 1 else '', '‹')} {which}/{count} "
            f"{link('version-next' if which < count else '', '›')}"
        )
        anchors = f"{versions} &nbsp;·&nbsp; {anchors}"
    stats = html.escape(stats_text(message))
    sep = " &nbsp;·&nbsp; " if stats else ""
    return (
        notice + f'<p style="margin-top:4px; margin-bottom:10px; color:{style.muted}; '
        f'font-size:small;">{stats}{sep}{anchors}</p>'
    )


def user_footer_html(index: int, message: ChatMessage, style: ChatStyle) -> str:
    """Under the user's message: Edit (a new version; the old one is kept), and its versions."""
    links = [_link(index, "edit", "Edit", style)]
    if message.versions is not None:
        which, count = message.versions
        links.insert(0, _versions(index, which, count, style))
    return (
        f'<p style="margin-top:0; margin-bottom:6px; color:{style.muted}; '
        f'font-size:small;">{" &nbsp;·&nbsp; ".join(links)}</p>'
    )


def _link(index: int, action: str, label: str, style: ChatStyle) -> str:
    if not action:
        return label  # an arrow with nowhere to go stays plain text
    return (
        f'<a href="action:{action}:{index}" style="color:{style.accent}; '
        f'text-decoration:none;">{label}</a>'
    )


def _versions(index: int, which: int, count: int, style: ChatStyle) -> str:
    """ "‹ 2/3 ›": the arrows are links while there is a version that way."""
    back = _link(index, "version-prev" if which > 1 else "", "‹", style)
    ahead = _link(index, "version-next" if which < count else "", "›", style)
    return f"{back} {which}/{count} {ahead}"
