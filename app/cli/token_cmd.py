"""`llamadesk token set|delete|status`: put an endpoint's token in the OS keyring, or remove it."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from app.cli.credentials import secret_name, sendable
from app.cli.options import UsageError, add_endpoint_arguments
from app.cli.policy_rules import (
    EndpointPick,
    machine_policy,
    own_endpoint,
    pick_endpoint,
    with_contact,
)
from app.cli.terminal import InputError, is_terminal, read_stdin_line, visible
from app.core.policy import TokenFrom
from app.core.secrets import SecretStore, SecretStoreError
from app.storage.policy_file import PolicyLoad


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llamadesk token",
        description="Store an endpoint's API token in the OS keyring (never in a file). "
        "`set` reads the token from the terminal without echoing it, or from stdin. With an "
        "administrator's policy on this computer, the endpoint is its first (or --endpoint NAME).",
    )
    parser.add_argument("action", choices=("set", "delete", "status"))
    add_endpoint_arguments(parser, backend_default=None, policy_endpoints=True)
    return parser


def main(
    argv: list[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    store_factory: Callable[[], SecretStore] | None = None,
    policy_load: PolicyLoad | None = None,
) -> int:
    """`policy_load`: tests hand in a policy read in-process; otherwise the machine's is read."""
    inp, out, err = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    load = machine_policy(policy_load)
    if load.policy is None:  # a policy that cannot be used never means "no policy"
        assert load.problem is not None
        print(f"llamadesk token: {visible(load.problem.message())}", file=err)
        return 2
    policy = load.policy
    try:
        pick = pick_endpoint(args, policy, lambda: own_endpoint(args))
        _check_keeps_a_token(pick)
        endpoint = pick.choice
        store = (store_factory or _keyring_store)()
        name = secret_name(endpoint)
        if pick.managed is not None:
            where = f"“{pick.managed.name}”"
        elif endpoint.account_id:
            where = f"Cloudflare account {endpoint.account_id}"
        else:
            where = endpoint.base_url
        if args.action == "set":
            token = _read_token(inp)
            if not token:
                raise UsageError("No token was entered; nothing was saved.")
            sendable(token, "This token")  # refused now, not at the first request
            store.set(name, token)
            print(f"Saved the token for {where} in {store.description}.", file=out)
        elif args.action == "delete":
            store.delete(name)
            print(f"Removed the token for {where} from {store.description}.", file=out)
        else:
            state = "is saved" if store.get(name) else "is not saved"
            print(f"The token for {where} {state} in {store.description}.", file=out)
    except (UsageError, SecretStoreError, InputError) as exc:
        print(f"llamadesk token: {visible(with_contact(str(exc), policy))}", file=err)
        return 2
    return 0


def _check_keeps_a_token(pick: EndpointPick) -> None:
    """Only a policy endpoint whose users paste their own key has a token to keep."""
    managed = pick.managed
    if managed is None or managed.token_from is TokenFrom.USER:
        return
    source = (
        "a file your organization looks after"
        if managed.token_from is TokenFrom.FILE
        else "nowhere: it needs none"
    )
    raise UsageError(
        f"“{managed.name}” gets its token from {source}, so there is no token of yours to keep."
    )


def _read_token(inp: TextIO | None) -> str:
    if inp is not None and is_terminal(inp):
        try:
            return getpass.getpass("API token (not shown): ").strip()
        except EOFError:  # Ctrl-D
            return ""
        except UnicodeDecodeError:
            raise InputError("The terminal did not send UTF-8 text; nothing was saved.") from None
    return read_stdin_line(inp, "token").strip()


def _keyring_store() -> SecretStore:
    from app.storage.secrets import KeyringSecretStore

    return KeyringSecretStore()
