"""The Compare menu: enter or leave compare mode, add a pane, stop all, export the compare.

While comparing, the chat's own actions are off (the chat is hidden); the keys that still make
sense (Ctrl+L the message box, Ctrl+E / Ctrl+Shift+E export) act on the compare through here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.ui.policy.locks import POLICY_LOCKED
from app.ui.window.main_window import MainWindow

#: Enter or leave compare mode.
TOGGLE_KEYS = "Ctrl+Shift+K"
ADD_PANE_KEYS = "Ctrl+Shift+N"


class CompareMenu(QMenu):
    """Intents only; the actions that make sense outside compare mode stay enabled."""

    def __init__(
        self,
        window: MainWindow,
        toggle: Callable[[], None],
        add_pane: Callable[[], None],
        stop_all: Callable[[], None],
        export: Callable[[str], None],
        focus_message: Callable[[], None],
    ) -> None:
        super().__init__(QCoreApplication.translate("CompareMenu", "Compar&e"), window)
        self.setObjectName("compareMenu")
        self.toggle_action = self._action(
            QCoreApplication.translate("CompareMenu", "&Compare side by side"), TOGGLE_KEYS, toggle
        )
        self.toggle_action.setCheckable(True)
        self.add_action = self._action(
            QCoreApplication.translate("CompareMenu", "&Add pane"), ADD_PANE_KEYS, add_pane
        )
        self.stop_action = self._action(
            QCoreApplication.translate("CompareMenu", "&Stop every pane"), "", stop_all
        )
        self.focus_action = self._action(
            QCoreApplication.translate("CompareMenu", "&Focus message to all"),
            "Ctrl+L",
            focus_message,
        )
        self.addSeparator()
        self.export_markdown_action = self._action(
            QCoreApplication.translate("CompareMenu", "Export compare as &Markdown…"),
            "Ctrl+E",
            lambda: export("markdown"),
        )
        self.export_json_action = self._action(
            QCoreApplication.translate("CompareMenu", "Export compare as &JSON…"),
            "Ctrl+Shift+E",
            lambda: export("json"),
        )
        self._window = window
        bar = window.menuBar()
        view = window.findChild(QMenu, "viewMenu")  # by name: its title is in the user's language
        if view is not None:
            bar.insertMenu(view.menuAction(), self)
        else:
            bar.addMenu(self)
        self.set_active(False)

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def set_active(self, active: bool) -> None:
        """Compare mode was entered or left: what the menu offers follows, and the chat's
        actions go off while the chat is hidden (one action per key is ever enabled)."""
        self.toggle_action.setChecked(active)
        self._window.set_chat_actions_enabled(not active)
        for action in (
            self.add_action,
            self.stop_action,
            self.focus_action,
            self.export_markdown_action,
            self.export_json_action,
        ):  # one the administrator's policy locks stays off
            action.setEnabled(active and not action.property(POLICY_LOCKED))
