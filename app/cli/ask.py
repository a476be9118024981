"""`llamadesk ask`: one prompt, streamed to stdout; failures as one plain line on stderr."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import AsyncGenerator, Callable
from typing import TextIO

from app.cli.options import (
    EndpointChoice,
    UsageError,
    add_endpoint_arguments,
    add_network_arguments,
    add_parameter_arguments,
    network_settings_from,
    params_from,
    profile_from,
)
from app.cli.policy_rules import (
    PolicyRefused,
    check_option_locks,
    machine_policy,
    own_endpoint,
    own_prompt_refused,
    pick_endpoint,
    policy_prompt_text,
    the_policy,
    token_for,
    under_policy,
)
from app.cli.report import (
    EXIT_CANCELLED,
    EXIT_OK,
    EXIT_OUTPUT_CLOSED,
    EXIT_USAGE,
    exit_code_for,
    summary_json,
)
from app.cli.terminal import (
    InputError,
    discard_output,
    is_terminal,
    json_safe,
    read_stdin_text,
    visible,
)
from app.core.backend import BackendUnavailable
from app.core.events import FinishReason, Retrying, TextDelta
from app.core.params import ParameterError
from app.core.policy import NO_POLICY, Policy
from app.core.profiles import gateway_token_for
from app.core.reply import ReplyRecorder
from app.core.request import GenerationRequest, Message, RequestError, Role
from app.core.secrets import SecretStore
from app.net.backend_factory import backend_for
from app.net.retry import RetryPolicy
from app.net.transport import CABundleError, build_client
from app.storage.policy_file import PolicyLoad
from app.version import app_version, version_line


def build_parser(prog: str = "llamadesk ask") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=f"Ask Llama 3.1 one question and stream the answer to stdout "
        f"(LlamaDesk {app_version()}).",
        epilog="Tokens: workers-ai reads $CLOUDFLARE_API_TOKEN, openai reads $OPENAI_API_KEY; "
        "otherwise the OS keyring (see `llamadesk token`). With an administrator's policy on "
        "this computer, its first endpoint, its token and its parameter values are used, and "
        "what it locks cannot be changed (exit 2, nothing sent).",
    )
    parser.add_argument("prompt", metavar="PROMPT", help="the question (use - to read stdin)")
    parser.add_argument("--version", action="version", version=version_line())
    add_endpoint_arguments(parser, backend_default=None, policy_endpoints=True)
    mode = parser.add_argument_group("prompt mode").add_mutually_exclusive_group()
    mode.add_argument("--system", metavar="TEXT", help="system prompt (chat mode)")
    mode.add_argument(
        "--prompt",
        dest="policy_prompt",
        metavar="NAME",
        help="one of the prompts your organization's policy provides, by name, as the system "
        "prompt; fill in its variables with --var",
    )
    mode.add_argument("--unscoped", action="store_true", help='send {"prompt": PROMPT}')
    mode.add_argument(
        "--raw",
        action="store_true",
        help='send {"prompt": PROMPT, "raw": true}; PROMPT is fully templated',
    )
    parser.add_argument(
        "--var",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a value for a variable of --prompt (repeat for each)",
    )
    add_parameter_arguments(parser)
    parser.add_argument("--no-stream", action="store_true", help="wait for the whole reply")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (response, usage, finish_reason, timings)",
    )
    add_network_arguments(parser)
    return parser


def build_request(
    args: argparse.Namespace, prompt: str, policy: Policy = NO_POLICY
) -> GenerationRequest:
    """The request the options describe, under the policy's parameters and prompt lock."""
    given = params_from(args)
    check_option_locks(given, policy)
    params = under_policy(given, policy)
    if policy.lock_prompts and args.raw:
        raise PolicyRefused(
            f"--raw is refused: {the_policy(policy)} lets only its own system prompts be "
            "used, and a fully templated prompt carries its own. Leave --raw out."
        )
    if args.system and own_prompt_refused(args.system, policy):
        raise PolicyRefused(
            f"--system is refused: {the_policy(policy)} lets only its own system prompts be "
            "used. Leave --system out."
        )
    system = args.system
    if args.policy_prompt is not None:
        system = policy_prompt_text(policy, args.policy_prompt, args.var)
    elif args.var:
        raise UsageError("--var fills in the variables of --prompt NAME; give --prompt too.")
    stream = not args.no_stream
    if args.raw:
        return GenerationRequest.raw(prompt, params, stream=stream)
    if args.unscoped:
        return GenerationRequest.unscoped(prompt, params, stream=stream)
    messages = [Message(Role.USER, prompt)]
    if system:
        messages.insert(0, Message(Role.SYSTEM, system))
    return GenerationRequest.chat(messages, params, stream=stream)


