"""Listing the generative-AI resources: filters, sort orders and summaries.

Each list operation selects with :func:`listed`, then pages with the fakes' one paginator
(:func:`page`), ordered as AWS orders it (``CreationTime``, descending, unless asked).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from .._paginator import paginate
from ._ai_jobs import AIBenchmarkJob, AIRecommendationJob, WorkloadConfig

__all__ = [
    "benchmark_summary",
    "listed",
    "page",
    "recommendation_summary",
    "workload_summary",
]


def listed(request: Any, name: str, created: datetime.datetime, status: str | None) -> bool:
    """Whether a resource passes a list request's filters."""
    checks = (
        (request.creation_time_after, lambda t: created > t),
        (request.creation_time_before, lambda t: created < t),
        (request.name_contains, lambda s: s.lower() in name.lower()),
        (getattr(request, "status_equals", None), lambda s: status == s),
    )
    return all(wanted is None or test(wanted) for wanted, test in checks)


def page(
    operation: str,
    items: list[Any],
    body: Mapping[str, Any],
    request: Any,
    render: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """One page of ``items``, sorted as the request asks."""
    sort_by = str(request.sort_by or "CreationTime")
    descending = str(request.sort_order or "Descending") == "Descending"

    def key(item: Any) -> tuple[Any, ...]:
        if sort_by == "Name":
            return (item.name, item.sequence)
        if sort_by == "Status":
            return (item.status, item.sequence)
        created = item.created if isinstance(item, WorkloadConfig) else _created(item)
        return (int(created.timestamp() * 1000), item.sequence)

    items.sort(key=key, reverse=descending)
    return paginate(operation, items, body, key=key, descending=descending, render=render)


def _created(job: Any) -> datetime.datetime:
    if isinstance(job, AIBenchmarkJob):
        return job.creation_time
    return job.timeline.created  # type: ignore[no-any-return]


def workload_summary(config: WorkloadConfig) -> dict[str, Any]:
    """An ``AIWorkloadConfigSummary``."""
    return {
        "AIWorkloadConfigName": config.name,
        "AIWorkloadConfigArn": config.arn,
        "CreationTime": config.created,
    }


def benchmark_summary(job: AIBenchmarkJob) -> dict[str, Any]:
    """An ``AIBenchmarkJobSummary``."""
    out: dict[str, Any] = {
        "AIBenchmarkJobName": job.name,
        "AIBenchmarkJobArn": job.arn,
        "AIBenchmarkJobStatus": job.status,
        "CreationTime": job.creation_time,
        "AIWorkloadConfigName": job.workload,
    }
    if job.end_time is not None:
        out["EndTime"] = job.end_time
    return out


def recommendation_summary(job: AIRecommendationJob) -> dict[str, Any]:
    """An ``AIRecommendationJobSummary``."""
    out: dict[str, Any] = {
        "AIRecommendationJobName": job.name,
        "AIRecommendationJobArn": job.arn,
        "AIRecommendationJobStatus": job.status,
        "CreationTime": job.timeline.created,
    }
    if job.timeline.ended is not None:
        out["EndTime"] = job.timeline.ended
    return out
