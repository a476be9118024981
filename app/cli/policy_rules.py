"""How `llamadesk ask`, `eval` and `token` obey the machine's policy: which endpoint and token,
the parameters' defaults and locks, and which system prompts may be sent.

Everything here runs before a request is built, so a refusal sends nothing. With no policy
file (`Policy()`), every function leaves the command line's meaning as it always was.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from app.cli.credentials import resolve_token, sendable
from app.cli.options import EndpointChoice, UsageError, checked, endpoint_from
from app.core.chat_settings import default_builtins
from app.core.params import PARAM_SPECS, SamplingParams
from app.core.policy import Managed, Policy, PolicyEndpoint, TokenFrom
from app.core.profiles import DEFAULT_WORKERS_AI_MODEL, DEFAULT_WORKERS_AI_ROOT, EndpointKind
from app.core.prompts.variables import VariableProblem, is_variable_name, render
from app.core.secrets import SecretStore
from app.core.urls import normalize_base_url
from app.storage.policy_file import PolicyLoad, load_policy
from app.storage.token_file import TokenFileError, read_token_file

#: Options that describe a user's own endpoint (rather than picking one of the policy's).
OWN_ENDPOINT_OPTIONS = ("backend", "base_url", "account_id", "gateway_id")


class PolicyRefused(UsageError):
    """The policy does not allow what the command line or a file asked for (exit 2)."""


def machine_policy(given: PolicyLoad | None = None) -> PolicyLoad:
    """The machine's policy, read from its one place (`given`: a load made in-process by tests)."""
    return given if given is not None else load_policy()


def with_contact(message: str, policy: Policy) -> str:
    """`message`, ended by whom to ask when the policy names someone."""
    contact = policy.contact_sentence()
    return f"{message} {contact}" if contact else message


def option(dest: str) -> str:
    return "--" + dest.replace("_", "-")


# -- endpoint and token ---------------------------------------------------------------------


@dataclass(frozen=True)
class EndpointPick:
    """The endpoint a run uses; `managed`: the policy's endpoint it came from, if any."""

    choice: EndpointChoice
    managed: PolicyEndpoint | None = None


def pick_endpoint(
    args: argparse.Namespace,
    policy: Policy,
    own: Callable[[], EndpointChoice],
    *,
    file_with_endpoint: str = "",
) -> EndpointPick:
    """The policy's endpoint (the first, or --endpoint NAME), or the user's own from `own()`.

    `file_with_endpoint`: the test-set file, when it names an endpoint of its own.
    """
    given = [option(name) for name in OWN_ENDPOINT_OPTIONS if getattr(args, name, None)]
    if policy.active and not policy.allow_user_endpoints:
        if given:
            raise PolicyRefused(
                f"{the_policy(policy)} allows only the endpoints it sets up "
                f"({_names(policy)}), so {', '.join(given)} cannot be used. Leave "
                f"{'them' if len(given) > 1 else 'it'} out, and pick one of those with "
                "--endpoint NAME if you need one other than the first."
            )
        if file_with_endpoint:
            raise PolicyRefused(
                f"{file_with_endpoint} names an endpoint of its own, but {the_policy(policy)} "
                f"allows only the endpoints it sets up ({_names(policy)}). Remove `endpoint:` "
                "from the file, and pick one with --endpoint NAME if you need one other "
                "than the first."
            )
    if args.endpoint is not None:
        managed = _named(args.endpoint, policy)
        if given:
            raise UsageError(
                f"--endpoint picks an endpoint your organization set up, so it cannot be "
                f"combined with {', '.join(given)}. Leave those out, or leave out --endpoint "
                "to use an endpoint of your own."
            )
        return EndpointPick(_choice_of(managed, args.model, policy), managed)
    if given or file_with_endpoint or not policy.endpoints:
        return EndpointPick(own())
    first = policy.endpoints[0]
    return EndpointPick(_choice_of(first, args.model, policy), first)


def own_endpoint(args: argparse.Namespace) -> EndpointChoice:
    """The endpoint the options describe: Workers AI unless --backend says otherwise."""
    return endpoint_from(
        argparse.Namespace(**{**vars(args), "backend": args.backend or "workers-ai"})
    )


def token_for(
    pick: EndpointPick, store_factory: Callable[[], SecretStore], environ: Mapping[str, str]
) -> str | None:
    """The token to send to the picked endpoint; UsageError with the fix when there is none."""
    managed = pick.managed
    if managed is None:
        return resolve_token(pick.choice, store_factory, environ)
    if managed.token_from is TokenFrom.NONE:
        return None
    if managed.token_from is TokenFrom.FILE:
        try:
            token = read_token_file(Path(managed.token_path))
        except TokenFileError as exc:
            raise UsageError(
                f"{exc.message} It holds the key for “{managed.name}”, and your organization "
                "looks after it."
            ) from None
        return sendable(token, f"The token in {managed.token_path}")
    return resolve_token(
        pick.choice, store_factory, environ, save_command=save_command(managed.name)
    )


def save_command(endpoint_name: str) -> str:
    return f'llamadesk token set --endpoint "{endpoint_name}"'


