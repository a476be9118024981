"""Reads every text a user can see in a window (and its open dialogs), and finds jargon in it.

The word list is the issue's, kept here on its own (not the app's filter), so the app cannot
pass by agreeing with itself: what a staff member must never read in Simple mode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

JARGON = re.compile(
    r"\burls?\b|\bhttps?\b|://|\bjson\b|\bapi\b|\btokens?\b|\bendpoints?\b|\bsse\b|max_tokens"
    r"|\bparameters?\b|\btemperature\b|\btop_p\b|\btop_k\b|\bseed\b|\bmodels?\b|\bkeyring\b"
    r"|\baccount id\b|\bstatus code\b|\b[1-5]\d\d\b|traceback|File \"|\{\{|/v1\b|\bAiError\b"
    r"|\bException\b|\bvllm\b|\bcloudflare\b|\bworkers ai\b|\bbase url\b|\bsystem prompt\b",
    re.IGNORECASE,
)
_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)


def jargon_in(texts: dict[str, str]) -> dict[str, list[str]]:
    """{where: [the jargon words found]} for every text holding some."""
    found = {}
    for where, text in texts.items():
        words = sorted({m.group(0) for m in JARGON.finditer(text)})
        if words:
            found[where] = words
    return found


def visible_texts(window: QWidget) -> dict[str, str]:
    """Every visible text of `window`, its menus and the dialogs open over it: {where: text}."""
    texts: dict[str, str] = {}
    tops = [w for w in QApplication.topLevelWidgets() if w.isVisible() and _owned(w, window)]
    for top in [window, *(t for t in tops if t is not window and not isinstance(t, QMenu))]:
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                for kind, text in _widget_texts(widget):
                    if text:
                        texts[f"{_name(widget)}.{kind}"] = text
        if isinstance(top, QMainWindow):
            for kind, text in _menu_texts(top):
                texts[kind] = text
    return texts


def _owned(top: QWidget, window: QWidget) -> bool:
    """`top` is a window opened over `window` (its dialogs), not one another test left."""
    parent = top.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    yield "windowTitle", widget.windowTitle() if widget.isWindow() else ""
    yield "toolTip", widget.toolTip()
    yield "statusTip", widget.statusTip()
    yield "whatsThis", widget.whatsThis()
    yield "accessibleName", widget.accessibleName()
    yield "accessibleDescription", widget.accessibleDescription()
    if isinstance(widget, QLabel | QAbstractButton):
        yield "text", widget.text()
    elif isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()
        if widget.echoMode() is QLineEdit.EchoMode.Normal:
            yield "text", widget.text()
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        yield "placeholder", widget.placeholderText()
        yield "text", widget.toPlainText()
    elif isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QComboBox):
        yield "placeholder", widget.placeholderText()
        yield from _model_texts(widget.model(), "item")
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(widget.model(), "item")


def _model_texts(
    model: QAbstractItemModel, kind: str, parent: QModelIndex | None = None
) -> Iterator[tuple[str, str]]:
    parent = parent if parent is not None else QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(min(model.rowCount(parent), 500)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in _ROLES:
                value = model.data(index, role)
                if isinstance(value, str):
                    yield f"{kind}[{row},{column}].{role.name}", value
            if (
                column == 0
                and not isinstance(model, QAbstractListModel)
                and model.hasChildren(index)
            ):
                yield from _model_texts(model, f"{kind}[{row}]", index)


def _menu_texts(window: QMainWindow) -> Iterator[tuple[str, str]]:
    for top in window.menuBar().actions():
        if not top.isVisible():
            continue
        yield from _action_texts(top, "menu")
        menu = top.menu()
        if isinstance(menu, QMenu):
            yield from _menu_actions(menu, f"menu[{top.text()}]")


def _menu_actions(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    for act in menu.actions():
        if not act.isVisible() or act.isSeparator():
            continue
        yield from _action_texts(act, where)
        sub = act.menu()
        if isinstance(sub, QMenu):
            yield from _menu_actions(sub, f"{where}[{act.text()}]")


def _action_texts(act: QAction, where: str) -> Iterator[tuple[str, str]]:
    for kind, text in (
        ("text", act.text()),
        ("toolTip", act.toolTip()),
        ("statusTip", act.statusTip()),
        ("whatsThis", act.whatsThis()),
    ):
        if text:
            yield f"{where}[{act.text()}].{kind}", text
