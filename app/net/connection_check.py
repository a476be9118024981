"""Checks an endpoint before it is used: a one-token test, its model list, local servers nearby."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import httpx

from app.core.backend import BackendUnavailable, ChatBackend
from app.core.errors import ErrorCategory, Failure, FailureContext, Provider, make_failure
from app.core.events import Failed, Finished, ModelSelected
from app.core.params import SamplingParams
from app.core.profiles import (
    DEFAULT_WORKERS_AI_MODEL,
    USUAL_LOCAL_PORTS,
    EndpointKind,
    EndpointProfile,
)
from app.core.request import GenerationRequest, Message, Role
from app.core.secrets import token_problem
from app.core.urls import host_of
from app.net.backend_factory import backend_for, local_backend
from app.net.body_reader import ACCEPT_ENCODING, read_bounded
from app.net.error_body import parse_error_body
from app.net.limits import NetworkSettings, StreamLimits
from app.net.stream_call import http_failure
from app.net.transport import CABundleError, build_client, classify_transport_error

#: Where local OpenAI-compatible servers usually listen: vLLM / TensorRT-LLM, SGLang,
#: llama.cpp, LM Studio, Ollama.
#: A test answers within seconds, a chat may wait longer: the one-token test needs a short
#: prompt read and one token, well under a second on a loaded model and on Workers AI, so a
#: server silent for 6 s is reported as such rather than waited on. Same bounds, shorter.
CHECK_WAIT_S: Final = 6.0
CHECK_NETWORK: Final = NetworkSettings(
    connect_timeout_s=5.0,
    stall_timeout_s=CHECK_WAIT_S,
    limits=StreamLimits(
        first_byte_s=CHECK_WAIT_S, no_progress_s=CHECK_WAIT_S, keepalive_s=CHECK_WAIT_S
    ),
)
_MAX_CATALOGUE_PAGES = 5
_MAX_PROBE_BODY = 256 * 1024
# A server that lists no models answers these; with a model named, the chat test still decides.
_LIST_NOT_OFFERED = (ErrorCategory.PROTOCOL, ErrorCategory.BAD_INPUT, ErrorCategory.UNKNOWN_MODEL)


@dataclass(frozen=True)
class Verdict:
    """The answer to "does this endpoint work?", in words a user can act on."""

    ok: bool
    message: str
    models: list[str] = field(default_factory=list)
    context_window: int | None = None


@dataclass(frozen=True)
class LocalServer:
    """An OpenAI-compatible server found on this computer."""

    base_url: str  # the /v1 root
    model: str  # the first model it lists; "" if it would not say (it wants an API key)
    needs_key: bool = False

    @property
    def address(self) -> str:
        return host_of(self.base_url)


async def test_connection(
    profile: EndpointProfile,
    token: str | None,
    *,
    network: NetworkSettings = CHECK_NETWORK,
    client: httpx.AsyncClient | None = None,
    gateway_token: str | None = None,
) -> Verdict:
    """Send the smallest possible request (one token) to a validated profile; never raises."""
    if token and (problem := token_problem(token)):
        return Verdict(False, _unsendable(problem))
    if profile.kind is EndpointKind.WORKERS_AI and not token:
        return Verdict(
            False,
            "Enter your Cloudflare API token first (Cloudflare dashboard → Workers AI → "
            "“Use REST API” → “Create a Workers AI API Token”).",
        )
    async with _client_for(profile, network, client) as opened:
        if isinstance(opened, Failure):
            return Verdict(False, opened.message)
        try:
            if profile.kind is EndpointKind.WORKERS_AI:
                return await _check_workers_ai(profile, token or "", opened, network, gateway_token)
            return await _check_local(profile, token, opened, network)
        except BackendUnavailable as exc:
            return Verdict(False, exc.failure.message)


# pytest would otherwise collect a function named test_* when a test module imports it.
test_connection.__test__ = False  # type: ignore[attr-defined]


async def list_models(
    profile: EndpointProfile,
    token: str | None,
    *,
    network: NetworkSettings = CHECK_NETWORK,
    client: httpx.AsyncClient | None = None,
) -> list[str] | Failure:
    """The models a profile can choose from: GET /models, or the Workers AI catalogue."""
    if token and (problem := token_problem(token)):
        ctx = profile.failure_context()
        return make_failure(ErrorCategory.MISSING_SETTING, ctx, detail=_unsendable(problem))
    async with _client_for(profile, network, client) as opened:
        if isinstance(opened, Failure):
            return opened
        if profile.kind is EndpointKind.WORKERS_AI:
            if not token:
                return make_failure(
                    ErrorCategory.MISSING_SETTING,
                    profile.failure_context(),
                    detail="Enter your Cloudflare API token to load the model catalogue.",
                )
            return await workers_ai_models(opened, profile.base_url, profile.account_id, token)
        found = await local_backend(profile, token, opened, network=network).list_models()
        return found if isinstance(found, Failure) else [m.id for m in found]


async def workers_ai_models(
    client: httpx.AsyncClient, api_root: str, account_id: str, token: str
) -> list[str] | Failure:
    """The account's text-generation catalogue (names), the default model first."""
    url = f"{api_root.rstrip('/')}/accounts/{account_id}/ai/models/search"
    ctx = FailureContext(Provider.WORKERS_AI, host_of(url))
    headers = {"Authorization": f"Bearer {token}"}
    names: list[str] = []
    for page in range(1, _MAX_CATALOGUE_PAGES + 1):
        query = {"task": "Text Generation", "per_page": "100", "page": str(page)}
        answered = False
        try:
            async with client.stream("GET", url, params=query, headers=headers) as response:
                answered = True
                if response.is_error:
                    return await http_failure(response, ctx, (token,))
                body = await read_bounded(response, 4 * 1024 * 1024)
        except httpx.HTTPError as exc:
            return classify_transport_error(exc, ctx, got_response=answered)
        envelope = _json(body)
        result = envelope.get("result") if isinstance(envelope, dict) else None
        if not isinstance(result, list) or envelope.get("success") is False:
            detail = (
                parse_error_body(envelope, (token,)).message
                or "the model catalogue was not readable"
            )
            return make_failure(ErrorCategory.PROTOCOL, ctx, detail=detail)
        names += [
            m["name"] for m in result if isinstance(m, dict) and isinstance(m.get("name"), str)
        ]
        info = envelope.get("result_info")
        total = info.get("total_count") if isinstance(info, dict) else None
        if not result or not isinstance(total, int) or len(names) >= total:
            break
    ordered = sorted(set(names))
    if DEFAULT_WORKERS_AI_MODEL in ordered:
        ordered.remove(DEFAULT_WORKERS_AI_MODEL)
        ordered.insert(0, DEFAULT_WORKERS_AI_MODEL)
    return ordered


