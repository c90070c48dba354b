"""The simulated backend of one account and Region: its jobs and the operations on them.

Plain Python over wire dicts: it takes the JSON body boto3 sends and returns the JSON body AWS
would. moto is reached only through what ``_moto`` hands in: the job kind's transition
(moto's state manager), the clock, moto's SageMaker resources and a log sink.

Every read of a job (describe, list steps, list jobs, the scaling recommendation) first
brings the job to the clock's time (``Job.timeline``), then reports what the job's plan says
at that point, so all reads agree; a read of one job never moves another.
"""

from __future__ import annotations

import datetime
import itertools
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ...models.shapes import (
    CreateInferenceRecommendationsJobRequest,
    DescribeInferenceRecommendationsJobRequest,
    GetScalingConfigurationRecommendationRequest,
    ListInferenceRecommendationsJobsRequest,
    ListInferenceRecommendationsJobStepsRequest,
    StopInferenceRecommendationsJobRequest,
)
from .. import _scaling
from .._paginator import PageError, paginate
from . import _performance
from ._ai_references import ObjectStore
from ._ai_state import GenAIBackend
from ._components import COMPONENT_MODEL_NAME, InferenceComponentBackend
from ._joblogs import JobLogWriter, LogSink
from ._jobs import (
    ACTIVE,
    FAIL_JOB_TAG,
    Job,
    digest,
    model_key,
    plan_benchmarks,
    schedule_for,
    stop_phase,
    tags_of,
)
from ._references import References, SageMakerResources, resolve
from ._requests import SimulatedError, invalid, not_found, parse
from ._schedule import CLOCK, Clock, Timeline

__all__ = ["InferenceRecommenderState"]

_DEFAULT_JOB_FAILURE = "Simulated failure"
_MAX_RECOMMENDATIONS = 10

Transition = Callable[[], Mapping[str, Any]]
"""The current moto transition of the job kind (``{"progression": ...}``)."""


def _immediate() -> Mapping[str, Any]:
    return {"progression": "immediate"}


def _epoch_millis(when: datetime.datetime) -> int:
    return int(when.timestamp() * 1000)


