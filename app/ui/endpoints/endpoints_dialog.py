"""The Endpoints dialog: add, edit, test and remove endpoint profiles; tokens go to the chosen store."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Failure
from app.core.i18n import translate
from app.core.policy import NO_POLICY, POLICY_PROFILE_PREFIX, Policy
from app.core.profiles import (
    DEFAULT_LOCAL_BASE_URL,
    DEFAULT_WORKERS_AI_ROOT,
    EndpointKind,
    EndpointProfile,
    ProfileError,
    TokenSource,
    new_profile_id,
)
from app.core.secrets import SecretStoreError
from app.net import connection_check
from app.net.limits import NetworkSettings
from app.storage.token_storage import TokenStorage
from app.ui.endpoints.endpoint_form import EndpointForm
from app.ui.endpoints.widgets import VerdictView, describe
from app.ui.policy.locks import locked_label
from app.ui.style import ChatStyle, style_for
from app.ui.task_set import TaskSet
from app.ui.window.screen_fit import fit_to_screen


class EndpointsDialog(QDialog):
    """Edits a working copy; Save validates every profile, stores typed tokens, then emits."""

    profiles_changed = Signal(list, str)  # list[EndpointProfile], the active profile's id

    def __init__(
        self,
        profiles: list[EndpointProfile],
        active_id: str,
        tokens: TokenStorage,
        *,
        style: ChatStyle | None = None,
        network: NetworkSettings = connection_check.CHECK_NETWORK,
        parent: QWidget | None = None,
        policy: Policy = NO_POLICY,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("EndpointsDialog", "Endpoints"))
        self.setObjectName("endpointsDialog")
        fit_to_screen(self, 900, 600)  # a 800x600 screen gets a window it can show whole
        self.tokens = tokens
        self._network = network
        self._policy = policy  # its endpoints are listed, read-only; it may forbid adding any
        self._style = style or style_for(self.palette())
        self._drafts = list(profiles)
        self._typed: dict[str, str] = {}  # tokens typed in this dialog, by profile id
        self._row = -1
        self.tasks = TaskSet(self._on_task_error)
        self._build()
        for profile in self._drafts:
            self.profile_list.addItem(self._list_name(profile))
        index = next((i for i, p in enumerate(self._drafts) if p.id == active_id), 0)
        self._select(index if self._drafts else -1)
        self.tasks.start("keyring", self._load_keyring_status())

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def drafts(self) -> list[EndpointProfile]:
        self._commit()
        return list(self._drafts)

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.profile_list = describe(
            QListWidget(),
            "profileList",
            QCoreApplication.translate("EndpointsDialog", "Endpoints"),
            QCoreApplication.translate("EndpointsDialog", "Your endpoints; select one to edit it"),
        )
        self.add_workers_button = describe(
            QPushButton(QCoreApplication.translate("EndpointsDialog", "Add &Workers AI")),
            "addWorkersAiButton",
            QCoreApplication.translate("EndpointsDialog", "Add a Cloudflare Workers AI endpoint"),
            QCoreApplication.translate(
                "EndpointsDialog", "Add an endpoint for Cloudflare Workers AI"
            ),
        )
        self.add_local_button = describe(
            QPushButton(QCoreApplication.translate("EndpointsDialog", "Add l&ocal server")),
            "addLocalButton",
            QCoreApplication.translate("EndpointsDialog", "Add a local server endpoint"),
            QCoreApplication.translate(
                "EndpointsDialog",
                "Add an OpenAI-compatible server (vLLM, SGLang, llama.cpp, LM Studio, Ollama…)",
            ),
        )
        self.remove_button = describe(
            QPushButton(QCoreApplication.translate("EndpointsDialog", "Remo&ve")),
            "removeButton",
            QCoreApplication.translate("EndpointsDialog", "Remove endpoint"),
            QCoreApplication.translate("EndpointsDialog", "Remove the selected one"),
        )
        self.form = EndpointForm(self._style)
        self.test_button = describe(
            QPushButton(QCoreApplication.translate("EndpointsDialog", "T&est connection")),
            "testConnectionButton",
            QCoreApplication.translate("EndpointsDialog", "Test connection"),
            QCoreApplication.translate(
                "EndpointsDialog", "Send a one-token request and say whether it worked"
            ),
        )
        self.verdict = VerdictView(self._style)
        self.status = describe(
            QLabel(), "saveStatus", QCoreApplication.translate("EndpointsDialog", "Save status"), ""
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        describe(
            self.save_button,
            "saveButton",
            QCoreApplication.translate("EndpointsDialog", "Save"),
            QCoreApplication.translate(
                "EndpointsDialog", "Save all endpoints and use the selected one"
            ),
        )
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        describe(
            close,
            "closeButton",
            QCoreApplication.translate("EndpointsDialog", "Close"),
            QCoreApplication.translate(
                "EndpointsDialog", "Close without saving further changes (Esc)"
            ),
        )

        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        for button in (self.add_workers_button, self.add_local_button, self.remove_button):
            left.addWidget(button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.verdict, 1)
        right.addLayout(test_row)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

        if not self._policy.allow_user_endpoints:  # only the organization's endpoints
            for button in (self.add_workers_button, self.add_local_button, self.remove_button):
                button.hide()
        self.profile_list.currentRowChanged.connect(self._on_profile_list_row_changed)
        self.add_workers_button.clicked.connect(self._on_add_workers_clicked)
        self.add_local_button.clicked.connect(self._on_add_local_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        close.clicked.connect(self.reject)
        self.form.edited.connect(self._on_form_edited)
        self.form.storage.changed.connect(self._refresh_placeholder)
        self.form.load_models_requested.connect(self._on_load_models_requested)

    # -- the list -----------------------------------------------------------------------------

    def _select(self, row: int) -> None:
        if self.profile_list.currentRow() == row:
            self._on_profile_list_row_changed(row)
        else:
            self.profile_list.setCurrentRow(row)

    def _commit(self) -> None:
        """Keep what the form shows in the working copy before another profile is shown."""
        if 0 <= self._row < len(self._drafts):
            base = self._drafts[self._row]
            # A policy endpoint is the administrator's: only a key typed for it is kept.
            draft = base if is_managed(base) else self.form.draft(base)
            self._drafts[self._row] = draft
            self._typed[draft.id] = self.form.typed_token()

    def _list_name(self, profile: EndpointProfile) -> str:
        return locked_label(profile.name, is_managed(profile))

    def _on_profile_list_row_changed(self, row: int) -> None:
        self._commit()
        self.tasks.cancel("check")  # a verdict belongs to the profile it was asked for
        self.tasks.cancel("models")
        self._row = row
        has_profile = 0 <= row < len(self._drafts)
        for widget in (self.form, self.test_button, self.remove_button):
            widget.setEnabled(has_profile)
        self.verdict.clear()
        if has_profile:
            profile = self._drafts[row]
            self.form.load(profile, self._typed.get(profile.id, ""))
            managed = is_managed(profile)
            self.form.set_managed(
                self._policy.locked_note() if managed else "",
                key_typed=profile.token_source is TokenSource.KEYRING,
            )
            self.remove_button.setEnabled(not managed)
            self._refresh_placeholder()

    def _add(self, profile: EndpointProfile) -> None:
        self._drafts.append(profile)
        self.profile_list.addItem(profile.name)
        self._select(len(self._drafts) - 1)
        self.form.name.setFocus()
        self.form.name.selectAll()

    def _unique_name(self, name: str) -> str:
        names = {p.name for p in self.drafts()}
        n, candidate = 2, name
        while candidate in names:
            candidate, n = f"{name} {n}", n + 1
        return candidate

    def _on_add_workers_clicked(self) -> None:
        name = self._unique_name(
            QCoreApplication.translate("EndpointsDialog", "Cloudflare Workers AI")
        )
        self._add(
            EndpointProfile(
                new_profile_id(), name, EndpointKind.WORKERS_AI, base_url=DEFAULT_WORKERS_AI_ROOT
            )
        )

    def _on_add_local_clicked(self) -> None:
        name = self._unique_name(QCoreApplication.translate("EndpointsDialog", "Local server"))
        self._add(
            EndpointProfile(
                new_profile_id(), name, EndpointKind.LOCAL, base_url=DEFAULT_LOCAL_BASE_URL
            )
        )

    def _on_remove_clicked(self) -> None:
        row = self._row
        if not 0 <= row < len(self._drafts):
            return
        removed = self._drafts.pop(row)
        self._typed.pop(removed.id, None)
        self._row = -1  # nothing to commit: that profile is gone
        self.profile_list.takeItem(row)  # may or may not report the new current row
        if self._row == -1:
            self._on_profile_list_row_changed(self.profile_list.currentRow())
        self.status.setText(
            QCoreApplication.translate(
                "EndpointsDialog", "“{name}” will be removed when you save."
            ).format(name=removed.name)
        )

    def _on_form_edited(self) -> None:
        item = self.profile_list.item(self._row)
        if item is not None and not is_managed(self._drafts[self._row]):
            item.setText(
                self.form.name.text().strip()
                or QCoreApplication.translate("EndpointsDialog", "(no name)")
            )
        self.verdict.clear()
        self.status.clear()

    def _refresh_placeholder(self) -> None:
        if 0 <= self._row < len(self._drafts):
            profile = self.form.draft(self._drafts[self._row])
            self.tasks.start("placeholder", self._show_placeholder(profile))

    async def _show_placeholder(self, profile: EndpointProfile) -> None:
        self.form.set_token_placeholder(await self.tokens.describe_saved(profile))

    async def _load_keyring_status(self) -> None:
        status = await self.tokens.keyring_status()
        self.form.storage.set_keyring_status(status.available, status.description)

    # -- test, load models, save --------------------------------------------------------------

    def _current(self) -> EndpointProfile | None:
        """The selected profile, validated; a ProfileError is shown next to its field."""
        self._commit()
        if not 0 <= self._row < len(self._drafts):
            return None
        try:
            profile = self._drafts[self._row].validated()
        except ProfileError as exc:
            self.form.show_error(exc).setFocus()
            return None
        self.form.clear_errors()
        return profile

    def _set_working(self, working: bool) -> None:
        for button in (self.test_button, self.save_button, self.form.load_models_button):
            button.setEnabled(not working)

    def _on_test_clicked(self) -> None:
        if (profile := self._current()) is not None:
            self.tasks.start("check", self._check(profile))

    async def _check(self, profile: EndpointProfile) -> None:
        self.verdict.set_busy(
            QCoreApplication.translate("EndpointsDialog", "Testing the connection…")
        )
        self._set_working(True)
        try:
            token = await self.tokens.resolve(profile, self._typed.get(profile.id, ""))
            verdict = await connection_check.test_connection(
                profile,
                token,
                network=self._network,
                gateway_token=self.tokens.gateway_token(profile),
            )
        finally:
            self._set_working(False)
        self.verdict.set_verdict(verdict.ok, verdict.message)
        if verdict.models:
            self.form.set_models(verdict.models)

    def _on_load_models_requested(self) -> None:
        if (profile := self._current()) is not None:
            self.tasks.start("models", self._load_models(profile))

    async def _load_models(self, profile: EndpointProfile) -> None:
        self.verdict.set_busy(
            QCoreApplication.translate("EndpointsDialog", "Loading the model list…")
        )
        self._set_working(True)
        try:
            token = await self.tokens.resolve(profile, self._typed.get(profile.id, ""))
            models = await connection_check.list_models(profile, token, network=self._network)
        finally:
            self._set_working(False)
        if isinstance(models, Failure):
            self.verdict.set_verdict(False, models.message)
            return
        self.form.set_models(models)
        found = len(models)  # lupdate reads a plain name as the count, not a call
        self.verdict.set_verdict(
            True,
            translate("EndpointsDialog", "%n model(s) to choose from.", None, found),
        )

    def _on_save_clicked(self) -> None:
        self.tasks.start("save", self._save())

    async def _save(self) -> None:
        self._commit()
        validated: list[EndpointProfile] = []
        for row, draft in enumerate(self._drafts):
            try:
                validated.append(draft if is_managed(draft) else draft.validated())
            except ProfileError as exc:
                self._select(row)
                self.form.show_error(exc).setFocus()
                self.status.setText(
                    QCoreApplication.translate(
                        "EndpointsDialog", "Not saved: fix the marked field."
                    )
                )
                return
        self._set_working(True)
        try:
            for row, profile in enumerate(validated):
                if not await self._save_token(row, profile):
                    return
        finally:
            self._set_working(False)
        active = validated[self._row].id if 0 <= self._row < len(validated) else ""
        self._typed.clear()
        self._drafts = validated
        self._row = -1  # reload without committing: show the tidied values
        self._select(self.profile_list.currentRow())
        for row, profile in enumerate(validated):
            self.profile_list.item(row).setText(self._list_name(profile))
        self.profiles_changed.emit(validated, active)
        name = next((p.name for p in validated if p.id == active), "")
        self.status.setText(
            QCoreApplication.translate("EndpointsDialog", "Saved. Chatting with “{name}”.").format(
                name=name
            )
            if name
            else QCoreApplication.translate("EndpointsDialog", "Saved.")
        )

    async def _save_token(self, row: int, profile: EndpointProfile) -> bool:
        try:
            await self.tokens.save(profile, self._typed.get(profile.id, ""))
        except SecretStoreError as exc:
            self._select(row)
            self.form.boxes["token"].set_error(
                QCoreApplication.translate(
                    "EndpointsDialog", "{exc} Choose another way to keep the token."
                ).format(exc=exc)
            )
            self.status.setText(
                QCoreApplication.translate(
                    "EndpointsDialog", "Not saved: the token could not be stored."
                )
            )
            return False
        return True

    # -- closing --------------------------------------------------------------------------------

    def _on_task_error(self, error: BaseException) -> None:
        self._set_working(False)
        self.verdict.set_verdict(
            False,
            QCoreApplication.translate(
                "EndpointsDialog", "Something went wrong inside LlamaDesk ({name__})."
            ).format(name__=type(error).__name__),
        )
        sys.excepthook(type(error), error, error.__traceback__)

    def done(self, result: int) -> None:  # Close, Esc and the title bar's × all end here
        self.tasks.cancel_all()  # closing ends every test or load still running
        super().done(result)


def is_managed(profile: EndpointProfile) -> bool:
    """An endpoint the administrator's policy sets (never one the user made)."""
    return profile.id.startswith(POLICY_PROFILE_PREFIX)
