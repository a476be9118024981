"""A compare session: 2–4 chat sessions side by side, where their last replies differ, seed notes.

Qt-free. Each pane is a whole ChatSession (its own settings, tree and history row), so the
window sends through each one's normal machinery; this object only holds them in order and
says when one is added or removed. `pane_differences` and `seed_notes` read the panes' last
replies once all have finished.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from app.core.chat_settings import ChatSettings
from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.message import ChatMessage, MessageState
from app.core.prompts.diff import Op, diff_texts
from app.core.provenance import RequestUnavailable, SentRequest
from app.core.request import Role
from app.core.session import ChatSession, SessionBusy

_WORD: Final = re.compile(r"\S+")
_LETTERS: Final = re.compile(r"\w")
MAX_PANES: Final = 4
MIN_PANES: Final = 2
#: Replies longer than this are not compared word by word (about 25k tokens; the diff's own
#: budget bounds the time of shorter ones, this bounds the memory of holding their spans).
MAX_COMPARE_CHARS: Final = 200_000
#: A pane gets at most this many highlighted spans; past it the rest are not drawn and the
#: pane is flagged (thousands of highlights say "everything differs" no better than a note).
MAX_SPANS_PER_PANE: Final = 2_000
SAME_SEED_DIFFERENT_TEXT: Final = QT_TRANSLATE_NOOP(
    "Compare", "Same seed, different text: this server does not repeat answers for a seed"
)


class PaneLimit(ValueError):
    """A pane cannot be added or removed (a compare holds 2 to 4); the message says why."""


@dataclass(frozen=True, eq=False)
class PaneAdded:
    pane: ChatSession
    index: int


@dataclass(frozen=True, eq=False)
class PaneRemoved:
    pane: ChatSession
    index: int  # where it was


CompareChange = PaneAdded | PaneRemoved
CompareListener = Callable[[CompareChange], None]


class CompareSession:
    """The panes of one compare, left to right; listeners hear of panes added and removed."""

    def __init__(
        self, panes: Iterable[ChatSession] = (), *, compare_id: int | None = None, title: str = ""
    ) -> None:
        self.compare_id = compare_id  # the stored compare conversation, once stored
        self.title = title
        self.panes: list[ChatSession] = list(panes)
        if len(self.panes) > MAX_PANES:
            raise PaneLimit(
                translate("CompareSession", "A compare holds at most {MAX_PANES} panes.").format(
                    MAX_PANES=MAX_PANES
                )
            )
        self._listeners: list[CompareListener] = []

    def subscribe(self, listener: CompareListener) -> Callable[[], None]:
        """Call `listener` with every change from now on; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: CompareChange) -> None:
        for listener in list(self._listeners):
            listener(change)

    def add_pane(self, settings: ChatSettings) -> ChatSession:
        """A new, empty pane at the right asked with `settings` (not stored: see adopt_pane)."""
        return self.adopt_pane(ChatSession(settings))

    def adopt_pane(self, pane: ChatSession) -> ChatSession:
        """Put an existing session (one the history just stored) at the right, as a pane."""
        if len(self.panes) >= MAX_PANES:
            raise PaneLimit(
                translate(
                    "CompareSession", "A compare holds at most {MAX_PANES} panes; remove one first."
                ).format(MAX_PANES=MAX_PANES)
            )
        self.panes.append(pane)
        self._announce(PaneAdded(pane, len(self.panes) - 1))
        return pane

    def remove_pane(self, index: int) -> ChatSession:
        """Take out the pane at `index`; never below MIN_PANES, never while it streams."""
        if len(self.panes) <= MIN_PANES:
            raise PaneLimit(
                translate("CompareSession", "A compare needs at least {MIN_PANES} panes.").format(
                    MIN_PANES=MIN_PANES
                )
            )
        pane = self.panes[index]
        if pane.streaming_reply is not None:
            raise SessionBusy(
                translate("CompareSession", "That pane is still streaming: stop it first.")
            )
        del self.panes[index]
        self._announce(PaneRemoved(pane, index))
        return pane

    def index_of(self, pane: ChatSession) -> int:
        """The pane's place (ValueError when it is not one of these)."""
        for index, held in enumerate(self.panes):
            if held is pane:
                return index
        raise ValueError(translate("CompareSession", "that chat is not a pane of this compare"))

    @property
    def streaming(self) -> bool:
        """Some pane is still streaming its reply."""
        return any(p.streaming_reply is not None for p in self.panes)

    def last_replies(self) -> list[ChatMessage | None]:
        """Each pane's last reply on the path shown (None where the last message is not one)."""
        return [last_reply(p) for p in self.panes]

    def last_texts(self) -> list[str]:
        """Each pane's last reply text ("" where there is none): what `pane_differences` takes."""
        return [r.text if r is not None else "" for r in self.last_replies()]


def last_reply(pane: ChatSession) -> ChatMessage | None:
    """The pane's last message on the path shown, if it is a reply."""
    path = pane.path()
    return path[-1] if path and path[-1].role is Role.ASSISTANT else None


# -- differences -------------------------------------------------------------------------------


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


# -- seeds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedNote:
    """Panes that sent the very same request with a seed: whether their answers repeated."""

    panes: tuple[int, ...]  # 0-based, left to right
    seed: int
    reproduced: bool  # same request, same text

    @property
    def message(self) -> str:
        names = _pane_names(self.panes)
        if self.reproduced:
            return translate(
                "SeedNote", "{names} reproduced the same answer for seed {seed}."
            ).format(names=names, seed=self.seed)
        same = translate("Compare", SAME_SEED_DIFFERENT_TEXT)
        return f"{names}: {same} ({self.seed})."


def seed_notes(panes: Sequence[ChatSession]) -> list[SeedNote]:
    """A note for each group of panes whose last replies (all finished) came from identical
    requests (same address, same body bytes) carrying a seed."""
    groups: dict[tuple[str, str], list[tuple[int, str, int]]] = {}
    for index, pane in enumerate(panes):
        reply = last_reply(pane)
        if reply is None or reply.state is not MessageState.DONE or reply.provenance is None:
            continue
        request = reply.provenance.request
        if request is None:
            continue
        seed = _seed_of(pane, reply)
        if seed is not None:
            groups.setdefault((request.url, request.sha256), []).append((index, reply.text, seed))
    notes = []
    for members in groups.values():
        if len(members) < 2:
            continue
        same_text = len({text for _, text, _ in members}) == 1
        notes.append(SeedNote(tuple(i for i, _, _ in members), members[0][2], same_text))
    return sorted(notes, key=lambda note: note.panes)


def _seed_of(pane: ChatSession, reply: ChatMessage) -> int | None:
    """The seed the reply's request carried; its bytes are read from the history if need be
    (None when they cannot be: the note is left out rather than guessed)."""
    assert reply.provenance is not None
    if isinstance(reply.provenance.request, SentRequest):
        return reply.provenance.seed
    try:
        sent = pane.request_of(reply)
    except RequestUnavailable:
        return None
    return None if sent is None else sent.seed


def _pane_names(panes: Sequence[int]) -> str:
    numbers = [str(i + 1) for i in panes]
    if len(numbers) == 2:
        return translate("Compare", "Panes {numbers} and {numbers2}").format(
            numbers=numbers[0], numbers2=numbers[1]
        )
    return translate("Compare", "Panes ") + ", ".join(numbers[:-1]) + f" and {numbers[-1]}"
