"""``irclient run``, ``describe``, ``steps``, ``jobs`` and ``stop``: jobs on SageMaker."""

from __future__ import annotations

import argparse
from typing import Any

from ..._utils.format import one_line
from .. import _options
from .._aws import client
from .._continuation import continuation, more_line
from .._filters import add_request_options, request_values
from .._output import PROG, ExitCode, Failure, print_json, validation_failure
from .._report import report
from .._requests import load_request, source_name
from .._waiting import wait


def register(add: _options.AddCommand) -> None:
    """Add ``run``, ``describe``, ``steps``, ``jobs`` and ``stop`` to the parser."""
    run = add(
        "run",
        "create a job from a request file, wait for it, rank its benchmarks",
        "Create the recommendation job a request file describes, wait until it ends, and "
        "rank its benchmarks.",
    )
    run.add_argument("request", metavar="REQUEST.json", help="the request file ('-' for stdin)")
    run.add_argument("--job-name", metavar="NAME", help="use this job name, not the file's")
    run.add_argument("--no-wait", action="store_true", help="create the job and return at once")
    run.add_argument(
        "--logs",
        action="store_true",
        help="print the job's new CloudWatch log lines on standard error while waiting",
    )
    simulated = run.add_argument_group(
        "simulated failures (with --simulator only)",
        "Make the simulated job, or some of its benchmarks, fail: tags the simulator reads "
        "(irclient.testing.FAIL_JOB_TAG, FAIL_STEP_TAG), added to the request.",
    )
    simulated.add_argument(
        "--simulate-job-failure", metavar="REASON", help="the job fails with this reason"
    )
    simulated.add_argument(
        "--simulate-step-failure",
        metavar="TYPES",
        help="these benchmarks fail: instance types separated by spaces, serverless, or all",
    )
    _options.ranking_options(run, max_latency_ms=None)
    _options.wait_options(run, poll_interval=30.0)
    _options.timeout_option(run)
    run.set_defaults(handler=run_run)

    describe = add("describe", "show a job", "Show a job's status, details and recommendations.")
    describe.add_argument("job", metavar="JOB", help="the job name")
    describe.set_defaults(handler=run_describe)

    _list_command(
        add,
        "steps",
        "ListInferenceRecommendationsJobSteps",
        items="steps",
        help="list a job's steps",
        description="List a job's benchmark steps, all pages.",
    )
    _list_command(
        add,
        "jobs",
        "ListInferenceRecommendationsJobs",
        items="jobs",
        help="list jobs",
        description="List recommendation jobs, all pages, with filters.",
    )

    stop = add("stop", "stop a job", "Stop a running job.")
    stop.add_argument("job", metavar="JOB", help="the job name")
    stop.add_argument("--wait", action="store_true", help="wait until the job has stopped")
    _options.wait_options(stop, poll_interval=10.0)
    _options.timeout_option(stop)
    stop.set_defaults(handler=run_stop)


def run_run(args: argparse.Namespace) -> int:
    """Run ``irclient run``."""
    from ...errors import JobFailedError, ValidationError
    from ...validation import validate

    importance = _options.importance(args)  # a usage error before anything is read or sent
    name = source_name(args.request)
    tags = _simulated_failures(args)  # a usage error before anything is read
    try:
        request = load_request(args.request, args.job_name, extra_tags=tags)
        # Checked before a client is built, so a bad file fails the same without AWS set up.
        validate(request)
    except ValidationError as exc:
        raise validation_failure(exc, f"{name}: ") from None
    ir = client(args)
    created = ir.create_inference_recommendations_job(request)
    if args.no_wait:
        if args.json:
            print_json(created.to_dict())
        else:
            print(f"Created job {request.job_name}: {one_line(created.job_arn)}")
        return ExitCode.OK
    if not args.json:
        print(f"Created job {request.job_name}: {one_line(created.job_arn)}", flush=True)

    failure: JobFailedError | None = None
    try:
        job = wait(
            ir,
            request.job_name,
            poll_interval=args.poll_interval,
            timeout=args.timeout,
            progress=not args.no_progress,
            logs=args.logs,
        )
    except JobFailedError as exc:
        if exc.response is None:  # pragma: no cover - wait_for_job always attaches it
            raise
        # The benchmarks that did finish are still worth seeing, and a script reading
        # --json gets the job (and its FailureReason) before the exit status says FAILED.
        job, failure = exc.response, exc
    report(
        ir,
        job,
        rank_by=args.rank_by,
        max_latency_ms=args.max_latency_ms,
        as_json=args.json,
        importance=importance,
    )
    if failure is not None:
        if not args.json:
            print(f"\n'{PROG} why {request.job_name}' says why it failed.")
        raise failure
    return ExitCode.OK


