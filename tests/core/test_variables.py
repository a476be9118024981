"""The {{variable}} parser, checker and filler: literal JSON, escapes, unknown/missing/invalid."""

from __future__ import annotations

import time

import pytest

from app.core.chat_settings import ChatSettings
from app.core.context import estimate_context
from app.core.prompts.variables import (
    BUILTIN_HELP,
    BUILTIN_NAMES,
    MAX_FILLED_CHARS,
    MAX_NAME_CHARS,
    MAX_OPTIONS,
    MAX_VALUE_CHARS,
    MAX_VARIABLES,
    Filled,
    VariableProblem,
    VariableSpec,
    VarType,
    builtin_values,
    check,
    declarations_problem,
    filled_length,
    placeholders,
    render,
    unanswered,
    variable_names,
)
from app.core.prompts.variables import fill as fill_in
from app.core.request import PromptMode, RequestError
from app.core.session import ChatSession

NAME = VariableSpec("name")
BUILTINS = {"date": "2026-11-30", "time": "14:05", "weekday": "Monday", "user_name": "Ada"}


def fill(text: str, values: dict[str, str] | None = None, *specs: VariableSpec) -> str:
    return render(text, specs or (NAME,), values if values is not None else {"name": "N"}, BUILTINS)


# -- what is literal -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"a": {"b": 1}}',
        '{{"a":1}}',
        "{{ name }}",
        "{{name }}",
        "{{-name}}",
        "{{na-me}}",
        "{{}}",
        "{{name}",
        "{name}}",
        "}}{{",
        "}}name{{",
        "{ {name} }",
        '[{"role": "system", "content": "{x}"}]',
        "function f() {{ return 1; }}",
    ],
)
def test_anything_but_exactly_braced_identifier_is_literal(text: str) -> None:
    assert variable_names(text) == ()
    assert check(text, (), {}) is None
    assert render(text, (), {}, BUILTINS) == text


def test_a_json_prompt_around_a_variable_keeps_its_braces() -> None:
    prompt = '{"user": "{{name}}", "meta": {"nested": {"deep": [1, {"k": "v"}]}}}'
    assert fill(prompt) == '{"user": "N", "meta": {"nested": {"deep": [1, {"k": "v"}]}}}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{{name}}}", "{N}"),  # the innermost exact {{name}}; the outer braces are text
        ("{{{{name}}}}", "{{N}}"),
        ("{{name}}}}", "N}}"),
        ("{{{{name}}", "{{N"),
        ("}}{{name}}{{", "}}N{{"),
        ("{{name}}{{name}}", "NN"),
        ("a{{name}}b", "aNb"),
    ],
)
def test_odd_and_split_braces_around_a_variable(text: str, expected: str) -> None:
    assert fill(text) == expected


# -- escapes -------------------------------------------------------------------------------


def test_backslash_writes_the_braces_and_is_not_a_use() -> None:
    assert variable_names("\\{{name}}") == ()
    assert render("say \\{{name}} literally", (), {}, BUILTINS) == "say {{name}} literally"


def test_an_escaped_unknown_name_is_not_an_error() -> None:
    assert check("\\{{nobody}}", (), {}) is None


def test_escaped_and_filled_in_one_prompt() -> None:
    assert fill("\\{{name}} is {{name}}") == "{{name}} is N"


def test_double_backslash_keeps_one_and_the_braces() -> None:
    # Only the backslash right before {{ escapes; the one before it is text.
    assert fill("\\\\{{name}}") == "\\{{name}}"


def test_backslash_elsewhere_is_text() -> None:
    assert fill("C:\\path\\{name} \\n {{name}}") == "C:\\path\\{name} \\n N"


# -- unknown, missing and invalid ----------------------------------------------------------


def test_unknown_variable_is_refused_with_how_to_fix_it() -> None:
    with pytest.raises(VariableProblem) as caught:
        render("Hello {{nobody}}", (), {}, BUILTINS)
    problem = caught.value
    assert isinstance(problem, RequestError)  # the send path shows it like any request error
    assert problem.unknown == ("nobody",)
    message = str(problem)
    assert "{{nobody}}" in message and "is not a known variable" in message
    assert "declare it" in message and "backslash" in message


