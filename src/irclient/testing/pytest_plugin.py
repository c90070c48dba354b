"""pytest fixtures for code that talks to Inference Recommender.

Enable them in a ``conftest.py``::

    pytest_plugins = ["irclient.testing.pytest_plugin"]

* ``ir_mock`` - an active :class:`~irclient.testing.InferenceRecommenderMock` for the test;
* ``ir_region`` - the Region the clients use (``us-east-1``; override the fixture to change);
* ``ir_boto3_client`` - a plain boto3 SageMaker client inside the mock;
* ``ir_client`` - an ``irclient.InferenceRecommenderClient`` inside the mock, built the way
  irclient recommends: irclient builds its own boto3 client (botocore's retries off), so the
  fixture is quiet and a failing request is attempted exactly as its ``RetryPolicy`` says;
* ``ir_clock`` - the simulator's clock, frozen for the test: only ``ir_clock.advance(seconds)``
  moves it, so a test of the ``time`` progression never sleeps;
* ``ir_server_url`` - the URL of moto's server with the operations, on the loopback
  interface, one for the test session (``/moto-api/reset`` clears it between tests; its
  clock moves with :func:`irclient.testing.server.advance_clock`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest

from ._mock import InferenceRecommenderMock, mock_inference_recommender
from ._simulator import CLOCK, Clock

__all__ = [
    "ir_boto3_client",
    "ir_client",
    "ir_clock",
    "ir_mock",
    "ir_region",
    "ir_server_url",
]


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


@pytest.fixture
def ir_clock() -> Iterator[Clock]:
    """The simulator's clock, frozen for the test; ``advance(seconds)`` moves it.

    ``now()`` is the simulated time. The clock is put back as it was after the test. With
    ``ir_mock`` (or any mock of the test) the jobs read this clock, so under the ``time``
    progression a job moves exactly as far as the test advances it.
    """
    saved = CLOCK.snapshot()
    CLOCK.freeze()
    try:
        yield CLOCK
    finally:
        CLOCK.restore(saved)


@pytest.fixture(scope="session")
def ir_server_url() -> Iterator[str]:
    """The URL of moto's server with the Inference Recommender operations, for the session.

    The server listens on ``127.0.0.1`` on a free port. State lasts across tests: a test
    that needs a clean server posts to ``<url>/moto-api/reset`` first.
    """
    from moto.server import ThreadedMotoServer

    from ._moto import install

    install()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()
