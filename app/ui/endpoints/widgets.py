"""Small widgets the endpoint dialogs share: a field with hint and error, a verdict, token storage."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.profiles import TokenSource
from app.storage.token_storage import NO_KEYRING_EXPLANATION
from app.ui.style import ChatStyle

_W = TypeVar("_W", bound=QWidget)
_OK_COLOUR = {False: "#1a7f37", True: "#3fb950"}  # green that reads on light / dark windows


def describe(widget: _W, object_name: str, accessible: str, tooltip: str) -> _W:
    """Every control gets a stable objectName, a screen-reader name and a tooltip."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    widget.setToolTip(tooltip)
    return widget


def _wrapped(text: str = "", colour: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # server messages are text, never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


class FieldBox(QWidget):
    """An editor with a muted hint under it and a red error line shown only when needed."""

    def __init__(
        self, editor: QWidget, style: ChatStyle, hint: str = "", *, extra: QWidget | None = None
    ) -> None:
        super().__init__()
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(editor, 1)
        if extra is not None:
            row.addWidget(extra)
        layout.addLayout(row)
        self.hint = _wrapped(hint, style.muted)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.error = _wrapped("", style.error)
        self.error.hide()
        layout.addWidget(self.error)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setAccessibleDescription(message or "")


class VerdictView(QWidget):
    """ "Testing…" with a busy bar, then the verdict in plain words, green or red."""

    def __init__(self, style: ChatStyle, object_name: str = "verdict") -> None:
        super().__init__()
        self._style = style
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # indeterminate: we cannot know how long a server takes
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        describe(
            self.progress,
            f"{object_name}Busy",
            QCoreApplication.translate("VerdictView", "Working"),
            QCoreApplication.translate("VerdictView", "Waiting for the server"),
        )
        self.progress.hide()
        self.label = describe(
            _wrapped(),
            object_name,
            QCoreApplication.translate("VerdictView", "Connection result"),
            "",
        )
        self.label.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable to read it aloud
        layout.addWidget(self.progress)
        layout.addWidget(self.label)
        self.ok: bool | None = None

    def set_busy(self, text: str) -> None:
        self.ok = None
        self.progress.show()
        self._show(text, self._style.muted)

    def set_verdict(self, ok: bool, message: str) -> None:
        self.ok = ok
        self.progress.hide()
        colour = _OK_COLOUR[self._style.dark] if ok else self._style.error
        self._show(("✓ " if ok else "✗ ") + message, colour)

    def clear(self) -> None:
        self.ok = None
        self.progress.hide()
        self._show("", self._style.muted)

    def _show(self, text: str, colour: str) -> None:
        self.label.setText(text)
        self.label.setStyleSheet(f"color: {colour};")
        self.label.setAccessibleDescription(text)


class TokenSourceChooser(QGroupBox):
    """Where the token is kept: OS keyring (named), an environment variable, or this session."""

    changed = Signal()

    def __init__(self, style: ChatStyle) -> None:
        super().__init__(QCoreApplication.translate("TokenSourceChooser", "Keep the token"))
        self.setObjectName("tokenStorage")
        self.keyring = describe(
            QRadioButton(QCoreApplication.translate("TokenSourceChooser", "In the OS keyring")),
            "tokenInKeyring",
            QCoreApplication.translate("TokenSourceChooser", "Keep the token in the OS keyring"),
            QCoreApplication.translate(
                "TokenSourceChooser",
                "Saved encrypted by your operating system; never written to the settings file",
            ),
        )
        self.environment = describe(
            QRadioButton(
                QCoreApplication.translate(
                    "TokenSourceChooser", "Read it from the environment variable"
                )
            ),
            "tokenFromEnvironment",
            QCoreApplication.translate(
                "TokenSourceChooser", "Read the token from an environment variable"
            ),
            QCoreApplication.translate(
                "TokenSourceChooser",
                "LlamaDesk reads the variable each time it starts; nothing is saved",
            ),
        )
        self.env_name = describe(
            QLineEdit(),
            "tokenEnvName",
            QCoreApplication.translate("TokenSourceChooser", "Environment variable name"),
            QCoreApplication.translate(
                "TokenSourceChooser", "The variable that holds the token, e.g. CLOUDFLARE_API_TOKEN"
            ),
        )
        self.session = describe(
            QRadioButton(QCoreApplication.translate("TokenSourceChooser", "For this session only")),
            "tokenForSession",
            QCoreApplication.translate(
                "TokenSourceChooser", "Keep the token for this session only"
            ),
            QCoreApplication.translate(
                "TokenSourceChooser",
                "Kept in memory until LlamaDesk quits; you enter it again next time",
            ),
        )
        self.none = describe(
            QRadioButton(
                QCoreApplication.translate("TokenSourceChooser", "No key: the server needs none")
            ),
            "tokenNone",
            QCoreApplication.translate("TokenSourceChooser", "No API key"),
            QCoreApplication.translate(
                "TokenSourceChooser", "Send no Authorization header (most local servers)"
            ),
        )
        self.explanation = describe(
            _wrapped(NO_KEYRING_EXPLANATION, style.warning),
            "noKeyringExplanation",
            QCoreApplication.translate("TokenSourceChooser", "Why the keyring cannot be used"),
            "",
        )
        self.explanation.hide()
        self.env_error = _wrapped("", style.error)
        self.env_error.hide()
        self._group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.keyring)
        layout.addWidget(self.explanation)
        env_row = QHBoxLayout()
        env_row.addWidget(self.environment)
        env_row.addWidget(self.env_name, 1)
        layout.addLayout(env_row)
        layout.addWidget(self.env_error)
        layout.addWidget(self.session)
        layout.addWidget(self.none)
        for button in (self.keyring, self.environment, self.session, self.none):
            self._group.addButton(button)
            button.toggled.connect(self._on_toggled)
        self._keyring_usable = True
        self.keyring.setChecked(True)

    def set_keyring_status(self, available: bool, description: str) -> None:
        self._keyring_usable = available
        where = (
            description
            if available
            else QCoreApplication.translate("TokenSourceChooser", "none found on this system")
        )
        self.keyring.setText(
            QCoreApplication.translate("TokenSourceChooser", "In the OS keyring ({where})").format(
                where=where
            )
        )
        self.keyring.setEnabled(available)
        self.explanation.setVisible(not available)
        if not available and self.keyring.isChecked():
            self.session.setChecked(True)

    def set_for_local(self, local: bool, default_env: str) -> None:
        self.none.setVisible(local)
        self.env_name.setPlaceholderText(default_env)
        if not local and self.none.isChecked():
            self.set_source(TokenSource.KEYRING, "")

    def set_source(self, source: TokenSource, env_name: str) -> None:
        if source is TokenSource.KEYRING and not self._keyring_usable:
            source = TokenSource.SESSION
        button = {
            TokenSource.KEYRING: self.keyring,
            TokenSource.ENVIRONMENT: self.environment,
            TokenSource.SESSION: self.session,
            TokenSource.NONE: self.none,
            TokenSource.FILE: self.none,  # a policy's key file: nothing to type or keep here
        }[source]
        button.setChecked(True)
        self.env_name.setText(env_name)
        self._on_toggled()

    def source(self) -> TokenSource:
        if self.environment.isChecked():
            return TokenSource.ENVIRONMENT
        if self.session.isChecked():
            return TokenSource.SESSION
        if self.none.isChecked():
            return TokenSource.NONE
        return TokenSource.KEYRING

    def set_env_error(self, message: str | None) -> None:
        self.env_error.setText(message or "")
        self.env_error.setVisible(bool(message))

    def _on_toggled(self) -> None:
        self.env_name.setEnabled(self.environment.isChecked())
        self.changed.emit()
