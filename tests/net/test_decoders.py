"""Sans-IO dialect decoders: every quirk of the references, and malformed or hostile frames."""

from __future__ import annotations

import json

import pytest

from app.core.errors import ErrorCategory, FailureContext, Provider
from app.core.events import (
    Failed,
    Finished,
    FinishReason,
    ModelServed,
    StreamEvent,
    TextDelta,
    Usage,
)
from app.core.provenance import MAX_MODEL_ID_CHARS
from app.net.openai_decoder import OpenAIStreamDecoder, decode_openai_body
from app.net.workers_ai_decoder import WorkersAIStreamDecoder, decode_workers_ai_envelope

CF = FailureContext(Provider.WORKERS_AI, "api.cloudflare.com", "@cf/meta/llama-3.1-8b-instruct-fp8")
LOCAL = FailureContext(Provider.LOCAL, "127.0.0.1:8000", "m")


def run(
    decoder: WorkersAIStreamDecoder | OpenAIStreamDecoder, frames: list[str], eof: bool = True
) -> list[StreamEvent]:
    events: list[StreamEvent] = []
    for frame in frames:
        events.extend(decoder.feed(frame))
    if eof:
        events.extend(decoder.end_of_stream())
    return events


def text(events: list[StreamEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def last(events: list[StreamEvent]) -> StreamEvent:
    return events[-1]


def j(obj: object) -> str:
    return json.dumps(obj)


# --- Workers AI native -----------------------------------------------------------------------


def test_native_stream_with_padding_empty_event_usage_and_done() -> None:
    frames = [
        j({"response": "Hel", "p": "abcdef"}),
        j({"response": "lo"}),
        j({"response": "", "p": "x" * 90}),
        j({"response": ""}),
        j(
            {
                "response": "",
                "usage": {
                    "prompt_tokens": 9,
                    "completion_tokens": 2,
                    "total_tokens": 11,
                    "prompt_tokens_details": {"cached_tokens": 4},
                },
            }
        ),
        "[DONE]",
    ]
    events = run(WorkersAIStreamDecoder(CF, max_tokens=1024), frames)
    assert text(events) == "Hello"
    assert Usage(9, 2, 11, 4) in events
    assert last(events) == Finished(FinishReason.STOP)
    assert sum(isinstance(e, Finished | Failed) for e in events) == 1


def test_native_stream_reaching_max_tokens_finishes_with_length() -> None:
    frames = [
        j({"response": "a"}),
        j({"response": "b"}),
        j({"usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}),
        "[DONE]",
    ]
    assert last(run(WorkersAIStreamDecoder(CF, max_tokens=2), frames)) == Finished(
        FinishReason.LENGTH
    )


def test_native_stream_cut_without_done_is_interrupted_and_keeps_text() -> None:
    events = run(WorkersAIStreamDecoder(CF, 100), [j({"response": "par"}), j({"response": "tial"})])
    assert text(events) == "partial"
    assert isinstance(last(events), Failed)
    assert last(events).failure.category is ErrorCategory.INTERRUPTED  # type: ignore[union-attr]
    assert "text so far is kept" in last(events).failure.message  # type: ignore[union-attr]


def test_native_stream_with_usage_but_no_done_counts_as_finished() -> None:
    frames = [
        j({"response": "ok"}),
        j({"usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}),
    ]
    assert last(run(WorkersAIStreamDecoder(CF, 100), frames)) == Finished(FinishReason.STOP)


@pytest.mark.parametrize("frames", [[], ["[DONE]"], [j({"response": ""}), "[DONE]"]])
def test_empty_native_stream_is_a_failure_not_an_empty_answer(frames: list[str]) -> None:
    event = last(run(WorkersAIStreamDecoder(CF, 100), frames))
    assert isinstance(event, Failed)
    assert "without sending any text" in event.failure.message


def test_native_inband_error_envelope_mid_stream() -> None:
    frames = [
        j({"response": "so far"}),
        j(
            {
                "success": False,
                "errors": [{"code": 3040, "message": "AiError: Capacity temporarily exceeded"}],
            }
        ),
    ]
    events = run(WorkersAIStreamDecoder(CF, 100), frames)
    assert text(events) == "so far"
    assert isinstance(last(events), Failed)


@pytest.mark.parametrize(
    "value, shown", [(None, ""), (123, "123"), (1.5, "1.5"), ([1], ""), ({"a": 1}, ""), (True, "")]
)
def test_native_odd_response_types_are_coerced_not_fatal(value: object, shown: str) -> None:
    events = run(
        WorkersAIStreamDecoder(CF, 100), [j({"response": value}), j({"response": "!"}), "[DONE]"]
    )
    assert text(events) == shown + "!"
    assert last(events) == Finished(FinishReason.STOP)


def test_native_envelope_non_streaming() -> None:
    body = {
        "result": {
            "response": "Hi there",
            "tool_calls": [],
            "usage": {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8},
        },
        "success": True,
        "errors": [],
        "messages": [],
    }
    events = list(decode_workers_ai_envelope(body, CF, 3))
    assert events == [TextDelta("Hi there"), Usage(5, 3, 8), Finished(FinishReason.LENGTH)]
    tool = {"result": {"response": None, "tool_calls": [{"name": "f"}]}, "success": True}
    assert last(list(decode_workers_ai_envelope(tool, CF, 100))) == Finished(
        FinishReason.TOOL_CALLS
    )


@pytest.mark.parametrize(
    "body", [None, [], "str", {"result": "x", "success": True}, {"success": True}]
)
def test_native_envelope_malformed_is_protocol_failure(body: object) -> None:
    event = last(list(decode_workers_ai_envelope(body, CF, 100)))
    assert isinstance(event, Failed) and event.failure.category is ErrorCategory.PROTOCOL


# --- OpenAI-compatible ------------------------------------------------------------------------


def chunk(
    content: str | None = None,
    finish: str | None = None,
    *,
    role: bool = False,
    usage: dict[str, int] | None = None,
    choices: bool = True,
) -> str:
    delta: dict[str, object] = {}
    if role:
        delta["role"] = "assistant"
    if content is not None or role:
        delta["content"] = content if content is not None else ""
    obj: dict[str, object] = {
        "id": "id-1",
        "object": "chat.completion.chunk",
        "choices": [
            {
                "index": 0,
                "delta": delta,
                "finish_reason": finish,
                "prompt_token_ids": None,
                "stop_reason": None,
            }
        ]
        if choices
        else [],
    }
    if usage is not None:
        obj["usage"] = usage
    return j(obj)


U = {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}
ZERO = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}


def test_vllm_shape_role_chunk_finish_chunk_usage_chunk_done() -> None:
    frames = [
        chunk(role=True),
        chunk("Hi"),
        chunk(" you"),
        chunk("", "length"),
        chunk(usage=U, choices=False),
        "[DONE]",
    ]
    events = run(OpenAIStreamDecoder(LOCAL), frames)
    assert text(events) == "Hi you"
    assert Usage(7, 3, 10) in events
    assert last(events) == Finished(FinishReason.LENGTH)


def test_workers_ai_v1_shape_no_role_finish_on_usage_chunk_and_zero_second_usage() -> None:
    frames = [chunk("a"), chunk("b"), chunk(None, "stop", usage=U), chunk(usage=ZERO), "[DONE]"]
    events = run(OpenAIStreamDecoder(LOCAL), frames)
    usages = [e for e in events if isinstance(e, Usage)]
    assert usages == [Usage(7, 3, 10)]  # the all-zero copy is dropped
    assert last(events) == Finished(FinishReason.STOP)


def test_transformers_serve_no_done_after_finish_chunk_is_a_clean_end() -> None:
    events = run(OpenAIStreamDecoder(LOCAL), [chunk("x"), chunk(None, "stop", usage=U)])
    assert last(events) == Finished(FinishReason.STOP)


def test_empty_and_null_deltas_are_ignored() -> None:
    frames = [
        j({"choices": [{"delta": {}}]}),
        j({"choices": [{"delta": {"content": None}}]}),
        j({"choices": [{"delta": None}]}),
        j({"choices": []}),
        j({"choices": None}),
        j({"choices": [None]}),
        chunk("ok"),
        "[DONE]",
    ]
    events = run(OpenAIStreamDecoder(LOCAL), frames)
    assert text(events) == "ok" and last(events) == Finished(FinishReason.STOP)


def test_legacy_completions_text_field() -> None:
    frames = [
        j({"object": "text_completion", "choices": [{"text": "raw ", "index": 0}]}),
        j({"choices": [{"text": "mode", "finish_reason": "stop"}]}),
        "[DONE]",
    ]
    assert text(run(OpenAIStreamDecoder(LOCAL), frames)) == "raw mode"


@pytest.mark.parametrize(
    "frame, category",
    [
        (
            j({"error": {"message": "boom", "type": "InternalServerError", "code": 500}}),
            ErrorCategory.SERVER_ERROR,
        ),
        (j({"error": "string error"}), ErrorCategory.SERVER_ERROR),
        (
            j(
                {
                    "object": "error",
                    "message": "This model's maximum context length is 512 tokens",
                    "code": 400,
                }
            ),
            ErrorCategory.CONTEXT_TOO_LONG,
        ),
    ],
)
def test_inband_error_after_text_keeps_text(frame: str, category: ErrorCategory) -> None:
    events = run(OpenAIStreamDecoder(LOCAL), [chunk("kept"), frame, "[DONE]"])
    assert text(events) == "kept"
    failed = last(events)
    assert isinstance(failed, Failed) and failed.failure.category is category
    assert sum(isinstance(e, Finished | Failed) for e in events) == 1


def test_frames_after_done_are_ignored() -> None:
    decoder = OpenAIStreamDecoder(LOCAL)
    events = run(decoder, [chunk("a"), "[DONE]", chunk("late"), "garbage{"])
    assert text(events) == "a" and last(events) == Finished(FinishReason.STOP)


def test_openai_non_streaming_body() -> None:
    body = {
        "choices": [
            {"message": {"role": "assistant", "content": "Hey"}, "finish_reason": "length"}
        ],
        "usage": U,
    }
    assert list(decode_openai_body(body, LOCAL)) == [
        TextDelta("Hey"),
        Usage(7, 3, 10),
        Finished(FinishReason.LENGTH),
    ]


def named(model: object, frame: str) -> str:
    """`frame` with a `model` field, as servers send it."""
    return j({**json.loads(frame), "model": model})


def test_the_first_chunk_that_names_its_model_says_which_model_answered() -> None:
    frames = [
        chunk(role=True),  # no model here (some servers leave it out)
        named("served/Llama-3.1-8B-FP8", chunk("Hi")),
        named("another", chunk(" you", "stop")),
        "[DONE]",
    ]
    events = run(OpenAIStreamDecoder(LOCAL), frames)
    assert [e for e in events if isinstance(e, ModelServed)] == [
        ModelServed("served/Llama-3.1-8B-FP8")
    ]
    assert events.index(ModelServed("served/Llama-3.1-8B-FP8")) < events.index(TextDelta("Hi"))
    assert text(events) == "Hi you" and last(events) == Finished(FinishReason.STOP)


@pytest.mark.parametrize(
    ("model", "served"),
    [
        ("m-tok-0123456789abcdef\x1b[31m", "m-••••[31m"),
        ("x" * 70_000, "x" * (MAX_MODEL_ID_CHARS - 1) + "…"),
        ("\u202e\x00 ", None),
        (["not", "text"], None),
        (None, None),
    ],
    ids=["token-and-escape", "huge", "blank", "a-list", "null"],
)
def test_a_hostile_served_model_is_cleaned_bounded_masked_or_ignored(
    model: object, served: str | None
) -> None:
    decoder = OpenAIStreamDecoder(LOCAL, ("tok-0123456789abcdef",))
    events = run(decoder, [named(model, chunk("Hi", "stop")), "[DONE]"])
    found = [e.model for e in events if isinstance(e, ModelServed)]
    assert found == ([] if served is None else [served])
    assert text(events) == "Hi"


def test_an_error_chunk_names_no_model_and_a_whole_body_names_its_own() -> None:
    error = named("m", j({"error": {"message": "overloaded", "code": 503}}))
    events = run(OpenAIStreamDecoder(LOCAL), [error])
    assert not any(isinstance(e, ModelServed) for e in events)
    body = {
        "model": "served-model",
        "choices": [{"message": {"content": "Hey"}, "finish_reason": "stop"}],
    }
    assert list(decode_openai_body(body, LOCAL)) == [
        ModelServed("served-model"),
        TextDelta("Hey"),
        Finished(FinishReason.STOP),
    ]


# --- hostile input, both dialects -------------------------------------------------------------

HOSTILE = [
    "{not json",
    "data: nested",
    '{"response": "x"',
    "\x00\x01",
    "[" * 100_000 + "]" * 100_000,
    '{"usage": {"prompt_tokens": "lots", "completion_tokens": -5, "total_tokens": 1e400}}',
]


@pytest.mark.parametrize(
    "decoder_factory", [lambda: WorkersAIStreamDecoder(CF, 100), lambda: OpenAIStreamDecoder(LOCAL)]
)
@pytest.mark.parametrize("frame", HOSTILE)
def test_hostile_frames_end_in_one_clear_outcome_and_keep_text(
    decoder_factory: object, frame: str
) -> None:
    decoder = decoder_factory()  # type: ignore[operator]
    good = j({"response": "kept"}) if isinstance(decoder, WorkersAIStreamDecoder) else chunk("kept")
    events = run(decoder, [good, frame, "[DONE]"])
    assert text(events) == "kept"
    ends = [e for e in events if isinstance(e, Finished | Failed)]
    assert len(ends) == 1
    if isinstance(ends[0], Failed):
        assert ends[0].failure.category is ErrorCategory.PROTOCOL
        assert "format LlamaDesk understands" in ends[0].failure.message


def test_usage_with_garbage_numbers_is_coerced() -> None:
    events = run(
        OpenAIStreamDecoder(LOCAL),
        [
            chunk("x"),
            j(
                {
                    "choices": [],
                    "usage": {
                        "prompt_tokens": "12",
                        "completion_tokens": 3.0,
                        "total_tokens": None,
                    },
                }
            ),
            "[DONE]",
        ],
    )
    assert Usage(12, 3, 15) in events


@pytest.mark.parametrize(
    "decoder_factory", [lambda: WorkersAIStreamDecoder(CF, 100), lambda: OpenAIStreamDecoder(LOCAL)]
)
def test_json_with_surrounding_spaces_is_read_but_trailing_junk_is_not(
    decoder_factory: object,
) -> None:
    decoder = decoder_factory()  # type: ignore[operator]
    native = isinstance(decoder, WorkersAIStreamDecoder)
    frame = j({"response": "ok"}) if native else chunk("ok")
    assert text(run(decoder, ["  " + frame + " \t", "[DONE]"])) == "ok"
    junk = run(decoder_factory(), [frame + " trailing"])  # type: ignore[operator]
    assert isinstance(junk[-1], Failed) and junk[-1].failure.category is ErrorCategory.PROTOCOL


def test_openai_fast_path_still_notices_error_and_usage_keys() -> None:
    with_error = j(
        {
            "choices": [{"delta": {"content": "x"}, "finish_reason": None}],
            "error": {"message": "overloaded"},
        }
    )
    events = run(OpenAIStreamDecoder(LOCAL), [chunk("a"), with_error])
    assert isinstance(events[-1], Failed) and "overloaded" in events[-1].failure.message
    with_usage = j({"choices": [{"delta": {"content": "b"}, "finish_reason": None}], "usage": U})
    events = run(OpenAIStreamDecoder(LOCAL), [with_usage, "[DONE]"])
    assert text(events) == "b" and Usage(7, 3, 10) in events
