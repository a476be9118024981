"""Where a reply came from: endpoint, prompt version and values, the exact request, the answer's id.

Kept with every reply (history and JSON exports), shown in its Details view, and what Replay
sends again byte for byte. Never holds a token: tokens travel only in request headers.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from app.core.secrets import MASK, MIN_SECRET_LENGTH, redact

#: Headers that identify one request at the server (Cloudflare, vLLM/SGLang and most proxies).
REQUEST_ID_HEADERS: Final = ("cf-ray", "x-request-id", "request-id", "x-amzn-requestid")
#: Real ids are 16-64 characters; anything longer is cut here (a hostile server can send 60 KB).
MAX_REQUEST_ID_CHARS: Final = 128
_MAX_HEADER_CHARS: Final = 64 * 1024


def clean_request_id(raw: str, secrets: Iterable[str] = ()) -> str | None:
    """A server's request id as it may be kept and shown: control and format characters
    removed, any secret masked, at most MAX_REQUEST_ID_CHARS long; None when nothing is left.

    Cleaned before masking, so a token split by a control character is still found.
    """
    head = raw[:_MAX_HEADER_CHARS]  # the whole value in practice (HTTP caps headers there)
    kept = "".join(ch for ch in head if not unicodedata.category(ch).startswith("C"))
    shown = " ".join(redact(kept, secrets).split())
    if len(shown) > MAX_REQUEST_ID_CHARS:
        shown = shown[: MAX_REQUEST_ID_CHARS - 1] + "…"
    return shown or None


@dataclass(frozen=True, slots=True)
class SentRequest:
    """One request exactly as sent: where, and the body's bytes.

    `masked`: a token was in it (a server may list the key as its model name, which is then
    sent back) and is replaced by a mask here, so these are not the bytes sent.
    """

    url: str  # never holds a token (tokens are headers)
    body: bytes
    masked: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    def payload(self) -> dict[str, Any]:
        """The body as JSON ({} when it is not a JSON object)."""
        try:
            value = json.loads(self.body)
        except (ValueError, RecursionError):
            return {}
        return value if isinstance(value, dict) else {}


def masked_request(sent: SentRequest, secrets: Iterable[str]) -> SentRequest:
    """`sent` as it may be kept: every secret in its body or URL masked (and marked so)."""
    body, url = sent.body, sent.url
    for secret in secrets:
        if len(secret) < MIN_SECRET_LENGTH:
            continue
        # As written in the JSON: plain, and with the escapes json.dumps would add.
        for form in {secret, json.dumps(secret)[1:-1]}:
            body = body.replace(form.encode("utf-8", "surrogatepass"), MASK.encode())
        url = redact(url, (secret,))
    if body == sent.body and url == sent.url:
        return sent
    return SentRequest(url, body, masked=True)


@dataclass(frozen=True, slots=True)
class EndpointInfo:
    """The endpoint a reply came from, as the user named it."""

    name: str
    host: str
    dialect: str  # "workers-ai" or "openai"


@dataclass(frozen=True, slots=True)
class PromptUse:
    """The library prompt version a reply was asked with, and the variable values filled in."""

    prompt_ref: str  # "12@3": always an exact version, even when the chat follows a label
    prompt_name: str = ""
    label: str = ""  # the label the chat followed, if any
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Provenance:
    endpoint: EndpointInfo | None = None
    prompt: PromptUse | None = None
    request: SentRequest | None = None
    request_id: str | None = None  # the server's id for it (cf-ray, x-request-id…)
    reproducible: bool = False  # a seed was sent because the chat asked for reproducible runs
    replay_of: int | None = None  # the message whose stored request this one re-sent
    #: Continue grew the reply with a second request: `request` is that one, and no single
    #: request produced the whole text (so it cannot be replayed).
    continued: bool = False

    @property
    def replayable(self) -> bool:
        return self.request is not None and not self.request.masked and not self.continued

    def sent_params(self) -> dict[str, Any]:
        """Every generation parameter the body carried (not the messages, model or stream)."""
        if self.request is None:
            return {}
        payload = self.request.payload()
        skip = {"messages", "prompt", "model", "stream", "stream_options"}
        return {k: v for k, v in payload.items() if k not in skip}

    @property
    def seed(self) -> int | None:
        seed = self.sent_params().get("seed")
        return seed if isinstance(seed, int) and not isinstance(seed, bool) else None
