"""The reliability suite's servers and clients: moto's server and the fault proxy, loopback only."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from moto.server import ThreadedMotoServer

from client_support import ensure_model
from irclient import InferenceRecommenderClient, RetryPolicy
from irclient.testing import install

from .faultproxy import FaultProxy
from .report import FIGURES, write

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
READ_TIMEOUT = 0.5
"""Short, so that a stall costs the suite half a second per attempt."""
STALL_SECONDS = 2.0

# Distinctive fake credentials: any of them found in a log line or message is a leak.
ACCESS_KEY = "AKIAIRCLIENTFAKE7Q2Z"
SECRET_KEY = "irclientFAKEsecret/kq8VtWm3Xn5Ry7Zp9Lb2Dc4Fg6Hj"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEIRCLIENTFAKEsessionTOKENv9Xw8Yz7Ab6Cd5Ef4Gh3Ij2Kl1Mn"

_started = time.monotonic()


@functools.cache
def boto3_client(
    url: str,
    *,
    read_timeout: float = READ_TIMEOUT,
    pool: int = 10,
    session_token: str | None = SESSION_TOKEN,
) -> Any:
    """A boto3 SageMaker client on ``url`` that sends each request once (one per settings).

    Cached: building a SageMaker client loads its large service model, and boto3 clients
    are safe to share between tests and threads.
    """
    session = boto3.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=session_token,
        region_name=REGION,
    )
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        connect_timeout=READ_TIMEOUT,
        read_timeout=read_timeout,
        max_pool_connections=pool,
    )
    return session.client("sagemaker", endpoint_url=url, config=config)


class RecordingSleep:
    """A sleep that waits for nothing and records each delay with the requests sent so far."""

    def __init__(self, sent: Callable[[], int]) -> None:
        self.sent = sent
        self.calls: list[tuple[float, int]] = []

    def __call__(self, delay: float) -> None:
        self.calls.append((delay, self.sent()))

    @property
    def delays(self) -> list[float]:
        return [delay for delay, _ in self.calls]


def _reset_moto(url: str) -> None:
    """Empty the simulator, but for the model the suite's jobs name (a job's model must exist)."""
    requests.post(f"{url}/moto-api/reset", timeout=10)
    ensure_model(boto3_client(url, read_timeout=30), "resnet50")


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    install()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    try:
        # The first SageMaker request loads moto's backend: pay that before any short timeout.
        warm = boto3_client(url, read_timeout=60)
        warm.list_inference_recommendations_jobs()
        yield url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def proxy(moto_url: str) -> Iterator[FaultProxy]:
    proxy = FaultProxy(moto_url, stall_seconds=STALL_SECONDS).start()
    try:
        yield proxy
    finally:
        proxy.stop()
        FIGURES.faults.update(proxy.injected)
        FIGURES.proxied_requests += proxy.forwarded + proxy.canned + sum(proxy.injected.values())


@pytest.fixture
def fresh(proxy: FaultProxy, moto_url: str) -> Iterator[FaultProxy]:
    """The proxy with no faults queued, in front of an empty simulator."""
    _reset_moto(moto_url)
    proxy.reset()
    yield proxy
    proxy.reset()


@pytest.fixture
def sleeper(fresh: FaultProxy) -> RecordingSleep:
    return RecordingSleep(fresh.count)


MakeClient = Callable[..., InferenceRecommenderClient]


@pytest.fixture
def make_client(fresh: FaultProxy, sleeper: RecordingSleep) -> MakeClient:
    def make(max_attempts: int = 3, **config: Any) -> InferenceRecommenderClient:
        policy = RetryPolicy(max_attempts=max_attempts, sleep=sleeper)
        return InferenceRecommenderClient(boto3_client(fresh.url, **config), retry=policy)

    return make


# --------------------------------------------------------------------------- the report


# Under pytest-xdist each worker records its own figures and hands them to the controller
# when it finishes; the controller, which sees every test's report, counts the tests and
# writes the page. Without xdist the one process does both.

_WORKER_KEY = "irclient_reliability_figures"


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workeroutput")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if hasattr(report, "node"):  # a worker's report seen on the controller is counted there
        return
    if report.when == "call" and report.passed:
        FIGURES.tests_passed += 1
    elif report.failed:
        FIGURES.tests_failed += 1


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    figures = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if figures is not None:
        FIGURES.merge(figures)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _is_worker(session.config):
        FIGURES.seconds = time.monotonic() - _started
        session.config.workeroutput[_WORKER_KEY] = FIGURES.dump()  # type: ignore[attr-defined]
        return
    target = os.environ.get("IRCLIENT_RELIABILITY_REPORT")
    if not target or FIGURES.tests_passed == 0:
        return
    FIGURES.seconds = time.monotonic() - _started
    write(Path(target), FIGURES)
