"""How `eval`'s endpoint options combine with the file's endpoint."""

from __future__ import annotations

import pytest

from app.cli.evals.arguments import build_parser, endpoint_for, parameter_overrides
from app.cli.options import EndpointChoice, UsageError
from app.core.evals.model import EvalEndpoint, PromptChoice, TestCase, TestSet
from app.core.params import ParameterError

ACCOUNT = "0123456789abcdef0123456789abcdef"


def a_set(endpoint: EvalEndpoint | None) -> TestSet:
    return TestSet("s", (PromptChoice("p", system="x"),), (TestCase("q"),), endpoint=endpoint)


def choose(endpoint: EvalEndpoint | None, *options: str) -> EndpointChoice:
    return endpoint_for(build_parser().parse_args(["set.yaml", *options]), a_set(endpoint))


def test_the_file_s_endpoint_is_used_when_no_option_names_one() -> None:
    named = EvalEndpoint("openai", base_url="http://127.0.0.1:9000/v1", model="m")
    assert choose(named) == EndpointChoice("openai", "http://127.0.0.1:9000/v1", None, "m", None)


def test_an_option_overrides_one_field_and_keeps_the_others() -> None:
    named = EvalEndpoint("openai", base_url="http://127.0.0.1:9000/v1", model="m")
    chosen = choose(named, "--model", "other")
    assert (chosen.base_url, chosen.model) == ("http://127.0.0.1:9000/v1", "other")


def test_another_backend_on_the_command_line_ignores_the_file_s_address() -> None:
    named = EvalEndpoint("openai", base_url="http://127.0.0.1:9000/v1", model="m")
    chosen = choose(named, "--backend", "workers-ai", "--account-id", ACCOUNT)
    assert chosen.backend == "workers-ai"
    assert chosen.base_url == "https://api.cloudflare.com/client/v4"
    assert chosen.model == "@cf/meta/llama-3.1-8b-instruct-fp8"


def test_no_endpoint_anywhere_means_workers_ai_which_needs_an_account(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLOUDFLARE_ACCOUNT_ID", raising=False)
    with pytest.raises(UsageError, match="No Cloudflare account ID"):
        choose(None)


def test_a_bad_address_in_the_file_is_refused_like_an_option() -> None:
    with pytest.raises(UsageError):
        choose(EvalEndpoint("openai", base_url="ftp://example.com/v1"))


def test_parameter_options_are_checked_and_only_given_ones_override() -> None:
    parse = build_parser().parse_args
    assert parameter_overrides(parse(["f", "--seed", "5", "--temperature", "1"])) == {
        "seed": 5,
        "temperature": 1.0,
    }
    assert parameter_overrides(parse(["f"])) == {}
    with pytest.raises(ParameterError):
        parameter_overrides(parse(["f", "--top-k", "2.5"]))
