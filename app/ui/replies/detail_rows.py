"""What the Details view of a reply lists, as (label, value) rows; missing items say so.

Plain Python (no widgets), so the wording is decided in one place and the view only lays out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.message import ChatMessage, MessageState
from app.core.provenance import Provenance, SentRequest

NOT_RECORDED: Final = QT_TRANSLATE_NOOP("DetailRows", "not recorded")
#: Body characters the view shows at most (Copy exact body copies all of it).
MAX_SHOWN_BODY_CHARS: Final = 1_000_000
_DIALECTS: Final = {
    "workers-ai": QT_TRANSLATE_NOOP("DetailRows", "Workers AI (native API)"),
    "openai": QT_TRANSLATE_NOOP("DetailRows", "OpenAI-compatible"),
}


@dataclass(frozen=True, slots=True)
class DetailRow:
    label: str
    value: str
    section: str


def detail_rows(
    message: ChatMessage,
    replay_of: str | None = None,
    *,
    sent: SentRequest | None = None,
    unreadable: str = "",
) -> list[DetailRow]:
    """Every item of a reply's provenance and figures, in reading order.

    `replay_of` names the reply this one re-sent ("version 1 of this reply"), when it is one.
    `sent` is its request with the bytes, read for this view (the parameters are in them);
    `unreadable` says why they could not be read.
    """
    p = message.provenance
    rows: list[DetailRow] = []

    def add(section: str, label: str, value: str | None) -> None:
        rows.append(
            DetailRow(
                label,
                QCoreApplication.translate("DetailRows", NOT_RECORDED) if value is None else value,
                section,
            )
        )

    endpoint = p.endpoint if p is not None else None
    add(
        QCoreApplication.translate("DetailRows", "Endpoint"),
        QCoreApplication.translate("DetailRows", "Endpoint"),
        endpoint.name if endpoint else None,
    )
    add(
        QCoreApplication.translate("DetailRows", "Endpoint"),
        QCoreApplication.translate("DetailRows", "Host"),
        endpoint.host if endpoint else None,
    )
    add(
        QCoreApplication.translate("DetailRows", "Endpoint"),
        QCoreApplication.translate("DetailRows", "Dialect"),
        QCoreApplication.translate("DetailRows", _DIALECTS.get(endpoint.dialect, endpoint.dialect))
        if endpoint
        else None,
    )
    add(
        QCoreApplication.translate("DetailRows", "Endpoint"),
        QCoreApplication.translate("DetailRows", "Model as served"),
        message.model,
    )

    prompt = _prompt(p)
    add(
        QCoreApplication.translate("DetailRows", "Prompt"),
        QCoreApplication.translate("DetailRows", "Prompt version"),
        prompt,
    )
    add(
        QCoreApplication.translate("DetailRows", "Prompt"),
        QCoreApplication.translate("DetailRows", "Variable values"),
        _values(p),
    )

    request = p.request if p is not None else None
    if request is not None:
        if isinstance(request, SentRequest):
            sent = request
        if sent is not None:
            params = sent.params()
            seed = params.pop("seed", None)
            add(
                QCoreApplication.translate("DetailRows", "Request"),
                QCoreApplication.translate("DetailRows", "Seed"),
                _seed(seed, p),
            )
            for name, value in params.items():
                add(QCoreApplication.translate("DetailRows", "Request"), name, _json(value))
            if not params:
                add(
                    QCoreApplication.translate("DetailRows", "Request"),
                    QCoreApplication.translate("DetailRows", "Other parameters"),
                    QCoreApplication.translate("DetailRows", "none sent (the server's defaults)"),
                )
        else:
            missing = (
                QCoreApplication.translate("DetailRows", "not known: {unreadable}").format(
                    unreadable=unreadable
                )
                if unreadable
                else QCoreApplication.translate("DetailRows", "not known")
            )
            add(
                QCoreApplication.translate("DetailRows", "Request"),
                QCoreApplication.translate("DetailRows", "Seed"),
                missing,
            )
            add(
                QCoreApplication.translate("DetailRows", "Request"),
                QCoreApplication.translate("DetailRows", "Parameters sent"),
                missing,
            )
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Address"),
            request.url,
        )
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Body size"),
            QCoreApplication.translate("DetailRows", "{size:,} bytes").format(size=request.size),
        )
        add(QCoreApplication.translate("DetailRows", "Request"), "SHA-256", request.sha256)
        if request.masked:
            add(
                QCoreApplication.translate("DetailRows", "Request"),
                QCoreApplication.translate("DetailRows", "Token masked"),
                QCoreApplication.translate(
                    "DetailRows",
                    "yes: the endpoint's token was in this request (the server lists it as its "
                    "model name), so the body kept here has it masked: it is not the exact body "
                    "sent and it cannot be replayed. The SHA-256 above is of the bytes sent.",
                ),
            )
    else:
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Seed"),
            None,
        )
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Parameters sent"),
            None,
        )
        add(QCoreApplication.translate("DetailRows", "Request"), "SHA-256", None)
    if p is None or request is None:
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Request ID"),
            None,
        )
    else:
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Request ID"),
            p.request_id
            or QCoreApplication.translate("DetailRows", "none (the server sent no request id)"),
        )
    if p is not None and p.replay_of is not None:
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Replay of"),
            replay_of
            or QCoreApplication.translate("DetailRows", "message {replay_of}").format(
                replay_of=p.replay_of
            ),
        )
    if p is not None and p.continued:
        add(
            QCoreApplication.translate("DetailRows", "Request"),
            QCoreApplication.translate("DetailRows", "Continued"),
            QCoreApplication.translate(
                "DetailRows", "yes: the body is the request that continued this reply"
            ),
        )

    usage = message.usage
    add(
        QCoreApplication.translate("DetailRows", "Answer"),
        QCoreApplication.translate("DetailRows", "Usage"),
        None
        if usage is None
        else QCoreApplication.translate(
            "DetailRows",
            "{prompt_tokens:,} prompt + {completion_tokens:,} reply = {total_tokens:,} tokens",
        ).format(
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            total_tokens=usage.total_tokens,
        )
        + (
            QCoreApplication.translate("DetailRows", " ({cached_tokens:,} cached)").format(
                cached_tokens=usage.cached_tokens
            )
            if usage.cached_tokens
            else ""
        ),
    )
    add(
        QCoreApplication.translate("DetailRows", "Answer"),
        QCoreApplication.translate("DetailRows", "Finish reason"),
        _finish(message),
    )
    add(
        QCoreApplication.translate("DetailRows", "Answer"),
        QCoreApplication.translate("DetailRows", "Time to first token"),
        None if message.ttft_ms is None else f"{message.ttft_ms / 1000:.2f} s",
    )
    add(
        QCoreApplication.translate("DetailRows", "Answer"),
        QCoreApplication.translate("DetailRows", "Tokens/s"),
        None if message.tokens_per_s is None else f"{message.tokens_per_s:.1f}",
    )
    return rows


def shown_body(body: bytes) -> tuple[str, str]:
    """(the body as it is shown, a note on how): indented JSON when it is JSON, bounded."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("utf-8", "replace")
        note = QCoreApplication.translate(
            "DetailRows", "The body is not UTF-8 text: undecodable bytes are shown as �."
        )
    else:
        note = QCoreApplication.translate(
            "DetailRows",
            "Shown indented for reading; Copy exact body copies the bytes exactly as sent.",
        )
        if len(text) <= MAX_SHOWN_BODY_CHARS:
            try:
                text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
            except (ValueError, RecursionError):
                note = QCoreApplication.translate(
                    "DetailRows", "Shown exactly as sent (it is not JSON)."
                )
    if len(text) > MAX_SHOWN_BODY_CHARS:
        text = text[:MAX_SHOWN_BODY_CHARS]
        note = QCoreApplication.translate(
            "DetailRows",
            "Only the first {MAX_SHOWN_BODY_CHARS:,} characters are shown; Copy exact body copies all of it.",
        ).format(MAX_SHOWN_BODY_CHARS=MAX_SHOWN_BODY_CHARS)
    return text, note


