"""irclient.analysis: flattening, ranking, the Pareto front, DataFrames and the trade-off plot."""

from __future__ import annotations

import datetime
import io
import itertools
import math
import sys
from typing import Any

import attrs
import matplotlib
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import benchmark_samples as samples
from irclient import analysis
from irclient.analysis import Benchmark, Benchmarks
from irclient.models import (
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobResponse,
    InferenceRecommendationsJobStep,
)

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes


def all_steps() -> list[InferenceRecommendationsJobStep]:
    return samples.steps(samples.all_steps_wire() + [samples.running_step_wire()])


def labels(bench: Benchmarks) -> list[str]:
    return [b.label for b in bench]


def bench(**values: Any) -> Benchmark:
    return Benchmark(kind="recommendation", **values)


# --------------------------------------------------------------------------- Benchmark


def test_instance_step_is_flattened_into_typed_values() -> None:
    step = samples.steps(samples.instance_steps_wire())[0]
    b = Benchmark.from_item(step)
    assert b == Benchmark(
        kind="step",
        job_name="resnet-sizing-1",
        status="COMPLETED",
        endpoint_name="sm-epc-0001",
        variant_name="sm-epc-0001-variant",
        instance_type="ml.c5.xlarge",
        initial_instance_count=1,
        cost_per_hour=0.204,
        cost_per_inference=2.9e-06,
        max_invocations=1170,
        model_latency=37,
        cpu_utilization=61.5,
        memory_utilization=22.1,
        environment=(("OMP_NUM_THREADS", "2"),),
        invocation_start_time=samples.T0 + datetime.timedelta(minutes=10),
        invocation_end_time=samples.T0 + datetime.timedelta(minutes=18),
    )
    assert b.source is step
    assert type(b.instance_type) is str  # the enum member's value, not the member
    assert b.usable and not b.serverless
    assert b.label == "ml.c5.xlarge"


def test_nan_metrics_become_none() -> None:
    m5 = Benchmark.from_item(samples.steps(samples.instance_steps_wire())[3])
    assert m5.cpu_utilization is None
    assert m5.memory_utilization == 40.0
    assert m5.label == "ml.m5.large x2"


def test_nan_latency_from_the_wire_is_missing_not_a_crash() -> None:
    wire = samples.step_wire(
        samples.instance_endpoint("ml.c5.large"), samples.metrics(0.1, 1e-06, 100, math.nan)
    )
    b = Benchmark.from_item(InferenceRecommendationsJobStep.from_dict(wire))
    assert b.model_latency is None
    assert b.cost_per_inference == 1e-06


def test_serverless_step() -> None:
    b = Benchmark.from_item(samples.steps(samples.serverless_steps_wire())[0])
    assert b.serverless
    assert b.instance_type is None and b.initial_instance_count is None
    assert (b.serverless_memory_size_in_mb, b.serverless_max_concurrency) == (2048, 5)
    assert b.serverless_provisioned_concurrency is None
    assert b.model_setup_time == 2500
    assert b.cpu_utilization is None and b.memory_utilization is None
    assert b.label == "serverless 2048 MB x5"


def test_failed_step_is_kept_but_not_usable() -> None:
    b = Benchmark.from_item(InferenceRecommendationsJobStep.from_dict(samples.failed_step_wire()))
    assert b.status == "FAILED"
    assert b.failure_reason == "Benchmark failed: <model> could not be compiled & loaded"
    assert b.cost_per_inference is None and b.model_latency is None
    assert b.instance_type == "ml.inf1.xlarge"
    assert not b.usable


def test_completed_step_with_a_failure_reason_is_not_usable() -> None:
    wire = samples.instance_steps_wire()[0]
    wire["InferenceBenchmark"]["FailureReason"] = "partial"
    assert not Benchmark.from_item(InferenceRecommendationsJobStep.from_dict(wire)).usable


def test_step_without_a_benchmark() -> None:
    step = InferenceRecommendationsJobStep(step_type="BENCHMARK", job_name="j", status="PENDING")
    b = Benchmark.from_item(step)
    assert (b.status, b.instance_type, b.cost_per_inference, b.label) == (
        "PENDING",
        None,
        None,
        "?",
    )
    assert not b.usable


