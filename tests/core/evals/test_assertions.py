"""Each check on a reply, its plain reason when it fails, and hostile patterns that cannot hang."""

from __future__ import annotations

import time

import pytest

from app.core.evals.assertions import MAX_JSON_CHARS, check_all
from app.core.evals.model import Assertion, AssertionKind, AssertionResult
from app.core.evals.patterns import MAX_MATCH_CHARS

K = AssertionKind


def _one(
    kind: AssertionKind, value: str | float | None, response: str, duration_ms: float | None = 10.0
) -> AssertionResult:
    (result,) = check_all([Assertion(kind, value)], response=response, duration_ms=duration_ms)
    return result


@pytest.mark.parametrize(
    ("kind", "value", "response", "passed"),
    [
        (K.CONTAINS, "refund", "A refund is possible.", True),
        (K.CONTAINS, "refund", "A Refund is possible.", False),
        (K.NOT_CONTAINS, "sorry", "Yes.", True),
        (K.NOT_CONTAINS, "sorry", "I'm sorry.", False),
        (K.ICONTAINS, "REFUND", "a refund", True),
        (K.ICONTAINS, "straße", "STRASSE", True),
        (K.ICONTAINS, "refund", "no", False),
        (K.EQUALS, "Yes.", "  Yes.\n", True),
        (K.EQUALS, "Yes.", "Yes!", False),
        (K.EQUALS, "", "   ", True),
        (K.STARTS_WITH, "Yes", "\n Yes, of course", True),
        (K.STARTS_WITH, "Yes", "Well, yes", False),
        (K.REGEX, r"^[A-Z]", "Hello", True),
        (K.REGEX, r"^[A-Z]", "hello", False),
        (K.REGEX, r"\d{2} days", "within 30 days", True),
        (K.IS_JSON, None, ' {"a": [1, 2]}\n', True),
        (K.IS_JSON, None, "[1, 2", False),
        (K.IS_JSON, None, "", False),
        (K.MAX_WORDS, 3, "one two  three\n", True),
        (K.MAX_WORDS, 3, "one two three four", False),
        (K.MAX_WORDS, 0, "", True),
        (K.LATENCY_MS, 100, "x", True),
    ],
)
def test_each_check(
    kind: AssertionKind, value: str | int | None, response: str, passed: bool
) -> None:
    result = _one(kind, value, response)
    assert (result.kind, result.passed) == (kind, passed)
    assert (result.detail == "") == passed


def test_failures_say_why_in_plain_words() -> None:
    assert _one(K.CONTAINS, "refund", "no").detail == "the reply does not contain “refund”"
    assert _one(K.NOT_CONTAINS, "sorry", "sorry").detail == "the reply contains “sorry”"
    assert _one(K.EQUALS, "Yes.", "No.").detail == "the reply is not “Yes.”"
    assert _one(K.STARTS_WITH, "Yes", "No").detail == "the reply does not start with “Yes”"
    assert _one(K.REGEX, "^a$", "b").detail == "the reply does not match /^a$/"
    assert _one(K.IS_JSON, None, "{").detail.startswith("the reply is not JSON (")
    assert _one(K.MAX_WORDS, 2, "a b c").detail == "the reply has 3 words (at most 2)"
    assert _one(K.LATENCY_MS, 100, "x", 1500.4).detail == "the reply took 1,500 ms (at most 100)"
    assert (
        _one(K.LATENCY_MS, 100, "x", None).detail == "the request has no timing (it did not finish)"
    )
    long = "x" * 500
    assert len(_one(K.CONTAINS, long, "no").detail) < 80


def test_every_check_is_reported_in_order() -> None:
    checks = [Assertion(K.CONTAINS, "a"), Assertion(K.MAX_WORDS, 1), Assertion(K.IS_JSON)]
    results = check_all(checks, response="a b", duration_ms=None)
    assert [(r.kind, r.passed) for r in results] == [
        (K.CONTAINS, True),
        (K.MAX_WORDS, False),
        (K.IS_JSON, False),
    ]
    assert check_all([], response="x", duration_ms=None) == ()


