"""The conversation pane: rendered messages, a live reply whose repaints are batched, actions."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core.actions import MessageAction
from app.core.message import ChatMessage, MessageState
from app.core.request import Role
from app.ui.chat.reply_footer import footer_html, user_footer_html
from app.ui.markdown.render import MarkdownRenderer
from app.ui.markdown.stream import StreamingMarkdown
from app.ui.style import ChatStyle

#: A streamed token waits up to this long for its repaint, plus the repaint itself (up to ~20 ms
#: on a 100k-token conversation): 20 keeps every token inside the 50 ms budget; 33 did not.
DEFAULT_BATCH_MS = 20
_FOLLOW_SLACK_PX = 24
_ANCHOR = "message-"


class ConversationView(QTextBrowser):
    """One QTextDocument; closed Markdown blocks are appended once, only the open tail changes."""

    action_requested = Signal(object, int)  # (MessageAction, index of the message shown)
    reply_painted = Signal(
        int
    )  # characters of the live reply now on screen (for tests, benchmarks)

    def __init__(
        self, style: ChatStyle, parent: QWidget | None = None, batch_ms: int = DEFAULT_BATCH_MS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationView")
        self.setAccessibleName("Conversation")
        self.setToolTip("The conversation. Links under each reply copy, continue or retry it.")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        doc = self.document()
        doc.setUndoRedoEnabled(False)  # a read-only log: undo history would only grow memory
        doc.setDocumentMargin(18)
        self._style = style
        self._renderer = MarkdownRenderer(style.markdown)
        self._stream: StreamingMarkdown | None = None
        self._tail_start = 0
        self._reply_index = -1
        self._painted_chars = 0
        self._follow = True
        self._versions_of: Callable[[ChatMessage], tuple[int, int]] = lambda _m: (1, 1)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(batch_ms)
        self._flush_timer.timeout.connect(self._flush)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def set_versions_source(self, versions_of: Callable[[ChatMessage], tuple[int, int]]) -> None:
        """Where footers learn "‹ 2/3 ›": (which, of how many) versions a message has."""
        self._versions_of = versions_of

    # -- whole conversation ---------------------------------------------------------------

    def show_messages(self, messages: list[ChatMessage]) -> None:
        self._flush_timer.stop()
        self._stream = None
        parts = [self._message_html(i, m) for i, m in enumerate(messages)]
        self.document().setHtml("".join(parts))
        self._follow = True
        self._scroll_to_end()

    def append_message(self, index: int, message: ChatMessage) -> None:
        self._insert_at_end(self._message_html(index, message))
        self._scroll_to_end()

    # -- the live reply ----------------------------------------------------------------------

    def begin_reply(self, index: int) -> None:
        self._reply_index = index
        self._stream = StreamingMarkdown(self._renderer)
        self._painted_chars = 0
        self._insert_at_end(self._header_html(Role.ASSISTANT, index))
        cursor = self._end_cursor()
        _new_plain_block(cursor)
        self._tail_start = cursor.position()
        self._insert_tail(f'<p style="color:{self._style.muted}">…</p>')
        self._follow = True  # the user asked: show where the answer is coming
        self._scroll_to_end()

    def continue_reply(self, index: int, existing_text: str) -> None:
        """Continue: the reply's text so far is redrawn and grows from there."""
        self.begin_reply(index)
        assert self._stream is not None
        self._stream.feed(existing_text)
        self._flush()

    def append_delta(self, text: str) -> None:
        if self._stream is None:
            return
        self._stream.feed(text)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def end_reply(self, message: ChatMessage) -> None:
        if self._stream is None:
            return
        self._flush_timer.stop()
        final = self._stream.finish()
        self._stream = None
        cursor = self._cut_tail()
        if final:
            _insert_html(cursor, final)
        _new_plain_block(cursor)
        versions = self._versions_of(message)
        cursor.insertHtml(footer_html(self._reply_index, message, self._style, versions))
        cursor.endEditBlock()
        self._painted_chars = len(message.text)
        self.reply_painted.emit(self._painted_chars)
        self._scroll_if_following()

    def _flush(self) -> None:
        stream = self._stream
        if stream is None:
            return
        closed = stream.take_closed_html()
        cursor = self._cut_tail()
        if closed:
            _insert_html(cursor, closed)
            _new_plain_block(cursor)
            self._tail_start = cursor.position()
        tail = stream.tail_html()
        if tail:
            _insert_html(cursor, tail)
        cursor.endEditBlock()
        self._painted_chars = len(stream.text)
        self._scroll_if_following()
        self.reply_painted.emit(self._painted_chars)

    def _cut_tail(self) -> QTextCursor:
        """Open an edit block and remove the live tail; the cursor sits where it was."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        _reset_block(cursor)  # the removed tail's list/table format must not linger
        return cursor

    # -- html pieces -----------------------------------------------------------------------

    def _message_html(self, index: int, message: ChatMessage) -> str:
        body = (
            self._user_html(message.text)
            if message.role is Role.USER
            else self._renderer.render(message.text)
        )
        footer = ""
        if message.role is Role.USER:
            footer = user_footer_html(index, message, self._style, self._versions_of(message))
        elif message.state is not MessageState.STREAMING:
            footer = footer_html(index, message, self._style, self._versions_of(message))
        return self._header_html(message.role, index) + body + footer

    def _header_html(self, role: Role, index: int) -> str:
        name = "You" if role is Role.USER else "Llama"
        color = self._style.muted if role is Role.USER else self._style.accent
        # The anchor lets a search hit land on its own message (see message_position).
        return (
            f'<p style="margin-top:14px; margin-bottom:4px; color:{color};">'
            f'<a name="{_ANCHOR}{index}"></a><b>{name}</b></p>'
        )

    def message_position(self, index: int) -> int | None:
        """Where message `index` starts in the document (its header), if it is shown."""
        name = f"{_ANCHOR}{index}"
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if name in fragment.charFormat().anchorNames():
                    return int(fragment.position())
                it += 1
            block = block.next()
        return None

    def _user_html(self, text: str) -> str:
        escaped = html.escape(text).replace("\n", "<br>")
        return (
            f'<table width="100%" cellpadding="10" cellspacing="0" '
            f'bgcolor="{self._style.user_background}" style="margin-bottom:6px;">'
            f"<tr><td>{escaped}</td></tr></table>"
        )

    # -- cursor and scrolling helpers ---------------------------------------------------------

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _insert_at_end(self, fragment: str) -> None:
        cursor = self._end_cursor()
        if cursor.block().length() > 1:
            _new_plain_block(cursor)
        cursor.insertHtml(fragment)

    def _insert_tail(self, fragment: str) -> None:
        cursor = self._end_cursor()
        cursor.insertHtml(fragment)

    def _on_scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - _FOLLOW_SLACK_PX

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A taller status line or composer shrinks the view: the end stays in sight if it was.
        following = self._follow
        super().resizeEvent(event)
        if following:
            self._scroll_to_end()

    def _scroll_if_following(self) -> None:
        if self._follow:
            self._scroll_to_end()

    def _scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def set_style(self, style: ChatStyle) -> None:
        """New colours for what is drawn next; the caller redraws the conversation."""
        self._style = style
        self._renderer = MarkdownRenderer(style.markdown)

    @property
    def painted_chars(self) -> int:
        return self._painted_chars

    def set_point_size(self, size: float) -> None:
        font = self.document().defaultFont()
        font.setPointSizeF(size)
        self.document().setDefaultFont(font)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        target = url.toString()
        scheme, _, rest = target.partition(":")
        if scheme == "copy-code" and rest.isdigit():
            code = self._renderer.code_for(int(rest))
            if code is not None:
                QGuiApplication.clipboard().setText(code)
        elif scheme == "action":
            name, _, index = rest.partition(":")
            if name in set(MessageAction):
                action = MessageAction(name)
                self.action_requested.emit(action, int(index) if index.isdigit() else -1)

    def plain_text(self) -> str:
        return self.document().toPlainText()


def _insert_html(cursor: QTextCursor, fragment: str) -> None:
    """insertHtml, minus the empty line Qt leaves when a fragment starts with a list."""
    start = cursor.position()
    cursor.insertHtml(fragment)
    block = cursor.document().findBlock(start)
    following = block.next()
    if block.length() == 1 and following.isValid() and following.textList() is not None:
        probe = QTextCursor(following)
        if probe.currentTable() is None:  # deleting next to a table would eat its cells
            eraser = QTextCursor(block)
            eraser.deleteChar()


def _new_plain_block(cursor: QTextCursor) -> None:
    """A new block that inherits nothing: otherwise a closed list swallows the next block."""
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    _reset_block(cursor)


def _reset_block(cursor: QTextCursor) -> None:
    cursor.setBlockFormat(QTextBlockFormat())
    cursor.setCharFormat(QTextCharFormat())
    current = cursor.currentList()
    if current is not None:
        current.remove(cursor.block())
