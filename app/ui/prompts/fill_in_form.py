"""The fill-in form: a field per {{variable}} the chat has no value for, asked before sending.

One widget per type (a line, several lines, a list of options, a number), its label and help
line, prefilled with the chat's value or the default. OK stays disabled while a value does not
fit its declaration, and the reason is said under the field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.prompts.variables import MAX_VALUE_CHARS, VariableSpec, VarType, braced
from app.ui.style import ChatStyle
from app.ui.window.screen_fit import fit_to_screen

ValueWidget = QLineEdit | QPlainTextEdit | QComboBox


class FillInForm(QDialog):
    """Asks for `specs`; values() holds what was typed once it is accepted."""

    def __init__(
        self,
        specs: Sequence[VariableSpec],
        values: Mapping[str, str],
        style: ChatStyle,
        *,
        ok_text: str = QCoreApplication.translate("FillInForm", "Send"),
        parent: QWidget | None = None,
        words: tuple[str, str] | None = None,
    ) -> None:
        """`words`: (title, intro) instead of the usual ones (Simple mode's plain ones)."""
        super().__init__(parent)
        self.setObjectName("fillInForm")
        self.setWindowTitle(
            words[0] if words else QCoreApplication.translate("FillInForm", "Fill in the variables")
        )
        self._specs = list(specs)
        self._style = style
        self.fields: dict[str, ValueWidget] = {}
        self._problems: dict[str, QLabel] = {}
        intro = QLabel(
            words[1]
            if words
            else QCoreApplication.translate(
                "FillInForm",
                "This chat's system prompt uses these variables. The values are kept with the "
                "chat; Chat ▸ Edit variable values… changes them later.",
            )
        )
        intro.setWordWrap(True)
        form_widget = QWidget()
        outer = QVBoxLayout(form_widget)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # spare height below the fields, not between a field and its help
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in self._specs:
            field = self._field_for(spec, values.get(spec.name))
            self.fields[spec.name] = field
            # The user's text: never markup, and an "&" in it is shown, not made a mnemonic.
            label = QLabel(spec.shown_label.replace("&", "&&"))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(field)
            if words is None:  # {{name}} means something only where prompts are written
                label.setToolTip(braced(spec.name))
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(field)
            if spec.help:
                column.addWidget(self._small(spec.help, style.muted))
            problem = self._small("", style.error)
            problem.setObjectName(f"problem_{spec.name}")
            self._problems[spec.name] = problem
            column.addWidget(problem)
            form.addRow(label, column)
        scroll = QScrollArea()  # up to 200 variables: the form scrolls, the buttons stay
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("fillInOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        # As tall as the fields need, up to a screenful; more than that scrolls.
        chrome = intro.sizeHint().height() + self.buttons.sizeHint().height() + 48
        fit_to_screen(self, 520, min(640, form_widget.sizeHint().height() + chrome))
        self._refresh()
        if self.fields:
            next(iter(self.fields.values())).setFocus()

    def values(self) -> dict[str, str]:
        return {spec.name: self._value(spec) for spec in self._specs}

    def problems(self) -> dict[str, str]:
        """The values that do not fit, by name: the sentences shown under their fields."""
        out = {}
        for spec in self._specs:
            why = spec.value_problem(self._value(spec))
            if why is not None:
                out[spec.name] = why
        return out

    # -- fields -------------------------------------------------------------------------------

    def _field_for(self, spec: VariableSpec, value: str | None) -> ValueWidget:
        start = value if value is not None else spec.default
        field: ValueWidget
        if spec.type is VarType.LONG_TEXT:
            field = QPlainTextEdit()
            field.setPlainText(start)
            field.setTabChangesFocus(True)  # Tab leaves the field; keyboard users must get out
            field.setFixedHeight(field.fontMetrics().lineSpacing() * 5 + 12)
            field.textChanged.connect(self._refresh)
        elif spec.type is VarType.CHOICE:
            field = QComboBox()
            field.addItems(list(spec.options))
            field.setPlaceholderText(QCoreApplication.translate("FillInForm", "Choose one"))
            field.setCurrentIndex(spec.options.index(start) if start in spec.options else -1)
            field.currentIndexChanged.connect(self._refresh)
        else:
            field = QLineEdit()
            field.setMaxLength(MAX_VALUE_CHARS)  # Qt's own limit is 32,767: too few
            field.setText(start)
            if spec.type is VarType.NUMBER:
                field.setPlaceholderText(
                    QCoreApplication.translate("FillInForm", "A number, e.g. 3 or 2.5")
                )
                field.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
            field.textChanged.connect(self._refresh)
        field.setObjectName(f"value_{spec.name}")
        field.setAccessibleName(spec.shown_label)
        field.setAccessibleDescription(
            spec.help
            or QCoreApplication.translate(
                "FillInForm", "Goes into the prompt where it asks for {label}"
            ).format(label=spec.shown_label)
        )
        return field

    def _value(self, spec: VariableSpec) -> str:
        field = self.fields[spec.name]
        if isinstance(field, QPlainTextEdit):
            return field.toPlainText()
        if isinstance(field, QComboBox):
            return field.currentText() if field.currentIndex() >= 0 else ""
        return field.text().strip() if spec.type is VarType.NUMBER else field.text()

    def _refresh(self) -> None:
        problems = self.problems()
        for name, label in self._problems.items():
            why = problems.get(name, "")
            label.setText(why)
            label.setVisible(bool(why))
        self.ok_button.setEnabled(not problems)

    @staticmethod
    def _small(text: str, colour: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {colour}; font-size: small;")
        return label
