"""`llamadesk token`: no OS keyring is a clear refusal; with a keyring, set/status/delete feed `ask`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import ask as ask_cmd
from app.cli import token_cmd
from app.storage.secrets import SERVICE, KeyringSecretStore
from tests.cli.runner import (
    ACCOUNT,
    DEFAULT_TEXT,
    NATIVE_PATH,
    TOKEN,
    assert_no_secrets,
    cli_env,
    run_app,
    workers_args,
)
from tests.keyring_fakes import DictKeyring
from tests.loopback import LoopbackServer

ENDPOINT = ["--account-id", ACCOUNT]


@pytest.mark.parametrize("action", ["set", "status", "delete"])
def test_without_os_keyring_nothing_is_stored(tmp_path: Path, action: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = cli_env(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )

    run = run_app("token", action, *ENDPOINT, env=env, stdin=TOKEN + "\n")

    assert (run.code, run.stdout) == (2, "")
    assert len(run.stderr_lines) == 1
    assert run.stderr_lines[0].startswith("llamadesk token: No OS keyring is available")
    assert "Traceback" not in run.stderr
    assert list(home.rglob("*")) == []  # no plaintext fallback file, anywhere under $HOME


def token(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = token_cmd.main(
        list(argv),
        stdin=io.StringIO(stdin),
        stdout=out,
        stderr=err,
        store_factory=KeyringSecretStore,
    )
    return code, out.getvalue(), err.getvalue()


def ask_in_process(server: LoopbackServer) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = ask_cmd.main(
        [*workers_args(server), "Hi"], stdout=out, stderr=err, store_factory=KeyringSecretStore
    )
    return code, out.getvalue(), err.getvalue()


def test_token_round_trip_feeds_ask(dict_keyring: DictKeyring, loopback: LoopbackServer) -> None:
    where = f"Cloudflare account {ACCOUNT}"
    assert token("status", *ENDPOINT) == (
        0,
        f"The token for {where} is not saved in DictKeyring.\n",
        "",
    )

    code, out, err = token("set", *ENDPOINT, stdin=f"  {TOKEN}  \n")
    assert (code, out, err) == (0, f"Saved the token for {where} in DictKeyring.\n", "")
    assert dict_keyring.values == {(SERVICE, f"workers-ai:{ACCOUNT}"): TOKEN}
    assert_no_secrets(out + err)
    assert token("status", *ENDPOINT) == (
        0,
        f"The token for {where} is saved in DictKeyring.\n",
        "",
    )

    # No CLOUDFLARE_API_TOKEN in the environment (conftest removes it): the keyring's is used.
    assert ask_in_process(loopback) == (0, DEFAULT_TEXT + "\n", "")
    request = loopback.requests[-1]
    assert (request.url_path, request.header("authorization")) == (NATIVE_PATH, f"Bearer {TOKEN}")

    assert token("delete", *ENDPOINT) == (
        0,
        f"Removed the token for {where} from DictKeyring.\n",
        "",
    )
    assert dict_keyring.values == {}
    assert token("status", *ENDPOINT)[1].endswith("is not saved in DictKeyring.\n")

    code, out, err = ask_in_process(loopback)
    assert (code, out) == (2, "")
    assert f"`llamadesk token set --account-id {ACCOUNT}`" in err
    assert len(loopback.requests) == 1  # the refused ask sent nothing


def test_empty_token_is_not_saved(dict_keyring: DictKeyring) -> None:
    code, out, err = token("set", *ENDPOINT, stdin="\n")
    assert (code, out) == (2, "")
    assert err == "llamadesk token: No token was entered; nothing was saved.\n"
    assert dict_keyring.values == {}
