"""Repeated replies to one cell grouped into distinct answers, the most common first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerGroup:
    """One distinct answer: its text (as first given), how often, and which repeats gave it."""

    text: str
    count: int
    repeats: tuple[int, ...]  # indices into the responses grouped


def answer_key(text: str) -> str:
    """What makes two answers the same: equal once trimmed and with whitespace collapsed."""
    return " ".join(text.split())


def group_answers(responses: Sequence[str]) -> list[AnswerGroup]:
    """Distinct answers, most common first (ties: the one given first comes first)."""
    members: dict[str, list[int]] = {}
    first_text: dict[str, str] = {}
    for index, text in enumerate(responses):
        key = answer_key(text)
        members.setdefault(key, []).append(index)
        first_text.setdefault(key, text)
    # sorted() is stable and dicts keep first-seen order, so ties stay in order of appearance.
    ordered = sorted(members.items(), key=lambda item: -len(item[1]))
    return [AnswerGroup(first_text[key], len(found), tuple(found)) for key, found in ordered]
