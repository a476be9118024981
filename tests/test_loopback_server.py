"""Tests of the loopback server fixture itself: routing, framing, faults, wire builders."""

from __future__ import annotations

import json
import threading
import time
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.loopback import (
    CATEGORIES,
    FAULTS,
    TRANSPORT_FAULTS,
    Fault,
    Framing,
    LoopbackServer,
    RecordedRequest,
    Reply,
    TransportFault,
    cf_error,
    inband_error,
    models_list,
    openai_completion,
    openai_error,
    openai_stream,
    split_at,
    split_every,
    workers_ai_envelope,
    workers_ai_stream,
)
from tests.loopback.hostile import endless_line, gzip_bomb, keepalive_forever, never_answers

NATIVE = "/client/v4/accounts/acc/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8"
CHAT = "/v1/chat/completions"


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv
    assert srv.errors == []


@pytest.fixture
def client(server: LoopbackServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=5.0) as http:
        yield http


def sse_data(body: bytes) -> list[str]:
    """Data payloads of an SSE body, tolerant of CRLF, comments and a missing space."""
    text = body.decode("utf-8").replace("\r\n", "\n")
    assert text == "" or text.endswith("\n\n"), "every event must end with a blank line"
    payloads = []
    for line in text.split("\n"):
        if line.startswith("data:"):
            payloads.append(line[5:].removeprefix(" "))
        else:
            assert line == "" or line.startswith(":"), f"unexpected SSE line {line!r}"
    return payloads


def parsed(body: bytes) -> list[dict[str, Any]]:
    """JSON of every data line; asserts [DONE] appears only last."""
    payloads = sse_data(body)
    if "[DONE]" in payloads:
        assert payloads.index("[DONE]") == len(payloads) - 1
        payloads = payloads[:-1]
    return [json.loads(p) for p in payloads]


# -- wire builders ------------------------------------------------------------------


WAI_OPTIONS = [{}, {"crlf": True}, {"comments": True}, {"no_space": True}, {"padding": False}]
OPENAI_OPTIONS = [{}, {"empty_deltas": True}, {"spaced_json": True}, {"double_usage": True}]


@pytest.mark.parametrize("options", [*WAI_OPTIONS, {"cached_tokens": 5}])
def test_workers_ai_stream_is_valid_sse(options: dict[str, Any]) -> None:
    body = workers_ai_stream(["Hi", " thé", "re"], **options)
    events = parsed(body)
    assert "".join(e["response"] for e in events) == "Hi thére"
    assert events[-1]["usage"] == {
        "prompt_tokens": 12,
        "completion_tokens": 3,
        "total_tokens": 15,
        **({"prompt_tokens_details": {"cached_tokens": 5}} if "cached_tokens" in options else {}),
    }
    assert events[-2] == {"response": ""}
    assert sse_data(body)[-1] == "[DONE]"
    assert (b"\r\n" in body) == bool(options.get("crlf"))
    assert (b": keep-alive" in body) == bool(options.get("comments"))
    assert (b"data:{" in body) == bool(options.get("no_space"))


def test_workers_ai_stream_padding_is_partial_and_reproducible() -> None:
    tokens = [f"t{i}" for i in range(9)]
    body = workers_ai_stream(tokens)
    padded = [("p" in e) for e in parsed(body)[: len(tokens)]]
    assert any(padded) and not all(padded)
    assert workers_ai_stream(tokens) == body
    assert all("p" not in e for e in parsed(workers_ai_stream(tokens, padding=False)))


def test_workers_ai_stream_can_be_cut() -> None:
    body = workers_ai_stream(["a"], empty_event=False, usage=False, done=False)
    assert sse_data(body) == ['{"response":"a","p":"' + json.loads(sse_data(body)[0])["p"] + '"}']


@pytest.mark.parametrize("flavor", ["vllm", "workers-ai", "transformers", "llamacpp"])
@pytest.mark.parametrize("options", [*OPENAI_OPTIONS, {"include_usage": False}])
def test_openai_stream_is_valid_sse(flavor: str, options: dict[str, Any]) -> None:
    body = openai_stream(["Hel", "lo"], flavor=flavor, finish_reason="length", **options)
    chunks = parsed(body)
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    text = "".join((c["choices"][0]["delta"].get("content") or "") for c in chunks if c["choices"])
    assert text == "Hello"
    finishes = [c["choices"][0].get("finish_reason") for c in chunks if c["choices"]]
    assert "length" in finishes
    usages = [c["usage"] for c in chunks if c.get("usage")]
    if options.get("include_usage") is False:
        assert usages == []
    else:
        assert usages[0] == {"prompt_tokens": 12, "completion_tokens": 2, "total_tokens": 14}
    assert (sse_data(body)[-1] == "[DONE]") == (flavor != "transformers")
    assert (b'": ' in body) == bool(options.get("spaced_json"))


