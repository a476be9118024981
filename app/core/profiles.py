"""Endpoint profiles: a named server to talk to (Workers AI or a local OpenAI-compatible one)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final, TypeVar

from app.core.errors import FailureContext, Provider
from app.core.i18n import translate
from app.core.secrets import openai_secret_name, workers_ai_secret_name
from app.core.urls import host_of, is_workers_ai_url, normalize_base_url, shown_url, url_problem

# Defined here once; net (the dialects) and cli (its option defaults) import them.
DEFAULT_WORKERS_AI_ROOT: Final = "https://api.cloudflare.com/client/v4"
DEFAULT_WORKERS_AI_MODEL: Final = "@cf/meta/llama-3.1-8b-instruct-fp8"
DEFAULT_LOCAL_BASE_URL: Final = "http://127.0.0.1:8000/v1"
DEFAULT_GATEWAY_ROOT: Final = "https://gateway.ai.cloudflare.com/v1"
WORKERS_AI_TOKEN_ENV: Final = "CLOUDFLARE_API_TOKEN"
GATEWAY_TOKEN_ENV: Final = "CLOUDFLARE_GATEWAY_TOKEN"  # an authenticated AI Gateway's token
#: Where local servers listen by default: vLLM/TensorRT-LLM/NIM, SGLang, llama.cpp, LM Studio,
#: Ollama. The welcome looks for one there.
USUAL_LOCAL_PORTS: Final = (8000, 30000, 8080, 1234, 11434)
OPENAI_KEY_ENV: Final = "OPENAI_API_KEY"

_URL_PART = re.compile(r"[A-Za-z0-9_-]+")  # account and gateway ids become URL path segments
_MODEL_NAME = re.compile(r"[A-Za-z0-9@/._:+-]+")  # Workers AI's, which also go into the path
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_E = TypeVar("_E", bound=StrEnum)


class EndpointKind(StrEnum):
    WORKERS_AI = "workers-ai"
    LOCAL = "openai"  # the CLI's --backend value for an OpenAI-compatible server


class TokenSource(StrEnum):
    KEYRING = (
        "keyring"  # the OS keyring, under secret_name(); for a local server, none saved = none sent
    )
    ENVIRONMENT = "environment"  # the variable token_env_name()
    SESSION = "session"  # asked for once, kept in memory until the app quits
    NONE = "none"  # the server needs no token
    FILE = "file"  # read from token_file, a file an administrator's policy names


class ProfileError(ValueError):
    """A profile field the user has to fix; `message` is shown next to that field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class EndpointProfile:
    """Where to send requests and where its token is found; never the token itself."""

    id: str
    name: str
    kind: EndpointKind
    account_id: str = ""  # workers-ai
    gateway_id: str = ""  # workers-ai, optional AI Gateway
    base_url: str = ""  # local: the /v1 root; workers-ai: the API root ("" = Cloudflare's)
    model: str = ""  # workers-ai: "" = DEFAULT_WORKERS_AI_MODEL; local: "" = first of GET /models
    token_source: TokenSource = TokenSource.KEYRING
    token_env: str = ""  # "" = CLOUDFLARE_API_TOKEN or OPENAI_API_KEY, as in the CLI
    ca_bundle: str = ""  # extra CA certificates (PEM), e.g. for a corporate TLS proxy
    token_file: str = ""  # TokenSource.FILE: the file holding the token (policy endpoints only)

    def secret_name(self) -> str:
        """The keyring entry for this endpoint's token; the same name `llamadesk token` uses."""
        if self.kind is EndpointKind.WORKERS_AI:
            return workers_ai_secret_name(self.account_id.strip())
        return openai_secret_name(normalize_base_url(self.base_url))

    def failure_context(self) -> FailureContext:
        """What a failure message about this endpoint may name: provider, host, model."""
        cloudflare = self.kind is EndpointKind.WORKERS_AI or is_workers_ai_url(self.base_url)
        provider = Provider.WORKERS_AI if cloudflare else Provider.LOCAL
        host = host_of(self.base_url) or "api.cloudflare.com"
        return FailureContext(provider, host, self.model or None)

    def token_env_name(self) -> str:
        """The environment variable read when token_source is ENVIRONMENT."""
        if self.token_env.strip():
            return self.token_env.strip()
        return WORKERS_AI_TOKEN_ENV if self.kind is EndpointKind.WORKERS_AI else OPENAI_KEY_ENV

    def validated(self) -> EndpointProfile:
        """A tidied copy (trimmed, URL normalised, defaults filled) or ProfileError for one field."""
        kind = _enum(EndpointKind, self.kind, "kind", translate("EndpointProfile", "endpoint type"))
        token_source = _enum(
            TokenSource,
            self.token_source,
            "token_source",
            translate("EndpointProfile", "token source"),
        )
        if not self.id.strip():
            raise ProfileError("id", translate("EndpointProfile", "The endpoint has no id."))
        if not self.name.strip():
            raise ProfileError("name", translate("EndpointProfile", "Give the endpoint a name."))
        token_env = self.token_env.strip()
        if token_env and not _ENV_NAME.fullmatch(token_env):
            raise ProfileError(
                "token_env",
                translate(
                    "EndpointProfile",
                    "“{token_env}” is not an environment variable name (use letters, digits and _, not starting with a digit).",
                ).format(token_env=token_env),
            )
        tidy = replace(
            self,
            id=self.id.strip(),
            name=self.name.strip(),
            kind=kind,
            account_id=self.account_id.strip(),
            gateway_id=self.gateway_id.strip(),
            model=self.model.strip(),
            token_source=token_source,
            token_env=token_env,
            # Not checked for existence here: the file may be on a drive that is not mounted yet;
            # the connection reports a missing or unreadable bundle when it is used.
            ca_bundle=self.ca_bundle.strip(),
        )
        if kind is EndpointKind.WORKERS_AI:
            return _validated_workers_ai(tidy)
        return _validated_local(tidy)


