"""One JSON convention across the command line, and outputs that compose.

What AWS sent keeps AWS's wire names (SageMaker's PascalCase, CloudWatch Logs' camelCase);
what irclient adds is PascalCase as SageMaker names its members. So ``run --json``'s best
benchmark has the ``RecommendationId`` that ``deploy --recommendation-id`` takes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from irclient import cli
from irclient.cli import ExitCode, main
from irclient.testing import FAIL_STEP_TAG, mock_inference_recommender

REGION = ("--region", "us-east-1")
ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
PASCAL = re.compile(r"[A-Z][A-Za-z0-9]*\Z")
# Maps whose keys are the user's or AWS's data, not member names; and log lines, which are
# CloudWatch Logs' data under its own (camelCase) names, checked on their own below.
DATA_MAPS = {"Environment", "Lines"}


@pytest.fixture(autouse=True)
def simulated(
    no_aws_configuration: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.chdir(tmp_path)
    with mock_inference_recommender():
        boto3.client("sagemaker", region_name="us-east-1").create_model(
            ModelName="resnet50",
            ExecutionRoleArn=ROLE,
            PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1"},
        )
        yield


def json_of(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, err
    return json.loads(out)


def keys(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every key of a JSON value and where it is, leaving out data maps' own keys."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, key
            if key not in DATA_MAPS:
                yield from keys(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from keys(item, f"{path}[]")


def assert_pascal(name: str, document: Any) -> None:
    wrong = [f"{where}.{key}" for where, key in keys(document) if not PASCAL.match(key)]
    assert not wrong, (name, wrong)


def test_every_command_writes_pascal_case_keys(capsys: pytest.CaptureFixture[str]) -> None:
    request = cli.example_request(job_name="sizing")
    request["Tags"] = [{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}]
    Path("request.json").write_text(json.dumps(request))
    documents = {
        "validate": json_of(capsys, "validate", "request.json"),
        "run": json_of(
            capsys, "run", "request.json", "--no-progress", "--poll-interval", "0", *REGION
        ),
        "describe": json_of(capsys, "describe", "sizing", *REGION),
        "steps": json_of(capsys, "steps", "sizing", *REGION),
        "jobs": json_of(capsys, "jobs", *REGION),
        "why": json_of(capsys, "why", "sizing", *REGION),
        "demo": json_of(capsys, "demo", "--no-progress"),
        "deploy": json_of(capsys, "deploy", "sizing", "--best", "--dry-run", *REGION),
    }
    for name, document in documents.items():
        assert_pascal(name, document)
    assert documents["run"]["Best"]["Environment"] == {}
    assert documents["why"]["FailedSteps"][0]["EndpointConfiguration"]["InstanceType"] == (
        "ml.c5.xlarge"
    )


def test_log_lines_are_named_as_cloudwatch_names_them(capsys: pytest.CaptureFixture[str]) -> None:
    boto3.client("sagemaker", region_name="us-east-1").create_inference_recommendations_job(
        **cli.example_request(job_name="sizing")
    )
    boto3.client("sagemaker", region_name="us-east-1").describe_inference_recommendations_job(
        JobName="sizing"
    )
    assert main(["logs", "sizing", "--json", *REGION]) == ExitCode.OK
    lines = capsys.readouterr().out.splitlines()
    assert lines
    for line in lines:
        event = json.loads(line)
        assert set(event) == {
            "logGroupName",
            "logStreamName",
            "timestamp",
            "message",
            "ingestionTime",
        }
    report = json_of(capsys, "why", "sizing", *REGION)
    shown = [line for stream in report["LogStreams"] for line in stream["Lines"]]
    assert shown and all(set(line) == set(json.loads(lines[0])) for line in shown)


def test_runs_best_pick_feeds_deploy(capsys: pytest.CaptureFixture[str]) -> None:
    Path("request.json").write_text(json.dumps(cli.example_request(job_name="sizing")))
    report = json_of(
        capsys, "run", "request.json", "--no-progress", "--poll-interval", "0", *REGION
    )
    best = report["Best"]
    assert best["RecommendationId"] is not None
    job = report["Job"]
    ids = {
        r["EndpointConfiguration"]["EndpointName"]: r["RecommendationId"]
        for r in job["InferenceRecommendations"]
    }
    assert best["RecommendationId"] == ids[best["EndpointName"]]
    deployed = json_of(
        capsys, "deploy", "sizing", "--recommendation-id", best["RecommendationId"], *REGION
    )
    assert deployed["RecommendationId"] == best["RecommendationId"]
    assert deployed["EndpointStatus"] == "InService"
