"""What a simulated job logs to CloudWatch Logs, under AWS's group and stream names.

The job writes to ``/aws/sagemaker/InferenceRecommendationsJobs`` (streams
``<job>/execution`` and ``<job>/Endpoint/<endpoint>``), and each benchmark endpoint's
container to ``/aws/sagemaker/Endpoints/<endpoint>``. Every line is planned in the job's own
time (its creation, so many seconds into a benchmark, its end) and written once the job's
time passes it, stamped with the real time the job reached that point: following the logs of
a running job sees them arrive as the job runs, whoever reads what. The failure tags' errors
are logged where AWS would log them: a failing benchmark's container error in its endpoint's
streams, a job's failure reason in its execution stream.

The wording is this simulator's own: realistic in shape, not a copy of AWS's lines.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Protocol

import attrs

from ...joblogs import (
    JOB_LOG_GROUP,
    compilation_stream,
    endpoint_log_group,
    endpoint_stream,
    execution_stream,
)
from ._jobs import Benchmark, Job

__all__ = ["JobLogWriter", "LogSink", "PlannedLine", "planned_lines"]


class LogSink(Protocol):
    """Where log lines go: moto's CloudWatch Logs, in the simulator."""

    def write(self, group: str, stream: str, lines: Sequence[tuple[int, str]]) -> None:
        """Append lines (epoch milliseconds, message) to a stream, creating it if need be."""
        ...


@attrs.frozen
class PlannedLine:
    """One log line, placed in the job's own time."""

    at: float
    group: str
    stream: str
    message: str


def _millis(value: datetime.datetime) -> int:
    return int(value.timestamp() * 1000)


def _instance_id(endpoint: str) -> str:
    return "i-" + hashlib.sha256(endpoint.encode()).hexdigest()[:17]


class JobLogWriter:
    """Writes each line of a job once its time has come; each line once.

    Args:
        sink: Where the lines go.
    """

    def __init__(self, sink: LogSink) -> None:
        self._sink = sink

    def write_due(self, job: Job) -> None:
        """Write the job's lines from where the last write stopped up to where the job is."""
        now = job.timeline.elapsed
        if now <= job.logged:
            return
        self.write_planned(
            planned_lines(job), since=job.logged, upto=now, real_time=job.timeline.real_time
        )
        job.logged = now

    def write_planned(
        self,
        lines: Sequence[PlannedLine],
        *,
        since: float,
        upto: float,
        real_time: Callable[[float], datetime.datetime],
    ) -> None:
        """Write the planned lines due after job time ``since``, up to ``upto``.

        Every job kind logs through here: ``real_time`` stamps a line with the real time its
        job reached the line's job time.
        """
        due = [line for line in lines if since < line.at <= upto]
        streams: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        # Sorted by job time, so each stream's lines are in time order (CloudWatch readers
        # page a stream in time order and would skip a line written behind one they saw).
        for line in sorted(due, key=lambda line: line.at):
            when = _millis(real_time(line.at))
            streams[(line.group, line.stream)].append((when, line.message))
        for (group, stream), lines_of_stream in streams.items():
            self._sink.write(group, stream, lines_of_stream)


def planned_lines(job: Job) -> list[PlannedLine]:
    """Every line the job logs, as planned now (a stop changes the plan from its time on)."""
    execution = execution_stream(job.name)
    out = _opening(job, execution)
    for index, bench in enumerate(job.benchmarks):
        out += _benchmark(job, index, bench, execution)
    # Nothing planned after a stop (or a failure) happens; the stop has a line of its own.
    cut = job.timeline.schedule.length if job.stopped_at is None else job.stopped_at
    out = [line for line in out if line.at <= cut]
    if job.stopped_at is not None:
        out.append(PlannedLine(job.stopped_at + 1, JOB_LOG_GROUP, execution, "Stop requested"))
    out.append(_closing(job, execution))
    return out


def _opening(job: Job, execution: str) -> list[PlannedLine]:
    request = job.request
    config = request.input_config
    model = config.model_name or config.model_package_version_arn
    targets = ", ".join(b.target for b in job.benchmarks) or "none"
    messages = [
        f"Starting inference recommendations job {job.name} ({request.job_type})",
        f"Model: {model}; execution role: {request.role_arn}",
    ]
    payload = (job.container or {}).get("PayloadConfig") or {}
    if payload.get("SamplePayloadUrl"):
        messages.append(f"Sample payload: {payload['SamplePayloadUrl']}")
    messages.append(f"Planned {len(job.benchmarks)} benchmark(s): {targets}")
    return [PlannedLine(0.0, JOB_LOG_GROUP, execution, m) for m in messages]


