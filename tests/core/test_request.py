"""Requests in the three prompt modes, and refusal of requests that have nothing to send."""

from __future__ import annotations

import pytest

from app.core.params import ParameterError, SamplingParams
from app.core.request import GenerationRequest, Message, PromptMode, RequestError, Role
from app.net import openai_compat, workers_ai


def test_chat_payload_for_both_dialects() -> None:
    req = GenerationRequest.chat(
        [Message(Role.SYSTEM, "Be brief."), Message(Role.USER, "Hi")],
        SamplingParams(temperature=0.2),
    ).fitted_to(32_000)
    native = workers_ai.build_payload(req)
    assert native == {
        "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
        "temperature": 0.2,
        "max_tokens": 1024,
        "stream": True,
    }
    oai = openai_compat.build_payload(req, "m")
    assert oai["model"] == "m" and oai["messages"] == native["messages"]
    assert oai["stream_options"] == {"include_usage": True}


def test_unscoped_and_raw_payloads() -> None:
    unscoped = GenerationRequest.unscoped("Tell a joke", stream=False).fitted_to(None)
    assert workers_ai.build_payload(unscoped) == {
        "prompt": "Tell a joke",
        "max_tokens": 1024,
        "stream": False,
    }
    # OpenAI chat endpoints need messages: an unscoped prompt is one user message.
    assert openai_compat.build_payload(unscoped, "m")["messages"] == [
        {"role": "user", "content": "Tell a joke"}
    ]
    raw = GenerationRequest.raw("<|begin_of_text|>x").fitted_to(None)
    assert workers_ai.build_payload(raw)["raw"] is True
    assert openai_compat.build_payload(raw, "m")["prompt"] == "<|begin_of_text|>x"


@pytest.mark.parametrize(
    "build",
    [
        lambda: GenerationRequest.chat([]),
        lambda: GenerationRequest.chat([Message(Role.SYSTEM, "only a system prompt")]),
        lambda: GenerationRequest.chat([Message(Role.USER, "  \n ")]),
        lambda: GenerationRequest.unscoped(""),
        lambda: GenerationRequest.raw("   "),
    ],
)
def test_nothing_to_send_is_refused(build: object) -> None:
    with pytest.raises(RequestError, match="nothing to send"):
        build()  # type: ignore[operator]


def test_parameters_are_validated_when_the_request_is_built() -> None:
    with pytest.raises(ParameterError, match="top_p"):
        GenerationRequest.unscoped("x", SamplingParams(top_p=3))


def test_long_prompt_shrinks_default_max_tokens_to_fit() -> None:
    req = GenerationRequest.chat([Message(Role.USER, "word " * 1600)])  # ~2000 tokens estimated
    fitted = req.fitted_to(2048)
    assert fitted.params.max_tokens is not None and fitted.params.max_tokens < 100
    assert fitted.mode is PromptMode.CHAT and fitted.messages == req.messages