def test_several_unknown_are_named_in_plural_and_bounded() -> None:
    text = " ".join(f"{{{{v{i}}}}}" for i in range(50))
    problem = check(text, (), {})
    assert problem is not None
    message = str(problem)
    assert "are not known variables" in message
    assert "{{v0}}" in message and "and 45 more" in message and "{{v49}}" not in message


def test_a_name_too_long_to_declare_is_an_error_not_text() -> None:
    long_name = "a" * (MAX_NAME_CHARS + 1)
    problem = check(f"{{{{{long_name}}}}}", (), {})
    assert problem is not None and problem.unknown == (long_name,)
    message = str(problem)
    assert "too long for a variable name" in message and "backslash" in message
    assert long_name not in message  # clipped in the sentence
    assert render(f"\\{{{{{long_name}}}}}", (), {}, BUILTINS) == f"{{{{{long_name}}}}}"


def test_declared_without_value_or_default_is_missing() -> None:
    problem = check("{{name}}", (NAME,), {})
    assert problem is not None and problem.missing == ("name",)
    assert "needs a value for {{name}}" in str(problem)


def test_default_fills_in_when_there_is_no_value() -> None:
    spec = VariableSpec("tone", default="warm")
    assert render("{{tone}}", (spec,), {}, BUILTINS) == "warm"
    assert render("{{tone}}", (spec,), {"tone": "cold"}, BUILTINS) == "cold"


def test_an_empty_value_is_a_value() -> None:
    assert render("[{{name}}]", (NAME,), {"name": ""}, BUILTINS) == "[]"


@pytest.mark.parametrize(
    ("spec", "value", "words"),
    [
        (VariableSpec("n", VarType.NUMBER), "twelve", "must be a number"),
        (VariableSpec("n", VarType.NUMBER), "nan", "finite"),
        (VariableSpec("n", VarType.NUMBER), "inf", "finite"),
        (VariableSpec("n", VarType.NUMBER), "", "must be a number"),
        (VariableSpec("c", VarType.CHOICE, options=("a", "b")), "c", "one of: a, b"),
        (VariableSpec("t"), "two\nlines", "one line"),
        (VariableSpec("t"), "x" * (MAX_VALUE_CHARS + 1), "longer than"),
        (VariableSpec("l", VarType.LONG_TEXT), "x" * (MAX_VALUE_CHARS + 1), "longer than"),
    ],
)
def test_invalid_values_are_refused_per_type(spec: VariableSpec, value: str, words: str) -> None:
    why = spec.value_problem(value)
    assert why is not None and words in why
    with pytest.raises(VariableProblem) as caught:
        render(f"{{{{{spec.name}}}}}", (spec,), {spec.name: value}, BUILTINS)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (VariableSpec("n", VarType.NUMBER), "12"),
        (VariableSpec("n", VarType.NUMBER), "-0.5"),
        (VariableSpec("n", VarType.NUMBER), "1e3"),
        (VariableSpec("c", VarType.CHOICE, options=("a", "b")), "b"),
        (VariableSpec("l", VarType.LONG_TEXT), "two\nlines"),
        (VariableSpec("t"), "x" * MAX_VALUE_CHARS),
    ],
)
def test_valid_values_are_filled_in_as_given(spec: VariableSpec, value: str) -> None:
    assert spec.value_problem(value) is None
    assert render(f"<{{{{{spec.name}}}}}>", (spec,), {spec.name: value}, BUILTINS) == f"<{value}>"


def test_a_value_is_never_read_as_a_template() -> None:
    spec = VariableSpec("a", VarType.LONG_TEXT)
    values = {"a": "{{b}} \\{{c}} \\1 \\g<0> $1"}
    assert render("{{a}}", (spec,), values, BUILTINS) == values["a"]


# -- built-ins -----------------------------------------------------------------------------


def test_builtins_are_filled_in_without_declaring() -> None:
    text = "{{date}} {{time}} {{weekday}} {{user_name}}"
    assert check(text, (), {}) is None
    assert unanswered(text, (), {}) == []
    assert render(text, (), {}, BUILTINS) == "2026-11-30 14:05 Monday Ada"


def test_fill_says_the_value_each_variable_was_given() -> None:
    """Defaults and built-ins included, each once in order of first use; escapes are not uses."""
    tone = VariableSpec("tone", default="formal")
    filled = fill_in(
        r"{{tone}} {{name}} \{{date}} {{date}} {{tone}}", (tone, NAME), {"name": "Bo"}, BUILTINS
    )
    assert filled == Filled(
        "formal Bo {{date}} 2026-11-30 formal",
        (("tone", "formal"), ("name", "Bo"), ("date", "2026-11-30")),
    )
    assert fill_in("no variables", (), {}, BUILTINS) == Filled("no variables")


