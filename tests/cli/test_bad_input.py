"""Every bad input to `ask` and `token` is one sentence and exit code 2, never a traceback;
a bug is one sentence and exit code 70; a closed stdout ends quietly with 141."""

from __future__ import annotations

import io
import os
import pty
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import main as entry
from app.cli.report import EXIT_INTERNAL, EXIT_OUTPUT_CLOSED, EXIT_USAGE
from app.cli.terminal import MAX_STDIN_BYTES
from tests.cli.runner import (
    ACCOUNT,
    OPENAI_KEY,
    ROOT,
    RUN_TIMEOUT_S,
    TOKEN,
    assert_no_secrets,
    cli_env,
    command,
    openai_args,
    read_until,
    workers_args,
)
from tests.keyring_fakes import DictKeyring
from tests.loopback import LoopbackServer, Reply, inband_error, openai_stream, split_events


@pytest.fixture
def server(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    yield loopback
    assert loopback.errors == []


def run_bytes(*args: str, stdin: bytes | None = b"", env: dict[str, str] | None = None) -> tuple:
    """The real command with raw bytes on stdin (None: stdin closed); (code, stdout, stderr)."""
    argv = command(*args)
    if stdin is None:  # started with file descriptor 0 closed, as `command <&-` does
        argv = ["sh", "-c", 'exec "$@" <&-', "sh", *argv]
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env=env or cli_env(),
        input=stdin,
        capture_output=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def assert_one_sentence(err: str, command_name: str = "ask") -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"llamadesk {command_name}: ")
    assert "Traceback" not in err and "Error:" not in err
    return lines[0]


