"""Benchmarks as flat rows: one typed :class:`Benchmark` per endpoint configuration tried."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any, Literal, TypeAlias

import attrs

from .._utils import tables as _tables
from .._utils.format import (
    endpoint_label,
    environment_pairs,
    float_or_none,
    int_or_none,
    wire_text,
)
from ..models import (
    DescribeInferenceRecommendationsJobResponse,
    EndpointPerformance,
    InferenceMetrics,
    InferenceRecommendation,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobStepsResponse,
    ModelConfiguration,
    RecommendationMetrics,
)
from ._pareto import pareto_sweep


@attrs.frozen(kw_only=True)
class Benchmark:
    """One benchmarked endpoint configuration, flattened into typed values.

    Build one with :meth:`from_item`; the model it came from is kept as :attr:`source`.
    Metric values AWS reported as NaN are ``None`` here.
    """

    kind: Literal["step", "recommendation", "endpoint"]
    """Where the benchmark came from (a job step, a recommendation, or an existing endpoint)."""
    job_name: str | None = None
    """The job that ran the benchmark, when the source says so."""
    status: str | None = None
    """The step's status (``COMPLETED``, ``FAILED``, ...); ``None`` for recommendations and
    endpoint performances, which exist only once measured."""
    failure_reason: str | None = None
    """Why the benchmark failed, if it did."""
    recommendation_id: str | None = None
    """The recommendation's ID, for recommendations."""
    endpoint_name: str | None = None
    """The endpoint benchmarked."""
    variant_name: str | None = None
    """The production variant benchmarked."""
    instance_type: str | None = None
    """The instance type, for instance-based endpoints (``None`` for serverless ones)."""
    initial_instance_count: int | None = None
    """How many instances, for instance-based endpoints."""
    serverless_memory_size_in_mb: int | None = None
    """Memory size, for serverless endpoints."""
    serverless_max_concurrency: int | None = None
    """Maximum concurrency, for serverless endpoints."""
    serverless_provisioned_concurrency: int | None = None
    """Provisioned concurrency, for serverless endpoints that have some."""
    cost_per_hour: float | None = None
    """Cost of the endpoint per hour, in US dollars."""
    cost_per_inference: float | None = None
    """Cost of one inference, in US dollars."""
    max_invocations: int | None = None
    """Requests per minute the endpoint sustained."""
    model_latency: int | None = None
    """Model latency at that load, in milliseconds."""
    cpu_utilization: float | None = None
    """CPU utilisation at that load, in percent."""
    memory_utilization: float | None = None
    """Memory utilisation at that load, in percent."""
    model_setup_time: int | None = None
    """Time to launch new compute for a serverless endpoint, in milliseconds."""
    environment: tuple[tuple[str, str], ...] = ()
    """Environment parameters of the model, as ``(key, value)`` pairs in the order AWS gave."""
    invocation_start_time: datetime.datetime | None = None
    """When the benchmark's load test started."""
    invocation_end_time: datetime.datetime | None = None
    """When the benchmark's load test ended."""
    score: float | None = None
    """The weighted score :func:`rank_weighted` gave it, from 0 (worst of those ranked on every
    weighted metric) to 1 (best on every one); ``None`` when it was not ranked that way."""
    source: object = attrs.field(default=None, eq=False, repr=False)
    """The model this benchmark was read from."""

    @property
    def serverless(self) -> bool:
        """Whether the endpoint benchmarked is serverless."""
        return self.serverless_memory_size_in_mb is not None

    @property
    def usable(self) -> bool:
        """Whether the benchmark completed without failure, so its metrics can be compared."""
        return self.status in (None, "COMPLETED") and self.failure_reason is None

    @property
    def label(self) -> str:
        """A short name for the endpoint configuration.

        ``ml.c5.xlarge``, ``ml.g4dn.xlarge x2`` (two instances), ``serverless 2048 MB x5``
        (memory and maximum concurrency), or else the endpoint name.
        """
        return endpoint_label(
            instance_type=self.instance_type,
            instance_count=self.initial_instance_count,
            serverless_memory_size_in_mb=self.serverless_memory_size_in_mb,
            serverless_max_concurrency=self.serverless_max_concurrency,
            otherwise=self.endpoint_name or "?",
        )

    def _repr_html_(self) -> str:
        return _tables.benchmarks_html([self], caption="")

    @classmethod
    def from_item(
        cls,
        item: InferenceRecommendationsJobStep
        | InferenceRecommendation
        | EndpointPerformance
        | Benchmark,
        *,
        job_name: str | None = None,
    ) -> Benchmark:
        """Flatten a step, a recommendation or an endpoint performance.

        Args:
            item: The model to read. A :class:`Benchmark` is returned as it is.
            job_name: The job the item belongs to, for sources that do not carry it
                (recommendations and endpoint performances).

        Raises:
            TypeError: ``item`` is none of the above.
        """
        if isinstance(item, Benchmark):
            return item
        if isinstance(item, InferenceRecommendationsJobStep):
            bench = item.inference_benchmark
            return cls._build(
                kind="step",
                job_name=item.job_name,
                status=wire_text(item.status),
                failure_reason=bench.failure_reason if bench else None,
                endpoint=bench.endpoint_configuration if bench else None,
                metrics=(bench.metrics or bench.endpoint_metrics) if bench else None,
                model=bench.model_configuration if bench else None,
                started=bench.invocation_start_time if bench else None,
                ended=bench.invocation_end_time if bench else None,
                source=item,
            )
        if isinstance(item, InferenceRecommendation):
            return cls._build(
                kind="recommendation",
                job_name=job_name,
                recommendation_id=item.recommendation_id,
                endpoint=item.endpoint_configuration,
                metrics=item.metrics,
                model=item.model_configuration,
                started=item.invocation_start_time,
                ended=item.invocation_end_time,
                source=item,
            )
        if isinstance(item, EndpointPerformance):
            return cls(
                kind="endpoint",
                job_name=job_name,
                endpoint_name=item.endpoint_info.endpoint_name,
                max_invocations=int_or_none(item.metrics.max_invocations),
                model_latency=int_or_none(item.metrics.model_latency),
                source=item,
            )
        raise TypeError(f"cannot read a benchmark from {type(item).__name__}")

    @classmethod
    def _build(
        cls,
        *,
        kind: Literal["step", "recommendation"],
        endpoint: Any,
        metrics: RecommendationMetrics | InferenceMetrics | None,
        model: ModelConfiguration | None,
        started: datetime.datetime | None,
        ended: datetime.datetime | None,
        **values: Any,
    ) -> Benchmark:
        serverless = endpoint.serverless_config if endpoint is not None else None
        if endpoint is not None:
            values.update(
                endpoint_name=endpoint.endpoint_name,
                variant_name=endpoint.variant_name,
                instance_type=wire_text(endpoint.instance_type),
                initial_instance_count=int_or_none(endpoint.initial_instance_count),
            )
        if serverless is not None:
            values.update(
                serverless_memory_size_in_mb=int_or_none(serverless.memory_size_in_mb),
                serverless_max_concurrency=int_or_none(serverless.max_concurrency),
                serverless_provisioned_concurrency=int_or_none(serverless.provisioned_concurrency),
            )
        if metrics is not None:
            values.update(
                max_invocations=int_or_none(metrics.max_invocations),
                model_latency=int_or_none(metrics.model_latency),
            )
        if isinstance(metrics, RecommendationMetrics):
            values.update(
                cost_per_hour=float_or_none(metrics.cost_per_hour),
                cost_per_inference=float_or_none(metrics.cost_per_inference),
                cpu_utilization=float_or_none(metrics.cpu_utilization),
                memory_utilization=float_or_none(metrics.memory_utilization),
                model_setup_time=int_or_none(metrics.model_setup_time),
            )
        return cls(
            kind=kind,
            environment=environment_pairs(model.environment_parameters if model else None),
            invocation_start_time=started,
            invocation_end_time=ended,
            **values,
        )


