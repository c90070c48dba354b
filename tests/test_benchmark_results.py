"""Reading AI benchmark job results from S3 (moto) into typed rows, every level."""

from __future__ import annotations

import gzip
import io
import math
import tarfile
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

import irclient
from aiperf_exports import profile_export, search_history, sweep_archive, tar_gz
from irclient.benchmarks import (
    BenchmarkResults,
    Limits,
    compare,
    get_ai_benchmark_results,
    plot_latency_throughput,
    read_archive,
)

BUCKET = "bench-output"
LOCATION = f"s3://{BUCKET}/recommendation-benchmarks/rec-1/"
ARN_PREFIX = "arn:aws:sagemaker:us-east-1:123456789012:ai-benchmark-job/"
KEY = "recommendation-benchmarks/rec-1/bmk-prod-job-1a2b3c/output/output.tar.gz"


def describe(location: str = LOCATION, name: str = "bench-1") -> dict[str, Any]:
    return {
        "AIBenchmarkJobName": name,
        "AIBenchmarkJobStatus": "Completed",
        "OutputConfig": {"S3OutputLocation": location},
    }


@pytest.fixture
def sagemaker() -> Iterator[Any]:
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        yield boto3.client("sagemaker", region_name="us-east-1")


def put(key: str, body: bytes) -> None:
    boto3.client("s3", region_name="us-east-1").put_object(Bucket=BUCKET, Key=key, Body=body)


def test_a_sweep_gives_one_row_per_level_in_level_order(sagemaker: Any) -> None:
    put(KEY, sweep_archive([32, 1, 8]))
    put("recommendation-benchmarks/rec-1/bmk-prod-job-1a2b3c/output/model.log", b"not an archive")
    results = get_ai_benchmark_results(sagemaker, describe())
    assert [level.concurrency for level in results] == [1, 8, 32]
    assert [level.label for level in results] == [
        "concurrency 1",
        "concurrency 8",
        "concurrency 32",
    ]
    assert results.job_name == "bench-1"
    assert results.s3_uri == f"s3://{BUCKET}/{KEY}"
    expected = profile_export(concurrency=8)
    level = results[1]
    assert level.latency_ms("ttft", "p50") == expected["time_to_first_token"]["p50"]
    assert level.latency_ms("e2e", "p99") == expected["request_latency"]["p99"]
    assert level.latency_ms("itl", "p90") == expected["inter_token_latency"]["p90"]
    assert level.output_tokens_per_second == expected["output_token_throughput"]["avg"]
    assert level.requests_per_second == expected["request_throughput"]["avg"]
    assert level.request_count == 200
    assert level.error_count == 0
    # Every statistic AIPerf reported is kept, and every metric block.
    assert level.time_to_first_token is not None
    assert set(level.time_to_first_token.stats) >= {"avg", "min", "max", "std", "p1", "p50", "p99"}
    assert "output_token_throughput_per_user" in level.metrics


def test_the_dataframe_has_every_level_and_every_reported_percentile(sagemaker: Any) -> None:
    pytest.importorskip("pandas")
    put(KEY, sweep_archive([1, 4, 16, 64]))
    frame = get_ai_benchmark_results(sagemaker, describe()).to_dataframe()
    assert list(frame["concurrency"]) == [1, 4, 16, 64]
    for column in (
        "ttft_p1_ms",
        "ttft_p50_ms",
        "ttft_p99_ms",
        "itl_p50_ms",
        "e2e_p95_ms",
        "e2e_avg_ms",
    ):
        assert column in frame.columns
    assert frame["ttft_p50_ms"].is_monotonic_increasing
    assert frame.loc[3, "e2e_p99_ms"] == profile_export(concurrency=64)["request_latency"]["p99"]