@pytest.mark.parametrize(
    ("pattern", "reply"),
    [
        (r"(a|aa)+$", "a" * 5000 + "b"),
        (r"^(a|a?)+$", "a" * 5000 + "b"),
        (r"(\w|\w\w)+!", "ab" * 5000),
        (r"(.*,){20}x", "," * 5000),
    ],
)
def test_catastrophic_patterns_fail_their_check_in_bounded_time(pattern: str, reply: str) -> None:
    started = time.monotonic()
    (result,) = check_all(
        [Assertion(K.REGEX, pattern)], response=reply, duration_ms=1.0, regex_timeout_s=0.05
    )
    elapsed = time.monotonic() - started
    assert elapsed < 2.0, elapsed
    assert not result.passed
    # Either the engine saw through it quickly (no match), or it ran out of time: never a hang.
    assert result.detail.startswith(
        "the pattern took longer than 0.05 s"
    ) or result.detail.startswith("the reply does not match")


def test_a_timed_out_pattern_says_so() -> None:
    (result,) = check_all(
        [Assertion(K.REGEX, r"(a|aa)+$")],
        response="a" * 5000 + "b",
        duration_ms=1.0,
        regex_timeout_s=0.01,
    )
    assert result.detail == (
        "the pattern took longer than 0.01 s on this reply; simplify it (nested repeats such as "
        "(a+)+ backtrack without end)"
    )


def test_invalid_or_oversized_patterns_fail_instead_of_raising() -> None:
    assert "not a valid regular expression" in _one(K.REGEX, "((", "x").detail
    assert "longer than 1,000 characters" in _one(K.REGEX, "a" * 1001, "a").detail


def test_only_the_bounded_head_of_a_huge_reply_is_searched() -> None:
    reply = "a" * MAX_MATCH_CHARS + "NEEDLE"
    assert not _one(K.REGEX, "NEEDLE", reply).passed
    assert _one(K.CONTAINS, "NEEDLE", reply).passed  # plain substring search is linear anyway


def test_is_json_is_bounded_in_size_and_depth() -> None:
    assert "longer than" in _one(K.IS_JSON, None, " " + "1" * (MAX_JSON_CHARS + 1)).detail
    deep = "[" * 100_000 + "]" * 100_000
    assert _one(K.IS_JSON, None, deep).detail == "the reply nests too deeply to check"


def test_odd_stored_values_do_not_raise() -> None:
    assert not _one(K.MAX_WORDS, None, "a").passed  # no limit stored: reads as 0 words
    assert _one(K.CONTAINS, None, "x").passed  # "" is in every reply


def test_a_replys_regex_checks_share_one_time_budget() -> None:
    # Fifty different hostile patterns (the comment makes each its own) on one reply.
    checks = [Assertion(K.REGEX, f"^(a|aa)+$(?#{i})") for i in range(50)]
    started = time.monotonic()
    results = check_all(
        checks, response="a" * 40 + "b", duration_ms=1.0, regex_timeout_s=0.05, budget_s=0.2
    )
    assert time.monotonic() - started < 1.0
    assert not any(r.passed for r in results)
    assert results[0].detail.startswith("the pattern took longer than 0.05 s on this reply")
    assert results[-1].detail == "not checked: the patterns took too long"


def test_a_pattern_that_ran_out_of_time_is_skipped_for_the_rest_of_the_run() -> None:
    slow: set[str] = set()
    checks = [Assertion(K.REGEX, r"^(a|aa)+$"), Assertion(K.REGEX, "^a")]
    first = check_all(
        checks, response="a" * 40 + "b", duration_ms=1.0, regex_timeout_s=0.05, slow_patterns=slow
    )
    assert slow == {r"^(a|aa)+$"} and first[1].passed
    later = check_all(
        checks, response="a" * 40 + "b", duration_ms=1.0, regex_timeout_s=0.05, slow_patterns=slow
    )
    assert later[0].detail == (
        "not checked: the pattern took longer than 0.05 s on an earlier reply; simplify it "
        "(nested repeats such as (a+)+ backtrack without end)"
    )
    assert later[1].passed