def test_unknown_instance_type_is_kept_as_a_string() -> None:
    wire = samples.step_wire(
        samples.instance_endpoint("ml.future9.xlarge"), samples.metrics(1, 1e-6, 10, 5)
    )
    step = InferenceRecommendationsJobStep.from_dict(wire)
    assert Benchmark.from_item(step).instance_type == "ml.future9.xlarge"


def test_endpoint_metrics_are_used_when_a_step_has_no_recommendation_metrics() -> None:
    wire = samples.step_wire(samples.instance_endpoint("ml.c5.large"), None)
    wire["InferenceBenchmark"]["EndpointMetrics"] = {"MaxInvocations": 500, "ModelLatency": 12}
    b = Benchmark.from_item(InferenceRecommendationsJobStep.from_dict(wire))
    assert (b.max_invocations, b.model_latency, b.cost_per_inference) == (500, 12, None)


def test_recommendations_take_the_job_name_from_the_describe_response() -> None:
    rows = Benchmarks(samples.describe())
    assert len(rows) == 6
    assert {b.kind for b in rows} == {"recommendation"}
    assert {b.job_name for b in rows} == {"resnet-sizing-1"}
    assert rows[0].recommendation_id == "resnet-sizing-1/rec-0"
    assert rows[0].status is None and rows[0].usable


def test_endpoint_performances_are_benchmarks_too() -> None:
    wire = samples.describe_wire()
    wire["EndpointPerformances"] = [
        {
            "Metrics": {"MaxInvocations": 800, "ModelLatency": 15},
            "EndpointInfo": {"EndpointName": "prod-endpoint"},
        }
    ]
    rows = Benchmarks(DescribeInferenceRecommendationsJobResponse.from_dict(wire))
    assert len(rows) == 7
    last = rows[-1]
    assert (last.kind, last.endpoint_name, last.label) == (
        "endpoint",
        "prod-endpoint",
        "prod-endpoint",
    )
    assert (last.max_invocations, last.model_latency, last.cost_per_inference) == (800, 15, None)


def test_from_item_refuses_other_shapes() -> None:
    with pytest.raises(TypeError, match="CreateInferenceRecommendationsJobResponse"):
        Benchmark.from_item(CreateInferenceRecommendationsJobResponse(job_arn="arn"))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Benchmarks


def test_benchmarks_accepts_single_items_pages_responses_and_nesting() -> None:
    steps = all_steps()
    page = samples.steps_page(samples.all_steps_wire())
    assert len(Benchmarks(steps)) == 8
    assert len(Benchmarks(page)) == 7
    assert len(Benchmarks(steps[0])) == 1
    assert len(Benchmarks([page, samples.describe()])) == 13
    assert Benchmarks(Benchmarks(steps)) == Benchmarks(steps)
    assert Benchmarks() == Benchmarks([]) and len(Benchmarks()) == 0


def test_benchmarks_is_an_immutable_sequence() -> None:
    rows = Benchmarks(all_steps())
    assert isinstance(rows[1:3], Benchmarks) and labels(rows[1:3]) == labels(rows)[1:3]
    assert rows[-1].status == "IN_PROGRESS"
    assert rows.index(rows[2]) == 2
    assert hash(rows) == hash(Benchmarks(all_steps()))
    assert rows != Benchmarks(all_steps()[:-1])
    assert rows.__eq__([]) is NotImplemented


def test_benchmarks_methods_are_the_module_functions() -> None:
    rows = Benchmarks(all_steps())
    assert rows.rank(max_latency_ms=50) == analysis.rank(rows, max_latency_ms=50)
    assert rows.best(by="model_latency") == analysis.best(rows, by="model_latency")
    assert rows.pareto_front() == analysis.pareto_front(rows)
    pd.testing.assert_frame_equal(rows.to_dataframe(), analysis.to_dataframe(rows))
    ax = rows.plot(max_latency_ms=50)
    assert isinstance(ax, Axes)
    plt.close("all")


# --------------------------------------------------------------------------- rank / best

CHEAPEST_FIRST = [
    "serverless 2048 MB x5",  # 1.9e-06
    "ml.m5.large x2",  # 2.4e-06
    "ml.c5.xlarge",  # 2.9e-06
    "serverless 4096 MB x10",  # 3.3e-06
    "ml.g4dn.xlarge",  # 4.2e-06
    "ml.c5.2xlarge",  # 5.1e-06
]


def test_rank_orders_usable_benchmarks_by_cost_per_inference() -> None:
    ranked = analysis.rank(all_steps())
    assert labels(ranked) == CHEAPEST_FIRST  # the failed and the running step are left out


