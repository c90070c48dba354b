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


# --------------------------------------------------------------------------- assumed roles

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
TEMP_KEY = "ASIAIOSFODNN7EXAMPLE"
STS_BODY = (
    b'<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
    b"<AssumeRoleResult><Credentials><AccessKeyId>" + TEMP_KEY.encode() + b"</AccessKeyId>"
    b"<SecretAccessKey>" + SECRET.encode() + b"</SecretAccessKey>"
    b"<SessionToken>" + TOKEN.encode() + b"</SessionToken>"
    b"<Expiration>2026-11-23T12:00:00Z</Expiration></Credentials>"
    b"<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>"
    b"</AssumeRoleResult></AssumeRoleResponse>"
)
SSO_BODY = (
    b'{"roleCredentials":{"accessKeyId":"'
    + TEMP_KEY.encode()
    + b'","secretAccessKey":"'
    + SECRET.encode()
    + b'","sessionToken":"'
    + TOKEN.encode()
    + b'","expiration":1}}'
)


@pytest.mark.parametrize(
    ("logger_name", "message", "args"),
    [
        # botocore.parsers logs every response body, the STS AssumeRole one included.
        ("botocore.parsers", "Response body:\n%r", (STS_BODY,)),
        ("botocore.parsers", "Response body:\n%r", (SSO_BODY,)),
        (
            "botocore.endpoint",
            "Making request for %s with params: %s",
            (
                "OperationModel(name=AssumeRoleWithWebIdentity)",
                {"body": {"Action": "AssumeRoleWithWebIdentity", "WebIdentityToken": TOKEN}},
            ),
        ),
        (
            "botocore.endpoint",
            "Sending http request: %s",
            (
                "<AWSPreparedRequest body=Action=AssumeRoleWithWebIdentity"
                f"&WebIdentityToken={TOKEN}&V=1>",
            ),
        ),
        (
            "botocore.endpoint",
            "Making request for %s with params: %s",
            ("GetRoleCredentials", {"headers": {"x-amz-sso_bearer_token": TOKEN}}),
        ),
    ],
    ids=["sts-xml", "sso-json", "web-identity-params", "web-identity-body", "sso-bearer"],
)
def test_the_filter_redacts_what_an_assumed_role_logs(
    caplog: pytest.LogCaptureFixture, logger_name: str, message: str, args: tuple[object, ...]
) -> None:
    import boto3

    import irclient

    session = boto3.Session(aws_access_key_id="a", aws_secret_access_key="b")
    irclient.InferenceRecommenderClient(session=session, region_name="us-east-1")
    logger = logging.getLogger(logger_name)
    with caplog.at_level(logging.DEBUG, logger=logger_name):
        logger.debug(message, *args)
    (record,) = caplog.records
    text = record.getMessage() + caplog.text
    for secret in (SECRET, TOKEN, TEMP_KEY, SECRET[8:24], TOKEN[:16]):
        assert secret not in text
    assert "<redacted>" in record.getMessage()


def test_redaction_keeps_the_rest_of_an_sts_response() -> None:
    cleaned = _redact.redact(repr(STS_BODY))
    assert "<SecretAccessKey><redacted></SecretAccessKey>" in cleaned
    assert "<SessionToken><redacted></SessionToken>" in cleaned
    assert "<Expiration>2026-11-23T12:00:00Z</Expiration>" in cleaned
    assert "assumed-role/r/s" in cleaned


def test_redact_cleans_a_presigned_url() -> None:
    url = (
        "https://bucket.s3.amazonaws.com/payload.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Credential={TEMP_KEY}%2F20261123%2Fus-east-1%2Fs3%2Faws4_request"
        f"&X-Amz-Date=20261123T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token={TOKEN}"
        "&X-Amz-SignedHeaders=host&X-Amz-Signature=abc"
    )
    cleaned = _redact.redact(url)
    assert TEMP_KEY not in cleaned and TOKEN not in cleaned
    assert cleaned.startswith("https://bucket.s3.amazonaws.com/payload.tar.gz?")
    assert "X-Amz-Security-Token=<redacted>&X-Amz-SignedHeaders=host" in cleaned
