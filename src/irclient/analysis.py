"""Choosing an endpoint from a job's benchmarks: flat rows, ranking, Pareto front, DataFrames.

Inference Recommender reports one benchmark per endpoint configuration it tried, in three
places: the steps of ``ListInferenceRecommendationsJobSteps``
(:class:`~irclient.models.InferenceRecommendationsJobStep`), the recommendations of
``DescribeInferenceRecommendationsJob``
(:class:`~irclient.models.InferenceRecommendation`) and, for jobs run against existing
endpoints, its endpoint performances (:class:`~irclient.models.EndpointPerformance`).
:class:`Benchmark` flattens any of them into one row of typed values, and
:class:`Benchmarks` is a sequence of such rows that renders as a table in Jupyter.

Every function here takes *items*: one of the models above, a describe response or a steps
page (their benchmarks are taken), a :class:`Benchmark`, or any iterable of these.

Missing values and failures, the same way everywhere:

* AWS writes NaN for a metric it could not measure (``CpuUtilization`` of a serverless
  endpoint, for instance). A NaN is a missing value: ``None`` on :class:`Benchmark`, NaN or
  ``<NA>`` in a DataFrame, "n/a" in a table.
* A benchmark is *usable* (:attr:`Benchmark.usable`) when it completed (a step whose status
  is ``COMPLETED``; recommendations and endpoint performances always are) and reports no
  failure reason. :func:`rank`, :func:`best`, :func:`pareto_front` and
  :func:`plot_tradeoff` consider usable benchmarks only; :func:`to_dataframe` and the
  displays show every benchmark, failed ones included.
* A benchmark whose value is missing for the ranking metric, or for a limit that was asked
  for, cannot be shown to qualify, so it is left out of the ranking.

pandas, matplotlib and adjustText are imported only by :func:`to_dataframe` and
:func:`plot_tradeoff`, so importing this module stays cheap; install them with
``pip install 'irclient[notebook]'``.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, overload

import attrs

from . import _metrics, _tables
from ._extras import require as _require
from ._format import environment_pairs, float_or_none, int_or_none, wire_text
from ._metrics import Metric
from ._text import safe_text
from .models import (
    DescribeInferenceRecommendationsJobResponse,
    EndpointPerformance,
    InferenceMetrics,
    InferenceRecommendation,
    InferenceRecommendationsJob,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobsResponse,
    ListInferenceRecommendationsJobStepsResponse,
    ModelConfiguration,
    RecommendationMetrics,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .benchmarks._recommendations import AIRecommendationRow, AIRecommendations

    AISource: TypeAlias = AIRecommendations | AIRecommendationRow | Mapping[str, Any]

__all__ = [
    "BENCHMARK_COLUMNS",
    "JOB_COLUMNS",
    "RANKABLE_METRICS",
    "Benchmark",
    "IMPORTANCE_LEVELS",
    "BenchmarkSource",
    "Benchmarks",
    "Weights",
    "best",
    "pareto_front",
    "plot_tradeoff",
    "rank",
    "rank_weighted",
    "to_dataframe",
]

RANKABLE_METRICS: tuple[str, ...] = _metrics.RANKABLE_METRICS
"""The values :func:`rank` can order by. ``max_invocations`` ranks highest first, the others
lowest first."""


def _ai(items: Any) -> AIRecommendations | None:
    """AI recommendation jobs as rows, or ``None`` for classic sources.

    The generative-AI family's rows (time to first token, tokens per second, cost per million
    tokens) live in :mod:`irclient.benchmarks`; the functions here hand such jobs to it.
    """
    from .benchmarks import _recommendations as ai

    return ai.AIRecommendations(items) if ai.is_ai_source(items) else None


def _ai_by(by: str) -> str:
    return "cost_per_million_output_tokens_usd" if by == "cost_per_inference" else by


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
        if self.serverless_memory_size_in_mb is not None:
            text = f"serverless {self.serverless_memory_size_in_mb} MB"
            if self.serverless_max_concurrency is not None:
                text += f" x{self.serverless_max_concurrency}"
            return text
        if self.instance_type is not None:
            count = self.initial_instance_count
            return self.instance_type if count in (None, 1) else f"{self.instance_type} x{count}"
        return self.endpoint_name or "?"

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
    if isinstance(items, Benchmarks):
        yield from items
        return
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
        elif isinstance(item, Benchmarks):
            yield from item
        else:
            yield Benchmark.from_item(item)


class Benchmarks(Sequence[Benchmark]):
    """An immutable sequence of :class:`Benchmark` rows that Jupyter shows as a table.

    ``Benchmarks(items)`` reads every benchmark out of *items* (see the module
    documentation); the methods are the module's functions applied to this collection.

    Args:
        items: Steps, recommendations, endpoint performances, describe responses, steps
            pages or benchmarks, or one of them.
    """

    __slots__ = ("_rows",)

    def __init__(self, items: BenchmarkSource | Iterable[BenchmarkSource] = ()) -> None:
        self._rows: tuple[Benchmark, ...] = tuple(_flatten(items))

    @overload
    def __getitem__(self, index: int) -> Benchmark: ...

    @overload
    def __getitem__(self, index: slice) -> Benchmarks: ...

    def __getitem__(self, index: int | slice) -> Benchmark | Benchmarks:
        if isinstance(index, slice):
            return Benchmarks(self._rows[index])
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Benchmark]:
        return iter(self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Benchmarks):
            return self._rows == other._rows
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        return _tables.benchmarks_text(self)

    def _repr_html_(self) -> str:
        return _tables.benchmarks_html(self)

    def to_dataframe(self) -> pd.DataFrame:
        """These benchmarks as a DataFrame; see :func:`to_dataframe`."""
        return to_dataframe(self)

    def rank(
        self,
        *,
        by: Metric = "cost_per_inference",
        max_latency_ms: float | None = None,
        min_invocations: int | None = None,
    ) -> Benchmarks:
        """The usable benchmarks that meet the limits, best first; see :func:`rank`."""
        return rank(self, by=by, max_latency_ms=max_latency_ms, min_invocations=min_invocations)

    def best(
        self,
        *,
        by: Metric = "cost_per_inference",
        max_latency_ms: float | None = None,
        min_invocations: int | None = None,
    ) -> Benchmark | None:
        """The first benchmark :meth:`rank` gives, or ``None``; see :func:`best`."""
        return best(self, by=by, max_latency_ms=max_latency_ms, min_invocations=min_invocations)

    def rank_weighted(
        self,
        weights: Weights | None = None,
        *,
        max_latency_ms: float | None = None,
        min_invocations: int | None = None,
    ) -> Benchmarks:
        """The usable benchmarks by weighted score, best first; see :func:`rank_weighted`."""
        return rank_weighted(
            self, weights, max_latency_ms=max_latency_ms, min_invocations=min_invocations
        )

    def pareto_front(self) -> Benchmarks:
        """The benchmarks no other beats on both cost and latency; see :func:`pareto_front`."""
        return pareto_front(self)

    def plot(self, *, ax: Axes | None = None, max_latency_ms: float | None = None) -> Axes:
        """Scatter cost per inference against latency; see :func:`plot_tradeoff`."""
        return plot_tradeoff(self, ax=ax, max_latency_ms=max_latency_ms)


# --------------------------------------------------------------------------- ranking


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


@overload
def rank(
    items: AISource,
    *,
    by: str = ...,
    max_latency_ms: float | None = ...,
    min_invocations: int | None = ...,
) -> AIRecommendations: ...


@overload
def rank(
    items: BenchmarkSource | Iterable[BenchmarkSource],
    *,
    by: Metric = ...,
    max_latency_ms: float | None = ...,
    min_invocations: int | None = ...,
) -> Benchmarks: ...


def rank(
    items: Any,
    *,
    by: Any = "cost_per_inference",
    max_latency_ms: float | None = None,
    min_invocations: int | None = None,
) -> Benchmarks | AIRecommendations:
    """The usable benchmarks that meet the limits, best first.

    An AI recommendation job (its describe response) is ranked by
    :meth:`irclient.benchmarks.AIRecommendations.rank`: ``by`` defaults to cost per million
    output tokens and ``max_latency_ms`` limits the time to first token.

    This is the choice "the cheapest configuration that meets my latency and throughput".
    Failed and unfinished benchmarks are left out, and so are benchmarks whose ``by`` value is
    missing (NaN or absent) or whose latency or invocations are missing when that limit is
    given. Equal values are ordered by cost per inference, then latency, then invocations
    (more first), then cost per hour, then configuration, so the order never depends on the
    order of *items*.

    Args:
        items: What to rank (see the module documentation).
        by: The metric to order by, one of :data:`RANKABLE_METRICS`. ``max_invocations``
            ranks highest first; every other metric lowest first.
        max_latency_ms: Keep only benchmarks whose model latency is at most this.
        min_invocations: Keep only benchmarks that sustained at least this many invocations
            per minute.

    Returns:
        The qualifying benchmarks, best first; empty if none qualifies.

    Raises:
        ValueError: ``by`` is not one of :data:`RANKABLE_METRICS`.
    """
    if (ai := _ai(items)) is not None:
        if min_invocations is not None:
            raise ValueError("min_invocations does not apply to AI recommendations")
        return ai.rank(by=_ai_by(by), max_ttft_ms=max_latency_ms)
    if by not in RANKABLE_METRICS:
        raise ValueError(f"cannot rank by {by!r}; choose one of {', '.join(RANKABLE_METRICS)}")
    order = _descending if by in _metrics.HIGHER_IS_BETTER else _ascending
    kept = []
    for bench in _flatten(items):
        value = getattr(bench, by)
        if not bench.usable or value is None:
            continue
        if max_latency_ms is not None and (
            bench.model_latency is None or bench.model_latency > max_latency_ms
        ):
            continue
        if min_invocations is not None and (
            bench.max_invocations is None or bench.max_invocations < min_invocations
        ):
            continue
        kept.append(bench)
    kept.sort(key=lambda b: (order(getattr(b, by)), _tie_key(b)))
    return Benchmarks(kept)


@overload
def best(
    items: AISource,
    *,
    by: str = ...,
    max_latency_ms: float | None = ...,
    min_invocations: int | None = ...,
) -> AIRecommendationRow | None: ...


@overload
def best(
    items: BenchmarkSource | Iterable[BenchmarkSource],
    *,
    by: Metric = ...,
    max_latency_ms: float | None = ...,
    min_invocations: int | None = ...,
) -> Benchmark | None: ...


def best(
    items: Any,
    *,
    by: Any = "cost_per_inference",
    max_latency_ms: float | None = None,
    min_invocations: int | None = None,
) -> Benchmark | AIRecommendationRow | None:
    """The best benchmark by :func:`rank`'s rules, or ``None`` when none qualifies.

    Args:
        items: What to choose from (see the module documentation).
        by: The metric to order by, as for :func:`rank`.
        max_latency_ms: The largest acceptable model latency, in milliseconds.
        min_invocations: The fewest acceptable invocations per minute.
    """
    ranked = rank(items, by=by, max_latency_ms=max_latency_ms, min_invocations=min_invocations)
    return ranked[0] if ranked else None


@overload
def pareto_front(items: AISource) -> AIRecommendations: ...


@overload
def pareto_front(items: BenchmarkSource | Iterable[BenchmarkSource]) -> Benchmarks: ...


def pareto_front(items: Any) -> Benchmarks | AIRecommendations:
    """The usable benchmarks that no other beats on both cost per inference and latency.

    A benchmark is dominated when another is no worse on both cost per inference and model
    latency and strictly better on one. Benchmarks missing either value are left out;
    benchmarks tied on both values are all kept.

    Args:
        items: The benchmarks to compare (see the module documentation).

    Returns:
        The front, cheapest first (and so slowest first). For an AI recommendation job:
        cost per million output tokens against time to first token.
    """
    if (ai := _ai(items)) is not None:
        return ai.pareto_front()
    candidates = sorted(
        (
            b
            for b in _flatten(items)
            if b.usable and b.cost_per_inference is not None and b.model_latency is not None
        ),
        key=lambda b: (b.cost_per_inference, b.model_latency, _tie_key(b)),
    )
    front: list[Benchmark] = []
    fastest = math.inf
    for bench in candidates:
        assert bench.model_latency is not None  # filtered above; narrows the type
        # Sorted by cost, so anything kept so far is at least as cheap: a newcomer survives
        # only by being strictly faster, or by tying the last kept point on both values.
        tied = bool(front) and (bench.cost_per_inference, bench.model_latency) == (
            front[-1].cost_per_inference,
            front[-1].model_latency,
        )
        if bench.model_latency < fastest or tied:
            front.append(bench)
            fastest = min(fastest, bench.model_latency)
    return Benchmarks(front)


# --------------------------------------------------------------------------- weighted ranking

IMPORTANCE_LEVELS: tuple[str, ...] = _metrics.IMPORTANCE_LEVELS
"""The five importance levels of :class:`Weights`, least important first; a level's weight is
its position counted from 1 (``lowest`` weighs 1, ``highest`` 5)."""

Importance: TypeAlias = Literal["lowest", "low", "medium", "high", "highest", 1, 2, 3, 4, 5]
"""An importance level, by name or by weight."""


def _weight(field: str, value: object) -> int:
    if isinstance(value, str) and value in IMPORTANCE_LEVELS:
        return IMPORTANCE_LEVELS.index(value) + 1
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    raise ValueError(
        f"Weights.{field} is {value!r}: an importance must be one of "
        f"{', '.join(IMPORTANCE_LEVELS)} or a weight from 1 to 5"
    )


@attrs.frozen(kw_only=True)
class Weights:
    """How much cost, latency and throughput matter, each on five importance levels.

    As in SageMaker Studio, each of the three gets a level from ``lowest`` to ``highest``
    (:data:`IMPORTANCE_LEVELS`), or its weight from 1 to 5; all three are ``medium`` unless
    given. See :func:`rank_weighted` for how the weights combine.

    Raises:
        ValueError: a level is neither one of the names nor a weight from 1 to 5.
    """

    cost: Importance = "medium"
    """Importance of cost per inference (lower is better)."""
    latency: Importance = "medium"
    """Importance of model latency (lower is better)."""
    throughput: Importance = "medium"
    """Importance of maximum invocations per minute (higher is better)."""

    def __attrs_post_init__(self) -> None:
        for field in ("cost", "latency", "throughput"):
            _weight(field, getattr(self, field))

    def as_weights(self) -> dict[str, int]:
        """The weight of each metric, keyed by its :class:`Benchmark` attribute name."""
        return {
            "cost_per_inference": _weight("cost", self.cost),
            "model_latency": _weight("latency", self.latency),
            "max_invocations": _weight("throughput", self.throughput),
        }


def _qualifies(bench: Benchmark, max_latency_ms: float | None, min_invocations: int | None) -> bool:
    if max_latency_ms is not None and (
        bench.model_latency is None or bench.model_latency > max_latency_ms
    ):
        return False
    return min_invocations is None or (
        bench.max_invocations is not None and bench.max_invocations >= min_invocations
    )


@overload
def rank_weighted(
    items: AISource,
    weights: Weights | None = ...,
    *,
    max_latency_ms: float | None = ...,
    min_invocations: int | None = ...,
) -> AIRecommendations: ...


@overload
def rank_weighted(
    items: BenchmarkSource | Iterable[BenchmarkSource],
    weights: Weights | None = ...,
    *,
    max_latency_ms: float | None = ...,
    min_invocations: int | None = ...,
) -> Benchmarks: ...


def rank_weighted(
    items: Any,
    weights: Weights | None = None,
    *,
    max_latency_ms: float | None = None,
    min_invocations: int | None = None,
) -> Benchmarks | AIRecommendations:
    """The usable benchmarks that meet the limits, by a weighted score of three metrics.

    The SageMaker Studio way of choosing: cost per inference, model latency and maximum
    invocations, each weighed by its importance (:class:`Weights`). Items may come from
    several jobs (the same model under a Default and an Advanced job, or two models): they are
    ranked together, and :attr:`Benchmark.job_name` tells them apart.

    How it ranks, exactly:

    1. Candidates are the usable benchmarks (completed, no failure reason) that meet the
       limits. A benchmark missing any of the three metrics (absent or NaN) is left out: it
       cannot be shown to be better or worse than another on that metric.
    2. Each metric is normalised across the candidates by min-max scaling to 0-1, where 1 is
       the best value among them: ``(max - v) / (max - min)`` for cost and latency (lower is
       better), ``(v - min) / (max - min)`` for invocations. When every candidate has the
       same value (one candidate, say), the metric gives each of them 1.
    3. The score is the weighted mean, ``sum(weight * normalised) / sum(weights)``, from 0 to
       1; it is kept on each returned benchmark as :attr:`Benchmark.score`.
    4. Higher scores come first. Scores equal to 12 decimal places are ties, ordered as
       :func:`rank` orders ties: cost per inference, then latency, then invocations (more
       first), then cost per hour, then the configuration and job, so the order never
       depends on the order of *items*.

    Scores are relative to the candidates: adding or removing a benchmark (or a limit) can
    change the others' scores, though never the order of two benchmarks of which one is at
    least as good on every metric.

    Args:
        items: What to rank (see the module documentation); any number of jobs.
        weights: The importance of each metric; all ``medium`` when ``None``.
        max_latency_ms: Keep only benchmarks whose model latency is at most this.
        min_invocations: Keep only benchmarks that sustained at least this many invocations
            per minute.

    Returns:
        The qualifying benchmarks with their :attr:`~Benchmark.score`, best first. An AI
        recommendation job is scored on cost per million output tokens, time to first token
        and output tokens per second.
    """
    if (ai := _ai(items)) is not None:
        return ai.rank_weighted(weights, max_ttft_ms=max_latency_ms)
    weight = (weights or Weights()).as_weights()
    kept = [
        bench
        for bench in _flatten(items)
        if bench.usable
        and all(getattr(bench, metric) is not None for metric in weight)
        and _qualifies(bench, max_latency_ms, min_invocations)
    ]
    if not kept:
        return Benchmarks()
    normalised: dict[str, list[float]] = {}
    for metric in weight:
        values = [float(getattr(b, metric)) for b in kept]
        low, high = min(values), max(values)
        if high == low:
            normalised[metric] = [1.0] * len(values)
        elif metric in _metrics.HIGHER_IS_BETTER:
            normalised[metric] = [(v - low) / (high - low) for v in values]
        else:
            normalised[metric] = [(high - v) / (high - low) for v in values]
    total = sum(weight.values())
    scored = [
        attrs.evolve(bench, score=sum(weight[m] * normalised[m][i] for m in weight) / total)
        for i, bench in enumerate(kept)
    ]
    scored.sort(key=lambda b: (-round(b.score or 0.0, 12), _tie_key(b)))
    return Benchmarks(scored)


# --------------------------------------------------------------------------- pandas

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

    An AI recommendation job gives one row per recommendation, with its cost columns
    (:meth:`irclient.benchmarks.AIRecommendations.to_dataframe`).

    Args:
        items: Benchmarks (see the module documentation) or job-list entries, not both.

    Raises:
        ImportError: pandas is not installed (``pip install 'irclient[notebook]'``).
        TypeError: an item is of no supported type, or job entries are mixed with benchmarks.
    """
    if (ai := _ai(items)) is not None:
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


