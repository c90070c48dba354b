"""The benchmark's data: realistic requests and responses, and the fake that serves them.

The fake is :class:`irclient.testing.FakeWire` (a botocore ``before-send`` handler), so a
request still goes through botocore's whole path (parameter handling, serialisation, signing)
and the JSON body goes through botocore's parser: only the network is left out. Both raw
boto3 and irclient are pointed at the same fake, which is what makes their timings
comparable.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, overload

from irclient.testing.wire import FakeWire, canned

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
                    {"InitialNumberOfUsers": 3, "SpawnRate": 5, "DurationInSeconds": 120},
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


class Steps(Sequence[dict[str, Any]]):
    """A job's steps, made a page at a time, so that a long walk never holds them all."""

    def __init__(self, job_name: str, total: int) -> None:
        self.job_name = job_name
        self.total = total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [step(self.job_name, i) for i in range(*index.indices(self.total))]
        if not 0 <= index < self.total:
            raise IndexError(index)
        return step(self.job_name, index)


def endpoint(steps: int = 1000, *, cache: bool = True) -> FakeWire:
    """The fake SageMaker the benchmarks call: one completed job with ``steps`` steps.

    Args:
        steps: How many steps ListInferenceRecommendationsJobSteps walks through.
        cache: Serialise each answer once (a cache grows with a walk, which would blur a
            memory figure).
    """
    fake = FakeWire(page_size=100, cache=cache)
    name = "resnet-sizing"
    fake.add_job(name, statuses=("COMPLETED",), steps=Steps(name, steps), members=describe_body())
    # Create is timed 200 times with one name: every attempt answers as the first did.
    fake.always["CreateInferenceRecommendationsJob"] = canned({"JobArn": ARN + name})
    return fake


def now() -> datetime.datetime:
    """The fake's clock (fixed, timezone-aware)."""
    return datetime.datetime.fromtimestamp(EPOCH, tz=datetime.UTC)


# --------------------------------------------------------------------------- generative AI

AI_ARN = "arn:aws:sagemaker:us-east-1:123456789012:"
AI_INSTANCE_TYPES = ("ml.g5.2xlarge", "ml.g5.12xlarge", "ml.g6e.2xlarge", "ml.p4d.24xlarge")
AI_PAGE = 100
"""Summaries in a page of each generative-AI list."""


def ai_benchmark_job(name: str = "llama-bench") -> dict[str, Any]:
    """A completed AI benchmark job's Describe response."""
    return {
        "AIBenchmarkJobName": name,
        "AIBenchmarkJobArn": f"{AI_ARN}ai-benchmark-job/{name}",
        "AIBenchmarkJobStatus": "Completed",
        "BenchmarkTarget": {
            "Endpoint": {
                "Identifier": "llama-endpoint",
                "TargetContainerHostname": "llama",
                "InferenceComponents": [{"Identifier": f"llama-ic-{i}"} for i in range(3)],
            }
        },
        "OutputConfig": {
            "S3OutputLocation": f"s3://bench-output/{name}/",
            "CloudWatchLogs": [
                {
                    "LogGroupArn": f"{AI_ARN}log-group:/aws/sagemaker/AIBenchmarkJobs",
                    "LogStreamName": f"{name}/aiperf-{i}",
                }
                for i in range(2)
            ],
        },
        "AIWorkloadConfigIdentifier": "llama-chat-workload",
        "RoleArn": ROLE,
        "NetworkConfig": {
            "VpcConfig": {"SecurityGroupIds": ["sg-0123abcd"], "Subnets": ["subnet-0123abcd"]}
        },
        "CreationTime": EPOCH,
        "StartTime": EPOCH + 60,
        "EndTime": EPOCH + 3600,
        "Tags": [{"Key": f"key-{i}", "Value": f"value {i}"} for i in range(5)],
    }


