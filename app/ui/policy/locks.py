"""How a value the administrator's policy locks looks: one control at a time, never a whole screen.

The lock itself is enforced on the settings (ChatSession.rules); these helpers only show it:
the control is disabled, marked with a lock, and says who set it and whom to ask. When a change
came back refused, `kept_note` says in one sentence what was kept and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import QWidget

from app.core.chat_settings import ChatSettings
from app.core.params import SPEC_BY_NAME
from app.core.policy import Policy

LOCK_MARK: Final = "\N{LOCK}"
#: Font families that draw the lock; without one it would show as an empty box.
_EMOJI_FONTS: Final = ("emoji", "symbola")
#: A QAction property: the policy turned this action off, and nothing turns it on again.
POLICY_LOCKED: Final = "policyLocked"
#: Settings a refusal names that are one thing to a person (the prompt and what comes with it).
_PROMPT_FIELDS: Final = ("system_prompt", "prompt_ref", "variables", "own_prompt", "values")


@cache
def lock_mark() -> str:
    """The lock glyph where a font can draw it, else the word (never an empty box)."""
    families = [family.casefold() for family in QFontDatabase.families()]
    if any(name in family for family in families for name in _EMOJI_FONTS):
        return LOCK_MARK
    return QCoreApplication.translate("PolicyLocks", "Locked:")


def lock_control(widget: QWidget, note: str, locked: bool) -> None:
    """Disable `widget` with the policy's `note` when `locked`; give it back when not.

    The note is added to what the control already says, so a screen reader hears why too.
    """
    plain_tip = widget.property("unlockedToolTip")
    if plain_tip is None:  # the first time: what the control says without a lock
        plain_tip = widget.toolTip()
        widget.setProperty("unlockedToolTip", plain_tip)
        widget.setProperty("unlockedDescription", widget.accessibleDescription())
    plain_description = str(widget.property("unlockedDescription") or "")
    note = f"{lock_mark()} {note}"
    widget.setProperty(POLICY_LOCKED, locked)  # a view that enables it again checks this
    widget.setEnabled(not locked)
    widget.setToolTip("\n\n".join(filter(None, [str(plain_tip), note])) if locked else plain_tip)
    widget.setAccessibleDescription(
        " ".join(filter(None, [plain_description, note])) if locked else plain_description
    )


def lock_action(action: QAction, note: str) -> None:
    """Turn `action` off for good (menus that enable their actions leave it off)."""
    action.setProperty(POLICY_LOCKED, True)
    action.setEnabled(False)
    action.setToolTip(f"{lock_mark()} {note}")
    action.setStatusTip(f"{lock_mark()} {note}")


def export_refused(policy: Policy) -> str:
    """Why nothing is written to a file: the organization keeps chats inside LlamaDesk."""
    return QCoreApplication.translate(
        "PolicyLocks", "Exporting chats is turned off by your organization. {note}"
    ).format(note=policy.locked_note())


def locked_label(text: str, locked: bool) -> str:
    """A control's name with the lock mark in front when the policy sets it."""
    return f"{lock_mark()} {text}" if locked else text


def kept_note(policy: Policy, settings: ChatSettings, refused: Iterable[str]) -> str:
    """ "Kept temperature at 0.2: set by your organization. Questions: …" ("" if nothing was)."""
    parts: list[str] = []
    for name in refused:
        if name in SPEC_BY_NAME:
            value = getattr(settings.params, name)
            parts.append(
                QCoreApplication.translate("PolicyLocks", "{name} at {value}").format(
                    name=name.replace("_", " "), value=_number(value)
                )
            )
        elif name in _PROMPT_FIELDS:
            words = QCoreApplication.translate("PolicyLocks", "the system prompt")
            if words not in parts:
                parts.append(words)
        elif name == "profile_id":
            parts.append(QCoreApplication.translate("PolicyLocks", "the endpoint"))
    if not parts:
        return ""
    return QCoreApplication.translate("PolicyLocks", "Kept {what}: {note}").format(
        what=", ".join(parts), note=policy.locked_note()
    )


def _number(value: float | int | None) -> str:
    if value is None:
        return QCoreApplication.translate("PolicyLocks", "the default")
    return f"{value:g}" if isinstance(value, float) else str(value)
