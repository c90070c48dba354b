"""Shared helpers of the tests: constants, simulated time, request builders, raw bodies."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

from irclient import InferenceRecommenderClient, serde
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobStepsResponse,
    RecommendationJobInputConfig,
    RecommendationJobType,
)

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
OTHER_ROLE = "arn:aws:iam::123456789012:role/SomeoneElse"
REGION = "us-east-1"


class FakeTime:
    """Simulated time: sleeping advances the clock at once."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


class RawBody:
    """The raw HTTP body of a botocore ``AWSResponse`` made by hand: ``body``, all at once."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body

    def read(self) -> bytes:
        return self.body


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class TokenPipeline:
    """Just what :class:`~irclient._core.pages.Pages` uses of a pipeline.

    It answers with empty pages of steps, the n-th with the token ``tokens(n)`` (``None``
    ends the walk), and counts the pages sent.
    """

    validate = False

    def __init__(self, tokens: Callable[[int], str | None]) -> None:
        self.tokens = tokens
        self.sent = 0
        self.policy = self
        self.attempt = None

    def wire(self, request: Any) -> dict[str, Any]:
        return serde.to_wire(request)

    def call(self, *_: Any) -> ListInferenceRecommendationsJobStepsResponse:
        self.sent += 1
        return ListInferenceRecommendationsJobStepsResponse(
            steps=(), next_token=self.tokens(self.sent)
        )


def modules_after(code: str) -> list[str]:
    """Every module a fresh interpreter has loaded after running ``code``."""
    report = "import json, sys\nprint(json.dumps(sorted(sys.modules)))"
    probe = f"{code}\n{report}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    loaded: list[str] = json.loads(out.stdout.splitlines()[-1])
    return loaded


def imported_after(code: str) -> list[str]:
    """Top-level packages a fresh interpreter has loaded after running ``code``."""
    return sorted({m.split(".")[0] for m in modules_after(code)})


MakeClient = Callable[..., InferenceRecommenderClient]


def create_request(
    name: str = "job-1", role: str = ROLE
) -> CreateInferenceRecommendationsJobRequest:
    return CreateInferenceRecommendationsJobRequest(
        job_name=name,
        job_type=RecommendationJobType.DEFAULT,
        role_arn=role,
        input_config=RecommendationJobInputConfig(model_name="my-model"),
    )


DESCRIBE = "DescribeInferenceRecommendationsJob"
CREATE = "CreateInferenceRecommendationsJob"
STEPS = "ListInferenceRecommendationsJobSteps"
JOBS = "ListInferenceRecommendationsJobs"
STOP = "StopInferenceRecommendationsJob"


def endpoint_names(steps: list[InferenceRecommendationsJobStep]) -> list[str]:
    names = []
    for step in steps:
        assert step.inference_benchmark is not None
        assert step.inference_benchmark.endpoint_configuration is not None
        names.append(step.inference_benchmark.endpoint_configuration.endpoint_name)
    return names


MODEL_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/model:latest"


def ensure_model(sagemaker: object, name: str) -> str:
    """Create the SageMaker model ``name`` in moto unless it exists: what a job names must exist."""
    from botocore.exceptions import ClientError

    client: Any = sagemaker
    try:
        client.describe_model(ModelName=name)
    except ClientError:
        client.create_model(
            ModelName=name,
            ExecutionRoleArn=ROLE,
            PrimaryContainer={"Image": MODEL_IMAGE, "ModelDataUrl": f"s3://models/{name}.tar.gz"},
        )
    return name


PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/resnet/1"
"""The first version of the model package group ``resnet``, as moto numbers them."""


def ensure_package(sagemaker: object) -> str:
    """Register the model package version :data:`PACKAGE` in moto unless it exists."""
    client: Any = sagemaker
    groups = client.list_model_package_groups()["ModelPackageGroupSummaryList"]
    if not any(g["ModelPackageGroupName"] == "resnet" for g in groups):
        client.create_model_package_group(ModelPackageGroupName="resnet")
        arn: str = client.create_model_package(
            ModelPackageGroupName="resnet",
            Domain="COMPUTER_VISION",
            Task="IMAGE_CLASSIFICATION",
            SamplePayloadUrl="s3://payloads/resnet.tar.gz",
            InferenceSpecification={
                "Containers": [{"Image": "resnet:1", "Framework": "PYTORCH"}],
                "SupportedContentTypes": ["image/jpeg"],
                "SupportedResponseMIMETypes": ["application/json"],
                "SupportedRealtimeInferenceInstanceTypes": ["ml.c5.xlarge", "ml.g4dn.xlarge"],
            },
        )["ModelPackageArn"]
        assert arn == PACKAGE
    return PACKAGE
