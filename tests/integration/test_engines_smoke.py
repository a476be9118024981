"""Smoke tests of the wire format of real vLLM and llama.cpp servers, with plain httpx.

They pin down what LlamaDesk's client must handle, on each engine: the model list, a streamed
completion's chunk sequence, the 401 and context-overflow bodies, and a cancelled stream.
Set ``LLAMADESK_ENGINE_RECORD_DIR`` to save each raw response there (see tests/engines/recorded).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.engines import servers

pytestmark = pytest.mark.engines

TIMEOUT = httpx.Timeout(60.0, connect=5.0)
PROMPT = [{"role": "user", "content": "Hello! How can I help you today?"}]
# "zq " is three or more tokens a word for the tiny tokenizer: ~1,800 tokens, far over 512.
OVERLONG_PROMPT = [{"role": "user", "content": "zq " * 600}]
CONTEXT_OVERFLOW_MARKERS = {
    "vllm": "maximum context length",
    "llama-server": "exceeds the available context size",
}
PROMPTLY_S = 15.0  # a new request after a cancel; it takes well under a second on both engines
CANCELLED_MAX_TOKENS = 400  # prompt (~80 tokens) + 400 fits in the 512-token context
RECORDED_WHOLE, RECORDED_HEAD, RECORDED_TAIL = 16, 5, 3
PROMPT_CANCEL_S = 0.3  # on an idle machine the third content chunk comes after ~0.03 s


def _headers(server: servers.ServerHandle, api_key: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key or server.api_key}"}


def _chat_body(server: servers.ServerHandle, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": server.model,
        "messages": PROMPT,
        "stream": True,
        "stream_options": {"include_usage": True},
        "temperature": 0,
        "max_tokens": 8,
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


def _data_events(raw: str) -> list[str]:
    """The payloads of the ``data:`` lines of an SSE body, in order."""
    return [
        line.removeprefix("data:").strip() for line in raw.splitlines() if line.startswith("data:")
    ]


def _record(server: servers.ServerHandle, name: str, response: httpx.Response, body: str) -> None:
    """Save a raw response body, plus its status and content type, when recording is on.

    A stream of more than ``RECORDED_WHOLE`` events keeps only its first and last events,
    verbatim; the 8-token streams are kept whole.
    """
    record_dir = os.environ.get("LLAMADESK_ENGINE_RECORD_DIR")
    if not record_dir:
        return
    base = Path(record_dir) / f"{server.engine}-{name}"
    base.parent.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {
        "request": f"{response.request.method} {response.request.url.path}",
        "status": response.status_code,
        "content_type": response.headers.get("content-type"),
    }
    if meta["content_type"].startswith("text/event-stream"):
        events = [event for event in body.split("\n\n") if event]
        meta["events"] = len(events)
        if len(events) > RECORDED_WHOLE:
            events = events[:RECORDED_HEAD] + events[-RECORDED_TAIL:]
            meta["kept"] = f"first {RECORDED_HEAD} and last {RECORDED_TAIL} events"
        base.with_suffix(".sse").write_text("".join(event + "\n\n" for event in events))
    else:
        base.with_suffix(".json").write_text(body)
    base.with_suffix(".meta.json").write_text(json.dumps(meta, indent=2) + "\n")


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=TIMEOUT) as http_client:
        yield http_client


def test_models_lists_the_served_id_and_its_context(
    engine_server: servers.ServerHandle, client: httpx.Client
):
    response = client.get(f"{engine_server.base_url}/models", headers=_headers(engine_server))
    _record(engine_server, "models", response, response.text)

    assert response.status_code == 200
    entry = response.json()["data"][0]
    assert entry["id"] == engine_server.model
    if engine_server.engine == "vllm":
        assert entry["max_model_len"] == engine_server.max_model_len
    else:
        assert entry["meta"]["n_ctx"] == engine_server.max_model_len


def test_stream_yields_role_content_length_usage_done(
    engine_server: servers.ServerHandle, client: httpx.Client
):
    with client.stream(
        "POST",
        f"{engine_server.base_url}/chat/completions",
        headers=_headers(engine_server),
        json=_chat_body(engine_server),
    ) as response:
        raw = response.read().decode()
    _record(engine_server, "stream", response, raw)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = _data_events(raw)
    assert events[-1] == "[DONE]"
    chunks = [json.loads(event) for event in events[:-1]]
    # The role comes first (vLLM: content "", llama.cpp: content null).
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    # Usage comes last, alone, with no choices.
    usage_chunk = chunks[-1]
    assert usage_chunk["choices"] == []
    assert usage_chunk["usage"]["completion_tokens"] == 8
    assert usage_chunk["usage"]["total_tokens"] == (
        usage_chunk["usage"]["prompt_tokens"] + usage_chunk["usage"]["completion_tokens"]
    )
    # Then the finish reason, on the last choice chunk (vLLM puts it on the last content chunk,
    # llama.cpp on an empty delta of its own); never before it.
    choice_chunks = chunks[:-1]
    finish_reasons = [chunk["choices"][0].get("finish_reason") for chunk in choice_chunks]
    assert finish_reasons[-1] == "length"
    assert not any(finish_reasons[:-1])
    texts = [chunk["choices"][0]["delta"].get("content") for chunk in choice_chunks[1:]]
    assert sum(1 for text in texts if text) >= 2


def test_wrong_api_key_gives_401(engine_server: servers.ServerHandle, client: httpx.Client):
    response = client.post(
        f"{engine_server.base_url}/chat/completions",
        headers=_headers(engine_server, api_key="not-the-key"),
        json=_chat_body(engine_server),
    )
    _record(engine_server, "401", response, response.text)

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    if engine_server.engine == "vllm":
        assert error == "Unauthorized"
    else:
        assert error["message"] == "Invalid API Key"
        assert error["type"] == "authentication_error"


def test_overlong_prompt_gives_400_json_even_when_streaming(
    engine_server: servers.ServerHandle, client: httpx.Client
):
    response = client.post(
        f"{engine_server.base_url}/chat/completions",
        headers=_headers(engine_server),
        json=_chat_body(engine_server, messages=OVERLONG_PROMPT),
    )
    _record(engine_server, "context-overflow", response, response.text)

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == 400
    assert CONTEXT_OVERFLOW_MARKERS[engine_server.engine] in error["message"]


def test_max_tokens_beyond_the_context(engine_server: servers.ServerHandle, client: httpx.Client):
    # vLLM refuses a max_tokens larger than the whole context (and silently clamps one that only
    # overflows together with the prompt); llama.cpp clamps both and stops at the context's end.
    with client.stream(
        "POST",
        f"{engine_server.base_url}/chat/completions",
        headers=_headers(engine_server),
        json=_chat_body(engine_server, max_tokens=1000),
    ) as response:
        raw = response.read().decode()
    _record(engine_server, "max-tokens-over-context", response, raw)

    if engine_server.engine == "vllm":
        assert response.status_code == 400
        error = response.json()["error"]
        assert "cannot be greater than max_model_len" in error["message"]
        assert error["param"] == "max_tokens"
    else:
        assert response.status_code == 200
        chunks = [json.loads(event) for event in _data_events(raw)[:-1]]
        assert chunks[-2]["choices"][0]["finish_reason"] == "length"
        assert chunks[-1]["usage"]["total_tokens"] == engine_server.max_model_len


def test_unknown_model(engine_server: servers.ServerHandle, client: httpx.Client):
    response = client.post(
        f"{engine_server.base_url}/chat/completions",
        headers=_headers(engine_server),
        json=_chat_body(engine_server, model="no-such-model", stream=False, stream_options=None),
    )
    _record(engine_server, "unknown-model", response, response.text)

    if engine_server.engine == "vllm":
        assert response.status_code == 404
        assert "does not exist" in response.json()["error"]["message"]
    else:  # llama.cpp serves its one model whatever the request names
        assert response.status_code == 200


def test_cancelled_stream_does_not_hold_up_the_next_request(
    engine_server: servers.ServerHandle, client: httpx.Client
):
    tokens_before = _generated_tokens(engine_server, client)
    long_reply = _chat_body(engine_server, max_tokens=CANCELLED_MAX_TOKENS)
    opened = time.monotonic()
    with client.stream(
        "POST",
        f"{engine_server.base_url}/chat/completions",
        headers=_headers(engine_server),
        json=long_reply,
    ) as response:
        assert response.status_code == 200
        contents = 0
        for line in response.iter_lines():
            payload = line.removeprefix("data:").strip()
            if not line.startswith("data:") or payload == "[DONE]":
                continue
            choices = json.loads(payload)["choices"]
            if choices and choices[0]["delta"].get("content"):
                contents += 1
                if contents == 3:
                    break  # leaving the block closes the connection mid-stream
    assert contents == 3
    cancelled_after = time.monotonic() - opened

    started = time.monotonic()
    followup = client.post(
        f"{engine_server.base_url}/chat/completions",
        headers=_headers(engine_server),
        json=_chat_body(engine_server, stream=False, stream_options=None),
    )
    elapsed = time.monotonic() - started

    assert followup.status_code == 200
    assert followup.json()["choices"][0]["finish_reason"] == "length"
    assert elapsed < PROMPTLY_S
    if engine_server.engine == "vllm" and cancelled_after < PROMPT_CANCEL_S:
        # vLLM decodes ~250 tokens/s here, so a request cancelled this early had over a second of
        # work left: it must have been aborted well short of its max_tokens. (When the machine is
        # loaded, vLLM's API process can lag its engine by over a second; the whole reply is then
        # done before the cancel, and this check would prove nothing.)
        servers.poll_until(
            lambda: _vllm_metric(engine_server, client, "vllm:num_requests_running") == 0,
            timeout=30,
            description="vLLM idle",
        )
        generated = _generated_tokens(engine_server, client) - tokens_before
        assert generated < CANCELLED_MAX_TOKENS, f"not aborted (closed at {cancelled_after:.2f} s)"
    # llama.cpp decodes the tiny model at ~4,000 tokens/s: the whole reply may be done before
    # the disconnect is seen, so only promptness is checked there.


def _generated_tokens(server: servers.ServerHandle, client: httpx.Client) -> float:
    if server.engine != "vllm":
        return 0.0
    return _vllm_metric(server, client, "vllm:generation_tokens_total")


def _vllm_metric(server: servers.ServerHandle, client: httpx.Client, name: str) -> float:
    """Sum of a Prometheus metric's samples on vLLM's /metrics (which needs no API key)."""
    text = client.get(f"{server.root_url}/metrics").raise_for_status().text
    return sum(
        float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name + "{")
    )