def _validated_workers_ai(profile: EndpointProfile) -> EndpointProfile:
    if not profile.account_id:
        raise ProfileError(
            "account_id",
            translate(
                "Profiles",
                "Enter your Cloudflare account ID (Cloudflare dashboard → Workers AI → “Use REST API”).",
            ),
        )
    if not _URL_PART.fullmatch(profile.account_id):
        raise ProfileError(
            "account_id",
            translate(
                "Profiles",
                "The account ID may contain only letters, digits, - and _ (copy the 32-character ID "
                "from the Cloudflare dashboard).",
            ),
        )
    if profile.gateway_id and not _URL_PART.fullmatch(profile.gateway_id):
        raise ProfileError(
            "gateway_id",
            translate("Profiles", "The AI Gateway ID may contain only letters, digits, - and _."),
        )
    model = profile.model or DEFAULT_WORKERS_AI_MODEL
    if any(ch.isspace() for ch in model):
        raise ProfileError(
            "model",
            translate("Profiles", "The model name “{model}” cannot contain spaces.").format(
                model=model
            ),
        )
    if not _MODEL_NAME.fullmatch(model):
        # It becomes part of the request's URL: "?", "#", "%" or other characters would change
        # which address is asked, or could not be sent at all.
        raise ProfileError(
            "model",
            translate(
                "Profiles",
                "A Workers AI model name has only letters, digits and @ / . _ : + - (for example "
                "@cf/meta/llama-3.1-8b-instruct-fp8).",
            ),
        )
    base_url = (profile.base_url.strip() or DEFAULT_WORKERS_AI_ROOT).rstrip("/")
    if problem := url_problem(base_url):
        raise ProfileError(
            "base_url",
            translate(
                "Profiles", "“{shown_url}” cannot be used as the API address: {problem}."
            ).format(shown_url=shown_url(base_url), problem=problem),
        )
    return replace(profile, model=model, base_url=base_url)


def _validated_local(profile: EndpointProfile) -> EndpointProfile:
    typed = profile.base_url.strip()
    if not typed:
        raise ProfileError(
            "base_url",
            translate("Profiles", "Enter the server address, for example http://127.0.0.1:8000."),
        )
    if problem := url_problem(normalize_base_url(typed)):
        raise ProfileError(
            "base_url",
            translate(
                "Profiles", "“{shown_url}” cannot be used as the server address: {problem}."
            ).format(shown_url=shown_url(typed), problem=problem),
        )
    return replace(profile, base_url=normalize_base_url(typed))


def _enum(kind: type[_E], value: str, field: str, label: str) -> _E:
    # Profiles built from stored or typed text may carry a plain string where an enum belongs.
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise ProfileError(
            field,
            translate("Profiles", "Unknown {label} “{value}” (known: {known}).").format(
                label=label, value=value, known=known
            ),
        ) from None


def gateway_token_for(profile: EndpointProfile, environ: Mapping[str, str]) -> str | None:
    """An authenticated AI Gateway's token: from the environment, for profiles that use one."""
    if not profile.gateway_id:
        return None
    return environ.get(GATEWAY_TOKEN_ENV, "").strip() or None


def new_profile_id() -> str:
    return uuid.uuid4().hex


def workers_ai_profile(
    account_id: str,
    *,
    gateway_id: str = "",
    model: str = DEFAULT_WORKERS_AI_MODEL,
    name: str = translate("Profiles", "Cloudflare Workers AI"),
    token_source: TokenSource = TokenSource.KEYRING,
) -> EndpointProfile:
    """A new, validated Workers AI profile; raises ProfileError for a missing or bad field."""
    return EndpointProfile(
        new_profile_id(),
        name,
        EndpointKind.WORKERS_AI,
        account_id=account_id,
        gateway_id=gateway_id,
        base_url=DEFAULT_WORKERS_AI_ROOT,
        model=model,
        token_source=token_source,
    ).validated()


def local_profile(
    base_url: str,
    *,
    model: str = "",
    name: str = translate("Profiles", "Local server"),
    token_source: TokenSource = TokenSource.KEYRING,
) -> EndpointProfile:
    """A new, validated profile for an OpenAI-compatible server; base_url with or without /v1."""
    return EndpointProfile(
        new_profile_id(),
        name,
        EndpointKind.LOCAL,
        base_url=base_url,
        model=model,
        token_source=token_source,
    ).validated()
