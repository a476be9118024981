"""The pieces a streamed reply is cut into, and how a fence or a table is recognised in a line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from markdown_it.common.utils import unescapeAll

from app.ui.markdown.limits import RenderBudget, RenderLimits

# Indentation, then any list markers ("- ", "1. "), then the fence and its info string.
OPENER = re.compile(r"([ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*)(`{3,}|~{3,})([^\n]*)")
CLOSER = re.compile(r"([ \t]*)(`{3,}|~{3,})[ \t\r]*\n?")
TABLE_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t\r]*\n?")
BLANK = " \t\r\n"
INDENTED_CODE = 4  # columns of indentation that make a line indented code after a cut


@dataclass
class CodeRun:
    """A fenced code block long enough to be rendered in parts; the parts share a Copy link."""

    language: str
    code_id: int | None = None  # set by the renderer when it renders the first part


@dataclass(frozen=True)
class CodePart:
    run: CodeRun
    text: str  # this part's code, exactly (the fence's indentation removed)
    first: bool
    last: bool


@dataclass(frozen=True)
class Block:
    """A piece of the reply to render on its own."""

    source: str  # Markdown (a table's continuation repeats the header rows)
    chars: int  # characters of the reply it stands for
    joins_previous: bool = False  # continues a paragraph the previous block was cut from
    joins_next: bool = False
    cut_line: bool = False  # ends inside a line longer than a block
    code: CodePart | None = None
    end: int = 0  # offset in the reply just after the text it stands for
    plain: bool = False  # a tail to show as plain lines (a table too wide to draw as one)


class RenderedBlock(NamedTuple):
    html: str
    chars: int
    end: int  # offset in the reply up to which it (and what came before) is rendered


class BlockRenderer(Protocol):
    """What the splitter needs from a renderer (``MarkdownRenderer`` has all of it)."""

    @property
    def limits(self) -> RenderLimits: ...

    def render_block(self, block: Block, budget: RenderBudget) -> str: ...

    def render_tail_block(self, block: Block, budget: RenderBudget) -> str: ...


class Fence(NamedTuple):
    marker: str  # "`" or "~"
    length: int
    indent: int  # column of the opening marker
    language: str

    @classmethod
    def opened_by(cls, line: str) -> Fence | None:
        match = OPENER.match(line)
        if match is None:
            return None
        marker = match.group(2)
        if marker[0] == "`" and "`" in match.group(3):
            return None  # CommonMark: a backtick fence's info string has no backticks
        info = unescapeAll(match.group(3)).split(maxsplit=1)
        return cls(marker[0], len(marker), len(match.group(1)), info[0] if info else "")

    def closed_by(self, line: str) -> bool:
        match = CLOSER.fullmatch(line)
        return (
            match is not None
            and match.group(2)[0] == self.marker
            and len(match.group(2)) >= self.length
            and len(match.group(1)) <= self.indent + 3
        )

    def dedent(self, code: str) -> str:
        """Code lines without the fence's own indentation (as markdown-it removes it)."""
        if not self.indent:
            return code
        lines = code.splitlines(keepends=True)
        return "".join(
            line[min(self.indent, len(line) - len(line.lstrip(" "))) :] for line in lines
        )


class Table:
    """The header of a table in the open block, repeated at the top of each later part."""

    def __init__(self, head: str, columns: int, rows_per_part: int | None) -> None:
        self.head = head
        self.columns = columns
        self.rows_per_part = rows_per_part  # None: shown as text rows, cut by size only
        self.rows = 0
        self.continued = False


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
