"""The last line of defence of `llamadesk ask`, `token` and `eval`: one sentence, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable

from app.cli.report import EXIT_CANCELLED, EXIT_INTERNAL, EXIT_OUTPUT_CLOSED, EXIT_USAGE
from app.cli.terminal import discard_output, not_utf8_argument


def run_command(name: str, command: Callable[[list[str]], int], argv: list[str]) -> int:
    """Run `llamadesk <name> argv`; what its own handling missed still ends in a plain sentence
    and a documented exit code (70 for a bug, 130 for Ctrl-C, 141 for a closed stdout)."""
    prefix = f"llamadesk {name}:"
    _never_fail_on_output()
    if (bad := not_utf8_argument(argv)) is not None:
        print(
            f"{prefix} the argument “{bad}” is not UTF-8 text, so it cannot be sent; pass it "
            "as UTF-8.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        return command(argv)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        discard_output(sys.stdout)
        return EXIT_OUTPUT_CLOSED
    except Exception as exc:  # a bug: its text may quote a token or a server, so only its kind
        print(
            f"{prefix} something went wrong inside LlamaDesk ({type(exc).__name__}) and it "
            "stopped. Please report it, with the command you ran (without your token).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _never_fail_on_output() -> None:
    """A terminal or pipe that cannot show a character gets "?" instead of an exception."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
