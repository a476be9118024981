"""An administrator's policy: managed endpoints, parameters, prompts and modes, with per-key locks.

The policy is enforced here, on the settings themselves (`Policy.enforced`), so no window,
dialog, imported preset or command-line option can get round a lock: whatever asks for a
change, the settings a chat is asked with carry the locked values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Final, Generic, TypeVar

from app.core.chat_settings import ChatSettings
from app.core.i18n import translate
from app.core.params import SamplingParams
from app.core.profiles import EndpointKind, EndpointProfile, TokenSource
from app.core.prompts.variables import VariableSpec
from app.core.request import PromptMode

_T = TypeVar("_T")

#: A policy endpoint's profile id: never the id of a profile a user made (those are uuid4 hex).
POLICY_PROFILE_PREFIX: Final = "policy:"
#: A chat on one of the policy's prompts has this prompt_ref (the library's refs have no ":").
POLICY_PROMPT_PREFIX: Final = "policy-prompt:"


class TokenFrom(StrEnum):
    USER = "user"  # each person pastes their own key once; it goes to the OS keyring
    FILE = "file"  # a file the administrator controls (readable by anyone who runs the app)
    NONE = "none"  # the server needs no key (a local server)


@dataclass(frozen=True)
class Managed(Generic[_T]):
    """A value the policy sets; `locked`: the user cannot change it, only see it."""

    value: _T
    locked: bool = False


@dataclass(frozen=True)
class PolicyEndpoint:
    """An endpoint the administrator set up; shown by its name only."""

    name: str
    kind: EndpointKind
    account_id: str = ""
    base_url: str = ""
    gateway_id: str = ""
    model: str = ""
    token_from: TokenFrom = TokenFrom.USER
    token_path: str = ""  # TokenFrom.FILE only

    @property
    def profile_id(self) -> str:
        return POLICY_PROFILE_PREFIX + self.name

    def profile(self) -> EndpointProfile:
        """The endpoint as a profile the rest of the app uses (never holding the token)."""
        source = {
            TokenFrom.USER: TokenSource.KEYRING,
            TokenFrom.FILE: TokenSource.FILE,
            TokenFrom.NONE: TokenSource.NONE,
        }[self.token_from]
        return EndpointProfile(
            id=self.profile_id,
            name=self.name,
            kind=self.kind,
            account_id=self.account_id,
            gateway_id=self.gateway_id,
            base_url=self.base_url,
            model=self.model,
            token_source=source,
            token_file=self.token_path,
        )


@dataclass(frozen=True)
class PolicyPrompt:
    """One of the administrator's prompts: what Simple mode's "What do you want to do?" lists."""

    name: str
    system: str
    variables: tuple[VariableSpec, ...] = ()
    description: str = ""

    @property
    def ref(self) -> str:
        return POLICY_PROMPT_PREFIX + self.name


@dataclass(frozen=True)
class Policy:
    """What the machine's policy file says; `Policy()` is "no policy": nothing managed."""

    source: str = ""  # where it was read from ("" = there is no policy)
    endpoints: tuple[PolicyEndpoint, ...] = ()
    allow_user_endpoints: bool = True
    params: Mapping[str, Managed[float | int]] = field(default_factory=dict)
    prompts: tuple[PolicyPrompt, ...] = ()
    lock_prompts: bool = False
    simple_mode: Managed[bool] | None = None
    allow_export: bool = True
    support_contact: str = ""

    @property
    def active(self) -> bool:
        return bool(self.source)

    # -- what is locked ----------------------------------------------------------------------

    def locked_params(self) -> frozenset[str]:
        return frozenset(name for name, managed in self.params.items() if managed.locked)

    def is_locked(self, setting: str) -> bool:
        """`setting`: a SamplingParams field, or "system_prompt", "profile_id", "simple_mode"."""
        if setting in ("system_prompt", "prompt_ref", "variables"):
            return self.lock_prompts
        if setting == "profile_id":
            return not self.allow_user_endpoints
        if setting == "simple_mode":
            return self.simple_mode is not None and self.simple_mode.locked
        managed = self.params.get(setting)
        return managed is not None and managed.locked

    def locked_note(self) -> str:
        """The words next to a locked control: who set it, and whom to ask."""
        note = translate("Policy", "Set by your organization.")
        if self.support_contact:
            note += " " + translate("Policy", "Questions: {contact}.").format(
                contact=self.support_contact
            )
        return note

    def contact_sentence(self) -> str:
        """What ends an error message when the policy names someone to ask; "" otherwise."""
        if not self.support_contact:
            return ""
        return translate("Policy", "If this keeps happening, contact {contact}.").format(
            contact=self.support_contact
        )

    # -- endpoints ---------------------------------------------------------------------------

    def profiles(self) -> list[EndpointProfile]:
        return [endpoint.profile() for endpoint in self.endpoints]

    def endpoint_named(self, name: str) -> PolicyEndpoint | None:
        folded = name.strip().casefold()
        return next((e for e in self.endpoints if e.name.casefold() == folded), None)

    def allowed_profiles(self, own: list[EndpointProfile]) -> list[EndpointProfile]:
        """The policy's endpoints first, then the user's own when the policy allows them."""
        mine = [p for p in own if not p.id.startswith(POLICY_PROFILE_PREFIX)]
        return self.profiles() + (mine if self.allow_user_endpoints else [])

    # -- enforcement -------------------------------------------------------------------------

    def defaults(self, params: SamplingParams) -> SamplingParams:
        """Fresh settings: every value the policy gives (locked or not) replaces the built-in one."""
        given = {name: managed.value for name, managed in self.params.items()}
        return replace(params, **given) if given else params  # type: ignore[arg-type]

    def enforced_params(self, params: SamplingParams) -> SamplingParams:
        locked = {name: m.value for name, m in self.params.items() if m.locked}
        return replace(params, **locked) if locked else params  # type: ignore[arg-type]

    def enforced(self, settings: ChatSettings, before: ChatSettings | None = None) -> ChatSettings:
        """`settings` with every locked value put back: to what it was `before` when that was
        allowed (a refused change leaves things as they were), else to the policy's."""
        changes: dict[str, object] = {}
        params = self.enforced_params(settings.params)
        if params != settings.params:
            changes["params"] = params
        if self.lock_prompts and not self._allowed_prompt(settings):
            kept = before if before is not None and self._allowed_prompt(before) else ChatSettings()
            changes.update(
                system_prompt=kept.system_prompt,
                prompt_ref=kept.prompt_ref,
                variables=kept.variables,
                own_prompt=None,
            )
        if self.lock_prompts and settings.prompt_mode is PromptMode.RAW:
            # A raw template is whatever text the user types, system prompt included.
            stay = before is not None and before.prompt_mode is not PromptMode.RAW
            changes["prompt_mode"] = before.prompt_mode if stay else PromptMode.CHAT  # type: ignore[union-attr]
        if not self.allow_user_endpoints and self.endpoints:
            ids = {endpoint.profile_id for endpoint in self.endpoints}
            if settings.profile_id not in ids:
                stay = before is not None and before.profile_id in ids
                changes["profile_id"] = before.profile_id if stay else self.endpoints[0].profile_id  # type: ignore[union-attr]
        return replace(settings, **changes) if changes else settings  # type: ignore[arg-type]

    def refused(self, wanted: ChatSettings, kept: ChatSettings) -> tuple[str, ...]:
        """The settings (and parameter) names whose wanted value the policy did not let through."""
        names = [
            f.name
            for f in fields(SamplingParams)
            if getattr(wanted.params, f.name) != getattr(kept.params, f.name)
        ]
        names += [
            f.name
            for f in fields(ChatSettings)
            if f.name != "params" and getattr(wanted, f.name) != getattr(kept, f.name)
        ]
        return tuple(names)

    def locks_requests(self) -> bool:
        """Something a request carries is locked (so a stored request may not go again as is)."""
        return bool(self.locked_params()) or self.lock_prompts

    def prompt_named(self, name: str) -> PolicyPrompt | None:
        return next((p for p in self.prompts if p.name == name), None)

    def _allowed_prompt(self, settings: ChatSettings) -> bool:
        """With prompts locked, a chat has no system prompt or exactly one of the policy's."""
        if not settings.system_prompt and not settings.prompt_ref:
            return True
        name = settings.prompt_ref.removeprefix(POLICY_PROMPT_PREFIX)
        prompt = (
            self.prompt_named(name)
            if settings.prompt_ref.startswith(POLICY_PROMPT_PREFIX)
            else None
        )
        return (
            prompt is not None
            and settings.system_prompt == prompt.system
            and settings.variables == prompt.variables
        )


NO_POLICY: Final = Policy()
