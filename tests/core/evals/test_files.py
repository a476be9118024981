"""Test-set files: the issue's format read and written back, and every hostile file refused."""

from __future__ import annotations

import json
import time

import pytest

from app.core.evals import files, tree
from app.core.evals.files import (
    TestSetError,
    dump_json,
    dump_yaml,
    load_test_set,
)
from app.core.evals.model import (
    MAX_CASES,
    MAX_PROMPTS,
    Assertion,
    AssertionKind,
    EvalEndpoint,
    PromptChoice,
    TestCase,
    TestSet,
)

ISSUE_EXAMPLE = """\
endpoint: {backend: openai, base_url: "http://127.0.0.1:8000/v1", model: "tiny"}  # optional
params: {temperature: 0.7, max_tokens: 256, seed: 7}
repeat: 3
concurrency: 4
vars: {company: ACME}
prompts:
  - {id: terse, system: "Answer in one sentence for {{company}}."}
  - {id: prod, library: "Support bot@production"}
tests:
  - input: "Can I get a refund for {{product}}?"
    vars: {product: Pro}
    expect: "Yes, within 30 days."
    assert:
      - {type: contains, value: refund}
      - {type: regex, value: "^[A-Z]"}
      - {type: max-words, value: 40}
"""

MINIMAL_PROMPTS = "prompts:\n  - {id: a, system: x}\n"


def _refused(text: str) -> TestSetError:
    with pytest.raises(TestSetError) as caught:
        load_test_set(text)
    return caught.value


def _case_with(assert_yaml: str) -> str:
    return MINIMAL_PROMPTS + "tests:\n  - input: hi\n    assert:\n      - " + assert_yaml + "\n"


def test_the_issues_example_reads_as_written() -> None:
    ts = load_test_set(ISSUE_EXAMPLE, name="refunds")
    assert ts.name == "refunds"
    assert ts.endpoint == EvalEndpoint("openai", base_url="http://127.0.0.1:8000/v1", model="tiny")
    assert ts.params == {"temperature": 0.7, "max_tokens": 256, "seed": 7}
    assert (ts.repeat, ts.concurrency, ts.vars) == (3, 4, {"company": "ACME"})
    assert ts.prompts == (
        PromptChoice("terse", system="Answer in one sentence for {{company}}."),
        PromptChoice("prod", library="Support bot@production"),
    )
    assert ts.tests == (
        TestCase(
            "Can I get a refund for {{product}}?",
            {"product": "Pro"},
            "Yes, within 30 days.",
            (
                Assertion(AssertionKind.CONTAINS, "refund"),
                Assertion(AssertionKind.REGEX, "^[A-Z]"),
                Assertion(AssertionKind.MAX_WORDS, 40),
            ),
        ),
    )


def test_defaults_and_the_files_own_name_win_over_the_fallback() -> None:
    ts = load_test_set(
        "name: Mine\ndescription: why\n"
        + MINIMAL_PROMPTS
        + "tests: [hi]"[:0]
        + "tests:\n  - input: hi\n",
        name="file-stem",
    )
    assert (ts.name, ts.description, ts.repeat, ts.concurrency) == ("Mine", "why", 1, 4)
    assert ts.endpoint is None and ts.params == {} and ts.vars == {}


def test_texts_are_kept_as_written_not_as_yaml_would_read_them() -> None:
    ts = load_test_set(
        MINIMAL_PROMPTS
        + "vars: {count: 3, ratio: 1.50, day: 2001-12-14, eq: =, merge: <<}\n"
        + "tests:\n  - {input: 42, expect: yes}\n"
    )
    assert ts.vars == {"count": "3", "ratio": "1.50", "day": "2001-12-14", "eq": "=", "merge": "<<"}
    assert (ts.tests[0].input, ts.tests[0].expect) == ("42", "yes")


def test_json_is_read_by_the_same_path_tabs_and_exponents_included() -> None:
    document = {
        "params": {"temperature": 1e-3},
        "prompts": [{"id": "a", "system": "say \u00e9t\u00e9"}],
        "tests": [{"input": "x/y", "assert": [{"type": "is-json"}]}],
    }
    text = json.dumps(document, indent="\t").replace("x/y", "x\\/y")
    ts = load_test_set(text)
    assert ts.params == {"temperature": 0.001}
    assert ts.prompts[0].system == "say \u00e9t\u00e9"
    assert ts.tests[0] == TestCase("x/y", asserts=(Assertion(AssertionKind.IS_JSON),))


