"""Opens the Test sets window on first use, on the history's store and the chat's endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.backend import ChatBackend
from app.core.prompts.library import PromptLibrary
from app.storage.history.store import HistoryStore
from app.ui.history.history_controller import HistoryController
from app.ui.window.file_dialogs import PathPicker
from app.ui.window.main_window import MainWindow
from app.ui.window.window_controller import WindowController

if TYPE_CHECKING:  # imported when first used: most starts never open the window
    from app.ui.evals.evals_window import EvalsWindow


class EvalsLauncher:
    """Runs use whatever endpoint the chat in the main window uses when Run is clicked."""

    def __init__(
        self,
        window: MainWindow,
        chat: WindowController,
        history: HistoryController,
        library: Callable[[], PromptLibrary | None],
    ) -> None:
        self._window, self._chat, self._history, self._library = window, chat, history, library
        self.evals: EvalsWindow | None = None
        self.pick: PathPicker | None = None  # the file dialogs (tests answer them)
        history.store_replaced.connect(self._on_history_store_replaced)

    async def _backend(self) -> ChatBackend:
        return await self._chat.endpoints.backend_for(self._chat.session.settings)

    def _endpoint_name(self) -> str:
        found = self._chat.endpoints.endpoint_for(self._chat.session.settings)
        return found.name if found is not None else ""

    def open(self) -> EvalsWindow:
        if self.evals is None:
            from app.ui.evals.evals_window import EvalsWindow

            self.evals = EvalsWindow(
                self._window,
                self._window.style_in_use,
                self._backend,
                self._library,
                pick=self.pick,
                endpoint_name=self._endpoint_name,
                system_prompt=lambda: self._chat.session.settings.system_prompt,
                policy=self._chat.policy,
            )
            self._on_history_store_replaced(self._history.store)
        self.evals.open()
        return self.evals

    def close(self) -> None:
        if self.evals is not None:
            self.evals.close()

    async def wait_idle(self) -> None:
        if self.evals is not None:
            await self.evals.wait_idle()

    def _on_history_store_replaced(self, store: HistoryStore | None) -> None:
        if self.evals is not None:
            self.evals.set_store(store.evals if store is not None else None)
