"""A chat opened from its end: messages drawn last first, each top-down, in front of those shown.

Qt lays out everything after an edit again, moving block by block; an edit at the top of a long
document would move all of it. Text inside a frame moves with its frame in one step, so what is
drawn here goes into frames (several chunks each: every frame costs each later edit a little,
and an edit inside a frame lays that frame out from its start).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFrame

from app.core.message import ChatMessage
from app.ui.chat.document_edits import insert_framed, insert_html, open_block
from app.ui.chat.message_html import Chunk, message_chunks
from app.ui.chat.reply_footer import ReplyFooter, Versions, footer_html
from app.ui.style import ChatStyle

if TYPE_CHECKING:  # the rendering stack loads after the first paint (see markdown.warm_up)
    from app.ui.markdown.render import MarkdownRenderer

_MESSAGE_GAP_PX = 14  # above a message's header (as its header paragraph asks)
_CHUNK_GAP_PX = 8  # between two frames of one long message
CHUNKS_PER_FRAME = 10


class Drawn(NamedTuple):
    weight: int  # the chunk's weight (see message_html.Chunk)
    inserted: bool  # the document changed
    header: tuple[int, int] | None  # (message index, position) when a message's header was drawn


class FrontLoader:
    """Draws the messages of a chat being opened, one chunk per call, from the last message."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._messages: list[tuple[int, ChatMessage]] = []  # still to draw; the last is next
        self._chunks: Iterator[Chunk] | None = None
        self._index = -1  # the message being drawn
        self._frame: QTextFrame | None = None  # where that message grows
        self._frame_chunks = 0
        self._renderer: Callable[[], MarkdownRenderer] | None = None  # made when first needed
        self._style: ChatStyle | None = None
        self._versions_of: Callable[[ChatMessage], Versions] = lambda _m: (1, 1)
        self._footer: ReplyFooter = footer_html

    def start(
        self,
        messages: list[ChatMessage],
        renderer: Callable[[], MarkdownRenderer],
        style: ChatStyle,
        versions_of: Callable[[ChatMessage], Versions],
        footer: ReplyFooter = footer_html,
    ) -> None:
        """Draw `messages` (the document was just cleared) in place of anything still pending."""
        self._messages = list(enumerate(messages))
        self._chunks = None
        self._frame = None
        self._renderer, self._style, self._versions_of = renderer, style, versions_of
        self._footer = footer

    @property
    def pending(self) -> bool:
        return self._chunks is not None or bool(self._messages)

    def draw_next(self) -> Drawn:
        """Draw the next chunk (or scan the next piece of a long message)."""
        while self._chunks is None or (chunk := next(self._chunks, None)) is None:
            if not self._messages:
                self._chunks = None
                return Drawn(0, False, None)
            assert self._renderer is not None and self._style is not None
            self._index, message = self._messages.pop()
            self._chunks = message_chunks(
                self._index,
                message,
                self._renderer(),
                self._style,
                self._versions_of,
                footer=self._footer,
            )
        if not chunk.html:
            return Drawn(chunk.weight, False, None)
        header = None
        if chunk.opens_message or self._frame is None:
            self._frame, start = insert_framed(self._document, 0, chunk.html, _MESSAGE_GAP_PX)
            self._frame_chunks = 1
            header = (self._index, start)
        elif self._frame_chunks < CHUNKS_PER_FRAME:
            cursor = QTextCursor(self._document)
            cursor.setPosition(self._frame.lastPosition())
            cursor.beginEditBlock()
            open_block(cursor)
            insert_html(cursor, chunk.html)
            cursor.endEditBlock()
            self._frame_chunks += 1
        else:
            after = self._frame.lastPosition() + 1
            self._frame, _ = insert_framed(self._document, after, chunk.html, _CHUNK_GAP_PX)
            self._frame_chunks = 1
        return Drawn(chunk.weight, True, header)
