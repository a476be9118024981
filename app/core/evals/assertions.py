"""The checks a case makes on a reply, each with a plain reason when it fails.

Replies come with the whitespace models add around them, so `equals` compares the trimmed
reply and `starts-with` ignores leading whitespace; everything else looks at the reply as sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from app.core.evals.model import Assertion, AssertionKind, AssertionResult
from app.core.evals.patterns import MATCH_TIMEOUT_S, PatternError, PatternTimeout, search
from app.core.evals.tree import clip

#: Longer replies are not parsed for is-json (max_tokens keeps real ones far below).
MAX_JSON_CHARS = 1_000_000


def check_all(
    asserts: Sequence[Assertion],
    *,
    response: str,
    duration_ms: float | None,
    regex_timeout_s: float = MATCH_TIMEOUT_S,
) -> tuple[AssertionResult, ...]:
    """Every check on `response`, in order."""
    return tuple(_check(a, response, duration_ms, regex_timeout_s) for a in asserts)


def _check(
    check: Assertion, response: str, duration_ms: float | None, regex_timeout_s: float
) -> AssertionResult:
    kind, value = check.kind, check.value
    text = "" if value is None else str(value)
    match kind:
        case AssertionKind.CONTAINS:
            return _result(kind, text in response, f"the reply does not contain “{clip(text)}”")
        case AssertionKind.NOT_CONTAINS:
            return _result(kind, text not in response, f"the reply contains “{clip(text)}”")
        case AssertionKind.ICONTAINS:
            found = text.casefold() in response.casefold()
            return _result(kind, found, f"the reply does not contain “{clip(text)}” in any case")
        case AssertionKind.EQUALS:
            same = response.strip() == text.strip()
            return _result(kind, same, f"the reply is not “{clip(text)}”")
        case AssertionKind.STARTS_WITH:
            starts = response.lstrip().startswith(text)
            return _result(kind, starts, f"the reply does not start with “{clip(text)}”")
        case AssertionKind.REGEX:
            return _regex(text, response, regex_timeout_s)
        case AssertionKind.IS_JSON:
            return _is_json(response)
        case AssertionKind.MAX_WORDS:
            words = len(response.split())
            limit = _number(value)
            return _result(
                kind, words <= limit, f"the reply has {words:,} words (at most {limit:g})"
            )
        case AssertionKind.LATENCY_MS:
            limit = _number(value)
            if duration_ms is None:
                return _result(kind, False, "the request has no timing (it did not finish)")
            fast = duration_ms <= limit
            return _result(kind, fast, f"the reply took {duration_ms:,.0f} ms (at most {limit:g})")


def _result(kind: AssertionKind, passed: bool, why_not: str) -> AssertionResult:
    return AssertionResult(kind, passed, "" if passed else why_not)


def _number(value: object) -> float:
    # A stored or hand-built check may carry anything; the file check allows numbers only.
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _regex(pattern: str, response: str, timeout_s: float) -> AssertionResult:
    kind = AssertionKind.REGEX
    try:
        found = search(pattern, response, timeout_s=timeout_s)
    except PatternError as exc:
        return _result(kind, False, str(exc))
    except PatternTimeout:
        return _result(
            kind,
            False,
            f"the pattern took longer than {timeout_s:g} s on this reply; simplify it "
            "(nested repeats such as (a+)+ backtrack without end)",
        )
    return _result(kind, found, f"the reply does not match /{clip(pattern)}/")


def _is_json(response: str) -> AssertionResult:
    kind = AssertionKind.IS_JSON
    text = response.strip()
    if len(text) > MAX_JSON_CHARS:
        return _result(kind, False, f"the reply is longer than {MAX_JSON_CHARS:,} characters")
    try:
        json.loads(text)
    except RecursionError:
        return _result(kind, False, "the reply nests too deeply to check")
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not JSON"
        return _result(kind, False, f"the reply is not JSON ({reason.lower()})")
    return _result(kind, True, "")
