"""The conversation's accessible interfaces: a list of messages, each read on its own, and the
announcement of a finished reply (Qt 6.8+).

A QTextBrowser is exposed by Qt as one text area: a screen reader meets the whole chat as one
block. Our factory gives the conversation view a list interface whose items are its message
nodes (``message_nodes``), each with its author, plain text and place on screen; Qt makes and
drops each item's interface with its node.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QAccessibleObject,
)
from PySide6.QtWidgets import QAccessibleWidget, QTextBrowser, QWidget

from app.core.message import ChatMessage, MessageState
from app.ui.chat.message_nodes import MessageNode, MessageNodes

#: Qt keeps every factory installed for the life of the process: install ours once.
_installed: list[bool] = []


def attach(view: QTextBrowser, position_of: Callable[[int], int | None]) -> MessageNodes:
    """The message nodes `view` (a ConversationView: it imports this module) keeps in step,
    `position_of` telling where each message starts; and Qt told to ask us for the view's
    interfaces (the factory once per process: Qt has no way to remove one).

    Call it first in the view's constructor: with a screen reader running, Qt asks for a
    widget's interface as soon as its name is set, and keeps the first answer it gets."""
    if not _installed:
        QAccessible.installFactory(_accessible_for)
        _installed.append(True)
    return MessageNodes(view, position_of)


def _accessible_for(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, MessageNode):
        return MessageAccessible(obj)
    nodes = _nodes_of(obj)
    if nodes is not None and isinstance(obj, QTextBrowser):
        return ConversationAccessible(obj, nodes)
    return None


def _nodes_of(obj: QObject | None) -> MessageNodes | None:
    """The message nodes of a conversation view (see attach); None for anything else."""
    nodes = getattr(obj, "message_nodes", None)
    return nodes if isinstance(nodes, MessageNodes) else None


# PySide's stubs say child(), parent(), childAt() and focusChild() never return None: Qt's C++
# returns nullptr for "none", which is what None becomes (hence the ignores below).


class ConversationAccessible(QAccessibleWidget):
    """The conversation as a list: one item per message, in the order shown."""

    def __init__(self, view: QTextBrowser, nodes: MessageNodes) -> None:
        super().__init__(view, QAccessible.Role.List, view.accessibleName())
        self._nodes = nodes

    def childCount(self) -> int:
        return len(self._nodes.nodes)

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        nodes = self._nodes.nodes
        return (
            QAccessible.queryAccessibleInterface(nodes[index]) if 0 <= index < len(nodes) else None
        )

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        node = child.object() if child is not None else None
        nodes = self._nodes.nodes
        return nodes.index(node) if isinstance(node, MessageNode) and node in nodes else -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None  # the view itself has the focus; its items are read, not focused

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        for index in range(self.childCount()):
            child = self.child(index)
            if child is not None and child.rect().contains(x, y):
                return child
        return None


class MessageAccessible(QAccessibleObject):
    """One message: "author: plain text" as its name, its place on screen as its rectangle."""

    def __init__(self, node: MessageNode) -> None:
        super().__init__(node)
        self._node = node

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self._node.parent()
        return QAccessible.queryAccessibleInterface(view) if view is not None else None

    def child(self, _index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, _x: int, _y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.readOnly = True
        state.selectable = False
        return state

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._node.spoken()
        if kind == QAccessible.Text.Description:
            return self._node.description
        return ""

    def rect(self) -> QRect:
        view = self._node.parent()
        nodes = _nodes_of(view)
        if nodes is None or not isinstance(view, QTextBrowser):
            return QRect()
        return message_rect(view, nodes, self._node.index)


def message_rect(view: QTextBrowser, nodes: MessageNodes, index: int) -> QRect:
    """Where message `index` is drawn, in screen coordinates (empty when it is not drawn yet)."""
    start = nodes.position_of(index)
    if start is None:
        return QRect()
    doc = view.document()
    layout = doc.documentLayout()
    end = nodes.position_of(index + 1)
    top = layout.blockBoundingRect(doc.findBlock(start)).top()
    if end is None:
        bottom = layout.documentSize().height()
    else:
        bottom = layout.blockBoundingRect(doc.findBlock(max(start, end - 1))).bottom()
    scrolled = view.verticalScrollBar().value()
    viewport = view.viewport()
    origin = viewport.mapToGlobal(QPoint(0, round(top) - scrolled))
    return QRect(origin.x(), origin.y(), viewport.width(), max(1, round(bottom - top)))


def finished_announcement(message: ChatMessage) -> str:
    """What a screen reader says when a reply has ended."""
    if message.state is MessageState.FAILED:
        reason = message.failure.message if message.failure is not None else ""
        return QCoreApplication.translate("Conversation", "The reply failed. {reason}").format(
            reason=reason
        )
    if message.state is MessageState.STOPPED:
        return QCoreApplication.translate("Conversation", "Reply stopped.")
    return QCoreApplication.translate("Conversation", "Reply finished.")


def announce_finished(view: QWidget, message: ChatMessage) -> str:
    """Ask screen readers to say that the reply ended (politely: after what they are saying);
    returns what they were asked to say."""
    text = finished_announcement(message)
    if QAccessible.isActive():
        event = QAccessibleAnnouncementEvent(view, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
    return text
