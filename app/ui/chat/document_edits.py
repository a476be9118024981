"""Inserting HTML pieces into a QTextDocument at its end or its start, without Qt's format leaks."""

from __future__ import annotations

from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFrame,
    QTextFrameFormat,
)


def end_cursor(document: QTextDocument) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return cursor


def insert_framed(
    document: QTextDocument, position: int, fragment: str, top_margin: float
) -> tuple[QTextFrame, int]:
    """Insert HTML at `position` inside a frame of its own; returns the frame and where the
    HTML starts.

    Text inserted *before* a frame moves it as one piece, while blocks outside frames are each
    moved line by line (Qt lays out everything after an edit). A chat opened from its end grows
    at the top, so what it draws there goes in frames. Qt drops the first block's top margin and
    the last block's bottom margin inside a frame; `top_margin` stands in for both.
    """
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    cursor.beginEditBlock()
    frame_format = QTextFrameFormat()
    frame_format.setBorder(0)
    frame_format.setPadding(0)
    frame_format.setMargin(0)
    frame_format.setTopMargin(top_margin)
    frame = cursor.insertFrame(frame_format)
    start = cursor.position()
    insert_html(cursor, fragment)
    # Qt keeps an empty block between frames; it would show as an empty line.
    before, after = frame.firstCursorPosition(), frame.lastCursorPosition()
    for around, move in (
        (before, QTextCursor.MoveOperation.PreviousBlock),
        (after, QTextCursor.MoveOperation.NextBlock),
    ):
        outside = around.movePosition(move) and around.currentFrame().parentFrame() is None
        if outside and around.block().length() == 1:
            around.setBlockFormat(_HIDDEN)
    cursor.endEditBlock()
    return frame, start


def _hidden_block_format() -> QTextBlockFormat:
    hidden = QTextBlockFormat()
    hidden.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    return hidden


_HIDDEN = _hidden_block_format()


def insert_html(cursor: QTextCursor, fragment: str) -> None:
    """insertHtml that keeps the fragment's first block format (Qt gives that block the format
    of the block it lands in: a header's margins, a code header's shading were lost), minus the
    empty line Qt leaves when a fragment starts with a list."""
    source = QTextDocument()
    source.setHtml(fragment)
    first = source.begin()
    plain_first = first.textList() is None and QTextCursor(first).currentTable() is None
    if cursor.block().length() == 1 and plain_first:
        cursor.setBlockFormat(first.blockFormat())
    start = cursor.position()
    cursor.insertFragment(QTextDocumentFragment(source))
    block = cursor.document().findBlock(start)
    following = block.next()
    if block.length() == 1 and following.isValid() and following.textList() is not None:
        probe = QTextCursor(following)
        if probe.currentTable() is None:  # deleting next to a table would eat its cells
            eraser = QTextCursor(block)
            eraser.deleteChar()


def new_plain_block(cursor: QTextCursor) -> None:
    """A new block that inherits nothing: otherwise a closed list swallows the next block."""
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    _reset_block(cursor)


def open_block(cursor: QTextCursor) -> None:
    """Make sure the cursor sits in an empty plain block (a new one unless it already does)."""
    if cursor.block().length() > 1:
        new_plain_block(cursor)
    else:
        _reset_block(cursor)  # e.g. the hidden block after a frame


def remove_to_end(cursor: QTextCursor, start: int) -> None:
    """Remove everything from `start` to the end; the cursor stays in a plain block there."""
    cursor.setPosition(start)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    _reset_block(cursor)  # the removed part's list/table format must not linger


def _reset_block(cursor: QTextCursor) -> None:
    cursor.setBlockFormat(QTextBlockFormat())
    cursor.setCharFormat(QTextCharFormat())
    current = cursor.currentList()
    if current is not None:
        current.remove(cursor.block())
