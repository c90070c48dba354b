"""Plain boto3, as an application or a dashboard uses it, against the simulator.

Each test asserts what AWS does (issue 21, sections 1-3, and the generative-AI family).
"""

from __future__ import annotations

import time
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from ai_world import archive_of, benchmark_request, build, log_messages, recommendation_request
from ai_world import workload as create_workload

from .support import Simulator, create_model, default_job

pytestmark = pytest.mark.peers


def sagemaker() -> Any:
    # boto3's default chain: the Region, credentials and endpoint come from the environment.
    return boto3.client("sagemaker")


def test_paginators_walk_every_job_and_step_once(simulator: Simulator) -> None:
    client = sagemaker()
    create_model(client)
    for name in ("pager-a", "pager-b", "pager-c"):
        client.create_inference_recommendations_job(**default_job(name))

    jobs = client.get_paginator("list_inference_recommendations_jobs")
    pages = list(jobs.paginate(PaginationConfig={"PageSize": 2}))
    names = [job["JobName"] for page in pages for job in page["InferenceRecommendationsJobs"]]
    assert len(pages) == 2
    assert sorted(names) == ["pager-a", "pager-b", "pager-c"]

    assert client.describe_inference_recommendations_job(JobName="pager-a")["Status"] == (
        "COMPLETED"
    )
    steps = client.get_paginator("list_inference_recommendations_job_steps")
    walked = [
        # EndpointName, not InstanceType: the combined list has serverless steps too.
        step["InferenceBenchmark"]["EndpointConfiguration"]["EndpointName"]
        for page in steps.paginate(JobName="pager-a", PaginationConfig={"PageSize": 3})
        for step in page["Steps"]
    ]
    whole = client.list_inference_recommendations_job_steps(JobName="pager-a")["Steps"]
    assert len(walked) == len(whole) > 3
    assert len(set(walked)) == len(walked)


def test_a_stopped_job_ends_stopped(simulator: Simulator) -> None:
    simulator.set_transition({"progression": "manual", "times": 1})
    client = sagemaker()
    create_model(client)
    client.create_inference_recommendations_job(**default_job("halted"))
    client.stop_inference_recommendations_job(JobName="halted")
    seen = [client.describe_inference_recommendations_job(JobName="halted")["Status"]]
    while seen[-1] == "STOPPING" and len(seen) < 5:
        seen.append(client.describe_inference_recommendations_job(JobName="halted")["Status"])
    assert seen[-1] == "STOPPED"


def test_a_list_only_poller_sees_its_job_finish(simulator: Simulator) -> None:
    client = sagemaker()
    create_model(client)
    client.create_inference_recommendations_job(**default_job("listed"))
    # Under moto's immediate progression the first read of any kind finds the job finished.
    (summary,) = client.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]
    assert summary["Status"] == "COMPLETED"


def test_a_job_is_as_far_along_as_the_time_passed_allows(simulator: Simulator) -> None:
    simulator.set_transition({"progression": "time", "seconds": 0.4})
    client = sagemaker()
    create_model(client)
    client.create_inference_recommendations_job(**default_job("timed"))
    # PENDING -> IN_PROGRESS -> COMPLETED is two steps of 0.4 s: 1.2 s allow both.
    time.sleep(1.2)
    assert client.describe_inference_recommendations_job(JobName="timed")["Status"] == ("COMPLETED")


def test_tags_given_at_create_are_listed_added_and_deleted(simulator: Simulator) -> None:
    client = sagemaker()
    create_model(client)
    arn = client.create_inference_recommendations_job(
        **default_job("tagged", Tags=[{"Key": "team", "Value": "vision"}])
    )["JobArn"]
    assert client.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "vision"}]
    client.add_tags(ResourceArn=arn, Tags=[{"Key": "stage", "Value": "dev"}])
    client.delete_tags(ResourceArn=arn, TagKeys=["team"])
    assert client.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "stage", "Value": "dev"}]


def test_a_name_differing_only_in_case_is_in_use(simulator: Simulator) -> None:
    client = sagemaker()
    create_model(client)
    client.create_inference_recommendations_job(**default_job("alpha-1"))
    with pytest.raises(ClientError) as refused:
        client.create_inference_recommendations_job(**default_job("Alpha-1"))
    assert refused.value.response["Error"]["Code"] == "ResourceInUse"


def test_a_default_job_without_an_endpoint_type_benchmarks_both_kinds(
    simulator: Simulator,
) -> None:
    client = sagemaker()
    create_model(client)
    client.create_inference_recommendations_job(**default_job("combined"))
    client.describe_inference_recommendations_job(JobName="combined")
    steps = client.list_inference_recommendations_job_steps(JobName="combined")["Steps"]
    kinds = {
        "serverless" if "ServerlessConfig" in configuration else "real-time"
        for configuration in (s["InferenceBenchmark"]["EndpointConfiguration"] for s in steps)
    }
    assert kinds == {"serverless", "real-time"}