def test_rank_applies_the_latency_limit_inclusively() -> None:
    assert labels(analysis.rank(all_steps(), max_latency_ms=41)) == [
        "ml.c5.xlarge",
        "ml.g4dn.xlarge",
        "ml.c5.2xlarge",
    ]
    assert labels(analysis.rank(all_steps(), max_latency_ms=40.9)) == [
        "ml.c5.xlarge",
        "ml.g4dn.xlarge",
    ]


def test_rank_applies_the_invocations_floor_inclusively() -> None:
    assert labels(analysis.rank(all_steps(), min_invocations=1600)) == [
        "ml.m5.large x2",
        "ml.g4dn.xlarge",
    ]
    assert labels(analysis.rank(all_steps(), min_invocations=1601)) == ["ml.g4dn.xlarge"]


def test_rank_with_both_limits() -> None:
    ranked = analysis.rank(all_steps(), max_latency_ms=60, min_invocations=1200)
    assert labels(ranked) == ["ml.g4dn.xlarge", "ml.c5.2xlarge"]


def test_rank_by_max_invocations_puts_the_highest_first() -> None:
    ranked = analysis.rank(all_steps(), by="max_invocations")
    assert [b.max_invocations for b in ranked] == [2900, 1600, 1330, 1170, 610, 300]


def test_rank_by_latency_and_by_cost_per_hour() -> None:
    assert [b.model_latency for b in analysis.rank(all_steps(), by="model_latency")] == [
        9, 37, 41, 64, 88, 120,
    ]  # fmt: skip
    by_hour = analysis.rank(all_steps(), by="cost_per_hour")
    # The two serverless endpoints both cost $0/hour: cost per inference breaks the tie.
    assert labels(by_hour)[:2] == ["serverless 2048 MB x5", "serverless 4096 MB x10"]


def test_rank_leaves_out_benchmarks_missing_the_metric() -> None:
    ranked = analysis.rank(all_steps(), by="cpu_utilization")
    # m5 (NaN CPU) and the serverless endpoints (NaN) cannot be ranked on CPU.
    assert labels(ranked) == ["ml.g4dn.xlarge", "ml.c5.2xlarge", "ml.c5.xlarge"]
    setup = analysis.rank(all_steps(), by="model_setup_time")
    assert labels(setup) == ["serverless 4096 MB x10", "serverless 2048 MB x5"]


def test_rank_leaves_out_unknown_latency_only_when_a_limit_is_given() -> None:
    unknown = bench(instance_type="ml.x", cost_per_inference=1e-09, max_invocations=10)
    assert analysis.rank([unknown])[0] is unknown
    assert len(analysis.rank([unknown], max_latency_ms=1000)) == 0
    assert len(analysis.rank([unknown], min_invocations=5)) == 1
    assert len(analysis.rank([bench(cost_per_inference=1.0)], min_invocations=5)) == 0


def test_rank_refuses_an_unknown_metric() -> None:
    with pytest.raises(ValueError, match="cannot rank by 'price'.*cost_per_inference"):
        analysis.rank(all_steps(), by="price")  # type: ignore[call-overload]


def test_rank_of_nothing_is_empty() -> None:
    assert analysis.rank([]) == Benchmarks()
    assert analysis.rank(samples.describe(status="IN_PROGRESS")) == Benchmarks()
    assert analysis.best([]) is None


def test_ties_are_broken_the_same_whatever_the_input_order() -> None:
    tied = [
        bench(instance_type="ml.c5.xlarge", cost_per_inference=2e-06, model_latency=30),
        bench(instance_type="ml.c5.large", cost_per_inference=2e-06, model_latency=30),
        bench(instance_type="ml.c5.large", cost_per_inference=2e-06, model_latency=20),
        bench(
            instance_type="ml.c5.large",
            cost_per_inference=2e-06,
            model_latency=30,
            max_invocations=900,
        ),
        bench(
            instance_type="ml.c5.large",
            cost_per_inference=2e-06,
            model_latency=30,
            environment=(("OMP_NUM_THREADS", "1"),),
        ),
    ]
    expected = [tied[2], tied[3], tied[1], tied[4], tied[0]]
    for order in itertools.permutations(tied):
        assert list(analysis.rank(order)) == expected


