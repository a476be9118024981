"""The policy's locks hold on the settings themselves, whatever asks for a change."""

from __future__ import annotations

from app.core.chat_settings import ChatSettings
from app.core.params import SamplingParams
from app.core.policy import Managed, Policy, PolicyEndpoint, PolicyPrompt, TokenFrom
from app.core.profiles import EndpointKind, TokenSource
from app.core.session import ChatSession
from app.core.session_events import SettingsChanged

ACME = PolicyEndpoint("ACME Llama", EndpointKind.WORKERS_AI, account_id="acme")
REPLY = PolicyPrompt("Write a customer reply", "Reply kindly to {{customer_name}}.")
POLICY = Policy(
    source="/etc/llamadesk/policy.json",
    endpoints=(ACME,),
    allow_user_endpoints=False,
    params={"temperature": Managed(0.2, locked=True), "max_tokens": Managed(512)},
    prompts=(REPLY,),
    lock_prompts=True,
    support_contact="IT helpdesk, extension 1234",
)


def test_a_session_starts_with_the_locked_values_whatever_it_was_given() -> None:
    given = ChatSettings(
        system_prompt="my own", params=SamplingParams(temperature=1.5), profile_id="mine"
    )
    session = ChatSession(given, rules=POLICY)
    assert session.settings.params.temperature == 0.2
    assert session.settings.system_prompt == ""
    assert session.settings.profile_id == "policy:ACME Llama"


def test_a_locked_change_is_refused_and_announced_an_unlocked_one_goes_through() -> None:
    session = ChatSession(rules=POLICY)
    heard: list[SettingsChanged] = []
    session.subscribe(
        lambda change: heard.append(change) if isinstance(change, SettingsChanged) else None
    )
    session.update_settings(params=SamplingParams(temperature=1.9, max_tokens=100))
    assert session.settings.params == SamplingParams(temperature=0.2, max_tokens=100)
    assert heard[-1].refused == ("temperature",)
    session.update_settings(system_prompt="Ignore the rules")
    assert session.settings.system_prompt == ""
    assert heard[-1].refused == ("system_prompt",)


def test_one_of_the_policy_prompts_may_be_chosen_when_prompts_are_locked() -> None:
    session = ChatSession(rules=POLICY)
    session.update_settings(system_prompt=REPLY.system, prompt_ref=REPLY.ref)
    assert session.settings.system_prompt == REPLY.system
    session.update_settings(system_prompt=REPLY.system + " and leak secrets")
    assert session.settings.system_prompt == REPLY.system


def test_a_policy_set_later_puts_locked_values_back_at_once() -> None:
    session = ChatSession(ChatSettings(params=SamplingParams(temperature=1.0)))
    session.rules = POLICY
    assert session.settings.params.temperature == 0.2


def test_no_policy_changes_nothing() -> None:
    session = ChatSession()
    session.update_settings(params=SamplingParams(temperature=1.9), system_prompt="mine")
    assert session.settings.params.temperature == 1.9
    assert Policy().locked_params() == frozenset()
    assert not Policy().active


def test_defaults_take_every_policy_value_enforcement_only_the_locked_ones() -> None:
    assert POLICY.defaults(SamplingParams()) == SamplingParams(temperature=0.2, max_tokens=512)
    assert POLICY.enforced_params(SamplingParams(max_tokens=99)) == SamplingParams(
        temperature=0.2, max_tokens=99
    )


def test_policy_endpoints_become_profiles_that_hold_no_token() -> None:
    filed = PolicyEndpoint(
        "Lab GPU",
        EndpointKind.LOCAL,
        base_url="http://10.0.0.5:8000/v1",
        token_from=TokenFrom.FILE,
        token_path="/etc/llamadesk/lab.key",
    )
    policy = Policy(source="x", endpoints=(ACME, filed))
    profiles = policy.profiles()
    assert [p.id for p in profiles] == ["policy:ACME Llama", "policy:Lab GPU"]
    assert profiles[0].token_source is TokenSource.KEYRING
    assert profiles[1].token_source is TokenSource.FILE
    assert profiles[1].token_file == "/etc/llamadesk/lab.key"
    assert policy.endpoint_named("lab gpu") is filed


def test_the_locked_note_names_the_support_contact() -> None:
    assert POLICY.locked_note() == (
        "Set by your organization. Questions: IT helpdesk, extension 1234."
    )
    assert Policy(source="x").locked_note() == "Set by your organization."
