"""Realistic AIPerf export files and benchmark-output archives, built for tests.

The shapes follow AIPerf's documented ``profile_export_aiperf.json`` schema (per-metric
blocks with ``unit`` and the statistics the metric has; record metrics carry percentiles,
``std``, ``count`` and ``sum``, derived metrics only ``unit`` and ``avg``; top-level
``schema_version``, ``aiperf_version``, ``run_info``, ``error_summary``), the sweep aggregate
and ``search_history.json``. Values scale with the level as a real endpoint's do: latency rises
with concurrency, throughput rises and then flattens.
"""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterable, Mapping
from typing import Any

PERCENTILES = ("p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99")


def record_metric(
    unit: str, median: float, *, spread: float = 0.2, count: int = 200
) -> dict[str, Any]:
    """A record metric's block: a distribution around ``median``."""
    steps = {
        "p1": -2.3,
        "p5": -1.6,
        "p10": -1.3,
        "p25": -0.7,
        "p50": 0.0,
        "p75": 0.7,
        "p90": 1.3,
        "p95": 1.6,
        "p99": 2.3,
    }
    block: dict[str, Any] = {"unit": unit}
    block["avg"] = round(median * (1 + spread * 0.1), 3)
    block["min"] = round(median * (1 - spread * 2.5), 3)
    block["max"] = round(median * (1 + spread * 3), 3)
    for name, z in steps.items():
        block[name] = round(median * (1 + spread * z / 2.3), 3)
    block["std"] = round(median * spread / 2, 3)
    block["count"] = count
    block["sum"] = round(block["avg"] * count, 3)
    return block


def profile_export(
    *,
    concurrency: int = 1,
    requests: int = 200,
    errors: int = 0,
    streaming: bool = True,
    variation: Mapping[str, Any] | None = None,
    version: str = "0.12.0",
) -> dict[str, Any]:
    """A ``profile_export_aiperf.json`` of one level."""
    ttft = 45.0 + 6.5 * concurrency
    itl = 11.0 + 0.35 * concurrency
    osl = 150
    e2e = ttft + itl * (osl - 1)
    rps = concurrency / (e2e / 1000.0)
    doc: dict[str, Any] = {
        "schema_version": "1.3",
        "aiperf_version": version,
        "benchmark_id": f"bench-{concurrency:04d}",
        "start_time": "2026-11-30T10:00:00Z",
        "end_time": "2026-11-30T10:04:10Z",
        "was_cancelled": False,
        "request_latency": record_metric("ms", e2e, count=requests),
        "request_throughput": {"unit": "requests/sec", "avg": round(rps, 4)},
        "request_count": {"unit": "requests", "avg": float(requests)},
        "output_token_throughput": {"unit": "tokens/sec", "avg": round(rps * osl, 3)},
        "output_token_throughput_per_user": record_metric(
            "tokens/sec/user", 1000.0 / itl, count=requests
        ),
        "output_sequence_length": record_metric("tokens", osl, spread=0.05, count=requests),
        "input_sequence_length": record_metric("tokens", 550, spread=0.1, count=requests),
        "benchmark_duration": {"unit": "sec", "avg": 250.0},
        "input_config": {"endpoint": {"streaming": streaming, "type": "chat"}},
        "run_info": {
            "benchmark_id": f"bench-{concurrency:04d}",
            "random_seed": 42,
            "trial": 0,
            "run_label": "run_0000",
            "variation_label": f"concurrency_{concurrency}" if variation else "base",
            "variation_index": 0,
            "variation_values": dict(variation or {}),
        },
        "error_summary": [],
    }
    if streaming:
        doc["time_to_first_token"] = record_metric("ms", ttft, count=requests)
        doc["inter_token_latency"] = record_metric("ms", itl, count=requests)
    if errors:
        doc["error_request_count"] = {"unit": "requests", "avg": float(errors)}
        doc["error_summary"] = [
            {
                "error_details": {
                    "code": 503,
                    "type": "ServiceUnavailable",
                    "message": "overloaded",
                },
                "count": errors,
            }
        ]
    return doc


def sweep_aggregate(levels: Iterable[int]) -> dict[str, Any]:
    """``sweep_aggregate/profile_export_aiperf_sweep.json`` of a concurrency sweep."""
    combos = []
    for level in levels:
        export = profile_export(concurrency=level)
        combos.append(
            {
                "parameters": {"concurrency": level},
                "metrics": {
                    "request_throughput": {
                        "mean": export["request_throughput"]["avg"],
                        "unit": "requests/sec",
                    },
                    "request_latency": {
                        k: export["request_latency"][k] for k in ("unit", "p50", "p99")
                    },
                    "time_to_first_token": {
                        k: export["time_to_first_token"][k] for k in ("unit", "p50", "p99")
                    },
                },
            }
        )
    return {
        "schema_version": "1.0",
        "aiperf_version": "0.12.0",
        "sweep_parameters": ["concurrency"],
        "per_combination_metrics": combos,
    }


def search_history(probes: Mapping[int, bool]) -> dict[str, Any]:
    """``search_history.json`` of a max-concurrency-under-SLA search."""
    return {
        "config": {
            "planner": "monotonic_sla",
            "sla_filters": [
                {"stat": "p95", "metric_tag": "time_to_first_token", "threshold": 500.0}
            ],
            "search_space": [{"path": "phases.profiling.concurrency", "lo": 1, "hi": 1000}],
        },
        "iterations": [
            {
                "iteration_idx": index,
                "variation_values": {"phases.profiling.concurrency": concurrency},
                "objective_values": [float(concurrency)],
                "feasible": feasible,
            }
            for index, (concurrency, feasible) in enumerate(probes.items())
        ],
    }


def tar_gz(
    members: Mapping[str, bytes | str | Mapping[str, Any]], *, extra: Iterable[tarfile.TarInfo] = ()
) -> bytes:
    """A gzip'd tar archive of ``members`` (dicts are written as JSON)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in members.items():
            if isinstance(content, Mapping):
                data = json.dumps(content).encode()
            elif isinstance(content, str):
                data = content.encode()
            else:
                data = content
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for info in extra:
            archive.addfile(info)
    return buffer.getvalue()


def sweep_archive(levels: Iterable[int], *, prefix: str = "./") -> bytes:
    """The archive of a concurrency sweep: one directory per level, the aggregate, records."""
    levels = list(levels)
    members: dict[str, Any] = {}
    for level in levels:
        members[f"{prefix}concurrency_{level}/profile_export_aiperf.json"] = profile_export(
            concurrency=level, variation={"phases.profiling.concurrency": level}
        )
        members[f"{prefix}concurrency_{level}/profile_export.jsonl"] = b'{"metadata": {}}\n' * 50
    members[f"{prefix}sweep_aggregate/profile_export_aiperf_sweep.json"] = sweep_aggregate(levels)
    members[f"{prefix}sweep_aggregate/profile_export_aiperf_sweep.csv"] = (
        "concurrency,request_throughput\n"
    )
    return tar_gz(members)
