"""Test-set files: parsed (YAML or JSON text, bounded and checked), written back, cases imported.

The same format is what `llamadesk eval` runs and what the window imports and exports, so a
set built in the window runs in CI unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

import yaml

from app.core.evals.case_import import cases_from_csv, cases_from_lines
from app.core.evals.model import DEFAULT_CONCURRENCY, Assertion, PromptChoice, TestCase, TestSet
from app.core.evals.set_schema import set_name, test_set_from_tree
from app.core.evals.tree import MAX_FILE_BYTES, TestSetError, compose

__all__ = [
    "MAX_FILE_BYTES",
    "TestSetError",
    "cases_from_csv",
    "cases_from_lines",
    "document_json",
    "dump_json",
    "dump_yaml",
    "load_test_set",
    "test_set_document",
]


def load_test_set(text: str, *, name: str = "") -> TestSet:
    """The test set in `text` (YAML or JSON); `name` when the file names none.

    TestSetError (one sentence naming the line and field) for anything unusable.
    """
    return test_set_from_tree(compose(text), name=name)


def test_set_document(ts: TestSet) -> dict[str, Any]:
    """`ts` as plain data in the file format (what load_test_set reads back as `ts`)."""
    document: dict[str, Any] = {}
    if name := set_name(ts.name):  # a name set in code may be any text; the file's may not
        document["name"] = name
    if ts.description:
        document["description"] = ts.description
    if ts.endpoint is not None:
        endpoint = ts.endpoint
        document["endpoint"] = {
            key: value
            for key, value in (
                ("backend", endpoint.backend),
                ("base_url", endpoint.base_url),
                ("account_id", endpoint.account_id),
                ("model", endpoint.model),
                ("gateway_id", endpoint.gateway_id),
            )
            if value is not None
        }
    if ts.params:
        document["params"] = dict(ts.params)
    if ts.repeat != 1:
        document["repeat"] = ts.repeat
    if ts.concurrency != DEFAULT_CONCURRENCY:
        document["concurrency"] = ts.concurrency
    if ts.vars:
        document["vars"] = dict(ts.vars)
    document["prompts"] = [_prompt_document(prompt) for prompt in ts.prompts]
    document["tests"] = [_case_document(case) for case in ts.tests]
    return document


def _prompt_document(prompt: PromptChoice) -> dict[str, Any]:
    document: dict[str, Any] = {"id": prompt.id}
    if prompt.library is not None:
        document["library"] = prompt.library
    else:
        document["system"] = prompt.system or ""
    if prompt.params:
        document["params"] = dict(prompt.params)
    return document


def _case_document(case: TestCase) -> dict[str, Any]:
    document: dict[str, Any] = {"input": case.input}
    if case.vars:
        document["vars"] = dict(case.vars)
    if case.expect is not None:
        document["expect"] = case.expect
    if case.asserts:
        document["assert"] = [_assertion_document(check) for check in case.asserts]
    return document


def _assertion_document(check: Assertion) -> dict[str, Any]:
    document: dict[str, Any] = {"type": check.kind.value}
    if check.value is not None:
        document["value"] = check.value
    return document


# libyaml's emitter when present (several times faster on a 5,000-case set).
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]  # PyYAML has no type stubs here
    """Multi-line texts (system prompts, ideal answers) as readable `|` blocks."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_yaml(ts: TestSet) -> str:
    """`ts` as a YAML test-set file."""
    text: str = yaml.dump(
        test_set_document(ts),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return text


def dump_json(ts: TestSet) -> str:
    """`ts` as a JSON test-set file (what load_test_set reads back, whatever the text holds)."""
    return document_json(test_set_document(ts), indent=2) + "\n"


def document_json(document: dict[str, Any], *, indent: int | None = None) -> str:
    """A test-set document as JSON that load_test_set reads back, whatever its texts hold."""
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    return _NOT_RAW_IN_YAML.sub(_escaped, text)


#: The reader is YAML's (JSON is YAML). It refuses some characters written raw (C1 controls,
#: U+FFFE) and folds its line breaks (U+0085, U+2028/9) inside quotes, but reads them escaped.
#: Not ensure_ascii: YAML reads no surrogate-pair escape, so an emoji must stay raw.
_NOT_RAW_IN_YAML: Final = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _escaped(found: re.Match[str]) -> str:
    char = found[0]
    if "\ud800" <= char <= "\udfff":  # half a pair, which no file can hold: as storage does
        return "\ufffd"
    return f"\\u{ord(char):04x}"
