"""Clients irclient did not write, run against the simulator (``nox -s peers``).

The AWS CLI, the SageMaker Python SDK and sagemaker-core cannot share one environment (their
pins conflict), so each environment of the ``peers`` session names the clients it installed in
``IRCLIENT_PEERS`` (comma separated). Only those clients' modules are collected, and each one
named must be installed: a broken install fails the run rather than skipping its tests.
Without ``IRCLIENT_PEERS`` (the default test run) nothing here is collected.

Every test runs with dummy credentials, empty AWS configuration files and no endpoint but the
simulator's: in process (``mock_inference_recommender``) or moto's server on 127.0.0.1.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from client_support import free_port

from .support import MotoServer, Simulator

CLIENT_MODULES = {
    "awscli": ("test_awscli.py",),
    "boto3": ("test_boto3.py",),
    "sagemaker": ("test_sagemaker_sdk.py",),
    "sagemaker-core": ("test_sagemaker_core.py",),
}
"""Which test modules need which distribution."""

REGION = "us-east-1"


def _wanted() -> set[str]:
    named = {name.strip() for name in os.environ.get("IRCLIENT_PEERS", "").split(",")}
    named.discard("")
    unknown = named - CLIENT_MODULES.keys()
    if unknown:
        raise pytest.UsageError(f"IRCLIENT_PEERS names unknown clients: {sorted(unknown)}")
    for name in sorted(named):
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            raise pytest.UsageError(
                f"IRCLIENT_PEERS names {name}, which is not installed"
            ) from None
    return named


_WANTED = _wanted()
collect_ignore = [
    module
    for client, modules in CLIENT_MODULES.items()
    if client not in _WANTED
    for module in modules
]


@pytest.fixture(autouse=True)
def offline_aws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dummy credentials and Region, empty configuration files, no endpoint from outside."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    config = tmp_path / "aws-config"
    config.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(config))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    # No instance metadata look-ups, whatever a client falls back to.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("SAGEMAKER_SUPPRESS_V2_WARNING", "1")


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MotoServer]:
    """``python -m irclient.testing.server`` on 127.0.0.1, for the whole run."""
    port = free_port()
    empty = tmp_path_factory.mktemp("server") / "aws-config"
    empty.write_text("")
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_CONFIG_FILE=str(empty),
        AWS_SHARED_CREDENTIALS_FILE=str(empty),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "irclient.testing.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = MotoServer(f"http://127.0.0.1:{port}", process)
    try:
        server.wait_until_up()
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=["in-process", "server"])
def simulator(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Simulator]:
    """The simulator, in process or behind moto's server; boto3's default chain reaches it."""
    if request.param == "in-process":
        from irclient.testing import mock_inference_recommender

        with mock_inference_recommender() as mock:
            yield Simulator.in_process(mock)
    else:
        server: MotoServer = request.getfixturevalue("moto_server")
        server.reset()
        monkeypatch.setenv("AWS_ENDPOINT_URL", server.url)
        try:
            yield Simulator.served(server)
        finally:
            server.reset()


@pytest.fixture
def served(moto_server: MotoServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Simulator]:
    """The simulator behind moto's server only (for clients that cannot run in process)."""
    moto_server.reset()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server.url)
    try:
        yield Simulator.served(moto_server)
    finally:
        moto_server.reset()
