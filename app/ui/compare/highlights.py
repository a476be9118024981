"""Marks the words of a pane's last reply that differ from the other panes, in its own view.

The core gives character spans of the reply's Markdown source; the view shows it rendered
(no `**`, no fences), so each span's words are found in the rendered text as whole words, in
order, from just past the reply's header ("Llama"), a slice of words per turn of the event loop:
"is" is never marked inside "This", nor a word in the header. A word the rendering does not show
as written (a link target, a table rule) is skipped rather than guessed: the count says how
many were marked.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument

from app.ui.chat.conversation_view import ConversationView
from app.ui.chat.message_html import ASSISTANT_NAME

#: Markdown marks around a word that the rendered text does not show.
_MARKUP: Final = "*_`#>|[]()~"
_WORD: Final = re.compile(r"\S+")
LIGHT_MARK: Final = "#fff0a8"
DARK_MARK: Final = "#5a4a00"
#: CPU time one turn of the event loop may spend marking words (a slice ends after a word).
DEFAULT_SLICE_MS: Final = 5.0


def words_of(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The words inside `spans` of `text`, stripped of Markdown marks, in reading order."""
    words: list[str] = []
    for start, end in spans:
        for match in _WORD.finditer(text[start:end]):
            word = match.group().strip(_MARKUP)
            if word:
                words.append(word)
    return words


class WordMarks:
    """Highlights `words` in message `index` of a view and after it, in order, a slice at a time.

    Underlined as well as coloured: colour alone says nothing to a colour-blind reader.
    """

    def __init__(
        self, view: ConversationView, index: int, words: Sequence[str], *, dark: bool
    ) -> None:
        self.view = view
        self._words = deque(words)
        self._at = _past_header(view.document(), view.message_position(index))
        self._mark = QTextCharFormat()
        self._mark.setBackground(QBrush(QColor(DARK_MARK if dark else LIGHT_MARK)))
        self._mark.setFontUnderline(True)
        self.found = 0

    @property
    def done(self) -> bool:
        return self._at is None or not self._words

    def step(self, budget_s: float) -> None:
        """Mark words until this thread has spent `budget_s` of CPU (one word at least)."""
        if self._at is None:
            return
        doc = self.view.document()
        flags = QTextDocument.FindFlag.FindCaseSensitively | QTextDocument.FindFlag.FindWholeWords
        deadline = time.thread_time() + budget_s
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one layout for the slice, not one a word
        while self._words:
            hit = doc.find(self._words.popleft(), self._at, flags)
            if not hit.isNull():  # else not shown as written: skipped
                cursor.setPosition(hit.selectionStart())
                cursor.setPosition(hit.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(self._mark)
                self._at = hit.selectionEnd()
                self.found += 1
            if time.thread_time() >= deadline:
                break
        cursor.endEditBlock()


def _past_header(doc: QTextDocument, at: int | None) -> int | None:
    """Where the reply's own text starts: after its header's name (None: not shown)."""
    if at is None:
        return None
    flags = QTextDocument.FindFlag.FindCaseSensitively | QTextDocument.FindFlag.FindWholeWords
    header = doc.find(ASSISTANT_NAME, at, flags)
    return at if header.isNull() else header.selectionEnd()


class MarkQueue(QObject):
    """Every pane's marks, one slice per turn of the event loop: four long replies marked at
    once would hold the window for tens of milliseconds; in slices nothing waits long."""

    def __init__(self, parent: QObject | None = None, slice_ms: float = DEFAULT_SLICE_MS) -> None:
        super().__init__(parent)
        self._slice_s = slice_ms / 1000
        self._jobs: deque[WordMarks] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def add(self, marks: WordMarks) -> None:
        self.cancel(marks.view)
        self._jobs.append(marks)
        self._timer.start()

    def cancel(self, view: ConversationView) -> None:
        """The view's document is about to change (a new turn, a redraw): its marks stop."""
        self._jobs = deque(job for job in self._jobs if job.view is not view)

    @property
    def idle(self) -> bool:
        return not self._jobs

    def _on_timer_timeout(self) -> None:
        if not self._jobs:
            return
        job = self._jobs[0]
        job.step(self._slice_s)
        if job.done:
            self._jobs.popleft()
        if self._jobs:
            self._timer.start()
