"""View ▸ Language: System / English / Deutsch; the choice is kept and applies at the next start.

Widgets translate their words when they are made, so a new language shows once LlamaDesk starts
again (the menu says so) rather than half-switched in a window already on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from app.storage.settings import Language, SettingsError, UiPrefs
from app.ui.window.language import wanted_language

#: Each language is named in itself, so someone who cannot read the current one finds theirs.
_NATIVE_NAMES = {Language.ENGLISH: "English", Language.GERMAN: "Deutsch"}


class LanguageMenu(QObject):
    """Adds the Language submenu to `view_menu`; a choice is saved in `prefs` at once (`save`)
    and `say` tells that it applies at the next start. Emits `language_chosen` too."""

    language_chosen = Signal(str)

    def __init__(
        self,
        view_menu: QMenu,
        prefs: UiPrefs,
        save: Callable[[], None],
        say: Callable[[str], None],
        shown: str = "",
    ) -> None:
        super().__init__(view_menu)
        self._prefs, self._save, self._say = prefs, save, say
        # What this run's window shows ("en" when the wanted catalogue is missing).
        self._shown = shown or wanted_language(prefs.language)
        current = prefs.language
        self.menu = QMenu(QCoreApplication.translate("LanguageMenu", "Lan&guage"), view_menu)
        self.menu.setObjectName("languageMenu")
        self.menu.setToolTipsVisible(True)
        view_menu.addSeparator()
        view_menu.addMenu(self.menu)
        group = QActionGroup(self)
        group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        system = QCoreApplication.translate("LanguageMenu", "&System language")
        for language, text in (
            (Language.SYSTEM, system),
            (Language.ENGLISH, _NATIVE_NAMES[Language.ENGLISH]),
            (Language.GERMAN, _NATIVE_NAMES[Language.GERMAN]),
        ):
            action = QAction(text, self.menu)
            action.setCheckable(True)
            action.setChecked(language == current)
            action.setStatusTip(
                QCoreApplication.translate(
                    "LanguageMenu", "The window shows this language from the next start."
                )
            )
            action.triggered.connect(lambda _=False, chosen=language: self._choose(chosen))
            group.addAction(action)
            self.menu.addAction(action)
            self.actions[language] = action

    def _choose(self, language: str) -> None:
        self._prefs.language = language
        self._say(restart_note(wanted_language(language), self._shown))
        try:
            self._save()
        except (SettingsError, ValueError) as exc:
            self._say(str(exc))
        self.language_chosen.emit(language)


def restart_note(language: str, shown: str) -> str:
    """What the status bar says after a choice: the change waits for the next start."""
    if language == shown:
        return QCoreApplication.translate("LanguageMenu", "The window is in this language already.")
    return QCoreApplication.translate(
        "LanguageMenu",
        "The language changes when LlamaDesk starts again: quit (Ctrl+Q) and start it again.",
    )
