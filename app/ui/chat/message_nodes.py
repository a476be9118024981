"""The conversation as a screen reader reads it: one node per message, its author and plain text.

The view draws every message into one QTextDocument, which assistive technology would meet as a
single block of rich text. Beside it the view keeps one small QObject per message shown (a
child of the view, so it goes with it); ``conversation_accessible`` exposes them as the items of
the conversation's accessible list. A streamed token costs one list append here; the plain text
is worked out only when a screen reader asks for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAccessible, QAccessibleEvent

from app.core.message import ChatMessage
from app.core.request import Role
from app.ui.chat.message_html import ASSISTANT_NAME

#: A screen reader gets at most this much of one message's text (the rest: a note saying so).
SPOKEN_CHARS = 20_000
#: A streamed reply's pieces are joined every this many tokens (~0.4 µs a token otherwise).
JOIN_EVERY = 256


class MessageNode(QObject):
    """One message shown: who wrote it and its text (growing while a reply streams)."""

    def __init__(self, parent: QObject, index: int, role: Role, text: str = "") -> None:
        super().__init__(parent)
        self.index = index
        self.role = role
        self._parts = [text]
        self.failure = ""  # why a reply failed, read after its text
        self._spoken: tuple[int, str] | None = None  # (length of the text, its spoken form)

    def add(self, text: str) -> None:
        self._parts.append(text)
        if len(self._parts) >= JOIN_EVERY:  # a list of a few pieces, not one per token
            self._parts = ["".join(self._parts)]

    def set_text(self, text: str) -> None:
        self._parts = [text]

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0]

    @property
    def author(self) -> str:
        if self.role is Role.USER:
            return QCoreApplication.translate("Conversation", "You")
        return ASSISTANT_NAME

    @property
    def description(self) -> str:
        if self.role is Role.USER:
            return QCoreApplication.translate("Conversation", "Your message")
        return QCoreApplication.translate("Conversation", "Reply from the assistant")

    def spoken(self) -> str:
        """ "Author: plain text", as read aloud (Markdown marks gone, bounded)."""
        text = self.text
        if self._spoken is None or self._spoken[0] != len(text):
            self._spoken = (len(text), plain_text(text))
        body = self._spoken[1] or QCoreApplication.translate("Conversation", "(no text yet)")
        if self.failure:
            body = f"{body}\n{self.failure}"
        return QCoreApplication.translate("Conversation", "{author}: {text}").format(
            author=self.author, text=body
        )


class MessageNodes:
    """The view's message nodes, in the order shown, kept in step with what it draws."""

    def __init__(self, view: QObject, position_of: Callable[[int], int | None]) -> None:
        self._view = view
        self.position_of = position_of  # where message `index` starts in the view's document
        self._nodes: dict[int, MessageNode] = {}
        self._ordered: list[MessageNode] | None = None
        self._live: MessageNode | None = None

    @property
    def nodes(self) -> list[MessageNode]:
        if self._ordered is None:
            self._ordered = [self._nodes[i] for i in sorted(self._nodes)]
        return self._ordered

    def replace(self, messages: list[ChatMessage]) -> None:
        for node in self._nodes.values():
            self._tell(node, QAccessible.Event.ObjectDestroyed)
            node.setParent(None)
            node.deleteLater()
        self._nodes.clear()
        self._live = None
        self._ordered = None
        for index, message in enumerate(messages):
            self.put(index, message)

    def put(self, index: int, message: ChatMessage) -> MessageNode:
        node = self._nodes.get(index)
        if node is None or node.role is not message.role:
            if node is not None:
                node.setParent(None)
                node.deleteLater()
            node = self._nodes[index] = MessageNode(self._view, index, message.role)
            self._ordered = None
            node.set_text(message.text)
            self._tell(node, QAccessible.Event.ObjectCreated)
        else:
            node.set_text(message.text)
            self._tell(node, QAccessible.Event.NameChanged)
        node.failure = message.failure.message if message.failure is not None else ""
        return node

    def begin_live(self, index: int, text: str = "") -> None:
        self._live = self.put(index, ChatMessage(Role.ASSISTANT, text))

    def add_live(self, text: str) -> None:
        if self._live is not None:
            self._live.add(text)

    def end_live(self, index: int, message: ChatMessage) -> MessageNode:
        self._live = None
        return self.put(index, message)

    def _tell(self, node: MessageNode, event: QAccessible.Event) -> None:
        """Screen readers learn of the change (nothing to do when none is listening)."""
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(node, event))


def plain_text(markdown: str) -> str:
    """The words of a Markdown text without its marks: what a sighted user reads."""
    from markdown_it import MarkdownIt  # loaded once a screen reader asks, not at start

    text = markdown[:SPOKEN_CHARS]
    lines: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "inline":
            words = "".join(
                child.content if child.type in ("text", "code_inline") else " "
                for child in token.children or ()
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            lines.append(words)
        elif token.type in ("fence", "code_block"):
            lines.append(token.content.rstrip("\n"))
    spoken = "\n".join(line for line in lines if line.strip())
    if len(markdown) > SPOKEN_CHARS:
        spoken += "\n" + QCoreApplication.translate(
            "Conversation", "(The message goes on; the rest is in the conversation.)"
        )
    return spoken
