"""What the policy decides before the window opens: the defaults new chats start from, and refusals."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields, replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.cli.options import COMMAND_LINE_PROFILE_ID
from app.core.chat_settings import ChatSettings
from app.core.params import SamplingParams
from app.core.policy import POLICY_PROFILE_PREFIX, Policy
from app.core.profiles import EndpointProfile
from app.core.request import PromptMode
from app.storage.policy_file import PolicyProblem
from app.storage.settings import Language, Settings
from app.ui.window.language import install_language

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
    return policy.enforced_params(replace(fresh, **kept))


def start_settings(
    policy: Policy, settings: Settings, cli_profile: EndpointProfile | None
) -> tuple[list[EndpointProfile], str, ChatSettings]:
    """The endpoints offered, the one chats start on, and what new chats start with.

    Only what the policy allows is offered: its endpoints, then (if it lets them) the user's
    own, which stay in the settings file either way.
    """
    profiles = policy.allowed_profiles(list(settings.profiles))
    active = settings.active_profile_id
    if cli_profile is not None:
        profiles.insert(0, cli_profile)
        active = cli_profile.id
    defaults = ChatSettings(
        system_prompt=settings.system_prompt,
        variables=settings.variables,
        params=fresh_params(policy, settings.params),
        prompt_mode=PromptMode(settings.prompt_mode),
        profile_id=active,
    )
    return profiles, active, policy.enforced(defaults)


def profiles_to_save(
    policy: Policy, shown: list[EndpointProfile], saved: list[EndpointProfile]
) -> list[EndpointProfile]:
    """The user's own endpoints to write: never the policy's or the command line's; when the
    policy hides the user's own, those read at start, unchanged."""
    if not policy.allow_user_endpoints:
        return saved
    return [
        p
        for p in shown
        if p.id != COMMAND_LINE_PROFILE_ID and not p.id.startswith(POLICY_PROFILE_PREFIX)
    ]


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
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("PolicyStart", "LlamaDesk"),
        message,
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setAccessibleName(QCoreApplication.translate("PolicyStart", "LlamaDesk stays closed"))
    box.exec()


def refuse_to_start(problem: PolicyProblem, show: ShowRefusal = show_refusal_box) -> int:
    """A policy that exists but cannot be used keeps the app closed: say why, where, whom to ask."""
    print(f"llamadesk: {problem.message()}", file=sys.stderr)  # the terminal keeps English
    language = install_language(Language.SYSTEM)  # no settings read yet: the OS's language
    message = problem.message()
    show(message)
    language.remove()
    return 78  # EX_CONFIG: a configuration error
