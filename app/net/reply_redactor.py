"""Keeps tokens out of a reply as it streams: masks whole ones, holds back what could start one.

A server may echo the token it was sent inside the reply text, split over several deltas
("sk-ab" + "c123…"). Masking each delta alone would miss it, so the redactor holds back the
longest tail that could still grow into a secret and releases it with the next delta, or at
the end of the reply. Everything downstream (the terminal, the window, the history and its
exports) only ever sees masked text. When the user stops a reply, the held characters (at
most a token's length, and only when they look like its start) are not shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from app.core.errors import Failure
from app.core.events import Failed, Finished, StreamEvent, TextDelta
from app.core.secrets import MIN_SECRET_LENGTH, masked, redact, secret_spans


class StreamDecoder(Protocol):
    """The shape of a dialect's decoder (as app.net.stream_call defines it)."""

    ended: bool

    def feed(self, data: str) -> Sequence[StreamEvent]: ...

    def end_of_stream(self) -> Sequence[StreamEvent]: ...


class ReplyRedactor:
    """Masks `secrets` in the consecutive text deltas of one reply."""

    __slots__ = ("_held", "_secrets", "_tails", "heads", "holding")

    def __init__(self, secrets: Sequence[str]) -> None:
        # Longest first: a secret that contains another is masked whole.
        self._secrets = tuple(
            sorted({s for s in secrets if len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True)
        )
        #: Per secret (first character, first three, (first one, first two)): text that holds a
        #: secret or ends in the start of one holds the first character and either holds the
        #: first three or ends with the first one or two.
        self.heads = tuple({(s[0], s[:3], (s[0], s[:2])) for s in self._secrets})
        self._tails = tuple((s, s[0], len(s) - 1) for s in self._secrets)
        self._held = ""
        #: Some text is held back: it may be the start of a secret.
        self.holding = False

    @property
    def active(self) -> bool:
        return bool(self._secrets)

    def could_touch(self, text: str) -> bool:
        """Whether `text` may hold a secret or end in the start of one (no: it is safe)."""
        for first, three, ends in self.heads:
            if first in text and (three in text or text.endswith(ends)):
                return True
        return False

    def text(self, delta: str) -> str:
        """What of `held + delta` can be shown now: masked, minus a tail that may start a secret."""
        held = self._held
        if not held and not self.could_touch(delta):
            return delta
        text = held + delta if held else delta
        spans = secret_spans(text, self._secrets)
        cut = self._possible_start(text)
        for start, end in spans:
            # A whole secret reaching into the held tail is held with it: a longer secret
            # that contains it may still be completing.
            if end > cut:
                cut = min(cut, start)
                break
        self._held = text[cut:]
        self.holding = cut < len(text)
        return masked(text[:cut], [span for span in spans if span[1] <= cut])

    def flush(self) -> str:
        """The held tail at the end of the reply: what is not a secret in it is shown."""
        held, self._held = self._held, ""
        self.holding = False
        return redact(held, self._secrets)

    def events(self, events: Sequence[StreamEvent], *, last: bool = False) -> Sequence[StreamEvent]:
        """`events` with their text masked; the held tail goes out before the reply ends.

        `last`: no more events follow (the stream ended), so nothing may stay held.
        """
        out: list[StreamEvent] = []
        for event in events:
            if type(event) is TextDelta:
                shown = self.text(event.text)
                if shown:
                    out.append(event if shown is event.text else TextDelta(shown))
                continue
            if type(event) is Finished or type(event) is Failed:
                if held := self.flush():
                    out.append(TextDelta(held))
                if type(event) is Failed:
                    event = Failed(redacted_failure(event.failure, self._secrets))
            out.append(event)
        if last and (held := self.flush()):
            out.append(TextDelta(held))
        return out

    def _possible_start(self, text: str) -> int:
        """Where the longest tail of `text` that could still grow into a secret begins."""
        start_at = end = len(text)
        for secret, first, longest_tail in self._tails:
            # Only the last len(secret)-1 characters can begin an unfinished secret.
            lo = end - longest_tail
            i = text.find(first, lo if lo > 0 else 0, start_at)
            while i >= 0:
                if secret.startswith(text[i:]):
                    start_at = i
                    break
                i = text.find(first, i + 1, start_at)
        return start_at


class RedactingDecoder:
    """A dialect's stream decoder whose events come out masked (see ReplyRedactor)."""

    __slots__ = ("_decoder", "_heads", "_redactor", "ended")

    def __init__(self, decoder: StreamDecoder, redactor: ReplyRedactor) -> None:
        self._decoder = decoder
        self._redactor = redactor
        self._heads = redactor.heads
        self.ended = False

    def feed(self, data: str) -> Sequence[StreamEvent]:
        events = self._decoder.feed(data)
        # The hot path, once per token, kept free of further calls: a lone text delta that
        # cannot touch a secret, with nothing held back, passes as it is.
        if len(events) == 1 and type(event := events[0]) is TextDelta:
            text = event.text
            for first, three, ends in self._heads:
                if first in text and (three in text or text.endswith(ends)):
                    break
            else:
                if not self._redactor.holding:
                    return events
            if not self._decoder.ended:
                shown = self._redactor.text(text)
                if shown is text:
                    return events
                return (TextDelta(shown),) if shown else ()
        if self._decoder.ended:
            self.ended = True
            return self._redactor.events(events, last=True)
        return self._redactor.events(events)

    def end_of_stream(self) -> Sequence[StreamEvent]:
        self.ended = True
        return self._redactor.events(self._decoder.end_of_stream(), last=True)

    def flush(self) -> Sequence[StreamEvent]:
        """The held text when the stream broke off (a transport error ends it, not the decoder)."""
        held = self._redactor.flush()
        return (TextDelta(held),) if held else ()


def redacting(decoder: StreamDecoder, secrets: Sequence[str]) -> StreamDecoder:
    """`decoder` masking `secrets` in its events; the decoder itself when there are none."""
    redactor = ReplyRedactor(secrets)
    return RedactingDecoder(decoder, redactor) if redactor.active else decoder


def redacted_failure(failure: Failure, secrets: Sequence[str]) -> Failure:
    """Failure texts quote the server; make sure they never quote a token back."""
    return replace(
        failure,
        message=redact(failure.message, secrets),
        detail=None if failure.detail is None else redact(failure.detail, secrets),
    )
