"""AI recommendation jobs in the units people budget in: rows, ranking, cost per million tokens.

``DescribeAIRecommendationJob`` returns recommendations whose ``ExpectedPerformance`` is a
list of strings (``Metric``, ``Stat``, ``Value``, ``Unit``). :class:`AIRecommendationRow`
parses them into numbers with units, keeps any metric it does not know as text (never
dropping a row for it), and derives cost per hour, per month (730 hours) and per million
output tokens (hourly cost over measured output throughput) wherever the inputs exist.
:class:`AIRecommendations` ranks, filters, finds the Pareto front of cost and time to first
token, scores by weights and plots, as :mod:`irclient.analysis` does for classic jobs, which
hands AI recommendation jobs to this module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import attrs

from .._utils import tables as _tables
from .._utils.extras import require
from .._utils.format import format_money
from .._utils.text import safe_text
from ._pareto import pareto_sweep

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from ..models import DescribeAIRecommendationJobResponse
    from ._ranking import Weights

__all__ = [
    "HOURS_PER_MONTH",
    "AISource",
    "RANKABLE",
    "AIRecommendationRow",
    "AIRecommendations",
    "PerformanceValue",
    "ai_by",
    "ai_rows",
    "is_ai_source",
]


def _as_dict(value: Mapping[str, Any]) -> dict[str, Any]:
    """A mapping given to a frozen value, copied (so the caller's later changes do not leak in)."""
    return dict(value)


HOURS_PER_MONTH = 730
"""Hours in a month, as AWS prices monthly (8,760 hours a year over 12)."""

RANKABLE = (
    "cost_per_million_output_tokens_usd",
    "cost_per_hour_usd",
    "cost_per_month_usd",
    "ttft_ms",
    "inter_token_latency_ms",
    "request_latency_ms",
    "output_tokens_per_second",
    "requests_per_second",
)
"""The columns :meth:`AIRecommendations.rank` can order by."""

# Weights() of irclient.analysis: every metric "medium".
_MEDIUM = {"cost_per_inference": 3, "model_latency": 3, "max_invocations": 3}
_HIGHER_IS_BETTER = frozenset({"output_tokens_per_second", "requests_per_second"})
_TIME_MS = {
    "ms": 1.0,
    "milliseconds": 1.0,
    "s": 1000.0,
    "sec": 1000.0,
    "seconds": 1000.0,
    "us": 1e-3,
}
# Normalised metric name -> canonical column (times in ms, throughputs per second).
_METRICS = {
    "ttft": "ttft_ms",
    "ttftms": "ttft_ms",
    "timetofirsttoken": "ttft_ms",
    "timetofirsttokenms": "ttft_ms",
    "intertokenlatency": "inter_token_latency_ms",
    "itl": "inter_token_latency_ms",
    "tpot": "inter_token_latency_ms",
    "timeperoutputtoken": "inter_token_latency_ms",
    "requestlatency": "request_latency_ms",
    "requestlatencyms": "request_latency_ms",
    "e2elatency": "request_latency_ms",
    "latency": "request_latency_ms",
    "outputtokenthroughput": "output_tokens_per_second",
    "tokenthroughput": "output_tokens_per_second",
    "outputtokenspersecond": "output_tokens_per_second",
    "requestthroughput": "requests_per_second",
    "requestspersecond": "requests_per_second",
    "throughput": "throughput",
    "cost": "cost",
    "costperhour": "cost",
}
_STAT_PREFERENCE = ("p50", "median", "average", "avg", "mean")
_NUMBER = re.compile(r"^\s*([-+]?(?:\d[\d,]*)?\.?\d+(?:[eE][-+]?\d+)?)")


def _key(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


@attrs.frozen(kw_only=True)
class PerformanceValue:
    """One ``ExpectedPerformance`` entry, parsed; the original text is kept."""

    metric: str
    """The metric, as AWS named it (``ttft-ms``, ``TimeToFirstToken``, ``throughput``)."""
    stat: str | None
    """The statistic (``p50``, ``average``, ...), as AWS named it."""
    text: str
    """The value exactly as AWS sent it."""
    unit: str | None
    """The unit as AWS named it (``ms``, ``tokens/second``, ``USD/hour``)."""
    value: float | None
    """The value as a number, or ``None`` when the text is not one."""
    column: str | None
    """The column this value feeds (``ttft_ms``, ...), or ``None`` for a metric irclient does
    not know: it stays visible in :attr:`AIRecommendationRow.performance`."""

    @classmethod
    def parse(cls, entry: Mapping[str, Any]) -> PerformanceValue:
        """Parse one wire-form entry (``{"Metric", "Stat", "Value", "Unit"}``)."""
        metric = str(entry.get("Metric", ""))
        text = str(entry.get("Value", ""))
        unit = entry.get("Unit")
        match = _NUMBER.match(text)
        value = float(match.group(1).replace(",", "")) if match else None
        if value is not None and not math.isfinite(value):
            value = None
        column = _METRICS.get(_key(metric))
        unit_key = _key(unit)
        if column == "throughput":
            column = "requests_per_second" if "request" in unit_key else "output_tokens_per_second"
        if column == "cost":
            column = (
                "cost_per_hour_usd" if ("hour" in unit_key or unit_key.endswith("hr")) else None
            )
        if column and column.endswith("_ms") and value is not None:
            factor = _TIME_MS.get((unit or "ms").strip().lower())
            value = value * factor if factor is not None else None
            column = column if factor is not None else None
        return cls(
            metric=metric,
            stat=entry.get("Stat"),
            text=text,
            unit=unit if isinstance(unit, str) else None,
            value=value,
            column=column,
        )


def _wire(item: Any) -> Mapping[str, Any]:
    if isinstance(item, Mapping):
        return item
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        wire: Mapping[str, Any] = to_dict()
        return wire
    raise TypeError(f"cannot read an AI recommendation job from {type(item).__name__}")


def is_ai_source(items: Any) -> bool:
    """Whether ``items`` is an AI recommendation job (or rows of one), not a classic job."""
    if isinstance(items, AIRecommendations | AIRecommendationRow):
        return True
    if isinstance(items, Mapping):
        return "AIRecommendationJobName" in items
    if hasattr(items, "ai_recommendation_job_name"):
        return True
    if isinstance(items, list | tuple) and items:
        return is_ai_source(items[0])
    return False


def _pick(values: Sequence[PerformanceValue]) -> PerformanceValue:
    for stat in _STAT_PREFERENCE:
        for value in values:
            if (value.stat or "").lower() == stat:
                return value
    return values[0]


@attrs.frozen(kw_only=True)
class AIRecommendationRow:
    """One recommendation of an AI recommendation job, flattened into typed values.

    Headline values (``ttft_ms``, ...) take the statistic ``p50``, else the average, else the
    first reported; :attr:`stats` says which, and :attr:`performance` keeps every entry.
    """

    job_name: str | None = None
    """The recommendation job."""
    index: int = 0
    """The recommendation's position in the job's list."""
    description: str | None = None
    """``RecommendationDescription``."""
    instance_type: str | None = None
    """The instance type to deploy on."""
    instance_count: int | None = None
    """How many instances."""
    copy_count_per_instance: int | None = None
    """Model copies per instance."""
    optimizations: tuple[str, ...] = ()
    """The optimisations applied (``SpeculativeDecoding``, ``KernelTuning``)."""
    benchmark_job_arn: str | None = None
    """The AI benchmark job that measured it (its results: :mod:`irclient.benchmarks`)."""
    performance: tuple[PerformanceValue, ...] = ()
    """Every ``ExpectedPerformance`` entry, parsed, known or not."""
    stats: Mapping[str, str | None] = attrs.field(factory=dict, converter=_as_dict, hash=False)
    """The statistic each headline column was read from (``{"ttft_ms": "p50"}``)."""
    ttft_ms: float | None = None
    """Time to first token, in milliseconds."""
    inter_token_latency_ms: float | None = None
    """Time between output tokens, in milliseconds."""
    request_latency_ms: float | None = None
    """End-to-end request latency, in milliseconds."""
    output_tokens_per_second: float | None = None
    """Output tokens per second, measured."""
    requests_per_second: float | None = None
    """Requests per second, measured."""
    cost_per_hour_usd: float | None = None
    """What the deployment costs an hour, in US dollars: from ``ExpectedPerformance`` when
    AWS reports it, else the hourly price given for the instance type times the count."""
    cost_per_month_usd: float | None = None
    """:attr:`cost_per_hour_usd` times 730 hours."""
    cost_per_million_output_tokens_usd: float | None = None
    """:attr:`cost_per_hour_usd` over the output tokens an hour at the measured throughput,
    per million tokens."""
    score: float | None = None
    """The weighted score :meth:`AIRecommendations.rank_weighted` gave it."""
    source: object = attrs.field(default=None, eq=False, repr=False)
    """The wire-form recommendation read."""

    @property
    def label(self) -> str:
        """``ml.g5.2xlarge``, ``ml.g5.12xlarge x2``, with optimisations in brackets."""
        text = self.instance_type or "?"
        if self.instance_count not in (None, 1):
            text += f" x{self.instance_count}"
        if self.optimizations:
            text += f" ({', '.join(self.optimizations)})"
        return text

    @classmethod
    def from_wire(
        cls,
        rec: Mapping[str, Any],
        *,
        job_name: str | None = None,
        index: int = 0,
        hourly_prices: Mapping[str, float] | None = None,
    ) -> AIRecommendationRow:
        """Read one wire-form ``AIRecommendation``.

        Args:
            rec: The recommendation.
            job_name: Its job.
            index: Its position in the job's list.
            hourly_prices: US dollars per instance-hour by instance type, for the cost columns
                when AWS reports no cost.
        """
        deploy = rec.get("DeploymentConfiguration") or {}
        details = ((rec.get("ModelDetails") or {}).get("InstanceDetails") or [{}])[0]
        instance_type = deploy.get("InstanceType") or details.get("InstanceType")
        count = deploy.get("InstanceCount") or details.get("InstanceCount")
        performance = tuple(PerformanceValue.parse(e) for e in rec.get("ExpectedPerformance") or ())
        values: dict[str, Any] = {}
        stats: dict[str, Any] = {}
        for column in {p.column for p in performance if p.column and p.value is not None}:
            chosen = _pick([p for p in performance if p.column == column and p.value is not None])
            values[column], stats[column] = chosen.value, chosen.stat
        hourly = values.pop("cost_per_hour_usd", None)
        if hourly is None and hourly_prices and instance_type in hourly_prices:
            hourly = float(hourly_prices[instance_type]) * (count or 1)
            stats["cost_per_hour_usd"] = "hourly_prices"
        tokens = values.get("output_tokens_per_second")
        return cls(
            job_name=job_name,
            index=index,
            description=rec.get("RecommendationDescription"),
            instance_type=instance_type,
            instance_count=count,
            copy_count_per_instance=deploy.get("CopyCountPerInstance")
            or details.get("CopyCountPerInstance"),
            optimizations=tuple(
                str(o.get("OptimizationType")) for o in rec.get("OptimizationDetails") or ()
            ),
            benchmark_job_arn=rec.get("AIBenchmarkJobArn"),
            performance=performance,
            stats=stats,
            cost_per_hour_usd=hourly,
            cost_per_month_usd=None if hourly is None else hourly * HOURS_PER_MONTH,
            cost_per_million_output_tokens_usd=(
                hourly / (tokens * 3600) * 1_000_000 if hourly is not None and tokens else None
            ),
            source=rec,
            **values,
        )


def _rows(items: Any, hourly_prices: Mapping[str, float] | None) -> Iterator[AIRecommendationRow]:
    if isinstance(items, AIRecommendationRow):
        yield items
        return
    if isinstance(items, AIRecommendations):
        yield from items
        return
    if not isinstance(items, list | tuple) and not isinstance(items, AIRecommendations):
        if is_ai_source(items):
            items = [items]
        elif isinstance(items, Iterable):
            items = list(items)
    for item in items:
        if isinstance(item, AIRecommendationRow | AIRecommendations):
            yield from _rows(item, hourly_prices)
            continue
        wire = _wire(item)
        name = wire.get("AIRecommendationJobName")
        for index, rec in enumerate(wire.get("Recommendations") or ()):
            yield AIRecommendationRow.from_wire(
                rec, job_name=name, index=index, hourly_prices=hourly_prices
            )


def _ascending(value: float | None) -> tuple[int, float]:
    return (0, value) if value is not None else (1, 0.0)


def _tie(row: AIRecommendationRow) -> tuple[Any, ...]:
    return (
        _ascending(row.cost_per_million_output_tokens_usd),
        _ascending(row.ttft_ms),
        _ascending(None if row.output_tokens_per_second is None else -row.output_tokens_per_second),
        row.label,
        row.job_name or "",
        row.index,
    )


_COLUMNS = (
    _tables.Column(
        "job", lambda r: r.job_name, shown=lambda rows: len({r.job_name for r in rows}) > 1
    ),
    _tables.Column("instance", lambda r: r.label),
    _tables.Column(
        "score",
        lambda r: None if r.score is None else f"{r.score:.3f}",
        numeric=True,
        optional=True,
    ),
    _tables.Column(
        "TTFT", lambda r: None if r.ttft_ms is None else f"{r.ttft_ms:,.1f} ms", numeric=True
    ),
    _tables.Column(
        "output tokens/s",
        lambda r: (
            None if r.output_tokens_per_second is None else f"{r.output_tokens_per_second:,.1f}"
        ),
        numeric=True,
    ),
    _tables.Column("cost/hour", lambda r: format_money(r.cost_per_hour_usd), numeric=True),
    _tables.Column("cost/month", lambda r: format_money(r.cost_per_month_usd), numeric=True),
    _tables.Column(
        "cost/1M output tokens",
        lambda r: format_money(r.cost_per_million_output_tokens_usd),
        numeric=True,
    ),
    _tables.Column(
        "other metrics",
        lambda r: (
            "; ".join(
                f"{p.metric} {p.stat or ''} {p.text} {p.unit or ''}".replace("  ", " ")
                for p in r.performance
                if p.column is None
            )
            or None
        ),
        optional=True,
        blank=True,
    ),
)


class AIRecommendations(Sequence[AIRecommendationRow]):
    """An immutable sequence of :class:`AIRecommendationRow` that Jupyter shows as a table.

    Args:
        items: ``DescribeAIRecommendationJob`` responses (models or wire-form dicts, one or
            several jobs), rows, or collections of them.
        hourly_prices: US dollars per instance-hour by instance type, used for the cost
            columns of rows whose ``ExpectedPerformance`` reports no cost.
    """

    __slots__ = ("_rows",)

    def __init__(
        self, items: Any = (), *, hourly_prices: Mapping[str, float] | None = None
    ) -> None:
        self._rows: tuple[AIRecommendationRow, ...] = tuple(_rows(items, hourly_prices))

    @overload
    def __getitem__(self, index: int) -> AIRecommendationRow: ...

    @overload
    def __getitem__(self, index: slice) -> AIRecommendations: ...

    def __getitem__(self, index: int | slice) -> AIRecommendationRow | AIRecommendations:
        if isinstance(index, slice):
            return AIRecommendations(self._rows[index])
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[AIRecommendationRow]:
        return iter(self._rows)

    def __eq__(self, other: object) -> bool:
        return self._rows == other._rows if isinstance(other, AIRecommendations) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        head = f"<AIRecommendations: {_tables.count(len(self), 'recommendation')}>"
        if not self._rows:
            return head
        table = _tables.table_text(_COLUMNS, self._rows, index=True)
        return head + "\n" + "\n".join(safe_text(line, None) for line in table.split("\n"))

    def _repr_html_(self) -> str:
        caption = _tables.count(len(self), "recommendation")
        return _tables.wrap(_tables.table_html(_COLUMNS, self._rows, caption=caption, index=True))

    def rank(
        self,
        *,
        by: str = "cost_per_million_output_tokens_usd",
        max_ttft_ms: float | None = None,
        min_output_tokens_per_second: float | None = None,
    ) -> AIRecommendations:
        """The rows that meet the limits, best first (rows missing ``by`` are left out).

        Args:
            by: One of :data:`RANKABLE`; throughputs rank highest first, the rest lowest.
            max_ttft_ms: Keep rows whose time to first token is at most this.
            min_output_tokens_per_second: Keep rows at least this fast.

        Raises:
            ValueError: ``by`` is not one of :data:`RANKABLE`.
        """
        if by not in RANKABLE:
            raise ValueError(f"cannot rank by {by!r}; choose one of {', '.join(RANKABLE)}")
        sign = -1.0 if by in _HIGHER_IS_BETTER else 1.0
        kept = [
            r
            for r in self._rows
            if getattr(r, by) is not None and _meets(r, max_ttft_ms, min_output_tokens_per_second)
        ]
        kept.sort(key=lambda r: (sign * getattr(r, by), _tie(r)))
        return AIRecommendations(kept)

    def best(self, **limits: Any) -> AIRecommendationRow | None:
        """The first row :meth:`rank` gives, or ``None``."""
        ranked = self.rank(**limits)
        return ranked[0] if ranked else None

    def pareto_front(self) -> AIRecommendations:
        """The rows no other beats on both cost per million output tokens and TTFT."""
        return AIRecommendations(
            pareto_sweep(
                self._rows,
                lambda r: r.cost_per_million_output_tokens_usd,
                lambda r: r.ttft_ms,
                _tie,
            )
        )

    def rank_weighted(
        self, weights: Weights | None = None, *, max_ttft_ms: float | None = None
    ) -> AIRecommendations:
        """Rows by the weighted score of cost, time to first token and throughput.

        Cost is cost per million output tokens, latency TTFT, throughput output tokens per
        second, each min-max normalised as :func:`irclient.analysis.rank_weighted` does;
        rows missing one are left out.
        """
        weight = weights.as_weights() if weights is not None else _MEDIUM
        columns = {
            "cost_per_million_output_tokens_usd": weight["cost_per_inference"],
            "ttft_ms": weight["model_latency"],
            "output_tokens_per_second": weight["max_invocations"],
        }
        kept = [
            r
            for r in self._rows
            if all(getattr(r, c) is not None for c in columns) and _meets(r, max_ttft_ms, None)
        ]
        if not kept:
            return AIRecommendations()
        normalised: dict[str, list[float]] = {}
        for column in columns:
            values = [float(getattr(r, column)) for r in kept]
            low, high = min(values), max(values)
            if high == low:
                normalised[column] = [1.0] * len(values)
            elif column in _HIGHER_IS_BETTER:
                normalised[column] = [(v - low) / (high - low) for v in values]
            else:
                normalised[column] = [(high - v) / (high - low) for v in values]
        total = sum(columns.values())
        scored = [
            attrs.evolve(r, score=sum(w * normalised[c][i] for c, w in columns.items()) / total)
            for i, r in enumerate(kept)
        ]
        scored.sort(key=lambda r: (-round(r.score or 0.0, 12), _tie(r)))
        return AIRecommendations(scored)

    def to_dataframe(self) -> pd.DataFrame:
        """One row per recommendation, the units in the column names.

        The headline columns, the statistic each was read from (``<column>_stat``), and one
        ``perf.<metric>.<stat> (<unit>)`` text column per ``ExpectedPerformance`` entry,
        known or not, exactly as AWS sent it.
        """
        pandas = require("pandas", feature="to_dataframe()", extra="notebook")
        numeric = (
            "ttft_ms",
            "inter_token_latency_ms",
            "request_latency_ms",
            "output_tokens_per_second",
            "requests_per_second",
            "cost_per_hour_usd",
            "cost_per_month_usd",
            "cost_per_million_output_tokens_usd",
            "score",
        )
        records = []
        extra: list[str] = []
        for r in self._rows:
            record: dict[str, Any] = {
                "job_name": r.job_name,
                "index": r.index,
                "instance_type": r.instance_type,
                "instance_count": r.instance_count,
                "copy_count_per_instance": r.copy_count_per_instance,
                "optimizations": ", ".join(r.optimizations) or None,
            }
            record.update({c: getattr(r, c) for c in numeric})
            record.update({f"{c}_stat": r.stats.get(c) for c in numeric[:-1]})
            for p in r.performance:
                key = f"perf.{p.metric}.{p.stat or ''}".rstrip(".") + (
                    f" ({p.unit})" if p.unit else ""
                )
                record[key] = p.text
                if key not in extra:
                    extra.append(key)
            records.append(record)
        base = [
            "job_name",
            "index",
            "instance_type",
            "instance_count",
            "copy_count_per_instance",
            "optimizations",
            *numeric,
            *[f"{c}_stat" for c in numeric[:-1]],
        ]
        data = {}
        for column in base + extra:
            values = [rec.get(column) for rec in records]
            if column in numeric:
                data[column] = pandas.Series(
                    [math.nan if v is None else v for v in values], dtype="float64"
                )
            elif column in ("index", "instance_count", "copy_count_per_instance"):
                data[column] = pandas.Series(values, dtype="Int64")
            else:
                data[column] = pandas.Series(values, dtype="string")
        frame: pd.DataFrame = pandas.DataFrame(data, columns=base + extra)
        return frame

    def plot(self, *, ax: Axes | None = None, max_ttft_ms: float | None = None) -> Axes:
        """Cost per million output tokens against TTFT, one colour per job.

        The Pareto front is a step line; ``max_ttft_ms`` is drawn as a dashed line.
        """
        if ax is None:
            plt = require("matplotlib.pyplot", feature="plot()", extra="notebook")
            _, ax = plt.subplots(figsize=(8, 5), layout="constrained")
        assert ax is not None
        points = [(r, xy) for r in self._rows if (xy := _xy(r)) is not None]
        jobs = sorted({r.job_name or "" for r, _ in points})
        for index, job in enumerate(jobs):
            mine = [(r, xy) for r, xy in points if (r.job_name or "") == job]
            ax.scatter(
                [x for _, (x, _) in mine],
                [y for _, (_, y) in mine],
                color=f"C{index % 10}",
                label=safe_text(job or "?", None).replace("$", r"\$"),
                zorder=3,
            )
            for r, xy in mine:
                ax.annotate(
                    safe_text(r.label, None),
                    xy,
                    textcoords="offset points",
                    xytext=(4, 4),
                    fontsize=7,
                    parse_math=False,
                )
        front = sorted(xy for r in self.pareto_front() if (xy := _xy(r)) is not None)
        if front:
            ax.step(
                [x for x, _ in front],
                [y for _, y in front],
                where="post",
                color="0.3",
                linewidth=1,
                label="Pareto front",
                zorder=2,
            )
        rows = points
        if max_ttft_ms is not None:
            ax.axvline(
                max_ttft_ms, color="C3", linestyle="--", label=f"TTFT limit ({max_ttft_ms:g} ms)"
            )
        if not rows:
            ax.text(
                0.5,
                0.5,
                "no recommendation reports both cost and TTFT",
                transform=ax.transAxes,
                ha="center",
                va="center",
            )
        ax.set_xlabel("time to first token (ms)")
        ax.set_ylabel("cost per million output tokens (USD)")
        ax.set_title("Cost against time to first token")
        if rows:
            ax.legend(loc="best", fontsize=8)
        return ax


def _xy(row: AIRecommendationRow) -> tuple[float, float] | None:
    """(TTFT, cost per million output tokens) of a row that has both."""
    if row.ttft_ms is None or row.cost_per_million_output_tokens_usd is None:
        return None
    return row.ttft_ms, row.cost_per_million_output_tokens_usd


def _meets(row: AIRecommendationRow, max_ttft_ms: float | None, min_tps: float | None) -> bool:
    if max_ttft_ms is not None and (row.ttft_ms is None or row.ttft_ms > max_ttft_ms):
        return False
    return min_tps is None or (
        row.output_tokens_per_second is not None and row.output_tokens_per_second >= min_tps
    )


AISource: TypeAlias = (
    "DescribeAIRecommendationJobResponse"
    " | AIRecommendations | AIRecommendationRow | Mapping[str, Any]"
)
"""What the functions of :mod:`irclient.analysis` read as an AI recommendation job: a
``DescribeAIRecommendationJob`` response in wire form (or, once modelled, as a model), rows,
or collections of them."""


def ai_rows(items: Any) -> AIRecommendations | None:
    """``items`` as rows when it is an AI recommendation job, or ``None`` for a classic one."""
    return AIRecommendations(items) if is_ai_source(items) else None


def ai_by(by: str) -> str:
    """The AI ranking column for an :mod:`irclient.analysis` ``by`` (its default: cost)."""
    return "cost_per_million_output_tokens_usd" if by == "cost_per_inference" else by