_MILLION = 1_000_000
_THOUSAND = 1_000


def _cost_unit(costs: Sequence[float]) -> tuple[int, str]:
    """Inferences per cost figure: dollars per million, or per 1,000 for costly models.

    Per million while every benchmark costs under a tenth of a cent per inference (then the
    figures read like prices, $0.50 to $1,000); per 1,000 above that.
    """
    if costs and max(costs) >= 1e-3:
        return _THOUSAND, "1,000"
    return _MILLION, "million"


def _trace(xs: Sequence[float], ys: Sequence[float], samples: int) -> list[tuple[float, float]]:
    """Points along the polyline through ``xs`` and ``ys``, ``samples`` per segment."""
    out: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
        out.extend(
            (x0 + (x1 - x0) * i / samples, y0 + (y1 - y0) * i / samples) for i in range(samples)
        )
    if xs:
        out.append((xs[-1], ys[-1]))
    return out


def _point_labels(
    points: Sequence[tuple[Benchmark, float, float]], with_job: bool
) -> list[tuple[str, float, float]]:
    """One label per spot: configurations drawn on the same spot share one label.

    In a comparison two jobs often benchmark the same configuration with the same result; one
    label naming both jobs reads better than two labels on top of each other. A configuration
    that two jobs put on different spots names its job at each, so the labels tell them apart.
    """
    spots: dict[tuple[str, float, float], list[str]] = {}
    for bench, x, y in points:
        spots.setdefault((bench.label, x, y), []).append(bench.job_name or "?")
    seen: dict[str, int] = {}
    for label, _, _ in spots:
        seen[label] = seen.get(label, 0) + 1
    out = []
    for (label, x, y), jobs in spots.items():
        names = sorted(set(jobs))
        if with_job and (len(names) > 1 or seen[label] > 1):
            label = f"{label} ({', '.join(names)})"
        out.append((label, x, y))
    return out


