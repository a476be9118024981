"""A URL with user:password@ that slipped past the settings is never Basic auth nor shown."""

from __future__ import annotations

import pytest

from app.core.events import Failed, Finished
from app.core.request import GenerationRequest, Message, Role
from app.core.urls import host_of, shown_url, url_problem
from app.net.limits import NetworkSettings
from app.net.openai_compat import OpenAIBackend, OpenAIConfig
from app.net.retry import NO_RETRY
from app.net.transport import build_client
from tests.loopback import LoopbackServer, Reply, openai_error

KEY = "sk-bearer-key-0123456789"
PASSWORD = "pw-Zq8xK2mN4"


@pytest.mark.asyncio
async def test_the_bearer_key_is_sent_never_the_urls_password(loopback: LoopbackServer) -> None:
    base = f"http://admin:{PASSWORD}@127.0.0.1:{loopback.port}/v1"
    request = GenerationRequest.chat([Message(Role.USER, "Hi")])
    async with build_client(NetworkSettings()) as client:
        backend = OpenAIBackend(client, OpenAIConfig(base, KEY, "m"), retry=NO_RETRY)
        events = [e async for e in backend.stream(request)]
        assert isinstance(events[-1], Finished)
        loopback.queue(
            "POST", "/chat/completions", Reply.json(openai_error("openai", 500, "x"), 500)
        )
        failed = [e async for e in backend.stream(request)][-1]
    sent = [(r.method, r.header("authorization")) for r in loopback.requests]
    assert sent == [("GET", f"Bearer {KEY}")] + [("POST", f"Bearer {KEY}")] * 2  # never Basic
    assert isinstance(failed, Failed)
    assert PASSWORD not in failed.failure.message and "admin" not in failed.failure.message
    assert f"127.0.0.1:{loopback.port}" in failed.failure.message


def test_url_helpers_never_give_the_password_back() -> None:
    url = f"http://admin:{PASSWORD}@gpu.example:8000/v1"
    assert host_of(url) == "gpu.example:8000"
    assert shown_url(url) == "http://gpu.example:8000/v1"
    problem = url_problem(url)
    assert problem is not None and PASSWORD not in problem
    assert url_problem("http://gpu.example:8000/v1") is None
