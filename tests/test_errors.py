"""Request ids reach irclient's errors even when the body could not be parsed."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from irclient import errors


def _client_error(meta: dict[str, object]) -> ClientError:
    response: dict[str, object] = {
        "Error": {"Code": "502", "Message": "Bad Gateway"},
        "ResponseMetadata": meta,
    }
    return ClientError(response, "DescribeInferenceRecommendationsJob")


def test_an_html_5xx_keeps_the_request_id_of_its_headers() -> None:
    meta = {"HTTPStatusCode": 502, "HTTPHeaders": {"x-amzn-requestid": "rid-from-header"}}
    error = errors.from_botocore_error(_client_error(meta))
    assert isinstance(error, errors.ServiceError)
    assert error.request_id == "rid-from-header"
    assert "rid-from-header" in str(error)


def test_the_parsed_request_id_comes_first() -> None:
    meta = {
        "RequestId": "rid-parsed",
        "HTTPStatusCode": 500,
        "HTTPHeaders": {"x-amzn-requestid": "rid-from-header"},
    }
    error = errors.from_botocore_error(_client_error(meta))
    assert isinstance(error, errors.ServiceError) and error.request_id == "rid-parsed"


def test_no_metadata_no_request_id() -> None:
    assert errors.request_id_of({}) is None
    assert errors.request_id_of({"ResponseMetadata": {"HTTPHeaders": {}}}) is None


def test_a_malformed_response_error_names_its_request_id() -> None:
    error = errors.MalformedResponseError("garbled", operation="X", request_id="rid-1")
    assert error.request_id == "rid-1" and "rid-1" in str(error)
    assert isinstance(error, errors.TransportError)


@pytest.mark.parametrize(
    ("error", "retry_safe", "may_have_taken_effect"),
    [
        (errors.ServiceError("boom", code="InternalFailure", http_status=500), True, True),
        (errors.ServiceError("no", code="ValidationException", http_status=400), False, False),
        (errors.ServiceError("odd", code="NotImplemented", http_status=501), False, True),
        (errors.ThrottlingError("slow", code="ThrottlingException", http_status=400), True, False),
        (errors.ThrottlingError("slow", code="SlowDown", http_status=503), True, False),
        (errors.ResourceInUse("taken", code="ResourceInUse", http_status=400), False, False),
        (errors.ResourceNotFound("gone", code="ResourceNotFound", http_status=500), False, True),
        (errors.ConnectionFailedError("reset"), True, True),
        (errors.RequestTimeoutError("read timeout"), True, True),
        (errors.MalformedResponseError("truncated"), True, True),
        (errors.ValidationError([]), False, False),
        (errors.ConfigurationError("no region"), False, False),
    ],
)
def test_each_error_carries_its_retry_facts(
    error: errors.IRClientError, retry_safe: bool, may_have_taken_effect: bool
) -> None:
    # The retry layer and the safe Create read these facts; nothing else classifies errors.
    assert error.is_retry_safe is retry_safe
    assert error.may_have_taken_effect is may_have_taken_effect
    from irclient._core.safe_create import may_have_created
    from irclient.retry import is_retryable

    assert is_retryable(error) is retry_safe
    assert may_have_created(error) is may_have_taken_effect
