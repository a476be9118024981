"""Corporate networks: a company CA (OS store vs --ca-bundle), proxies from the environment."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.runner import Run, ask, cli_env
from tests.loopback import LoopbackServer


def run_ask(args: list[str], env: dict[str, str] | None = None) -> Run:
    return ask(*args, env=cli_env(**(env or {})))


@pytest.fixture(scope="module")
def company_ca(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A private CA (like a TLS-inspecting proxy's) and a 127.0.0.1 server cert it signed."""
    d = tmp_path_factory.mktemp("ca")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True, timeout=60)

    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=LlamaDesk Test Company CA",
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    )
    (d / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    )
    return {"ca": d / "ca.pem", "cert": d / "server.pem", "key": d / "server.key"}


@pytest.fixture
def tls_server(company_ca: dict[str, Path]) -> Iterator[LoopbackServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(company_ca["cert"], company_ca["key"])
    with LoopbackServer(tls=context) as server:
        yield server


def test_company_ca_is_refused_with_a_plain_fix(tls_server: LoopbackServer) -> None:
    run = run_ask(
        ["--backend", "openai", "--base-url", f"{tls_server.url}/v1", "--model", "m", "Hi"]
    )
    assert run.code == 8
    assert "could not be verified" in run.stderr and "CA bundle" in run.stderr
    assert run.stdout == ""


def test_company_ca_works_with_ca_bundle(
    tls_server: LoopbackServer, company_ca: dict[str, Path]
) -> None:
    run = run_ask(
        [
            "--backend",
            "openai",
            "--base-url",
            f"{tls_server.url}/v1",
            "--model",
            "m",
            "--ca-bundle",
            str(company_ca["ca"]),
            "Hi",
        ]
    )
    assert run.code == 0, run.stderr
    assert run.stdout == "Hello, world!\n"


@pytest.mark.parametrize("content", [None, "not a certificate\n"])
def test_unreadable_ca_bundle_is_a_usage_error(tmp_path: Path, content: str | None) -> None:
    bundle = tmp_path / "company.pem"
    if content is not None:
        bundle.write_text(content)
    run = run_ask(
        [
            "--backend",
            "openai",
            "--base-url",
            "https://127.0.0.1:9/v1",
            "--model",
            "m",
            "--ca-bundle",
            str(bundle),
            "Hi",
        ]
    )
    assert run.code == 2
    assert "CA bundle" in run.stderr and "Traceback" not in run.stderr


def test_http_proxy_from_the_environment_is_used(loopback: LoopbackServer) -> None:
    target = "http://llm.example.invalid:8000/v1"
    run = run_ask(
        ["--backend", "openai", "--base-url", target, "--model", "m", "Hi"],
        env={"HTTP_PROXY": loopback.url, "NO_PROXY": ""},
    )
    assert run.code == 0, run.stderr
    assert run.stdout == "Hello, world!\n"
    # The proxy received the absolute-form request for the real target.
    assert loopback.requests[-1].path == f"{target}/chat/completions"


def test_no_proxy_sends_the_host_direct(loopback: LoopbackServer) -> None:
    run = run_ask(
        [
            "--backend",
            "openai",
            "--base-url",
            "http://llm.example.invalid:8000/v1",
            "--model",
            "m",
            "Hi",
        ],
        env={"HTTP_PROXY": loopback.url, "NO_PROXY": "llm.example.invalid"},
    )
    assert run.code == 8  # direct: the name does not resolve
    assert "No server answers at llm.example.invalid:8000" in run.stderr
    assert loopback.requests == []
