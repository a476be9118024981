"""The conversation's accessible interfaces: a list of messages, each read on its own, and the
announcement of a finished reply (Qt 6.8+).

A QTextBrowser is exposed by Qt as one text area: a screen reader meets the whole chat as one
block. Our factory gives the conversation view a list interface whose items are its message
nodes (``message_nodes``), each with its author, plain text and place on screen; Qt makes and
drops each item's interface with its node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QAccessibleObject,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from app.core.message import ChatMessage, MessageState
from app.ui.chat.message_nodes import MessageNode, MessageNodes

if TYPE_CHECKING:
    from app.ui.chat.conversation_view import ConversationView

#: Qt keeps every factory installed for the life of the process: install ours once.
_installed: list[bool] = []


def attach(view: ConversationView) -> MessageNodes:
    """The message nodes `view` keeps in step, and Qt told to ask us for its interfaces (the
    factory once per process: Qt has no way to remove one)."""
    if not _installed:
        QAccessible.installFactory(_accessible_for)
        _installed.append(True)
    return MessageNodes(view)


def _accessible_for(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    from app.ui.chat.conversation_view import ConversationView

    if isinstance(obj, MessageNode):
        return MessageAccessible(obj)
    if isinstance(obj, ConversationView):
        return ConversationAccessible(obj)
    return None


# PySide's stubs say child(), parent(), childAt() and focusChild() never return None: Qt's C++
# returns nullptr for "none", which is what None becomes (hence the ignores below).


class ConversationAccessible(QAccessibleWidget):
    """The conversation as a list: one item per message, in the order shown."""

    def __init__(self, view: ConversationView) -> None:
        super().__init__(view, QAccessible.Role.List, view.accessibleName())
        self._nodes: MessageNodes = view.message_nodes

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
        from app.ui.chat.conversation_view import ConversationView

        view = self._node.parent()
        return (
            message_rect(view, self._node.index) if isinstance(view, ConversationView) else QRect()
        )


def message_rect(view: ConversationView, index: int) -> QRect:
    """Where message `index` is drawn, in screen coordinates (empty when it is not drawn yet)."""
    start = view.message_position(index)
    if start is None:
        return QRect()
    doc = view.document()
    layout = doc.documentLayout()
    end = view.message_position(index + 1)
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
