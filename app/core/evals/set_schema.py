"""The test-set format: a composed tree checked field by field and turned into a TestSet.

Every refusal names the line and the field (`tests[3].assert[0].type`) and says what would
be accepted, so a set written by hand or by a script is fixed from the message alone.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import parse_qsl, urlsplit

from app.core.evals.model import (
    DEFAULT_CONCURRENCY,
    MAX_ASSERTIONS_PER_CASE,
    MAX_CASES,
    MAX_CONCURRENCY,
    MAX_PROMPTS,
    MAX_REPEAT,
    Assertion,
    AssertionKind,
    EvalEndpoint,
    PromptChoice,
    TestCase,
    TestSet,
)
from app.core.evals.patterns import PatternError, compile_pattern
from app.core.evals.set_fields import (
    integer,
    item_line,
    mapping_fields,
    node_list,
    number,
    optional_text,
    present,
    text_of,
)
from app.core.evals.tree import Node, TestSetError, clip
from app.core.params import SPEC_BY_NAME, ParameterError, SamplingParams
from app.core.prompts.variables import BUILTIN_NAMES, MAX_VALUE_CHARS, is_variable_name

MAX_NAME_CHARS: Final = 200
MAX_DESCRIPTION_CHARS: Final = 5_000
MAX_SETTING_CHARS: Final = 2_000
MAX_VARS: Final = 200
MAX_WORDS_LIMIT: Final = 1_000_000
MAX_LATENCY_MS: Final = 3_600_000
#: A prompt id is a column header and a key in exports: short, and safe in any of them.
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
PROMPT_ID: Final = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.-]{0,62}[A-Za-z0-9_.-])?")
BACKENDS: Final = ("workers-ai", "openai")

TOP_KEYS: Final = (
    "name",
    "description",
    "endpoint",
    "params",
    "repeat",
    "concurrency",
    "vars",
    "prompts",
    "tests",
)
ENDPOINT_KEYS: Final = ("backend", "base_url", "account_id", "model", "gateway_id")
PROMPT_KEYS: Final = ("id", "system", "library", "params")
CASE_KEYS: Final = ("input", "vars", "expect", "assert")
ASSERT_KEYS: Final = ("type", "value")
TEXT_KINDS: Final = (
    AssertionKind.CONTAINS,
    AssertionKind.NOT_CONTAINS,
    AssertionKind.ICONTAINS,
    AssertionKind.STARTS_WITH,
)
_SECRET_KEYS: Final = ("token", "api_key", "api_token", "key", "authorization", "password")
#: Words of a query parameter's name that carry a credential (api_key, access_token,
#: X-Amz-Signature…); whole words, so "author" or "monkey" are not taken for one.
_SECRET_WORDS: Final = frozenset(
    [
        "key",
        "apikey",
        "token",
        "accesstoken",
        "apitoken",
        "secret",
        "password",
        "passwd",
        "pwd",
        "auth",
        "authorization",
        "credential",
        "credentials",
        "signature",
        "sig",
        "session",
        "sessionid",
    ]
)


def test_set_from_tree(root: Node, *, name: str = "") -> TestSet:
    """The TestSet `root` describes; TestSetError naming the line and field when it cannot."""
    top = mapping_fields(root, "", TOP_KEYS, required=("prompts", "tests"))
    prompts_node, tests_node = top["prompts"], top["tests"]
    prompts = tuple(
        _prompt(item, f"prompts[{i}]")
        for i, item in enumerate(node_list(prompts_node, "prompts", MAX_PROMPTS, "prompt"))
    )
    seen: dict[str, int] = {}
    for index, prompt in enumerate(prompts):
        if prompt.id in seen:
            raise TestSetError(
                f'"{prompt.id}" is also the id of prompts[{seen[prompt.id]}]; give each '
                "prompt its own id",
                line=item_line(prompts_node, index),
                field=f"prompts[{index}].id",
            )
        seen[prompt.id] = index
    tests = tuple(
        _case(item, f"tests[{i}]")
        for i, item in enumerate(node_list(tests_node, "tests", MAX_CASES, "case"))
    )
    return TestSet(
        name=optional_text(top.get("name"), "name", one_line=True, limit=MAX_NAME_CHARS)
        or set_name(name),
        description=optional_text(
            top.get("description"), "description", limit=MAX_DESCRIPTION_CHARS
        )
        or "",
        prompts=prompts,
        tests=tests,
        endpoint=_endpoint(top["endpoint"]) if present(top.get("endpoint")) else None,
        params=_params(top.get("params"), "params"),
        repeat=integer(top["repeat"], "repeat", 1, MAX_REPEAT) if "repeat" in top else 1,
        concurrency=(
            integer(top["concurrency"], "concurrency", 1, MAX_CONCURRENCY)
            if "concurrency" in top
            else DEFAULT_CONCURRENCY
        ),
        vars=_vars(top.get("vars"), "vars"),
    )


def _prompt(node: Node, path: str) -> PromptChoice:
    fields = mapping_fields(node, path, PROMPT_KEYS, required=("id",))
    prompt_id = text_of(fields["id"], f"{path}.id", one_line=True, limit=64)
    if not PROMPT_ID.fullmatch(prompt_id):
        raise TestSetError(
            f'"{clip(prompt_id)}" cannot be a prompt id; use 1 to 64 letters, digits, spaces, '
            "_ . or - (starting with a letter or digit)",
            line=fields["id"].line,
            field=f"{path}.id",
        )
    has_system, has_library = present(fields.get("system")), present(fields.get("library"))
    if has_system == has_library:
        raise TestSetError(
            "give either system (the prompt's text) or library (a library prompt such as "
            '"Support bot@production"), not both'
            if has_system
            else "give either system (the prompt's text) or library (a library prompt such as "
            '"Support bot@production")',
            line=node.line,
            field=path,
        )
    return PromptChoice(
        id=prompt_id,
        system=text_of(fields["system"], f"{path}.system") if has_system else None,
        library=(
            text_of(fields["library"], f"{path}.library", one_line=True, limit=MAX_SETTING_CHARS)
            if has_library
            else None
        ),
        params=_params(fields.get("params"), f"{path}.params"),
    )


def _case(node: Node, path: str) -> TestCase:
    fields = mapping_fields(node, path, CASE_KEYS, required=("input",))
    text = text_of(fields["input"], f"{path}.input")
    if not text.strip():
        raise TestSetError(
            "the input is empty; write what to ask",
            line=fields["input"].line,
            field=f"{path}.input",
        )
    asserts: tuple[Assertion, ...] = ()
    if present(fields.get("assert")):
        items = node_list(
            fields["assert"], f"{path}.assert", MAX_ASSERTIONS_PER_CASE, "check", least=0
        )
        asserts = tuple(_assertion(item, f"{path}.assert[{i}]") for i, item in enumerate(items))
    return TestCase(
        input=text,
        vars=_vars(fields.get("vars"), f"{path}.vars"),
        expect=optional_text(fields.get("expect"), f"{path}.expect"),
        asserts=asserts,
    )


def _assertion(node: Node, path: str) -> Assertion:
    fields = mapping_fields(node, path, ASSERT_KEYS, required=("type",))
    type_node = fields["type"]
    written = text_of(type_node, f"{path}.type", one_line=True, limit=MAX_SETTING_CHARS)
    try:
        kind = AssertionKind(written.strip().lower())
    except ValueError:
        raise TestSetError(
            f'unknown check "{clip(written)}"; use one of: {", ".join(AssertionKind)}',
            line=type_node.line,
            field=f"{path}.type",
        ) from None
    value_node = fields.get("value")
    value_path = f"{path}.value"
    if kind is AssertionKind.IS_JSON:
        if present(value_node):
            assert value_node is not None
            raise TestSetError(
                "is-json takes no value; remove it", line=value_node.line, field=value_path
            )
        return Assertion(kind)
    if not present(value_node):
        raise TestSetError(f"{kind} needs a value", line=node.line, field=value_path)
    assert value_node is not None
    if kind is AssertionKind.MAX_WORDS:
        return Assertion(kind, integer(value_node, value_path, 0, MAX_WORDS_LIMIT))
    if kind is AssertionKind.LATENCY_MS:
        return Assertion(kind, number(value_node, value_path, 1, MAX_LATENCY_MS))
    value = text_of(value_node, value_path)
    if kind in TEXT_KINDS and not value:
        raise TestSetError(
            f"{kind} needs a text to look for", line=value_node.line, field=value_path
        )
    if kind is AssertionKind.REGEX:
        try:
            compile_pattern(value)
        except PatternError as exc:
            raise TestSetError(str(exc), line=value_node.line, field=value_path) from None
    return Assertion(kind, value)


def _endpoint(node: Node) -> EvalEndpoint:
    for secret in _SECRET_KEYS:
        if node.entries is not None and secret in node.entries:
            raise TestSetError(
                "a token does not belong in a test-set file (it would travel with the file); "
                "use the endpoint's saved token or an environment variable",
                line=node.key_lines[secret],
                field=f"endpoint.{secret}",
            )
    fields = mapping_fields(node, "endpoint", ENDPOINT_KEYS, required=("backend",))
    backend = text_of(fields["backend"], "endpoint.backend", one_line=True, limit=MAX_SETTING_CHARS)
    if backend not in BACKENDS:
        raise TestSetError(
            f'unknown backend "{clip(backend)}"; use one of: {", ".join(BACKENDS)}',
            line=fields["backend"].line,
            field="endpoint.backend",
        )

    def setting(key: str) -> str | None:
        found = fields.get(key)
        if not present(found):
            return None
        assert found is not None
        return text_of(found, f"endpoint.{key}", one_line=True, limit=MAX_SETTING_CHARS) or None

    base_url = setting("base_url")
    if base_url is not None and (why := _secret_in_url(base_url)) is not None:
        raise TestSetError(why, line=fields["base_url"].line, field="endpoint.base_url")
    return EvalEndpoint(
        backend,
        base_url=base_url,
        account_id=setting("account_id"),
        model=setting("model"),
        gateway_id=setting("gateway_id"),
    )


def _secret_in_url(url: str) -> str | None:
    """Why `url` carries a credential that would travel with the file; None when it does not.
    The sentence never repeats the URL."""
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return None  # not a credential; the endpoint's own check explains what is wrong
    if "@" in parts.netloc:
        return (
            "a user name or password (the part before @) does not belong in a test-set file "
            "(it would travel with the file); remove it and use the endpoint's saved token"
        )
    for name, _ in query:
        words = {word.lower() for word in re.split(r"[^A-Za-z0-9]+", name) if word}
        if words & _SECRET_WORDS or re.sub(r"[^a-z0-9]", "", name.lower()) in _SECRET_WORDS:
            return (
                f'the query parameter "{clip(name)}" looks like a credential, which does not '
                "belong in a test-set file (it would travel with the file); remove it and use "
                "the endpoint's saved token"
            )
    return None


def _params(node: Node | None, path: str) -> dict[str, int | float]:
    if not present(node):
        return {}
    assert node is not None
    fields = mapping_fields(node, path, tuple(SPEC_BY_NAME))
    values = {key: number(value, f"{path}.{key}") for key, value in fields.items()}
    try:
        checked = SamplingParams(**values).validated()  # type: ignore[arg-type]
    except ParameterError as exc:
        raise TestSetError(
            f"must be {exc.allowed}", line=fields[exc.name].line, field=f"{path}.{exc.name}"
        ) from None
    return {key: getattr(checked, key) for key in values}


def _vars(node: Node | None, path: str) -> dict[str, str]:
    if not present(node):
        return {}
    assert node is not None
    if node.entries is None:
        raise TestSetError(
            f"must be a mapping of names to values, not {node.kind}", line=node.line, field=path
        )
    if len(node.entries) > MAX_VARS:
        raise TestSetError(f"more than {MAX_VARS} variables", line=node.line, field=path)
    values: dict[str, str] = {}
    for key, value in node.entries.items():
        line = node.key_lines[key]
        if not is_variable_name(key):
            raise TestSetError(
                f'"{clip(key)}" cannot be a variable name; use letters, digits and _ (at most 64)',
                line=line,
                field=path,
            )
        if key in BUILTIN_NAMES:
            raise TestSetError(
                f"{{{{{key}}}}} is built in (filled in when each request is sent); choose "
                "another name",
                line=line,
                field=f"{path}.{key}",
            )
        values[key] = text_of(value, f"{path}.{key}", limit=MAX_VALUE_CHARS)
    return values


# -- field readers --------------------------------------------------------------------------


def set_name(text: str) -> str:
    """`text` as a set's name the file format accepts: one line, no control characters, at most
    MAX_NAME_CHARS (a file's name or a typed one may be anything)."""
    return " ".join(_CONTROL.sub(" ", text).split())[:MAX_NAME_CHARS].rstrip()
