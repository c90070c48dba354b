"""The ``irclient`` command line (also ``python -m irclient``).

::

    irclient demo                      the whole flow offline, on irclient's simulator
    irclient skeleton > request.json   a CreateInferenceRecommendationsJob request template
    irclient validate request.json     check a request offline, listing every violation
    irclient run request.json          create the job, wait for it, rank its benchmarks
    irclient describe JOB              a job's status and recommendations
    irclient steps JOB                 a job's benchmark steps
    irclient jobs                      recommendation jobs, with ListJobs' filters
    irclient stop JOB                  stop a job

Request files use the wire form of the AWS CLI's ``--cli-input-json``, so a file works with
both tools. Credentials, ``--region``, ``--profile`` and ``--endpoint-url`` work as in the
AWS CLI. ``--json`` prints machine-readable output, and nothing else, on standard output.

Every expected failure is one line on standard error (``irclient: error: ...``) and an exit
code from :class:`ExitCode`; tracebacks are for bugs (and ``--debug``).

Only the standard library loads up front, so ``irclient --help`` answers at once; boto3,
the client and the models load when a command needs them, and moto only for ``demo``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import enum
import json
import logging
import math
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import Benchmark
    from .client import InferenceRecommenderClient
    from .models import DescribeInferenceRecommendationsJobResponse

__all__ = ["ExitCode", "main"]

PROG = "irclient"


class ExitCode(enum.IntEnum):
    """The exit status of ``irclient``: one code per kind of failure."""

    OK = 0
    """Success."""
    INVALID_REQUEST = 1
    """The request breaks one or more documented constraints (every violation is listed)."""
    USAGE = 2
    """The command line itself is wrong (argparse's code)."""
    BAD_INPUT = 3
    """The request file is missing or unreadable, or is not a JSON object."""
    NOT_FOUND = 4
    """No job of that name (``ResourceNotFound``)."""
    CONFIGURATION = 5
    """No credentials, no region, an unknown profile: nothing was sent."""
    SERVICE_ERROR = 6
    """Any other error response from SageMaker (name in use, limits, throttling, access)."""
    CONNECTION_ERROR = 7
    """No usable response: the endpoint could not be reached, timed out, or answered garbage."""
    JOB_FAILED = 8
    """The job ended ``FAILED``."""
    WAIT_TIMEOUT = 9
    """``--timeout`` passed before the job finished (the job goes on running)."""
    MISSING_DEPENDENCY = 10
    """An optional dependency is missing (moto, for ``demo``)."""
    INTERNAL_ERROR = 70
    """A bug in irclient (the traceback is printed; please report it)."""
    INTERRUPTED = 130
    """Ctrl-C (128 + SIGINT, as shells report it)."""


class _Failure(Exception):
    """An expected failure: what to print on standard error, and the exit code."""

    def __init__(self, message: str, code: ExitCode, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = tuple(details)


# Kept here rather than read from irclient.analysis so that building the parser (and so
# ``irclient --help``) imports nothing; a test checks the two agree.
RANK_METRICS = (
    "cost_per_inference",
    "cost_per_hour",
    "model_latency",
    "max_invocations",
    "cpu_utilization",
    "memory_utilization",
    "model_setup_time",
)

_TESTING_EXTRA = "pip install 'irclient[testing]'"

_DEMO_JOB = "irclient-demo"
_DEMO_REGION = "us-east-1"
_DEMO_ACCOUNT = "123456789012"
_DEMO_POLL_INTERVAL = 0.25
# moto's manual progression: the job moves one status every two describes, so the demo's
# wait polls a handful of times (PENDING, IN_PROGRESS, COMPLETED) in about a second.
_DEMO_TRANSITION = {"progression": "manual", "times": 2}


def example_request(account: str = _DEMO_ACCOUNT, job_name: str = _DEMO_JOB) -> dict[str, Any]:
    """A realistic, valid CreateInferenceRecommendationsJob request in wire form.

    A Default job that sizes a PyTorch ResNet-50 image classifier; the demo runs it and
    ``irclient skeleton --example`` prints it.

    Args:
        account: The AWS account ID in the role and payload ARNs.
        job_name: The job name.
    """
    return {
        "JobName": job_name,
        "JobType": "Default",
        "RoleArn": f"arn:aws:iam::{account}:role/SageMakerInferenceRecommender",
        "JobDescription": "Size ResNet-50 for an image classification API",
        "InputConfig": {
            "ModelName": "resnet50",
            "ContainerConfig": {
                "Domain": "COMPUTER_VISION",
                "Task": "IMAGE_CLASSIFICATION",
                "Framework": "PYTORCH",
                "FrameworkVersion": "2.1.0",
                "PayloadConfig": {
                    "SamplePayloadUrl": f"s3://sagemaker-us-east-1-{account}/payloads/resnet50.tar.gz",
                    "SupportedContentTypes": ["image/jpeg"],
                },
            },
        },
        "StoppingConditions": {
            "MaxInvocations": 30000,
            "ModelLatencyThresholds": [{"Percentile": "P95", "ValueInMilliseconds": 100}],
        },
    }


# --------------------------------------------------------------------------- output


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _error(message: str) -> None:
    print(f"{PROG}: error: {_one_line(message)}", file=sys.stderr)


def _jsonable(value: Any) -> Any:
    """Wire values as JSON: ISO 8601 times (as the AWS CLI prints them), NaN as null."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(_jsonable(value), indent=4, ensure_ascii=False, allow_nan=False))


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:.4g}"


def _benchmark_json(bench: Benchmark) -> dict[str, Any]:
    import attrs

    data = attrs.asdict(bench, recurse=False, filter=lambda a, _: a.name != "source")
    data["label"] = bench.label
    data["environment"] = dict(bench.environment)
    return data


# --------------------------------------------------------------------------- input


def _source_name(path: str) -> str:
    """How messages name a request file: ``file://`` as in the AWS CLI, ``-`` for stdin."""
    name = path.removeprefix("file://")
    return "<stdin>" if name == "-" else name


def _read_request(path: str) -> dict[str, Any]:
    """The request in a file (``-`` is standard input; ``file://`` as in the AWS CLI)."""
    name = _source_name(path)
    try:
        if name == "<stdin>":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8") as f:
                text = f.read()
    except FileNotFoundError:
        raise _Failure(f"cannot read {name}: no such file", ExitCode.BAD_INPUT) from None
    except UnicodeDecodeError:
        raise _Failure(f"cannot read {name}: not UTF-8 text", ExitCode.BAD_INPUT) from None
    except OSError as exc:
        raise _Failure(f"cannot read {name}: {exc.strerror or exc}", ExitCode.BAD_INPUT) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Failure(
            f"{name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            ExitCode.BAD_INPUT,
        ) from None
    if not isinstance(data, dict):
        raise _Failure(
            f"{name} must hold a JSON object (the request), not a {type(data).__name__}",
            ExitCode.BAD_INPUT,
        )
    return data


def _parse_time(text: str) -> datetime.datetime:
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 time: {text!r} (try 2025-01-31 or 2025-01-31T12:00:00Z)"
        ) from None
    # A time without a zone is UTC, as in the AWS CLI.
    return value if value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text}")
    return value


