"""Opens the welcome and the Endpoints dialog for the window, and applies the profiles they give."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app.core.profiles import USUAL_LOCAL_PORTS, EndpointProfile
from app.net.backend_factory import BackendFactory
from app.storage.settings import Settings, SettingsError
from app.storage.token_storage import TokenStorage
from app.ui.window.window_controller import WindowController

if TYPE_CHECKING:  # the dialogs are imported when first opened: most starts need neither
    from app.ui.endpoints.endpoints_dialog import EndpointsDialog
    from app.ui.welcome.welcome_dialog import WelcomeDialog


class EndpointSetup:
    """Keeps one of each dialog at most; a profile given on the command line is never saved."""

    def __init__(
        self,
        controller: WindowController,
        factory: BackendFactory,
        tokens: TokenStorage,
        settings: Settings,
        save: Callable[[], None],
        cli_profile: EndpointProfile | None = None,
    ) -> None:
        self.controller = controller
        self.factory = factory
        self.tokens = tokens
        self.settings = settings
        self._save = save
        self.cli_profile = cli_profile
        self.probe_ports: Sequence[int] = USUAL_LOCAL_PORTS  # tests probe their own server
        self.welcome: WelcomeDialog | None = None
        self.endpoints: EndpointsDialog | None = None

    def needs_welcome(self) -> bool:
        """First run: no endpoint on the command line, none saved, welcome never completed."""
        return (
            self.cli_profile is None
            and not self.controller.policy.endpoints  # the organization set them up
            and not self.settings.welcome_done
            and not self.settings.profiles
        )

    def show_welcome_if_needed(self) -> None:
        if self.needs_welcome():
            self.open_welcome()

    def open_welcome(self) -> None:
        if self.welcome is not None:
            self.welcome.raise_()
            return
        from app.ui.welcome.welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(
            self.tokens, probe_ports=self.probe_ports, parent=self.controller.window
        )
        dialog.profile_ready.connect(self._on_welcome_profile_ready)
        dialog.finished.connect(self._on_welcome_finished)
        self.welcome = dialog
        dialog.open()  # window-modal, no nested event loop: asyncio keeps running

    def open_endpoints(self) -> None:
        if self.endpoints is not None:
            self.endpoints.raise_()
            return
        from app.ui.endpoints.endpoints_dialog import EndpointsDialog

        # The open chat's endpoint is the one selected: saving keeps this chat on it, and
        # picking another row makes that one this chat's and new chats' endpoint.
        chat_profile = self.controller.active_profile()
        dialog = EndpointsDialog(
            self._saved_profiles(),
            chat_profile.id if chat_profile is not None else self.controller.active_id,
            self.tokens,
            parent=self.controller.window,
            policy=self.controller.policy,
        )
        dialog.profiles_changed.connect(self._on_endpoints_profiles_changed)
        dialog.finished.connect(self._on_endpoints_finished)
        self.endpoints = dialog
        dialog.open()

    def close_dialogs(self) -> None:
        for dialog in (self.welcome, self.endpoints):
            if dialog is not None:
                dialog.reject()

    # -- applying -----------------------------------------------------------------------------

    def _saved_profiles(self) -> list[EndpointProfile]:
        fixed = self.cli_profile.id if self.cli_profile is not None else None
        return [p for p in self.controller.profiles if p.id != fixed]

    def _on_welcome_profile_ready(self, profile: EndpointProfile) -> None:
        self.settings.welcome_done = True
        self._apply([*self._saved_profiles(), profile], profile.id, make_default=True)
        self.controller.window.composer.setFocus()

    def _on_endpoints_profiles_changed(self, profiles: list[EndpointProfile], active: str) -> None:
        chat_profile = self.controller.active_profile()
        chosen = chat_profile is None or active != chat_profile.id  # not just this chat's own
        self._apply(profiles, active, make_default=chosen)

    def _apply(
        self, profiles: list[EndpointProfile], active_id: str, *, make_default: bool
    ) -> None:
        # A token may have changed in the keyring: read it again before the next request.
        for profile in (*self.controller.profiles, *profiles):
            self.factory.forget_token(profile)
        shown = [self.cli_profile, *profiles] if self.cli_profile is not None else profiles
        self.controller.set_profiles(shown, active_id, make_default=make_default)
        try:
            self._save()
        except (SettingsError, ValueError) as exc:
            self.controller.window.status_label.setText(str(exc))

    def _on_welcome_finished(self) -> None:
        if self.welcome is not None:
            # Cancelled tasks still run their cleanup on the widgets: delete after they end.
            self.welcome.tasks.call_when_idle(self.welcome.deleteLater)
        self.welcome = None

    def _on_endpoints_finished(self) -> None:
        if self.endpoints is not None:
            self.endpoints.tasks.call_when_idle(self.endpoints.deleteLater)
        self.endpoints = None