def _everything() -> TestSet:
    return TestSet(
        name="All of it",
        description="Line one.\nLine two: with a colon.",
        prompts=(
            PromptChoice(
                "inline v2", system="Multi\nline\n  indented\n\ttab \n", params={"top_k": 5}
            ),
            PromptChoice("empty", system=""),
            PromptChoice("lib", library="Support bot@v3"),
        ),
        tests=(
            TestCase(
                "Is 'yes' true? \"quoted\" # not a comment",
                {"n": "007", "flag": "no", "blank": ""},
                expect="null",
                asserts=tuple(
                    Assertion(kind, value)
                    for kind, value in (
                        (AssertionKind.CONTAINS, "a: b"),
                        (AssertionKind.NOT_CONTAINS, "- x"),
                        (AssertionKind.ICONTAINS, "Refund"),
                        (AssertionKind.EQUALS, ""),
                        (AssertionKind.STARTS_WITH, "["),
                        (AssertionKind.REGEX, r"^\d{3}$"),
                        (AssertionKind.IS_JSON, None),
                        (AssertionKind.MAX_WORDS, 0),
                        (AssertionKind.LATENCY_MS, 1500.5),
                    )
                ),
            ),
            TestCase("second\r\nwith CRLF", expect="multi\nline\n"),
        ),
        endpoint=EvalEndpoint("workers-ai", account_id="abc", model="@cf/meta/x", gateway_id="gw"),
        params={"temperature": 0.0, "seed": 12345},
        repeat=5,
        concurrency=8,
        vars={"company": "ACME", "emoji": "\U0001f600"},
    )


@pytest.mark.parametrize("dump", [dump_yaml, dump_json])
def test_every_field_round_trips(dump: object) -> None:
    ts = _everything()
    assert callable(dump)
    assert load_test_set(dump(ts)) == ts


def test_the_document_is_plain_data_in_the_file_format() -> None:
    document = files.test_set_document(_everything())
    assert json.loads(json.dumps(document)) == document
    assert document["tests"][0]["assert"][6] == {"type": "is-json"}
    assert document["prompts"][2] == {"id": "lib", "library": "Support bot@v3"}
    assert "repeat" not in files.test_set_document(
        load_test_set(MINIMAL_PROMPTS + "tests: [{input: a}]")
    )


def test_multi_line_texts_are_written_as_blocks() -> None:
    written = dump_yaml(_everything())
    assert "description: |-\n  Line one.\n" in written and "expect: |\n" in written


# -- refusals: each names the line and field and says what would do -----------------------


