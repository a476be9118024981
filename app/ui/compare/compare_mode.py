"""Builds compare mode into the window: its view, controller, menu, button and history hooks."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.core.provenance import EndpointInfo
from app.storage.disk import write_failure_notice
from app.ui.compare.compare_controller import CompareController
from app.ui.compare.compare_files import CompareFileActions
from app.ui.compare.compare_menu import CompareMenu
from app.ui.compare.compare_storage import CompareStorage
from app.ui.compare.compare_view import CompareView
from app.ui.history.history_controller import HistoryController
from app.ui.policy.locks import export_refused, lock_action
from app.ui.style import ChatStyle
from app.ui.window.endpoint_choice import endpoint_info
from app.ui.window.file_dialogs import PathPicker, dialog_picker
from app.ui.window.window_controller import WindowController


class CompareMode(QObject):
    """The pieces of compare mode and the few connections between them and the window."""

    def __init__(
        self,
        controller: WindowController,
        history: HistoryController,
        pick: PathPicker | None = None,
    ) -> None:
        super().__init__(controller)
        window = controller.window
        self._window = window
        self._history = history
        self._controller = controller
        self._quitting = False
        self.storage = CompareStorage(
            lambda: history.store, self._on_write_failed, history.refresh_list
        )
        self.view = CompareView(window.style_in_use)
        self.controller = CompareController(window, controller, self.storage, self.view)
        self.files = CompareFileActions(
            lambda: history.store,
            lambda: self.controller.compare,
            self._endpoints,
            self.controller.say,
            pick or dialog_picker(window),
        )
        self.menu = CompareMenu(
            window,
            self.controller.toggle,
            self.controller.add_pane,
            self.controller.stop_all,
            self._on_menu_export,
            self.view.composer.setFocus,
        )
        if not controller.policy.allow_export:
            for action in (self.menu.export_markdown_action, self.menu.export_json_action):
                lock_action(action, controller.policy.locked_note())
        c = self.controller
        c.mode_changed.connect(self._on_compare_mode_changed)
        window.compare_requested.connect(c.toggle)
        window.new_chat_requested.connect(c.leave)
        window.style_changed.connect(self._on_window_style_changed)
        window.closing.connect(self._on_window_closing)
        controller.chat.session_replaced.connect(self._on_chat_session_replaced)
        # The toolbar's endpoint list is refilled whenever the endpoints change (a dialog was
        # saved): the panes' lists follow it.
        endpoints = window.profile_selector.model()
        endpoints.rowsInserted.connect(self._on_endpoints_listed)
        endpoints.rowsRemoved.connect(self._on_endpoints_listed)
        history.open_compare = c.open
        history.compare_shown = lambda: c.compare.compare_id if c.compare is not None else None
        history.compare_busy = lambda: c.busy
        history.compare_writing = lambda: self.storage.writing

    def _endpoints(self) -> dict[str, EndpointInfo]:
        found = {p.id: endpoint_info(p) for p in self._controller.endpoints.profiles}
        return {profile_id: info for profile_id, info in found.items() if info is not None}

    def _on_menu_export(self, form: str) -> None:
        policy = self._controller.policy
        if not policy.allow_export:  # the menu is off too; this path refuses on its own
            self.controller.say(export_refused(policy))
            return
        self.storage.flush_settings()  # what the panes show is what is exported
        self.files.export(form)

    def _on_compare_mode_changed(self, active: bool) -> None:
        self.menu.set_active(active)
        self._history.refresh_list()  # the highlight follows what is on screen

    def _on_endpoints_listed(self) -> None:
        for pane in self.controller.panes:
            pane.settings.refresh_profiles()

    def _on_chat_session_replaced(self) -> None:
        """Another chat was opened (the sidebar, a preset): it is shown, compare mode ends."""
        self.controller.leave()

    def _on_window_style_changed(self, style: ChatStyle) -> None:
        self.view.set_style(style)
        self.controller.redraw()

    def _on_window_closing(self) -> None:
        """Quitting: every pane stops (text kept); their settings are written before the
        history closes, which waits for the stopped replies to be stored (see wait_idle)."""
        self._quitting = True
        self.controller.stop_all()
        self.storage.stop_all()

    def _on_write_failed(self, exc: Exception) -> None:
        store = self._history.store
        self.controller.say(write_failure_notice(exc, store.path if store else None))

    async def wait_idle(self) -> None:
        """Until every pane's reply has ended and been stored (then nothing is recorded)."""
        await self.controller.wait_idle()
        if self._quitting:  # the stopped replies are stored now: nothing is left to follow
            self.storage.stop_all()