def _choice_of(managed: PolicyEndpoint, model: str | None, policy: Policy) -> EndpointChoice:
    """The policy's endpoint as the command line's; --model may change its model only where
    users may set up endpoints of their own (the same model as the policy's is always fine)."""
    workers = managed.kind is EndpointKind.WORKERS_AI
    own_model = managed.model or (DEFAULT_WORKERS_AI_MODEL if workers else "")
    wanted = (model or "").strip()
    if wanted and wanted != own_model and policy.active and not policy.allow_user_endpoints:
        raise PolicyRefused(
            f"--model {wanted} would change the model of “{managed.name}”, and "
            f"{the_policy(policy)} does not let users change its endpoints. Leave --model out."
        )
    if workers:
        choice = EndpointChoice(
            "workers-ai",
            (managed.base_url or DEFAULT_WORKERS_AI_ROOT).strip().rstrip("/"),
            managed.account_id,
            wanted or own_model,
            managed.gateway_id or None,
            name=managed.name,
        )
    else:
        base = normalize_base_url(managed.base_url)
        choice = EndpointChoice(
            "openai", base, None, wanted or own_model or None, None, managed.name
        )
    return checked(choice)


def _named(name: str, policy: Policy) -> PolicyEndpoint:
    if not policy.endpoints:
        where = (
            f"{the_policy(policy)} names none"
            if policy.active
            else "this computer has no policy file"
        )
        raise UsageError(
            f"--endpoint picks one of the endpoints your organization's policy sets up, but "
            f"{where}. Describe the endpoint with --backend, --base-url and --account-id instead."
        )
    found = policy.endpoint_named(name)
    if found is None:
        raise UsageError(
            f"{the_policy(policy)} has no endpoint called “{name.strip()}”; "
            f"its endpoints are {_names(policy)}."
        )
    return found


# -- parameters -----------------------------------------------------------------------------


def locked_conflict(
    values: Mapping[str, int | float | None], policy: Policy
) -> tuple[str, int | float, int | float] | None:
    """The first (name, given, locked) where `values` asks another value than a locked one.

    The locked value itself may be given: a script that spells it out keeps working.
    """
    for spec in PARAM_SPECS:
        managed: Managed[float | int] | None = policy.params.get(spec.name)
        given = values.get(spec.name)
        if managed is None or not managed.locked or given is None or isinstance(given, bool):
            continue
        if float(given) != float(managed.value):
            return spec.name, given, managed.value
    return None


def check_option_locks(params: SamplingParams, policy: Policy) -> None:
    """PolicyRefused for a parameter option that would change a locked value."""
    conflict = locked_conflict(params.to_payload(), policy)
    if conflict is not None:
        name, given, locked = conflict
        raise PolicyRefused(
            f"{option(name)} {given} is refused: {the_policy(policy)} locks {name} at "
            f"{locked}. Leave {option(name)} out."
        )


def under_policy(params: SamplingParams, policy: Policy) -> SamplingParams:
    """`params` over the policy's values (its defaults), with every locked value as it says."""
    merged = replace(policy.defaults(SamplingParams()), **params.to_payload())  # type: ignore[arg-type]
    return policy.enforced_params(merged).validated()


# -- prompts --------------------------------------------------------------------------------


def own_prompt_refused(system: str, policy: Policy) -> bool:
    """With lock_prompts, a system prompt is allowed only when it is one of the policy's own."""
    if not policy.lock_prompts or not system:
        return False
    return all(prompt.system != system for prompt in policy.prompts)


def policy_prompt_text(policy: Policy, name: str, assignments: list[str]) -> str:
    """The policy's prompt `name` (any letter case), its variables filled from NAME=VALUE
    `assignments`; UsageError naming what is missing or which prompts there are."""
    folded = name.strip().casefold()
    prompt = next((p for p in policy.prompts if p.name.casefold() == folded), None)
    if prompt is None:
        if not policy.prompts:
            raise UsageError(
                "--prompt picks one of the prompts your organization's policy provides, but "
                + (f"{the_policy(policy)} has none." if policy.active else "there is no policy.")
            )
        listed = ", ".join(f"“{p.name}”" for p in policy.prompts)
        raise UsageError(
            f"{the_policy(policy)} has no prompt called “{name.strip()}”; its prompts are {listed}."
        )
    values: dict[str, str] = {}
    for item in assignments:
        key, equals, value = item.partition("=")
        if not equals or not is_variable_name(key.strip()):
            raise UsageError(f"--var {item!r} is not NAME=VALUE (for example customer_name=Ada).")
        values[key.strip()] = value
    try:
        return render(prompt.system, prompt.variables, values, default_builtins())
    except VariableProblem as exc:
        hint = " Give values with --var NAME=VALUE." if exc.missing or exc.invalid else ""
        raise UsageError(f"“{prompt.name}”: {exc}{hint}") from None


def the_policy(policy: Policy) -> str:
    """How messages name the policy: whose it is and the file it is in."""
    return f"your organization's policy ({policy.source})"


def _names(policy: Policy) -> str:
    return ", ".join(f"“{endpoint.name}”" for endpoint in policy.endpoints)