def test_an_unknown_check_names_line_field_and_the_choices() -> None:
    text = _case_with("{type: containz, value: x}")
    assert str(_refused(text)) == (
        'line 6, tests[0].assert[0].type: unknown check "containz"; use one of: contains, '
        "not-contains, icontains, equals, starts-with, regex, is-json, max-words, latency-ms"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL_PROMPTS + "tests:\n  - inptu: hi\n",
            'line 4, tests[0]: unknown field "inptu"; use one of: input, vars, expect, assert',
        ),
        (
            MINIMAL_PROMPTS + "tests: []\nrepeats: 2\n",
            'line 4: unknown field "repeats"; use one of: name,',
        ),
        (
            MINIMAL_PROMPTS + "tests:\n  - {input: hi, assert: [{type: contains, valeu: x}]}\n",
            'tests[0].assert[0]: unknown field "valeu"; use one of: type, value',
        ),
        (
            "prompts:\n  - {id: a, system: x, librari: y}\ntests: [{input: a}]",
            'unknown field "librari"; use one of: id, system, library, params',
        ),
        (
            "endpoint: {backend: openai, url: x}\n" + MINIMAL_PROMPTS + "tests: [{input: a}]",
            'line 1, endpoint: unknown field "url"',
        ),
        (
            MINIMAL_PROMPTS + "params: {temprature: 1}\ntests: [{input: a}]",
            'line 3, params: unknown field "temprature"; use one of: max_tokens, temperature',
        ),
    ],
)
def test_unknown_keys_are_refused_with_the_allowed_ones_named(text: str, expected: str) -> None:
    assert expected in str(_refused(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tests: [{input: a}]\n", 'line 1: the file needs "prompts"'),
        (MINIMAL_PROMPTS, 'line 1: the file needs "tests"'),
        (MINIMAL_PROMPTS + "tests:\n  - {vars: {a: b}}\n", 'line 4, tests[0]: needs "input"'),
        (MINIMAL_PROMPTS + "tests:\n  - {input: null}\n", 'tests[0]: needs "input"'),
        (MINIMAL_PROMPTS + "tests:\n  - {input: '   '}\n", "tests[0].input: the input is empty"),
        ("prompts:\n  - {system: x}\ntests: [{input: a}]", 'line 2, prompts[0]: needs "id"'),
        ("prompts:\n  - {id: a}\ntests: [{input: a}]", "prompts[0]: give either system"),
        ("prompts:\n  - {id: a, system: x, library: y}\ntests: [{input: a}]", "not both"),
        (_case_with("{value: x}"), 'line 6, tests[0].assert[0]: needs "type"'),
        (_case_with("{type: contains}"), "tests[0].assert[0].value: contains needs a value"),
        (_case_with("{type: contains, value: ''}"), "contains needs a text to look for"),
        (
            "endpoint: {model: x}\n" + MINIMAL_PROMPTS + "tests: [{input: a}]",
            'endpoint: needs "backend"',
        ),
        (MINIMAL_PROMPTS + "tests: []\n", "line 3, tests: needs at least one case"),
        ("prompts: []\ntests: [{input: a}]\n", "line 1, prompts: needs at least one prompt"),
    ],
)
def test_missing_fields_are_named(text: str, expected: str) -> None:
    assert expected in str(_refused(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "line 1: must be a mapping (key: value), not a list"),
        ("just text", "must be a mapping (key: value), not text"),
        ("prompts: {id: a}\ntests: [{input: a}]", "line 1, prompts: must be a list, not a mapping"),
        (
            MINIMAL_PROMPTS + "tests:\n  - {input: [a, b]}\n",
            "line 4, tests[0].input: must be text, not a list",
        ),
        (
            MINIMAL_PROMPTS + "repeat: many\ntests: [{input: a}]",
            "line 3, repeat: must be a number from 1 to 20",
        ),
        (
            MINIMAL_PROMPTS + "repeat: true\ntests: [{input: a}]",
            "repeat: must be a number from 1 to 20",
        ),
        (
            MINIMAL_PROMPTS + "repeat: 2.5\ntests: [{input: a}]",
            "repeat: must be a whole number from 1 to 20",
        ),
        (MINIMAL_PROMPTS + "repeat: 21\ntests: [{input: a}]", "repeat: must be from 1 to 20"),
        (
            MINIMAL_PROMPTS + "concurrency: 0\ntests: [{input: a}]",
            "concurrency: must be from 1 to 32",
        ),
        (
            MINIMAL_PROMPTS + "params: {temperature: 9}\ntests: [{input: a}]",
            "line 3, params.temperature: must be a number from 0 to 5",
        ),
        (
            MINIMAL_PROMPTS + "params: {temperature: .nan}\ntests: [{input: a}]",
            "params.temperature: must be a finite number",
        ),
        (
            MINIMAL_PROMPTS + "params: {seed: 1.5}\ntests: [{input: a}]",
            "params.seed: must be a whole number from 1 to 9999999999",
        ),
        (MINIMAL_PROMPTS + "params: [1]\ntests: [{input: a}]", "params: must be a mapping"),
        (
            MINIMAL_PROMPTS + "vars: [a]\ntests: [{input: a}]",
            "vars: must be a mapping of names to values, not a list",
        ),
        (
            MINIMAL_PROMPTS + "vars: {bad-name: 1}\ntests: [{input: a}]",
            '"bad-name" cannot be a variable name',
        ),
        (
            MINIMAL_PROMPTS + "vars: {date: today}\ntests: [{input: a}]",
            "vars.date: {{date}} is built in",
        ),
        (
            MINIMAL_PROMPTS + "vars: {a: {b: c}}\ntests: [{input: a}]",
            "vars.a: must be text, not a mapping",
        ),
        (
            _case_with("{type: max-words, value: lots}"),
            "line 6, tests[0].assert[0].value: must be a number from 0 to 1,000,000",
        ),
        (_case_with("{type: max-words, value: -1}"), "must be from 0 to 1,000,000"),
        (
            _case_with("{type: latency-ms, value: 0}"),
            "tests[0].assert[0].value: must be from 1 to 3,600,000",
        ),
        (_case_with("{type: is-json, value: true}"), "is-json takes no value"),
        (_case_with("{type: contains, value: [a]}"), "value: must be text, not a list"),
        (
            _case_with("[contains, x]"),
            "tests[0].assert[0]: must be a mapping (key: value), not a list",
        ),
        (
            "endpoint: {backend: ollama}\n" + MINIMAL_PROMPTS + "tests: [{input: a}]",
            'unknown backend "ollama"; use one of: workers-ai, openai',
        ),
        (
            "endpoint: {backend: openai, token: sk-123456789}\n"
            + MINIMAL_PROMPTS
            + "tests: [{input: a}]",
            "endpoint.token: a token does not belong in a test-set file",
        ),
        (
            'prompts:\n  - {id: "a\\nb", system: x}\ntests: [{input: a}]',
            "prompts[0].id: must be one line",
        ),
        (
            "prompts:\n  - {id: '-x', system: x}\ntests: [{input: a}]",
            'prompts[0].id: "-x" cannot be a prompt id',
        ),
        (
            "prompts:\n  - {id: a, system: x}\n  - {id: a, system: y}\ntests: [{input: a}]",
            'line 3, prompts[1].id: "a" is also the id of prompts[0]',
        ),
    ],
)
def test_wrong_types_and_values_are_named(text: str, expected: str) -> None:
    assert expected in str(_refused(text))


