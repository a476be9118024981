"""What LlamaDesk says when a server pushes past one of its bounds: what happened, what to do."""

from __future__ import annotations

import enum

from app.core.errors import ErrorCategory, Failure, FailureContext, Provider
from app.core.i18n import translate


class Bound(enum.StrEnum):
    """One limit on a server's answer. Sizes are a misbehaving server; deadlines a stuck one."""

    LINE = "line"  # one line of the event stream, bytes
    EVENT = "event"  # one event's data lines together, characters
    BODY = "body"  # the whole answer after decompression, bytes
    FIRST_BYTE = "first_byte"  # seconds until the answer starts
    PROGRESS = "progress"  # seconds of bytes that never complete a line
    KEEPALIVE = "keepalive"  # seconds of keep-alive signals without reply text

    @property
    def is_deadline(self) -> bool:
        return self in (Bound.FIRST_BYTE, Bound.PROGRESS, Bound.KEEPALIVE)


def bound_failure(
    bound: Bound,
    ctx: FailureContext,
    *,
    limit: float | None,
    partial: bool,
    compressed: bool = False,
) -> Failure:
    """The Failure for a bound that was hit. Deadlines are timeouts (exit 8), sizes a reply
    in a form LlamaDesk will not read (exit 7); neither is retried on its own.

    `partial`: reply text already arrived (and is kept), so the message says so.
    """
    who = (
        translate("Bounds", "Workers AI")
        if ctx.provider is Provider.WORKERS_AI
        else translate("Bounds", "The server at {host}").format(host=ctx.host)
    )
    kept = translate("Bounds", " The text so far is kept.") if partial else ""
    if bound.is_deadline:
        return Failure(ErrorCategory.TIMEOUT, _deadline_message(bound, ctx, who, limit, kept))
    size = _size(limit)
    match bound:
        case Bound.LINE:
            what = translate("Bounds", "sent a line longer than {size} without ending it").format(
                size=size
            )
        case Bound.EVENT:
            what = translate("Bounds", "sent a single message larger than {size}").format(size=size)
        case _:
            after = translate("Bounds", " once decompressed") if compressed else ""
            what = translate(
                "Bounds", "sent an answer larger than {size}{after}, far more than any reply"
            ).format(size=size, after=after)
    fix = (
        translate("Bounds", "Try again; if it happens again, Cloudflare's service is misbehaving.")
        if ctx.provider is Provider.WORKERS_AI
        else translate(
            "Bounds", "Check the server and any proxy in between (or the address), then try again."
        )
    )
    return Failure(
        ErrorCategory.PROTOCOL,
        translate("Bounds", "{who} {what}, so LlamaDesk stopped reading.{kept} {fix}").format(
            who=who, what=what, kept=kept, fix=fix
        ),
    )


def _deadline_message(
    bound: Bound, ctx: FailureContext, who: str, limit: float | None, kept: str
) -> str:
    secs = f" {_seconds(limit)}" if limit else translate("Bounds", " too long")
    local = ctx.provider is Provider.LOCAL
    match bound:
        case Bound.FIRST_BYTE:
            waited = (
                translate("Bounds", " (waited {seconds})").format(seconds=_seconds(limit))
                if limit
                else ""
            )
            fix = (
                translate(
                    "Bounds",
                    " Check the server's log: it may be stuck, overloaded or still loading the "
                    "model; then try again.",
                )
                if local
                else translate("Bounds", " Try again in a minute.")
            )
            return translate(
                "Bounds", "{who} accepted the request but never answered{waited}.{fix}"
            ).format(who=who, waited=waited, fix=fix)
        case Bound.PROGRESS:
            return translate(
                "Bounds",
                "{who} sent data for{secs} without completing a single message, so LlamaDesk stopped waiting.{kept} Check the network or proxy in between, then try again.",
            ).format(who=who, secs=secs, kept=kept)
        case _:
            busy = (
                translate("Bounds", " Check the server's log, then try again.")
                if local
                else translate("Bounds", " Try again later.")
            )
            return translate(
                "Bounds",
                "{who} sent only keep-alive signals and no reply text for{secs}, so LlamaDesk stopped waiting.{kept}{busy}",
            ).format(who=who, secs=secs, kept=kept, busy=busy)


def _seconds(value: float | None) -> str:
    if value == 1:
        return translate("Bounds", "1 second")
    return translate("Bounds", "{seconds:g} seconds").format(seconds=value or 0)


def _size(value: float | None) -> str:
    """Binary sizes in the words people use: 1 MB, 64 MB, 512 KB, 300 bytes."""
    if value is None:
        return translate("Bounds", "its limit")
    if value >= 1024 * 1024:
        return f"{value / (1024 * 1024):.3g} MB"
    if value >= 1024:
        return f"{value / 1024:.3g} KB"
    return f"{int(value)} bytes"