def test_builtin_values_from_a_clock() -> None:
    from datetime import datetime

    values = builtin_values(datetime(2026, 11, 30, 14, 5), "ada")
    assert values == {
        "date": "2026-11-30",
        "time": "14:05",
        "weekday": "Monday",
        "user_name": "ada",
    }
    assert set(BUILTIN_HELP) == set(BUILTIN_NAMES)


def test_a_builtin_cannot_be_declared() -> None:
    why = VariableSpec("date").problem()
    assert why is not None and "built in" in why


# -- unicode -------------------------------------------------------------------------------


def test_unicode_letters_and_digits_make_names() -> None:
    specs = (VariableSpec("名前"), VariableSpec("größe"), VariableSpec("x٣"))
    assert all(spec.problem() is None for spec in specs)
    text = "{{名前}}/{{größe}}/{{x٣}}"
    assert variable_names(text) == ("名前", "größe", "x٣")
    assert render(text, specs, {"名前": "花", "größe": "L", "x٣": "3"}, BUILTINS) == "花/L/3"


def test_emoji_and_punctuation_are_not_names() -> None:
    assert variable_names("{{🙂}} {{a.b}} {{a b}}") == ()
    why = VariableSpec("a.b").problem()
    assert why is not None and "cannot be a variable name" in why


def test_placeholders_report_offsets() -> None:
    text = "ab{{x}}\\{{y}}{{z}}"
    assert [(p.name, text[p.start : p.end]) for p in placeholders(text)] == [
        ("x", "{{x}}"),
        ("z", "{{z}}"),
    ]


# -- declarations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (VariableSpec(""), "cannot be a variable name"),
        (VariableSpec("a" * (MAX_NAME_CHARS + 1)), "cannot be a variable name"),
        (VariableSpec("c", VarType.CHOICE), "no options"),
        (VariableSpec("c", VarType.CHOICE, options=("a", "a")), "twice"),
        (VariableSpec("c", VarType.CHOICE, options=("a", " ")), "one line"),
        (VariableSpec("c", VarType.CHOICE, options=("a", "b\nc")), "one line"),
        (
            VariableSpec("c", VarType.CHOICE, options=tuple(map(str, range(MAX_OPTIONS + 1)))),
            "more",
        ),
        (VariableSpec("c", VarType.CHOICE, options=("a",), default="b"), "Its default"),
        (VariableSpec("n", VarType.NUMBER, default="many"), "must be a number"),
        (VariableSpec("t", label="two\nlines"), "label"),
        (VariableSpec("t", help="h" * 5_000), "help"),
    ],
)
def test_unusable_declarations_say_why(spec: VariableSpec, words: str) -> None:
    why = spec.problem()
    assert why is not None and words in why
    assert declarations_problem([spec]) == why


def test_declarations_must_be_unique_and_few() -> None:
    assert declarations_problem([NAME, VariableSpec("other")]) is None
    why = declarations_problem([NAME, VariableSpec("name", VarType.LONG_TEXT)])
    assert why is not None and "declared twice" in why
    many = [VariableSpec(f"v{i}") for i in range(MAX_VARIABLES + 1)]
    why = declarations_problem(many)
    assert why is not None and str(MAX_VARIABLES) in why


def test_shown_label_falls_back_to_the_name() -> None:
    assert VariableSpec("audience_level").shown_label == "Audience level"
    assert VariableSpec("x", label="Who reads it").shown_label == "Who reads it"


# -- what the fill-in form asks ------------------------------------------------------------


def test_unanswered_lists_declared_uses_without_a_value_in_order() -> None:
    specs = (VariableSpec("a"), VariableSpec("b", default="d"), VariableSpec("unused"))
    text = "{{b}} {{nobody}} {{a}} {{date}} {{b}}"
    assert [s.name for s in unanswered(text, specs, {})] == ["b", "a"]
    assert [s.name for s in unanswered(text, specs, {"b": "x"})] == ["a"]
    assert unanswered(text, specs, {"a": "", "b": "x"}) == []


