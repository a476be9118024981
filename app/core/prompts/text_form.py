"""A prompt's text as it is kept and compared: one kind of line break, as an editor holds it.

A plain-text editor cannot hold every character: it reads "\\r\\n", "\\r", U+2028, U+2029 (and
U+FDD0/U+FDD1, which it uses inside) as a line break and shows a no-break space as a space.
Comparing a saved version with the editor's text must look past those, or a version holding
them would show "edited" after a no-op and be saved again.
"""

from __future__ import annotations

import re
from typing import Final

_LINE_BREAK: Final = re.compile("\r\n|[\r\u2028\u2029\ufdd0\ufdd1]")
_EDITOR_CHANGES: Final = frozenset("\r\u2028\u2029\ufdd0\ufdd1\u00a0")


def normalise_newlines(text: str) -> str:
    """Every kind of line break made "\\n" (what is saved and imported)."""
    if "\r" not in text and not any(c in text for c in "\u2028\u2029\ufdd0\ufdd1"):
        return text  # the common case, without a copy
    return _LINE_BREAK.sub("\n", text)


def as_edited(text: str) -> str:
    """`text` as a plain-text editor gives it back: line breaks as "\\n", no-break spaces as spaces."""
    if not any(c in text for c in _EDITOR_CHANGES):
        return text
    return normalise_newlines(text).replace("\u00a0", " ")


def same_text(a: str, b: str) -> bool:
    """The two texts read the same in the editor (an edit that changed nothing is no edit)."""
    return a == b or as_edited(a) == as_edited(b)
