"""The sidebar's widgets: a search box over the saved conversations (or the search hits)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class HistoryPane(QWidget):
    """Layout only; `HistoryController` and its helpers decide what the controls do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPane")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("historySearch")
        self.search_edit.setPlaceholderText(
            QCoreApplication.translate("HistoryPane", "Search all chats… (Ctrl+F)")
        )
        self.search_edit.setAccessibleName(
            QCoreApplication.translate("HistoryPane", "Search all chats")
        )
        self.search_edit.setToolTip(
            QCoreApplication.translate(
                "HistoryPane",
                "Find words in every saved chat. Enter opens the selected match; Esc clears.",
            )
        )
        self.search_edit.setClearButtonEnabled(True)
        # Its clear button shows an icon only: a screen reader reads the action's text.
        clear = self.search_edit.findChild(QAction, "_q_qlineeditclearaction")
        if clear is not None:
            clear.setText(QCoreApplication.translate("SearchBox", "Clear the search"))
        for button in self.search_edit.findChildren(QToolButton):  # Qt's own clear button
            button.setAccessibleName(QCoreApplication.translate("HistoryPane", "Clear search"))
            button.setToolTip(
                QCoreApplication.translate(
                    "HistoryPane", "Clear the search and show the conversations (Esc)"
                )
            )

        self.conversation_list = QListView()
        self.conversation_list.setObjectName("conversationList")
        self.conversation_list.setAccessibleName(
            QCoreApplication.translate("HistoryPane", "Conversations")
        )
        self.conversation_list.setToolTip(
            QCoreApplication.translate(
                "HistoryPane",
                "Your saved conversations, pinned first, then newest. Click one to open it; "
                "F2 renames, Ctrl+P pins, Del deletes (right-click for the menu).",
            )
        )
        self.conversation_list.setUniformItemSizes(True)
        self.conversation_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Titles end in "…" at the pane's edge instead of a sideways scroll bar.
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversation_list.setMinimumWidth(120)

        self.search_results = QListView()
        self.search_results.setObjectName("searchResults")
        self.search_results.setAccessibleName(
            QCoreApplication.translate("HistoryPane", "Search results")
        )
        self.search_results.setToolTip(
            QCoreApplication.translate(
                "HistoryPane", "Matches, newest first. Enter or a click opens one."
            )
        )
        self.search_results.setWordWrap(True)
        self.search_results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.search_results.setAlternatingRowColors(True)
        self.search_results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.search_results.setMinimumWidth(120)
        self.search_results.hide()

        self.undo_delete_button = QPushButton(
            QCoreApplication.translate("HistoryPane", "Undo delete")
        )
        self.undo_delete_button.setObjectName("undoDeleteButton")
        self.undo_delete_button.setAccessibleName(
            QCoreApplication.translate("HistoryPane", "Undo delete")
        )
        self.undo_delete_button.setToolTip(
            QCoreApplication.translate(
                "HistoryPane", "Bring back the conversation deleted last (Ctrl+Z)"
            )
        )
        self.undo_delete_button.hide()

        self.focus_search_action = QAction(
            QCoreApplication.translate("HistoryPane", "Search all chats"), self
        )
        self.focus_search_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.focus_search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.focus_search_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        title = QLabel(QCoreApplication.translate("HistoryPane", "<b>Conversations</b>"))
        title.setBuddy(self.conversation_list)
        layout.addWidget(title)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.conversation_list, 1)
        layout.addWidget(self.search_results, 1)
        layout.addWidget(self.undo_delete_button)
