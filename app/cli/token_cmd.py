"""`llamadesk token set|delete|status`: put an endpoint's token in the OS keyring, or remove it."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from app.cli.credentials import secret_name, sendable
from app.cli.options import UsageError, add_endpoint_arguments, endpoint_from
from app.cli.terminal import InputError, is_terminal, read_stdin_line, visible
from app.core.secrets import SecretStore, SecretStoreError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llamadesk token",
        description="Store an endpoint's API token in the OS keyring (never in a file). "
        "`set` reads the token from the terminal without echoing it, or from stdin.",
    )
    parser.add_argument("action", choices=("set", "delete", "status"))
    add_endpoint_arguments(parser)
    return parser


def main(
    argv: list[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    store_factory: Callable[[], SecretStore] | None = None,
) -> int:
    inp, out, err = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        endpoint = endpoint_from(args)
        store = (store_factory or _keyring_store)()
        name = secret_name(endpoint)
        where = (
            f"Cloudflare account {endpoint.account_id}"
            if endpoint.account_id
            else endpoint.base_url
        )
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
        print(f"llamadesk token: {visible(str(exc))}", file=err)
        return 2
    return 0


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