def test_best_is_the_first_of_rank() -> None:
    best = analysis.best(all_steps(), max_latency_ms=50)
    assert best is not None and best.label == "ml.c5.xlarge"
    assert isinstance(best.source, InferenceRecommendationsJobStep)
    assert analysis.best(all_steps(), max_latency_ms=5) is None
    fastest = analysis.best(all_steps(), by="model_latency", min_invocations=100)
    assert fastest is not None and fastest.label == "ml.g4dn.xlarge"


def test_best_of_a_serverless_only_job() -> None:
    serverless = samples.steps(samples.serverless_steps_wire())
    best = analysis.best(serverless, max_latency_ms=100)
    assert best is not None and best.label == "serverless 4096 MB x10"


def test_best_ignores_failed_steps_even_when_they_look_cheapest() -> None:
    wire = samples.step_wire(
        samples.instance_endpoint("ml.t2.medium"),
        samples.metrics(0.01, 1e-09, 99999, 1),
        status="FAILED",
        failure="endpoint did not become healthy",
    )
    steps = all_steps() + [InferenceRecommendationsJobStep.from_dict(wire)]
    best = analysis.best(steps)
    assert best is not None and best.label == "serverless 2048 MB x5"


# --------------------------------------------------------------------------- Pareto front


def test_pareto_front_of_the_sample_job() -> None:
    front = analysis.pareto_front(all_steps())
    # c5.2xlarge and serverless 4096 are beaten by c5.xlarge on both cost and latency.
    assert labels(front) == [
        "serverless 2048 MB x5",
        "ml.m5.large x2",
        "ml.c5.xlarge",
        "ml.g4dn.xlarge",
    ]


def test_pareto_front_keeps_exact_ties_and_drops_weak_domination() -> None:
    a = bench(instance_type="a", cost_per_inference=1.0, model_latency=10)
    a_twin = bench(instance_type="a2", cost_per_inference=1.0, model_latency=10)
    same_cost_slower = bench(instance_type="b", cost_per_inference=1.0, model_latency=11)
    same_latency_dearer = bench(instance_type="c", cost_per_inference=1.5, model_latency=10)
    faster = bench(instance_type="d", cost_per_inference=2.0, model_latency=5)
    front = analysis.pareto_front([same_latency_dearer, faster, a_twin, same_cost_slower, a])
    assert labels(front) == ["a", "a2", "d"]


def test_pareto_front_leaves_out_unusable_and_incomplete_benchmarks() -> None:
    no_latency = bench(instance_type="x", cost_per_inference=0.1)
    no_cost = bench(instance_type="y", model_latency=1)
    failed = Benchmark(kind="step", status="FAILED", cost_per_inference=0.1, model_latency=1)
    assert len(analysis.pareto_front([no_latency, no_cost, failed])) == 0
    assert len(analysis.pareto_front([])) == 0


def _dominated(p: Benchmark, others: list[Benchmark]) -> bool:
    assert p.cost_per_inference is not None and p.model_latency is not None
    for q in others:
        assert q.cost_per_inference is not None and q.model_latency is not None
        if (
            q.cost_per_inference <= p.cost_per_inference
            and q.model_latency <= p.model_latency
            and (q.cost_per_inference < p.cost_per_inference or q.model_latency < p.model_latency)
        ):
            return True
    return False


@given(
    st.lists(
        st.tuples(st.integers(1, 8), st.integers(1, 8)).map(
            lambda t: bench(cost_per_inference=t[0] * 1e-06, model_latency=t[1])
        ),
        max_size=25,
    )
)
def test_pareto_front_matches_the_definition(points: list[Benchmark]) -> None:
    front = analysis.pareto_front(points)
    expected = [p for p in points if not _dominated(p, points)]
    assert sorted(map(id, front)) == sorted(map(id, expected))
    costs = [b.cost_per_inference for b in front]
    assert costs == sorted(costs)  # type: ignore[type-var]


# --------------------------------------------------------------------------- DataFrame


def test_dataframe_has_one_typed_row_per_benchmark() -> None:
    df = analysis.to_dataframe(all_steps())
    assert len(df) == 8
    assert list(df.columns) == [*analysis.BENCHMARK_COLUMNS, "env.OMP_NUM_THREADS"]
    assert str(df["instance_type"].dtype) == "string"
    assert str(df["model_latency"].dtype) == "Int64"
    assert str(df["cost_per_inference"].dtype) == "float64"
    assert str(df["invocation_start_time"].dtype).startswith("datetime64")
    assert str(df["invocation_start_time"].dt.tz) == "UTC"
    first = df.iloc[0]
    assert first["instance_type"] == "ml.c5.xlarge"
    assert first["model_latency"] == 37
    assert first["cost_per_inference"] == pytest.approx(2.9e-06)
    assert first["env.OMP_NUM_THREADS"] == "2"
    assert first["invocation_start_time"] == pd.Timestamp("2025-03-04 10:10", tz="UTC")


