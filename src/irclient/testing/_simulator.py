"""The simulated Inference Recommender: jobs, their benchmarks and the six operations.

Plain Python over wire dicts: it takes the JSON body boto3 sends and returns the JSON body AWS
would. moto is reached only through the two things ``_moto`` hands in: a factory of job
lifecycles (moto's state manager) and the account and Region of the backend.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import itertools
import json
import math
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

import attrs

from .. import serde, validation
from .._utils.format import environment_pairs
from ..errors import ValidationError
from ..models import _base, _specs
from ..models.shapes import (
    CategoricalParameter,
    CreateInferenceRecommendationsJobRequest,
    DescribeInferenceRecommendationsJobRequest,
    EndpointInputConfiguration,
    GetScalingConfigurationRecommendationRequest,
    ListInferenceRecommendationsJobsRequest,
    ListInferenceRecommendationsJobStepsRequest,
    StopInferenceRecommendationsJobRequest,
)
from . import _metrics, _scaling
from ._aws_errors import aws_message
from ._joblogs import JobLogWriter, LogSink

__all__ = [
    "COMPILE_TAG",
    "FAIL_JOB_TAG",
    "FAIL_STEP_TAG",
    "MODEL_NAME",
    "InferenceRecommenderState",
    "Lifecycle",
    "SimulatedError",
]

MODEL_NAME = "sagemaker::inference-recommendations-job"
"""The model name of a job in moto's state manager (``state_manager.set_transition``)."""

FAIL_JOB_TAG = "irclient:simulate:job-failure"
"""Tag a job with this key to make it end FAILED; the tag's value is the FailureReason."""

FAIL_STEP_TAG = "irclient:simulate:step-failure"
"""Tag a job with this key to make some benchmarks fail: the value lists instance types
separated by spaces, ``serverless`` for the serverless benchmarks, or ``all``."""

COMPILE_TAG = "irclient:simulate:compilation"
"""Tag a job with this key to have some benchmarks run a compiled model: the value lists
instance types (or ``serverless``, or ``all``) as for :data:`FAIL_STEP_TAG`. Each such
benchmark gets a ``CompilationJobName`` and a compilation log stream."""

_DEFAULT_MAX_RESULTS = 100
_DEFAULT_JOB_FAILURE = "Simulated failure"
_BENCHMARK_SECONDS = 600
_SETUP_SECONDS = 300
_DEFAULT_SERVERLESS_CONCURRENCY = 5
_MAX_RECOMMENDATIONS = 10

_ACTIVE = ("PENDING", "IN_PROGRESS")
_TERMINAL = ("COMPLETED", "FAILED", "STOPPED")

_Req = TypeVar("_Req", bound=_base.Shape)


class SimulatedError(Exception):
    """An error response: the AWS error code and its message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class Lifecycle(Protocol):
    """A job's status as moto's state manager moves it on."""

    def read(self) -> str:
        """The status, after whatever progression the state manager's transition allows."""
        ...

    def peek(self) -> str:
        """The status without the immediate jump to the end (``read`` for other progressions)."""
        ...

    def current(self) -> str:
        """The status as it stands, moving nothing (what a job list shows)."""
        ...

    def advance(self) -> None:
        """Count one describe: what the ``manual`` progression counts."""
        ...

    def stop(self) -> None:
        """Go to STOPPING, from which the progression leads to STOPPED."""
        ...


LifecycleFactory = Callable[[bool], Lifecycle]
"""Makes the lifecycle of a new job; the argument says whether it ends FAILED."""


