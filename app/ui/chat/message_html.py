"""A message as HTML chunks of bounded cost, produced lazily: what the view inserts per step.

A chunk's cost is the time its Markdown took to render here plus an estimate of Qt's layout
(measured on 2 cores: ~0.35 µs per HTML character, ~50 µs per block, ~70 µs per table cell).
Blocks are merged up to ``CHUNK_COST`` so a long chat is written in a few dozen insertions, and
every step of the generator does about that much work at most, whatever the message holds.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Final, NamedTuple

from PySide6.QtCore import QCoreApplication

from app.core.message import ChatMessage, MessageState
from app.core.request import Role
from app.ui.chat.reply_footer import ReplyFooter, Versions, footer_html, user_footer_html
from app.ui.style import ChatStyle

if TYPE_CHECKING:  # the rendering stack loads after the first paint (see markdown.warm_up)
    from app.ui.markdown.render import MarkdownRenderer
    from app.ui.markdown.stream import StreamingMarkdown

ANCHOR = "message-"
#: Estimated µs of work per inserted chunk: small enough for several per 16 ms frame.
CHUNK_COST = 8_000
#: Characters of a message fed to its splitter per step (scanning costs up to ~0.5 µs a char).
FEED_CHARS = 16_384
#: A user's message longer than this is shown as several shaded pieces instead of one table.
USER_PIECE_CHARS = 4_096


_BLOCK_TAG = re.compile(r"<(?:p|pre|li|h[1-6]|tr)[ >]")


class Chunk(NamedTuple):
    html: str
    cost: int  # µs: rendering it took, plus Qt's estimated layout
    weight: int  # µs estimated from the text alone: the same on every run (see ConversationView)
    opens_message: bool  # starts with the message's header (its position is remembered)


def qt_cost(fragment: str) -> int:
    """Estimated µs for Qt to insert and lay out an HTML fragment."""
    cells = fragment.count("<td") + fragment.count("<th")
    tables = fragment.count("<table")
    blocks = len(_BLOCK_TAG.findall(fragment))
    return len(fragment) // 3 + 50 * blocks + 70 * cells + 300 * tables


def weight(fragment: str, chars: int) -> int:
    """A chunk's cost estimated from its text alone (rendering ~2 µs per character)."""
    return qt_cost(fragment) + 2 * chars


#: A reply's header (compare highlights start past it).
ASSISTANT_NAME: Final = "Llama"


def header_html(role: Role, index: int, style: ChatStyle) -> str:
    name = QCoreApplication.translate("MessageHtml", "You") if role is Role.USER else ASSISTANT_NAME
    color = style.muted if role is Role.USER else style.accent
    # The anchor lets a search hit land on its own message (see message_position).
    return (
        f'<p style="margin-top:14px; margin-bottom:4px; color:{color};">'
        f'<a name="{ANCHOR}{index}"></a><b>{name}</b></p>'
    )


def message_chunks(
    index: int,
    message: ChatMessage,
    renderer: MarkdownRenderer,
    style: ChatStyle,
    versions_of: Callable[[ChatMessage], Versions],
    chunk_cost: int = CHUNK_COST,
    footer: ReplyFooter = footer_html,
) -> Iterator[Chunk]:
    """The message's header, body and footer, merged into chunks of about `chunk_cost`."""
    if message.role is Role.USER:
        below = user_footer_html(index, message, style, versions_of(message))
        pieces = _user_pieces(message.text, style)
    else:
        streaming = message.state is MessageState.STREAMING
        below = "" if streaming else footer(index, message, style, versions_of(message))
        pieces = _reply_pieces(message.text, renderer)
    parts = [header_html(message.role, index, style)]
    cost = heft = qt_cost(parts[0])
    opens = True
    for fragment, work, chars in pieces:
        parts.append(fragment)
        cost += work
        heft += weight(fragment, chars)
        if cost >= chunk_cost:
            yield Chunk("".join(parts), cost, heft, opens)
            parts, cost, heft, opens = [], 0, 0, False
    parts.append(below)
    yield Chunk("".join(parts), cost + qt_cost(below), heft + qt_cost(below), opens)


def _reply_pieces(text: str, renderer: MarkdownRenderer) -> Iterator[tuple[str, int, int]]:
    """A reply cut into blocks exactly as it was while streaming (same look, same bounds):
    (html, µs of work, characters shown) per block, and per piece of text scanned."""
    from app.ui.markdown.stream import StreamingMarkdown

    stream = StreamingMarkdown(renderer)
    for start in range(0, len(text), FEED_CHARS):
        piece = text[start : start + FEED_CHARS]
        began = time.thread_time()
        stream.feed(piece)
        yield "", _micros_since(began), 0
        yield from _rendered(stream)
    stream.end()
    yield from _rendered(stream)


def _rendered(stream: StreamingMarkdown) -> Iterator[tuple[str, int, int]]:
    while True:
        began = time.thread_time()
        block = stream.take_block()
        if block is None:
            return
        yield block.html, _micros_since(began) + qt_cost(block.html), block.chars


def _micros_since(began: float) -> int:
    return int((time.thread_time() - began) * 1_000_000)


def _user_pieces(text: str, style: ChatStyle) -> Iterator[tuple[str, int, int]]:
    """The user's text as typed: one shaded table, or shaded paragraphs when it is long (a
    table is laid out whole, and a pasted file would be one huge table)."""
    if len(text) <= USER_PIECE_CHARS:
        fragment = (
            f'<table width="100%" cellpadding="10" cellspacing="0" '
            f'bgcolor="{style.user_background}" style="margin-bottom:6px;">'
            f"<tr><td>{_escaped_lines(text)}</td></tr></table>"
        )
        yield fragment, qt_cost(fragment), len(text)
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + USER_PIECE_CHARS)
        newline = text.rfind("\n", start + USER_PIECE_CHARS // 2, end)
        if end < len(text) and newline != -1:
            end = newline + 1
        last = end >= len(text)
        fragment = (
            f'<p style="background-color:{style.user_background}; margin-top:0; '
            f'margin-bottom:{6 if last else 0}px">'
            f"{_escaped_lines(text[start:end].removesuffix(chr(10)))}</p>"
        )
        yield fragment, qt_cost(fragment), end - start
        start = end


def _escaped_lines(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")
