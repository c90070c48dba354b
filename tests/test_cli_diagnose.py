"""``irclient why``, ``irclient logs`` and ``irclient run --logs``, on the simulator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from cli_support import MODEL, run, write_request
from client_support import ensure_model
from irclient.cli import ExitCode
from irclient.testing import (
    FAIL_JOB_TAG,
    FAIL_STEP_TAG,
    InferenceRecommenderMock,
)

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

REGION = ("--region", "us-east-1")


def created(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, **changes: Any) -> None:
    path = write_request(tmp_path, name, **changes)
    assert run(capsys, "run", str(path), *REGION, "--no-wait")[0] == ExitCode.OK


def test_why_names_the_failed_step_its_log_lines_and_a_hint(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    created(capsys, tmp_path, "partly", Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}])
    code, out, err = run(capsys, "why", "partly", *REGION)
    assert code == ExitCode.OK, err
    assert out.startswith("Job partly: COMPLETED")
    assert "Failed steps (1):\n  - ml.c5.xlarge (endpoint sm-epc-" in out
    assert "returned 4xx or 5xx error code" in out
    assert "* The model container failed on the sample payload (ml.c5.xlarge)." in out
    assert "ValueError: the request body could not be decoded" in out  # the container's log
    assert "/aws/sagemaker/Endpoints/sm-epc-" in out

    code, out, _ = run(capsys, "why", "partly", *REGION, "--json", "--lines", "2")
    assert code == ExitCode.OK
    report = json.loads(out)
    assert report["LinesPerStream"] == 2
    assert [h["Kind"] for h in report["Hints"]] == ["container_error"]
    assert all("logStreamName" in line for s in report["LogStreams"] for line in s["Lines"])
    assert all(len(s["Lines"]) <= 2 for s in report["LogStreams"])


def test_why_a_failed_job(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    reason = "Provided role ARN cannot be assumed and an AWSSecurityTokenServiceException error"
    created(capsys, tmp_path, "doomed", Tags=[{"Key": FAIL_JOB_TAG, "Value": reason}])
    code, out, _ = run(capsys, "why", "doomed", *REGION)
    assert code == ExitCode.OK
    assert f"Failure reason: {reason}" in out
    assert "* The job's role lacks a permission (job, " in out
    assert f"ERROR Job failed: {reason}" in out  # the execution stream's last line


def test_why_an_unknown_job(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "why", "nobody", *REGION)
    assert code == ExitCode.NOT_FOUND
    assert out == "" and "ResourceNotFound" in err


def test_logs_prints_every_line_in_time_order(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    created(capsys, tmp_path, "chatty")
    run(capsys, "describe", "chatty", *REGION)  # the job completes
    code, out, _ = run(capsys, "logs", "chatty", *REGION)
    assert code == ExitCode.OK
    lines = out.splitlines()
    assert lines[0].endswith(
        "[chatty/execution] Starting inference recommendations job chatty (Default)"
    )
    assert lines[-1].endswith("succeeded")
    assert any("/aws/sagemaker" not in line and " sm-epc-" in line for line in lines)

    code, out, _ = run(capsys, "logs", "chatty", *REGION, "--json", "--no-endpoint-logs")
    events = [json.loads(line) for line in out.splitlines()]
    assert len(events) < len(lines)
    # CloudWatch Logs' own names for its events, as FilterLogEvents returns them.
    assert {e["logGroupName"] for e in events} == {"/aws/sagemaker/InferenceRecommendationsJobs"}
    assert all(set(e) >= {"logStreamName", "timestamp", "message"} for e in events)
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)

    code, out, _ = run(capsys, "logs", "chatty", *REGION, "--since", "2999-01-01T00:00:00Z")
    assert code == ExitCode.OK and out == ""


def test_logs_follow_stops_when_the_job_ends(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sim.set_transition({"progression": "manual", "times": 2})
    created(capsys, tmp_path, "tailed")
    code, out, _ = run(capsys, "logs", "tailed", *REGION, "--follow", "--poll-interval", "0")
    assert code == ExitCode.OK
    lines = out.splitlines()
    assert lines[-1].endswith("succeeded")
    assert len(set(lines)) == len(lines)  # each line once
    code, again, _ = run(capsys, "logs", "tailed", *REGION)
    assert sorted(again.splitlines()) == sorted(lines)


def test_run_logs_shows_the_lines_on_stderr(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_request(
        tmp_path, "watched", Tags=[{"Key": FAIL_JOB_TAG, "Value": "Container failed to start"}]
    )
    code, out, err = run(capsys, "run", str(path), *REGION, "--no-progress", "--logs")
    assert code == ExitCode.JOB_FAILED
    assert "[watched/execution] Starting inference recommendations job watched" in err
    assert "[watched/execution] ERROR Job failed: Container failed to start" in err
    assert "'irclient why watched' says why it failed." in out
    assert "[watched/execution]" not in out

    path = write_request(tmp_path, "quiet")
    code, out, err = run(capsys, "run", str(path), *REGION, "--no-progress", "--json")
    assert code == ExitCode.OK
    json.loads(out)
    assert "[quiet/execution]" not in err  # no --logs, no lines


# --------------------------------------------------------------------------- server mode


def test_why_and_logs_through_the_server(
    ir_server_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    remote = ("--endpoint-url", ir_server_url, *REGION)
    ensure_model(
        boto3.client("sagemaker", region_name="us-east-1", endpoint_url=ir_server_url), MODEL
    )
    path = write_request(tmp_path, "served", Tags=[{"Key": FAIL_STEP_TAG, "Value": "all"}])
    code, out, err = run(
        capsys, "run", str(path), *remote, "--no-progress", "--poll-interval", "0", "--logs"
    )
    assert code == ExitCode.JOB_FAILED
    # Eight real-time benchmarks and three serverless ones: the example's combined list.
    assert "[served/execution] ERROR Job failed: All 11 benchmarks failed" in err
    code, out, _ = run(capsys, "why", "served", *remote)
    assert code == ExitCode.OK
    assert "Failed steps (11):" in out and "The model container failed" in out
    assert "Not read" not in out
    code, out, _ = run(capsys, "logs", "served", *remote)
    assert code == ExitCode.OK and "Traceback (most recent call last):" in out
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)
