"""A compare session: 2–4 chat sessions side by side, where their last replies differ, seed notes.

Qt-free. Each pane is a whole ChatSession (its own settings, tree and history row), so the
window sends through each one's normal machinery; this object only holds them in order and
says when one is added or removed. `pane_differences` and `seed_notes` read the panes' last
replies once all have finished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from app.core.chat_settings import ChatSettings
from app.core.compare_diff import MAX_COMPARE_CHARS as MAX_COMPARE_CHARS
from app.core.compare_diff import MAX_SPANS_PER_PANE as MAX_SPANS_PER_PANE
from app.core.compare_diff import PaneDifferences as PaneDifferences
from app.core.compare_diff import WordCounts as WordCounts
from app.core.compare_diff import pane_differences as pane_differences
from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.message import ChatMessage, MessageState
from app.core.provenance import RequestUnavailable, SentRequest
from app.core.request import Role
from app.core.session import ChatSession, SessionBusy

MAX_PANES: Final = 4
MIN_PANES: Final = 2
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