# --------------------------------------------------------------------------- AWS


def _boto3_client(
    *,
    profile: str | None,
    region: str | None,
    endpoint_url: str | None,
    credentials: Mapping[str, str] | None = None,
) -> Any:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError

    from . import __version__
    from .errors import from_botocore_error

    # One retry layer: botocore sends each request once and irclient's RetryPolicy decides
    # the rest (the client does the same for the boto3 clients it builds).
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        user_agent_extra=f"irclient-cli/{__version__}",
    )
    try:
        session = boto3.Session(profile_name=profile, **(credentials or {}))
        return session.client(
            "sagemaker", region_name=region, endpoint_url=endpoint_url, config=config
        )
    except BotoCoreError as exc:
        error = from_botocore_error(exc)
        assert error is not None  # every BotoCoreError has a translation
        raise error from exc
    except ValueError as exc:  # botocore's answer to a malformed --endpoint-url
        raise _Failure(f"bad --endpoint-url: {exc}", ExitCode.USAGE) from None


def _client(args: argparse.Namespace) -> InferenceRecommenderClient:
    from .client import InferenceRecommenderClient

    return InferenceRecommenderClient(
        _boto3_client(
            profile=getattr(args, "profile", None),
            region=getattr(args, "region", None),
            endpoint_url=getattr(args, "endpoint_url", None),
        )
    )


