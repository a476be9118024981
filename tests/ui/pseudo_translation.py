"""A pseudo-translation: every text of the catalogue ~40% longer, accented, placeholders kept.

Languages run longer than English (German by about a third); a window that only fits its
English words cuts the others off. `write_pseudo_catalogue` makes a .ts from what lupdate
finds, compiles it, and `cut_texts` lists every visible text that no longer fits its widget.
"""

from __future__ import annotations

import math
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QLabel,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QTabBar,
    QToolButton,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
#: What must come through untouched: placeholders, %n, tags, entities, an escaped &, \n.
_KEPT = re.compile(r"(\{[^{}]*\}|%n|%\d|<[^>]*>|&\w+;|&&|\n)")
_ACCENTED = str.maketrans("aeiouAEIOUcnyCNY", "áéîõüÅÉÎÕÜçñýÇÑÝ")
GROWTH = 0.4


def pseudo(text: str) -> str:
    """`text` accented and padded by GROWTH of its visible length; placeholders untouched."""
    parts = _KEPT.split(text)
    visible = sum(len(part) for index, part in enumerate(parts) if index % 2 == 0)
    out = [part if index % 2 else part.translate(_ACCENTED) for index, part in enumerate(parts)]
    if visible:
        out.append(" " + "·" * max(1, math.ceil(visible * GROWTH) - 1))
    return "".join(out)


def write_pseudo_catalogue(directory: Path) -> Path:
    """lupdate over app/, every translation made pseudo, compiled: the .qm's path."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import translations  # packaging/translations.py
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    ts_file = directory / "llamadesk_pseudo.ts"
    translations.extract(ts_file)
    tree = ET.parse(ts_file)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = pseudo(source)
        if not forms:
            translation.text = pseudo(source)
    tree.getroot().set("language", "de_DE")  # two plural forms, as German
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    qm_file = directory / "llamadesk_pseudo.qm"
    translations.compile_catalogue(ts_file, qm_file)
    return qm_file


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def cut_texts(root: QWidget) -> list[str]:
    """Each visible label, button, group title, tab and menu title under `root` that is cut."""
    cut: list[str] = []
    for label in root.findChildren(QLabel):
        if _visible(label) and label.text() and not label.wordWrap() and label.pixmap().isNull():
            if _elides(label):
                continue  # made to elide (a path, a title): its whole text is in its tooltip
            need = label.minimumSizeHint().width()
            if label.width() < need:
                cut.append(
                    f"label {label.objectName() or label.text()!r}: {label.width()} < {need}"
                )
    for button in root.findChildren(QAbstractButton):
        if _icon_only(button):
            continue  # its text is for screen readers (a line edit's clear button, say)
        if (
            _visible(button)
            and button.text()
            and isinstance(button, (QPushButton, QCheckBox, QRadioButton, QToolButton))
        ):
            need = button.minimumSizeHint().width()
            if button.width() < need:
                cut.append(f"button {button.text()!r}: {button.width()} < {need}")
    for box in root.findChildren(QGroupBox):
        if _visible(box) and box.title():
            need = box.fontMetrics().horizontalAdvance(box.title().replace("&", "")) + 16
            if box.width() < need:
                cut.append(f"group {box.title()!r}: {box.width()} < {need}")
    for bar in root.findChildren(QTabBar):
        if _visible(bar):
            for index in range(bar.count()):
                shown = bar.tabRect(index)
                text = bar.tabText(index).replace("&", "")
                if shown.width() < bar.fontMetrics().horizontalAdvance(text) or not (
                    bar.rect().contains(shown)
                ):
                    cut.append(f"tab {bar.tabText(index)!r}")
    for menu_bar in root.findChildren(QMenuBar):
        if _visible(menu_bar):
            for action in menu_bar.actions():
                place = menu_bar.actionGeometry(action)
                if action.isVisible() and (place.isEmpty() or place.right() > menu_bar.width()):
                    cut.append(f"menu {action.text()!r}: not on the menu bar")
    return cut


def _icon_only(button: QAbstractButton) -> bool:
    return (
        isinstance(button, QToolButton)
        and not button.icon().isNull()
        and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    )


def _elides(label: QLabel) -> bool:
    return type(label).__name__ == "ElidedLabel"