def _place_labels(
    ax: Any,
    points: Sequence[tuple[Benchmark, float, float]],
    lines: Sequence[tuple[Sequence[float], Sequence[float]]],
    avoid: Sequence[Any],
    *,
    with_job: bool = False,
) -> list[Any]:
    """Label every point with adjustText, clear of the points, the lines and each other.

    adjustText repels the labels from the points, from each other and from the artists in
    ``avoid`` (the legend), then draws a thin leader from a moved label back to its point.
    Lines (the front's steps, the latency limit) are given to it as dense rows of points to
    keep off, which it honours more reliably than a line's bounding box.
    """
    from adjustText import adjust_text

    texts = [
        # A label is text from AWS: drawn literally, never as mathtext ("$5 and $6" is not
        # math, and "$\\frac{$" would make savefig raise), with control characters escaped.
        ax.text(x, y, safe_text(label, None), fontsize=8, parse_math=False, usetex=False, zorder=4)
        for label, x, y in _point_labels(points, with_job)
    ]
    if not texts:
        return texts
    keep_off = [(x, y) for _, x, y in points]
    for xs, ys in lines:
        keep_off.extend(_trace(xs, ys, 60))
    adjust_text(
        texts,
        x=[x for x, _ in keep_off],
        y=[y for _, y in keep_off],
        objects=list(avoid) or None,
        ax=ax,
        expand=(1.4, 1.8),
        force_static=(0.3, 0.5),
        arrowprops={"arrowstyle": "-", "color": "0.45", "linewidth": 0.6},
    )
    return texts


