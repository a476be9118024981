"""The reply being streamed into the view: its splitter, where its tail starts, what is shown."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor

from app.core.message import ChatMessage

if TYPE_CHECKING:  # the rendering stack loads after the first paint (see markdown.warm_up)
    from app.ui.markdown.render import MarkdownRenderer

#: Text given at once beyond this (a Continue of a long reply) is read a piece per step: reading
#: costs up to ~0.5 µs a character.
FEED_CHARS = 16_384


class LiveReply:
    """One streamed reply: closed blocks are written once before its tail, which is redrawn."""

    def __init__(self, index: int, renderer: MarkdownRenderer) -> None:
        from app.ui.markdown.stream import StreamingMarkdown

        self.index = index
        self.stream = StreamingMarkdown(renderer)
        self._unread: deque[str] = deque()  # text received but not read yet, in order
        self.tail_anchor: QTextCursor | None = None  # None until its header is written
        self.message: ChatMessage | None = None  # the finished message, once the stream ended
        self.ended = False
        self.done = False  # everything, footer included, is written
        self.painted = 0  # characters of the reply on screen

    def start_at(self, cursor: QTextCursor) -> None:
        """The tail starts where `cursor` is; text inserted before it moves it along."""
        anchor = QTextCursor(cursor.document())
        anchor.setPosition(cursor.position())
        # Insertions exactly at the anchor are the reply's own blocks and tail: it stays put.
        anchor.setKeepPositionOnInsert(True)
        self.tail_anchor = anchor

    @property
    def tail_start(self) -> int:
        assert self.tail_anchor is not None
        return self.tail_anchor.position()

    def shown_to(self, cursor: QTextCursor, end: int) -> None:
        """Blocks up to reply offset `end` are written and the tail now starts at `cursor`."""
        assert self.tail_anchor is not None
        self.tail_anchor.setPosition(cursor.position())
        self.painted = end

    def receive(self, text: str) -> None:
        """More text of the reply: read now if it is a token, a piece per step if it is long."""
        if self._unread or len(text) > FEED_CHARS:
            self._unread.append(text)
        else:
            self.stream.feed(text)

    def read_some(self) -> bool:
        """Read one piece of what was received; False once all is read (and the stream ended,
        if the reply has)."""
        if self._unread:
            text = self._unread.popleft()
            if len(text) > FEED_CHARS:
                self._unread.appendleft(text[FEED_CHARS:])
                text = text[:FEED_CHARS]
            self.stream.feed(text)
            return True
        if self.ended and not self.stream.finished:
            self.stream.end()
            return True
        return False

    @property
    def all_read(self) -> bool:
        return not self._unread

    def end(self, message: ChatMessage | None) -> None:
        """No more text; `message` (None: none) gets its footer once everything is written."""
        self.ended = True
        self.message = message
        if message is None and self.tail_anchor is None:
            self.done = True  # never started: nothing to write

    @property
    def has_work(self) -> bool:
        """Something to write now (not just waiting for more text)."""
        if self.done:
            return False
        return (
            self.tail_anchor is None
            or bool(self.stream.pending_blocks)
            or bool(self._unread)
            or self.ended
        )
