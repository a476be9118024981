"""The interface every chat backend implements: one request in, a stream of typed events out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from app.core.errors import Failure, Provider
from app.core.events import StreamEvent
from app.core.provenance import SentRequest
from app.core.request import GenerationRequest


class ChatBackend(Protocol):
    """A dialect-speaking client. ``stream`` always ends with exactly one Finished or Failed.

    Cancelling the consuming task (or closing the iterator) closes the HTTP response at once.
    """

    @property
    def provider(self) -> Provider: ...

    @property
    def model(self) -> str | None: ...

    def stream(self, request: GenerationRequest) -> AsyncIterator[StreamEvent]: ...

    def replay(self, sent: SentRequest) -> AsyncIterator[StreamEvent]:
        """Send a stored request again, byte for byte, to the address it went to.

        Ends with a plain Failed, sending nothing, when that address is no longer this
        backend's endpoint (its base URL, account or model changed since).
        """
        ...


class BackendUnavailable(Exception):
    """No backend can be built (no profile, no token...): carries the Failure to show."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure
