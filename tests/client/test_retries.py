"""Retries: what is retried, how often, on which clock, and what is logged.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

import logging

import boto3
import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from client_support import (
    DESCRIBE,
    STOP,
    FakeTime,
    MakeClient,
)
from irclient import (
    ConnectionFailedError,
    InferenceRecommenderClient,
    RequestTimeoutError,
    ResourceInUse,
    ResourceLimitExceeded,
    ResourceNotFound,
    RetryPolicy,
    ServiceError,
    ThrottlingError,
)
from irclient.testing.wire import (
    FakeWire,
    Fault,
    connection_reset,
    endpoint_down,
    http_error,
    read_timeout,
    service_error,
    throttle,
)


@pytest.mark.parametrize("attempts", [1, 3, 5])
def test_always_throttling_endpoint_sees_exactly_max_attempts(
    make_client: MakeClient, fake: FakeWire, fake_time: FakeTime, attempts: int
) -> None:
    client = make_client(max_attempts=attempts)
    fake.always[DESCRIBE] = throttle
    with pytest.raises(ThrottlingError) as info:
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count(DESCRIBE) == attempts
    assert len(fake_time.sleeps) == attempts - 1
    error = info.value
    assert error.code == "ThrottlingException"
    assert error.http_status == 400
    assert error.operation == DESCRIBE
    assert error.request_id is not None and error.request_id.startswith("req-")
    assert isinstance(error.__cause__, ClientError)


def test_two_throttles_then_success_returns_normally(
    client: InferenceRecommenderClient, fake: FakeWire, fake_time: FakeTime
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, throttle, throttle)
    response = client.describe_inference_recommendations_job(job_name="job-1")
    assert response.job_name == "job-1"
    assert fake.count(DESCRIBE) == 3
    # Full jitter: each delay lies between 0 and the doubling cap.
    assert len(fake_time.sleeps) == 2
    assert 0 <= fake_time.sleeps[0] <= 0.5
    assert 0 <= fake_time.sleeps[1] <= 1.0


def test_not_found_is_raised_after_one_request(
    client: InferenceRecommenderClient, fake: FakeWire, fake_time: FakeTime
) -> None:
    with pytest.raises(ResourceNotFound) as info:
        client.describe_inference_recommendations_job(job_name="nope")
    assert fake.count() == 1
    assert fake_time.sleeps == []
    assert info.value.code == "ResourceNotFound"
    assert "nope" in info.value.message


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (service_error("ResourceLimitExceeded"), ResourceLimitExceeded),
        (service_error("ResourceInUse"), ResourceInUse),
        (service_error("ValidationException"), ServiceError),
        (service_error("AccessDeniedException"), ServiceError),
        (service_error("UnrecognizedClientException", 403), ServiceError),
    ],
)
def test_client_errors_are_not_retried(
    client: InferenceRecommenderClient,
    fake: FakeWire,
    fault: Fault,
    expected: type[ServiceError],
) -> None:
    fake.always[STOP] = fault
    with pytest.raises(expected):
        client.stop_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_is_retried(client: InferenceRecommenderClient, fake: FakeWire, status: int) -> None:
    fake.add_job("job-1")
    fake.fail(
        DESCRIBE, http_error(status, "InternalFailure"), http_error(status, "InternalFailure")
    )
    assert client.describe_inference_recommendations_job(job_name="job-1").job_name == "job-1"
    assert fake.count() == 3


def test_transient_error_codes_from_botocore_are_retried(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, service_error("RequestTimeoutException"), http_error(429, "SlowDown"))
    assert client.describe_inference_recommendations_job(job_name="job-1").job_name == "job-1"
    assert fake.count() == 3


@pytest.mark.parametrize(
    ("fault", "expected", "cause"),
    [
        (connection_reset, ConnectionFailedError, ConnectionClosedError),
        (endpoint_down, ConnectionFailedError, EndpointConnectionError),
        (read_timeout, RequestTimeoutError, ReadTimeoutError),
    ],
)
def test_connection_errors_and_timeouts_are_retried_like_5xx(
    client: InferenceRecommenderClient,
    fake: FakeWire,
    fault: Fault,
    expected: type[Exception],
    cause: type[Exception],
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, fault, fault)
    assert client.describe_inference_recommendations_job(job_name="job-1").job_name == "job-1"
    assert fake.count() == 3

    fake.always[DESCRIBE] = fault
    with pytest.raises(expected) as info:
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 6
    assert info.value.operation == DESCRIBE  # type: ignore[attr-defined]
    assert type(info.value.__cause__) is cause


def test_every_retry_is_logged(
    client: InferenceRecommenderClient, fake: FakeWire, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, throttle, http_error(503))
    with caplog.at_level(logging.INFO, logger="irclient"):
        client.describe_inference_recommendations_job(job_name="job-1")
    lines = [r.getMessage() for r in caplog.records if r.name == "irclient"]
    assert len(lines) == 2
    assert lines[0].startswith(f"{DESCRIBE}: attempt 1 of 3 failed with ThrottlingException")
    assert lines[1].startswith(f"{DESCRIBE}: attempt 2 of 3 failed with ServiceUnavailable")
    assert all("retrying in" in line for line in lines)


def test_deadline_stops_retries_on_the_policy_clock(
    make_client: MakeClient, fake: FakeWire, fake_time: FakeTime
) -> None:
    client = make_client(max_attempts=50, initial_delay=1.0, max_delay=1.0, deadline=5.0)

    def one_second_per_request() -> None:
        fake_time.now += 1.0

    fake.on_request = one_second_per_request
    fake.always[DESCRIBE] = http_error(503)
    with pytest.raises(ServiceError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert 2 <= fake.count() <= 5
    assert fake_time.now <= 5.0 + 1.0  # the last attempt may run up to its own length past


def test_zero_deadline_means_one_attempt(make_client: MakeClient, fake: FakeWire) -> None:
    client = make_client(deadline=0.0)
    fake.always[DESCRIBE] = throttle
    with pytest.raises(ThrottlingError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 1


def test_one_policy_serves_many_clients(session: boto3.Session, fake: FakeWire) -> None:
    policy = RetryPolicy(max_attempts=2, sleep=lambda _: None)
    clients = [InferenceRecommenderClient(session=session, retry=policy) for _ in range(2)]
    fake.always[DESCRIBE] = throttle
    for c in clients:
        c.boto3_client.meta.events.register("before-send.sagemaker", fake)
        with pytest.raises(ThrottlingError):
            c.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 4
