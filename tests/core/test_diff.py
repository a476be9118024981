"""Word- and line-level differences: both texts rebuilt exactly, edits found, worst cases bounded."""

from __future__ import annotations

import random

import pytest

from app.core.prompts import diff as diff_module
from app.core.prompts.diff import Op, Span, diff_texts


def _rebuilt(old: str, new: str) -> None:
    d = diff_texts(old, new)
    assert "".join(s.text for s in d.old_spans()) == old
    assert "".join(s.text for s in d.new_spans()) == new
    # neighbours never share an op: runs are merged
    assert all(a.op is not b.op for a, b in zip(d.spans, d.spans[1:], strict=False))


def test_identical_texts_are_one_equal_run() -> None:
    d = diff_texts("Be brief.\nBe kind.", "Be brief.\nBe kind.")
    assert d.identical and d.spans == [Span(Op.EQUAL, "Be brief.\nBe kind.")]
    assert d.counts() == (0, 0)
    assert diff_texts("", "").spans == []


def test_one_word_changed_inside_a_line() -> None:
    d = diff_texts(
        "You are a concise assistant.\nAnswer in English.",
        "You are a friendly assistant.\nAnswer in English.",
    )
    assert Span(Op.DELETE, "concise ") in d.spans
    assert Span(Op.INSERT, "friendly ") in d.spans
    assert d.spans[0] == Span(Op.EQUAL, "You are a ")
    assert d.spans[-1].op is Op.EQUAL and d.spans[-1].text.endswith("Answer in English.")
    assert d.counts() == (1, 1) and not d.coarse


def test_lines_added_and_removed_are_whole_runs() -> None:
    d = diff_texts("one\ntwo\nthree\n", "one\nthree\nfour\n")
    assert Span(Op.DELETE, "two\n") in d.spans
    assert Span(Op.INSERT, "four\n") in d.spans


def test_from_and_to_empty() -> None:
    assert diff_texts("", "new text").spans == [Span(Op.INSERT, "new text")]
    assert diff_texts("old text", "").spans == [Span(Op.DELETE, "old text")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('{"a": {"b": 1}}', '{"a": {"b": 2}}'),
        ("line\r\nwith crlf\r\n", "line\nwith lf\n"),
        ("emoji 👍🏽 and ñ", "emoji 👎 and ñ"),
        ("tabs\tand  double  spaces", "tabs and double spaces"),
        ("no newline at end", "no newline at end\n"),
        ("\n\n\n", "\n\n"),
    ],
)
def test_odd_texts_rebuild_exactly(old: str, new: str) -> None:
    _rebuilt(old, new)


def test_random_edits_rebuild_exactly() -> None:
    rng = random.Random(7)
    alphabet = ["the ", "cat ", "\n", "{", "}", "  ", "é", "sat.", "on", " ", "\t"]
    for _ in range(300):
        old = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        chars = list(old)
        for _ in range(rng.randint(0, 5)):
            pos = rng.randint(0, len(chars))
            chars[pos : pos + rng.randint(0, 3)] = rng.choice(alphabet)
        _rebuilt(old, "".join(chars))


def test_a_text_of_one_repeated_word_is_bounded() -> None:
    # The matcher would weigh ~10^8 pairs here (minutes); the run is shown whole, and says so.
    old = "ab " * 6666
    new = "cd " + "ab " * 3000 + "cd " + "ab " * 3665 + "x"
    d = diff_texts(old, new)
    assert d.coarse
    _rebuilt(old, new)


def test_one_edit_in_a_repeated_text_is_still_found() -> None:
    # Common ends are trimmed before the bound is weighed: one change stays precise.
    old = "x\n" * 10_000
    new = "x\n" * 5_000 + "y\n" + "x\n" * 4_999
    d = diff_texts(old, new)
    assert not d.coarse
    assert Span(Op.INSERT, "y\n") in d.spans or any(
        s.op is Op.INSERT and "y" in s.text for s in d.spans
    )
    _rebuilt(old, new)


def test_the_bound_applies_to_words_inside_a_long_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diff_module, "MAX_MATCH_WORK", 1)
    old = "alpha beta gamma delta epsilon zeta eta theta"
    new = "alpha beta GAMMA delta epsilon ZETA eta theta"
    d = diff_texts(old, new)
    assert d.coarse  # too much work for the (tiny) bound: the changed middle goes out whole
    _rebuilt(old, new)


def test_one_budget_for_the_whole_comparison() -> None:
    # Each changed run alone fits the bound; together they would cost ~0.1 s each (a 1 MB
    # prompt holds ~700). Once the budget is spent, the remaining runs are shown whole.
    old = "".join("x " + "a " * 698 + "y\n" + f"keep {i}\n" for i in range(3))
    new = "".join("z " + "a " * 698 + "w\n" + f"keep {i}\n" for i in range(3))
    d = diff_texts(old, new)
    assert d.coarse
    assert Span(Op.DELETE, "x ") in d.spans  # the first run was still compared word by word
    _rebuilt(old, new)


def test_scattered_edits_in_a_long_prompt_are_all_found() -> None:
    # 14,000 distinct lines (~1 MB), every 20th changed: lines found once in each text anchor
    # the comparison, so each change is matched alone (the budget is not spent on rescans).
    rng = random.Random(3)
    lines = [" ".join(f"w{rng.randrange(5000)}" for _ in range(12)) for _ in range(14_000)]
    changed = list(lines)
    for i in range(0, len(changed), 20):
        changed[i] = changed[i].replace("w", "W", 3)
    old, new = "\n".join(lines), "\n".join(changed)
    d = diff_texts(old, new)
    assert not d.coarse
    assert d.counts() == (2_100, 2_100)  # three words in each of 700 lines
    _rebuilt(old, new)


def test_a_moved_paragraph_reads_as_removed_here_and_added_there() -> None:
    old = "intro\nalpha\nbeta\ngamma\noutro\n"
    new = "intro\ngamma\nalpha\nbeta\noutro\n"
    d = diff_texts(old, new)
    _rebuilt(old, new)
    assert d.counts() == (1, 1)  # one line moved: not three changed
