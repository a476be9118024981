"""A reply's provenance to and from JSON: a small column (the request's address, hash and size,
never its bytes) beside the compressed body BLOB; in a JSON export, the same with the body inline.

Reading the history is forgiving: a part that is damaged is dropped and a text that is too long
is shortened, the rest kept (never a crash). Imports are strict about shapes and hashes
(ProvenanceError says what is wrong) and shorten long texts as the history does.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Final, TypeVar

from app.core.prompts.variables import BUILTIN_NAMES, MAX_NAME_CHARS, MAX_VALUE_CHARS, MAX_VARIABLES
from app.core.provenance import (
    EndpointInfo,
    PromptUse,
    Provenance,
    SentRequest,
    StoredRequest,
    clean_request_id,
    stored_form,
)
from app.storage.history.request_bodies import (
    MAX_BODY_BYTES,
    PACKED_ENCODING,
    decode_packed,
    encode_packed,
    hash_matches,
    inflate,
    pack,
    packed_of,
)

FORMAT_VERSION: Final = 1
_MAX_SHORT: Final = 1000  # names, hosts, dialects, refs, labels
_MAX_URL: Final = 8 * 1024
#: Every variable a chat can declare, and the built-ins.
MAX_VALUES: Final = MAX_VARIABLES + len(BUILTIN_NAMES)
#: Variable values are kept in full up to this many characters in all, then shortened (and
#: marked so): the request body holds them in full, and this column is read for every reply
#: of a chat when it opens.
KEPT_VALUE_CHARS: Final = 20_000
#: The longest column written (JSON may escape a character as six: a backslash, u and four hex
#: digits); a longer one is damaged.
MAX_JSON_CHARS: Final = (
    6 * (KEPT_VALUE_CHARS + MAX_VALUES * (MAX_NAME_CHARS + 8) + 8 * _MAX_SHORT + _MAX_URL) + 4096
)
_SHA256: Final = re.compile(r"[0-9a-f]{64}")
_T = TypeVar("_T")


class ProvenanceError(ValueError):
    """Provenance in an import that cannot be taken as it is; the message says what."""


# -- the history's columns ---------------------------------------------------------------------


def encode_provenance(
    provenance: Provenance | None, blob: bytes | None = None
) -> tuple[str | None, bytes | None]:
    """(the provenance column, the request_body column) for a reply.

    The body is compressed from the request's bytes; a request read back without them
    (StoredRequest) gives `blob`, its compressed body as stored, or None to leave it as it is.
    """
    if provenance is None:
        return None, None
    data = _common(provenance)
    request = provenance.request
    if request is not None:
        data["request"] = _request_json(request)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text, None if request is None or not request.kept else packed_of(request, blob)


def decode_provenance(text: str | None) -> Provenance | None:
    """Provenance from its column (the request without its bytes); None when there is none,
    or it is not provenance at all. A damaged part is dropped, the rest kept."""
    if text is None or len(text) > MAX_JSON_CHARS:
        return None
    try:
        return _provenance(json.loads(text), strict=False)
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


# -- JSON exports ------------------------------------------------------------------------------


def provenance_export(
    provenance: Provenance | None,
    local_ids: Mapping[int, int],
    blob: bytes | None = None,
    left_out: str = "",
) -> Any:
    """JSON-ready provenance with the body inline (compressed, base64); `replay_of` renumbered
    as in the file. `blob`: the body as stored; `left_out`: why the body is not in the file."""
    if provenance is None:
        return None
    data = _common(provenance)
    data["replay_of"] = (
        None if provenance.replay_of is None else local_ids.get(provenance.replay_of)
    )
    request = provenance.request
    if request is not None:
        entry = _request_json(request)
        packed = packed_of(request, blob) if request.kept and not left_out else None
        if packed is not None:
            entry["body"], entry["body_encoding"] = encode_packed(packed), PACKED_ENCODING
        else:
            entry["body"], entry["kept"] = None, False
            entry["body_left_out"] = left_out or "it was not kept"
        data["request"] = entry
    return data


def provenance_import(raw: object) -> tuple[Provenance | None, bytes | None]:
    """Provenance from an export (`replay_of` still numbered as in the file), and its body as
    the history keeps it. A prompt it names is another library's: its id means nothing here."""
    if raw is None:
        return None, None
    if not isinstance(raw, dict):
        raise ProvenanceError("its provenance is not an object")
    try:
        provenance = _provenance(raw, strict=True)
        if provenance.prompt is not None and provenance.prompt.prompt_ref:
            provenance = replace(provenance, prompt=replace(provenance.prompt, elsewhere=True))
        request = raw.get("request")
        if request is None:
            return provenance, None
        stored, blob = _imported_request(request)
        return replace(provenance, request=stored), blob
    except ProvenanceError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ProvenanceError(f"its provenance is damaged ({exc})") from exc


