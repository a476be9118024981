"""Simple mode in the window: what is hidden, what stays, and the View menu's switch.

Hidden: the endpoint toolbar, the system prompt and parameters panel (the task panel takes its
place), the context meter, and every menu entry but New chat, Stop, Quit, the text size and the
switch itself (an invisible action's shortcut does not fire either). Replies get plain footers
and the status line plain words. Whether the mode is on is `SimpleModeSetting`'s to say.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from app.core.simple_mode import SimpleModeSetting
from app.ui.chat.reply_footer import footer_html
from app.ui.simple.plain_status import PlainStatus
from app.ui.simple.simple_footer import SimpleFooter
from app.ui.simple.task_controller import TaskController
from app.ui.simple.task_panel import TaskPanel
from app.ui.window.window_controller import WindowController

_CONTEXT = "SimpleMode"
SWITCH_SHORTCUT = "Ctrl+Shift+M"


class SimpleModeController(QObject):
    """Switches the window between its full and its simple face; the setting decides."""

    mode_changed = Signal(bool)

    def __init__(
        self,
        controller: WindowController,
        setting: SimpleModeSetting,
        panel: TaskPanel,
        tasks: TaskController,
        footer: SimpleFooter,
        contact_sentence: str = "",
        leave_compare: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(controller)
        self._leave_compare = leave_compare
        tr = QCoreApplication.translate
        self._controller = controller
        self.window = window = controller.window
        self.setting = setting
        self.panel = panel
        self.tasks = tasks
        self.footer = footer
        self._status = PlainStatus(contact_sentence)
        self.on = False
        self._hidden: list[QAction] = []  # what entering hid, shown again on leaving
        self.switch = QAction(tr(_CONTEXT, "S&imple mode"), window)
        self.switch.setObjectName("simpleModeSwitch")
        self.switch.setCheckable(True)
        self.switch.setShortcut(SWITCH_SHORTCUT)
        self.switch.toggled.connect(self._on_switch_toggled)
        if setting.locked:
            self.switch.setEnabled(False)
            note = setting.locked_note()
            self.switch.setToolTip(note)
            self.switch.setStatusTip(note)
        else:
            self.switch.setToolTip(
                tr(_CONTEXT, "Only the chat and your tasks; no technical settings")
            )
        view_menu = self._menu_with(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.switch)
        self._kept = self._kept_actions()
        self.chat_menu = QMenu(tr(_CONTEXT, "&Chat"), window)
        self.chat_menu.setObjectName("simpleChatMenu")
        self.view_menu = QMenu(tr(_CONTEXT, "&View"), window)
        self.view_menu.setObjectName("simpleViewMenu")
        self.view_menu.setToolTipsVisible(True)  # the locked switch says who set it
        self._fill_simple_menus()

    # -- the switch ----------------------------------------------------------------------------

    def set_on(self, on: bool) -> bool:
        """Enter or leave Simple mode as far as the setting allows; False when refused."""
        accepted = self.setting.choose(on)
        self._apply(self.setting.on)
        if not accepted:
            self.window.status_label.setText(self.setting.locked_note())
        return accepted

    def _on_switch_toggled(self, checked: bool) -> None:
        if checked != self.on:
            self.set_on(checked)

    # -- applying ------------------------------------------------------------------------------

    def _apply(self, on: bool) -> None:
        self.switch.blockSignals(True)
        self.switch.setChecked(on)
        self.switch.blockSignals(False)
        if on == self.on:
            return
        if on:
            self._leave_compare()  # compare mode is not part of Simple mode
        self.on = on
        w = self.window
        for toolbar in w.findChildren(QToolBar):
            toolbar.setVisible(not on)
            toolbar.toggleViewAction().setVisible(not on)
        side = self.panel if on else w.side_panel
        shown = w.side_panel if on else self.panel
        w.splitter.replaceWidget(2, side)
        shown.setParent(w)  # kept with the window, out of sight, until switched back
        shown.hide()
        side.show()
        w.context_meter.setVisible(not on)
        self._show_menus(on)
        w.status_label.set_rewrite(self._status if on else None)
        self._controller.variables.form_words = self._form_words() if on else None
        view = w.conversation_view
        view.set_reply_footer(self.footer if on else footer_html)
        if not self._controller.chat.busy:
            view.show_messages(self._controller.session.path())
        if on:
            self.tasks.refresh()
        self.mode_changed.emit(on)

    def _show_menus(self, simple: bool) -> None:
        bar = self.window.menuBar()
        if simple:
            self._hidden = []
            for top in bar.actions():
                menu = top.menu()
                if top in (self.chat_menu.menuAction(), self.view_menu.menuAction()):
                    continue
                if top.isVisible():
                    self._hidden.append(top)
                    top.setVisible(False)
                for act in menu.actions() if isinstance(menu, QMenu) else ():
                    if act not in self._kept.values() and act.isVisible():
                        self._hidden.append(act)
                        act.setVisible(False)
            bar.addMenu(self.chat_menu)
            bar.addMenu(self.view_menu)
        else:
            bar.removeAction(self.chat_menu.menuAction())
            bar.removeAction(self.view_menu.menuAction())
            for act in self._hidden:
                act.setVisible(True)
            self._hidden = []

    # -- building ------------------------------------------------------------------------------

    def _menu_with(self, keys: QKeySequence) -> QMenu | None:
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu) and any(a.shortcut() == keys for a in menu.actions()):
                return menu
        return None

    def _action_with(self, keys: QKeySequence | str) -> QAction | None:
        wanted = QKeySequence(keys)
        for top in self.window.menuBar().actions():
            menu = top.menu()
            for act in menu.actions() if isinstance(menu, QMenu) else ():
                if act.shortcut() == wanted:
                    return act
        return None

    def _kept_actions(self) -> dict[str, QAction]:
        """The window's own actions Simple mode keeps (found by their keys, whatever the
        language of their names)."""
        keys: dict[str, QKeySequence | str] = {
            "new": QKeySequence(QKeySequence.StandardKey.New),
            "quit": QKeySequence(QKeySequence.StandardKey.Quit),
            "larger": QKeySequence(QKeySequence.StandardKey.ZoomIn),
            "smaller": QKeySequence(QKeySequence.StandardKey.ZoomOut),
            "reset": "Ctrl+0",
            "focus": "Ctrl+L",
        }
        kept = {name: act for name, k in keys.items() if (act := self._action_with(k))}
        kept["stop"] = self.window.stop_action
        kept["switch"] = self.switch
        return kept

    def _fill_simple_menus(self) -> None:
        kept = self._kept
        for name in ("new", "stop"):
            if name in kept:
                self.chat_menu.addAction(kept[name])
        self.chat_menu.addSeparator()
        if "quit" in kept:
            self.chat_menu.addAction(kept["quit"])
        for name in ("focus", "larger", "smaller", "reset"):
            if name in kept:
                self.view_menu.addAction(kept[name])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.switch)

    @staticmethod
    def _form_words() -> tuple[str, str]:
        tr = QCoreApplication.translate
        return (
            tr(_CONTEXT, "A few details first"),
            tr(_CONTEXT, "Fill these in; the assistant uses them for this chat."),
        )
