"""Where tokens live (an interface storage implements) and how they are kept out of any text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

MASK = "••••"
#: Shorter "secrets" are not masked: they would hide ordinary words, and real tokens are long.
MIN_SECRET_LENGTH = 6


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
    return masked(text, secret_spans(text, secrets))


def secret_spans(text: str, secrets: Iterable[str]) -> list[tuple[int, int]]:
    """Where secrets occur in text, as sorted (start, end) spans; overlapping ones merged.

    Merged, so that a secret inside another, or two that overlap, are masked as one.
    """
    found = []
    for secret in secrets:
        if len(secret) < MIN_SECRET_LENGTH:
            continue
        at = text.find(secret)
        while at >= 0:
            found.append((at, at + len(secret)))
            at = text.find(secret, at + 1)
    found.sort()
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span (sorted, disjoint) replaced by the mask."""
    if not spans:
        return text
    parts: list[str] = []
    done = 0
    for start, end in spans:
        parts += (text[done:start], MASK)
        done = end
    parts.append(text[done:])
    return "".join(parts)


_SENDABLE_TOKEN = re.compile(r"[!-~]+")  # printable ASCII, no spaces: what a header can carry


def token_problem(token: str) -> str | None:
    """Why `token` cannot be sent as a Bearer token, as a clause (never quoting it); or None."""
    if _SENDABLE_TOKEN.fullmatch(token):
        return None
    if not token:
        return "it is empty"
    if any(ch.isspace() for ch in token):
        return "it contains spaces or line breaks"
    return "it contains characters other than ASCII letters, digits and punctuation"
