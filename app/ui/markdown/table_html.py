"""Markdown tables as Qt rich text: bordered tables of bounded size, or lines of text."""

from __future__ import annotations

from app.ui.markdown.theme import Theme


def drawn_table(theme: Theme, header: list[str], aligns: list[str], rows: list[list[str]]) -> str:
    """A bordered table with the header row above `rows` (cells are rendered inline HTML)."""

    def cell(tag: str, html: str, align: str) -> str:
        return f'<{tag} style="{align}">{html}</{tag}>' if align else f"<{tag}>{html}</{tag}>"

    head = "".join(cell("th", h, a) for h, a in zip(header, aligns, strict=True))
    body = "".join(
        "<tr>" + "".join(cell("td", c, a) for c, a in zip(row, aligns, strict=False)) + "</tr>\n"
        for row in rows
    )
    return (
        '<table border="1" cellspacing="0" cellpadding="4" '
        f'style="border-color:{theme.code_border}; border-style:solid; '
        'border-collapse:collapse; margin-top:6px; margin-bottom:6px">\n'
        f"<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>\n"
    )


def text_rows(header: list[str], rows: list[list[str]]) -> str:
    """Each row as one paragraph of "column: value" pairs, readable however wide."""
    opening = '<p style="margin-top:6px; margin-bottom:6px">'
    if not rows:  # only the header: its names are the text
        return f"{opening}<b>{' │ '.join(header)}</b></p>\n"

    def pair(name: str, value: str) -> str:
        return f"<b>{name}</b>: {value}" if name else value

    return "".join(
        opening + " │ ".join(pair(n, v) for n, v in zip(header, row, strict=False)) + "</p>\n"
        for row in rows
    )
