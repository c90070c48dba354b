"""RetryPolicy and the botocore-error translation, on their own."""

from __future__ import annotations

import threading
from typing import Any

import attrs
import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    IncompleteReadError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    ReadTimeoutError,
)
from botocore.retries import standard

from irclient import (
    ConfigurationError,
    ConnectionFailedError,
    IRClientError,
    MalformedResponseError,
    RequestTimeoutError,
    ResourceInUse,
    ResourceLimitExceeded,
    ResourceNotFound,
    RetryPolicy,
    ServiceError,
    ThrottlingError,
    ValidationError,
)
from irclient.errors import from_botocore_error, throttling_codes
from irclient.retry import is_retryable


def client_error(code: str, status: int = 400, message: str = "boom") -> ClientError:
    return ClientError(
        {
            "Error": {"Code": code, "Message": message},
            "ResponseMetadata": {"HTTPStatusCode": status, "RequestId": "rid-1"},
        },
        "DescribeInferenceRecommendationsJob",
    )


# --------------------------------------------------------------------------- translation


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        ("ResourceNotFound", 400, ResourceNotFound),
        ("ResourceInUse", 400, ResourceInUse),
        ("ResourceLimitExceeded", 400, ResourceLimitExceeded),
        ("ThrottlingException", 400, ThrottlingError),
        ("LimitExceededException", 400, ThrottlingError),
        ("SomethingNew", 429, ThrottlingError),
        ("InternalFailure", 500, ServiceError),
        ("ValidationException", 400, ServiceError),
    ],
)
def test_client_errors_map_to_service_errors(
    code: str, status: int, expected: type[ServiceError]
) -> None:
    error = from_botocore_error(client_error(code, status), operation="Op")
    assert type(error) is expected
    assert isinstance(error, ServiceError)
    assert (error.code, error.http_status, error.request_id, error.operation) == (
        code,
        status,
        "rid-1",
        "Op",
    )
    assert error.message == "boom"
    assert "rid-1" in str(error)


def test_operation_defaults_to_the_client_errors_own() -> None:
    error = from_botocore_error(client_error("InternalFailure", 500))
    assert isinstance(error, ServiceError)
    assert error.operation == "DescribeInferenceRecommendationsJob"


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (ReadTimeoutError(endpoint_url="https://x"), RequestTimeoutError),
        (ConnectTimeoutError(endpoint_url="https://x"), RequestTimeoutError),
        (EndpointConnectionError(endpoint_url="https://x"), ConnectionFailedError),
        (ConnectionClosedError(endpoint_url="https://x"), ConnectionFailedError),
        (IncompleteReadError(actual_bytes=1, expected_bytes=2), MalformedResponseError),
        (NoCredentialsError(), ConfigurationError),
        (NoRegionError(), ConfigurationError),
        (ParamValidationError(report="MaxResults too small"), ValidationError),
    ],
)
def test_botocore_errors_map_to_our_types(exc: Exception, expected: type[IRClientError]) -> None:
    error = from_botocore_error(exc, operation="Op")
    assert type(error) is expected


def test_other_exceptions_are_not_translated() -> None:
    assert from_botocore_error(KeyError("x")) is None
    assert from_botocore_error(ResourceInUse("m", code="ResourceInUse")) is None


def test_throttling_codes_are_botocores_own() -> None:
    assert throttling_codes() == frozenset(
        standard.ThrottledRetryableChecker._THROTTLED_ERROR_CODES
    )
    assert "ThrottlingException" in throttling_codes()


# --------------------------------------------------------------------------- retryability


