"""`--promptfoo`: the same test set as a promptfoo config, so a suite can move to promptfoo CI.

What maps one to one: prompts (as chat messages), the endpoint (OpenAI-compatible provider with
`apiBaseUrl`, or promptfoo's `cloudflare-ai` provider), parameters, variables, repeats,
concurrency and most checks. What promptfoo words differently: `max-words` becomes
`word-count` with a `max`, `latency-ms` becomes `latency` with a `threshold`. Built-in
variables (date, time…) get the values they have at export time. A temperature the set leaves
to the server is not written, and promptfoo then sends 0: set one in the file to compare like
with like. The token stays in the environment variable promptfoo is told to read; it is never
written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

import yaml

from app.cli.options import EndpointChoice
from app.core.evals.model import Assertion, AssertionKind, ResolvedPrompt, TestCase, TestSet
from app.core.params import SamplingParams
from app.core.profiles import DEFAULT_GATEWAY_ROOT, DEFAULT_WORKERS_AI_ROOT
from app.core.prompts.variables import BUILTIN_NAMES, builtin_values

SCHEMA_URL: Final = "https://promptfoo.dev/config-schema.json"
_PLACEHOLDER: Final = re.compile(r"\\?\{\{(\w+)\}\}")
#: Parameters promptfoo's OpenAI provider knows by name; the rest ride in `passthrough`.
_OPENAI_PARAMS: Final = {
    "max_tokens",
    "temperature",
    "top_p",
    "seed",
    "frequency_penalty",
    "presence_penalty",
}
_SAME_TYPE: Final = {
    AssertionKind.CONTAINS: "contains",
    AssertionKind.NOT_CONTAINS: "not-contains",
    AssertionKind.ICONTAINS: "icontains",
    AssertionKind.EQUALS: "equals",
    AssertionKind.STARTS_WITH: "starts-with",
    AssertionKind.REGEX: "regex",
}


def promptfoo_config(
    test_set: TestSet,
    prompts: Sequence[ResolvedPrompt],
    endpoint: EndpointChoice,
    *,
    repeat: int,
    concurrency: int,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The promptfoo config (plain data) equivalent to running `test_set` with `prompts`."""
    builtins = builtin_values(now or datetime.now(), "")
    default_vars = {**dict(test_set.vars), **_used_builtins(prompts, builtins)}
    config: dict[str, Any] = {
        "description": test_set.name or "LlamaDesk test set",
        "prompts": [{"label": p.id, "raw": chat_prompt(p)} for p in prompts],
        "providers": providers(prompts, endpoint),
        "tests": [_test(i, case, test_set, builtins) for i, case in enumerate(test_set.tests)],
        "evaluateOptions": {"repeat": repeat, "maxConcurrency": concurrency},
    }
    if default_vars:
        config["defaultTest"] = {"vars": default_vars}
    if any(a.kind is AssertionKind.LATENCY_MS for case in test_set.tests for a in case.asserts):
        config["evaluateOptions"]["cache"] = False  # promptfoo times no cached reply
    return config


def promptfoo_yaml(config: Mapping[str, Any]) -> str:
    head = f"# yaml-language-server: $schema={SCHEMA_URL}\n# Exported by LlamaDesk.\n"
    return head + str(yaml.safe_dump(dict(config), sort_keys=False, allow_unicode=True, width=100))


def chat_prompt(prompt: ResolvedPrompt) -> str:
    """A promptfoo chat prompt: JSON messages whose contents are Nunjucks expressions, so the
    text reaches the model exactly (quotes, newlines and braces in it stay text)."""
    messages = []
    if prompt.system:
        system = _expression(prompt.system, prompt.defaults)
        messages.append('{"role": "system", "content": {{ ' + system + " | dump }}}")
    messages.append('{"role": "user", "content": {{ input | dump }}}')
    return "[" + ", ".join(messages) + "]"


def _expression(text: str, defaults: Mapping[str, str]) -> str:
    """`text` as one Nunjucks expression: string literals joined with its variables."""
    parts: list[str] = []
    at = 0
    for match in _PLACEHOLDER.finditer(text):
        literal = text[at : match.start()]
        at = match.end()
        if match[0].startswith("\\"):  # an escaped placeholder is text, braces and all
            parts.append(_string(literal + match[0][1:]))
            continue
        if literal:
            parts.append(_string(literal))
        name = match[1]
        if name in defaults:
            parts.append(f"({name} | default({_string(defaults[name])}))")
        else:
            parts.append(name)
    if at < len(text) or not parts:
        parts.append(_string(text[at:]))
    return "(" + " + ".join(parts) + ")"


