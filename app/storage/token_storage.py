"""Where an endpoint's token is kept: the OS keyring (off the GUI thread), the environment, or memory."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from app.core.i18n import translate
from app.core.profiles import EndpointProfile, TokenSource, gateway_token_for
from app.core.secrets import SecretStore, SecretStoreError
from app.storage.token_file import token_file

NO_KEYRING_EXPLANATION = (
    "No OS keyring was found on this system (no Secret Service, Keychain or Credential "
    "Manager), so LlamaDesk cannot save the token safely, and it never writes tokens to a "
    "plain file. Read the token from an environment variable, or keep it for this session "
    "only (you enter it again next time)."
)


class KeyringStore(SecretStore, Protocol):
    """A secret store that can say whether it is usable at all (the OS keyring can be absent)."""

    @property
    def available(self) -> bool: ...


@dataclass(frozen=True)
class KeyringStatus:
    available: bool
    description: str  # e.g. "the Secret Service (GNOME Keyring, KWallet or KeePassXC)"


class TokenStorage:
    """Reads and writes tokens where each profile says they live; never into a file."""

    def __init__(
        self,
        keyring: KeyringStore,
        session: SecretStore,
        environ: Mapping[str, str] = os.environ,
        read_token_file: Callable[[str], str] = token_file,
    ) -> None:
        self.keyring = keyring
        self.session = session
        self.environ = environ
        self._read_token_file = read_token_file
        self._status: KeyringStatus | None = None

    async def keyring_status(self) -> KeyringStatus:
        """Asked once: backend discovery may talk to D-Bus, so it runs in a thread."""
        if self._status is None:
            loop = asyncio.get_running_loop()
            self._status = await loop.run_in_executor(None, self._read_status)
        return self._status

    def _read_status(self) -> KeyringStatus:
        return KeyringStatus(self.keyring.available, self.keyring.description)

    async def saved_token(self, profile: EndpointProfile) -> str | None:
        """The token already kept for `profile`, or None (also when the keyring is unusable)."""
        source = profile.token_source
        if source is TokenSource.ENVIRONMENT:
            return self.environ.get(profile.token_env_name(), "").strip() or None
        if source is TokenSource.SESSION:
            return self.session.get(profile.secret_name())
        if source is TokenSource.KEYRING:
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(None, self.keyring.get, profile.secret_name())
            except SecretStoreError:
                return None
        if source is TokenSource.FILE:  # the administrator's file (a connection test reads it)
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(None, self._read_token_file, profile.token_file)
            except OSError:
                return None
        return None

    def gateway_token(self, profile: EndpointProfile) -> str | None:
        """An authenticated AI Gateway's token (from the environment), if the profile uses one."""
        return gateway_token_for(profile, self.environ)

    async def resolve(self, profile: EndpointProfile, typed: str) -> str | None:
        """What a test should send: the token just typed, else the one already kept."""
        return typed.strip() or await self.saved_token(profile)

    async def save(self, profile: EndpointProfile, token: str) -> None:
        """Keep `token` where the profile says; SecretStoreError when the keyring refuses."""
        token = token.strip()
        if not token:
            return
        if profile.token_source is TokenSource.KEYRING:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.keyring.set, profile.secret_name(), token)
        elif profile.token_source is TokenSource.SESSION:
            self.session.set(profile.secret_name(), token)
        # ENVIRONMENT and NONE: nothing to keep; the variable is read when a chat starts.

    async def describe_saved(self, profile: EndpointProfile) -> str:
        """A placeholder for the token field: where the token is, never the token itself.

        "" when nothing is kept yet: the form then shows its own hint for the endpoint kind.
        """
        source = profile.token_source
        if source is TokenSource.NONE:
            return translate("TokenStorage", "No key is sent")
        if source is TokenSource.FILE:
            return translate("TokenStorage", "Read from a file your organization manages")
        if source is TokenSource.ENVIRONMENT:
            name = profile.token_env_name()
            state = (
                translate("TokenStorage", "set")
                if await self.saved_token(profile)
                else translate("TokenStorage", "not set")
            )
            return translate(
                "TokenStorage", "Read from the environment variable {name} (currently {state})"
            ).format(name=name, state=state)
        if await self.saved_token(profile) is None:
            return ""
        if source is TokenSource.SESSION:
            return translate("TokenStorage", "Kept for this session only; type to replace it")
        status = await self.keyring_status()
        return translate("TokenStorage", "Saved in {description}; type to replace it").format(
            description=status.description
        )
