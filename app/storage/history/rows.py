"""Rows of the history database to and from core types (JSON columns for params, usage, failure)."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, fields
from typing import Any, Final

from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.history_model import ConversationRecord
from app.core.message import ChatMessage, MessageState
from app.core.params import SPEC_BY_NAME, ParameterError, SamplingParams
from app.core.request import PromptMode, Role
from app.core.session import ChatSettings
from app.storage.history.provenance_rows import decode_provenance

#: A message row; `message_from_row` reads the first 12 and the last two (its provenance),
#: the tree code the three between.
MESSAGE_COLUMNS: Final = (
    "m.id, m.role, m.text, m.state, m.finish_reason, m.failure, m.usage, m.ttft_ms, "
    "m.tokens_per_s, m.model, m.created_at, m.updated_at, m.conversation_id, m.parent_id, "
    "m.active_child_id, m.provenance, m.request_body"
)
CONVERSATION_COLUMNS: Final = (
    "id, title, system_prompt, params, profile_id, pinned, title_auto, created_at, updated_at, "
    "prompt_mode, prompt_ref"
)


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """Text SQLite can store: a lone surrogate (a server's escaped "\\ud800") becomes U+FFFD.

    Python strings may hold them, UTF-8 cannot; the sqlite3 module would raise mid-write.
    """
    if _LONE_SURROGATE.search(text) is None:
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)


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


def message_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ChatMessage:
    """A ChatMessage from MESSAGE_COLUMNS."""
    return ChatMessage(
        role=Role(row[1]),
        text=row[2],
        state=MessageState(row[3]),
        finish_reason=None if row[4] is None else FinishReason(row[4]),
        failure=decode_failure(row[5]),
        usage=decode_usage(row[6]),
        ttft_ms=row[7],
        tokens_per_s=row[8],
        model=row[9],
        id=row[0],
        created_at=row[10],
        updated_at=row[11],
        provenance=decode_provenance(row[15], row[16]),
    )


def conversation_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ConversationRecord:
    mode = row[9] if row[9] in set(PromptMode) else PromptMode.CHAT
    settings = ChatSettings(row[2], decode_params(row[3]), PromptMode(mode), row[4], row[10])
    return ConversationRecord(
        id=row[0],
        title=row[1],
        settings=settings,
        pinned=bool(row[5]),
        title_is_auto=bool(row[6]),
        created_at=row[7],
        updated_at=row[8],
    )