def _have_tqdm() -> bool:
    try:
        import tqdm.auto  # noqa: F401
    except ImportError:
        return False
    return True


class _StatusLine:
    """Progress without tqdm: the job's status on one line of standard error."""

    def __init__(self, job_name: str) -> None:
        self._job_name = job_name
        self._tty = sys.stderr.isatty()
        self._started = time.monotonic()
        self._last: str | None = None

    def __call__(self, response: DescribeInferenceRecommendationsJobResponse) -> None:
        status = str(response.status)
        elapsed = int(time.monotonic() - self._started)
        if self._tty:
            # Redrawn in place; the padding wipes what a longer status left behind.
            sys.stderr.write(f"\r{self._job_name}: {status} ({elapsed}s elapsed)    ")
            sys.stderr.flush()
        elif status != self._last:
            print(f"{self._job_name}: {status}", file=sys.stderr)
        self._last = status

    def close(self) -> None:
        if self._tty and self._last is not None:
            sys.stderr.write("\n")


def _wait(
    client: InferenceRecommenderClient,
    job_name: str,
    *,
    poll_interval: float,
    timeout: float | None,
    progress: bool,
    simulated: bool = False,
) -> DescribeInferenceRecommendationsJobResponse:
    bar = progress and _have_tqdm()
    line = _StatusLine(job_name) if progress and not bar else None
    try:
        return client.wait_for_job(
            job_name, poll_interval=poll_interval, timeout=timeout, on_poll=line, progress=bar
        )
    except KeyboardInterrupt:
        if simulated:  # the simulated job ends with the demo: nothing is left running
            raise _Failure("interrupted", ExitCode.INTERRUPTED) from None
        raise _Failure(
            f"interrupted; job {job_name!r} goes on running "
            f"('{PROG} stop {job_name}' stops it, '{PROG} describe {job_name}' shows it)",
            ExitCode.INTERRUPTED,
        ) from None
    finally:
        if line is not None:
            line.close()


# --------------------------------------------------------------------------- reports


def _report(
    client: InferenceRecommenderClient,
    job: DescribeInferenceRecommendationsJobResponse,
    *,
    rank_by: str,
    max_latency_ms: float | None,
    as_json: bool,
) -> None:
    """Walk the job's benchmark steps, rank them and name the best pick."""
    from . import analysis, display

    steps = client.iter_job_steps(job.job_name, step_type="BENCHMARK")
    benchmarks = analysis.Benchmarks(steps)
    ranked = benchmarks.rank(by=rank_by)  # type: ignore[arg-type]  # a choice of RANK_METRICS
    pick = benchmarks.best(by=rank_by, max_latency_ms=max_latency_ms)  # type: ignore[arg-type]
    if as_json:
        _print_json(
            {
                "job": job.to_dict(),
                "rank_by": rank_by,
                "max_latency_ms": max_latency_ms,
                "ranked": [_benchmark_json(b) for b in ranked],
                "unranked": len(benchmarks) - len(ranked),
                "best": None if pick is None else _benchmark_json(pick),
            }
        )
        return

    metric = rank_by.replace("_", " ")
    direction = "highest" if rank_by == "max_invocations" else "lowest"
    print(f"Job {job.job_name}: {job.status}, {len(benchmarks)} benchmarks.")
    if job.failure_reason:
        print(f"Failure: {_one_line(job.failure_reason)}")
    print()
    if not ranked:
        print(f"No benchmark has a {metric} to rank by.")
        return
    print(f"Ranked by {metric}, {direction} first:")
    # summary() heads its table with a "<Benchmarks: ...>" line: the caption above says more.
    print(display.summary(ranked).split("\n", 1)[1])
    if len(ranked) < len(benchmarks):
        print(f"({len(benchmarks) - len(ranked)} more failed, did not finish, or lack a {metric}.)")
    print()
    limit = (
        "" if max_latency_ms is None else f" with a model latency of at most {max_latency_ms:g} ms"
    )
    if pick is None:
        print(f"No benchmark qualifies{limit}.")
        return
    print(f"Best by {metric}{limit}: {pick.label}")
    latency = "n/a" if pick.model_latency is None else f"{pick.model_latency:,} ms"
    invocations = "n/a" if pick.max_invocations is None else f"{pick.max_invocations:,}"
    print(
        f"  {_money(pick.cost_per_hour)} per hour, {_money(pick.cost_per_inference)} per "
        f"inference, {latency} model latency, {invocations} invocations per minute"
    )


