"""Test-set text (YAML or JSON) composed into a bounded tree of values that know their line.

PyYAML's own composer would follow aliases and build whatever the text asks for; here every
node is counted, nesting and strings are bounded, and anchors and aliases are refused (a
test set never needs them, and they are how a few lines become a billion nodes). JSON is a
subset of YAML's flow style, so both go through the same parser and the same limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

import yaml

#: A test-set file is read whole: 5,000 cases with their checks fit well within this.
MAX_FILE_BYTES: Final = 8 * 1024 * 1024
#: Values, keys, lists and mappings together (about 40 a case for a generous case).
MAX_NODES: Final = 400_000
#: The format nests five deep (tests → case → assert → check → value); 20 leaves room.
MAX_DEPTH: Final = 20
#: One text: an input, a system prompt, an ideal answer.
MAX_STRING_CHARS: Final = 200_000

_STANDARD_TAGS: Final = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_STR_TAG: Final = "tag:yaml.org,2002:str"
_SEQ_TAG: Final = "tag:yaml.org,2002:seq"
_MAP_TAG: Final = "tag:yaml.org,2002:map"


class TestSetError(ValueError):
    """A test set that cannot be used; str() is one plain sentence naming the line and field."""

    __test__ = False

    def __init__(self, problem: str, *, line: int | None = None, field: str = "") -> None:
        self.problem = problem
        self.line = line
        self.field = field
        where = ", ".join(part for part in (f"line {line}" if line else "", field) if part)
        super().__init__(f"{where}: {problem}" if where else problem)


Scalar = str | int | float | bool | None


@dataclass(slots=True)
class Node:
    """A composed value: a scalar (with the text as written), a list or a mapping."""

    line: int  # 1-based
    scalar: Scalar = None
    raw: str | None = None  # a scalar's text as written; None for lists and mappings
    plain: bool = False  # a scalar written without quotes (`1e-3` is text to YAML 1.1)
    items: list[Node] | None = None  # a list
    entries: dict[str, Node] | None = None  # a mapping, in file order
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """ "a list", "a mapping", or the scalar's kind, for "must be …, not …" sentences."""
        if self.items is not None:
            return "a list"
        if self.entries is not None:
            return "a mapping"
        match self.scalar:
            case None:
                return "empty"
            case bool():
                return "true/false"
            case int() | float():
                return "a number"
        return "text"


def compose(text: str) -> Node:
    """The one document in `text` as a Node tree; TestSetError for anything unusable."""
    if len(text) > MAX_FILE_BYTES:  # characters, so never more bytes than allowed
        raise TestSetError(
            f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split the test set"
        )
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
    loader = loader_class(_joined_surrogate_escapes(text))
    try:
        return _Composer(loader).document()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None
    except RecursionError:  # the parser's own stack; our depth check normally comes first
        raise TestSetError(f"the file nests deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


#: A JSON escape of a character beyond U+FFFF: a surrogate pair, not preceded by a backslash
#: of its own (an even run of backslashes before it is escaped backslashes).
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE
)


def _joined_surrogate_escapes(text: str) -> str:
    """JSON written with escaped output (Python's json.dump by default) spells an emoji as a
    surrogate pair, which YAML's reader refuses; YAML's own escape for it is \\U and eight
    hex digits (\\U0001f600). Only for JSON: there every backslash is inside a double-quoted
    string."""
    if not text.lstrip().startswith("{") or "\\u" not in text:
        return text

    def joined(match: re.Match[str]) -> str:
        high, low = int(match[2], 16), int(match[3], 16)
        point = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return f"{match[1]}\\U{point:08x}"

    return _SURROGATE_PAIR.sub(joined, text)


def _syntax_error(exc: yaml.YAMLError) -> TestSetError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or "it is not valid YAML or JSON"
    line = mark.line + 1 if mark is not None else None
    if isinstance(exc, yaml.reader.ReaderError):
        problem = "the file holds a control character that YAML does not allow"
    if "nesting depth" in str(problem):  # libyaml's own bound, met before ours
        return TestSetError(f"the file nests deeper than {MAX_DEPTH} levels", line=line)
    return TestSetError(f"not valid YAML or JSON ({clip(str(problem), 120)})", line=line)


