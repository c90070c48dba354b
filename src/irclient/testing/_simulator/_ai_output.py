"""What a simulated AI benchmark job leaves behind: its AIPerf archive in S3 and its log lines.

The archive is one ``output.tar.gz`` at ``<S3OutputLocation>/<bmk-…>/output/``, as the
service's consumers read it. A single run holds ``profile_export_aiperf.json`` (AIPerf's
per-metric blocks: ``unit`` and ``avg``, ``min``, ``max``, ``std``, ``p1`` … ``p99``, ``count``
for record metrics, ``unit`` and ``avg`` for derived ones; ``schema_version``,
``aiperf_version``, ``run_info``, ``error_summary``), ``profile_export_aiperf.csv`` and
``profile_export.jsonl`` (per-request records). A concurrency sweep puts each level's files
in ``concurrency_<N>/`` beside ``sweep_aggregate/profile_export_aiperf_sweep.json`` (and its
CSV); a ``max-concurrency-under-sla`` search puts each probe's in
``search_iter_<NNNN>/profile_runs/run_0000/`` beside ``search_history.json``.

Log lines go to the group and stream the job reports in ``OutputConfig.CloudWatchLogs``
(``/aws/sagemaker/TrainingJobs``, ``<bmk-…>/algo-1-<epoch>``: the service runs AIPerf as a
training job), placed in the job's own time and written as its time passes them. The
wording is this simulator's own.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Mapping
from typing import Any

from ._ai_jobs import LEVEL_SECONDS, STARTUP_SECONDS, AIBenchmarkJob
from ._joblogs import PlannedLine
from ._llm import ServingResult

__all__ = ["AIPERF_VERSION", "archive", "benchmark_lines"]

AIPERF_VERSION = "0.12.0"
"""The AIPerf release the simulated service runs."""

TRAINING_LOG_GROUP = "/aws/sagemaker/TrainingJobs"
UPLOAD_SECONDS_MARK = 25.0
"""How long before its end a benchmark job starts uploading its results."""

# Each percentile's distance from the median, in units of the spread (a skewed normal).
_STEPS = {
    "p1": -0.55,
    "p5": -0.4,
    "p10": -0.3,
    "p25": -0.15,
    "p50": 0.0,
    "p75": 0.18,
    "p90": 0.4,
    "p95": 0.55,
    "p99": 0.95,
}


def _record(unit: str, median: float, count: int, spread: float = 0.25) -> dict[str, Any]:
    block: dict[str, Any] = {"unit": unit}
    block["avg"] = round(median * (1 + spread * 0.08), 3)
    block["min"] = round(median * (1 - spread * 0.7), 3)
    block["max"] = round(median * (1 + spread * 1.6), 3)
    for name, step in _STEPS.items():
        block[name] = round(median * (1 + spread * step), 3)
    block["std"] = round(median * spread * 0.35, 3)
    block["count"] = count
    block["sum"] = round(block["avg"] * count, 3)
    return block


def _requests(job: AIBenchmarkJob, level: ServingResult) -> int:
    return job.traffic.request_count or max(10 * level.concurrency, 100)


def profile_export(
    job: AIBenchmarkJob, level: ServingResult, *, index: int, variation: Mapping[str, Any]
) -> dict[str, Any]:
    """The ``profile_export_aiperf.json`` of one level."""
    traffic = job.traffic
    count = _requests(job, level)
    start = job.real_time(STARTUP_SECONDS + index * LEVEL_SECONDS)
    end = job.real_time(STARTUP_SECONDS + (index + 1) * LEVEL_SECONDS - 10)
    benchmark_id = f"{job.output_dir}-{index:04d}"
    doc: dict[str, Any] = {
        "schema_version": "1.3",
        "aiperf_version": AIPERF_VERSION,
        "benchmark_id": benchmark_id,
        "start_time": start.isoformat().replace("+00:00", "Z"),
        "end_time": end.isoformat().replace("+00:00", "Z"),
        "was_cancelled": False,
        "request_latency": _record("ms", level.request_latency_ms, count, 0.15),
        "request_throughput": {"unit": "requests/sec", "avg": level.requests_per_second},
        "request_count": {"unit": "requests", "avg": float(count)},
        "output_token_throughput": {"unit": "tokens/sec", "avg": level.output_tokens_per_second},
        "output_token_throughput_per_user": _record(
            "tokens/sec/user", round(1000.0 / level.itl_ms, 3), count, 0.1
        ),
        "output_sequence_length": _record("tokens", traffic.output_tokens, count, 0.05),
        "input_sequence_length": _record("tokens", traffic.input_tokens, count, 0.05),
        "benchmark_duration": {"unit": "sec", "avg": LEVEL_SECONDS - 10},
        "input_config": {
            "endpoint": {"streaming": traffic.streaming, "type": "chat"},
            "loadgen": {"concurrency": level.concurrency, "request_count": count},
        },
        "run_info": {
            "benchmark_id": benchmark_id,
            "random_seed": 42,
            "trial": 0,
            "run_label": "run_0000",
            "variation_label": "base" if not variation else f"concurrency_{level.concurrency}",
            "variation_index": index,
            "variation_values": dict(variation),
        },
        "error_summary": [],
    }
    if traffic.streaming:
        doc["time_to_first_token"] = _record("ms", level.ttft_ms, count, 0.3)
        doc["inter_token_latency"] = _record("ms", level.itl_ms, count, 0.1)
    return doc


_CSV_METRICS = (
    ("time_to_first_token", "Time to First Token (ms)"),
    ("inter_token_latency", "Inter Token Latency (ms)"),
    ("request_latency", "Request Latency (ms)"),
)


def _csv(doc: Mapping[str, Any]) -> str:
    lines = ["Metric,avg,min,max,p99,p90,p50,std"]
    for key, title in _CSV_METRICS:
        block = doc.get(key)
        if isinstance(block, Mapping):
            stats = ",".join(
                str(block[s]) for s in ("avg", "min", "max", "p99", "p90", "p50", "std")
            )
            lines.append(f"{title},{stats}")
    lines.append("")
    lines.append("Metric,Value")
    lines.append(f"Request Throughput (requests/sec),{doc['request_throughput']['avg']}")
    lines.append(f"Output Token Throughput (tokens/sec),{doc['output_token_throughput']['avg']}")
    lines.append(f"Request Count (requests),{int(doc['request_count']['avg'])}")
    return "\n".join(lines) + "\n"


def _records(job: AIBenchmarkJob, level: ServingResult) -> str:
    # A few per-request records: enough to show the file's shape, not the whole run.
    rows = []
    for index in range(min(5, _requests(job, level))):
        rows.append(
            json.dumps(
                {
                    "metadata": {"conversation_id": f"{index:08d}", "turn_index": 0},
                    "metrics": {
                        "request_latency": {"value": level.request_latency_ms, "unit": "ms"},
                        "time_to_first_token": {"value": level.ttft_ms, "unit": "ms"},
                        "output_sequence_length": {
                            "value": job.traffic.output_tokens,
                            "unit": "tokens",
                        },
                    },
                },
                separators=(",", ":"),
            )
        )
    return "\n".join(rows) + "\n"


def _aggregate(exports: list[tuple[ServingResult, dict[str, Any]]]) -> dict[str, Any]:
    combos = []
    for level, doc in exports:
        metrics: dict[str, Any] = {
            "request_throughput": {"mean": level.requests_per_second, "unit": "requests/sec"},
            "output_token_throughput": {
                "mean": level.output_tokens_per_second,
                "unit": "tokens/sec",
            },
            "request_latency": {k: doc["request_latency"][k] for k in ("unit", "p50", "p99")},
        }
        if "time_to_first_token" in doc:
            block = doc["time_to_first_token"]
            metrics["time_to_first_token"] = {k: block[k] for k in ("unit", "p50", "p99")}
        combos.append({"parameters": {"concurrency": level.concurrency}, "metrics": metrics})
    return {
        "schema_version": "1.0",
        "aiperf_version": AIPERF_VERSION,
        "sweep_parameters": ["concurrency"],
        "per_combination_metrics": combos,
    }


def _history(job: AIBenchmarkJob, results: list[ServingResult]) -> dict[str, Any]:
    thresholds = job.thresholds
    filters = []
    for key, metric, stat in (
        ("ttft_sla_ms", "time_to_first_token", "p95"),
        ("tpot_sla_ms", "inter_token_latency", "p95"),
        ("e2e_sla_ms", "request_latency", "p99"),
    ):
        if key in thresholds:
            filters.append({"stat": stat, "metric_tag": metric, "threshold": thresholds[key]})
    iterations = []
    for index, level in enumerate(results):
        measured = {
            "ttft_sla_ms": level.ttft_ms * (1 + 0.25 * _STEPS["p95"]),
            "tpot_sla_ms": level.itl_ms * (1 + 0.1 * _STEPS["p95"]),
            "e2e_sla_ms": level.request_latency_ms * (1 + 0.15 * _STEPS["p99"]),
        }
        feasible = all(measured[key] <= limit for key, limit in thresholds.items())
        iterations.append(
            {
                "iteration_idx": index,
                "variation_values": {"phases.profiling.concurrency": level.concurrency},
                "objective_values": [float(level.concurrency)],
                "feasible": feasible,
            }
        )
    return {
        "config": {
            "planner": "monotonic_sla",
            "sla_filters": filters,
            "search_space": [
                {
                    "path": "phases.profiling.concurrency",
                    "lo": job.traffic.concurrency[0],
                    "hi": job.traffic.concurrency[-1],
                }
            ],
        },
        "iterations": iterations,
    }


def archive_members(job: AIBenchmarkJob) -> dict[str, bytes]:
    """Every file of the job's ``output.tar.gz``, by its path inside the archive."""
    results = job.results[: job.levels_done()]
    members: dict[str, str] = {}
    search = bool(job.thresholds)
    sweep = len(job.traffic.concurrency) > 1 and not search
    exports = []
    for index, level in enumerate(results):
        variation = {"phases.profiling.concurrency": level.concurrency} if sweep or search else {}
        doc = profile_export(job, level, index=index, variation=variation)
        exports.append((level, doc))
        if search:
            folder = f"search_iter_{index:04d}/profile_runs/run_0000/"
        elif sweep:
            folder = f"concurrency_{level.concurrency}/"
        else:
            folder = ""
        members[folder + "profile_export_aiperf.json"] = json.dumps(doc, indent=2)
        members[folder + "profile_export_aiperf.csv"] = _csv(doc)
        members[folder + "profile_export.jsonl"] = _records(job, level)
    if sweep and exports:
        aggregate = _aggregate(exports)
        members["sweep_aggregate/profile_export_aiperf_sweep.json"] = json.dumps(aggregate)
        rows = [
            f"{level.concurrency},{level.requests_per_second},{level.output_tokens_per_second}"
            for level, _ in exports
        ]
        members["sweep_aggregate/profile_export_aiperf_sweep.csv"] = (
            "concurrency,request_throughput,output_token_throughput\n" + "\n".join(rows) + "\n"
        )
    if search:
        members["search_history.json"] = json.dumps(_history(job, results))
    return {name: text.encode() for name, text in members.items()}