def main(
    argv: list[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    store_factory: Callable[[], SecretStore] | None = None,
    policy_load: PolicyLoad | None = None,
) -> int:
    """`policy_load`: tests hand in a policy read in-process; otherwise the machine's is read."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    load = machine_policy(policy_load)
    if load.policy is None:  # a policy that cannot be used never means "no policy"
        assert load.problem is not None
        say(err, load.problem.message())
        return EXIT_USAGE
    policy = load.policy
    contact = policy.contact_sentence()
    try:
        if args.prompt == "-":
            prompt = read_stdin_text(stdin or sys.stdin, "prompt")
        else:
            prompt = args.prompt
        request = build_request(args, prompt, policy)
        pick = pick_endpoint(args, policy, lambda: own_endpoint(args))
        endpoint = pick.choice
        token = token_for(pick, store_factory or _keyring_store, os.environ)
        gateway_token = gateway_token_for(profile_from(endpoint), os.environ)
    except (ParameterError, RequestError, UsageError, InputError) as exc:
        say(err, str(exc), contact)
        return EXIT_USAGE
    try:
        return asyncio.run(
            _ask(args, endpoint, (token, gateway_token), request, (out, err), contact)
        )
    except CABundleError as exc:
        say(err, str(exc), contact)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # asyncio.run cancelled the reply task, which closed the HTTP response.
        print("\nStopped.", file=err)
        return EXIT_CANCELLED


def say(err: TextIO, message: str, contact: str = "") -> None:
    """One line on stderr, ended by whom to ask when a policy names someone; whatever a server
    put in it cannot drive the terminal."""
    text = f"{message} {contact}" if contact else message
    print(f"llamadesk ask: {visible(text)}", file=err)


async def _ask(
    args: argparse.Namespace,
    endpoint: EndpointChoice,
    tokens: tuple[str | None, str | None],
    request: GenerationRequest,
    streams: tuple[TextIO, TextIO],
    contact: str,
) -> int:
    out, err = streams
    settings = network_settings_from(args)
    retry = RetryPolicy(max_attempts=args.retries + 1)
    recorder = ReplyRecorder()
    # A terminal shows control characters of the reply as signs; a pipe gets the exact text.
    shown = visible if is_terminal(out) else str
    async with build_client(settings) as client:
        token, gateway_token = tokens
        try:
            backend = backend_for(
                profile_from(endpoint),
                token,
                client,
                network=settings,
                retry=retry,
                gateway_token=gateway_token,
            )
        except BackendUnavailable as exc:  # a missing or unsendable token, said in one line
            say(err, exc.failure.message, contact)
            return EXIT_USAGE
        events = backend.stream(request)
        try:
            async for event in events:
                recorder.feed(event)
                if type(event) is TextDelta:
                    if not args.json:
                        try:
                            out.write(shown(event.text))
                            out.flush()
                        except BrokenPipeError:
                            # The reader went away (`| head`): stop the reply, say nothing more.
                            discard_output(out)
                            return EXIT_OUTPUT_CLOSED
                elif type(event) is Retrying and is_terminal(err):
                    say(err, f"{event.failure.message} Retrying in {event.delay_s:.0f} s…")
        finally:
            if isinstance(events, AsyncGenerator):  # closes the response now, not at exit
                await events.aclose()
    if args.json:
        print(json_safe(summary_json(recorder, endpoint)), file=out)
    elif recorder.text and not recorder.text.endswith("\n"):
        out.write("\n")
    _report_end(recorder, err, json_mode=args.json, contact=contact)
    return exit_code_for(recorder.failure) if recorder.failure else EXIT_OK


def _report_end(recorder: ReplyRecorder, err: TextIO, *, json_mode: bool, contact: str) -> None:
    if recorder.failure is not None:
        say(err, recorder.failure.message, contact)
    elif recorder.finish_reason is FinishReason.LENGTH and not json_mode:
        say(err, "the reply stopped at the max_tokens limit; raise --max-tokens for a longer one.")


def _keyring_store() -> SecretStore:
    from app.storage.secrets import KeyringSecretStore

    return KeyringSecretStore()
