"""Where tokens live (an interface storage implements) and how they are kept out of any text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

_MASK = "••••"


class SecretStoreError(RuntimeError):
    """The secret store cannot be used (no OS keyring backend, locked, denied)."""


class SecretStore(Protocol):
    """Tokens by name. Implementations: the OS keyring, or memory for tests and sessions."""

    @property
    def description(self) -> str:
        """Which backend holds the secrets, in words a user understands."""
        ...

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


def workers_ai_secret_name(account_id: str) -> str:
    return f"workers-ai:{account_id}"


def openai_secret_name(base_url: str) -> str:
    return f"openai:{base_url}"


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of a secret in text (server messages may echo a token)."""
    for secret in secrets:
        # A very short "secret" would mask ordinary words; real tokens are long.
        if secret and len(secret) >= 6 and secret in text:
            text = text.replace(secret, _MASK)
    return text
