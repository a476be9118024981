"""Degenerate model replies of a given size: the shapes whose layout once froze the window.

Shared by the rendering tests and tests/benchmarks/bench_render_worst.py (which loads this file
by path, so it also runs against older checkouts of the app).
"""

from __future__ import annotations

import random
from collections.abc import Callable

_WORDS = [
    "the",
    "model",
    "streams",
    "each",
    "token",
    "and",
    "renders",
    "blocks",
    "quickly",
    "while",
    "layout",
    "waits",
]


def nested_quotes(size: int) -> str:
    """The 42-byte reply of twenty nested quotes (13 s each on the first version), repeated."""
    unit = "> " * 20 + "deep text\n\n"
    return (unit * (size // len(unit) + 1))[:size]


def long_word(size: int) -> str:
    """A degenerate repetition loop: one 'word' without a single break opportunity."""
    return ("ha" * (size // 2 + 1))[:size]


def wide_table(size: int) -> str:
    """A 200-column Markdown table with as many rows as fit."""
    columns = 200
    head = "|" + "|".join(f"h{i}" for i in range(columns)) + "|\n|" + "---|" * columns + "\n"
    rows = [head]
    total, row = len(head), 0
    while total < size:
        line = "|" + "|".join(f"r{row}c{i}" for i in range(columns)) + "|\n"
        rows.append(line)
        total += len(line)
        row += 1
    return "".join(rows)


def long_code(size: int) -> str:
    """One fenced Python block."""
    line = "    total += values[index] * weight  # accumulate the weighted sum\n"
    body = line * max(1, (size - 40) // len(line))
    return f"```python\ndef weighted(values, weight):\n{body}```\n"


def deep_lists(size: int) -> str:
    """Lists nested forty levels deep, again and again."""
    lines, total, n = [], 0, 0
    while total < size:
        line = "  " * (n % 40) + f"- level {n % 40}, item {n}\n"
        lines.append(line)
        total += len(line)
        n += 1
    return "".join(lines)


def many_code_blocks(size: int) -> str:
    """Thousands of tiny code blocks (each one a Qt frame)."""
    unit = "```\nx = 1\n```\n\n"
    return unit * max(1, size // len(unit))


def prose(size: int) -> str:
    """Ordinary long prose: paragraphs of eighty words."""
    rng = random.Random(1)
    parts, total = [], 0
    while total < size:
        paragraph = " ".join(rng.choice(_WORDS) for _ in range(80)) + ".\n\n"
        parts.append(paragraph)
        total += len(paragraph)
    return "".join(parts)


def one_paragraph(size: int) -> str:
    """A single paragraph: words, no line break at all."""
    rng = random.Random(2)
    return " ".join(rng.choice(_WORDS) for _ in range(size // 5 + 1))[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "nested_quotes": nested_quotes,
    "long_word": long_word,
    "wide_table": wide_table,
    "long_code": long_code,
    "deep_lists": deep_lists,
    "many_code_blocks": many_code_blocks,
    "prose": prose,
    "one_paragraph": one_paragraph,
}