async def probe_local_servers(
    ports: Sequence[int] = USUAL_LOCAL_PORTS, host: str = "127.0.0.1", timeout_s: float = 0.4
) -> list[LocalServer]:
    """Ask every port at once for GET /v1/models; servers that answer, in the order of `ports`."""
    if not ports:
        return []
    # No proxy: a corporate proxy must never see (or answer for) this computer's own ports.
    timeout = httpx.Timeout(timeout_s)
    headers = {"Accept-Encoding": ACCEPT_ENCODING}
    async with httpx.AsyncClient(timeout=timeout, trust_env=False, headers=headers) as client:
        found = await asyncio.gather(*(_probe(client, host, port, timeout_s) for port in ports))
    return [server for server in found if server is not None]


async def _probe(
    client: httpx.AsyncClient, host: str, port: int, timeout_s: float
) -> LocalServer | None:
    base_url = f"http://{host}:{port}/v1"
    try:
        async with asyncio.timeout(timeout_s):
            async with client.stream("GET", f"{base_url}/models") as response:
                if response.status_code in (401, 403):
                    return LocalServer(base_url, "", needs_key=True)
                if response.is_error:
                    return None
                body = await read_bounded(response, _MAX_PROBE_BODY)
    except (httpx.HTTPError, TimeoutError, OSError):
        return None
    data = _json(body)
    models = data.get("data") if isinstance(data, dict) else None
    if not isinstance(models, list):
        return None  # something else listens there (a web app), not an OpenAI-style server
    ids = [str(m["id"]) for m in models if isinstance(m, dict) and "id" in m]
    return LocalServer(base_url, ids[0] if ids else "")


