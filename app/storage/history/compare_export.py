"""Export one compare to Markdown or JSON: each pane's settings, endpoint, messages, provenance.

The JSON holds each pane as a whole conversation export (every branch, each reply's
provenance with its request body, as `conversation_json` writes it), so a pane read out of
the file imports on its own. Tokens live in the keyring and are never read: an endpoint is
named by its profile, name, host and dialect, and requests were masked when they were stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from app.core.compare import last_reply, seed_notes
from app.core.iso_times import iso
from app.core.message import ChatMessage
from app.core.provenance import EndpointInfo, RequestUnavailable
from app.core.session import ChatSession
from app.storage.history.export import (
    COMPARE_FORMAT,
    IMPORT_MAX_BYTES,
    conversation_json,
    message_lines,
    outcome_note,
)
from app.storage.history.store import HistoryStore

FORMAT: Final = COMPARE_FORMAT
FORMAT_VERSION: Final = 1
_MAX_SHA_SHOWN: Final = 12  # a hash's first characters name a request well enough to read


def compare_json(
    store: HistoryStore,
    compare_id: int,
    endpoints: Mapping[str, EndpointInfo] | None = None,
    *,
    max_bytes: int = IMPORT_MAX_BYTES,
) -> str:
    """The compare as JSON text; `endpoints` names the endpoint profiles (id -> endpoint)
    of panes that have no reply yet. The request bodies share `max_bytes` between the panes."""
    data = compare_data(store, compare_id, endpoints, max_bytes=max_bytes)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def compare_data(
    store: HistoryStore,
    compare_id: int,
    endpoints: Mapping[str, EndpointInfo] | None = None,
    *,
    max_bytes: int = IMPORT_MAX_BYTES,
) -> dict[str, Any]:
    """`compare_json` before it is written out: JSON-ready data."""
    record = store.conversation(compare_id)
    compare = store.load_compare(compare_id)
    share = max_bytes // max(1, len(compare.panes))
    panes = []
    for place, pane in enumerate(compare.panes):
        assert pane.conversation_id is not None  # loaded from the history
        panes.append(
            {
                "pane": place,
                "endpoint": _endpoint_json(pane, endpoints or {}),
                "conversation": conversation_json(store, pane.conversation_id, max_bytes=share),
            }
        )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "title": record.title,
        "title_is_auto": record.title_is_auto,
        "pinned": record.pinned,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "panes": panes,
        "notes": [note.message for note in seed_notes(compare.panes)],
    }


def _endpoint(pane: ChatSession, endpoints: Mapping[str, EndpointInfo]) -> EndpointInfo | None:
    """The endpoint a pane is asked at: its profile's, else the one its last reply came from."""
    named = endpoints.get(pane.settings.profile_id)
    if named is not None:
        return named
    reply = last_reply(pane)
    return None if reply is None or reply.provenance is None else reply.provenance.endpoint


def _endpoint_json(pane: ChatSession, endpoints: Mapping[str, EndpointInfo]) -> dict[str, Any]:
    found = _endpoint(pane, endpoints)
    reply = last_reply(pane)
    return {
        "profile_id": pane.settings.profile_id,
        "name": None if found is None else found.name,
        "host": None if found is None else found.host,
        "dialect": None if found is None else found.dialect,
        "model": None if reply is None else reply.model,  # as served, by the last reply
    }


def compare_markdown(
    store: HistoryStore, compare_id: int, endpoints: Mapping[str, EndpointInfo] | None = None
) -> str:
    """The compare as Markdown: a section per pane with its settings, endpoint, the branch
    shown, each reply's figures and where it came from; seed notes at the end."""
    record = store.conversation(compare_id)
    compare = store.load_compare(compare_id)
    lines = [f"# {record.title or 'Compare'}", ""]
    lines += [
        f"*A compare of {len(compare.panes)} panes, started {iso(record.created_at)}, "
        "exported from LlamaDesk.*",
        "",
    ]
    for place, pane in enumerate(compare.panes):
        lines += _pane_markdown(place, pane, _endpoint(pane, endpoints or {}))
    if notes := seed_notes(compare.panes):
        lines += ["## Notes", ""]
        lines += [f"- {note.message}" for note in notes]
    return "\n".join(lines).rstrip() + "\n"


def _pane_markdown(place: int, pane: ChatSession, endpoint: EndpointInfo | None) -> list[str]:
    s = pane.settings
    where = "endpoint not known"
    if endpoint is not None:
        where = f"{endpoint.name} ({endpoint.host}, {endpoint.dialect})"
    lines = [f"## Pane {place + 1}: {where}", ""]
    facts = [f"profile `{s.profile_id or 'default'}`", f"mode {s.prompt_mode}"]
    if s.prompt_ref:
        facts.append(f"prompt {s.prompt_ref}")
    if s.reproducible:
        facts.append("reproducible")
    lines += [f"**Settings:** {', '.join(facts)}", ""]
    if payload := s.params.to_payload():
        shown = ", ".join(f"{name} = {value}" for name, value in payload.items())
        lines += [f"**Parameters:** {shown}", ""]
    if s.values:
        shown = ", ".join(f"{name} = {value}" for name, value in s.values)
        lines += [f"**Variables:** {shown}", ""]
    if s.system_prompt.strip():
        lines += ["**System prompt:**", ""]
        lines += [f"> {line}" if line else ">" for line in s.system_prompt.splitlines()]
        lines.append("")
    for message in pane.path():
        lines += message_lines(pane, message, "###")
        notes = [outcome_note(message), _figures(message), _where_from(pane, message)]
        if note := " ".join(n for n in notes if n):
            lines += [f"*{note}*", ""]
    return lines


def _figures(m: ChatMessage) -> str:
    parts = []
    if m.model:
        parts.append(f"Model {m.model}.")
    if m.ttft_ms is not None:
        parts.append(f"First token after {m.ttft_ms:.0f} ms.")
    if m.tokens_per_s is not None:
        parts.append(f"{m.tokens_per_s:.1f} tokens/s.")
    return " ".join(parts)


def _where_from(pane: ChatSession, m: ChatMessage) -> str:
    """The reply's request, named by its hash, seed, server id and prompt version."""
    p = m.provenance
    if p is None or p.request is None:
        return ""
    parts = [f"Request {p.request.sha256[:_MAX_SHA_SHOWN]}"]
    try:
        sent = pane.request_of(m)
    except RequestUnavailable:
        sent = None
    if sent is not None and sent.seed is not None:
        parts.append(f"seed {sent.seed}")
    if p.request_id:
        parts.append(f"server id {p.request_id}")
    if p.prompt is not None and p.prompt.prompt_ref:
        label = f" ({p.prompt.label})" if p.prompt.label else ""
        parts.append(f"prompt {p.prompt.prompt_ref}{label}")
    return ", ".join(parts) + "."
