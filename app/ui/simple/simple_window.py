"""Simple mode in the window: what is hidden, what stays, and the View menu's switch.

Hidden: the endpoint toolbar, the system prompt and parameters panel (the task panel takes its
place), the context meter, and every menu entry but New chat, Stop, Quit, the text size and the
switch itself (an invisible action's shortcut does not fire either). Replies get plain footers
and the status line plain words. Whether the mode is on is `SimpleModeSetting`'s to say.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from app.core.simple_mode import SimpleModeSetting
from app.ui.chat.reply_footer import footer_html
from app.ui.simple.plain_status import PlainStatus
from app.ui.simple.simple_footer import SimpleFooter
from app.ui.simple.task_controller import TaskController
from app.ui.simple.task_panel import TaskPanel
from app.ui.window.window_controller import WindowController

SWITCH_SHORTCUT = "Ctrl+Shift+M"
TASK_PANEL_WIDTH = 260


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
        self._controller = controller
        self.window = window = controller.window
        self.setting = setting
        self.panel = panel
        self.tasks = tasks
        self.footer = footer
        self._status = PlainStatus(contact_sentence)
        self.on = False
        self._hidden: list[QAction] = []  # what entering hid, shown again on leaving
        self._sizes: list[int] = []  # the panes' widths before entering
        self._toolbars: list[QToolBar] = []  # the toolbars entering hid
        self.switch = QAction(QCoreApplication.translate("SimpleMode", "S&imple mode"), window)
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
                QCoreApplication.translate(
                    "SimpleMode", "Only the chat and your tasks; no technical settings"
                )
            )
        view_menu = self._normal_view_menu()
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.switch)
        self._kept = (self.switch, window.stop_action)
        self._own: list[QAction] = []  # Simple mode's menus' own actions
        self.chat_menu = QMenu(QCoreApplication.translate("SimpleMode", "&Chat"), window)
        self.chat_menu.setObjectName("simpleChatMenu")
        self.view_menu = QMenu(QCoreApplication.translate("SimpleMode", "&View"), window)
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
        if on:  # the toolbars on screen go (their toggles too: no right-click brings them back)
            self._toolbars = [t for t in w.findChildren(QToolBar) if t.isVisibleTo(w)]
        for toolbar in self._toolbars:
            toolbar.setVisible(not on)
            toolbar.toggleViewAction().setVisible(not on)
        side = self.panel if on else w.side_panel
        shown = w.side_panel if on else self.panel
        sizes = w.splitter.sizes()
        w.splitter.replaceWidget(2, side)
        shown.setParent(w)  # kept with the window, out of sight, until switched back
        shown.hide()
        side.show()
        if on:  # a narrow task panel: the conversation gets the room
            self._sizes = sizes
            if not w.isVisible():  # not laid out yet: the sidebar as the window designs it
                sizes = [200, 620, 340]
            panel = min(sizes[2], TASK_PANEL_WIDTH)
            w.splitter.setSizes([sizes[0], sizes[1] + sizes[2] - panel, panel])
        elif self._sizes:
            w.splitter.setSizes(self._sizes)
        w.conversation_view.setPlaceholderText(self._empty_chat_hint() if on else "")
        w.context_meter.setVisible(not on)
        self._show_menus(on)
        w.status_label.set_rewrite(self._status if on else None)
        self._controller.variables.form_words = self._form_words() if on else None
        self._controller.context.plain_words = self._overflow_words() if on else None
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
                    if act not in self._kept and act.isVisible():
                        self._hidden.append(act)
                        act.setVisible(False)
            bar.addMenu(self.chat_menu)
            bar.addMenu(self.view_menu)
            for act in self._own:
                act.setEnabled(True)
        else:
            for act in self._own:
                act.setEnabled(False)
            bar.removeAction(self.chat_menu.menuAction())
            bar.removeAction(self.view_menu.menuAction())
            for act in self._hidden:
                act.setVisible(True)
            self._hidden = []

    # -- building ------------------------------------------------------------------------------

    def _normal_view_menu(self) -> QMenu | None:
        """The window's View menu: the one with Larger text's key (whatever its name in this
        language), else the last menu."""
        menus = [m for a in self.window.menuBar().actions() if isinstance(m := a.menu(), QMenu)]
        zoom = QKeySequence(QKeySequence.StandardKey.ZoomIn)
        for menu in menus:
            if not zoom.isEmpty() and any(a.shortcut() == zoom for a in menu.actions()):
                return menu
        return menus[-1] if menus else None

    def _fill_simple_menus(self) -> None:
        """Simple mode's own few actions (the window's are hidden with their keys); Stop is
        the window's own, as its state follows the reply."""
        w = self.window

        def add(
            menu: QMenu, text: str, keys: QKeySequence | str, slot: Callable[[], object]
        ) -> None:
            act = QAction(text, w)
            act.setShortcut(keys)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            act.setEnabled(False)  # on while Simple mode is
            self._own.append(act)
            menu.addAction(act)

        std = QKeySequence.StandardKey
        add(
            self.chat_menu,
            QCoreApplication.translate("SimpleMode", "&New chat"),
            QKeySequence(std.New),
            w.new_chat_requested.emit,
        )
        self.chat_menu.addAction(w.stop_action)
        self.chat_menu.addSeparator()
        add(
            self.chat_menu,
            QCoreApplication.translate("SimpleMode", "&Quit"),
            QKeySequence(std.Quit),
            w.close,
        )
        add(
            self.view_menu,
            QCoreApplication.translate("SimpleMode", "Focus &message"),
            "Ctrl+L",
            w.composer.setFocus,
        )
        add(
            self.view_menu,
            QCoreApplication.translate("SimpleMode", "&What do you want to do?"),
            "Ctrl+Shift+W",
            self.panel.task_list.setFocus,
        )
        self.view_menu.addSeparator()
        step = w.font_size_step_requested
        add(
            self.view_menu,
            QCoreApplication.translate("SimpleMode", "&Larger text"),
            QKeySequence(std.ZoomIn),
            lambda: step.emit(1),
        )
        add(
            self.view_menu,
            QCoreApplication.translate("SimpleMode", "&Smaller text"),
            QKeySequence(std.ZoomOut),
            lambda: step.emit(-1),
        )
        add(
            self.view_menu,
            QCoreApplication.translate("SimpleMode", "&Reset text size"),
            "Ctrl+0",
            lambda: step.emit(0),
        )
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.switch)

    @staticmethod
    def _empty_chat_hint() -> str:
        return QCoreApplication.translate(
            "SimpleMode",
            "Pick what you want to do on the right, or just type your question below and "
            "press Enter.",
        )

    @staticmethod
    def _overflow_words() -> tuple[str, str, str, str]:
        """What is asked before a message too long for the chat, in plain words."""
        return (
            QCoreApplication.translate("SimpleMode", "This message is too long for this chat"),
            QCoreApplication.translate(
                "SimpleMode",
                "This chat and your message together are more than the assistant can read.",
            ),
            QCoreApplication.translate(
                "SimpleMode", "Start a new chat with this message, or make the message shorter."
            ),
            QCoreApplication.translate(
                "SimpleMode", "The assistant will most likely not answer it, or only briefly"
            ),
        )

    @staticmethod
    def _form_words() -> tuple[str, str]:
        return (
            QCoreApplication.translate("SimpleMode", "A few details first"),
            QCoreApplication.translate(
                "SimpleMode", "Fill these in; the assistant uses them for this chat."
            ),
        )
