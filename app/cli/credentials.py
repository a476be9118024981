"""Finds the token for an endpoint: the environment first, then the OS keyring; never a file."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from app.cli.options import EndpointChoice, UsageError
from app.core.profiles import OPENAI_KEY_ENV, WORKERS_AI_TOKEN_ENV
from app.core.secrets import (
    SecretStore,
    SecretStoreError,
    openai_secret_name,
    token_problem,
    workers_ai_secret_name,
)


def secret_name(endpoint: EndpointChoice) -> str:
    if endpoint.backend == "workers-ai":
        assert endpoint.account_id is not None
        return workers_ai_secret_name(endpoint.account_id)
    return openai_secret_name(endpoint.base_url)


def resolve_token(
    endpoint: EndpointChoice,
    store_factory: Callable[[], SecretStore],
    environ: Mapping[str, str] = os.environ,
    *,
    save_command: str = "",
) -> str | None:
    """The token to send, or None (allowed for local servers). Raises UsageError with the fix.

    `save_command`: the `llamadesk token set …` that saves a token for this endpoint."""
    env_name = WORKERS_AI_TOKEN_ENV if endpoint.backend == "workers-ai" else OPENAI_KEY_ENV
    token = environ.get(env_name, "").strip()
    if token:
        return sendable(token, f"The token in ${env_name}")
    try:
        token = (store_factory().get(secret_name(endpoint)) or "").strip()
    except SecretStoreError:
        keyring_usable = False
    else:
        keyring_usable = True
    if token:
        return sendable(token, "The token saved in the OS keyring for this endpoint")
    if endpoint.backend == "openai":
        return None  # many local servers need no key; a 401 will say what to do
    if not keyring_usable:
        raise UsageError(
            f"No API token for Cloudflare account {endpoint.account_id}: set {env_name} "
            "(this system has no OS keyring to save it in)."
        )
    save = save_command or f"llamadesk token set --account-id {endpoint.account_id}"
    raise UsageError(
        f"No API token for Cloudflare account {endpoint.account_id}: set {env_name}, or save "
        f"one in the OS keyring with `{save}`."
    )


def sendable(token: str, where: str) -> str:
    """`token`, or UsageError when it cannot go into an HTTP header (never quoting it)."""
    if problem := token_problem(token):
        raise UsageError(f"{where} cannot be sent: {problem}. Copy the token again, whole.")
    return token
