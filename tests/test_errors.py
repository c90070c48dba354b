"""Request ids reach irclient's errors even when the body could not be parsed."""

from __future__ import annotations

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
