"""The operations: request or fields, validation before sending, typed round trips.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, assert_type

import pytest

import irclient
from client_support import (
    CREATE,
    DESCRIBE,
    ROLE,
    STEPS,
    MakeClient,
    create_request,
    ensure_model,
)
from irclient import (
    InferenceRecommenderClient,
    ValidationError,
)
from irclient.models import (
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobRequest,
    DescribeInferenceRecommendationsJobResponse,
    ListInferenceRecommendationsJobStepsResponse,
    RecommendationJobInputConfig,
    RecommendationJobStatus,
)
from irclient.testing.wire import (
    FakeWire,
)


def test_fields_or_request_give_the_same_typed_response(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1")
    by_fields = client.describe_inference_recommendations_job(job_name="job-1")
    by_model = client.describe_inference_recommendations_job(
        DescribeInferenceRecommendationsJobRequest(job_name="job-1")
    )
    by_keyword = client.describe_inference_recommendations_job(
        request=DescribeInferenceRecommendationsJobRequest(job_name="job-1")
    )
    by_dict = client.describe_inference_recommendations_job({"JobName": "job-1"})
    assert_type(by_fields, DescribeInferenceRecommendationsJobResponse)
    assert by_fields == by_model == by_keyword == by_dict
    assert by_fields.status == RecommendationJobStatus.IN_PROGRESS
    assert by_fields.creation_time.tzinfo is not None
    assert fake.bodies(DESCRIBE) == [{"JobName": "job-1"}] * 4


def test_request_and_fields_together_is_a_type_error(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    request = DescribeInferenceRecommendationsJobRequest(job_name="job-1")
    with pytest.raises(TypeError, match="not both"):
        client.describe_inference_recommendations_job(request, job_name="job-1")  # type: ignore[call-overload]
    with pytest.raises(irclient.ValidationError, match="did you mean 'job_name'"):
        client.describe_inference_recommendations_job(job_nam="job-1")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="must be a DescribeInferenceRecommendationsJobRequest"):
        client.describe_inference_recommendations_job(create_request())  # type: ignore[call-overload]
    assert fake.count() == 0


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda c: c.describe_inference_recommendations_job(job_name="bad name!"), id="pattern"
        ),
        pytest.param(
            lambda c: c.create_inference_recommendations_job(
                create_request(name="x" * 65, role="not-an-arn")
            ),
            id="create",
        ),
        pytest.param(
            lambda c: c.list_inference_recommendations_job_steps(job_name="j", max_results=500),
            id="max",
        ),
        pytest.param(lambda c: c.iter_job_steps("j", page_size=0), id="iter-page-size"),
        pytest.param(lambda c: c.iter_jobs(max_items=0), id="iter-max-items"),
        pytest.param(
            lambda c: c.stop_inference_recommendations_job({"JobName": "j", "Extra": 1}),
            id="unknown-key",
        ),
        pytest.param(
            lambda c: c.list_inference_recommendations_jobs(status_equals="Done"), id="enum"
        ),
    ],
)
def test_an_invalid_request_sends_nothing(
    client: InferenceRecommenderClient,
    fake: FakeWire,
    call: Callable[[InferenceRecommenderClient], Any],
) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.violations
    assert fake.count() == 0


def test_create_reports_every_violation(client: InferenceRecommenderClient) -> None:
    with pytest.raises(ValidationError) as info:
        client.create_inference_recommendations_job(create_request(name="x" * 65, role="nope"))
    assert {v.path for v in info.value.violations} == {"job_name", "role_arn"}


def test_validate_false_sends_what_botocore_accepts(
    make_client: MakeClient, fake: FakeWire
) -> None:
    client = make_client(validate=False)
    fake.add_job("j", steps=1)
    client.list_inference_recommendations_job_steps(job_name="j", max_results=500)
    assert fake.bodies(STEPS) == [{"JobName": "j", "MaxResults": 500}]


def test_botocore_parameter_check_becomes_validation_error(
    make_client: MakeClient, fake: FakeWire
) -> None:
    client = make_client(validate=False)
    with pytest.raises(ValidationError) as info:
        client.list_inference_recommendations_job_steps(job_name="j", max_results=0)
    assert isinstance(info.value.__cause__, Exception)
    assert fake.count() == 0


def test_every_operation_round_trips(client: InferenceRecommenderClient, fake: FakeWire) -> None:
    created = client.create_inference_recommendations_job(
        job_name="job-1",
        job_type="Default",
        role_arn=ROLE,
        input_config=RecommendationJobInputConfig(model_name="my-model"),
    )
    assert_type(created, CreateInferenceRecommendationsJobResponse)
    assert created.job_arn.endswith("/job-1")
    assert fake.bodies(CREATE) == [create_request().to_dict()]
    page = client.list_inference_recommendations_jobs(name_contains="job")
    assert [j.job_name for j in page.inference_recommendations_jobs] == ["job-1"]
    steps = client.list_inference_recommendations_job_steps(job_name="job-1")
    assert_type(steps, ListInferenceRecommendationsJobStepsResponse)
    assert steps.steps == () and steps.next_token is None
    stopped = client.stop_inference_recommendations_job(job_name="job-1")
    assert stopped is None
    described = client.describe_inference_recommendations_job(job_name="job-1")
    assert described.status == RecommendationJobStatus.STOPPED


def test_unknown_enum_values_in_responses_survive(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", statuses=("HIBERNATING",))
    assert client.describe_inference_recommendations_job(job_name="job-1").status == "HIBERNATING"


def test_a_job_name_by_position_as_wait_for_job_takes_it() -> None:
    from irclient.cli import example_request
    from irclient.testing import mock_inference_recommender

    with mock_inference_recommender():
        client = irclient.InferenceRecommenderClient(region_name="us-east-1")
        request = example_request(job_name="a")
        ensure_model(client.boto3_client, request["InputConfig"]["ModelName"])
        client.create_inference_recommendations_job(request)
        assert client.describe_inference_recommendations_job("a").job_name == "a"
        assert client.wait_for_job("a", poll_interval=0).status == "COMPLETED"
        steps = client.list_inference_recommendations_job_steps("a", status="COMPLETED").steps
        assert steps and all(s.job_name == "a" for s in steps)
        with pytest.raises(TypeError, match="request must be"):
            client.list_inference_recommendations_jobs("a")  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="request must be"):
            client.create_inference_recommendations_job("a")  # type: ignore[call-overload]
