"""What a simulated job logs to CloudWatch Logs, under AWS's group and stream names.

The job writes to ``/aws/sagemaker/InferenceRecommendationsJobs`` (streams
``<job>/execution`` and ``<job>/Endpoint/<endpoint>``), and each benchmark endpoint's
container to ``/aws/sagemaker/Endpoints/<endpoint>``. Lines are stamped with the simulated
times of the job (its creation, each benchmark's start and end), and are written as the job
is seen to progress, so that following the logs of a running job sees them arrive. The
failure tags' errors are logged where AWS would log them: a failing benchmark's container
error in its endpoint's streams, a job's failure reason in its execution stream.

The wording is this simulator's own: realistic in shape, not a copy of AWS's lines.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from ..joblogs import (
    JOB_LOG_GROUP,
    compilation_stream,
    endpoint_log_group,
    endpoint_stream,
    execution_stream,
)

if TYPE_CHECKING:
    from ._simulator import _Benchmark, _Job

__all__ = ["JobLogWriter", "LogSink"]

Line = tuple[datetime.datetime, str]


class LogSink(Protocol):
    """Where log lines go: moto's CloudWatch Logs, in the simulator."""

    def write(self, group: str, stream: str, lines: Sequence[tuple[int, str]]) -> None:
        """Append lines (epoch milliseconds, message) to a stream, creating it if need be."""
        ...


def _millis(value: datetime.datetime) -> int:
    return int(value.timestamp() * 1000)


def _instance_id(endpoint: str) -> str:
    return "i-" + hashlib.sha256(endpoint.encode()).hexdigest()[:17]


