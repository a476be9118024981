"""Whether the window is in Simple mode: the user's choice, as far as the policy lets it count.

The lock lives here, in the setting itself, not in the View menu's switch: the value the window
starts with and every later change go through `SimpleModeSetting`, so neither the menu, its
shortcut nor an edited settings file can leave Simple mode while the policy locks it.
"""

from __future__ import annotations

from app.core.policy import NO_POLICY, Policy


class SimpleModeSetting:
    """`chosen`: what the user last picked (None: never), kept in the settings file."""

    def __init__(self, policy: Policy = NO_POLICY, chosen: bool | None = None) -> None:
        self._policy = policy
        # A locked policy wins over whatever the file says; the file's value is kept as it was
        # (it counts again if the administrator unlocks the setting).
        self.chosen = chosen

    @property
    def locked(self) -> bool:
        return self._policy.is_locked("simple_mode")

    @property
    def on(self) -> bool:
        managed = self._policy.simple_mode
        if managed is not None and managed.locked:
            return managed.value
        if self.chosen is not None:
            return self.chosen
        return managed.value if managed is not None else False

    def choose(self, on: bool) -> bool:
        """Switch as the user asks; False (and nothing changes) when the policy locks it."""
        if self.locked:
            return on == self.on
        self.chosen = on
        return True

    def locked_note(self) -> str:
        return self._policy.locked_note()
