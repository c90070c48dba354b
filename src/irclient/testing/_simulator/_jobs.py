"""A simulated Inference Recommender job: its plan of benchmarks, its schedule, its state.

A job is planned whole when it is created: which endpoint configurations it benchmarks, each
benchmark's metrics and (for the failure tags) its failure, and where each benchmark falls in
the job's own time: a 60 s ``PENDING`` phase, then ``IN_PROGRESS`` with 300 s of set-up,
``MaxParallelOfTests`` benchmarks of 600 s at a time and 60 s of tear-down. The
:class:`~._schedule.Timeline` then says how much of that plan has happened at any moment;
everything a read reports (status, steps, times, results) follows from it.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import math
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..._utils.format import environment_pairs
from ...models.shapes import (
    CategoricalParameter,
    CreateInferenceRecommendationsJobRequest,
    EndpointInputConfiguration,
)
from . import _performance
from ._schedule import Phase, Schedule, Timeline

__all__ = [
    "COMPILE_TAG",
    "FAIL_JOB_TAG",
    "FAIL_STEP_TAG",
    "Benchmark",
    "Job",
    "plan_benchmarks",
    "schedule_for",
]

FAIL_JOB_TAG = "irclient:simulate:job-failure"
"""Tag a job with this key to make it end FAILED; the tag's value is the FailureReason."""

FAIL_STEP_TAG = "irclient:simulate:step-failure"
"""Tag a job with this key to make some benchmarks fail: the value lists instance types
separated by spaces, ``serverless`` for the serverless benchmarks, or ``all``."""

COMPILE_TAG = "irclient:simulate:compilation"
"""Tag a job with this key to have some benchmarks run a compiled model: the value lists
instance types (or ``serverless``, or ``all``) as for :data:`FAIL_STEP_TAG`. Each such
benchmark gets a ``CompilationJobName`` naming a compilation job in moto, and a compilation
log stream."""

PENDING_SECONDS = 60.0
SETUP_SECONDS = 300.0
BENCHMARK_SECONDS = 600.0
TEARDOWN_SECONDS = 60.0
STOPPING_SECONDS = 60.0
DEFAULT_SERVERLESS_CONCURRENCY = 5

ACTIVE = ("PENDING", "IN_PROGRESS")
TERMINAL = ("COMPLETED", "FAILED", "STOPPED")


def digest(*parts: object) -> str:
    """A SHA-256 hex digest of ``parts``: the simulator's only source of variation."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


@attrs.define
class Benchmark:
    """One benchmark of a job: what it runs, what it measures, and when in job time."""

    endpoint_configuration: dict[str, Any]
    model_configuration: dict[str, Any]
    metrics: dict[str, Any]
    failure_reason: str | None
    planned_start: float
    planned_end: float

    @property
    def target(self) -> str:
        """The instance type, or ``serverless``."""
        return str(self.endpoint_configuration.get("InstanceType") or "serverless")


@attrs.define
class Job:
    """One simulated job: its request, its plan and its timeline."""

    sequence: int
    request: CreateInferenceRecommendationsJobRequest
    arn: str
    timeline: Timeline
    benchmarks: list[Benchmark]
    endpoint_performances: list[dict[str, Any]]
    failure_reason: str | None
    tags: list[dict[str, str]]
    """The job's tags, in wire form: moto's ListTags, AddTags and DeleteTags work on this list."""
    container: dict[str, Any] | None = None
    """The container config the job runs with (its own, or its model package's)."""
    stopped_at: float | None = None
    """The job time of a stop: no benchmark finishes after it."""
    logged: float = -1.0
    """The job time up to which the job's log lines are written."""

    @property
    def name(self) -> str:
        """The job name as created."""
        return self.request.job_name

    @property
    def status(self) -> str:
        """Its status, as of its timeline's last catch-up."""
        return self.timeline.status

    @property
    def creation_time(self) -> datetime.datetime:
        """``CreationTime``."""
        return self.timeline.created

    @property
    def last_modified_time(self) -> datetime.datetime:
        """``LastModifiedTime``: when the status last changed."""
        return self.timeline.changed

    @property
    def completion_time(self) -> datetime.datetime | None:
        """``CompletionTime``, once the job has ended."""
        return self.timeline.ended

    def reached(self, job_time: float) -> bool:
        """Whether the job has run to ``job_time`` (never past a stop)."""
        cutoff = self.timeline.elapsed
        if self.stopped_at is not None:
            cutoff = min(cutoff, self.stopped_at)
        return job_time <= cutoff

    def done(self, bench: Benchmark) -> bool:
        """Whether ``bench`` has finished (completed or failed)."""
        return self.reached(bench.planned_end)

    def times(self, bench: Benchmark) -> tuple[datetime.datetime, datetime.datetime]:
        """A finished benchmark's ``InvocationStartTime`` and ``InvocationEndTime``."""
        return (
            self.timeline.real_time(bench.planned_start),
            self.timeline.real_time(bench.planned_end),
        )

    def done_count(self) -> int:
        """How many benchmarks have finished."""
        return sum(1 for bench in self.benchmarks if self.done(bench))


def tags_of(request: CreateInferenceRecommendationsJobRequest) -> dict[str, str]:
    """The request's tags as a dict."""
    return {tag.key: tag.value for tag in request.tags or ()}


def _selected(target: str, spec: str | None) -> bool:
    if spec is None:
        return False
    wanted = spec.split()
    return "all" in wanted or target in wanted


def schedule_for(benchmarks: Sequence[Benchmark], *, failure: str | None, tagged: bool) -> Schedule:
    """The schedule of a job with these benchmarks.

    A job failed by :data:`FAIL_JOB_TAG` fails half-way: once the first half of its
    benchmarks have finished. Any other job runs every benchmark, then tears down.
    """
    ends = sorted(b.planned_end for b in benchmarks)
    if tagged and failure is not None:
        half = math.ceil(len(ends) / 2)
        end = ends[half - 1] if half else SETUP_SECONDS
    else:
        end = (ends[-1] if ends else SETUP_SECONDS) + TEARDOWN_SECONDS
    return Schedule(
        phases=(
            Phase("PENDING", PENDING_SECONDS),
            Phase("IN_PROGRESS", end - PENDING_SECONDS),
        ),
        outcome="FAILED" if failure is not None else "COMPLETED",
    )


def stop_phase() -> Phase:
    """The phase a stop adds; ``STOPPED`` follows it."""
    return Phase("STOPPING", STOPPING_SECONDS)


# --------------------------------------------------------------------------- planning


def _serverless_plans() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        (
            {
                "ServerlessConfig": {
                    "MemorySizeInMB": memory,
                    "MaxConcurrency": DEFAULT_SERVERLESS_CONCURRENCY,
                }
            },
            {"EnvironmentParameters": []},
        )
        for memory in _performance.SERVERLESS_MEMORY_SIZES
    ]


