"""The palettes behind the theme choice: light, dark, and high contrast on light or dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def _palette(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    # Every role set: none is left for the OS's palette to fill in (Accent: Qt 6.6+).
    palette.setColor(Role.Accent, palette.color(Role.Highlight))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(disabled_text))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light colours, spelled out: the same on every desktop."""
    return _palette(
        {
            Role.Window: "#efefef",
            Role.WindowText: "#000000",
            Role.Base: "#ffffff",
            Role.AlternateBase: "#f7f7f7",
            Role.Text: "#000000",
            Role.Button: "#efefef",
            Role.ButtonText: "#000000",
            Role.BrightText: "#ffffff",
            Role.Highlight: "#2f6fde",
            Role.HighlightedText: "#ffffff",
            Role.Link: "#0b57d0",
            Role.LinkVisited: "#6a2fb0",
            Role.ToolTipBase: "#ffffdc",
            Role.ToolTipText: "#000000",
            Role.PlaceholderText: "#6b6b6b",
            Role.Light: "#ffffff",
            Role.Midlight: "#e3e3e3",
            Role.Mid: "#a0a0a0",
            Role.Dark: "#9f9f9f",
            Role.Shadow: "#767676",
        },
        disabled_text="#9a9a9a",
    )


def dark_palette() -> QPalette:
    return _palette(
        {
            Role.Window: "#25272b",
            Role.WindowText: "#e6e6e6",
            Role.Base: "#1b1d21",
            Role.AlternateBase: "#2b2e33",
            Role.Text: "#e6e6e6",
            Role.Button: "#2f3237",
            Role.ButtonText: "#e6e6e6",
            Role.BrightText: "#ffffff",
            Role.Highlight: "#3d7be0",
            Role.HighlightedText: "#ffffff",
            Role.Link: "#7aa7ff",
            Role.LinkVisited: "#c3a6ff",
            Role.ToolTipBase: "#2f3237",
            Role.ToolTipText: "#e6e6e6",
            Role.PlaceholderText: "#9a9a9a",
            Role.Light: "#3c4046",
            Role.Midlight: "#34373c",
            Role.Mid: "#1f2125",
            Role.Dark: "#151618",
            Role.Shadow: "#000000",
        },
        disabled_text="#6e7177",
    )


def high_contrast_palette(dark: bool) -> QPalette:
    """Pure black and white, borders as strong as text, a highlight that cannot be missed
    (white on black with yellow, like Windows' "High Contrast Black"; black on white with blue)."""
    text, ground = ("#ffffff", "#000000") if dark else ("#000000", "#ffffff")
    highlight, on_highlight = ("#ffff00", "#000000") if dark else ("#0000b3", "#ffffff")
    return _palette(
        {
            Role.Window: ground,
            Role.WindowText: text,
            Role.Base: ground,
            Role.AlternateBase: "#1f1f1f" if dark else "#ececec",
            Role.Text: text,
            Role.Button: ground,
            Role.ButtonText: text,
            Role.BrightText: text,
            Role.Highlight: highlight,
            Role.HighlightedText: on_highlight,
            Role.Link: "#ffff00" if dark else "#0000b3",
            Role.LinkVisited: "#ffb3ff" if dark else "#5c0099",
            Role.ToolTipBase: ground,
            Role.ToolTipText: text,
            Role.PlaceholderText: "#c8c8c8" if dark else "#3c3c3c",
            # Fusion draws frames and button edges from these: as strong as the text.
            Role.Light: text,
            Role.Midlight: text,
            Role.Mid: text,
            Role.Dark: text,
            Role.Shadow: text,
        },
        disabled_text="#a0a0a0" if dark else "#6b6b6b",
    )
