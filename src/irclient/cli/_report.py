"""The ranking report of ``irclient demo`` and ``irclient run``: the benchmarks, best first."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .._utils.format import format_integer, format_money, one_line
from .._utils.metrics import HIGHER_IS_BETTER
from ._output import benchmark_json, own_json, print_json

if TYPE_CHECKING:
    from ..analysis import Benchmark, Benchmarks
    from ..client import InferenceRecommenderClient
    from ..models import DescribeInferenceRecommendationsJobResponse


def report(
    client: InferenceRecommenderClient,
    job: DescribeInferenceRecommendationsJobResponse,
    *,
    rank_by: str | None,
    max_latency_ms: float | None,
    as_json: bool,
    importance: Mapping[str, str] | None = None,
) -> None:
    """Walk the job's benchmark steps, rank them and name the best pick.

    Args:
        client: The client to list the job's steps with.
        job: The job, as described when it ended.
        rank_by: The metric to rank by, one of ``RANKABLE_METRICS``; cost per inference
            when ``None``.
        max_latency_ms: The latency limit of the best pick, if any.
        as_json: Print JSON instead of text.
        importance: The importance of cost, latency and throughput, to rank by a weighted
            score instead of ``rank_by`` (see ``irclient.analysis.rank_weighted``).
    """
    from .. import analysis

    steps = client.iter_job_steps(job.job_name, step_type="BENCHMARK")
    benchmarks = _with_recommendation_ids(analysis.Benchmarks(steps), job)
    ranking = _rank(benchmarks, rank_by, max_latency_ms, importance)
    if as_json:
        print_json(
            {
                "Job": job.to_dict(),
                "RankBy": ranking.rank_by,
                **({} if importance is None else {"Importance": own_json(dict(importance))}),
                "MaxLatencyMs": max_latency_ms,
                "Ranked": [benchmark_json(b) for b in ranking.ranked],
                "Unranked": len(benchmarks) - len(ranking.ranked),
                "Best": None if ranking.pick is None else benchmark_json(ranking.pick),
            }
        )
    else:
        _print_text(job, benchmarks, ranking, max_latency_ms)


@dataclasses.dataclass(frozen=True)
class _Ranking:
    """The benchmarks ranked one way, the best pick, and how the report words the ranking."""

    ranked: Benchmarks
    pick: Benchmark | None
    rank_by: str
    """The JSON's ``RankBy``: a metric, or ``weighted_score``."""
    metric: str
    """What the benchmarks are ranked by, in words."""
    direction: str
    """Which end comes first: ``lowest``, ``highest`` or ``best``."""
    missing: str
    """What an unranked benchmark lacks, in words."""


def _rank(
    benchmarks: Benchmarks,
    rank_by: str | None,
    max_latency_ms: float | None,
    importance: Mapping[str, str] | None,
) -> _Ranking:
    """Rank by the weighted score when ``importance`` is given, else by one metric."""
    from .. import analysis

    if importance is not None:
        weights = analysis.Weights(**importance)  # type: ignore[arg-type]  # --*-importance
        limited = benchmarks.rank_weighted(weights, max_latency_ms=max_latency_ms)
        return _Ranking(
            ranked=benchmarks.rank_weighted(weights),
            pick=limited[0] if limited else None,
            rank_by="weighted_score",
            metric="weighted score (" + ", ".join(f"{k} {v}" for k, v in importance.items()) + ")",
            direction="best",
            missing="cost, latency and invocations",
        )
    by = rank_by or "cost_per_inference"
    metric = by.replace("_", " ")
    return _Ranking(
        ranked=benchmarks.rank(by=by),  # type: ignore[arg-type]  # a --rank-by choice
        pick=benchmarks.best(by=by, max_latency_ms=max_latency_ms),  # type: ignore[arg-type]
        rank_by=by,
        metric=metric,
        direction="highest" if by in HIGHER_IS_BETTER else "lowest",
        missing=f"a {metric}",
    )


def _print_text(
    job: DescribeInferenceRecommendationsJobResponse,
    benchmarks: Benchmarks,
    ranking: _Ranking,
    max_latency_ms: float | None,
) -> None:
    """The report as text: the job, the ranked table, then the best pick and its figures."""
    from .. import display

    print(f"Job {one_line(job.job_name)}: {one_line(job.status)}, {len(benchmarks)} benchmarks.")
    if job.failure_reason:
        print(f"Failure: {one_line(job.failure_reason)}")
    print()
    ranked, missing = ranking.ranked, ranking.missing
    if not ranked:
        print(f"No benchmark has {missing} to rank by.")
        return
    print(f"Ranked by {ranking.metric}, {ranking.direction} first:")
    # summary() heads its table with a "<Benchmarks: ...>" line: the caption above says more.
    print(display.summary(ranked).split("\n", 1)[1])
    if len(ranked) < len(benchmarks):
        print(f"({len(benchmarks) - len(ranked)} more failed, did not finish, or lack {missing}.)")
    print()
    limit = (
        "" if max_latency_ms is None else f" with a model latency of at most {max_latency_ms:g} ms"
    )
    pick = ranking.pick
    if pick is None:
        print(f"No benchmark qualifies{limit}.")
        return
    print(f"Best by {ranking.metric}{limit}: {one_line(pick.label)}")
    print(
        f"  {format_money(pick.cost_per_hour)} per hour, "
        f"{format_money(pick.cost_per_inference)} per inference, "
        f"{format_integer(pick.model_latency, ' ms')} model latency, "
        f"{format_integer(pick.max_invocations)} invocations per minute"
    )


def _with_recommendation_ids(
    benchmarks: Benchmarks, job: DescribeInferenceRecommendationsJobResponse
) -> Benchmarks:
    """The benchmark steps, each with the ID of the recommendation made from it, if any.

    A step does not carry the ID; the recommendation names the same benchmarked endpoint.
    With it, the best pick of ``run --json`` feeds ``deploy --recommendation-id``.
    """
    import attrs

    from ..analysis import Benchmarks

    ids = {
        r.endpoint_configuration.endpoint_name: r.recommendation_id
        for r in job.inference_recommendations or ()
        if r.endpoint_configuration is not None and r.endpoint_configuration.endpoint_name
    }
    return Benchmarks(
        attrs.evolve(b, recommendation_id=ids[b.endpoint_name])
        if b.recommendation_id is None and b.endpoint_name in ids
        else b
        for b in benchmarks
    )
