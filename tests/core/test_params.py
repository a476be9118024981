"""Sampling parameters are checked against the schema's ranges before anything is sent."""

from __future__ import annotations

import math

import pytest

from app.core.params import (
    DEFAULT_MAX_TOKENS,
    PARAM_SPECS,
    WORKERS_AI_CONTEXT_WINDOW,
    ParameterError,
    SamplingParams,
)

RANGES = {
    "max_tokens": (1, WORKERS_AI_CONTEXT_WINDOW),
    "temperature": (0, 5),
    "top_p": (0, 2),
    "top_k": (1, 50),
    "seed": (1, 9_999_999_999),
    "repetition_penalty": (0, 2),
    "frequency_penalty": (0, 2),
    "presence_penalty": (0, 2),
}


def test_every_schema_parameter_has_a_spec() -> None:
    assert {s.name: (s.minimum, s.maximum) for s in PARAM_SPECS} == RANGES


@pytest.mark.parametrize("name", RANGES)
def test_bounds_are_inclusive(name: str) -> None:
    low, high = RANGES[name]
    for value in (low, high):
        assert getattr(SamplingParams(**{name: value}).validated(), name) == value


@pytest.mark.parametrize("name", RANGES)
def test_out_of_range_names_parameter_and_range(name: str) -> None:
    low, high = RANGES[name]
    for bad in (low - 1, high + 1):
        with pytest.raises(ParameterError) as info:
            SamplingParams(**{name: bad}).validated()
        assert info.value.name == name
        assert name in str(info.value)
        assert f"from {low} to {high}" in str(info.value)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, True, "1", None.__class__])
def test_non_numbers_are_refused(bad: object) -> None:
    with pytest.raises(ParameterError, match="temperature"):
        SamplingParams(temperature=bad).validated()  # type: ignore[arg-type]


def test_integer_parameters_refuse_fractions_but_accept_whole_floats() -> None:
    with pytest.raises(ParameterError, match="top_k must be a whole number"):
        SamplingParams(top_k=2.5).validated()  # type: ignore[arg-type]
    checked = SamplingParams(top_k=3.0, seed=42.0).validated()  # type: ignore[arg-type]
    assert checked.top_k == 3 and isinstance(checked.top_k, int)
    assert isinstance(checked.seed, int)


def test_payload_has_only_set_values() -> None:
    params = SamplingParams(temperature=0, seed=7).validated()
    assert params.to_payload() == {"temperature": 0.0, "seed": 7}


def test_default_max_tokens_is_explicit_and_above_providers_silent_256() -> None:
    fitted = SamplingParams().with_max_tokens_for(WORKERS_AI_CONTEXT_WINDOW, 100)
    assert fitted.max_tokens == DEFAULT_MAX_TOKENS > 256
    assert fitted.to_payload()["max_tokens"] == DEFAULT_MAX_TOKENS


def test_max_tokens_never_exceeds_what_the_window_leaves() -> None:
    assert SamplingParams().with_max_tokens_for(512, 400).max_tokens == 112
    assert SamplingParams(max_tokens=4000).with_max_tokens_for(4096, 1000).max_tokens == 3096
    # A prompt that already fills the window still sends a legal value; the server decides.
    assert SamplingParams().with_max_tokens_for(512, 9000).max_tokens == 1
    # Unknown window: the default is sent as is.
    assert SamplingParams().with_max_tokens_for(None, 9000).max_tokens == DEFAULT_MAX_TOKENS


@pytest.mark.parametrize("name", RANGES)
def test_a_number_past_what_a_float_holds_is_out_of_range_not_an_overflow(name: str) -> None:
    """A settings file or export may hold 10**400: json reads it as an int."""
    for huge in (10**400, -(10**400)):
        with pytest.raises(ParameterError) as info:
            SamplingParams(**{name: huge}).validated()
        assert info.value.name == name
        assert len(str(info.value)) < 120  # the 401 digits are not all shown
