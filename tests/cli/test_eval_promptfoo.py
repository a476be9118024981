"""`--promptfoo`'s config checked against promptfoo's own config schema (vendored, 0.123.1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import jsonschema
import pytest
import yaml

from app.cli.evals.promptfoo import chat_prompt, fill_input, promptfoo_config, promptfoo_yaml
from app.cli.options import EndpointChoice
from app.core.evals.model import Assertion, AssertionKind, ResolvedPrompt, TestCase, TestSet
from app.core.params import SamplingParams
from tests.cli.eval_runner import SCHEMA_PATH

LOCAL = EndpointChoice("openai", "http://127.0.0.1:8000/v1", None, "llama-3.1-8b", None)
ACCOUNT = "0123456789abcdef0123456789abcdef"
CLOUDFLARE = EndpointChoice(
    "workers-ai",
    "https://api.cloudflare.com/client/v4",
    ACCOUNT,
    "@cf/meta/llama-3.1-8b-instruct-fp8",
    None,
)
EVERY_CHECK = tuple(
    Assertion(kind, value)
    for kind, value in [
        (AssertionKind.CONTAINS, "refund"),
        (AssertionKind.NOT_CONTAINS, "sorry"),
        (AssertionKind.ICONTAINS, "Refund"),
        (AssertionKind.EQUALS, "Yes."),
        (AssertionKind.STARTS_WITH, "Yes"),
        (AssertionKind.REGEX, "^[A-Z]"),
        (AssertionKind.IS_JSON, None),
        (AssertionKind.MAX_WORDS, 40),
        (AssertionKind.LATENCY_MS, 1500),
    ]
)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def walk(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def assertion_types(schema: dict[str, Any]) -> set[str]:
    """Every check type the schema names (the enums that list "contains")."""
    return {
        name
        for node in walk(schema)
        if isinstance(node, dict) and "contains" in node.get("enum", ())
        for name in node["enum"]
    }


def provider_options_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """promptfoo's ProviderOptions object (the providers list also allows anything, so the
    whole-config check alone would not see a misnamed provider key)."""
    for node in walk(schema):
        if isinstance(node, dict) and set(node.get("properties", {})) >= {"id", "config", "delay"}:
            return node
    raise AssertionError("no ProviderOptions in the schema")


def a_set(**changes: Any) -> TestSet:
    values: dict[str, Any] = {
        "name": "Refunds",
        "prompts": (),
        "tests": (
            TestCase(
                "Can I get a refund for {{product}}?",
                {"product": "Pro"},
                "Yes, within 30 days.",
                EVERY_CHECK,
            ),
            TestCase("Hi"),
        ),
        "vars": {"company": "ACME"},
    }
    values.update(changes)
    return TestSet(**values)


TERSE = ResolvedPrompt("terse", "Answer in one sentence for {{company}}.", SamplingParams(seed=7))
BARE = ResolvedPrompt("bare", "", SamplingParams(seed=7))


def validate(schema: dict[str, Any], config: dict[str, Any]) -> None:
    jsonschema.Draft7Validator(schema).validate(config)
    for provider in config["providers"]:
        jsonschema.Draft7Validator(provider_options_schema(schema)).validate(provider)


@pytest.mark.parametrize("endpoint", [LOCAL, CLOUDFLARE], ids=["openai", "workers-ai"])
def test_the_config_is_valid_promptfoo_config(
    schema: dict[str, Any], endpoint: EndpointChoice
) -> None:
    config = promptfoo_config(a_set(), [TERSE, BARE], endpoint, repeat=3, concurrency=4)
    text = promptfoo_yaml(config)

    loaded = yaml.safe_load(text)
    assert loaded == config
    validate(schema, loaded)
    assert text.startswith(
        "# yaml-language-server: $schema=https://promptfoo.dev/config-schema.json"
    )
    assert loaded["evaluateOptions"] == {"repeat": 3, "maxConcurrency": 4, "cache": False}
    assert loaded["defaultTest"] == {"vars": {"company": "ACME"}}
    assert [p["label"] for p in loaded["prompts"]] == ["terse", "bare"]


def test_every_check_maps_to_a_type_promptfoo_knows(schema: dict[str, Any]) -> None:
    known = assertion_types(schema)
    assert {"contains", "icontains", "word-count", "latency"} <= known  # the enums were found
    config = promptfoo_config(a_set(), [TERSE], LOCAL, repeat=1, concurrency=1)
    checks = config["tests"][0]["assert"]

    for check in checks:
        # promptfoo negates any check with a "not-" prefix (a template type the schema
        # cannot list, so the base type is what must be known).
        assert check["type"] in known or check["type"].removeprefix("not-") in known, check
    assert checks == [
        {"type": "contains", "value": "refund"},
        {"type": "not-contains", "value": "sorry"},
        {"type": "icontains", "value": "Refund"},
        {"type": "equals", "value": "Yes."},
        {"type": "starts-with", "value": "Yes"},
        {"type": "regex", "value": "^[A-Z]"},
        {"type": "is-json"},
        {"type": "word-count", "value": {"max": 40}},
        {"type": "latency", "threshold": 1500},
    ]
    assert len(checks) == len(AssertionKind)


def test_cases_carry_their_filled_input_variables_and_ideal_answer() -> None:
    config = promptfoo_config(a_set(), [TERSE], LOCAL, repeat=1, concurrency=1)
    first, second = config["tests"]

    assert first["vars"] == {"product": "Pro", "input": "Can I get a refund for Pro?"}
    assert first["metadata"] == {"expect": "Yes, within 30 days."}
    assert second == {"description": "case 2: Hi", "vars": {"input": "Hi"}}


def test_the_openai_provider_points_at_the_base_url_and_reads_the_key_from_the_environment() -> (
    None
):
    params = SamplingParams(max_tokens=64, temperature=0.2, seed=7, top_k=5, repetition_penalty=1.1)
    prompt = ResolvedPrompt("p", "Be brief.", params)
    [provider] = promptfoo_config(a_set(), [prompt], LOCAL, repeat=1, concurrency=1)["providers"]

    assert provider == {
        "id": "openai:chat:llama-3.1-8b",
        "label": "llama-3.1-8b",
        "config": {
            "apiBaseUrl": "http://127.0.0.1:8000/v1",
            "apiKeyEnvar": "OPENAI_API_KEY",
            "max_tokens": 64,
            "temperature": 0.2,
            "seed": 7,
            # Not OpenAI parameters: promptfoo's OpenAI provider sends `passthrough` as is.
            "passthrough": {"top_k": 5, "repetition_penalty": 1.1},
        },
    }


def test_workers_ai_uses_the_cloudflare_provider_and_its_gateway() -> None:
    [direct] = promptfoo_config(a_set(), [TERSE], CLOUDFLARE, repeat=1, concurrency=1)["providers"]
    assert direct["id"] == "cloudflare-ai:chat:@cf/meta/llama-3.1-8b-instruct-fp8"
    assert direct["config"] == {
        "accountId": ACCOUNT,
        "apiKeyEnvar": "CLOUDFLARE_API_TOKEN",
        "seed": 7,
    }

    gateway = EndpointChoice(**{**CLOUDFLARE.__dict__, "gateway_id": "my-gw"})
    [routed] = promptfoo_config(a_set(), [TERSE], gateway, repeat=1, concurrency=1)["providers"]
    assert routed["config"]["apiBaseUrl"] == (
        f"https://gateway.ai.cloudflare.com/v1/{ACCOUNT}/my-gw/workers-ai/v1"
    )


def test_prompts_with_different_parameters_get_a_provider_each(schema: dict[str, Any]) -> None:
    cold = ResolvedPrompt("cold", "A", SamplingParams(temperature=0.0))
    hot = ResolvedPrompt("hot", "B", SamplingParams(temperature=1.5))
    config = promptfoo_config(a_set(), [cold, hot], LOCAL, repeat=1, concurrency=1)

    validate(schema, config)
    assert [(p["prompts"], p["config"]["temperature"]) for p in config["providers"]] == [
        (["cold"], 0.0),
        (["hot"], 1.5),
    ]


def test_a_system_prompt_is_one_nunjucks_expression_that_keeps_its_text_exact() -> None:
    tricky = 'Say "hi"\\n\tthen {{company}} \\{{literal}} {% raw %} }} {{tone}}'
    prompt = ResolvedPrompt("p", tricky, SamplingParams(), defaults={"tone": "calm"})

    raw = chat_prompt(prompt)

    # Everything of the text sits inside Nunjucks string literals: no tag of its own survives.
    assert raw == (
        '[{"role": "system", "content": {{ ("Say \\"hi\\"\\\\n\\tthen " + company + " {{literal}}"'
        ' + " {% raw %} }} " + (tone | default("calm"))) | dump }}}, '
        '{"role": "user", "content": {{ input | dump }}}]'
    )
    assert chat_prompt(ResolvedPrompt("q", "", SamplingParams())) == (
        '[{"role": "user", "content": {{ input | dump }}}]'
    )


def test_built_in_variables_take_their_value_at_export() -> None:
    dated = ResolvedPrompt("d", "Today is {{date}}.", SamplingParams())
    now = datetime(2026, 11, 30, 14, 5)
    config = promptfoo_config(a_set(vars={}), [dated], LOCAL, repeat=1, concurrency=1, now=now)
    assert config["defaultTest"] == {"vars": {"date": "2026-11-30"}}


def test_fill_input_leaves_unknown_and_escaped_placeholders_as_text() -> None:
    assert fill_input("{{a}} {{b}} \\{{a}}", {"a": "1"}) == "1 {{b}} {{a}}"
