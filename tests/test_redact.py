"""Credentials are redacted from botocore's DEBUG records."""

from __future__ import annotations

import logging

import pytest

from irclient._core import redact as _redact

KEY = "AKIAIOSFODNN7EXAMPLE"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/token+value=="


def test_redact_removes_key_id_and_token_from_a_request_repr() -> None:
    text = (
        "Sending http request: <AWSPreparedRequest headers={'X-Amz-Security-Token': "
        f"b'{TOKEN}', 'Authorization': b'AWS4-HMAC-SHA256 Credential={KEY}/20261123/"
        "us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=abc'}>"
    )
    cleaned = _redact.redact(text)
    assert KEY not in cleaned and TOKEN not in cleaned
    assert "Credential=<redacted>/20261123" in cleaned
    assert "SignedHeaders=host" in cleaned  # the rest is untouched


def test_redact_removes_the_token_line_of_a_canonical_request() -> None:
    text = f"CanonicalRequest:\nPOST\n/\n\nhost:x\nx-amz-security-token:{TOKEN}\n\nhost"
    cleaned = _redact.redact(text)
    assert TOKEN not in cleaned and "x-amz-security-token:<redacted>" in cleaned


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "Response headers: {'x-amzn-RequestId': 'abc', 'Content-Type': 'application/json'}"
    assert _redact.redact(text) == text


def test_the_filter_cleans_records_of_botocore_loggers(caplog: pytest.LogCaptureFixture) -> None:
    _redact.install()
    logger = logging.getLogger("botocore.endpoint")
    with caplog.at_level(logging.DEBUG, logger="botocore.endpoint"):
        logger.debug("Sending http request: %s", {"Authorization": f"Credential={KEY}/x"})
    (record,) = caplog.records
    assert KEY not in record.getMessage() and KEY not in caplog.text
    assert "<redacted>" in record.getMessage()


def test_building_a_client_installs_the_filter() -> None:
    import boto3

    import irclient

    session = boto3.Session(aws_access_key_id="a", aws_secret_access_key="b")
    irclient.InferenceRecommenderClient(session=session, region_name="us-east-1")
    assert any(
        isinstance(f, _redact.RedactCredentials) for f in logging.getLogger("botocore.auth").filters
    )