def archive(job: AIBenchmarkJob) -> bytes:
    """The job's ``output.tar.gz``: deterministic bytes (fixed member times, no gzip date)."""
    buffer = io.BytesIO()
    mtime = int(job.creation_time.timestamp())
    # mtime=0 in the gzip header and fixed member times: the same job gives the same bytes.
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as zipped:
        with tarfile.open(fileobj=zipped, mode="w") as tar:
            for name, data in archive_members(job).items():
                info = tarfile.TarInfo(f"./{name}")
                info.size = len(data)
                info.mtime = mtime
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


# --------------------------------------------------------------------------- log lines


def benchmark_lines(job: AIBenchmarkJob) -> list[PlannedLine]:
    """Every line the job logs, placed in its own time (cut at a stop or its end)."""
    group, stream = job.log_group, job.log_stream
    target = job.request.benchmark_target.endpoint
    endpoint = target.identifier if target is not None else "?"
    traffic = job.traffic
    levels = ", ".join(str(c) for c in traffic.concurrency)
    lines: list[tuple[float, str]] = [
        (0.0, f"Starting AI benchmark job {job.name} (AIPerf {AIPERF_VERSION})"),
        (1.0, f"Workload configuration: {job.workload}"),
        (
            2.0,
            f"Traffic: {traffic.input_tokens} input tokens, {traffic.output_tokens} output "
            f"tokens, concurrency {levels}, streaming {str(traffic.streaming).lower()}",
        ),
        (30.0, f"Target endpoint: {endpoint}"),
    ]
    if job.placement is not None and job.model is not None:
        placement = job.placement
        lines.append(
            (
                60.0,
                f"Endpoint instance {placement.instance_type}: {placement.gpus.count} GPU(s), "
                f"model {job.model.label} parameters, tensor parallel degree "
                f"{placement.tensor_parallel}, {placement.copies} copy(ies)",
            )
        )
    lines.append((STARTUP_SECONDS - 10, "Warm-up requests completed"))
    fail_at = job.span if job.failure_reason else None
    for index, level in enumerate(job.results):
        start = STARTUP_SECONDS + index * LEVEL_SECONDS
        lines.append((start, f"Profiling concurrency {level.concurrency}"))
        lines.append(
            (
                start + LEVEL_SECONDS - 10,
                f"Concurrency {level.concurrency}: TTFT p50 {level.ttft_ms} ms, inter-token "
                f"latency p50 {level.itl_ms} ms, {level.output_tokens_per_second} output "
                "tokens/s",
            )
        )
    if fail_at is not None:
        lines = [(at, message) for at, message in lines if at < fail_at - 5]
        lines += [
            (fail_at - 5, "ERROR Benchmark run failed"),
            (fail_at - 1, f"ERROR {job.failure_reason}"),
        ]
    else:
        lines.append((job.span - UPLOAD_SECONDS_MARK, "Uploading results to S3"))
        lines.append((job.span, f"AI benchmark job {job.name} completed"))
    if job.stopped_at is not None:
        lines = [(at, message) for at, message in lines if at <= job.stopped_at]
        lines.append((job.stopped_at + 1, "Stop requested; ending the benchmark"))
    return [PlannedLine(at, group, stream, message) for at, message in lines]
