"""The generative-AI family through irclient's client, in process and in moto's server mode.

Server mode runs on the loopback interface only; plain boto3 and the client share one server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests

from ai_world import (
    SWEEP,
    archive_of,
    benchmark_request,
    build,
    log_messages,
    recommendation_request,
    workload,
)
from irclient import (
    InferenceRecommenderClient,
    JobFailedError,
    ResourceInUse,
    ResourceNotFound,
    RetryPolicy,
    ValidationError,
)
from irclient.diagnosis import AIDiagnosis
from irclient.models import (
    AIBenchmarkJobStatus,
    AIRecommendationJobStatus,
    DescribeAIRecommendationJobResponse,
)
from irclient.testing import (
    AI_BENCHMARK_MODEL_NAME,
    FAIL_JOB_TAG,
    mock_inference_recommender,
)

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def run_family(client: InferenceRecommenderClient, s3: Any, logs: Any) -> None:
    """The whole family through the typed client, as a user's code would run it."""
    client.create_ai_workload_config(
        {
            "AIWorkloadConfigName": "chat",
            "AIWorkloadConfigs": {"WorkloadSpec": {"Inline": workload_inline()}},
        }
    )
    config = client.describe_ai_workload_config(ai_workload_config_name="chat")
    assert config.ai_workload_config_arn.endswith(":ai-workload-config/chat")
    with pytest.raises(ResourceInUse):
        client.create_ai_workload_config(
            {
                "AIWorkloadConfigName": "Chat",
                "AIWorkloadConfigs": {"WorkloadSpec": {"Inline": workload_inline()}},
            }
        )

    client.create_ai_benchmark_job(benchmark_request())
    bench = client.describe_ai_benchmark_job(ai_benchmark_job_name="bench-1")
    assert bench.ai_benchmark_job_status == AIBenchmarkJobStatus.COMPLETED
    members = archive_of(s3, bench.output_config.s3_output_location)
    export = json.loads(members["profile_export_aiperf.json"])
    assert export["time_to_first_token"]["unit"] == "ms"
    assert log_messages(logs, bench.to_dict())[-1] == "AI benchmark job bench-1 completed"

    client.create_ai_recommendation_job(recommendation_request())
    job = client.describe_ai_recommendation_job(ai_recommendation_job_name="sizing-1")
    assert isinstance(job, DescribeAIRecommendationJobResponse)
    assert job.ai_recommendation_job_status == AIRecommendationJobStatus.COMPLETED
    assert job.recommendations
    first = job.recommendations[0]
    assert first.deployment_configuration is not None
    assert first.deployment_configuration.environment_variables is not None
    assert "OPTION_TENSOR_PARALLEL_DEGREE" in first.deployment_configuration.environment_variables
    assert first.ai_benchmark_job_arn is not None
    arns = {j.ai_benchmark_job_arn for j in client.iter_ai_benchmark_jobs(page_size=2)}
    assert {r.ai_benchmark_job_arn for r in job.recommendations} <= arns
    assert len(arns) == 1 + len(job.recommendations)
    names = [j.ai_recommendation_job_name for j in client.iter_ai_recommendation_jobs()]
    assert names == ["sizing-1"]
    assert [c.ai_workload_config_name for c in client.iter_ai_workload_configs()] == ["chat"]

    with pytest.raises(ResourceNotFound):
        client.describe_ai_benchmark_job(ai_benchmark_job_name="nothing")
    with pytest.raises(ValidationError) as refused:
        client.create_ai_benchmark_job(benchmark_request(AIWorkloadConfigIdentifier="chat-"))
    assert "ai_workload_config_identifier" in str(refused.value)

    client.delete_ai_recommendation_job(ai_recommendation_job_name="sizing-1")
    client.delete_ai_benchmark_job(ai_benchmark_job_name="bench-1")
    client.delete_ai_workload_config(ai_workload_config_name="chat")
    assert list(client.iter_ai_workload_configs()) == []


def workload_inline() -> str:
    from ai_world import SINGLE

    return SINGLE


