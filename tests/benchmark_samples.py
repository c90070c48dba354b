"""Realistic Inference Recommender benchmark data, parsed from the wire form boto3 returns.

Numbers follow what the service reports for a small image model: instance endpoints cost
cents per hour and fractions of a micro-dollar per inference; serverless endpoints report
NaN CPU and memory utilisation and a model set-up time.
"""

from __future__ import annotations

import datetime
from typing import Any

from irclient.models import (
    DescribeInferenceRecommendationsJobResponse,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobsResponse,
    ListInferenceRecommendationsJobStepsResponse,
)

NAN = float("nan")
JOB = "resnet-sizing-1"
ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/resnet/3"
ARN_PREFIX = "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job"
T0 = datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC)


def metrics(
    cost_per_hour: float,
    cost_per_inference: float,
    max_invocations: int,
    latency: float,
    cpu: float = NAN,
    memory: float = NAN,
    setup: float | None = None,
) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "CostPerHour": cost_per_hour,
        "CostPerInference": cost_per_inference,
        "MaxInvocations": max_invocations,
        "ModelLatency": latency,
        "CpuUtilization": cpu,
        "MemoryUtilization": memory,
    }
    if setup is not None:
        wire["ModelSetupTime"] = setup
    return wire


def instance_endpoint(instance_type: str, count: int = 1, n: int = 0) -> dict[str, Any]:
    return {
        "EndpointName": f"sm-epc-{n:04d}",
        "VariantName": f"sm-epc-{n:04d}-variant",
        "InstanceType": instance_type,
        "InitialInstanceCount": count,
    }


def serverless_endpoint(memory: int, concurrency: int, n: int = 0) -> dict[str, Any]:
    return {
        "EndpointName": f"sm-epc-{n:04d}",
        "VariantName": f"sm-epc-{n:04d}-variant",
        "ServerlessConfig": {"MemorySizeInMB": memory, "MaxConcurrency": concurrency},
    }


def model_config(**env: str) -> dict[str, Any]:
    return {
        "EnvironmentParameters": [
            {"Key": k, "ValueType": "String", "Value": v} for k, v in env.items()
        ]
    }


def step_wire(
    endpoint: dict[str, Any],
    metric_wire: dict[str, Any] | None,
    *,
    status: str = "COMPLETED",
    env: dict[str, str] | None = None,
    failure: str | None = None,
    n: int = 0,
) -> dict[str, Any]:
    bench: dict[str, Any] = {
        "EndpointConfiguration": endpoint,
        "ModelConfiguration": model_config(**(env or {})),
        "InvocationStartTime": T0 + datetime.timedelta(minutes=10 * n),
        "InvocationEndTime": T0 + datetime.timedelta(minutes=10 * n + 8),
    }
    if metric_wire is not None:
        bench["Metrics"] = metric_wire
    if failure is not None:
        bench["FailureReason"] = failure
    return {"StepType": "BENCHMARK", "JobName": JOB, "Status": status, "InferenceBenchmark": bench}


def instance_steps_wire() -> list[dict[str, Any]]:
    """Four instance benchmarks; c5.2xlarge with 4 threads is dominated by c5.xlarge."""
    return [
        step_wire(
            instance_endpoint("ml.c5.xlarge", n=1),
            metrics(0.204, 2.9e-06, 1170, 37, cpu=61.5, memory=22.1),
            env={"OMP_NUM_THREADS": "2"},
            n=1,
        ),
        step_wire(
            instance_endpoint("ml.c5.2xlarge", n=2),
            metrics(0.408, 5.1e-06, 1330, 41, cpu=35.0, memory=11.0),
            env={"OMP_NUM_THREADS": "4"},
            n=2,
        ),
        step_wire(
            instance_endpoint("ml.g4dn.xlarge", n=3),
            metrics(0.736, 4.2e-06, 2900, 9, cpu=18.2, memory=30.4),
            env={"OMP_NUM_THREADS": "1"},
            n=3,
        ),
        step_wire(
            instance_endpoint("ml.m5.large", count=2, n=4),
            metrics(0.23, 2.4e-06, 1600, 88, cpu=NAN, memory=40.0),
            n=4,
        ),
    ]


