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


def _t(text: str) -> str:
    return QCoreApplication.translate("ManagedSettings", text)


def managed_lines(policy: Policy) -> list[str]:
    """The policy in plain lines, one fact each; a lock mark on what the user cannot change."""
    lock = f"{lock_mark()} "
    lines = [_t("Read from {path}.").format(path=policy.source)]
    if policy.endpoints:
        names = ", ".join(e.name for e in policy.endpoints)
        lines.append(_t("Endpoints: {names}.").format(names=names))
    if not policy.allow_user_endpoints:
        lines.append(lock + _t("Only these endpoints can be used."))
    for name, managed in sorted(policy.params.items()):
        words = _t("{name}: {value}").format(name=name.replace("_", " "), value=managed.value)
        if managed.locked:
            lines.append(lock + words)
        else:
            lines.append(words + " " + _t("(a default you can change)"))
    if policy.prompts:
        names = ", ".join(p.name for p in policy.prompts)
        lines.append(_t("Prompts: {names}.").format(names=names))
    if policy.lock_prompts:
        lines.append(lock + _t("Only these prompts can be used."))
    if policy.simple_mode is not None:
        state = _t("on") if policy.simple_mode.value else _t("off")
        words = _t("Simple mode: {state}.").format(state=state)
        lines.append(lock + words if policy.simple_mode.locked else words)
    if not policy.allow_export:
        lines.append(lock + _t("Exporting chats is turned off."))
    contact = policy.support_contact or _t("whoever looks after this computer")
    lines.append(_t("Questions: {contact}.").format(contact=contact))
    return lines


class ManagedSettingsDialog(QDialog):
    """Small and plain: a list of facts and a Close button."""

    def __init__(self, policy: Policy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("managedSettingsDialog")
        self.setWindowTitle(_t("Managed settings"))
        intro = QLabel(_t("Your organization manages these LlamaDesk settings on this computer:"))
        intro.setWordWrap(True)
        self.facts = QLabel("\n".join(managed_lines(policy)))
        self.facts.setObjectName("managedSettingsFacts")
        self.facts.setAccessibleName(_t("Managed settings"))
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
    ) or bar.addMenu(_t("&Help"))
    menu.setObjectName("helpMenu")
    action = QAction(_t("&Managed settings…"), window)
    action.setObjectName("managedSettingsAction")
    dialogs: list[ManagedSettingsDialog] = []

    def show() -> None:
        if not dialogs:
            dialogs.append(ManagedSettingsDialog(policy, window))
        dialogs[0].open()  # window-modal, no nested event loop

    action.triggered.connect(show)
    menu.addAction(action)
    return action
