"""Prompt references: "12@3" (an exact version) and "12#staff" (a label), and what is refused."""

from __future__ import annotations

import pytest

from app.core.prompts.ref import MAX_VERSION_NUMBER, PromptRef, PromptRefError, is_label


def test_exact_version_and_label_round_trip() -> None:
    assert PromptRef.parse("12@3") == PromptRef(12, version=3)
    assert PromptRef.parse("12#production") == PromptRef(12, label="production")
    assert str(PromptRef(12, version=3)) == "12@3"
    assert str(PromptRef(7, label="staff")) == "7#staff"
    assert PromptRef.parse("") is None  # the chat's own prompt, not from the library


@pytest.mark.parametrize(
    "text",
    ["12", "@3", "12@", "12@0", "0@1", "12@3#x", "12#", "12# staff", "12#-x", "x@1", "12@1 "],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(PromptRefError):
        PromptRef.parse(text)


def test_version_numbers_stop_where_the_store_stops() -> None:
    highest = PromptRef(12, version=MAX_VERSION_NUMBER)
    assert PromptRef.parse(str(highest)) == highest
    for number in (0, MAX_VERSION_NUMBER + 1):
        with pytest.raises(PromptRefError, match="from 1 to 999,999,999"):
            PromptRef(12, version=number)
    with pytest.raises(PromptRefError):
        PromptRef.parse(f"12@{MAX_VERSION_NUMBER + 1}")


def test_a_reference_names_a_version_or_a_label_not_both() -> None:
    with pytest.raises(PromptRefError):
        PromptRef(1)
    with pytest.raises(PromptRefError):
        PromptRef(1, version=2, label="staff")
    with pytest.raises(PromptRefError):
        PromptRef(1, label="has space")


def test_labels() -> None:
    assert is_label("production") and is_label("v2-draft") and is_label("staff_1.0")
    assert not is_label("") and not is_label("-x") and not is_label("a" * 41)
    assert not is_label("tab\t") and not is_label("ünï")
