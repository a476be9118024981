"""Where compared replies differ: per-pane word highlights and counts against the reference pane."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from app.core.i18n import translate
from app.core.prompts.diff import Op, diff_texts

_WORD: Final = re.compile(r"\S+")
_LETTERS: Final = re.compile(r"\w")
# Replies longer than this are not compared word by word (about 25k tokens; the diff's own
# budget bounds the time of shorter ones, this bounds the memory of holding their spans).
MAX_COMPARE_CHARS: Final = 200_000
# A pane gets at most this many highlighted spans; past it the rest are not drawn and the
# pane is flagged (thousands of highlights say "everything differs" no better than a note).
MAX_SPANS_PER_PANE: Final = 2_000


@dataclass(frozen=True)
class WordCounts:
    """One pane against the reference pane: words only it has, words of the reference it lacks."""

    extra: int
    missing: int

    @property
    def same(self) -> bool:
        return not self.extra and not self.missing


class PaneDifferences(list[list[tuple[int, int]]]):
    """Per pane, the (start, end) character spans of its words that differ, in reading order.

    `reference`: the pane the others were compared with (the first with text), None when fewer
    than two panes could be compared. `counts`: for every other compared pane, its WordCounts
    against the reference (the reference is marked against each of them in turn).
    `too_long`: the panes whose comparison was cut short (a reply past MAX_COMPARE_CHARS, a
    run too large to match word by word, or more than MAX_SPANS_PER_PANE spans): their
    highlights are partial or absent, and the view says the replies are too long to compare.
    """

    def __init__(
        self,
        spans: Iterable[list[tuple[int, int]]],
        too_long: Iterable[int] = (),
        reference: int | None = None,
        counts: dict[int, WordCounts] | None = None,
    ) -> None:
        super().__init__(spans)
        self.too_long: frozenset[int] = frozenset(too_long)
        self.reference = reference
        self.counts: dict[int, WordCounts] = dict(counts or {})

    def note(self, index: int) -> str:
        """What pane `index`'s highlights mean, in words ("" when it was not compared)."""
        if index in self.too_long:
            return translate(
                "PaneDifferences",
                "Too long to compare word by word: not all differences are marked.",
            )
        reference = self.reference
        if reference is None:
            return ""
        if index == reference:
            return _reference_note(self.counts)
        counts = self.counts.get(index)
        if counts is None:
            return ""
        name = translate("PaneDifferences", "pane {number}").format(number=reference + 1)
        if counts.same:
            return translate("PaneDifferences", "Same words as {name}.").format(name=name)
        parts = []
        if counts.extra:
            differ = (
                translate("PaneDifferences", "1 word differs from {name} (highlighted)")
                if counts.extra == 1
                else translate("PaneDifferences", "{words} differ from {name} (highlighted)")
            )
            parts.append(differ.format(words=_words(counts.extra), name=name))
        if counts.missing:
            parts.append(
                translate("PaneDifferences", "{missing} of {name}’s words missing here").format(
                    missing=counts.missing, name=name
                )
            )
        return _sentence("; ".join(parts))


def _reference_note(counts: dict[int, WordCounts]) -> str:
    """The reference pane against every other: which are the same, what each lacks of it
    (highlighted here), which only add words."""
    same = [other for other, c in sorted(counts.items()) if c.same]
    lacking = [(other, c.missing) for other, c in sorted(counts.items()) if c.missing]
    adding = [(other, c.extra) for other, c in sorted(counts.items()) if c.extra and not c.missing]
    sentences = []
    if same:
        sentences.append(
            translate("Compare", "Same words as {names}.").format(names=_names(same, "pane"))
        )
    if lacking:
        marked = "; ".join(
            translate("Compare", "{words} not in pane {value}").format(
                words=_words(n), value=other + 1
            )
            for other, n in lacking
        )
        sentences.append(translate("Compare", "Highlighted: {marked}.").format(marked=marked))
    sentences.extend(
        translate("Compare", "Pane {value} has {words} more.").format(
            value=other + 1, words=_words(n)
        )
        for other, n in adding
    )
    return " ".join(sentences)


