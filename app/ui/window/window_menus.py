"""The main window's menu bar: the Chat, Presets, Prompt and View menus, their keys and intents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QPlainTextEdit, QPushButton

from app.core.actions import MessageAction
from app.core.i18n import QT_TRANSLATE_NOOP
from app.storage.settings_schema import Theme
from app.ui.chat.composer import Composer
from app.ui.prompts.prompt_panel import PromptPicker, PromptSaveBar


class MenuOwner(Protocol):
    """What the menus act on: the main window's intents and the widgets they focus or click."""

    @property
    def new_chat_requested(self) -> SignalInstance: ...
    @property
    def endpoints_requested(self) -> SignalInstance: ...
    @property
    def file_action_requested(self) -> SignalInstance: ...
    @property
    def font_size_step_requested(self) -> SignalInstance: ...
    @property
    def use_as_default_requested(self) -> SignalInstance: ...
    @property
    def prompt_library_requested(self) -> SignalInstance: ...
    @property
    def test_sets_requested(self) -> SignalInstance: ...
    @property
    def last_reply_action_requested(self) -> SignalInstance: ...
    @property
    def variables_requested(self) -> SignalInstance: ...
    @property
    def variable_values_requested(self) -> SignalInstance: ...
    @property
    def theme_requested(self) -> SignalInstance: ...
    @property
    def stop_button(self) -> QPushButton: ...
    @property
    def composer(self) -> Composer: ...
    @property
    def system_prompt_editor(self) -> QPlainTextEdit: ...
    @property
    def prompt_picker(self) -> PromptPicker: ...
    @property
    def prompt_save_bar(self) -> PromptSaveBar: ...
    @property
    def presets_menu(self) -> QMenu: ...


@dataclass(frozen=True)
class WindowMenuActions:
    """The actions the window switches on and off: Esc, and those on the chat on screen."""

    stop: QAction
    chat_only: tuple[QAction, ...]
    view: QMenu  # the View menu, which the application adds its own choices to
    themes: dict[Theme, QAction]  # View > Theme, one checked


