"""What the Details view of a reply says, decided without widgets: masked bodies, prompts of
another library, shortened values, and requests whose bytes could not be read."""

from __future__ import annotations

from app.core.message import ChatMessage
from app.core.provenance import (
    PromptUse,
    Provenance,
    SentRequest,
    StoredRequest,
    masked_request,
    stored_form,
)
from app.core.request import Role
from app.ui.replies.detail_rows import detail_rows

URL = "http://127.0.0.1:8000/v1/chat/completions"


def rows(provenance: Provenance, **kwargs: object) -> dict[str, str]:
    reply = ChatMessage(Role.ASSISTANT, "answer", provenance=provenance)
    return {row.label: row.value for row in detail_rows(reply, **kwargs)}  # type: ignore[arg-type]


def test_a_masked_request_shows_the_hash_of_the_bytes_sent_and_says_the_body_is_masked() -> None:
    token = "sk-listed-as-model-0123"
    sent = SentRequest(URL, f'{{"model":"{token}","seed":4}}'.encode())
    kept = masked_request(sent, (token,))
    shown = rows(Provenance(request=kept))
    assert shown["SHA-256"] == sent.sha256 != SentRequest(URL, kept.body).sha256
    assert (
        "masked" in shown["Token masked"]
        and "SHA-256 above is of the bytes sent" in (shown["Token masked"])
    )
    assert shown["Seed"] == "4"


def test_a_prompt_of_another_library_is_named_without_its_id() -> None:
    use = PromptUse("12@3", "Tutor", values=(("a", "b"),), elsewhere=True)
    shown = rows(Provenance(prompt=use))
    assert shown["Prompt version"] == (
        "“Tutor” version 3, of the library this chat was imported from"
    )
    assert "#12" not in shown["Prompt version"]
    assert rows(Provenance(prompt=PromptUse("12@3", "Tutor")))["Prompt version"] == "#12@3 “Tutor”"


def test_shortened_values_are_said_to_be_shortened() -> None:
    use = PromptUse("1@1", values=(("doc", "x" * 300),), values_clipped=True)
    shown = rows(Provenance(prompt=use))["Variable values"]
    assert shown.startswith("doc = xxx") and "shortened" in shown and "body holds them" in shown


def test_a_request_read_back_without_its_bytes_shows_its_mark_and_why_not_the_rest() -> None:
    sent = SentRequest(URL, b'{"seed":9,"temperature":0.2}')
    marker = stored_form(sent)
    shown = rows(Provenance(request=marker), unreadable="The request body was not kept.")
    assert shown["SHA-256"] == sent.sha256 and shown["Body size"] == f"{len(sent.body)} bytes"
    assert shown["Seed"] == "not known: The request body was not kept."
    read = rows(Provenance(request=marker), sent=sent)
    assert read["Seed"] == "9" and read["temperature"] == "0.2"
    assert isinstance(marker, StoredRequest)
