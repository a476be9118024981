"""Cases imported from CSV (a column per variable) or pasted one per line, and bad input refused."""

from __future__ import annotations

import csv

import pytest
import yaml

from app.core.evals.files import TestSetError, cases_from_csv, cases_from_lines, load_test_set
from app.core.evals.model import MAX_CASES, TestCase


def test_csv_columns_become_input_expect_and_variables() -> None:
    text = (
        "Input,product,expect,tone\r\n"
        '"Refund for {{product}}?",Pro,"Yes, within 30 days.",calm\r\n'
        '"Two\nlines",,,brisk\r\n'
        ",,,\r\n"
    )
    assert cases_from_csv(text) == [
        TestCase(
            "Refund for {{product}}?", {"product": "Pro", "tone": "calm"}, "Yes, within 30 days."
        ),
        TestCase("Two\nlines", {"tone": "brisk"}),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the CSV is empty"),
        (
            "question,answer\nhi,there\n",
            'line 1: the first row must name the columns, one of them "input"',
        ),
        ("input,a,a\nx,1,2\n", 'line 1: the column "a" appears twice'),
        ("input,INPUT\nx,y\n", 'the column "INPUT" appears twice'),
        ("input,my var\nx,1\n", 'line 1: the column "my var" cannot be a variable name'),
        ("input,date\nx,1\n", "line 1: the column {{date}} is built in"),
        ("input,a\nx,1\ny\n", "line 3: this row has 1 cells but the first row names 2 columns"),
        ("input,a\n ,1\n", 'line 2: the "input" cell is empty'),
        ("input\n", "the CSV has a header but no cases"),
        ('input\n"unclosed\n', "not a readable CSV"),
        ("input\n" + "x" * 200_001 + "\n", "line 2: the input is longer than 200,000 characters"),
    ],
)
def test_bad_csv_is_refused_with_its_line(text: str, expected: str) -> None:
    with pytest.raises(TestSetError) as caught:
        cases_from_csv(text)
    assert expected in str(caught.value)


def test_csv_and_lines_are_bounded() -> None:
    with pytest.raises(TestSetError, match="more than 5,000 cases"):
        cases_from_csv("input\n" + "a\n" * (MAX_CASES + 1))
    with pytest.raises(TestSetError, match="more than 5,000 cases"):
        cases_from_lines("a\n" * (MAX_CASES + 1))
    with pytest.raises(TestSetError, match="larger than 8 MB"):
        cases_from_lines("a" * (9 * 1024 * 1024))
    assert len(cases_from_lines("a\n" * MAX_CASES)) == MAX_CASES


def test_pasted_lines_are_one_case_each() -> None:
    assert cases_from_lines("  first  \r\n\n\tsecond\n   \n") == [
        TestCase("first"),
        TestCase("second"),
    ]
    with pytest.raises(TestSetError, match="there is no input"):
        cases_from_lines(" \n\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [1]\nb: *x\n", "anchors and aliases"),
        ("[" * 5000 + "]" * 5000, "nests deeper than 20 levels"),
        ("a: 1\na: 2\n", "appears twice"),
        (
            "prompts: [{id: a, system: x}]\ntests: [{input: a, assert: [{type: containz}]}]",
            "unknown check",
        ),
    ],
)
def test_pure_python_yaml_refuses_the_same_way(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    # Without libyaml (some platforms' PyYAML lacks it) the pure-Python parser takes over.
    monkeypatch.delattr(yaml, "CSafeLoader")
    with pytest.raises(TestSetError, match=expected):
        load_test_set(text)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_an_excel_csv_with_a_byte_order_mark_and_any_usual_separator_is_read(
    separator: str,
) -> None:
    rows = [["input", "expect", "company"], ["Hi, there?", "Hello", "ACME"]]
    text = "\ufeff" + "\r\n".join(separator.join(cell for cell in row) for row in rows)
    if separator == ",":
        text = text.replace("Hi, there?", '"Hi, there?"')  # a comma in a comma CSV is quoted
    assert cases_from_csv(text) == [TestCase("Hi, there?", {"company": "ACME"}, "Hello")]


def test_a_one_column_csv_needs_no_separator() -> None:
    assert cases_from_csv("input\nFirst?\nSecond?\n") == [TestCase("First?"), TestCase("Second?")]


def test_a_csv_cell_past_the_csv_modules_own_limit_is_read() -> None:
    long_input = "q" * 150_000  # above csv's default 131,072, below a case's 200,000
    [case] = cases_from_csv(f"input,expect\n{long_input},yes\n")
    assert case.input == long_input
    with pytest.raises(TestSetError, match=r"^line 2: the input is longer than 200,000 "):
        cases_from_csv("input\n" + "q" * 250_000 + "\n")
    assert csv.field_size_limit() == 131_072  # put back for the rest of the process


def test_control_characters_in_pasted_or_imported_cases_are_refused_plainly() -> None:
    with pytest.raises(TestSetError) as caught:
        cases_from_lines("fine\nWhat does \x9b mean?\n")
    assert str(caught.value) == (
        "line 2: the input holds an invisible control character (U+009B); remove it"
    )
    with pytest.raises(TestSetError, match=r'^line 3: the value of "product" holds an invisible '):
        cases_from_csv("input,product\na,b\nc,d\x01\n")
    with pytest.raises(TestSetError, match=r'^line 2: the "expect" cell holds an invisible '):
        cases_from_csv("input,expect\na,b\x7f\n")
    # Tabs are text, and a CSV cell may hold lines.
    assert cases_from_lines("a\tb")[0].input == "a\tb"
    assert cases_from_csv('input\n"one\r\ntwo"\n')[0].input == "one\r\ntwo"