def _words(count: int) -> str:
    return translate("Compare", "%n word(s)", None, count)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _names(indexes: Sequence[int], noun: str) -> str:
    numbers = [str(i + 1) for i in indexes]
    if len(numbers) == 1:
        return f"{noun} {numbers[0]}"
    return f"{noun}s " + ", ".join(numbers[:-1]) + f" and {numbers[-1]}"


def pane_differences(texts: Sequence[str]) -> PaneDifferences:
    """Where the panes' replies differ, word by word: each pane against the first one with
    text (pane 0 unless it has none), and that one against every other (its words some other
    pane lacks). The counts say how many words each pane has that the reference lacks, and
    lacks of the reference's: a shorter reply is never "the same".

    An empty reply (failed, not yet asked) is left out: it would mark every word elsewhere.
    Differences in spacing alone are not marked.
    """
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    too_long: set[int] = set()
    compared = [i for i, text in enumerate(texts) if text.strip()]
    for i in compared:
        if len(texts[i]) > MAX_COMPARE_CHARS:
            too_long.add(i)
    usable = [i for i in compared if i not in too_long]
    if len(usable) < 2:
        return PaneDifferences(spans, too_long)
    base, others = usable[0], usable[1:]
    base_marks: list[tuple[int, int]] = []
    counts: dict[int, WordCounts] = {}
    for i in others:
        old_marks, new_marks, coarse = _pair_marks(texts[base], texts[i])
        spans[i] = new_marks
        base_marks.extend(old_marks)
        counts[i] = WordCounts(_count(texts[i], new_marks), _count(texts[base], old_marks))
        if coarse:
            too_long.update((base, i))
    spans[base] = _union(base_marks)
    for i, marks in enumerate(spans):
        if len(marks) > MAX_SPANS_PER_PANE:
            spans[i] = marks[:MAX_SPANS_PER_PANE]
            too_long.add(i)
    return PaneDifferences(spans, too_long, base, counts)


def _count(text: str, marks: Sequence[tuple[int, int]]) -> int:
    """How many words the spans hold (a punctuation mark alone is not a word)."""
    return sum(
        1 for start, end in marks for word in text[start:end].split() if _LETTERS.search(word)
    )


def _pair_marks(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], bool]:
    """(spans in `old` that `new` lacks, spans in `new` that `old` lacks, cut short)."""
    diff = diff_texts(old, new)
    old_marks: list[tuple[int, int]] = []
    new_marks: list[tuple[int, int]] = []
    at_old = at_new = 0
    changed: list[tuple[Op, int, str]] = []  # one changed run: (op, where it starts, text)

    def close_run() -> None:
        # The diff's tokens carry their spaces ("word " differs from "word" at the end of a
        # reply): the run's words are compared again, and those both sides share at its start
        # and end are not a difference.
        gone = [w for op, start, text in changed if op is Op.DELETE for w in _words_at(start, text)]
        came = [w for op, start, text in changed if op is Op.INSERT for w in _words_at(start, text)]
        head = 0
        while head < min(len(gone), len(came)) and gone[head][2] == came[head][2]:
            head += 1
        tail = 0
        while tail < min(len(gone), len(came)) - head and gone[-1 - tail][2] == came[-1 - tail][2]:
            tail += 1
        for words, marks in ((gone, old_marks), (came, new_marks)):
            kept = words[head : len(words) - tail]
            if kept:  # contiguous on its side: one span
                marks.append((kept[0][0], kept[-1][1]))
        changed.clear()

    for span in diff.spans:
        size = len(span.text)
        if span.op is Op.EQUAL:
            close_run()
            at_old += size
            at_new += size
        elif span.op is Op.DELETE:
            changed.append((Op.DELETE, at_old, span.text))
            at_old += size
        else:
            changed.append((Op.INSERT, at_new, span.text))
            at_new += size
    close_run()
    return old_marks, new_marks, diff.coarse


def _words_at(start: int, text: str) -> list[tuple[int, int, str]]:
    """The words of `text` (which starts at `start`): (start, end, word) each."""
    return [(start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text)]


def _union(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged, in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
