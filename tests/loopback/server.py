"""A real threaded loopback HTTP/1.1 server that replays scripted or default LLM replies."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import ssl
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import urlsplit

from tests.loopback import wire
from tests.loopback.wire import split_events

Framing = Literal["chunked", "close", "length"]
DEFAULT_TOKENS: tuple[str, ...] = ("Hello", ",", " world", "!")
_DISCONNECT_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
# Slice for bounded waits: short enough that close() and disconnects are noticed fast.
_WAIT_SLICE_S = 0.05
#: Hard caps on one endless or silent reply, whatever the client does: a hostile reply ends
#: by itself ("capped") long before a test run would notice a hang.
ENDLESS_MAX_BYTES = 256 * 1024 * 1024
ENDLESS_MAX_S = 20.0


@dataclass
class Reply:
    """One scripted response; a list body is written as separate chunks."""

    status: int = 200
    body: bytes | list[bytes] = b""
    content_type: str | None = "text/event-stream"
    headers: dict[str, str] = field(default_factory=dict)
    framing: Framing = "chunked"
    chunk_delay_s: float = 0.0
    stall_after: int | None = None
    abort_after: int | None = None
    #: After `body`, chunks from this (lazily, `chunk_delay_s` apart) until the client hangs
    #: up or a cap is reached; then the connection is dropped. For hostile servers.
    endless: Callable[[], Iterable[bytes]] | None = None
    #: Read the request, then say nothing at all, not even a status line, until the client
    #: hangs up or the time cap passes.
    silent: bool = False

    @classmethod
    def json(cls, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
        """A plain JSON reply with Content-Length, as servers send errors and non-streamed results."""
        return cls(status, body, "application/json", dict(headers or {}), "length")

    def chunks(self) -> list[bytes]:
        return [self.body] if isinstance(self.body, bytes) else list(self.body)


@dataclass
class RecordedRequest:
    """What the client sent, plus how the reply to it ended."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    outcome: str = "pending"
    _settled: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    @property
    def url_path(self) -> str:
        return urlsplit(self.path).path

    def json(self) -> Any:
        return json.loads(self.body)

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)

    def wait_settled(self, timeout: float = 5.0) -> str:
        """Block until the reply ended; outcome is complete|client_gone|aborted|released|capped
        (an endless or silent reply hit the fixture's own caps)|pending."""
        self._settled.wait(timeout)
        return self.outcome

    def _settle(self, outcome: str) -> None:
        self.outcome = outcome
        self._settled.set()


