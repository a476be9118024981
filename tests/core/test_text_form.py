"""A prompt's text as the editor holds it: every line break one "\\n", no-break spaces spaces."""

from __future__ import annotations

import pytest

from app.core.prompts.text_form import as_edited, normalise_newlines, same_text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\n\rb", "a\n\nb"),
        ("a\u2028b\u2029c", "a\nb\nc"),
        ("a\ufdd0b\ufdd1c", "a\nb\nc"),
        ("a\tb\x0cc\x00d", "a\tb\x0cc\x00d"),  # the editor keeps these as they are
        ("", ""),
    ],
)
def test_every_line_break_becomes_one_newline(text: str, lines: str) -> None:
    assert normalise_newlines(text) == lines == as_edited(text)


def test_a_no_break_space_reads_as_a_space_in_the_editor_but_is_saved_as_it_is() -> None:
    assert as_edited("a\u00a0b") == "a b"
    assert normalise_newlines("a\u00a0b") == "a\u00a0b"


def test_same_text_looks_past_what_the_editor_cannot_hold() -> None:
    assert same_text("One.\r\nTwo.", "One.\nTwo.")
    assert same_text("a\u00a0b", "a b")
    assert not same_text("One.\nTwo.", "One. Two.")


def test_a_megabyte_without_line_breaks_is_returned_as_it_is() -> None:
    text = "x" * 1_000_000
    assert as_edited(text) is text and normalise_newlines(text) is text
