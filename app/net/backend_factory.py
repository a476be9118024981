"""The one path from an endpoint profile and its secret to a backend, for the window, the
connection test and `llamadesk ask`; and the window's factory (tokens off the GUI thread,
one client per CA bundle)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.backend import BackendUnavailable, ChatBackend
from app.core.errors import ErrorCategory, Failure, make_failure
from app.core.i18n import translate
from app.core.profiles import (
    DEFAULT_WORKERS_AI_MODEL,
    DEFAULT_WORKERS_AI_ROOT,
    GATEWAY_TOKEN_ENV,
    EndpointKind,
    EndpointProfile,
    TokenSource,
    gateway_token_for,
)
from app.core.secrets import SecretStore, SecretStoreError, token_problem
from app.net.limits import NetworkSettings
from app.net.retry import NO_RETRY, RetryPolicy

#: Reads a key file the policy names: its stripped text, or OSError with a whole message.
TokenFileReader = Callable[[str], str]

if TYPE_CHECKING:
    # Imported when the first backend is built: the window paints before the HTTP stack loads.
    import httpx

    from app.net.openai_compat import OpenAIBackend


def backend_for(
    profile: EndpointProfile,
    token: str | None,
    client: httpx.AsyncClient,
    *,
    network: NetworkSettings,
    retry: RetryPolicy = NO_RETRY,
    gateway_token: str | None = None,
) -> ChatBackend:
    """A validated profile plus its token as a backend; BackendUnavailable says what is missing."""
    if token is not None and (problem := token_problem(token)):
        raise BackendUnavailable(
            make_failure(
                ErrorCategory.MISSING_SETTING,
                profile.failure_context(),
                detail=f"The API token for “{profile.name}” cannot be sent: {problem}. "
                "Open the endpoint settings and enter it again.",
            )
        )
    if profile.gateway_id and gateway_token and (problem := token_problem(gateway_token)):
        raise BackendUnavailable(
            make_failure(
                ErrorCategory.MISSING_SETTING,
                profile.failure_context(),
                detail=f"The AI Gateway token in ${GATEWAY_TOKEN_ENV} cannot be sent: "
                f"{problem}. Set it again, whole.",
            )
        )
    if profile.kind is EndpointKind.LOCAL:
        return local_backend(profile, token, client, network=network, retry=retry)
    if not token:
        raise BackendUnavailable(_missing_token(profile))
    from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig

    config = WorkersAIConfig(
        profile.account_id,
        token,
        profile.model or DEFAULT_WORKERS_AI_MODEL,
        profile.base_url or DEFAULT_WORKERS_AI_ROOT,
        profile.gateway_id or None,
        gateway_token if profile.gateway_id else None,
    )
    return WorkersAIBackend(
        client,
        config,
        retry=retry,
        stall_timeout_s=network.stall_timeout_s,
        limits=network.limits,
    )


def local_backend(
    profile: EndpointProfile,
    token: str | None,
    client: httpx.AsyncClient,
    *,
    network: NetworkSettings,
    retry: RetryPolicy = NO_RETRY,
) -> OpenAIBackend:
    """An OpenAI-compatible server's backend (its model: the profile's, else the first listed)."""
    from app.net.openai_compat import OpenAIBackend, OpenAIConfig

    return OpenAIBackend(
        client,
        OpenAIConfig(profile.base_url, token, profile.model or None),
        retry=retry,
        stall_timeout_s=network.stall_timeout_s,
        limits=network.limits,
    )


class BackendFactory:
    """One HTTP client per CA bundle, shared by every backend; tokens cached after first read."""

    def __init__(
        self,
        keyring: SecretStore,
        session: SecretStore,
        *,
        network: NetworkSettings | None = None,
        retry: RetryPolicy | None = None,
        environ: Mapping[str, str] = os.environ,
        read_token_file: TokenFileReader | None = None,
    ) -> None:
        self.keyring = keyring
        self.session = session
        #: Reads a policy endpoint's key file (storage's job: net never reads files itself).
        self._read_token_file = read_token_file
        self._network = network or NetworkSettings()
        self._retry = retry or RetryPolicy()
        self._environ = environ
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._tokens: dict[str, str | None] = {}
        self._backends: dict[tuple[EndpointProfile, str | None, str | None], ChatBackend] = {}

    async def build(self, profile: EndpointProfile) -> ChatBackend:
        from app.net.transport import CABundleError

        token = await self.token_for(profile)
        try:
            client = self._client(profile.ca_bundle)
        except CABundleError as exc:
            raise BackendUnavailable(
                make_failure(
                    ErrorCategory.MISSING_SETTING, profile.failure_context(), detail=str(exc)
                )
            ) from exc
        gateway_token = gateway_token_for(profile, self._environ)
        key = (profile, token, gateway_token)
        if key not in self._backends:
            # Kept: a backend remembers what the server told it (its models and their context
            # windows, a missing /completions), so it is not asked again before every message.
            self._backends[key] = backend_for(
                profile,
                token,
                client,
                network=self._network,
                retry=self._retry,
                gateway_token=gateway_token,
            )
        return self._backends[key]

    async def token_for(self, profile: EndpointProfile) -> str | None:
        """The profile's token from where it says it lives; the keyring is read in a thread."""
        name = profile.secret_name()
        if profile.token_source is TokenSource.NONE:
            return None
        if profile.token_source is TokenSource.ENVIRONMENT:
            return self._environ.get(profile.token_env_name(), "").strip() or None
        if profile.token_source is TokenSource.SESSION:
            return self.session.get(name)
        if profile.token_source is TokenSource.FILE:
            return await self._file_token(profile)
        if name not in self._tokens:
            loop = asyncio.get_running_loop()
            try:
                self._tokens[name] = await loop.run_in_executor(None, self.keyring.get, name)
            except SecretStoreError as exc:
                raise BackendUnavailable(
                    make_failure(
                        ErrorCategory.MISSING_SETTING,
                        profile.failure_context(),
                        detail=f"{exc} Open the endpoint settings and choose an environment "
                        "variable, or keep the token for this session only.",
                    )
                ) from exc
        return self._tokens[name]

    async def _file_token(self, profile: EndpointProfile) -> str:
        """Read each time (an administrator may replace the file), in a thread."""
        reader = self._read_token_file
        if reader is None:
            raise BackendUnavailable(
                make_failure(
                    ErrorCategory.MISSING_SETTING,
                    profile.failure_context(),
                    detail=translate(
                        "BackendFactory",
                        "“{name}” reads its key from a file, which LlamaDesk cannot do here.",
                    ).format(name=profile.name),
                )
            )
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(None, reader, profile.token_file)
        except OSError as exc:  # the reader's message is whole and never holds the key
            raise BackendUnavailable(
                make_failure(
                    ErrorCategory.MISSING_SETTING, profile.failure_context(), detail=str(exc)
                )
            ) from None

    def forget_token(self, profile: EndpointProfile) -> None:
        """The token may have changed: read it again, and build its backends anew."""
        self._tokens.pop(profile.secret_name(), None)
        name = profile.secret_name()
        for key in [k for k in self._backends if k[0].secret_name() == name]:
            del self._backends[key]

    def _client(self, ca_bundle: str) -> httpx.AsyncClient:
        from app.net.transport import build_client

        if ca_bundle not in self._clients:
            settings = replace(self._network, ca_bundle=Path(ca_bundle) if ca_bundle else None)
            self._clients[ca_bundle] = build_client(settings)
        return self._clients[ca_bundle]

    async def aclose(self) -> None:
        self._backends.clear()
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()


def _missing_token(profile: EndpointProfile) -> Failure:
    return make_failure(
        ErrorCategory.MISSING_SETTING,
        profile.failure_context(),
        detail=f"No API token is saved for “{profile.name}”. Open the endpoint settings and "
        "enter your Cloudflare API token.",
    )
