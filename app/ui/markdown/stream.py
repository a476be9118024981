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

Size rule. No block grows past ``RenderLimits.block_chars`` (plus an eighth: text is read in
pieces that size), since the tail is re-rendered on every repaint and Qt's layout of one block
is what can freeze the window. A longer block is cut:

* a paragraph, list or quote at a line boundary (the parts join without a gap), a single longer
  line inside it (a note says so; the characters are all kept);
* a table every ``table_cells`` cells, each part repeating the header row;
* a fenced code block into parts that share one Copy link (``CodeRun``), highlighted per part.

Rendering each block on its own differs from rendering the whole reply in two accepted ways:
sibling list items separated by blank lines become consecutive lists (markdown-it writes
``<ol start="N">``, so numbering continues), and a reference-style link defined in a later
block does not resolve. Models rarely write the second.

Scanning is incremental and linear: each arriving character is searched once for a newline,
each completed line is classified once, cuts copy at most one block, and closed text is never
looked at again.
"""

from __future__ import annotations

from collections import deque

from app.ui.markdown.blocks import (
    BLANK,
    INDENTED_CODE,
    TABLE_DELIMITER,
    Block,
    BlockRenderer,
    CodePart,
    CodeRun,
    Fence,
    RenderedBlock,
    Table,
    indent_of,
)
from app.ui.markdown.limits import RenderBudget

__all__ = ["Block", "CodePart", "CodeRun", "RenderedBlock", "StreamingMarkdown"]


class StreamingMarkdown:
    """Splits a growing reply into closed blocks (rendered once) and an open tail (re-rendered cheaply)."""

    def __init__(self, renderer: BlockRenderer) -> None:
        self._renderer = renderer
        self._limits = renderer.limits
        self._block_chars = self._limits.block_chars
        self._step = max(1, self._block_chars // 8)
        self.budget = RenderBudget.for_limits(self._limits)
        self._closed: list[str] = []  # text of everything closed, for `text`
        self._closed_chars = 0
        self._untaken: deque[Block] = deque()  # closed blocks not rendered yet
        self._lines: list[str] = []  # the open block's complete lines, each ending in "\n"
        self._lines_chars = 0
        self._partial: list[str] = []  # pieces of the line still arriving (joined once, at "\n")
        self._partial_chars = 0
        self._fence: Fence | None = None
        self._fence_at = 0  # index in _lines of the open fence's opening line
        self._code: CodeRun | None = None  # the open fence, once its first part is cut off
        self._code_fence: Fence | None = None
        self._code_parts = 0
        self._opener_chars = 0
        self._table: Table | None = None
        self._joined = False  # the open block continues a block cut at the size limit
        self._mid_line = False  # the arriving line is the rest of a line cut in two
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
        """Characters the scanner has examined so far: a small multiple of the text's length."""
        return self._scanned

    @property
    def pending_blocks(self) -> int:
        """Closed blocks not rendered yet."""
        return len(self._untaken)

    @property
    def total_chars(self) -> int:
        """Characters fed so far."""
        return self._closed_chars + self._lines_chars + self._partial_chars

    @property
    def tail_chars(self) -> int:
        """Characters of the open part (what `tail_html` shows)."""
        return self._lines_chars + self._partial_chars

    @property
    def finished(self) -> bool:
        return self._finished

    def feed(self, text: str) -> None:
        """Append newly arrived text, split anywhere (even inside a line or a fence marker)."""
        if self._finished:
            raise RuntimeError("feed() after finish()")
        if len(text) > self._step:
            # Read in pieces of an eighth of a block, so a line arriving whole is cut as it
            # grows and no block holds more than block_chars plus one piece.
            for start in range(0, len(text), self._step):
                self.feed(text[start : start + self._step])
            return
        if not text:
            return
        self._version += 1
        self._scanned += len(text)  # the newline search below reads each new character once
        start = 0
        while (newline := text.find("\n", start)) != -1:
            self._partial.append(text[start : newline + 1])
            line = "".join(self._partial)
            self._partial = []
            self._partial_chars = 0
            self._take_line(line)
            start = newline + 1
        if start < len(text):
            rest = text[start:]
            self._partial.append(rest)
            self._partial_chars += len(rest)
            if self._ended and not self._mid_line:
                self._peek(rest)
            if self._lines_chars + self._partial_chars > self._block_chars:
                self._bound()

    def take_block(self) -> RenderedBlock | None:
        """The next closed block, rendered (each exactly once, in order), or None."""
        if not self._untaken:
            return None
        block = self._untaken.popleft()
        html = self._renderer.render_block(block, self.budget)
        return RenderedBlock(html, block.chars, block.end)

    def take_closed_html(self) -> str:
        """HTML of the blocks closed since the last call, each rendered exactly once, in order."""
        out = []
        while (rendered := self.take_block()) is not None:
            out.append(rendered.html)
        return "".join(out)

    def tail_html(self) -> str:
        """A cheap render of the open part ("" when there is nothing visible to show)."""
        if self._tail[0] != self._version:
            tail = "".join(self._lines) + "".join(self._partial)
            html = ""
            if tail.strip(BLANK):
                block = self._tail_block(tail)
                html = self._renderer.render_tail_block(block, self.budget.copy())
            self._tail = (self._version, html)
        return self._tail[1]

    def end(self) -> None:
        """The stream ended: close what is left (render it with `take_block`)."""
        if self._finished:
            return
        self._finished = True
        self._lines.extend(self._partial)
        self._lines_chars += self._partial_chars
        self._partial = []
        self._partial_chars = 0
        if self._code is not None:
            self._cut_code(last=True)
        else:
            self._close()
        self._version += 1

    def finish(self) -> str:
        """The stream ended: close what is left; return all HTML not yet taken, fully rendered."""
        self.end()
        return self.take_closed_html()

    # -- reading lines ---------------------------------------------------------------------------

    def _take_line(self, line: str) -> None:
        self._scanned += len(line)  # each complete line is classified once
        rest_of_cut_line, self._mid_line = self._mid_line, False
        if self._fence is not None:
            if not rest_of_cut_line and self._fence.closed_by(line):
                self._fence = None
                self._ended = True
                if self._code is not None:
                    self._cut_code(last=True, closing=line)
                    return
            self._append(line)
            if self._lines_chars + self._partial_chars > self._block_chars:
                self._bound()
            return
        if rest_of_cut_line:  # its start was already classified; this is just text
            self._append(line)
            if self._lines_chars + self._partial_chars > self._block_chars:
                self._bound()
            return
        blank = not line.strip(BLANK)
        if self._ended and not blank:
            if line[0] in " \t":
                self._ended = False  # indented: the same list item, nested list or code
            else:
                self._close()
        if blank:
            self._ended = self._ended or self._has_content
        else:
            self._has_content = True
            self._fence = Fence.opened_by(line)
            if self._fence is not None:
                self._fence_at = len(self._lines)
        self._append(line)
        if self._fence is None and not blank:
            self._follow_table(line)
        if self._lines_chars + self._partial_chars > self._block_chars:
            self._bound()

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

    def _append(self, line: str) -> None:
        self._lines.append(line)
        self._lines_chars += len(line)

    def _follow_table(self, line: str) -> None:
        """Notice a table's header (a row, then a delimiter row) and count its rows."""
        table = self._table
        if table is not None:
            if "|" not in line:
                self._table = None  # the table ended; what follows is other text
                return
            table.rows += 1
            if table.rows_per_part is not None and table.rows >= table.rows_per_part:
                self._cut_table(table)
            return
        if len(self._lines) < 2 or "-" not in line or not TABLE_DELIMITER.fullmatch(line):
            return
        header = self._lines[-2]
        if "|" not in header and "|" not in line:
            return
        columns = max(1, header.strip(BLANK).strip("|").count("|") + 1)
        limits = self._limits
        per_part = (
            max(1, limits.table_cells // columns) if columns <= limits.table_columns else None
        )
        self._table = Table(header + line, columns, per_part)

    # -- closing and cutting -----------------------------------------------------------------

    def _emit(self, lines: list[str], chars: int, *, joins_next: bool, cut_line: bool) -> None:
        """Close `lines` (the start of the open block) as a block of its own."""
        text = "".join(lines)
        self._close_text(text)
        source = text
        table = self._table
        if table is not None and table.continued:
            source = table.head + text
        if text.strip(BLANK):
            self._untaken.append(
                Block(
                    source,
                    chars,
                    self._joined,
                    joins_next and bool(text),
                    cut_line,
                    end=self._closed_chars,
                )
            )

    def _close_text(self, text: str) -> None:
        self._closed.append(text)
        self._closed_chars += len(text)

    def _close(self) -> None:
        self._emit(self._lines, self._lines_chars, joins_next=False, cut_line=False)
        self._lines = []
        self._lines_chars = 0
        self._table = None
        self._joined = False
        self._has_content = False
        self._ended = False

    def _bound(self) -> None:
        """Cut the open block while it is longer than a block may be."""
        limit = self._limits.block_chars
        while self._lines_chars + self._partial_chars > limit:
            if self._fence is not None:
                if self._code is None:
                    self._start_code_run()
                else:
                    self._cut_code(last=False)
            elif self._table is not None and self._table_row_fits():
                if not self._table.rows:
                    return  # no complete row to cut yet: a row may be long
                self._cut_table(self._table)
            elif self._lines:
                self._cut_lines()
            else:
                self._cut_partial(joins=True)

    def _table_row_fits(self) -> bool:
        return self._partial_chars <= self._limits.table_row_chars

    def _cut_table(self, table: Table) -> None:
        self._emit(self._lines, self._lines_chars, joins_next=False, cut_line=False)
        self._lines = []
        self._lines_chars = 0
        table.rows = 0
        table.continued = True

    def _cut_lines(self) -> None:
        """Close the open block's complete lines, keeping a list's nested line out of the cut."""
        lines = self._lines
        cut = len(lines)
        if self._partial and indent_of(self._partial[0]) >= INDENTED_CODE:
            # The rest would start with an indented line (read as code on its own): cut
            # before the last line that is not, if one is near.
            for k in range(len(lines) - 1, max(0, len(lines) - 32), -1):
                if indent_of(lines[k]) < INDENTED_CODE and lines[k].strip(BLANK):
                    cut = k
                    break
        kept = lines[cut:]
        kept_chars = sum(map(len, kept))
        self._scanned += self._lines_chars
        if self._ended:
            # The block had ended and waits for the next line: this cut is its close.
            self._emit(
                lines[:cut], self._lines_chars - kept_chars, joins_next=False, cut_line=False
            )
            self._joined = False
            self._ended = False
        else:
            self._emit(lines[:cut], self._lines_chars - kept_chars, joins_next=True, cut_line=False)
            self._joined = True
        self._lines = kept
        self._lines_chars = kept_chars
        self._table = None
        self._has_content = any(line.strip(BLANK) for line in kept) or bool(
            "".join(self._partial).strip(BLANK)
        )

    def _cut_partial(self, *, joins: bool) -> None:
        """A single line longer than a block: cut it, at a space if there is one near the end."""
        line = "".join(self._partial)
        limit = self._limits.block_chars
        space = line.rfind(" ", limit // 2, limit)
        cut = space + 1 if space != -1 else limit
        self._scanned += len(line)
        self._emit([line[:cut]], cut, joins_next=joins, cut_line=True)
        self._joined = joins
        self._partial = [line[cut:]]
        self._partial_chars = len(line) - cut
        self._mid_line = True
        self._ended = False

    def _start_code_run(self) -> None:
        """The open fence is too long for one block: what precedes its opener closes, and its
        code is rendered in parts from now on."""
        fence = self._fence
        assert fence is not None
        before = self._lines[: self._fence_at]
        if before:
            self._emit(before, sum(map(len, before)), joins_next=False, cut_line=False)
        opener = self._lines[self._fence_at]
        self._close_text(opener)
        self._lines = self._lines[self._fence_at + 1 :]
        self._lines_chars = sum(map(len, self._lines))
        self._code = CodeRun(fence.language)
        self._code_fence = fence
        self._code_parts = 0
        self._opener_chars = len(opener)
        self._table = None
        self._joined = False

    def _cut_code(self, *, last: bool, closing: str = "") -> None:
        """Close the open fence's code so far as a part (the last one when the fence ends)."""
        run, fence = self._code, self._code_fence
        assert run is not None and fence is not None
        cut_line = False
        if self._lines or last or not self._partial:
            code, chars = "".join(self._lines), self._lines_chars
            self._lines = []
            self._lines_chars = 0
        else:  # one code line longer than a block
            line = "".join(self._partial)
            limit = self._limits.block_chars
            code, chars, cut_line = line[:limit], min(limit, len(line)), True
            self._partial = [line[limit:]]
            self._partial_chars = len(line) - chars
            self._mid_line = True
            self._scanned += len(line)
        self._close_text(code + closing)
        first = self._code_parts == 0
        self._code_parts += 1
        chars += len(closing) + (self._opener_chars if first else 0)
        part = CodePart(run, fence.dedent(code), first=first, last=last)
        self._untaken.append(Block("", chars, cut_line=cut_line, code=part, end=self._closed_chars))
        if last:
            self._code = None
            self._code_fence = None
            self._has_content = False
            self._ended = False
            self._joined = False

    def _tail_block(self, tail: str) -> Block:
        if self._code is not None and self._code_fence is not None:
            part = CodePart(self._code, self._code_fence.dedent(tail), first=False, last=False)
            return Block("", self.tail_chars, code=part)
        table = self._table
        if table is not None and table.rows_per_part is None:
            # Shown as rows of text once closed; rendering hundreds of cells on every repaint
            # would cost more than the rows are worth while they arrive.
            return Block(tail, self.tail_chars, plain=True)
        source = table.head + tail if table is not None and table.continued else tail
        return Block(source, self.tail_chars, joins_previous=self._joined)