def missing(value: Any) -> bool:
    return bool(pd.isna(value))


def test_dataframe_shows_nan_metrics_failed_and_serverless_rows() -> None:
    df = analysis.to_dataframe(all_steps()).set_index("endpoint_name")
    rows: dict[str, dict[str, Any]] = df.to_dict(orient="index")  # type: ignore[assignment]
    assert math.isnan(rows["sm-epc-0004"]["cpu_utilization"])  # NaN on the wire
    serverless = rows["sm-epc-0005"]
    assert missing(serverless["instance_type"])
    assert serverless["serverless_memory_size_in_mb"] == 2048
    assert serverless["model_setup_time"] == 2500
    failed = rows["sm-epc-0007"]
    assert failed["status"] == "FAILED"
    assert "could not be compiled" in failed["failure_reason"]
    assert math.isnan(failed["cost_per_inference"]) and missing(failed["model_latency"])
    assert missing(failed["env.OMP_NUM_THREADS"])


def test_dataframe_of_a_describe_response() -> None:
    df = analysis.to_dataframe(samples.describe())
    assert len(df) == 6
    assert set(df["kind"]) == {"recommendation"}
    assert df["recommendation_id"].tolist()[0] == "resnet-sizing-1/rec-0"
    assert df["status"].isna().all()


def test_dataframe_of_nothing_has_the_columns() -> None:
    df = analysis.to_dataframe([])
    assert len(df) == 0
    assert list(df.columns) == list(analysis.BENCHMARK_COLUMNS)
    assert str(df["model_latency"].dtype) == "Int64"


def test_dataframe_of_a_job_list() -> None:
    df = analysis.to_dataframe(samples.jobs())
    assert list(df.columns) == list(analysis.JOB_COLUMNS)
    assert df["status"].tolist() == ["COMPLETED", "FAILED", "IN_PROGRESS"]
    assert df["job_type"].tolist() == ["Default"] * 3
    assert df.loc[1, "failure_reason"] == "Model package not found"
    assert df["completion_time"].isna().tolist() == [False, False, True]
    entries = samples.jobs().inference_recommendations_jobs
    pd.testing.assert_frame_equal(analysis.to_dataframe(entries), df)
    pd.testing.assert_frame_equal(analysis.to_dataframe(entries[0]), df.iloc[:1])
    empty = samples.jobs().__class__(inference_recommendations_jobs=())
    assert list(analysis.to_dataframe(empty).columns) == list(analysis.JOB_COLUMNS)


def test_dataframe_refuses_jobs_mixed_with_benchmarks() -> None:
    entries = list(samples.jobs().inference_recommendations_jobs)
    with pytest.raises(TypeError, match="cannot mix"):
        analysis.to_dataframe([*entries, *all_steps()])


def test_dataframe_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pandas.*irclient\[notebook\]"):
        analysis.to_dataframe(all_steps())


# --------------------------------------------------------------------------- plot


def _collection(ax: Axes, label: str) -> list[tuple[float, float]]:
    for c in ax.collections:
        if c.get_label() == label:
            offsets: Any = c.get_offsets()
            return [(round(float(x), 6), round(float(y), 6)) for x, y in offsets]
    raise AssertionError(f"no {label!r} scatter")


def test_plot_highlights_the_front_and_labels_every_point() -> None:
    fig, ax = plt.subplots()
    try:
        returned = analysis.plot_tradeoff(all_steps(), ax=ax, max_latency_ms=50)
        assert returned is ax
        front = sorted(_collection(ax, "Pareto front"))
        # Cost in dollars per million inferences.
        assert front == sorted([(120.0, 1.9), (88.0, 2.4), (37.0, 2.9), (9.0, 4.2)])
        assert sorted(_collection(ax, "dominated")) == [(41.0, 5.1), (64.0, 3.3)]
        texts = sorted(t.get_text() for t in ax.texts if t.get_text())
        assert texts == sorted(CHEAPEST_FIRST)  # failed and running steps are not drawn
        limit = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        xdata: Any = limit[0].get_xdata()
        assert len(limit) == 1 and list(xdata) == [50, 50]
        legend = ax.get_legend()
        assert legend is not None
        assert "latency limit (50 ms)" in [t.get_text() for t in legend.get_texts()]
        assert ax.get_xlabel() == "model latency (ms)"
        assert ax.get_ylabel() == "cost per million inferences (USD)"
        png = io.BytesIO()
        fig.savefig(png, format="png")
        assert png.getvalue().startswith(b"\x89PNG")
    finally:
        plt.close(fig)