def test_errors_are_counted_from_the_export(sagemaker: Any) -> None:
    put(KEY, tar_gz({"profile_export_aiperf.json": profile_export(concurrency=4, errors=7)}))
    (level,) = get_ai_benchmark_results(sagemaker, describe())
    assert level.error_count == 7
    assert level.label == "run"


def test_a_non_streaming_run_has_no_ttft_rather_than_a_made_up_one(sagemaker: Any) -> None:
    put(KEY, tar_gz({"profile_export_aiperf.json": profile_export(streaming=False)}))
    (level,) = get_ai_benchmark_results(sagemaker, describe())
    assert level.time_to_first_token is None
    assert level.latency_ms("ttft", "p50") is None
    assert level.latency_ms("e2e", "p50") is not None


def test_seconds_are_converted_to_milliseconds() -> None:
    export = profile_export()
    export["request_latency"] = {"unit": "sec", "avg": 1.5, "p50": 1.25}
    results = read_archive(io.BytesIO(tar_gz({"profile_export_aiperf.json": export})))
    assert results[0].latency_ms("e2e", "p50") == 1250.0


def test_a_search_reports_every_probe_with_its_feasibility(sagemaker: Any) -> None:
    probes = {64: True, 256: False, 128: True}
    members: dict[str, Any] = {"search_history.json": search_history(probes)}
    for index, concurrency in enumerate(probes):
        members[f"search_iter_{index:04d}/profile_runs/run_0000/profile_export_aiperf.json"] = (
            profile_export(
                concurrency=concurrency, variation={"phases.profiling.concurrency": concurrency}
            )
        )
    put(KEY, tar_gz(members))
    results = get_ai_benchmark_results(sagemaker, describe())
    assert [(level.concurrency, level.feasible) for level in results] == [
        (64, True),
        (128, True),
        (256, False),
    ]
    assert results.search is not None
    assert results.search.best_concurrency == 128
    assert results.search.planner == "monotonic_sla"


def test_the_sweep_aggregate_is_read_when_no_level_export_exists() -> None:
    from aiperf_exports import sweep_aggregate

    data = tar_gz({"sweep_aggregate/profile_export_aiperf_sweep.json": sweep_aggregate([2, 8])})
    results = read_archive(io.BytesIO(data))
    assert [level.concurrency for level in results] == [2, 8]
    assert (
        results[0].requests_per_second == profile_export(concurrency=2)["request_throughput"]["avg"]
    )


def test_the_client_method_describes_the_job_and_reads_with_its_settings(sagemaker: Any) -> None:
    import datetime

    from botocore.stub import Stubber

    put(KEY, sweep_archive([1, 2]))
    client = irclient.InferenceRecommenderClient(region_name="us-east-1")
    response = {
        "AIBenchmarkJobName": "bench-7",
        "AIBenchmarkJobArn": f"{ARN_PREFIX}bench-7",
        "AIBenchmarkJobStatus": "Completed",
        "BenchmarkTarget": {"Endpoint": {"Identifier": "llm-endpoint"}},
        "OutputConfig": {"S3OutputLocation": LOCATION},
        "AIWorkloadConfigIdentifier": "chat-workload",
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "CreationTime": datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC),
    }
    with Stubber(client.boto3_client) as stub:
        stub.add_response("describe_ai_benchmark_job", response, {"AIBenchmarkJobName": "bench-7"})
        results = client.get_ai_benchmark_results("bench-7", label="ml.g5.xlarge")
        stub.assert_no_pending_responses()
    assert results.job_name == "bench-7"
    assert results.name == "ml.g5.xlarge"
    assert [level.concurrency for level in results] == [1, 2]


