"""Prompt-library files, pure: what dump writes, what parse accepts, and every file it refuses."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from app.core.prompts.exchange import (
    FORMAT,
    MAX_FILE_BYTES,
    MAX_FILE_VALUES,
    MAX_IMPORTED_VERSION,
    MAX_LABELS,
    ImportedPrompt,
    ImportRefused,
    dump,
    parse,
)
from app.core.prompts.library import (
    MAX_NOTE_CHARS,
    MAX_PROMPT_CHARS,
    LibraryError,
    PromptVersion,
)
from app.core.prompts.variables import MAX_OPTIONS, MAX_VARIABLES, VariableSpec, VarType

TONE = VariableSpec("tone", VarType.CHOICE, "Tone", "calm", "How it sounds", ("calm", "brisk"))
TUTOR = ImportedPrompt(
    name="Tutor",
    versions=(
        PromptVersion(0, 0, 1, 'Explain {{topic}}. JSON stays: {"a": {"b": 1}}', (), "", 1.5e9),
        PromptVersion(0, 0, 3, "Explain {{tone}}ly.", (TONE,), "warmer", 1.6e9),
    ),
    labels=(("production", 3), ("staff", 1)),
    source_id=4,
)
FORK = ImportedPrompt(
    name="Tutor for kids",
    versions=(PromptVersion(0, 0, 1, "Explain simply.", (), "Forked", 1.7e9),),
    forked_from="4@3",
    source_id=9,
)


def good() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump([TUTOR, FORK]))
    return data


def encoded(data: object) -> bytes:
    return json.dumps(data).encode()


def refused(data: bytes | object, match: str) -> None:
    raw = data if isinstance(data, bytes) else encoded(data)
    with pytest.raises(ImportRefused, match=match) as caught:
        parse(raw)
    assert str(caught.value).startswith("This file cannot be imported: ")
    assert str(caught.value).endswith("Nothing was changed.")
    assert isinstance(caught.value, LibraryError)


def test_dump_then_parse_gives_the_same_prompts() -> None:
    assert parse(dump([TUTOR, FORK])) == [TUTOR, FORK]


def test_the_file_is_readable_json_with_a_format_and_version() -> None:
    data = good()
    assert (data["format"], data["version"]) == (FORMAT, 1)
    tutor = data["prompts"][0]
    assert tutor["labels"] == {"production": 3, "staff": 1}
    assert tutor["versions"][1]["created_at"] == "2020-09-13T12:26:40+00:00"
    assert tutor["versions"][1]["variables"][0]["options"] == ["calm", "brisk"]
    assert data["prompts"][1]["forked_from"] == "4@3"


def test_optional_fields_may_be_left_out() -> None:
    minimal = {
        "format": FORMAT,
        "version": 1,
        "prompts": [{"name": " A   prompt ", "versions": [{"number": 1, "text": "Hi."}]}],
    }
    (prompt,) = parse(encoded(minimal))
    assert prompt.name == "A prompt" and prompt.labels == () and prompt.forked_from == ""
    assert prompt.versions == (PromptVersion(0, 0, 1, "Hi.", (), "", 0.0),)


def test_a_byte_order_mark_and_unknown_fields_are_accepted() -> None:
    data = good()
    data["exported_by"] = "a later LlamaDesk"
    data["prompts"][0]["versions"][1]["variables"][0]["colour"] = "blue"
    assert parse(b"\xef\xbb\xbf" + encoded(data))[0] == TUTOR


def test_100_kb_prompts_pass() -> None:
    big = ImportedPrompt("Big", (PromptVersion(0, 0, 1, "ü{{x}}" * 20_000, (), "", 1.0),))
    assert parse(dump([big])) == [big]


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b"", "it is not JSON"),
        (b"\xff\xfe{}", "it is not UTF-8 text"),
        (b'{"format": ', "it is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b"[]", "not a LlamaDesk prompt library file"),
        (b'{"format": "llamadesk-conversation", "version": 1}', "not a LlamaDesk prompt"),
        (b'{"format": "llamadesk-prompts"}', "format version is missing"),
        (b'{"format": "llamadesk-prompts", "version": true}', "format version is missing"),
        (b'{"format": "llamadesk-prompts", "version": 2}', "newer LlamaDesk"),
        (b'{"format": "llamadesk-prompts", "version": 1}', "holds no prompts"),
        (b'{"format": "llamadesk-prompts", "version": 1, "prompts": {}}', "holds no prompts"),
        (b'{"format": "llamadesk-prompts", "version": 1, "prompts": [3]}', "prompt 1 is not"),
    ],
)
def test_files_that_are_not_libraries_are_refused(raw: bytes, match: str) -> None:
    refused(raw, match)


def test_a_file_over_the_limit_is_refused_before_parsing() -> None:
    refused(b" " * (MAX_FILE_BYTES + 1), "larger than 200 MB")


def test_a_file_of_too_many_values_is_refused_before_parsing() -> None:
    """Bytes alone do not bound json.loads: 20 MB of `{},` made 6.7 million dicts (~490 MB)."""
    objects = MAX_FILE_VALUES // 2 + 1
    hostile = b'{"format": "llamadesk-prompts", "version": 1, "x": [' + b"{}," * objects
    refused(hostile + b'{}], "prompts": []}', "more than 5,000,000 JSON values .* fewer prompts")
    # Marks inside texts are not values: prompts made of JSON are not held against the file.
    text = '{"a": [1, 2]}, ' * 60_000  # 900,000 characters, 240,000 of them `{`, `[` or `,`
    versions = [{"number": n, "text": text} for n in range(1, 26)]
    (item,) = parse(encoded({**good(), "prompts": [{"name": "JSON", "versions": versions}]}))
    assert len(item.versions) == 25 and item.versions[0].text == text


def broken(path: tuple[Any, ...], value: object) -> dict[str, Any]:
    """The good file with one field replaced (None deletes it)."""
    data = copy.deepcopy(good())
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


P0 = ("prompts", 0)
V1 = (*P0, "versions", 1)


@pytest.mark.parametrize(
    ("path", "value", "match"),
    [
        ((*P0, "name"), None, "the name of prompt 1 is not text"),
        ((*P0, "name"), "   ", "prompt 1: a prompt needs a name"),
        ((*P0, "name"), "n" * 201, "prompt 1: a prompt's name can be at most 200"),
        ((*P0, "name"), ["Tutor"], "the name of prompt 1 is not text"),
        ((*P0, "name"), "Tu\ud800tor", "name of prompt 1 holds a broken character"),
        ((*P0, "id"), -1, "the id of prompt 1 .“Tutor”. is not a positive"),
        (("prompts", 1, "id"), 4, "two prompts have the same id"),
        ((*P0, "forked_from"), "4#staff", "forked from is not a prompt version"),
        ((*P0, "forked_from"), "nonsense", "forked from is not a prompt version"),
        ((*P0, "versions"), [], "“Tutor”. has no versions"),
        ((*P0, "versions"), None, "“Tutor”. has no versions"),
        ((*P0, "versions"), {"1": {}}, "“Tutor”. has no versions"),
        ((*V1,), "text", "a version of prompt 1 .“Tutor”. is not a JSON object"),
        ((*V1, "number"), 1, "lists version 1 after version 1: version numbers must increase"),
        ((*V1, "number"), 0, "has no valid number"),
        ((*V1, "number"), 2.5, "has no valid number"),
        ((*V1, "number"), "3", "has no valid number"),
        ((*V1, "number"), 10**10, "is numbered above 998,999,999"),
        ((*V1, "number"), MAX_IMPORTED_VERSION + 1, "is numbered above 998,999,999"),
        ((*V1, "text"), None, "the text of version 3 of prompt 1 .“Tutor”. is not text"),
        ((*V1, "text"), 42, "the text of version 3 .* is not text"),
        ((*V1, "text"), "x" * (MAX_PROMPT_CHARS + 1), "a prompt can be at most 1,000,000"),
        ((*V1, "text"), "bad \udc00 half", "text of version 3 .* holds a broken character"),
        ((*V1, "note"), "n" * (MAX_NOTE_CHARS + 1), "version 3 .*: a version's note can be"),
        ((*V1, "note"), 7, "the note of version 3 .* is not text"),
        ((*V1, "created_at"), "yesterday", "date of version 3 .* is not an ISO 8601"),
        ((*V1, "created_at"), 1.6e9, "date of version 3 .* is not an ISO 8601"),
        ((*V1, "created_at"), "1969-07-20T20:17:00+00:00", "from 1970 to 9999"),
        ((*V1, "created_at"), "9999-12-31T23:59:59-14:00", "from 1970 to 9999"),  # year 10000
        ((*V1, "created_at"), "0001-01-01T00:00:00", "from 1970 to 9999"),
        ((*V1, "variables"), {"tone": {}}, "the variables of version 3 .* are not a list"),
        ((*V1, "variables"), ["tone"], "a variable declaration is not a JSON object"),
        ((*V1, "variables"), [{"type": "text"}], "a variable declaration has no name"),
        ((*V1, "variables"), [{"name": "a b"}], "“a b” cannot be a variable name"),
        ((*V1, "variables"), [{"name": "date"}], "\\{\\{date\\}\\} is built in"),
        ((*V1, "variables"), [{"name": "x", "type": "colour"}], "has an unknown type"),
        ((*V1, "variables"), [{"name": "x", "type": []}], "has an unknown type"),
        ((*V1, "variables"), [{"name": "x", "type": {"text": 1}}], "has an unknown type"),
        ((*V1, "variables"), [{"name": "x", "type": "choice"}], "is a choice but has no"),
        ((*V1, "variables"), [{"name": "x", "label": 5}], "label, default or help that is not"),
        ((*V1, "variables"), [{"name": "x", "options": "ab"}], "are not a list of texts"),
        ((*V1, "variables"), [{"name": "x", "options": ["a"]}], "has options but is not a choice"),
        ((*V1, "variables"), [{"name": "x"}, {"name": "x"}], "is declared twice"),
        ((*V1, "variables"), [{"name": "n", "type": "number", "default": "ten"}], "a number"),
        ((*V1, "variables"), [{"name": "x", "help": "h\ud800"}], "broken character"),
        (
            (*V1, "variables"),
            [{"name": "x", "type": "choice", "options": ["o"] * (MAX_OPTIONS + 1)}],
            f"more than {MAX_OPTIONS} options",
        ),
        (
            (*V1, "variables"),
            [{"name": f"v{i}"} for i in range(MAX_VARIABLES + 1)],
            f"at most {MAX_VARIABLES} variables",
        ),
        ((*P0, "labels"), ["production"], "the labels of prompt 1 .* are not a JSON object"),
        ((*P0, "labels"), {"production": 2}, "“production” on .* points at a version the file"),
        ((*P0, "labels"), {"staff": "1"}, "“staff” on .* points at a version the file does"),
        ((*P0, "labels"), {"has space": 1}, "“has space” on prompt 1 .* is not a label"),
        (
            (*P0, "labels"),
            {f"l{i}": 1 for i in range(MAX_LABELS + 1)},
            f"more than {MAX_LABELS} labels",
        ),
    ],
)
def test_a_wrong_part_is_named_and_refused(
    path: tuple[Any, ...], value: object, match: str
) -> None:
    refused(broken(path, value), match)


def test_the_refusal_names_a_later_prompt_by_position_and_name() -> None:
    data = good()
    data["prompts"][1]["versions"][0]["text"] = None
    refused(data, "the text of version 1 of prompt 2 .“Tutor for kids”. is not text")


def test_too_many_prompts_are_refused() -> None:
    data = good()
    data["prompts"] = data["prompts"][:1] * 10_001
    refused(data, "more than 10,000 prompts")
