"""Request files of the generative-AI commands: templates, examples, reading them.

Each resource of ``irclient ai`` (``workload``, ``benchmark``, ``recommendation``) has one
Create operation; its request file is that operation's wire form, as for the classic
commands (:mod:`irclient.cli._requests`).
"""

from __future__ import annotations

from typing import Any, Final

from ._requests import DEMO_ACCOUNT, read_request

__all__ = ["RESOURCES", "Resource", "example", "load", "skeleton"]


class Resource:
    """One resource of ``irclient ai``: its operations and the names its members have."""

    def __init__(self, noun: str, shape: str, *, job: bool) -> None:
        self.noun = noun
        self.shape = shape  # AIWorkloadConfig, AIBenchmarkJob, AIRecommendationJob
        self.job = job

    @property
    def create(self) -> str:
        """The Create operation."""
        return f"Create{self.shape}"

    @property
    def list(self) -> str:
        """The List operation."""
        return f"List{self.shape}s"

    @property
    def name_member(self) -> str:
        """The wire name of its name (``AIBenchmarkJobName``)."""
        return f"{self.shape}Name"

    @property
    def attribute(self) -> str:
        """The Python name of its name (``ai_benchmark_job_name``)."""
        import botocore

        return str(botocore.xform_name(self.name_member))

    @property
    def method(self) -> str:
        """The snake-case stem of its client methods (``ai_benchmark_job``)."""
        return self.attribute.removesuffix("_name")

    @property
    def kind(self) -> str:
        """The kind the client's AI job methods take (``benchmark``, ``recommendation``)."""
        return self.noun


RESOURCES: Final = {
    "workload": Resource("workload", "AIWorkloadConfig", job=False),
    "benchmark": Resource("benchmark", "AIBenchmarkJob", job=True),
    "recommendation": Resource("recommendation", "AIRecommendationJob", job=True),
}
"""The resources of ``irclient ai``, by the word the command line uses."""

_ROLE = f"arn:aws:iam::{DEMO_ACCOUNT}:role/SageMakerInferenceRecommender"
_BUCKET = f"s3://sagemaker-us-east-1-{DEMO_ACCOUNT}"

EXAMPLE_WORKLOAD = """\
benchmark:
  type: aiperf
parameters:
  prompt_input_tokens_mean: 550
  output_tokens_mean: 150
  concurrency: 8
  request_count: 200
  streaming: true
tooling:
  api_standard: openai
"""


def example(resource: Resource) -> dict[str, Any]:
    """A realistic, valid Create request of the resource, in wire form."""
    if resource.noun == "workload":
        return {
            "AIWorkloadConfigName": "chat-550-150",
            "AIWorkloadConfigs": {"WorkloadSpec": {"Inline": EXAMPLE_WORKLOAD}},
        }
    if resource.noun == "benchmark":
        return {
            "AIBenchmarkJobName": "llama-bench-1",
            "BenchmarkTarget": {"Endpoint": {"Identifier": "llama-endpoint"}},
            "OutputConfig": {"S3OutputLocation": f"{_BUCKET}/benchmarks/"},
            "AIWorkloadConfigIdentifier": "chat-550-150",
            "RoleArn": _ROLE,
        }
    return {
        "AIRecommendationJobName": "llama-sizing-1",
        "ModelSource": {"S3": {"S3Uri": f"{_BUCKET}/models/llama-3-8b/"}},
        "OutputConfig": {"S3OutputLocation": f"{_BUCKET}/recommendations/"},
        "AIWorkloadConfigIdentifier": "chat-550-150",
        "PerformanceTarget": {"Constraints": [{"Metric": "cost"}]},
        "RoleArn": _ROLE,
        "InferenceSpecification": {"Framework": "LMI"},
        "ComputeSpec": {"InstanceTypes": ["ml.g5.2xlarge", "ml.g6e.2xlarge"]},
    }


def skeleton(resource: Resource) -> dict[str, Any]:
    """The AWS CLI's ``--generate-cli-skeleton`` layout of the resource's Create request."""
    import botocore.session

    from ._requests import _skeleton_of

    model = botocore.session.get_session().get_service_model("sagemaker")
    result: dict[str, Any] = _skeleton_of(model.operation_model(resource.create).input_shape)
    return result


def load(resource: Resource, path: str, name: str | None = None) -> Any:
    """The Create request in a file, as a model; structural problems are validation errors.

    Args:
        resource: The resource.
        path: The file (``-`` for standard input; ``file://`` as in the AWS CLI).
        name: A name to use instead of the file's.
    """
    from ..models import _specs

    data = read_request(path)
    if name is not None:
        data[resource.name_member] = name
    cls = _specs.OPERATIONS[resource.create].input
    return cls.from_dict(data)