class JobLogWriter:
    """Writes a job's log lines as its status moves on; each line once.

    Args:
        sink: Where the lines go.
    """

    def __init__(self, sink: LogSink) -> None:
        self._sink = sink
        # Per stream, the newest time written: CloudWatch readers page a stream in time
        # order, so a later write never goes back before it.
        self._newest: dict[tuple[str, str], int] = {}

    def _put(self, group: str, stream: str, lines: Sequence[Line]) -> None:
        key = (group, stream)
        newest = self._newest.get(key, 0)
        stamped = []
        for when, message in lines:
            newest = max(newest, _millis(when))
            stamped.append((newest, message))
        self._newest[key] = newest
        self._sink.write(group, stream, stamped)

    def progress(self, job: _Job, status: str, *, ended: bool) -> None:
        """Write what the job has done by ``status`` and not logged yet.

        Args:
            job: The job.
            status: Its status now.
            ended: Whether ``status`` is final.
        """
        if not job.logged_start:
            job.logged_start = True
            self._opening(job)
        done = job.done_count(status)
        # Benchmarks run side by side: their execution lines go out as one time-ordered batch.
        execution: list[Line] = []
        while job.logged_benchmarks < done:
            index = job.logged_benchmarks
            job.logged_benchmarks += 1
            execution += self._benchmark(job, index, job.benchmarks[index])
        if execution:
            self._execution(job)(sorted(execution, key=lambda line: line[0]))
        if ended and not job.logged_end:
            job.logged_end = True
            self._closing(job, status, done)

    # ----------------------------------------------------------------- the job

    def _execution(self, job: _Job) -> Callable[[Sequence[Line]], None]:
        return lambda lines: self._put(JOB_LOG_GROUP, execution_stream(job.name), lines)

    def _opening(self, job: _Job) -> None:
        request = job.request
        config = request.input_config
        created = job.creation_time
        model = config.model_name or config.model_package_version_arn
        targets = ", ".join(b.target for b in job.benchmarks) or "none"
        lines: list[Line] = [
            (created, f"Starting inference recommendations job {job.name} ({request.job_type})"),
            (created, f"Model: {model}; execution role: {request.role_arn}"),
        ]
        container = config.container_config
        payload = container.payload_config if container is not None else None
        if payload is not None and payload.sample_payload_url:
            lines.append((created, f"Sample payload: {payload.sample_payload_url}"))
        lines.append((created, f"Planned {len(job.benchmarks)} benchmark(s): {targets}"))
        self._execution(job)(lines)

    def _closing(self, job: _Job, status: str, done: int) -> None:
        # The job's own end: its last status change, never after the read that saw it.
        when = job.completion_time or job.last_modified_time
        total = len(job.benchmarks)
        if status == "FAILED":
            message = f"ERROR Job failed: {job.failure_reason}"
        elif status == "STOPPED":
            message = f"Job stopped on request after {done} of {total} benchmark(s)"
        else:
            succeeded = sum(1 for b in job.benchmarks if b.failure_reason is None)
            message = f"Job completed: {succeeded} of {total} benchmark(s) succeeded"
        self._execution(job)([(when, message)])

    # ----------------------------------------------------------------- one benchmark

    def _benchmark(self, job: _Job, index: int, bench: _Benchmark) -> list[Line]:
        """Write one benchmark's endpoint streams; return its execution lines."""
        endpoint = str(bench.endpoint_configuration["EndpointName"])
        variant = str(bench.endpoint_configuration.get("VariantName") or "AllTraffic")
        number = f"{index + 1}/{len(job.benchmarks)}"
        start, end = bench.times()
        lines: list[Line] = [
            (start, f"Benchmark {number} on {bench.target}: creating endpoint {endpoint}")
        ]
        compilation = bench.model_configuration.get("CompilationJobName")
        if compilation:
            lines += self._compilation(job, bench, str(compilation))
        self._load_test(job, bench, endpoint)
        self._container(bench, endpoint, variant)
        if bench.failure_reason is None:
            latency = bench.metrics.get("ModelLatency")
            invocations = bench.metrics.get("MaxInvocations")
            lines.append(
                (
                    end,
                    f"Benchmark {number} on {bench.target} completed: {invocations} "
                    f"invocations per minute, model latency {latency} ms",
                )
            )
        else:
            failed = f"ERROR Benchmark {number} on {bench.target} failed: {bench.failure_reason}"
            lines.append((end, failed))
        return lines

    def _compilation(self, job: _Job, bench: _Benchmark, name: str) -> list[Line]:
        """Write a compilation's stream; return its execution lines."""
        # Offsets are seconds of the planned schedule, scaled as the benchmark's times were.
        start = bench.at(-180)
        device = bench.target.removeprefix("ml.").replace(".", "_").split("_")[0]
        done = bench.at(-30)
        self._put(
            JOB_LOG_GROUP,
            compilation_stream(job.name, name),
            [
                (start, f"Starting compilation job {name} for {bench.target}"),
                (bench.at(-175), "Downloading the model artifacts"),
                (bench.at(-160), f"Compiling the model for target device ml_{device}"),
                (done, f"Compilation job {name} completed"),
            ],
        )
        return [
            (start, f"Compiling the model for {bench.target}: compilation job {name}"),
            (done, f"Compilation job {name} completed"),
        ]

    def _load_test(self, job: _Job, bench: _Benchmark, endpoint: str) -> None:
        start = bench.times()[0]
        lines: list[Line] = [
            (start, f"Creating endpoint {endpoint} on {bench.target}"),
            (bench.at(240), f"Endpoint {endpoint} is InService"),
            (bench.at(241), "Invoking the endpoint with the sample payload"),
        ]
        if bench.failure_reason is None:
            latency = bench.metrics.get("ModelLatency")
            invocations = bench.metrics.get("MaxInvocations")
            lines += [
                (bench.at(245), "Sample payload accepted (HTTP 200)"),
                (bench.at(250), "Load test started"),
                (
                    bench.at(-20, from_end=True),
                    f"Load test finished: {invocations} invocations per minute at "
                    f"{latency} ms model latency",
                ),
            ]
        else:
            lines += [
                (
                    bench.at(245),
                    "ERROR Invocation failed: ModelError: Received server error (500) from "
                    "primary with message 'Internal Server Error'. The container's log is in "
                    f"{endpoint_log_group(endpoint)}",
                ),
                (bench.at(246), f"ERROR {bench.failure_reason}"),
            ]
        lines.append((bench.at(-10, from_end=True), f"Deleting endpoint {endpoint}"))
        self._put(JOB_LOG_GROUP, endpoint_stream(job.name, endpoint), lines)

    def _container(self, bench: _Benchmark, endpoint: str, variant: str) -> None:
        lines: list[Line] = [
            (bench.at(200), "Starting the model server"),
            (bench.at(202), "Loading the model from /opt/ml/model"),
            (bench.at(209), "Model loaded; listening on port 8080"),
        ]
        if bench.failure_reason is None:
            lines.append((bench.at(245), 'POST /invocations HTTP/1.1" 200'))
        else:
            lines += [
                (bench.at(245), "ERROR Exception on /invocations [POST]"),
                (bench.at(245), "Traceback (most recent call last):"),
                (bench.at(245), '  File "/opt/ml/code/inference.py", line 41, in input_fn'),
                (bench.at(245), "    return decode(request_body, content_type)"),
                (
                    bench.at(245),
                    "ValueError: the request body could not be decoded as the model's input",
                ),
                (bench.at(245), 'POST /invocations HTTP/1.1" 500'),
            ]
        stream = f"{variant}/{_instance_id(endpoint)}"
        self._put(endpoint_log_group(endpoint), stream, lines)
