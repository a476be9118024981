"""A compare pane's compact header: its endpoint, prompt (library or own text) and parameters."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.params import SPEC_BY_NAME
from app.ui.chat.params_panel import spin_for
from app.ui.prompts.prompt_panel import PromptPicker, PromptSaveBar

#: The parameters a pane shows (the others keep the values the pane started with).
PANE_PARAMS: Final = ("temperature", "top_p", "max_tokens", "seed")
_SHORT: Final = {"temperature": "Temp", "top_p": "Top p", "max_tokens": "Max", "seed": "Seed"}


class PaneHeader(QWidget):
    """Layout only; the pane's settings binding fills it and turns edits into settings."""

    params_edited = Signal()
    prompt_edited = Signal()
    endpoint_chosen = Signal(str)  # profile id

    def __init__(self, muted: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.endpoint = QComboBox()
        self.endpoint.setObjectName("paneEndpoint")
        self.endpoint.setToolTip("Which endpoint and model answers in this pane")
        self.endpoint.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.endpoint.setMinimumContentsLength(8)
        self.endpoint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.endpoint.activated.connect(self._on_endpoint_activated)
        self.picker = PromptPicker()
        # The pane's prompt state lives in the bar the binding needs; the header is compact,
        # so the bar stays hidden (the picker and the text say which prompt is used).
        self.save_bar = PromptSaveBar(muted, self)
        self.save_bar.hide()
        self.prompt_editor = QPlainTextEdit()
        self.prompt_editor.setObjectName("panePrompt")
        self.prompt_editor.setPlaceholderText("System prompt of this pane (empty: none)")
        self.prompt_editor.setTabChangesFocus(True)
        self.prompt_editor.setToolTip("This pane's system prompt; edits apply to the next message")
        line = self.prompt_editor.fontMetrics().lineSpacing()
        self.prompt_editor.setFixedHeight(line * 2 + 12)
        self.prompt_editor.textChanged.connect(self.prompt_edited)
        self.boxes: dict[str, QDoubleSpinBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        for place, name in enumerate(PANE_PARAMS):
            box = spin_for(SPEC_BY_NAME[name])
            box.setMinimumWidth(60)
            if name == "max_tokens":
                box.setSpecialValueText("auto")  # "auto (1024)" does not fit a pane
            box.valueChanged.connect(self.params_edited)
            label = QLabel(_SHORT[name])
            label.setBuddy(box)
            label.setToolTip(box.toolTip())
            row, column = divmod(place, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
            self.boxes[name] = box
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        top = QGridLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 0, 0)
        top.addWidget(self.endpoint, 0, 1)
        top.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.picker)
        layout.addWidget(self.prompt_editor)
        layout.addLayout(grid)

    def set_number(self, number: int) -> None:
        """Its place (1-based): in the title and in every control's accessible name."""
        self.title.setText(f"<b>{number}</b>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAccessibleName(f"Pane {number}")
        self.endpoint.setAccessibleName(f"Pane {number} endpoint")
        self.picker.combo.setAccessibleName(f"Pane {number} prompt from the library")
        self.picker.library_button.setAccessibleName(f"Pane {number} prompt library")
        self.prompt_editor.setAccessibleName(f"Pane {number} system prompt")
        for name, box in self.boxes.items():
            box.setAccessibleName(f"Pane {number} {name.replace('_', ' ')}")

    def _on_endpoint_activated(self, index: int) -> None:
        self.endpoint_chosen.emit(str(self.endpoint.itemData(index) or ""))
