"""Building the client: botocore retries and validation off, a given client, stacked retries.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

import logging

import boto3
import botocore.config
import pytest

import irclient
from client_support import (
    DESCRIBE,
    REGION,
)
from irclient import (
    InferenceRecommenderClient,
    RetryPolicy,
    ServiceError,
)
from irclient.testing.wire import (
    FakeWire,
    http_error,
)


def test_built_client_has_botocore_retries_off(client: InferenceRecommenderClient) -> None:
    assert client.boto3_client.meta.config.retries["total_max_attempts"] == 1


def test_built_client_leaves_validation_to_irclient_unless_told_not_to(
    session: boto3.Session,
) -> None:
    # botocore wraps its serializer in a validating decorator when its own checks are on.
    ours = InferenceRecommenderClient(session=session, region_name="us-east-1")
    assert type(ours.boto3_client._serializer).__name__ != "ParamValidationDecorator"
    theirs = InferenceRecommenderClient(session=session, region_name="us-east-1", validate=False)
    assert type(theirs.boto3_client._serializer).__name__ == "ParamValidationDecorator"


def test_without_irclient_validation_botocore_still_checks(session: boto3.Session) -> None:
    client = InferenceRecommenderClient(session=session, region_name="us-east-1", validate=False)
    sent: list[object] = []

    def record(request: object, **_: object) -> None:
        sent.append(request)

    client.boto3_client.meta.events.register_first("before-send.sagemaker", record)
    with pytest.raises(irclient.ValidationError):
        client.describe_inference_recommendations_job(job_name=5)  # type: ignore[call-overload]
    assert sent == []


def test_built_client_uses_session_region(session: boto3.Session) -> None:
    client = InferenceRecommenderClient(session=session, region_name="eu-west-1")
    assert client.boto3_client.meta.region_name == "eu-west-1"
    assert "eu-west-1" in repr(client)


def test_client_and_session_together_is_a_type_error(session: boto3.Session) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    with pytest.raises(TypeError, match="not both"):
        InferenceRecommenderClient(boto, session=session)
    with pytest.raises(TypeError, match="not both"):
        InferenceRecommenderClient(boto, region_name=REGION)


def test_a_non_sagemaker_client_is_refused(session: boto3.Session) -> None:
    with pytest.raises(TypeError, match="SageMaker"):
        InferenceRecommenderClient(session.client("s3"))


def test_user_client_that_retries_warns_once(
    session: boto3.Session, caplog: pytest.LogCaptureFixture
) -> None:
    boto = session.client("sagemaker")  # botocore's defaults
    # Newer botocore releases default to standard mode (3 attempts), older ones, the floor
    # among them, to legacy mode (5 attempts).
    legacy = boto.meta.config.retries.get("mode") == "legacy"
    with caplog.at_level(logging.WARNING, logger="irclient"):
        InferenceRecommenderClient(boto)
        InferenceRecommenderClient(boto)
    warnings = [r for r in caplog.records if "retries on its own" in r.getMessage()]
    assert len(warnings) == 1
    assert f"up to {15 if legacy else 9} requests" in warnings[0].getMessage()


def test_user_client_without_retries_does_not_warn(
    session: boto3.Session, caplog: pytest.LogCaptureFixture
) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    with caplog.at_level(logging.WARNING, logger="irclient"):
        InferenceRecommenderClient(boto)
    assert not caplog.records


def test_stacked_retry_layers_multiply(session: boto3.Session, fake: FakeWire) -> None:
    # What the docs warn about: botocore's 2 attempts times the policy's 3.
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 2})
    )
    boto.meta.events.register("before-send.sagemaker", fake)
    fake.always[DESCRIBE] = http_error(503)
    client = InferenceRecommenderClient(boto, retry=RetryPolicy(sleep=lambda _: None))
    with pytest.raises(ServiceError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count(DESCRIBE) == 6
