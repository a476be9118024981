"""The presets' dialogs: a name for a new preset, and Manage presets (start, rename, delete)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.prompts.library import Preset
from app.ui.style import ChatStyle

MAX_PRESET_NAME_CHARS = 200


def preset_name_problem(name: str) -> str | None:
    name = " ".join(name.split())
    if not name:
        return QCoreApplication.translate("PresetsDialog", "Give the preset a name.")
    if len(name) > MAX_PRESET_NAME_CHARS:
        return QCoreApplication.translate(
            "PresetsDialog", "A preset's name can be at most {MAX_PRESET_NAME_CHARS} characters."
        ).format(MAX_PRESET_NAME_CHARS=MAX_PRESET_NAME_CHARS)
    return None


class PresetNameDialog(QDialog):
    """One line for a name; OK only while it is usable."""

    def __init__(
        self, title: str, intro: str, name: str, style: ChatStyle, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presetNameDialog")
        self.setWindowTitle(title)
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("presetName")
        self.name_edit.setAccessibleName(
            QCoreApplication.translate("PresetNameDialog", "Preset name")
        )
        self.name_edit.setAccessibleDescription(
            QCoreApplication.translate("PresetNameDialog", "The name the Presets menu shows")
        )
        self.name_edit.setMaxLength(MAX_PRESET_NAME_CHARS + 1)  # one more: said, not cut
        self.name_edit.selectAll()
        label = QLabel(intro)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setBuddy(self.name_edit)
        self.problem_label = QLabel()
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet(f"color: {style.error};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._on_name_edited)
        self._on_name_edited()
        self.resize(420, self.sizeHint().height())

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())  # as the library keeps it

    def _on_name_edited(self) -> None:
        why = preset_name_problem(self.name_edit.text())
        self.problem_label.setText(why or "")
        self.ok_button.setEnabled(why is None)


class ManagePresetsDialog(QDialog):
    """The presets, with what each starts; every change is written when it is made."""

    start_requested = Signal(int)  # preset id
    rename_requested = Signal(int)
    delete_requested = Signal(int)
    undo_delete_requested = Signal()

    def __init__(
        self, describe: Callable[[Preset], str], style: ChatStyle, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managePresetsDialog")
        self.setWindowTitle(QCoreApplication.translate("ManagePresetsDialog", "Presets"))
        self.resize(620, 420)
        self._describe = describe
        self.preset_list = QListWidget()
        self.preset_list.setObjectName("presetList")
        self.preset_list.setAccessibleName(
            QCoreApplication.translate("ManagePresetsDialog", "Presets")
        )
        self.preset_list.setWordWrap(True)
        self.preset_list.itemActivated.connect(self._on_item_activated)
        self.preset_list.currentRowChanged.connect(self._on_row_changed)
        self.start_button = self._button(
            QCoreApplication.translate("ManagePresetsDialog", "&Start chat"),
            "startPresetButton",
            self.start_requested,
        )
        self.rename_button = self._button(
            QCoreApplication.translate("ManagePresetsDialog", "Re&name…"),
            "renamePresetButton",
            self.rename_requested,
        )
        self.delete_button = self._button(
            QCoreApplication.translate("ManagePresetsDialog", "&Delete"),
            "deletePresetButton",
            self.delete_requested,
        )
        self.undo_button = QPushButton(
            QCoreApplication.translate("ManagePresetsDialog", "&Undo delete")
        )
        self.undo_button.setObjectName("undoDeletePresetButton")
        self.undo_button.clicked.connect(self.undo_delete_requested)
        self.undo_button.hide()
        self.preset_list.setAccessibleDescription(
            QCoreApplication.translate(
                "ManagePresetsDialog",
                "Saved presets. Enter starts a chat from the selected one, F2 renames it, Delete deletes it.",
            )
        )
        self.start_button.setAccessibleDescription(
            QCoreApplication.translate(
                "ManagePresetsDialog", "Start a new chat with the selected preset's settings"
            )
        )
        self.rename_button.setAccessibleDescription(
            QCoreApplication.translate(
                "ManagePresetsDialog", "Give the selected preset another name (F2)"
            )
        )
        self.delete_button.setAccessibleDescription(
            QCoreApplication.translate(
                "ManagePresetsDialog", "Delete the selected preset; Undo delete brings it back"
            )
        )
        self.undo_button.setAccessibleDescription(
            QCoreApplication.translate("ManagePresetsDialog", "Bring the last deleted preset back")
        )
        rename = QShortcut(QKeySequence(Qt.Key.Key_F2), self.preset_list)
        rename.setContext(Qt.ShortcutContext.WidgetShortcut)
        rename.activated.connect(self.rename_button.click)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.preset_list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_button.click)
        self.note = QLabel()
        self.note.setObjectName("presetsNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {style.muted};")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        hint = QLabel(
            QCoreApplication.translate(
                "ManagePresetsDialog",
                "Enter starts a chat from the selected preset; F2 renames it; Delete removes it.",
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.preset_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(close)

    def show_presets(self, presets: Sequence[Preset], select_id: int | None = None) -> None:
        row = self.preset_list.currentRow()
        self.preset_list.clear()
        for preset in presets:
            item = QListWidgetItem(f"{preset.name}\n    {self._describe(preset)}")
            item.setData(Qt.ItemDataRole.UserRole, preset.id)
            item.setToolTip(self._describe(preset))
            self.preset_list.addItem(item)
        ids = [p.id for p in presets]
        if select_id in ids:
            row = ids.index(select_id)
        self.preset_list.setCurrentRow(min(max(row, 0), len(presets) - 1))
        self._on_row_changed(self.preset_list.currentRow())

    def selected_id(self) -> int | None:
        item = self.preset_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def set_note(self, text: str, *, can_undo: bool = False) -> None:
        self.note.setText(text)
        self.undo_button.setVisible(can_undo)

    def _button(self, text: str, name: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)

        def on_clicked() -> None:
            preset_id = self.selected_id()
            if preset_id is not None:
                signal.emit(preset_id)

        button.clicked.connect(on_clicked)
        return button

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.start_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_row_changed(self, row: int) -> None:
        has = row >= 0
        for button in (self.start_button, self.rename_button, self.delete_button):
            button.setEnabled(has)