class InferenceRecommenderState:
    """Every job of one account in one Region, and the operations on them.

    The six classic operations are its methods; the 14 generative-AI ones are those of its
    :attr:`genai` backend, and the six inference-component ones those of its
    :attr:`components` backend, on the same clock, lock and resources.

    Args:
        account_id: The account.
        region: The Region.
        partition: The ARN partition of the Region.
        transition: The jobs' current moto transition (immediate when not given).
        clock: The backend's clock (the process's simulated clock when not given).
        resources: moto's SageMaker resources; without them nothing a job names is checked.
        logs: Where the jobs' log lines go; without it they are not written.
        store: moto's S3; without it the generative-AI jobs neither read models nor write
            results.
        transitions: The moto transition of a generative-AI job kind, by its model name
            (the classic jobs' transition when not given).
    """

    def __init__(
        self,
        *,
        account_id: str,
        region: str,
        partition: str,
        transition: Transition = _immediate,
        clock: Clock = CLOCK,
        resources: SageMakerResources | None = None,
        logs: LogSink | None = None,
        store: ObjectStore | None = None,
        transitions: Callable[[str], Mapping[str, Any]] | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self.clock = clock
        self._transition = transition
        self._resources = resources
        self._logs = None if logs is None else JobLogWriter(logs)
        # Keyed by the lower-cased name: SageMaker names are unique regardless of case.
        self._jobs: dict[str, Job] = {}
        self._sequence = itertools.count()
        # The threaded server serves requests concurrently; a job's create is all or nothing.
        self._lock = threading.RLock()
        self.components = InferenceComponentBackend(
            account_id=account_id,
            region=region,
            partition=partition,
            clock=clock,
            transition=lambda: (transitions or (lambda _kind: self._transition()))(
                COMPONENT_MODEL_NAME
            ),
            resources=resources,
        )
        self.genai = GenAIBackend(
            account_id=account_id,
            region=region,
            partition=partition,
            clock=clock,
            transitions=transitions or (lambda _kind: self._transition()),
            resources=resources,
            store=store,
            logs=self._logs,
        )

    def dispatch(self, operation: str, body: Mapping[str, Any]) -> dict[str, Any] | None:
        """Run ``operation`` (its boto3 method name) on a request's JSON body.

        An operation of the table the simulator has no behaviour for answers
        ``UnknownOperationException``, as AWS answers an action it does not know.
        """
        handler = None
        if not operation.startswith("_"):
            handler = (
                getattr(self, operation, None)
                or getattr(self.genai, operation, None)
                or getattr(self.components, operation, None)
            )
        if handler is None or not callable(handler):
            raise SimulatedError(
                "UnknownOperationException", f"The simulator does not implement {operation}."
            )
        with self._lock:
            try:
                return handler(body)  # type: ignore[no-any-return]
            except PageError as exc:
                raise invalid(str(exc)) from None

    # ----------------------------------------------------------------- time

    def sync(self) -> None:
        """Bring every job to the clock's time without reading it (what a log reader sees)."""
        with self._lock:
            now = self.clock.now()
            transition = self._transition()
            for job in self._jobs.values():
                self._catch_up(job, now, transition, read=False)
            self.genai.sync()
            self.components.sync()

    def _catch_up(
        self, job: Job, now: datetime.datetime, transition: Mapping[str, Any], *, read: bool
    ) -> None:
        job.timeline.catch_up(now, transition, read=read)
        if self._logs is not None:
            self._logs.write_due(job)

    def _read(self, job: Job) -> str:
        """A read of ``job``: it moves as its progression says, and its status is returned."""
        self._catch_up(job, self.clock.now(), self._transition(), read=True)
        return job.status

    def resource_by_arn(self, arn: str) -> Any:
        """The job or workload configuration of an ARN (what moto's tagging looks up), or None."""
        with self._lock:
            return self.job_by_arn(arn) or self.genai.resource_by_arn(arn)

    def job_by_arn(self, arn: str) -> Job | None:
        """The job of an ARN (what moto's tagging looks up), or None."""
        job = self._jobs.get(arn.rsplit("/", 1)[-1].lower())
        return job if job is not None and job.arn == arn else None

    def _job(self, name: str) -> Job:
        job = self._jobs.get(name.lower())
        if job is None:
            raise not_found(f"Inference recommendations job '{name}' does not exist.")
        return job

    # ----------------------------------------------------------------- create

    def create_inference_recommendations_job(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """CreateInferenceRecommendationsJob."""
        request = parse(body, CreateInferenceRecommendationsJobRequest)
        name = request.job_name
        if name.lower() in self._jobs:
            raise SimulatedError(
                "ResourceInUse", f"Inference recommendations job '{name}' already exists."
            )
        references = self._references(request)
        arn = (
            f"arn:{self.partition}:sagemaker:{self.region}:{self.account_id}:"
            f"inference-recommendations-job/{name.lower()}"
        )
        benchmarks = plan_benchmarks(request, arn, references.container)
        tags = tags_of(request)
        tagged = FAIL_JOB_TAG in tags
        failure = (tags[FAIL_JOB_TAG] or _DEFAULT_JOB_FAILURE) if tagged else None
        if failure is None and benchmarks and all(b.failure_reason for b in benchmarks):
            failure = (
                f"All {len(benchmarks)} benchmarks failed; the first: "
                f"{benchmarks[0].failure_reason}"
            )
        schedule = schedule_for(benchmarks, failure=failure, tagged=tagged)
        job = Job(
            sequence=next(self._sequence),
            request=request,
            arn=arn,
            timeline=Timeline(schedule, self.clock.now()),
            benchmarks=benchmarks,
            endpoint_performances=self._endpoint_performances(request, references),
            failure_reason=failure,
            tags=[tag.to_dict() for tag in request.tags or ()],
            container=references.container,
        )
        self._compilation_jobs(job, references)
        self._jobs[name.lower()] = job
        if self._logs is not None:
            self._logs.write_due(job)
        return {"JobArn": arn}

    def _references(self, request: CreateInferenceRecommendationsJobRequest) -> References:
        if self._resources is None:
            container = request.input_config.container_config
            return References(
                container=container.to_dict() if container else None, model_source={}, endpoints=()
            )
        return resolve(
            request,
            self._resources,
            partition=self.partition,
            region=self.region,
            account=self.account_id,
        )

    def _compilation_jobs(self, job: Job, references: References) -> None:
        """Leave a compilation job in moto for each compiled benchmark, as AWS does."""
        if self._resources is None:
            return
        output = job.request.output_config
        compiled = output.compiled_output_config if output is not None else None
        base = compiled.s3_output_uri if compiled is not None else None
        for bench in job.benchmarks:
            name = bench.model_configuration.get("CompilationJobName")
            if not name:
                continue
            uri = (base or f"s3://sagemaker-{self.region}-{self.account_id}/{job.name}").rstrip("/")
            device = "ml_" + bench.target.removeprefix("ml.").split(".")[0]
            self._resources.create_compilation_job(
                str(name),
                role_arn=job.request.role_arn,
                source={
                    "S3Uri": references.model_source.get("ModelDataUrl") or f"{uri}/model.tar.gz",
                    "Framework": str((job.container or {}).get("Framework") or "PYTORCH"),
                    "DataInputConfig": "{}",
                },
                output_uri=f"{uri}/{name}/",
                device=device,
            )

    def _endpoint_performances(
        self, request: CreateInferenceRecommendationsJobRequest, references: References
    ) -> list[dict[str, Any]]:
        workload = _performance.workload_of(references.container)
        known = dict(references.endpoints)
        out = []
        for endpoint in request.input_config.endpoints or ():
            # The endpoint's own variant (moto's); ml.m5.xlarge when nothing is checked.
            variant = known.get(str(endpoint.endpoint_name)) or {}
            metrics = _performance.benchmark_metrics(
                model_key=f"{model_key(request)}@{endpoint.endpoint_name}",
                workload=workload,
                instance_type=str(variant.get("InstanceType") or "ml.m5.xlarge"),
                instance_count=int(variant.get("InitialInstanceCount") or 1),
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
        request = parse(body, DescribeInferenceRecommendationsJobRequest)
        job = self._job(request.job_name)
        status = self._read(job)
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

    def _recommendations(self, job: Job) -> list[dict[str, Any]]:
        """The best successful benchmarks: lowest cost per inference, then lowest latency."""
        done = [b for b in job.benchmarks if b.failure_reason is None and job.done(b)]
        done.sort(
            key=lambda b: (b.metrics["CostPerInference"], b.metrics["ModelLatency"], b.target)
        )
        out = []
        for bench in done[:_MAX_RECOMMENDATIONS]:
            start, end = job.times(bench)
            out.append(
                {
                    "RecommendationId": (
                        f"{job.name}/{digest(job.arn, bench.endpoint_configuration)[:8]}"
                    ),
                    "Metrics": bench.metrics,
                    "EndpointConfiguration": bench.endpoint_configuration,
                    "ModelConfiguration": bench.model_configuration,
                    "InvocationStartTime": start,
                    "InvocationEndTime": end,
                }
            )
        return out

    # ----------------------------------------------------------------- steps

    def list_inference_recommendations_job_steps(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """ListInferenceRecommendationsJobSteps."""
        request = parse(body, ListInferenceRecommendationsJobStepsRequest)
        job = self._job(request.job_name)
        self._read(job)
        steps = self._steps(job)
        if request.status is not None:
            steps = [s for s in steps if s["Status"] == request.status]
        if request.step_type is not None:
            steps = [s for s in steps if s["StepType"] == request.step_type]
        return paginate("ListInferenceRecommendationsJobSteps", steps, body)

    def _steps(self, job: Job) -> list[dict[str, Any]]:
        status = job.status
        steps = []
        for bench in job.benchmarks:
            benchmark: dict[str, Any] = {
                "EndpointConfiguration": bench.endpoint_configuration,
                "ModelConfiguration": bench.model_configuration,
            }
            if job.done(bench):
                step_status = "FAILED" if bench.failure_reason else "COMPLETED"
                benchmark["InvocationStartTime"], benchmark["InvocationEndTime"] = job.times(bench)
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
            elif status in ("STOPPING", "STOPPED"):
                step_status = status
            elif job.reached(bench.planned_start):
                step_status = "IN_PROGRESS"
            else:
                step_status = "PENDING"
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
        """ListInferenceRecommendationsJobs.

        A list reads every job of the account and Region (its filters need each status now),
        so each job moves as its progression says, as it would for a describe; that is how a
        poller that only lists sees its jobs finish.
        """
        request = parse(body, ListInferenceRecommendationsJobsRequest)
        jobs = [job for job in self._jobs.values() if _matches(request, job, self._read(job))]
        sort_by = str(request.sort_by or "CreationTime")
        descending = str(request.sort_order or "Descending") == "Descending"

        def key(job: Job) -> tuple[Any, ...]:
            if sort_by == "Name":
                return (job.name, job.sequence)
            if sort_by == "Status":
                return (job.status, job.sequence)
            return (_epoch_millis(job.creation_time), job.sequence)

        jobs.sort(key=key, reverse=descending)
        return paginate(
            "ListInferenceRecommendationsJobs",
            jobs,
            body,
            key=key,
            descending=descending,
            render=_summary,
        )

    # ----------------------------------------------------------------- stop

    def stop_inference_recommendations_job(self, body: Mapping[str, Any]) -> None:
        """StopInferenceRecommendationsJob: STOPPING now, STOPPED one step later.

        A stop is not a read: under the immediate progression a job nobody has read yet is
        still running, and stops.
        """
        request = parse(body, StopInferenceRecommendationsJobRequest)
        job = self._job(request.job_name)
        now = self.clock.now()
        self._catch_up(job, now, self._transition(), read=False)
        status = job.status
        if status in ("STOPPING", "STOPPED"):
            return None
        if status not in ACTIVE:
            raise invalid(
                f"Inference recommendations job '{job.name}' is {status}; only a PENDING or "
                "IN_PROGRESS job can be stopped."
            )
        job.stopped_at = job.timeline.elapsed
        job.timeline.interrupt(stop_phase(), "STOPPED", now)
        if self._logs is not None:
            self._logs.write_due(job)
        return None

    # ----------------------------------------------------------------- scaling

    def get_scaling_configuration_recommendation(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """GetScalingConfigurationRecommendation: advice from the recommendation's benchmark."""
        request = parse(body, GetScalingConfigurationRecommendationRequest)
        job = self._job(request.inference_recommendations_job_name)
        status = self._read(job)
        if status != "COMPLETED":
            raise invalid(
                f"Inference recommendations job '{job.name}' is {status}; autoscaling "
                "recommendations are for a COMPLETED job."
            )
        recommendations = self._recommendations(job)
        if request.recommendation_id is not None:
            found = [
                r for r in recommendations if r["RecommendationId"] == request.recommendation_id
            ]
            what = f"Recommendation '{request.recommendation_id}'"
        else:
            found = [
                r
                for r in recommendations
                if r["EndpointConfiguration"]["EndpointName"] == request.endpoint_name
            ]
            what = f"Endpoint '{request.endpoint_name}'"
        if not found:
            raise not_found(
                f"{what} is not among the recommendations of inference recommendations job "
                f"'{job.name}'."
            )
        recommendation = found[0]
        if "ServerlessConfig" in recommendation["EndpointConfiguration"]:
            raise invalid(
                f"Recommendation '{recommendation['RecommendationId']}' is for a serverless "
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


def _matches(request: ListInferenceRecommendationsJobsRequest, job: Job, status: str) -> bool:
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


def _summary(job: Job) -> dict[str, Any]:
    spec = job.request
    config = spec.input_config
    status = job.status
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
    payload = (job.container or {}).get("PayloadConfig") or {}
    if payload.get("SamplePayloadUrl"):
        out["SamplePayloadUrl"] = payload["SamplePayloadUrl"]
    return out