def test_default_recommendations_carry_environment_parameters(simulator: Simulator) -> None:
    client = sagemaker()
    create_model(client)
    client.create_inference_recommendations_job(**default_job("environment"))
    job = client.describe_inference_recommendations_job(JobName="environment")
    assert job["InferenceRecommendations"]
    for recommendation in job["InferenceRecommendations"]:
        assert isinstance(recommendation["ModelConfiguration"]["EnvironmentParameters"], list)


def finished_with_results(client: Any, request: dict[str, Any]) -> bool:
    """Whether a job AWS must refuse or fail was accepted and completed with results."""
    try:
        client.create_inference_recommendations_job(**request)
    except ClientError as refused:
        assert refused.response["Error"]["Code"] in {"ValidationException", "ResourceNotFound"}
        return False
    job = client.describe_inference_recommendations_job(JobName=request["JobName"])
    return job["Status"] == "COMPLETED" or bool(job.get("EndpointPerformances"))


def test_a_job_on_a_model_that_does_not_exist_gets_no_results(simulator: Simulator) -> None:
    assert not finished_with_results(sagemaker(), default_job("ghost", model="never-created"))


def test_a_job_on_a_package_that_does_not_exist_gets_no_results(simulator: Simulator) -> None:
    request = default_job("ghost-package")
    del request["InputConfig"]["ModelName"]
    request["InputConfig"]["ModelPackageVersionArn"] = (
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/never-registered/1"
    )
    assert not finished_with_results(sagemaker(), request)


def test_a_job_on_an_endpoint_that_does_not_exist_gets_no_results(simulator: Simulator) -> None:
    client = sagemaker()
    create_model(client)
    request = default_job("ghost-endpoint", JobType="Advanced")
    request["InputConfig"]["Endpoints"] = [{"EndpointName": "no-such-endpoint"}]
    assert not finished_with_results(client, request)


def test_a_job_created_between_pages_repeats_and_skips_nothing(simulator: Simulator) -> None:
    client = sagemaker()
    create_model(client)
    for name in ("page-a", "page-b", "page-c"):
        client.create_inference_recommendations_job(**default_job(name))
        time.sleep(0.01)  # distinct creation times, so the order is certain
    first = client.list_inference_recommendations_jobs(MaxResults=2, SortBy="CreationTime")
    client.create_inference_recommendations_job(**default_job("page-d"))
    rest = client.list_inference_recommendations_jobs(
        MaxResults=2, SortBy="CreationTime", NextToken=first["NextToken"]
    )
    seen = [
        job["JobName"] for page in (first, rest) for job in page["InferenceRecommendationsJobs"]
    ]
    # Newest first: the first page held c and b; the rest of that listing is a.
    assert seen == ["page-c", "page-b", "page-a"]


def described_until_done(describe: Any, status_of: str, terminal: set[str]) -> list[str]:
    """The statuses a poller sees, describing until the job ends (at most 20 reads)."""
    seen = [describe()[status_of]]
    while seen[-1] not in terminal and len(seen) < 20:
        seen.append(describe()[status_of])
    return seen


def test_the_generative_ai_family_runs_as_a_poller_uses_it(simulator: Simulator) -> None:
    # Two reads a step: a poller sees the jobs running before they finish.
    simulator.set_transition({"progression": "manual", "times": 2})
    client, s3, logs = sagemaker(), boto3.client("s3"), boto3.client("logs")
    build(client, s3)
    config_arn = create_workload(client)
    assert config_arn.endswith(":ai-workload-config/chat")

    client.create_ai_benchmark_job(**benchmark_request())
    seen = described_until_done(
        lambda: client.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1"),
        "AIBenchmarkJobStatus",
        {"Completed", "Failed", "Stopped"},
    )
    assert seen[0] == "InProgress" and seen[-1] == "Completed"
    bench = client.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")
    members = archive_of(s3, bench["OutputConfig"]["S3OutputLocation"])
    assert "profile_export_aiperf.json" in members
    assert log_messages(logs, bench)[-1] == "AI benchmark job bench-1 completed"

    client.create_ai_recommendation_job(**recommendation_request())
    seen = described_until_done(
        lambda: client.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1"),
        "AIRecommendationJobStatus",
        {"Completed", "Failed", "Stopped"},
    )
    assert seen[-1] == "Completed"
    job = client.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
    assert job["Recommendations"]

    benchmarks = [
        summary
        for page in client.get_paginator("list_ai_benchmark_jobs").paginate(
            PaginationConfig={"PageSize": 1}
        )
        for summary in page["AIBenchmarkJobs"]
    ]
    arns = {summary["AIBenchmarkJobArn"] for summary in benchmarks}
    # The recommendation job benchmarks its candidates with jobs of its own, listed too.
    assert bench["AIBenchmarkJobArn"] in arns and len(arns) == len(benchmarks) > 1
    assert {r["AIBenchmarkJobArn"] for r in job["Recommendations"]} <= arns
    configs = client.list_ai_workload_configs()["AIWorkloadConfigs"]
    assert [c["AIWorkloadConfigName"] for c in configs] == ["chat"]
    listed = client.list_ai_recommendation_jobs()["AIRecommendationJobs"]
    assert [(j["AIRecommendationJobName"], j["AIRecommendationJobStatus"]) for j in listed] == [
        ("sizing-1", "Completed")
    ]
