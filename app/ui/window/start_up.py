"""Before the window is built: the command line, the display check, one LlamaDesk per folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli.options import add_endpoint_arguments
from app.ui.window.single_instance import Forwarded, SingleInstance
from app.version import version_line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llamadesk",
        description="LlamaDesk: chat with Llama 3.1 8B Instruct FP8.",
        epilog="Headless use: `llamadesk ask --help`, `llamadesk eval --help` (test sets); "
        "tokens in the keyring: `llamadesk token`.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="keep all settings and data under DIR (portable installs, tests)",
    )
    parser.add_argument("--version", action="version", version=version_line())
    add_endpoint_arguments(parser, backend_default=None)
    return parser


def endpoint_given(args: argparse.Namespace) -> bool:
    """The command line names an endpoint (it then goes first in the window's list)."""
    return any(getattr(args, name) for name in ("backend", "base_url", "account_id", "model"))


def no_display() -> bool:
    """On Linux with no display to open, Qt would abort: the caller says so plainly instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def already_running(instance: SingleInstance) -> int | None:
    """Another LlamaDesk holds the data folder: bring it forward; None if its lock was stale."""
    pid = instance.owner_pid
    answer = instance.forward()
    if answer is Forwarded.GONE and instance.take_over():
        return None
    folder = instance.data_dir
    if answer is Forwarded.RAISED:
        tell(
            f"LlamaDesk is already running with the data folder {folder}; its window was "
            "brought forward."
        )
        return 0
    tell(
        f"LlamaDesk is already running with the data folder {folder} (process {pid}) but does "
        "not answer. Close it, or start another window with --data-dir and a different folder."
    )
    return 1


def tell(sentence: str) -> None:
    """One plain sentence on stderr, where a start from a terminal shows it."""
    print(f"llamadesk: {sentence}", file=sys.stderr)