_JOB_MARKERS = "osD^v<>ph*"


def _legend_text(text: str) -> str:
    """A job name for a legend entry, which matplotlib parses as mathtext: ``$`` escaped."""
    return safe_text(text, None).replace("$", r"\$")


def _scatter_by_job(
    ax: Any,
    jobs: Sequence[str],
    front: Sequence[tuple[Benchmark, float, float]],
    others: Sequence[tuple[Benchmark, float, float]],
) -> None:
    """Points of several jobs: a colour and a marker per job; the front solid, others faded."""
    for index, job in enumerate(jobs):
        style = {"color": f"C{index % 10}", "marker": _JOB_MARKERS[index % len(_JOB_MARKERS)]}
        mine = [p for p in front if (p[0].job_name or "") == job]
        if mine:
            ax.scatter(
                [x for _, x, _ in mine],
                [y for _, _, y in mine],
                edgecolor="black",
                label=f"{_legend_text(job or '?')} (Pareto front)",
                zorder=3,
                **style,
            )
        rest = [p for p in others if (p[0].job_name or "") == job]
        if rest:
            ax.scatter(
                [x for _, x, _ in rest],
                [y for _, _, y in rest],
                alpha=0.45,
                label=f"{_legend_text(job or '?')} (dominated)",
                zorder=2,
                **style,
            )


