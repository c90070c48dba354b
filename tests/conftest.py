"""Shared fixtures, and the hypothesis profile CI runs with."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from hypothesis import settings

from client_support import FakeTime, ensure_model
from irclient.testing import InferenceRecommenderMock, mock_inference_recommender
from samples import create_request_wire, describe_response_wire

# irclient's own fixtures (ir_mock, ir_clock, ir_server_url, ...), as a user enables them.
pytest_plugins = ["irclient.testing.pytest_plugin"]

# CI runs the same examples every time (a red CI lands nothing, so it must not depend on
# luck); a developer's run explores new examples and keeps failures in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def create_wire() -> dict[str, Any]:
    return create_request_wire()


@pytest.fixture
def describe_wire() -> dict[str, Any]:
    return describe_response_wire()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def no_aws_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No AWS setting of the machine reaches the test, nor a look-up of instance metadata.

    A module opts in with ``pytestmark = pytest.mark.usefixtures("no_aws_configuration")``;
    a fixture that adds settings of its own asks for this one first.
    """
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-such-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-such-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def sim() -> Iterator[InferenceRecommenderMock]:
    """An active simulator in which the command line's example request's model exists."""
    # Imported here: the command line is loaded only by the tests that use it.
    from cli_support import MODEL

    with mock_inference_recommender() as mock:
        ensure_model(boto3.client("sagemaker", region_name="us-east-1"), MODEL)
        yield mock
