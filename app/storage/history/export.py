"""Export a conversation to Markdown or JSON, import that JSON back, back up the whole library.

Exports hold the conversation only: messages (every branch), system prompt, its variables and
their values, parameters, usage, timestamps, the endpoint profile's id, and each reply's
provenance with its request body. Tokens live in the keyring and are never read.

Every request carries the whole conversation so far, so a long chat's bodies add up to many
times its text (165 turns of 2 KB: 55 MB). They go into the file as the history keeps them,
compressed (base64), newest first, as long as the file stays within IMPORT_MAX_BYTES; any older
ones past that are left out with a note saying why. So an export always imports again.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path
from typing import Any, Final

from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.history_model import ConversationRecord
from app.core.iso_times import from_iso, iso
from app.core.json_values import json_values
from app.core.message import ChatMessage, MessageState
from app.core.provenance import Provenance, RequestUnavailable, StoredRequest
from app.core.request import PromptMode, Role
from app.core.session import ChatSession
from app.storage.history.provenance_rows import (
    ProvenanceError,
    provenance_export,
    provenance_import,
)
from app.storage.history.request_bodies import encoded_chars, unpack
from app.storage.history.rows import (
    chat_variables_from_json,
    chat_variables_json,
    params_from_payload,
)
from app.storage.history.store import HistoryStore
from app.storage.limited_read import read_limited

FORMAT: Final = "llamadesk-conversation"
COMPARE_FORMAT: Final = "llamadesk-compare"  # compare_export.py writes it
FORMAT_VERSION: Final = 1
#: Read whole and parsed at once, so it bounds an import's memory (a few times this).
IMPORT_MAX_BYTES: Final = 50_000_000
#: Checked before json.loads, which builds an object of 30-200 bytes per JSON value: a message
#: with its figures and provenance is about 100 values, so this is some 20,000 messages, and
#: parsing stays under ~150 MB whatever the file holds (20 MB of `{},` took ~500 MB).
IMPORT_MAX_VALUES: Final = 2_000_000
#: Room for what a body adds besides its text (a key, indentation), and for a last newline.
_BODY_ENTRY_BYTES: Final = 64
_MARGIN_BYTES: Final = 1024
LEFT_OUT_FOR_SIZE: Final = (
    "left out when this chat was exported: with it, the file would have been too large to "
    "import again"
)
ROLE_HEADINGS: Final = {Role.USER: "You", Role.ASSISTANT: "Assistant", Role.SYSTEM: "System"}


class HistoryImportError(ValueError):
    """The file is not a conversation this version can import; the message says why."""


def conversation_json(
    store: HistoryStore, conversation_id: int, *, max_bytes: int = IMPORT_MAX_BYTES
) -> dict[str, Any]:
    """The conversation as JSON-ready data; message ids are numbered 1.. within the file.

    Request bodies go in, newest first, while the file (written as JSON with an indent of 2)
    stays within `max_bytes`; the others are left out with a note."""
    record = store.conversation(conversation_id)
    session = store.load_session(conversation_id)
    messages = session.messages()
    local = {m: n for n, m in enumerate(messages, 1)}
    stored = {m.id: n for m, n in local.items() if m.id is not None}  # history id -> file's
    path = session.path()
    s = record.settings
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "title": record.title,
        "title_is_auto": record.title_is_auto,
        "pinned": record.pinned,
        "system_prompt": s.system_prompt,
        "params": s.params.to_payload(),
        "prompt_mode": str(s.prompt_mode),
        "profile_id": s.profile_id,
        "variables": chat_variables_json(s),
        "reproducible": s.reproducible,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "active_leaf": local[path[-1]] if path else None,
        "messages": [],
    }

    def message_list(bodies: dict[ChatMessage, tuple[bytes | None, str]]) -> list[Any]:
        empty = (None, LEFT_OUT_FOR_SIZE)
        return [
            _message_json(m, session.parent_of(m), local, stored, bodies.get(m, empty))
            for m in messages
        ]

    # Without the bodies first: what is left of `max_bytes` is theirs.
    data["messages"] = message_list({})
    rest = len(json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    data["messages"] = message_list(_bodies(store, messages, max_bytes - rest - _MARGIN_BYTES))
    return data


def _bodies(
    store: HistoryStore, messages: list[ChatMessage], budget: int
) -> dict[ChatMessage, tuple[bytes | None, str]]:
    """(the compressed body, or why it is left out) of each reply with a stored request:
    each checked before it goes into a file, newest first while `budget` lasts (then every
    older one is left out: a file holds the newest requests of a chat, without gaps)."""
    out: dict[ChatMessage, tuple[bytes | None, str]] = {}
    for m in reversed(messages):
        request = m.provenance.request if m.provenance is not None else None
        if not isinstance(request, StoredRequest) or not request.kept or m.id is None:
            continue
        blob = store.request_blob(m.id)
        try:
            unpack(request, blob)  # a damaged body would make the whole file refused
        except RequestUnavailable as exc:
            out[m] = (None, f"it could not be read from the history: {exc}")
            continue
        assert blob is not None  # unpack read it
        cost = encoded_chars(blob) + _BODY_ENTRY_BYTES
        if cost > budget:
            budget = -1  # nothing older goes in either
            out[m] = (None, LEFT_OUT_FOR_SIZE)
            continue
        budget -= cost
        out[m] = (blob, "")
    return out


def _message_json(
    m: ChatMessage,
    parent: ChatMessage | None,
    local: dict[ChatMessage, int],
    stored: dict[int, int],
    body: tuple[bytes | None, str],
) -> dict[str, Any]:
    return {
        "id": local[m],
        "parent": None if parent is None else local[parent],
        "role": str(m.role),
        "text": m.text,
        "state": str(m.state),
        "finish_reason": None if m.finish_reason is None else str(m.finish_reason),
        "failure": None if m.failure is None else asdict(m.failure),
        "usage": None if m.usage is None else asdict(m.usage),
        "ttft_ms": m.ttft_ms,
        "tokens_per_s": m.tokens_per_s,
        "model": m.model,
        "created_at": iso(m.created_at),
        "updated_at": iso(m.updated_at),
        # Where a reply came from, with the exact request body; never a token.
        "provenance": provenance_export(m.provenance, stored, *body),
    }


def import_file(store: HistoryStore, path: Path) -> ConversationRecord:
    """Import a conversation exported as JSON; OSError or HistoryImportError say why not.

    At most IMPORT_MAX_BYTES are read, and only from a regular file.
    """
    raw = read_limited(path, IMPORT_MAX_BYTES)
    if json_values(raw, IMPORT_MAX_VALUES) > IMPORT_MAX_VALUES:
        raise HistoryImportError(
            f"it holds more than {IMPORT_MAX_VALUES:,} JSON values (texts, numbers, lists and "
            "objects), more than a conversation export has"
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except ValueError as exc:  # UnicodeDecodeError is one too
        raise HistoryImportError("it is not a JSON text file") from exc
    except RecursionError as exc:  # "[[[[…" nested deeper than Python's stack
        raise HistoryImportError("it nests too deeply to be a conversation") from exc
    return import_conversation(store, data)


def import_conversation(store: HistoryStore, data: object) -> ConversationRecord:
    """Add an exported conversation as a new one; HistoryImportError if the data is not one."""
    if isinstance(data, dict) and data.get("format") == COMPARE_FORMAT:
        raise HistoryImportError(
            "This file is a compare export: it is for reading, and LlamaDesk imports single "
            "conversations only. Each of its panes is one (under “panes”, “conversation”)."
        )
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise HistoryImportError("This file is not a LlamaDesk conversation export.")
    if not isinstance(data.get("version"), int) or data["version"] > FORMAT_VERSION:
        raise HistoryImportError(
            "This conversation was exported by a newer LlamaDesk; update LlamaDesk to import it."
        )
    try:
        mode = data.get("prompt_mode", PromptMode.CHAT)
        specs, values = chat_variables_from_json(data.get("variables"))
        settings = ChatSettings(
            system_prompt=_text(data, "system_prompt"),
            params=params_from_payload(data.get("params", {})),
            prompt_mode=PromptMode(mode) if mode in set(PromptMode) else PromptMode.CHAT,
            profile_id=_text(data, "profile_id"),
            variables=specs,
            values=values,
            reproducible=data.get("reproducible") is True,
        )
        record = ConversationRecord(
            id=0,
            title=_text(data, "title"),
            settings=settings,
            pinned=bool(data.get("pinned", False)),
            title_is_auto=bool(data.get("title_is_auto", True)),
            created_at=_time(data.get("created_at")),
            updated_at=_time(data.get("updated_at")),
        )
        nodes, bodies = _messages(data.get("messages"))
    except ProvenanceError as exc:
        raise HistoryImportError(f"This conversation export is damaged: {exc}.") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise HistoryImportError(f"This conversation export is damaged ({exc}).") from exc
    by_local = {local: message for local, message, _ in nodes}
    leaf = data.get("active_leaf")
    if leaf is not None and (not isinstance(leaf, int) or leaf not in by_local):
        raise HistoryImportError("This conversation export is damaged (unknown active message).")
    session = ChatSession.rebuild(
        settings, [(m, None if p is None else by_local[p]) for _, m, p in nodes]
    )
    if leaf is not None:
        session.select(by_local[leaf])
    return store.insert_conversation(record, session, bodies)


def _messages(
    raw: object,
) -> tuple[list[tuple[int, ChatMessage, int | None]], dict[ChatMessage, bytes]]:
    """(id in the file, message, parent's id in the file) for each message, parents first;
    and the compressed request body of each reply that has one."""
    if not isinstance(raw, list):
        raise ValueError("no message list")
    seen: set[int] = set()
    out: list[tuple[int, ChatMessage, int | None]] = []
    bodies: dict[ChatMessage, bytes] = {}
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("id"), int):
            raise ValueError("a message without an id")
        if item["id"] in seen:
            raise ValueError(f"two messages numbered {item['id']}")
        parent = item.get("parent")
        if parent is not None and parent not in seen:
            raise ValueError(
                f"message {item['id']} answers a message that comes later or not at all"
            )
        seen.add(item["id"])
        state = MessageState(item.get("state", "done"))
        provenance, body = _provenance(item)
        failure = item.get("failure")
        usage = item.get("usage")
        message = ChatMessage(
            role=Role(item["role"]),
            text=_text(item, "text"),
            # A reply exported while it streamed can never finish now.
            state=MessageState.INTERRUPTED if state is MessageState.STREAMING else state,
            finish_reason=_optional(FinishReason, item.get("finish_reason")),
            failure=None
            if failure is None
            else Failure(**{**failure, "category": ErrorCategory(failure["category"])}),
            usage=None if usage is None else Usage(**usage),
            ttft_ms=_number(item.get("ttft_ms")),
            tokens_per_s=_number(item.get("tokens_per_s")),
            model=item.get("model") if isinstance(item.get("model"), str) else None,
            created_at=_time(item.get("created_at")),
            updated_at=_time(item.get("updated_at")),
            # A replay names the reply it re-sent by its number in the file, as this one.
            id=item["id"],
            provenance=provenance,
        )
        out.append((item["id"], message, parent))
        if body is not None:
            bodies[message] = body
    return out, bodies


def _provenance(item: dict[str, Any]) -> tuple[Provenance | None, bytes | None]:
    try:
        return provenance_import(item.get("provenance"))
    except ProvenanceError as exc:
        raise ProvenanceError(f"message {item['id']}: {exc}") from exc


def conversation_markdown(store: HistoryStore, conversation_id: int) -> str:
    """The shown branch as Markdown, with the system prompt, parameters and reply outcomes."""
    record = store.conversation(conversation_id)
    session = store.load_session(conversation_id)
    s = record.settings
    lines = [f"# {record.title or 'Conversation'}", ""]
    lines += [f"*Started {iso(record.created_at)}, exported from LlamaDesk.*", ""]
    if s.system_prompt.strip():
        lines += ["**System prompt:**", ""]
        lines += [f"> {line}" if line else ">" for line in s.system_prompt.splitlines()]
        lines.append("")
    if payload := s.params.to_payload():
        settings = ", ".join(f"{name} = {value}" for name, value in payload.items())
        lines += [f"**Parameters:** {settings}", ""]
    for message in session.path():
        lines += message_lines(session, message, "##")
        if note := outcome_note(message):
            lines += [f"*{note}*", ""]
    return "\n".join(lines).rstrip() + "\n"


def message_lines(session: ChatSession, message: ChatMessage, level: str) -> list[str]:
    """One message as Markdown: a `level` heading naming who spoke (and which version, when
    there are several), then its text."""
    heading = ROLE_HEADINGS.get(message.role, str(message.role).title())
    which, count = session.versions_of(message)
    if count > 1:
        heading += f" (version {which}/{count})"
    return [f"{level} {heading}", "", message.text, ""]


def outcome_note(m: ChatMessage) -> str:
    """How a reply ended, when not plainly, and its token counts (one line of a Markdown export)."""
    notes = []
    if m.state is MessageState.STOPPED:
        notes.append("Stopped by the user.")
    elif m.state is MessageState.INTERRUPTED:
        notes.append("Interrupted: LlamaDesk closed while this reply arrived.")
    elif m.state is MessageState.FAILED and m.failure is not None:
        notes.append(f"Failed: {m.failure.message}")
    if m.finish_reason is FinishReason.LENGTH:
        notes.append("Cut short by the token limit.")
    if m.usage is not None and not m.usage.is_empty:
        notes.append(f"{m.usage.prompt_tokens} prompt + {m.usage.completion_tokens} reply tokens.")
    return " ".join(notes)


def backup_library(store: HistoryStore, dest: Path) -> Path:
    """Every conversation in one file (an SQLite copy), e.g. for another computer."""
    return store.backup_to(dest)


def restore_library(store: HistoryStore, source: Path) -> Path:
    """Replace the library with a backup file; returns the copy kept of the library replaced."""
    return store.restore_from(source)


def _time(value: object) -> float:
    stamp = from_iso(value)
    if stamp is None:
        raise ValueError("a time that is not an ISO 8601 date and time from 1970 to 9999")
    return stamp


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"“{key}” is not text")
    return value


def _number(value: object) -> float | None:
    """A finite number, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int past 1e308
        return None
    return number if math.isfinite(number) else None


def _optional(kind: type[FinishReason], value: object) -> FinishReason | None:
    return None if value is None else kind(str(value))
