"""`llamadesk eval`'s options, and how they override what the test-set file says."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from app.cli.options import (
    EndpointChoice,
    UsageError,
    add_endpoint_arguments,
    add_network_arguments,
    add_parameter_arguments,
    endpoint_from,
    params_from,
)
from app.core.evals.model import MAX_CONCURRENCY, MAX_REPEAT, ResolvedPrompt, TestSet
from app.core.params import PARAM_SPECS
from app.version import app_version, version_line

_ENDPOINT_FIELDS = ("base_url", "account_id", "model", "gateway_id")


def build_parser(prog: str = "llamadesk eval") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=f"Run a test set (YAML or JSON) against an endpoint and check every reply "
        f"(LlamaDesk {app_version()}).",
        epilog="Exit codes: 0 every check passed; 1 a check or a request failed; 2 the file or "
        "an option is invalid (nothing was sent); 3-9 as `llamadesk ask` when the endpoint "
        "itself fails (3 token, 4 model, 5 rate limit, 6 input, 7 server, 8 network, "
        "9 cut off); 74 a result file could not be written; 130 stopped with Ctrl-C. "
        "Endpoint and parameter options override the file's. With an administrator's policy on "
        "this computer, its first endpoint and its parameter values are used unless the file or "
        "an option says otherwise, and what it locks cannot be changed (exit 2, nothing sent).",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the test set (YAML or JSON)")
    parser.add_argument("--version", action="version", version=version_line())
    add_endpoint_arguments(parser, backend_default=None, policy_endpoints=True)
    add_parameter_arguments(parser)
    run = parser.add_argument_group("run")
    run.add_argument(
        "--repeat",
        type=_bounded("repeat", MAX_REPEAT),
        metavar="N",
        help=f"ask every case N times (1 to {MAX_REPEAT}; default: the file's, else 1)",
    )
    run.add_argument(
        "--concurrency",
        type=_bounded("concurrency", MAX_CONCURRENCY),
        metavar="N",
        help=f"requests in flight at once (1 to {MAX_CONCURRENCY}; default: the file's, else 4)",
    )
    run.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the LlamaDesk data folder whose prompt library `library:` prompts come from "
        "(default: the window's)",
    )
    out = parser.add_argument_group("results")
    out.add_argument("--json", type=Path, metavar="OUT", help="write every result as JSON")
    out.add_argument("--csv", type=Path, metavar="OUT", help="write one CSV row per request")
    out.add_argument(
        "--promptfoo", type=Path, metavar="OUT", help="write an equivalent promptfoo config (YAML)"
    )
    add_network_arguments(parser)
    return parser


def _bounded(name: str, maximum: int) -> Callable[[str], int]:
    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if not 1 <= value <= maximum:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not allowed for {name}: give a whole number from 1 to {maximum}"
            )
        return value

    return number


def endpoint_for(args: argparse.Namespace, test_set: TestSet) -> EndpointChoice:
    """The options' endpoint, completed by the file's (only when both name the same backend:
    a file's local base URL means nothing to Workers AI); UsageError with the fix."""
    named = test_set.endpoint
    backend = args.backend or (named.backend if named else None) or "workers-ai"
    merged = SimpleNamespace(backend=backend)
    same = named is not None and named.backend == backend
    for name in _ENDPOINT_FIELDS:
        given = getattr(args, name)
        setattr(merged, name, given if given else (getattr(named, name) if same else None))
    return endpoint_from(merged)  # type: ignore[arg-type]


def parameter_overrides(args: argparse.Namespace) -> dict[str, int | float]:
    """The sampling options given on the command line, validated (ParameterError if not)."""
    given = params_from(args)
    return {spec.name: v for spec in PARAM_SPECS if (v := getattr(given, spec.name)) is not None}


def with_overrides(
    prompts: Sequence[ResolvedPrompt], overrides: dict[str, int | float]
) -> list[ResolvedPrompt]:
    """Each prompt with the command line's parameters in place of the file's and its own."""
    if not overrides:
        return list(prompts)
    # Names and values were checked against PARAM_SPECS by params_from.
    return [replace(p, params=replace(p.params, **overrides).validated()) for p in prompts]  # type: ignore[arg-type]


def check_outputs(args: argparse.Namespace) -> None:
    """UsageError, before anything is sent, for a result file that cannot be written there."""
    paths = [(flag, getattr(args, flag)) for flag in ("json", "csv", "promptfoo")]
    chosen = [(flag, path) for flag, path in paths if path is not None]
    seen: dict[Path, str] = {}
    for flag, path in chosen:
        resolved = path.expanduser().resolve()
        if resolved in seen:
            raise UsageError(f"--{seen[resolved]} and --{flag} name the same file {path}.")
        seen[resolved] = flag
        if resolved == args.file.expanduser().resolve():
            raise UsageError(f"--{flag} {path} would overwrite the test set itself.")
        if resolved.is_dir():
            raise UsageError(f"--{flag} {path} is a folder; give a file name.")
        if not resolved.parent.is_dir():
            raise UsageError(
                f"--{flag} {path}: the folder {resolved.parent} does not exist; create it first."
            )
