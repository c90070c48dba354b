"""Building boto3 clients: any service, one session, Region and endpoint, botocore retries off."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from irclient import InferenceRecommenderClient, RetryPolicy, ThrottlingError
from irclient._core.boto import ClientFactory, build_client, endpoint_override
from irclient._core.pipeline import call_aws
from irclient.errors import ConfigurationError

REGION = "eu-west-1"


@pytest.fixture
def session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret", region_name="us-east-1"
    )


def _validates(client: Any) -> bool:
    """Whether botocore checks the client's parameters before serialising them."""
    return type(client._serializer).__name__ == "ParamValidationDecorator"


def _attempts(client: Any) -> Any:
    return client.meta.config.retries["total_max_attempts"]


def test_other_service_clients_share_session_region_and_retry_setting(
    session: boto3.Session,
) -> None:
    client = InferenceRecommenderClient(session=session, region_name=REGION)
    logs = client.aws_client("logs")
    scaling = client.aws_client("application-autoscaling")
    for other in (logs, scaling):
        assert other.meta.region_name == REGION
        assert _attempts(other) == 1
        # irclient validates only SageMaker requests: other services keep botocore's checks.
        assert _validates(other)
        credentials = other._request_signer._credentials
        assert credentials.access_key == "AKIDEXAMPLE"
    assert logs.meta.service_model.service_name == "logs"
    assert scaling.meta.service_model.service_name == "application-autoscaling"


def test_only_the_validated_service_skips_botocores_validation(session: boto3.Session) -> None:
    ours = InferenceRecommenderClient(session=session)
    assert not _validates(ours.boto3_client)
    assert not _validates(ours.aws_client("sagemaker"))
    unvalidated = InferenceRecommenderClient(session=session, validate=False)
    assert _validates(unvalidated.boto3_client)


def test_other_clients_follow_a_given_clients_endpoint_override(session: boto3.Session) -> None:
    given = session.client("sagemaker", region_name=REGION, endpoint_url="http://127.0.0.1:5999")
    client = InferenceRecommenderClient(given)
    logs = client.aws_client("logs")
    assert logs.meta.endpoint_url == "http://127.0.0.1:5999"
    assert logs.meta.region_name == REGION


def test_a_given_client_on_aws_endpoints_gives_aws_endpoints(session: boto3.Session) -> None:
    given = session.client("sagemaker", region_name=REGION)
    assert endpoint_override(given) is None
    logs = InferenceRecommenderClient(given).aws_client("logs")
    assert logs.meta.endpoint_url == f"https://logs.{REGION}.amazonaws.com"


def test_a_factory_sets_endpoint_and_user_agent_for_every_service(session: boto3.Session) -> None:
    factory = ClientFactory(
        session=session,
        region_name=REGION,
        endpoint_url="http://127.0.0.1:5998",
        user_agent_extra="irclient-test/1",
    )
    client = InferenceRecommenderClient._from_factory(factory)
    for boto in (client.boto3_client, client.aws_client("logs")):
        assert boto.meta.endpoint_url == "http://127.0.0.1:5998"
        assert "irclient-test/1" in boto.meta.config.user_agent_extra
        assert _attempts(boto) == 1


def test_unknown_service_is_a_configuration_error(session: boto3.Session) -> None:
    with pytest.raises(ConfigurationError):
        build_client("no-such-service", session=session)


def test_calls_to_other_services_get_the_clients_retries_and_typed_errors(
    session: boto3.Session,
) -> None:
    sleeps: list[float] = []
    client = InferenceRecommenderClient(
        session=session, retry=RetryPolicy(max_attempts=2, sleep=sleeps.append)
    )
    logs = client.aws_client("logs")
    with Stubber(logs) as stub:
        stub.add_client_error("describe_log_groups", "ThrottlingException", http_status_code=400)
        stub.add_response("describe_log_groups", {"logGroups": [{"logGroupName": "/aws/x"}]})
        result = call_aws(client._pipeline.policy, logs, "DescribeLogGroups", {"limit": 1})
        assert result["logGroups"][0]["logGroupName"] == "/aws/x"
        assert len(sleeps) == 1
        stub.add_client_error("describe_log_groups", "ThrottlingException", http_status_code=400)
        stub.add_client_error("describe_log_groups", "ThrottlingException", http_status_code=400)
        with pytest.raises(ThrottlingError) as caught:
            call_aws(client._pipeline.policy, logs, "DescribeLogGroups", {})
    assert caught.value.operation == "DescribeLogGroups"