BenchmarkSource: TypeAlias = (
    InferenceRecommendationsJobStep
    | InferenceRecommendation
    | EndpointPerformance
    | DescribeInferenceRecommendationsJobResponse
    | ListInferenceRecommendationsJobStepsResponse
    | Benchmark
)
"""Anything the functions of this module take benchmarks from."""


def _flatten(items: BenchmarkSource | Iterable[BenchmarkSource]) -> Iterator[Benchmark]:
    # A single model is not iterable: treat it as a one-item collection.
    iterable: Iterable[Any] = (
        (items,) if isinstance(items, Benchmark) or not isinstance(items, Iterable) else items
    )
    for item in iterable:
        if isinstance(item, DescribeInferenceRecommendationsJobResponse):
            for rec in item.inference_recommendations or ():
                yield Benchmark.from_item(rec, job_name=item.job_name)
            for perf in item.endpoint_performances or ():
                yield Benchmark.from_item(perf, job_name=item.job_name)
        elif isinstance(item, ListInferenceRecommendationsJobStepsResponse):
            for step in item.steps or ():
                yield Benchmark.from_item(step)
        else:
            yield Benchmark.from_item(item)


def _ascending(value: float | None) -> tuple[int, float]:
    return (0, value) if value is not None else (1, 0.0)


def _descending(value: float | None) -> tuple[int, float]:
    return (0, -value) if value is not None else (1, 0.0)


def _tie_key(bench: Benchmark) -> tuple[Any, ...]:
    """Order of benchmarks equal on the ranking metric, whatever the input order.

    Cheaper per inference, then faster, then more throughput, then cheaper per hour, then by
    configuration and identity.
    """
    return (
        _ascending(bench.cost_per_inference),
        _ascending(bench.model_latency),
        _descending(bench.max_invocations),
        _ascending(bench.cost_per_hour),
        bench.instance_type or "",
        bench.initial_instance_count or 0,
        bench.serverless_memory_size_in_mb or 0,
        bench.serverless_max_concurrency or 0,
        bench.environment,
        bench.recommendation_id or "",
        bench.endpoint_name or "",
        bench.job_name or "",
    )


def _front(items: BenchmarkSource | Iterable[BenchmarkSource]) -> list[Benchmark]:
    """The Pareto front of cost per inference and latency (see ``pareto_front``), as a list."""
    return pareto_sweep(
        (b for b in _flatten(items) if b.usable),
        lambda b: b.cost_per_inference,
        lambda b: b.model_latency,
        _tie_key,
    )
