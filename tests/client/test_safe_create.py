"""Safe Create: a retried Create returns the job its lost response made, and only that.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse

from client_support import (
    CREATE,
    DESCRIBE,
    OTHER_ROLE,
    REGION,
    create_request,
)
from irclient import (
    InferenceRecommenderClient,
    ResourceInUse,
    RetryPolicy,
)
from irclient.testing.wire import (
    FakeWire,
    Fault,
    connection_reset,
    http_error,
    lost,
    read_timeout,
    throttle,
    truncated,
)


def test_create_whose_response_is_lost_returns_the_arn(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.fail(CREATE, lost(http_error(500, "InternalFailure")))
    response = client.create_inference_recommendations_job(create_request())
    assert response.job_arn == fake.jobs["job-1"]["JobArn"]
    assert list(fake.jobs) == ["job-1"]
    assert fake.count(CREATE) == 2
    assert fake.count(DESCRIBE) == 1


def test_create_whose_attempt_timed_out_after_the_job_was_made_returns_the_arn(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.fail(CREATE, lost(read_timeout))
    response = client.create_inference_recommendations_job(create_request())
    assert response.job_arn.endswith("/job-1")
    assert list(fake.jobs) == ["job-1"]


@pytest.mark.parametrize("fault", [lost(connection_reset), lost(truncated)])
def test_create_after_a_lost_connection_or_body_returns_the_arn(
    client: InferenceRecommenderClient, fake: FakeWire, fault: Fault
) -> None:
    fake.fail(CREATE, fault)
    assert client.create_inference_recommendations_job(create_request()).job_arn.endswith("/job-1")
    assert len(fake.jobs) == 1


def test_create_adopts_its_job_when_the_server_clock_is_behind() -> None:
    # The server's clock is an hour behind ours: its CreationTime is compared with the
    # call's start on the server's clock (from the Date header), not ours.
    fake = FakeWire(skew=-3600.0)
    session = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    client = InferenceRecommenderClient(session=session, retry=RetryPolicy(sleep=lambda _: None))
    client.boto3_client.meta.events.register("before-send.sagemaker", fake)
    fake.fail(CREATE, lost(http_error(503)))
    assert client.create_inference_recommendations_job(create_request()).job_arn.endswith("/job-1")


def test_an_existing_job_of_the_same_name_is_resource_in_use(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", created=fake.now() - 60)
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())
    assert fake.count() == 1


def test_a_name_taken_before_the_call_stays_in_use_after_a_5xx(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", created=fake.now() - 60)
    fake.fail(CREATE, http_error(500, "InternalFailure"))  # not lost: nothing was made
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())
    assert fake.count(CREATE) == 2
    assert fake.count(DESCRIBE) == 1


def test_a_job_of_the_same_name_with_another_role_is_not_adopted(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    def someone_else_creates(
        f: FakeWire, request: AWSPreparedRequest, op: str, body: Any
    ) -> AWSResponse:
        f.add_job("job-1", role=OTHER_ROLE)
        return f.error(request, 503, "ServiceUnavailable", "busy")

    fake.fail(CREATE, someone_else_creates)
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())


def test_create_throttled_then_in_use_is_not_adopted(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    # A throttled request was refused, so it cannot have made the job.
    def throttled_while_someone_creates(
        f: FakeWire, request: AWSPreparedRequest, op: str, body: Any
    ) -> AWSResponse:
        f.add_job("job-1")
        return throttle(f, request, op, body)

    fake.fail(CREATE, throttled_while_someone_creates)
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())
    assert fake.count(DESCRIBE) == 0


def test_a_job_of_the_same_name_role_and_type_but_another_input_is_not_adopted(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    # Someone else's job, made during the call with the same name, role and type: only its
    # input differs. Adopting it would report success for a job benchmarking another model.
    def someone_else_creates(
        f: FakeWire, request: AWSPreparedRequest, op: str, body: Any
    ) -> AWSResponse:
        f.add_job("job-1", members={"InputConfig": {"ModelName": "someone-elses-model"}})
        return f.error(request, 503, "ServiceUnavailable", "busy")

    fake.fail(CREATE, someone_else_creates)
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())
    assert fake.count(DESCRIBE) == 1  # it was looked at, and refused
    assert fake.jobs["job-1"]["InputConfig"] == {"ModelName": "someone-elses-model"}


def test_a_lost_create_with_a_description_and_stopping_conditions_is_still_adopted(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    # The whole request is compared, so every member the request sets must read back equal.
    fake.fail(CREATE, lost(http_error(500, "InternalFailure")))
    request = create_request().to_dict()
    request["JobDescription"] = "sizing for prod"
    request["StoppingConditions"] = {"MaxInvocations": 300}
    response = client.create_inference_recommendations_job(request)
    assert response.job_arn == fake.jobs["job-1"]["JobArn"]
