"""OpenAI-compatible dialect: /chat/completions (and /completions for raw prompts), GET /models."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass, field
from typing import Any, cast

import httpx

from app.core.errors import ErrorCategory, Failure, FailureContext, Provider, make_failure
from app.core.events import Failed, ModelSelected, StreamEvent
from app.core.provenance import SentRequest
from app.core.request import GenerationRequest, PromptMode
from app.core.secrets import redact
from app.core.urls import host_of, is_workers_ai_url
from app.core.urls import normalize_base_url as normalize_base_url  # re-export: moved to core
from app.net.body_reader import read_bounded
from app.net.decoding import as_int
from app.net.limits import DEFAULT_LIMITS, StreamLimits
from app.net.openai_decoder import OpenAIStreamDecoder, decode_openai_body
from app.net.retry import RetryPolicy
from app.net.stream_call import HttpCall, http_failure, moved_endpoint_failure, run_call
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
        limits: StreamLimits = DEFAULT_LIMITS,
    ) -> None:
        self._client = client
        self._config = config
        self._retry = retry or RetryPolicy()
        self._limits = limits
        self._base = config.base_url.rstrip("/")
        self._stall = stall_timeout_s
        self._model = config.model
        self._models: list[ModelInfo] | None = None
        self._secrets = (config.api_key,) if config.api_key else ()
        # Cloudflare's own OpenAI-compatible root answers with Cloudflare's errors.
        cloudflare = is_workers_ai_url(self._base)
        self._provider = Provider.WORKERS_AI if cloudflare else Provider.LOCAL
        self._raw_endpoint_missing = False  # learnt from a 404/405 on /completions

    @property
    def provider(self) -> Provider:
        return self._provider

    @property
    def model(self) -> str | None:
        return self._shown(self._model)

    def _shown(self, model: str | None) -> str | None:
        """A model id as it may be shown: a server may list (or echo) the token as one."""
        return None if model is None else redact(model, self._secrets)

    def _ctx(self) -> FailureContext:
        return FailureContext(
            self._provider, host_of(self._base), self._shown(self._model), self._stall
        )

    async def list_models(self) -> list[ModelInfo] | Failure:
        """GET /models: the served ids, as they may be shown, and their context windows."""
        found = await self._list_models()
        if isinstance(found, Failure):
            return found
        return [ModelInfo(redact(m.id, self._secrets), m.context_window) for m in found]

    async def _list_models(self) -> list[ModelInfo] | Failure:
        """GET /models: the served ids as the server spells them (to send back, never to show)."""
        answered = False
        try:
            async with self._client.stream(
                "GET", f"{self._base}/models", headers=self._headers()
            ) as response:
                answered = True
                if response.is_error:
                    return await http_failure(response, self._ctx(), self._secrets)
                body = await read_bounded(response, _MAX_MODELS_BODY)
        except httpx.HTTPError as exc:
            return classify_transport_error(exc, self._ctx(), got_response=answered)
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
            found = await self._list_models()
            if isinstance(found, Failure):
                # A server without /models is fine when the model is known; one that cannot be
                # reached or refuses the key would fail the chat request the same way: stop here.
                if self._model is None or found.category not in _MODEL_LIST_OPTIONAL:
                    yield Failed(_no_model_list(found, self._ctx()))
                    return
                self._models = []  # it offers no list: do not ask again before every message
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
        yield ModelSelected(redact(self._model, self._secrets), window)
        request = request.fitted_to(window)
        if request.mode is not PromptMode.RAW:
            events = self._post("/chat/completions", build_payload(request, self._model))
        else:
            events = self._raw(request, self._model)
        # Closed with this generator: a consumer that stops early closes the response at once.
        async with _closing(events) as inner:
            async for event in inner:
                yield event

    async def _raw(self, request: GenerationRequest, model: str) -> AsyncIterator[StreamEvent]:
        """A raw prompt goes to /completions; a server without it (404/405) may still continue
        a reply through /chat/completions, with the partial reply as the last message."""
        if not self._raw_endpoint_missing:
            completions = self._post("/completions", build_payload(request, model))
            async with _closing(completions) as inner:
                async for event in inner:
                    if type(event) is Failed and _endpoint_missing(event.failure):
                        self._raw_endpoint_missing = True  # the call's last event: it ends here
                        continue
                    yield event
            if not self._raw_endpoint_missing:
                return
        host = host_of(self._base)
        if not request.continues:
            yield Failed(
                make_failure(
                    ErrorCategory.UNSUPPORTED,
                    self._ctx(),
                    detail=f"The server at {host} has no /completions endpoint, so it cannot "
                    "take a raw prompt. Send the message in chat mode instead.",
                )
            )
            return
        chat = self._post("/chat/completions", continuation_payload(request, model))
        async with _closing(chat) as inner:
            async for event in inner:
                if type(event) is Failed and _refused_continuation(event.failure):
                    event = Failed(
                        make_failure(
                            ErrorCategory.UNSUPPORTED,
                            self._ctx(),
                            detail=f"The server at {host} cannot continue a reply: it has no "
                            "/completions endpoint and refused to continue the message through "
                            "/chat/completions. Use Retry to write the reply again (raise max_tokens "
                            "first so that it is not cut).",
                            status=event.failure.status,
                        )
                    )
                yield event

    async def replay(self, sent: SentRequest) -> AsyncIterator[StreamEvent]:
        """The stored body again, byte for byte, to the same path of this server."""
        if sent.url not in (self._base + "/chat/completions", self._base + "/completions"):
            yield Failed(moved_endpoint_failure(sent.url, self._base, self._ctx()))
            return
        payload = sent.payload()
        served = payload.get("model")
        if isinstance(served, str):
            window = next((m.context_window for m in self._models or () if m.id == served), None)
            yield ModelSelected(redact(served, self._secrets), window)
        call = HttpCall(
            "POST",
            sent.url,
            self._headers(),
            stream=payload.get("stream") is not False,
            body=sent.body,
        )
        async with _closing(self._run(call)) as inner:
            async for event in inner:
                yield event

    def _post(self, path: str, payload: dict[str, Any]) -> AsyncIterator[StreamEvent]:
        call = HttpCall("POST", self._base + path, self._headers(), payload, payload["stream"])
        return self._run(call)

    def _run(self, call: HttpCall) -> AsyncIterator[StreamEvent]:
        ctx = self._ctx()
        return run_call(
            self._client,
            call,
            ctx=ctx,
            new_decoder=lambda: OpenAIStreamDecoder(ctx, self._secrets),
            decode_body=lambda obj: decode_openai_body(obj, ctx, self._secrets),
            retry=self._retry,
            secrets=self._secrets,
            limits=self._limits,
        )

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


def continuation_payload(request: GenerationRequest, model: str) -> dict[str, Any]:
    """chat/completions continuing the last (assistant) message instead of starting a new one.

    `continue_final_message` with `add_generation_prompt: false` is vLLM's and SGLang's way
    (and transformers'); llama.cpp's server continues a trailing assistant message by itself
    (its default "prefill") and accepts the same two fields since 2026.
    """
    payload: dict[str, Any] = {
        "model": model,
        "messages": [{"role": m.role.value, "content": m.content} for m in request.continues],
        "continue_final_message": True,
        "add_generation_prompt": False,
    }
    payload.update(request.params.to_payload())
    payload["stream"] = request.stream
    if request.stream:
        payload["stream_options"] = {"include_usage": True}
    return payload


def _endpoint_missing(failure: Failure) -> bool:
    """404/405 with no more specific reading (an unknown model is a 404 too)."""
    return failure.status in (404, 405) and failure.category is ErrorCategory.PROTOCOL


def _refused_continuation(failure: Failure) -> bool:
    """The fallback was refused as a request (not for its size, its model or the server's health)."""
    return failure.status in (400, 404, 405, 422) and failure.category in (
        ErrorCategory.BAD_INPUT,
        ErrorCategory.PROTOCOL,
    )


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


def _closing(
    events: AsyncIterator[StreamEvent],
) -> contextlib.aclosing[AsyncGenerator[StreamEvent, None]]:
    """`events` (an async generator) closed as soon as the block is left, not by the GC."""
    return contextlib.aclosing(cast(AsyncGenerator[StreamEvent, None], events))
