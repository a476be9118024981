"""The line under each message: its figures, why it stopped, and the actions that help next."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.core.actions import MessageAction, offered_actions, provenance_actions
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.message import ChatMessage, MessageState

if TYPE_CHECKING:
    from app.ui.style import ChatStyle

_LABELS = {
    MessageAction.COPY: QT_TRANSLATE_NOOP("ReplyFooter", "Copy"),
    MessageAction.CONTINUE: QT_TRANSLATE_NOOP("ReplyFooter", "Continue"),
    MessageAction.REGENERATE: QT_TRANSLATE_NOOP("ReplyFooter", "Regenerate"),
    MessageAction.EDIT: QT_TRANSLATE_NOOP("ReplyFooter", "Edit"),
    MessageAction.OPEN_SETTINGS: QT_TRANSLATE_NOOP("ReplyFooter", "Open endpoint settings"),
    MessageAction.NEW_CHAT: QT_TRANSLATE_NOOP("ReplyFooter", "Start a new chat"),
    MessageAction.REPLAY: QT_TRANSLATE_NOOP("ReplyFooter", "Replay"),
    MessageAction.COMPARE: QT_TRANSLATE_NOOP("ReplyFooter", "Compare replies…"),
    MessageAction.DETAILS: QT_TRANSLATE_NOOP("ReplyFooter", "Details"),
}
_SEP = " &nbsp;·&nbsp; "

#: (which, of how many) versions of a message; (1, 1) when it has no others.
Versions = tuple[int, int]
#: What draws the line under a finished reply (Simple mode has its own, with plain words).
ReplyFooter = Callable[[int, ChatMessage, "ChatStyle", Versions], str]


def action_label(action: MessageAction, message: ChatMessage) -> str:
    if action is MessageAction.REGENERATE and message.failed:
        return QCoreApplication.translate("ReplyFooter", "Retry")
    return QCoreApplication.translate("ReplyFooter", _LABELS.get(action, str(action)))


def stats_text(message: ChatMessage) -> str:
    parts = []
    if message.ttft_ms is not None:
        parts.append(
            QCoreApplication.translate("ReplyFooter", "{value:.2f} s to first token").format(
                value=message.ttft_ms / 1000
            )
        )
    if message.tokens_per_s is not None:
        parts.append(
            QCoreApplication.translate("ReplyFooter", "{tokens_per_s:.0f} tokens/s").format(
                tokens_per_s=message.tokens_per_s
            )
        )
    if message.usage is not None:
        parts.append(
            QCoreApplication.translate(
                "ReplyFooter", "{prompt_tokens} in · {completion_tokens} out"
            ).format(
                prompt_tokens=message.usage.prompt_tokens,
                completion_tokens=message.usage.completion_tokens,
            )
        )
    if message.finish_reason is not None and message.state is MessageState.DONE:
        parts.append(
            QCoreApplication.translate("ReplyFooter", "finished")
            if not message.cut_by_limit
            else QCoreApplication.translate("ReplyFooter", "cut by max_tokens")
        )
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
        notice = QCoreApplication.translate(
            "ReplyFooter",
            '<p style="margin-top:6px; color:{muted};">Stopped. The text so far is kept.</p>',
        ).format(muted=style.muted)
    elif message.cut_by_limit:
        notice = QCoreApplication.translate(
            "ReplyFooter",
            '<p style="margin-top:6px; color:{warning};">This reply reached the max_tokens limit and was cut off.</p>',
        ).format(warning=style.warning)
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
    links = [
        _link(index, MessageAction.EDIT, QCoreApplication.translate("ReplyFooter", "Edit"), style)
    ]
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