def test_openai_stream_flavor_quirks() -> None:
    vllm = parsed(openai_stream(["a"], flavor="vllm"))
    assert vllm[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert vllm[1]["choices"][0]["token_ids"] is None
    assert "prompt_token_ids" in vllm[1]["choices"][0]
    assert vllm[-1]["choices"] == [] and vllm[-1]["usage"]["completion_tokens"] == 1

    wai = parsed(openai_stream(["a"], flavor="workers-ai", double_usage=True))
    assert "role" not in wai[0]["choices"][0]["delta"] and wai[0]["id"].startswith("id-")
    assert [c["choices"][0]["finish_reason"] for c in wai] == [None, "stop", "stop"]
    assert wai[-1]["usage"] == {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}

    tf = openai_stream(["a"], flavor="transformers")
    assert not tf.rstrip().endswith(b"[DONE]")
    assert "usage" in parsed(tf)[-1] and parsed(tf)[-1]["choices"][0]["finish_reason"] == "stop"

    llama = parsed(openai_stream(["a"], flavor="llamacpp"))
    assert llama[0]["choices"][0]["delta"] == {"role": "assistant", "content": None}
    assert llama[-1]["choices"] == [] and "timings" in llama[-1]

    on_finish = parsed(openai_stream(["a"], usage_on_finish=True))
    assert on_finish[-1]["choices"][0]["finish_reason"] == "stop" and "usage" in on_finish[-1]

    empties = parsed(openai_stream(["a", "b"], empty_deltas=True))
    assert {"content": None} in [c["choices"][0]["delta"] for c in empties if c["choices"]]
    assert openai_stream(["a"], role_chunk=False).count(b'"role"') == 0


def test_openai_stream_legacy_completions() -> None:
    chunks = parsed(openai_stream(["a", "b"], completions=True))
    assert all(c["object"] == "text_completion" for c in chunks)
    assert "".join(c["choices"][0]["text"] for c in chunks if c["choices"]) == "ab"


def test_non_streaming_bodies() -> None:
    envelope = json.loads(workers_ai_envelope("Hi there", completion_tokens=2))
    assert envelope["success"] is True and envelope["result"]["response"] == "Hi there"
    assert envelope["result"]["usage"]["total_tokens"] == 14
    assert json.loads(workers_ai_envelope(None))["result"]["response"] is None
    chat = json.loads(openai_completion("Hi", finish_reason="length"))
    assert chat["object"] == "chat.completion" and chat["choices"][0]["message"]["content"] == "Hi"
    assert chat["choices"][0]["finish_reason"] == "length"
    legacy = json.loads(openai_completion("Hi", completions=True))
    assert legacy["object"] == "text_completion" and legacy["choices"][0]["text"] == "Hi"


def test_error_bodies() -> None:
    assert json.loads(cf_error(7003, "x"))["errors"] == [{"code": 7003, "message": "x"}]
    assert json.loads(cf_error(None, "x"))["errors"] == [{"message": "x"}]
    assert json.loads(openai_error("openai", 400, "m"))["error"]["message"] == "m"
    assert json.loads(openai_error("object", 400, "m"))["object"] == "error"
    assert json.loads(openai_error("string", 401, "Unauthorized")) == {"error": "Unauthorized"}
    assert json.loads(openai_error("detail", 422, "m")) == {"detail": "m"}
    llama = json.loads(openai_error("llamacpp", 400, "m"))["error"]
    assert llama["type"] == "exceed_context_size_error" and llama["n_ctx"] == 512
    assert parsed(inband_error("boom"))[0]["error"]["message"] == "boom"
    assert parsed(inband_error("boom", as_string=True)) == [{"error": "boom"}]
    assert json.loads(models_list(["a"], max_model_len=9))["data"][0]["max_model_len"] == 9
    assert json.loads(models_list(["a"], n_ctx=7))["data"][0]["meta"]["n_ctx"] == 7


def test_split_helpers() -> None:
    assert split_every(b"abcdefg", 3) == [b"abc", b"def", b"g"]
    assert split_at(b"abcdefg", [5, 2, 2, 0, 99]) == [b"ab", b"cde", b"fg"]


# -- routing and defaults ------------------------------------------------------------


def test_default_native_stream_and_envelope(server: LoopbackServer, client: httpx.Client) -> None:
    streamed = client.post(
        NATIVE, json={"messages": [{"role": "user", "content": "hi"}], "stream": True}
    )
    assert streamed.headers["content-type"] == "text/event-stream"
    assert "".join(e["response"] for e in parsed(streamed.content)) == "Hello, world!"
    plain = client.post(NATIVE, json={"prompt": "hi", "max_tokens": 2})
    assert plain.json()["result"]["response"] == "Hello,"
    assert [r.json().get("stream") for r in server.requests] == [True, None]
    assert server.requests[0].header("Content-Type") == "application/json"


def test_default_chat_honours_max_tokens(server: LoopbackServer, client: httpx.Client) -> None:
    request = {"messages": [], "stream": True, "stream_options": {"include_usage": True}}
    full = parsed(client.post(CHAT, json=request).content)
    assert full[-2]["choices"][0]["finish_reason"] == "stop"
    assert full[-1]["usage"]["completion_tokens"] == 4
    cut = parsed(client.post(CHAT, json={**request, "max_tokens": 2}).content)
    assert cut[-2]["choices"][0]["finish_reason"] == "length"
    assert cut[-1]["usage"]["completion_tokens"] == 2
    plain = client.post(CHAT, json={"messages": [], "max_tokens": 1}).json()["choices"][0]
    assert (plain["message"]["content"], plain["finish_reason"]) == ("Hello", "length")
    legacy = client.post("/v1/completions", json={"prompt": "x", "stream": True})
    assert all(c["object"] == "text_completion" for c in parsed(legacy.content))
    models = client.get("/v1/models").json()
    assert models["data"][0] == {**models["data"][0], "id": "tiny-llama", "max_model_len": 4096}


def test_default_cloudflare_paths(client: httpx.Client) -> None:
    gateway = client.post("/v1/acc/gw/workers-ai/@cf/meta/llama-3.1-8b-instruct-fp8", json={})
    assert gateway.json()["result"]["response"] == "Hello, world!"
    base = "/client/v4/accounts/acc/ai/v1"
    request = {"stream": True, "stream_options": {"include_usage": True}}
    chunks = parsed(client.post(base + "/chat/completions", json=request).content)
    assert chunks[0]["id"].startswith("id-") and "role" not in chunks[0]["choices"][0]["delta"]
    assert [c["usage"]["total_tokens"] for c in chunks if "usage" in c][-1] == 0
    models = client.get(base + "/models")
    assert (models.status_code, models.json()["errors"][0]["code"]) == (405, 7001)


def test_queue_is_fifo_then_falls_back_to_default(
    server: LoopbackServer, client: httpx.Client
) -> None:
    first, second = Reply.json(b'{"n":1}'), Reply.json(b'{"n":2}', status=201)
    server.queue("POST", "/chat/completions", first, second)
    server.queue("POST", "/completions", Reply.json(b'{"n":"legacy"}'))
    assert client.post(CHAT, json={}).json() == {"n": 1}
    answer = client.post(CHAT, json={})
    assert (answer.status_code, answer.json()) == (201, {"n": 2})
    assert "choices" in client.post(CHAT, json={}).json()  # queue drained: default handler
    assert client.post("/v1/completions", json={}).json() == {"n": "legacy"}
    assert server.pending("POST", "/completions") == 0


def test_queue_accepts_reply_factories(server: LoopbackServer, client: httpx.Client) -> None:
    def echo(request: RecordedRequest) -> Reply:
        return Reply.json(json.dumps({"echo": request.json()["x"]}).encode())

    server.queue("POST", CHAT, echo)
    assert client.post(CHAT, json={"x": 7}).json() == {"echo": 7}


def test_require_token() -> None:
    with LoopbackServer(require_token="sekret") as srv:
        native = httpx.post(srv.url + NATIVE, json={})
        assert native.status_code == 401 and native.json()["errors"][0]["code"] == 10000
        chat = httpx.post(srv.url + CHAT, json={}, headers={"Authorization": "Bearer wrong"})
        assert (chat.status_code, chat.json()) == (401, {"error": "Unauthorized"})
        ok = httpx.post(srv.url + CHAT, json={}, headers={"Authorization": "Bearer sekret"})
        assert ok.status_code == 200
        assert len(srv.requests) == 3


# -- framing, faults in transport ------------------------------------------------------


@pytest.mark.parametrize("framing", ["chunked", "close", "length"])
def test_framings_deliver_the_whole_body(
    framing: Framing, server: LoopbackServer, client: httpx.Client
) -> None:
    body = workers_ai_stream(["né", "e"])
    server.queue(
        "POST", NATIVE, Reply(body=split_every(body, 3), framing=framing, chunk_delay_s=0.001)
    )
    with client.stream("POST", NATIVE, json={}) as response:
        pieces = list(response.iter_raw())
        assert (response.headers.get("transfer-encoding") == "chunked") == (framing == "chunked")
        assert ("content-length" in response.headers) == (framing == "length")
    assert b"".join(pieces) == body
    if framing == "chunked":
        assert len(pieces) > 1  # separate writes really arrive as separate reads
    assert server.requests[0].wait_settled() == "complete"


def test_abort_mid_chunked_body_is_a_protocol_error(
    server: LoopbackServer, client: httpx.Client
) -> None:
    server.queue("POST", CHAT, Reply(body=[b"data: 1\n\n", b"data: 2\n\n"], abort_after=1))
    received = []
    with pytest.raises(httpx.RemoteProtocolError), client.stream("POST", CHAT, json={}) as response:
        for piece in response.iter_raw():
            received.append(piece)
    assert b"".join(received) == b"data: 1\n\n"
    assert server.requests[0].wait_settled() == "aborted"


def test_close_framing_ends_cleanly_at_eof(server: LoopbackServer, client: httpx.Client) -> None:
    server.queue("POST", CHAT, Reply(body=[b"data: 1\n\n", b"data: 2\n\n"], framing="close"))
    response = client.post(CHAT, json={})
    assert response.content == b"data: 1\n\ndata: 2\n\n"
    assert response.headers["connection"] == "close"
    assert client.post(CHAT, json={}).status_code == 200  # client reconnects after the close


def test_stall_is_released_by_close() -> None:
    with LoopbackServer() as srv, httpx.Client(timeout=10.0) as http:
        srv.queue("POST", CHAT, Reply(body=[b"data: 1\n\n", b"data: 2\n\n"], stall_after=1))
        with http.stream("POST", srv.url + CHAT, json={}) as response:
            stream = response.iter_raw()
            assert next(stream) == b"data: 1\n\n"
            started = time.monotonic()
            srv.close()  # must not wait for the 30 s stall bound
            assert time.monotonic() - started < 2.0
            with pytest.raises(httpx.RemoteProtocolError):
                list(stream)
        assert srv.requests[0].outcome == "released"


def test_stall_notices_client_disconnect(server: LoopbackServer) -> None:
    server.queue("POST", CHAT, Reply(body=[b"data: 1\n\n", b"data: 2\n\n"], stall_after=1))
    with (
        httpx.Client(timeout=10.0) as http,
        http.stream("POST", server.url + CHAT, json={}) as response,
    ):
        assert next(response.iter_raw()) == b"data: 1\n\n"
    assert server.requests[0].wait_settled(timeout=5.0) == "client_gone"


def test_stall_gives_client_read_timeout(server: LoopbackServer) -> None:
    server.queue("POST", NATIVE, Reply(body=[b"data: 1\n\n"], stall_after=0))
    with (
        httpx.Client(timeout=httpx.Timeout(5.0, read=0.1)) as http,
        pytest.raises(httpx.ReadTimeout),
    ):
        http.post(server.url + NATIVE, json={})


def test_disconnect_mid_write_is_quiet(
    server: LoopbackServer, capfd: pytest.CaptureFixture[str]
) -> None:
    pieces = [b"data: %d\n\n" % i for i in range(200)]
    server.queue("POST", CHAT, Reply(body=pieces, chunk_delay_s=0.01))  # 2 s to notice
    with (
        httpx.Client(timeout=5.0) as http,
        http.stream("POST", server.url + CHAT, json={}) as response,
    ):
        next(response.iter_raw())
    assert server.requests[0].wait_settled() == "client_gone"
    assert capfd.readouterr().err == ""


def test_concurrent_requests_are_all_recorded(server: LoopbackServer) -> None:
    def hit() -> None:
        httpx.post(server.url + CHAT, json={"stream": True}, timeout=5.0).raise_for_status()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10.0)
    assert len(server.requests) == 8