ReplyLike = Reply | Callable[[RecordedRequest], Reply]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, owner: LoopbackServer, tls: ssl.SSLContext | None = None) -> None:
        self.owner = owner
        self.tls = tls
        super().__init__(("127.0.0.1", 0), _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        conn, addr = super().get_request()
        if self.tls is not None:
            # The handshake happens on the handler's first read, in its own thread.
            conn = self.tls.wrap_socket(conn, server_side=True, do_handshake_on_connect=False)
        return conn, addr

    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver prints tracebacks to stderr; keep disconnects silent and keep
        # real bugs where a test can assert on them.
        exc = sys.exc_info()[1]
        if exc is not None and not isinstance(exc, (*_DISCONNECT_ERRORS, OSError)):
            self.owner.errors.append(exc)


class LoopbackServer:
    """Serves on 127.0.0.1:<free port> from a daemon thread until close()."""

    def __init__(
        self,
        *,
        require_token: str | None = None,
        tokens: Sequence[str] = DEFAULT_TOKENS,
        model_ids: Sequence[str] = ("tiny-llama",),
        max_model_len: int = 4096,
        stall_timeout_s: float = 30.0,
        tls: ssl.SSLContext | None = None,
        raw_completions: bool = True,
        continue_final_message: bool = True,
        endless_max_bytes: int = ENDLESS_MAX_BYTES,
        endless_max_s: float = ENDLESS_MAX_S,
    ) -> None:
        self.require_token = require_token
        #: Off: POST /completions is a 404, as on servers with a chat endpoint only.
        self.raw_completions = raw_completions
        #: Off: a chat request asking to continue the last message is refused (400), as a
        #: server with strict request validation that does not know the field answers.
        self.continue_final_message = continue_final_message
        self.tls = tls
        self.tokens = list(tokens)
        self.model_ids = list(model_ids)
        self.max_model_len = max_model_len
        self.stall_timeout_s = stall_timeout_s
        self.endless_max_bytes = min(endless_max_bytes, ENDLESS_MAX_BYTES)
        self.endless_max_s = min(endless_max_s, ENDLESS_MAX_S)
        self.requests: list[RecordedRequest] = []
        self.errors: list[BaseException] = []
        #: Requests being answered now, and the most there ever were at once. A request counts
        #: from when it was read until its reply ends; a chunked reply (every stream) stops
        #: counting just before its last byte, so no client sees it done while it counts.
        self.in_flight = 0
        self.max_in_flight = 0
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._queues: dict[tuple[str, str], deque[ReplyLike]] = {}
        self._connections: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._httpd = _HTTPServer(self, tls)
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": _WAIT_SLICE_S}, daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def https_url(self) -> str:
        """Speaking TLS to this plain-HTTP port gives a genuine TLS handshake failure."""
        return f"https://127.0.0.1:{self.port}"

    def queue(self, method: str, path_suffix: str, *replies: ReplyLike) -> None:
        """Answer the next requests whose path ends with path_suffix with these replies, FIFO."""
        with self._lock:
            self._queues.setdefault((method.upper(), path_suffix), deque()).extend(replies)

    def pending(self, method: str, path_suffix: str) -> int:
        with self._lock:
            return len(self._queues.get((method.upper(), path_suffix), ()))

    def close(self) -> None:
        """Stop serving, release stalled replies, drop idle connections, join threads."""
        if self.closing.is_set():
            return
        self.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:
            connections = list(self._connections)
            threads = list(self._handler_threads)
        for conn in connections:
            # Idle keep-alive handlers block in readline; shutting the socket wakes them.
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=5.0)
        self._thread.join(timeout=5.0)

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- used by the handler ---------------------------------------------------

    def _take_reply(self, method: str, path: str) -> ReplyLike | None:
        with self._lock:
            # The longest registered suffix that matches wins even once drained, so a
            # "/completions" script never steals "/chat/completions" requests after the
            # chat script ran out (both end with "/completions").
            matching = [key for key in self._queues if key[0] == method and path.endswith(key[1])]
            if not matching:
                return None
            replies = self._queues[max(matching, key=lambda key: len(key[1]))]
            return replies.popleft() if replies else None

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _started(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _ended(self) -> None:
        with self._lock:
            self.in_flight -= 1

    @contextlib.contextmanager
    def _tracked(self, conn: socket.socket) -> Iterator[None]:
        with self._lock:
            self._connections.add(conn)
            self._handler_threads.add(threading.current_thread())
        try:
            yield
        finally:
            with self._lock:
                self._connections.discard(conn)
                self._handler_threads.discard(threading.current_thread())


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        # Without NODELAY, Nagle + delayed ACK can merge or hold back small chunks.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        tracked = self.server.owner._tracked(self.connection)
        with tracked, contextlib.suppress(*_DISCONNECT_ERRORS, OSError):
            super().handle()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests read recorded requests, not logs

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # skip trailers
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _dispatch(self) -> None:
        owner = self.server.owner
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        request = RecordedRequest(self.command, self.path, headers, self._read_body())
        owner._record(request)
        owner._started()
        self._counted = True
        path = request.url_path
        expected = None if owner.require_token is None else f"Bearer {owner.require_token}"
        if expected is not None and headers.get("authorization") != expected:
            reply: Reply = _unauthorized(path)
        else:
            scripted = owner._take_reply(self.command, path)
            try:
                if scripted is None:
                    reply = default_reply(owner, request)
                else:
                    reply = scripted(request) if callable(scripted) else scripted
            except Exception as exc:  # a broken reply factory: answer, and keep it for the test
                owner.errors.append(exc)
                reply = Reply.json(wire.openai_error("detail", 500, f"fixture error: {exc!r}"), 500)
        try:
            outcome = self._send(reply)
        except (*_DISCONNECT_ERRORS, OSError):
            outcome = "client_gone"
        finally:
            self._end_count()
        if outcome != "complete":
            self.close_connection = True
        request._settle(outcome)

    def _send(self, reply: Reply) -> str:
        if reply.silent:
            return self._say_nothing()
        chunks = [c for c in reply.chunks() if c]  # an empty chunk would end a chunked body
        self.send_response(reply.status)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.framing == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
        elif reply.framing == "length":
            self.send_header("Content-Length", str(sum(map(len, chunks))))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        for index, chunk in enumerate(chunks):
            if reply.stall_after is not None and index >= reply.stall_after:
                return self._stall()
            if reply.abort_after is not None and index >= reply.abort_after:
                return self._abort()
            if index and reply.chunk_delay_s > 0 and self._wait(reply.chunk_delay_s) != "timeout":
                return "client_gone" if not self.server.owner.closing.is_set() else "released"
            framed = b"%x\r\n%s\r\n" % (len(chunk), chunk) if reply.framing == "chunked" else chunk
            self.wfile.write(framed)
        if reply.stall_after is not None and reply.stall_after >= len(chunks):
            return self._stall()
        if reply.abort_after is not None and reply.abort_after >= len(chunks):
            return self._abort()
        if reply.endless is not None:
            return self._send_endless(reply)
        if reply.framing == "chunked":
            self._end_count()  # before the last byte: the client cannot be done before this
            self.wfile.write(b"0\r\n\r\n")
        return "complete"

    def _end_count(self) -> None:
        if getattr(self, "_counted", False):
            self._counted = False
            self.server.owner._ended()

    def _send_endless(self, reply: Reply) -> str:
        """Write until the client hangs up or a cap is reached; never longer than the caps."""
        assert reply.endless is not None
        owner = self.server.owner
        deadline = time.monotonic() + owner.endless_max_s
        # A client that stops reading without hanging up must not block a write forever.
        self.connection.settimeout(owner.endless_max_s)
        sent = 0
        for chunk in reply.endless():
            if sent >= owner.endless_max_bytes or time.monotonic() >= deadline:
                self._abort()
                return "capped"
            if owner.closing.is_set():
                self._abort()
                return "released"
            if reply.chunk_delay_s > 0:
                why = self._wait(min(reply.chunk_delay_s, max(0.0, deadline - time.monotonic())))
                if why != "timeout":
                    self._abort()
                    return "client_gone" if why == "gone" else "released"
            if chunk:
                framed = (
                    b"%x\r\n%s\r\n" % (len(chunk), chunk) if reply.framing == "chunked" else chunk
                )
                self.wfile.write(framed)
                sent += len(chunk)
        return self._abort()

    def _say_nothing(self) -> str:
        why = self._wait(self.server.owner.endless_max_s)
        self._abort()
        return {"gone": "client_gone", "timeout": "capped"}.get(why, "released")

    def _stall(self) -> str:
        why = self._wait(self.server.owner.stall_timeout_s)
        self._abort()
        return "client_gone" if why == "gone" else "released"

    def _abort(self) -> str:
        # FIN without the chunked terminator: clients see an incomplete body
        # (httpx.RemoteProtocolError), the same as a proxy dropping the stream.
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        return "aborted"

    def _wait(self, seconds: float) -> str:
        """Wait up to `seconds`; returns 'gone' (peer closed), 'closing' or 'timeout'."""
        owner = self.server.owner
        remaining = seconds
        while remaining > 0:
            if owner.closing.is_set():
                return "closing"
            step = min(_WAIT_SLICE_S, remaining)
            readable, _, _ = select.select([self.connection], [], [], step)
            if owner.closing.is_set():
                return "closing"  # close() also shuts our socket: that is not the client leaving
            if readable and self._peer_gone():
                return "gone"
            if readable:
                owner.closing.wait(step)  # pipelined bytes, not EOF: avoid a busy loop
            remaining -= step
        return "closing" if owner.closing.is_set() else "timeout"

    def _peer_gone(self) -> bool:
        try:
            peeked: bytes = self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except BlockingIOError:
            return False
        except OSError:
            return True
        return peeked == b""


def _is_native(path: str) -> bool:
    """Native Workers AI run path, direct (`/ai/run/@cf/...`) or via AI Gateway."""
    gateway = "/workers-ai/" in path and "/workers-ai/v1/" not in path
    return "/ai/run/" in path or gateway


def _is_cloudflare(path: str) -> bool:
    return _is_native(path) or "/client/v4/" in path or "/workers-ai/" in path


def _unauthorized(path: str) -> Reply:
    if _is_cloudflare(path):
        return Reply.json(wire.cf_error(10000, "Authentication error"), 401)
    return Reply.json(wire.openai_error("string", 401, "Unauthorized"), 401)


def default_reply(owner: LoopbackServer, request: RecordedRequest) -> Reply:
    """Deterministic answers: fixed tokens, cut at max_tokens with finish_reason 'length'."""
    path = request.url_path
    if request.method == "GET" and path.endswith("/models"):
        if _is_cloudflare(path):  # Workers AI's OpenAI endpoint has no model list
            return Reply.json(wire.cf_error(7001, "Method not allowed"), 405)
        return Reply.json(wire.models_list(owner.model_ids, max_model_len=owner.max_model_len))
    chat, legacy = path.endswith("/chat/completions"), path.endswith("/completions")
    if request.method != "POST" or not (_is_native(path) or legacy):
        return Reply.json(wire.openai_error("detail", 404, "Not Found"), 404)
    if legacy and not chat and not owner.raw_completions:
        return Reply.json(wire.openai_error("detail", 404, "Not Found"), 404)
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        if _is_cloudflare(path):
            return Reply.json(wire.cf_error(5006, "AiError: Bad input: body is not JSON"), 400)
        return Reply.json(wire.openai_error("object", 400, "Body is not valid JSON"), 400)
    if "continue_final_message" in payload and not owner.continue_final_message:
        message = "continue_final_message: Extra inputs are not permitted"
        return Reply.json(wire.openai_error("detail", 422, message), 422)
    tokens, finish = list(owner.tokens), "stop"
    max_tokens = payload.get("max_tokens")
    if isinstance(max_tokens, int) and max_tokens <= len(tokens):
        tokens, finish = tokens[: max(max_tokens, 0)], "length"
    # A rough 4-characters-per-token count: deterministic, and grows with the prompt.
    prompt_tokens = max(1, len(json.dumps(payload.get("messages", payload.get("prompt", "")))) // 4)
    stream, text = payload.get("stream") is True, "".join(tokens)
    if _is_native(path):
        if stream:
            return Reply(
                body=split_events(wire.workers_ai_stream(tokens, prompt_tokens=prompt_tokens))
            )
        return Reply.json(
            wire.workers_ai_envelope(
                text, prompt_tokens=prompt_tokens, completion_tokens=len(tokens)
            )
        )
    model = str(payload.get("model", owner.model_ids[0]))
    if stream:
        options = payload.get("stream_options")
        include = isinstance(options, dict) and bool(options.get("include_usage"))
        # Cloudflare's OpenAI endpoint gets its quirks (no role chunk, finish_reason on
        # the usage chunk, a second all-zero usage chunk); anything else speaks vLLM.
        cloudflare = _is_cloudflare(path)
        body = wire.openai_stream(
            tokens,
            flavor="workers-ai" if cloudflare else "vllm",
            double_usage=cloudflare,
            model=model,
            finish_reason=finish,
            include_usage=include,
            prompt_tokens=prompt_tokens,
            completions=not chat,
        )
        return Reply(body=split_events(body))
    body = wire.openai_completion(
        text,
        finish_reason=finish,
        prompt_tokens=prompt_tokens,
        completions=not chat,
        completion_tokens=len(tokens),
        model=model,
    )
    return Reply.json(body)
