"""A chat's messages as a tree of versions, and the changes to it announced to listeners.

Every message has a parent (None for the first); siblings under one parent are the versions of
that message ("‹ 2/3 ›"), and each parent remembers which child is shown. The conversation on
screen, and the one sent, is the path down those choices. ChatSession builds on it.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.message import ChatMessage, MessageState
from app.core.session_events import Listener, MessageAdded, MessageRemoved, SessionChange


class MessageTree:
    """The version tree of one chat: reading it, and the few edits the session makes."""

    def __init__(self) -> None:
        self._order: list[ChatMessage] = []  # every message, oldest first
        self._parent: dict[ChatMessage, ChatMessage | None] = {}
        self._children: dict[ChatMessage | None, list[ChatMessage]] = {None: []}
        self._chosen: dict[ChatMessage | None, ChatMessage] = {}
        self._path: list[ChatMessage] | None = None  # cached; None when it must be recomputed
        self._listeners: list[Listener] = []

    # -- listening ---------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every change from now on; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: SessionChange) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- reading the tree --------------------------------------------------------------------

    def path(self) -> list[ChatMessage]:
        """The conversation shown and sent: from the first message down each chosen version."""
        if self._path is None:
            path: list[ChatMessage] = []
            node = self._chosen.get(None)
            while node is not None:
                path.append(node)
                node = self._chosen.get(node)
            self._path = path
        return list(self._path)

    def messages(self) -> list[ChatMessage]:
        """Every message of every version, oldest first."""
        return list(self._order)

    def parent_of(self, message: ChatMessage) -> ChatMessage | None:
        return self._parent[message]

    def chosen_child(self, parent: ChatMessage | None) -> ChatMessage | None:
        """The version shown after `parent` (after nothing: the first message)."""
        return self._chosen.get(parent)

    def contains(self, message: ChatMessage) -> bool:
        return message in self._parent

    def versions_of(self, message: ChatMessage) -> tuple[int, int]:
        """(1-based position, count) among the versions of this message."""
        siblings = self._children[self._parent[message]]
        return siblings.index(message) + 1, len(siblings)

    def versions(self, message: ChatMessage) -> list[ChatMessage]:
        """Every version of this message (itself included), oldest first."""
        return list(self._children[self._parent[message]])

    def find(self, message_id: int) -> ChatMessage | None:
        """The message stored under `message_id`, if this session holds it."""
        return next((m for m in self._order if m.id == message_id), None)

    @property
    def streaming_reply(self) -> ChatMessage | None:
        path = self.path()
        if path and path[-1].state is MessageState.STREAMING:
            return path[-1]
        return None

    @property
    def is_empty(self) -> bool:
        return not self._order

    # -- the tree, inside --------------------------------------------------------------------

    def _path_to(self, message: ChatMessage | None) -> list[ChatMessage]:
        """`message` and its ancestors, first message first ([] for None)."""
        out: list[ChatMessage] = []
        while message is not None:
            out.append(message)
            message = self._parent[message]
        return out[::-1]

    def _link(self, message: ChatMessage, parent: ChatMessage | None) -> None:
        if parent is not None and parent not in self._parent:
            raise ValueError("the parent is not in this conversation")
        self._order.append(message)
        self._parent[message] = parent
        self._children.setdefault(parent, []).append(message)
        self._children[message] = []
        self._chosen[parent] = message
        self._path = None

    def _add(self, message: ChatMessage, parent: ChatMessage | None) -> None:
        self._link(message, parent)
        self._announce(MessageAdded(message, parent))

    def _remove(self, message: ChatMessage) -> None:
        """Take a message with no versions below it out of the tree."""
        if self._children[message]:
            raise ValueError("a message with replies cannot be removed")
        parent = self._parent.pop(message)
        siblings = self._children[parent]
        siblings.remove(message)
        del self._children[message]
        self._order.remove(message)
        if self._chosen.get(parent) is message:
            if siblings:
                self._chosen[parent] = siblings[-1]
            else:
                del self._chosen[parent]
        self._path = None
        self._announce(MessageRemoved(message))