# -- the fault catalogue ------------------------------------------------------------


def test_fault_catalogue_is_consistent() -> None:
    categories = {f.expect_category for f in FAULTS} | {t.expect_category for t in TRANSPORT_FAULTS}
    assert categories == set(CATEGORIES)
    assert all(not (f.retryable and f.partial_text) for f in FAULTS)
    cf_json = [f.reply for f in FAULTS if f.dialect == "workers-ai" and f.reply.status >= 400]
    codes = {
        error.get("code")
        for reply in cf_json
        if reply.content_type == "application/json"
        for error in json.loads(reply.chunks()[0])["errors"]
    }
    table = "10000 7003 5007 3042 5028 5006 3006 3007 3008 3040 3021 3036 4006 8007 3030"
    assert {*map(int, table.split()), None} <= codes


def streamed_text(raw: bytes) -> str:
    """Text carried by the well-formed events of either dialect, errors skipped."""
    events = [json.loads(p) for p in sse_data(raw) if p.endswith("}")]
    return "".join(
        (e["choices"][0]["delta"].get("content") or "")
        if e.get("choices")
        else e.get("response", "")
        for e in events
        if "error" not in e
    )


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_each_fault_replays_over_http(fault: Fault, server: LoopbackServer) -> None:
    fault.install(server)
    prefix = "/client/v4/accounts/acc" if fault.dialect == "workers-ai" else "/v1"
    received: list[bytes] = []
    broken = fault.reply.abort_after is not None or fault.reply.stall_after is not None
    # A short read timeout only where a stall is scripted, so a loaded CI box can't flake.
    read_timeout = 0.2 if fault.reply.stall_after is not None else 5.0
    with httpx.Client(base_url=server.url, timeout=httpx.Timeout(5.0, read=read_timeout)) as http:
        url, body = prefix + fault.path_suffix, {"stream": fault.stream}
        with http.stream(fault.method, url, json=body) as response:
            try:
                received.extend(response.iter_raw())
                assert not broken
            except (httpx.RemoteProtocolError, httpx.ReadTimeout):
                assert broken
    assert response.status_code == fault.reply.status
    for name, value in fault.reply.headers.items():
        assert response.headers[name] == value
    if fault.reply.content_type == "text/event-stream":
        assert streamed_text(b"".join(received)) == fault.partial_text


