"""A test set's prompts resolved against the real prompt library, and every mistake named."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.evals.files import TestSetError, load_test_set
from app.core.evals.resolve import case_values, resolve_prompts
from app.core.params import SamplingParams
from app.core.prompts.variables import VariableSpec, VarType
from app.storage.history.prompt_store import PromptStore
from app.storage.history.store import HistoryStore


@pytest.fixture
def library(tmp_path: Path) -> Iterator[PromptStore]:
    ticks = itertools.count(1)
    history = HistoryStore.open(tmp_path / "history.db", clock=lambda: float(next(ticks)))
    try:
        yield history.prompts
    finally:
        history.close()


def _support_bot(library: PromptStore) -> int:
    tone = VariableSpec("tone", VarType.CHOICE, default="calm", options=("calm", "brisk"))
    first = library.create("Support bot", "v1 for {{company}}", [tone])
    library.save_version(first.prompt_id, "v2 {{tone}} for {{company}}", [tone])
    library.save_version(first.prompt_id, "v3 {{tone}} for {{company}} on {{date}}", [tone])
    library.set_label(first.prompt_id, "production", 2)
    return first.prompt_id


SET = """\
params: {temperature: 0.7, max_tokens: 256}
vars: {company: ACME}
prompts:
  - {id: inline, system: "Answer for {{company}}.", params: {temperature: 0.1, seed: 9}}
  - {id: label, library: "Support bot@production"}
  - {id: version, library: "Support bot@v1"}
  - {id: newest, library: "support bot"}
tests:
  - input: "Refund for {{product}}?"
    vars: {product: Pro, tone: brisk}
  - input: "Hello"
    vars: {product: Free}
"""


def test_inline_and_library_prompts_resolve_with_merged_parameters(library: PromptStore) -> None:
    prompt_id = _support_bot(library)
    ts = load_test_set(SET)
    inline, label, version, newest = resolve_prompts(ts, library)
    assert (inline.id, inline.system, inline.ref, inline.name) == (
        "inline",
        "Answer for {{company}}.",
        "",
        "",
    )
    assert inline.params == SamplingParams(max_tokens=256, temperature=0.1, seed=9)
    assert (label.system, label.ref, label.name) == (
        "v2 {{tone}} for {{company}}",
        f"{prompt_id}@2",
        "Support bot",
    )
    assert label.params == SamplingParams(max_tokens=256, temperature=0.7)
    assert label.defaults == {"tone": "calm"}
    assert (version.system, version.ref) == ("v1 for {{company}}", f"{prompt_id}@1")
    assert (newest.system, newest.ref) == (
        "v3 {{tone}} for {{company}} on {{date}}",
        f"{prompt_id}@3",
    )
    # Declared defaults < the set's values < the case's.
    assert case_values(ts, 0, label) == {"tone": "brisk", "company": "ACME", "product": "Pro"}
    assert case_values(ts, 1, label) == {"tone": "calm", "company": "ACME", "product": "Free"}


def test_inline_prompts_need_no_library() -> None:
    ts = load_test_set("prompts: [{id: a, system: ''}]\ntests: [{input: hi}]")
    [prompt] = resolve_prompts(ts, None)
    assert prompt.system == "" and prompt.params == SamplingParams()


@pytest.mark.parametrize(
    ("library_ref", "expected"),
    [
        (
            "Support bot@staging",
            "prompts[0].library: “Support bot” has no label “staging” (its labels: production)",
        ),
        ("Support bot@v9", "prompts[0].library: “Support bot@v9” cannot be used:"),
        (
            "Support bot@no way!",
            "prompts[0].library: “no way!” is neither a version (v3) nor a label",
        ),
        (
            "Nobody@production",
            "prompts[0].library: the prompt library has no prompt named “Nobody”",
        ),
        ("@production", "prompts[0].library: name the library prompt"),
    ],
)
def test_unknown_library_prompts_labels_and_versions_are_named(
    library: PromptStore, library_ref: str, expected: str
) -> None:
    _support_bot(library)
    ts = load_test_set(f"prompts: [{{id: a, library: '{library_ref}'}}]\ntests: [{{input: hi}}]")
    with pytest.raises(TestSetError) as caught:
        resolve_prompts(ts, library)
    assert str(caught.value).startswith(expected)


def test_a_library_prompt_without_a_library_says_what_to_do() -> None:
    ts = load_test_set(
        "prompts: [{id: a, library: 'Support bot@production'}]\ntests: [{input: hi}]"
    )
    with pytest.raises(
        TestSetError, match="there is no prompt library here; write the prompt inline"
    ):
        resolve_prompts(ts, None)


def test_two_prompts_with_one_name_are_ambiguous(library: PromptStore) -> None:
    library.create("Twin", "a")
    library.create("Twin", "b")
    ts = load_test_set("prompts: [{id: a, library: Twin}]\ntests: [{input: hi}]")
    with pytest.raises(TestSetError, match="2 library prompts are named “Twin”; rename one"):
        resolve_prompts(ts, library)


def test_a_variable_without_a_value_is_named_with_its_case() -> None:
    ts = load_test_set(
        "prompts: [{id: terse, system: 'For {{company}} on {{date}}'}]\n"
        "tests:\n  - {input: a, vars: {company: X}}\n  - {input: 'About {{product}}', vars: {company: Y}}\n"
    )
    with pytest.raises(TestSetError) as caught:
        resolve_prompts(ts, None)
    assert str(caught.value) == (
        "tests[1]: {{product}} has no value for the prompt “terse”; add it to this case's vars or "
        "to the set's vars"
    )


def test_a_case_that_would_fill_in_to_a_huge_request_is_refused_and_named() -> None:
    value = "x" * 100_000
    ts = load_test_set(
        json.dumps(
            {
                "vars": {"v": value},
                "prompts": [{"id": "b", "system": "{{v}}" * 11}, {"id": "a", "system": "s"}],
                "tests": [{"input": "fine {{v}}"}, {"input": "{{v}}" * 1_000}],
            }
        )
    )
    with pytest.raises(TestSetError) as caught:
        resolve_prompts(ts, None)
    assert str(caught.value) == (
        "tests[0].vars: Filled in, the text would be 1,100,000 characters long (at most "
        "1,000,000): use shorter values, or each variable fewer times (the prompt “b”)"
    )
    with pytest.raises(TestSetError, match=r"^tests\[1\]\.input: Filled in, the text would be "):
        resolve_prompts(replace(ts, prompts=ts.prompts[1:]), None)


def test_a_value_that_does_not_fit_its_declaration_is_named(library: PromptStore) -> None:
    _support_bot(library)
    ts = load_test_set(
        "vars: {company: A}\nprompts: [{id: a, library: 'Support bot@v2'}]\n"
        "tests: [{input: hi, vars: {tone: shouty}}]"
    )
    with pytest.raises(
        TestSetError,
        match=r"^tests\[0\]\.vars\.tone: The value of Tone must be one of: calm, brisk",
    ):
        resolve_prompts(ts, library)
