"""The clock compare panes share: one writing budget per turn, views served in turn."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from app.ui.chat.frame_clock import FrameClock


class BusyView:
    """Spends `cost_s` of CPU on every turn it is given, and notes the budget it got."""

    def __init__(self, name: str, log: list[tuple[str, float]], cost_s: float) -> None:
        self.name, self.log, self.cost_s = name, log, cost_s

    def run_turn(self, budget_s: float) -> None:
        self.log.append((self.name, budget_s))
        end = time.thread_time() + self.cost_s
        while time.thread_time() < end:
            pass


def test_views_share_one_budget_and_the_rest_go_first_next_turn(qtbot: QtBot) -> None:
    clock = FrameClock(batch_ms=1, turn_ms=4)
    log: list[tuple[str, float]] = []
    a, b, c = (BusyView(n, log, 0.005) for n in "abc")
    for view in (a, b, c):
        clock.request(view, now=False)
    clock.request(a, now=False)  # asked twice: served once
    qtbot.waitUntil(lambda: len(log) == 3, timeout=2000)
    assert [name for name, _ in log] == ["a", "b", "c"]
    # Each spent more than a turn's budget, so each had a turn of its own, its full budget:
    # a view served after another in the same turn would have been given what was left (0).
    assert all(budget > 0.003 for _, budget in log)


def test_cheap_views_are_served_in_the_same_turn(qtbot: QtBot) -> None:
    clock = FrameClock(batch_ms=1, turn_ms=50)
    log: list[tuple[str, float]] = []
    for name in "abcd":
        clock.request(BusyView(name, log, 0.0), now=False)
    qtbot.waitUntil(lambda: len(log) == 4, timeout=2000)
    budgets = [budget for _, budget in log]
    assert budgets == sorted(budgets, reverse=True) and budgets[-1] > 0  # what was left


def test_a_view_asking_now_is_not_held_for_the_batch_delay(qtbot: QtBot) -> None:
    clock = FrameClock(batch_ms=10_000, turn_ms=4)
    log: list[tuple[str, float]] = []
    view = BusyView("a", log, 0.0)
    clock.request(view, now=False)
    clock.request(view, now=True)  # more work left over: the next turn, not in ten seconds
    qtbot.waitUntil(lambda: len(log) == 1, timeout=2000)
    clock.forget(view)
