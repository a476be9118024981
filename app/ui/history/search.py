"""Full-text search of all chats in the sidebar: debounced queries, hits, and opening a hit."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QTextCursor

from app.core.history_model import SearchHit
from app.storage.history.session_recorder import WRITE_ERRORS
from app.ui.history.history_access import HistoryAccess

DEFAULT_DELAY_MS = 150  # typing pauses this long before the store is asked
#: Marks around the matched words: control characters that never occur in typed text.
_MARKS = ("\x02", "\x03")
_SHOWN_MARKS = ("«", "»")
_RESULTS_LIMIT = 50


def matched_word(snippet: str) -> str:
    """The first matched word in a snippet from `HistoryStore.search` with `_MARKS`."""
    start = snippet.find(_MARKS[0])
    end = snippet.find(_MARKS[1], start + 1)
    return snippet[start + 1 : end] if 0 <= start < end else ""


def shown_snippet(snippet: str) -> str:
    """Plain text for the list: matches between «», one line."""
    text = snippet.replace(_MARKS[0], _SHOWN_MARKS[0]).replace(_MARKS[1], _SHOWN_MARKS[1])
    return " ".join(text.split())


class SearchResultsModel(QAbstractListModel):
    """Search hits as two-line rows: the conversation's title, then the text around the match."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        title = hit.conversation_title or QCoreApplication.translate(
            "SearchResultsModel", "New conversation"
        )
        snippet = shown_snippet(hit.snippet)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title}\n{snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:  # titles are text, even when they look like markup
            return QtGui.Qt.convertFromPlainText(
                f"{title}: {snippet}", Qt.WhiteSpaceMode.WhiteSpaceNormal
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{title}: {snippet}"
        return None

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None


class HistorySearchController(QObject):
    """Typing in the search box lists hits instead of conversations; Esc brings them back."""

    def __init__(
        self, history: HistoryAccess, parent: QObject, delay_ms: int = DEFAULT_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._window = window = history.window
        self._pane = pane = window.history_pane
        self.model = SearchResultsModel(self)
        pane.search_results.setModel(self.model)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        edit = pane.search_edit
        edit.textChanged.connect(self._on_search_text_changed)
        edit.returnPressed.connect(self._on_search_return_pressed)
        edit.installEventFilter(self)
        pane.search_results.installEventFilter(self)
        pane.search_results.activated.connect(self._on_result_activated)
        pane.search_results.clicked.connect(self._on_result_activated)
        pane.focus_search_action.triggered.connect(self._on_focus_search_triggered)
        # A long chat is drawn from its end over several turns of the event loop: a hit in
        # an earlier message is revealed once all of it is there. (conversation, word, message)
        self._pending_reveal: tuple[int, str, int | None] | None = None
        window.conversation_view.messages_loaded.connect(self._on_view_messages_loaded)

    @property
    def delay_ms(self) -> int:
        return self._timer.interval()

    @delay_ms.setter
    def delay_ms(self, value: int) -> None:
        self._timer.setInterval(value)

    def clear(self) -> None:
        """Empty the search box and show the conversations again."""
        self._pane.search_edit.clear()  # textChanged shows the list

    def _on_focus_search_triggered(self) -> None:
        self._pane.search_edit.setFocus()
        self._pane.search_edit.selectAll()

    def _on_search_text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()  # restarts: only a pause in typing runs the query
            return
        self._timer.stop()
        self.model.set_hits([])
        self._show_results(False)

    def _on_timer_timeout(self) -> None:
        store, query = self._history.store, self._pane.search_edit.text()
        if store is None or not query.strip():
            return
        hits = store.search(query, _RESULTS_LIMIT, _MARKS)
        self.model.set_hits(hits)
        results = self._pane.search_results
        if hits:
            results.setCurrentIndex(self.model.index(0, 0))
        count = f"{len(hits)}{'+' if len(hits) == _RESULTS_LIMIT else ''}"
        results.setAccessibleDescription(
            QCoreApplication.translate(
                "HistorySearchController", "{count} matches for “{strip}”"
            ).format(count=count, strip=query.strip())
        )
        self._show_results(True)

    def _show_results(self, shown: bool) -> None:
        self._pane.search_results.setVisible(shown)
        self._window.conversation_list.setVisible(not shown)

    def _on_search_return_pressed(self) -> None:
        if self._timer.isActive():  # Enter before the pause ended: search now
            self._timer.stop()
            self._on_timer_timeout()
        self._on_result_activated(self._pane.search_results.currentIndex())

    def _on_result_activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row()) if index.isValid() else None
        store = self._history.store
        if hit is None or store is None:
            return
        shown = (
            hit.conversation_id == self._history.conversation_id
            and self._history.index_of(hit.message_id) is not None
        )
        if not shown:  # (a double click activates a hit twice: the second just reveals it)
            if self._history.busy:
                self._window.status_label.setText(
                    QCoreApplication.translate(
                        "HistorySearchController",
                        "A reply is still streaming: stop it before opening another conversation.",
                    )
                )
                return
            try:
                store.select(hit.message_id)  # the branch holding the hit becomes the active one
            except WRITE_ERRORS as exc:
                self._window.status_label.setText(
                    QCoreApplication.translate(
                        "HistorySearchController", "The chat could not be opened there: {exc}"
                    ).format(exc=exc)
                )
                return
            if hit.pane_id is not None:  # inside a compare: it opens as a compare
                self._history.open_compare(hit.conversation_id)
                return
            if not self._history.open_conversation(hit.conversation_id):
                return
        word, position = matched_word(hit.snippet), self._history.index_of(hit.message_id)
        self._pending_reveal = None
        if self._window.conversation_view.loading:
            self._pending_reveal = (hit.conversation_id, word, position)
        else:
            self._reveal(word, position)

    def _on_view_messages_loaded(self) -> None:
        pending, self._pending_reveal = self._pending_reveal, None
        if pending is not None and pending[0] == self._history.conversation_id:
            self._reveal(pending[1], pending[2])

    def _reveal(self, word: str, index: int | None) -> None:
        """Select the matched word inside the hit's own message and scroll it into view."""
        view = self._window.conversation_view
        start = view.message_position(index) if index is not None else None
        cursor = QTextCursor(view.document())
        cursor.setPosition(start or 0)
        view.setTextCursor(cursor)
        if word and view.find(word):
            return
        view.moveCursor(QTextCursor.MoveOperation.Start)  # the word is before the hit? look all
        if not word or not view.find(word):
            view.moveCursor(QTextCursor.MoveOperation.End)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc clears the search; claiming the override first keeps the window's Esc (Stop) away.
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self._is_escape(event):
            if self._pane.search_edit.text():
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.clear()
                    self._pane.search_edit.setFocus()
                return True
        elif kind == QEvent.Type.KeyPress and watched is self._pane.search_edit:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self._pane.search_results.setFocus()
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _is_escape(event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
