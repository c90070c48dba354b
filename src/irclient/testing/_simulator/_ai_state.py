"""The generative-AI operations of one account and Region (the 14 ``*AI*`` operations).

Workload configurations, AI benchmark jobs and AI recommendation jobs.

Plain Python over wire dicts, on the same principles as the classic jobs (``_state``): every
read brings the jobs it reports to the clock's time under their kind's moto transition
(``sagemaker::ai-benchmark-job``, ``sagemaker::ai-recommendation-job``), names are unique
regardless of case, what a job names is checked against moto (``_ai_references``), results
and log lines are written as the jobs' time passes them (``_ai_output``), and pages come
from the fakes' one paginator.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Mapping
from typing import Any

from ...models.shapes import (
    CreateAIBenchmarkJobRequest,
    CreateAIRecommendationJobRequest,
    CreateAIWorkloadConfigRequest,
    DeleteAIBenchmarkJobRequest,
    DeleteAIRecommendationJobRequest,
    DeleteAIWorkloadConfigRequest,
    DescribeAIBenchmarkJobRequest,
    DescribeAIRecommendationJobRequest,
    DescribeAIWorkloadConfigRequest,
    ListAIBenchmarkJobsRequest,
    ListAIRecommendationJobsRequest,
    ListAIWorkloadConfigsRequest,
    StopAIBenchmarkJobRequest,
    StopAIRecommendationJobRequest,
)
from . import _ai_output, _ai_recommend, _llm
from ._ai_jobs import (
    AI_TERMINAL,
    ANALYSIS_SECONDS,
    OPTIMISATION_SECONDS,
    AIBenchmarkJob,
    AIRecommendationJob,
    Candidate,
    WorkloadConfig,
    benchmark_schedule,
    recommendation_schedule,
    search_thresholds,
    stop_phase,
    traffic_of,
)
from ._ai_listing import (
    benchmark_summary,
    listed,
    page,
    recommendation_summary,
    workload_summary,
)
from ._ai_references import (
    ObjectStore,
    endpoint_target,
    model_from_s3,
    model_from_tags,
    split_s3_uri,
)
from ._joblogs import JobLogWriter
from ._jobs import FAIL_JOB_TAG, FAIL_STEP_TAG, digest
from ._references import SageMakerResources
from ._requests import SimulatedError, invalid, not_found, parse
from ._schedule import Clock, Timeline

__all__ = ["BENCHMARK_MODEL_NAME", "RECOMMENDATION_MODEL_NAME", "GenAIBackend"]

BENCHMARK_MODEL_NAME = "sagemaker::ai-benchmark-job"
"""The model name of an AI benchmark job in moto's state manager."""
RECOMMENDATION_MODEL_NAME = "sagemaker::ai-recommendation-job"
"""The model name of an AI recommendation job in moto's state manager."""

_DEFAULT_FAILURE = "Simulated failure"


Transitions = Callable[[str], Mapping[str, Any]]


def _tags(request: Any) -> dict[str, str]:
    return {tag.key: tag.value for tag in request.tags or ()}


def _selected(instance_type: str, spec: str | None) -> bool:
    wanted = (spec or "").split()
    return "all" in wanted or instance_type in wanted