def test_a_kept_value_that_no_longer_fits_is_asked_again() -> None:
    # The declaration changed after the value was given (text became a number).
    spec = VariableSpec("n", VarType.NUMBER)
    assert unanswered("{{n}}", (spec,), {"n": "lots"}) == [spec]
    assert unanswered("{{n}}", (spec,), {"n": "4"}) == []


# -- size ----------------------------------------------------------------------------------


def test_a_100_kb_prompt_with_many_variables_is_quick() -> None:
    specs = tuple(VariableSpec(f"v{i}", default=f"value {i}") for i in range(MAX_VARIABLES))
    chunk = " ".join(f'{{{{v{i}}}}} {{"k": {{"n": {i}}}}} \\{{{{v{i}}}}}' for i in range(200))
    text = (chunk + "\n") * (100_000 // len(chunk) + 1)
    assert len(text) >= 100_000
    started = time.process_time()
    for _ in range(10):
        out = render(text, specs, {}, BUILTINS)
        asked = unanswered(text, specs, {})
    per_render = (time.process_time() - started) / 10
    assert "{{v0}}" in out and "value 199" in out and '{"k": {"n": 3}}' in out
    assert len(asked) == MAX_VARIABLES
    assert per_render < 0.25, f"{per_render * 1000:.0f} ms to check and fill 100 KB"


def test_a_100_kb_run_of_braces_and_word_characters_is_quick() -> None:
    # One 100 KB name, then thousands of openings that never close and distinct unknown names.
    text = "{{" + "a" * 100_000 + "}}" + "{{a}" * 20_000 + "{{{{{{" * 5_000
    text += "".join(f"{{{{u{i}}}}}" for i in range(5_000))
    started = time.process_time()
    problem = check(text, (), {})
    assert time.process_time() - started < 0.5
    assert problem is not None and len(str(problem)) < 2_000


# -- in a chat -----------------------------------------------------------------------------


def test_session_renders_values_into_the_request() -> None:
    settings = ChatSettings(
        system_prompt="Hi {{name}} on {{weekday}}", variables=(NAME,), values=(("name", "Bo"),)
    )
    session = ChatSession(settings)
    session.builtins = lambda: BUILTINS
    turn = session.send("hello")
    assert turn.request.messages[0].content == "Hi Bo on Monday"
    assert turn.prompt is not None and turn.prompt.values == (("name", "Bo"), ("weekday", "Monday"))


def test_session_refuses_an_unknown_variable_and_changes_nothing() -> None:
    session = ChatSession(ChatSettings(system_prompt="Hi {{who}}"))
    with pytest.raises(VariableProblem):
        session.send("hello")
    assert session.is_empty


def test_the_raw_template_and_the_meter_survive_an_unfillable_prompt() -> None:
    session = ChatSession(ChatSettings(system_prompt="Hi {{who}}", prompt_mode=PromptMode.RAW))
    with pytest.raises(VariableProblem):
        session.raw_prompt("draft")
    assert "Hi {{who}}" in session.raw_prompt("draft", fill_variables=False)
    estimate = estimate_context(session, "draft", 8_000)  # the meter: an estimate, no error
    assert estimate.prompt_tokens > 0


def test_a_text_that_would_fill_in_past_the_limit_is_refused_before_it_is_built() -> None:
    spec = VariableSpec("v", VarType.LONG_TEXT)
    uses = MAX_FILLED_CHARS // MAX_VALUE_CHARS + 1
    text = "{{v}}" * uses
    with pytest.raises(VariableProblem) as caught:
        fill_in(text, [spec], {"v": "x" * MAX_VALUE_CHARS}, BUILTINS)
    assert str(caught.value) == (
        f"Filled in, the text would be {uses * MAX_VALUE_CHARS:,} characters long (at most "
        f"{MAX_FILLED_CHARS:,}): use shorter values, or each variable fewer times."
    )
    # Right at the limit is fine, and the length is worked out as filling would make it.
    exact = "{{v}}" * (uses - 1)
    assert len(fill_in(exact, [spec], {"v": "x" * MAX_VALUE_CHARS}, BUILTINS).text) == (
        filled_length(exact, {"v": "x" * MAX_VALUE_CHARS})
    )
    assert filled_length(r"a \{{v}} {{date}} {{v}}", {"v": "xy", "date": "d"}) == len(
        "a {{v}} d xy"
    )
