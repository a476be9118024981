"""The Llama 3.1 chat template, for raw mode and for continuing a reply cut by max_tokens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.core.request import Message, Role

BEGIN = "<|begin_of_text|>"
EOT = "<|eot_id|>"


def header(role: str) -> str:
    return f"<|start_header_id|>{role}<|end_header_id|>\n\n"


def llama3_prompt(
    messages: Sequence[Message],
    *,
    open_reply: str = "",
    today: dt.date | None = None,
    knowledge_header: bool = True,
) -> str:
    """The full templated prompt, ending in an open assistant turn that starts with `open_reply`.

    Meta's default system header (knowledge cut-off and today's date) is added like the
    reference template does, so a raw prompt behaves like the scoped one.
    """
    parts = [BEGIN]
    system = [m.content for m in messages if m.role is Role.SYSTEM]
    if knowledge_header or system:
        day = today or dt.date.today()
        preamble = (
            f"Cutting Knowledge Date: December 2023\nToday Date: {day.day} {day:%b %Y}\n\n"
            if knowledge_header
            else ""
        )
        parts.append(header("system") + preamble + "\n\n".join(system) + EOT)
    for message in messages:
        if message.role is not Role.SYSTEM:
            parts.append(header(message.role.value) + message.content + EOT)
    parts.append(header("assistant") + open_reply)
    return "".join(parts)
