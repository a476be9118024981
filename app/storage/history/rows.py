"""Rows of the history database to and from core types (JSON columns for params, usage, failure)."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields, replace
from typing import Any, Final

from app.core.chat_settings import ChatSettings, OwnPrompt
from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.history_model import CHAT, COMPARE, ConversationRecord
from app.core.message import ChatMessage, MessageState
from app.core.params import SPEC_BY_NAME, ParameterError, SamplingParams
from app.core.prompts.rules import spec_to_json, specs_from_json
from app.core.prompts.variables import (
    MAX_VALUE_CHARS,
    MAX_VARIABLES,
    VariableSpec,
    is_variable_name,
    spec_map,
)
from app.core.request import PromptMode, Role
from app.storage.history.provenance_rows import decode_provenance

#: A message row; `message_from_row` reads the first 12 and the last (its provenance), the
#: tree code the three between. Never the request body: it is read when a reply needs it.
MESSAGE_COLUMNS: Final = (
    "m.id, m.role, m.text, m.state, m.finish_reason, m.failure, m.usage, m.ttft_ms, "
    "m.tokens_per_s, m.model, m.created_at, m.updated_at, m.conversation_id, m.parent_id, "
    "m.active_child_id, m.provenance"
)
CONVERSATION_COLUMNS: Final = (
    "id, title, system_prompt, params, profile_id, pinned, title_auto, created_at, updated_at, "
    "prompt_mode, prompt_ref, variables, reproducible, own_prompt, kind, compare_of, pane"
)


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


#: A conversation's own settings, in the order `settings_columns` gives their values.
SETTINGS_COLUMNS: Final = (
    "system_prompt, params, profile_id, prompt_mode, prompt_ref, variables, reproducible, "
    "own_prompt"
)


def settings_columns(s: ChatSettings) -> tuple[object, ...]:
    """The values of SETTINGS_COLUMNS for `s`."""
    return (
        storable(s.system_prompt),
        encode_params(s.params),
        s.profile_id,
        str(s.prompt_mode),
        s.prompt_ref,
        encode_chat_variables(s),
        int(s.reproducible),
        encode_own_prompt(s.own_prompt),
    )


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
    except (ValueError, RecursionError):  # damaged: not JSON, or nested deeper than the stack
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


def storable_specs(specs: Sequence[VariableSpec]) -> tuple[VariableSpec, ...]:
    """The declarations with every lone surrogate replaced, as they will be read back."""
    return tuple(
        replace(
            s,
            name=storable(s.name),
            label=storable(s.label),
            default=storable(s.default),
            help=storable(s.help),
            options=tuple(storable(o) for o in s.options),
        )
        for s in specs
    )


def encode_specs(specs: Sequence[VariableSpec]) -> str:
    return json.dumps([spec_to_json(s) for s in specs], ensure_ascii=False, separators=(",", ":"))


def decode_specs(text: str) -> tuple[VariableSpec, ...]:
    """Declarations from their JSON; a bad entry (or a bad column) is dropped, never a crash."""
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        return ()
    return specs_from_json(raw)


def chat_variables_json(settings: ChatSettings) -> dict[str, Any]:
    """A chat's declarations and values: {"specs": [...], "values": {name: value}}."""
    return {
        "specs": [spec_to_json(s) for s in settings.variables],
        "values": dict(settings.values),
    }


def encode_chat_variables(settings: ChatSettings) -> str:
    specs = storable_specs(settings.variables)
    values = {storable(name): storable(value) for name, value in settings.values}
    raw = {"specs": [spec_to_json(s) for s in specs], "values": values}
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


def chat_variables_from_json(
    raw: object,
) -> tuple[tuple[VariableSpec, ...], tuple[tuple[str, str], ...]]:
    """A chat's declarations and values; a bad one is dropped and the rest kept."""
    if not isinstance(raw, dict):
        return (), ()
    specs = specs_from_json(raw.get("specs"))
    return specs, values_from_json(raw.get("values"), spec_map(specs))


