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
