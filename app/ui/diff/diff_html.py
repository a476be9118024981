"""A diff as HTML for a QTextBrowser: removed words struck through in red, added underlined in green.

Colour alone says nothing to a colour-blind reader or a screen reader, so removed text is also
struck through and added text underlined. Output is bounded: a huge diff is cut with a note.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Final

from app.core.prompts.diff import Op, Span, TextDiff

#: Characters of text drawn at most; beyond, a note says the rest is not shown.
MAX_SHOWN_CHARS: Final = 300_000

_LIGHT: Final = {
    Op.DELETE: "background-color:#fde2e1; color:#8a1c14; text-decoration:line-through;",
    Op.INSERT: "background-color:#d9f7e1; color:#14532d; text-decoration:underline;",
}
_DARK: Final = {
    Op.DELETE: "background-color:#5c1f1b; color:#ffd7d3; text-decoration:line-through;",
    Op.INSERT: "background-color:#1d4428; color:#d3f9dc; text-decoration:underline;",
}


def spans_html(spans: Iterable[Span], *, dark: bool = False) -> str:
    """The spans as one pre-wrapped block, highlighted by op; cut at MAX_SHOWN_CHARS."""
    styles = _DARK if dark else _LIGHT
    parts: list[str] = ['<div style="white-space:pre-wrap;">']
    shown = 0
    cut = False
    for span in spans:
        text = span.text
        if shown + len(text) > MAX_SHOWN_CHARS:
            text = text[: MAX_SHOWN_CHARS - shown]
            cut = True
        shown += len(text)
        escaped = html.escape(text)
        if span.op is Op.EQUAL:
            parts.append(escaped)
        else:
            parts.append(f'<span style="{styles[span.op]}">{escaped}</span>')
        if cut:
            break
    parts.append("</div>")
    if cut:
        parts.append(
            f"<p><i>Only the first {MAX_SHOWN_CHARS:,} characters are shown. "
            "Export both versions to compare the rest in another tool.</i></p>"
        )
    return "".join(parts)


def summary(diff: TextDiff, *, old_name: str = "old", new_name: str = "new") -> str:
    """One plain line: what changed, in words."""
    if diff.identical:
        return f"No differences: {old_name} and {new_name} are the same text."
    added, removed = diff.counts()
    line = f"From {old_name} to {new_name}: {added:,} words added, {removed:,} removed."
    if diff.coarse:
        line += " Parts too different to compare word by word are shown as whole blocks."
    return line