def _imported_request(raw: object) -> tuple[StoredRequest, bytes | None]:
    if not isinstance(raw, dict):
        raise ProvenanceError("its request is not an object")
    url, masked = _text(raw["url"], _MAX_URL), _flag(raw.get("masked", False))
    sha256 = _sha256(raw.get("sha256"))
    body_text = raw.get("body")
    if body_text is None and raw.get("kept") is False:  # left out of the file when exported
        return StoredRequest(url, sha256, _size(raw.get("size")), masked, kept=False), None
    if not isinstance(body_text, str) or len(body_text) > MAX_BODY_BYTES * 4 // 3 + 4:
        raise ProvenanceError("its request body is missing or too large")
    encoding = raw.get("body_encoding")
    if encoding == PACKED_ENCODING:
        blob = decode_packed(body_text)
        size = _size(raw.get("size"))
        try:
            body = inflate(blob, size)  # checked once, then kept as it is
        except ValueError as exc:
            raise ProvenanceError(f"its request body is {exc}") from exc
        if not hash_matches(SentRequest(url, body, masked, sha256)):
            raise ProvenanceError("its request body does not match its SHA-256")
        return StoredRequest(url, sha256, size, masked), blob
    if encoding == "text":
        body = body_text.encode("utf-8")
    elif encoding == "base64":
        try:
            body = base64.b64decode(body_text, validate=True)
        except binascii.Error as exc:
            raise ProvenanceError(f"its request body is damaged ({exc})") from exc
    else:
        raise ProvenanceError("its request body has an unknown encoding")
    sent = SentRequest(url, body, masked, sha256)
    if not hash_matches(sent):
        raise ProvenanceError("its request body does not match its SHA-256")
    return stored_form(sent), pack(body)


# -- shared --------------------------------------------------------------------------------------


def _common(p: Provenance) -> dict[str, Any]:
    endpoint = p.endpoint
    prompt = p.prompt
    data: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "endpoint": None
        if endpoint is None
        else {
            "name": _clip(endpoint.name, _MAX_SHORT),
            "host": _clip(endpoint.host, _MAX_SHORT),
            "dialect": _clip(endpoint.dialect, _MAX_SHORT),
        },
        "prompt": None,
        "request_id": p.request_id,
        "reproducible": p.reproducible,
        "replay_of": p.replay_of,
        "continued": p.continued,
    }
    if prompt is not None:
        values, clipped = _kept_values(prompt.values)
        data["prompt"] = {
            "ref": prompt.prompt_ref if len(prompt.prompt_ref) <= _MAX_SHORT else "",
            "name": _clip(prompt.prompt_name, _MAX_SHORT),
            "label": _clip(prompt.label, _MAX_SHORT),
            "values": values,
            "values_clipped": clipped or prompt.values_clipped,
            "elsewhere": prompt.elsewhere,
        }
    return data


def _kept_values(values: Sequence[tuple[str, str]]) -> tuple[list[list[str]], bool]:
    """The values as kept: in full while they fit KEPT_VALUE_CHARS in all, then shortened."""
    kept: list[list[str]] = []
    room, clipped = KEPT_VALUE_CHARS, len(values) > MAX_VALUES
    for name, value in values[:MAX_VALUES]:
        if len(name) > MAX_NAME_CHARS:  # not a variable's name: nothing a reader can use
            clipped = True
            continue
        if len(value) > room:
            value, clipped = _clip(value, max(room, 1)), True
        room = max(0, room - len(value))
        kept.append([name, value])
    return kept, clipped