def plot_tradeoff(
    items: AISource | BenchmarkSource | Iterable[BenchmarkSource],
    *,
    ax: Axes | None = None,
    max_latency_ms: float | None = None,
) -> Axes:
    """Plot cost against model latency, with the Pareto front as a step line.

    Each usable benchmark with both values is a point labelled with its configuration
    (:attr:`Benchmark.label`). The labels are placed by adjustText, clear of the points, of
    each other and of the latency limit, with a thin leader line when a label had to move
    away from its point. Cost is shown in US dollars per million inferences, or per 1,000
    when some benchmark costs a tenth of a cent or more per inference, so the axis reads in
    plain figures (no ``1e-6`` offset). The points of :func:`pareto_front` are drawn in
    colour and joined by a step line: for any latency, the step gives the lowest cost of a
    benchmark at least that fast. The other points are grey. Benchmarks of several jobs
    (a comparison) share one front; each job has its own colour and marker, its front points
    solid and the others faded. Benchmarks on the same spot with the same configuration share
    one label, which names their jobs; a configuration two jobs put on different spots names
    its job at each. When ``max_latency_ms`` is given, the limit is a dashed
    vertical line. With nothing to plot, the axes say so.

    Args:
        items: The benchmarks to plot (see the module documentation).
        ax: The matplotlib Axes to draw on; a new figure is made with pyplot if omitted.
        max_latency_ms: A latency limit to draw, in milliseconds.

    Returns:
        The Axes drawn on.

    Raises:
        ImportError: matplotlib or adjustText is not installed
            (``pip install 'irclient[notebook]'``).
    """
    ai = _ai(items)
    if ai is not None:
        return ai.plot(ax=ax, max_ttft_ms=max_latency_ms)
    classic: Any = items
    _require("adjustText", "plot_tradeoff")
    if ax is None:
        plt = _require("matplotlib.pyplot", "plot_tradeoff")
        _, ax = plt.subplots(figsize=(8, 5), layout="constrained")
    else:
        _require("matplotlib", "plot_tradeoff")
    assert ax is not None  # for the type checker: pyplot's subplots is untyped when absent
    usable = [
        bench
        for bench in _flatten(classic)
        if bench.usable and bench.cost_per_inference is not None and bench.model_latency is not None
    ]
    per, unit = _cost_unit([b.cost_per_inference for b in usable if b.cost_per_inference])
    points: dict[int, tuple[Benchmark, float, float]] = {
        id(b): (b, float(b.model_latency or 0), (b.cost_per_inference or 0.0) * per) for b in usable
    }
    front = [points[id(b)] for b in pareto_front(usable)]
    on_front = {id(p[0]) for p in front}
    others = [p for key, p in points.items() if key not in on_front]
    jobs = sorted({b.job_name or "" for b in usable})
    if len(jobs) > 1:
        _scatter_by_job(ax, jobs, front, others)
    elif others:
        ax.scatter(
            [x for _, x, _ in others],
            [y for _, _, y in others],
            color="0.6",
            label="dominated",
            zorder=2,
        )
    lines: list[tuple[Sequence[float], Sequence[float]]] = []
    if front:
        by_latency = sorted(front, key=lambda p: (p[1], -p[2]))
        step_xs, step_ys = [by_latency[0][1]], [by_latency[0][2]]
        for _, x, y in by_latency[1:]:
            step_xs += [x, x]
            step_ys += [step_ys[-1], y]
        lines.append((step_xs, step_ys))
        # The attainment boundary: from each front point the cost holds until the next,
        # slower and cheaper, point is reached.
        ax.step(
            [x for _, x, _ in by_latency],
            [y for _, _, y in by_latency],
            where="post",
            color="C0",
            linewidth=1.2,
            alpha=0.7,
            zorder=2,
            label="_front step",
        )
        if len(jobs) <= 1:
            ax.scatter(
                [x for _, x, _ in front],
                [y for _, _, y in front],
                color="C0",
                edgecolor="black",
                label="Pareto front",
                zorder=3,
            )
    avoid: list[Any] = []
    if max_latency_ms is not None:
        ax.axvline(
            max_latency_ms,
            color="C3",
            linestyle="--",
            label=f"latency limit ({max_latency_ms:g} ms)",
        )
    if not points:
        ax.text(
            0.5,
            0.5,
            "no completed benchmark reports both cost and latency",
            transform=ax.transAxes,
            ha="center",
            va="center",
        )
    ax.set_xlabel("model latency (ms)")
    ax.set_ylabel(f"cost per {unit} inferences (USD)")
    ax.set_title("Cost against latency")
    # Plain figures on both axes: no offset (1e-6) and no scientific notation.
    ax.ticklabel_format(axis="both", style="plain", useOffset=False)
    ax.margins(x=0.08, y=0.12)  # room for the labels at the edges
    if points or max_latency_ms is not None:
        avoid.append(ax.legend(loc="best", fontsize=8))
    if max_latency_ms is not None:
        bottom, top = ax.get_ylim()
        lines.append(((max_latency_ms, max_latency_ms), (bottom, top)))
    _place_labels(ax, list(points.values()), lines, avoid, with_job=len(jobs) > 1)
    return ax
