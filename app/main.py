"""Entry point: `llamadesk ask|eval|token ...` and `--version` run headless without loading Qt; anything else opens the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answered before Qt loads: fast, and works without a display
        from app.version import version_line

        print(version_line())
        return 0
    if args and args[0] in ("ask", "eval", "token"):
        from app.cli.entry import run_command

        if args[0] == "ask":
            from app.cli.ask import main as ask_main

            return run_command("ask", ask_main, args[1:])
        if args[0] == "eval":
            from app.cli.evals.command import main as eval_main

            return run_command("eval", eval_main, args[1:])
        from app.cli.token_cmd import main as token_main

        return run_command("token", token_main, args[1:])
    from app.ui.composition_root import run  # Qt is imported only on this path

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
