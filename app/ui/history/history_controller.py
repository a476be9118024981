"""The Conversations sidebar: the chat on screen written through to the store, chats reopened."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView

from app.core.history_model import ConversationSummary
from app.core.session import ChatSession
from app.storage.disk import write_failure_notice
from app.storage.history.files import HistoryUnavailable
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore
from app.ui.history.conversation_list import ConversationListModel
from app.ui.history.search import DEFAULT_DELAY_MS, HistorySearchController
from app.ui.history.sidebar_actions import SidebarActionsController
from app.ui.window.main_window import MainWindow
from app.ui.window.window_controller import WindowController

#: Settings typed into a stored chat are written after this pause (and whenever the chat is left).
SETTINGS_SAVE_DELAY_MS = 1000


def unavailable_notice(exc: HistoryUnavailable, path: Path) -> str:
    """The status line when the history cannot be opened: what happened, and that nothing is lost."""
    what = exc.message.split(" Nothing was changed.")[0].rstrip(".")  # the offer needs a dialog
    kept = (
        QCoreApplication.translate(
            "HistoryController", "The last backup is kept at {backups}"
        ).format(backups=exc.backups[0])
        if exc.backups
        else QCoreApplication.translate(
            "HistoryController", "The file is kept as it is at {path}"
        ).format(path=path)
    )
    return QCoreApplication.translate(
        "HistoryController",
        "History is off: {what}. Chats in this window are kept in memory only and will not be saved. {kept} and will not be overwritten.",
    ).format(what=what, kept=kept)


class HistoryController(QObject):
    """Keeps the store in step with the chat on screen, and the sidebar in step with the store."""

    #: HistoryStore: a store was attached, or its contents replaced (the prompt library with it)
    store_replaced = Signal(object)

    def __init__(
        self,
        controller: WindowController,
        store: HistoryStore | None,
        notice: str = "",
        search_delay_ms: int = DEFAULT_DELAY_MS,
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self._window = controller.window
        self._store = store
        self._notice = notice
        self._close_when_idle = False
        self._recorder: SessionRecorder | None = None
        #: Compare mode's hooks: open a stored compare (False: it could not), and the compare
        #: on screen (None: the chat is), which the list highlights instead of the chat.
        self.open_compare: Callable[[int], bool] = lambda _id: False
        self.compare_shown: Callable[[], int | None] = lambda: None
        self.compare_busy: Callable[[], bool] = lambda: False
        #: A compare pane's reply is still being written (the store must not close under it).
        self.compare_writing: Callable[[], bool] = lambda: False
        self.model = ConversationListModel(
            store.conversations if store else _no_rows,
            self,
            rename=(lambda i, title: self.actions.rename(i, title)) if store else None,
        )
        view = self._window.conversation_list
        view.setModel(self.model)
        self._refresh_after_edit = False
        view.itemDelegate().closeEditor.connect(self._on_list_editor_closed)
        view.clicked.connect(self._on_list_activated)
        view.activated.connect(self._on_list_activated)
        self._settings_timer = QTimer(self)
        self._settings_timer.setSingleShot(True)
        self._settings_timer.setInterval(SETTINGS_SAVE_DELAY_MS)
        self._settings_timer.timeout.connect(self._on_settings_timer_timeout)
        chat = controller.chat
        chat.session_replaced.connect(self._on_session_replaced)
        chat.settings_changed.connect(self._on_settings_changed)
        chat.reply_ended.connect(self._on_reply_ended)
        self.actions = SidebarActionsController(self, self)
        self.search = HistorySearchController(self, self, search_delay_ms)
        self._window.history_pane.search_edit.setEnabled(store is not None)
        if store is not None:
            self._start_recording(store)
        self.model.refresh()
        self._show_notice()

    @property
    def store(self) -> HistoryStore | None:
        """The open store; None when the history could not be opened or is closed."""
        return self._store

    @property
    def window(self) -> MainWindow:
        return self._window

    @property
    def busy(self) -> bool:
        """A reply is streaming (in the chat or a compare pane): it must stay on screen."""
        return self._controller.chat.busy or self.compare_busy()

    @property
    def conversation_id(self) -> int | None:
        """The stored conversation on screen; None until a new chat's first message is sent."""
        return self._controller.session.conversation_id

    def start_new_chat(self) -> None:
        self._controller.new_chat()

    def close(self) -> None:
        """Close the store now, or as soon as the running reply has been stored (a compare's
        panes: when the application calls again, once they have ended)."""
        if (self._recorder is not None and self._recorder.writing) or self.compare_writing():
            self._close_when_idle = True
            return
        if self._recorder is not None:
            self._recorder.detach()  # unsaved settings of the open chat are written first
            self._recorder = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def attach(self, store: HistoryStore) -> None:
        """Start storing into `store` (a backup just restored in place of a damaged file)."""
        self._store, self._notice = store, ""
        self._start_recording(store)
        self.model.set_source(store.conversations, lambda i, title: self.actions.rename(i, title))
        self._window.history_pane.search_edit.setEnabled(True)
        self.store_replaced.emit(store)
        self._window.conversation_list.setToolTip(
            QCoreApplication.translate(
                "HistoryController",
                "Your saved conversations, pinned first, then newest. Click one to open it.",
            )
        )

    # -- writing --------------------------------------------------------------------------

    def _start_recording(self, store: HistoryStore) -> None:
        self._recorder = SessionRecorder(
            store, on_error=self._on_write_failed, on_stored=self._refresh_list
        )
        self._recorder.attach(self._controller.session)

    def _on_session_replaced(self, session: ChatSession) -> None:
        self._settings_timer.stop()
        if self._recorder is not None and not self._recorder.failed:
            self._recorder.attach(session)  # the chat left has its settings written first
        self._refresh_list()

    def _on_settings_changed(self) -> None:
        self._settings_timer.start()

    def _on_settings_timer_timeout(self) -> None:
        if self._recorder is not None:
            self._recorder.flush_settings()

    def _on_reply_ended(self) -> None:
        self._show_notice()  # the window clears the status line when a reply ends
        if self._close_when_idle:
            # The recorder stores the reply's end right after this signal: close after it.
            QTimer.singleShot(0, self.close)

    def _on_write_failed(self, exc: Exception) -> None:
        self._notice = write_failure_notice(exc, self._store.path if self._store else None)
        self._show_notice()

    def _show_notice(self) -> None:
        if self._notice:
            self._window.status_label.setText(self._notice)
            # A tooltip reads markup: a notice naming a path or a title must stay text.
            self._window.conversation_list.setToolTip(html.escape(self._notice))

    # -- the sidebar ----------------------------------------------------------------------

    def index_of(self, message_id: int) -> int | None:
        """Where a stored message sits in the conversation on screen, if it is there."""
        path = self._controller.session.path()
        return next((i for i, m in enumerate(path) if m.id == message_id), None)

    def refresh_list(self) -> None:
        """Reload the sidebar; the highlight follows the conversation on screen."""
        self._refresh_list()

    def _refresh_list(self) -> None:
        view = self._window.conversation_list
        if view.state() == QAbstractItemView.State.EditingState:
            # A rename (F2) is being typed: reloading the list would throw it away. Reload
            # when the editor closes instead.
            self._refresh_after_edit = True
            return
        self.model.refresh()
        row = self.model.row_of(self.compare_shown() or self.conversation_id)
        view.setCurrentIndex(self.model.index(row, 0) if row >= 0 else QModelIndex())

    def _on_list_editor_closed(self) -> None:
        if self._refresh_after_edit:
            self._refresh_after_edit = False
            QTimer.singleShot(0, self._refresh_list)  # after the edit has been committed

    def _on_list_activated(self, index: QModelIndex) -> None:
        summary = self.model.summary(index.row())
        shown = self.compare_shown() or self.conversation_id
        if summary is None or summary.id == shown:
            return
        if summary.kind == "compare":
            if not self.open_compare(summary.id):
                self._refresh_list()  # the highlight stays on what is shown
            return
        self.open_conversation(summary.id, focus_composer=False)

    def open_conversation(self, conversation_id: int, *, focus_composer: bool = True) -> bool:
        """Show a stored conversation: its chosen versions, its own prompt, parameters, endpoint.

        False (and the status line says why) while a reply streams: it must stay on screen.
        """
        if self._store is None:
            return False
        if self.busy:
            self._window.status_label.setText(
                QCoreApplication.translate(
                    "HistoryController",
                    "A reply is still streaming: stop it before opening another conversation.",
                )
            )
            self._refresh_list()  # keep the highlight on the conversation being answered
            return False
        session = self._store.load_session(conversation_id)
        self._controller.show_session(session, focus_composer=focus_composer)
        return True


def _no_rows(limit: int, offset: int) -> list[ConversationSummary]:
    return []  # history is off: the list stays empty