# The simulator's tag keys (irclient.testing's FAIL_JOB_TAG and FAIL_STEP_TAG), written out
# so that the parser does not load moto; a test holds them equal.
SIMULATED_FAILURE_TAGS = {
    "simulate_job_failure": "irclient:simulate:job-failure",
    "simulate_step_failure": "irclient:simulate:step-failure",
}


def _simulated_failures(args: argparse.Namespace) -> list[dict[str, str]]:
    """The failure tags ``--simulate-*`` ask for; a usage error without ``--simulator``."""
    given = {k: getattr(args, k) for k in SIMULATED_FAILURE_TAGS if getattr(args, k) is not None}
    if given and not getattr(args, "simulator", None):
        flags = ", ".join("--" + k.replace("_", "-") for k in given)
        raise Failure(f"{flags} only with --simulator: AWS runs real jobs", ExitCode.USAGE)
    return [{"Key": SIMULATED_FAILURE_TAGS[k], "Value": v} for k, v in given.items()]


def run_describe(args: argparse.Namespace) -> int:
    """Run ``irclient describe``."""
    from ... import display

    job = client(args).describe_inference_recommendations_job(job_name=args.job)
    if args.json:
        print_json(job.to_dict())
    else:
        print(display.summary(job))
    return ExitCode.OK


def _list_command(
    add: _options.AddCommand,
    name: str,
    operation: str,
    *,
    items: str,
    help: str,
    description: str,
) -> None:
    """A command that walks every page of a list operation, with its request's members."""
    command = add(name, help, description)
    # The members are read from the models when the command is used: --help stays cheap.
    command.defer(lambda parser: add_request_options(parser, operation, items=items))
    _options.paging_options(command)
    command.set_defaults(handler=run_list, operation=operation)


def run_list(args: argparse.Namespace) -> int:
    """Run ``irclient steps`` or ``irclient jobs``: every page of the command's operation.

    The request is the command's options; the output merges the pages as the AWS CLI does,
    with a next token only where ``--max-items`` cut the list short.
    """
    from ... import display
    from ...models import _specs

    operation = _specs.OPERATIONS[args.operation]
    paginator = operation.paginator
    if paginator is None or operation.output is None:  # pragma: no cover - list operations
        raise TypeError(f"{operation.name} does not paginate")
    ir = client(args)
    request = operation.input(
        **request_values(args),
        **{
            paginator.limit_attribute: args.page_size,
            paginator.input_token_attribute: args.starting_token,
        },
    )
    collected: list[Any] = []
    next_token: str | None = None
    # The client's iter_* methods are typed wrappers of this same walk, one per operation.
    for page in ir._pipeline.pages(operation, request, args.max_items):
        collected.extend(getattr(page, paginator.result_attribute) or ())
        next_token = getattr(page, paginator.output_token_attribute)
    merged = operation.output(
        **{paginator.result_attribute: collected, paginator.output_token_attribute: next_token}
    )
    if args.json:
        print_json(merged.to_dict())
        return ExitCode.OK
    # The table without the token; the exact command that goes on follows it.
    print(display.summary(operation.output(**{paginator.result_attribute: collected})))
    if next_token:
        print()
        print(more_line(args.command))
        print("  " + continuation(args, token=next_token))
    return ExitCode.OK


def run_stop(args: argparse.Namespace) -> int:
    """Run ``irclient stop``."""
    ir = client(args)
    ir.stop_inference_recommendations_job(job_name=args.job)
    if not args.wait:
        if args.json:
            print_json({"JobName": args.job, "StopRequested": True})
        else:
            print(f"Stopping job {args.job}.")
        return ExitCode.OK
    job = wait(
        ir,
        args.job,
        poll_interval=args.poll_interval,
        timeout=args.timeout,
        progress=not args.no_progress,
        stopping=True,
    )
    if args.json:
        print_json(job.to_dict())
    else:
        print(f"Job {one_line(args.job)}: {one_line(job.status)}.")
    return ExitCode.OK
