"""Entry point: `llamadesk ask ...` and `llamadesk token ...` run headless; the window never loads Qt here."""

from __future__ import annotations

import sys

USAGE = """usage: llamadesk ask [options] PROMPT     ask one question, stream the answer
       llamadesk token {set,delete,status}  manage API tokens in the OS keyring

Run `llamadesk ask --help` for the options.
The LlamaDesk window is not part of this build yet; `llamadesk ask` talks to the same endpoints."""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "ask":
        from app.cli.ask import main as ask_main

        return ask_main(args[1:])
    if args and args[0] == "token":
        from app.cli.token_cmd import main as token_main

        return token_main(args[1:])
    if args and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
