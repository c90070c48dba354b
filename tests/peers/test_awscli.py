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

from ai_world import SINGLE, benchmark_request, build, recommendation_request
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


def test_the_generative_ai_family_from_the_command_line(served: Simulator) -> None:
    served.set_transition({"progression": "manual", "times": 2})
    build(boto3.client("sagemaker"), boto3.client("s3"))
    created = aws(
        "create-ai-workload-config",
        "--ai-workload-config-name",
        "chat",
        "--ai-workload-configs",
        json.dumps({"WorkloadSpec": {"Inline": SINGLE}}),
    )
    assert created["AIWorkloadConfigArn"].endswith(":ai-workload-config/chat")

    request = benchmark_request()
    aws(
        "create-ai-benchmark-job",
        "--ai-benchmark-job-name",
        request["AIBenchmarkJobName"],
        "--benchmark-target",
        json.dumps(request["BenchmarkTarget"]),
        "--output-config",
        json.dumps(request["OutputConfig"]),
        "--ai-workload-config-identifier",
        request["AIWorkloadConfigIdentifier"],
        "--role-arn",
        request["RoleArn"],
    )
    seen = [aws("describe-ai-benchmark-job", "--ai-benchmark-job-name", "bench-1")]
    while seen[-1]["AIBenchmarkJobStatus"] == "InProgress" and len(seen) < 10:
        seen.append(aws("describe-ai-benchmark-job", "--ai-benchmark-job-name", "bench-1"))
    assert [d["AIBenchmarkJobStatus"] for d in seen] == ["InProgress", "Completed"]
    assert seen[-1]["OutputConfig"]["CloudWatchLogs"]

    sizing = recommendation_request()
    aws(
        "create-ai-recommendation-job",
        "--ai-recommendation-job-name",
        sizing["AIRecommendationJobName"],
        "--model-source",
        json.dumps(sizing["ModelSource"]),
        "--output-config",
        json.dumps(sizing["OutputConfig"]),
        "--ai-workload-config-identifier",
        sizing["AIWorkloadConfigIdentifier"],
        "--performance-target",
        json.dumps(sizing["PerformanceTarget"]),
        "--role-arn",
        sizing["RoleArn"],
        "--compute-spec",
        json.dumps(sizing["ComputeSpec"]),
    )
    statuses = []
    for _ in range(10):
        job = aws("describe-ai-recommendation-job", "--ai-recommendation-job-name", "sizing-1")
        statuses.append(job["AIRecommendationJobStatus"])
        if statuses[-1] != "InProgress":
            break
    assert statuses[0] == "InProgress" and statuses[-1] == "Completed"
    assert job["Recommendations"]

    # The CLI pages through the list itself, one job per request.
    listed = aws("list-ai-benchmark-jobs", "--page-size", "1")["AIBenchmarkJobs"]
    arns = {summary["AIBenchmarkJobArn"] for summary in listed}
    assert seen[-1]["AIBenchmarkJobArn"] in arns and len(arns) == len(listed) > 1
    configs = aws("list-ai-workload-configs")["AIWorkloadConfigs"]
    assert [c["AIWorkloadConfigName"] for c in configs] == ["chat"]
