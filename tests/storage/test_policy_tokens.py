"""Where a policy endpoint's key lives: the keyring for "user" (pasted once), the
administrator's file for "file" (read, never written, never shown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.policy import PolicyEndpoint, TokenFrom
from app.core.profiles import EndpointKind
from app.storage.secrets import KeyringSecretStore, MemorySecretStore
from app.storage.token_storage import TokenStorage
from tests.keyring_fakes import DictKeyring

KEY = "pasted-key-9b1f27"


@pytest.mark.asyncio
async def test_a_pasted_key_for_a_policy_endpoint_goes_to_the_keyring(
    dict_keyring: DictKeyring,
) -> None:
    profile = PolicyEndpoint("ACME Llama", EndpointKind.WORKERS_AI, account_id="acme").profile()
    tokens = TokenStorage(KeyringSecretStore(), MemorySecretStore(), {})
    await tokens.save(profile, f" {KEY}\n")
    assert list(dict_keyring.values.values()) == [KEY]
    assert await tokens.saved_token(profile) == KEY
    assert "type to replace it" in await tokens.describe_saved(profile)


@pytest.mark.asyncio
async def test_a_file_key_is_read_for_a_test_and_never_written(tmp_path: Path) -> None:
    key_file = tmp_path / "acme.key"
    key_file.write_text(KEY)
    endpoint = PolicyEndpoint(
        "ACME Llama",
        EndpointKind.WORKERS_AI,
        account_id="acme",
        token_from=TokenFrom.FILE,
        token_path=str(key_file),
    )
    keyring, session = MemorySecretStore(), MemorySecretStore()
    tokens = TokenStorage(keyring, session, {})  # type: ignore[arg-type]
    profile = endpoint.profile()
    assert await tokens.saved_token(profile) == KEY
    await tokens.save(profile, "typed-over-it")  # nothing to keep: the file is the admin's
    assert key_file.read_text() == KEY and not keyring._values and not session._values
    described = await tokens.describe_saved(profile)
    assert "organization" in described and KEY not in described
    key_file.unlink()
    assert await tokens.saved_token(profile) is None  # a test then says the key is missing
