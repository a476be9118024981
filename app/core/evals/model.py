"""The data of a test set and of its runs: what is asked, and what each request gave back.

Qt-free and storage-free, so the window, `llamadesk eval` and the history share one meaning.
A *cell* is one case asked with one prompt; with repeats a cell holds R results.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.errors import Failure
from app.core.params import SamplingParams

#: Bounds a test set and a run never pass (the file check says which one was hit).
MAX_CASES = 5000
MAX_PROMPTS = 8
MAX_REPEAT = 20
MAX_CONCURRENCY = 32
DEFAULT_CONCURRENCY = 4
MAX_ASSERTIONS_PER_CASE = 50
#: Workers AI allows 300 requests a minute per model; a run never asks for more.
WORKERS_AI_REQUESTS_PER_MINUTE = 300


class AssertionKind(enum.StrEnum):
    """The checks a case can make on a reply (the names the file format uses)."""

    CONTAINS = "contains"
    NOT_CONTAINS = "not-contains"
    ICONTAINS = "icontains"
    EQUALS = "equals"
    STARTS_WITH = "starts-with"
    REGEX = "regex"
    IS_JSON = "is-json"
    MAX_WORDS = "max-words"
    LATENCY_MS = "latency-ms"


@dataclass(frozen=True)
class Assertion:
    """One check: its kind and value (text for the text kinds, a number for the limits,
    None for is-json)."""

    kind: AssertionKind
    value: str | int | float | None = None


@dataclass(frozen=True)
class TestCase:
    """One input to ask, its variable values, an optional ideal answer and its checks."""

    __test__ = False  # not a pytest class, whatever its name

    input: str
    vars: Mapping[str, str] = field(default_factory=dict)
    expect: str | None = None
    asserts: tuple[Assertion, ...] = ()


@dataclass(frozen=True)
class PromptChoice:
    """A prompt a run asks with: its id (the column), and where its text comes from.

    Exactly one of `system` (written inline; may be "" for no system prompt) and `library`
    ("Name@label", "Name@v3" or "Name": a library prompt) is set. `params` override the set's.
    """

    id: str
    system: str | None = None
    library: str | None = None
    params: Mapping[str, int | float] = field(default_factory=dict)


@dataclass(frozen=True)
class EvalEndpoint:
    """The endpoint a set names (`llamadesk eval`'s own options override it)."""

    backend: str  # "workers-ai" | "openai"
    base_url: str | None = None
    account_id: str | None = None
    model: str | None = None
    gateway_id: str | None = None


@dataclass(frozen=True)
class TestSet:
    """A named set of cases and the prompts to try them with: the file format, parsed."""

    __test__ = False

    name: str
    prompts: tuple[PromptChoice, ...]
    tests: tuple[TestCase, ...]
    endpoint: EvalEndpoint | None = None
    params: Mapping[str, int | float] = field(default_factory=dict)
    repeat: int = 1
    concurrency: int = DEFAULT_CONCURRENCY
    vars: Mapping[str, str] = field(default_factory=dict)
    description: str = ""  # the file's own words about the set, kept through import and export


@dataclass(frozen=True)
class ResolvedPrompt:
    """A prompt choice made concrete for a run: the exact text, its variables' declared
    defaults, where it came from ("12@3" for a library version; "" for inline) and the
    parameters each request sends."""

    id: str
    system: str
    params: SamplingParams
    ref: str = ""
    name: str = ""  # the library prompt's name, for the column header
    defaults: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class ResultKey:
    """Which request: case index (0-based, file order), prompt id, repeat index (0-based)."""

    test: int
    prompt: str
    repeat: int


@dataclass(frozen=True)
class AssertionResult:
    """One check's outcome; `detail` says in plain words why it failed ("" when it passed)."""

    kind: AssertionKind
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class RequestResult:
    """What one request gave back, as stored and exported (`error`: the plain message)."""

    key: ResultKey
    response: str
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    ttft_ms: float | None
    tokens_per_s: float | None
    duration_ms: float | None
    error: str | None
    #: The failure's category (ErrorCategory value) when `error` is set, for exit codes.
    error_kind: str | None
    assertions: tuple[AssertionResult, ...]
    seed: int | None
    request_sha256: str | None

    @property
    def passed(self) -> bool:
        """No error and every assertion held."""
        return self.error is None and all(a.passed for a in self.assertions)


class RunState(enum.StrEnum):
    RUNNING = "running"  # also what a run that crashed looks like: it can resume
    FINISHED = "finished"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Grade:
    """A person's judgement of one cell: thumb up/down, 1–5, a comment (each optional)."""

    thumb: bool | None = None
    score: int | None = None
    comment: str = ""


# -- what a run tells its watchers (the window's grid and progress bar, `eval`'s stderr) ---------


@dataclass(frozen=True)
class RunProgress:
    """How far the run is: requests finished (resumed ones included) of all, and an estimate."""

    done: int
    total: int
    eta_s: float | None


@dataclass(frozen=True)
class ResultRecorded:
    """A request finished (or failed) and its result is stored."""

    result: RequestResult


@dataclass(frozen=True)
class RunPaced:
    """The endpoint said "slow down" (429 / 3040): the whole run now asks at most this often."""

    requests_per_minute: float
    message: str


@dataclass(frozen=True)
class RunEnded:
    """The last event. `failure`: why the run stopped early when the endpoint itself cannot
    answer (a bad token, nothing listening...), so asking the remaining cells is pointless."""

    state: RunState
    failure: Failure | None = None


RunEvent = RunProgress | ResultRecorded | RunPaced | RunEnded


class ResultSink:
    """Where a run's results go as each finishes (write-through), and where a resumed run
    learns what is already done. The in-memory one is this base class; the history's SQLite
    store (storage layer) is another."""

    def __init__(self) -> None:
        self._results: dict[ResultKey, RequestResult] = {}

    def finished(self) -> Mapping[ResultKey, RequestResult]:
        """Results already stored: a resumed run does not ask these again."""
        return dict(self._results)

    def record(self, result: RequestResult) -> None:
        """Keep one result (called once per finished request, from the event loop)."""
        self._results[result.key] = result
