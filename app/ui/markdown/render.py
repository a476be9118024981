"""Markdown to the HTML subset a QTextDocument understands: inline styles, Pygments colours, copy links.

Qt-free on purpose (markdown-it, Pygments and the standard library only), so it is tested without a
QApplication. QTextDocument ignores CSS classes, flexbox and rounded corners, so every colour is an
inline ``style`` or a ``bgcolor`` attribute, a code block is a one-cell table (a header with the
language and a ``copy-code:N`` link above the ``<pre>``) and a block quote is a table with a bar.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

# Pygments ships no type information; its results are converted to str where they leave it.
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from app.ui.markdown.stream import StreamingMarkdown

__all__ = ["COPY_SCHEME", "DARK", "LIGHT", "MarkdownRenderer", "StreamingMarkdown", "Theme"]

#: The anchor scheme of a code block's Copy link: ``copy-code:<id>``, resolved by ``code_for``.
COPY_SCHEME = "copy-code"
_SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:")
_TAIL = "llamadesk_tail"  # env key: the cheap render of a still-growing reply
# Process-wide, not per renderer: after a theme change a new renderer writes into the same
# document as the old one, and its Copy anchors must not collide with the ones already shown.
_code_ids = itertools.count(1)


@dataclass(frozen=True)
class Theme:
    """Colours of rendered Markdown (CSS colour strings) and the Pygments style for code."""

    text: str
    muted: str
    link: str
    code_background: str
    code_border: str
    inline_code_background: str
    pygments_style: str


LIGHT = Theme(
    text="#1f2328",
    muted="#59636e",
    link="#0969da",
    code_background="#f6f8fa",
    code_border="#d1d9e0",
    inline_code_background="#eaeef2",
    pygments_style="default",
)
DARK = Theme(
    text="#e6edf3",
    muted="#9198a1",
    link="#4493f8",
    code_background="#161b22",
    code_border="#3d444d",
    inline_code_background="#2d333b",
    pygments_style="github-dark",
)


class _SafeLinksMarkdownIt(MarkdownIt):
    """Only web and mail links become anchors; any other destination stays visible as text."""

    def validateLink(self, url: str) -> bool:
        return url.strip().lower().startswith(_SAFE_LINK_PREFIXES)


@lru_cache(maxsize=128)
def _lexer_for(language: str) -> Any | None:
    """A Pygments lexer for a fence's language, or None when Pygments does not know it."""
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


