"""Walks a window's widgets as a screen reader meets them: interactive controls and what they say.

The name and description checked are those Qt's accessibility layer gives assistive technology
(``QAccessible.queryAccessibleInterface``): a button's text, a label's buddy, an accessible
name set by hand, the tool tip as description. An icon-only button has none of them.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

#: What a user acts on. Scroll areas that only hold other controls are not in it; text edits,
#: the conversation, lists, tables and trees are.
INTERACTIVE = (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)


def interactive_controls(root: QWidget) -> list[QWidget]:
    """The controls of `root`'s window (not of the dialogs and popups it owns) a user can
    reach and act on."""
    return [
        widget
        for widget in [root, *root.findChildren(QWidget)]
        if isinstance(widget, INTERACTIVE)
        and widget.window() is root.window()
        and not _part_of_another(widget)
    ]


def _part_of_another(widget: QWidget) -> bool:
    """Scroll bars, table headers, the editor inside a spin or combo box, a tab bar's scroll
    arrows, Qt's own helpers: their owner carries the name."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QScrollBar | QHeaderView):
        return True
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
        return True
    return isinstance(parent, QTabBar | QComboBox)


def _standard_dialog_button(widget: QWidget) -> bool:
    """OK, Cancel, Close…: their meaning needs no description."""
    box = widget.parentWidget()
    return (
        isinstance(box, QDialogButtonBox)
        and isinstance(widget, QAbstractButton)
        and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    )


def spoken(widget: QWidget) -> tuple[str, str]:
    """(name, description) as assistive technology reads them."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None and iface.isValid(), widget
    return iface.text(QAccessible.Text.Name).strip(), iface.text(QAccessible.Text.Description)


def unnamed(root: QWidget, *, descriptions: bool = True) -> list[str]:
    """Every interactive control under `root` without an accessible name (or description)."""
    missing = []
    for widget in interactive_controls(root):
        name, description = spoken(widget)
        needs_description = descriptions and not _standard_dialog_button(widget)
        if not name or (needs_description and not description.strip()):
            what = "name" if not name else "description"
            label = widget.text() if isinstance(widget, QAbstractButton) else ""
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} {label or name!r}: no {what} "
                f"(in {type(widget.window()).__name__} {widget.window().windowTitle()!r})"
            )
    return missing
