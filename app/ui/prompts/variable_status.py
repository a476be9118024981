"""The line under the system-prompt editor: which {{variables}} it uses, and which are unknown."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.prompts.variables import (
    BUILTIN_HELP,
    BUILTIN_NAMES,
    VariableProblem,
    VariableSpec,
    braced,
    is_variable_name,
    spec_map,
    variable_names,
)
from app.ui.style import ChatStyle

#: The line names this many variables; the tooltip explains at most this many.
_SHOWN = 8
_EXPLAINED = 30
_VALUE_SHOWN = 60  # characters of a value in the tooltip

TYPE_WORDS = {
    "text": QT_TRANSLATE_NOOP("VariableTypes", "text"),
    "long_text": QT_TRANSLATE_NOOP("VariableTypes", "long text"),
    "choice": QT_TRANSLATE_NOOP("VariableTypes", "choice"),
    "number": QT_TRANSLATE_NOOP("VariableTypes", "number"),
}


@dataclass(frozen=True)
class VariableUsage:
    """What the line says about a prompt: used names, unknown ones, and the sentences."""

    used: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    text: str = ""
    tooltip: str = ""

    @property
    def has_error(self) -> bool:
        return bool(self.unknown)


def describe_usage(
    prompt: str, specs: Sequence[VariableSpec], values: Mapping[str, str]
) -> VariableUsage:
    """The status line for `prompt` with this chat's declarations and values."""
    names = variable_names(prompt)
    if not names:
        return VariableUsage()
    declared = spec_map(specs)
    unknown = tuple(n for n in names if n not in declared and n not in BUILTIN_NAMES)
    shown = ", ".join(braced(n) for n in names[:_SHOWN])
    more = (
        QCoreApplication.translate("VariableStatus", " and {value} more").format(
            value=len(names) - _SHOWN
        )
        if len(names) > _SHOWN
        else ""
    )
    lines = []
    for name in names[:_EXPLAINED]:
        if name in BUILTIN_NAMES:
            lines.append(
                QCoreApplication.translate(
                    "VariableStatus", "{braced}: built in. {BUILTIN_HELP}."
                ).format(
                    braced=braced(name),
                    BUILTIN_HELP=QCoreApplication.translate("Variables", BUILTIN_HELP[name]),
                )
            )
        elif name in declared:
            spec = declared[name]
            value = values.get(name)
            given = (
                QCoreApplication.translate("VariableStatus", "this chat's value: “{clip}”").format(
                    clip=_clip(value)
                )
                if value is not None
                else QCoreApplication.translate(
                    "VariableStatus", "asked before the next message is sent"
                )
            )
            lines.append(
                f"{braced(name)}: {spec.shown_label} ({QCoreApplication.translate('VariableTypes', TYPE_WORDS[spec.type])}), {given}."
            )
        else:
            lines.append(
                QCoreApplication.translate("VariableStatus", "{braced}: not declared.").format(
                    braced=braced(name)
                )
            )
    if len(names) > _EXPLAINED:
        lines.append(
            QCoreApplication.translate("VariableStatus", "…and {value} more.").format(
                value=len(names) - _EXPLAINED
            )
        )
    tooltip = "\n".join(lines)
    if unknown:
        return VariableUsage(names, unknown, _unknown_sentence(unknown), tooltip)
    return VariableUsage(
        names,
        (),
        QCoreApplication.translate("VariableStatus", "Variables: {shown}{more}").format(
            shown=shown, more=more
        ),
        tooltip,
    )


def _unknown_sentence(unknown: Sequence[str]) -> str:
    """Short enough for the side panel; the send's own message says it at length."""
    if not all(is_variable_name(n) for n in unknown):
        return str(VariableProblem(unknown=unknown))  # too long to declare: the full advice
    if len(unknown) == 1:
        name = braced(unknown[0])
        return QCoreApplication.translate(
            "VariableStatus",
            "{name} is not declared: Declare it, or write \\{name} to send the braces.",
        ).format(name=name)
    shown = ", ".join(braced(n) for n in unknown[:_SHOWN])
    more = (
        QCoreApplication.translate("VariableStatus", " and {value} more").format(
            value=len(unknown) - _SHOWN
        )
        if len(unknown) > _SHOWN
        else ""
    )
    return QCoreApplication.translate(
        "VariableStatus",
        "{shown}{more} are not declared: Declare them, or write a backslash before each to send the braces.",
    ).format(shown=shown, more=more)


def _clip(value: str) -> str:
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= _VALUE_SHOWN else one_line[: _VALUE_SHOWN - 1] + "…"


class VariableStatus(QWidget):
    """A plain-text line (never markup: it quotes the prompt) and a "Declare" button."""

    declare_requested = Signal(tuple)  # the unknown names

    def __init__(self, style: ChatStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = style
        self._unknown: tuple[str, ...] = ()
        self.label = QLabel()
        self.label.setObjectName("variableStatus")
        self.label.setAccessibleName(
            QCoreApplication.translate("VariableStatus", "Variables in the system prompt")
        )
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.declare_button = QPushButton(QCoreApplication.translate("VariableStatus", "Declare"))
        self.declare_button.setObjectName("declareVariablesButton")
        self.declare_button.setToolTip(
            QCoreApplication.translate(
                "VariableStatus", "Declare the unknown variables (you choose their types)"
            )
        )
        self.declare_button.setAccessibleName(
            QCoreApplication.translate("VariableStatus", "Declare the unknown variables")
        )
        self.declare_button.clicked.connect(lambda: self.declare_requested.emit(self._unknown))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.declare_button, 0, Qt.AlignmentFlag.AlignTop)
        self.show_usage(VariableUsage())

    def set_style(self, style: ChatStyle) -> None:
        self._style = style
        self._colour(bool(self._unknown))

    def show_usage(self, usage: VariableUsage) -> None:
        self._unknown = usage.unknown
        self.label.setText(usage.text)
        self.label.setToolTip(html.escape(usage.tooltip).replace("\n", "<br>"))
        self.label.setAccessibleDescription(usage.tooltip)
        self.label.setVisible(bool(usage.text))
        self.declare_button.setVisible(usage.has_error)
        self._colour(usage.has_error)

    def _colour(self, error: bool) -> None:
        colour = self._style.error if error else self._style.muted
        self.label.setStyleSheet(f"color: {colour};")
