"""First run with a policy: "Paste the key your IT team gave you" — one field, OK.

Shown only when the policy's endpoint wants each person's own key (token.from "user") and none
is kept yet; the key goes to the OS keyring through `TokenStorage`, never into a file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.profiles import EndpointProfile
from app.core.secrets import SecretStoreError, token_problem
from app.storage.token_storage import TokenStorage
from app.ui.task_set import TaskSet


class KeyPage(QDialog):
    """One field and OK; the chat is ready once the key is kept."""

    key_saved = Signal()

    def __init__(
        self,
        profile: EndpointProfile,
        tokens: TokenStorage,
        contact_sentence: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._profile = profile
        self._tokens = tokens
        self._contact = contact_sentence
        self.tasks = TaskSet(self._on_task_error)
        self.setObjectName("simpleKeyPage")
        self.setWindowTitle(QCoreApplication.translate("SimpleKeyPage", "Your key"))
        heading = QLabel(
            QCoreApplication.translate("SimpleKeyPage", "&Paste the key your IT team gave you")
        )
        heading.setObjectName("simpleKeyHeading")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        explain = QLabel(
            QCoreApplication.translate(
                "SimpleKeyPage",
                "You do this once: LlamaDesk keeps the key safely on this computer.",
            )
        )
        explain.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("simpleKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)  # someone may be looking on
        self.key_edit.setAccessibleName(QCoreApplication.translate("SimpleKeyPage", "Your key"))
        self.key_edit.setAccessibleDescription(
            QCoreApplication.translate("SimpleKeyPage", "Paste the key your IT team gave you")
        )
        heading.setBuddy(self.key_edit)
        self.problem = QLabel()
        self.problem.setObjectName("simpleKeyProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(QCoreApplication.translate("SimpleKeyPage", "Problem"))
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(QCoreApplication.translate("SimpleKeyPage", "OK"))
        self.ok_button.setObjectName("simpleKeyOk")
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.key_edit.textChanged.connect(self._on_key_edit_text_changed)
        layout = QVBoxLayout(self)
        for widget in (heading, explain, self.key_edit, self.problem, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(420)
        self.key_edit.setFocus()

    def _on_key_edit_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))
        self.problem.hide()

    def _on_buttons_accepted(self) -> None:
        key = self.key_edit.text().strip()
        if not key or self.tasks.running("save"):
            return
        if token_problem(key) is not None:
            self._say(
                QCoreApplication.translate(
                    "SimpleKeyPage",
                    "This does not look like the key: paste it again, exactly as you got it.",
                )
            )
            return
        self.ok_button.setEnabled(False)
        self.tasks.start("save", self._save(key))

    async def _save(self, key: str) -> None:
        try:
            await self._tokens.save(self._profile, key)
        except SecretStoreError:
            self._say(
                QCoreApplication.translate(
                    "SimpleKeyPage",
                    "LlamaDesk could not keep the key safely on this computer, so it was not "
                    "kept. Ask your IT team to set up this computer's password store.",
                )
            )
            self.ok_button.setEnabled(True)
            return
        self.key_edit.clear()
        self.key_saved.emit()
        self.accept()

    def _say(self, text: str) -> None:
        self.problem.setText(f"{text} {self._contact}" if self._contact else text)
        self.problem.show()

    def _on_task_error(self, error: BaseException) -> None:
        self._say(QCoreApplication.translate("SimpleKeyPage", "That did not work. Try again."))
        self.ok_button.setEnabled(True)

    def reject(self) -> None:
        self.tasks.cancel_all()
        super().reject()