def test_a_typed_describe_response_is_read_like_the_wire_form(sagemaker: Any) -> None:
    import datetime

    from irclient.models import DescribeAIBenchmarkJobResponse

    put(KEY, sweep_archive([4]))
    typed = DescribeAIBenchmarkJobResponse.from_dict(
        {
            "AIBenchmarkJobName": "bench-9",
            "AIBenchmarkJobArn": f"{ARN_PREFIX}bench-9",
            "AIBenchmarkJobStatus": "Completed",
            "BenchmarkTarget": {"Endpoint": {"Identifier": "llm-endpoint"}},
            "OutputConfig": {"S3OutputLocation": LOCATION},
            "AIWorkloadConfigIdentifier": "chat-workload",
            "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
            "CreationTime": datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC),
        }
    )
    results = get_ai_benchmark_results(sagemaker, typed)
    assert results.job_name == "bench-9"
    assert [level.concurrency for level in results] == [4]


# --------------------------------------------------------------------------- failures


def test_no_archive_names_the_prefix(sagemaker: Any) -> None:
    with pytest.raises(irclient.BenchmarkOutputError) as caught:
        get_ai_benchmark_results(sagemaker, describe())
    assert caught.value.s3_uri == LOCATION
    assert "output.tar.gz" in str(caught.value)


def test_two_archives_are_not_chosen_between_silently(sagemaker: Any) -> None:
    put(KEY, sweep_archive([1]))
    other = "recommendation-benchmarks/rec-1/bmk-prod-job-9z9z9z/output/output.tar.gz"
    put(other, sweep_archive([2]))
    with pytest.raises(irclient.BenchmarkOutputError, match="2 archives") as caught:
        get_ai_benchmark_results(sagemaker, describe())
    assert KEY in str(caught.value) and other in str(caught.value)
    chosen = get_ai_benchmark_results(sagemaker, describe(), archive_key=other)
    assert [level.concurrency for level in chosen] == [2]


