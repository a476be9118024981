"""Real responses recorded from vLLM and llama.cpp (tests/engines/recorded), through the core.

Runs without the engines: a recorded stream is replayed through httpx.MockTransport, split at
every byte offset, and every recorded error body is classified.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from app.core.errors import ErrorCategory, FailureContext, Provider
from app.core.events import Finished, FinishReason, ModelSelected, TextDelta, Usage
from app.core.request import GenerationRequest, Message, Role
from app.net.error_body import classify_http, parse_error_body
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import NO_RETRY

RECORDED = Path(__file__).resolve().parents[1] / "engines" / "recorded"
ENGINES = ("vllm", "llama-server")
CTX = FailureContext(Provider.LOCAL, "127.0.0.1:8000", "m")


def recorded(engine: str, name: str) -> tuple[int, bytes]:
    meta = json.loads((RECORDED / f"{engine}-{name}.meta.json").read_text())
    body = next(p for p in RECORDED.glob(f"{engine}-{name}.*") if not p.name.endswith("meta.json"))
    return int(meta["status"]), body.read_bytes()


async def replay(stream_chunks: list[bytes], models: bytes) -> list[object]:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/models"):
            return httpx.Response(200, headers={"content-type": "application/json"}, content=models)
        return httpx.Response(
            200,
            headers={"content-type": "text/event-stream"},
            content=b"".join(stream_chunks) if len(stream_chunks) == 1 else _Chunks(stream_chunks),
        )

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        backend = OpenAIBackend(
            client, OpenAIConfig("http://127.0.0.1:8000/v1", "k"), retry=NO_RETRY
        )
        request = GenerationRequest.chat([Message(Role.USER, "Hello!")])
        return [e async for e in backend.stream(request)]


class _Chunks(httpx.AsyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for chunk in self.chunks:
            yield chunk


@pytest.mark.asyncio
@pytest.mark.parametrize("engine", ENGINES)
async def test_recorded_stream_at_every_split(engine: str) -> None:
    _, stream = recorded(engine, "stream")
    _, models = recorded(engine, "models")
    whole = await replay([stream], models)
    text = "".join(e.text for e in whole if isinstance(e, TextDelta))
    assert text and all(e.text for e in whole if isinstance(e, TextDelta))  # no empty deltas
    assert isinstance(whole[0], ModelSelected) and whole[0].context_window == 512
    assert whole[-1] == Finished(FinishReason.LENGTH)
    usage = [e for e in whole if isinstance(e, Usage)]
    assert len(usage) == 1 and usage[0].completion_tokens > 0
    step = max(1, len(stream) // 300)
    for offset in range(1, len(stream), step):
        events = await replay([stream[:offset], stream[offset:]], models)
        assert events == whole, offset


@pytest.mark.parametrize(
    "engine, name, category",
    [
        ("vllm", "401", ErrorCategory.BAD_TOKEN),
        ("llama-server", "401", ErrorCategory.BAD_TOKEN),
        ("vllm", "context-overflow", ErrorCategory.CONTEXT_TOO_LONG),
        ("llama-server", "context-overflow", ErrorCategory.CONTEXT_TOO_LONG),
        ("vllm", "unknown-model", ErrorCategory.UNKNOWN_MODEL),
        ("vllm", "max-tokens-over-context", ErrorCategory.CONTEXT_TOO_LONG),
    ],
)
def test_recorded_error_bodies_are_classified(
    engine: str, name: str, category: ErrorCategory
) -> None:
    status, body = recorded(engine, name)
    failure = classify_http(status, parse_error_body(body), CTX)
    assert failure.category is category, (status, body[:200])
    assert "{" not in failure.message
