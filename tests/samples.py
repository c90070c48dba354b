"""Realistic wire dicts for the requests and responses of the API, shared by the tests."""

from __future__ import annotations

import datetime
from typing import Any

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/resnet/3"
JOB_ARN = "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/resnet-sizing-1"


def create_request_wire() -> dict[str, Any]:
    """A full Advanced Create request in the wire form boto3 takes."""
    return {
        "JobName": "resnet-sizing-1",
        "JobType": "Advanced",
        "RoleArn": ROLE,
        "JobDescription": "Size ResNet-50 for the image API",
        "InputConfig": {
            "ModelPackageVersionArn": PACKAGE,
            "JobDurationInSeconds": 7200,
            "TrafficPattern": {
                "TrafficType": "PHASES",
                "Phases": [{"InitialNumberOfUsers": 1, "SpawnRate": 1, "DurationInSeconds": 120}],
            },
            "ResourceLimit": {"MaxNumberOfTests": 10, "MaxParallelOfTests": 2},
            "EndpointConfigurations": [
                {
                    "InstanceType": "ml.g5.xlarge",
                    "EnvironmentParameterRanges": {
                        "CategoricalParameterRanges": [
                            {"Name": "OMP_NUM_THREADS", "Value": ["1", "2", "4"]}
                        ]
                    },
                },
                {"ServerlessConfig": {"MemorySizeInMB": 4096, "MaxConcurrency": 10}},
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
        "Tags": [{"Key": "team", "Value": "vision"}],
    }


def describe_response_wire() -> dict[str, Any]:
    """A Describe response as boto3 returns it (aware datetimes, ResponseMetadata)."""
    when = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)
    return {
        "JobName": "resnet-sizing-1",
        "JobType": "Default",
        "JobArn": JOB_ARN,
        "RoleArn": ROLE,
        "Status": "COMPLETED",
        "CreationTime": when,
        "CompletionTime": when + datetime.timedelta(hours=1),
        "LastModifiedTime": when + datetime.timedelta(hours=1),
        "InputConfig": {"ModelPackageVersionArn": PACKAGE},
        "InferenceRecommendations": [
            {
                "RecommendationId": "rec-1",
                "Metrics": {
                    "CostPerHour": 1.006,
                    "CostPerInference": 0.0000021,
                    "MaxInvocations": 8000,
                    "ModelLatency": 12,
                    "CpuUtilization": float("nan"),
                    "MemoryUtilization": 31.5,
                    "ModelSetupTime": 90,
                },
                "EndpointConfiguration": {
                    "EndpointName": "ep-1",
                    "VariantName": "v-1",
                    "InstanceType": "ml.g5.xlarge",
                    "InitialInstanceCount": 1,
                },
                "ModelConfiguration": {
                    "EnvironmentParameters": [
                        {"Key": "OMP_NUM_THREADS", "ValueType": "String", "Value": "2"}
                    ]
                },
                "InvocationStartTime": when,
                "InvocationEndTime": when + datetime.timedelta(minutes=10),
            }
        ],
        "ResponseMetadata": {"RequestId": "abc", "HTTPStatusCode": 200},
    }


# --------------------------------------------------------------------------- the AI family

AI_ACCOUNT = "arn:aws:sagemaker:us-west-2:123456789012"
AI_WORKLOAD_INLINE = """\
benchmark:
  type: aiperf
parameters:
  prompt_input_tokens_mean: 550
  output_tokens_mean: 150
  concurrency: 4
  request_count: 100
  streaming: true
tooling:
  api_standard: openai
"""


def ai_workload_config_request_wire() -> dict[str, Any]:
    """A CreateAIWorkloadConfig request: a synthetic aiperf workload, as the AWS guide's."""
    return {
        "AIWorkloadConfigName": "chat-550-150",
        "AIWorkloadConfigs": {"WorkloadSpec": {"Inline": AI_WORKLOAD_INLINE}},
        "Tags": [{"Key": "team", "Value": "llm"}],
    }


def ai_benchmark_job_request_wire() -> dict[str, Any]:
    """A CreateAIBenchmarkJob request against an endpoint with one inference component."""
    return {
        "AIBenchmarkJobName": "llama-bench-1",
        "BenchmarkTarget": {
            "Endpoint": {
                "Identifier": "llama-endpoint",
                "InferenceComponents": [{"Identifier": "llama-ic"}],
            }
        },
        "OutputConfig": {"S3OutputLocation": "s3://bucket/benchmarks/"},
        "AIWorkloadConfigIdentifier": "chat-550-150",
        "RoleArn": ROLE,
        "Tags": [{"Key": "team", "Value": "llm"}],
    }


def ai_recommendation_job_request_wire() -> dict[str, Any]:
    """A CreateAIRecommendationJob request for a model in S3, optimised for cost."""
    return {
        "AIRecommendationJobName": "llama-sizing-1",
        "ModelSource": {"S3": {"S3Uri": "s3://bucket/models/llama-3-8b/"}},
        "OutputConfig": {"S3OutputLocation": "s3://bucket/recommendations/"},
        "AIWorkloadConfigIdentifier": f"{AI_ACCOUNT}:ai-workload-config/chat-550-150",
        "PerformanceTarget": {"Constraints": [{"Metric": "cost"}]},
        "RoleArn": ROLE,
        "InferenceSpecification": {"Framework": "LMI"},
        "OptimizeModel": True,
        "ComputeSpec": {"InstanceTypes": ["ml.g5.2xlarge", "ml.g6.2xlarge"]},
        "Tags": [{"Key": "team", "Value": "llm"}],
    }