def test_a_token_never_appears_in_the_message() -> None:
    text = "endpoint: {backend: openai, api_key: sk-secret-value-123}\n" + MINIMAL_PROMPTS
    assert "sk-secret" not in str(_refused(text + "tests: [{input: a}]"))


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        (
            "https://bob:sk-live-SECRET@api.example.com/v1",
            "line 1, endpoint.base_url: a user name or password (the part before @) does not "
            "belong in a test-set file (it would travel with the file); remove it and use the "
            "endpoint's saved token",
        ),
        ("sk-live-SECRET@127.0.0.1:8000", "a user name or password (the part before @)"),
        (
            "https://api.example.com/v1?api_key=sk-live-SECRET",
            'line 1, endpoint.base_url: the query parameter "api_key" looks like a credential',
        ),
        ("http://h/v1?region=eu&Access_Token=sk-live-SECRET", '"Access_Token" looks like a'),
        ("http://h/v1?X-Amz-Signature=sk-live-SECRET", '"X-Amz-Signature" looks like a'),
        ("http://h/v1?apiKey=sk-live-SECRET", '"apiKey" looks like a'),
    ],
)
def test_credentials_in_the_base_url_are_refused_without_repeating_them(
    base_url: str, expected: str
) -> None:
    text = f'endpoint: {{backend: openai, base_url: "{base_url}"}}\n' + MINIMAL_PROMPTS
    message = str(_refused(text + "tests: [{input: a}]"))
    assert expected in message and "sk-live-SECRET" not in message


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/v1?region=eu",
        "http://127.0.0.1:8000/v1?author=ann&monkey=1&keyword=x",  # not credentials, whole words
    ],
)
def test_a_plain_base_url_with_a_harmless_query_is_kept(url: str) -> None:
    ts = load_test_set(
        f"endpoint: {{backend: openai, base_url: '{url}'}}\n{MINIMAL_PROMPTS}tests: [{{input: a}}]"
    )
    assert ts.endpoint is not None and ts.endpoint.base_url == url


