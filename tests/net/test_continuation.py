"""Continue on servers without /completions: the chat fallback, then a plain refusal (loopback)."""

from __future__ import annotations

import httpx
import pytest

from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory
from app.core.events import Failed, Finished, FinishReason, StreamEvent, TextDelta
from app.core.params import SamplingParams
from app.core.reply import ReplyRecorder
from app.core.request import GenerationRequest, Role
from app.core.session import ChatSession
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import NO_RETRY
from tests.loopback import LoopbackServer

KEY = "sk-continue-test-0123456789"


def cut_reply() -> tuple[ChatSession, GenerationRequest]:
    """A chat whose reply was cut by max_tokens, and the request that continues it."""
    session = ChatSession(ChatSettings("Be brief.", SamplingParams(max_tokens=64)))
    turn = session.send("Count to five")
    recorder = ReplyRecorder()
    recorder.feed(TextDelta("One, two"))
    recorder.feed(Finished(FinishReason.LENGTH))
    session.finish_reply(turn.reply, recorder)
    return session, session.continue_reply(turn.reply).request


async def run(server: LoopbackServer, *requests: GenerationRequest) -> list[list[StreamEvent]]:
    async with httpx.AsyncClient() as client:
        backend = OpenAIBackend(
            client, OpenAIConfig(f"{server.url}/v1", KEY, "tiny-llama"), retry=NO_RETRY
        )
        return [[e async for e in backend.stream(r)] for r in requests]


def text(events: list[StreamEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def posts(server: LoopbackServer) -> list[str]:
    return [r.url_path for r in server.requests if r.method == "POST"]


@pytest.mark.asyncio
async def test_with_completions_the_raw_prompt_goes_there(loopback: LoopbackServer) -> None:
    _, request = cut_reply()
    [events] = await run(loopback, request)
    assert text(events) == "Hello, world!" and isinstance(events[-1], Finished)
    assert posts(loopback) == ["/v1/completions"]
    prompt = loopback.requests[-1].json()["prompt"]
    assert prompt.endswith("<|start_header_id|>assistant<|end_header_id|>\n\nOne, two")


@pytest.mark.asyncio
async def test_without_completions_the_reply_is_continued_through_chat(
    loopback: LoopbackServer,
) -> None:
    loopback.raw_completions = False
    _, request = cut_reply()
    first, second = await run(loopback, request, request)
    for events in (first, second):
        assert text(events) == "Hello, world!" and isinstance(events[-1], Finished)
        assert not any(isinstance(e, Failed) for e in events)
    # The 404 is learnt once: the second Continue goes straight to the chat endpoint.
    assert posts(loopback) == ["/v1/completions", "/v1/chat/completions", "/v1/chat/completions"]
    sent = loopback.requests[-1].json()
    assert sent["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Count to five"},
        {"role": "assistant", "content": "One, two"},
    ]
    assert sent["continue_final_message"] is True and sent["add_generation_prompt"] is False
    assert sent["model"] == "tiny-llama" and sent["max_tokens"] == 64 and sent["stream"] is True


@pytest.mark.asyncio
async def test_a_server_that_refuses_both_says_it_cannot_continue(
    loopback: LoopbackServer,
) -> None:
    loopback.raw_completions = False
    loopback.continue_final_message = False
    _, request = cut_reply()
    [events] = await run(loopback, request)
    failure = events[-1].failure if isinstance(events[-1], Failed) else None
    assert failure is not None and failure.category is ErrorCategory.UNSUPPORTED
    assert failure.message.startswith(
        f"The server at 127.0.0.1:{loopback.port} cannot continue a reply"
    )
    assert "Use Retry to write the reply again" in failure.message
    assert "format LlamaDesk understands" not in failure.message  # the old, wrong message
    assert text(events) == ""
    assert posts(loopback) == ["/v1/completions", "/v1/chat/completions"]


@pytest.mark.asyncio
async def test_a_raw_prompt_without_completions_asks_for_chat_mode(
    loopback: LoopbackServer,
) -> None:
    loopback.raw_completions = False
    request = GenerationRequest.raw("<|begin_of_text|>Once upon a time")
    [events] = await run(loopback, request)
    failure = events[-1].failure if isinstance(events[-1], Failed) else None
    assert failure is not None and failure.category is ErrorCategory.UNSUPPORTED
    assert "cannot take a raw prompt" in failure.message and "chat mode" in failure.message
    assert posts(loopback) == ["/v1/completions"]  # nothing to continue: no chat fallback


@pytest.mark.asyncio
async def test_an_unknown_model_on_completions_is_not_mistaken_for_a_missing_endpoint(
    loopback: LoopbackServer,
) -> None:
    from tests.loopback import Reply, openai_error

    body = openai_error("openai", 404, "The model `tiny-llama` does not exist.")
    loopback.queue("POST", "/v1/completions", Reply.json(body, 404))
    _, request = cut_reply()
    [events] = await run(loopback, request)
    failure = events[-1].failure if isinstance(events[-1], Failed) else None
    assert failure is not None and failure.category is ErrorCategory.UNKNOWN_MODEL
    assert posts(loopback) == ["/v1/completions"]


def test_the_continuation_request_carries_the_turn_as_messages() -> None:
    _, request = cut_reply()
    assert [m.role for m in request.continues] == [Role.SYSTEM, Role.USER, Role.ASSISTANT]
    assert request.continues[-1].content == "One, two"
    # Fitting max_tokens to a window keeps it.
    assert request.fitted_to(4096).continues == request.continues
