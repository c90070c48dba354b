"""The generative-AI family in the simulator, driven by plain boto3 inside moto."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ai_world import (
    BUCKET,
    SWEEP,
    archive_of,
    benchmark_request,
    build,
    clients,
    log_messages,
    recommendation_request,
    workload,
)
from botocore_floor import has_member
from irclient.testing import (
    FAIL_JOB_TAG,
    FAIL_STEP_TAG,
    MODEL_PARAMETERS_TAG,
    InferenceRecommenderMock,
    mock_inference_recommender,
)


def error_of(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    error = info.value.response["Error"]
    return error["Code"], error["Message"]


@pytest.fixture
def world() -> Iterator[tuple[Any, Any, Any]]:
    with mock_inference_recommender():
        sm, s3, logs = clients()
        build(sm, s3)
        workload(sm)
        yield sm, s3, logs


@pytest.fixture
def timed() -> Iterator[tuple[InferenceRecommenderMock, Any, Any, Any]]:
    """A world on a frozen clock where every phase of a job takes 100 s."""
    with mock_inference_recommender(
        transition={"progression": "time", "seconds": 100}, freeze_time=True
    ) as mock:
        sm, s3, logs = clients()
        build(sm, s3)
        workload(sm)
        yield mock, sm, s3, logs


def metric(recommendation: dict[str, Any], name: str) -> float:
    (entry,) = [e for e in recommendation["ExpectedPerformance"] if e["Metric"] == name]
    return float(entry["Value"])


# --------------------------------------------------------------------------- workload configs


def test_workload_configs_are_created_described_listed_and_deleted(world: Any) -> None:
    sm, _, _ = world
    arn = workload(sm, "sweep", SWEEP, Tags=[{"Key": "team", "Value": "llm"}])
    assert arn == "arn:aws:sagemaker:us-east-1:123456789012:ai-workload-config/sweep"
    described = sm.describe_ai_workload_config(AIWorkloadConfigName="sweep")
    assert described["AIWorkloadConfigs"]["WorkloadSpec"]["Inline"] == SWEEP
    assert described["Tags"] == [{"Key": "team", "Value": "llm"}]
    assert described["CreationTime"].tzinfo is not None
    listed = sm.list_ai_workload_configs(SortBy="Name", SortOrder="Ascending")
    assert [c["AIWorkloadConfigName"] for c in listed["AIWorkloadConfigs"]] == ["chat", "sweep"]
    sm.delete_ai_workload_config(AIWorkloadConfigName="sweep")
    code, _ = error_of(sm.describe_ai_workload_config, AIWorkloadConfigName="sweep")
    assert code == "ResourceNotFound"


def test_names_are_unique_regardless_of_case(world: Any) -> None:
    sm, _, _ = world
    code, message = error_of(
        sm.create_ai_workload_config,
        AIWorkloadConfigName="CHAT",
        AIWorkloadConfigs={"WorkloadSpec": {"Inline": SWEEP}},
    )
    assert code == "ResourceInUse" and "CHAT" in message
    sm.create_ai_benchmark_job(**benchmark_request("bench-a"))
    code, _ = error_of(sm.create_ai_benchmark_job, **benchmark_request("Bench-A"))
    assert code == "ResourceInUse"
    sm.create_ai_recommendation_job(**recommendation_request("rec-a"))
    code, _ = error_of(sm.create_ai_recommendation_job, **recommendation_request("REC-a"))
    assert code == "ResourceInUse"


@pytest.mark.parametrize(
    ("operation", "member"),
    [
        ("describe_ai_workload_config", "AIWorkloadConfigName"),
        ("delete_ai_workload_config", "AIWorkloadConfigName"),
        ("describe_ai_benchmark_job", "AIBenchmarkJobName"),
        ("stop_ai_benchmark_job", "AIBenchmarkJobName"),
        ("delete_ai_benchmark_job", "AIBenchmarkJobName"),
        ("describe_ai_recommendation_job", "AIRecommendationJobName"),
        ("stop_ai_recommendation_job", "AIRecommendationJobName"),
        ("delete_ai_recommendation_job", "AIRecommendationJobName"),
    ],
)
def test_unknown_names_are_resource_not_found(world: Any, operation: str, member: str) -> None:
    sm, _, _ = world
    code, message = error_of(getattr(sm, operation), **{member: "nothing-here"})
    assert code == "ResourceNotFound" and "nothing-here" in message


def test_what_a_job_names_must_exist(world: Any) -> None:
    sm, _, _ = world
    code, _ = error_of(
        sm.create_ai_benchmark_job, **benchmark_request(AIWorkloadConfigIdentifier="no-such")
    )
    assert code == "ResourceNotFound"
    code, message = error_of(
        sm.create_ai_benchmark_job,
        **benchmark_request(BenchmarkTarget={"Endpoint": {"Identifier": "no-such-ep"}}),
    )
    assert code == "ResourceNotFound" and "no-such-ep" in message
    code, message = error_of(
        sm.create_ai_benchmark_job,
        **benchmark_request(OutputConfig={"S3OutputLocation": "s3://no-such-bucket/x/"}),
    )
    assert code == "ValidationException" and "no-such-bucket" in message
    code, message = error_of(
        sm.create_ai_recommendation_job,
        **recommendation_request(ModelSource={"S3": {"S3Uri": f"s3://{BUCKET}/empty/"}}),
    )
    assert code == "ValidationException" and "No model artifacts" in message
    assert sm.list_ai_benchmark_jobs()["AIBenchmarkJobs"] == []
    assert sm.list_ai_recommendation_jobs()["AIRecommendationJobs"] == []


def test_constraint_violations_are_one_aws_validation_exception(world: Any) -> None:
    sm, _, _ = world
    request = recommendation_request(
        AIWorkloadConfigIdentifier="chat-",
        ComputeSpec={
            "InstanceTypes": ["ml.g5.xlarge", "ml.g5.2xlarge", "ml.g6.xlarge", "ml.g6e.xlarge"]
        },
    )
    code, message = error_of(sm.create_ai_recommendation_job, **request)
    assert code == "ValidationException"
    assert message.startswith("2 validation errors detected: ")
    assert "'aIWorkloadConfigIdentifier'" in message or "'AIWorkloadConfigIdentifier'" in message
    assert "Value 'chat-'" in message
    assert "computeSpec.instanceTypes" in message


# --------------------------------------------------------------------------- benchmark jobs


def test_a_benchmark_job_writes_aiperf_results_to_s3_and_logs_to_cloudwatch(world: Any) -> None:
    sm, s3, logs = world
    arn = sm.create_ai_benchmark_job(**benchmark_request())["AIBenchmarkJobArn"]
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    assert job["AIBenchmarkJobArn"] == arn
    assert job["AIBenchmarkJobStatus"] == "Completed"
    assert job["OutputConfig"]["S3OutputLocation"] == f"s3://{BUCKET}/benchmarks/"
    assert job["EndTime"] >= job["CreationTime"]

    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET, Prefix="benchmarks/")["Contents"]]
    (key,) = keys
    assert key.startswith("benchmarks/bmk-bench-1-") and key.endswith("/output/output.tar.gz")
    members = archive_of(s3, job["OutputConfig"]["S3OutputLocation"])
    assert set(members) == {
        "profile_export_aiperf.json",
        "profile_export_aiperf.csv",
        "profile_export.jsonl",
    }
    export = json.loads(members["profile_export_aiperf.json"])
    assert export["aiperf_version"] and export["input_config"]["loadgen"]["concurrency"] == 8
    for name in ("time_to_first_token", "inter_token_latency", "request_latency"):
        block = export[name]
        assert block["unit"] == "ms"
        assert block["p1"] < block["p50"] < block["p99"] <= block["max"]
        assert block["count"] == 200
    assert export["output_token_throughput"]["avg"] > 0

    messages = log_messages(logs, job)
    assert messages[0].startswith("Starting AI benchmark job bench-1")
    assert any("ml.g5.2xlarge" in m and "8.0B" in m for m in messages)
    assert messages[-1] == "AI benchmark job bench-1 completed"


def test_a_sweep_writes_one_export_per_level_and_the_aggregate(world: Any) -> None:
    sm, s3, _ = world
    workload(sm, "sweep", SWEEP)
    sm.create_ai_benchmark_job(**benchmark_request(AIWorkloadConfigIdentifier="sweep"))
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    members = archive_of(s3, job["OutputConfig"]["S3OutputLocation"])
    levels = [1, 4, 16]
    for level in levels:
        assert f"concurrency_{level}/profile_export_aiperf.json" in members
    aggregate = json.loads(members["sweep_aggregate/profile_export_aiperf_sweep.json"])
    combos = aggregate["per_combination_metrics"]
    assert [c["parameters"]["concurrency"] for c in combos] == levels
    throughput = [c["metrics"]["request_throughput"]["mean"] for c in combos]
    ttft = [c["metrics"]["time_to_first_token"]["p50"] for c in combos]
    assert throughput == sorted(throughput) and ttft == sorted(ttft)


def test_a_benchmark_job_runs_on_the_clock_and_writes_results_when_done(timed: Any) -> None:
    mock, sm, s3, logs = timed
    sm.create_ai_benchmark_job(**benchmark_request())
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    assert job["AIBenchmarkJobStatus"] == "InProgress" and "EndTime" not in job
    assert "Contents" not in s3.list_objects_v2(Bucket=BUCKET, Prefix="benchmarks/")
    mock.advance(50)
    early = log_messages(logs, job)
    assert early and "completed" not in early[-1]
    # A list-only poller sees the job finish once its time has passed.
    mock.advance(60)
    (summary,) = sm.list_ai_benchmark_jobs()["AIBenchmarkJobs"]
    assert summary["AIBenchmarkJobStatus"] == "Completed"
    assert len(log_messages(logs, job)) > len(early)
    assert archive_of(s3, f"s3://{BUCKET}/benchmarks/")


def test_a_stopped_benchmark_job_stops_and_frees_its_workload(timed: Any) -> None:
    mock, sm, _, logs = timed
    sm.create_ai_benchmark_job(**benchmark_request())
    code, message = error_of(sm.delete_ai_workload_config, AIWorkloadConfigName="chat")
    assert code == "ResourceInUse" and "bench-1" in message
    code, message = error_of(sm.delete_ai_benchmark_job, AIBenchmarkJobName="bench-1")
    assert code == "ValidationException"
    assert message.startswith("AI benchmark job 'bench-1' is ") and "terminal state" in message
    sm.stop_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    assert job["AIBenchmarkJobStatus"] == "Stopping"
    mock.advance(100)
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    assert job["AIBenchmarkJobStatus"] == "Stopped"
    assert "Stop requested; ending the benchmark" in log_messages(logs, job)
    sm.delete_ai_workload_config(AIWorkloadConfigName="chat")
    sm.delete_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    code, _ = error_of(sm.describe_ai_benchmark_job, AIBenchmarkJobName="bench-1")
    assert code == "ResourceNotFound"


def test_the_failure_tag_fails_a_benchmark_job_with_its_reason_in_the_log(world: Any) -> None:
    sm, _, logs = world
    reason = "ClientError: the endpoint answered HTTP 424 to every request"
    sm.create_ai_benchmark_job(**benchmark_request(Tags=[{"Key": FAIL_JOB_TAG, "Value": reason}]))
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    assert job["AIBenchmarkJobStatus"] == "Failed"
    assert job["FailureReason"] == reason
    assert f"ERROR {reason}" in log_messages(logs, job)


def test_a_model_too_big_for_the_endpoint_fails_the_job(world: Any) -> None:
    sm, _, _ = world
    tags = [{"Key": MODEL_PARAMETERS_TAG, "Value": "70B"}]
    sm.create_ai_benchmark_job(**benchmark_request(Tags=tags))
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    assert job["AIBenchmarkJobStatus"] == "Failed"
    assert "does not fit ml.g5.2xlarge" in job["FailureReason"]


def test_jobs_are_paged_with_stable_tokens(world: Any) -> None:
    sm, _, _ = world
    for index in range(5):
        sm.create_ai_benchmark_job(**benchmark_request(f"bench-{index}"))
    first = sm.list_ai_benchmark_jobs(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    assert [j["AIBenchmarkJobName"] for j in first["AIBenchmarkJobs"]] == ["bench-0", "bench-1"]
    # A job created between two pages neither repeats nor skips one.
    sm.create_ai_benchmark_job(**benchmark_request("bench-00"))
    rest: list[str] = []
    token = first["NextToken"]
    while token:
        page = sm.list_ai_benchmark_jobs(
            MaxResults=2, SortBy="Name", SortOrder="Ascending", NextToken=token
        )
        rest += [j["AIBenchmarkJobName"] for j in page["AIBenchmarkJobs"]]
        token = page.get("NextToken")
    assert rest == ["bench-2", "bench-3", "bench-4"]
    paginator = sm.get_paginator("list_ai_benchmark_jobs")
    names = [
        j["AIBenchmarkJobName"]
        for page in paginator.paginate(StatusEquals="Completed", PaginationConfig={"PageSize": 4})
        for j in page["AIBenchmarkJobs"]
    ]
    assert sorted(names) == ["bench-0", "bench-00", "bench-1", "bench-2", "bench-3", "bench-4"]


def test_tags_go_through_moto_tagging(world: Any) -> None:
    sm, _, _ = world
    arn = sm.create_ai_benchmark_job(**benchmark_request(Tags=[{"Key": "team", "Value": "llm"}]))[
        "AIBenchmarkJobArn"
    ]
    sm.add_tags(ResourceArn=arn, Tags=[{"Key": "stage", "Value": "dev"}])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "llm"},
        {"Key": "stage", "Value": "dev"},
    ]
    sm.delete_tags(ResourceArn=arn, TagKeys=["team"])
    job = sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    assert job["Tags"] == [{"Key": "stage", "Value": "dev"}]


# --------------------------------------------------------------------------- recommendation jobs


def test_a_recommendation_job_benchmarks_each_candidate_and_ranks_by_cost(world: Any) -> None:
    sm, s3, _ = world
    arn = sm.create_ai_recommendation_job(
        **recommendation_request(InferenceSpecification={"Framework": "VLLM"})
    )["AIRecommendationJobArn"]
    job = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    assert job["AIRecommendationJobArn"] == arn
    assert job["AIRecommendationJobStatus"] == "Completed"
    recommendations = job["Recommendations"]
    # Three instance types, each as is and optimised (optimisation is allowed by default).
    assert len(recommendations) == 6
    costs = [metric(r, "cost") / metric(r, "throughput") for r in recommendations]  # cost per token
    assert costs == sorted(costs)
    types = {r["DeploymentConfiguration"]["InstanceType"] for r in recommendations}
    assert types == {"ml.g5.2xlarge", "ml.g6e.2xlarge", "ml.g5.12xlarge"}
    for recommendation in recommendations:
        config = recommendation["DeploymentConfiguration"]
        assert "/vllm:" in config["ImageUri"]
        assert config["EnvironmentVariables"]["SM_VLLM_TENSOR_PARALLEL_SIZE"] == "1"
        assert config["S3"][0] == {
            "ChannelName": "model",
            "Uri": recommendation_request()["ModelSource"]["S3"]["S3Uri"],
        }
        if has_member("AIRecommendationDeploymentConfiguration", "MinCpuMemoryRequiredInMb"):
            # Older botocore models (the floor's) lack the member: botocore drops it.
            assert config["MinCpuMemoryRequiredInMb"] >= 1
        details = recommendation["ModelDetails"]["InstanceDetails"][0]
        assert details["CopyCountPerInstance"] == config["CopyCountPerInstance"]
        assert details["InstanceType"] == config["InstanceType"]
        for entry in recommendation["ExpectedPerformance"]:
            assert entry["Stat"] and entry["Unit"] and float(entry["Value"]) > 0
        bench_name = recommendation["AIBenchmarkJobArn"].rsplit("/", 1)[1]
        bench = sm.describe_ai_benchmark_job(AIBenchmarkJobName=bench_name)
        assert bench["AIBenchmarkJobStatus"] == "Completed"
        assert archive_of(s3, bench["OutputConfig"]["S3OutputLocation"])
    big = [
        r
        for r in recommendations
        if r["DeploymentConfiguration"]["InstanceType"] == "ml.g5.12xlarge"
    ]
    assert {r["DeploymentConfiguration"]["CopyCountPerInstance"] for r in big} == {4}
    optimised = [r for r in recommendations if r.get("OptimizationDetails")]
    assert len(optimised) == 3
    assert {d["OptimizationType"] for d in optimised[0]["OptimizationDetails"]} == {
        "SpeculativeDecoding",
        "KernelTuning",
    }
    listed = {j["AIBenchmarkJobArn"] for j in sm.list_ai_benchmark_jobs()["AIBenchmarkJobs"]}
    assert {r["AIBenchmarkJobArn"] for r in recommendations} <= listed


@pytest.mark.parametrize(
    ("metric_name", "better"), [("ttft-ms", "lower"), ("throughput", "higher")]
)
def test_recommendations_are_ordered_by_the_performance_target(
    world: Any, metric_name: str, better: str
) -> None:
    sm, _, _ = world
    sm.create_ai_recommendation_job(
        **recommendation_request(
            PerformanceTarget={"Constraints": [{"Metric": metric_name}]}, OptimizeModel=False
        )
    )
    job = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    values = [metric(r, metric_name) for r in job["Recommendations"]]
    assert len(values) == 3
    assert values == sorted(values, reverse=better == "higher")
    assert not any(r.get("OptimizationDetails") for r in job["Recommendations"])


def test_a_bigger_model_needs_tensor_parallelism_or_is_skipped(world: Any) -> None:
    sm, _, _ = world
    sm.create_ai_recommendation_job(
        **recommendation_request(
            Tags=[{"Key": MODEL_PARAMETERS_TAG, "Value": "34B"}],
            ComputeSpec={"InstanceTypes": ["ml.g5.2xlarge", "ml.g6e.12xlarge"]},
            OptimizeModel=False,
        )
    )
    job = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    (only,) = job["Recommendations"]
    config = only["DeploymentConfiguration"]
    assert config["InstanceType"] == "ml.g6e.12xlarge"
    assert config["EnvironmentVariables"]["OPTION_TENSOR_PARALLEL_DEGREE"] == "2"
    assert config["CopyCountPerInstance"] == 2
    sm.create_ai_recommendation_job(
        **recommendation_request(
            "sizing-2",
            Tags=[{"Key": MODEL_PARAMETERS_TAG, "Value": "70B"}],
            ComputeSpec={"InstanceTypes": ["ml.g5.2xlarge"]},
        )
    )
    failed = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-2")
    assert failed["AIRecommendationJobStatus"] == "Failed"
    assert "ml.g5.2xlarge" in failed["FailureReason"] and "does not fit" in failed["FailureReason"]


def test_a_failed_candidate_is_left_out_and_its_benchmark_job_fails(world: Any) -> None:
    sm, _, logs = world
    sm.create_ai_recommendation_job(
        **recommendation_request(
            Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.g6e.2xlarge"}], OptimizeModel=False
        )
    )
    job = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    kept = {r["DeploymentConfiguration"]["InstanceType"] for r in job["Recommendations"]}
    assert kept == {"ml.g5.2xlarge", "ml.g5.12xlarge"}
    failed = sm.list_ai_benchmark_jobs(StatusEquals="Failed")["AIBenchmarkJobs"]
    (summary,) = failed
    bench = sm.describe_ai_benchmark_job(AIBenchmarkJobName=summary["AIBenchmarkJobName"])
    assert "ml.g6e.2xlarge" in bench["FailureReason"]
    assert any(m.startswith("ERROR ClientError") for m in log_messages(logs, bench))


def test_the_failure_tag_fails_a_recommendation_job(world: Any) -> None:
    sm, _, _ = world
    sm.create_ai_recommendation_job(
        **recommendation_request(Tags=[{"Key": FAIL_JOB_TAG, "Value": "capacity unavailable"}])
    )
    job = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    assert job["AIRecommendationJobStatus"] == "Failed"
    assert job["FailureReason"] == "capacity unavailable"
    assert "Recommendations" not in job


def test_a_recommendation_job_runs_on_the_clock_and_stops_with_its_benchmarks(
    timed: Any,
) -> None:
    mock, sm, _, _ = timed
    sm.create_ai_recommendation_job(**recommendation_request(OptimizeModel=False))
    job = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    assert job["AIRecommendationJobStatus"] == "InProgress"
    # Its benchmark jobs exist from the moment it starts them.
    assert sm.list_ai_benchmark_jobs()["AIBenchmarkJobs"] == []
    mock.advance(40)
    running = sm.list_ai_benchmark_jobs()["AIBenchmarkJobs"]
    assert len(running) == 3
    assert {j["AIBenchmarkJobStatus"] for j in running} == {"InProgress"}
    code, _ = error_of(sm.delete_ai_recommendation_job, AIRecommendationJobName="sizing-1")
    assert code == "ValidationException"
    sm.stop_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    mock.advance(100)
    job = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    assert job["AIRecommendationJobStatus"] == "Stopped"
    statuses = {j["AIBenchmarkJobStatus"] for j in sm.list_ai_benchmark_jobs()["AIBenchmarkJobs"]}
    assert statuses == {"Stopped"}
    sm.delete_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    assert sm.list_ai_recommendation_jobs()["AIRecommendationJobs"] == []


def test_recommendation_jobs_are_listed_and_filtered(world: Any) -> None:
    sm, _, _ = world
    for name in ("alpha", "beta", "gamma"):
        sm.create_ai_recommendation_job(**recommendation_request(name, OptimizeModel=False))
    listed = sm.list_ai_recommendation_jobs(NameContains="a", SortBy="Name", SortOrder="Ascending")
    names = [j["AIRecommendationJobName"] for j in listed["AIRecommendationJobs"]]
    assert names == ["alpha", "beta", "gamma"]
    assert sm.list_ai_recommendation_jobs(StatusEquals="Failed")["AIRecommendationJobs"] == []
    first = sm.list_ai_recommendation_jobs(MaxResults=1)
    assert len(first["AIRecommendationJobs"]) == 1 and first["NextToken"]


# --------------------------------------------------------------------------- the serving model


def test_the_serving_model_behaves_as_llm_serving_does() -> None:
    from ai_world import LLAMA_3_8B
    from irclient.testing._simulator import _llm

    model = _llm.llm_from_config(LLAMA_3_8B)
    assert model is not None and 7.9e9 < model.parameters < 8.1e9
    traffic = _llm.Traffic()
    a10g = _llm.place(model, "ml.g5.2xlarge")
    l40s = _llm.place(model, "ml.g6e.2xlarge")
    assert a10g is not None and l40s is not None
    low, high = _llm.serve(model, a10g, traffic, 1), _llm.serve(model, a10g, traffic, 16)
    # Concurrency buys throughput with latency.
    assert high.output_tokens_per_second > 4 * low.output_tokens_per_second
    assert high.ttft_ms > low.ttft_ms
    # More memory bandwidth decodes faster.
    assert _llm.serve(model, l40s, traffic, 1).itl_ms < low.itl_ms
    # A bigger model is slower on the same GPUs, and needs more of them.
    big = _llm.llm_of_size(30e9)
    spread = _llm.place(big, "ml.g5.12xlarge")
    assert spread is not None and spread.tensor_parallel == 4 and spread.copies == 1
    assert _llm.place(big, "ml.g5.2xlarge") is None
    # Speculative decoding helps most at low concurrency.
    fast = _llm.serve(model, a10g, traffic, 1, speculative=True)
    assert fast.itl_ms < 0.7 * low.itl_ms
    # Deterministic: the same question, the same answer.
    assert _llm.serve(model, a10g, traffic, 16) == high
    assert _llm.parse_parameters("70B") == 70e9 and _llm.parse_parameters("big") is None