def test_plot_makes_its_own_axes_and_draws_no_limit_unless_asked() -> None:
    ax = analysis.plot_tradeoff(samples.steps(samples.serverless_steps_wire()))
    try:
        assert isinstance(ax, Axes)
        assert not [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        assert sorted(_collection(ax, "Pareto front")) == [(64.0, 3.3), (120.0, 1.9)]
        assert [c.get_label() for c in ax.collections] == ["Pareto front"]
    finally:
        plt.close("all")


def test_plot_of_nothing_says_so() -> None:
    ax = analysis.plot_tradeoff(
        [InferenceRecommendationsJobStep.from_dict(samples.failed_step_wire())]
    )
    try:
        assert not ax.collections
        assert [t.get_text() for t in ax.texts] == [
            "no completed benchmark reports both cost and latency"
        ]
    finally:
        plt.close("all")


def test_plot_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"matplotlib.*irclient\[notebook\]"):
        analysis.plot_tradeoff(all_steps())


def test_benchmark_is_frozen() -> None:
    b = Benchmark.from_item(all_steps()[0])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        b.model_latency = 1  # type: ignore[misc]


def _crowded_corner() -> list[dict[str, Any]]:
    """Five configurations within 8 ms and 5 % of each other, beside a latency limit."""

    def wire(instance: str, cost: float, latency: int, n: int) -> dict[str, Any]:
        return samples.step_wire(
            samples.instance_endpoint(instance, n=n),
            samples.metrics(0.2, cost, 900, latency),
            n=n,
        )

    return [
        wire("ml.c5.xlarge", 1.40e-6, 54, 1),
        wire("ml.c6i.large", 1.42e-6, 56, 2),
        wire("ml.c6i.xlarge", 1.45e-6, 52, 3),
        wire("ml.m5.large", 1.50e-6, 58, 4),
        wire("ml.c7g.large", 1.38e-6, 60, 5),
        wire("ml.g5.xlarge", 9.0e-6, 10, 6),
        wire("ml.inf2.xlarge", 4.0e-6, 20, 8),
        *samples.instance_steps_wire(),
        *samples.serverless_steps_wire(),
    ]


def test_plot_labels_stay_clear_of_points_each_other_and_the_limit() -> None:
    ax = analysis.plot_tradeoff(samples.steps(_crowded_corner()), max_latency_ms=57)
    try:
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        labels = [t for t in ax.texts if t.get_text()]
        assert len(labels) == 13
        boxes = {t.get_text(): t.get_window_extent(renderer) for t in labels}
        for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
            assert not box_a.overlaps(box_b), (a, b)
        offsets: list[Any] = [o for c in ax.collections for o in c.get_offsets()]  # type: ignore[union-attr]
        points = [ax.transData.transform(offset) for offset in offsets]
        for name, box in boxes.items():
            hidden = [p for p in points if box.contains(float(p[0]), float(p[1]))]
            assert not hidden, (name, hidden)
        (limit,) = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        xdata: Any = limit.get_xdata()
        line_x = ax.transData.transform((float(xdata[0]), 0.0))[0]
        crossing = [name for name, box in boxes.items() if box.x0 <= line_x <= box.x1]
        assert crossing == []
        # Labels are literal text, never mathtext.
        assert all(t.get_parse_math() is False for t in labels)
    finally:
        plt.close("all")


