"""Command-line options shared by `llamadesk ask` and the window: endpoint, parameters, network."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.params import PARAM_SPECS, ParamSpec, SamplingParams
from app.core.profiles import (
    DEFAULT_LOCAL_BASE_URL,
    DEFAULT_WORKERS_AI_MODEL,
    DEFAULT_WORKERS_AI_ROOT,
    EndpointKind,
    EndpointProfile,
    ProfileError,
    TokenSource,
)
from app.core.urls import normalize_base_url
from app.net.limits import DEFAULT_LIMITS, NetworkSettings, StreamLimits
from app.net.retry import MAX_RETRIES

_MAX_WAIT_S = 3600.0


class UsageError(ValueError):
    """A missing or invalid option, found before any request is made (exit code 2)."""


COMMAND_LINE_PROFILE_ID = "command-line"


@dataclass(frozen=True)
class EndpointChoice:
    backend: str  # "workers-ai" | "openai"
    base_url: str
    account_id: str | None
    model: str | None
    gateway_id: str | None
    name: str = ""  # one of the policy's endpoints: its name ("" = described by the options)


def add_endpoint_arguments(
    parser: argparse.ArgumentParser,
    *,
    backend_default: str | None = "workers-ai",
    policy_endpoints: bool = False,
) -> None:
    group = parser.add_argument_group("endpoint")
    if policy_endpoints:  # the headless commands; the window lists the policy's endpoints itself
        group.add_argument(
            "--endpoint",
            metavar="NAME",
            help="one of the endpoints your organization's policy sets up, by name "
            "(default: its first; see `For administrators` in the README)",
        )
    group.add_argument(
        "--backend",
        choices=("workers-ai", "openai"),
        default=backend_default,
        help="which API dialect to speak (default: workers-ai)",
    )
    group.add_argument(
        "--base-url",
        metavar="URL",
        help=f"workers-ai: API root (default {DEFAULT_WORKERS_AI_ROOT}); "
        f"openai: the /v1 root (default {DEFAULT_LOCAL_BASE_URL})",
    )
    group.add_argument(
        "--account-id", metavar="ID", help="Cloudflare account ID (default: $CLOUDFLARE_ACCOUNT_ID)"
    )
    group.add_argument(
        "--gateway-id",
        metavar="ID",
        help="send Workers AI requests through this AI Gateway "
        "(token for an authenticated gateway: $CLOUDFLARE_GATEWAY_TOKEN)",
    )
    group.add_argument(
        "--model",
        metavar="ID",
        help=f"workers-ai default {DEFAULT_WORKERS_AI_MODEL}; openai default: the first "
        "model GET /models lists",
    )


def add_network_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("network")
    group.add_argument(
        "--connect-timeout",
        type=_seconds,
        default=10.0,
        metavar="S",
        help="seconds to wait for a connection (default 10)",
    )
    group.add_argument(
        "--first-byte-timeout",
        type=_seconds,
        default=DEFAULT_LIMITS.first_byte_s,
        metavar="S",
        help="seconds to wait for the server to start answering "
        f"(default {DEFAULT_LIMITS.first_byte_s:g})",
    )
    group.add_argument(
        "--stall-timeout",
        type=_seconds,
        default=60.0,
        metavar="S",
        help="seconds of silence, or of data that never completes a message, before a reply "
        "counts as stalled; only keep-alive signals: twice that (default 60)",
    )
    group.add_argument(
        "--retries",
        type=_retries,
        default=2,
        metavar="N",
        help=f"retries for busy/server errors before the first token, 0 to {MAX_RETRIES} "
        "(default 2)",
    )
    group.add_argument(
        "--ca-bundle",
        type=Path,
        metavar="FILE",
        help="extra CA certificates (PEM) to trust besides the OS store",
    )


def add_parameter_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("sampling parameters (checked before anything is sent)")
    for spec in PARAM_SPECS:
        default = f"; default {spec.default}" if spec.default is not None else ""
        group.add_argument(
            f"--{spec.name.replace('_', '-')}",
            dest=spec.name,
            type=_number_for(spec),
            metavar="N" if spec.kind is int else "X",
            help=f"{spec.help}: {spec.allowed}{default}",
        )


def endpoint_from(args: argparse.Namespace) -> EndpointChoice:
    """The endpoint the options name, checked as the endpoint settings check a profile."""
    if args.backend == "workers-ai":
        account = args.account_id or os.environ.get("CLOUDFLARE_ACCOUNT_ID") or None
        if not account:
            raise UsageError(
                "No Cloudflare account ID: pass --account-id or set CLOUDFLARE_ACCOUNT_ID "
                "(it is shown in the Cloudflare dashboard under Workers AI, “Use REST API”)."
            )
        choice = EndpointChoice(
            "workers-ai",
            (args.base_url or DEFAULT_WORKERS_AI_ROOT).strip().rstrip("/"),
            account.strip(),
            (args.model or DEFAULT_WORKERS_AI_MODEL).strip(),
            (args.gateway_id or "").strip() or None,
        )
    else:
        base = normalize_base_url(args.base_url or DEFAULT_LOCAL_BASE_URL)
        choice = EndpointChoice("openai", base, None, (args.model or "").strip() or None, None)
    return checked(choice)


def checked(choice: EndpointChoice) -> EndpointChoice:
    """`choice`, or UsageError with the fix for an address, account, gateway or model that
    cannot work."""
    try:
        profile_from(choice)  # the same validation as a saved endpoint's
    except ProfileError as exc:
        raise UsageError(exc.message) from None
    return choice


def params_from(args: argparse.Namespace) -> SamplingParams:
    """Validated parameters; ParameterError names the parameter and its range."""
    values = {spec.name: getattr(args, spec.name) for spec in PARAM_SPECS}
    return SamplingParams(**values).validated()


def _number_for(spec: ParamSpec) -> Callable[[str], int | float]:
    """An argparse type whose refusal of a non-number still names the allowed range."""

    def number(text: str) -> int | float:
        # Keep ints as ints so "--top-k 2.5" is refused by the schema check, not silently rounded.
        try:
            return int(text)
        except ValueError:
            pass
        try:
            return float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"not a number: {text!r} ({spec.name} must be {spec.allowed})"
            ) from None

    return number


def network_settings_from(args: argparse.Namespace) -> NetworkSettings:
    """The timeouts and bounds the network options chose."""
    limits = StreamLimits.for_timeouts(args.stall_timeout, args.first_byte_timeout)
    return NetworkSettings(args.connect_timeout, args.stall_timeout, args.ca_bundle, limits)


def _seconds(text: str) -> float:
    """A timeout: more than 0, at most an hour (longer is a hang, not a wait)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a number of seconds: {text!r} (allowed: more than 0, up to {_MAX_WAIT_S:g})"
        ) from None
    if not 0 < value <= _MAX_WAIT_S:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(
            f"{text} is out of range: allowed are more than 0 and up to {_MAX_WAIT_S:g} seconds"
        )
    return value


def _retries(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_RETRIES:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not allowed: give a whole number from 0 to {MAX_RETRIES}"
        )
    return value


def profile_from(
    choice: EndpointChoice, *, token_source: TokenSource = TokenSource.ENVIRONMENT
) -> EndpointProfile:
    """The endpoint given on the command line, as a profile (used for this run, never saved)."""
    if choice.backend == "workers-ai":
        return EndpointProfile(
            COMMAND_LINE_PROFILE_ID,
            choice.name or "Command line (Workers AI)",
            EndpointKind.WORKERS_AI,
            account_id=choice.account_id or "",
            gateway_id=choice.gateway_id or "",
            base_url=choice.base_url,
            model=choice.model or "",
            token_source=token_source,
        ).validated()
    return EndpointProfile(
        COMMAND_LINE_PROFILE_ID,
        choice.name or "Command line (local)",
        EndpointKind.LOCAL,
        base_url=choice.base_url,
        model=choice.model or "",
        token_source=token_source,
    ).validated()
