"""The form for one endpoint profile: fields per kind, token storage, and errors next to fields."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.profiles import (
    DEFAULT_WORKERS_AI_MODEL,
    EndpointKind,
    EndpointProfile,
    ProfileError,
    TokenSource,
)
from app.core.urls import normalize_base_url, url_problem
from app.ui.endpoints.widgets import FieldBox, TokenSourceChooser, describe
from app.ui.policy.locks import lock_mark
from app.ui.style import ChatStyle

ACCOUNT_HINT = QT_TRANSLATE_NOOP(
    "EndpointForm", "Cloudflare dashboard → Workers AI → Use REST API: copy the Account ID."
)
TOKEN_HINT = QT_TRANSLATE_NOOP(
    "EndpointForm", "Same page: “Create a Workers AI API Token”, then copy the token shown once."
)
_KIND_TITLES = {
    EndpointKind.WORKERS_AI: "Cloudflare Workers AI",  # a product name
    EndpointKind.LOCAL: QT_TRANSLATE_NOOP(
        "EndpointForm", "OpenAI-compatible server (vLLM, SGLang, llama.cpp, LM Studio, Ollama…)"
    ),
}


class EndpointForm(QWidget):
    """Layout plus conversion to and from a profile; the dialog decides what happens."""

    edited = Signal()
    load_models_requested = Signal()

    def __init__(self, style: ChatStyle) -> None:
        super().__init__()
        self.kind = EndpointKind.WORKERS_AI
        self.kind_label = describe(
            QLabel(),
            "endpointKind",
            QCoreApplication.translate("EndpointForm", "Endpoint type"),
            "",
        )
        self.name = describe(
            QLineEdit(),
            "endpointName",
            QCoreApplication.translate("EndpointForm", "Endpoint name"),
            QCoreApplication.translate("EndpointForm", "How this endpoint is listed"),
        )
        self.account_id = describe(
            QLineEdit(),
            "accountId",
            QCoreApplication.translate("EndpointForm", "Cloudflare account ID"),
            QCoreApplication.translate("EndpointForm", "Your 32-character account ID"),
        )
        self.gateway_id = describe(
            QLineEdit(),
            "gatewayId",
            QCoreApplication.translate("EndpointForm", "AI Gateway ID (optional)"),
            QCoreApplication.translate(
                "EndpointForm", "Send requests through this AI Gateway for logs, caching and limits"
            ),
        )
        self.gateway_id.setPlaceholderText(QCoreApplication.translate("EndpointForm", "optional"))
        self.base_url = describe(
            QLineEdit(),
            "baseUrl",
            QCoreApplication.translate("EndpointForm", "Server address"),
            QCoreApplication.translate(
                "EndpointForm", "For example http://127.0.0.1:8000 (with or without /v1)"
            ),
        )
        self.base_url.setPlaceholderText(
            QCoreApplication.translate("EndpointForm", "http://127.0.0.1:8000")
        )
        self.token = describe(
            QLineEdit(),
            "apiToken",
            QCoreApplication.translate("EndpointForm", "API token"),
            QCoreApplication.translate(
                "EndpointForm", "Never shown again once saved; type to replace"
            ),
        )
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.model = describe(
            QComboBox(),
            "modelChoice",
            QCoreApplication.translate("EndpointForm", "Model"),
            QCoreApplication.translate("EndpointForm", "Type a model name or load the list"),
        )
        self.model.setEditable(True)
        self.model.setMinimumContentsLength(28)
        self.load_models_button = describe(
            QPushButton(QCoreApplication.translate("EndpointForm", "&Load models")),
            "loadModelsButton",
            QCoreApplication.translate("EndpointForm", "Load models"),
            QCoreApplication.translate("EndpointForm", "Ask the server which models it offers"),
        )
        self.ca_bundle = describe(
            QLineEdit(),
            "caBundle",
            QCoreApplication.translate("EndpointForm", "CA bundle file"),
            QCoreApplication.translate(
                "EndpointForm",
                "Extra CA certificates (PEM) for a company network that inspects TLS",
            ),
        )
        self.ca_bundle.setPlaceholderText(
            QCoreApplication.translate(
                "EndpointForm", "optional: only on company networks that need one"
            )
        )
        self.browse_button = describe(
            QPushButton(QCoreApplication.translate("EndpointForm", "B&rowse…")),
            "browseCaBundle",
            QCoreApplication.translate("EndpointForm", "Choose CA bundle"),
            QCoreApplication.translate("EndpointForm", "Choose a PEM file"),
        )
        self.storage = TokenSourceChooser(style)
        self.boxes = {
            "name": FieldBox(self.name, style),
            "account_id": FieldBox(
                self.account_id, style, QCoreApplication.translate("EndpointForm", ACCOUNT_HINT)
            ),
            "gateway_id": FieldBox(self.gateway_id, style),
            "base_url": FieldBox(self.base_url, style),
            "token": FieldBox(self.token, style),
            "model": FieldBox(self.model, style, extra=self.load_models_button),
            "ca_bundle": FieldBox(self.ca_bundle, style, extra=self.browse_button),
        }
        self.general_error = FieldBox(QWidget(), style)
        self._build_layout()
        for edit in (self.name, self.account_id, self.gateway_id, self.base_url, self.ca_bundle):
            edit.textEdited.connect(self.edited)
        self.token.textEdited.connect(self.edited)
        self.model.editTextChanged.connect(self.edited)
        self.base_url.textChanged.connect(self._on_base_url_changed)
        self.storage.changed.connect(self._on_storage_changed)
        self.load_models_button.clicked.connect(self.load_models_requested)
        self.browse_button.clicked.connect(self._on_browse_clicked)

    def _build_layout(self) -> None:
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        rows = (
            ("name", QCoreApplication.translate("EndpointForm", "&Name")),
            ("account_id", QCoreApplication.translate("EndpointForm", "&Account ID")),
            ("gateway_id", QCoreApplication.translate("EndpointForm", "AI &Gateway ID")),
            ("base_url", QCoreApplication.translate("EndpointForm", "Server a&ddress")),
            ("token", QCoreApplication.translate("EndpointForm", "API &token")),
            ("model", QCoreApplication.translate("EndpointForm", "&Model")),
            ("ca_bundle", QCoreApplication.translate("EndpointForm", "CA &bundle")),
        )
        type_label = QLabel(QCoreApplication.translate("EndpointForm", "Type"))
        self.form.addRow(type_label, self.kind_label)
        for field, text in rows:
            label = QLabel(text)
            label.setBuddy(self.boxes[field].editor)
            self._labels[field] = label
            self.form.addRow(label, self.boxes[field])
        # One label width for both kinds, so fields do not jump when another profile is shown.
        width = max(label.sizeHint().width() for label in (type_label, *self._labels.values()))
        for label in (type_label, *self._labels.values()):
            label.setMinimumWidth(width)
        self.managed_note = describe(
            QLabel(),
            "managedEndpointNote",
            QCoreApplication.translate("EndpointForm", "Set by your organization"),
            "",
        )
        self.managed_note.setWordWrap(True)
        self.managed_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.managed_note)
        layout.addLayout(self.form)
        layout.addWidget(self.storage)
        layout.addWidget(self.general_error)
        layout.addStretch(1)

    # -- profile in and out -------------------------------------------------------------------

    def load(self, profile: EndpointProfile, typed_token: str = "") -> None:
        """Show `profile`; the token field only ever holds what was typed in this dialog."""
        self.kind = EndpointKind(profile.kind)
        workers = self.kind is EndpointKind.WORKERS_AI
        self.kind_label.setText(QCoreApplication.translate("EndpointForm", _KIND_TITLES[self.kind]))
        self.name.setText(profile.name)
        self.account_id.setText(profile.account_id)
        self.gateway_id.setText(profile.gateway_id)
        self.base_url.setText("" if workers else profile.base_url)
        self.token.setText(typed_token)
        self.ca_bundle.setText(profile.ca_bundle)
        self.model.clear()
        self.model.setEditText(profile.model)
        if (model_edit := self.model.lineEdit()) is not None:  # editable, so always there
            model_edit.setPlaceholderText(
                DEFAULT_WORKERS_AI_MODEL
                if workers
                else QCoreApplication.translate("EndpointForm", "the first model the server lists")
            )
        for field in ("account_id", "gateway_id"):
            self.form.setRowVisible(self.boxes[field], workers)
        self.form.setRowVisible(self.boxes["base_url"], not workers)
        self._labels["token"].setText(
            QCoreApplication.translate("EndpointForm", "API &token")
            if workers
            else QCoreApplication.translate("EndpointForm", "API &key")
        )
        self.token.setAccessibleName(
            QCoreApplication.translate("EndpointForm", "API token")
            if workers
            else QCoreApplication.translate("EndpointForm", "API key")
        )
        self.boxes["token"].set_hint(
            QCoreApplication.translate("EndpointForm", TOKEN_HINT) if workers else ""
        )
        self.storage.set_for_local(not workers, profile.token_env_name())
        self.storage.set_source(profile.token_source, profile.token_env)
        self.clear_errors()

    def set_managed(self, note: str, *, key_typed: bool = False) -> None:
        """After load(): an endpoint the administrator's policy sets ("" = the user's own) is
        shown by its name only, read-only, with `note`; only its key can be typed, and only
        when each person brings their own (`key_typed`)."""
        managed = bool(note)
        self.managed_note.setText(f"{lock_mark()} {note}" if managed else "")
        self.managed_note.setVisible(managed)
        self.name.setReadOnly(managed)
        for field in ("account_id", "gateway_id", "base_url", "model", "ca_bundle"):
            if managed:
                self.form.setRowVisible(self.boxes[field], False)
        if not managed:
            self.form.setRowVisible(self.boxes["model"], True)
            self.form.setRowVisible(self.boxes["ca_bundle"], True)
        self.storage.setVisible(not managed)
        if managed:
            self.token.setEnabled(key_typed)
            self.form.setRowVisible(self.boxes["token"], key_typed)
        else:
            self.form.setRowVisible(self.boxes["token"], True)
            self.token.setEnabled(
                self.storage.source() in (TokenSource.KEYRING, TokenSource.SESSION)
            )

    def draft(self, base: EndpointProfile) -> EndpointProfile:
        """`base` with the form's values; not validated (Save and Test do that)."""
        workers = self.kind is EndpointKind.WORKERS_AI
        return replace(
            base,
            name=self.name.text(),
            account_id=self.account_id.text() if workers else base.account_id,
            gateway_id=self.gateway_id.text() if workers else base.gateway_id,
            base_url=base.base_url if workers else self.base_url.text(),
            model=self.model.currentText(),
            token_source=self.storage.source(),
            token_env=self.storage.env_name.text(),
            ca_bundle=self.ca_bundle.text(),
        )

    def typed_token(self) -> str:
        return self.token.text().strip()

    def set_token_placeholder(self, text: str) -> None:
        if not text:
            workers = self.kind is EndpointKind.WORKERS_AI
            text = (
                QCoreApplication.translate("EndpointForm", "Paste your API token")
                if workers
                else QCoreApplication.translate(
                    "EndpointForm", "Optional: only if the server needs one"
                )
            )
        self.token.setPlaceholderText(text)

    def set_models(self, models: list[str]) -> None:
        current = self.model.currentText()
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(models)
        self.model.setEditText(current)  # empty stays empty: "whatever the server lists first"
        self.model.blockSignals(False)

    # -- errors -------------------------------------------------------------------------------

    def show_error(self, error: ProfileError) -> QWidget:
        """Show the message next to its field; returns the widget to focus."""
        self.clear_errors()
        if error.field == "token_env":
            self.storage.set_env_error(error.message)
            return self.storage.env_name
        box = self.boxes.get(error.field, self.general_error)
        box.set_error(error.message)
        return box.editor

    def clear_errors(self) -> None:
        for box in (*self.boxes.values(), self.general_error):
            box.set_error(None)
        self.storage.set_env_error(None)

    # -- reactions ------------------------------------------------------------------------------

    def _on_base_url_changed(self, text: str) -> None:
        if not text.strip():
            self.boxes["base_url"].set_hint("")
            return
        normalised = normalize_base_url(text)
        problem = url_problem(normalised)
        hint = (
            QCoreApplication.translate("EndpointForm", "Not usable yet: {problem}.").format(
                problem=problem
            )
            if problem
            else QCoreApplication.translate("EndpointForm", "Requests go to {normalised}").format(
                normalised=normalised
            )
        )
        self.boxes["base_url"].set_hint(hint)

    def _on_storage_changed(self) -> None:
        # An environment variable or no key: there is nothing to type here.
        self.token.setEnabled(self.storage.source() in (TokenSource.KEYRING, TokenSource.SESSION))
        self.edited.emit()

    def _on_browse_clicked(self) -> None:
        dialog = QFileDialog(
            self, QCoreApplication.translate("EndpointForm", "Choose a CA bundle (PEM)")
        )
        dialog.setObjectName("caBundleFileDialog")
        dialog.setNameFilters(
            [
                QCoreApplication.translate("EndpointForm", "Certificates (*.pem *.crt *.cer)"),
                QCoreApplication.translate("EndpointForm", "All files (*)"),
            ]
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self._on_ca_bundle_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): a nested event loop would stall the asyncio tasks

    def _on_ca_bundle_chosen(self, path: str) -> None:
        self.ca_bundle.setText(path)
        self.edited.emit()
