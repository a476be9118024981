"""Cases brought in from elsewhere: a CSV with a column per variable, or one input per line."""

from __future__ import annotations

import csv
import io
import re
from typing import Final

from app.core.evals.model import MAX_CASES, TestCase
from app.core.evals.tree import MAX_FILE_BYTES, MAX_STRING_CHARS, TestSetError, clip
from app.core.prompts.variables import BUILTIN_NAMES, MAX_VALUE_CHARS, is_variable_name

INPUT_COLUMN: Final = "input"
EXPECT_COLUMN: Final = "expect"
DELIMITERS: Final = ",;\t"
#: Invisible characters a terminal or a binary file leaves in copied text (tab, newline and
#: carriage return are text; U+0085 is YAML's own line break).
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def control_character_problem(text: str, what: str = "the input") -> str | None:
    """Why `text` cannot be a case's text (it holds a control character); None when it can."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return f"{what} holds an invisible control character (U+{ord(found[0]):04X}); remove it"


def cases_from_csv(text: str) -> list[TestCase]:
    """One case a row: `input` (required), `expect` (optional), every other column a variable.

    An empty cell leaves its variable to the set's value; rows with no cells at all are skipped.
    """
    _check_size(text)
    # The csv module's own cell limit (131,072) is below what a case may hold; the file's size
    # bounds a cell already. The limit is process-wide, so it is put back straight after.
    field_limit = csv.field_size_limit(MAX_FILE_BYTES + 1)
    try:
        return _read_csv(text)
    finally:
        csv.field_size_limit(field_limit)


def _read_csv(text: str) -> list[TestCase]:
    text = text.removeprefix("\ufeff")  # the byte-order mark Excel writes before UTF-8
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise TestSetError("the CSV is empty; its first row names the columns (input, …)")
        columns = _columns(header)
        cases: list[TestCase] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            line = reader.line_num
            if len(cases) >= MAX_CASES:
                raise TestSetError(f"more than {MAX_CASES:,} cases; split the file", line=line)
            cases.append(_row_case(row, columns, line))
    except csv.Error as exc:
        raise TestSetError(f"not a readable CSV ({exc})", line=reader.line_num) from None
    if not cases:
        raise TestSetError("the CSV has a header but no cases")
    return cases


def _delimiter(text: str) -> str:
    """, ; or tab, as the header row uses (Excel writes ; where , is the decimal mark)."""
    header = text.split("\n", 1)[0][:10_000]
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:  # one column: no delimiter to find
        return ","


def _columns(header: list[str]) -> list[str]:
    names = [cell.strip() for cell in header]
    lowered = [name.lower() for name in names]
    if INPUT_COLUMN not in lowered:
        raise TestSetError(
            'the first row must name the columns, one of them "input" (the text to ask)', line=1
        )
    columns: list[str] = []
    for name, low in zip(names, lowered, strict=True):
        column = low if low in (INPUT_COLUMN, EXPECT_COLUMN) else name
        if column in columns:
            raise TestSetError(f'the column "{clip(name)}" appears twice', line=1)
        if column not in (INPUT_COLUMN, EXPECT_COLUMN):
            if not is_variable_name(column):
                raise TestSetError(
                    f'the column "{clip(name)}" cannot be a variable name; use letters, '
                    "digits and _ (at most 64)",
                    line=1,
                )
            if column in BUILTIN_NAMES:
                raise TestSetError(
                    f"the column {{{{{column}}}}} is built in (filled in when each request is "
                    "sent); rename it",
                    line=1,
                )
        columns.append(column)
    return columns


def _row_case(row: list[str], columns: list[str], line: int) -> TestCase:
    if len(row) != len(columns):
        raise TestSetError(
            f"this row has {len(row)} cells but the first row names {len(columns)} columns",
            line=line,
        )
    values = dict(zip(columns, row, strict=True))
    text = values.pop(INPUT_COLUMN)
    if not text.strip():
        raise TestSetError('the "input" cell is empty; write what to ask', line=line)
    if len(text) > MAX_STRING_CHARS:
        raise TestSetError(f"the input is longer than {MAX_STRING_CHARS:,} characters", line=line)
    expect = values.pop(EXPECT_COLUMN, "")
    for what, value in (("the input", text), ('the "expect" cell', expect)):
        if (why := control_character_problem(value, what)) is not None:
            raise TestSetError(why, line=line)
    for name, value in values.items():
        if (why := control_character_problem(value, f'the value of "{name}"')) is not None:
            raise TestSetError(why, line=line)
        if len(value) > MAX_VALUE_CHARS:
            raise TestSetError(
                f'the value of "{name}" is longer than {MAX_VALUE_CHARS:,} characters', line=line
            )
    return TestCase(
        input=text,
        vars={name: value for name, value in values.items() if value != ""},
        expect=expect or None,
    )


def cases_from_lines(text: str) -> list[TestCase]:
    """One case a non-blank line (pasted inputs); surrounding spaces are not part of it."""
    _check_size(text)
    cases: list[TestCase] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if len(cases) >= MAX_CASES:
            raise TestSetError(f"more than {MAX_CASES:,} cases; split the text", line=number)
        if len(stripped) > MAX_STRING_CHARS:
            raise TestSetError(
                f"the input is longer than {MAX_STRING_CHARS:,} characters", line=number
            )
        if (why := control_character_problem(stripped)) is not None:
            raise TestSetError(why, line=number)
        cases.append(TestCase(input=stripped))
    if not cases:
        raise TestSetError("there is no input: write one a line")
    return cases


def _check_size(text: str) -> None:
    if len(text) > MAX_FILE_BYTES:
        raise TestSetError(
            f"the text is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it"
        )
