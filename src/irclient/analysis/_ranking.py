"""Ranking benchmarks: by one metric, by weights as SageMaker Studio does, the Pareto front."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, overload

import attrs

from .._utils import metrics as _metrics
from .._utils import tables as _tables
from .._utils.metrics import Metric
from ._genai import AIRecommendationRow, AIRecommendations, AISource, ai_by, ai_rows
from ._rows import Benchmark, BenchmarkSource, _ascending, _descending, _flatten, _front, _tie_key

RANKABLE_METRICS: tuple[str, ...] = _metrics.RANKABLE_METRICS
"""The values :func:`rank` can order by. ``max_invocations`` ranks highest first, the others
lowest first."""

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


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
    :meth:`AIRecommendations.rank`: ``by`` defaults to cost per million output tokens and
    ``max_latency_ms`` limits the time to first token.

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
    if (ai := ai_rows(items)) is not None:
        if min_invocations is not None:
            raise ValueError("min_invocations does not apply to AI recommendations")
        return ai.rank(by=ai_by(by), max_ttft_ms=max_latency_ms)
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
    if (ai := ai_rows(items)) is not None:
        return ai.pareto_front()
    return Benchmarks(_front(items))


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
    if (ai := ai_rows(items)) is not None:
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
        from ._frames import to_dataframe  # loads pandas-facing code on first use

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
        from ._plot import plot_tradeoff

        return plot_tradeoff(self, ax=ax, max_latency_ms=max_latency_ms)
