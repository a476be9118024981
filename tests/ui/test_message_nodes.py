"""What a screen reader is given for one message: plain words, bounded, growing while it streams."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from app.core.errors import ErrorCategory, Failure
from app.core.message import ChatMessage, MessageState
from app.core.request import Role
from app.ui.chat.message_nodes import JOIN_EVERY, SPOKEN_CHARS, MessageNodes, plain_text


def test_markdown_marks_are_not_read_aloud() -> None:
    text = "# Title\n\nSome **bold**, *slanted* and `code`.\n\n- one\n- two\n\n```py\nx = 1\n```"
    assert plain_text(text) == "Title\nSome bold, slanted and code.\none\ntwo\nx = 1"


def test_a_huge_message_is_cut_and_says_so() -> None:
    spoken = plain_text("word " * SPOKEN_CHARS)
    assert len(spoken) < SPOKEN_CHARS + 100
    assert spoken.endswith("(The message goes on; the rest is in the conversation.)")


def test_a_streamed_reply_reads_whole_at_every_moment(qapp: Any) -> None:
    owner = QObject()
    nodes = MessageNodes(owner, lambda _index: None)
    nodes.replace([ChatMessage(Role.USER, "Count")])
    nodes.begin_live(1)
    for number in range(JOIN_EVERY * 3 + 5):
        nodes.add_live(f" {number}")
    [user, reply] = nodes.nodes
    assert len(reply._parts) < JOIN_EVERY  # a few pieces, not one per token (read before .text)
    assert user.spoken() == "You: Count"
    assert reply.text == "".join(f" {n}" for n in range(JOIN_EVERY * 3 + 5))
    failure = Failure(ErrorCategory.INTERRUPTED, "The connection dropped. Try again.")
    ended = ChatMessage(Role.ASSISTANT, reply.text, MessageState.FAILED, failure=failure)
    assert nodes.end_live(1, ended) is reply  # the same node: a screen reader keeps its place
    assert reply.spoken().endswith("\nThe connection dropped. Try again.")
    nodes.replace([])
    assert nodes.nodes == []