@pytest.mark.parametrize("fault", TRANSPORT_FAULTS, ids=lambda f: f.name)
def test_transport_faults(fault: TransportFault, server: LoopbackServer) -> None:
    with pytest.raises(httpx.ConnectError):
        httpx.get(fault.url(server) + "/v1/models", timeout=5.0)


# -- hostile replies: bounded even against a client that never stops -----------------------


def test_an_endless_reply_stops_at_the_fixture_byte_cap() -> None:
    with LoopbackServer(endless_max_bytes=2 * 1024 * 1024) as srv:
        srv.queue("POST", CHAT, endless_line("openai"))
        got = 0
        with (
            httpx.Client(base_url=srv.url, timeout=5.0) as http,
            http.stream("POST", CHAT, json={}) as response,
            pytest.raises(httpx.RemoteProtocolError),
        ):
            for chunk in response.iter_raw():  # a client with no bound of its own
                got += len(chunk)
        assert srv.requests[-1].wait_settled(5) == "capped"
        assert 2 * 1024 * 1024 <= got < 3 * 1024 * 1024


def test_a_slow_endless_reply_stops_at_the_fixture_time_cap() -> None:
    with LoopbackServer(endless_max_s=0.5) as srv:
        srv.queue("POST", CHAT, keepalive_forever("openai", every_s=0.05))
        with (
            httpx.Client(base_url=srv.url, timeout=5.0) as http,
            http.stream("POST", CHAT, json={}) as response,
            pytest.raises(httpx.RemoteProtocolError),
        ):
            b"".join(response.iter_raw())
        assert srv.requests[-1].wait_settled(5) == "capped"


def test_a_silent_reply_says_nothing_until_its_time_cap() -> None:
    with LoopbackServer(endless_max_s=0.5) as srv:
        srv.queue("POST", CHAT, never_answers("openai"))
        started = time.monotonic()
        with (
            httpx.Client(base_url=srv.url, timeout=5.0) as http,
            pytest.raises(httpx.RemoteProtocolError),  # closed without a status line
        ):
            http.post(CHAT, json={})
        assert 0.5 <= time.monotonic() - started < 3.0
        assert srv.requests[-1].wait_settled(5) == "capped"


def test_the_gzip_bomb_is_a_valid_gzip_stream_a_thousand_times_smaller() -> None:
    reply = gzip_bomb("openai", decoded_gb=0.0625)  # 64 MB decoded
    assert reply.endless is not None
    wire = b"".join(reply.chunks()) + b"".join(reply.endless())
    unpacker = zlib.decompressobj(31)
    decoded = 0
    data = unpacker.decompress(wire, 1024 * 1024)
    while data:
        decoded += len(data)
        data = unpacker.decompress(unpacker.unconsumed_tail, 1024 * 1024)
    assert decoded >= 64 * 1024 * 1024 and len(wire) * 500 < decoded