def build_window_menus(window: QMainWindow, owner: MenuOwner) -> WindowMenuActions:
    """Fill `window`'s menu bar with actions emitting `owner`'s intents (the same window; two
    parameters because a protocol cannot also be a QMainWindow)."""
    bar = window.menuBar()
    titles = {
        "&Chat": QCoreApplication.translate("WindowMenus", "&Chat"),
        "&Prompt": QCoreApplication.translate("WindowMenus", "&Prompt"),
        "&View": QCoreApplication.translate("WindowMenus", "&View"),
    }
    menus = {name: bar.addMenu(title) for name, title in titles.items()}
    menus["&View"].setObjectName("viewMenu")  # View ▸ Language and others are added to it

    def action(menu: str, text: str, shortcut: QKeySequence | str, slot: object) -> QAction:
        act = QAction(QCoreApplication.translate("WindowMenus", text), window)
        act.setShortcut(shortcut)
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(slot)
        menus[menu].addAction(act)
        return act

    # Actions on the chat on screen: compare mode hides the chat, so it disables them (or
    # its own menu takes their keys) rather than let them act on a chat no one sees.
    chat_only: list[QAction] = []

    def chat_action(menu: str, text: str, keys: QKeySequence | str, slot: object) -> QAction:
        act = action(menu, text, keys, slot)
        chat_only.append(act)
        return act

    def reply_action(name: str) -> Callable[[], None]:
        return lambda: owner.last_reply_action_requested.emit(MessageAction(name))

    new = QKeySequence(QKeySequence.StandardKey.New)
    action("&Chat", QT_TRANSLATE_NOOP("WindowMenus", "&New chat"), new, owner.new_chat_requested)
    stop = action(
        "&Chat",
        QT_TRANSLATE_NOOP("WindowMenus", "&Stop reply"),
        QKeySequence(Qt.Key.Key_Escape),
        owner.stop_button.click,
    )
    action(
        "&Chat",
        QT_TRANSLATE_NOOP("WindowMenus", "&Endpoints…"),
        "Ctrl+,",
        owner.endpoints_requested,
    )
    chat_action(
        "&Chat",
        QT_TRANSLATE_NOOP("WindowMenus", "Use as &default for new chats"),
        "Ctrl+Shift+D",
        owner.use_as_default_requested,
    )
    chat_action(
        "&Chat",
        QT_TRANSLATE_NOOP("WindowMenus", "Re&play last reply"),
        "Ctrl+Shift+R",
        reply_action("replay"),
    )
    chat_action(
        "&Chat",
        QT_TRANSLATE_NOOP("WindowMenus", "Declare v&ariables…"),
        "",
        owner.variables_requested,
    )
    chat_action(
        "&Chat",
        QT_TRANSLATE_NOOP("WindowMenus", "Edit variable &values…"),
        "",
        owner.variable_values_requested,
    )
    bar.insertMenu(menus["&View"].menuAction(), owner.presets_menu)
    menus["&Chat"].addSeparator()
    # File intents: `file_action_requested` carries which; the application does the work.
    for text, name, keys, add in (
        (
            QT_TRANSLATE_NOOP("WindowMenus", "Export chat as &Markdown…"),
            "export-markdown",
            "Ctrl+E",
            chat_action,
        ),
        (
            QT_TRANSLATE_NOOP("WindowMenus", "Export chat as &JSON…"),
            "export-json",
            "Ctrl+Shift+E",
            chat_action,
        ),
        (QT_TRANSLATE_NOOP("WindowMenus", "&Import chat…"), "import-json", "Ctrl+I", action),
        (QT_TRANSLATE_NOOP("WindowMenus", "&Back up all chats…"), "backup-all", "", action),
        (
            QT_TRANSLATE_NOOP("WindowMenus", "&Restore all chats from a backup…"),
            "restore-all",
            "",
            action,
        ),
    ):
        act = add("&Chat", text, keys, lambda _=False, n=name: owner.file_action_requested.emit(n))
        act.setObjectName(f"{name}Action")  # the policy finds the export actions by name
    menus["&Chat"].addSeparator()
    action(
        "&Chat",
        QT_TRANSLATE_NOOP("WindowMenus", "&Quit"),
        QKeySequence(QKeySequence.StandardKey.Quit),
        window.close,
    )
    saves = owner.prompt_save_bar
    action(
        "&Prompt",
        QT_TRANSLATE_NOOP("WindowMenus", "Prompt &library…"),
        "Ctrl+Shift+L",
        owner.prompt_library_requested,
    )
    chat_action(
        "&Prompt",
        QT_TRANSLATE_NOOP("WindowMenus", "&Choose the system prompt"),
        "Ctrl+Shift+P",
        owner.prompt_picker.combo.setFocus,
    )
    chat_action(
        "&Prompt",
        QT_TRANSLATE_NOOP("WindowMenus", "&Save prompt version"),
        QKeySequence(QKeySequence.StandardKey.Save),
        saves.save_requested,
    )
    chat_action(
        "&Prompt",
        QT_TRANSLATE_NOOP("WindowMenus", "Co&mpare with saved"),
        "Ctrl+D",
        saves.compare_requested,
    )
    chat_action(
        "&Prompt",
        QT_TRANSLATE_NOOP("WindowMenus", "Save as &new prompt…"),
        "",
        saves.save_as_new_requested,
    )
    menus["&Prompt"].addSeparator()
    action(
        "&Prompt",
        QT_TRANSLATE_NOOP("WindowMenus", "&Test sets…"),
        "Ctrl+Shift+T",
        owner.test_sets_requested,
    )
    chat_action(
        "&View",
        QT_TRANSLATE_NOOP("WindowMenus", "Focus &message"),
        "Ctrl+L",
        owner.composer.setFocus,
    )
    chat_action(
        "&View",
        QT_TRANSLATE_NOOP("WindowMenus", "Focus s&ystem prompt"),
        "Ctrl+Shift+S",
        owner.system_prompt_editor.setFocus,
    )
    chat_action(
        "&View",
        QT_TRANSLATE_NOOP("WindowMenus", "Last reply's &details"),
        "Ctrl+Shift+I",
        reply_action("details"),
    )
    chat_action(
        "&View",
        QT_TRANSLATE_NOOP("WindowMenus", "&Compare replies…"),
        "Ctrl+Shift+C",
        reply_action("compare"),
    )
    menus["&View"].addSeparator()
    action(
        "&View",
        QT_TRANSLATE_NOOP("WindowMenus", "&Larger text"),
        QKeySequence(QKeySequence.StandardKey.ZoomIn),
        lambda: owner.font_size_step_requested.emit(1),
    )
    action(
        "&View",
        QT_TRANSLATE_NOOP("WindowMenus", "&Smaller text"),
        QKeySequence(QKeySequence.StandardKey.ZoomOut),
        lambda: owner.font_size_step_requested.emit(-1),
    )
    action(
        "&View",
        QT_TRANSLATE_NOOP("WindowMenus", "&Reset text size"),
        "Ctrl+0",
        lambda: owner.font_size_step_requested.emit(0),
    )
    themes = _theme_menu(menus["&View"].addMenu(QCoreApplication.translate("ThemeMenu", "T&heme")))
    for theme, act in themes.items():
        act.triggered.connect(lambda _=False, t=theme: owner.theme_requested.emit(t))
    return WindowMenuActions(stop, tuple(chat_only), menus["&View"], themes)


def _theme_menu(menu: QMenu) -> dict[Theme, QAction]:
    """System / Light / Dark / High contrast, one checked (the caller checks the one in use)."""
    menu.setObjectName("themeMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    names = {
        Theme.SYSTEM: QCoreApplication.translate("ThemeMenu", "&System"),
        Theme.LIGHT: QCoreApplication.translate("ThemeMenu", "&Light"),
        Theme.DARK: QCoreApplication.translate("ThemeMenu", "&Dark"),
        Theme.HIGH_CONTRAST: QCoreApplication.translate("ThemeMenu", "&High contrast"),
    }
    actions: dict[Theme, QAction] = {}
    for theme, text in names.items():
        act = QAction(text, menu)
        act.setObjectName(f"theme-{theme.value}")
        act.setCheckable(True)
        group.addAction(act)
        menu.addAction(act)
        actions[theme] = act
    actions[Theme.SYSTEM].setChecked(True)
    return actions
