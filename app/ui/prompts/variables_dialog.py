"""The Variables dialog: declare a chat's custom {{variables}} (type, label, default, help, options).

Edits a working copy; OK is enabled only while every declaration is usable, and the problem is
said in a sentence under the form. Also holds the name {{user_name}} stands for.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.prompts.variables import (
    BUILTIN_NAMES,
    MAX_HELP_CHARS,
    MAX_LABEL_CHARS,
    MAX_NAME_CHARS,
    MAX_VALUE_CHARS,
    MAX_VARIABLES,
    VariableSpec,
    VarType,
    braced,
    declarations_problem,
    is_variable_name,
)
from app.storage.settings_schema import MAX_USER_NAME_CHARS, user_name_fits
from app.ui.prompts.variable_status import TYPE_WORDS
from app.ui.style import ChatStyle

_TYPES = (VarType.TEXT, VarType.LONG_TEXT, VarType.CHOICE, VarType.NUMBER)


class VariablesDialog(QDialog):
    """A list of declarations on the left, the selected one's fields on the right."""

    def __init__(
        self,
        specs: Sequence[VariableSpec],
        user_name: str,
        login_name: str,
        style: ChatStyle,
        *,
        add_names: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("variablesDialog")
        self.setWindowTitle(QCoreApplication.translate("VariablesDialog", "Variables"))
        self.resize(760, 500)
        self._style = style
        self._specs = list(specs)
        self._filling = False  # the fields are being set from a declaration: not an edit
        self._build(login_name)
        self.user_name_edit.setText(user_name)
        for spec in self._specs:
            self.variable_list.addItem(_row_text(spec))
        for name in add_names:  # "Declare" under the editor: the unknown names, ready to type
            if is_variable_name(name) and name not in {s.name for s in self._specs}:
                self._append(VariableSpec(name))
        first_new = len(specs) if add_names else 0
        self._select(first_new if self._specs else -1)

    # -- what the dialog decided -------------------------------------------------------------

    def specs(self) -> tuple[VariableSpec, ...]:
        return tuple(self._specs)

    def user_name(self) -> str:
        return self.user_name_edit.text().strip()

    def problem(self) -> str | None:
        if not user_name_fits(self.user_name_edit.text()):
            return QCoreApplication.translate(
                "VariablesDialog",
                "Your name must be one line of at most {MAX_USER_NAME_CHARS} characters.",
            ).format(MAX_USER_NAME_CHARS=MAX_USER_NAME_CHARS)
        return declarations_problem(self._specs)

    # -- layout -------------------------------------------------------------------------------

    def _build(self, login_name: str) -> None:
        self.variable_list = QListWidget()
        self.variable_list.setObjectName("variableList")
        self.variable_list.setAccessibleName(
            QCoreApplication.translate("VariablesDialog", "Declared variables")
        )
        self.variable_list.setAccessibleDescription(
            QCoreApplication.translate(
                "VariablesDialog",
                "The variables this chat declares; the fields beside edit the selected one.",
            )
        )
        self.variable_list.currentRowChanged.connect(self._on_list_row_changed)
        self.add_button = QPushButton(QCoreApplication.translate("VariablesDialog", "&Add"))
        self.add_button.setObjectName("addVariableButton")
        self.add_button.setToolTip(
            QCoreApplication.translate("VariablesDialog", "Declare a new variable (Ctrl+N)")
        )
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QPushButton(QCoreApplication.translate("VariablesDialog", "&Remove"))
        self.remove_button.setObjectName("removeVariableButton")
        self.remove_button.setToolTip(
            QCoreApplication.translate(
                "VariablesDialog", "Remove the selected declaration (Delete in the list)"
            )
        )
        self.remove_button.clicked.connect(self._on_remove_clicked)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_add_clicked)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.variable_list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._on_remove_clicked)
        left = QVBoxLayout()
        left.addWidget(self.variable_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        self.name_edit = self._line(
            "variableName",
            QCoreApplication.translate("VariablesDialog", "Name"),
            QCoreApplication.translate("VariablesDialog", "Used as {{name}}: letters, digits, _"),
        )
        self.name_edit.setMaxLength(MAX_NAME_CHARS)
        self.type_box = QComboBox()
        self.type_box.setObjectName("variableType")
        self.type_box.setAccessibleName(QCoreApplication.translate("VariablesDialog", "Type"))
        self.type_box.setAccessibleDescription(
            QCoreApplication.translate(
                "VariablesDialog",
                "What the fill-in form asks for: text, long text, a number, a choice…",
            )
        )
        for kind in _TYPES:
            self.type_box.addItem(
                QCoreApplication.translate("VariableTypes", TYPE_WORDS[kind]).capitalize(),
                kind.value,
            )
        self.type_box.currentIndexChanged.connect(self._on_field_edited)
        self.label_edit = self._line(
            "variableLabel",
            QCoreApplication.translate("VariablesDialog", "Label"),
            QCoreApplication.translate("VariablesDialog", "What the form asks, e.g. Audience"),
        )
        self.label_edit.setMaxLength(MAX_LABEL_CHARS)
        self.default_line = self._line(
            "variableDefault",
            QCoreApplication.translate("VariablesDialog", "Default"),
            QCoreApplication.translate("VariablesDialog", "Prefilled in the form"),
        )
        self.default_line.setMaxLength(MAX_VALUE_CHARS)  # Qt's own limit is 32,767: too few
        self.default_text = QPlainTextEdit()
        self.default_text.setObjectName("variableDefaultLong")
        self.default_text.setAccessibleName(
            QCoreApplication.translate("VariablesDialog", "Default")
        )
        self.default_text.setAccessibleDescription(
            QCoreApplication.translate("VariablesDialog", "Prefilled in the form; Tab moves on")
        )
        self.default_text.setTabChangesFocus(True)
        self.default_text.textChanged.connect(self._on_field_edited)
        self.default_stack = QStackedWidget()  # one line, or several for long text
        self.default_stack.addWidget(self.default_line)
        self.default_stack.addWidget(self.default_text)
        self.help_edit = self._line(
            "variableHelp",
            QCoreApplication.translate("VariablesDialog", "Help"),
            QCoreApplication.translate("VariablesDialog", "A line shown under the field"),
        )
        self.help_edit.setMaxLength(MAX_HELP_CHARS)
        self.options_edit = QPlainTextEdit()
        self.options_edit.setObjectName("variableOptions")
        self.options_edit.setAccessibleName(
            QCoreApplication.translate("VariablesDialog", "Options, one per line")
        )
        self.options_edit.setAccessibleDescription(
            QCoreApplication.translate(
                "VariablesDialog", "The choices the form offers, one per line; Tab moves on"
            )
        )
        self.options_edit.setPlaceholderText(
            QCoreApplication.translate("VariablesDialog", "One option per line")
        )
        self.options_edit.setTabChangesFocus(True)
        self.options_edit.textChanged.connect(self._on_field_edited)
        self.form = QFormLayout()
        self.form.addRow(
            _buddy(QCoreApplication.translate("VariablesDialog", "&Name"), self.name_edit),
            self.name_edit,
        )
        self.form.addRow(
            _buddy(QCoreApplication.translate("VariablesDialog", "&Type"), self.type_box),
            self.type_box,
        )
        self.form.addRow(
            _buddy(QCoreApplication.translate("VariablesDialog", "&Label"), self.label_edit),
            self.label_edit,
        )
        self.form.addRow(
            _buddy(QCoreApplication.translate("VariablesDialog", "&Default"), self.default_stack),
            self.default_stack,
        )
        self.form.addRow(
            _buddy(QCoreApplication.translate("VariablesDialog", "&Help"), self.help_edit),
            self.help_edit,
        )
        self.options_label = _buddy(
            QCoreApplication.translate("VariablesDialog", "&Options,\none a line"),
            self.options_edit,
        )
        self.form.addRow(self.options_label, self.options_edit)
        self.fields = QWidget()
        self.fields.setLayout(self.form)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("variablesProblem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)  # names and labels quoted
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {self._style.error};")
        self.user_name_edit = QLineEdit()
        self.user_name_edit.setMaxLength(MAX_USER_NAME_CHARS + 1)  # one more: said, not cut
        self.user_name_edit.setObjectName("userNameEdit")
        self.user_name_edit.setAccessibleName(
            QCoreApplication.translate("VariablesDialog", "Your name for {{user_name}}")
        )
        self.user_name_edit.setPlaceholderText(
            login_name or QCoreApplication.translate("VariablesDialog", "your name")
        )
        self.user_name_edit.setToolTip(
            QCoreApplication.translate(
                "VariablesDialog", "What {{user_name}} says in every chat; empty: your login name"
            )
            + (f" ({login_name})" if login_name else "")
        )
        self.user_name_edit.textChanged.connect(self._refresh_problem)
        hint = QLabel(
            QCoreApplication.translate(
                "VariablesDialog",
                "Write {{name}} in the system prompt to use a variable, \\{{name}} to send the "
                "braces as they are. Built in: ",
            )
            + ", ".join(braced(n) for n in BUILTIN_NAMES)
            + "."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {self._style.muted};")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("variablesOk")

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        right = QVBoxLayout()
        right.addWidget(self.fields)
        right.addWidget(self.problem_label)
        right.addStretch(1)
        columns.addLayout(right, 3)
        name_row = QFormLayout()
        name_row.addRow(
            _buddy(
                QCoreApplication.translate("VariablesDialog", "Your name for {{&user_name}}"),
                self.user_name_edit,
            ),
            self.user_name_edit,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(columns, 1)
        layout.addLayout(name_row)
        layout.addWidget(self.buttons)

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._on_field_edited)
        return edit

    # -- the list -----------------------------------------------------------------------------

    def _append(self, spec: VariableSpec) -> None:
        self._specs.append(spec)
        self.variable_list.addItem(_row_text(spec))

    def _select(self, row: int) -> None:
        self.variable_list.setCurrentRow(row)
        self._on_list_row_changed(row)  # also when the row was current already

    def _on_add_clicked(self) -> None:
        if len(self._specs) >= MAX_VARIABLES:
            self._refresh_problem()
            return
        taken = {s.name for s in self._specs}
        number = next(n for n in range(1, MAX_VARIABLES + 2) if f"variable_{n}" not in taken)
        self._append(VariableSpec(f"variable_{number}"))
        self._select(len(self._specs) - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _on_remove_clicked(self) -> None:
        row = self.variable_list.currentRow()
        if not 0 <= row < len(self._specs):
            return
        del self._specs[row]
        self.variable_list.takeItem(row)
        self._select(min(row, len(self._specs) - 1))

    def _on_list_row_changed(self, row: int) -> None:
        has_row = 0 <= row < len(self._specs)
        self.fields.setEnabled(has_row)
        self.remove_button.setEnabled(has_row)
        self._fill(self._specs[row] if has_row else VariableSpec(""))
        self._refresh_problem()

    # -- the fields ---------------------------------------------------------------------------

    def _fill(self, spec: VariableSpec) -> None:
        self._filling = True
        try:
            self.name_edit.setText(spec.name)
            self.type_box.setCurrentIndex(_TYPES.index(spec.type))
            self.label_edit.setText(spec.label)
            self.default_line.setText(spec.default if spec.type is not VarType.LONG_TEXT else "")
            self.default_text.setPlainText(spec.default if spec.type is VarType.LONG_TEXT else "")
            self.help_edit.setText(spec.help)
            self.options_edit.setPlainText("\n".join(spec.options))
        finally:
            self._filling = False
        self._show_for_type(spec.type)

    def _read(self) -> VariableSpec:
        kind = VarType(self.type_box.currentData())
        default = (
            self.default_text.toPlainText()
            if kind is VarType.LONG_TEXT
            else self.default_line.text()
        )
        options = self.options_edit.toPlainText().split("\n")
        return VariableSpec(
            name=self.name_edit.text().strip(),
            type=kind,
            label=self.label_edit.text().strip(),
            default=default,
            help=self.help_edit.text().strip(),
            # Only a choice has options; trailing empty lines are not options.
            options=tuple(o.strip() for o in options if o.strip())
            if kind is VarType.CHOICE
            else (),
        )

    def _on_field_edited(self) -> None:
        if self._filling:
            return
        row = self.variable_list.currentRow()
        if not 0 <= row < len(self._specs):
            return
        before = self._specs[row]
        spec = self._read()
        if spec.type is not before.type:
            self._carry_default(before.type, spec.type)
            spec = self._read()
        self._specs[row] = spec
        self.variable_list.item(row).setText(_row_text(spec))
        self._show_for_type(spec.type)
        self._refresh_problem()

    def _carry_default(self, old: VarType, new: VarType) -> None:
        """Switching to or from long text keeps the default typed so far."""
        self._filling = True
        try:
            if new is VarType.LONG_TEXT and old is not VarType.LONG_TEXT:
                self.default_text.setPlainText(self.default_line.text())
            elif old is VarType.LONG_TEXT and new is not VarType.LONG_TEXT:
                self.default_line.setText(self.default_text.toPlainText())
        finally:
            self._filling = False

    def _show_for_type(self, kind: VarType) -> None:
        self.default_stack.setCurrentIndex(1 if kind is VarType.LONG_TEXT else 0)
        self.default_stack.setFixedHeight(
            self.default_text.sizeHint().height() // 2
            if kind is VarType.LONG_TEXT
            else self.default_line.sizeHint().height()
        )
        choice = kind is VarType.CHOICE
        self.options_label.setVisible(choice)
        self.options_edit.setVisible(choice)

    def _refresh_problem(self) -> None:
        why = self.problem()
        if why is None and len(self._specs) >= MAX_VARIABLES:
            why = QCoreApplication.translate(
                "VariablesDialog", "This is the most a chat can declare ({MAX_VARIABLES})."
            ).format(MAX_VARIABLES=MAX_VARIABLES)
        self.problem_label.setText(why or "")
        self.problem_label.setVisible(why is not None)
        self.ok_button.setEnabled(self.problem() is None)
        self.add_button.setEnabled(len(self._specs) < MAX_VARIABLES)


def _row_text(spec: VariableSpec) -> str:
    shown = spec.name or QCoreApplication.translate("VariablesDialog", "(no name)")
    return (
        f"{{{{{shown}}}}}  ·  {QCoreApplication.translate('VariableTypes', TYPE_WORDS[spec.type])}"
    )


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
