"""AIPerf's export files read into typed values: one :class:`LevelResult` per load level.

AIPerf writes ``profile_export_aiperf.json`` for each run: a block per metric (``unit`` and
the statistics the metric has: ``avg``, ``min``, ``max``, ``std``, ``p1`` ... ``p99``,
``count``), and top-level provenance (``schema_version``, ``aiperf_version``, ``run_info``,
``error_summary``). A sweep writes one per level, in a directory named for the level
(``concurrency_8/``), and ``sweep_aggregate/profile_export_aiperf_sweep.json``; a concurrency
search writes one per probe (``search_iter_0000/...``) and ``search_history.json``. Every
statistic is kept as AIPerf reports it; nothing is picked or dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "LevelResult",
    "MetricStats",
    "SearchHistory",
    "SearchIteration",
    "level_from_export",
    "levels_from_aggregate",
    "search_history",
]


def _as_dict(value: Mapping[str, Any]) -> dict[str, Any]:
    """A mapping given to a frozen value, copied (so the caller's later changes do not leak in)."""
    return dict(value)


STAT_NAMES = (
    "avg",
    "min",
    "max",
    "std",
    "p1",
    "p5",
    "p10",
    "p25",
    "p50",
    "p75",
    "p90",
    "p95",
    "p99",
)
"""The statistics AIPerf reports, in the order columns show them."""

# Time units AIPerf writes, in milliseconds.
_TO_MS = {"ms": 1.0, "s": 1000.0, "sec": 1000.0, "us": 1e-3, "µs": 1e-3, "ns": 1e-6}
_LEVEL_DIR = re.compile(r"(?:^|/)(concurrency|request_rate)_([0-9]+(?:\.[0-9]+)?)(?:/|$)")
_SEARCH_DIR = re.compile(r"(?:^|/)search_iter_([0-9]+)(?:/|$)")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return None if math.isnan(number) else number


_NOT_STATS = frozenset(("unit", "count", "sum"))


@attrs.frozen(kw_only=True)
class MetricStats:
    """One metric's statistics, as AIPerf reported them, in the metric's own unit."""

    unit: str | None = None
    """The unit AIPerf gives (``ms``, ``tokens/sec``, ``requests/sec``, ...)."""
    stats: Mapping[str, float] = attrs.field(factory=dict, converter=_as_dict, hash=False)
    """Every statistic reported, by AIPerf's name (``avg``, ``p50``, ``p99``, ...)."""
    count: int | None = None
    """How many records the statistics were computed over, when AIPerf says."""

    @classmethod
    def from_block(cls, block: Any) -> MetricStats | None:
        """Read a metric block; ``None`` when it is not a mapping."""
        if not isinstance(block, Mapping):
            return None
        stats: dict[str, float] = {}
        for key, value in block.items():
            if key in _NOT_STATS:
                continue
            # JSON gives exact floats and ints: those are read inline (a sweep holds
            # thousands); anything else goes through _number's full check.
            kind = type(value)
            if kind is float:
                if value == value:  # NaN is no statistic
                    stats[key] = value
            elif kind is int:
                stats[key] = float(value)
            elif (number := _number(value)) is not None:
                stats[key] = number
        # The sweep aggregate says "mean" where the per-run export says "avg".
        if "mean" in stats and "avg" not in stats:
            stats["avg"] = stats.pop("mean")
        count = block.get("count")
        unit = block.get("unit")
        return cls(
            unit=unit if isinstance(unit, str) else None,
            stats=stats,
            count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        )

    def get(self, stat: str) -> float | None:
        """One statistic in the metric's unit, or ``None`` when not reported."""
        return self.stats.get(stat)

    def ms(self, stat: str) -> float | None:
        """One statistic in milliseconds, for a time metric whose unit irclient knows."""
        value = self.stats.get(stat)
        factor = _TO_MS.get((self.unit or "ms").strip().lower())
        if value is None or factor is None:
            return None
        return value * factor if stat not in ("count",) else value


@attrs.frozen(kw_only=True)
class LevelResult:
    """One load level of a benchmark (a concurrency or request rate), or one search probe.

    The headline values are read from AIPerf's metrics; :attr:`metrics` keeps every metric
    block the export had, so nothing AIPerf reported is lost.
    """

    label: str
    """How the level is named: ``concurrency 8``, ``request rate 2.5``, ``search probe 3``,
    or ``run`` for a single run."""
    member: str
    """The file inside the archive this level was read from."""
    concurrency: int | None = None
    """The concurrency of this level, when the run was concurrency-driven."""
    request_rate: float | None = None
    """The request rate of this level, in requests per second, when rate-driven."""
    variation: Mapping[str, Any] = attrs.field(factory=dict, converter=_as_dict, hash=False)
    """AIPerf's sweep coordinates of this level (``run_info.variation_values``)."""
    time_to_first_token: MetricStats | None = None
    """Time to first token (``time_to_first_token``); streamed responses only."""
    inter_token_latency: MetricStats | None = None
    """Time between output tokens (``inter_token_latency``); streamed responses only."""
    request_latency: MetricStats | None = None
    """End-to-end request latency (``request_latency``)."""
    output_tokens_per_second: float | None = None
    """Output token throughput of the whole level (``output_token_throughput``)."""
    requests_per_second: float | None = None
    """Request throughput (``request_throughput``)."""
    request_count: int | None = None
    """Requests that completed (``request_count``)."""
    error_count: int | None = None
    """Requests that failed (``error_request_count``, or the sum of ``error_summary``);
    ``None`` when the export says neither."""
    feasible: bool | None = None
    """For a search probe: whether it met every SLA threshold (``search_history.json``)."""
    aiperf_version: str | None = None
    """The AIPerf release that wrote the export."""
    metrics: Mapping[str, MetricStats] = attrs.field(factory=dict, converter=_as_dict, hash=False)
    """Every metric block of the export, by AIPerf's metric tag."""

    def latency_ms(self, metric: str, stat: str) -> float | None:
        """A latency statistic in milliseconds.

        Args:
            metric: ``ttft``, ``itl`` or ``e2e`` (or AIPerf's own tag).
            stat: AIPerf's statistic name (``p50``, ``avg``, ...).
        """
        block = {
            "ttft": self.time_to_first_token,
            "itl": self.inter_token_latency,
            "e2e": self.request_latency,
        }.get(metric) or self.metrics.get(metric)
        return block.ms(stat) if block is not None else None


def _count(block: MetricStats | None) -> int | None:
    if block is None:
        return None
    value = block.get("avg")
    return int(value) if value is not None else None


def _errors(doc: Mapping[str, Any], metrics: Mapping[str, MetricStats]) -> int | None:
    counted = _count(metrics.get("error_request_count"))
    if counted is not None:
        return counted
    summary = doc.get("error_summary")
    if isinstance(summary, list):
        return sum(
            int(entry.get("count", 0))
            for entry in summary
            if isinstance(entry, Mapping) and isinstance(entry.get("count"), int)
        )
    return None


def _level(directory: str, run_info: Mapping[str, Any]) -> dict[str, Any]:
    """Concurrency, rate and label from AIPerf's own coordinates, or else the directory."""
    variation = run_info.get("variation_values") if isinstance(run_info, Mapping) else None
    variation = dict(variation) if isinstance(variation, Mapping) else {}
    out: dict[str, Any] = {"variation": variation}
    for key, value in variation.items():
        leaf = str(key).rsplit(".", 1)[-1]
        if leaf == "concurrency" and isinstance(value, int):
            out["concurrency"] = value
        elif leaf == "request_rate" and _number(value) is not None:
            out["request_rate"] = float(value)
    found = _LEVEL_DIR.search(directory)
    if found and "concurrency" not in out and "request_rate" not in out:
        name, value = found.groups()
        if name == "concurrency":
            out["concurrency"] = int(float(value))
        else:
            out["request_rate"] = float(value)
    probe = _SEARCH_DIR.search(directory)
    if probe:
        out["label"] = f"search probe {int(probe.group(1))}"
    elif "concurrency" in out:
        out["label"] = f"concurrency {out['concurrency']}"
    elif "request_rate" in out:
        out["label"] = f"request rate {out['request_rate']:g}"
    else:
        out["label"] = directory.rstrip("/") or "run"
    return out


def level_from_export(doc: Mapping[str, Any], *, member: str) -> LevelResult:
    """One :class:`LevelResult` from a parsed ``profile_export_aiperf.json``.

    Args:
        doc: The parsed JSON object.
        member: Its path inside the archive; its directory names the level when the export
            carries no ``run_info``.
    """
    metrics = {
        tag: stats
        for tag, block in doc.items()
        if isinstance(block, Mapping) and "unit" in block
        if (stats := MetricStats.from_block(block)) is not None
    }
    directory = member.rsplit("/", 1)[0] if "/" in member else ""
    level = _level(directory, doc.get("run_info") or {})
    version = doc.get("aiperf_version")
    return _level_result(
        member,
        metrics,
        level,
        error_count=_errors(doc, metrics),
        aiperf_version=version if isinstance(version, str) else None,
    )


def _level_result(
    member: str,
    metrics: dict[str, MetricStats],
    level: dict[str, Any],
    *,
    error_count: int | None,
    aiperf_version: str | None = None,
) -> LevelResult:
    """A level's result: its headline figures read from ``metrics``, the level's coordinates."""
    throughput = metrics.get("output_token_throughput")
    requests = metrics.get("request_throughput")
    return LevelResult(
        member=member,
        time_to_first_token=metrics.get("time_to_first_token"),
        inter_token_latency=metrics.get("inter_token_latency"),
        request_latency=metrics.get("request_latency"),
        output_tokens_per_second=throughput.get("avg") if throughput else None,
        requests_per_second=requests.get("avg") if requests else None,
        request_count=_count(metrics.get("request_count")),
        error_count=error_count,
        aiperf_version=aiperf_version,
        metrics=metrics,
        **level,
    )


def levels_from_aggregate(doc: Mapping[str, Any], *, member: str) -> list[LevelResult]:
    """One :class:`LevelResult` per combination of a sweep aggregate.

    Used only when the archive holds no per-level export: the aggregate carries fewer
    statistics than the per-level files.
    """
    out = []
    for index, combo in enumerate(doc.get("per_combination_metrics") or ()):
        if not isinstance(combo, Mapping):
            continue
        params = combo.get("parameters") if isinstance(combo.get("parameters"), Mapping) else {}
        metrics: dict[str, MetricStats] = {}
        for tag, block in (combo.get("metrics") or {}).items():
            stats = MetricStats.from_block(block)
            if stats is not None:
                metrics[str(tag)] = stats
        level = _level("", {"variation_values": params})
        if level["label"] == "run":
            level["label"] = f"combination {index}"
        out.append(
            _level_result(
                member, metrics, level, error_count=_count(metrics.get("error_request_count"))
            )
        )
    return out


@attrs.frozen(kw_only=True)
class SearchIteration:
    """One probe of a concurrency search (``search_history.json``)."""

    index: int
    """The probe's number, from 0."""
    values: Mapping[str, Any] = attrs.field(factory=dict, converter=_as_dict, hash=False)
    """The coordinates probed (``phases.profiling.concurrency``: 64)."""
    objective_values: tuple[float, ...] = ()
    """The objective measured at the probe."""
    feasible: bool | None = None
    """Whether the probe met every SLA threshold."""


@attrs.frozen(kw_only=True)
class SearchHistory:
    """What a concurrency search tried and found (``search_history.json``)."""

    planner: str | None = None
    """The search's planner, as AIPerf names it."""
    iterations: tuple[SearchIteration, ...] = ()
    """Every probe, in order."""
    raw: Mapping[str, Any] = attrs.field(factory=dict, converter=_as_dict, hash=False, repr=False)
    """The whole file, for what the typed form does not name."""

    @property
    def best_concurrency(self) -> int | None:
        """The highest concurrency among the feasible probes, or ``None``."""
        best = None
        for iteration in self.iterations:
            if not iteration.feasible:
                continue
            for key, value in iteration.values.items():
                if str(key).endswith("concurrency") and isinstance(value, int):
                    best = value if best is None else max(best, value)
        return best


def search_history(doc: Mapping[str, Any]) -> SearchHistory:
    """Read a parsed ``search_history.json``; unknown members stay in :attr:`SearchHistory.raw`."""
    config = doc.get("config")
    planner = (config.get("planner") if isinstance(config, Mapping) else None) or doc.get("planner")
    iterations = []
    for position, item in enumerate(doc.get("iterations") or ()):
        if not isinstance(item, Mapping):
            continue
        objectives = item.get("objective_values")
        if not isinstance(objectives, list):
            single = item.get("objective_value")
            objectives = [single] if single is not None else []
        index = item.get("iteration_idx")
        values = item.get("variation_values")
        iterations.append(
            SearchIteration(
                index=index if isinstance(index, int) else position,
                values=values if isinstance(values, Mapping) else {},
                objective_values=tuple(v for o in objectives if (v := _number(o)) is not None),
                feasible=item.get("feasible") if isinstance(item.get("feasible"), bool) else None,
            )
        )
    return SearchHistory(
        planner=planner if isinstance(planner, str) else None,
        iterations=tuple(iterations),
        raw=doc,
    )
