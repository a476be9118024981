"""markdown-it's HTML renderer with Qt's missing elements replaced and every costly shape bounded.

QTextDocument ignores CSS classes, flexbox and rounded corners, so every colour is an inline
``style`` or a ``bgcolor`` attribute, a code block is a one-cell table (a header with the
language and a ``copy-code:N`` link above the ``<pre>``) and a block quote is a table with a bar.
Tables are what Qt lays out slowly (see ``limits``), so their depth, size and count are bounded
here; a shape past a bound is drawn without tables and a note says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from app.ui.markdown.code_html import CodeHtml
from app.ui.markdown.limits import (
    NOTE_FRAMES,
    NOTE_LISTS,
    NOTE_QUOTES,
    NOTE_WIDE_TABLE,
    RenderBudget,
    RenderLimits,
    note_text,
)
from app.ui.markdown.table_html import drawn_table, text_rows
from app.ui.markdown.theme import Theme

STATE = "llamadesk_state"  # env key of the RenderState of one render call
_QUOTE_INDENT_PX = 14


@dataclass
class RenderState:
    """What one render call knows as it walks the tokens: its budget and where it is nested."""

    budget: RenderBudget
    tail: bool = False  # the still-growing end of a reply: plain code, no Copy links
    joins_previous: bool = False  # this block continues the previous one: no top margin
    joins_next: bool = False  # the next block continues this one: no bottom margin
    quotes: list[bool] = field(default_factory=list)  # per open quote: drawn as a table?
    lists: list[list[int] | None] = field(default_factory=list)  # per open list: flat counter
    marker: str | None = None  # a flattened list item's marker, waiting for its first line
    paragraphs: list[bool] = field(default_factory=list)  # per open <p>: close it?

    @property
    def quote_tables(self) -> int:
        return sum(self.quotes)

    @property
    def flat_quotes(self) -> int:
        return len(self.quotes) - self.quote_tables


def _state(env: EnvType) -> RenderState:
    state = env.get(STATE)
    if not isinstance(state, RenderState):
        state = RenderState(RenderBudget())
        env[STATE] = state
    return state


class QtHtmlRenderer(RendererHTML):
    """markdown-it's HTML renderer with the elements Qt lacks replaced by ones it has."""

    def __init__(
        self,
        parser: MarkdownIt,
        theme: Theme,
        code_font: str,
        register_code: Callable[[str], int],
        limits: RenderLimits,
    ) -> None:
        super().__init__(parser)
        self._theme = theme
        self.code = CodeHtml(theme, code_font)
        self._register_code = register_code
        self._limits = limits

    def render(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        # markdown-it's loop, plus tables rendered whole (they are split by size, see _table).
        out: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "table_open":
                html, i = self._table(tokens, i, options, env)
                out.append(html)
                continue
            if token.type == "inline":
                if token.children:
                    out.append(self.renderInline(token.children, options, env))
            elif token.type in self.rules:
                out.append(self.rules[token.type](tokens, i, options, env))
            else:
                out.append(self.renderToken(tokens, i, options, env))
            i += 1
        return "".join(out)

    # -- notes ---------------------------------------------------------------------------------

    def note_html(self, text: str) -> str:
        """A plain, muted line that says where and how a shape was simplified."""
        return (
            f'<p style="color:{self._theme.muted}; font-size:small; font-style:italic; '
            f'margin-top:6px; margin-bottom:6px">{escape(text)}</p>\n'
        )

    def _note_once(self, state: RenderState, text: str) -> str:
        return self.note_html(text) if state.budget.first_time(text) else ""

    def llamadesk_note(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._note_once(_state(env), tokens[idx].content)

    # -- code ------------------------------------------------------------------------------------

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        info = unescapeAll(token.info).strip()
        language = info.split(maxsplit=1)[0] if info else ""
        return self._code_block(token.content, language, _state(env))

    def code_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._code_block(tokens[idx].content, "", _state(env))

    def code_inline(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return (
            f'<span style="font-family:{self.code.font}; '
            f'background-color:{self._theme.inline_code_background}">'
            f"{escape(tokens[idx].content)}</span>"
        )

    def _code_block(self, code: str, language: str, state: RenderState) -> str:
        text = code.removesuffix("\n")  # in a <pre>, Qt shows a final newline as an empty line
        if state.tail:
            return self.code.growing(language, text)
        body = self.code.highlighted(text, language)
        copy = self.code.copy_link(self._register_code(text))
        # Inside a quote the table would nest in the quote's (each level doubles Qt's layout
        # work), and past the frame budget it would slow every later edit: drawn flat instead.
        if state.quote_tables > 1 or not state.budget.take_frames(2):
            note = "" if state.quote_tables > 1 else self._note_once(state, note_text(NOTE_FRAMES))
            return note + self.code.header(language, copy) + self.code.shaded(body, 0, 6)
        return self.code.boxed(language, body, copy)

    # -- links, images, rules ----------------------------------------------------------------

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

    def hr(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f'<hr style="background-color:{self._theme.code_border}" />\n'

    # -- quotes ----------------------------------------------------------------------------------

    def blockquote_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        state = _state(env)
        depth = len(state.quotes) + 1
        note = ""
        if depth > self._limits.quote_depth:
            drawn = False
            note = self._note_once(
                state, note_text(NOTE_QUOTES).format(depth=self._limits.quote_depth)
            )
        else:
            drawn = state.budget.take_frames(1)
            if not drawn:
                note = self._note_once(state, note_text(NOTE_FRAMES))
        state.quotes.append(drawn)
        if not drawn:
            return note
        # A bar and an indented cell: a <blockquote> inserted as the first block of an
        # insertHtml() takes the cursor's block format and loses its indent; a table keeps it.
        return (
            # Full width: nested quotes would otherwise each shrink to their content and wrap
            # short lines early.
            '<table width="100%" cellspacing="0" cellpadding="0" border="0" '
            'style="margin-top:6px; margin-bottom:6px"><tr>'
            f'<td width="3" bgcolor="{self._theme.code_border}"></td>'
            f'<td style="padding-left:10px; color:{self._theme.muted}">\n'
        )

    def blockquote_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        state = _state(env)
        drawn = state.quotes.pop() if state.quotes else False
        return "</td></tr></table>\n" if drawn else ""

    # -- paragraphs and lists ------------------------------------------------------------------

    def paragraph_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        state = _state(env)
        token = tokens[idx]
        styles = []
        if state.marker is not None:  # a flattened list item's first line
            styles += ["margin-top:0", "margin-bottom:0", f"margin-left:{self._flat_indent()}px"]
        elif token.hidden:
            state.paragraphs.append(False)
            return ""
        if token.level == 0 and idx == 0 and state.joins_previous:
            styles.append("margin-top:0")
        if token.level == 0 and idx + 2 == len(tokens) - 1 and state.joins_next:
            styles.append("margin-bottom:0")
        if state.flat_quotes and not state.quote_tables:  # quotes past the frame budget
            indent = _QUOTE_INDENT_PX * min(state.flat_quotes, self._limits.quote_depth)
            styles += [f"margin-left:{indent}px", f"color:{self._theme.muted}"]
        state.paragraphs.append(True)
        opening = f'<p style="{"; ".join(styles)}">' if styles else "<p>"
        if state.marker is not None:
            opening += escape(state.marker)
            state.marker = None
        return opening

    def paragraph_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        state = _state(env)
        opened = state.paragraphs.pop() if state.paragraphs else True
        return "</p>\n" if opened else ""

    def _flat_indent(self) -> int:
        return 20  # past the deepest drawn list level: a small step, the marker shows the rest

    def bullet_list_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._list_open(tokens, idx, options, env, start=None)

    def ordered_list_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        start = tokens[idx].attrGet("start")
        return self._list_open(tokens, idx, options, env, start=int(start or 1))

    def _list_open(
        self,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: EnvType,
        start: int | None,
    ) -> str:
        state = _state(env)
        if len(state.lists) < self._limits.list_depth:
            state.lists.append(None)
            return self.renderToken(tokens, idx, options, env)
        state.lists.append([start] if start is not None else [])
        return self._note_once(state, note_text(NOTE_LISTS).format(depth=self._limits.list_depth))

    def bullet_list_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._list_close(tokens, idx, options, env)

    def ordered_list_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._list_close(tokens, idx, options, env)

    def _list_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        state = _state(env)
        flat = state.lists.pop() if state.lists else None
        return self.renderToken(tokens, idx, options, env) if flat is None else ""

    def list_item_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        state = _state(env)
        counter = state.lists[-1] if state.lists else None
        if counter is None:
            return self.renderToken(tokens, idx, options, env)
        if counter:  # an ordered list's next number
            state.marker = f"{counter[0]}. "
            counter[0] += 1
        else:
            state.marker = "• "
        return ""

    def list_item_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        state = _state(env)
        if (state.lists[-1] if state.lists else None) is None:
            return self.renderToken(tokens, idx, options, env)
        if state.marker is None:
            return ""
        marker, state.marker = state.marker, None  # an item without a paragraph of its own
        return f'<p style="margin-top:0; margin-bottom:0">{escape(marker)}</p>\n'

    # -- tables ----------------------------------------------------------------------------------

    def _table(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> tuple[str, int]:
        """A table, drawn as tables of at most `table_cells` cells each (every one with the
        header), or as rows of text when it is too wide or the frame budget is spent."""
        state = _state(env)
        header: list[str] = []
        rows: list[list[str]] = []
        aligns: list[str] = []
        i = idx + 1
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                inline = tokens[i + 1]
                cell = self.renderInline(inline.children or [], options, env)
                if token.type == "th_open":
                    header.append(cell)
                    aligns.append(str(token.attrGet("style") or ""))
                else:
                    rows[-1].append(cell)
            i += 1
        rows = [row for row in rows if row]
        columns = max(1, len(header))
        if columns > self._limits.table_columns:
            note = self._note_once(state, note_text(NOTE_WIDE_TABLE).format(columns=columns))
            return note + text_rows(header, rows), i + 1
        per_table = max(1, self._limits.table_cells // columns)
        out = []
        for start in range(0, max(1, len(rows)), per_table):
            group = rows[start : start + per_table]
            if state.budget.take_frames(1):
                out.append(drawn_table(self._theme, header, aligns, group))
            else:
                out.append(
                    self._note_once(state, note_text(NOTE_FRAMES)) + text_rows(header, group)
                )
        return "".join(out), i + 1
