"""The status line under the system prompt: what it says for used, unknown and hostile names."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.prompts.variables import VariableSpec, VarType
from app.ui.prompts.variable_status import VariableStatus, describe_usage
from app.ui.style import LIGHT_STYLE


def test_nothing_to_say_without_variables() -> None:
    usage = describe_usage('Plain {"json": {"a": 1}} and \\{{escaped}}', (), {})
    assert usage.text == "" and not usage.has_error


def test_used_variables_are_listed_and_explained() -> None:
    spec = VariableSpec("level", VarType.CHOICE, label="Level", options=("a", "b"))
    usage = describe_usage("{{level}} on {{date}}", (spec,), {"level": "b"})
    assert usage.text == "Variables: {{level}}, {{date}}" and not usage.has_error
    assert "{{date}}: built in. Today's date" in usage.tooltip
    assert "{{level}}: Level (choice), this chat's value: “b”." in usage.tooltip
    asked = describe_usage("{{level}}", (spec,), {})
    assert "asked before the next message is sent" in asked.tooltip


def test_several_unknown_names_are_one_bounded_error() -> None:
    text = " ".join(f"{{{{u{i}}}}}" for i in range(20))
    usage = describe_usage(text, (), {})
    assert usage.has_error and usage.unknown[:2] == ("u0", "u1")
    assert "{{u7}} and 12 more are not declared" in usage.text
    assert usage.tooltip.count("\n") < 40


def test_a_name_too_long_to_declare_gets_the_full_advice() -> None:
    usage = describe_usage("{{" + "a" * 500 + "}}", (), {})
    assert usage.has_error and "too long for a variable name" in usage.text
    assert len(usage.text) < 400


def test_values_and_labels_in_the_tooltip_are_never_markup(qtbot: QtBot) -> None:
    status = VariableStatus(LIGHT_STYLE)
    qtbot.addWidget(status)
    spec = VariableSpec("x", label="<b>bold</b>")
    status.show_usage(describe_usage("{{x}}", (spec,), {"x": '<img src="/etc/passwd">'}))
    tip = status.label.toolTip()
    assert "<img" not in tip and "&lt;img" in tip and "<b>" not in tip
    assert status.label.text() == "Variables: {{x}}"
    assert not status.declare_button.isVisibleTo(status)
