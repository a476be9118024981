"""Endpoint profiles: URL normalisation, validation messages, factories, and names shared with the CLI."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from app.cli import credentials, options
from app.core.profiles import (
    DEFAULT_LOCAL_BASE_URL,
    DEFAULT_WORKERS_AI_MODEL,
    DEFAULT_WORKERS_AI_ROOT,
    OPENAI_KEY_ENV,
    WORKERS_AI_TOKEN_ENV,
    EndpointKind,
    EndpointProfile,
    ProfileError,
    TokenSource,
    local_profile,
    workers_ai_profile,
)
from app.core.urls import normalize_base_url, url_problem
from app.net import openai_compat

WORKERS_AI_OPENAI_ROOT = "https://api.cloudflare.com/client/v4/accounts/X/ai/v1"


@pytest.mark.parametrize(
    ("typed", "root"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/v1/", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/v1/chat/completions", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/v1/completions", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/v1/models", "http://127.0.0.1:8000/v1"),
        ("  localhost:8080/v1  ", "http://localhost:8080/v1"),
        ("https://llm.example.org", "https://llm.example.org/v1"),
        ("http://[::1]:8000", "http://[::1]:8000/v1"),
        (WORKERS_AI_OPENAI_ROOT, WORKERS_AI_OPENAI_ROOT),
        (WORKERS_AI_OPENAI_ROOT + "/chat/completions", WORKERS_AI_OPENAI_ROOT),
        ("http://127.0.0.1:8000/v1?x=1#frag", "http://127.0.0.1:8000/v1"),
    ],
)
def test_normalize_base_url(typed: str, root: str) -> None:
    assert normalize_base_url(typed) == root
    assert normalize_base_url(root) == root  # normalising twice changes nothing
    assert local_profile(typed).base_url == root


def test_net_keeps_exporting_the_core_function() -> None:
    assert openai_compat.normalize_base_url is normalize_base_url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://files.example.org/v1", "must start with http:// or https://"),
        ("http:///v1", "no server name"),
        ("http://localhost:http/v1", "port number"),
        ("http://localhost:99999/v1", "port number"),
        ("http://localhost:0/v1", "port number"),
        ("http://my server/v1", "contains spaces"),
    ],
)
def test_url_problem_names_the_fault(url: str, reason: str) -> None:
    problem = url_problem(url)
    assert problem is not None and reason in problem


def test_url_problem_accepts_usable_urls() -> None:
    for url in ("http://127.0.0.1:8000/v1", "https://api.cloudflare.com/client/v4"):
        assert url_problem(url) is None


def profile(**changes: object) -> EndpointProfile:
    base = EndpointProfile("id1", "Work", EndpointKind.WORKERS_AI, account_id="acc1")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "  "}, "name", "Give the endpoint a name"),
        ({"id": ""}, "id", "no id"),
        ({"account_id": ""}, "account_id", "Enter your Cloudflare account ID"),
        ({"account_id": "abc/def"}, "account_id", "only letters, digits"),
        ({"gateway_id": "my gateway"}, "gateway_id", "AI Gateway ID"),
        ({"model": "@cf/meta/llama 3"}, "model", "cannot contain spaces"),
        ({"base_url": "ftp://api.example.org"}, "base_url", "http:// or https://"),
        ({"token_env": "1TOKEN"}, "token_env", "not an environment variable name"),
        ({"kind": "anthropic"}, "kind", "Unknown endpoint type “anthropic”"),
        ({"token_source": "vault"}, "token_source", "Unknown token source"),
        ({"kind": EndpointKind.LOCAL, "base_url": ""}, "base_url", "Enter the server address"),
        ({"kind": EndpointKind.LOCAL, "base_url": "http://"}, "base_url", "no server name"),
        ({"kind": EndpointKind.LOCAL, "base_url": "gopher://x"}, "base_url", "“gopher://x”"),
        ({"kind": EndpointKind.LOCAL, "base_url": "localhost:abc"}, "base_url", "port number"),
    ],
)
def test_validation_names_the_field_in_plain_words(
    changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ProfileError) as caught:
        profile(**changes).validated()
    assert caught.value.field == field
    assert words in caught.value.message
    assert str(caught.value) == caught.value.message


def test_validated_tidies_and_fills_workers_ai_defaults() -> None:
    tidy = profile(
        name=" Work ",
        account_id=" acc1 ",
        base_url="",
        model="",
        token_source="environment",
        token_env=" MY_TOKEN ",
    ).validated()
    assert tidy.name == "Work"
    assert tidy.account_id == "acc1"
    assert tidy.base_url == DEFAULT_WORKERS_AI_ROOT
    assert tidy.model == DEFAULT_WORKERS_AI_MODEL
    assert tidy.token_source is TokenSource.ENVIRONMENT
    assert tidy.token_env_name() == "MY_TOKEN"
    assert tidy.validated() == tidy
    assert profile(base_url="https://proxy.example/client/v4/").validated().base_url == (
        "https://proxy.example/client/v4"
    )


def test_validated_turns_stored_strings_into_enums() -> None:
    tidy = profile(kind="openai", base_url="127.0.0.1:9000", token_source="none").validated()
    assert tidy.kind is EndpointKind.LOCAL
    assert tidy.token_source is TokenSource.NONE
    assert tidy.base_url == "http://127.0.0.1:9000/v1"


def test_factories_make_valid_profiles_with_fresh_ids() -> None:
    cloud = workers_ai_profile("acc1", gateway_id="gw-1")
    assert (cloud.kind, cloud.name, cloud.model) == (
        EndpointKind.WORKERS_AI,
        "Cloudflare Workers AI",
        DEFAULT_WORKERS_AI_MODEL,
    )
    assert (cloud.base_url, cloud.gateway_id) == (DEFAULT_WORKERS_AI_ROOT, "gw-1")
    assert cloud.token_source is TokenSource.KEYRING
    local = local_profile("127.0.0.1:8000", model="llama")
    assert (local.kind, local.name, local.model) == (EndpointKind.LOCAL, "Local server", "llama")
    ids = {cloud.id, local.id, local_profile("127.0.0.1:8000").id}
    assert len(ids) == 3
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    with pytest.raises(ProfileError, match="account ID"):
        workers_ai_profile("")
    with pytest.raises(ProfileError, match="server address"):
        local_profile("  ")


def test_token_env_defaults_match_the_cli() -> None:
    assert profile().token_env_name() == WORKERS_AI_TOKEN_ENV
    assert local_profile("h:1").token_env_name() == OPENAI_KEY_ENV


def test_the_command_line_starts_from_the_same_defaults_as_a_new_profile() -> None:
    cloud = options.profile_from(cli_endpoint("--account-id", "acc1"))
    assert (cloud.base_url, cloud.model) == (DEFAULT_WORKERS_AI_ROOT, DEFAULT_WORKERS_AI_MODEL)
    assert cloud.base_url == workers_ai_profile("acc1").base_url
    local = options.profile_from(cli_endpoint("--backend", "openai"))
    assert local.base_url == DEFAULT_LOCAL_BASE_URL
    assert local.token_source is TokenSource.ENVIRONMENT and local.id == "command-line"


def cli_endpoint(*argv: str) -> options.EndpointChoice:
    parser = argparse.ArgumentParser()
    options.add_endpoint_arguments(parser)
    return options.endpoint_from(parser.parse_args(argv))


@pytest.mark.parametrize("typed", ["127.0.0.1:8000", "http://127.0.0.1:8000/v1/", "localhost:1"])
def test_local_secret_name_equals_the_clis(typed: str) -> None:
    cli = credentials.secret_name(cli_endpoint("--backend", "openai", "--base-url", typed))
    assert local_profile(typed).secret_name() == cli
    # An untidy profile (not yet validated) still names the same keyring entry.
    untidy = EndpointProfile("i", "n", EndpointKind.LOCAL, base_url=typed)
    assert untidy.secret_name() == cli


def test_workers_ai_secret_name_equals_the_clis() -> None:
    cli = credentials.secret_name(cli_endpoint("--account-id", " acc1 "))
    assert workers_ai_profile("acc1").secret_name() == cli == "workers-ai:acc1"
    assert profile(account_id=" acc1 ").secret_name() == cli


def test_profiles_have_no_field_that_could_hold_a_token() -> None:
    names = {f.name for f in dataclasses.fields(EndpointProfile)}
    assert not {n for n in names if "key" in n or "secret" in n or "password" in n}
    # token_file is the path of a file an administrator's policy names, never the token.
    assert {n for n in names if "token" in n} == {"token_source", "token_env", "token_file"}
