"""Each exit status is the one the documented table gives, and names what the user wrote.

The table is docs/cli.md's; :class:`irclient.cli.ExitCode` holds the codes. A job that cannot
be deployed (failed, stopped, running, or with nothing under the latency limit) is not "no
such job"; a page size out of range is the ``--page-size`` the user typed, a usage error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from irclient import cli
from irclient.cli import ExitCode, main
from irclient.testing import FAIL_JOB_TAG, mock_inference_recommender

REGION = ("--region", "us-east-1")
ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(autouse=True)
def simulated_account(
    no_aws_configuration: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_inference_recommender(transition={"progression": "manual", "times": 1}):
        sagemaker().create_model(
            ModelName="resnet50",
            ExecutionRoleArn=ROLE,
            PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1"},
        )
        yield


def sagemaker() -> Any:
    return boto3.client("sagemaker", region_name="us-east-1")


def job(name: str, *, tags: list[dict[str, str]] | None = None, reads: int = 0) -> None:
    client = boto3.client("sagemaker", region_name="us-east-1")
    request = cli.example_request(job_name=name)
    if tags:
        request["Tags"] = tags
    client.create_inference_recommendations_job(**request)
    for _ in range(reads):
        client.describe_inference_recommendations_job(JobName=name)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main([*argv, *REGION])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return code, lines[0]


def documented_codes() -> dict[int, str]:
    table = (DOCS / "cli.md").read_text().split("## Errors and exit status", 1)[1]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| (.*) \|$", table, re.M)}


def test_the_documented_table_is_the_exit_codes() -> None:
    assert set(documented_codes()) == {int(code) for code in ExitCode}


@pytest.mark.parametrize(
    ("reads", "tags", "status", "advice"),
    [
        (2, [{"Key": FAIL_JOB_TAG, "Value": "Model container failed"}], "FAILED", "why"),
        (0, None, "(PENDING|IN_PROGRESS)", "wait for it"),
    ],
    ids=["failed", "running"],
)
def test_deploying_a_job_that_has_not_completed(
    capsys: pytest.CaptureFixture[str],
    reads: int,
    tags: list[dict[str, str]] | None,
    status: str,
    advice: str,
) -> None:
    for n, how in enumerate((["--best"], ["--recommendation-id", "x/1"], ["--best", "--dry-run"])):
        # A job of its own each time: reading a running job moves it on.
        job(f"sizing-{n}", tags=tags, reads=reads)
        code, line = run(capsys, "deploy", f"sizing-{n}", *how)
        assert code == ExitCode.NOTHING_TO_DEPLOY
        assert re.search(f"job 'sizing-{n}' is {status};", line), line
        assert "only a COMPLETED job's recommendations can be deployed" in line
        assert advice in line


def test_deploying_a_stopped_job(capsys: pytest.CaptureFixture[str]) -> None:
    job("halted")
    boto3.client("sagemaker", region_name="us-east-1").stop_inference_recommendations_job(
        JobName="halted"
    )
    code, line = run(capsys, "deploy", "halted", "--best")
    assert code == ExitCode.NOTHING_TO_DEPLOY
    assert "is STOPPING" in line or "is STOPPED" in line


def test_nothing_within_the_latency_limit_or_no_such_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    job("sizing", reads=2)
    code, line = run(capsys, "deploy", "sizing", "--best", "--max-latency-ms", "1")
    assert code == ExitCode.NOTHING_TO_DEPLOY
    assert "no recommendation" in line and "within 1 ms" in line
    code, line = run(capsys, "deploy", "sizing", "--recommendation-id", "sizing/nope")
    assert code == ExitCode.NOTHING_TO_DEPLOY and "'sizing/nope'" in line


def test_no_such_job_is_still_four(capsys: pytest.CaptureFixture[str]) -> None:
    code, line = run(capsys, "deploy", "nope", "--best")
    assert code == ExitCode.NOT_FOUND and "nope" in line


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["steps", "x", "--page-size", "500"],
            "irclient: error: --page-size is 500; the maximum is 100",
        ),
        (["jobs", "--page-size", "101"], "irclient: error: --page-size is 101; the maximum is 100"),
        (["describe", "bad_name"], "irclient: error: JOB 'bad_name' does not match"),
        (["jobs", "--name-contains", "a" * 70], "irclient: error: --name-contains 'a"),
    ],
)
def test_an_option_value_out_of_range_is_a_usage_error_naming_the_option(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, line = run(capsys, *argv)
    assert code == ExitCode.USAGE
    assert line.startswith(expected)
    assert "MaxResults" not in line and "max_results" not in line and "JobName" not in line


def test_one_bound_of_the_expected_traffic_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    job("sizing", reads=2)
    rec = boto3.client("sagemaker", region_name="us-east-1").describe_inference_recommendations_job(
        JobName="sizing"
    )["InferenceRecommendations"][0]["RecommendationId"]
    code, line = run(
        capsys,
        "scaling",
        "sizing",
        "--recommendation-id",
        rec,
        "--min-invocations-per-minute",
        "100",
    )
    assert code == ExitCode.USAGE
    assert line.startswith("irclient: error: --max-invocations-per-minute is missing;")
    assert "needs both bounds" in line
