"""The welcome's pages, layout only: which service, its one or two values, then the test."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.urls import normalize_base_url, url_problem
from app.net.connection_check import LocalServer
from app.ui.endpoints.endpoint_form import ACCOUNT_HINT, TOKEN_HINT
from app.ui.endpoints.widgets import FieldBox, TokenSourceChooser, VerdictView, describe
from app.ui.style import ChatStyle


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _text(text: str, colour: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


class ChoosePage(QWidget):
    """Page 1: which service answers; a server found on this computer is offered first."""

    def __init__(self, style: ChatStyle) -> None:
        super().__init__()
        self.found_button = describe(
            QCommandLinkButton(
                QCoreApplication.translate("ChoosePage", "Use the server found on this computer")
            ),
            "useFoundServerButton",
            QCoreApplication.translate("ChoosePage", "Use the server found on this computer"),
            QCoreApplication.translate(
                "ChoosePage",
                "Connect to the OpenAI-compatible server that answered on this computer",
            ),
        )
        self.found_button.hide()
        # The quickest way in, so it stands out from the two general choices.
        self.found_button.setStyleSheet(
            f"QCommandLinkButton {{ border: 1px solid {style.accent}; border-radius: 6px; }}"
        )
        self.workers_button = describe(
            QCommandLinkButton(
                QCoreApplication.translate("ChoosePage", "Cloudflare Workers AI"),
                QCoreApplication.translate(
                    "ChoosePage",
                    "Llama 3.1 8B on Cloudflare's network. You need a Cloudflare account; the free "
                    "plan is enough to start.",
                ),
            ),
            "chooseWorkersAiButton",
            QCoreApplication.translate("ChoosePage", "Cloudflare Workers AI"),
            QCoreApplication.translate(
                "ChoosePage",
                "Chat through Cloudflare Workers AI with your account ID and an API token",
            ),
        )
        self.local_button = describe(
            QCommandLinkButton(
                QCoreApplication.translate("ChoosePage", "A server on this computer or network"),
                QCoreApplication.translate(
                    "ChoosePage",
                    "vLLM, SGLang, TensorRT-LLM, llama.cpp, LM Studio or Ollama serving an "
                    "OpenAI-compatible API.",
                ),
            ),
            "chooseLocalButton",
            QCoreApplication.translate("ChoosePage", "A server on this computer or network"),
            QCoreApplication.translate(
                "ChoosePage", "Chat with an OpenAI-compatible server you run yourself"
            ),
        )
        self.probe_status = describe(
            _text(
                QCoreApplication.translate("ChoosePage", "Looking for a server on this computer…"),
                style.muted,
            ),
            "probeStatus",
            QCoreApplication.translate("ChoosePage", "Local server search"),
            "",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(_title(QCoreApplication.translate("ChoosePage", "Welcome to LlamaDesk")))
        layout.addWidget(
            _text(
                QCoreApplication.translate(
                    "ChoosePage", "Which service should answer your messages?"
                )
            )
        )
        layout.addSpacing(8)
        layout.addWidget(self.found_button)
        layout.addWidget(self.workers_button)
        layout.addWidget(self.local_button)
        layout.addStretch(1)
        layout.addWidget(self.probe_status)

    def show_found(self, servers: list[LocalServer]) -> None:
        if not servers:
            self.probe_status.setText(
                QCoreApplication.translate(
                    "ChoosePage", "No server answered on the usual local ports."
                )
            )
            return
        server = servers[0]
        self.probe_status.hide()
        self.found_button.setText(
            QCoreApplication.translate("ChoosePage", "Use the server found at {address}").format(
                address=server.address
            )
        )
        if server.model:
            detail = QCoreApplication.translate(
                "ChoosePage", "Serving {model}. Nothing else to enter."
            ).format(model=server.model)
        else:
            detail = QCoreApplication.translate(
                "ChoosePage", "It asks for an API key: you enter it on the next page."
            )
        self.found_button.setDescription(detail)
        self.found_button.setAccessibleName(
            QCoreApplication.translate("ChoosePage", "Use the server found at {address}").format(
                address=server.address
            )
        )
        self.found_button.setAccessibleDescription(detail)
        self.found_button.show()


class WorkersPage(QWidget):
    """Page 2 for Workers AI: account ID and API token, each with where to find it."""

    def __init__(self, style: ChatStyle) -> None:
        super().__init__()
        self.account_id = describe(
            QLineEdit(),
            "welcomeAccountId",
            QCoreApplication.translate("WorkersPage", "Cloudflare account ID"),
            QCoreApplication.translate("WorkersPage", "Your 32-character ID"),
        )
        self.token = describe(
            QLineEdit(),
            "welcomeApiToken",
            QCoreApplication.translate("WorkersPage", "API token"),
            QCoreApplication.translate("WorkersPage", "Shown by Cloudflare once; paste it here"),
        )
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.account_box = FieldBox(
            self.account_id, style, QCoreApplication.translate("EndpointForm", ACCOUNT_HINT)
        )
        self.token_box = FieldBox(
            self.token, style, QCoreApplication.translate("EndpointForm", TOKEN_HINT)
        )
        self.storage_note = describe(
            _text(
                QCoreApplication.translate("WorkersPage", "Checking the OS keyring…"), style.muted
            ),
            "tokenStorageNote",
            QCoreApplication.translate("WorkersPage", "Token storage"),
            "",
        )
        self.storage = TokenSourceChooser(style)
        self.storage.set_for_local(False, "CLOUDFLARE_API_TOKEN")
        self.storage.hide()
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, box in (
            (QCoreApplication.translate("WorkersPage", "&Account ID"), self.account_box),
            (QCoreApplication.translate("WorkersPage", "API &token"), self.token_box),
        ):
            label = QLabel(text)
            label.setBuddy(box.editor)
            form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.addWidget(_title(QCoreApplication.translate("WorkersPage", "Cloudflare Workers AI")))
        layout.addWidget(
            _text(
                QCoreApplication.translate(
                    "WorkersPage",
                    "Two values from your Cloudflare dashboard, then LlamaDesk is ready.",
                )
            )
        )
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.storage_note)
        layout.addWidget(self.storage)
        layout.addStretch(1)


class LocalPage(QWidget):
    """Page 2 for a local server: its address (with or without /v1) and an optional key."""

    def __init__(self, style: ChatStyle) -> None:
        super().__init__()
        self.base_url = describe(
            QLineEdit("http://127.0.0.1:8000"),
            "welcomeBaseUrl",
            QCoreApplication.translate("LocalPage", "Server address"),
            QCoreApplication.translate(
                "LocalPage", "For example http://127.0.0.1:8000 (with or without /v1)"
            ),
        )
        self.api_key = describe(
            QLineEdit(),
            "welcomeApiKey",
            QCoreApplication.translate("LocalPage", "API key (optional)"),
            QCoreApplication.translate("LocalPage", "Only if the server needs one"),
        )
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(QCoreApplication.translate("LocalPage", "Optional"))
        self.url_box = FieldBox(self.base_url, style)
        self.key_box = FieldBox(
            self.api_key,
            style,
            QCoreApplication.translate(
                "LocalPage", "Only if the server was started with an API key (--api-key)."
            ),
        )
        self.storage = TokenSourceChooser(style)
        self.storage.set_for_local(False, "OPENAI_API_KEY")
        self.storage.hide()
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, box in (
            (QCoreApplication.translate("LocalPage", "Server a&ddress"), self.url_box),
            (QCoreApplication.translate("LocalPage", "API &key"), self.key_box),
        ):
            label = QLabel(text)
            label.setBuddy(box.editor)
            form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _title(QCoreApplication.translate("LocalPage", "A server on this computer or network"))
        )
        layout.addWidget(
            _text(
                QCoreApplication.translate(
                    "LocalPage",
                    "The address the server prints when it starts, such as http://127.0.0.1:8000 "
                    "(vLLM) or http://127.0.0.1:11434 (Ollama).",
                )
            )
        )
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.storage)
        layout.addStretch(1)
        self.base_url.textChanged.connect(self._on_base_url_changed)
        self._on_base_url_changed(self.base_url.text())

    def _on_base_url_changed(self, text: str) -> None:
        if not text.strip():
            self.url_box.set_hint("")
            return
        normalised = normalize_base_url(text)
        problem = url_problem(normalised)
        self.url_box.set_hint(
            QCoreApplication.translate("LocalPage", "Not usable yet: {problem}.").format(
                problem=problem
            )
            if problem
            else QCoreApplication.translate("LocalPage", "Requests go to {normalised}").format(
                normalised=normalised
            )
        )


class CheckPage(QWidget):
    """Page 3: what is being tested, then the verdict in plain words."""

    def __init__(self, style: ChatStyle) -> None:
        super().__init__()
        self.title = _title(QCoreApplication.translate("CheckPage", "Testing the connection"))
        self.subject = describe(
            _text("", style.muted),
            "welcomeSubject",
            QCoreApplication.translate("CheckPage", "Endpoint tested"),
            "",
        )
        self.verdict = VerdictView(style, "welcomeVerdict")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subject)
        layout.addSpacing(12)
        layout.addWidget(self.verdict)
        layout.addStretch(1)
