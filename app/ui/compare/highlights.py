"""Marks the words of a pane's last reply that differ from the other panes, in its own view.

The core gives character spans of the reply's Markdown source; the view shows it rendered
(no `**`, no fences), so each span's words are found in the rendered text, in order, from the
reply's header onwards. A word the rendering does not show as written (a link target, a
table rule) is skipped rather than guessed: the count says how many were marked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument

from app.ui.chat.conversation_view import ConversationView

#: Markdown marks around a word that the rendered text does not show.
_MARKUP: Final = "*_`#>|[]()~"
_WORD: Final = re.compile(r"\S+")
LIGHT_MARK: Final = "#fff0a8"
DARK_MARK: Final = "#5a4a00"


def words_of(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The words inside `spans` of `text`, stripped of Markdown marks, in reading order."""
    words: list[str] = []
    for start, end in spans:
        for match in _WORD.finditer(text[start:end]):
            word = match.group().strip(_MARKUP)
            if word:
                words.append(word)
    return words


def mark_words(view: ConversationView, index: int, words: Sequence[str], *, dark: bool) -> int:
    """Highlight `words` in message `index` of `view` and after it, in order; how many were found.

    Underlined as well as coloured: colour alone says nothing to a colour-blind reader.
    """
    start = view.message_position(index)
    if start is None or not words:
        return 0
    doc = view.document()
    mark = QTextCharFormat()
    mark.setBackground(QBrush(QColor(DARK_MARK if dark else LIGHT_MARK)))
    mark.setFontUnderline(True)
    flags = QTextDocument.FindFlag.FindCaseSensitively
    at, found = start, 0
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # one layout for all the marks, not one a word
    for word in words:
        hit = doc.find(word, at, flags)
        if hit.isNull():
            continue  # not shown as written: skipped, the next word is looked for from here
        cursor.setPosition(hit.selectionStart())
        cursor.setPosition(hit.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(mark)
        at = hit.selectionEnd()
        found += 1
    cursor.endEditBlock()
    return found
