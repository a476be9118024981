"""The main window's toolbar: the endpoint picker and status, New chat, Compare and Presets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)


class WindowToolbar(QToolBar):
    """Made by the main window, which connects its buttons (the words keep its context)."""

    def __init__(
        self, profile_selector: QComboBox, endpoint_status: QLabel, presets_menu: QMenu
    ) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "Endpoint"))
        self.setObjectName("endpointToolbar")
        self.setMovable(False)
        self.addWidget(QLabel(QCoreApplication.translate("MainWindow", " Endpoint ")))
        self.addWidget(profile_selector)
        self.endpoints_button = QPushButton(QCoreApplication.translate("MainWindow", "Endpoints…"))
        self.endpoints_button.setObjectName("endpointsButton")
        self.endpoints_button.setToolTip(
            QCoreApplication.translate("MainWindow", "Add, edit and test endpoints (Ctrl+,)")
        )
        self.addWidget(self.endpoints_button)
        self.addWidget(endpoint_status)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.new_chat_button = QPushButton(QCoreApplication.translate("MainWindow", "New chat"))
        self.new_chat_button.setObjectName("newChatButton")
        self.new_chat_button.setToolTip(
            QCoreApplication.translate("MainWindow", "Start an empty conversation (Ctrl+N)")
        )
        self.addWidget(self.new_chat_button)
        self.compare_button = QPushButton(QCoreApplication.translate("MainWindow", "Compare"))
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Compare side by side: 2–4 panes (Ctrl+Shift+K)"
            )
        )
        # Wide enough for "Back to chat" (compare mode's label) from the start: the toolbar must
        # not run out of room when the label changes, in a language with longer words either.
        self.compare_button.setText(QCoreApplication.translate("CompareController", "Back to chat"))
        back_width = self.compare_button.sizeHint().width()
        self.compare_button.setText(QCoreApplication.translate("MainWindow", "Compare"))
        self.compare_button.setMinimumWidth(max(back_width, self.compare_button.sizeHint().width()))
        self.addWidget(self.compare_button)
        self.presets_button = QToolButton()
        self.presets_button.setObjectName("presetsButton")
        self.presets_button.setText(QCoreApplication.translate("MainWindow", "Presets"))
        self.presets_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Start a chat from a preset, or save this chat's settings"
            )
        )
        self.presets_button.setAccessibleName(QCoreApplication.translate("MainWindow", "Presets"))
        self.presets_button.setMenu(presets_menu)
        self.presets_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addWidget(self.presets_button)