def test_too_many_prompts_and_cases() -> None:
    prompts = "".join(f"  - {{id: p{i}, system: x}}\n" for i in range(MAX_PROMPTS + 1))
    assert "prompts: has more than 8 prompts" in str(
        _refused("prompts:\n" + prompts + "tests: [{input: a}]")
    )
    cases = "tests:\n" + "  - {input: a}\n" * (MAX_CASES + 1)
    error = _refused(MINIMAL_PROMPTS + cases)
    assert error.line == 3 + MAX_CASES + 1 and "more than 5,000 cases" in str(error)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("((", "not a valid regular expression"),
        ("a" * 1001, "longer than 1,000 characters"),
        ("[z-a]", "not a valid regular expression"),
    ],
)
def test_bad_regex_is_refused_when_the_file_is_read(pattern: str, expected: str) -> None:
    error = _refused(_case_with(json.dumps({"type": "regex", "value": pattern})))
    assert error.field == "tests[0].assert[0].value" and error.line == 6
    assert expected in str(error)


# -- hostile files -------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        prev, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(
            f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    started = time.monotonic()
    error = _refused("\n".join(lines))
    assert time.monotonic() - started < 2.0
    assert (
        str(error) == "line 1: anchors and aliases (& and *) are not allowed; write the value out"
    )


def test_an_alias_without_its_anchor_is_refused_too() -> None:
    assert "aliases" in str(_refused(MINIMAL_PROMPTS + "tests: [*missing]"))
    assert "aliases" in str(_refused(MINIMAL_PROMPTS + "tests:\n  - &x {input: a}\n  - *x\n"))


def test_merge_keys_need_aliases_and_are_refused() -> None:
    text = MINIMAL_PROMPTS + "base: &b {input: a}\ntests:\n  - <<: *b\n"
    assert "anchors and aliases" in str(_refused(text))


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deep_nesting_is_refused_without_recursion(opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    error = _refused(opener * 100_000 + "1" + closer * 100_000)
    assert "nests deeper than 20 levels" in str(error)


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(30)) + "  " * 30 + "v\n"
    assert "nests deeper than 20 levels" in str(_refused(text))


def test_the_node_count_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree, "MAX_NODES", 50)
    error = _refused(MINIMAL_PROMPTS + "vars: {" + ", ".join(f"v{i}: x" for i in range(30)) + "}\n")
    assert "more than 50 values" in str(error) and error.line == 3


def test_long_strings_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree, "MAX_STRING_CHARS", 100)
    error = _refused(MINIMAL_PROMPTS + "tests:\n  - input: " + "x" * 101 + "\n")
    assert error.line == 4 and "longer than 100 characters" in str(error)


def test_a_huge_text_is_refused_before_parsing() -> None:
    started = time.monotonic()
    error = _refused("a: " + "x" * (50 * 1024 * 1024))
    assert time.monotonic() - started < 2.0
    assert str(error) == "the file is larger than 8 MB; split the test set"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("a: [1, 2\n", "not valid YAML or JSON"),
        ('{"a": 1,, }', "line 1: not valid YAML or JSON"),
        ("a: 1\n---\nb: 2\n", "line 2: the file holds more than one document"),
        ("a: 1\na: 2\n", 'line 2: the key "a" appears twice'),
        (
            "a: !!python/object:os.system {}\n",
            'line 1: the tag "tag:yaml.org,2002:python/obj',
        ),
        ("a: !!binary aGVsbG8=\n", "is not allowed"),
        ("a: !custom x\n", 'the tag "!custom" is not allowed'),
        ("? [a, b]\n: c\n", "line 1: a key must be a plain name"),
        ("a: \x07bell\n", "control character"),
    ],
)
def test_malformed_yaml_is_one_sentence_with_its_line(text: str, expected: str) -> None:
    error = _refused(text)
    assert expected in str(error)
    assert "\n" not in str(error) and "Traceback" not in str(error)


def test_json_with_escaped_emoji_loads_as_python_writes_it() -> None:
    """Python's json.dump escapes an emoji as a surrogate pair, which YAML's reader refuses on
    its own; an escaped backslash before "u" stays text."""
    document = {
        "prompts": [{"id": "p", "system": "Be nice 😀"}],
        "tests": [{"input": "Say 😀, not \\ud83d or \\\\u00e9"}],
    }
    loaded = load_test_set(json.dumps(document))  # ensure_ascii: every non-ASCII escaped
    assert loaded.prompts[0].system == "Be nice 😀"
    assert loaded.tests[0].input == "Say 😀, not \\ud83d or \\\\u00e9"
