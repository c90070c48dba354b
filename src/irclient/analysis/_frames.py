"""Benchmarks and jobs as pandas DataFrames (pandas is loaded on first use)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .._utils.extras import require
from .._utils.format import wire_text
from ..models import (
    InferenceRecommendationsJob,
    ListInferenceRecommendationsJobsResponse,
)

if TYPE_CHECKING:
    import pandas as pd

from ._genai import AISource, ai_rows
from ._rows import BenchmarkSource, _flatten

_STR = "string"
_INT = "Int64"
_FLOAT = "float64"
_TIME = "time"

BENCHMARK_COLUMNS: dict[str, str] = {
    "kind": _STR,
    "job_name": _STR,
    "status": _STR,
    "failure_reason": _STR,
    "recommendation_id": _STR,
    "endpoint_name": _STR,
    "variant_name": _STR,
    "instance_type": _STR,
    "initial_instance_count": _INT,
    "serverless_memory_size_in_mb": _INT,
    "serverless_max_concurrency": _INT,
    "serverless_provisioned_concurrency": _INT,
    "cost_per_hour": _FLOAT,
    "cost_per_inference": _FLOAT,
    "max_invocations": _INT,
    "model_latency": _INT,
    "cpu_utilization": _FLOAT,
    "memory_utilization": _FLOAT,
    "model_setup_time": _INT,
    "invocation_start_time": _TIME,
    "invocation_end_time": _TIME,
    "score": _FLOAT,
}
"""The columns of a benchmark DataFrame and their kinds, before the ``env.*`` columns."""

JOB_COLUMNS: dict[str, str] = {
    "job_name": _STR,
    "job_type": _STR,
    "status": _STR,
    "creation_time": _TIME,
    "completion_time": _TIME,
    "last_modified_time": _TIME,
    "failure_reason": _STR,
    "job_description": _STR,
    "model_name": _STR,
    "model_package_version_arn": _STR,
    "sample_payload_url": _STR,
    "job_arn": _STR,
    "role_arn": _STR,
}
"""The columns of a job-list DataFrame and their kinds."""


def _require(module: str, function: str) -> Any:
    return require(module, feature=function, extra="notebook")


def _column(pandas: Any, values: list[Any], kind: str) -> Any:
    if kind == _TIME:
        return pandas.to_datetime(pandas.Series(values, dtype=object), utc=True)
    if kind == _FLOAT:
        return pandas.Series([math.nan if v is None else v for v in values], dtype=_FLOAT)
    return pandas.Series(values, dtype=kind)


def _frame(pandas: Any, rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    data = {n: _column(pandas, [r.get(n) for r in rows], kind) for n, kind in columns.items()}
    frame: pd.DataFrame = pandas.DataFrame(data, columns=list(columns))
    return frame


def _cell(value: Any, kind: str) -> Any:
    return wire_text(value) if kind == _STR else value


def _is_job_list(items: Any) -> bool:
    return isinstance(items, ListInferenceRecommendationsJobsResponse | InferenceRecommendationsJob)


def _jobs(items: Any) -> Iterator[InferenceRecommendationsJob]:
    iterable = (items,) if _is_job_list(items) else items
    for item in iterable:
        if isinstance(item, ListInferenceRecommendationsJobsResponse):
            yield from item.inference_recommendations_jobs
        elif isinstance(item, InferenceRecommendationsJob):
            yield item
        else:
            raise TypeError(f"cannot mix {type(item).__name__} with job-list entries")


def to_dataframe(
    items: AISource
    | BenchmarkSource
    | ListInferenceRecommendationsJobsResponse
    | InferenceRecommendationsJob
    | Iterable[
        BenchmarkSource | ListInferenceRecommendationsJobsResponse | InferenceRecommendationsJob
    ],
) -> pd.DataFrame:
    """A pandas DataFrame with one row per benchmark, or one row per job for job lists.

    Benchmarks give the columns of :data:`BENCHMARK_COLUMNS` (named as the attributes of
    :class:`Benchmark`), then one ``env.<KEY>`` column per environment parameter key that
    occurs, in sorted order. Job lists (:class:`~irclient.models.InferenceRecommendationsJob`
    entries or whole ``ListInferenceRecommendationsJobs`` responses) give the columns of
    :data:`JOB_COLUMNS`. Columns are typed: ``string`` for text, nullable ``Int64`` for
    counts and milliseconds, ``float64`` (NaN when missing) for costs and utilisation, and
    UTC ``datetime64`` for times. Failed benchmarks are included, with their status and
    failure reason. Empty input gives an empty frame with the benchmark columns.

    Args:
        items: Benchmarks (see the module documentation) or job-list entries, not both.

    Raises:
        ImportError: pandas is not installed (``pip install 'irclient[notebook]'``).
        TypeError: an item is of no supported type, or job entries are mixed with benchmarks.
    """
    if (ai := ai_rows(items)) is not None:
        return ai.to_dataframe()
    pandas = _require("pandas", "to_dataframe")
    materialised: Any = (
        items if _is_job_list(items) or not isinstance(items, Iterable) else list(items)
    )
    if _is_job_list(materialised) or (
        isinstance(materialised, list) and materialised and _is_job_list(materialised[0])
    ):
        job_rows = [
            {name: _cell(getattr(job, name), kind) for name, kind in JOB_COLUMNS.items()}
            for job in _jobs(materialised)
        ]
        return _frame(pandas, job_rows, JOB_COLUMNS)
    rows: list[dict[str, Any]] = []
    keys: set[str] = set()
    for bench in _flatten(materialised):
        row = {name: getattr(bench, name) for name in BENCHMARK_COLUMNS}
        for key, value in bench.environment:
            row[f"env.{key}"] = value
            keys.add(f"env.{key}")
        rows.append(row)
    columns = dict(BENCHMARK_COLUMNS)
    columns.update((key, _STR) for key in sorted(keys))
    return _frame(pandas, rows, columns)


# --------------------------------------------------------------------------- matplotlib