async def _check_workers_ai(
    profile: EndpointProfile,
    token: str,
    client: httpx.AsyncClient,
    network: NetworkSettings,
    gateway_token: str | None,
) -> Verdict:
    model = profile.model or DEFAULT_WORKERS_AI_MODEL
    tested = replace(profile, model=model)
    backend = backend_for(tested, token, client, network=network, gateway_token=gateway_token)
    failure, window = await _one_token(backend)
    if failure is not None:
        return Verdict(False, failure.message, [model])
    via = f" through AI Gateway “{profile.gateway_id}”" if profile.gateway_id else ""
    return Verdict(True, f"Connected: Workers AI answered{via} with {model}.", [model], window)


async def _check_local(
    profile: EndpointProfile, token: str | None, client: httpx.AsyncClient, network: NetworkSettings
) -> Verdict:
    host = host_of(profile.base_url)
    listed = await local_backend(profile, token, client, network=network).list_models()
    if isinstance(listed, Failure):
        if not profile.model or listed.category not in _LIST_NOT_OFFERED:
            return Verdict(False, listed.message)
        listed = []
    ids = [m.id for m in listed]
    model = profile.model or (ids[0] if ids else "")
    if not model:
        return Verdict(
            False,
            f"The server at {host} answers but serves no model yet. Load a model in the server, "
            "then test again.",
        )
    if ids and model not in ids:
        return Verdict(
            False,
            f"The server at {host} does not serve “{model}”; it serves "
            f"{', '.join(ids)}. Choose one of those, or leave the model empty.",
            ids,
        )
    backend = local_backend(replace(profile, model=model), token, client, network=network)
    failure, window = await _one_token(backend)
    window = window or next((m.context_window for m in listed if m.id == model), None)
    if failure is not None:
        return Verdict(False, failure.message, ids)
    size = f" (context window {window:,} tokens)" if window else ""
    return Verdict(
        True, f"Connected: {host} answered with “{model}”{size}.", ids or [model], window
    )


async def _one_token(backend: ChatBackend) -> tuple[Failure | None, int | None]:
    request = GenerationRequest.chat(
        [Message(Role.USER, "Say OK")], SamplingParams(max_tokens=1), stream=False
    )
    window: int | None = None
    events = backend.stream(request)
    try:
        async for event in events:
            if isinstance(event, ModelSelected):
                window = event.context_window
            elif isinstance(event, Failed):
                return event.failure, window
            elif isinstance(event, Finished):
                return None, window
    finally:
        if isinstance(events, AsyncGenerator):  # returning mid-stream: close the response now
            await events.aclose()
    return make_failure(ErrorCategory.INTERRUPTED, FailureContext(backend.provider, "")), window


@contextlib.asynccontextmanager
async def _client_for(
    profile: EndpointProfile, network: NetworkSettings, client: httpx.AsyncClient | None
) -> AsyncIterator[httpx.AsyncClient | Failure]:
    """The given client, or one built for the profile's CA bundle and closed afterwards."""
    if client is not None:
        yield client
        return
    bundle = Path(profile.ca_bundle) if profile.ca_bundle else None
    try:
        built = build_client(replace(network, ca_bundle=bundle))
    except CABundleError as exc:
        yield make_failure(
            ErrorCategory.MISSING_SETTING, profile.failure_context(), detail=str(exc)
        )
        return
    async with built:
        yield built


def _unsendable(problem: str) -> str:
    return f"This API token cannot be sent: {problem}. Copy it again, whole, and paste it."


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None
