"""Runs `python -m app ...` as a subprocess with bounded waits; argument builders for both dialects."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tests.loopback import LoopbackServer

ROOT = Path(__file__).resolve().parents[2]
#: An upper bound for one command, never a wait: a healthy run takes ~0.3 s.
RUN_TIMEOUT_S = 30.0

TOKEN = "cf-test-token-7f3a9c2e51d84b06aa"
OPENAI_KEY = "sk-local-key-2b8e4d6f0a1c3e5f77"
GATEWAY_TOKEN = "aig-gateway-token-9d1e3c5a7b2f"
SECRETS = (TOKEN, OPENAI_KEY, GATEWAY_TOKEN)
ACCOUNT = "0123456789abcdef0123456789abcdef"
MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8"
NATIVE_PATH = f"/client/v4/accounts/{ACCOUNT}/ai/run/{MODEL}"
DEFAULT_TEXT = "Hello, world!"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def cli_env(*, without: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    """The test process's (already scrubbed) environment, the tokens, and any overrides."""
    env = dict(os.environ)
    env.update(
        PYTHONIOENCODING="utf-8",
        CLOUDFLARE_API_TOKEN=TOKEN,
        OPENAI_API_KEY=OPENAI_KEY,
    )
    env.update(extra)
    for name in without:
        env.pop(name, None)
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]


def run_app(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Run:
    """Run the app to completion; asserts that no secret ever reaches its output."""
    done = subprocess.run(
        command(*args),
        cwd=ROOT,
        env=cli_env() if env is None else env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        encoding="utf-8",
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    run = Run(done.returncode, done.stdout, done.stderr)
    assert_no_secrets(run.stdout + run.stderr)
    return run


def ask(*args: str, env: dict[str, str] | None = None) -> Run:
    return run_app("ask", *args, env=env)


@dataclass(frozen=True)
class MeasuredRun(Run):
    peak_rss_mb: float  # the child's own peak resident memory (ru_maxrss of that one process)
    seconds: float


def ask_measured(*args: str, env: dict[str, str] | None = None) -> MeasuredRun:
    """Run `ask` to completion and measure that child alone: os.wait4 gives its own rusage,
    where RUSAGE_CHILDREN would mix in every earlier child of the test process."""
    start = time.monotonic()
    proc = start_ask(*args, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = _read_both(proc.stdout, proc.stderr, start + RUN_TIMEOUT_S, proc)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    run = MeasuredRun(
        proc.returncode,
        out.decode("utf-8"),
        err.decode("utf-8"),
        peak_rss_mb=usage.ru_maxrss / 1024,  # Linux reports KiB
        seconds=time.monotonic() - start,
    )
    assert_no_secrets(run.stdout + run.stderr)
    return run


def _read_both(
    out: IO[bytes], err: IO[bytes], deadline: float, proc: subprocess.Popen[bytes]
) -> tuple[bytes, bytes]:
    """Both pipes to EOF, bounded by `deadline` (the child is killed past it)."""
    out_fd, err_fd = out.fileno(), err.fileno()
    got = {out_fd: b"", err_fd: b""}
    open_fds = set(got)
    while open_fds:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            proc.kill()
            raise AssertionError(f"ask did not finish within {RUN_TIMEOUT_S} s")
        readable, _, _ = select.select(list(open_fds), [], [], remaining)
        for fd in readable:
            chunk = os.read(fd, 65536)
            if chunk:
                got[fd] += chunk
            else:
                open_fds.discard(fd)
    out.close()
    err.close()
    return got[out_fd], got[err_fd]


def start_ask(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start `ask` with unbuffered binary pipes, to read its output while it still runs."""
    return subprocess.Popen(
        command("ask", *args),
        cwd=ROOT,
        env=cli_env() if env is None else env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )


def read_until(pipe: IO[bytes], marker: bytes, timeout_s: float = RUN_TIMEOUT_S) -> bytes:
    """Block on the pipe until `marker` has arrived (bounded by `timeout_s`); return all read."""
    fd = pipe.fileno()
    got = b""
    deadline = time.monotonic() + timeout_s
    while marker not in got:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"{marker!r} did not arrive within {timeout_s} s; got {got!r}"
        readable, _, _ = select.select([fd], [], [], remaining)
        if readable:
            chunk = os.read(fd, 4096)
            assert chunk, f"the pipe closed before {marker!r}; got {got!r}"
            got += chunk
    return got


def assert_no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, "a token reached the output"


def workers_args(server: LoopbackServer, *more: str) -> list[str]:
    return [
        "--backend",
        "workers-ai",
        "--base-url",
        f"{server.url}/client/v4",
        "--account-id",
        ACCOUNT,
        *more,
    ]


def openai_args(server: LoopbackServer, *more: str, suffix: str = "/v1") -> list[str]:
    return ["--backend", "openai", "--base-url", f"{server.url}{suffix}", *more]
