"""Which actions a message offers: every finished reply can be regenerated; failures their fix."""

from __future__ import annotations

import pytest

from app.core.actions import MessageAction, fix_for, offered_actions
from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason
from app.core.message import ChatMessage, MessageState
from app.core.request import Role

A = MessageAction


def reply(state: MessageState, **kw: object) -> ChatMessage:
    return ChatMessage(Role.ASSISTANT, "text", state, **kw)  # type: ignore[arg-type]


def test_a_user_message_can_be_edited() -> None:
    assert offered_actions(ChatMessage(Role.USER, "q")) == (A.EDIT,)


def test_a_streaming_reply_offers_nothing_yet() -> None:
    assert offered_actions(reply(MessageState.STREAMING)) == ()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (reply(MessageState.DONE, finish_reason=FinishReason.STOP), (A.REGENERATE, A.COPY)),
        (
            reply(MessageState.DONE, finish_reason=FinishReason.LENGTH),
            (A.CONTINUE, A.REGENERATE, A.COPY),
        ),
        (reply(MessageState.STOPPED), (A.REGENERATE, A.COPY)),
        (reply(MessageState.INTERRUPTED), (A.REGENERATE, A.COPY)),
        (
            reply(MessageState.FAILED, failure=Failure(ErrorCategory.BAD_TOKEN, "refused")),
            (A.OPEN_SETTINGS, A.REGENERATE, A.COPY),
        ),
        (
            reply(MessageState.FAILED, failure=Failure(ErrorCategory.CONTEXT_TOO_LONG, "full")),
            (A.NEW_CHAT, A.REGENERATE, A.COPY),
        ),
        (
            reply(MessageState.FAILED, failure=Failure(ErrorCategory.SERVER_ERROR, "500")),
            (A.REGENERATE, A.COPY),
        ),
    ],
)
def test_every_finished_reply_can_be_asked_again(
    message: ChatMessage, expected: tuple[MessageAction, ...]
) -> None:
    assert offered_actions(message) == expected


def test_an_interrupted_reply_says_llamadesk_closed() -> None:
    message = reply(MessageState.INTERRUPTED)
    assert message.failed and message.shown_failure is not None
    assert message.shown_failure.category is ErrorCategory.INTERRUPTED


def test_fixes_by_category() -> None:
    assert fix_for(ErrorCategory.TLS) is A.OPEN_SETTINGS
    assert fix_for(ErrorCategory.REQUEST_TOO_LARGE) is A.NEW_CHAT
    assert fix_for(ErrorCategory.TIMEOUT) is None
