"""Simple mode's own sentences: one per failure category, the status line, the reply footer."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.errors import ErrorCategory, Failure
from app.core.message import ChatMessage, MessageState
from app.core.request import Role
from app.ui.simple.plain_errors import plain_message
from app.ui.simple.plain_status import PlainStatus
from app.ui.simple.simple_footer import SimpleFooter
from app.ui.style import LIGHT_STYLE
from tests.ui.jargon_walk import JARGON

CONTACT = "If this keeps happening, contact IT helpdesk, extension 1234."


@pytest.mark.parametrize("category", list(ErrorCategory))
@pytest.mark.parametrize("pasteable", [False, True])
def test_every_category_has_a_plain_sentence_ending_with_whom_to_ask(
    qapp: Any, category: ErrorCategory, pasteable: bool
) -> None:
    text = plain_message(category, contact_sentence=CONTACT, key_pasteable=pasteable)
    assert JARGON.search(text) is None, text
    assert text.endswith(CONTACT) and len(text) > len(CONTACT) + 20
    assert plain_message(category).endswith((".", "!"))  # no policy contact: nothing added


def test_only_a_key_problem_mentions_the_key(qapp: Any) -> None:
    keyed = {c for c in ErrorCategory if "key" in plain_message(c, key_pasteable=True)}
    assert keyed == {ErrorCategory.BAD_TOKEN, ErrorCategory.MISSING_SETTING}


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (
            "Waiting for the answer… 4 s (Esc stops; a large model or a busy server can take a "
            "while to start)",
            "Waiting for the answer… 4 s (Esc stops)",
        ),
        (
            "The server at 127.0.0.1:8000 is busy. Wait a moment and try again. Retrying in 2 s…",
            "The assistant is busy. Trying again in 2 s… (Esc stops)",
        ),
        ("Editing your message: Enter sends it.", "Editing your message: Enter sends it."),
        (
            "A reply is still streaming: stop it first.",
            "Wait for the answer to finish, or press Esc to stop it first.",
        ),
        (
            "The API token for “ACME” cannot be sent: it is empty.",
            "That did not work. Try again, or start a new chat. " + CONTACT,
        ),
        (
            "HTTP 500 from http://10.0.0.1/v1",
            "That did not work. Try again, or start a new chat. " + CONTACT,
        ),
    ],
)
def test_the_status_line_keeps_plain_texts_and_rewrites_technical_ones(
    qapp: Any, given: str, shown: str
) -> None:
    assert PlainStatus(CONTACT)(given) == shown


@pytest.mark.parametrize(
    "german",
    [
        "Der Endpunkt „ACME“ antwortet nicht.",
        "Das Modell ist auf diesem Server unbekannt.",
        "Temperatur ist von Ihrer Organisation festgelegt.",
        "Der Schlüsselbund ist gesperrt.",
    ],
)
def test_technical_words_in_the_german_status_texts_are_rewritten_too(
    qapp: Any, german: str
) -> None:
    assert PlainStatus(CONTACT)(german).startswith("That did not work.")


def test_plain_german_status_texts_stay(qapp: Any) -> None:
    assert PlainStatus(CONTACT)("Warten auf die Antwort… 3 s") == "Warten auf die Antwort… 3 s"


def _reply(**changes: Any) -> ChatMessage:
    message = ChatMessage(Role.ASSISTANT, "Hello")
    for name, value in changes.items():
        setattr(message, name, value)
    return message


def test_a_failed_reply_gets_the_plain_sentence_and_plain_actions(qapp: Any) -> None:
    failure = Failure(
        ErrorCategory.BAD_TOKEN, "Cloudflare did not accept the API token (HTTP 401)."
    )
    reply = _reply(state=MessageState.FAILED, failure=failure)
    html = SimpleFooter(CONTACT, key_pasteable=True)(3, reply, LIGHT_STYLE, (1, 1))
    assert "Your key was not accepted" in html and "IT helpdesk" in html
    assert "action:settings:3" in html and "Enter your key again" in html
    assert "API" not in html and "401" not in html and "Details" not in html


def test_a_finished_reply_shows_no_figures(qapp: Any) -> None:
    reply = _reply(state=MessageState.DONE, ttft_ms=420.0, tokens_per_s=55.0)
    html = SimpleFooter()(0, reply, LIGHT_STYLE, (2, 3))
    assert "tokens" not in html and "first token" not in html and "Details" not in html
    assert "Ask again" in html and "Copy" in html and "2/3" in html
