"""The streaming redactor: tokens split across deltas at any offset never come out, text is kept."""

from __future__ import annotations

import itertools
import random

import pytest

from app.core.errors import ErrorCategory, FailureContext, Provider, make_failure
from app.core.events import Failed, Finished, FinishReason, StreamEvent, TextDelta, Usage
from app.core.secrets import MASK, redact
from app.net.reply_redactor import ReplyRedactor, redacting

SECRET = "sk-local-key-2b8e4d6f0a1c3e5f77"
OTHER = "cf-token-0123456789abcdef"
CTX = FailureContext(Provider.LOCAL, "127.0.0.1:8000")


def shown(redactor: ReplyRedactor, deltas: list[str]) -> list[str]:
    pieces = [redactor.text(delta) for delta in deltas]
    return [*pieces, redactor.flush()]


def test_a_secret_split_in_two_at_every_offset_never_comes_out() -> None:
    text = f"Your key is {SECRET}, keep it safe. sk-"  # ends in a start that never completes
    for cut in range(len(text) + 1):
        pieces = shown(ReplyRedactor([SECRET]), [text[:cut], text[cut:]])
        assert "".join(pieces) == text.replace(SECRET, MASK)
        for piece in pieces:
            assert SECRET[: len(SECRET) // 2] not in piece


def test_a_secret_split_in_three_anywhere_and_one_character_at_a_time() -> None:
    text = f"a{SECRET}b{SECRET}"
    for i, j in itertools.combinations(range(len(text) + 1), 2):
        out = "".join(shown(ReplyRedactor([SECRET]), [text[:i], text[i:j], text[j:]]))
        assert out == f"a{MASK}b{MASK}"
    out = "".join(shown(ReplyRedactor([SECRET]), list(text)))
    assert out == f"a{MASK}b{MASK}"


def test_only_a_possible_start_is_held_and_ordinary_text_passes_at_once() -> None:
    redactor = ReplyRedactor([SECRET])
    assert redactor.text("Hello there") == "Hello there"
    assert redactor.text(", this is sk") == ", this is "  # "sk" may start the key
    assert redactor.holding
    assert redactor.text("y blue") == "sky blue"  # it did not: released with the next delta
    assert not redactor.holding
    assert redactor.text(SECRET[:-1]) == ""  # everything but the last character: all held
    assert redactor.text("!") == SECRET[:-1] + "!"  # it did not complete: nothing was a secret


def test_several_secrets_sharing_a_start_and_one_inside_another() -> None:
    inner = "token-abcdef"
    outer = f"x-{inner}-zz"
    text = f"1 {outer} 2 {inner} 3"
    for cut in range(len(text) + 1):
        out = "".join(shown(ReplyRedactor([inner, outer]), [text[:cut], text[cut:]]))
        assert out == f"1 {MASK} 2 {MASK} 3"


def test_short_strings_are_not_treated_as_secrets() -> None:
    redactor = ReplyRedactor(["abc", ""])
    assert not redactor.active
    assert redactor.text("abc abc") == "abc abc"


def events_out(decoded: list[list[StreamEvent]], secrets: list[str]) -> list[StreamEvent]:
    """Feed pre-decoded event batches through `redacting` as a decoder would produce them."""

    class Scripted:
        def __init__(self) -> None:
            self.batches = list(decoded)
            self.ended = False

        def feed(self, data: str) -> list[StreamEvent]:
            batch = self.batches.pop(0)
            self.ended = any(isinstance(e, Finished | Failed) for e in batch)
            return batch

        def end_of_stream(self) -> list[StreamEvent]:
            self.ended = True
            return []

    decoder = redacting(Scripted(), secrets)
    out: list[StreamEvent] = []
    for _ in decoded:
        out += decoder.feed("")
        if decoder.ended:
            return out
    return out + list(decoder.end_of_stream())


def text_of(events: list[StreamEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


@pytest.mark.parametrize("cut", range(1, len(SECRET)))
def test_held_text_goes_out_before_the_end_of_the_reply(cut: int) -> None:
    half = [[TextDelta("see " + SECRET[:cut])]]
    finished = events_out([*half, [Usage(1, 2, 3), Finished(FinishReason.LENGTH)]], [SECRET])
    assert text_of(finished) == "see " + SECRET[:cut]
    assert isinstance(finished[-1], Finished)  # the held text came before the end
    failure = make_failure(ErrorCategory.SERVER_ERROR, CTX, detail=f"bad key {SECRET}")
    failed = events_out([*half, [Failed(failure)]], [SECRET])
    assert text_of(failed) == "see " + SECRET[:cut]
    last = failed[-1]
    assert isinstance(last, Failed) and SECRET not in last.failure.message
    assert SECRET not in (last.failure.detail or "") and MASK in last.failure.message
    ended = events_out(half, [SECRET])  # no finish at all: end_of_stream releases it
    assert text_of(ended) == "see " + SECRET[:cut]


def test_without_secrets_the_decoder_is_used_as_it_is() -> None:
    class Plain:
        ended = False

        def feed(self, data: str) -> list[StreamEvent]:
            return []

        def end_of_stream(self) -> list[StreamEvent]:
            return []

    plain = Plain()
    assert redacting(plain, []) is plain


def test_overlapping_secrets_are_masked_as_one() -> None:
    first, second = "abcdef12", "f12xyz99"
    text = "see abcdef12xyz99!"
    for cut in range(len(text) + 1):
        out = "".join(shown(ReplyRedactor([first, second]), [text[:cut], text[cut:]]))
        assert out == f"see {MASK}!"


def test_streamed_output_equals_masking_the_whole_reply_at_once() -> None:
    """Random replies over a tiny alphabet (so secrets overlap, repeat and half-appear),
    cut into random deltas: what comes out is exactly the whole text, masked."""
    rng = random.Random(8)
    for _ in range(3000):
        secrets = [
            "".join(rng.choices("ab-", k=rng.randint(6, 9))) for _ in range(rng.randint(1, 3))
        ]
        pieces = [rng.choice([*secrets, *"ab-x "]) for _ in range(rng.randint(0, 12))]
        text = "".join(p[: rng.randint(1, len(p))] if rng.random() < 0.3 else p for p in pieces)
        cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, rng.randint(0, 6))))
        deltas = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        redactor = ReplyRedactor(secrets)
        out = shown(redactor, deltas)
        assert "".join(out) == redact(text, secrets), (secrets, deltas)