def _request_json(request: SentRequest | StoredRequest) -> dict[str, Any]:
    return {
        "url": request.url,
        "sha256": request.sha256,  # of the bytes sent, masked or not
        "size": request.size,
        "masked": request.masked,
        "kept": request.kept,
    }


def _provenance(data: object, *, strict: bool) -> Provenance:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    version = data.get("v", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ValueError("written by a newer LlamaDesk")

    def part(read: Callable[[Any], _T], key: str, default: Any = None) -> _T | None:
        """A damaged part of a history row is dropped; of an import, it refuses the import."""
        try:
            return read(data.get(key, default))
        except (ValueError, TypeError, KeyError, AttributeError):
            if strict:
                raise
            return None

    return Provenance(
        endpoint=part(_endpoint, "endpoint"),
        prompt=part(_prompt, "prompt"),
        request=None if strict else part(_stored_request, "request"),
        request_id=part(_request_id, "request_id"),
        reproducible=part(_flag, "reproducible", False) or False,
        replay_of=part(_optional_int, "replay_of"),
        continued=part(_flag, "continued", False) or False,
    )


def _endpoint(raw: object) -> EndpointInfo | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("the endpoint is not an object")
    return EndpointInfo(_short(raw["name"]), _short(raw["host"]), _short(raw["dialect"]))


def _prompt(raw: object) -> PromptUse | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("the prompt is not an object")
    values = raw.get("values", [])
    if not isinstance(values, list):
        raise ValueError("its variable values are not a list")
    clipped = _flag(raw.get("values_clipped", False)) or len(values) > MAX_VALUES
    pairs: list[tuple[str, str]] = []
    for pair in values[:MAX_VALUES]:
        if not isinstance(pair, list) or len(pair) != 2:
            raise ValueError("a variable value is not a [name, value] pair")
        name, value = _text(pair[0], None), _text(pair[1], None)
        if len(name) > MAX_NAME_CHARS:
            clipped = True  # not a variable's name: that value alone is dropped
            continue
        if len(value) > MAX_VALUE_CHARS:
            value, clipped = _clip(value, MAX_VALUE_CHARS), True
        pairs.append((name, value))
    ref = _text(raw["ref"], None)
    return PromptUse(
        ref if len(ref) <= _MAX_SHORT else "",  # a reference that long is none at all
        _short(raw.get("name", "")),
        _short(raw.get("label", "")),
        tuple(pairs),
        values_clipped=clipped,
        elsewhere=_flag(raw.get("elsewhere", False)),
    )


def _stored_request(raw: object) -> StoredRequest | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("the request is not an object")
    return StoredRequest(
        _text(raw["url"], _MAX_URL),  # an address cut short would send elsewhere: dropped
        _sha256(raw["sha256"]),
        _size(raw["size"]),
        _flag(raw.get("masked", False)),
        _flag(raw.get("kept", True)),
    )


def _request_id(raw: object) -> str | None:
    return None if raw is None else clean_request_id(_text(raw, None))


def _sha256(value: object) -> str:
    if not isinstance(value, str) or _SHA256.fullmatch(value) is None:
        raise ValueError("the request's SHA-256 is not 64 hexadecimal digits")
    return value


def _size(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_BODY_BYTES:
        raise ValueError("the request's size is not a size")
    return value


def _short(value: object) -> str:
    return _clip(_text(value, None), _MAX_SHORT)


def _clip(text: str, limit: int) -> str:
    """`text`, shortened to `limit` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value: object, limit: int | None) -> str:
    if not isinstance(value, str) or (limit is not None and len(value) > limit):
        raise ValueError("a text field is missing or too long")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("a yes/no field is not true or false")
    return value


def _optional_int(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("a message number is not a whole number")
    return value