def _closing(job: Job, execution: str) -> PlannedLine:
    # The job's own end: the end of its schedule, as it stands.
    end = job.timeline.schedule.length
    total = len(job.benchmarks)
    outcome = job.timeline.schedule.outcome
    if outcome == "FAILED":
        message = f"ERROR Job failed: {job.failure_reason}"
    elif outcome == "STOPPED":
        done = job.done_count()
        message = f"Job stopped on request after {done} of {total} benchmark(s)"
    else:
        succeeded = sum(1 for b in job.benchmarks if b.failure_reason is None)
        message = f"Job completed: {succeeded} of {total} benchmark(s) succeeded"
    return PlannedLine(end, JOB_LOG_GROUP, execution, message)


# --------------------------------------------------------------------------- one benchmark


def _benchmark(job: Job, index: int, bench: Benchmark, execution: str) -> list[PlannedLine]:
    endpoint = str(bench.endpoint_configuration["EndpointName"])
    variant = str(bench.endpoint_configuration.get("VariantName") or "AllTraffic")
    number = f"{index + 1}/{len(job.benchmarks)}"
    start, end = bench.planned_start, bench.planned_end
    out = [
        PlannedLine(
            start,
            JOB_LOG_GROUP,
            execution,
            f"Benchmark {number} on {bench.target}: creating endpoint {endpoint}",
        )
    ]
    compilation = bench.model_configuration.get("CompilationJobName")
    if compilation:
        out += _compilation(job, bench, str(compilation), execution)
    out += _load_test(job, bench, endpoint)
    out += _container(bench, endpoint, variant)
    if bench.failure_reason is None:
        latency = bench.metrics.get("ModelLatency")
        invocations = bench.metrics.get("MaxInvocations")
        message = (
            f"Benchmark {number} on {bench.target} completed: {invocations} "
            f"invocations per minute, model latency {latency} ms"
        )
    else:
        message = f"ERROR Benchmark {number} on {bench.target} failed: {bench.failure_reason}"
    out.append(PlannedLine(end, JOB_LOG_GROUP, execution, message))
    return out


def _compilation(job: Job, bench: Benchmark, name: str, execution: str) -> list[PlannedLine]:
    start = bench.planned_start
    device = bench.target.removeprefix("ml.").replace(".", "_").split("_")[0]
    stream = compilation_stream(job.name, name)
    lines = [
        (start - 180, stream, f"Starting compilation job {name} for {bench.target}"),
        (start - 175, stream, "Downloading the model artifacts"),
        (start - 160, stream, f"Compiling the model for target device ml_{device}"),
        (start - 30, stream, f"Compilation job {name} completed"),
        (start - 180, execution, f"Compiling the model for {bench.target}: compilation job {name}"),
        (start - 30, execution, f"Compilation job {name} completed"),
    ]
    return [PlannedLine(at, JOB_LOG_GROUP, where, message) for at, where, message in lines]


def _load_test(job: Job, bench: Benchmark, endpoint: str) -> list[PlannedLine]:
    start, end = bench.planned_start, bench.planned_end
    stream = endpoint_stream(job.name, endpoint)
    lines = [
        (start, f"Creating endpoint {endpoint} on {bench.target}"),
        (start + 240, f"Endpoint {endpoint} is InService"),
        (start + 241, "Invoking the endpoint with the sample payload"),
    ]
    if bench.failure_reason is None:
        latency = bench.metrics.get("ModelLatency")
        invocations = bench.metrics.get("MaxInvocations")
        lines += [
            (start + 245, "Sample payload accepted (HTTP 200)"),
            (start + 250, "Load test started"),
            (
                end - 20,
                f"Load test finished: {invocations} invocations per minute at "
                f"{latency} ms model latency",
            ),
        ]
    else:
        lines += [
            (
                start + 245,
                "ERROR Invocation failed: ModelError: Received server error (500) from "
                "primary with message 'Internal Server Error'. The container's log is in "
                f"{endpoint_log_group(endpoint)}",
            ),
            (start + 246, f"ERROR {bench.failure_reason}"),
        ]
    lines.append((end - 10, f"Deleting endpoint {endpoint}"))
    return [PlannedLine(at, JOB_LOG_GROUP, stream, message) for at, message in lines]


def _container(bench: Benchmark, endpoint: str, variant: str) -> list[PlannedLine]:
    start = bench.planned_start
    lines = [
        (start + 200, "Starting the model server"),
        (start + 202, "Loading the model from /opt/ml/model"),
        (start + 209, "Model loaded; listening on port 8080"),
    ]
    if bench.failure_reason is None:
        lines.append((start + 245, 'POST /invocations HTTP/1.1" 200'))
    else:
        lines += [
            (start + 245, "ERROR Exception on /invocations [POST]"),
            (start + 245, "Traceback (most recent call last):"),
            (start + 245, '  File "/opt/ml/code/inference.py", line 41, in input_fn'),
            (start + 245, "    return decode(request_body, content_type)"),
            (start + 245, "ValueError: the request body could not be decoded as the model's input"),
            (start + 245, 'POST /invocations HTTP/1.1" 500'),
        ]
    stream = f"{variant}/{_instance_id(endpoint)}"
    group = endpoint_log_group(endpoint)
    return [PlannedLine(at, group, stream, message) for at, message in lines]
