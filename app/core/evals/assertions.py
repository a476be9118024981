"""The checks a case makes on a reply, each with a plain reason when it fails.

Replies come with the whitespace models add around them, so `equals` compares the trimmed
reply and `starts-with` ignores leading whitespace; everything else looks at the reply as sent.
Regex checks run on the event loop, so all of a reply's share one time budget, and a pattern
that ran out of time once is skipped for the rest of the run (it would on the next reply too).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, MutableSet, Sequence
from typing import Final

from app.core.evals.model import Assertion, AssertionKind, AssertionResult
from app.core.evals.patterns import MATCH_TIMEOUT_S, PatternError, PatternTimeout, search
from app.core.evals.tree import clip

#: Longer replies are not parsed for is-json (max_tokens keeps real ones far below).
MAX_JSON_CHARS = 1_000_000
#: All the regex checks of one reply together never take longer than this.
REPLY_BUDGET_S: Final = 0.5
OUT_OF_TIME: Final = "not checked: the patterns took too long"


class _RegexBudget:
    """The time left for one reply's regex checks, and the run's patterns known to be slow."""

    def __init__(
        self,
        per_match_s: float,
        budget_s: float,
        slow: MutableSet[str],
        clock: Callable[[], float],
    ) -> None:
        self.per_match_s = per_match_s
        self.slow = slow
        self._clock = clock
        self._deadline = clock() + budget_s

    def left(self) -> float:
        return self._deadline - self._clock()


def check_all(
    asserts: Sequence[Assertion],
    *,
    response: str,
    duration_ms: float | None,
    regex_timeout_s: float = MATCH_TIMEOUT_S,
    budget_s: float = REPLY_BUDGET_S,
    slow_patterns: MutableSet[str] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[AssertionResult, ...]:
    """Every check on `response`, in order. `slow_patterns` (kept by the caller for a whole
    run) gains each pattern that ran out of time, and such patterns are not tried again."""
    budget = _RegexBudget(
        regex_timeout_s, budget_s, set() if slow_patterns is None else slow_patterns, clock
    )
    return tuple(_check(a, response, duration_ms, budget) for a in asserts)


def _check(
    check: Assertion, response: str, duration_ms: float | None, budget: _RegexBudget
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
            return _regex(text, response, budget)
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


def _regex(pattern: str, response: str, budget: _RegexBudget) -> AssertionResult:
    kind = AssertionKind.REGEX
    too_slow = (
        f"the pattern took longer than {budget.per_match_s:g} s on {{}}; simplify it "
        "(nested repeats such as (a+)+ backtrack without end)"
    )
    if pattern in budget.slow:
        return _result(kind, False, "not checked: " + too_slow.format("an earlier reply"))
    left = budget.left()
    if left <= 0:
        return _result(kind, False, OUT_OF_TIME)
    timeout_s = min(budget.per_match_s, left)
    try:
        found = search(pattern, response, timeout_s=timeout_s)
    except PatternError as exc:
        return _result(kind, False, str(exc))
    except PatternTimeout:
        if timeout_s < budget.per_match_s:  # cut short by the reply's budget, not its own
            return _result(kind, False, OUT_OF_TIME)
        budget.slow.add(pattern)
        return _result(kind, False, too_slow.format("this reply"))
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