def serverless_steps_wire() -> list[dict[str, Any]]:
    """Serverless benchmarks: CPU and memory are NaN, a set-up time is reported."""
    return [
        step_wire(
            serverless_endpoint(2048, 5, n=5),
            metrics(0.0, 1.9e-06, 300, 120, setup=2500),
            n=5,
        ),
        step_wire(
            serverless_endpoint(4096, 10, n=6),
            metrics(0.0, 3.3e-06, 610, 64, setup=2100),
            n=6,
        ),
    ]


def failed_step_wire() -> dict[str, Any]:
    return step_wire(
        instance_endpoint("ml.inf1.xlarge", n=7),
        None,
        status="FAILED",
        failure="Benchmark failed: <model> could not be compiled & loaded",
        n=7,
    )


def running_step_wire() -> dict[str, Any]:
    return step_wire(instance_endpoint("ml.c6i.large", n=8), None, status="IN_PROGRESS", n=8)


def all_steps_wire() -> list[dict[str, Any]]:
    return instance_steps_wire() + serverless_steps_wire() + [failed_step_wire()]


def steps(wires: list[dict[str, Any]]) -> list[InferenceRecommendationsJobStep]:
    return [InferenceRecommendationsJobStep.from_dict(w) for w in wires]


def steps_page(
    wires: list[dict[str, Any]], next_token: str | None = None
) -> ListInferenceRecommendationsJobStepsResponse:
    page: dict[str, Any] = {"Steps": wires}
    if next_token is not None:
        page["NextToken"] = next_token
    return ListInferenceRecommendationsJobStepsResponse.from_dict(page)


def describe_wire(
    *, status: str = "COMPLETED", description: str = "Size ResNet-50 for the image API"
) -> dict[str, Any]:
    recommendations = []
    for n, step in enumerate(instance_steps_wire() + serverless_steps_wire()):
        bench = step["InferenceBenchmark"]
        recommendations.append(
            {
                "RecommendationId": f"{JOB}/rec-{n}",
                "Metrics": bench["Metrics"],
                "EndpointConfiguration": bench["EndpointConfiguration"],
                "ModelConfiguration": bench["ModelConfiguration"],
                "InvocationStartTime": bench["InvocationStartTime"],
                "InvocationEndTime": bench["InvocationEndTime"],
            }
        )
    wire: dict[str, Any] = {
        "JobName": JOB,
        "JobDescription": description,
        "JobType": "Default",
        "JobArn": f"{ARN_PREFIX}/{JOB}",
        "RoleArn": ROLE,
        "Status": status,
        "CreationTime": T0,
        "LastModifiedTime": T0 + datetime.timedelta(minutes=75),
        "InputConfig": {"ModelPackageVersionArn": PACKAGE},
        "ResponseMetadata": {"HTTPStatusCode": 200},
    }
    if status == "COMPLETED":
        wire["CompletionTime"] = T0 + datetime.timedelta(minutes=75, seconds=12)
        wire["InferenceRecommendations"] = recommendations
    return wire


def describe(**kwargs: Any) -> DescribeInferenceRecommendationsJobResponse:
    return DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire(**kwargs))


def jobs_wire() -> dict[str, Any]:
    def job(name: str, status: str, minutes: int, **extra: Any) -> dict[str, Any]:
        entry = {
            "JobName": name,
            "JobDescription": f"sizing run {name}",
            "JobType": "Default",
            "JobArn": f"{ARN_PREFIX}/{name}",
            "Status": status,
            "CreationTime": T0,
            "RoleArn": ROLE,
            "LastModifiedTime": T0 + datetime.timedelta(minutes=minutes),
            "ModelPackageVersionArn": PACKAGE,
            **extra,
        }
        if status in ("COMPLETED", "FAILED"):
            entry["CompletionTime"] = T0 + datetime.timedelta(minutes=minutes)
        return entry

    return {
        "InferenceRecommendationsJobs": [
            job("resnet-sizing-1", "COMPLETED", 75),
            job("resnet-sizing-2", "FAILED", 3, FailureReason="Model package not found"),
            job("resnet-sizing-3", "IN_PROGRESS", 20),
        ],
        "NextToken": "page-2",
    }


def jobs() -> ListInferenceRecommendationsJobsResponse:
    return ListInferenceRecommendationsJobsResponse.from_dict(jobs_wire())
