"""``irclient ai workload|benchmark|recommendation VERB`` against the simulator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from ai_world import BUCKET, benchmark_request, build, recommendation_request, workload
from cli_support import run
from irclient.cli import ExitCode
from irclient.cli._ai_requests import RESOURCES, example
from irclient.testing import FAIL_JOB_TAG, mock_inference_recommender

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

REGION = ("--region", "us-east-1")


@pytest.fixture
def world() -> Iterator[Any]:
    with mock_inference_recommender():
        sm = boto3.client("sagemaker", region_name="us-east-1")
        build(sm, boto3.client("s3", region_name="us-east-1"))
        workload(sm)
        yield sm


def write(tmp_path: Path, name: str, data: dict[str, Any]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def test_help_lists_the_resources_and_their_verbs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ai", "--help")
    assert code == ExitCode.OK
    for resource in ("workload", "benchmark", "recommendation"):
        assert resource in out
    _, out, _ = run(capsys, "ai", "benchmark", "--help")
    for verb in (
        "skeleton",
        "validate",
        "run",
        "describe",
        "list",
        "stop",
        "delete",
        "why",
        "logs",
    ):
        assert verb in out
    _, out, _ = run(capsys, "ai", "workload", "--help")
    assert "create" in out and " run " not in out and "why" not in out


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_skeletons_parse_and_examples_are_valid_offline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, resource: str
) -> None:
    code, out, _ = run(capsys, "ai", resource, "skeleton")
    assert code == ExitCode.OK
    template = json.loads(out)
    assert f"{RESOURCES[resource].shape}Name" in template
    code, out, _ = run(capsys, "ai", resource, "skeleton", "--example")
    assert json.loads(out) == example(RESOURCES[resource])
    path = write(tmp_path, "example.json", json.loads(out))
    code, out, _ = run(capsys, "ai", resource, "validate", path, "--json")
    assert code == ExitCode.OK and json.loads(out)["Valid"] is True


def test_validate_lists_every_violation_in_one_pass(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = example(RESOURCES["recommendation"])
    data["AIWorkloadConfigIdentifier"] = "chat-"
    data["ComputeSpec"]["InstanceTypes"] = [
        "ml.g5.xlarge",
        "ml.g5.2xlarge",
        "ml.g6.xlarge",
        "ml.g6e.xlarge",
    ]
    path = write(tmp_path, "bad.json", data)
    code, out, _ = run(capsys, "ai", "recommendation", "validate", path, "--json")
    assert code == ExitCode.INVALID_REQUEST
    paths = {v["Path"] for v in json.loads(out)["Violations"]}
    assert "ai_workload_config_identifier" in paths
    assert "compute_spec.instance_types" in paths
    code, _, err = run(capsys, "ai", "recommendation", "run", path)
    assert code == ExitCode.INVALID_REQUEST and "invalid request" in err


def test_workload_configurations_from_create_to_delete(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, world: Any
) -> None:
    path = write(tmp_path, "w.json", example(RESOURCES["workload"]))
    code, out, _ = run(capsys, "ai", "workload", "create", path, "--name", "other", *REGION)
    assert code == ExitCode.OK and ":ai-workload-config/other" in out
    code, out, _ = run(capsys, "ai", "workload", "describe", "other", *REGION)
    assert "concurrency: 8" in out
    code, out, _ = run(capsys, "ai", "workload", "list", *REGION, "--json", "--sort-by", "Name")
    names = [c["AIWorkloadConfigName"] for c in json.loads(out)["AIWorkloadConfigs"]]
    assert names == ["other", "chat"]  # SortOrder defaults to Descending
    code, out, _ = run(capsys, "ai", "workload", "delete", "other", *REGION)
    assert code == ExitCode.OK
    code, _, err = run(capsys, "ai", "workload", "describe", "other", *REGION)
    assert code == ExitCode.NOT_FOUND and "other" in err


def test_a_benchmark_job_runs_and_is_listed_described_and_deleted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, world: Any
) -> None:
    path = write(tmp_path, "b.json", benchmark_request())
    code, out, _ = run(capsys, "ai", "benchmark", "run", path, *REGION, "--json")
    assert code == ExitCode.OK
    job = json.loads(out)
    assert job["AIBenchmarkJobStatus"] == "Completed"
    assert job["OutputConfig"]["S3OutputLocation"] == f"s3://{BUCKET}/benchmarks/"
    for name in ("bench-2", "bench-3"):
        run(capsys, "ai", "benchmark", "run", path, "--name", name, *REGION, "--no-wait")
    code, out, _ = run(capsys, "ai", "benchmark", "list", *REGION, "--max-items", "2")
    assert code == ExitCode.OK
    assert "bench-3" in out and "bench-2" in out and "bench-1" not in out.split("More")[0]
    assert "irclient ai benchmark list --max-items 2 --region us-east-1 --starting-token" in out
    code, out, _ = run(capsys, "ai", "benchmark", "describe", "bench-1", *REGION)
    assert "Completed" in out and "/aws/sagemaker/TrainingJobs:" in out
    code, out, _ = run(capsys, "ai", "benchmark", "logs", "bench-1", *REGION, "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[-1]["message"] == "AI benchmark job bench-1 completed"
    code, _, _ = run(capsys, "ai", "benchmark", "delete", "bench-1", *REGION)
    assert code == ExitCode.OK
    code, _, _ = run(capsys, "ai", "benchmark", "describe", "bench-1", *REGION)
    assert code == ExitCode.NOT_FOUND


def test_a_failed_job_exits_8_and_why_quotes_its_log(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, world: Any
) -> None:
    reason = "ClientError: the endpoint answered HTTP 424"
    path = write(
        tmp_path, "b.json", benchmark_request(Tags=[{"Key": FAIL_JOB_TAG, "Value": reason}])
    )
    code, out, err = run(capsys, "ai", "benchmark", "run", path, *REGION)
    assert code == ExitCode.JOB_FAILED
    assert reason in out and "irclient ai benchmark why bench-1" in out
    assert reason in err
    code, out, _ = run(capsys, "ai", "benchmark", "why", "bench-1", *REGION)
    assert code == ExitCode.OK
    assert f"Failure reason: {reason}" in out and f"ERROR {reason}" in out
    code, out, _ = run(capsys, "ai", "benchmark", "why", "bench-1", *REGION, "--json")
    assert json.loads(out)["failure_reason"] == reason


def test_a_recommendation_job_runs_and_shows_its_recommendations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, world: Any
) -> None:
    path = write(tmp_path, "r.json", recommendation_request(OptimizeModel=False))
    code, out, _ = run(capsys, "ai", "recommendation", "run", path, *REGION)
    assert code == ExitCode.OK
    assert "3 recommendation(s), best first:" in out
    for instance_type in ("ml.g5.2xlarge", "ml.g6e.2xlarge", "ml.g5.12xlarge"):
        assert instance_type in out
    code, out, _ = run(capsys, "ai", "recommendation", "list", *REGION, "--json")
    (summary,) = json.loads(out)["AIRecommendationJobs"]
    assert summary["AIRecommendationJobStatus"] == "Completed"
    code, out, _ = run(capsys, "ai", "recommendation", "logs", "sizing-1", *REGION)
    ends = [line for line in out.splitlines() if "] AI benchmark job sizing-1-" in line]
    assert len(ends) == 3 and all(line.endswith(" completed") for line in ends)


def test_stop_asks_and_a_finished_job_cannot_stop(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with mock_inference_recommender(transition={"progression": "manual", "times": 50}):
        sm = boto3.client("sagemaker", region_name="us-east-1")
        build(sm, boto3.client("s3", region_name="us-east-1"))
        workload(sm)
        sm.create_ai_recommendation_job(**recommendation_request())
        code, out, _ = run(capsys, "ai", "recommendation", "stop", "sizing-1", *REGION, "--json")
        assert code == ExitCode.OK and json.loads(out)["StopRequested"] is True
        status = sm.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")
        assert status["AIRecommendationJobStatus"] == "Stopping"
        code, out, _ = run(capsys, "ai", "benchmark", "stop", "nothing", *REGION)
        assert code == ExitCode.NOT_FOUND


def test_ai_logs_reads_since_and_poll_interval_as_irclient_logs_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, world: Any
) -> None:
    path = write(tmp_path, "b.json", benchmark_request())
    run(capsys, "ai", "benchmark", "run", path, *REGION)
    # The relative forms of `irclient logs --since`: a job that just ran logged within a day.
    code, out, _ = run(capsys, "ai", "benchmark", "logs", "bench-1", *REGION, "--since", "1d")
    assert code == ExitCode.OK
    assert "AI benchmark job bench-1 completed" in out
    code, _, err = run(
        capsys, "ai", "benchmark", "logs", "bench-1", *REGION, "--poll-interval", "100000"
    )
    assert code == ExitCode.USAGE
    assert "at most 86,400 seconds" in err
