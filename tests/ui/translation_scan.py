"""Finds words the window shows that skip Qt's translation system (an AST walk over app/ui).

A string reaches the user untranslated when a literal (or an f-string, a "…" + "…" sum, a
"…".format(…)) is handed straight to a Qt call that puts text on screen: setText, setToolTip,
QAction(text), QMessageBox.warning(…) and the like. Wrapped text is a call of
`QCoreApplication.translate(...)` or the core's `translate(...)`; anything computed elsewhere
(a variable) is that other code's business and is not flagged here.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

#: Methods whose string arguments are shown on screen (every positional argument is checked).
SHOWN_BY_METHOD = frozenset(
    {
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setPlaceholderText",
        "setStatusTip",
        "setWhatsThis",
        "setAccessibleName",
        "setAccessibleDescription",
        "addAction",
        "addMenu",
        "addItem",
        "addItems",
        "insertItem",
        "setItemText",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels",
        "setTabText",
        "setTabToolTip",
        "addTab",
        "insertTab",
        "showMessage",
        "setTitle",
        "setSubTitle",
        "setLabelText",
        "setButtonText",
        "setInformativeText",
        "setDetailedText",
        "setPrefix",
        "setSuffix",
        "setSpecialValueText",
        "addRow",
        "insertRow",
        "addButton",
        "setCancelButtonText",
        "setOkButtonText",
        "setNameFilter",
        "setNameFilters",
        "setWindowIconText",
        "setPlainText",
        "setHtml",
        "setFormat",
    }
)

#: Classes and static functions whose string arguments are shown on screen.
SHOWN_BY_CONSTRUCTOR = frozenset(
    {
        "QAction",
        "QLabel",
        "QPushButton",
        "QToolButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QMenu",
        "QMessageBox",
        "QCommandLinkButton",
        "QListWidgetItem",
        "QTreeWidgetItem",
        "QStandardItem",
        "QTableWidgetItem",
        "QProgressDialog",
        "QWidgetAction",
    }
)

#: Static calls, written `QMessageBox.warning(...)`, `QFileDialog.getSaveFileName(...)`.
SHOWN_BY_STATIC = frozenset(
    {
        "information",
        "warning",
        "critical",
        "question",
        "about",
        "getSaveFileName",
        "getOpenFileName",
        "getOpenFileNames",
        "getExistingDirectory",
        "getText",
        "getItem",
        "getInt",
        "getDouble",
        "getMultiLineText",
        "showText",
    }
)

#: Keyword arguments that carry shown text (QAction(text=...), addAction(text=...)...).
SHOWN_KEYWORDS = frozenset({"text", "title", "label", "toolTip", "statusTip", "caption"})

TRANSLATING_CALLS = frozenset({"translate", "tr", "qsTr", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"})


@dataclass(frozen=True)
class Untranslated:
    """One place where shown text skips translation."""

    path: Path
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.text!r})"


def _name_of(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _has_words(text: str) -> bool:
    """Text a person reads: some letters. Separators, "…", "%", "#" and the like are not words."""
    return sum(ch.isalpha() for ch in text) >= 2


def untranslated_text(node: ast.expr) -> str | None:
    """The shown text of `node` when it is built from literals outside any translate call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _has_words(node.value) else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        return ast.unparse(node) if _has_words(literal) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return untranslated_text(node.left) or untranslated_text(node.right)
    if isinstance(node, ast.IfExp):
        return untranslated_text(node.body) or untranslated_text(node.orelse)
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            found = untranslated_text(value)
            if found:
                return found
        return None
    if isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            found = untranslated_text(element)
            if found:
                return found
        return None
    if isinstance(node, ast.Call):
        func = node.func
        if _name_of(func) in TRANSLATING_CALLS:
            return None
        # "…{x}…".format(x=…) and "sep".join([...]): the literal is still untranslated.
        if isinstance(func, ast.Attribute) and func.attr in {"format", "join"}:
            return untranslated_text(func.value) or next(
                (t for a in node.args if (t := untranslated_text(a))), None
            )
    return None


def _is_shown_call(call: ast.Call) -> bool:
    name = _name_of(call.func)
    if name in SHOWN_BY_METHOD or name in SHOWN_BY_CONSTRUCTOR:
        return True
    return name in SHOWN_BY_STATIC and isinstance(call.func, ast.Attribute)


def _wrappers(tree: ast.Module) -> set[str]:
    """Functions that only hand their argument to translate(): lupdate cannot see the literals
    passed to them, so they never reach the catalogue (`def _t(text): return translate(C, text)`)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and len(node.body) == 1:
            body = node.body[0]
            if (
                isinstance(body, ast.Return)
                and isinstance(body.value, ast.Call)
                and _name_of(body.value.func) in TRANSLATING_CALLS
                and len(body.value.args) >= 2
                and isinstance(body.value.args[1], ast.Name)
            ):
                names.add(node.name)
    return names


def scan_source(source: str, path: Path) -> list[Untranslated]:
    """Every shown-but-untranslated text in one module's source."""
    found: list[Untranslated] = []
    tree = ast.parse(source, str(path))
    wrappers = _wrappers(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and _name_of(node.func) in wrappers
            and node.args
            and untranslated_text(node.args[0]) is not None
        ):
            found.append(Untranslated(path, node.lineno, _name_of(node.func), "lupdate misses it"))
        if not isinstance(node, ast.Call) or not _is_shown_call(node):
            continue
        arguments = [*node.args]
        arguments += [kw.value for kw in node.keywords if kw.arg in SHOWN_KEYWORDS]
        for argument in arguments:
            text = untranslated_text(argument)
            if text is not None:
                found.append(Untranslated(path, node.lineno, _name_of(node.func), text))
    return found


def scan_tree(root: Path) -> list[Untranslated]:
    """Every shown-but-untranslated text under `root` (a package folder)."""
    found: list[Untranslated] = []
    for path in sorted(root.rglob("*.py")):
        found += scan_source(path.read_text(encoding="utf-8"), path)
    return found


#: f-strings in app/ui that hold words but are not shown in the window: (module, words in them).
NOT_SHOWN_FSTRINGS = (
    ("composition_root.py", "settings were not saved"),  # the terminal (the CLI's English)
    ("composition_root.py", "could not be closed cleanly"),
    ("start_up.py", "LlamaDesk is already running"),  # the terminal
    ("language.py", "translation of LlamaDesk is not installed"),  # English: no catalogue
    ("single_instance.py", "llamadesk-"),  # a socket name
    ("widgets.py", "Busy"),  # an object name
    ("cell_details.py", "Ctrl+"),  # a shortcut
    ("library_files.py", ".json"),  # a file name
    ("pages.py", "QCommandLinkButton"),  # a style sheet
    ("window_menus.py", "theme-"),  # an object name
    ("window_menus.py", "Action"),  # an object name
)
_MARKUP = re.compile(r"<[^>]*>|&\w+;|[\w-]+\s*:\s*[^;]*;?")


def english_fstrings(root: Path) -> list[str]:
    """f-strings under `root` whose fixed parts hold words (the window shows no such text)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.JoinedStr):
                continue
            fixed = "".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            if not re.search(r"\b[A-Za-z]{3,}\b", _MARKUP.sub("", fixed)):
                continue
            if any(path.name == name and words in fixed for name, words in NOT_SHOWN_FSTRINGS):
                continue
            found.append(f"{path}:{node.lineno}: {ast.unparse(node)[:100]}")
    return found
