"""What the policy decides before the window opens: the defaults new chats start from, and refusals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.params import SamplingParams
from app.core.policy import Policy

#: Shows the message of a policy that keeps LlamaDesk closed (tests answer it themselves).
ShowRefusal = Callable[[str], None]


def fresh_params(policy: Policy, saved: SamplingParams) -> SamplingParams:
    """What new chats start with: a value the user never changed takes the policy's (locked or
    not); one the user saved stays, unless the policy locks it."""
    built_in = SamplingParams()
    fresh = policy.defaults(saved)
    kept = {
        f.name: getattr(saved, f.name)
        for f in fields(SamplingParams)
        if getattr(saved, f.name) != getattr(built_in, f.name)
    }
    return policy.enforced_params(replace(fresh, **kept))  # type: ignore[arg-type]


def refused_endpoint_options(policy: Policy) -> str:
    """Why the window's own endpoint options are refused (exit 2, nothing sent)."""
    text = QCoreApplication.translate(
        "PolicyStart",
        "The settings your organization manages for LlamaDesk ({path}) do not allow other "
        "endpoints, so --backend, --base-url, --account-id and --model cannot be used. "
        "Start LlamaDesk without them to use your organization's endpoints.",
    ).format(path=policy.source)
    contact = policy.contact_sentence()
    return f"{text} {contact}" if contact else text


def show_refusal_box(message: str, parent: QWidget | None = None) -> None:
    """The blocking message box a refused start shows (the window never opens)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, "LlamaDesk", message, QMessageBox.StandardButton.Close, parent
    )
    box.setAccessibleName(QCoreApplication.translate("PolicyStart", "LlamaDesk stays closed"))
    box.exec()
