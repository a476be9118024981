"""Counting the values in JSON bytes without parsing them, so a hostile file is refused first.

json.loads makes a Python object of every value, and a small one costs far more than the bytes
that spell it: 20 MB of `{},` is 6.7 million dicts and took about 490 MB before any check of
the result could run. The count here uses bytes operations only (each one pass in C, no object
per value): escapes are removed so that every quote left delimits a string, everything except
quotes and `{`, `[` and `,` is deleted, and the `{[,` outside strings are what start objects,
arrays and further items.
"""

from __future__ import annotations

from typing import Final

# A backslash in JSON is always followed by one of "\/bfnrtu, so keeping those keeps every
# escape whole while the first pass deletes the rest of the text.
_ESCAPES_AND_MARKS: Final = frozenset(b'"\\/bfnrtu{[,')
_MARKS: Final = frozenset(b'"{[,')
_DELETE_FIRST: Final = bytes(b for b in range(256) if b not in _ESCAPES_AND_MARKS)
_DELETE_SECOND: Final = bytes(b for b in range(256) if b not in _MARKS)


def json_values(data: bytes, limit: int) -> int:
    """The strings, objects, arrays and commas of JSON `data`: about the values json.loads builds.

    Every value but the first of an object or array follows a comma, so at most one number
    per container goes uncounted. Where `data` stops being JSON (and json.loads stops too) the
    rest may be miscounted. Past `limit` strings it stops early (returning more than `limit`),
    so its own memory stays within a few copies of `data`.
    """
    marks = data.translate(None, _DELETE_FIRST)
    # Escaped backslashes first: in `\\"` the quote ends a string, in `\"` it is text.
    marks = marks.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _DELETE_SECOND)
    strings = marks.count(b'"') // 2
    if strings > limit:
        return strings
    between_strings = marks.split(b'"')[::2]
    return strings + sum(map(len, between_strings))
