"""`llamadesk token` for a policy's endpoint: the key a person pastes once feeds `ask` through
the same keyring entry the window uses; endpoints whose token the policy provides keep none."""

from __future__ import annotations

import io
import os
from pathlib import Path

from app.cli import ask as ask_cmd
from app.cli import token_cmd
from app.core.policy import Policy
from app.storage.policy_file import PolicyLoad, load_policy
from app.storage.secrets import SERVICE, KeyringSecretStore
from tests.cli.policy_runner import CONTACT_SENTENCE, policy_data, write_policy
from tests.cli.runner import ACCOUNT, DEFAULT_TEXT, NATIVE_PATH, TOKEN, assert_no_secrets
from tests.keyring_fakes import DictKeyring
from tests.loopback import LoopbackServer


def loaded(path: Path) -> PolicyLoad:
    load = load_policy(path, trusted_owners={os.getuid()})
    assert load.policy is not None, load.problem
    return load


def token(load: PolicyLoad, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = token_cmd.main(
        list(argv),
        stdin=io.StringIO(stdin),
        stdout=out,
        stderr=err,
        store_factory=KeyringSecretStore,
        policy_load=load,
    )
    return code, out.getvalue(), err.getvalue()


def ask(load: PolicyLoad, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = ask_cmd.main(
        list(argv), stdout=out, stderr=err, store_factory=KeyringSecretStore, policy_load=load
    )
    return code, out.getvalue(), err.getvalue()


def test_a_pasted_key_for_a_policy_endpoint_feeds_ask(
    dict_keyring: DictKeyring, loopback: LoopbackServer, tmp_path: Path
) -> None:
    load = loaded(write_policy(tmp_path, policy_data(loopback)))
    assert load.policy is not None
    # No CLOUDFLARE_API_TOKEN (conftest removes it) and no key yet: ask says how to save one.
    code, out, err = ask(load, "Hi")
    assert (code, out) == (2, "")
    assert '`llamadesk token set --endpoint "ACME Llama"`' in err
    assert err.endswith(f"{CONTACT_SENTENCE}\n")
    assert loopback.requests == []

    code, out, err = token(load, "set", "--endpoint", "acme llama", stdin=f"{TOKEN}\n")
    assert (code, out, err) == (0, "Saved the token for “ACME Llama” in DictKeyring.\n", "")
    # The keyring entry is the one the window reads for this endpoint's profile.
    name = load.policy.endpoints[0].profile().secret_name()
    assert dict_keyring.values == {(SERVICE, name): TOKEN} and name == f"workers-ai:{ACCOUNT}"

    code, out, err = ask(load, "Hi")
    assert (code, out, err) == (0, DEFAULT_TEXT + "\n", "")
    [request] = loopback.requests
    assert (request.url_path, request.header("authorization")) == (NATIVE_PATH, f"Bearer {TOKEN}")
    assert_no_secrets(out + err)


def test_the_first_policy_endpoint_is_the_default(
    dict_keyring: DictKeyring, loopback: LoopbackServer, tmp_path: Path
) -> None:
    load = loaded(write_policy(tmp_path, policy_data(loopback)))

    assert token(load, "status") == (
        0,
        "The token for “ACME Llama” is not saved in DictKeyring.\n",
        "",
    )


def test_an_endpoint_whose_token_the_policy_provides_keeps_none(
    dict_keyring: DictKeyring, loopback: LoopbackServer, tmp_path: Path
) -> None:
    load = loaded(write_policy(tmp_path, policy_data(loopback)))

    code, out, err = token(load, "set", "--endpoint", "Local Server", stdin=f"{TOKEN}\n")

    assert (code, out) == (2, "")
    assert err == (
        "llamadesk token: “Local Server” gets its token from nowhere: it needs none, so there "
        f"is no token of yours to keep. {CONTACT_SENTENCE}\n"
    )
    assert dict_keyring.values == {}


def test_endpoint_without_a_policy_says_there_is_none(dict_keyring: DictKeyring) -> None:
    code, out, err = token(PolicyLoad(Policy()), "status", "--endpoint", "ACME Llama")

    assert (code, out) == (2, "")
    assert "this computer has no policy file" in err
