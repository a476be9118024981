"""Colours and type for the chat, derived from the OS palette (light or dark); disabled colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtGui import QColor, QPalette

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


#: (text role, the background it is drawn on): the colours a disabled control must dim.
_TEXT_ON: Final = (
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
)
#: How far a disabled text moves from its colour towards its background (0: not at all).
DISABLED_FADE: Final = 0.55


def with_disabled_colours(palette: QPalette) -> QPalette | None:
    """A copy of `palette` whose disabled text is faded where it was as strong as enabled text;
    None when the palette already tells them apart.

    Some dark palettes (a theme that sets each colour once for every state) draw a disabled
    Stop exactly like an enabled one; Qt's own and most platforms' palettes are left alone.
    """
    active, disabled = QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
    fixed = QPalette(palette)
    changed = False
    for text, background in _TEXT_ON:
        colour = palette.color(active, text)
        if palette.color(disabled, text) != colour:
            continue
        fixed.setColor(disabled, text, _mix(colour, palette.color(active, background)))
        changed = True
    if not changed:
        return None
    highlight = palette.color(active, QPalette.ColorRole.Highlight)
    if palette.color(disabled, QPalette.ColorRole.Highlight) == highlight:
        fixed.setColor(disabled, QPalette.ColorRole.Highlight, _mix(highlight, QColor("gray")))
    return fixed


def _mix(colour: QColor, towards: QColor, amount: float = DISABLED_FADE) -> QColor:
    def channel(a: int, b: int) -> int:
        return round(a + (b - a) * amount)

    return QColor(
        channel(colour.red(), towards.red()),
        channel(colour.green(), towards.green()),
        channel(colour.blue(), towards.blue()),
    )
