"""First run: which service, the one or two values it needs, a connection test, then the chat."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.profiles import (
    DEFAULT_WORKERS_AI_ROOT,
    USUAL_LOCAL_PORTS,
    EndpointKind,
    EndpointProfile,
    ProfileError,
    TokenSource,
    new_profile_id,
)
from app.core.secrets import SecretStoreError
from app.net import connection_check
from app.net.connection_check import LocalServer
from app.net.limits import NetworkSettings
from app.storage.token_storage import TokenStorage
from app.ui.endpoints.widgets import FieldBox, TokenSourceChooser, describe
from app.ui.style import ChatStyle, style_for
from app.ui.task_set import TaskSet
from app.ui.welcome.pages import CheckPage, ChoosePage, LocalPage, WorkersPage

CHOOSE, WORKERS, LOCAL, CHECK = range(4)


class WelcomeDialog(QDialog):
    """A QStackedWidget of four pages; emits profile_ready once a tested endpoint is kept."""

    profile_ready = Signal(object)  # the validated EndpointProfile, its token already stored

    def __init__(
        self,
        tokens: TokenStorage,
        *,
        probe_ports: Sequence[int] = USUAL_LOCAL_PORTS,
        probe_timeout_s: float = 0.4,
        network: NetworkSettings = connection_check.CHECK_NETWORK,
        style: ChatStyle | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("WelcomeDialog", "Welcome to LlamaDesk"))
        self.setObjectName("welcomeDialog")
        self.resize(600, 480)
        self.tokens = tokens
        self.workers_api_root = DEFAULT_WORKERS_AI_ROOT  # tests point it at a loopback server
        self._network = network
        self._keyring_usable = True
        self._profile: EndpointProfile | None = None
        self._token = ""
        self._found: list[LocalServer] = []
        self.tasks = TaskSet(self._on_task_error)
        style = style or style_for(self.palette())
        self.choose, self.workers = ChoosePage(style), WorkersPage(style)
        self.local, self.check = LocalPage(style), CheckPage(style)
        self._build()
        self.tasks.start("keyring", self._load_keyring_status())
        if probe_ports:
            self.tasks.start("probe", self._probe(probe_ports, probe_timeout_s))
        else:
            self.choose.probe_status.hide()

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    @property
    def profile(self) -> EndpointProfile | None:
        """The endpoint being tested or kept."""
        return self._profile

    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.pages.setObjectName("welcomePages")
        for page in (self.choose, self.workers, self.local, self.check):
            self.pages.addWidget(page)
        self.cancel_button = describe(
            QPushButton(QCoreApplication.translate("WelcomeDialog", "Not now")),
            "welcomeCancelButton",
            QCoreApplication.translate("WelcomeDialog", "Not now"),
            QCoreApplication.translate(
                "WelcomeDialog", "Close the welcome; add an endpoint later with Endpoints… (Esc)"
            ),
        )
        self.back_button = describe(
            QPushButton(QCoreApplication.translate("WelcomeDialog", "&Back")),
            "welcomeBackButton",
            QCoreApplication.translate("WelcomeDialog", "Back"),
            QCoreApplication.translate("WelcomeDialog", "Go back to the previous step"),
        )
        self.next_button = describe(
            QPushButton(QCoreApplication.translate("WelcomeDialog", "Test and &continue")),
            "welcomeNextButton",
            QCoreApplication.translate("WelcomeDialog", "Test and continue"),
            QCoreApplication.translate(
                "WelcomeDialog", "Check these values with a one-token request"
            ),
        )
        self.retry_button = describe(
            QPushButton(QCoreApplication.translate("WelcomeDialog", "Try &again")),
            "retryButton",
            QCoreApplication.translate("WelcomeDialog", "Try again"),
            QCoreApplication.translate("WelcomeDialog", "Test the connection again"),
        )
        self.start_button = describe(
            QPushButton(QCoreApplication.translate("WelcomeDialog", "&Start chatting")),
            "startChattingButton",
            QCoreApplication.translate("WelcomeDialog", "Start chatting"),
            QCoreApplication.translate("WelcomeDialog", "Save this endpoint and open the chat"),
        )
        bar = QHBoxLayout()
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        for button in (self.back_button, self.retry_button, self.next_button, self.start_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bar)

        self.choose.workers_button.clicked.connect(self._on_workers_chosen)
        self.choose.local_button.clicked.connect(self._on_local_chosen)
        self.choose.found_button.clicked.connect(self._on_found_chosen)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.start_button.clicked.connect(self._on_start_clicked)
        for page in (self.workers, self.local):
            page.storage.changed.connect(self._on_storage_changed)
        self.local.api_key.textChanged.connect(self._on_storage_changed)
        self._go(CHOOSE)

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setVisible(page != CHOOSE)
        self.next_button.setVisible(page in (WORKERS, LOCAL))
        self.start_button.setVisible(page == CHECK)
        # Enter does the page's main action.
        self.next_button.setDefault(page in (WORKERS, LOCAL))
        self.start_button.setDefault(page == CHECK)
        self.retry_button.setVisible(page == CHECK and self.check.verdict.ok is False)
        focus = {
            CHOOSE: self.choose.found_button
            if self.choose.found_button.isVisible()
            else self.choose.workers_button,
            WORKERS: self.workers.account_id,
            LOCAL: self.local.base_url,
            CHECK: self.check.verdict.label,
        }[page]
        focus.setFocus()

    # -- background ---------------------------------------------------------------------------

    async def _load_keyring_status(self) -> None:
        status = await self.tokens.keyring_status()
        self._keyring_usable = status.available
        for chooser in (self.workers.storage, self.local.storage):
            chooser.set_keyring_status(status.available, status.description)
        self._on_storage_changed()
        note = QCoreApplication.translate(
            "WelcomeDialog", "The token will be saved in {description}, never in a file."
        ).format(description=status.description)
        self.workers.storage_note.setText(note)
        self.workers.storage_note.setVisible(status.available)

    async def _probe(self, ports: Sequence[int], timeout_s: float) -> None:
        self._found = await connection_check.probe_local_servers(ports, timeout_s=timeout_s)
        self.choose.show_found(self._found)
        if self._found and self.pages.currentIndex() == CHOOSE:
            self.choose.found_button.setFocus()

    def _on_storage_changed(self) -> None:
        """Offer the storage choice only without a keyring, and only when there is a token."""
        workers, local = self.workers, self.local
        workers.storage.setVisible(not self._keyring_usable)
        local.storage.setVisible(not self._keyring_usable and bool(local.api_key.text().strip()))
        # From an environment variable: there is nothing to type.
        env = workers.storage.source() is TokenSource.ENVIRONMENT
        workers.token.setEnabled(not (workers.storage.isVisibleTo(self) and env))

    # -- choosing -----------------------------------------------------------------------------

    def _on_workers_chosen(self) -> None:
        self._go(WORKERS)

    def _on_local_chosen(self) -> None:
        self._go(LOCAL)

    def _on_found_chosen(self) -> None:
        server = self._found[0]
        self.local.base_url.setText(server.base_url)
        if server.needs_key:
            self._go(LOCAL)
            self.local.api_key.setFocus()
            return
        profile = EndpointProfile(
            new_profile_id(),
            QCoreApplication.translate("WelcomeDialog", "Local server"),
            EndpointKind.LOCAL,
            base_url=server.base_url,
            token_source=TokenSource.NONE,  # it answered without a key: nothing to look up
        )
        self._start_check(profile.validated(), "")

    def _on_back_clicked(self) -> None:
        self.tasks.cancel("check")
        page = self.pages.currentIndex()
        if page == CHECK and self._profile is not None:
            self._go(WORKERS if self._profile.kind is EndpointKind.WORKERS_AI else LOCAL)
        else:
            self._go(CHOOSE)

    def _on_next_clicked(self) -> None:
        page = self.pages.currentIndex()
        if page == WORKERS:
            w = self.workers
            draft = EndpointProfile(
                new_profile_id(),
                QCoreApplication.translate("WelcomeDialog", "Cloudflare Workers AI"),
                EndpointKind.WORKERS_AI,
                account_id=w.account_id.text(),
                base_url=self.workers_api_root,
                token_source=self._source(w.storage),
                token_env=w.storage.env_name.text(),
            )
            token, boxes = w.token.text().strip(), {"account_id": w.account_box}
            if not token and draft.token_source is not TokenSource.ENVIRONMENT:
                w.account_box.set_error(None)
                w.token_box.set_error(
                    QCoreApplication.translate(
                        "WelcomeDialog", "Paste your API token (see where to create one above)."
                    )
                )
                w.token.setFocus()
                return
            w.token_box.set_error(None)
        elif page == LOCAL:
            p = self.local
            draft = EndpointProfile(
                new_profile_id(),
                QCoreApplication.translate("WelcomeDialog", "Local server"),
                EndpointKind.LOCAL,
                base_url=p.base_url.text(),
                token_source=self._source(p.storage),
                token_env=p.storage.env_name.text(),
            )
            token, boxes = p.api_key.text().strip(), {"base_url": p.url_box}
        else:
            return
        try:
            profile = draft.validated()
        except ProfileError as exc:
            self._show_error(boxes, exc)
            return
        for box in boxes.values():
            box.set_error(None)
        self._start_check(profile, token)

    def _source(self, chooser: TokenSourceChooser) -> TokenSource:
        return TokenSource.KEYRING if self._keyring_usable else chooser.source()

    def _show_error(self, boxes: dict[str, FieldBox], error: ProfileError) -> None:
        box = boxes.get(error.field)
        if box is None:  # e.g. token_env: shown on the storage choice
            chooser = self.workers.storage if "account_id" in boxes else self.local.storage
            chooser.set_env_error(error.message)
            return
        box.set_error(error.message)
        box.editor.setFocus()

    # -- testing and finishing ----------------------------------------------------------------

    def _start_check(self, profile: EndpointProfile, token: str) -> None:
        self._profile, self._token = profile, token
        self._go(CHECK)
        self.tasks.start("check", self._check(profile, token))

    def _on_retry_clicked(self) -> None:
        if self._profile is not None:
            self.tasks.start("check", self._check(self._profile, self._token))

    async def _check(self, profile: EndpointProfile, token: str) -> None:
        page = self.check
        page.title.setText(QCoreApplication.translate("WelcomeDialog", "Testing the connection"))
        page.subject.setText(_subject(profile))
        page.verdict.set_busy(
            QCoreApplication.translate("WelcomeDialog", "Sending a one-word test message…")
        )
        self.start_button.setEnabled(False)
        self.retry_button.hide()
        resolved = await self.tokens.resolve(profile, token)
        verdict = await connection_check.test_connection(
            profile,
            resolved,
            network=self._network,
            gateway_token=self.tokens.gateway_token(profile),
        )
        page.verdict.set_verdict(verdict.ok, verdict.message)
        page.title.setText(
            QCoreApplication.translate("WelcomeDialog", "Ready")
            if verdict.ok
            else QCoreApplication.translate("WelcomeDialog", "That did not work yet")
        )
        self.start_button.setEnabled(verdict.ok)
        self.retry_button.setVisible(not verdict.ok)
        (self.start_button if verdict.ok else self.back_button).setFocus()

    def _on_start_clicked(self) -> None:
        if self._profile is not None and not self.tasks.running("finish"):
            self.tasks.start("finish", self._finish(self._profile, self._token))

    async def _finish(self, profile: EndpointProfile, token: str) -> None:
        if profile.kind is EndpointKind.LOCAL and not token.strip():
            # No key given and the test passed: the server needs none. Reading a keyring for
            # it would only fail on a machine without one (and send nothing anyway).
            profile = replace(profile, token_source=TokenSource.NONE)
        try:
            await self.tokens.save(profile, token)
        except SecretStoreError as exc:
            self.check.verdict.set_verdict(
                False,
                QCoreApplication.translate(
                    "WelcomeDialog", "{exc} Go back and choose another way."
                ).format(exc=exc),
            )
            return
        self.profile_ready.emit(profile)
        self.accept()

    # -- closing --------------------------------------------------------------------------------

    def _on_task_error(self, error: BaseException) -> None:
        self.check.verdict.set_verdict(
            False,
            QCoreApplication.translate(
                "WelcomeDialog", "Something went wrong inside LlamaDesk ({name__})."
            ).format(name__=type(error).__name__),
        )
        sys.excepthook(type(error), error, error.__traceback__)

    def done(self, result: int) -> None:  # Close, Esc and the title bar's × all end here
        self.tasks.cancel_all()
        super().done(result)


def _subject(profile: EndpointProfile) -> str:
    if profile.kind is EndpointKind.WORKERS_AI:
        return QCoreApplication.translate(
            "WelcomeDialog", "Cloudflare Workers AI, account {account_id}"
        ).format(account_id=profile.account_id)
    return QCoreApplication.translate("WelcomeDialog", "The server at {base_url}").format(
        base_url=profile.base_url
    )
