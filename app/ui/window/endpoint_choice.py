"""The endpoint profiles the window knows, which one a chat uses, and its backend."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.backend import BackendUnavailable, ChatBackend
from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, FailureContext, Provider, make_failure
from app.core.profiles import (
    DEFAULT_GATEWAY_ROOT,
    DEFAULT_WORKERS_AI_MODEL,
    EndpointKind,
    EndpointProfile,
)
from app.core.provenance import EndpointInfo
from app.core.urls import host_of
from app.net.backend_factory import BackendFactory


class EndpointChoice:
    """Profiles plus the default one (for new chats); resolves a chat's profile id to a backend.

    A chat whose profile was removed uses the default one: it must keep working.
    """

    def __init__(
        self, factory: BackendFactory, profiles: list[EndpointProfile], default_id: str
    ) -> None:
        self.factory = factory
        self.profiles = list(profiles)
        self.default_id = default_id
        self._fix_default()

    def set_profiles(self, profiles: list[EndpointProfile], default_id: str) -> None:
        self.profiles = list(profiles)
        self.default_id = default_id
        self._fix_default()

    def _fix_default(self) -> None:
        if not any(p.id == self.default_id for p in self.profiles):
            self.default_id = self.profiles[0].id if self.profiles else ""

    def profile(self, profile_id: str) -> EndpointProfile | None:
        """The chat's profile, else the default one, else None (nothing set up yet)."""
        for wanted in (profile_id, self.default_id):
            found = next((p for p in self.profiles if p.id == wanted), None)
            if found is not None:
                return found
        return None

    def resolved_id(self, profile_id: str) -> str:
        profile = self.profile(profile_id)
        return profile.id if profile is not None else ""

    def endpoint_for(self, settings: ChatSettings) -> EndpointInfo | None:
        return endpoint_info(self.profile(settings.profile_id))

    async def backend_for(self, settings: ChatSettings) -> ChatBackend:
        profile = self.profile(settings.profile_id)
        if profile is None:
            raise BackendUnavailable(
                make_failure(
                    ErrorCategory.MISSING_SETTING,
                    FailureContext(Provider.LOCAL, ""),
                    detail=QCoreApplication.translate(
                        "EndpointChoice", "No endpoint is set up yet. Click Endpoints… to add one."
                    ),
                )
            )
        return await self.factory.build(profile)


def endpoint_info(profile: EndpointProfile | None) -> EndpointInfo | None:
    """The endpoint as a reply's provenance names it: its name, host and dialect."""
    if profile is None:
        return None
    host = profile.failure_context().host
    if profile.kind is EndpointKind.WORKERS_AI and profile.gateway_id and not profile.base_url:
        host = host_of(DEFAULT_GATEWAY_ROOT)
    return EndpointInfo(profile.name, host, profile.kind.value)


def model_label(profile: EndpointProfile | None) -> str:
    """What the toolbar says answers: the model, or how it will be found."""
    if profile is None:
        return QCoreApplication.translate("EndpointChoice", "No endpoint yet: click Endpoints…")
    if profile.kind is EndpointKind.WORKERS_AI:
        return profile.model or DEFAULT_WORKERS_AI_MODEL
    return (
        profile.model
        or QCoreApplication.translate("EndpointChoice", "model served at ") + profile.base_url
    )
