"""OpenAI-compatible dialect: /chat/completions (and /completions for raw prompts), GET /models."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.core.errors import ErrorCategory, Failure, FailureContext, Provider, make_failure
from app.core.events import Failed, ModelSelected, StreamEvent
from app.core.request import GenerationRequest, PromptMode
from app.core.urls import normalize_base_url as normalize_base_url  # re-export: moved to core
from app.net.decoding import as_int
from app.net.openai_decoder import OpenAIStreamDecoder, decode_openai_body
from app.net.retry import RetryPolicy
from app.net.stream_call import HttpCall, http_failure, read_bounded, run_call
from app.net.transport import classify_transport_error

_MAX_MODELS_BODY = 4 * 1024 * 1024
_MODEL_LIST_OPTIONAL = (
    ErrorCategory.PROTOCOL,
    ErrorCategory.BAD_INPUT,
    ErrorCategory.UNKNOWN_MODEL,
)


@dataclass(frozen=True)
class OpenAIConfig:
    base_url: str  # the /v1 root, normalised
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None  # None: the first model GET /models lists


@dataclass(frozen=True, slots=True)
class ModelInfo:
    id: str
    context_window: int | None


class OpenAIBackend:
    """Streams replies from an OpenAI-compatible server as core events."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        config: OpenAIConfig,
        *,
        retry: RetryPolicy | None = None,
        stall_timeout_s: float | None = None,
    ) -> None:
        self._client = client
        self._config = config
        self._retry = retry or RetryPolicy()
        self._base = config.base_url.rstrip("/")
        self._stall = stall_timeout_s
        self._model = config.model
        self._models: list[ModelInfo] | None = None
        self._secrets = (config.api_key,) if config.api_key else ()

    @property
    def provider(self) -> Provider:
        return Provider.LOCAL

    @property
    def model(self) -> str | None:
        return self._model

    def _ctx(self) -> FailureContext:
        return FailureContext(Provider.LOCAL, urlsplit(self._base).netloc, self._model, self._stall)

    async def list_models(self) -> list[ModelInfo] | Failure:
        """GET /models: the served ids and, where advertised, their context windows."""
        try:
            async with self._client.stream(
                "GET", f"{self._base}/models", headers=self._headers()
            ) as response:
                if response.is_error:
                    return await http_failure(response, self._ctx(), self._secrets)
                body = await read_bounded(response, _MAX_MODELS_BODY)
        except httpx.HTTPError as exc:
            return classify_transport_error(exc, self._ctx(), got_response=False)
        try:
            data = json.loads(body).get("data")
        except (ValueError, AttributeError, RecursionError):
            data = None
        if not isinstance(data, list):
            return make_failure(
                ErrorCategory.PROTOCOL,
                self._ctx(),
                detail="the model list was not in the OpenAI format",
            )
        return [
            ModelInfo(str(m["id"]), _context_window(m))
            for m in data
            if isinstance(m, dict) and isinstance(m.get("id"), str | int)
        ]

    async def stream(self, request: GenerationRequest) -> AsyncIterator[StreamEvent]:
        window: int | None = None
        # Unknown model, or an unknown window for the default max_tokens: ask the server once.
        if self._model is None or (request.params.max_tokens is None and self._models is None):
            found = await self.list_models()
            if isinstance(found, Failure):
                # A server without /models is fine when the model is known; one that cannot be
                # reached or refuses the key would fail the chat request the same way: stop here.
                if self._model is None or found.category not in _MODEL_LIST_OPTIONAL:
                    yield Failed(_no_model_list(found, self._ctx()))
                    return
            else:
                self._models = found
                if self._model is None:
                    if not found:
                        yield Failed(
                            make_failure(
                                ErrorCategory.UNKNOWN_MODEL,
                                self._ctx(),
                                detail="the server lists no models",
                            )
                        )
                        return
                    self._model = found[0].id
        for info in self._models or ():
            if info.id == self._model:
                window = info.context_window
        assert self._model is not None
        yield ModelSelected(self._model, window)
        request = request.fitted_to(window)
        raw = request.mode is PromptMode.RAW
        url = f"{self._base}/completions" if raw else f"{self._base}/chat/completions"
        call = HttpCall(
            "POST", url, self._headers(), build_payload(request, self._model), request.stream
        )
        ctx = self._ctx()
        async for event in run_call(
            self._client,
            call,
            ctx=ctx,
            new_decoder=lambda: OpenAIStreamDecoder(ctx),
            decode_body=lambda obj: decode_openai_body(obj, ctx),
            retry=self._retry,
            secrets=self._secrets,
        ):
            yield event

    def _headers(self) -> dict[str, str]:
        if self._config.api_key:
            return {"Authorization": f"Bearer {self._config.api_key}"}
        return {}


def build_payload(request: GenerationRequest, model: str) -> dict[str, Any]:
    """chat/completions body (an unscoped prompt becomes one user message); /completions for raw."""
    payload: dict[str, Any] = {"model": model}
    if request.mode is PromptMode.RAW:
        payload["prompt"] = request.prompt
    elif request.mode is PromptMode.UNSCOPED:
        payload["messages"] = [{"role": "user", "content": request.prompt}]
    else:
        payload["messages"] = [
            {"role": m.role.value, "content": m.content} for m in request.messages
        ]
    payload.update(request.params.to_payload())
    payload["stream"] = request.stream
    if request.stream:
        payload["stream_options"] = {"include_usage": True}
    return payload


def _context_window(model: dict[str, Any]) -> int | None:
    meta = model.get("meta")
    for value in (
        model.get("max_model_len"),
        model.get("context_length"),
        model.get("context_window"),
        meta.get("n_ctx") if isinstance(meta, dict) else None,
        meta.get("n_ctx_train") if isinstance(meta, dict) else None,
    ):
        if (n := as_int(value)) > 0:
            return n
    return None


def _no_model_list(failure: Failure, ctx: FailureContext) -> Failure:
    """Discovery failed and no model was named: say so, unless the cause is more basic."""
    if failure.category is ErrorCategory.PROTOCOL:
        return make_failure(
            ErrorCategory.MISSING_SETTING,
            ctx,
            detail=f"The server at {ctx.host} does not list its models. Enter the model "
            "name in the endpoint settings (or pass --model).",
        )
    return failure
