"""A reply's request with its bytes, read when needed, and whether it can be sent again (Replay).

A reply read back from the history holds only a mark of its request (StoredRequest): every
request carries the whole conversation so far, so a long chat's bodies add up to many times its
text, and they are read one at a time, when Details, Compare or Replay needs one.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.message import ChatMessage
from app.core.provenance import RequestUnavailable, SentRequest

#: Reads the bytes of a stored reply's request by its message id; RequestUnavailable if not.
RequestLoader = Callable[[int], SentRequest]

_REGENERATE = "Regenerate asks again with this chat's current settings."


class ReplayUnavailable(ValueError):
    """The reply has no single stored request to send again; the message says why."""


def request_of(message: ChatMessage, loader: RequestLoader | None) -> SentRequest | None:
    """The request behind `message` with its bytes; None when none was recorded.

    RequestUnavailable says why recorded bytes cannot be had (left out of an imported file,
    damaged, the history not open).
    """
    provenance = message.provenance
    request = None if provenance is None else provenance.request
    if request is None or isinstance(request, SentRequest):
        return request
    if not request.kept:
        raise RequestUnavailable(
            "The request body was not kept: it was left out of the file this chat was "
            "imported from, which would otherwise have been too large to import."
        )
    if loader is None or message.id is None:
        raise RequestUnavailable("The request body is in a history that is not open.")
    sent = loader(message.id)
    if (sent.url, sent.sha256, sent.masked) != (request.url, request.sha256, request.masked):
        # The row now holds another message (the history was restored since it was read).
        raise RequestUnavailable(
            "The history no longer holds this request: it changed since this chat was opened."
        )
    return sent


def replay_request(reply: ChatMessage, loader: RequestLoader | None) -> SentRequest:
    """The request to send again for `reply`; ReplayUnavailable says why there is none."""
    provenance = reply.provenance
    if provenance is None or provenance.request is None:
        raise ReplayUnavailable(
            "This reply has no stored request (it was made before LlamaDesk kept them, "
            f"or it failed before anything was sent), so it cannot be replayed. {_REGENERATE}"
        )
    if provenance.request.masked:
        raise ReplayUnavailable(
            "This request held the endpoint's token (the server lists it as its model "
            "name), so it was kept with the token masked and cannot be sent again as it "
            f"was. {_REGENERATE}"
        )
    if provenance.continued:
        raise ReplayUnavailable(
            "This reply was lengthened with Continue, which sent a second request, so no "
            f"single request produced it and it cannot be replayed. {_REGENERATE}"
        )
    try:
        sent = request_of(reply, loader)
    except RequestUnavailable as exc:
        raise ReplayUnavailable(f"{exc} So it cannot be replayed. {_REGENERATE}") from exc
    assert sent is not None  # it has a request (checked above)
    return sent
