"""The machine-wide policy file: where it lives, who may have written it, and reading it safely.

Only the standard machine-wide place is read, and nothing a user controls (no environment
variable, no option) can point elsewhere. A file that exists but cannot be trusted or used —
unreadable, writable by others, a link, too large, not JSON, not matching the schema — is
never taken as "no policy": `load_policy` returns a `PolicyProblem` and callers refuse to run,
because running unlocked is exactly what a broken policy must not cause.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import jsonschema
import platformdirs

from app.core.i18n import translate
from app.core.params import SPEC_BY_NAME
from app.core.policy import (
    Managed,
    Policy,
    PolicyEndpoint,
    PolicyPrompt,
    TokenFrom,
)
from app.core.profiles import EndpointKind
from app.core.prompts.variables import VariableSpec, VarType
from app.core.urls import normalize_base_url, url_problem
from app.storage.limited_read import FileRefused, read_limited

#: A policy of 50 endpoints and 200 prompts is well under this; more is not a policy file.
POLICY_MAX_BYTES: Final = 2_000_000
#: Who may own the policy file (POSIX): root. Tests pass their own uid.
TRUSTED_OWNERS: Final = frozenset({0})


def machine_policy_path() -> Path:
    """The one place the policy is read from on this operating system."""
    if sys.platform == "win32":  # %ProgramData%, asked of Windows itself, not the environment
        return Path(platformdirs.site_data_dir("LlamaDesk", appauthor=False)) / "policy.json"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/LlamaDesk/policy.json")
    return Path("/etc/llamadesk/policy.json")


@cache
def policy_schema() -> dict[str, Any]:
    """The JSON Schema shipped with LlamaDesk (also what an admin's editor checks against)."""
    text = resources.files("app.storage").joinpath("policy.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@dataclass(frozen=True)
class PolicyProblem:
    """Why the policy file cannot be used: plain words, where in the file, and whom to ask."""

    path: str
    reason: str  # completes "The policy file … cannot be used: …"
    line: int | None = None
    where: str = ""  # the field, e.g. "params › temperature › value"
    support_contact: str = ""

    def message(self) -> str:
        """The whole message: what is wrong, where, what LlamaDesk does instead, whom to ask."""
        place = ""
        if self.line is not None and self.where:
            place = translate("Policy", " (line {line}, at {where})").format(
                line=self.line, where=self.where
            )
        elif self.line is not None:
            place = translate("Policy", " (line {line})").format(line=self.line)
        elif self.where:
            place = translate("Policy", " (at {where})").format(where=self.where)
        text = translate(
            "Policy",
            "The settings your organization manages for LlamaDesk ({path}) cannot be used"
            "{place}: {reason}. LlamaDesk does not start without them, so that nothing your "
            "organization locked is left open.",
        ).format(path=self.path, place=place, reason=self.reason)
        if self.support_contact:
            text += " " + translate("Policy", "Please contact {contact}.").format(
                contact=self.support_contact
            )
        else:
            text += " " + translate("Policy", "Please tell whoever looks after this computer.")
        return text


@dataclass(frozen=True)
class PolicyLoad:
    """`policy` (NO_POLICY when there is no file), or the `problem` that keeps the app closed."""

    policy: Policy | None
    problem: PolicyProblem | None = None


def load_policy(
    path: Path | None = None, *, trusted_owners: Iterable[int] = TRUSTED_OWNERS
) -> PolicyLoad:
    """Read the machine's policy; a missing file is no policy, any other failure a problem."""
    path = path or machine_policy_path()
    shown = str(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return PolicyLoad(Policy())
    except OSError as exc:
        return PolicyLoad(None, PolicyProblem(shown, _os_reason(exc)))
    if reason := _untrusted(path, info, frozenset(trusted_owners)):
        return PolicyLoad(None, PolicyProblem(shown, reason))
    try:
        data = read_limited(path, POLICY_MAX_BYTES)
    except FileRefused as exc:
        return PolicyLoad(None, PolicyProblem(shown, exc.reason))
    except OSError as exc:
        return PolicyLoad(None, PolicyProblem(shown, _os_reason(exc)))
    return parse_policy(data, shown)


def parse_policy(data: bytes, shown: str) -> PolicyLoad:
    """The policy in `data` (the file's bytes), checked against the schema and for sense."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return PolicyLoad(None, PolicyProblem(shown, "it is not UTF-8 text"))
    try:
        raw = json.loads(text, object_pairs_hook=_no_repeated_keys)
    except _RepeatedKey as exc:
        return PolicyLoad(
            None,
            PolicyProblem(
                shown, f"the key “{exc.key}” appears twice", _line_of_key(text, [exc.key])
            ),
        )
    except json.JSONDecodeError as exc:
        return PolicyLoad(
            None, PolicyProblem(shown, f"it is not valid JSON ({exc.msg})", exc.lineno)
        )
    except RecursionError:
        return PolicyLoad(None, PolicyProblem(shown, "it is nested too deeply"))
    contact = _contact_of(raw)
    validator = jsonschema.Draft202012Validator(policy_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(raw))
    if error is not None:
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            path += sorted(key for key in error.instance if key not in known)[:1]
        return PolicyLoad(
            None,
            PolicyProblem(shown, error.message, _line_of_key(text, path), _field(path), contact),
        )
    try:
        policy = _policy_from(raw, shown)
    except _Nonsense as exc:
        return PolicyLoad(
            None,
            PolicyProblem(
                shown, exc.reason, _line_of_key(text, exc.path), _field(exc.path), contact
            ),
        )
    return PolicyLoad(policy)


# -- trust -----------------------------------------------------------------------------------


def _untrusted(path: Path, info: os.stat_result, owners: frozenset[int]) -> str | None:
    """Why a file others could have written is no policy; None when it can be trusted."""
    if stat.S_ISLNK(info.st_mode):
        return "it is a link; the policy must be a plain file"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a plain file"
    if os.name != "posix":
        return None  # ProgramData's permissions are the administrator's to set
    if info.st_uid not in owners:
        return "it does not belong to the administrator (root), so anyone could have written it"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others than the administrator may change it (it is group- or world-writable)"
    folder = os.stat(path.parent)
    if folder.st_mode & stat.S_IWOTH and not folder.st_mode & stat.S_ISVTX:
        return "the folder it is in can be changed by anyone"
    return None


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "LlamaDesk is not allowed to read it"
    return f"it could not be read ({exc.strerror or exc})"


# -- meaning ---------------------------------------------------------------------------------


class _Nonsense(ValueError):
    def __init__(self, path: list[str | int], reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of repeated keys; a policy must not mean something other than it reads.
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _RepeatedKey(key)
        found[key] = value
    return found


def _policy_from(raw: dict[str, Any], shown: str) -> Policy:
    endpoints = tuple(
        _endpoint(item, ["endpoints", i]) for i, item in enumerate(raw.get("endpoints", []))
    )
    _unique([e.name for e in endpoints], "endpoints", "endpoint")
    prompts = tuple(_prompt(item, ["prompts", i]) for i, item in enumerate(raw.get("prompts", [])))
    _unique([p.name for p in prompts], "prompts", "prompt")
    params: dict[str, Managed[float | int]] = {}
    for name, managed in raw.get("params", {}).items():
        spec = SPEC_BY_NAME[name]
        value = managed["value"]
        params[name] = Managed(spec.kind(value), bool(managed.get("locked", False)))
    simple = raw.get("simple_mode")
    allow_user = bool(raw.get("allow_user_endpoints", True))
    if not allow_user and not endpoints:
        raise _Nonsense(
            ["allow_user_endpoints"],
            "users may not add endpoints, but the policy names none, so nobody could chat",
        )
    return Policy(
        source=shown,
        endpoints=endpoints,
        allow_user_endpoints=allow_user,
        params=params,
        prompts=prompts,
        lock_prompts=bool(raw.get("lock_prompts", False)),
        simple_mode=Managed(bool(simple["value"]), bool(simple.get("locked", False)))
        if simple is not None
        else None,
        allow_export=bool(raw.get("allow_export", True)),
        support_contact=str(raw.get("support_contact", "")).strip(),
    )


def _endpoint(raw: dict[str, Any], at: list[str | int]) -> PolicyEndpoint:
    kind = EndpointKind(raw["backend"])
    base_url = str(raw.get("base_url", "")).strip()
    if base_url:
        if "@" in base_url.split("//", 1)[-1].split("/", 1)[0]:
            raise _Nonsense(
                [*at, "base_url"],
                "the address holds a user name or password; never put a key in the policy",
            )
        normalised = normalize_base_url(base_url) if kind is EndpointKind.LOCAL else base_url
        if problem := url_problem(normalised):
            raise _Nonsense([*at, "base_url"], f"the address cannot be used: {problem}")
        base_url = normalised
    token = raw.get("token", {"from": "user" if kind is EndpointKind.WORKERS_AI else "none"})
    return PolicyEndpoint(
        name=raw["name"].strip(),
        kind=kind,
        account_id=raw.get("account_id", ""),
        base_url=base_url,
        gateway_id=raw.get("gateway_id", ""),
        model=raw.get("model", ""),
        token_from=TokenFrom(token["from"]),
        token_path=token.get("path", ""),
    )


def _prompt(raw: dict[str, Any], at: list[str | int]) -> PolicyPrompt:
    specs: list[VariableSpec] = []
    for i, item in enumerate(raw.get("variables", [])):
        spec = VariableSpec(
            name=item["name"],
            type=VarType(item.get("type", "text")),
            label=item.get("label", ""),
            default=item.get("default", ""),
            help=item.get("help", ""),
            options=tuple(item.get("options", ())),
        )
        if problem := spec.problem():
            raise _Nonsense([*at, "variables", i], problem)
        specs.append(spec)
    _unique([s.name for s in specs], [*at, "variables"], "variable")
    return PolicyPrompt(
        name=raw["name"].strip(),
        system=raw["system"],
        variables=tuple(specs),
        description=raw.get("description", ""),
    )


def _unique(names: list[str], at: str | list[str | int], what: str) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        folded = name.casefold()
        if folded in seen:
            path = [at] if isinstance(at, str) else list(at)
            raise _Nonsense([*path, i, "name"], f"two {what}s are called “{name}”")
        seen.add(folded)


def _contact_of(raw: object) -> str:
    """The support contact even from a file that is otherwise wrong, so errors can name it."""
    if isinstance(raw, dict):
        contact = raw.get("support_contact")
        if isinstance(contact, str) and 0 < len(contact.strip()) <= 200:
            return contact.strip()
    return ""


def _field(path: list[str | int]) -> str:
    return " › ".join(str(p + 1) if isinstance(p, int) else p for p in path)


def _line_of_key(text: str, path: list[str | int]) -> int | None:
    """The line of the last named key on `path`, found by following the keys in order.

    A cheap locator, not a parser: each key is searched for after the previous one; an index
    along the way is skipped. Good enough to send an administrator to the right line.
    """
    offset, found = 0, None
    for part in path:
        if isinstance(part, int):
            continue
        needle = json.dumps(part)
        at = text.find(needle, offset)
        if at < 0:
            break
        offset, found = at + len(needle), at
    return None if found is None else text.count("\n", 0, found) + 1
