"""Cloudflare Workers AI, native dialect: POST /accounts/{id}/ai/run/{model}, direct or via AI Gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.core.errors import Failure, FailureContext, Provider
from app.core.events import Failed, ModelSelected, StreamEvent
from app.core.params import WORKERS_AI_CONTEXT_WINDOW
from app.core.profiles import DEFAULT_GATEWAY_ROOT
from app.core.profiles import DEFAULT_WORKERS_AI_MODEL as DEFAULT_MODEL
from app.core.profiles import DEFAULT_WORKERS_AI_ROOT as DEFAULT_API_ROOT
from app.core.provenance import SentRequest
from app.core.request import GenerationRequest, PromptMode
from app.core.urls import host_of
from app.net.limits import DEFAULT_LIMITS, StreamLimits
from app.net.retry import RetryPolicy
from app.net.stream_call import HttpCall, moved_endpoint_failure, run_call
from app.net.workers_ai_decoder import WorkersAIStreamDecoder, decode_workers_ai_envelope

_KNOWN_WINDOWS = {DEFAULT_MODEL: WORKERS_AI_CONTEXT_WINDOW}


@dataclass(frozen=True)
class WorkersAIConfig:
    account_id: str
    api_token: str = field(repr=False)
    model: str = DEFAULT_MODEL
    api_root: str = DEFAULT_API_ROOT
    gateway_id: str | None = None  # route through AI Gateway (logging, caching, limits)
    gateway_token: str | None = field(default=None, repr=False)  # authenticated gateways

    def run_url(self) -> str:
        if self.gateway_id:
            root = self.api_root if self.api_root != DEFAULT_API_ROOT else DEFAULT_GATEWAY_ROOT
            return f"{root.rstrip('/')}/{self.account_id}/{self.gateway_id}/workers-ai/{self.model}"
        return f"{self.api_root.rstrip('/')}/accounts/{self.account_id}/ai/run/{self.model}"


class WorkersAIBackend:
    """Streams replies from Workers AI's native endpoint as core events."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        config: WorkersAIConfig,
        *,
        retry: RetryPolicy | None = None,
        stall_timeout_s: float | None = None,
        limits: StreamLimits = DEFAULT_LIMITS,
    ) -> None:
        self._client = client
        self._config = config
        self._retry = retry or RetryPolicy()
        self._limits = limits
        self._ctx = FailureContext(
            Provider.WORKERS_AI, host_of(config.run_url()), config.model, stall_timeout_s
        )

    @property
    def provider(self) -> Provider:
        return Provider.WORKERS_AI

    @property
    def model(self) -> str | None:
        return self._config.model

    def stream(self, request: GenerationRequest) -> AsyncIterator[StreamEvent]:
        # No generator of its own: one less hop per token on the hot path.
        window = _KNOWN_WINDOWS.get(self._config.model)
        request = request.fitted_to(window)
        max_tokens = request.params.max_tokens
        secrets = self._secrets()
        call = HttpCall(
            "POST",
            self._config.run_url(),
            self._headers(request.stream),
            build_payload(request),
            request.stream,
        )
        return run_call(
            self._client,
            call,
            ctx=self._ctx,
            new_decoder=lambda: WorkersAIStreamDecoder(self._ctx, max_tokens, secrets),
            decode_body=lambda obj: decode_workers_ai_envelope(obj, self._ctx, max_tokens, secrets),
            retry=self._retry,
            secrets=secrets,
            first=(ModelSelected(self._config.model, window),),
            limits=self._limits,
        )

    def replay(self, sent: SentRequest) -> AsyncIterator[StreamEvent]:
        """The stored body again, byte for byte, to the same model's run URL."""
        url = self._config.run_url()
        if sent.url != url:
            return _refused(moved_endpoint_failure(sent.url, url, self._ctx))
        payload = sent.payload()
        stream = payload.get("stream") is not False
        max_tokens = payload.get("max_tokens")
        limit = max_tokens if isinstance(max_tokens, int) and max_tokens > 0 else None
        secrets = self._secrets()
        model = self._config.model
        call = HttpCall("POST", url, self._headers(stream), stream=stream, body=sent.body)
        return run_call(
            self._client,
            call,
            ctx=self._ctx,
            new_decoder=lambda: WorkersAIStreamDecoder(self._ctx, limit, secrets),
            decode_body=lambda obj: decode_workers_ai_envelope(obj, self._ctx, limit, secrets),
            retry=self._retry,
            secrets=secrets,
            first=(ModelSelected(model, _KNOWN_WINDOWS.get(model)),),
            limits=self._limits,
        )

    def _headers(self, stream: bool) -> dict[str, str]:
        headers = {
            "Authorization": f"Bearer {self._config.api_token}",
            "Accept": "text/event-stream" if stream else "application/json",
        }
        if self._config.gateway_token:
            headers["cf-aig-authorization"] = f"Bearer {self._config.gateway_token}"
        return headers

    def _secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self._config.api_token, self._config.gateway_token) if s)


def build_payload(request: GenerationRequest) -> dict[str, Any]:
    """The native JSON body: messages or prompt (raw or not), every set parameter, stream flag."""
    payload: dict[str, Any] = {}
    if request.mode is PromptMode.CHAT:
        payload["messages"] = [
            {"role": m.role.value, "content": m.content} for m in request.messages
        ]
    else:
        payload["prompt"] = request.prompt
        if request.mode is PromptMode.RAW:
            payload["raw"] = True
    payload.update(request.params.to_payload())
    payload["stream"] = request.stream
    return payload


async def _refused(failure: Failure) -> AsyncIterator[StreamEvent]:
    yield Failed(failure)
