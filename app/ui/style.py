"""Colours for the chat, derived from the palette (light or dark, normal or high contrast); disabled colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtGui import QColor, QPalette

from app.ui.markdown.theme import DARK, HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT, LIGHT, Theme


@dataclass(frozen=True)
class ChatStyle:
    markdown: Theme
    accent: str  # the assistant's name, links to actions
    muted: str  # secondary text: footers, the user's name
    user_background: str  # the user's message block
    error: str
    warning: str
    dark: bool
    high_contrast: bool = False


LIGHT_STYLE = ChatStyle(LIGHT, "#2f6fde", "#6b7280", "#f1f3f7", "#b42318", "#a15c07", False)
DARK_STYLE = ChatStyle(DARK, "#7aa7ff", "#9aa3b2", "#262a33", "#ff7b72", "#e3b341", True)


# High contrast: secondary text as strong as text (no grey), a filled block for the user's turn.
HIGH_CONTRAST_LIGHT_STYLE = ChatStyle(
    HIGH_CONTRAST_LIGHT, "#0000b3", "#000000", "#e6e6e6", "#a00000", "#5c3300", False, True
)
HIGH_CONTRAST_DARK_STYLE = ChatStyle(
    HIGH_CONTRAST_DARK, "#ffff00", "#ffffff", "#1f1f1f", "#ff8080", "#ffd24d", True, True
)


def style_for(palette: QPalette, high_contrast: bool = False) -> ChatStyle:
    """Follow the palette: a dark window colour means the dark style; `high_contrast` (the OS's
    contrast preference or the user's theme choice) its high-contrast variant."""
    dark = palette.window().color().lightnessF() < 0.5
    if high_contrast:
        return HIGH_CONTRAST_DARK_STYLE if dark else HIGH_CONTRAST_LIGHT_STYLE
    return DARK_STYLE if dark else LIGHT_STYLE


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
