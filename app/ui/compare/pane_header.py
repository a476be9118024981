"""A compare pane's compact header: its endpoint, and its prompt and parameters behind a toggle.

Folded (the default), the settings are one summary line, so the replies get the height; the
toggle unfolds every pane's settings at once, so the replies below stay level with each other.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.params import SPEC_BY_NAME
from app.ui.chat.params_panel import spin_for
from app.ui.prompts.prompt_panel import PromptPicker, PromptSaveBar

#: The parameters a pane shows (the others keep the values the pane started with).
PANE_PARAMS: Final = ("temperature", "top_p", "max_tokens", "seed")
SHORT_NAMES: Final = {
    "temperature": QT_TRANSLATE_NOOP("PaneHeader", "Temp"),
    "top_p": QT_TRANSLATE_NOOP("PaneHeader", "Top p"),
    "max_tokens": QT_TRANSLATE_NOOP("PaneHeader", "Max"),
    "seed": QT_TRANSLATE_NOOP("PaneHeader", "Seed"),
}


class PaneHeader(QWidget):
    """Layout only; the pane's settings binding fills it and turns edits into settings."""

    params_edited = Signal()
    prompt_edited = Signal()
    endpoint_chosen = Signal(str)  # profile id
    settings_toggled = Signal(bool)  # the user asked to show (True) or hide every pane's settings

    def __init__(self, muted: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.endpoint = QComboBox()
        self.endpoint.setObjectName("paneEndpoint")
        self.endpoint.setToolTip(
            QCoreApplication.translate(
                "PaneHeader", "Which endpoint and model answers in this pane"
            )
        )
        self.endpoint.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.endpoint.setMinimumContentsLength(8)
        self.endpoint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.endpoint.activated.connect(self._on_endpoint_activated)
        self.settings_button = QToolButton()
        self.settings_button.setObjectName("paneSettingsToggle")
        self.settings_button.setCheckable(True)
        self.settings_button.setText(QCoreApplication.translate("PaneHeader", "Settings ▾"))
        self.settings_button.setToolTip(
            QCoreApplication.translate(
                "PaneHeader",
                "Show or hide the prompt and parameters of every pane (folded, one line says them)",
            )
        )
        self.settings_button.clicked.connect(self.settings_toggled)
        self.summary = ElidedLabel()
        self.summary.setObjectName("paneSummary")
        self.picker = PromptPicker()
        # The pane's prompt state lives in the bar the binding needs; the header is compact,
        # so the bar stays hidden (the picker and the text say which prompt is used).
        self.save_bar = PromptSaveBar(muted, self)
        self.save_bar.hide()
        self.prompt_editor = QPlainTextEdit()
        self.prompt_editor.setObjectName("panePrompt")
        self.prompt_editor.setPlaceholderText(
            QCoreApplication.translate("PaneHeader", "System prompt of this pane (empty: none)")
        )
        self.prompt_editor.setTabChangesFocus(True)
        self.prompt_editor.setToolTip(
            QCoreApplication.translate(
                "PaneHeader", "This pane's system prompt; edits apply to the next message"
            )
        )
        line = self.prompt_editor.fontMetrics().lineSpacing()
        self.prompt_editor.setFixedHeight(line * 2 + 12)
        self.prompt_editor.textChanged.connect(self.prompt_edited)
        self.boxes: dict[str, QDoubleSpinBox] = {}
        self.details = QWidget()  # what the toggle shows and hides
        self.details.setObjectName("paneSettings")
        self._build_layout()
        self.set_settings_shown(False)
        self.set_muted(muted)

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        for place, name in enumerate(PANE_PARAMS):
            box = spin_for(SPEC_BY_NAME[name])
            box.setMinimumWidth(60)
            if name == "max_tokens":
                box.setSpecialValueText(
                    QCoreApplication.translate("PaneHeader", "auto")
                )  # "auto (1024)" does not fit a pane
            box.valueChanged.connect(self.params_edited)
            label = QLabel(QCoreApplication.translate("PaneHeader", SHORT_NAMES[name]))
            label.setBuddy(box)
            label.setToolTip(box.toolTip())
            row, column = divmod(place, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
            self.boxes[name] = box
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(3)
        details.addWidget(self.picker)
        details.addWidget(self.prompt_editor)
        details.addLayout(grid)
        top = self.top_row = QHBoxLayout()  # the pane puts its close button at the end
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.title)
        top.addWidget(self.endpoint, 1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        second.setSpacing(4)
        second.addWidget(self.settings_button)
        second.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.details)

    @property
    def settings_shown(self) -> bool:
        return self.settings_button.isChecked()

    def set_settings_shown(self, shown: bool) -> None:
        """Unfolded: the prompt and parameters; folded: the summary line says them."""
        self.settings_button.setChecked(shown)
        self.settings_button.setText(
            QCoreApplication.translate("PaneHeader", "Settings ▴")
            if shown
            else QCoreApplication.translate("PaneHeader", "Settings ▾")
        )
        self.details.setVisible(shown)
        self.summary.setVisible(not shown)

    def set_summary(self, text: str) -> None:
        """The folded settings in words (the whole of it in the tooltip)."""
        self.summary.set_full_text(text)

    def set_muted(self, muted: str) -> None:
        self.summary.setStyleSheet(f"color: {muted};")

    def tab_chain(self) -> list[QWidget]:
        """Its controls in reading order (Tab skips the folded ones)."""
        picker = self.picker
        boxes = [self.boxes[name] for name in PANE_PARAMS]  # the grid's rows, left to right
        return [
            self.endpoint,
            self.settings_button,
            picker.combo,
            picker.library_button,
            self.prompt_editor,
            *boxes,
        ]

    def set_number(self, number: int) -> None:
        """Its place (1-based): in the title and in every control's accessible name."""
        self.title.setText(
            QCoreApplication.translate("PaneHeader", "<b>{number}</b>").format(number=number)
        )
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAccessibleName(
            QCoreApplication.translate("PaneHeader", "Pane {number}").format(number=number)
        )
        self.endpoint.setAccessibleName(
            QCoreApplication.translate("PaneHeader", "Pane {number} endpoint").format(number=number)
        )
        self.settings_button.setAccessibleName(
            QCoreApplication.translate("PaneHeader", "Pane {number} settings").format(number=number)
        )
        self.summary.setAccessibleName(
            QCoreApplication.translate("PaneHeader", "Pane {number} settings in short").format(
                number=number
            )
        )
        self.picker.combo.setAccessibleName(
            QCoreApplication.translate(
                "PaneHeader", "Pane {number} prompt from the library"
            ).format(number=number)
        )
        self.picker.library_button.setAccessibleName(
            QCoreApplication.translate("PaneHeader", "Pane {number} prompt library").format(
                number=number
            )
        )
        self.prompt_editor.setAccessibleName(
            QCoreApplication.translate("PaneHeader", "Pane {number} system prompt").format(
                number=number
            )
        )
        for name, box in self.boxes.items():
            box.setAccessibleName(
                QCoreApplication.translate("PaneHeader", "Pane {number} {replace}").format(
                    number=number, replace=name.replace("_", " ")
                )
            )

    def _on_endpoint_activated(self, index: int) -> None:
        self.endpoint_chosen.emit(str(self.endpoint.itemData(index) or ""))


class ElidedLabel(QLabel):
    """One line of plain text cut with "…" to the width it gets; the whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # prompt text: never markup
        # Its text never widens the pane: it takes the width left and cuts the text to it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(
            self.full_text, Qt.TextElideMode.ElideRight, max(0, self.width())
        )
        self.setText(elided)