def _now() -> datetime.datetime:
    # Milliseconds, as the wire carries them: a time read back from a response then compares
    # equal to the stored one, so CreationTimeAfter=<a job's CreationTime> excludes that job.
    now = datetime.datetime.now(datetime.UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _to_millis(when: datetime.datetime) -> datetime.datetime:
    # Rounded down, so a scaled time never passes the interval's (millisecond) end.
    return when.replace(microsecond=when.microsecond // 1000 * 1000)


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


# --------------------------------------------------------------------------- requests


def _with_timestamps(body: Mapping[str, Any], cls: type[_base.Shape]) -> dict[str, Any]:
    """The JSON protocol sends timestamps as epoch seconds; the strict parser wants datetimes."""
    out = dict(body)
    for field in _specs.SPECS[cls]:
        value = out.get(field.wire)
        if field.type.kind == "timestamp" and isinstance(value, int | float):
            if not isinstance(value, bool):
                out[field.wire] = datetime.datetime.fromtimestamp(value, tz=datetime.UTC)
    return out


def _parse(body: Mapping[str, Any], cls: type[_Req]) -> _Req:
    """Parse and check a request exactly as irclient's client does, failing as AWS does.

    The checks include every error rule of :data:`irclient.rules.RULES`, the table the
    client's validator reads, so the two refuse the same requests. Warning rules are
    guidance AWS accepts requests against, so the simulator accepts them too. What only a
    backend can know (a name in use, a job's state) is checked by the operations below.
    """
    try:
        request = serde.parse_request(_with_timestamps(body, cls), cls)
    except ValidationError as exc:
        raise SimulatedError(
            "ValidationException", aws_message(exc.violations, cls, body)
        ) from None
    # Refusing lone surrogates is irclient's own choice; AWS's Java patterns accept them, and
    # so does the simulator, so that tests can meet the jobs other clients leave behind.
    violations = [v for v in validation.check(request) if v.constraint != "unicode"]
    if violations:
        raise SimulatedError("ValidationException", aws_message(violations, cls, body))
    return request


def _invalid(message: str) -> SimulatedError:
    return SimulatedError("ValidationException", message)


# --------------------------------------------------------------------------- paging


def _page(
    items: Sequence[Any], token: str | None, max_results: int | None, query: str
) -> tuple[Sequence[Any], str | None]:
    """One page of ``items``; the token records the offset and the query it belongs to."""
    start = 0
    if token:
        try:
            decoded = json.loads(base64.urlsafe_b64decode(token.encode()))
            start, owner = int(decoded["offset"]), str(decoded["query"])
        except (ValueError, KeyError, TypeError, binascii.Error):
            raise _invalid(f"Invalid pagination token: {token!r}") from None
        if owner != query or start < 0:
            raise _invalid(
                "The pagination token does not belong to this request; "
                "repeat the same parameters with it"
            )
    end = start + (max_results or _DEFAULT_MAX_RESULTS)
    if end >= len(items):
        return items[start:], None
    payload = json.dumps({"offset": end, "query": query}).encode()
    return items[start:end], base64.urlsafe_b64encode(payload).decode()


def _paged(
    operation: str,
    items: Sequence[Any],
    body: Mapping[str, Any],
    render: Callable[[Any], Any] = lambda item: item,
) -> dict[str, Any]:
    """One page of a list operation's response, keyed as its paginator spec says.

    The token, the limit and the result member come from the generated operation table, so
    a list operation added to it pages here without naming its keys again. A token belongs
    to the request's other members: reusing it with different filters is refused, as AWS
    does.
    """
    spec = _specs.OPERATIONS[operation].paginator
    assert spec is not None, f"{operation} has no paginator in the operation table"
    filters = {k: v for k, v in body.items() if k not in (spec.input_token, spec.limit_key)}
    query = _digest(operation, json.dumps(filters, sort_keys=True, default=str))
    token = body.get(spec.input_token)
    limit = body.get(spec.limit_key)
    page, next_token = _page(items, token, limit, query)
    out: dict[str, Any] = {spec.result_key: [render(item) for item in page]}
    if next_token is not None:
        out[spec.output_token] = next_token
    return out


# --------------------------------------------------------------------------- jobs


@attrs.define
class _Benchmark:
    endpoint_configuration: dict[str, Any]
    model_configuration: dict[str, Any]
    metrics: dict[str, Any]
    failure_reason: str | None
    # The planned schedule, in seconds after the job's creation: the shape of a real job
    # (set-up, then MaxParallelOfTests benchmarks at a time), before it is fitted to the
    # time that actually passed (see _Job.settle).
    planned_start: float
    planned_end: float
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    # Real seconds per planned second, once settled: what the logs scale their offsets by.
    scale: float = 0.0

    @property
    def target(self) -> str:
        config = self.endpoint_configuration
        return str(config.get("InstanceType") or "serverless")

    def at(self, planned: float, *, from_end: bool = False) -> datetime.datetime:
        """The real time ``planned`` seconds of the planned schedule after its start (or end).

        Log lines are written on the planned schedule (an endpoint is InService 240 s into
        its benchmark); this scales them as the benchmark's own times were scaled.
        """
        start, end = self.times()
        anchor = end if from_end else start
        return _to_millis(anchor + datetime.timedelta(seconds=planned * self.scale))

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Its invocation start and end; only a finished benchmark has them (_Job.settle)."""
        if self.start is None or self.end is None:
            raise RuntimeError(f"benchmark on {self.target} has not finished")
        return self.start, self.end


@attrs.define
class _Job:
    sequence: int
    request: CreateInferenceRecommendationsJobRequest
    arn: str
    lifecycle: Lifecycle
    benchmarks: list[_Benchmark]
    endpoint_performances: list[dict[str, Any]]
    failure_reason: str | None
    job_failure_tagged: bool
    creation_time: datetime.datetime
    last_modified_time: datetime.datetime
    completion_time: datetime.datetime | None = None
    last_status: str = "PENDING"
    done_at_stop: int = 0
    # How much of the job its logs tell already (see _joblogs).
    logged_start: bool = False
    logged_benchmarks: int = 0
    logged_end: bool = False

    @property
    def name(self) -> str:
        return self.request.job_name

    def observe(self, status: str) -> str:
        """Record a status read; a change moves LastModifiedTime (and CompletionTime)."""
        if status != self.last_status:
            now = _now()
            self.settle(self.done_count(status), now)
            self.last_status = status
            self.last_modified_time = now
            if status in _TERMINAL:
                self.completion_time = now
        return status

    def settle(self, done: int, now: datetime.datetime) -> None:
        """Give the benchmarks that finished since the last change their invocation times.

        A simulated job runs in however long its reads take (no time at all under moto's
        immediate progression), so the planned schedule of the newly finished benchmarks
        is scaled into the real interval between the last status change and ``now``. Every
        time then lies between the job's creation and its last modification, in order, and
        none is in the future.
        """
        fresh = [b for b in self.benchmarks[:done] if b.start is None]
        if not fresh:
            return
        origin = self.last_modified_time
        first = 0.0 if fresh[0] is self.benchmarks[0] else min(b.planned_start for b in fresh)
        last = max(b.planned_end for b in fresh)
        span = (now - origin).total_seconds()

        def at(planned: float) -> datetime.datetime:
            # Fractions in floating point: a timedelta divided first would round to whole
            # microseconds and drift by a millisecond once scaled back up.
            fraction = (planned - first) / (last - first)
            return min(now, _to_millis(origin + datetime.timedelta(seconds=fraction * span)))

        for bench in fresh:
            bench.start, bench.end = at(bench.planned_start), at(bench.planned_end)
            bench.scale = span / (last - first)

    def done_count(self, status: str) -> int:
        """How many benchmarks have finished (completed or failed) in ``status``."""
        total = len(self.benchmarks)
        half = math.ceil(total / 2)
        if status == "PENDING":
            return 0
        if status == "IN_PROGRESS":
            return half
        if status == "FAILED" and self.job_failure_tagged:
            return half
        if status in ("STOPPING", "STOPPED"):
            return self.done_at_stop
        return total


def _tags(request: CreateInferenceRecommendationsJobRequest) -> dict[str, str]:
    return {tag.key: tag.value for tag in request.tags or ()}


def _step_fails(target: str, spec: str | None) -> bool:
    if spec is None:
        return False
    wanted = spec.split()
    return "all" in wanted or target in wanted


def _plan(
    request: CreateInferenceRecommendationsJobRequest,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(EndpointConfiguration, ModelConfiguration) pairs to benchmark, before names are given."""
    config = request.input_config
    container = config.container_config
    if request.job_type == "Advanced":
        # Existing endpoints (InputConfig.Endpoints) are reported apart, not as steps.
        plans: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for endpoint in config.endpoint_configurations or ():
            plans.extend(_advanced_plans(endpoint))
        limit = config.resource_limit.max_number_of_tests if config.resource_limit else None
        return plans[:limit] if limit else plans
    if container is not None and container.supported_endpoint_type == "Serverless":
        return [
            (
                {
                    "ServerlessConfig": {
                        "MemorySizeInMB": memory,
                        "MaxConcurrency": _DEFAULT_SERVERLESS_CONCURRENCY,
                    }
                },
                {},
            )
            for memory in _metrics.SERVERLESS_MEMORY_SIZES
        ]
    if container is not None and container.supported_instance_types:
        types: Sequence[str] = container.supported_instance_types
    else:
        workload = _metrics.workload_of(container.to_dict() if container else None)
        types = _metrics.default_instance_types(workload)
    return [({"InstanceType": t, "InitialInstanceCount": 1}, {}) for t in types]


def _advanced_plans(
    endpoint: EndpointInputConfiguration,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    if endpoint.serverless_config is not None:
        target: dict[str, Any] = {"ServerlessConfig": endpoint.serverless_config.to_dict()}
    else:
        target = {"InstanceType": str(endpoint.instance_type), "InitialInstanceCount": 1}
    ranges: tuple[CategoricalParameter, ...] = ()
    if endpoint.environment_parameter_ranges is not None:
        ranges = endpoint.environment_parameter_ranges.categorical_parameter_ranges or ()
    choices = [[(r.name, value) for value in r.value] for r in ranges]
    out = []
    for combination in itertools.product(*choices):
        model: dict[str, Any] = {}
        if endpoint.inference_specification_name:
            model["InferenceSpecificationName"] = endpoint.inference_specification_name
        if combination:
            model["EnvironmentParameters"] = [
                {"Key": key, "ValueType": "String", "Value": value} for key, value in combination
            ]
        out.append((dict(target), model))
    return out


# --------------------------------------------------------------------------- the state


class InferenceRecommenderState:
    """Every job of one account in one Region, and the six operations on them."""

    def __init__(
        self,
        *,
        account_id: str,
        region: str,
        partition: str,
        lifecycle: LifecycleFactory,
        logs: LogSink | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self._lifecycle = lifecycle
        self._logs = None if logs is None else JobLogWriter(logs)
        self._jobs: dict[str, _Job] = {}
        self._sequence = itertools.count()
        # The threaded server serves requests concurrently; a job's create is all or nothing.
        self._lock = threading.RLock()

    def dispatch(self, operation: str, body: Mapping[str, Any]) -> dict[str, Any] | None:
        """Run ``operation`` (its boto3 method name) on a request's JSON body.

        An operation of the table the simulator has no behaviour for answers
        ``UnknownOperationException``, as AWS answers an action it does not know.
        """
        handler = getattr(self, operation, None) if not operation.startswith("_") else None
        if handler is None or not callable(handler):
            raise SimulatedError(
                "UnknownOperationException", f"The simulator does not implement {operation}."
            )
        with self._lock:
            return handler(body)  # type: ignore[no-any-return]

    def _observe(self, job: _Job, status: str) -> str:
        """Record a status read, and log what the job has done by then."""
        job.observe(status)
        if self._logs is not None:
            self._logs.progress(job, status, ended=status in _TERMINAL)
        return status

    def _job(self, name: str) -> _Job:
        job = self._jobs.get(name)
        if job is None:
            raise SimulatedError(
                "ResourceNotFound", f"Inference recommendations job {name!r} does not exist."
            )
        return job

    # ----------------------------------------------------------------- create

    def create_inference_recommendations_job(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """CreateInferenceRecommendationsJob."""
        request = _parse(body, CreateInferenceRecommendationsJobRequest)
        name = request.job_name
        if name in self._jobs:
            raise SimulatedError(
                "ResourceInUse", f"Inference recommendations job {name!r} already exists."
            )
        arn = (
            f"arn:{self.partition}:sagemaker:{self.region}:{self.account_id}:"
            f"inference-recommendations-job/{name.lower()}"
        )
        created = _now()
        benchmarks = self._benchmarks(request, arn)
        tags = _tags(request)
        tagged = FAIL_JOB_TAG in tags
        failure = (tags[FAIL_JOB_TAG] or _DEFAULT_JOB_FAILURE) if tagged else None
        if failure is None and benchmarks and all(b.failure_reason for b in benchmarks):
            failure = (
                f"All {len(benchmarks)} benchmarks failed; the first: "
                f"{benchmarks[0].failure_reason}"
            )
        job = self._jobs[name] = _Job(
            sequence=next(self._sequence),
            request=request,
            arn=arn,
            lifecycle=self._lifecycle(failure is not None),
            benchmarks=benchmarks,
            endpoint_performances=self._endpoint_performances(request),
            failure_reason=failure,
            job_failure_tagged=tagged,
            creation_time=created,
            last_modified_time=created,
        )
        self._observe(job, "PENDING")
        return {"JobArn": arn}

    def _model_key(self, request: CreateInferenceRecommendationsJobRequest) -> str:
        config = request.input_config
        return str(config.model_name or config.model_package_version_arn)

    def _benchmarks(
        self,
        request: CreateInferenceRecommendationsJobRequest,
        arn: str,
    ) -> list[_Benchmark]:
        config = request.input_config
        container = config.container_config
        workload = _metrics.workload_of(container.to_dict() if container else None)
        stopping = request.stopping_conditions
        cap = stopping.max_invocations if stopping is not None else None
        parallel = 1
        if config.resource_limit is not None and config.resource_limit.max_parallel_of_tests:
            parallel = config.resource_limit.max_parallel_of_tests
        step_failures = _tags(request).get(FAIL_STEP_TAG)
        compiled = _tags(request).get(COMPILE_TAG)
        out = []
        for index, (endpoint, model) in enumerate(_plan(request)):
            # Endpoint and variant names are fixed by the job and the benchmark's position,
            # so that two runs of one test see the same names.
            endpoint_name = f"sm-epc-{uuid.UUID(_digest(arn, index)[:32])}"
            endpoint = {"EndpointName": endpoint_name, "VariantName": endpoint_name, **endpoint}
            target = str(endpoint.get("InstanceType") or "serverless")
            if _step_fails(target, compiled):
                # Named for the job and the benchmark, within CompilationJobName's 63 characters.
                model = {**model, "CompilationJobName": f"{request.job_name[:48]}-neo-{index + 1}"}
            metrics = _metrics.benchmark_metrics(
                model_key=self._model_key(request),
                workload=workload,
                instance_type=endpoint.get("InstanceType"),
                serverless=endpoint.get("ServerlessConfig"),
                environment=environment_pairs(model.get("EnvironmentParameters")),
                max_invocations_cap=cap,
            )
            reason = None
            if _step_fails(target, step_failures):
                # AWS's words for a container that fails on the sample payload.
                reason = (
                    "INVALID_INPUT : Model (owned by the customer in the container) returned "
                    f"4xx or 5xx error code on {target} (a simulated failure requested by the "
                    f"{FAIL_STEP_TAG} tag)"
                )
            start = _SETUP_SECONDS + (index // parallel) * _BENCHMARK_SECONDS
            out.append(
                _Benchmark(
                    endpoint_configuration=endpoint,
                    model_configuration=model,
                    metrics=metrics,
                    failure_reason=reason,
                    planned_start=start,
                    planned_end=start + _BENCHMARK_SECONDS,
                )
            )
        return out

    def _endpoint_performances(
        self, request: CreateInferenceRecommendationsJobRequest
    ) -> list[dict[str, Any]]:
        # An existing endpoint's instance type is not in the request; the model assumes the
        # general-purpose ml.m5.xlarge.
        config = request.input_config
        container = config.container_config
        workload = _metrics.workload_of(container.to_dict() if container else None)
        out = []
        for endpoint in config.endpoints or ():
            metrics = _metrics.benchmark_metrics(
                model_key=f"{self._model_key(request)}@{endpoint.endpoint_name}",
                workload=workload,
                instance_type="ml.m5.xlarge",
            )
            out.append(
                {
                    "Metrics": {
                        "MaxInvocations": metrics["MaxInvocations"],
                        "ModelLatency": metrics["ModelLatency"],
                    },
                    "EndpointInfo": endpoint.to_dict(),
                }
            )
        return out

    # ----------------------------------------------------------------- describe

    def describe_inference_recommendations_job(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeInferenceRecommendationsJob."""
        request = _parse(body, DescribeInferenceRecommendationsJobRequest)
        job = self._job(request.job_name)
        job.lifecycle.advance()
        status = self._observe(job, job.lifecycle.read())
        spec = job.request
        out: dict[str, Any] = {
            "JobName": job.name,
            "JobType": str(spec.job_type),
            "JobArn": job.arn,
            "RoleArn": spec.role_arn,
            "Status": status,
            "CreationTime": job.creation_time,
            "LastModifiedTime": job.last_modified_time,
            "InputConfig": spec.input_config.to_dict(),
        }
        if spec.job_description is not None:
            out["JobDescription"] = spec.job_description
        if job.completion_time is not None:
            out["CompletionTime"] = job.completion_time
        if status == "FAILED":
            out["FailureReason"] = job.failure_reason
        if spec.stopping_conditions is not None:
            out["StoppingConditions"] = spec.stopping_conditions.to_dict()
        if status == "COMPLETED":
            out["InferenceRecommendations"] = self._recommendations(job)
            if job.endpoint_performances:
                out["EndpointPerformances"] = job.endpoint_performances
        return out

    def _recommendations(self, job: _Job) -> list[dict[str, Any]]:
        """The best successful benchmarks: lowest cost per inference, then lowest latency."""
        done = [b for b in job.benchmarks if b.failure_reason is None]
        done.sort(
            key=lambda b: (
                b.metrics["CostPerInference"],
                b.metrics["ModelLatency"],
                b.target,
            )
        )
        return [
            {
                "RecommendationId": f"{job.name}/{_digest(job.arn, b.endpoint_configuration)[:8]}",
                "Metrics": b.metrics,
                "EndpointConfiguration": b.endpoint_configuration,
                "ModelConfiguration": b.model_configuration,
                "InvocationStartTime": b.start,
                "InvocationEndTime": b.end,
            }
            for b in done[:_MAX_RECOMMENDATIONS]
        ]

    # ----------------------------------------------------------------- steps

    def list_inference_recommendations_job_steps(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """ListInferenceRecommendationsJobSteps."""
        request = _parse(body, ListInferenceRecommendationsJobStepsRequest)
        job = self._job(request.job_name)
        steps = self._steps(job, self._observe(job, job.lifecycle.read()))
        if request.status is not None:
            steps = [s for s in steps if s["Status"] == request.status]
        if request.step_type is not None:
            steps = [s for s in steps if s["StepType"] == request.step_type]
        return _paged("ListInferenceRecommendationsJobSteps", steps, body)

    def _steps(self, job: _Job, status: str) -> list[dict[str, Any]]:
        done = job.done_count(status)
        steps = []
        for index, bench in enumerate(job.benchmarks):
            benchmark: dict[str, Any] = {
                "EndpointConfiguration": bench.endpoint_configuration,
                "ModelConfiguration": bench.model_configuration,
            }
            if index < done:
                step_status = "FAILED" if bench.failure_reason else "COMPLETED"
                benchmark["InvocationStartTime"] = bench.start
                benchmark["InvocationEndTime"] = bench.end
                if bench.failure_reason:
                    benchmark["FailureReason"] = bench.failure_reason
                else:
                    benchmark["Metrics"] = bench.metrics
                    benchmark["EndpointMetrics"] = {
                        "MaxInvocations": bench.metrics["MaxInvocations"],
                        "ModelLatency": bench.metrics["ModelLatency"],
                    }
            elif status == "FAILED":
                step_status = "FAILED"
                benchmark["FailureReason"] = job.failure_reason
            elif status == "COMPLETED":  # pragma: no cover - every step is done then
                step_status = "COMPLETED"
            else:
                step_status = status
            steps.append(
                {
                    "StepType": "BENCHMARK",
                    "JobName": job.name,
                    "Status": step_status,
                    "InferenceBenchmark": benchmark,
                }
            )
        return steps

    # ----------------------------------------------------------------- list jobs

    def list_inference_recommendations_jobs(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """ListInferenceRecommendationsJobs."""
        request = _parse(body, ListInferenceRecommendationsJobsRequest)
        # A list moves no job along, returned or not: under moto's immediate progression a
        # read completes a job, and a filtered list would otherwise complete other callers'
        # new jobs (whose stop then fails with "is COMPLETED").
        rows = [(job, self._observe(job, job.lifecycle.current())) for job in self._jobs.values()]
        rows = [(job, status) for job, status in rows if _matches(request, job, status)]
        sort_by = str(request.sort_by or "CreationTime")
        descending = str(request.sort_order or "Descending") == "Descending"

        def key(row: tuple[_Job, str]) -> tuple[Any, int]:
            job, status = row
            field: Any = {"Name": job.name, "Status": status}.get(sort_by, job.creation_time)
            return field, job.sequence

        rows.sort(key=key, reverse=descending)
        return _paged(
            "ListInferenceRecommendationsJobs",
            rows,
            body,
            render=lambda row: _summary(*row),
        )

    # ----------------------------------------------------------------- stop

    def stop_inference_recommendations_job(self, body: Mapping[str, Any]) -> None:
        """StopInferenceRecommendationsJob: STOPPING now, STOPPED as the progression allows."""
        request = _parse(body, StopInferenceRecommendationsJobRequest)
        job = self._job(request.job_name)
        status = job.lifecycle.peek()
        if status in ("STOPPING", "STOPPED"):
            return None
        if status not in _ACTIVE:
            raise _invalid(
                f"Inference recommendations job {job.name!r} is {status}; only a PENDING or "
                "IN_PROGRESS job can be stopped."
            )
        job.done_at_stop = job.done_count(status)
        job.lifecycle.stop()
        self._observe(job, "STOPPING")
        return None

    # ----------------------------------------------------------------- scaling

    def get_scaling_configuration_recommendation(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """GetScalingConfigurationRecommendation: advice from the recommendation's benchmark."""
        request = _parse(body, GetScalingConfigurationRecommendationRequest)
        job = self._job(request.inference_recommendations_job_name)
        status = job.observe(job.lifecycle.read())
        if status != "COMPLETED":
            raise _invalid(
                f"Inference recommendations job {job.name!r} is {status}; autoscaling "
                "recommendations are for a COMPLETED job."
            )
        recommendations = self._recommendations(job)
        if request.recommendation_id is not None:
            found = [
                r for r in recommendations if r["RecommendationId"] == request.recommendation_id
            ]
            what = f"Recommendation {request.recommendation_id!r}"
        else:
            found = [
                r
                for r in recommendations
                if r["EndpointConfiguration"]["EndpointName"] == request.endpoint_name
            ]
            what = f"Endpoint {request.endpoint_name!r}"
        if not found:
            raise SimulatedError(
                "ResourceNotFound",
                f"{what} is not among the recommendations of inference recommendations job "
                f"{job.name!r}.",
            )
        recommendation = found[0]
        if "ServerlessConfig" in recommendation["EndpointConfiguration"]:
            raise _invalid(
                f"Recommendation {recommendation['RecommendationId']!r} is for a serverless "
                "endpoint; autoscaling recommendations are for instance-based endpoints."
            )
        objective = request.scaling_policy_objective
        out: dict[str, Any] = {
            "InferenceRecommendationsJobName": job.name,
            "RecommendationId": recommendation["RecommendationId"],
            "EndpointName": recommendation["EndpointConfiguration"]["EndpointName"],
            "TargetCpuUtilizationPerCore": (
                request.target_cpu_utilization_per_core or _scaling.DEFAULT_TARGET_CPU
            ),
        }
        if objective is not None:
            out["ScalingPolicyObjective"] = objective.to_dict()
        out.update(
            _scaling.scaling_recommendation(
                recommendation,
                target_cpu=request.target_cpu_utilization_per_core,
                objective=objective.to_dict() if objective is not None else None,
            )
        )
        return out


def _matches(request: ListInferenceRecommendationsJobsRequest, job: _Job, status: str) -> bool:
    config = job.request.input_config
    checks = (
        (request.creation_time_after, lambda t: job.creation_time > t),
        (request.creation_time_before, lambda t: job.creation_time < t),
        (request.last_modified_time_after, lambda t: job.last_modified_time > t),
        (request.last_modified_time_before, lambda t: job.last_modified_time < t),
        (request.name_contains, lambda s: s.lower() in job.name.lower()),
        (request.status_equals, lambda s: status == s),
        (request.model_name_equals, lambda s: config.model_name == s),
        (
            request.model_package_version_arn_equals,
            lambda s: config.model_package_version_arn == s,
        ),
    )
    return all(wanted is None or test(wanted) for wanted, test in checks)


def _summary(job: _Job, status: str) -> dict[str, Any]:
    spec = job.request
    config = spec.input_config
    out: dict[str, Any] = {
        "JobName": job.name,
        "JobDescription": spec.job_description or "",
        "JobType": str(spec.job_type),
        "JobArn": job.arn,
        "Status": status,
        "CreationTime": job.creation_time,
        "RoleArn": spec.role_arn,
        "LastModifiedTime": job.last_modified_time,
    }
    if job.completion_time is not None:
        out["CompletionTime"] = job.completion_time
    if status == "FAILED":
        out["FailureReason"] = job.failure_reason
    if config.model_name is not None:
        out["ModelName"] = config.model_name
    if config.model_package_version_arn is not None:
        out["ModelPackageVersionArn"] = config.model_package_version_arn
    container = config.container_config
    if container is not None and container.payload_config is not None:
        url = container.payload_config.sample_payload_url
        if url is not None:
            out["SamplePayloadUrl"] = url
    return out
