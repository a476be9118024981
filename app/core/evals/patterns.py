"""Regular expressions from test-set files, bounded in size and in matching time.

A pattern such as `(a|aa)+$` takes exponential time on the wrong reply with Python's `re`,
which cannot be interrupted. The `regex` package (the same syntax, a drop-in for `re`) takes
a timeout per match, so a hostile or careless check fails in plain words instead of hanging
the run.
"""

from __future__ import annotations

from typing import Any, Final

import regex

#: Longer patterns are almost always a pasted reply, not a check.
MAX_PATTERN_CHARS: Final = 1_000
#: Only this much of a reply is searched (max_tokens keeps real replies far below it).
MAX_MATCH_CHARS: Final = 200_000
#: One search never takes longer; a well-formed check takes microseconds.
MATCH_TIMEOUT_S: Final = 0.25


class PatternError(ValueError):
    """A pattern that cannot be used; the message says why, in a few words."""


class PatternTimeout(Exception):
    """A search took longer than its timeout."""


def compile_pattern(pattern: str) -> Any:
    """The compiled pattern (a `regex.Pattern`); PatternError when too long or not valid."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternError(f"the pattern is longer than {MAX_PATTERN_CHARS:,} characters")
    try:
        # V0: the syntax and behaviour of Python's `re`, which is what people write.
        return regex.compile(pattern, regex.V0)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        raise PatternError(f"the pattern is not a valid regular expression ({exc})") from None


def search(pattern: str, text: str, *, timeout_s: float = MATCH_TIMEOUT_S) -> bool:
    """Whether `pattern` is found in `text` (its first MAX_MATCH_CHARS characters).

    PatternError for an unusable pattern, PatternTimeout when matching takes too long.
    """
    compiled = compile_pattern(pattern)
    try:
        return compiled.search(text[:MAX_MATCH_CHARS], timeout=timeout_s) is not None
    except TimeoutError:
        raise PatternTimeout from None
