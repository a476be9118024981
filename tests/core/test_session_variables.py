"""A chat's {{variables}}: filled in when a request is built, refused (changing nothing) when not."""

from __future__ import annotations

import pytest

from app.core.chat_settings import ChatSettings
from app.core.prompts.variables import VariableProblem, VariableSpec, VarType
from app.core.request import Message, Role
from app.core.session import ChatSession

BUILTINS = {"date": "2026-11-30", "time": "09:00", "weekday": "Monday", "user_name": "Ada"}


def session_with(prompt: str, *specs: VariableSpec, **values: str) -> ChatSession:
    settings = ChatSettings(system_prompt=prompt, variables=specs, values=tuple(values.items()))
    session = ChatSession(settings)
    session.builtins = lambda: BUILTINS
    return session


def test_the_system_prompt_sent_has_its_variables_filled_in() -> None:
    session = session_with(
        'Help {{user_name}} with {{topic}} on {{weekday}}. Reply as JSON: {"a": {"b": 1}}',
        VariableSpec("topic"),
        topic="taxes",
    )
    turn = session.send("Hi")
    assert turn.request.messages[0] == Message(
        Role.SYSTEM, 'Help Ada with taxes on Monday. Reply as JSON: {"a": {"b": 1}}'
    )
    assert turn.prompt is not None  # every value filled in, built-ins too, in order of use
    assert turn.prompt.values == (("user_name", "Ada"), ("topic", "taxes"), ("weekday", "Monday"))


def test_a_default_is_used_when_the_chat_has_no_value() -> None:
    session = session_with(
        "Tone: {{tone}}",
        VariableSpec("tone", VarType.CHOICE, default="warm", options=("warm", "dry")),
    )
    assert session.send("Hi").request.messages[0].content == "Tone: warm"


def test_an_escaped_variable_is_sent_as_written() -> None:
    session = session_with(r"Write \{{name}} literally, and {{date}}.")
    assert (
        session.send("Hi").request.messages[0].content
        == "Write {{name}} literally, and 2026-11-30."
    )


@pytest.mark.parametrize(
    ("prompt", "specs", "expected"),
    [
        ("Hello {{who}}", (), "which is not a known variable"),
        ("Hello {{who}}", (VariableSpec("who"),), "needs a value for {{who}}"),
        ("Count {{n}}", (VariableSpec("n", VarType.NUMBER, default="many"),), "must be a number"),
    ],
)
def test_a_prompt_that_cannot_be_filled_in_sends_nothing(
    prompt: str, specs: tuple[VariableSpec, ...], expected: str
) -> None:
    session = session_with(prompt, *specs)
    with pytest.raises(VariableProblem, match=expected):
        session.send("Hi")
    assert session.is_empty  # nothing was added


def test_no_prompt_use_without_library_prompt_or_values() -> None:
    session = session_with("Plain prompt.")
    assert session.send("Hi").prompt is None


def test_the_raw_template_is_never_built_with_unfilled_variables() -> None:
    # Raw mode sends its editor's text as it is: a template with {{topic}} in it would be
    # sent with the braces. Only to weigh it (the context meter) is it built as written.
    session = session_with("Help with {{topic}} on {{date}}", VariableSpec("topic"))
    with pytest.raises(VariableProblem, match="needs a value for"):
        session.raw_prompt("Hi")
    assert "Help with {{topic}} on {{date}}" in session.raw_prompt("Hi", fill_variables=False)
    session.update_settings(values=(("topic", "taxes"),))
    assert "Help with taxes on 2026-11-30" in session.raw_prompt("Hi")