def test_the_client_runs_the_family_in_process() -> None:
    with mock_inference_recommender():
        client = InferenceRecommenderClient(region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        logs = boto3.client("logs", region_name="us-east-1")
        build(boto3.client("sagemaker", region_name="us-east-1"), s3)
        run_family(client, s3, logs)


def test_the_client_sees_a_failed_benchmark_job_with_its_reason() -> None:
    with mock_inference_recommender():
        client = InferenceRecommenderClient(region_name="us-east-1")
        sm = boto3.client("sagemaker", region_name="us-east-1")
        build(sm, boto3.client("s3", region_name="us-east-1"))
        workload(sm)
        client.create_ai_benchmark_job(
            benchmark_request(Tags=[{"Key": FAIL_JOB_TAG, "Value": "endpoint overloaded"}])
        )
        job = client.describe_ai_benchmark_job(ai_benchmark_job_name="bench-1")
        assert job.ai_benchmark_job_status == AIBenchmarkJobStatus.FAILED
        assert job.failure_reason == "endpoint overloaded"


# --------------------------------------------------------------------------- server mode


@pytest.fixture
def url(ir_server_url: str) -> Iterator[str]:
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)
    yield ir_server_url
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)
    requests.post(
        f"{ir_server_url}/moto-api/state-manager/unset-transition",
        data=json.dumps({"model_name": AI_BENCHMARK_MODEL_NAME}),
        timeout=5,
    )


def served(service: str, url: str) -> Any:
    return boto3.client(service, region_name="us-east-1", endpoint_url=url, **CREDENTIALS)


def test_plain_boto3_and_the_client_run_the_family_over_http(url: str) -> None:
    sm, s3, logs = served("sagemaker", url), served("s3", url), served("logs", url)
    build(sm, s3)
    session = boto3.Session(region_name="us-east-1", **CREDENTIALS)
    client = InferenceRecommenderClient(
        session.client("sagemaker", endpoint_url=url), validate=True
    )
    run_family(client, s3, logs)


def test_the_state_manager_drives_ai_benchmark_jobs_over_http(url: str) -> None:
    sm, s3 = served("sagemaker", url), served("s3", url)
    build(sm, s3)
    workload(sm)
    requests.post(
        f"{url}/moto-api/state-manager/set-transition",
        data=json.dumps(
            {
                "model_name": AI_BENCHMARK_MODEL_NAME,
                "transition": {"progression": "manual", "times": 3},
            }
        ),
        timeout=5,
    ).raise_for_status()
    sm.create_ai_benchmark_job(**benchmark_request())
    statuses = [
        sm.describe_ai_benchmark_job(AIBenchmarkJobName="bench-1")["AIBenchmarkJobStatus"]
        for _ in range(3)
    ]
    assert statuses == ["InProgress", "InProgress", "Completed"]


# --------------------------------------------------------------------------- waiting, why, logs


@pytest.fixture
def timed() -> Iterator[tuple[Any, InferenceRecommenderClient]]:
    """A world on a frozen clock (100 s a phase) and a client whose sleeps advance it."""
    with mock_inference_recommender(
        transition={"progression": "time", "seconds": 100}, freeze_time=True
    ) as mock:
        sm = boto3.client("sagemaker", region_name="us-east-1")
        build(sm, boto3.client("s3", region_name="us-east-1"))
        workload(sm)
        policy = RetryPolicy(sleep=mock.advance)
        yield sm, InferenceRecommenderClient(region_name="us-east-1", retry=policy)


def test_waiting_for_an_ai_benchmark_job_polls_until_it_ends(timed: Any) -> None:
    sm, client = timed
    sm.create_ai_benchmark_job(**benchmark_request())
    seen: list[str] = []
    job = client.wait_for_ai_benchmark_job(
        "bench-1", poll_interval=30, on_poll=lambda r: seen.append(str(r.ai_benchmark_job_status))
    )
    assert job.ai_benchmark_job_status == AIBenchmarkJobStatus.COMPLETED
    assert seen[:4] == ["InProgress"] * 4 and seen[-1] == "Completed"


