"""Reading one field of a composed test-set tree: present or not, a mapping with known keys,
a list, text, a number — each refusal naming the line and the field."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence

from app.core.evals.tree import Node, TestSetError, clip


def present(node: Node | None) -> bool:
    """Given, and not left empty (`key:` or `key: null` is the same as leaving it out)."""
    return node is not None and not (node.raw is not None and node.scalar is None)


def mapping_fields(
    node: Node, path: str, allowed: Sequence[str], required: Sequence[str] = ()
) -> dict[str, Node]:
    if node.entries is None:
        raise TestSetError(
            f"must be a mapping (key: value), not {node.kind}", line=node.line, field=path
        )
    for key in node.entries:
        if key not in allowed:
            raise TestSetError(
                f'unknown field "{clip(key)}"; use one of: {", ".join(allowed)}',
                line=node.key_lines[key],
                field=path,
            )
    for key in required:
        if not present(node.entries.get(key)):
            needs = f'needs "{key}"' if path else f'the file needs "{key}"'
            raise TestSetError(needs, line=node.line, field=path)
    return {key: value for key, value in node.entries.items() if present(value)}


def node_list(node: Node, path: str, most: int, noun: str, *, least: int = 1) -> list[Node]:
    if node.items is None:
        raise TestSetError(f"must be a list, not {node.kind}", line=node.line, field=path)
    if len(node.items) < least:
        raise TestSetError(f"needs at least one {noun}", line=node.line, field=path)
    if len(node.items) > most:
        raise TestSetError(
            f"has more than {most:,} {noun}s; split it", line=node.items[most].line, field=path
        )
    return node.items


def item_line(node: Node, index: int) -> int:
    return node.items[index].line if node.items is not None else node.line


def text_of(node: Node, path: str, *, one_line: bool = False, limit: int | None = None) -> str:
    # The text as written: `expect: yes` means "yes", not true; `vars: {n: 3}` means "3".
    if node.raw is None or node.scalar is None:
        raise TestSetError(f"must be text, not {node.kind}", line=node.line, field=path)
    text = node.raw
    if one_line and ("\n" in text or "\r" in text):
        raise TestSetError("must be one line", line=node.line, field=path)
    if limit is not None and len(text) > limit:
        raise TestSetError(f"is longer than {limit:,} characters", line=node.line, field=path)
    return text


def optional_text(
    node: Node | None, path: str, *, one_line: bool = False, limit: int | None = None
) -> str | None:
    if not present(node):
        return None
    assert node is not None
    return text_of(node, path, one_line=one_line, limit=limit)


def integer(node: Node, path: str, least: int, most: int) -> int:
    value = number(node, path, least, most)
    if isinstance(value, float):
        if not value.is_integer():
            raise TestSetError(
                f"must be a whole number from {least} to {most:,}", line=node.line, field=path
            )
        return int(value)
    return value


def number(
    node: Node, path: str, least: float | None = None, most: float | None = None
) -> int | float:
    value = node.scalar
    if isinstance(value, str) and node.plain:
        # JSON's 1e-3 is a number; YAML 1.1 reads it as text.
        with contextlib.suppress(ValueError):
            value = float(value)
    shown = (
        f"from {_shown(least)} to {_shown(most)}" if least is not None and most is not None else ""
    )
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TestSetError(f"must be a number {shown}".rstrip(), line=node.line, field=path)
    if isinstance(value, float) and not math.isfinite(value):
        raise TestSetError(f"must be a finite number {shown}".rstrip(), line=node.line, field=path)
    if least is not None and most is not None and not least <= value <= most:
        raise TestSetError(f"must be {shown}", line=node.line, field=path)
    return value


def _shown(number: float | None) -> str:
    """1000000 as "1,000,000", 0.5 as "0.5"."""
    if number is None:
        return ""
    return f"{int(number):,}" if float(number).is_integer() else str(number)
