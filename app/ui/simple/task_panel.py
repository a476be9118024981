"""Simple mode's side panel: "What do you want to do?", the chosen task's words, New chat."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.simple.task_choices import TaskChoice


class TaskPanel(QWidget):
    """A view: lists the choices, says which is in use; a click or Enter picks one."""

    task_chosen = Signal(int)  # the row picked
    new_chat_requested = Signal()

    def __init__(self, muted: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("simpleTaskPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.new_chat_button = QPushButton(QCoreApplication.translate("SimpleTasks", "&New chat"))
        self.new_chat_button.setObjectName("simpleNewChatButton")
        self.new_chat_button.setAccessibleName(
            QCoreApplication.translate("SimpleTasks", "New chat")
        )
        shortcut = QKeySequence(QKeySequence.StandardKey.New).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.new_chat_button.setToolTip(
            QCoreApplication.translate("SimpleTasks", "Start an empty chat ({shortcut})").format(
                shortcut=shortcut
            )
        )
        self.new_chat_button.clicked.connect(self.new_chat_requested)
        layout.addWidget(self.new_chat_button)
        self.title = QLabel(QCoreApplication.translate("SimpleTasks", "&What do you want to do?"))
        self.title.setObjectName("simpleTaskTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        layout.addWidget(self.title)
        self.task_list = QListWidget()
        self.task_list.setObjectName("simpleTaskList")
        self.task_list.setAccessibleName(
            QCoreApplication.translate("SimpleTasks", "What do you want to do?")
        )
        self.task_list.setAccessibleDescription(
            QCoreApplication.translate(
                "SimpleTasks", "Pick a task; the chat then works on it. Enter or a click picks one."
            )
        )
        self.task_list.setWordWrap(True)
        self.task_list.setSpacing(3)  # tasks are big targets, easy to click
        self.task_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.task_list.itemClicked.connect(self._on_task_list_item_picked)
        self.task_list.itemActivated.connect(self._on_task_list_item_picked)
        self.title.setBuddy(self.task_list)
        layout.addWidget(self.task_list)
        self.description = QLabel()
        self.description.setObjectName("simpleTaskDescription")
        self.description.setAccessibleName(
            QCoreApplication.translate("SimpleTasks", "About this task")
        )
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)  # the administrator's words
        self.description.setStyleSheet(f"color: {muted};")
        layout.addWidget(self.description)
        layout.addStretch(1)  # spare height below the list, not inside it

    def set_choices(self, choices: Sequence[TaskChoice]) -> None:
        self.task_list.clear()
        for choice in choices:
            item = QListWidgetItem(choice.name)
            if choice.description:
                item.setToolTip(choice.description)
            self.task_list.addItem(item)
        self._fit_list()

    def _fit_list(self) -> None:
        """As tall as its tasks (up to about twelve of them; more scroll)."""
        rows = self.task_list.count()
        row = self.task_list.sizeHintForRow(0) if rows else 0
        spacing = 2 * self.task_list.spacing()
        shown = min(rows, 12)
        frame = 2 * self.task_list.frameWidth()
        self.task_list.setFixedHeight(shown * (row + spacing) + frame + 4)

    def show_current(self, row: int, description: str) -> None:
        """Mark the task the chat shown is on (without picking it again)."""
        self.task_list.blockSignals(True)
        self.task_list.setCurrentRow(row)
        self.task_list.blockSignals(False)
        self.description.setText(description)
        self.description.setVisible(bool(description))

    def _on_task_list_item_picked(self, item: QListWidgetItem) -> None:
        self.task_chosen.emit(self.task_list.row(item))