def _prompt(p: Provenance | None) -> str | None:
    if p is None:
        return None
    if p.prompt is None or not p.prompt.prompt_ref:
        return QCoreApplication.translate("DetailRows", "none (not a library prompt)")
    use = p.prompt
    if use.elsewhere:  # its id is another library's: here it would name an unrelated prompt
        named = (
            f"“{use.prompt_name}”"
            if use.prompt_name
            else QCoreApplication.translate("DetailRows", "a prompt")
        )
        version = use.prompt_ref.partition("@")[2] or "?"
        return QCoreApplication.translate(
            "DetailRows", "{named} version {version}, of the library this chat was imported from"
        ).format(named=named, version=version)
    parts = [f"#{use.prompt_ref}"]
    if use.prompt_name:
        parts.append(f"“{use.prompt_name}”")
    if use.label:
        parts.append(
            QCoreApplication.translate("DetailRows", "(label “{label}”)").format(label=use.label)
        )
    return " ".join(parts)


def _values(p: Provenance | None) -> str | None:
    if p is None:
        return None
    if p.prompt is None or not p.prompt.values:
        return QCoreApplication.translate("DetailRows", "none")
    shown = "; ".join(f"{name} = {_one_line(value)}" for name, value in p.prompt.values)
    if p.prompt.values_clipped:
        shown += QCoreApplication.translate(
            "DetailRows",
            " (long values were shortened where this was kept; the body holds them whole)",
        )
    return shown


def _seed(seed: object, p: Provenance | None) -> str:
    if seed is None:
        return QCoreApplication.translate("DetailRows", "none sent (the server chose its own)")
    how = (
        QCoreApplication.translate("DetailRows", " (random, made because the chat is reproducible)")
        if p and p.reproducible
        else ""
    )
    return f"{seed}{how}"


def _finish(message: ChatMessage) -> str | None:
    if message.state is MessageState.FAILED or message.state is MessageState.INTERRUPTED:
        return QCoreApplication.translate("DetailRows", "failed")
    if message.finish_reason is None:
        return None
    return str(message.finish_reason)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
