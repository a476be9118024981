"""A growing Markdown reply split into closed blocks (rendered once) and an open tail (cheap).

Closing rule. Text is read in lines; a block closes only at the start of a line, and only after
an *end* has been seen:

* a blank line outside a code fence, or
* the closing fence of a fenced code block (``` or ~~~, at least as long as the opener, per
  CommonMark; openers are recognised after list markers and at any indentation, so a fence
  inside a list item keeps its blank lines).

After an end, the first line that is not blank decides: if it starts with a space or tab it
continues the block (a list item's next paragraph, nested list, indented code), otherwise the
block closes before it. The decision is made as soon as that line's first non-blank character
arrives, so a closed block leaves the tail about one character after its end.

Rendering each block on its own differs from rendering the whole reply in two accepted ways:
sibling list items separated by blank lines become consecutive lists (markdown-it writes
``<ol start="N">``, so numbering continues), and a reference-style link defined in a later
block does not resolve. Models rarely write the second.

Scanning is incremental and linear: each arriving character is searched once for a newline,
each completed line is classified once, and closed text is never looked at again.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Protocol

# Indentation, then any list markers ("- ", "1. "), then the fence and its info string.
_OPENER = re.compile(r"([ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*)(`{3,}|~{3,})([^\n]*)")
_CLOSER = re.compile(r"([ \t]*)(`{3,}|~{3,})[ \t\r]*\n?")
_BLANK = " \t\r\n"


class BlockRenderer(Protocol):
    """What the splitter needs from a renderer (``MarkdownRenderer`` has both)."""

    def render(self, markdown: str) -> str: ...

    def render_tail(self, markdown: str) -> str: ...


class _Fence(NamedTuple):
    marker: str  # "`" or "~"
    length: int
    indent: int  # column of the opening marker

    @classmethod
    def opened_by(cls, line: str) -> _Fence | None:
        match = _OPENER.match(line)
        if match is None:
            return None
        marker = match.group(2)
        if marker[0] == "`" and "`" in match.group(3):
            return None  # CommonMark: a backtick fence's info string has no backticks
        return cls(marker[0], len(marker), len(match.group(1)))

    def closed_by(self, line: str) -> bool:
        match = _CLOSER.fullmatch(line)
        return (
            match is not None
            and match.group(2)[0] == self.marker
            and len(match.group(2)) >= self.length
            and len(match.group(1)) <= self.indent + 3
        )


class StreamingMarkdown:
    """Splits a growing reply into closed blocks (rendered once) and an open tail (re-rendered cheaply)."""

    def __init__(self, renderer: BlockRenderer) -> None:
        self._renderer = renderer
        self._closed: list[str] = []  # text of every closed block, for `text`
        self._untaken: list[str] = []  # closed blocks whose HTML has not been taken yet
        self._lines: list[str] = []  # the open block's complete lines, each ending in "\n"
        self._partial: list[str] = []  # pieces of the line still arriving (joined once, at "\n")
        self._fence: _Fence | None = None
        self._has_content = False  # the open block has a non-blank line
        self._ended = False  # a blank line or closing fence ended the block; next line decides
        self._finished = False
        self._scanned = 0
        self._version = 0
        self._tail: tuple[int, str] = (-1, "")

    @property
    def text(self) -> str:
        """The whole reply so far (joined on each call: O(length))."""
        return "".join(self._closed) + "".join(self._lines) + "".join(self._partial)

    @property
    def chars_scanned(self) -> int:
        """Characters the scanner has examined so far: at most three times the text's length."""
        return self._scanned

    def feed(self, text: str) -> None:
        """Append newly arrived text, split anywhere (even inside a line or a fence marker)."""
        if self._finished:
            raise RuntimeError("feed() after finish()")
        if not text:
            return
        self._version += 1
        self._scanned += len(text)  # the newline search below reads each new character once
        start = 0
        while (newline := text.find("\n", start)) != -1:
            self._partial.append(text[start : newline + 1])
            line = "".join(self._partial)
            self._partial = []
            self._take_line(line)
            start = newline + 1
        if start < len(text):
            rest = text[start:]
            self._partial.append(rest)
            if self._ended:
                self._peek(rest)

    def take_closed_html(self) -> str:
        """HTML of the blocks closed since the last call, each rendered exactly once, in order."""
        blocks, self._untaken = self._untaken, []
        return "".join(self._renderer.render(block) for block in blocks)

    def tail_html(self) -> str:
        """A cheap render of the open part ("" when there is nothing visible to show)."""
        if self._tail[0] != self._version:
            tail = "".join(self._lines) + "".join(self._partial)
            html = self._renderer.render_tail(tail) if tail.strip(_BLANK) else ""
            self._tail = (self._version, html)
        return self._tail[1]

    def finish(self) -> str:
        """The stream ended: close what is left; return all HTML not yet taken, fully rendered."""
        if not self._finished:
            self._finished = True
            self._lines.extend(self._partial)
            self._partial = []
            self._close()
            self._version += 1
        return self.take_closed_html()

    def _take_line(self, line: str) -> None:
        self._scanned += len(line)  # each complete line is classified once
        if self._fence is not None:
            if self._fence.closed_by(line):
                self._fence = None
                self._ended = True
            self._lines.append(line)
            return
        blank = not line.strip(_BLANK)
        if self._ended and not blank:
            if line[0] in " \t":
                self._ended = False  # indented: the same list item, nested list or code
            else:
                self._close()
        if blank:
            self._ended = self._ended or self._has_content
        else:
            self._has_content = True
            self._fence = _Fence.opened_by(line)
        self._lines.append(line)

    def _peek(self, arrived: str) -> None:
        """Decide an ended block's fate at the first non-blank character of the next line.

        Earlier pieces of that line were all blank (or the decision would be made), so only
        the piece that just arrived needs looking at.
        """
        blanks = len(arrived) - len(arrived.lstrip(" \t\r"))
        self._scanned += min(blanks + 1, len(arrived))
        if blanks == len(arrived):
            return
        if self._partial[0][0] in " \t":
            self._ended = False
        else:
            self._close()

    def _close(self) -> None:
        block = "".join(self._lines)
        self._lines = []
        self._has_content = False
        self._ended = False
        if block:
            self._closed.append(block)
            if block.strip(_BLANK):
                self._untaken.append(block)
