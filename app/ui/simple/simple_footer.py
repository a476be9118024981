"""Under a reply in Simple mode: a plain sentence when it failed, and plain actions; no figures."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from app.core.actions import MessageAction
from app.core.errors import ErrorCategory
from app.core.message import ChatMessage, MessageState
from app.ui.chat.reply_footer import Versions
from app.ui.simple.plain_errors import plain_message
from app.ui.style import ChatStyle

_SEP = " &nbsp;·&nbsp; "
_KEY_FIXES = frozenset({ErrorCategory.BAD_TOKEN, ErrorCategory.MISSING_SETTING})
_NEW_CHAT_FIXES = frozenset({ErrorCategory.CONTEXT_TOO_LONG, ErrorCategory.REQUEST_TOO_LARGE})


class SimpleFooter:
    """A `ReplyFooter`: `key_pasteable` when the user's own key can fix a refused one."""

    def __init__(self, contact_sentence: str = "", *, key_pasteable: bool = False) -> None:
        self.contact_sentence = contact_sentence
        self.key_pasteable = key_pasteable

    def __call__(
        self, index: int, message: ChatMessage, style: ChatStyle, versions: Versions
    ) -> str:
        notice, colour = "", style.muted
        failure = message.shown_failure
        if message.failed and failure is not None:
            notice, colour = self.failure_text(failure.category), style.error
        elif message.state is MessageState.STOPPED:
            notice = QCoreApplication.translate("SimpleFooter", "Stopped. The text so far is kept.")
        elif message.cut_by_limit:
            notice, colour = (
                QCoreApplication.translate("SimpleFooter", "This answer was cut short."),
                style.warning,
            )
        shown = (
            f'<p style="margin-top:6px; color:{colour};">{html.escape(notice)}</p>'
            if notice
            else ""
        )
        links = [_link(index, action, label, style) for action, label in self._actions(message)]
        if versions[1] > 1:
            links.insert(0, _versions(index, versions, style))
        return shown + (
            f'<p style="margin-top:4px; margin-bottom:10px; color:{style.muted}; '
            f'font-size:small;">{_SEP.join(links)}</p>'
        )

    def failure_text(self, category: ErrorCategory) -> str:
        return plain_message(
            category, contact_sentence=self.contact_sentence, key_pasteable=self.key_pasteable
        )

    def _actions(self, message: ChatMessage) -> list[tuple[MessageAction, str]]:
        if message.state is MessageState.STREAMING:
            return []
        actions: list[tuple[MessageAction, str]] = []
        failure = message.shown_failure
        if message.failed and failure is not None:
            if failure.category in _KEY_FIXES and self.key_pasteable:
                actions.append(
                    (
                        MessageAction.OPEN_SETTINGS,
                        QCoreApplication.translate("SimpleFooter", "Enter your key again"),
                    )
                )
            if failure.category in _NEW_CHAT_FIXES:
                actions.append(
                    (
                        MessageAction.NEW_CHAT,
                        QCoreApplication.translate("SimpleFooter", "Start a new chat"),
                    )
                )
            actions.append(
                (MessageAction.REGENERATE, QCoreApplication.translate("SimpleFooter", "Try again"))
            )
        else:
            if message.state is MessageState.DONE and message.cut_by_limit:
                actions.append(
                    (MessageAction.CONTINUE, QCoreApplication.translate("SimpleFooter", "Continue"))
                )
            actions.append(
                (MessageAction.REGENERATE, QCoreApplication.translate("SimpleFooter", "Ask again"))
            )
        actions.append((MessageAction.COPY, QCoreApplication.translate("SimpleFooter", "Copy")))
        return actions


def _link(index: int, action: MessageAction | None, label: str, style: ChatStyle) -> str:
    if action is None:
        return html.escape(label)
    return (
        f'<a href="action:{action.value}:{index}" style="color:{style.accent}; '
        f'text-decoration:none;">{html.escape(label)}</a>'
    )


def _versions(index: int, versions: Versions, style: ChatStyle) -> str:
    """ "‹ 2/3 ›": which answer of several is shown; the arrows switch between them."""
    which, count = versions
    back = _link(index, MessageAction.VERSION_PREV if which > 1 else None, "‹", style)
    ahead = _link(index, MessageAction.VERSION_NEXT if which < count else None, "›", style)
    return f"{back} {which}/{count} {ahead}"
