"""A reply's provenance to and from JSON: a small column plus the body as a BLOB, or, in a JSON
export, the body inline (text when it is UTF-8 JSON, else base64) with its SHA-256.

Reading is bounded and forgiving where the history is concerned (a damaged column gives no
provenance, never a crash) and strict for imports (ProvenanceError says what is wrong).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from app.core.provenance import EndpointInfo, PromptUse, Provenance, SentRequest, clean_request_id

FORMAT_VERSION: Final = 1
#: A chat at a 128k-token window is ~0.5 MB of JSON; anything far above is not a request body.
MAX_BODY_BYTES: Final = 16 * 1024 * 1024
MAX_JSON_CHARS: Final = 1024 * 1024  # the column without the body (variable values included)
_MAX_SHORT: Final = 1000  # names, hosts, dialects, refs, labels
_MAX_URL: Final = 8 * 1024
_MAX_VALUES: Final = 500
_MAX_VALUE_CHARS: Final = 200_000


class ProvenanceError(ValueError):
    """Provenance in an import that cannot be taken as it is; the message says what."""


# -- the history's columns ---------------------------------------------------------------------


def encode_provenance(provenance: Provenance | None) -> tuple[str | None, bytes | None]:
    """(the provenance column, the request_body column) for a reply."""
    if provenance is None:
        return None, None
    data = _common(provenance)
    if provenance.request is not None:
        request = provenance.request
        data["request"] = {"url": request.url, "sha256": request.sha256, "masked": request.masked}
    body = None if provenance.request is None else provenance.request.body
    return json.dumps(data, ensure_ascii=False, sort_keys=True), body


def decode_provenance(text: str | None, body: bytes | None) -> Provenance | None:
    """Provenance from its columns; None when there is none or it is damaged."""
    if text is None or len(text) > MAX_JSON_CHARS:
        return None
    try:
        data = json.loads(text)
        provenance = _provenance(data)
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    try:
        return replace(provenance, request=_request(data.get("request"), body))
    except (ValueError, TypeError, KeyError):  # a damaged body: the rest is still true
        return provenance


# -- JSON exports ------------------------------------------------------------------------------


def provenance_export(provenance: Provenance | None, local_ids: Mapping[int, int]) -> Any:
    """JSON-ready provenance with the body inline; `replay_of` renumbered as in the file."""
    if provenance is None:
        return None
    data = _common(provenance)
    data["replay_of"] = (
        None if provenance.replay_of is None else local_ids.get(provenance.replay_of)
    )
    request = provenance.request
    if request is not None:
        entry: dict[str, Any] = {
            "url": request.url,
            "sha256": request.sha256,
            "masked": request.masked,
        }
        text = _json_text(request.body)
        if text is not None:
            entry["body"], entry["body_encoding"] = text, "text"
        else:
            entry["body"] = base64.b64encode(request.body).decode("ascii")
            entry["body_encoding"] = "base64"
        data["request"] = entry
    return data


def provenance_import(raw: object) -> Provenance | None:
    """Provenance from an export (`replay_of` still numbered as in the file)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ProvenanceError("its provenance is not an object")
    try:
        provenance = _provenance(raw)
        request = raw.get("request")
        if request is None:
            return provenance
        if not isinstance(request, dict):
            raise ProvenanceError("its request is not an object")
        body_text = request.get("body")
        if not isinstance(body_text, str) or len(body_text) > MAX_BODY_BYTES * 4 // 3 + 4:
            raise ProvenanceError("its request body is missing or too large")
        encoding = request.get("body_encoding")
        if encoding == "text":
            body = body_text.encode("utf-8")
        elif encoding == "base64":
            body = base64.b64decode(body_text, validate=True)
        else:
            raise ProvenanceError("its request body has an unknown encoding")
        return replace(provenance, request=_request(request, body))
    except ProvenanceError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
        raise ProvenanceError(f"its provenance is damaged ({exc})") from exc


# -- shared --------------------------------------------------------------------------------------


def _common(p: Provenance) -> dict[str, Any]:
    endpoint = p.endpoint
    prompt = p.prompt
    return {
        "v": FORMAT_VERSION,
        "endpoint": None
        if endpoint is None
        else {"name": endpoint.name, "host": endpoint.host, "dialect": endpoint.dialect},
        "prompt": None
        if prompt is None
        else {
            "ref": prompt.prompt_ref,
            "name": prompt.prompt_name,
            "label": prompt.label,
            "values": [list(pair) for pair in prompt.values],
        },
        "request_id": p.request_id,
        "reproducible": p.reproducible,
        "replay_of": p.replay_of,
        "continued": p.continued,
    }


def _provenance(data: object) -> Provenance:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    version = data.get("v", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ValueError("written by a newer LlamaDesk")
    request_id = data.get("request_id")
    replay_of = data.get("replay_of")
    return Provenance(
        endpoint=_endpoint(data.get("endpoint")),
        prompt=_prompt(data.get("prompt")),
        request_id=None if request_id is None else clean_request_id(_short(request_id)),
        reproducible=_flag(data.get("reproducible", False)),
        replay_of=None if replay_of is None else _int(replay_of),
        continued=_flag(data.get("continued", False)),
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
    if not isinstance(values, list) or len(values) > _MAX_VALUES:
        raise ValueError("too many variable values")
    pairs = []
    for pair in values:
        if not isinstance(pair, list) or len(pair) != 2:
            raise ValueError("a variable value is not a [name, value] pair")
        pairs.append((_short(pair[0]), _text(pair[1], _MAX_VALUE_CHARS)))
    return PromptUse(
        _short(raw["ref"]),
        _short(raw.get("name", "")),
        _short(raw.get("label", "")),
        tuple(pairs),
    )


def _request(raw: object, body: bytes | None) -> SentRequest | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("the request is not an object")
    if body is None or len(body) > MAX_BODY_BYTES:
        raise ProvenanceError("its request body is missing or too large")
    sent = SentRequest(_text(raw["url"], _MAX_URL), bytes(body), _flag(raw.get("masked", False)))
    if raw.get("sha256") != sent.sha256:
        raise ProvenanceError("its request body does not match its SHA-256")
    return sent


def _json_text(body: bytes) -> str | None:
    """The body as text when it is UTF-8 JSON (then the text is byte-exact), else None."""
    try:
        text = body.decode("utf-8")
        json.loads(text)
    except (ValueError, RecursionError):
        return None
    return text


def _short(value: object) -> str:
    return _text(value, _MAX_SHORT)


def _text(value: object, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("a text field is missing or too long")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("a yes/no field is not true or false")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("a message number is not a whole number")
    return value
