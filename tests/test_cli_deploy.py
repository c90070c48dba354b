"""``irclient deploy`` and ``irclient scaling``, in process and against the simulator's server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests

from cli_support import run
from irclient import cli
from irclient.cli import ExitCode
from irclient.testing import mock_inference_recommender

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

REGION = ("--region", "us-east-1")
ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
JOB = "sizing"


def prepare(**clients: Any) -> dict[str, Any]:
    """A model and a completed Default job, made with plain boto3; returns its describe."""
    sm = boto3.client("sagemaker", region_name="us-east-1", **clients)
    sm.create_model(
        ModelName="resnet50",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1"},
    )
    sm.create_inference_recommendations_job(**cli.example_request(job_name=JOB))
    job: dict[str, Any] = sm.describe_inference_recommendations_job(JobName=JOB)
    assert job["Status"] == "COMPLETED"
    return job


def state(**clients: Any) -> dict[str, Any]:
    sm = boto3.client("sagemaker", region_name="us-east-1", **clients)
    aas = boto3.client("application-autoscaling", region_name="us-east-1", **clients)
    return {
        "configs": [c["EndpointConfigName"] for c in sm.list_endpoint_configs()["EndpointConfigs"]],
        "endpoints": [
            (e["EndpointName"], e["EndpointStatus"]) for e in sm.list_endpoints()["Endpoints"]
        ],
        "targets": [
            (t["ResourceId"], t["MinCapacity"], t["MaxCapacity"])
            for t in aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
        ],
        "policies": [
            (p["PolicyName"], p["TargetTrackingScalingPolicyConfiguration"])
            for p in aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"]
        ],
    }


@pytest.fixture
def sim() -> Iterator[None]:
    with mock_inference_recommender():
        yield


def test_scaling_text_and_json(capsys: pytest.CaptureFixture[str], sim: None) -> None:
    job = prepare()
    rec = job["InferenceRecommendations"][0]
    code, out, err = run(
        capsys, "scaling", JOB, "--recommendation-id", rec["RecommendationId"], *REGION
    )
    assert code == ExitCode.OK and err == ""
    assert "Recommendation:" in out and rec["RecommendationId"] in out
    assert "Target tracking:" in out and "SageMakerVariantInvocationsPerInstance" in out
    code, out, _ = run(
        capsys,
        "scaling",
        JOB,
        "--endpoint-name",
        rec["EndpointConfiguration"]["EndpointName"],
        "--target-cpu-utilization",
        "30",
        "--min-invocations-per-minute",
        "10",
        "--max-invocations-per-minute",
        "100000",
        "--json",
        *REGION,
    )
    data = json.loads(out)
    assert code == ExitCode.OK
    assert data["RecommendationId"] == rec["RecommendationId"]
    assert data["TargetCpuUtilizationPerCore"] == 30
    assert data["ScalingPolicyObjective"] == {
        "MinInvocationsPerMinute": 10,
        "MaxInvocationsPerMinute": 100000,
    }


def test_scaling_errors_are_one_line(capsys: pytest.CaptureFixture[str], sim: None) -> None:
    prepare()
    code, _, err = run(capsys, "scaling", JOB, "--recommendation-id", "nope", *REGION)
    assert code == ExitCode.NOT_FOUND and err.count("\n") == 1 and "'nope'" in err
    code, _, err = run(
        capsys,
        "scaling",
        JOB,
        "--recommendation-id",
        "x",
        "--target-cpu-utilization",
        "101",
        *REGION,
    )
    # The option as the user wrote it, not the member it fills: a usage error.
    assert code == ExitCode.USAGE and "--target-cpu-utilization is 101" in err
    code, _, err = run(capsys, "scaling", JOB, *REGION)  # neither ID nor endpoint name
    assert code == ExitCode.USAGE and "--recommendation-id --endpoint-name is required" in err


def test_deploy_best_autoscaled_then_again_then_conflict(
    capsys: pytest.CaptureFixture[str], sim: None
) -> None:
    job = prepare()
    argv = ("deploy", JOB, "--best", "--autoscale", "--poll-interval", "0", *REGION)
    code, out, err = run(capsys, *argv)
    assert code == ExitCode.OK, err
    assert "endpoint configuration" in out and "created" in out and "InService" in out
    first = state()
    ((endpoint, status),) = first["endpoints"]
    assert status == "InService"
    assert len(first["targets"]) == 1 and len(first["policies"]) == 1

    code, out, _ = run(capsys, *argv)
    assert code == ExitCode.OK
    assert "created" not in out and out.count("kept") == 4  # config, endpoint, target, policy
    assert state() == first

    other = job["InferenceRecommendations"][-1]["RecommendationId"]
    code, out, err = run(
        capsys, "deploy", JOB, "--recommendation-id", other, "--endpoint-name", endpoint, *REGION
    )
    assert code == ExitCode.CONFLICT and out == ""
    assert err.count("\n") == 1 and err.startswith("irclient: error: endpoint configuration")
    assert state() == first


def test_deploy_dry_run_sends_nothing(capsys: pytest.CaptureFixture[str], sim: None) -> None:
    prepare()
    before = state()
    code, out, _ = run(
        capsys, "deploy", JOB, "--best", "--autoscale", "--dry-run", "--json", *REGION
    )
    assert code == ExitCode.OK
    assert state() == before
    data = json.loads(out)
    assert data["DryRun"] is True and data["EndpointStatus"] is None
    operations = [r["Operation"] for r in data["Requests"] + data["Scaling"]["Requests"]]
    assert operations == [
        "CreateEndpointConfig",
        "CreateEndpoint",
        "RegisterScalableTarget",
        "PutScalingPolicy",
    ]
    code, out, _ = run(capsys, "deploy", JOB, "--best", "--dry-run", *REGION)
    assert "Dry run: nothing was sent; 2 requests would be (secret values hidden):" in out
    assert "  CreateEndpoint {" in out


def test_deploy_best_with_nothing_qualifying(capsys: pytest.CaptureFixture[str], sim: None) -> None:
    prepare()
    code, _, err = run(capsys, "deploy", JOB, "--best", "--max-latency-ms", "0", *REGION)
    assert code == ExitCode.NOTHING_TO_DEPLOY and "no recommendation" in err
    assert err.count("\n") == 1


def test_unused_options_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "deploy", JOB, "--recommendation-id", "x", "--max-latency-ms", "50", *REGION
    )
    assert code == ExitCode.USAGE and "--max-latency-ms chooses with --best only" in err
    code, _, err = run(capsys, "deploy", JOB, "--best", "--target-cpu-utilization", "40", *REGION)
    assert (
        code == ExitCode.USAGE and "--target-cpu-utilization applies only with --autoscale" in err
    )


@pytest.mark.parametrize("rank_by", ["cost_per_inference", "model_latency"])
def test_rank_by_without_best_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], rank_by: str
) -> None:
    # Even the default metric, given explicitly, says the user expected a ranking.
    code, out, err = run(
        capsys, "deploy", JOB, "--recommendation-id", "x", "--rank-by", rank_by, *REGION
    )
    assert code == ExitCode.USAGE and out == ""
    assert "--rank-by chooses with --best only" in err and err.count("\n") == 1
    code, _, err = run(
        capsys,
        "deploy",
        JOB,
        "--recommendation-id",
        "x",
        "--rank-by",
        rank_by,
        "--cost-importance",
        "high",
        *REGION,
    )
    assert code == ExitCode.USAGE and "--rank-by, --cost-importance choose with --best" in err


def test_best_ranks_by_rank_by_and_by_cost_without_it(
    capsys: pytest.CaptureFixture[str], sim: None
) -> None:
    job = prepare()

    def chosen(*options: str) -> str:
        code, out, _ = run(
            capsys, "deploy", JOB, "--best", *options, "--dry-run", "--json", *REGION
        )
        assert code == ExitCode.OK
        return str(json.loads(out)["RecommendationId"])

    def lowest(metric: str) -> str:
        ranked = sorted(job["InferenceRecommendations"], key=lambda r: r["Metrics"][metric])
        return str(ranked[0]["RecommendationId"])

    # The lowest latency is also the lowest cost per inference here; cost per hour is not.
    per_inference, per_hour = lowest("CostPerInference"), lowest("CostPerHour")
    assert per_inference != per_hour  # else the test could not tell the metrics apart
    assert chosen() == per_inference
    assert chosen("--rank-by", "cost_per_hour") == per_hour
    assert chosen("--rank-by", "cost_per_inference") == per_inference


# --------------------------------------------------------------------------- the simulator's server


@pytest.fixture
def url(ir_server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)
    yield ir_server_url
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)


@pytest.mark.parametrize("how", ["--endpoint-url", "AWS_ENDPOINT_URL"])
def test_the_whole_command_runs_against_the_server(
    capsys: pytest.CaptureFixture[str], url: str, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(endpoint_url=url)
    where: tuple[str, ...] = ("--endpoint-url", url)
    if how == "AWS_ENDPOINT_URL":
        monkeypatch.setenv("AWS_ENDPOINT_URL", url)
        where = ()
    code, out, err = run(
        capsys, "deploy", JOB, "--best", "--autoscale", "--poll-interval", "0", *where, *REGION
    )
    assert code == ExitCode.OK, err
    served = state(endpoint_url=url)
    assert [status for _, status in served["endpoints"]] == ["InService"]
    assert len(served["targets"]) == 1 and len(served["policies"]) == 1
    code, out, _ = run(
        capsys,
        "scaling",
        JOB,
        "--recommendation-id",
        json.loads(run(capsys, "deploy", JOB, "--best", "--dry-run", "--json", *where, *REGION)[1])[
            "RecommendationId"
        ],
        "--json",
        *where,
        *REGION,
    )
    advice = json.loads(out)
    ((_, low, high),) = served["targets"]
    assert (low, high) == (
        advice["DynamicScalingConfiguration"]["MinCapacity"],
        advice["DynamicScalingConfiguration"]["MaxCapacity"],
    )
