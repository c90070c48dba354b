"""irclient.analysis on AI recommendation jobs: rows, costs in budget units, ranking, plots."""

from __future__ import annotations

import math
from typing import Any

import pytest

from irclient import analysis
from irclient.analysis import (
    HOURS_PER_MONTH,
    AIRecommendations,
    PerformanceValue,
)


def recommendation(
    instance: str,
    *,
    ttft: str | None,
    tps: str | None,
    count: int = 1,
    cost: tuple[str, str] | None = None,
    extra: list[dict[str, str]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    perf = []
    if ttft is not None:
        perf.append({"Metric": "ttft-ms", "Stat": "p50", "Value": ttft, "Unit": "ms"})
        perf.append(
            {"Metric": "ttft-ms", "Stat": "p99", "Value": str(float(ttft) * 3), "Unit": "ms"}
        )
    if tps is not None:
        perf.append(
            {"Metric": "throughput", "Stat": "average", "Value": tps, "Unit": "tokens/second"}
        )
    if cost is not None:
        perf.append({"Metric": "cost", "Stat": "average", "Value": cost[0], "Unit": cost[1]})
    perf.extend(extra)
    return {
        "RecommendationDescription": f"{instance} with speculative decoding",
        "OptimizationDetails": [{"OptimizationType": "SpeculativeDecoding"}],
        "ModelDetails": {"InstanceDetails": [{"InstanceType": instance, "InstanceCount": count}]},
        "DeploymentConfiguration": {
            "ImageUri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:lmi",
            "InstanceType": instance,
            "InstanceCount": count,
            "CopyCountPerInstance": 2,
        },
        "AIBenchmarkJobArn": "arn:aws:sagemaker:us-east-1:123456789012:ai-benchmark-job/b-1",
        "ExpectedPerformance": perf,
    }


def job(name: str, *recs: dict[str, Any]) -> dict[str, Any]:
    return {
        "AIRecommendationJobName": name,
        "AIRecommendationJobStatus": "Completed",
        "Recommendations": list(recs),
    }


PRICES = {"ml.g5.2xlarge": 1.006, "ml.g6e.2xlarge": 2.242, "ml.g5.12xlarge": 7.09}


def three() -> dict[str, Any]:
    return job(
        "rec-a",
        recommendation("ml.g5.2xlarge", ttft="180", tps="900"),
        recommendation("ml.g6e.2xlarge", ttft="95", tps="1500"),
        recommendation("ml.g5.12xlarge", ttft="120", tps="1200", count=2),
    )


def test_values_arrive_as_strings_and_become_numbers_with_units() -> None:
    value = PerformanceValue.parse(
        {"Metric": "TimeToFirstToken", "Stat": "p50", "Value": "0.25", "Unit": "s"}
    )
    assert value.value == 250.0 and value.column == "ttft_ms"
    tps = PerformanceValue.parse(
        {"Metric": "throughput", "Stat": "average", "Value": "1,250.5", "Unit": "tokens/second"}
    )
    assert tps.value == 1250.5 and tps.column == "output_tokens_per_second"
    rps = PerformanceValue.parse(
        {"Metric": "RequestThroughput", "Stat": "avg", "Value": "3.2", "Unit": "Requests/Second"}
    )
    assert rps.column == "requests_per_second"
    odd = PerformanceValue.parse(
        {"Metric": "gpu-memory", "Stat": "max", "Value": "n/a", "Unit": "GiB"}
    )
    assert odd.value is None and odd.column is None and odd.text == "n/a"


def test_cost_columns_on_every_row_where_the_inputs_exist() -> None:
    rows = AIRecommendations(three(), hourly_prices=PRICES)
    assert len(rows) == 3
    g5 = rows[0]
    assert g5.cost_per_hour_usd == pytest.approx(1.006)
    assert g5.cost_per_month_usd == pytest.approx(1.006 * HOURS_PER_MONTH)
    assert g5.cost_per_million_output_tokens_usd == pytest.approx(1.006 / (900 * 3600) * 1e6)
    # Two instances cost twice the hourly price.
    assert rows[2].cost_per_hour_usd == pytest.approx(2 * 7.09)
    assert rows[0].stats["ttft_ms"] == "p50"


def test_a_cost_aws_reports_wins_over_a_price_table() -> None:
    rec = recommendation("ml.g5.2xlarge", ttft="100", tps="1000", cost=("3.60", "USD/hour"))
    (row,) = AIRecommendations(job("j", rec), hourly_prices=PRICES)
    assert row.cost_per_hour_usd == 3.6
    assert row.cost_per_million_output_tokens_usd == pytest.approx(1.0)


def test_no_row_is_dropped_for_an_unknown_metric_or_a_missing_input() -> None:
    unknown = {"Metric": "kv-cache-hit-rate", "Stat": "average", "Value": "0.82", "Unit": "ratio"}
    recs = job(
        "j",
        recommendation("ml.g5.2xlarge", ttft=None, tps=None, extra=[unknown]),
        recommendation("ml.p5.48xlarge", ttft="40", tps="9000"),  # no price known
    )
    rows = AIRecommendations(recs, hourly_prices=PRICES)
    assert len(rows) == 2
    assert rows[0].cost_per_hour_usd == pytest.approx(1.006)
    assert rows[0].cost_per_million_output_tokens_usd is None  # no throughput measured
    assert rows[1].cost_per_hour_usd is None
    assert [p.metric for p in rows[0].performance] == ["kv-cache-hit-rate"]
    assert "kv-cache-hit-rate" in repr(rows)


def test_dataframe_columns_say_their_units_and_keep_every_entry() -> None:
    pytest.importorskip("pandas")
    frame = analysis.to_dataframe(job("j", recommendation("ml.g5.2xlarge", ttft="100", tps="1000")))
    for column in (
        "ttft_ms",
        "output_tokens_per_second",
        "cost_per_hour_usd",
        "cost_per_month_usd",
        "cost_per_million_output_tokens_usd",
        "perf.ttft-ms.p99 (ms)",
    ):
        assert column in frame.columns
    assert frame.loc[0, "perf.ttft-ms.p99 (ms)"] == "300.0"
    assert math.isnan(float(frame.loc[0, "cost_per_hour_usd"]))  # type: ignore[arg-type]  # no price given: missing, not zero


def test_analysis_ranks_an_ai_job_by_cost_per_million_tokens() -> None:
    rows = AIRecommendations(three(), hourly_prices=PRICES)
    costs = {r.instance_type: r.cost_per_million_output_tokens_usd for r in rows}
    ranked = rows.rank()
    assert [r.instance_type for r in ranked] == sorted(costs, key=lambda k: costs[k] or 0)
    assert analysis.best(rows, max_latency_ms=100).instance_type == "ml.g6e.2xlarge"  # type: ignore[union-attr]
    fastest = analysis.rank(rows, by="ttft_ms")
    assert [r.ttft_ms for r in fastest] == [95, 120, 180]
    assert [r.output_tokens_per_second for r in rows.rank(by="output_tokens_per_second")] == [
        1500,
        1200,
        900,
    ]
    with pytest.raises(ValueError, match="cannot rank by"):
        rows.rank(by="price")


def test_describe_responses_go_straight_into_analysis() -> None:
    ranked = analysis.rank(three(), by="ttft_ms")
    assert isinstance(ranked, AIRecommendations)
    assert ranked[0].instance_type == "ml.g6e.2xlarge"


def test_pareto_front_of_cost_and_ttft() -> None:
    rows = AIRecommendations(three(), hourly_prices=PRICES)
    front = analysis.pareto_front(rows)
    by_cost = sorted(rows, key=lambda r: r.cost_per_million_output_tokens_usd or 0)
    # Nothing on the front is beaten on both axes by any row.
    for kept in front:
        assert not any(
            (o.cost_per_million_output_tokens_usd or 0)
            <= (kept.cost_per_million_output_tokens_usd or 0)
            and (o.ttft_ms or 0) <= (kept.ttft_ms or 0)
            and o is not kept
            and (
                (o.cost_per_million_output_tokens_usd, o.ttft_ms)
                != (kept.cost_per_million_output_tokens_usd, kept.ttft_ms)
            )
            for o in rows
        )
    assert front[0] == by_cost[0]


def test_weighted_ranking_follows_the_weights() -> None:
    rows = AIRecommendations(three(), hourly_prices=PRICES)
    weights = analysis.Weights(cost="highest", latency="low", throughput="lowest")
    scored = analysis.rank_weighted(rows, weights)

    def norm(values: list[float], value: float, higher: bool) -> float:
        low, high = min(values), max(values)
        return (value - low) / (high - low) if higher else (high - value) / (high - low)

    costs = [r.cost_per_million_output_tokens_usd or 0 for r in rows]
    ttfts = [r.ttft_ms or 0 for r in rows]
    tps = [r.output_tokens_per_second or 0 for r in rows]
    expected = {
        r.instance_type: (
            5 * norm(costs, r.cost_per_million_output_tokens_usd or 0, False)
            + 2 * norm(ttfts, r.ttft_ms or 0, False)
            + 1 * norm(tps, r.output_tokens_per_second or 0, True)
        )
        / 8
        for r in rows
    }
    assert {r.instance_type: r.score for r in scored} == pytest.approx(expected)
    assert [r.instance_type for r in scored] == sorted(expected, key=lambda k: -expected[k])
    only_cost = analysis.rank_weighted(rows, analysis.Weights(cost=5, latency=1, throughput=1))
    only_latency = analysis.rank_weighted(rows, analysis.Weights(cost=1, latency=5, throughput=1))
    assert only_latency[0].instance_type == "ml.g6e.2xlarge"
    assert only_cost[-1].instance_type == "ml.g5.12xlarge"  # dearest and middling: last


def test_several_jobs_compare_in_one_table_and_plot() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    other = job("rec-b", recommendation("ml.g5.2xlarge", ttft="150", tps="1000"))
    rows = AIRecommendations([three(), other], hourly_prices=PRICES)
    assert {r.job_name for r in rows} == {"rec-a", "rec-b"}
    assert "rec-b" in repr(rows)
    ax = analysis.plot_tradeoff(rows, max_latency_ms=150)
    assert ax.get_xlabel() == "time to first token (ms)"
    assert len(ax.collections) == 2  # one scatter per job


def test_html_escapes_aws_text() -> None:
    rec = recommendation("<img src=x onerror=alert(1)>", ttft="10", tps="10")
    page = AIRecommendations(job("j", rec))._repr_html_()
    assert "<img" not in page and "&lt;img" in page


def test_a_typed_describe_response_is_analysed_like_the_wire_form() -> None:
    import datetime

    from irclient.models import DescribeAIRecommendationJobResponse

    wire = three()
    wire.update(
        AIRecommendationJobArn="arn:aws:sagemaker:us-east-1:123456789012:ai-recommendation-job/rec-a",
        ModelSource={"S3": {"S3Uri": "s3://models/llama/"}},
        OutputConfig={"S3OutputLocation": "s3://out/rec-a/"},
        AIWorkloadConfigIdentifier="chat-workload",
        RoleArn="arn:aws:iam::123456789012:role/SageMakerRole",
        CreationTime=datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC),
    )
    typed = DescribeAIRecommendationJobResponse.from_dict(wire)
    ranked = analysis.rank(typed, by="ttft_ms")
    assert [r.instance_type for r in ranked] == [
        "ml.g6e.2xlarge",
        "ml.g5.12xlarge",
        "ml.g5.2xlarge",
    ]
    assert ranked[0].job_name == "rec-a"
