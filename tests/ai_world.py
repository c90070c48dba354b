"""A small generative-AI world in moto: a bucket, a model's artifacts, an endpoint serving it.

Shared by the simulator's tests (in process and in server mode) and the command line's.
"""

from __future__ import annotations

import io
import json
import tarfile
from typing import Any

import boto3

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
BUCKET = "llm-bucket"
MODEL_URI = f"s3://{BUCKET}/models/llama-3-8b/"

LLAMA_3_8B = {
    "architectures": ["LlamaForCausalLM"],
    "hidden_size": 4096,
    "intermediate_size": 14336,
    "num_attention_heads": 32,
    "num_hidden_layers": 32,
    "num_key_value_heads": 8,
    "vocab_size": 128256,
}
"""The shape of Llama 3 8B, as its ``config.json`` gives it (about 8.0 billion parameters)."""

SINGLE = """\
benchmark:
  type: aiperf
parameters:
  prompt_input_tokens_mean: 550
  output_tokens_mean: 150
  concurrency: 8
  request_count: 200
tooling:
  api_standard: openai
"""

SWEEP = """\
benchmark:
  type: aiperf
parameters:
  prompt_input_tokens_mean: 1024
  output_tokens_mean: 256
  concurrency: [1, 4, 16]
"""


def clients(**kwargs: Any) -> tuple[Any, Any, Any]:
    """SageMaker, S3 and CloudWatch Logs clients with the same settings."""
    options = {"region_name": "us-east-1", **kwargs}
    return (
        boto3.client("sagemaker", **options),
        boto3.client("s3", **options),
        boto3.client("logs", **options),
    )


def build(sm: Any, s3: Any, *, instance_type: str = "ml.g5.2xlarge") -> None:
    """The bucket, the model's config.json, a model and an InService endpoint ``llama-ep``."""
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(
        Bucket=BUCKET, Key="models/llama-3-8b/config.json", Body=json.dumps(LLAMA_3_8B).encode()
    )
    s3.put_object(Bucket=BUCKET, Key="models/llama-3-8b/model.safetensors", Body=b"\0" * 64)
    sm.create_model(
        ModelName="llama",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": "serving:latest", "ModelDataUrl": MODEL_URI},
    )
    sm.create_endpoint_config(
        EndpointConfigName="llama-config",
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": "llama",
                "InstanceType": instance_type,
                "InitialInstanceCount": 1,
            }
        ],
    )
    sm.create_endpoint(EndpointName="llama-ep", EndpointConfigName="llama-config")


def workload(sm: Any, name: str = "chat", inline: str = SINGLE, **extra: Any) -> str:
    """Create a workload configuration; its ARN."""
    arn: str = sm.create_ai_workload_config(
        AIWorkloadConfigName=name,
        AIWorkloadConfigs={"WorkloadSpec": {"Inline": inline}},
        **extra,
    )["AIWorkloadConfigArn"]
    return arn


def benchmark_request(name: str = "bench-1", **changes: Any) -> dict[str, Any]:
    """A CreateAIBenchmarkJob request against ``llama-ep`` with the ``chat`` workload."""
    return {
        "AIBenchmarkJobName": name,
        "BenchmarkTarget": {"Endpoint": {"Identifier": "llama-ep"}},
        "OutputConfig": {"S3OutputLocation": f"s3://{BUCKET}/benchmarks/"},
        "AIWorkloadConfigIdentifier": "chat",
        "RoleArn": ROLE,
        **changes,
    }


def recommendation_request(name: str = "sizing-1", **changes: Any) -> dict[str, Any]:
    """A CreateAIRecommendationJob request for the model in S3, optimised for cost."""
    return {
        "AIRecommendationJobName": name,
        "ModelSource": {"S3": {"S3Uri": MODEL_URI}},
        "OutputConfig": {"S3OutputLocation": f"s3://{BUCKET}/recommendations/"},
        "AIWorkloadConfigIdentifier": "chat",
        "PerformanceTarget": {"Constraints": [{"Metric": "cost"}]},
        "RoleArn": ROLE,
        "ComputeSpec": {"InstanceTypes": ["ml.g5.2xlarge", "ml.g6e.2xlarge", "ml.g5.12xlarge"]},
        **changes,
    }


def archive_of(s3: Any, location: str) -> dict[str, bytes]:
    """The members of the one ``output.tar.gz`` below an S3 location, by name."""
    bucket, _, prefix = location.removeprefix("s3://").partition("/")
    keys = [
        item["Key"]
        for item in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
        if item["Key"].endswith("output.tar.gz")
    ]
    assert len(keys) == 1, keys
    data = s3.get_object(Bucket=bucket, Key=keys[0])["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        return {
            member.name.removeprefix("./"): archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive
            if member.isreg()
        }


def log_messages(logs: Any, job: dict[str, Any]) -> list[str]:
    """Every message of the stream a DescribeAIBenchmarkJob response reports."""
    where = job["OutputConfig"]["CloudWatchLogs"][0]
    group = where["LogGroupArn"].split(":log-group:", 1)[1]
    events = logs.get_log_events(
        logGroupName=group, logStreamName=where["LogStreamName"], startFromHead=True
    )["events"]
    return [event["message"] for event in events]