def in_process(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Through the real entry point (app.main), in this process: quicker for long tables."""
    code = entry.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- options and the environment ------------------------------------------------------------

BAD_OPTIONS = [
    (["--backend", "openai", "--base-url", "http://127.0.0.1:99999/v1"], "port number"),
    (["--backend", "openai", "--base-url", "http://127.0.0.1:0/v1"], "port number"),
    (["--backend", "openai", "--base-url", "http://127.0.0.1:-1/v1"], "port number"),
    (["--backend", "openai", "--base-url", "http://[::1/v1"], "not a valid web address"),
    (["--backend", "openai", "--base-url", ":::"], "port number"),
    (["--backend", "openai", "--base-url", "http://h st:8000"], "contains spaces"),
    (["--backend", "openai", "--base-url", "http://host\x1b[2J:8000"], "control characters"),
    (["--backend", "openai", "--base-url", "ftp://127.0.0.1/v1"], "http:// or https://"),
    (["--backend", "openai", "--base-url", "http://💩.example/v1"], "not plain ASCII"),
    (["--backend", "openai", "--base-url", "http://:8000/v1"], "no server name"),
    (["--account-id", "a/b"], "The account ID may contain only"),
    (["--account-id", "kontō"], "The account ID may contain only"),
    (["--account-id", "abc", "--gateway-id", "x y"], "The AI Gateway ID may contain only"),
    (["--account-id", "abc", "--model", "@cf/x?y=1"], "model name has only"),
    (["--account-id", "abc", "--model", "@cf/ü"], "model name has only"),
    (["--account-id", "abc", "--base-url", "http://api.example:70000"], "port number"),
]


@pytest.mark.parametrize(("options", "phrase"), BAD_OPTIONS, ids=lambda v: repr(v)[:40])
def test_bad_endpoint_options_are_one_sentence(
    options: list[str],
    phrase: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    server: LoopbackServer,
) -> None:
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    for name in ("ask", "token"):
        argv = [name, *options, "Hi"] if name == "ask" else [name, "status", *options]
        code, out, err = in_process(argv, capsys)
        assert (code, out) == (EXIT_USAGE, "")
        line = assert_one_sentence(err, name)
        assert phrase in line
        assert "\x1b" not in line  # the address is quoted with its escape made visible
    assert server.requests == []


@pytest.mark.parametrize(
    ("variable", "value", "phrase"),
    [
        ("CLOUDFLARE_API_TOKEN", "tökén-0123456789", "characters other than ASCII"),
        ("CLOUDFLARE_API_TOKEN", "two words-0123456789", "spaces or line breaks"),
        ("CLOUDFLARE_API_TOKEN", "line\nbreak-0123456789", "spaces or line breaks"),
        ("CLOUDFLARE_GATEWAY_TOKEN", "gäteway-0123456789", "characters other than ASCII"),
    ],
)
def test_a_token_that_cannot_be_sent_is_refused_without_quoting_it(
    server: LoopbackServer, variable: str, value: str, phrase: str
) -> None:
    env = cli_env(**{variable: value})
    gateway = ["--gateway-id", "gw"] if "GATEWAY" in variable else []
    code, out, err = run_bytes("ask", *workers_args(server, *gateway), "Hi", env=env)
    assert (code, out) == (EXIT_USAGE, "")
    line = assert_one_sentence(err)
    assert f"${variable} cannot be sent: it contains {phrase}" in line
    assert value not in err and value.split("-")[0] not in err
    assert server.requests == []


def test_an_argument_that_is_not_utf8(server: LoopbackServer) -> None:
    argv = [os.fsencode(a) for a in ["ask", *openai_args(server, "--model", "m")]]
    done = subprocess.run(
        [*command(), *argv, b"caf\xe9"],
        cwd=ROOT,
        env=cli_env(),
        capture_output=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == EXIT_USAGE and done.stdout == b""
    line = assert_one_sentence(done.stderr.decode())
    assert "is not UTF-8 text" in line and "caf" in line
    assert server.requests == []


# -- standard input ---------------------------------------------------------------------------


def test_stdin_that_is_not_utf8(server: LoopbackServer) -> None:
    code, out, err = run_bytes("ask", *openai_args(server, "--model", "m"), "-", stdin=b"caf\xe9")
    assert (code, out) == (EXIT_USAGE, "")
    line = assert_one_sentence(err)
    assert "Standard input is not UTF-8 text (byte 0xe9 at position 3)" in line
    assert "iconv" in line
    assert server.requests == []


def test_stdin_closed_or_too_large(server: LoopbackServer) -> None:
    code, _, err = run_bytes("ask", *openai_args(server, "--model", "m"), "-", stdin=None)
    assert code == EXIT_USAGE
    assert assert_one_sentence(err).endswith(
        "Standard input is closed, so there is no prompt to read."
    )
    huge = b"a" * (MAX_STDIN_BYTES + 1)
    code, _, err = run_bytes("ask", *openai_args(server, "--model", "m"), "-", stdin=huge)
    assert code == EXIT_USAGE
    assert "larger than 4 MB" in assert_one_sentence(err)
    assert server.requests == []


def test_stdin_with_a_bom_is_read_as_text(server: LoopbackServer) -> None:
    prompt = "Ünïcode prompt"
    code, out, err = run_bytes(
        "ask", *openai_args(server, "--model", "m"), "-", stdin=b"\xef\xbb\xbf" + prompt.encode()
    )
    assert (code, out) == (0, "Hello, world!\n"), err
    assert server.requests[-1].json()["messages"] == [{"role": "user", "content": prompt}]


def test_token_set_refuses_what_it_cannot_send(dict_keyring: DictKeyring) -> None:
    args = ("token", "set", "--account-id", ACCOUNT)
    for stdin, phrase in (
        (b"\xff\xfe-not-utf8\n", "not UTF-8 text"),
        ("tökén-0123456789\n".encode(), "other than ASCII"),
    ):
        code, out, err = run_bytes(*args, stdin=stdin)
        assert (code, out) == (EXIT_USAGE, "")
        assert phrase in assert_one_sentence(err, "token")
    assert dict_keyring.values == {}  # nothing was saved


# -- output: escape codes, a closed pipe, bugs -----------------------------------------------

ESCAPES = "\x1b[2J\x1b[31mred\x1b[0m\rover\x9b6n\x07"


def escaping_reply() -> Reply:
    events = split_events(openai_stream(["Hi ", ESCAPES], include_usage=False, done=False))
    return Reply(body=[*events[:-1], inband_error(f"boom \x1b]0;{OPENAI_KEY}\x07 \x1b[1A")])


def test_escape_codes_never_reach_stderr_and_reach_a_piped_stdout_unchanged(
    server: LoopbackServer,
) -> None:
    server.queue("POST", "/chat/completions", escaping_reply())
    code, out, err = run_bytes("ask", *openai_args(server, "--model", "m"), "Hi")
    assert code == 7
    line = assert_one_sentence(err)
    assert "\x1b" not in err and "\x07" not in err and "␛]0;" in line and "␛[1A" in line
    assert out == "Hi " + ESCAPES + "\n"  # a script reading a pipe gets the exact text
    assert_no_secrets(out + err)


def test_escape_codes_are_shown_as_signs_on_a_terminal(server: LoopbackServer) -> None:
    server.queue("POST", "/chat/completions", escaping_reply())
    controller, terminal = pty.openpty()
    with subprocess.Popen(
        command("ask", *openai_args(server, "--model", "m"), "Hi"),
        cwd=ROOT,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.PIPE,
    ) as proc:
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the command closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        _, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    os.close(controller)
    text = shown.decode()
    assert proc.returncode == 7
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "Hi ␛[2J␛[31mred␛[0m␍over\ufffd6n␇" in text
    assert "\x1b" not in err.decode()


def test_a_closed_stdout_ends_the_reply_quietly(server: LoopbackServer) -> None:
    words = [f" word{i}" for i in range(200)]
    server.queue(
        "POST",
        "/chat/completions",
        Reply(body=split_events(openai_stream(words)), chunk_delay_s=0.01),
    )
    with subprocess.Popen(
        command("ask", *openai_args(server, "--model", "m"), "Hi"),
        cwd=ROOT,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        read_until(proc.stdout, b"word3")
        proc.stdout.close()  # like `| head`: the reader is gone
        err = proc.stderr.read()
        proc.wait(timeout=RUN_TIMEOUT_S)
    assert proc.returncode == EXIT_OUTPUT_CLOSED
    assert err == b""
    assert server.requests[-1].wait_settled() == "client_gone"  # the reply was stopped


def test_a_bug_is_one_sentence_and_exit_70(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.entry import run_command

    def broken(argv: list[str]) -> int:
        raise RuntimeError(f"internal state with {OPENAI_KEY} and \x1b[2J in it")

    assert run_command("ask", broken, []) == EXIT_INTERNAL
    out, err = capsys.readouterr()
    line = assert_one_sentence(err)
    assert "something went wrong inside LlamaDesk (RuntimeError)" in line
    assert OPENAI_KEY not in err and "\x1b" not in err and out == ""


def test_an_output_that_cannot_encode_the_reply_does_not_fail(server: LoopbackServer) -> None:
    server.queue("POST", "/chat/completions", Reply(body=split_events(openai_stream(["日本 🦙"]))))
    code, out, err = run_bytes(
        "ask", *openai_args(server, "--model", "m"), "Hi", env=cli_env(PYTHONIOENCODING="ascii")
    )
    assert code == 0, err
    assert out == "?? ?\n" and err == ""


def test_ask_in_process_reads_stdin_it_is_given(server: LoopbackServer) -> None:
    from app.cli import ask as ask_cmd

    out, err = io.StringIO(), io.StringIO()
    code = ask_cmd.main(
        [*openai_args(server, "--model", "m"), "-"],
        stdin=io.StringIO("from a test"),
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    assert server.requests[-1].json()["messages"][0]["content"] == "from a test"


@pytest.mark.parametrize(
    ("kind", "phrase"),
    [("fifo", "not a regular file"), ("device", "not a regular file"), ("folder", "a folder")],
)
def test_a_ca_bundle_that_would_hang_or_never_end_is_refused(
    tmp_path: Path, kind: str, phrase: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = {"fifo": tmp_path / "pipe.pem", "device": Path("/dev/zero"), "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(bundle)  # opening it would wait for a writer forever
    argv = ["ask", "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1", "--model", "m"]
    code, out, err = in_process([*argv, "--ca-bundle", str(bundle), "Hi"], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert f"cannot be used: it is {phrase}" in assert_one_sentence(err)
