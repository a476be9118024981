"""What one request of a run sends, and what its stream of events adds up to.

Variables fill the system prompt and the input alike (the prompt's declared defaults < the
set's values < the case's < built-ins such as {{date}}); parameters are the set's overridden by
the prompt's; a request without a seed gets a fresh one, recorded, so any cell can be asked
again exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableSet, Sequence
from dataclasses import dataclass, replace

from app.core.errors import ErrorCategory, Failure
from app.core.evals.assertions import check_all
from app.core.evals.model import Assertion, RequestResult, ResolvedPrompt, ResultKey, TestSet
from app.core.evals.resolve import case_values
from app.core.events import StreamEvent
from app.core.params import ParameterError
from app.core.prompts.variables import VariableSpec, VarType, fill
from app.core.reply import ReplyRecorder
from app.core.request import GenerationRequest, Message, RequestError, Role


def plan_keys(test_set: TestSet, prompts: Sequence[ResolvedPrompt], repeat: int) -> list[ResultKey]:
    """Every request of a run, case by case (each case's prompts and repeats together)."""
    ids = [prompt.id for prompt in prompts]
    if len(set(ids)) != len(ids):
        raise ValueError("each prompt of a run needs its own id")
    return [
        ResultKey(test, prompt_id, index)
        for test in range(len(test_set.tests))
        for prompt_id in ids
        for index in range(repeat)
    ]


@dataclass(frozen=True)
class PreparedRequest:
    """A request ready to send, and the seed it carries."""

    request: GenerationRequest
    seed: int | None


class RequestPlan:
    """Builds each request of a run and turns each finished stream into a RequestResult."""

    def __init__(
        self, test_set: TestSet, prompts: Sequence[ResolvedPrompt], new_seed: Callable[[], int]
    ) -> None:
        self._set = test_set
        self._prompts = {prompt.id: prompt for prompt in prompts}
        self._new_seed = new_seed
        self._slow_patterns: set[str] = set()  # regex checks that ran out of time this run

    def prepare(
        self, key: ResultKey, builtins: Mapping[str, str]
    ) -> PreparedRequest | RequestResult:
        """The request for `key`, or the failed result saying why it cannot be sent."""
        prompt = self._prompts[key.prompt]
        case = self._set.tests[key.test]
        values = case_values(self._set, key.test, prompt)
        # Any name with a value may be used: resolve_prompts has checked declarations already.
        specs = [VariableSpec(name, VarType.LONG_TEXT) for name in values]
        params = prompt.params
        if params.seed is None:
            params = replace(params, seed=self._new_seed())
        try:
            system = fill(prompt.system, specs, values, builtins).text
            user = fill(case.input, specs, values, builtins).text
            messages = [Message(Role.SYSTEM, system)] if system else []
            request = GenerationRequest.chat([*messages, Message(Role.USER, user)], params)
        except (RequestError, ParameterError) as exc:
            return self._unsent(key, str(exc), params.seed)
        return PreparedRequest(request, params.seed)

    def exchange(
        self, key: ResultKey, prepared: PreparedRequest, clock: Callable[[], float]
    ) -> Exchange:
        """A collector for one attempt at sending `prepared`."""
        asserts = self._set.tests[key.test].asserts
        return Exchange(key, prepared, asserts, clock, self._slow_patterns)

    def _unsent(self, key: ResultKey, message: str, seed: int | None) -> RequestResult:
        case = self._set.tests[key.test]
        return RequestResult(
            key=key,
            response="",
            finish_reason=None,
            prompt_tokens=None,
            completion_tokens=None,
            ttft_ms=None,
            tokens_per_s=None,
            duration_ms=None,
            error=message,
            error_kind=ErrorCategory.BAD_INPUT.value,
            assertions=check_all(case.asserts, response="", duration_ms=None),
            seed=seed,
            request_sha256=None,
        )


class Exchange:
    """One attempt's events, and the result they make."""

    def __init__(
        self,
        key: ResultKey,
        prepared: PreparedRequest,
        asserts: Sequence[Assertion],
        clock: Callable[[], float],
        slow_patterns: MutableSet[str],
    ) -> None:
        self._key = key
        self._slow_patterns = slow_patterns
        self._prepared = prepared
        self._asserts = asserts
        self._clock = clock
        self._recorder = ReplyRecorder(clock=clock)

    def feed(self, event: StreamEvent) -> None:
        self._recorder.feed(event)

    @property
    def failure(self) -> Failure | None:
        return self._recorder.failure

    @property
    def has_text(self) -> bool:
        return self._recorder.deltas > 0

    def result(self) -> RequestResult:
        recorder = self._recorder
        ended = recorder.ended_at if recorder.ended_at is not None else self._clock()
        duration_ms = (ended - recorder.started_at) * 1000
        failure = recorder.failure
        sent = recorder.request
        text = recorder.text
        usage = recorder.usage
        finished = failure is None and recorder.finish_reason is not None
        return RequestResult(
            key=self._key,
            response=text,
            finish_reason=recorder.finish_reason.value if recorder.finish_reason else None,
            prompt_tokens=usage.prompt_tokens if usage is not None else None,
            completion_tokens=recorder.completion_tokens if usage or recorder.deltas else None,
            ttft_ms=recorder.ttft_ms,
            tokens_per_s=recorder.tokens_per_s,
            duration_ms=duration_ms if finished else None,
            error=failure.message if failure is not None else None,
            error_kind=failure.category.value if failure is not None else None,
            assertions=check_all(
                self._asserts,
                response=text,
                duration_ms=duration_ms if finished else None,
                slow_patterns=self._slow_patterns,
            ),
            seed=(sent.seed if sent is not None and sent.seed is not None else self._prepared.seed),
            request_sha256=sent.sha256 if sent is not None else None,
        )
