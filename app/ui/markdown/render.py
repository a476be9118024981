"""Markdown to the HTML subset a QTextDocument understands: inline styles, Pygments colours, copy links.

Qt-free on purpose (markdown-it, Pygments and the standard library only), so it is tested without a
QApplication. The rules for each element are in ``html_rules``; the bounds that keep Qt's layout
of any one block cheap are in ``limits``; how a reply is cut into blocks is in ``stream``.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from html import escape
from typing import cast

from markdown_it import MarkdownIt

from app.ui.markdown.code_html import COPY_SCHEME
from app.ui.markdown.html_rules import STATE, QtHtmlRenderer, RenderState
from app.ui.markdown.limits import (
    DEFAULT_LIMITS,
    NOTE_LONG_LINE,
    RenderBudget,
    RenderLimits,
    install_nesting_guard,
    note_text,
)
from app.ui.markdown.stream import Block, CodePart, StreamingMarkdown
from app.ui.markdown.theme import DARK, LIGHT, Theme

__all__ = [
    "COPY_SCHEME",
    "DARK",
    "LIGHT",
    "MarkdownRenderer",
    "RenderBudget",
    "RenderLimits",
    "StreamingMarkdown",
    "Theme",
]

_SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:")
_BLANK = " \t\r\n"
# Process-wide, not per renderer: after a theme change a new renderer writes into the same
# document as the old one, and its Copy anchors must not collide with the ones already shown.
_code_ids = itertools.count(1)


class _SafeLinksMarkdownIt(MarkdownIt):
    """Only web and mail links become anchors; any other destination stays visible as text."""

    def validateLink(self, url: str) -> bool:
        return url.strip().lower().startswith(_SAFE_LINK_PREFIXES)


class MarkdownRenderer:
    """Renders Markdown for a QTextBrowser and remembers the text behind each Copy link."""

    def __init__(
        self,
        theme: Theme,
        *,
        code_font: str = "monospace",
        max_code_blocks: int = 5000,
        limits: RenderLimits = DEFAULT_LIMITS,
    ) -> None:
        if max_code_blocks < 1:
            raise ValueError("max_code_blocks must be at least 1")
        self._codes: OrderedDict[int, str] = OrderedDict()
        # A long code block arrives in parts: kept as a list and joined when copied or ended
        # (adding each 4 KB part to one string would copy it all again every time).
        self._growing: dict[int, list[str]] = {}
        self._max_code_blocks = max_code_blocks
        self._limits = limits
        self._md = _SafeLinksMarkdownIt(
            "commonmark",
            # html=False: the model's "<script>" is shown, never interpreted. breaks=True: models
            # mean a single newline as a line break (lists of steps, verse, addresses).
            {"html": False, "breaks": True},
            renderer_cls=lambda md: QtHtmlRenderer(
                md, theme, code_font, self._register_code, limits
            ),
        )
        self._html = cast(QtHtmlRenderer, self._md.renderer)
        self._md.enable(["table", "strikethrough"])
        install_nesting_guard(self._md, limits.parse_level)

    @property
    def limits(self) -> RenderLimits:
        return self._limits

    def render(self, markdown: str, budget: RenderBudget | None = None) -> str:
        """Full render: code highlighted by Pygments, each block with a Copy link."""
        return self._render(markdown, RenderState(budget or self._budget()))

    def render_tail(self, markdown: str, budget: RenderBudget | None = None) -> str:
        """Cheap render of a reply's still-open end: the same look, no highlighting, no Copy."""
        scratch = (budget or self._budget()).copy()
        return self._render(markdown, RenderState(scratch, tail=True))

    def render_block(self, block: Block, budget: RenderBudget) -> str:
        """One closed block of a reply, spending that reply's `budget`."""
        return self._block(block, RenderState(budget))

    def render_tail_block(self, block: Block, budget: RenderBudget) -> str:
        """The open end of a reply (re-rendered on every repaint: pass a scratch budget)."""
        return self._block(block, RenderState(budget, tail=True))

    def code_for(self, block_id: int) -> str | None:
        """The code behind ``copy-code:<block_id>``, or None once it has aged out (or never was)."""
        if block_id in self._growing and block_id in self._codes:
            return "".join(self._growing[block_id])
        return self._codes.get(block_id)

    # -- internals ---------------------------------------------------------------------------

    def _budget(self) -> RenderBudget:
        return RenderBudget.for_limits(self._limits)

    def _render(self, markdown: str, state: RenderState) -> str:
        return str(self._md.render(markdown, {STATE: state}))

    def _block(self, block: Block, state: RenderState) -> str:
        note = ""
        if block.cut_line and state.budget.first_time(NOTE_LONG_LINE):
            note = self._html.note_html(
                note_text(NOTE_LONG_LINE).format(chars=self._limits.block_chars)
            )
        if block.code is not None:
            return note + self._code_part(block.code, tail=state.tail)
        if block.plain:
            lines = escape(block.source.strip(_BLANK)).replace("\n", "<br />")
            return f"{note}<p>{lines}</p>\n"
        state.joins_previous = block.joins_previous
        state.joins_next = block.joins_next
        return note + self._render(block.source, state)

    def _code_part(self, part: CodePart, *, tail: bool) -> str:
        """A part of a long code block: shaded <pre> parts without frames, so they join up;
        the first has a header with the language and one Copy link for the whole block."""
        code = self._html.code
        text = part.text.removesuffix("\n")  # a <pre> shows a final newline as an empty line
        body = code.highlighted(text, "" if tail else part.run.language)
        bottom = 6 if part.last or tail else 0
        if tail:
            return code.shaded(body, top=0, bottom=bottom)
        run = part.run
        if run.code_id is None or run.code_id not in self._codes:
            run.code_id = self._register_code("")
            self._growing[run.code_id] = []
        parts = self._growing.setdefault(run.code_id, [])
        parts.append(part.text)
        if part.last:
            del self._growing[run.code_id]
            self._codes[run.code_id] = "".join(parts).removesuffix("\n")
        header = code.header(run.language, code.copy_link(run.code_id))
        return (header if part.first else "") + code.shaded(body, top=0, bottom=bottom)

    def _register_code(self, code: str) -> int:
        block_id = next(_code_ids)
        self._codes[block_id] = code
        if len(self._codes) > self._max_code_blocks:
            gone, _ = self._codes.popitem(last=False)
            self._growing.pop(gone, None)
        return block_id
