"""How much Qt layout one rendered block may cost, and the plain notes shown where a shape is simplified.

Qt's rich-text layout is cheap for paragraphs and lists but not for frames: every table (a code
block, a quote, a Markdown table) is laid out whole, each nested table roughly doubles the cost
of what it holds, every table cell costs about 70 µs, and every frame in a document adds to each
later edit. Model output is untrusted, so these limits keep any one block's layout in the tens of
milliseconds whatever its shape. Text is never dropped to meet them: a shape past a limit is drawn
more simply, with a note that says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from app.core.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class RenderLimits:
    """Bounds on one block's layout cost; tests pass small values."""

    #: Source characters per rendered block: a longer paragraph, list, quote or code block is
    #: rendered in parts of this size (Qt lays out 4 KB of prose in ~3 ms, highlighted code ~10 ms).
    block_chars: int = 4096
    #: A table row may grow to this before it too is cut (a row is cut only when it must be).
    table_row_chars: int = 16384
    #: Quotes are drawn as tables with a bar; deeper levels are drawn at this depth.
    quote_depth: int = 3
    #: Lists deeper than this are drawn as indented lines at this depth.
    list_depth: int = 6
    #: Parser nesting (a quote adds 1, a list level 2) past which the source is shown as text.
    parse_level: int = 16
    #: Tables wider than this are shown as lines of "column: value" text, one per row.
    table_columns: int = 20
    #: Body cells per drawn table; longer tables are drawn as several, each with the header.
    table_cells: int = 120
    #: Qt frames (tables) per message; later quotes, code blocks and tables are drawn without.
    frames: int = 200


DEFAULT_LIMITS = RenderLimits()

NOTE_QUOTES = QT_TRANSLATE_NOOP(
    "MarkdownNotes", "Quotes nested deeper than {depth} levels are shown at level {depth}."
)
NOTE_LISTS = QT_TRANSLATE_NOOP(
    "MarkdownNotes", "Lists nested deeper than {depth} levels are shown at level {depth}."
)
NOTE_NESTING = QT_TRANSLATE_NOOP("MarkdownNotes", "Nesting this deep is shown as plain text.")
NOTE_FRAMES = QT_TRANSLATE_NOOP(
    "MarkdownNotes",
    "This reply has many quotes, tables or code blocks: from here on they are shown without "
    "boxes, to keep the window responsive.",
)
NOTE_WIDE_TABLE = QT_TRANSLATE_NOOP(
    "MarkdownNotes", "This table has {columns} columns: each row is shown as a line of text."
)
NOTE_LONG_LINE = QT_TRANSLATE_NOOP(
    "MarkdownNotes", "Lines longer than {chars} characters are shown in parts."
)


def note_text(note: str) -> str:
    """A NOTE_* in the window's language (translated where it is shown, not at import; through
    the core's hook, as rendering must not need Qt)."""
    return translate("MarkdownNotes", note)


@dataclass
class RenderBudget:
    """What one message may still spend on frames, and which notes it has already shown."""

    frames_left: int = DEFAULT_LIMITS.frames
    notes_shown: set[str] = field(default_factory=set)

    @classmethod
    def for_limits(cls, limits: RenderLimits) -> RenderBudget:
        return cls(frames_left=limits.frames)

    def copy(self) -> RenderBudget:
        """A scratch copy: the live tail is rendered often, and must not spend the real budget."""
        return RenderBudget(self.frames_left, set(self.notes_shown))

    def take_frames(self, count: int) -> bool:
        """Spend `count` frames if they are left; False means draw this without frames."""
        if self.frames_left < count:
            self.frames_left = 0
            return False
        self.frames_left -= count
        return True

    def first_time(self, note: str) -> bool:
        """True the first time a note is asked for in this message (it is shown once)."""
        if note in self.notes_shown:
            return False
        self.notes_shown.add(note)
        return True


def install_nesting_guard(md: MarkdownIt, level: int) -> None:
    """Past `level`, show the rest of a nested container as text instead of nesting further.

    markdown-it stops at ``maxNesting`` by *skipping* everything deeper (the text is lost), and
    every level is a recursive call; this rule runs first and ends both well before that.
    """
    if level >= md.options.maxNesting:
        raise ValueError("the nesting guard must act before markdown-it's own limit")

    def nesting_guard(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.level < level:
            return False
        if silent:
            return True
        text = state.getLines(start, end, state.blkIndent, False).strip()
        state.line = end
        state.push("llamadesk_note", "", 0).content = note_text(NOTE_NESTING)
        if text:
            state.push("paragraph_open", "p", 1).map = [start, end]
            inline = state.push("inline", "", 0)
            inline.content = text
            inline.map = [start, end]
            inline.children = []
            state.push("paragraph_close", "p", -1)
        return True

    md.block.ruler.before("table", "llamadesk_nesting_guard", nesting_guard)
