"""Fixtures of the client tests: a FakeWire-answered client on simulated time."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from client_support import REGION, FakeTime, MakeClient
from irclient import InferenceRecommenderClient, RetryPolicy
from irclient.testing.wire import FakeWire


@pytest.fixture(scope="module")
def session() -> boto3.Session:
    # One session for the module: it loads SageMaker's service model once.
    return boto3.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name=REGION,
    )


@pytest.fixture
def fake() -> FakeWire:
    return FakeWire()


@pytest.fixture
def make_client(session: boto3.Session, fake: FakeWire, fake_time: FakeTime) -> MakeClient:
    def make(validate: bool = True, **policy: Any) -> InferenceRecommenderClient:
        retry = RetryPolicy(sleep=fake_time.sleep, clock=fake_time.clock, **policy)
        client = InferenceRecommenderClient(session=session, retry=retry, validate=validate)
        fake.attach(client.boto3_client)
        return client

    return make


@pytest.fixture
def client(make_client: MakeClient) -> InferenceRecommenderClient:
    return make_client()
