"""Test connection keeps the chat's bounds, only shorter: a silent server is reported in seconds."""

from __future__ import annotations

import dataclasses
import time

import pytest

from app.core.profiles import local_profile, workers_ai_profile
from app.net import connection_check
from app.net.connection_check import CHECK_NETWORK, CHECK_WAIT_S
from tests.loopback import LoopbackServer, Reply
from tests.loopback.hostile import endless_line, never_answers


@pytest.mark.asyncio
async def test_a_silent_server_is_reported_within_the_check_wait(loopback: LoopbackServer) -> None:
    """The real default, not a test value: "never answered" in ~6 s, not ~25 s of silence."""
    loopback.queue("GET", "/models", never_answers("openai"))
    profile = local_profile(f"{loopback.url}/v1")
    started = time.monotonic()

    verdict = await connection_check.test_connection(profile, None)

    elapsed = time.monotonic() - started
    assert not verdict.ok
    assert "accepted the request but never answered (waited 6 seconds)" in verdict.message
    assert CHECK_WAIT_S <= elapsed < CHECK_WAIT_S + 3
    assert CHECK_NETWORK.limits.first_byte_s == CHECK_WAIT_S == CHECK_NETWORK.stall_timeout_s


@pytest.mark.asyncio
async def test_a_check_whose_chat_request_hangs_is_reported_the_same_way(
    loopback: LoopbackServer,
) -> None:
    loopback.queue("POST", "/chat/completions", never_answers("openai"))
    network = dataclasses.replace(CHECK_NETWORK, stall_timeout_s=0.3)

    verdict = await connection_check.test_connection(
        local_profile(f"{loopback.url}/v1"), None, network=network
    )

    assert not verdict.ok and "never answered (waited 0.3 seconds)" in verdict.message


@pytest.mark.asyncio
async def test_the_check_has_the_size_bounds_too(loopback: LoopbackServer) -> None:
    """A one-token check answered with an endless line stops at the line bound."""
    hostile = dataclasses.replace(endless_line("workers-ai"), content_type="application/json")
    loopback.queue("POST", "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8", hostile)
    profile = dataclasses.replace(workers_ai_profile("acc"), base_url=f"{loopback.url}/client/v4")

    verdict = await connection_check.test_connection(profile, "token")

    assert not verdict.ok and "larger than" in verdict.message
    assert loopback.requests[-1].wait_settled(10) == "client_gone"


@pytest.mark.asyncio
async def test_a_healthy_server_still_passes(loopback: LoopbackServer) -> None:
    loopback.queue("GET", "/models", Reply.json(b'{"data":[{"id":"m"}]}'))
    verdict = await connection_check.test_connection(local_profile(f"{loopback.url}/v1"), None)
    assert verdict.ok, verdict.message
