"""A prompt's name as kept: one line, no control characters, nothing that reorders the text."""

from __future__ import annotations

import pytest

from app.core.prompts.library import LibraryError
from app.core.prompts.rules import clean_name


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Support   bot ", "Support bot"),
        ("line\nbreak", "line break"),
        ("Before\x00after", "Before after"),
        ("tab\tand\x1bescape", "tab and escape"),
        ("<b>bold</b>\u202eevil", "<b>bold</b>evil"),
        ("\u2066isolated\u2069 \u200fmark", "isolated mark"),
        ("Café · ünïcode 日本", "Café · ünïcode 日本"),
    ],
)
def test_names_keep_what_can_be_read(typed: str, kept: str) -> None:
    assert clean_name(typed) == kept


@pytest.mark.parametrize("typed", ["", "   ", "\x00\x01", "\u202e\u202c"])
def test_a_name_of_nothing_visible_is_refused(typed: str) -> None:
    with pytest.raises(LibraryError, match="needs a name"):
        clean_name(typed)