class _Composer:
    """Builds Nodes from the parser's events, counting as it goes."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self._loader = loader
        self._nodes = 0

    def document(self) -> Node:
        loader = self._loader
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            raise TestSetError("the file is empty; a test set needs prompts and tests")
        loader.get_event()  # DocumentStart
        root = self._node(0)
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            line = loader.peek_event().start_mark.line + 1
            raise TestSetError("the file holds more than one document; keep one", line=line)
        return root

    def _node(self, depth: int) -> Node:
        loader = self._loader
        event = loader.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise TestSetError(
                "anchors and aliases (& and *) are not allowed; write the value out", line=line
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise TestSetError(
                f"the file holds more than {MAX_NODES:,} values; split the test set", line=line
            )
        if depth > MAX_DEPTH:
            raise TestSetError(f"the file nests deeper than {MAX_DEPTH} levels", line=line)
        if isinstance(event, yaml.ScalarEvent):
            loader.get_event()
            return self._scalar(event, line)
        if isinstance(event, yaml.SequenceStartEvent):
            self._check_tag(event.tag, _SEQ_TAG, line)
            loader.get_event()
            items: list[Node] = []
            while not loader.check_event(yaml.SequenceEndEvent):
                items.append(self._node(depth + 1))
            loader.get_event()
            return Node(line, items=items)
        if isinstance(event, yaml.MappingStartEvent):
            self._check_tag(event.tag, _MAP_TAG, line)
            loader.get_event()
            return self._mapping(depth, line)
        raise TestSetError("the file's structure is not understood", line=line)

    def _mapping(self, depth: int, line: int) -> Node:
        loader = self._loader
        entries: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        while not loader.check_event(yaml.MappingEndEvent):
            key = self._node(depth + 1)
            if key.raw is None:
                raise TestSetError("a key must be a plain name", line=key.line)
            name = key.raw
            if name in entries:
                raise TestSetError(f'the key "{clip(name)}" appears twice; keep one', line=key.line)
            entries[name] = self._node(depth + 1)
            key_lines[name] = key.line
        loader.get_event()
        return Node(line, entries=entries, key_lines=key_lines)

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> Node:
        value = event.value
        if len(value) > MAX_STRING_CHARS:
            raise TestSetError(
                f"a text is longer than {MAX_STRING_CHARS:,} characters; shorten it", line=line
            )
        plain = not event.style
        tag = event.tag
        if tag is None and not plain:  # quoted or a block: text, whatever it looks like
            return Node(line, scalar=value, raw=value)
        if tag is None or tag == "!":
            implicit = event.implicit if tag is None else (False, False)
            tag = self._loader.resolve(yaml.ScalarNode, value, implicit)
            if tag not in _STANDARD_TAGS:  # a date, `<<` or `=`: text, as written
                tag = _STR_TAG
        if tag == _STR_TAG:  # most values of a test set: nothing to construct
            return Node(line, scalar=value, raw=value, plain=plain)
        if tag not in _STANDARD_TAGS:
            raise TestSetError(f'the tag "{clip(str(tag))}" is not allowed; remove it', line=line)
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            scalar = self._loader.yaml_constructors[tag](self._loader, node)
        except (yaml.YAMLError, ValueError, OverflowError):
            raise TestSetError(f'"{clip(value)}" is not a valid value', line=line) from None
        return Node(line, scalar=scalar, raw=value, plain=plain)

    @staticmethod
    def _check_tag(tag: str | None, expected: str, line: int) -> None:
        if tag is not None and tag not in ("!", expected):
            raise TestSetError(f'the tag "{clip(tag)}" is not allowed; remove it', line=line)


def clip(text: str, limit: int = 40) -> str:
    """`text` short enough for a sentence, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
