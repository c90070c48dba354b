"""pytest fixtures for code that talks to Inference Recommender.

Enable them in a ``conftest.py``::

    pytest_plugins = ["irclient.testing.pytest_plugin"]

* ``ir_mock`` - an active :class:`~irclient.testing.InferenceRecommenderMock` for the test;
* ``ir_region`` - the Region the clients use (``us-east-1``; override the fixture to change);
* ``ir_boto3_client`` - a plain boto3 SageMaker client inside the mock;
* ``ir_client`` - an ``irclient.InferenceRecommenderClient`` inside the mock, built the way
  irclient recommends: irclient builds its own boto3 client (botocore's retries off), so the
  fixture is quiet and a failing request is attempted exactly as its ``RetryPolicy`` says.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest

from ._mock import InferenceRecommenderMock, mock_inference_recommender

__all__ = ["ir_boto3_client", "ir_client", "ir_mock", "ir_region"]


@pytest.fixture
def ir_region() -> str:
    """The Region of the fixtures' clients."""
    return "us-east-1"


@pytest.fixture
def ir_mock() -> Iterator[InferenceRecommenderMock]:
    """An active moto with Inference Recommender, fresh for each test."""
    with mock_inference_recommender() as mock:
        yield mock


@pytest.fixture
def ir_boto3_client(
    ir_mock: InferenceRecommenderMock,  # noqa: ARG001 - wanted for its effect: an active mock
    ir_region: str,
) -> Any:
    """A plain boto3 SageMaker client talking to the mock."""
    import boto3

    return boto3.client("sagemaker", region_name=ir_region)


@pytest.fixture
def ir_client(
    ir_mock: InferenceRecommenderMock,  # noqa: ARG001 - wanted for its effect: an active mock
    ir_region: str,
) -> Any:
    """An ``InferenceRecommenderClient`` talking to the mock, configured as irclient advises.

    The client builds its own boto3 client, with botocore's retries off, rather than wrapping
    :func:`ir_boto3_client` (whose default retries would stack on irclient's and make the
    client warn). Both fixtures reach the same simulated jobs.
    """
    # Imported when used, so that the other fixtures never load the client module.
    client_module = importlib.import_module("irclient.client")
    return client_module.InferenceRecommenderClient(region_name=ir_region)
