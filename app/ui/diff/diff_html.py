"""A diff as HTML for a QTextBrowser: removed words struck through in red, added underlined in green.

Colour alone says nothing to a colour-blind reader or a screen reader, so removed text is also
struck through and added text underlined. Output is bounded: a huge diff is cut with a note.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import QCoreApplication

from app.core.prompts.diff import Op, Span, TextDiff

#: Characters of text drawn at most; beyond, a note says the rest is not shown.
MAX_SHOWN_CHARS: Final = 300_000
#: An unchanged stretch longer than this many lines is folded to its first and last
#: CONTEXT_LINES, so that every change of a long prompt is drawn (and drawn quickly).
FOLD_LINES: Final = 40
CONTEXT_LINES: Final = 5

_LIGHT: Final = {
    Op.DELETE: "background-color:#fde2e1; color:#8a1c14; text-decoration:line-through;",
    Op.INSERT: "background-color:#d9f7e1; color:#14532d; text-decoration:underline;",
}
_DARK: Final = {
    Op.DELETE: "background-color:#5c1f1b; color:#ffd7d3; text-decoration:line-through;",
    Op.INSERT: "background-color:#1d4428; color:#d3f9dc; text-decoration:underline;",
}


def spans_html(spans: Iterable[Span], *, dark: bool = False) -> str:
    """The spans as one pre-wrapped block, highlighted by op; long unchanged stretches folded,
    cut at MAX_SHOWN_CHARS."""
    styles = _DARK if dark else _LIGHT
    parts: list[str] = ['<div style="white-space:pre-wrap;">']
    shown = 0
    cut = False
    spans = list(spans)
    for index, span in enumerate(spans):
        text = span.text
        if span.op is Op.EQUAL and text.count("\n") > FOLD_LINES:
            head, folded, tail = _fold(text, first=index == 0, last=index == len(spans) - 1)
            if folded:
                marker = QCoreApplication.translate(
                    "DiffHtml", "⋯ {folded:,} unchanged lines ⋯\n"
                ).format(folded=folded)
                parts.append(html.escape(head))
                parts.append(f'<span style="color:#8a8f98; font-style:italic;">{marker}</span>')
                parts.append(html.escape(tail))
                shown += len(head) + len(tail)
                continue
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
            QCoreApplication.translate(
                "DiffHtml",
                "<p><i>Only the first {MAX_SHOWN_CHARS:,} characters are shown. Export both versions to compare the rest in another tool.</i></p>",
            ).format(MAX_SHOWN_CHARS=MAX_SHOWN_CHARS)
        )
    return "".join(parts)


def _fold(text: str, *, first: bool, last: bool) -> tuple[str, int, str]:
    """(kept head, number of lines folded, kept tail) of an unchanged stretch. The text's start
    needs no lines before the first change, its end none after the last."""
    if first and last:  # the whole text, unchanged: shown as it is
        return text, 0, ""
    lines = text.splitlines(keepends=True)
    keep_head = 0 if first else CONTEXT_LINES
    keep_tail = 0 if last else CONTEXT_LINES
    # A stretch that starts or ends mid-line keeps that partial line with its neighbour.
    folded = len(lines) - keep_head - keep_tail
    if folded <= CONTEXT_LINES:
        return text, 0, ""
    head = "".join(lines[:keep_head])
    tail = "".join(lines[len(lines) - keep_tail :]) if keep_tail else ""
    return head, folded, tail


def summary(diff: TextDiff, *, old_name: str = "old", new_name: str = "new") -> str:
    """One plain line: what changed, in words."""
    if diff.identical:
        return QCoreApplication.translate(
            "DiffHtml", "No differences: {old_name} and {new_name} are the same text."
        ).format(old_name=old_name, new_name=new_name)
    added, removed = diff.counts()
    line = QCoreApplication.translate(
        "DiffHtml", "From {old_name} to {new_name}: {added:,} words added, {removed:,} removed."
    ).format(old_name=old_name, new_name=new_name, added=added, removed=removed)
    if diff.coarse:
        line += QCoreApplication.translate(
            "DiffHtml", " Parts too different to compare word by word are shown as whole blocks."
        )
    return line