def values_from_json(raw: object, specs: Mapping[str, VariableSpec]) -> tuple[tuple[str, str], ...]:
    """Values with a variable's name, bounded, and fitting their declaration where there is one."""
    if not isinstance(raw, dict):
        return ()
    kept: list[tuple[str, str]] = []
    for name, value in raw.items():
        if len(kept) == MAX_VARIABLES:
            break
        if not (isinstance(name, str) and is_variable_name(name) and isinstance(value, str)):
            continue
        if len(value) > MAX_VALUE_CHARS:
            continue
        spec = specs.get(name)
        if spec is not None and spec.value_problem(value) is not None:
            continue  # e.g. a choice whose options changed: the fill-in form asks again
        kept.append((name, value))
    return tuple(kept)


def decode_chat_variables(
    text: str,
) -> tuple[tuple[VariableSpec, ...], tuple[tuple[str, str], ...]]:
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        return (), ()
    return chat_variables_from_json(raw)


def encode_own_prompt(own: OwnPrompt | None) -> str:
    """A chat's own text set aside: {"text": ..., "specs": [...]}, or "" when there is none."""
    if own is None:
        return ""
    specs = [spec_to_json(s) for s in storable_specs(own.variables)]
    raw = {"text": storable(own.text), "specs": specs}
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


def decode_own_prompt(text: str) -> OwnPrompt | None:
    """The text set aside, or None (none kept, or a column this version cannot read)."""
    raw = _json_dict(text) if text else None
    if raw is None or not isinstance(raw.get("text"), str):
        return None
    return OwnPrompt(raw["text"], specs_from_json(raw.get("specs")))


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
    except (ValueError, RecursionError):  # damaged: not JSON, or nested deeper than the stack
        return None
    return raw if isinstance(raw, dict) else None


def message_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ChatMessage:
    """A ChatMessage from MESSAGE_COLUMNS; a damaged value reads as the nearest sound one
    (a chat must still open when one row was damaged by hand or by a disk)."""
    role, state = row[1], row[3]
    return ChatMessage(
        # An unknown role is shown as a reply: never sent as words the user wrote.
        role=Role(role) if role in _ROLES else Role.ASSISTANT,
        text=row[2] if isinstance(row[2], str) else "",
        state=MessageState(state) if state in _STATES else MessageState.DONE,
        finish_reason=_finish_reason(row[4]),
        failure=decode_failure(row[5]),
        usage=decode_usage(row[6]),
        ttft_ms=_number(row[7]),
        tokens_per_s=_number(row[8]),
        model=row[9] if isinstance(row[9], str) else None,
        id=row[0],
        created_at=_number(row[10]) or 0.0,
        updated_at=_number(row[11]) or 0.0,
        provenance=decode_provenance(row[15]),
    )


_ROLES: Final = frozenset(r.value for r in Role)
_STATES: Final = frozenset(s.value for s in MessageState)
_FINISHES: Final = frozenset(f.value for f in FinishReason)


def _finish_reason(value: object) -> FinishReason | None:
    if value is None:
        return None
    return FinishReason(value) if value in _FINISHES else FinishReason.UNKNOWN


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def conversation_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ConversationRecord:
    mode = row[9] if row[9] in set(PromptMode) else PromptMode.CHAT
    specs, values = decode_chat_variables(str(row[11]))
    settings = ChatSettings(
        row[2],
        decode_params(row[3]),
        PromptMode(mode),
        row[4],
        row[10],
        variables=specs,
        values=values,
        reproducible=bool(row[12]),
        own_prompt=decode_own_prompt(str(row[13] or "")),
    )
    return ConversationRecord(
        id=row[0],
        title=row[1],
        settings=settings,
        pinned=bool(row[5]),
        title_is_auto=bool(row[6]),
        created_at=row[7],
        updated_at=row[8],
        kind=COMPARE if row[14] == COMPARE else CHAT,  # an unknown kind opens as a chat
        compare_of=row[15] if isinstance(row[15], int) else None,
        pane=row[16] if isinstance(row[16], int) else None,
    )
