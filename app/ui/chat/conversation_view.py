"""The conversation pane: rendered messages, a live reply whose repaints are batched, actions.

No call here blocks the event loop for long, whatever the messages hold: every message is cut
into chunks of bounded cost (``message_html``), and each call or timer turn inserts chunks only
until a budget of this thread's CPU time is spent (at least one chunk, so work always advances);
the rest follows on later turns of the event loop. Two queues of work:

* the end of the document: messages appended and the live reply, strictly in order;
* a chat being opened (``show_messages``): drawn from its last message backwards, each message
  written top-down in front of those already shown, so the last screenful appears first and the
  view stays put (or at the end, when following) while earlier messages load above it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core.actions import MessageAction
from app.core.message import ChatMessage
from app.core.request import Role
from app.ui.chat import conversation_accessible as accessible
from app.ui.chat.document_edits import (
    end_cursor,
    insert_html,
    new_plain_block,
    open_block,
    remove_to_end,
)
from app.ui.chat.front_loader import FrontLoader
from app.ui.chat.live_reply import LiveReply
from app.ui.chat.message_html import Chunk, header_html, message_chunks, weight
from app.ui.chat.reply_footer import ReplyFooter, Versions, footer_html
from app.ui.markdown.anchors import COPY_SCHEME
from app.ui.markdown.warm_up import warm_up_rendering
from app.ui.style import ChatStyle

if TYPE_CHECKING:  # the rendering stack loads after the first paint (see markdown.warm_up)
    from app.ui.markdown.render import MarkdownRenderer

#: A streamed token waits up to this long for its repaint, plus the repaint itself (up to ~20 ms
#: on a 100k-token conversation): 20 keeps every token inside the 50 ms budget; 33 did not.
DEFAULT_BATCH_MS = 20
#: CPU time one timer turn may spend writing before it lets the event loop run (the last
#: chunk may overrun it by about one chunk, ~8 ms).
DEFAULT_TURN_MS = 8
#: CPU time a call (show_messages, end_reply, ...) may spend before it leaves the rest to timer
#: turns. Whatever the time, a call first draws chunks whose estimated weight (from the text
#: alone, so the same on every run) adds up to CALL_FLOOR_US: a short chat or the end of a
#: normal reply is always complete when the call returns, on a loaded machine too.
DEFAULT_CALL_MS = 16
CALL_FLOOR_US = 12_000
#: After this long (the window is up by then), the rendering stack and the common code lexers
#: load in the background.
WARM_UP_AFTER_MS = 1000
_FOLLOW_SLACK_PX = 24

_EndJob = tuple[int, Iterator[Chunk]] | LiveReply


class ConversationView(QTextBrowser):
    """One QTextDocument; closed Markdown blocks are appended once, only the open tail changes."""

    action_requested = Signal(object, int)  # (MessageAction, index of the message shown)
    reply_painted = Signal(
        int
    )  # characters of the live reply now on screen (for tests, benchmarks)
    messages_loaded = Signal()  # everything given to show_messages is on screen
    settled = Signal()  # nothing is left to write until more text arrives (compare highlights)
    reply_announced = Signal(str)  # what screen readers were told when a reply ended

    def __init__(
        self,
        style: ChatStyle,
        parent: QWidget | None = None,
        batch_ms: int = DEFAULT_BATCH_MS,
        turn_ms: float = DEFAULT_TURN_MS,
        call_ms: float = DEFAULT_CALL_MS,
    ) -> None:
        super().__init__(parent)
        self.message_nodes = accessible.attach(self, self.message_position)  # first: see attach
        self.setObjectName("conversationView")
        self.setAccessibleName(QCoreApplication.translate("ConversationView", "Conversation"))
        self.setToolTip(
            QCoreApplication.translate(
                "ConversationView",
                "The conversation. Links under each reply copy, continue or retry it.",
            )
        )
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        doc = self.document()
        doc.setUndoRedoEnabled(False)  # a read-only log: undo history would only grow memory
        doc.setDocumentMargin(18)
        self._style = style
        self._markdown: MarkdownRenderer | None = None  # made on first use
        self._turn_s = turn_ms / 1000
        self._call_s = call_ms / 1000
        self._deadline = 0.0  # thread CPU time at which this call or turn should stop
        self._floor = 0  # weight it draws first, whatever the time
        self._drawn = 0  # weight it has drawn
        self._live: LiveReply | None = None  # the reply still receiving text
        self._end_jobs: deque[_EndJob] = deque()
        self._front = FrontLoader(doc)
        self._loading = False
        self._markers: dict[int, QTextCursor] = {}  # message index -> its header's position
        self._painted_chars = 0
        self._follow = True
        self._versions_of: Callable[[ChatMessage], Versions] = lambda _m: (1, 1)
        self._footer: ReplyFooter = footer_html
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(batch_ms)
        self._flush_timer.timeout.connect(self._on_flush_timer_timeout)
        self._work_timer = QTimer(self)
        self._work_timer.setSingleShot(True)
        self._work_timer.setInterval(0)
        self._work_timer.timeout.connect(self._on_work_timer_timeout)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        QTimer.singleShot(WARM_UP_AFTER_MS, self, warm_up_rendering)

    def set_versions_source(self, versions_of: Callable[[ChatMessage], Versions]) -> None:
        """Where footers learn "‹ 2/3 ›": (which, of how many) versions a message has."""
        self._versions_of = versions_of

    def set_reply_footer(self, footer: ReplyFooter) -> None:
        """What is written under finished replies from now on (the caller redraws the chat)."""
        self._footer = footer

    # -- whole conversation ---------------------------------------------------------------

    def show_messages(self, messages: list[ChatMessage]) -> None:
        """Replace the conversation shown; the end first, earlier messages as the loop allows."""
        self._flush_timer.stop()
        self._work_timer.stop()
        self._live = None
        self._end_jobs.clear()
        self._markers.clear()
        self.document().clear()
        self.message_nodes.replace(messages)
        self._front.start(
            messages, lambda: self._renderer, self._style, self._versions_of, self._footer
        )
        self._loading = True
        self._follow = True
        self._run(self._call_s, CALL_FLOOR_US)
        self._scroll_to_end()

    @property
    def loading(self) -> bool:
        """True while earlier messages of the chat given to show_messages are still being drawn."""
        return self._loading

    def append_message(self, index: int, message: ChatMessage) -> None:
        chunks = message_chunks(
            index, message, self._renderer, self._style, self._versions_of, footer=self._footer
        )
        self.message_nodes.put(index, message)
        self._end_jobs.append((index, chunks))
        self._run(self._call_s, CALL_FLOOR_US)
        self._scroll_to_end()

    # -- the live reply ----------------------------------------------------------------------

    def begin_reply(self, index: int) -> None:
        if self._live is not None:
            self._live.end(None)  # never ended: it keeps its text, without a footer
        self._live = LiveReply(index, self._renderer)
        self.message_nodes.begin_live(index)
        self._painted_chars = 0
        self._end_jobs.append(self._live)
        self._run(self._call_s, CALL_FLOOR_US)
        self._follow = True  # the user asked: show where the answer is coming
        self._scroll_to_end()

    def continue_reply(self, index: int, existing_text: str) -> None:
        """Continue: the reply's text so far is redrawn and grows from there."""
        self.begin_reply(index)
        assert self._live is not None
        self._live.receive(existing_text)
        self.message_nodes.add_live(existing_text)
        self._run(self._call_s, CALL_FLOOR_US)

    def append_delta(self, text: str) -> None:
        if self._live is None:
            return
        self._live.receive(text)
        self.message_nodes.add_live(text)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def end_reply(self, message: ChatMessage) -> None:
        live = self._live
        if live is None:
            return
        self._flush_timer.stop()
        self._live = None
        live.end(message)
        self.message_nodes.end_live(live.index, message)
        self._run(self._call_s, CALL_FLOOR_US)
        self.reply_announced.emit(accessible.announce_finished(self, message))

    # -- writing, a budget at a time ------------------------------------------------------------

    def _on_flush_timer_timeout(self) -> None:
        self._run(self._turn_s)

    def _on_work_timer_timeout(self) -> None:
        self._run(self._turn_s)

    def _run(self, budget_s: float, floor: int = 0) -> None:
        """Write chunks of `floor` weight, then on until this thread has spent `budget_s` of
        CPU; leave the rest to later turns of the event loop."""
        self._deadline = time.thread_time() + budget_s
        self._floor = floor
        self._drawn = 0
        self._write_end()
        if not self._spent():
            self._write_front()
        if self._loading and not self._front.pending:
            self._loading = False
            self.messages_loaded.emit()
        if self._has_work():
            self._work_timer.start()
        else:
            self.settled.emit()

    @property
    def writing(self) -> bool:  # something given to the view is not written yet
        return self._has_work()

    def _spent(self) -> bool:
        return self._drawn >= self._floor and time.thread_time() >= self._deadline

    def _has_work(self) -> bool:
        if self._front.pending:
            return True
        if not self._end_jobs:
            return False
        head = self._end_jobs[0]
        return not isinstance(head, LiveReply) or head.has_work

    def _write_end(self) -> None:
        while self._end_jobs:
            job = self._end_jobs[0]
            if isinstance(job, LiveReply):
                if not job.done:
                    self._write_live(job)
                if not job.done:
                    return
                self._end_jobs.popleft()
                continue
            index, chunks = job
            chunk = next(chunks, None)
            if chunk is None:
                self._end_jobs.popleft()
                continue
            if chunk.html:
                cursor = end_cursor(self.document())
                open_block(cursor)
                self._insert(cursor, chunk, index)
            self._drawn += chunk.weight
            self._scroll_if_following()
            if self._spent():
                return

    def _write_live(self, live: LiveReply) -> None:
        """Closed blocks of the live reply (as many as the budget allows), then its tail."""
        if live.tail_anchor is None:
            cursor = end_cursor(self.document())
            open_block(cursor)
            header = header_html(Role.ASSISTANT, live.index, self._style)
            self._insert(cursor, Chunk(header, 0, 0, True), live.index)
            new_plain_block(cursor)
            live.start_at(cursor)
            cursor.insertHtml(f'<p style="color:{self._style.muted}">…</p>')
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        remove_to_end(cursor, live.tail_start)
        while not self._spent():
            block = live.stream.take_block()
            if block is None:
                if live.read_some():  # text received at once is read a piece at a time
                    continue
                break
            insert_html(cursor, block.html)
            new_plain_block(cursor)
            live.shown_to(cursor, block.end)
            self._drawn += weight(block.html, block.chars)
        stream = live.stream
        caught_up = not stream.pending_blocks and live.all_read
        if caught_up and (stream.finished or not live.ended):
            if not live.ended:
                tail = stream.tail_html()
                if tail:
                    insert_html(cursor, tail)
                live.painted = stream.total_chars
            else:
                if live.message is not None:
                    versions = self._versions_of(live.message)
                    footer = self._footer(live.index, live.message, self._style, versions)
                    cursor.insertHtml(footer)
                    live.painted = len(live.message.text)
                live.done = True
        cursor.endEditBlock()
        self._painted_chars = live.painted
        self.reply_painted.emit(live.painted)
        self._scroll_if_following()

    def _write_front(self) -> None:
        """Earlier messages of the chat being opened, in front of what is shown, keeping the
        view where it was (or at the end, when following)."""
        bar = self.verticalScrollBar()
        layout = self.document().documentLayout()
        while self._front.pending:
            value, height = bar.value(), layout.documentSize().height()
            drawn = self._front.draw_next()
            self._drawn += drawn.weight
            if drawn.header is not None:
                self._mark(*drawn.header)
            if drawn.inserted:
                # Qt updates the scroll range on its next turn; do it now so this turn's paint
                # already shows the same lines as before.
                layout.documentSizeChanged.emit(layout.documentSize())
                if self._follow:
                    self._scroll_to_end()
                else:
                    bar.setValue(value + round(layout.documentSize().height() - height))
            if self._spent():
                return

    def _insert(self, cursor: QTextCursor, chunk: Chunk, index: int) -> None:
        start = cursor.position()
        insert_html(cursor, chunk.html)
        if chunk.opens_message:
            self._mark(index, start)

    def _mark(self, index: int, position: int) -> None:
        """Remember where message `index` starts; the cursor moves along with later edits."""
        marker = QTextCursor(self.document())
        marker.setPosition(position)
        self._markers[index] = marker

    # -- positions and scrolling ------------------------------------------------------------

    def message_position(self, index: int) -> int | None:
        """Where message `index` starts in the document (its header), if it is shown."""
        marker = self._markers.get(index)
        return None if marker is None else marker.position()

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
        self._markdown = None

    @property
    def _renderer(self) -> MarkdownRenderer:
        if self._markdown is None:
            from app.ui.markdown.render import MarkdownRenderer

            self._markdown = MarkdownRenderer(self._style.markdown)
        return self._markdown

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
        if scheme == COPY_SCHEME and rest.isdigit():
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
