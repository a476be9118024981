"""Help → Managed settings: which policy file applies, what it sets and locks, and whom to ask."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.core.policy import Policy
from app.ui.policy.locks import lock_mark


def managed_lines(policy: Policy) -> list[str]:
    """The policy in plain lines, one fact each; a lock mark on what the user cannot change."""
    lock = f"{lock_mark()} "
    lines = [
        QCoreApplication.translate("ManagedSettings", "Read from {path}.").format(
            path=policy.source
        )
    ]
    if policy.endpoints:
        names = ", ".join(e.name for e in policy.endpoints)
        lines.append(
            QCoreApplication.translate("ManagedSettings", "Endpoints: {names}.").format(names=names)
        )
    if not policy.allow_user_endpoints:
        lines.append(
            lock
            + QCoreApplication.translate("ManagedSettings", "Only these endpoints can be used.")
        )
    for name, managed in sorted(policy.params.items()):
        words = QCoreApplication.translate("ManagedSettings", "{name}: {value}").format(
            name=name.replace("_", " "), value=managed.value
        )
        if managed.locked:
            lines.append(lock + words)
        else:
            lines.append(
                words
                + " "
                + QCoreApplication.translate("ManagedSettings", "(a default you can change)")
            )
    if policy.prompts:
        names = ", ".join(p.name for p in policy.prompts)
        lines.append(
            QCoreApplication.translate("ManagedSettings", "Prompts: {names}.").format(names=names)
        )
    if policy.lock_prompts:
        lines.append(
            lock + QCoreApplication.translate("ManagedSettings", "Only these prompts can be used.")
        )
    if policy.simple_mode is not None:
        state = (
            QCoreApplication.translate("ManagedSettings", "on")
            if policy.simple_mode.value
            else QCoreApplication.translate("ManagedSettings", "off")
        )
        words = QCoreApplication.translate("ManagedSettings", "Simple mode: {state}.").format(
            state=state
        )
        lines.append(lock + words if policy.simple_mode.locked else words)
    if not policy.allow_export:
        lines.append(
            lock + QCoreApplication.translate("ManagedSettings", "Exporting chats is turned off.")
        )
    contact = policy.support_contact or QCoreApplication.translate(
        "ManagedSettings", "whoever looks after this computer"
    )
    lines.append(
        QCoreApplication.translate("ManagedSettings", "Questions: {contact}.").format(
            contact=contact
        )
    )
    return lines


class ManagedSettingsDialog(QDialog):
    """Small and plain: a list of facts and a Close button."""

    def __init__(self, policy: Policy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("managedSettingsDialog")
        self.setWindowTitle(QCoreApplication.translate("ManagedSettings", "Managed settings"))
        intro = QLabel(
            QCoreApplication.translate(
                "ManagedSettings",
                "Your organization manages these LlamaDesk settings on this computer:",
            )
        )
        intro.setWordWrap(True)
        self.facts = QLabel("\n".join(managed_lines(policy)))
        self.facts.setObjectName("managedSettingsFacts")
        self.facts.setAccessibleName(
            QCoreApplication.translate("ManagedSettings", "Managed settings")
        )
        self.facts.setTextFormat(Qt.TextFormat.PlainText)  # names come from the file: no markup
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.facts)
        layout.addWidget(buttons)


def add_managed_settings_action(window: QMainWindow, policy: Policy) -> QAction | None:
    """Help → Managed settings…, when a policy applies (None otherwise)."""
    if not policy.active:
        return None
    bar = window.menuBar()
    menu = next(
        (m for m in bar.findChildren(QMenu) if m.objectName() == "helpMenu"), None
    ) or bar.addMenu(QCoreApplication.translate("ManagedSettings", "&Help"))
    menu.setObjectName("helpMenu")
    action = QAction(QCoreApplication.translate("ManagedSettings", "&Managed settings…"), window)
    action.setObjectName("managedSettingsAction")
    dialogs: list[ManagedSettingsDialog] = []

    def show() -> None:
        if not dialogs:
            dialogs.append(ManagedSettingsDialog(policy, window))
        dialogs[0].open()  # window-modal, no nested event loop

    action.triggered.connect(show)
    menu.addAction(action)
    return action