def _string(text: str) -> str:
    """A Nunjucks string literal (its lexer knows \\n, \\t, \\r and takes any other escaped
    character as itself)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def providers(prompts: Sequence[ResolvedPrompt], endpoint: EndpointChoice) -> list[dict[str, Any]]:
    """One provider when every prompt sends the same parameters; else one per prompt,
    each limited to its prompt."""
    base = _provider(endpoint)
    distinct = {p.params for p in prompts}
    if len(distinct) <= 1:
        params = next(iter(distinct), SamplingParams())
        return [{**base, "config": {**base["config"], **_params_config(params)}}]
    return [
        {
            **base,
            "label": f"{base['label']} ({p.id})",
            "prompts": [p.id],
            "config": {**base["config"], **_params_config(p.params)},
        }
        for p in prompts
    ]


def _provider(endpoint: EndpointChoice) -> dict[str, Any]:
    model = endpoint.model or ""
    if endpoint.backend == "workers-ai":
        config: dict[str, Any] = {
            "accountId": endpoint.account_id,
            "apiKeyEnvar": "CLOUDFLARE_API_TOKEN",
        }
        root = endpoint.base_url.rstrip("/")
        if endpoint.gateway_id:
            gateway = DEFAULT_GATEWAY_ROOT if root == DEFAULT_WORKERS_AI_ROOT else root
            config["apiBaseUrl"] = (
                f"{gateway}/{endpoint.account_id}/{endpoint.gateway_id}/workers-ai/v1"
            )
        elif root != DEFAULT_WORKERS_AI_ROOT:
            config["apiBaseUrl"] = f"{root}/accounts/{endpoint.account_id}/ai/v1"
        return {"id": f"cloudflare-ai:chat:{model}", "label": model, "config": config}
    config = {"apiBaseUrl": endpoint.base_url, "apiKeyEnvar": "OPENAI_API_KEY"}
    # promptfoo needs a model name; a local server that serves one model ignores it.
    name = model or "default"
    return {"id": f"openai:chat:{name}", "label": name, "config": config}


def _params_config(params: SamplingParams) -> dict[str, Any]:
    payload = params.to_payload()
    config: dict[str, Any] = {k: v for k, v in payload.items() if k in _OPENAI_PARAMS}
    extra = {k: v for k, v in payload.items() if k not in _OPENAI_PARAMS}
    if extra:
        config["passthrough"] = extra
    return config


def _test(index: int, case: TestCase, test_set: TestSet, builtins: Mapping[str, str]) -> Any:
    values = {**dict(test_set.vars), **dict(case.vars), **builtins}
    test: dict[str, Any] = {
        "description": f"case {index + 1}: {_clip(case.input)}",
        "vars": {**dict(case.vars), "input": fill_input(case.input, values)},
    }
    if case.asserts:
        test["assert"] = [promptfoo_assertion(a) for a in case.asserts]
    if case.expect is not None:
        test["metadata"] = {"expect": case.expect}
    return test


def fill_input(text: str, values: Mapping[str, str]) -> str:
    """The case input with its variables filled (promptfoo does not fill variables inside a
    variable's value); an escaped placeholder becomes its braces; an unknown one stays."""

    def one(match: re.Match[str]) -> str:
        if match[0].startswith("\\"):
            return match[0][1:]
        return values.get(match[1], match[0])

    return _PLACEHOLDER.sub(one, text)


def promptfoo_assertion(check: Assertion) -> dict[str, Any]:
    if check.kind in _SAME_TYPE:
        return {"type": _SAME_TYPE[check.kind], "value": check.value}
    if check.kind is AssertionKind.IS_JSON:
        return {"type": "is-json"}
    if check.kind is AssertionKind.MAX_WORDS:
        return {"type": "word-count", "value": {"max": check.value}}
    if check.kind is AssertionKind.LATENCY_MS:
        return {"type": "latency", "threshold": check.value}
    raise ValueError(f"no promptfoo check for {check.kind}")  # a new kind must be mapped here


def _used_builtins(
    prompts: Sequence[ResolvedPrompt], builtins: Mapping[str, str]
) -> dict[str, str]:
    texts = [p.system for p in prompts]
    used = {m[1] for text in texts for m in _PLACEHOLDER.finditer(text) if m[0][0] != "\\"}
    return {name: builtins[name] for name in BUILTIN_NAMES if name in used and name in builtins}


def _clip(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
