"""Applies the theme choice (system, light, dark, high contrast) to the whole app, live.

"System" follows the OS: its palette, its light/dark switch, and (Qt 6.10+) its high-contrast
preference. The other choices set our own palette, so they look the same on every desktop.
The window derives the chat's colours and the conversation's Markdown colours from the palette
(``MainWindow.restyle``); every other window follows the main window's ``style_changed``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.storage.settings_schema import Theme
from app.ui.appearance.focus_ring import FocusRingKeeper
from app.ui.appearance.high_contrast_style import HighContrastStyle
from app.ui.appearance.palettes import dark_palette, high_contrast_palette, light_palette
from app.ui.style import with_disabled_colours
from app.ui.window.main_window import MainWindow


class AppearanceController(QObject):
    """The one place the application palette is set."""

    theme_applied = Signal(object)  # Theme: the choice now on screen

    def __init__(
        self, qapp: QApplication, window: MainWindow, remember: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self._remember = remember  # keeps the user's choice for the next start
        self._qapp = qapp
        self._window = window
        self.theme = Theme.SYSTEM
        self._applying = False  # our own setColorScheme calls report back: not the OS
        self._hints = qapp.styleHints()
        self._style_name = qapp.style().name()  # the platform's style, outlined in high contrast
        self._system_dark = self._is_dark(qapp.palette())  # the OS's palette, before ours
        self._hints.colorSchemeChanged.connect(self._on_hints_color_scheme_changed)
        self._hints.accessibility().contrastPreferenceChanged.connect(
            self._on_hints_contrast_changed
        )
        window.theme_requested.connect(self._on_window_theme_requested)
        self.focus_ring = FocusRingKeeper(qapp, self)  # focus visible in every theme
        self.theme_applied.connect(self._on_theme_applied)

    def start(self, saved: str) -> None:
        """The theme saved last time ("system" without high contrast: the OS's palette as is)."""
        theme = Theme(saved) if saved in set(Theme) else Theme.SYSTEM
        if theme is not Theme.SYSTEM or self.os_high_contrast:
            self.apply(theme)

    @property
    def os_high_contrast(self) -> bool:
        """The OS asks for high contrast (Qt 6.10+ reads it on Windows, macOS and GNOME)."""
        preference = self._hints.accessibility().contrastPreference()
        return bool(preference == Qt.ContrastPreference.HighContrast)

    @property
    def high_contrast(self) -> bool:
        return self.theme is Theme.HIGH_CONTRAST or (
            self.theme is Theme.SYSTEM and self.os_high_contrast
        )

    def apply(self, theme: Theme) -> None:
        """Put `theme` on screen now: palette, our colours, the conversation redrawn."""
        self._applying = True
        try:
            self._apply(theme)
        finally:
            self._applying = False
        self.theme_applied.emit(theme)

    def _apply(self, theme: Theme) -> None:
        self.theme = theme
        if theme is Theme.LIGHT:
            self._hints.setColorScheme(Qt.ColorScheme.Light)  # native title bars follow
            palette = light_palette()
        elif theme is Theme.DARK:
            self._hints.setColorScheme(Qt.ColorScheme.Dark)
            palette = dark_palette()
        else:
            self._hints.unsetColorScheme()
            if self.high_contrast:
                palette = high_contrast_palette(dark=self._system_dark)
            else:
                self._qapp.setPalette(QPalette())  # back to the platform's own palette
                self._system_dark = self._is_dark(self._qapp.palette())
                palette = with_disabled_colours(self._qapp.palette()) or self._qapp.palette()
        self._window.high_contrast = self.high_contrast
        self._set_style(self.high_contrast)
        self._qapp.setPalette(palette)
        self._window.restyle(palette)  # now, and also when only the contrast changed

    def _set_style(self, high_contrast: bool) -> None:
        """Our outlining style in high contrast, the platform's own otherwise (each made once
        per switch: QApplication deletes the style it replaces)."""
        outlined = isinstance(self._qapp.style(), HighContrastStyle)
        if high_contrast and not outlined:
            self._qapp.setStyle(HighContrastStyle(self._style_name))
        elif outlined and not high_contrast:
            self._qapp.setStyle(self._style_name)

    def _on_window_theme_requested(self, theme: Theme) -> None:
        self.apply(theme)
        self._remember(theme.value)

    def _on_theme_applied(self, theme: Theme) -> None:
        self._window.theme_actions[theme].setChecked(True)

    def _on_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self._applying or self.theme not in (Theme.SYSTEM, Theme.HIGH_CONTRAST):
            return  # our own choice reported back, or one the OS does not change
        if scheme != Qt.ColorScheme.Unknown:
            self._system_dark = scheme == Qt.ColorScheme.Dark
        self.apply(self.theme)

    def _on_hints_contrast_changed(self) -> None:
        if self.theme is Theme.SYSTEM and not self._applying:
            self.apply(self.theme)

    @staticmethod
    def _is_dark(palette: QPalette) -> bool:
        return palette.window().color().lightnessF() < 0.5
