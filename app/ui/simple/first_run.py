"""What a policy's first run asks for: nothing, or only the key the user was given.

No welcome wizard when a policy is in place: the administrator chose the endpoint. When it wants
each person's own key (token.from "user") and none is kept yet, the key page opens; for a key
file or no key at all, the chat is ready as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.policy import Policy
from app.core.profiles import EndpointProfile, TokenSource
from app.net.backend_factory import BackendFactory
from app.storage.token_storage import TokenStorage
from app.ui.simple.key_page import KeyPage
from app.ui.task_set import TaskSet
from app.ui.window.window_controller import WindowController


class FirstRun(QObject):
    """Checks for a kept key off the GUI thread, and opens the key page when one is needed."""

    key_page_opened = Signal()
    checked = Signal(bool)  # True: a key page was needed

    def __init__(
        self,
        controller: WindowController,
        tokens: TokenStorage,
        factory: BackendFactory,
        policy: Policy,
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self._tokens = tokens
        self._factory = factory
        self._policy = policy
        self.tasks = TaskSet(self._on_task_error)
        self.key_page: KeyPage | None = None

    def profile(self) -> EndpointProfile | None:
        """The endpoint the chat uses, when it is one of the policy's."""
        profile = self._controller.active_profile()
        ids = {endpoint.profile_id for endpoint in self._policy.endpoints}
        return profile if profile is not None and profile.id in ids else None

    @property
    def key_pasteable(self) -> bool:
        """The user can fix a refused or missing key by pasting their own."""
        profile = self.profile()
        return profile is not None and profile.token_source is TokenSource.KEYRING

    def start(self) -> None:
        if self.key_pasteable:
            self.tasks.start("check", self._check())
        else:
            self.checked.emit(False)

    async def _check(self) -> None:
        profile = self.profile()
        needed = profile is not None and await self._tokens.saved_token(profile) is None
        if needed:
            self.open_key_page()
        self.checked.emit(needed)

    def open_key_page(self) -> None:
        profile = self.profile()
        if profile is None or profile.token_source is not TokenSource.KEYRING:
            return
        if self.key_page is not None:
            self.key_page.raise_()
            return
        page = KeyPage(
            profile, self._tokens, self._policy.contact_sentence(), self._controller.window
        )
        page.key_saved.connect(lambda: self._factory.forget_token(profile))
        page.finished.connect(self._on_key_page_finished)
        self.key_page = page
        page.open()  # window-modal, no nested event loop
        self.key_page_opened.emit()

    def close(self) -> list[TaskSet]:
        """Window closing: the page goes; returns the task sets to wait for."""
        self.tasks.cancel_all()
        sets = [self.tasks]
        if self.key_page is not None:
            sets.append(self.key_page.tasks)
            self.key_page.reject()
        return sets

    def _on_key_page_finished(self) -> None:
        page, self.key_page = self.key_page, None
        if page is not None:
            page.tasks.call_when_idle(page.deleteLater)
            self._controller.window.composer.setFocus()

    def _on_task_error(self, error: BaseException) -> None:
        self.checked.emit(False)  # no key could be read: sending says what to do
