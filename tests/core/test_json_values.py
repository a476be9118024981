"""Counting JSON values from bytes alone: exact on JSON, whatever its strings hold, and cheap."""

from __future__ import annotations

import json

import pytest

from app.core.json_values import json_values


@pytest.mark.parametrize(
    ("value", "count"),
    [
        ({}, 1),
        ([1, 2, 3], 3),  # the array and two commas: the first number follows no comma
        ({"a": [1, 2, {"b": "c"}]}, 8),
        ("text", 1),
        (["{[,", ",,,", "[[{{"], 6),  # marks inside strings are text, not structure
        (['say "hi", [then] {go}'], 2),
        (["back\\slash", "\\", 'end\\"', "\\\\"], 8),  # escapes that end next to a quote
        (["\u00e9\u00fc\U0001f600 \n\t\u005c"], 2),
        ({"k" * 5: [[], {}, [[{}]]]}, 10),
    ],
)
def test_the_count_is_exact_on_json(value: object, count: int) -> None:
    for text in (json.dumps(value), json.dumps(value, indent=1, ensure_ascii=False)):
        assert json_values(text.encode(), 1_000) == count


def test_a_file_of_tiny_objects_counts_every_one() -> None:
    """20 MB of `{},` made 6.7 million dicts (~490 MB) inside json.loads."""
    objects = 20_000_000 // 3
    data = b"[" + b"{}," * (objects - 1) + b"{}]"
    assert json_values(data, 5_000_000) == 1 + objects + (objects - 1)


def test_counting_stops_once_the_strings_alone_pass_the_limit() -> None:
    data = b"[" + b'"a",' * 999 + b'"a"]'
    assert json_values(data, 10_000) == 1 + 1_000 + 999
    assert json_values(data, 500) == 1_000  # strings only: more than the limit, no split