def test_plot_costs_read_plainly_and_the_front_is_a_step_line() -> None:
    ax = analysis.plot_tradeoff(samples.steps(_crowded_corner()))
    try:
        ax.figure.canvas.draw()
        # No "1e-6" offset or scientific notation on either axis.
        assert ax.yaxis.get_offset_text().get_text() == ""
        assert ax.xaxis.get_offset_text().get_text() == ""
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert ticks and not [t for t in ticks if "e" in t.lower()]
        (step,) = [line for line in ax.get_lines() if line.get_drawstyle() == "steps-post"]
        front = sorted(_collection(ax, "Pareto front"))
        xs: Any = step.get_xdata()
        ys: Any = step.get_ydata()
        assert [
            (round(float(x), 6), round(float(y), 6)) for x, y in zip(xs, ys, strict=True)
        ] == front
        assert list(ys) == sorted(ys, reverse=True)  # slower is cheaper along the front
    finally:
        plt.close("all")


def test_plot_of_costly_inferences_counts_per_thousand() -> None:
    wires = [
        samples.step_wire(
            samples.instance_endpoint("ml.p4d.24xlarge"), samples.metrics(37.7, 2.5e-3, 250, 40)
        )
    ]
    ax = analysis.plot_tradeoff(samples.steps(wires))
    try:
        assert ax.get_ylabel() == "cost per 1,000 inferences (USD)"
        assert _collection(ax, "Pareto front") == [(40.0, 2.5)]
    finally:
        plt.close("all")


def test_plot_without_adjusttext_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "adjustText", None)
    with pytest.raises(ImportError, match=r"adjustText.*irclient\[notebook\]"):
        analysis.plot_tradeoff(all_steps())


# --------------------------------------------------------------------------- weighted ranking


def _bench(
    instance: str, cost: float | None, latency: int | None, invocations: int | None, **kw: Any
) -> Benchmark:
    return Benchmark(
        kind="step",
        status="COMPLETED",
        instance_type=instance,
        cost_per_inference=cost,
        model_latency=latency,
        max_invocations=invocations,
        **kw,
    )


TRIO = [
    _bench("cheap", 1.0e-6, 90, 1000),  # best cost, worst latency
    _bench("fast", 4.0e-6, 10, 3000),  # best latency, best throughput, worst cost
    _bench("middle", 2.0e-6, 40, 2000),
]


def test_weights_decide_the_winner() -> None:
    cost_first = analysis.rank_weighted(
        TRIO, analysis.Weights(cost="highest", latency="lowest", throughput="lowest")
    )
    speed_first = analysis.rank_weighted(TRIO, analysis.Weights(cost="lowest", latency="highest"))
    assert cost_first[0].instance_type == "cheap"
    assert speed_first[0].instance_type == "fast"


def test_weighted_score_is_the_documented_min_max_weighted_mean() -> None:
    weights = analysis.Weights(cost=5, latency="low", throughput="medium")
    ranked = {b.instance_type: b.score for b in analysis.rank_weighted(TRIO, weights)}
    # middle: cost (4-2)/(4-1), latency (90-40)/(90-10), throughput (2000-1000)/(3000-1000).
    expected = (5 * (2 / 3) + 2 * (50 / 80) + 3 * 0.5) / (5 + 2 + 3)
    assert ranked["middle"] == pytest.approx(expected)
    assert ranked["fast"] == pytest.approx((5 * 0 + 2 * 1 + 3 * 1) / 10)
    assert ranked["cheap"] == pytest.approx((5 * 1 + 2 * 0 + 3 * 0) / 10)


def test_weighted_ranking_of_equal_weights_best_everywhere_scores_one() -> None:
    dominant = _bench("dominant", 0.5e-6, 5, 5000)
    ranked = analysis.rank_weighted([*TRIO, dominant])
    assert ranked[0].instance_type == "dominant" and ranked[0].score == 1.0
    lone = analysis.rank_weighted([TRIO[1]])
    assert [b.score for b in lone] == [1.0]  # one candidate: every metric is the best there is


def test_weighted_ranking_leaves_out_missing_nan_failed_and_limits() -> None:
    items = [
        *TRIO,
        _bench("no-cost", None, 20, 2000),
        _bench("no-throughput", 1e-6, 20, None),
        _bench("failed", 1e-7, 1, 9000, failure_reason="boom"),
        Benchmark(kind="step", status="IN_PROGRESS", instance_type="running"),
    ]
    ranked = analysis.rank_weighted(items)
    assert sorted(b.instance_type or "" for b in ranked) == ["cheap", "fast", "middle"]
    limited = analysis.rank_weighted(items, max_latency_ms=50, min_invocations=2500)
    assert [b.instance_type for b in limited] == ["fast"]
    assert analysis.rank_weighted([]) == Benchmarks()
    # NaN from the wire is a missing value too.
    nan_step = samples.step_wire(
        samples.instance_endpoint("ml.c5.xlarge"), samples.metrics(0.2, math.nan, 900, 50)
    )
    assert not analysis.rank_weighted(samples.steps([nan_step]))


