"""Code blocks as Qt rich text: Pygments colours inline, a Copy link, boxed or as shaded parts."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

# Pygments ships no type information; its results are converted to str where they leave it.
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from app.core.i18n import translate
from app.ui.markdown.anchors import COPY_SCHEME
from app.ui.markdown.theme import Theme

__all__ = ["COMMON_LANGUAGES", "COPY_SCHEME", "CodeHtml", "load_common_lexers"]
#: Languages models write most. Loading a lexer the first time takes 15-90 ms (its module is
#: imported and its rules compiled), which would stall the window at the first code block.
COMMON_LANGUAGES = ("python", "javascript", "typescript", "bash", "json", "sql", "html", "c")


@lru_cache(maxsize=128)
def _lexer_for(language: str) -> Any | None:
    """A Pygments lexer for a fence's language, or None when Pygments does not know it."""
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def load_common_lexers() -> None:
    """Load the lexers models use most (see warm_up: done off the GUI thread)."""
    for language in COMMON_LANGUAGES:
        _lexer_for(language)


class CodeHtml:
    """The pieces of a code block, in one theme and code font."""

    def __init__(self, theme: Theme, code_font: str) -> None:
        self._theme = theme
        self.font = escape(f"'{code_font}'")  # quoted: family names may contain spaces
        self._formatter = HtmlFormatter(style=theme.pygments_style, noclasses=True, nowrap=True)

    def highlighted(self, text: str, language: str) -> str:
        """The code, highlighted when Pygments knows the language (escaped either way)."""
        lexer = _lexer_for(language.lower()) if language else None
        return str(highlight(text, lexer, self._formatter)) if lexer is not None else escape(text)

    def copy_link(self, block_id: int) -> str:
        # Rendering must not need Qt: the core's hook carries Qt's translator here.
        copy = translate("CodeHtml", "Copy")
        return (
            f'<a href="{COPY_SCHEME}:{block_id}" '
            f'style="color:{self._theme.link}; text-decoration:none">{copy}</a>'
        )

    def boxed(self, language: str, body: str, copy: str) -> str:
        """A one-cell table: a header (language, Copy) above the code, in the code colours."""
        theme = self._theme
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
            f'<pre style="font-family:{self.font}; color:{theme.text}; margin-top:4px; '
            f'margin-bottom:0">{body}</pre></td></tr></table>\n'
        )

    def growing(self, language: str, text: str) -> str:
        """A fence still arriving: its language and the plain code, no table, no Copy. Every
        table is a Qt frame, and inserting a frame makes Qt rescan all frames on each repaint."""
        return (
            f'<p style="color:{self._theme.muted}; font-size:small; margin-top:6px; '
            f'margin-bottom:0"><span>{escape(language or "code")}</span></p>'
            + self.shaded(escape(text), top=6, bottom=6)
        )

    def header(self, language: str, copy: str) -> str:
        """The frameless code block's header: a shaded line with the language and Copy."""
        theme = self._theme
        return (
            f'<p style="background-color:{theme.code_background}; color:{theme.muted}; '
            f'font-size:small; margin-top:6px; margin-bottom:0">'
            f"{escape(language or 'code')} &nbsp;·&nbsp; {copy}</p>"
        )

    def shaded(self, body: str, top: int, bottom: int) -> str:
        """A shaded <pre> without a frame (block backgrounds cost Qt nothing extra)."""
        theme = self._theme
        return (
            f'<pre style="font-family:{self.font}; color:{theme.text}; '
            f"background-color:{theme.code_background}; margin-top:{top}px; "
            f'margin-bottom:{bottom}px">{body}</pre>\n'
        )
