"""Rows of the history database to and from core types (JSON columns for params, usage, failure)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, fields
from typing import Any, Final

from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.history_model import ConversationRecord, MessageState, StoredMessage
from app.core.params import SPEC_BY_NAME, ParameterError, SamplingParams
from app.core.request import Role

MESSAGE_COLUMNS: Final = (
    "m.id, m.conversation_id, m.parent_id, m.role, m.text, m.state, m.finish_reason, m.failure, "
    "m.usage, m.ttft_ms, m.tokens_per_s, m.model, m.created_at, m.updated_at"
)
# The position among siblings and their number: two index lookups in messages_children.
SIBLING_COLUMNS: Final = (
    "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
    "AND s.parent_id IS m.parent_id AND s.id < m.id), "
    "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
    "AND s.parent_id IS m.parent_id)"
)
CONVERSATION_COLUMNS: Final = (
    "id, title, system_prompt, params, profile_id, pinned, title_auto, created_at, updated_at"
)


def encode_params(params: SamplingParams) -> str:
    return json.dumps(params.to_payload(), sort_keys=True)


def decode_params(text: str) -> SamplingParams:
    """Parameters from their JSON; a value this version does not accept is left to the server."""
    try:
        raw = json.loads(text)
    except ValueError:
        return SamplingParams()
    return params_from_payload(raw)


def params_from_payload(raw: object) -> SamplingParams:
    """Parameters from their JSON object; unknown names and out-of-range values are dropped."""
    kept: dict[str, Any] = {}
    if isinstance(raw, dict):
        for name, value in raw.items():
            if name in SPEC_BY_NAME:
                try:
                    kept[name] = getattr(SamplingParams(**{name: value}).validated(), name)
                except ParameterError:
                    continue
    return SamplingParams(**kept)


def encode_usage(usage: Usage | None) -> str | None:
    return None if usage is None else json.dumps(asdict(usage), sort_keys=True)


def decode_usage(text: str | None) -> Usage | None:
    raw = _json_dict(text)
    try:
        return None if raw is None else Usage(**raw)
    except TypeError:
        return None


def encode_failure(failure: Failure | None) -> str | None:
    return None if failure is None else json.dumps(asdict(failure), sort_keys=True)


def decode_failure(text: str | None) -> Failure | None:
    raw = _json_dict(text)
    if raw is None:
        return None
    known = {f.name for f in fields(Failure)}
    try:
        raw["category"] = ErrorCategory(str(raw.get("category")))
        return Failure(**{k: v for k, v in raw.items() if k in known})
    except (TypeError, ValueError):
        return Failure(ErrorCategory.PROTOCOL, str(raw.get("message", "The reply failed.")))


def _json_dict(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    return raw if isinstance(raw, dict) else None


def message_from_row(row: sqlite3.Row | tuple[Any, ...]) -> StoredMessage:
    """A StoredMessage from MESSAGE_COLUMNS, optionally followed by SIBLING_COLUMNS."""
    index, count = (row[14], row[15]) if len(row) > 14 else (0, 1)
    return StoredMessage(
        id=row[0],
        conversation_id=row[1],
        parent_id=row[2],
        role=Role(row[3]),
        text=row[4],
        state=MessageState(row[5]),
        finish_reason=None if row[6] is None else FinishReason(row[6]),
        failure=decode_failure(row[7]),
        usage=decode_usage(row[8]),
        ttft_ms=row[9],
        tokens_per_s=row[10],
        model=row[11],
        created_at=row[12],
        updated_at=row[13],
        sibling_index=index,
        sibling_count=count,
    )


def conversation_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ConversationRecord:
    return ConversationRecord(
        id=row[0],
        title=row[1],
        system_prompt=row[2],
        params=decode_params(row[3]),
        profile_id=row[4],
        pinned=bool(row[5]),
        title_is_auto=bool(row[6]),
        created_at=row[7],
        updated_at=row[8],
    )
