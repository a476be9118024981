"""Colours and type for the chat, derived from the OS palette (light or dark)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPalette

from app.ui.markdown.theme import DARK, LIGHT, Theme


@dataclass(frozen=True)
class ChatStyle:
    markdown: Theme
    accent: str  # the assistant's name, links to actions
    muted: str  # secondary text: footers, the user's name
    user_background: str  # the user's message block
    error: str
    warning: str
    dark: bool


LIGHT_STYLE = ChatStyle(LIGHT, "#2f6fde", "#6b7280", "#f1f3f7", "#b42318", "#a15c07", False)
DARK_STYLE = ChatStyle(DARK, "#7aa7ff", "#9aa3b2", "#262a33", "#ff7b72", "#e3b341", True)


def style_for(palette: QPalette) -> ChatStyle:
    """Follow the OS: a dark window colour means the dark style."""
    return DARK_STYLE if palette.window().color().lightnessF() < 0.5 else LIGHT_STYLE
