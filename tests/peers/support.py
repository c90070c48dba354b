"""What the peer tests share: the simulator in either mode, and the resources a job names."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import requests

from irclient.testing import (
    AI_BENCHMARK_MODEL_NAME,
    AI_RECOMMENDATION_MODEL_NAME,
    MODEL_NAME,
    InferenceRecommenderMock,
)

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/resnet:latest"
MODEL_DATA = "s3://peers-bucket/resnet/model.tar.gz"
PAYLOAD = "s3://peers-bucket/resnet/payload.tar.gz"
JOB_KINDS = (MODEL_NAME, AI_BENCHMARK_MODEL_NAME, AI_RECOMMENDATION_MODEL_NAME)
"""moto's model names of every job kind: a progression applies to all, as the mock's does."""


@attrs.frozen
class MotoServer:
    """``python -m irclient.testing.server`` running in a child process."""

    url: str
    process: subprocess.Popen[bytes]

    def wait_until_up(self, timeout: float = 60.0) -> None:
        """Return once the server answers; raise if it exits or stays silent."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                requests.get(f"{self.url}/moto-api/", timeout=1)
                return
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"the server exited with {self.process.returncode}"
                    ) from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def reset(self) -> None:
        """Forget every resource and put the default progression back."""
        requests.post(f"{self.url}/moto-api/reset", timeout=10).raise_for_status()
        for kind in JOB_KINDS:
            requests.post(
                f"{self.url}/moto-api/state-manager/unset-transition",
                json={"model_name": kind},
                timeout=10,
            ).raise_for_status()

    def set_transition(self, transition: Mapping[str, Any]) -> None:
        """Change how jobs of every kind progress, as a test does over HTTP."""
        for kind in JOB_KINDS:
            requests.post(
                f"{self.url}/moto-api/state-manager/set-transition",
                json={"model_name": kind, "transition": dict(transition)},
                timeout=10,
            ).raise_for_status()


@attrs.frozen
class Simulator:
    """The simulator a test talks to, in process or served, behind one small interface."""

    mode: str
    set_transition: Callable[[Mapping[str, Any]], None]

    @classmethod
    def in_process(cls, mock: InferenceRecommenderMock) -> Simulator:
        """The simulator inside ``mock_inference_recommender``."""
        return cls(mode="in-process", set_transition=mock.set_transition)

    @classmethod
    def served(cls, server: MotoServer) -> Simulator:
        """The simulator behind moto's server."""
        return cls(mode="server", set_transition=server.set_transition)


def create_model(sagemaker: Any, name: str = "resnet") -> str:
    """Create the SageMaker model a job names, in moto, and return its name."""
    sagemaker.create_model(
        ModelName=name,
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": IMAGE, "ModelDataUrl": MODEL_DATA},
    )
    return name


def default_job(name: str, model: str = "resnet", **overrides: Any) -> dict[str, Any]:
    """A Default job's request for ``model``, as a boto3 user writes it."""
    request: dict[str, Any] = {
        "JobName": name,
        "JobType": "Default",
        "RoleArn": ROLE,
        "InputConfig": {
            "ModelName": model,
            "ContainerConfig": {
                "Domain": "COMPUTER_VISION",
                "Framework": "PYTORCH",
                "PayloadConfig": {
                    "SamplePayloadUrl": PAYLOAD,
                    "SupportedContentTypes": ["image/jpeg"],
                },
            },
        },
    }
    request.update(overrides)
    return request