# --------------------------------------------------------------------------- commands


def _cmd_demo(args: argparse.Namespace) -> int:
    try:
        import moto  # noqa: F401
    except ImportError:
        raise _Failure(
            f"'{PROG} demo' runs on irclient's simulator, which needs moto; "
            f"install the testing extra: {_TESTING_EXTRA}",
            ExitCode.MISSING_DEPENDENCY,
        ) from None
    from .testing import mock_inference_recommender

    region = getattr(args, "region", None) or _DEMO_REGION
    request = example_request()
    with _offline_environment(region), mock_inference_recommender(transition=_DEMO_TRANSITION):
        from .client import InferenceRecommenderClient

        client = InferenceRecommenderClient(
            _boto3_client(
                profile=None,
                region=region,
                endpoint_url=None,
                credentials={"aws_access_key_id": "testing", "aws_secret_access_key": "testing"},
            )
        )
        if not args.json:
            container = request["InputConfig"]["ContainerConfig"]
            print(f"{PROG} demo: an offline run on irclient's simulator; no AWS account is used.")
            print(
                f"Creating {request['JobType']} job {request['JobName']} for model "
                f"{request['InputConfig']['ModelName']} ({container['Domain']}, "
                f"{container['Framework']}) in {region}."
            )
        client.create_inference_recommendations_job(request)
        job = _wait(
            client,
            request["JobName"],
            poll_interval=args.poll_interval,
            timeout=None,
            progress=not args.no_progress,
            simulated=True,
        )
        _report(
            client,
            job,
            rank_by=args.rank_by,
            max_latency_ms=args.max_latency_ms,
            as_json=args.json,
        )
    if not args.json:
        print()
        print(
            f"Next: '{PROG} skeleton --example > request.json', edit it, "
            f"'{PROG} validate request.json', then '{PROG} run request.json' against AWS."
        )
    return ExitCode.OK


@contextlib.contextmanager
def _offline_environment(region: str) -> Iterator[None]:
    """AWS settings of the machine set aside, so nothing can send the demo elsewhere.

    A profile, an endpoint URL or a config file of the user's could point boto3 away from
    the simulator or fail on a profile that does not exist; dummy credentials and a region
    let the demo run where there is no AWS configuration at all.
    """
    saved = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": region,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )
    try:
        yield
    finally:
        for key in [k for k in os.environ if k.startswith("AWS_")]:
            del os.environ[key]
        os.environ.update(saved)


def _load_request(path: str, job_name: str | None = None) -> Any:
    """The request in a file as a model; structural problems are validation errors."""
    from .models import CreateInferenceRecommendationsJobRequest

    data = _read_request(path)
    if job_name is not None:
        data["JobName"] = job_name
    return CreateInferenceRecommendationsJobRequest.from_dict(data)


def _cmd_validate(args: argparse.Namespace) -> int:
    from .errors import ValidationError
    from .validation import validate

    name = _source_name(args.request)
    try:
        request = _load_request(args.request)
        validate(request)
    except ValidationError as exc:
        if args.json:
            _print_json({"valid": False, "violations": _violations_json(exc)})
        raise _validation_failure(exc, f"{name}: ", list_violations=not args.json) from None
    if args.json:
        _print_json({"valid": True, "violations": []})
    else:
        print(f"{name}: valid {request.job_type} job request for {request.job_name}")
    return ExitCode.OK


def _violations_json(exc: Any) -> list[dict[str, str]]:
    return [
        {"path": v.path, "constraint": v.constraint, "message": v.message} for v in exc.violations
    ]


def _validation_failure(exc: Any, where: str = "", *, list_violations: bool = True) -> _Failure:
    count = len(exc.violations)
    details = [_one_line(v) for v in exc.violations] if list_violations else []
    return _Failure(
        f"{where}invalid request: {count} violation{'s' if count != 1 else ''}",
        ExitCode.INVALID_REQUEST,
        details,
    )


