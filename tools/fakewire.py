"""An in-process SageMaker endpoint that answers from memory, for benchmarks and tests.

It hooks botocore's ``before-send`` event, so a request still goes through botocore's whole
path (parameter handling, serialisation, signing) and the canned JSON body goes through
botocore's parser: only the network is left out. Both raw boto3 and irclient can be pointed
at the same fake, which is what makes their timings comparable.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from typing import Any

from botocore.awsrequest import AWSPreparedRequest, AWSResponse

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/resnet/3"
ARN = "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/"
EPOCH = 1793534400.0  # 2026-11-01T12:00:00Z
INSTANCE_TYPES = (
    "ml.c5.xlarge",
    "ml.c5.2xlarge",
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.g4dn.xlarge",
    "ml.g5.xlarge",
    "ml.g5.2xlarge",
    "ml.c6i.xlarge",
    "ml.inf2.xlarge",
    "ml.r5.large",
)


def recommendation(i: int) -> dict[str, Any]:
    """One full InferenceRecommendation in wire form."""
    return {
        "RecommendationId": f"rec-{i}",
        "Metrics": {
            "CostPerHour": 0.2 + 0.1 * i,
            "CostPerInference": 0.0000021 * (i + 1),
            "MaxInvocations": 8000 - 300 * i,
            "ModelLatency": 12 + i,
            "CpuUtilization": 35.5 + i,
            "MemoryUtilization": 31.5,
            "ModelSetupTime": 90,
        },
        "EndpointConfiguration": {
            "EndpointName": f"ep-{i}",
            "VariantName": f"variant-{i}",
            "InstanceType": INSTANCE_TYPES[i % len(INSTANCE_TYPES)],
            "InitialInstanceCount": 1,
        },
        "ModelConfiguration": {
            "EnvironmentParameters": [
                {"Key": "OMP_NUM_THREADS", "ValueType": "String", "Value": str(1 + i % 4)}
            ]
        },
        "InvocationStartTime": EPOCH + 60 * i,
        "InvocationEndTime": EPOCH + 60 * i + 600,
    }


def describe_body(job_name: str = "resnet-sizing", recommendations: int = 10) -> dict[str, Any]:
    """A completed job's Describe response with ``recommendations`` recommendations."""
    return {
        "JobName": job_name,
        "JobDescription": "Size ResNet-50 for the image API",
        "JobType": "Default",
        "JobArn": ARN + job_name,
        "RoleArn": ROLE,
        "Status": "COMPLETED",
        "CreationTime": EPOCH,
        "CompletionTime": EPOCH + 3600,
        "LastModifiedTime": EPOCH + 3600,
        "InputConfig": {"ModelPackageVersionArn": PACKAGE, "JobDurationInSeconds": 7200},
        "InferenceRecommendations": [recommendation(i) for i in range(recommendations)],
    }


def step(job_name: str, i: int) -> dict[str, Any]:
    """One benchmark step in wire form."""
    rec = recommendation(i % 10)
    return {
        "StepType": "BENCHMARK",
        "JobName": job_name,
        "Status": "COMPLETED",
        "InferenceBenchmark": {
            "Metrics": rec["Metrics"],
            "EndpointMetrics": {"MaxInvocations": 8000, "ModelLatency": 12},
            "EndpointConfiguration": rec["EndpointConfiguration"],
            "ModelConfiguration": rec["ModelConfiguration"],
            "InvocationStartTime": rec["InvocationStartTime"],
            "InvocationEndTime": rec["InvocationEndTime"],
        },
    }


