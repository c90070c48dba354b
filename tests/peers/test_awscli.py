"""The AWS CLI v1 against moto's server (its own botocore copy cannot run under moto in process).

Each command runs in a child process with the test's environment (dummy credentials, empty
configuration files) and ``--endpoint-url`` naming the loopback server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import boto3
import pytest

from irclient.testing import FAIL_STEP_TAG

from .support import Simulator, create_model, default_job

pytestmark = pytest.mark.peers


def aws(*arguments: str) -> Any:
    """Run ``aws sagemaker ARGUMENTS`` and return its JSON output (None when it prints none)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "awscli",
            "sagemaker",
            *arguments,
            "--endpoint-url",
            os.environ["AWS_ENDPOINT_URL"],
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else None


def test_create_describe_list_steps_and_stop(served: Simulator) -> None:
    create_model(boto3.client("sagemaker"))
    request = default_job("cli-job", Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}])
    created = aws(
        "create-inference-recommendations-job",
        "--job-name",
        "cli-job",
        "--job-type",
        "Default",
        "--role-arn",
        request["RoleArn"],
        "--input-config",
        json.dumps(request["InputConfig"]),
        "--tags",
        json.dumps(request["Tags"]),
    )
    assert created["JobArn"].endswith(":inference-recommendations-job/cli-job")

    job = aws("describe-inference-recommendations-job", "--job-name", "cli-job")
    assert job["Status"] == "COMPLETED" and job["InferenceRecommendations"]

    listed = aws("list-inference-recommendations-jobs", "--name-contains", "CLI")
    assert [j["JobName"] for j in listed["InferenceRecommendationsJobs"]] == ["cli-job"]

    # The CLI pages through every step itself, here one step per request.
    steps = aws(
        "list-inference-recommendations-job-steps", "--job-name", "cli-job", "--page-size", "1"
    )
    every = boto3.client("sagemaker").list_inference_recommendations_job_steps(JobName="cli-job")
    assert len(steps["Steps"]) == len(every["Steps"]) > 1
    failed = aws(
        "list-inference-recommendations-job-steps", "--job-name", "cli-job", "--status", "FAILED"
    )
    assert [
        s["InferenceBenchmark"]["EndpointConfiguration"]["InstanceType"] for s in failed["Steps"]
    ] == ["ml.c5.xlarge"]


def test_stop_a_running_job(served: Simulator) -> None:
    served.set_transition({"progression": "manual", "times": 5})
    client = boto3.client("sagemaker")
    create_model(client)
    client.create_inference_recommendations_job(**default_job("cli-stop"))
    assert aws("stop-inference-recommendations-job", "--job-name", "cli-stop") is None
    assert client.describe_inference_recommendations_job(JobName="cli-stop")["Status"] in {
        "STOPPING",
        "STOPPED",
    }


def test_an_unknown_job_is_an_error_the_cli_reports(served: Simulator) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "awscli",
            "sagemaker",
            "describe-inference-recommendations-job",
            "--job-name",
            "never-created",
            "--endpoint-url",
            os.environ["AWS_ENDPOINT_URL"],
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 255  # the CLI v1 exit code of a service error
    assert "ResourceNotFound" in done.stderr