def test_a_failed_ai_benchmark_job_raises_with_a_diagnosis_quoting_its_log(timed: Any) -> None:
    sm, client = timed
    reason = "ClientError: the endpoint answered HTTP 424 to every request"
    sm.create_ai_benchmark_job(**benchmark_request(Tags=[{"Key": FAIL_JOB_TAG, "Value": reason}]))
    with pytest.raises(JobFailedError) as failed:
        client.wait_for_ai_benchmark_job("bench-1", poll_interval=60)
    assert failed.value.failure_reason == reason
    report = failed.value.diagnosis
    assert isinstance(report, AIDiagnosis) and report.failed
    (stream,) = report.log_streams
    assert stream.log_group == "/aws/sagemaker/TrainingJobs"
    assert stream.lines[-1].message == f"ERROR {reason}"
    assert f"ERROR {reason}" in str(report)
    assert report.to_dict()["log_streams"][0]["lines"][-1]["message"] == f"ERROR {reason}"


def test_a_failed_recommendation_job_is_diagnosed_from_its_benchmark_jobs(timed: Any) -> None:
    sm, client = timed
    sm.create_ai_recommendation_job(
        **recommendation_request(
            Tags=[{"Key": FAIL_JOB_TAG, "Value": "capacity unavailable"}], OptimizeModel=False
        )
    )
    with pytest.raises(JobFailedError) as failed:
        client.wait_for_ai_recommendation_job("sizing-1", poll_interval=60)
    report = failed.value.diagnosis
    assert isinstance(report, AIDiagnosis)
    assert len(report.failed_benchmarks) == 3
    assert {b.failure_reason for b in report.failed_benchmarks} == {"capacity unavailable"}
    assert all(s.lines[-1].message == "ERROR capacity unavailable" for s in report.log_streams)
    again = client.diagnose_ai_job("recommendation", "sizing-1")
    assert again.failed_benchmarks == report.failed_benchmarks


def test_an_ai_jobs_logs_come_in_time_order_and_follow_until_it_ends(timed: Any) -> None:
    sm, client = timed
    sm.create_ai_benchmark_job(**benchmark_request())
    events = list(client.iter_ai_job_logs("benchmark", "bench-1", follow=True, poll_interval=50))
    messages = [e.message for e in events]
    assert messages[0].startswith("Starting AI benchmark job bench-1")
    assert messages[-1] == "AI benchmark job bench-1 completed"
    assert [e.timestamp for e in events] == sorted(e.timestamp for e in events)
    assert len(messages) == len(set(messages))
    sm.create_ai_recommendation_job(**recommendation_request(OptimizeModel=False))
    client.wait_for_ai_recommendation_job("sizing-1", poll_interval=100)
    streams = {e.log_stream for e in client.iter_ai_job_logs("recommendation", "sizing-1")}
    assert len(streams) == 3


# --------------------------------------------------------------------------- results reader


SEARCH = """\
benchmark:
  type: aiperf
parameters:
  prompt_input_tokens_mean: 550
  output_tokens_mean: 150
  search_recipe: max-concurrency-under-sla
  ttft_sla_ms: 400
  concurrency_max: 32
"""


@pytest.mark.parametrize(
    ("inline", "levels"),
    [(workload_inline(), [8]), (SWEEP, [1, 4, 16]), (SEARCH, [1, 2, 4, 8, 16, 32])],
    ids=["single", "sweep", "search"],
)
def test_irclients_results_reader_reads_the_simulated_archive(
    inline: str, levels: list[int]
) -> None:
    with mock_inference_recommender():
        client = InferenceRecommenderClient(region_name="us-east-1")
        sm = boto3.client("sagemaker", region_name="us-east-1")
        build(sm, boto3.client("s3", region_name="us-east-1"))
        workload(sm, "w", inline)
        client.create_ai_benchmark_job(benchmark_request(AIWorkloadConfigIdentifier="w"))
        results = client.get_ai_benchmark_results("bench-1")
    if len(levels) > 1:
        assert [level.concurrency for level in results] == levels
    else:
        (level,) = results
        assert level.request_count == 200
    ttft = [level.latency_ms("ttft", "p50") or 0.0 for level in results]
    assert all(value > 0 for value in ttft)
    assert ttft == sorted(ttft)  # more concurrency, longer wait for the first token
    assert all(level.output_tokens_per_second for level in results)
    assert all(level.error_count == 0 for level in results)
