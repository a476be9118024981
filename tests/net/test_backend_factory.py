"""The one path from a profile to a backend: tokens from where the profile says, backends kept."""

from __future__ import annotations

import dataclasses

import pytest

from app.core.backend import BackendUnavailable
from app.core.events import Finished, TextDelta
from app.core.params import SamplingParams
from app.core.profiles import TokenSource, local_profile, workers_ai_profile
from app.core.request import GenerationRequest, Message, Role
from app.net import connection_check
from app.net.backend_factory import BackendFactory
from app.net.limits import NetworkSettings
from app.storage.secrets import MemorySecretStore
from tests.loopback import LoopbackServer

GATEWAY_TOKEN = "aig-token-for-the-factory-51d0"


def hello() -> GenerationRequest:
    return GenerationRequest.chat([Message(Role.USER, "Hello?")], SamplingParams())


async def text_of(factory: BackendFactory, profile: object) -> str:
    backend = await factory.build(profile)  # type: ignore[arg-type]
    events = [e async for e in backend.stream(hello())]
    assert isinstance(events[-1], Finished), events[-1]
    return "".join(e.text for e in events if isinstance(e, TextDelta))


@pytest.mark.asyncio
async def test_the_server_is_asked_for_its_models_once_not_before_every_message(
    loopback: LoopbackServer,
) -> None:
    profile = local_profile(f"{loopback.url}/v1", token_source=TokenSource.NONE)
    factory = BackendFactory(MemorySecretStore(), MemorySecretStore())
    try:
        for _ in range(3):
            assert await text_of(factory, profile) == "Hello, world!"
    finally:
        await factory.aclose()
    listings = [r for r in loopback.requests if r.method == "GET"]
    assert len(listings) == 1  # the window's backends remember what the server said


@pytest.mark.asyncio
async def test_a_token_read_from_the_environment_is_trimmed_like_everywhere_else(
    loopback: LoopbackServer,
) -> None:
    loopback.require_token = "env-token-7731"
    profile = local_profile(f"{loopback.url}/v1", token_source=TokenSource.ENVIRONMENT)
    environ = {"OPENAI_API_KEY": "env-token-7731\n"}  # as `export KEY=$(cat file)` leaves it
    factory = BackendFactory(MemorySecretStore(), MemorySecretStore(), environ=environ)
    try:
        assert await text_of(factory, profile) == "Hello, world!"
    finally:
        await factory.aclose()


@pytest.mark.asyncio
async def test_a_gateway_token_that_cannot_be_sent_is_a_sentence_not_a_crash(
    loopback: LoopbackServer,
) -> None:
    profile = dataclasses.replace(
        workers_ai_profile("acc1", gateway_id="gw-1", token_source=TokenSource.SESSION),
        base_url=f"{loopback.url}/v1",
    )
    session = MemorySecretStore({profile.secret_name(): "cf-token-0123456789"})
    environ = {"CLOUDFLARE_GATEWAY_TOKEN": "gäteway-token"}
    factory = BackendFactory(MemorySecretStore(), session, environ=environ)
    try:
        with pytest.raises(BackendUnavailable) as refused:
            await factory.build(profile)
    finally:
        await factory.aclose()
    message = refused.value.failure.message
    assert "CLOUDFLARE_GATEWAY_TOKEN" in message and "gäteway" not in message
    assert loopback.requests == []


@pytest.mark.asyncio
async def test_test_connection_sends_the_gateway_token_as_chats_do(
    loopback: LoopbackServer,
) -> None:
    profile = dataclasses.replace(
        workers_ai_profile("acc1", gateway_id="gw-1"), base_url=f"{loopback.url}/v1"
    )
    verdict = await connection_check.test_connection(
        profile,
        "cf-token-0123456789",
        network=NetworkSettings(2.0, 2.0),
        gateway_token=GATEWAY_TOKEN,
    )
    assert verdict.ok, verdict.message
    (request,) = loopback.requests
    assert request.header("cf-aig-authorization") == f"Bearer {GATEWAY_TOKEN}"


@pytest.mark.asyncio
async def test_a_policy_key_file_is_read_through_the_reader_storage_hands_in(
    loopback: LoopbackServer,
) -> None:
    loopback.require_token = "file-token-5521"
    profile = dataclasses.replace(
        local_profile(f"{loopback.url}/v1"), token_source=TokenSource.FILE, token_file="/k"
    )
    files = {"/k": "file-token-5521"}
    factory = BackendFactory(
        MemorySecretStore(), MemorySecretStore(), read_token_file=lambda path: files[path]
    )
    try:
        assert await text_of(factory, profile) == "Hello, world!"
    finally:
        await factory.aclose()


@pytest.mark.asyncio
async def test_a_key_file_that_cannot_be_read_is_the_readers_sentence(
    loopback: LoopbackServer,
) -> None:
    profile = dataclasses.replace(
        local_profile(f"{loopback.url}/v1"), token_source=TokenSource.FILE, token_file="/k"
    )

    def unreadable(path: str) -> str:
        raise OSError("The key file (/k) cannot be read: it does not exist. Ask IT.")

    for factory in (
        BackendFactory(MemorySecretStore(), MemorySecretStore(), read_token_file=unreadable),
        BackendFactory(MemorySecretStore(), MemorySecretStore()),  # no reader: said plainly
    ):
        try:
            with pytest.raises(BackendUnavailable) as refused:
                await factory.build(profile)
        finally:
            await factory.aclose()
        assert "/k" in refused.value.failure.message or "file" in refused.value.failure.message
    assert not loopback.requests
