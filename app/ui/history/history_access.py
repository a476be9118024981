"""What the sidebar's helpers (search, rename/pin/delete) may ask of the history controller.

A protocol instead of the controller's class: the controller builds the helpers and hands itself
in, so importing its class here would make an import circle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from app.storage.history.store import HistoryStore
from app.ui.history.conversation_list import ConversationListModel
from app.ui.window.main_window import MainWindow


class HistoryAccess(Protocol):
    @property
    def store(self) -> HistoryStore | None: ...

    @property
    def window(self) -> MainWindow: ...

    @property
    def busy(self) -> bool: ...

    @property
    def conversation_id(self) -> int | None: ...

    @property
    def model(self) -> ConversationListModel: ...

    def refresh_list(self) -> None: ...

    def start_new_chat(self) -> None: ...

    def open_conversation(self, conversation_id: int, *, focus_composer: bool = True) -> bool: ...

    def index_of(self, message_id: int) -> int | None: ...

    #: Compare mode's: open a stored compare (False: it could not be), the one shown (None:
    #: the chat is).
    open_compare: Callable[[int], bool]
    compare_shown: Callable[[], int | None]
