"""Simple mode's setting: the user's choice counts unless the policy locks it."""

from __future__ import annotations

import pytest

from app.core.policy import Managed, Policy
from app.core.simple_mode import SimpleModeSetting

LOCKED_ON = Policy(source="p", simple_mode=Managed(True, locked=True), support_contact="IT, 1234")


def test_without_a_policy_it_is_off_until_chosen() -> None:
    setting = SimpleModeSetting()
    assert not setting.on and not setting.locked
    assert setting.choose(True) and setting.on and setting.chosen is True


@pytest.mark.parametrize("chosen", [None, False, True])
def test_a_locked_policy_wins_over_the_settings_file(chosen: bool | None) -> None:
    setting = SimpleModeSetting(LOCKED_ON, chosen)
    assert setting.on and setting.locked
    assert not setting.choose(False)  # refused: still on, the file's value untouched
    assert setting.on and setting.chosen is chosen
    assert setting.choose(True)  # asking for what it is already is not a refusal


def test_an_unlocked_policy_gives_the_start_value_only() -> None:
    policy = Policy(source="p", simple_mode=Managed(True))
    setting = SimpleModeSetting(policy)
    assert setting.on and not setting.locked
    assert setting.choose(False) and not setting.on
    assert not SimpleModeSetting(policy, False).on  # the user's saved choice counts


def test_the_locked_note_names_the_contact() -> None:
    assert "IT, 1234" in SimpleModeSetting(LOCKED_ON).locked_note()