def test_a_truncated_archive_is_an_error_naming_the_object(sagemaker: Any) -> None:
    data = sweep_archive([1, 2, 4])
    put(KEY, data[: len(data) // 2])
    with pytest.raises(irclient.BenchmarkOutputError, match="not a whole gzip'd tar") as caught:
        get_ai_benchmark_results(sagemaker, describe())
    assert caught.value.s3_uri == f"s3://{BUCKET}/{KEY}"


def test_malformed_json_names_the_member(sagemaker: Any) -> None:
    put(KEY, tar_gz({"concurrency_4/profile_export_aiperf.json": b'{"request_latency": '}))
    with pytest.raises(irclient.BenchmarkOutputError, match="not valid JSON") as caught:
        get_ai_benchmark_results(sagemaker, describe())
    assert caught.value.member == "concurrency_4/profile_export_aiperf.json"


def test_an_archive_without_results_is_an_error(sagemaker: Any) -> None:
    put(KEY, tar_gz({"plots/ttft_timeline.png": b"\x89PNG"}))
    with pytest.raises(irclient.BenchmarkOutputError, match="no profile_export_aiperf.json"):
        get_ai_benchmark_results(sagemaker, describe())


def test_an_oversized_archive_is_refused_before_reading(sagemaker: Any) -> None:
    data = sweep_archive([1])
    put(KEY, data)
    with pytest.raises(irclient.BenchmarkOutputError, match="Limits.archive_bytes"):
        get_ai_benchmark_results(sagemaker, describe(), limits=Limits(archive_bytes=len(data) - 1))


def test_an_oversized_member_is_refused() -> None:
    data = tar_gz({"profile_export_aiperf.json": profile_export()})
    with pytest.raises(irclient.BenchmarkOutputError, match="Limits.member_bytes") as caught:
        read_archive(io.BytesIO(data), limits=Limits(member_bytes=100))
    assert caught.value.member == "profile_export_aiperf.json"


def test_a_gzip_bomb_stops_at_the_decompression_limit() -> None:
    # 64 MiB of zeros in a member irclient does not even want: it compresses to ~64 KiB.
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("profile_export.jsonl")
        info.size = 64 * 1024 * 1024
        archive.addfile(info, io.BytesIO(bytes(info.size)))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(irclient.BenchmarkOutputError, match="Limits.uncompressed_bytes"):
        read_archive(
            io.BytesIO(buffer.getvalue()), limits=Limits(uncompressed_bytes=8 * 1024 * 1024)
        )


def test_links_are_never_followed() -> None:
    link = tarfile.TarInfo("profile_export_aiperf.json")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    data = tar_gz(
        {"concurrency_2/profile_export_aiperf.json": profile_export(concurrency=2)}, extra=[link]
    )
    results = read_archive(io.BytesIO(data))
    assert [level.member for level in results] == ["concurrency_2/profile_export_aiperf.json"]


def test_not_gzip_at_all_is_an_error() -> None:
    with pytest.raises(irclient.BenchmarkOutputError, match="not a whole gzip'd tar"):
        read_archive(io.BytesIO(b"PK\x03\x04 a zip file"), name="s3://b/k")
    with pytest.raises(irclient.BenchmarkOutputError, match="not a whole gzip'd tar"):
        read_archive(io.BytesIO(gzip.compress(b"plain text, no tar")), name="s3://b/k")


def test_access_denied_is_a_service_error_not_retried(sagemaker: Any) -> None:
    with pytest.raises(irclient.ServiceError):
        get_ai_benchmark_results(sagemaker, describe(location="s3://no-such-bucket-here/x/"))


# --------------------------------------------------------------------------- display


def test_text_and_html_escape_hostile_text() -> None:
    export = profile_export()
    data = tar_gz({"profile_export_aiperf.json": export})
    results = read_archive(io.BytesIO(data), label="<script>alert(1)</script>\x1b]0;pwn\x07")
    page = results._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    text = str(results)
    assert "\x1b" not in text and "\x07" not in text
    assert "TTFT p50" in text and "1 level" in text


def test_several_jobs_compare_in_one_table_and_one_plot() -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    import matplotlib

    matplotlib.use("Agg")
    small = read_archive(io.BytesIO(sweep_archive([1, 4, 16])), label="ml.g5.xlarge")
    large = read_archive(io.BytesIO(sweep_archive([1, 4, 16, 64])), label="ml.g6e.2xlarge")
    frame = compare([small, large])
    assert len(frame) == 7
    assert list(frame["job"].unique()) == ["ml.g5.xlarge", "ml.g6e.2xlarge"]
    ax = plot_latency_throughput([small, large], latency="e2e", stat="p99")
    lines = ax.get_lines()
    xs: list[Any] = [list(line.get_xdata()) for line in lines]  # type: ignore[arg-type]
    ys: list[Any] = [list(line.get_ydata()) for line in lines]  # type: ignore[arg-type]
    assert [len(x) for x in xs] == [3, 4]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["ml.g5.xlarge", "ml.g6e.2xlarge"]
    assert ax.get_ylabel() == "request latency p99 (ms)"
    assert all(not math.isnan(y) for y_line in ys for y in y_line)


def test_results_are_a_sequence() -> None:
    results = read_archive(io.BytesIO(sweep_archive([1, 2])))
    assert isinstance(results, BenchmarkResults)
    assert len(results) == 2 and results[-1].concurrency == 2


def test_the_s3_client_is_built_once_per_sagemaker_client(
    sagemaker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from irclient.benchmarks import _s3

    put(KEY, sweep_archive([1, 8]))
    built: list[Any] = []
    real = _s3._build_s3

    def build(client: Any) -> Any:
        built.append(client)
        return real(client)

    monkeypatch.setattr(_s3, "_build_s3", build)
    first = get_ai_benchmark_results(sagemaker, describe())
    second = get_ai_benchmark_results(sagemaker, describe())
    assert [level.concurrency for level in first] == [level.concurrency for level in second]
    assert built == [sagemaker]
    other = boto3.client("sagemaker", region_name="us-east-1")
    get_ai_benchmark_results(other, describe())
    assert built == [sagemaker, other]