@pytest.mark.parametrize(
    ("exc", "retryable"),
    [
        (ThrottlingError("m", code="ThrottlingException", http_status=400), True),
        (ServiceError("m", code="InternalFailure", http_status=500), True),
        (ServiceError("m", code="BadGateway", http_status=502), True),
        (ServiceError("m", code="ServiceUnavailable", http_status=503), True),
        (ServiceError("m", code="GatewayTimeout", http_status=504), True),
        (ServiceError("m", code="RequestTimeoutException", http_status=400), True),
        (ServiceError("m", code="NotImplemented", http_status=501), False),
        (ServiceError("m", code="AccessDeniedException", http_status=400), False),
        (ServiceError("m", code="ValidationException", http_status=400), False),
        (ResourceNotFound("m", code="ResourceNotFound", http_status=400), False),
        (ResourceInUse("m", code="ResourceInUse", http_status=400), False),
        (ResourceLimitExceeded("m", code="ResourceLimitExceeded", http_status=400), False),
        (ConnectionFailedError("m"), True),
        (RequestTimeoutError("m"), True),
        (MalformedResponseError("m"), True),
        (ConfigurationError("m"), False),
        (ValidationError([]), False),
        (KeyError("x"), False),
    ],
)
def test_what_is_retried(exc: BaseException, retryable: bool) -> None:
    assert is_retryable(exc) is retryable


# --------------------------------------------------------------------------- the policy


class Attempts:
    def __init__(self, *outcomes: BaseException | str) -> None:
        self.outcomes = list(outcomes)
        self.count = 0

    def __call__(self, *args: Any) -> str:
        self.count += 1
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


THROTTLED = ThrottlingError("slow", code="ThrottlingException", http_status=400)


def test_defaults_follow_botocore_standard_mode() -> None:
    policy = RetryPolicy()
    assert policy.max_attempts == standard.DEFAULT_MAX_ATTEMPTS == 3
    assert policy.max_delay == 20.0
    assert policy.deadline is None


def test_policy_is_frozen_and_comparable() -> None:
    policy = RetryPolicy(max_attempts=5)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        policy.max_attempts = 2  # type: ignore[misc]
    assert attrs.evolve(policy, max_attempts=2).max_attempts == 2
    assert RetryPolicy(max_attempts=5) == policy
    assert "max_attempts=5" in repr(policy)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_attempts": 0},
        {"max_attempts": 2.5},
        {"max_attempts": True},
        {"initial_delay": -1},
        {"max_delay": "1"},
        {"deadline": -0.5},
    ],
)
def test_bad_policy_values_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**kwargs)


def test_returns_after_retries_and_sleeps_with_full_jitter() -> None:
    sleeps: list[float] = []
    policy = RetryPolicy(max_attempts=6, initial_delay=0.25, max_delay=1.0, sleep=sleeps.append)
    attempts = Attempts(THROTTLED, THROTTLED, THROTTLED, THROTTLED, THROTTLED, "ok")
    assert policy.call("Op", attempts) == "ok"
    assert attempts.count == 6
    caps = [0.25, 0.5, 1.0, 1.0, 1.0]
    assert len(sleeps) == 5
    assert all(0 <= s <= cap for s, cap in zip(sleeps, caps, strict=True))


def test_reraises_the_last_error_not_a_retry_error() -> None:
    policy = RetryPolicy(max_attempts=2, sleep=lambda _: None)
    last = ThrottlingError("last", code="ThrottlingException")
    with pytest.raises(ThrottlingError) as info:
        policy.call("Op", Attempts(THROTTLED, last))
    assert info.value is last


def test_non_retryable_error_is_raised_at_once() -> None:
    attempts = Attempts(ResourceNotFound("m", code="ResourceNotFound"), "ok")
    with pytest.raises(ResourceNotFound):
        RetryPolicy(sleep=lambda _: None).call("Op", attempts)
    assert attempts.count == 1


def test_max_attempts_1_turns_retries_off() -> None:
    attempts = Attempts(THROTTLED, "ok")
    with pytest.raises(ThrottlingError):
        RetryPolicy(max_attempts=1).call("Op", attempts)
    assert attempts.count == 1


def test_arguments_reach_the_attempt() -> None:
    assert RetryPolicy().call("Op", lambda a, b: a + b, 2, 3) == 5


def test_one_policy_from_many_threads() -> None:
    policy = RetryPolicy(max_attempts=4, sleep=lambda _: None)
    counts: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        attempts = Attempts(THROTTLED, THROTTLED, THROTTLED, "ok")
        for _ in range(20):
            attempts.outcomes = [THROTTLED, THROTTLED, THROTTLED, "ok"]
            attempts.count = 0
            assert policy.call("Op", attempts) == "ok"
            with lock:
                counts.append(attempts.count)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts == [4] * 160
