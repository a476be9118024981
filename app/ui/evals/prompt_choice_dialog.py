"""Adds or edits one prompt of a run: a library prompt at a label or version, a preset, or text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.evals.model import PromptChoice
from app.core.prompts.library import PromptLibrary
from app.ui.evals.prompt_choices import (
    choice_from_library,
    choice_from_preset,
    library_picks,
    unique_id,
)

LIBRARY_TAB, PRESET_TAB, TEXT_TAB = 0, 1, 2


class PromptChoiceDialog(QDialog):
    """Three tabs; OK builds the choice from the one shown (`choice` after accept)."""

    def __init__(
        self,
        library: PromptLibrary | None,
        taken: Sequence[str],
        parent: QWidget,
        editing: PromptChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("PromptChoiceDialog", "Prompt to run")
            if editing is None
            else QCoreApplication.translate("PromptChoiceDialog", "Prompt {id}").format(
                id=editing.id
            )
        )
        self.resize(520, 360)
        self._library = library
        self._taken = [t for t in taken if editing is None or t != editing.id]
        self._editing = editing
        self.choice: PromptChoice | None = None
        self.tabs = QTabWidget(self)
        self.prompt_combo = QComboBox(self)
        self.prompt_combo.setAccessibleName(
            QCoreApplication.translate("PromptChoiceDialog", "Library prompt")
        )
        self.prompt_combo.setAccessibleDescription(
            QCoreApplication.translate("PromptChoiceDialog", "A prompt saved in the library")
        )
        self.pick_combo = QComboBox(self)
        self.pick_combo.setAccessibleName(
            QCoreApplication.translate("PromptChoiceDialog", "Label or version")
        )
        self.pick_combo.setAccessibleDescription(
            QCoreApplication.translate(
                "PromptChoiceDialog",
                "Which version of the prompt runs: a label follows it when it moves",
            )
        )
        self.preset_combo = QComboBox(self)
        self.preset_combo.setAccessibleName(
            QCoreApplication.translate("PromptChoiceDialog", "Preset")
        )
        self.preset_combo.setAccessibleDescription(
            QCoreApplication.translate(
                "PromptChoiceDialog", "Run with a preset's prompt and settings"
            )
        )
        self.id_edit = QLineEdit(self)
        self.id_edit.setAccessibleName(
            QCoreApplication.translate("PromptChoiceDialog", "Column name")
        )
        self.id_edit.setAccessibleDescription(
            QCoreApplication.translate(
                "PromptChoiceDialog", "The results grid's heading for this prompt"
            )
        )
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName(
            QCoreApplication.translate("PromptChoiceDialog", "System prompt text")
        )
        self.text_edit.setAccessibleDescription(
            QCoreApplication.translate("PromptChoiceDialog", "Or type the prompt to run here")
        )
        self.text_edit.setPlaceholderText(
            QCoreApplication.translate(
                "PromptChoiceDialog", "The system prompt; {{variables}} are filled per case"
            )
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._summaries = library.prompts() if library is not None else []
        self._presets = library.presets() if library is not None else []
        self._build(editing)

    def _build(self, editing: PromptChoice | None) -> None:
        library_page = QWidget(self)
        form = QFormLayout(library_page)
        form.addRow(QCoreApplication.translate("PromptChoiceDialog", "&Prompt:"), self.prompt_combo)
        form.addRow(QCoreApplication.translate("PromptChoiceDialog", "&At:"), self.pick_combo)
        for summary in self._summaries:
            self.prompt_combo.addItem(summary.name)
        self.prompt_combo.currentIndexChanged.connect(self._on_prompt_combo_changed)
        self._on_prompt_combo_changed(self.prompt_combo.currentIndex())
        preset_page = QWidget(self)
        preset_form = QFormLayout(preset_page)
        preset_form.addRow(
            QCoreApplication.translate("PromptChoiceDialog", "P&reset:"), self.preset_combo
        )
        # A set's prompts are compared on one endpoint; a preset's own endpoint is not used.
        self.preset_note = QLabel(
            QCoreApplication.translate(
                "PromptChoiceDialog",
                "The preset's prompt and parameters are used. Runs ask the endpoint the chat "
                "uses when Run is clicked, not the preset's own endpoint.",
            ),
            preset_page,
        )
        self.preset_note.setWordWrap(True)
        preset_form.addRow(self.preset_note)
        for preset in self._presets:
            self.preset_combo.addItem(preset.name)
        text_page = QWidget(self)
        text_form = QFormLayout(text_page)
        text_form.addRow(QCoreApplication.translate("PromptChoiceDialog", "&Column:"), self.id_edit)
        text_form.addRow(QCoreApplication.translate("PromptChoiceDialog", "&Text:"), self.text_edit)
        self.tabs.addTab(
            library_page, QCoreApplication.translate("PromptChoiceDialog", "&Library prompt")
        )
        self.tabs.addTab(preset_page, QCoreApplication.translate("PromptChoiceDialog", "Pre&set"))
        self.tabs.addTab(text_page, QCoreApplication.translate("PromptChoiceDialog", "&Own text"))
        if self._library is None:
            self.message.setText(
                QCoreApplication.translate(
                    "PromptChoiceDialog",
                    "The prompt library is not open: only own text can be used.",
                )
            )
        if editing is not None:
            self.id_edit.setText(editing.id)
            self.text_edit.setPlainText(editing.system or "")
        if editing is not None or self._library is None or not self._summaries:
            self.tabs.setCurrentIndex(TEXT_TAB)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _on_prompt_combo_changed(self, row: int) -> None:
        self.pick_combo.clear()
        if 0 <= row < len(self._summaries):
            self.pick_combo.addItem(
                QCoreApplication.translate("PromptChoiceDialog", "newest version"), ""
            )
            for pick in library_picks(self._summaries[row]):
                self.pick_combo.addItem(pick, pick)

    def _on_ok(self) -> None:
        tab = self.tabs.currentIndex()
        if tab == LIBRARY_TAB:
            row = self.prompt_combo.currentIndex()
            if not 0 <= row < len(self._summaries):
                self.message.setText(
                    QCoreApplication.translate(
                        "PromptChoiceDialog", "The library has no prompt to choose yet."
                    )
                )
                return
            pick = str(self.pick_combo.currentData() or "")
            self.choice = choice_from_library(self._summaries[row], pick, self._taken)
        elif tab == PRESET_TAB:
            row = self.preset_combo.currentIndex()
            if self._library is None or not 0 <= row < len(self._presets):
                self.message.setText(
                    QCoreApplication.translate(
                        "PromptChoiceDialog", "There is no preset to choose yet."
                    )
                )
                return
            try:
                self.choice = choice_from_preset(self._presets[row], self._library, self._taken)
            except (KeyError, ValueError) as exc:
                self.message.setText(
                    QCoreApplication.translate(
                        "PromptChoiceDialog", "That preset's prompt cannot be read: {exc}"
                    ).format(exc=exc)
                )
                return
        else:
            name = self.id_edit.text().strip() or QCoreApplication.translate(
                "PromptChoiceDialog", "own text"
            )
            wanted = unique_id(name, self._taken)
            base = self._editing or PromptChoice(id=wanted)
            self.choice = replace(
                base, id=wanted, system=self.text_edit.toPlainText(), library=None
            )
        self.accept()
