"""The system-prompt panel's own controls: the picker above the editor, the save bar below it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.prompts.prompt_state import PromptChoice, PromptStatus


class CommitCombo(QComboBox):
    """A combo box that acts only on a choice the user commits: a click or Enter in its list,
    or Enter after the arrow keys, typing or the wheel (over it, focused) showed one. Leaving
    it or Esc puts back the choice in use: stepping through never switches anything."""

    committed = Signal(int)  # the index chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chosen = -1
        self._stepping = False  # a key or the wheel is moving the current entry
        self.activated.connect(self._on_activated)

    @property
    def pending(self) -> bool:
        """An entry is shown that was stepped to, not chosen."""
        return self.currentIndex() != self._chosen

    def set_chosen(self, index: int) -> None:
        """The entry in use (set from the data, so no signal)."""
        self._chosen = index
        self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pending:
            self.committed.emit(self.currentIndex())
        elif key == Qt.Key.Key_Escape and plain and self.pending:
            self.set_chosen(self._chosen)
        else:
            self._step(lambda: super(CommitCombo, self).keyPressEvent(event))
            return
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()  # the panel under the pointer scrolls instead
            return
        self._step(lambda: super(CommitCombo, self).wheelEvent(event))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.pending and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.set_chosen(self._chosen)
        super().focusOutEvent(event)

    def _step(self, move: Callable[[], None]) -> None:
        self._stepping = True
        try:
            move()
        finally:
            self._stepping = False

    def _on_activated(self, index: int) -> None:
        if not self._stepping:  # chosen in the list (or told so): that is a commitment
            self.committed.emit(index)


class PromptPicker(QWidget):
    """ "This chat's own prompt", a library prompt or a label; Library… opens the library window."""

    choice_requested = Signal(str)  # the chosen entry's data (see prompt_state)
    library_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptPicker")
        self.combo = CommitCombo()
        self.combo.setObjectName("promptPickerCombo")
        self.combo.setAccessibleName(
            QCoreApplication.translate("PromptPicker", "System prompt from the library")
        )
        self.combo.setToolTip(
            QCoreApplication.translate(
                "PromptPicker",
                "Which prompt this chat uses: its own text, a library prompt (its newest version) "
                "or a label of one, which follows the label when it moves (Ctrl+Shift+P). "
                "The arrow keys show another; Enter or a click uses it.",
            )
        )
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(6)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.committed.connect(self._on_combo_committed)
        self.library_button = QToolButton()
        self.library_button.setObjectName("promptLibraryButton")
        self.library_button.setText(QCoreApplication.translate("PromptPicker", "Library…"))
        self.library_button.setAccessibleName(
            QCoreApplication.translate("PromptPicker", "Prompt library")
        )
        self.library_button.setToolTip(
            QCoreApplication.translate("PromptPicker", "Open the prompt library (Ctrl+Shift+L)")
        )
        self.library_button.clicked.connect(self.library_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.library_button)

    def set_choices(self, choices: Sequence[PromptChoice], current: str) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for index, choice in enumerate(choices):
            self.combo.addItem(choice.text, choice.data)
            self.combo.setItemData(index, choice.tooltip, Qt.ItemDataRole.ToolTipRole)
        self.combo.blockSignals(False)
        self.select(current)

    def select(self, data: str) -> None:
        self.combo.set_chosen(max(0, self.combo.findData(data)))

    def _on_combo_committed(self, index: int) -> None:
        self.choice_requested.emit(str(self.combo.itemData(index) or ""))


class PromptSaveBar(QWidget):
    """Saved or edited, and what can be done about it: save a version, compare, discard."""

    save_requested = Signal()
    compare_requested = Signal()
    discard_requested = Signal()
    save_as_new_requested = Signal()

    def __init__(self, muted: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptSaveBar")
        self.status = QLabel()
        self.status.setObjectName("promptStatus")
        self.status.setAccessibleName(
            QCoreApplication.translate("PromptSaveBar", "System prompt state")
        )
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # prompt names are not markup
        self._muted = muted
        self.notice = QLabel()  # what happened to this chat's prompt on its own (a label moved)
        self.notice.setObjectName("promptNotice")
        self.notice.setAccessibleName(
            QCoreApplication.translate("PromptSaveBar", "System prompt notice")
        )
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setStyleSheet(f"color: {muted}; font-style: italic;")
        self.notice.hide()
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("versionNote")
        self.note_edit.setAccessibleName(
            QCoreApplication.translate("PromptSaveBar", "Note for the new version")
        )
        self.note_edit.setPlaceholderText(
            QCoreApplication.translate("PromptSaveBar", "Note for this version (optional)")
        )
        self.note_edit.setMaxLength(2000)
        self.note_edit.setToolTip(
            QCoreApplication.translate(
                "PromptSaveBar",
                "Why this version: kept with it, shown in the library (Enter saves)",
            )
        )
        self.note_edit.returnPressed.connect(self.save_requested)
        self.save_button = self._button(
            QCoreApplication.translate("PromptSaveBar", "&Save"),
            "saveVersionButton",
            self.save_requested,
        )
        self.save_button.setAccessibleName(
            QCoreApplication.translate("PromptSaveBar", "Save version")
        )
        self.save_button.setToolTip(
            QCoreApplication.translate(
                "PromptSaveBar", "Save the edit as a new version of this prompt (Ctrl+S)"
            )
        )
        self.compare_button = self._button(
            QCoreApplication.translate("PromptSaveBar", "Co&mpare"),
            "compareWithSavedButton",
            self.compare_requested,
        )
        self.compare_button.setToolTip(
            QCoreApplication.translate(
                "PromptSaveBar", "Show what changed since the saved version (Ctrl+D)"
            )
        )
        self.discard_button = self._button(
            QCoreApplication.translate("PromptSaveBar", "Disc&ard"),
            "discardEditsButton",
            self.discard_requested,
        )
        self.discard_button.setToolTip(
            QCoreApplication.translate("PromptSaveBar", "Go back to the saved version's text")
        )
        self.save_as_new_button = self._button(
            QCoreApplication.translate("PromptSaveBar", "Save as &new prompt…"),
            "saveAsNewPromptButton",
            self.save_as_new_requested,
        )
        self.save_as_new_button.setToolTip(
            QCoreApplication.translate(
                "PromptSaveBar", "Keep this text in the prompt library, with versions"
            )
        )
        # One narrow row: the side panel must still fit an 800-pixel-wide window.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        for button in (self.save_button, self.compare_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addWidget(self.save_as_new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.notice)
        layout.addWidget(self.note_edit)
        layout.addLayout(buttons)
        # As for a chat's own prompt until told otherwise: the window's first size is taken
        # before any event is processed, from the widgets shown now.
        self._status = PromptStatus("")
        self.show_status(self._status)

    def _button(self, text: str, name: str, signal: SignalInstance) -> QToolButton:
        # Tool buttons: as wide as their text (push buttons have a wide minimum in some styles).
        button = QToolButton()
        button.setText(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(signal)
        return button

    def set_muted(self, muted: str) -> None:
        """The OS switched between light and dark."""
        self._muted = muted
        self.notice.setStyleSheet(f"color: {muted}; font-style: italic;")
        self.show_status(self._status)

    def show_status(self, status: PromptStatus) -> None:
        self._status = status
        self.status.setText(status.text)
        self.status.setToolTip(status.tooltip)
        colour = "" if status.edited else f"color: {self._muted};"
        self.status.setStyleSheet(colour + (" font-weight: bold;" if status.edited else ""))
        self.note_edit.setVisible(status.edited and status.savable)
        self.save_button.setVisible(status.edited and status.savable)
        self.compare_button.setVisible(status.edited)
        self.discard_button.setVisible(status.edited)
        self.save_as_new_button.setVisible(not status.in_library)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def note(self) -> str:
        """The note typed for the next version (cleared only once a version took it)."""
        return self.note_edit.text().strip()

    def clear_note(self) -> None:
        self.note_edit.clear()