def ai_recommendation(i: int) -> dict[str, Any]:
    """One recommendation of an AI recommendation job (its performance as strings, as AWS)."""
    instance = AI_INSTANCE_TYPES[i % len(AI_INSTANCE_TYPES)]
    ttft, tps = 80 + 7 * i, 1500 - 20 * i
    return {
        "RecommendationDescription": f"{instance} with speculative decoding",
        "OptimizationDetails": [
            {"OptimizationType": "SpeculativeDecoding", "OptimizationConfig": {"Draft": "eagle"}}
        ],
        "ModelDetails": {
            "ModelPackageArn": f"{AI_ARN}model-package/llama/{i + 1}",
            "InstanceDetails": [
                {"InstanceType": instance, "InstanceCount": 1 + i % 2, "CopyCountPerInstance": 2}
            ],
        },
        "DeploymentConfiguration": {
            "S3": [{"ChannelName": "model", "Uri": f"s3://models/llama/{i}/"}],
            "ImageUri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:lmi",
            "InstanceType": instance,
            "InstanceCount": 1 + i % 2,
            "CopyCountPerInstance": 2,
            "EnvironmentVariables": {"OPTION_TENSOR_PARALLEL_DEGREE": "1", "OPTION_DTYPE": "fp16"},
            "MinCpuMemoryRequiredInMb": 8192,
        },
        "AIBenchmarkJobArn": f"{AI_ARN}ai-benchmark-job/llama-bench-{i}",
        "ExpectedPerformance": [
            {"Metric": "ttft-ms", "Stat": "p50", "Value": str(ttft), "Unit": "ms"},
            {"Metric": "ttft-ms", "Stat": "p99", "Value": str(ttft * 3), "Unit": "ms"},
            {"Metric": "throughput", "Stat": "average", "Value": str(tps), "Unit": "tokens/second"},
            {"Metric": "cost", "Stat": "average", "Value": "0.42", "Unit": "USD/1M tokens"},
        ],
    }


def ai_recommendation_job(name: str = "llama-sizing", recommendations: int = 50) -> dict[str, Any]:
    """A completed AI recommendation job's Describe response with many recommendations."""
    return {
        "AIRecommendationJobName": name,
        "AIRecommendationJobArn": f"{AI_ARN}ai-recommendation-job/{name}",
        "AIRecommendationJobStatus": "Completed",
        "ModelSource": {"S3": {"S3Uri": "s3://models/llama/"}},
        "OutputConfig": {"S3OutputLocation": f"s3://rec-output/{name}/"},
        "InferenceSpecification": {"Framework": "LMI"},
        "AIWorkloadConfigIdentifier": "llama-chat-workload",
        "OptimizeModel": True,
        "PerformanceTarget": {"Constraints": [{"Metric": "ttft-ms"}]},
        "Recommendations": [ai_recommendation(i) for i in range(recommendations)],
        "RoleArn": ROLE,
        "ComputeSpec": {"InstanceTypes": list(AI_INSTANCE_TYPES[:3])},
        "CreationTime": EPOCH,
        "StartTime": EPOCH + 60,
        "EndTime": EPOCH + 7200,
    }


def ai_pages() -> dict[str, dict[str, Any]]:
    """A full page of each generative-AI list, by operation."""
    when = [EPOCH + 3600 * i for i in range(AI_PAGE)]
    return {
        "ListAIBenchmarkJobs": {
            "AIBenchmarkJobs": [
                {
                    "AIBenchmarkJobName": f"llama-bench-{i}",
                    "AIBenchmarkJobArn": f"{AI_ARN}ai-benchmark-job/llama-bench-{i}",
                    "AIBenchmarkJobStatus": "Completed",
                    "CreationTime": t,
                    "EndTime": t + 1800,
                    "AIWorkloadConfigName": "llama-chat-workload",
                }
                for i, t in enumerate(when)
            ],
            "NextToken": "n",
        },
        "ListAIRecommendationJobs": {
            "AIRecommendationJobs": [
                {
                    "AIRecommendationJobName": f"llama-sizing-{i}",
                    "AIRecommendationJobArn": f"{AI_ARN}ai-recommendation-job/llama-sizing-{i}",
                    "AIRecommendationJobStatus": "Completed",
                    "CreationTime": t,
                    "EndTime": t + 7200,
                }
                for i, t in enumerate(when)
            ],
            "NextToken": "n",
        },
        "ListAIWorkloadConfigs": {
            "AIWorkloadConfigs": [
                {
                    "AIWorkloadConfigName": f"llama-workload-{i}",
                    "AIWorkloadConfigArn": f"{AI_ARN}ai-workload-config/llama-workload-{i}",
                    "CreationTime": t,
                }
                for i, t in enumerate(when)
            ],
            "NextToken": "n",
        },
    }


def add_ai(fake: FakeWire) -> None:
    """Make ``fake`` answer the generative-AI Describes and lists (the same body whatever asked)."""
    fake.always["DescribeAIBenchmarkJob"] = canned(ai_benchmark_job())
    fake.always["DescribeAIRecommendationJob"] = canned(ai_recommendation_job())
    for operation, page in ai_pages().items():
        fake.always[operation] = canned(page)