def test_weighted_ties_do_not_depend_on_input_order() -> None:
    twins = [
        _bench("ml.b", 2e-6, 20, 2000, job_name="two"),
        _bench("ml.a", 2e-6, 20, 2000, job_name="one"),
        _bench("ml.a", 2e-6, 20, 2000, job_name="two"),
        _bench("ml.c", 1e-6, 40, 1000),
    ]
    orders = {
        tuple((b.instance_type, b.job_name) for b in analysis.rank_weighted(list(p)))
        for p in itertools.permutations(twins)
    }
    assert len(orders) == 1
    (order,) = orders
    # Equal scores: ordered by configuration, then job, as rank orders its ties.
    assert order[:3] == (("ml.a", "one"), ("ml.a", "two"), ("ml.b", "two"))


def test_weights_refuse_unknown_levels() -> None:
    with pytest.raises(ValueError, match=r"Weights\.latency is 'urgent'.*lowest, low"):
        analysis.Weights(latency="urgent")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Weights\.cost is 6.*from 1 to 5"):
        analysis.Weights(cost=6)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Weights\.throughput is True"):
        analysis.Weights(throughput=True)  # type: ignore[arg-type]
    assert analysis.Weights(cost="highest").as_weights() == {
        "cost_per_inference": 5,
        "model_latency": 3,
        "max_invocations": 3,
    }


def _two_jobs() -> list[Benchmark]:
    return [
        _bench("ml.g5.xlarge", 2.5e-6, 28, 9500, job_name="bert-default"),
        _bench("ml.c6i.xlarge", 1.5e-6, 90, 1500, job_name="bert-default"),
        _bench("ml.g5.xlarge", 2.5e-6, 28, 9500, job_name="bert-advanced"),
        _bench("ml.inf2.xlarge", 2.0e-6, 32, 8300, job_name="bert-advanced"),
    ]


def test_comparing_jobs_in_one_dataframe_and_table() -> None:
    ranked = analysis.rank_weighted(_two_jobs())
    df = ranked.to_dataframe()
    assert list(df["job_name"]) == [b.job_name for b in ranked]
    assert set(df["job_name"]) == {"bert-default", "bert-advanced"}
    assert list(df["score"]) == pytest.approx([b.score for b in ranked])
    text = repr(ranked)
    header = text.splitlines()[1]
    assert header.split()[0] == "job" and "score" in header
    assert "bert-advanced" in text and "bert-default" in text
    # One job's benchmarks need no job column; unscored ones no score column.
    single = repr(Benchmarks(b for b in _two_jobs() if b.job_name == "bert-default"))
    assert "job" not in single.splitlines()[1].split() and "score" not in single


def test_comparing_jobs_in_one_plot() -> None:
    ax = analysis.plot_tradeoff(_two_jobs())
    try:
        names = {str(c.get_label()) for c in ax.collections}
        assert any(n.startswith("bert-default") for n in names)
        assert any(n.startswith("bert-advanced") for n in names)
        markers: dict[str, bytes] = {}
        for c in ax.collections:
            vertices: Any = c.get_paths()[0].vertices
            markers[str(c.get_label()).split()[0]] = vertices.tobytes()
        assert markers["bert-default"] != markers["bert-advanced"]
        texts = sorted(t.get_text() for t in ax.texts if t.get_text())
        # The same result in both jobs: one label naming both, not two labels on one spot.
        assert texts == [
            "ml.c6i.xlarge",
            "ml.g5.xlarge\n(bert-advanced, bert-default)",
            "ml.inf2.xlarge",
        ]
    finally:
        plt.close("all")
    # The same configuration on two spots: each label names its job.
    apart = [*_two_jobs(), _bench("ml.c6i.xlarge", 1.7e-6, 80, 1600, job_name="bert-advanced")]
    ax = analysis.plot_tradeoff(apart)
    try:
        texts = sorted(t.get_text() for t in ax.texts if t.get_text())
        assert "ml.c6i.xlarge\n(bert-advanced)" in texts
        assert "ml.c6i.xlarge\n(bert-default)" in texts
    finally:
        plt.close("all")