def create_request(job_name: str = "resnet-sizing") -> dict[str, Any]:
    """A realistic Advanced Create request, near the maximal form."""
    return {
        "JobName": job_name,
        "JobType": "Advanced",
        "RoleArn": ROLE,
        "JobDescription": "Size ResNet-50 for the image API",
        "InputConfig": {
            "ModelPackageVersionArn": PACKAGE,
            "JobDurationInSeconds": 7200,
            "TrafficPattern": {
                "TrafficType": "PHASES",
                "Phases": [
                    {"InitialNumberOfUsers": 1, "SpawnRate": 1, "DurationInSeconds": 120},
                    {"InitialNumberOfUsers": 10, "SpawnRate": 5, "DurationInSeconds": 120},
                ],
            },
            "ResourceLimit": {"MaxNumberOfTests": 10, "MaxParallelOfTests": 2},
            "EndpointConfigurations": [
                {
                    "InstanceType": t,
                    "EnvironmentParameterRanges": {
                        "CategoricalParameterRanges": [
                            {"Name": "OMP_NUM_THREADS", "Value": ["1", "2", "4"]}
                        ]
                    },
                }
                for t in INSTANCE_TYPES[:8]
            ]
            + [
                {"ServerlessConfig": {"MemorySizeInMB": 4096, "MaxConcurrency": 10}},
                {"ServerlessConfig": {"MemorySizeInMB": 6144, "MaxConcurrency": 20}},
            ],
            "ContainerConfig": {
                "Domain": "COMPUTER_VISION",
                "Task": "IMAGE_CLASSIFICATION",
                "Framework": "PYTORCH",
                "FrameworkVersion": "2.1.0",
                "PayloadConfig": {
                    "SamplePayloadUrl": "s3://bucket/payload.tar.gz",
                    "SupportedContentTypes": ["image/jpeg"],
                },
                "SupportedInstanceTypes": list(INSTANCE_TYPES),
                "SupportedResponseMIMETypes": ["application/json"],
            },
            "VpcConfig": {"SecurityGroupIds": ["sg-0123abcd"], "Subnets": ["subnet-0123abcd"]},
        },
        "StoppingConditions": {
            "MaxInvocations": 1000,
            "ModelLatencyThresholds": [{"Percentile": "P95", "ValueInMilliseconds": 100}],
            "FlatInvocations": "Stop",
        },
        "OutputConfig": {"KmsKeyId": "alias/my-key"},
        "Tags": [{"Key": f"key-{i}", "Value": f"value {i}"} for i in range(10)],
    }


class _Body:
    """A raw body botocore can stream."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data


class FakeEndpoint:
    """Answers SageMaker JSON requests from memory; counts what it was sent.

    Args:
        steps: How many steps ListInferenceRecommendationsJobSteps walks through.
        page_size: Steps per page when the request gives no MaxResults.
    """

    def __init__(self, *, steps: int = 1000, page_size: int = 100) -> None:
        self.steps = steps
        self.page_size = page_size
        self.requests = 0
        self._describe = json.dumps(describe_body()).encode()
        self._create = json.dumps({"JobArn": ARN + "resnet-sizing"}).encode()
        self._pages: dict[tuple[int, int], bytes] = {}
        self.cache_pages = steps <= 10_000

    def _page(self, start: int, size: int) -> bytes:
        key = (start, size)
        cached = self._pages.get(key)
        if cached is not None:
            return cached
        end = min(start + size, self.steps)
        body: dict[str, Any] = {"Steps": [step("resnet-sizing", i) for i in range(start, end)]}
        if end < self.steps:
            body["NextToken"] = str(end)
        data = json.dumps(body).encode()
        if self.cache_pages:
            self._pages[key] = data
        return data

    def __call__(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        self.requests += 1
        target = request.headers["X-Amz-Target"].decode().rsplit(".", 1)[-1]
        params = json.loads(request.body) if request.body else {}
        if target == "DescribeInferenceRecommendationsJob":
            data = self._describe
        elif target == "CreateInferenceRecommendationsJob":
            data = self._create
        elif target == "ListInferenceRecommendationsJobSteps":
            start = int(params.get("NextToken") or 0)
            data = self._page(start, int(params.get("MaxResults") or self.page_size))
        elif target == "StopInferenceRecommendationsJob":
            data = b"{}"
        else:
            data = b'{"InferenceRecommendationsJobs": []}'
        headers = {"x-amzn-requestid": "fake-request", "content-type": "application/x-amz-json-1.1"}
        return AWSResponse(request.url, 200, headers, _Body(data))


def attach(client: Any, fake: Callable[..., AWSResponse]) -> Any:
    """Route a boto3 SageMaker client's requests to ``fake``; returns the client."""
    client.meta.events.register_first("before-send.sagemaker", fake)
    return client


def now() -> datetime.datetime:
    """The fake's clock (fixed, timezone-aware)."""
    return datetime.datetime.fromtimestamp(EPOCH, tz=datetime.UTC)
