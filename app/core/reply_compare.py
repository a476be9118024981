"""Two replies' requests compared: whether the seed and the body were identical, and if not, how.

Plain sentences for the Compare replies view: a reader should see at once whether two
different answers came from the very same request (then the server's randomness, or its
version, made the difference) or from different ones (and which parameters changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.provenance import Provenance, SentRequest

#: Parameters named in the sentence at most; more are counted.
_MAX_NAMED: Final = 6
_MAX_VALUE_CHARS: Final = 24
_PARTS: Final = (
    ("model", QT_TRANSLATE_NOOP("ReplyCompare", "the model differs")),
    ("messages", QT_TRANSLATE_NOOP("ReplyCompare", "the messages differ")),
    ("prompt", QT_TRANSLATE_NOOP("ReplyCompare", "the prompt differs")),
)


@dataclass(frozen=True)
class RequestComparison:
    """What differs between the requests of two replies (`first` and `second` name them)."""

    first: str
    second: str
    missing: tuple[str, ...] = ()  # whose request was not recorded
    same_body: bool = False
    #: Only the hashes could be compared: a body's bytes were not at hand (not kept, or
    #: unreadable), so its seed and parameters are not known.
    bytes_missing: bool = False
    seeds: tuple[int | None, int | None] = (None, None)
    changed: tuple[tuple[str, Any, Any], ...] = field(default=())  # (parameter, first, second)
    other_changes: tuple[str, ...] = ()  # clauses: "the messages differ"…

    def sentence(self) -> str:
        if self.missing:
            if len(self.missing) > 1:
                return translate(
                    "RequestComparison",
                    "The requests of {first} and {second} were not recorded (LlamaDesk did not keep requests then), so whether the seed and body were identical is not known.",
                ).format(first=self.missing[0], second=self.missing[1])
            return translate(
                "RequestComparison",
                "The request of {whose} was not recorded (LlamaDesk did not keep requests then), so whether the seed and body were identical is not known.",
            ).format(whose=self.missing[0])
        seed_a, seed_b = self.seeds
        if self.bytes_missing:
            if self.same_body:
                return translate(
                    "RequestComparison",
                    "Identical request body (the same SHA-256); any difference between the "
                    "replies comes from the server.",
                )
            return translate(
                "RequestComparison",
                "The request bodies differ (their SHA-256 differ); what differs is not known, "
                "because a body was not kept.",
            )
        if self.same_body:
            seed = (
                translate("RequestComparison", "Same seed ({seed_a})").format(seed_a=seed_a)
                if seed_a is not None
                else translate("RequestComparison", "No seed was sent")
            )
            tail = (
                translate(
                    "RequestComparison",
                    "; any difference between the replies comes from the server.",
                )
                if seed_a is not None
                else translate(
                    "RequestComparison", "; the server chose its own randomness each time."
                )
            )
            return translate("RequestComparison", "{seed} and identical request body{tail}").format(
                seed=seed, tail=tail
            )
        if seed_a == seed_b:
            seed = (
                translate("RequestComparison", "Same seed ({seed_a})").format(seed_a=seed_a)
                if seed_a is not None
                else translate("RequestComparison", "No seed was sent")
            )
        else:
            seed = translate("RequestComparison", "Different seed ({shown} → {shown2})").format(
                shown=_shown(seed_a), shown2=_shown(seed_b)
            )
        parts = [f"{name} {_shown(a)} → {_shown(b)}" for name, a, b in self.changed[:_MAX_NAMED]]
        if len(self.changed) > _MAX_NAMED:
            parts.append(
                translate("RequestComparison", "{value} more parameters").format(
                    value=len(self.changed) - _MAX_NAMED
                )
            )
        differs = (
            translate("RequestComparison", "; parameters that differ: ") + ", ".join(parts)
            if parts
            else ""
        )
        others = "".join("; " + clause for clause in self.other_changes)
        return translate(
            "RequestComparison", "{seed}, but the request bodies differ{differs}{others}."
        ).format(seed=seed, differs=differs, others=others)


def compare_requests(
    first: Provenance | None, second: Provenance | None, names: tuple[str, str]
) -> RequestComparison:
    """How the request behind `first` differs from the one behind `second` (each with its
    bytes where they could be read: without them, only their hashes are compared)."""
    a = first.request if first is not None else None
    b = second.request if second is not None else None
    missing = tuple(name for name, sent in zip(names, (a, b), strict=True) if sent is None)
    if a is None or b is None or first is None or second is None:
        return RequestComparison(*names, missing=missing)
    same = a.url == b.url and a.sha256 == b.sha256  # the hashes of the bytes sent
    if not isinstance(a, SentRequest) or not isinstance(b, SentRequest):
        return RequestComparison(*names, same_body=same, bytes_missing=True)
    seeds = (first.seed, second.seed)
    if same:
        return RequestComparison(*names, same_body=True, seeds=seeds)
    params_a, params_b = first.sent_params(), second.sent_params()
    changed = tuple(
        (name, params_a.get(name), params_b.get(name))
        for name in sorted(params_a.keys() | params_b.keys())
        if name != "seed" and params_a.get(name) != params_b.get(name)
    )
    payload_a, payload_b = a.payload(), b.payload()
    others = []
    if a.url != b.url:
        others.append(translate("ReplyCompare", "they were sent to different addresses"))
    for key, untranslated in _PARTS:
        clause = translate("ReplyCompare", untranslated)
        if payload_a.get(key) != payload_b.get(key):
            others.append(clause)
    if not changed and not others and seeds[0] == seeds[1]:
        others.append(translate("ReplyCompare", "the content is the same, written differently"))
    return RequestComparison(*names, seeds=seeds, changed=changed, other_changes=tuple(others))


def _shown(value: object) -> str:
    """A parameter's value, short: None is "unset"."""
    if value is None:
        return "unset"
    text = str(value)
    return text if len(text) <= _MAX_VALUE_CHARS else text[: _MAX_VALUE_CHARS - 1] + "…"