class _QtHtmlRenderer(RendererHTML):
    """markdown-it's HTML renderer with the elements Qt lacks replaced by ones it has."""

    def __init__(
        self,
        parser: MarkdownIt,
        theme: Theme,
        code_font: str,
        register_code: Callable[[str], int],
    ) -> None:
        super().__init__(parser)
        self._theme = theme
        self._font = escape(f"'{code_font}'")  # quoted: family names may contain spaces
        self._register_code = register_code
        self._formatter = HtmlFormatter(style=theme.pygments_style, noclasses=True, nowrap=True)

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        info = unescapeAll(token.info).strip()
        language = info.split(maxsplit=1)[0] if info else ""
        return self._code_block(token.content, language, tail=bool(env.get(_TAIL)))

    def code_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._code_block(tokens[idx].content, "", tail=bool(env.get(_TAIL)))

    def code_inline(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return (
            f'<span style="font-family:{self._font}; '
            f'background-color:{self._theme.inline_code_background}">'
            f"{escape(tokens[idx].content)}</span>"
        )

    def link_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        tokens[idx].attrSet("style", f"color:{self._theme.link}")
        return self.renderToken(tokens, idx, options, env)

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        # No remote fetches from a chat log: an image becomes a link the user may choose to open.
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = self.renderInlineAsText(token.children, options, env) if token.children else ""
        label = escape(f"image: {alt}" if alt else src)
        return f'<a href="{escape(src)}" style="color:{self._theme.link}">{label}</a>'

    def blockquote_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        # A bar and an indented cell: a <blockquote> inserted as the first block of an
        # insertHtml() takes the cursor's block format and loses its indent; a table keeps it.
        return (
            '<table cellspacing="0" cellpadding="0" border="0" '
            'style="margin-top:6px; margin-bottom:6px"><tr>'
            f'<td width="3" bgcolor="{self._theme.code_border}"></td>'
            f'<td style="padding-left:10px; color:{self._theme.muted}">\n'
        )

    def blockquote_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return "</td></tr></table>\n"

    def hr(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f'<hr style="background-color:{self._theme.code_border}" />\n'

    def table_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return (
            '<table border="1" cellspacing="0" cellpadding="4" '
            f'style="border-color:{self._theme.code_border}; border-style:solid; '
            'border-collapse:collapse; margin-top:6px; margin-bottom:6px">\n'
        )

    def _code_block(self, code: str, language: str, *, tail: bool) -> str:
        """A one-cell table: a header (language, Copy) above the code, in the code colours."""
        theme = self._theme
        text = code.removesuffix("\n")  # in a <pre>, Qt shows a final newline as an empty line
        lexer = _lexer_for(language.lower()) if language and not tail else None
        body = str(highlight(text, lexer, self._formatter)) if lexer is not None else escape(text)
        if tail:
            # Still growing: a plain shaded <pre>, no table. Every table is a Qt frame, and
            # inserting a frame makes Qt rescan all frames of the document on each repaint.
            return (
                f'<p style="color:{theme.muted}; font-size:small; margin-top:6px; '
                f'margin-bottom:0"><span>{escape(language or "code")}</span></p>'
                f'<pre style="font-family:{self._font}; color:{theme.text}; '
                f"background-color:{theme.code_background}; margin-top:6px; "
                f'margin-bottom:6px">{body}</pre>\n'
            )
        copy = (
            f'<a href="{COPY_SCHEME}:{self._register_code(text)}" '
            f'style="color:{theme.link}; text-decoration:none">Copy</a>'
        )
        # One bordered cell in the code colours; the header is a borderless table inside it, as
        # Qt draws every cell border of a collapsed table and ignores per-cell "border:none".
        return (
            '<table width="100%" cellspacing="0" cellpadding="6" border="1" '
            f'style="border-color:{theme.code_border}; border-style:solid; '
            'border-collapse:collapse; margin-top:6px; margin-bottom:6px">'
            f'<tr><td bgcolor="{theme.code_background}">'
            '<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
            f'<td><span style="color:{theme.muted}; font-size:small">'
            f"{escape(language or 'code')}</span></td>"
            f'<td align="right"><span style="font-size:small">{copy}</span></td>'
            "</tr></table>"
            f'<pre style="font-family:{self._font}; color:{theme.text}; margin-top:4px; '
            f'margin-bottom:0">{body}</pre></td></tr></table>\n'
        )


class MarkdownRenderer:
    """Renders Markdown for a QTextBrowser and remembers the text behind each Copy link."""

    def __init__(
        self, theme: Theme, *, code_font: str = "monospace", max_code_blocks: int = 5000
    ) -> None:
        if max_code_blocks < 1:
            raise ValueError("max_code_blocks must be at least 1")
        self._codes: OrderedDict[int, str] = OrderedDict()
        self._max_code_blocks = max_code_blocks
        self._md = _SafeLinksMarkdownIt(
            "commonmark",
            # html=False: the model's "<script>" is shown, never interpreted. breaks=True: models
            # mean a single newline as a line break (lists of steps, verse, addresses).
            {"html": False, "breaks": True},
            renderer_cls=lambda md: _QtHtmlRenderer(md, theme, code_font, self._register_code),
        )
        self._md.enable(["table", "strikethrough"])

    def render(self, markdown: str) -> str:
        """Full render: code highlighted by Pygments, each block with a Copy link."""
        return str(self._md.render(markdown, {}))

    def render_tail(self, markdown: str) -> str:
        """Cheap render of a reply's still-open end: the same look, no highlighting, no Copy."""
        return str(self._md.render(markdown, {_TAIL: True}))

    def code_for(self, block_id: int) -> str | None:
        """The code behind ``copy-code:<block_id>``, or None once it has aged out (or never was)."""
        return self._codes.get(block_id)

    def _register_code(self, code: str) -> int:
        block_id = next(_code_ids)
        self._codes[block_id] = code
        if len(self._codes) > self._max_code_blocks:
            self._codes.popitem(last=False)
        return block_id
