"""``irclient run``, ``describe``, ``steps``, ``jobs`` and ``stop``: jobs on SageMaker."""

from __future__ import annotations

import argparse
from typing import Any

from ..._format import one_line
from .. import _options
from .._aws import client
from .._output import ExitCode, print_json, validation_failure
from .._report import report
from .._requests import load_request, source_name
from .._waiting import wait


def register(add: _options.AddCommand) -> None:
    """Add ``run``, ``describe``, ``steps``, ``jobs`` and ``stop`` to the parser."""
    from ...models.enums import (
        ListInferenceRecommendationsJobsSortBy,
        RecommendationJobStatus,
        RecommendationStepType,
        SortOrder,
    )

    statuses = [s.value for s in RecommendationJobStatus]

    run = add(
        "run",
        "create a job from a request file, wait for it, rank its benchmarks",
        "Create the recommendation job a request file describes, wait until it ends, and "
        "rank its benchmarks.",
    )
    run.add_argument("request", metavar="REQUEST.json", help="the request file ('-' for stdin)")
    run.add_argument("--job-name", metavar="NAME", help="use this job name, not the file's")
    run.add_argument("--no-wait", action="store_true", help="create the job and return at once")
    _options.ranking_options(run, max_latency_ms=None)
    _options.wait_options(run, poll_interval=30.0)
    _options.timeout_option(run)
    run.set_defaults(handler=run_run)

    describe = add("describe", "show a job", "Show a job's status, details and recommendations.")
    describe.add_argument("job", metavar="JOB", help="the job name")
    describe.set_defaults(handler=run_describe)

    steps = add("steps", "list a job's steps", "List a job's benchmark steps, all pages.")
    steps.add_argument("job", metavar="JOB", help="the job name")
    steps.add_argument(
        "--status", choices=statuses, metavar="STATUS", help="only steps with this status"
    )
    steps.add_argument(
        "--step-type",
        choices=[s.value for s in RecommendationStepType],
        metavar="TYPE",
        help="only steps of this type (BENCHMARK)",
    )
    _options.paging_options(steps)
    steps.set_defaults(handler=run_steps)

    jobs = add("jobs", "list jobs", "List recommendation jobs, all pages, with filters.")
    jobs.add_argument(
        "--status-equals", choices=statuses, metavar="STATUS", help="only jobs with this status"
    )
    jobs.add_argument("--name-contains", metavar="TEXT", help="only jobs whose name contains TEXT")
    jobs.add_argument("--model-name-equals", metavar="NAME", help="only jobs for this model")
    jobs.add_argument(
        "--model-package-version-arn-equals",
        metavar="ARN",
        help="only jobs for this model package version",
    )
    for flag, what in (
        ("--creation-time-after", "created after"),
        ("--creation-time-before", "created before"),
        ("--last-modified-time-after", "last modified after"),
        ("--last-modified-time-before", "last modified before"),
    ):
        jobs.add_argument(
            flag,
            type=_options.iso_time,
            metavar="TIME",
            help=f"only jobs {what} TIME (ISO 8601; UTC if no zone)",
        )
    jobs.add_argument(
        "--sort-by",
        choices=[s.value for s in ListInferenceRecommendationsJobsSortBy],
        help="sort key (the service's default: CreationTime)",
    )
    jobs.add_argument(
        "--sort-order",
        choices=[s.value for s in SortOrder],
        help="sort order (the service's default: Descending)",
    )
    _options.paging_options(jobs)
    jobs.set_defaults(handler=run_jobs)

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

    name = source_name(args.request)
    try:
        request = load_request(args.request, args.job_name)
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
        )
    except JobFailedError as exc:
        if exc.response is None:  # pragma: no cover - wait_for_job always attaches it
            raise
        # The benchmarks that did finish are still worth seeing, and a script reading
        # --json gets the job (and its FailureReason) before the exit status says FAILED.
        job, failure = exc.response, exc
    report(ir, job, rank_by=args.rank_by, max_latency_ms=args.max_latency_ms, as_json=args.json)
    if failure is not None:
        raise failure
    return ExitCode.OK


def run_describe(args: argparse.Namespace) -> int:
    """Run ``irclient describe``."""
    from ... import display

    job = client(args).describe_inference_recommendations_job(job_name=args.job)
    if args.json:
        print_json(job.to_dict())
    else:
        print(display.summary(job))
    return ExitCode.OK


def run_steps(args: argparse.Namespace) -> int:
    """Run ``irclient steps``."""
    from ... import display
    from ...models import ListInferenceRecommendationsJobStepsResponse

    steps: list[Any] = []
    next_token: str | None = None
    pages = client(args).iter_job_step_pages(
        args.job,
        status=args.status,
        step_type=args.step_type,
        page_size=args.page_size,
        starting_token=args.starting_token,
        max_items=args.max_items,
    )
    for page in pages:
        steps.extend(page.steps or ())
        next_token = page.next_token
    collected = ListInferenceRecommendationsJobStepsResponse(steps=steps, next_token=next_token)
    if args.json:
        # The AWS CLI's shape: every page merged, NextToken only where --max-items cut it.
        print_json(collected.to_dict())
    else:
        print(display.summary(collected))
    return ExitCode.OK


def run_jobs(args: argparse.Namespace) -> int:
    """Run ``irclient jobs``."""
    from ... import display
    from ...models import ListInferenceRecommendationsJobsResponse

    jobs: list[Any] = []
    next_token: str | None = None
    pages = client(args).iter_job_pages(
        creation_time_after=args.creation_time_after,
        creation_time_before=args.creation_time_before,
        last_modified_time_after=args.last_modified_time_after,
        last_modified_time_before=args.last_modified_time_before,
        name_contains=args.name_contains,
        status_equals=args.status_equals,
        sort_by=args.sort_by,
        sort_order=args.sort_order,
        model_name_equals=args.model_name_equals,
        model_package_version_arn_equals=args.model_package_version_arn_equals,
        page_size=args.page_size,
        starting_token=args.starting_token,
        max_items=args.max_items,
    )
    for page in pages:
        jobs.extend(page.inference_recommendations_jobs)
        next_token = page.next_token
    collected = ListInferenceRecommendationsJobsResponse(
        inference_recommendations_jobs=jobs, next_token=next_token
    )
    if args.json:
        print_json(collected.to_dict())
    else:
        print(display.summary(collected))
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
    )
    if args.json:
        print_json(job.to_dict())
    else:
        print(f"Job {one_line(args.job)}: {one_line(job.status)}.")
    return ExitCode.OK
