"""`llamadesk eval FILE`: run a test set headless; progress on stderr, a table on stdout."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from app.cli.evals.arguments import (
    build_parser,
    check_outputs,
    endpoint_for,
    parameter_overrides,
    with_overrides,
)
from app.cli.evals.library import resolved_prompts
from app.cli.evals.policy_check import check_file_params, check_prompts, under_policy_params
from app.cli.evals.progress import ProgressDisplay
from app.cli.evals.promptfoo import promptfoo_config, promptfoo_yaml
from app.cli.evals.results_file import OutputError, csv_text, json_text, write_atomically
from app.cli.evals.table import failure_lines, summary_table
from app.cli.options import (
    EndpointChoice,
    UsageError,
    network_settings_from,
    profile_from,
)
from app.cli.policy_rules import check_option_locks, machine_policy, pick_endpoint, token_for
from app.cli.report import EXIT_OK, EXIT_USAGE, exit_code_for
from app.cli.terminal import is_terminal, visible
from app.core.backend import BackendUnavailable
from app.core.errors import Failure
from app.core.evals.files import TestSetError
from app.core.evals.model import (
    WORKERS_AI_REQUESTS_PER_MINUTE,
    RequestResult,
    ResolvedPrompt,
    ResultRecorded,
    ResultSink,
    RunEnded,
    RunPaced,
    RunProgress,
    RunState,
    TestSet,
)
from app.core.evals.runner import EvalRunner
from app.core.evals.summary import prompt_summaries
from app.core.params import ParameterError, SamplingParams
from app.core.policy import Policy
from app.core.profiles import gateway_token_for
from app.core.secrets import SecretStore
from app.net.backend_factory import backend_for
from app.net.retry import RetryPolicy
from app.net.transport import CABundleError, build_client
from app.storage.policy_file import PolicyLoad
from app.storage.test_set_files import read_test_set
from app.version import app_version

EXIT_CHECKS_FAILED = 1  # a check did not hold, or a request failed
EXIT_OUTPUT_FAILED = 74  # a result file could not be written (EX_IOERR)


@dataclass
class RunPlan:
    """Everything checked before the first request: what to ask, where, how often."""

    args: argparse.Namespace
    test_set: TestSet
    prompts: list[ResolvedPrompt]
    endpoint: EndpointChoice
    tokens: tuple[str | None, str | None]
    repeat: int
    concurrency: int
    contact: str = ""  # whom to ask, from the policy; ends every error message


@dataclass
class RunOutcome:
    total: int = 0
    state: RunState = RunState.RUNNING
    failure: Failure | None = None
    results: list[RequestResult] = field(default_factory=list)


def main(
    argv: list[str],
    *,
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
    contact = load.policy.contact_sentence()
    try:
        plan = _plan(args, load.policy, store_factory or _keyring_store)
    except TestSetError as exc:
        say(err, f"{args.file}: {exc}", contact)
        return EXIT_USAGE
    except (ParameterError, UsageError) as exc:
        say(err, str(exc), contact)
        return EXIT_USAGE
    if args.promptfoo is not None:
        config = promptfoo_config(
            plan.test_set,
            plan.prompts,
            plan.endpoint,
            repeat=plan.repeat,
            concurrency=plan.concurrency,
        )
        try:
            write_atomically(args.promptfoo, promptfoo_yaml(config))
        except OutputError as exc:
            say(err, str(exc), contact)
            return EXIT_OUTPUT_FAILED
    outcome = RunOutcome()
    try:
        code = asyncio.run(_run(plan, outcome, err))
    except CABundleError as exc:
        say(err, str(exc), contact)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # asyncio.run cancelled the run: in-flight requests were closed. Keep what finished.
        outcome.state = RunState.CANCELLED
        _write_results(plan, outcome, err)
        raise
    if code is not None:
        return code
    print(_report(plan, outcome), end="", file=out)
    if not _write_results(plan, outcome, err):
        return EXIT_OUTPUT_FAILED
    if outcome.failure is not None:
        say(err, outcome.failure.message, contact)
        return exit_code_for(outcome.failure)
    if all(r.passed for r in outcome.results):
        return EXIT_OK
    return EXIT_CHECKS_FAILED


def say(err: TextIO, message: str, contact: str = "") -> None:
    """One line on stderr, ended by whom to ask when a policy names someone; whatever a server
    or file put in it cannot drive the terminal."""
    text = f"{message} {contact}" if contact else message
    print(f"llamadesk eval: {visible(text)}", file=err)


def _plan(
    args: argparse.Namespace, policy: Policy, store_factory: Callable[[], SecretStore]
) -> RunPlan:
    test_set = read_test_set(args.file)
    check_file_params(test_set, args.file, policy)
    pick = pick_endpoint(
        args,
        policy,
        lambda: endpoint_for(args, test_set),
        file_with_endpoint=str(args.file) if test_set.endpoint is not None else "",
    )
    endpoint = pick.choice
    overrides = parameter_overrides(args)
    check_option_locks(SamplingParams(**overrides), policy)  # type: ignore[arg-type]
    check_outputs(args)
    prompts = resolved_prompts(test_set, args.data_dir)
    check_prompts(prompts, args.file, policy)
    prompts = under_policy_params(with_overrides(prompts, overrides), policy)
    token = token_for(pick, store_factory, os.environ)
    gateway_token = gateway_token_for(profile_from(endpoint), os.environ)
    return RunPlan(
        args,
        test_set,
        prompts,
        endpoint,
        (token, gateway_token),
        args.repeat or test_set.repeat,
        args.concurrency or test_set.concurrency,
        policy.contact_sentence(),
    )


async def _run(plan: RunPlan, outcome: RunOutcome, err: TextIO) -> int | None:
    """Ask every request; None when the run ended (finished or stopped by the endpoint)."""
    args = plan.args
    settings = network_settings_from(args)
    progress = ProgressDisplay(err, terminal=is_terminal(err))
    async with build_client(settings) as client:
        token, gateway_token = plan.tokens
        try:
            backend = backend_for(
                profile_from(plan.endpoint),
                token,
                client,
                network=settings,
                retry=RetryPolicy(max_attempts=args.retries + 1),
                gateway_token=gateway_token,
            )
        except BackendUnavailable as exc:  # a missing or unsendable token, said in one line
            say(err, exc.failure.message, plan.contact)
            return EXIT_USAGE
        sink = ResultSink()
        workers_ai = plan.endpoint.backend == "workers-ai"
        runner = EvalRunner(
            plan.test_set,
            plan.prompts,
            backend,
            sink,
            repeat=plan.repeat,
            concurrency=plan.concurrency,
            requests_per_minute=WORKERS_AI_REQUESTS_PER_MINUTE if workers_ai else None,
        )
        outcome.total = runner.total
        progress.show(0, runner.total, None)
        events = runner.run()
        try:
            async for event in events:
                if isinstance(event, ResultRecorded):
                    outcome.results.append(event.result)
                elif isinstance(event, RunProgress):
                    progress.show(event.done, event.total, event.eta_s)
                elif isinstance(event, RunPaced):
                    progress.say(event.message)
                elif isinstance(event, RunEnded):
                    outcome.state, outcome.failure = event.state, event.failure
        finally:
            if isinstance(events, AsyncGenerator):  # closes in-flight streams now, not at exit
                await events.aclose()
            progress.end()
    return None


def _ordered(plan: RunPlan, results: Sequence[RequestResult]) -> list[RequestResult]:
    """File order: case, then prompt as the file lists them, then repeat."""
    place = {p.id: i for i, p in enumerate(plan.prompts)}
    return sorted(results, key=lambda r: (r.key.test, place.get(r.key.prompt, 0), r.key.repeat))


def _report(plan: RunPlan, outcome: RunOutcome) -> str:
    results = _ordered(plan, outcome.results)
    ids = [p.id for p in plan.prompts]
    rows = prompt_summaries({r.key: r for r in results}, {}, ids)
    text = summary_table(rows)
    failures = failure_lines(results)
    if failures:
        text += "\n" + "\n".join(failures) + "\n"
    passed = sum(r.passed for r in results)
    text += f"\n{passed} of {outcome.total} requests passed every check.\n"
    return text


def summary_document(plan: RunPlan, outcome: RunOutcome) -> dict[str, Any]:
    """`--json`'s summary: the run, the endpoint (never its token) and a row per prompt."""
    results = _ordered(plan, outcome.results)
    ids = [p.id for p in plan.prompts]
    rows = prompt_summaries({r.key: r for r in results}, {}, ids)
    endpoint = plan.endpoint
    failure = outcome.failure
    return {
        "test_set": plan.test_set.name,
        "file": str(plan.args.file),
        "llamadesk": app_version(),
        "finished_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "endpoint": {
            "name": endpoint.name or None,  # one of the policy's endpoints, by name
            "backend": endpoint.backend,
            "base_url": endpoint.base_url,
            "account_id": endpoint.account_id,
            "model": endpoint.model,
            "gateway_id": endpoint.gateway_id,
        },
        "repeat": plan.repeat,
        "concurrency": plan.concurrency,
        "state": outcome.state.value,
        "stopped_by": None
        if failure is None
        else {"category": failure.category.value, "message": failure.message},
        "total": outcome.total,
        "done": len(results),
        "passed": sum(r.passed for r in results),
        "failed": sum(r.error is None and not r.passed for r in results),
        "errors": sum(r.error is not None for r in results),
        "prompts": [
            {
                "id": prompt.id,
                "name": prompt.name,
                "ref": prompt.ref,
                "pass_rate": row.pass_rate,
                "mean_latency_ms": row.mean_latency_ms,
                "distinct_ratio": row.distinct_ratio,
                "errors": row.errors,
            }
            for prompt, row in zip(plan.prompts, rows, strict=True)
        ],
    }


def _write_results(plan: RunPlan, outcome: RunOutcome, err: TextIO) -> bool:
    """Write --json and --csv (what finished, also after a stop); False if one failed."""
    args = plan.args
    if args.json is None and args.csv is None:
        return True
    results = _ordered(plan, outcome.results)
    ok = True
    writes: list[tuple[Path, Callable[[], str]]] = []
    if args.json is not None:
        writes.append((args.json, lambda: json_text(summary_document(plan, outcome), results)))
    if args.csv is not None:
        writes.append((args.csv, lambda: csv_text(results)))
    for path, text in writes:
        try:
            write_atomically(path, text())
        except OutputError as exc:
            say(err, str(exc), plan.contact)
            ok = False
    return ok


def _keyring_store() -> SecretStore:
    from app.storage.secrets import KeyringSecretStore

    return KeyringSecretStore()