def _skeleton_of(shape: Any) -> Any:
    """The AWS CLI's ``--generate-cli-skeleton`` placeholders, with enums' first value.

    (The AWS CLI picks a random enum value; the first keeps the output stable.)
    """
    kind = shape.type_name
    if kind == "structure":
        return {name: _skeleton_of(member) for name, member in shape.members.items()}
    if kind == "list":
        return [_skeleton_of(shape.member)]
    if kind == "map":
        return {"KeyName": _skeleton_of(shape.value)}
    if kind == "string":
        return shape.enum[0] if shape.enum else ""
    if kind in ("integer", "long"):
        return 0
    if kind in ("float", "double"):
        return 0.0
    if kind == "boolean":
        return True
    return None  # pragma: no cover - the request has no timestamps or blobs


def skeleton() -> dict[str, Any]:
    """A CreateInferenceRecommendationsJob request template, every member a placeholder.

    The layout the AWS CLI's ``--generate-cli-skeleton`` prints, from botocore's service
    model: ``""`` for strings, ``0`` for numbers, one item per list, an enum's first value.
    It parses as a request; ``irclient validate`` then lists the placeholders to fill in.
    """
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    shape = model.operation_model("CreateInferenceRecommendationsJob").input_shape
    result: dict[str, Any] = _skeleton_of(shape)
    return result


def _cmd_skeleton(args: argparse.Namespace) -> int:
    _print_json(example_request() if args.example else skeleton())
    return ExitCode.OK


