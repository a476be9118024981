"""Where a reply came from: endpoint, prompt version and values, the exact request, the answer's id.

Kept with every reply (history and JSON exports), shown in its Details view, and what Replay
sends again byte for byte. Never holds a token: tokens travel only in request headers.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from app.core.secrets import MASK, MIN_SECRET_LENGTH, redact

#: Headers that identify one request at the server (Cloudflare, vLLM/SGLang and most proxies).
REQUEST_ID_HEADERS: Final = ("cf-ray", "x-request-id", "request-id", "x-amzn-requestid")
#: Real ids are 16-64 characters; anything longer is cut here (a hostile server can send 60 KB).
MAX_REQUEST_ID_CHARS: Final = 128
#: Served model ids are paths like "meta-llama/Llama-3.1-8B-Instruct-FP8": well under this.
MAX_MODEL_ID_CHARS: Final = 256
_MAX_HEADER_CHARS: Final = 64 * 1024


def clean_request_id(raw: str, secrets: Iterable[str] = ()) -> str | None:
    """A server's request id as it may be kept and shown: control and format characters
    removed, any secret masked, at most MAX_REQUEST_ID_CHARS long; None when nothing is left.

    Cleaned before masking, so a token split by a control character is still found.
    """
    return _clean_server_text(raw, secrets, MAX_REQUEST_ID_CHARS)


def clean_model_id(raw: str, secrets: Iterable[str] = ()) -> str | None:
    """A model id a server named in its answer, cleaned and bounded like a request id."""
    return _clean_server_text(raw, secrets, MAX_MODEL_ID_CHARS)


def _clean_server_text(raw: str, secrets: Iterable[str], limit: int) -> str | None:
    head = raw[:_MAX_HEADER_CHARS]  # the whole value in practice (HTTP caps headers there)
    kept = "".join(ch for ch in head if not unicodedata.category(ch).startswith("C"))
    shown = " ".join(redact(kept, secrets).split())
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown or None


class RequestUnavailable(ValueError):
    """A reply's request was recorded but its bytes cannot be had; the message says why."""


@dataclass(frozen=True, slots=True)
class SentRequest:
    """One request exactly as sent: where, and the body's bytes.

    `masked`: a token was in it (a server may list the key as its model name, which is then
    sent back) and is replaced by a mask here, so these are not the bytes sent; `sha256` is
    still the hash of the bytes that were sent, so it names the request the server got.
    """

    url: str  # never holds a token (tokens are headers)
    body: bytes
    masked: bool = False
    sha256: str = field(default="")  # of the bytes sent; computed from `body` when not given

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.body).hexdigest())

    @property
    def size(self) -> int:
        return len(self.body)

    @property
    def kept(self) -> bool:
        """The bytes are here (see StoredRequest)."""
        return True

    def payload(self) -> dict[str, Any]:
        """The body as JSON ({} when it is not a JSON object)."""
        try:
            value = json.loads(self.body)
        except (ValueError, RecursionError):
            return {}
        return value if isinstance(value, dict) else {}

    def params(self) -> dict[str, Any]:
        """Every generation parameter the body carried (not the messages, model or stream)."""
        skip = {"messages", "prompt", "model", "stream", "stream_options"}
        return {k: v for k, v in self.payload().items() if k not in skip}

    @property
    def seed(self) -> int | None:
        seed = self.params().get("seed")
        return seed if isinstance(seed, int) and not isinstance(seed, bool) else None


@dataclass(frozen=True, slots=True)
class StoredRequest:
    """A recorded request without its bytes: what a reply read back from the history holds.

    Every chat sends its whole conversation again with each message, so the bodies of a long
    chat add up to many times its text; they are read one at a time, when Details, Replay or
    Compare needs them (ChatSession.request_of). `kept` is False when the bytes were left out
    (an exported file that would otherwise have been too large to import again).
    """

    url: str
    sha256: str  # of the bytes sent
    size: int  # of the bytes kept (the masked ones, when `masked`)
    masked: bool = False
    kept: bool = True


def stored_form(request: SentRequest | StoredRequest) -> StoredRequest:
    """`request` without its bytes."""
    if isinstance(request, StoredRequest):
        return request
    return StoredRequest(request.url, request.sha256, request.size, request.masked)


def masked_request(sent: SentRequest, secrets: Iterable[str]) -> SentRequest:
    """`sent` as it may be kept: every secret in its body or URL masked (and marked so); its
    SHA-256 stays that of the bytes sent."""
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
    return SentRequest(url, body, masked=True, sha256=sent.sha256)


@dataclass(frozen=True, slots=True)
class EndpointInfo:
    """The endpoint a reply came from, as the user named it."""

    name: str
    host: str
    dialect: str  # "workers-ai" or "openai"


@dataclass(frozen=True, slots=True)
class PromptUse:
    """The library prompt version a reply was asked with, and the variable values filled in."""

    #: "12@3": always an exact version, even when the chat follows a label; "" when the
    #: system prompt is not known to be a saved version (then only `values` are recorded).
    prompt_ref: str
    prompt_name: str = ""
    label: str = ""  # the label the chat followed, if any
    #: Every variable the system prompt used, with the value it was filled in with (the
    #: chat's, a default, or a built-in such as {{date}}).
    values: tuple[tuple[str, str], ...] = ()
    #: Long values were shortened where this was kept (the request body holds them in full).
    values_clipped: bool = False
    #: `prompt_ref` names a prompt of another library: the chat was imported from a file.
    elsewhere: bool = False


@dataclass(frozen=True, slots=True)
class Provenance:
    endpoint: EndpointInfo | None = None
    prompt: PromptUse | None = None
    request: SentRequest | StoredRequest | None = None  # the bytes only when just sent
    request_id: str | None = None  # the server's id for it (cf-ray, x-request-id…)
    reproducible: bool = False  # a seed was sent because the chat asked for reproducible runs
    replay_of: int | None = None  # the message whose stored request this one re-sent
    #: Continue grew the reply with a second request: `request` is that one, and no single
    #: request produced the whole text (so it cannot be replayed).
    continued: bool = False

    @property
    def replayable(self) -> bool:
        request = self.request
        return request is not None and request.kept and not request.masked and not self.continued

    def sent_params(self) -> dict[str, Any]:
        """Every generation parameter the body carried ({} when its bytes are not here)."""
        return self.request.params() if isinstance(self.request, SentRequest) else {}

    @property
    def seed(self) -> int | None:
        """The seed the body carried (None when none, or when its bytes are not here)."""
        return self.request.seed if isinstance(self.request, SentRequest) else None