class GenAIBackend:
    """Every generative-AI resource of one account in one Region, and the 14 operations.

    Args:
        account_id: The account.
        region: The Region.
        partition: The ARN partition.
        clock: The backend's clock.
        transitions: The moto transition of a job kind, by its model name.
        resources: moto's SageMaker resources; without them endpoints are not checked.
        store: moto's S3; without it nothing is read from or written to S3.
        logs: Where log lines go; without it they are not written.
    """

    def __init__(
        self,
        *,
        account_id: str,
        region: str,
        partition: str,
        clock: Clock,
        transitions: Transitions,
        resources: SageMakerResources | None = None,
        store: ObjectStore | None = None,
        logs: JobLogWriter | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self.clock = clock
        self._transitions = transitions
        self._resources = resources
        self._store = store
        self._logs = logs
        self._workloads: dict[str, WorkloadConfig] = {}
        self._benchmarks: dict[str, AIBenchmarkJob] = {}
        self._recommendations: dict[str, AIRecommendationJob] = {}
        self._sequence = itertools.count()

    def _arn(self, kind: str, name: str) -> str:
        return (
            f"arn:{self.partition}:sagemaker:{self.region}:{self.account_id}:{kind}/{name.lower()}"
        )

    # ----------------------------------------------------------------- time

    def sync(self) -> None:
        """Bring every job to the clock's time without reading it (what a log reader sees)."""
        now = self.clock.now()
        for job in self._recommendations.values():
            self._advance_recommendation(job, now, read=False)
        for bench in self._benchmarks.values():
            if bench.parent is None:
                self._advance_benchmark(bench, now, read=False)

    def _advance_benchmark(
        self, job: AIBenchmarkJob, now: datetime.datetime, *, read: bool
    ) -> None:
        assert job.own_timeline is not None
        job.own_timeline.catch_up(now, self._transitions(BENCHMARK_MODEL_NAME), read=read)
        self._leave_behind(job)

    def _advance_recommendation(
        self, job: AIRecommendationJob, now: datetime.datetime, *, read: bool
    ) -> None:
        job.timeline.catch_up(now, self._transitions(RECOMMENDATION_MODEL_NAME), read=read)
        for bench in job.benchmarks():
            if bench.visible:
                self._leave_behind(bench)

    def _leave_behind(self, job: AIBenchmarkJob) -> None:
        """Write the log lines and results the job's time has reached."""
        if self._logs is not None and job.elapsed > job.logged:
            self._logs.write_planned(
                _ai_output.benchmark_lines(job),
                since=job.logged,
                upto=job.elapsed,
                real_time=job.real_time,
            )
            job.logged = job.elapsed
        status = job.status
        done = status == "Completed" or (status == "Stopped" and job.levels_done())
        if self._store is not None and done and not job.uploaded:
            job.uploaded = True
            bucket, prefix = split_s3_uri(job.request.output_config.s3_output_location)
            prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
            key = f"{prefix}{job.output_dir}/output/output.tar.gz"
            self._store.put(bucket, key, _ai_output.archive(job))

    def _read_benchmark(self, job: AIBenchmarkJob) -> str:
        now = self.clock.now()
        if job.parent is not None:
            self._advance_recommendation(job.parent, now, read=True)
        else:
            self._advance_benchmark(job, now, read=True)
        return job.status

    def _read_recommendation(self, job: AIRecommendationJob) -> str:
        self._advance_recommendation(job, self.clock.now(), read=True)
        return job.status

    # ----------------------------------------------------------------- lookups

    def resource_by_arn(self, arn: str) -> Any:
        """The workload configuration or job of an ARN (what moto's tagging looks up), or None."""
        kind, _, name = arn.rsplit(":", 1)[-1].partition("/")
        tables: dict[str, Mapping[str, Any]] = {
            "ai-workload-config": self._workloads,
            "ai-benchmark-job": self._benchmarks,
            "ai-recommendation-job": self._recommendations,
        }
        table = tables.get(kind, {})
        found = table.get(name.lower())
        return found if found is not None and found.arn == arn else None

    def _workload(self, identifier: str) -> WorkloadConfig:
        name = identifier.rsplit("/", 1)[-1] if identifier.startswith("arn:") else identifier
        found = self._workloads.get(name.lower())
        if found is None or (identifier.startswith("arn:") and found.arn != identifier):
            raise not_found(f"AI workload config '{identifier}' does not exist.")
        return found

    def _benchmark(self, name: str) -> AIBenchmarkJob:
        job = self._benchmarks.get(name.lower())
        if job is not None and job.parent is not None:
            self._read_benchmark(job)
        if job is None or not job.visible:
            raise not_found(f"AI benchmark job '{name}' does not exist.")
        return job

    def _recommendation(self, name: str) -> AIRecommendationJob:
        job = self._recommendations.get(name.lower())
        if job is None:
            raise not_found(f"AI recommendation job '{name}' does not exist.")
        return job

    # ----------------------------------------------------------------- workload configs

    def create_ai_workload_config(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """CreateAIWorkloadConfig."""
        request = parse(body, CreateAIWorkloadConfigRequest)
        name = request.ai_workload_config_name
        if name.lower() in self._workloads:
            raise SimulatedError("ResourceInUse", f"AI workload config '{name}' already exists.")
        spec = request.ai_workload_configs
        inline = spec.workload_spec.inline if spec is not None else None
        config = WorkloadConfig(
            sequence=next(self._sequence),
            request=request,
            arn=self._arn("ai-workload-config", name),
            created=self.clock.now(),
            traffic=traffic_of(inline),
            tags=[tag.to_dict() for tag in request.tags or ()],
        )
        self._workloads[name.lower()] = config
        return {"AIWorkloadConfigArn": config.arn}

    def describe_ai_workload_config(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeAIWorkloadConfig."""
        request = parse(body, DescribeAIWorkloadConfigRequest)
        config = self._workload(request.ai_workload_config_name)
        out = {k: v for k, v in config.request.to_dict().items() if k != "Tags"}
        out.update(
            {
                "AIWorkloadConfigName": config.name,
                "AIWorkloadConfigArn": config.arn,
                "CreationTime": config.created,
            }
        )
        if config.tags:
            out["Tags"] = list(config.tags)
        return out

    def list_ai_workload_configs(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """ListAIWorkloadConfigs."""
        request = parse(body, ListAIWorkloadConfigsRequest)
        items = [c for c in self._workloads.values() if listed(request, c.name, c.created, None)]
        return page("ListAIWorkloadConfigs", items, body, request, workload_summary)

    def delete_ai_workload_config(self, body: Mapping[str, Any]) -> None:
        """DeleteAIWorkloadConfig: refused while an active benchmark job references it."""
        request = parse(body, DeleteAIWorkloadConfigRequest)
        config = self._workload(request.ai_workload_config_name)
        self.sync()
        for job in self._benchmarks.values():
            if job.workload.lower() == config.name.lower() and job.status not in AI_TERMINAL:
                raise SimulatedError(
                    "ResourceInUse",
                    f"AI workload config '{config.name}' is referenced by active AI benchmark "
                    f"job '{job.name}'; stop the job or wait for it to end.",
                )
        del self._workloads[config.name.lower()]
        return None

    # ----------------------------------------------------------------- benchmark jobs

    def create_ai_benchmark_job(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """CreateAIBenchmarkJob: a load test of an InService endpoint in moto."""
        request = parse(body, CreateAIBenchmarkJobRequest)
        name = request.ai_benchmark_job_name
        if name.lower() in self._benchmarks:
            raise SimulatedError("ResourceInUse", f"AI benchmark job '{name}' already exists.")
        workload = self._workload(request.ai_workload_config_identifier)
        tags = _tags(request)
        self._check_bucket(request.output_config.s3_output_location)
        endpoint = request.benchmark_target.endpoint
        model = model_from_tags(tags)
        instance_type = None
        if endpoint is not None and self._resources is not None:
            target = endpoint_target(endpoint.identifier, self._resources, self._store, tags)
            instance_type, model = target.instance_type, model or target.model
        model = model or _llm.llm_of_size(8e9)
        placement = _llm.place(model, instance_type or "ml.g5.2xlarge")
        failure = None
        if FAIL_JOB_TAG in tags:
            failure = tags[FAIL_JOB_TAG] or _DEFAULT_FAILURE
        elif _llm.gpus_of(instance_type or "ml.g5.2xlarge") is None:
            failure = (
                f"ClientError: the endpoint's instance type {instance_type} has no GPU the "
                "benchmark can drive; AI benchmark jobs target endpoints serving an LLM on GPUs."
            )
        elif placement is None:
            failure = (
                f"ClientError: the endpoint did not answer: its model ({model.label} "
                f"parameters) does not fit {instance_type} (CUDA out of memory)."
            )
        job = self._new_benchmark(
            request, workload, model=model, placement=placement, failure=failure
        )
        schedule = benchmark_schedule(len(workload.traffic.concurrency), failed=failure is not None)
        job.own_timeline = Timeline(schedule, self.clock.now())
        job.span = schedule.length
        self._benchmarks[name.lower()] = job
        self._leave_behind(job)
        return {"AIBenchmarkJobArn": job.arn}

    def _check_bucket(self, uri: str) -> None:
        if self._store is None:
            return
        bucket, _ = split_s3_uri(uri)
        if self._store.objects(bucket, "\x00") is None:
            raise invalid(f"S3 bucket '{bucket}' does not exist (S3OutputLocation '{uri}').")

    def _new_benchmark(
        self,
        request: CreateAIBenchmarkJobRequest,
        workload: WorkloadConfig,
        *,
        model: _llm.LLM,
        placement: _llm.Placement | None,
        failure: str | None,
        optimized: bool = False,
    ) -> AIBenchmarkJob:
        name = request.ai_benchmark_job_name
        arn = self._arn("ai-benchmark-job", name)
        results = []
        if placement is not None:
            results = [
                _llm.serve(
                    model,
                    placement,
                    workload.traffic,
                    level,
                    speculative=optimized,
                    tuned=optimized,
                )
                for level in workload.traffic.concurrency
            ]
        output_dir = f"bmk-{name[:40].lower()}-{digest(arn)[:10]}"
        epoch = int(self.clock.now().timestamp())
        spec = workload.request.ai_workload_configs
        return AIBenchmarkJob(
            sequence=next(self._sequence),
            request=request,
            arn=arn,
            workload=workload.name,
            traffic=workload.traffic,
            thresholds=search_thresholds(spec.workload_spec.inline if spec else None),
            model=model,
            placement=placement,
            results=results,
            failure_reason=failure,
            tags=[tag.to_dict() for tag in request.tags or ()],
            output_dir=output_dir,
            log_group=_ai_output.TRAINING_LOG_GROUP,
            log_stream=f"{output_dir}/algo-1-{epoch}",
        )

    def describe_ai_benchmark_job(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeAIBenchmarkJob."""
        request = parse(body, DescribeAIBenchmarkJobRequest)
        job = self._benchmark(request.ai_benchmark_job_name)
        status = self._read_benchmark(job)
        spec = job.request
        group_arn = (
            f"arn:{self.partition}:logs:{self.region}:{self.account_id}:log-group:{job.log_group}"
        )
        output: dict[str, Any] = {
            "S3OutputLocation": spec.output_config.s3_output_location,
            "CloudWatchLogs": [{"LogGroupArn": group_arn, "LogStreamName": job.log_stream}],
        }
        if spec.output_config.mlflow_config is not None:
            output["MlflowConfig"] = spec.output_config.mlflow_config.to_dict()
        out: dict[str, Any] = {
            "AIBenchmarkJobName": job.name,
            "AIBenchmarkJobArn": job.arn,
            "AIBenchmarkJobStatus": status,
            "BenchmarkTarget": spec.benchmark_target.to_dict(),
            "OutputConfig": output,
            "AIWorkloadConfigIdentifier": spec.ai_workload_config_identifier,
            "RoleArn": spec.role_arn,
            "CreationTime": job.creation_time,
            "StartTime": job.creation_time,
        }
        if spec.network_config is not None:
            out["NetworkConfig"] = spec.network_config.to_dict()
        if status == "Failed":
            out["FailureReason"] = job.failure_reason or _DEFAULT_FAILURE
        if job.end_time is not None:
            out["EndTime"] = job.end_time
        if job.tags:
            out["Tags"] = list(job.tags)
        return out

    def list_ai_benchmark_jobs(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """ListAIBenchmarkJobs: a read of every job listed (and of their recommendation jobs)."""
        request = parse(body, ListAIBenchmarkJobsRequest)
        for parent in self._recommendations.values():
            self._read_recommendation(parent)
        items = []
        for job in self._benchmarks.values():
            if not job.visible:
                continue
            status = job.status if job.parent is not None else self._read_benchmark(job)
            if listed(request, job.name, job.creation_time, status):
                items.append(job)
        return page("ListAIBenchmarkJobs", items, body, request, benchmark_summary)

    def stop_ai_benchmark_job(self, body: Mapping[str, Any]) -> None:
        """StopAIBenchmarkJob: ``Stopping`` now, ``Stopped`` a step later (not a read)."""
        request = parse(body, StopAIBenchmarkJobRequest)
        job = self._benchmark(request.ai_benchmark_job_name)
        if job.parent is not None:
            raise invalid(
                f"AI benchmark job '{job.name}' runs for AI recommendation job "
                f"'{job.parent.name}'; stop that job instead."
            )
        now = self.clock.now()
        self._advance_benchmark(job, now, read=False)
        status = job.status
        if status in ("Stopping", "Stopped"):
            return None
        if status in AI_TERMINAL:
            raise invalid(
                f"AI benchmark job '{job.name}' is {status}; only a running job can be stopped."
            )
        job.stopped_at = job.timeline.elapsed
        job.timeline.interrupt(stop_phase(), "Stopped", now)
        job.span = job.timeline.schedule.length
        self._leave_behind(job)
        return None

    def delete_ai_benchmark_job(self, body: Mapping[str, Any]) -> None:
        """DeleteAIBenchmarkJob: only a job that has ended."""
        request = parse(body, DeleteAIBenchmarkJobRequest)
        job = self._benchmark(request.ai_benchmark_job_name)
        _require_ended("AI benchmark job", job.name, self._read_benchmark(job))
        del self._benchmarks[job.name.lower()]
        return None

    # ----------------------------------------------------------------- recommendation jobs

    def create_ai_recommendation_job(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """CreateAIRecommendationJob: candidates planned, each with a benchmark job of its own."""
        request = parse(body, CreateAIRecommendationJobRequest)
        name = request.ai_recommendation_job_name
        if name.lower() in self._recommendations:
            raise SimulatedError("ResourceInUse", f"AI recommendation job '{name}' already exists.")
        workload = self._workload(request.ai_workload_config_identifier)
        tags = _tags(request)
        model = self._model_of(request, tags)
        output = self._output_location(request)
        job = AIRecommendationJob(
            sequence=next(self._sequence),
            request=request,
            arn=self._arn("ai-recommendation-job", name),
            timeline=Timeline(
                recommendation_schedule(optimize=False, benchmark_span=0, failed=False),
                self.clock.now(),
            ),
            model=model,
            skipped=[],
            candidates=[],
            failure_reason=None,
            tags=[tag.to_dict() for tag in request.tags or ()],
            output_location=output,
            benchmark_start=ANALYSIS_SECONDS
            + (OPTIMISATION_SECONDS if _ai_recommend.optimize(request) else 0.0),
        )
        self._plan(job, workload, tags)
        span = max((c.benchmark.span for c in job.candidates), default=0.0)
        job.timeline = Timeline(
            recommendation_schedule(
                optimize=_ai_recommend.optimize(request),
                benchmark_span=span,
                failed=job.failure_reason is not None,
            ),
            job.timeline.created,
        )
        self._recommendations[name.lower()] = job
        for candidate in job.candidates:
            self._benchmarks[candidate.benchmark.name.lower()] = candidate.benchmark
        return {"AIRecommendationJobArn": job.arn}

    def _model_of(
        self, request: CreateAIRecommendationJobRequest, tags: Mapping[str, str]
    ) -> _llm.LLM:
        model = model_from_tags(tags)
        source = request.model_source.s3
        if model is None and source is not None and source.s3_uri and self._store is not None:
            model = model_from_s3(source.s3_uri, self._store)
            if model is None:
                raise invalid(
                    f"No model artifacts found under ModelSource.S3.S3Uri '{source.s3_uri}'; "
                    "the model must be a Hugging Face checkpoint (config.json and SafeTensors "
                    "weights) in S3."
                )
        return model or _llm.llm_of_size(8e9)

    def _output_location(self, request: CreateAIRecommendationJobRequest) -> str:
        given = request.output_config.s3_output_location
        if given:
            self._check_bucket(given)
            return given if given.endswith("/") else given + "/"
        bucket = f"sagemaker-{self.region}-{self.account_id}"
        if self._store is not None:
            self._store.ensure_bucket(bucket)
        return f"s3://{bucket}/ai-recommendation-jobs/{request.ai_recommendation_job_name}/"

    def _plan(
        self, job: AIRecommendationJob, workload: WorkloadConfig, tags: Mapping[str, str]
    ) -> None:
        request = job.request
        model = job.model
        assert model is not None
        level = max(workload.traffic.concurrency)
        options = (False, True) if _ai_recommend.optimize(request) else (False,)
        failing = tags.get(FAIL_STEP_TAG)
        job_failure = (tags[FAIL_JOB_TAG] or _DEFAULT_FAILURE) if FAIL_JOB_TAG in tags else None
        for instance_type in _ai_recommend.instance_types(request):
            placement = _llm.place(model, instance_type)
            if placement is None:
                why = (
                    "not a GPU instance type the service recommends"
                    if _llm.gpus_of(instance_type) is None
                    else (f"the model ({model.label} parameters) does not fit its GPU memory")
                )
                job.skipped.append((instance_type, why))
                continue
            for optimized in options:
                failure = job_failure
                if failure is None and _selected(instance_type, failing):
                    failure = (
                        f"ClientError: the benchmark of {instance_type} failed (a simulated "
                        f"failure requested by the {FAIL_STEP_TAG} tag)"
                    )
                index = len(job.candidates) + 1
                child_request = _ai_recommend.benchmark_request(job, workload.arn, index)
                bench = self._new_benchmark(
                    child_request,
                    workload,
                    model=model,
                    placement=placement,
                    failure=failure,
                    optimized=optimized,
                )
                schedule = benchmark_schedule(
                    len(workload.traffic.concurrency), failed=failure is not None
                )
                bench.parent, bench.offset, bench.span = job, job.benchmark_start, schedule.length
                bench.optimizations = ("SpeculativeDecoding", "KernelTuning") if optimized else ()
                result = _llm.serve(
                    model,
                    placement,
                    workload.traffic,
                    level,
                    speculative=optimized,
                    tuned=optimized,
                )
                job.candidates.append(Candidate(instance_type, placement, optimized, bench, result))
        if job_failure is not None:
            job.failure_reason = job_failure
        elif not job.candidates:
            considered = ", ".join(f"{t} ({why})" for t, why in job.skipped)
            job.failure_reason = f"No instance type can serve the model: {considered}."
        elif all(c.benchmark.failure_reason for c in job.candidates):
            job.failure_reason = (
                f"Every benchmark failed; the first: {job.candidates[0].benchmark.failure_reason}"
            )

    def describe_ai_recommendation_job(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """DescribeAIRecommendationJob."""
        request = parse(body, DescribeAIRecommendationJobRequest)
        job = self._recommendation(request.ai_recommendation_job_name)
        status = self._read_recommendation(job)
        spec = job.request
        out = {k: v for k, v in spec.to_dict().items() if k not in ("Tags", "OutputConfig")}
        output = spec.output_config.to_dict()
        output["S3OutputLocation"] = job.output_location
        out.update(
            {
                "AIRecommendationJobName": job.name,
                "AIRecommendationJobArn": job.arn,
                "AIRecommendationJobStatus": status,
                "OutputConfig": output,
                "CreationTime": job.timeline.created,
                "StartTime": job.timeline.created,
            }
        )
        if status == "Failed":
            out["FailureReason"] = job.failure_reason or _DEFAULT_FAILURE
        if job.timeline.ended is not None:
            out["EndTime"] = job.timeline.ended
        if status == "Completed":
            out["Recommendations"] = self._recommendations_of(job)
        if job.tags:
            out["Tags"] = list(job.tags)
        return out

    def _recommendations_of(self, job: AIRecommendationJob) -> list[dict[str, Any]]:
        workload = self._workloads.get(
            job.request.ai_workload_config_identifier.rsplit("/", 1)[-1].lower()
        )
        traffic = workload.traffic if workload is not None else job.candidates[0].benchmark.traffic
        succeeded = [c for c in job.candidates if c.benchmark.failure_reason is None]
        metric = str(job.request.performance_target.constraints[0].metric)
        assert job.model is not None
        return [
            _ai_recommend.recommendation(
                job.request,
                candidate,
                rank=rank,
                model=job.model,
                traffic=traffic,
                region=self.region,
                account=self.account_id,
                partition=self.partition,
                output=job.output_location,
            )
            for rank, candidate in enumerate(_ai_recommend.order(succeeded, metric), start=1)
        ]

    def list_ai_recommendation_jobs(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """ListAIRecommendationJobs: a read of every job."""
        request = parse(body, ListAIRecommendationJobsRequest)
        items = [
            job
            for job in self._recommendations.values()
            if listed(request, job.name, job.timeline.created, self._read_recommendation(job))
        ]
        return page("ListAIRecommendationJobs", items, body, request, recommendation_summary)

    def stop_ai_recommendation_job(self, body: Mapping[str, Any]) -> None:
        """StopAIRecommendationJob: it and its running benchmark jobs stop (not a read)."""
        request = parse(body, StopAIRecommendationJobRequest)
        job = self._recommendation(request.ai_recommendation_job_name)
        now = self.clock.now()
        self._advance_recommendation(job, now, read=False)
        status = job.status
        if status in ("Stopping", "Stopped"):
            return None
        if status in AI_TERMINAL:
            raise invalid(
                f"AI recommendation job '{job.name}' is {status}; only a running job can be "
                "stopped."
            )
        job.stopped_at = job.timeline.elapsed
        job.timeline.interrupt(stop_phase(), "Stopped", now)
        for bench in job.benchmarks():
            if bench.visible and bench.elapsed < bench.span:
                bench.stopped_at = bench.elapsed
                self._leave_behind(bench)
        return None

    def delete_ai_recommendation_job(self, body: Mapping[str, Any]) -> None:
        """DeleteAIRecommendationJob: only a job that has ended; its benchmark jobs stay."""
        request = parse(body, DeleteAIRecommendationJobRequest)
        job = self._recommendation(request.ai_recommendation_job_name)
        _require_ended("AI recommendation job", job.name, self._read_recommendation(job))
        del self._recommendations[job.name.lower()]
        return None


def _require_ended(kind: str, name: str, status: str) -> None:
    # AWS deletes a job only once it has ended; both job kinds answer alike.
    if status not in AI_TERMINAL:
        raise invalid(
            f"{kind} '{name}' is {status}; only a job in a terminal state "
            "(Completed, Failed, Stopped) can be deleted."
        )
