"""Request bodies as the history keeps them: zlib-compressed BLOBs, read back one at a time,
bounded and checked; and as a JSON export carries them (the same compressed bytes in base64).

Each request carries the whole conversation so far, so a long chat's bodies add up to many
times its text; compressed, and read only when a reply's Details, Compare or Replay needs one,
they cost neither the file size nor the time to open a chat that raw copies would.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from typing import Final

from app.core.provenance import RequestUnavailable, SentRequest, StoredRequest

#: A chat at a 128k-token window is ~0.5 MB of JSON; anything far above is not a request body.
MAX_BODY_BYTES: Final = 16 * 1024 * 1024
#: zlib never grows data by more than a few bytes per 16 KB block (plus its header).
MAX_PACKED_BYTES: Final = MAX_BODY_BYTES + MAX_BODY_BYTES // 1000 + 64
#: The encoding of a body in an export: its compressed bytes as base64.
PACKED_ENCODING: Final = "zlib+base64"


def pack(body: bytes) -> bytes:
    """The body as the history keeps it."""
    return zlib.compress(body, 6)


def packed_of(request: SentRequest | StoredRequest, blob: bytes | None) -> bytes | None:
    """The compressed bytes to store for `request`: packed from its bytes, or `blob` as read."""
    return pack(request.body) if isinstance(request, SentRequest) else blob


def inflate(blob: bytes | None, size: int) -> bytes:
    """The `size` bytes compressed in `blob`; ValueError when they are missing, too large or
    damaged (zlib's checksum guards them; inflating stops one byte past `size`)."""
    if blob is None or len(blob) > MAX_PACKED_BYTES or not 0 <= size <= MAX_BODY_BYTES:
        raise ValueError("missing or too large")
    inflater = zlib.decompressobj()
    try:
        body = inflater.decompress(blob, size + 1)
    except zlib.error as exc:
        raise ValueError("damaged") from exc
    if len(body) != size or not inflater.eof or inflater.unused_data:
        raise ValueError("damaged")
    return body


def hash_matches(request: SentRequest) -> bool:
    """The bytes are the ones the hash names (a masked body never is; zlib guards it)."""
    return request.masked or SentRequest(request.url, request.body).sha256 == request.sha256


def unpack(stored: StoredRequest, blob: bytes | None) -> SentRequest:
    """The request with its bytes, from its compressed BLOB; RequestUnavailable says why not."""
    if not stored.kept:
        raise RequestUnavailable(
            "The request body was not kept: it was left out of the file this chat was "
            "imported from, which would otherwise have been too large to import."
        )
    try:
        body = inflate(blob, stored.size)
    except ValueError as exc:
        raise RequestUnavailable(f"The request body in the history is {exc}.") from exc
    sent = SentRequest(stored.url, body, stored.masked, stored.sha256)
    if not hash_matches(sent):
        raise RequestUnavailable("The request body in the history does not match its SHA-256.")
    return sent


def encode_packed(blob: bytes) -> str:
    return base64.b64encode(blob).decode("ascii")


def encoded_chars(blob: bytes) -> int:
    """How many characters `encode_packed(blob)` writes."""
    return 4 * ((len(blob) + 2) // 3)


def decode_packed(text: str) -> bytes:
    """The compressed bytes of an exported body; ValueError when it is not base64 or too long."""
    if len(text) > 4 * ((MAX_PACKED_BYTES + 2) // 3):
        raise ValueError("the request body is too large")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"the request body is not base64 ({exc})") from exc
