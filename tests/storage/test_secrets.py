"""Secret stores: keyring-backed (with an in-memory keyring backend), memory, and redaction."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from app.core.secrets import SecretStoreError, openai_secret_name, redact, workers_ai_secret_name
from app.storage.secrets import SERVICE, KeyringSecretStore, MemorySecretStore
from tests.keyring_fakes import DictKeyring


def test_keyring_store_round_trip_under_service_name(dict_keyring: DictKeyring) -> None:
    store = KeyringSecretStore()
    name = workers_ai_secret_name("acc1")
    assert store.get(name) is None
    store.set(name, "tok-123456")
    assert dict_keyring.values == {(SERVICE, "workers-ai:acc1"): "tok-123456"}
    assert store.get(name) == "tok-123456"
    store.delete(name)
    store.delete(name)  # deleting what is not there is not an error
    assert store.get(name) is None
    assert "DictKeyring" in store.description or "keyring" in store.description.lower()


def test_no_keyring_backend_is_a_clear_error_never_a_file(tmp_path: object) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = KeyringSecretStore()
        assert not store.available
        assert store.description == "no OS keyring available"
        with pytest.raises(SecretStoreError, match="No OS keyring is available"):
            store.set(openai_secret_name("http://127.0.0.1:8000/v1"), "secret-value")
    finally:
        keyring.set_keyring(previous)


def test_memory_store() -> None:
    store = MemorySecretStore({"a": "1"})
    store.set("b", "2")
    store.delete("a")
    assert (store.get("a"), store.get("b")) == (None, "2")
    assert "session" in store.description


def test_redact_masks_every_occurrence_but_not_short_strings() -> None:
    assert redact("x sk-abcdef y sk-abcdef", ["sk-abcdef"]) == "x •••• y ••••"
    assert redact("a short word", ["a", ""]) == "a short word"