def _cmd_run(args: argparse.Namespace) -> int:
    from .errors import ValidationError
    from .validation import validate

    name = _source_name(args.request)
    try:
        request = _load_request(args.request, args.job_name)
        # Checked before a client is built, so a bad file fails the same without AWS set up.
        validate(request)
    except ValidationError as exc:
        raise _validation_failure(exc, f"{name}: ") from None
    client = _client(args)
    created = client.create_inference_recommendations_job(request)
    if args.no_wait:
        if args.json:
            _print_json(created.to_dict())
        else:
            print(f"Created job {request.job_name}: {created.job_arn}")
        return ExitCode.OK
    if not args.json:
        print(f"Created job {request.job_name}: {created.job_arn}", flush=True)
    from .errors import JobFailedError

    failure: JobFailedError | None = None
    try:
        job = _wait(
            client,
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
    _report(
        client, job, rank_by=args.rank_by, max_latency_ms=args.max_latency_ms, as_json=args.json
    )
    if failure is not None:
        raise failure
    return ExitCode.OK


def _cmd_describe(args: argparse.Namespace) -> int:
    from . import display

    job = _client(args).describe_inference_recommendations_job(job_name=args.job)
    if args.json:
        _print_json(job.to_dict())
    else:
        print(display.summary(job))
    return ExitCode.OK


def _cmd_steps(args: argparse.Namespace) -> int:
    from . import display
    from .models import ListInferenceRecommendationsJobStepsResponse

    steps: list[Any] = []
    next_token: str | None = None
    pages = _client(args).iter_job_step_pages(
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
        _print_json(collected.to_dict())
    else:
        print(display.summary(collected))
    return ExitCode.OK


def _cmd_jobs(args: argparse.Namespace) -> int:
    from . import display
    from .models import ListInferenceRecommendationsJobsResponse

    jobs: list[Any] = []
    next_token: str | None = None
    pages = _client(args).iter_job_pages(
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
        _print_json(collected.to_dict())
    else:
        print(display.summary(collected))
    return ExitCode.OK


def _cmd_stop(args: argparse.Namespace) -> int:
    client = _client(args)
    client.stop_inference_recommendations_job(job_name=args.job)
    if not args.wait:
        if args.json:
            _print_json({"JobName": args.job, "StopRequested": True})
        else:
            print(f"Stopping job {args.job}.")
        return ExitCode.OK
    job = _wait(
        client,
        args.job,
        poll_interval=args.poll_interval,
        timeout=args.timeout,
        progress=not args.no_progress,
    )
    if args.json:
        _print_json(job.to_dict())
    else:
        print(f"Job {args.job}: {job.status}.")
    return ExitCode.OK


# --------------------------------------------------------------------------- parser


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """The AWS CLI's global options, accepted before and after the command.

    Defaults are suppressed on the copy each command gets, so that an option given before
    the command is not reset by the command's parser.
    """
    default: Any = argparse.SUPPRESS if suppress else None
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("global options")
    group.add_argument("--region", metavar="REGION", default=default, help="the AWS Region")
    group.add_argument(
        "--profile", metavar="NAME", default=default, help="a profile of your AWS config"
    )
    group.add_argument(
        "--endpoint-url", metavar="URL", default=default, help="send requests to this URL"
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print machine-readable JSON, and nothing else, on standard output",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log irclient's requests and retries, and show tracebacks",
    )
    return common


def _wait_options(parser: argparse.ArgumentParser, *, poll_interval: float) -> None:
    parser.add_argument(
        "--poll-interval",
        type=_non_negative,
        default=poll_interval,
        metavar="SECONDS",
        help=f"seconds between status checks (default {poll_interval:g})",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress display on standard error"
    )


def _timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_non_negative,
        metavar="SECONDS",
        help="give up waiting after this many seconds (the job goes on running)",
    )


def _ranking_options(parser: argparse.ArgumentParser, *, max_latency_ms: float | None) -> None:
    parser.add_argument(
        "--rank-by",
        choices=RANK_METRICS,
        default="cost_per_inference",
        metavar="METRIC",
        help=f"order benchmarks by this metric (default cost_per_inference; one of "
        f"{', '.join(RANK_METRICS)})",
    )
    parser.add_argument(
        "--max-latency-ms",
        type=_non_negative,
        default=max_latency_ms,
        metavar="MS",
        help="pick the best benchmark among those with at most this model latency"
        + ("" if max_latency_ms is None else f" (default {max_latency_ms:g})"),
    )


def _paging_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-items", type=_positive_int, metavar="N", help="show at most N items in all"
    )
    parser.add_argument(
        "--page-size", type=_positive_int, metavar="N", help="items per request (1-100)"
    )
    parser.add_argument(
        "--starting-token",
        metavar="TOKEN",
        help="resume where an earlier --max-items output's NextToken left off",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``irclient``, every command and option."""
    from . import __version__
    from .models.enums import (
        ListInferenceRecommendationsJobsSortBy,
        RecommendationJobStatus,
        RecommendationStepType,
        SortOrder,
    )

    statuses = [s.value for s in RecommendationJobStatus]
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Amazon SageMaker Inference Recommender from the command line.",
        epilog=f"'{PROG} demo' runs the whole flow offline; '{PROG} COMMAND --help' "
        "describes a command.",
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = [_common_options(suppress=True)]

    def command(name: str, help: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, description=description, parents=common)

    demo = command(
        "demo",
        "run a recommendation job offline, on irclient's simulator",
        "Create a recommendation job on irclient's simulator (moto; no AWS account or "
        "configuration needed), wait for it, rank its benchmarks and pick the best under a "
        f"latency limit. Needs the testing extra: {_TESTING_EXTRA}.",
    )
    _ranking_options(demo, max_latency_ms=100.0)
    _wait_options(demo, poll_interval=_DEMO_POLL_INTERVAL)
    demo.set_defaults(handler=_cmd_demo)

    skel = command(
        "skeleton",
        "print a request template",
        "Print a CreateInferenceRecommendationsJob request template: the AWS CLI's "
        "--generate-cli-skeleton layout, usable with its --cli-input-json.",
    )
    skel.add_argument("--example", action="store_true", help="a filled-in, valid example instead")
    skel.set_defaults(handler=_cmd_skeleton)

    val = command(
        "validate",
        "check a request file offline",
        "Check a request file against every documented constraint, without AWS, and list "
        "every violation (exit status 1 when there is one).",
    )
    val.add_argument("request", metavar="REQUEST.json", help="the request file ('-' for stdin)")
    val.set_defaults(handler=_cmd_validate)

    run = command(
        "run",
        "create a job from a request file, wait for it, rank its benchmarks",
        "Create the recommendation job a request file describes, wait until it ends, and "
        "rank its benchmarks.",
    )
    run.add_argument("request", metavar="REQUEST.json", help="the request file ('-' for stdin)")
    run.add_argument("--job-name", metavar="NAME", help="use this job name, not the file's")
    run.add_argument("--no-wait", action="store_true", help="create the job and return at once")
    _ranking_options(run, max_latency_ms=None)
    _wait_options(run, poll_interval=30.0)
    _timeout_option(run)
    run.set_defaults(handler=_cmd_run)

    describe = command(
        "describe", "show a job", "Show a job's status, details and recommendations."
    )
    describe.add_argument("job", metavar="JOB", help="the job name")
    describe.set_defaults(handler=_cmd_describe)

    steps = command("steps", "list a job's steps", "List a job's benchmark steps, all pages.")
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
    _paging_options(steps)
    steps.set_defaults(handler=_cmd_steps)

    jobs = command("jobs", "list jobs", "List recommendation jobs, all pages, with filters.")
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
            type=_parse_time,
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
    _paging_options(jobs)
    jobs.set_defaults(handler=_cmd_jobs)

    stop = command("stop", "stop a job", "Stop a running job.")
    stop.add_argument("job", metavar="JOB", help="the job name")
    stop.add_argument("--wait", action="store_true", help="wait until the job has stopped")
    _wait_options(stop, poll_interval=10.0)
    _timeout_option(stop)
    stop.set_defaults(handler=_cmd_stop)
    return parser


# --------------------------------------------------------------------------- errors


def _failure_for(exc: BaseException, args: argparse.Namespace) -> _Failure | None:
    """The message and exit code of an irclient error, or ``None`` for anything else."""
    from . import errors

    if isinstance(exc, errors.ValidationError):
        return _validation_failure(exc)
    if isinstance(exc, errors.ResourceNotFound):
        return _Failure(str(exc), ExitCode.NOT_FOUND)
    if isinstance(exc, errors.ResourceInUse) and args.command == "run":
        return _Failure(
            f"{exc} (a job name can be used once per account and Region: pass --job-name)",
            ExitCode.SERVICE_ERROR,
        )
    if isinstance(exc, errors.ServiceError):
        return _Failure(str(exc), ExitCode.SERVICE_ERROR)
    if isinstance(exc, errors.TransportError):
        return _Failure(str(exc), ExitCode.CONNECTION_ERROR)
    if isinstance(exc, errors.ConfigurationError):
        return _Failure(_configuration_message(exc), ExitCode.CONFIGURATION)
    if isinstance(exc, errors.JobFailedError):
        return _Failure(str(exc), ExitCode.JOB_FAILED)
    if isinstance(exc, errors.WaitTimeoutError):
        return _Failure(f"{exc}; the job goes on running", ExitCode.WAIT_TIMEOUT)
    if isinstance(exc, errors.IRClientError):  # pragma: no cover - every branch is above
        return _Failure(str(exc), ExitCode.SERVICE_ERROR)
    return None


def _configuration_message(exc: BaseException) -> str:
    from botocore import exceptions as bx

    cause = exc.__cause__
    if isinstance(cause, bx.NoCredentialsError):
        return (
            "no AWS credentials found: configure them ('aws configure', environment "
            "variables, SSO) or pass --profile"
        )
    if isinstance(cause, bx.NoRegionError):
        return "no AWS Region: pass --region, set AWS_REGION, or set one in your profile"
    return str(exc)


@contextlib.contextmanager
def _log_to_stderr(debug: bool) -> Iterator[None]:
    """Send the log records of irclient (retries, failed polls) to standard error."""
    logger = logging.getLogger("irclient")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s: %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    # Our handler prints them; the root logger's would print them again.
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except _Failure:
        raise
    except KeyboardInterrupt:
        raise _Failure("interrupted", ExitCode.INTERRUPTED) from None
    except Exception as exc:
        failure = _failure_for(exc, args)
        if failure is None:
            raise
        if args.debug:
            traceback.print_exc()
        raise failure from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``irclient`` command line.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        The exit status, an :class:`ExitCode`.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (argparse printed it)
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    try:
        with _log_to_stderr(args.debug):
            return _run(args)
    except _Failure as failure:
        _error(failure.message)
        for line in failure.details:
            print(f"  - {line}", file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        _error("interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head): nothing more can be said, and Python would print
        # a second error when it flushes standard output at exit.
        _silence_stdout()
        return ExitCode.OK
    except Exception:
        traceback.print_exc()
        _error("unexpected error (a bug in irclient; please report it with the traceback above)")
        return ExitCode.INTERNAL_ERROR


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