def _plan(
    request: CreateInferenceRecommendationsJobRequest,
    container: Mapping[str, Any] | None,
    workload: _performance.Workload,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(EndpointConfiguration, ModelConfiguration) pairs to benchmark, before names are given."""
    config = request.input_config
    if request.job_type == "Advanced":
        # Existing endpoints (InputConfig.Endpoints) are reported apart, not as steps.
        plans: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for endpoint in config.endpoint_configurations or ():
            plans.extend(_advanced_plans(endpoint))
        limit = config.resource_limit.max_number_of_tests if config.resource_limit else None
        return plans[:limit] if limit else plans
    container = container or {}
    endpoint_type = container.get("SupportedEndpointType")
    types: Sequence[str] = container.get("SupportedInstanceTypes") or (
        _performance.default_instance_types(workload)
    )
    realtime: list[tuple[dict[str, Any], dict[str, Any]]] = [
        ({"InstanceType": t, "InitialInstanceCount": 1}, {"EnvironmentParameters": []})
        for t in types
    ]
    if endpoint_type == "RealTime":
        return realtime
    if endpoint_type == "Serverless":
        return _serverless_plans()
    # Without SupportedEndpointType, AWS returns "a combined list of both real-time and
    # serverless benchmarks" (botocore's documentation of the member).
    return realtime + _serverless_plans()


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
        model["EnvironmentParameters"] = [
            {"Key": key, "ValueType": "String", "Value": value} for key, value in combination
        ]
        out.append((dict(target), model))
    return out


def model_key(request: CreateInferenceRecommendationsJobRequest) -> str:
    """What identifies the model in every hash: its name or package ARN."""
    config = request.input_config
    return str(config.model_name or config.model_package_version_arn)


def plan_benchmarks(
    request: CreateInferenceRecommendationsJobRequest,
    arn: str,
    container: Mapping[str, Any] | None,
) -> list[Benchmark]:
    """Every benchmark of a new job, with its metrics, failure and place in job time.

    Args:
        request: The create request.
        arn: The job's ARN (part of the benchmark endpoints' names).
        container: The container config the job runs with (the request's, or its model
            package's when the request has none), in wire form.
    """
    config = request.input_config
    workload = _performance.workload_of(container)
    stopping = request.stopping_conditions
    cap = stopping.max_invocations if stopping is not None else None
    parallel = 1
    if config.resource_limit is not None and config.resource_limit.max_parallel_of_tests:
        parallel = config.resource_limit.max_parallel_of_tests
    tags = tags_of(request)
    out = []
    for index, (endpoint, model) in enumerate(_plan(request, container, workload)):
        # Endpoint and variant names are fixed by the job and the benchmark's position,
        # so that two runs of one test see the same names.
        endpoint_name = f"sm-epc-{uuid.UUID(digest(arn, index)[:32])}"
        endpoint = {"EndpointName": endpoint_name, "VariantName": endpoint_name, **endpoint}
        target = str(endpoint.get("InstanceType") or "serverless")
        if _selected(target, tags.get(COMPILE_TAG)):
            # Named for the job and the benchmark, within CompilationJobName's 63 characters.
            model = {**model, "CompilationJobName": f"{request.job_name[:48]}-neo-{index + 1}"}
        metrics = _performance.benchmark_metrics(
            model_key=model_key(request),
            workload=workload,
            instance_type=endpoint.get("InstanceType"),
            serverless=endpoint.get("ServerlessConfig"),
            environment=environment_pairs(model.get("EnvironmentParameters") or None),
            max_invocations_cap=cap,
        )
        reason = None
        if _selected(target, tags.get(FAIL_STEP_TAG)):
            # AWS's words for a container that fails on the sample payload.
            reason = (
                "INVALID_INPUT : Model (owned by the customer in the container) returned "
                f"4xx or 5xx error code on {target} (a simulated failure requested by the "
                f"{FAIL_STEP_TAG} tag)"
            )
        start = SETUP_SECONDS + (index // parallel) * BENCHMARK_SECONDS
        out.append(
            Benchmark(
                endpoint_configuration=endpoint,
                model_configuration=model,
                metrics=metrics,
                failure_reason=reason,
                planned_start=start,
                planned_end=start + BENCHMARK_SECONDS,
            )
        )
    return out
