"""Unreadable response bodies: retried, then a clear error, never a short result.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

from typing import Any

import boto3
import botocore.config
import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.stub import Stubber

import irclient
from client_support import (
    DESCRIBE,
    JOBS,
    STEPS,
    STOP,
)
from irclient import (
    InferenceRecommenderClient,
    MalformedResponseError,
    ResourceNotFound,
    RetryPolicy,
)
from irclient.testing.wire import (
    FakeWire,
    Fault,
    html_page,
    ok,
    truncated,
)

STEP_METHOD = "list_inference_recommendations_job_steps"


@pytest.mark.parametrize("fault", [truncated, html_page])
def test_unreadable_body_is_retried_then_a_clear_error(
    client: InferenceRecommenderClient, fake: FakeWire, fault: Fault
) -> None:
    fake.add_job("job-1", steps=3)
    fake.fail(STEPS, fault)
    steps = list(client.iter_job_steps("job-1"))
    assert len(steps) == 3
    assert fake.count(STEPS) == 2

    fake.always[STEPS] = fault
    with pytest.raises(MalformedResponseError, match="not a JSON object"):
        list(client.iter_job_steps("job-1"))
    assert fake.count(STEPS) == 5


def test_unreadable_describe_body_is_malformed_not_a_result(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1")
    fake.always[DESCRIBE] = truncated
    with pytest.raises(MalformedResponseError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 3


def test_body_missing_required_members_is_corrected_not_retried(
    client: InferenceRecommenderClient, fake: FakeWire, caplog: pytest.LogCaptureFixture
) -> None:
    def no_jobs(f: FakeWire, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return f.respond(request, 200, {"Unexpected": 1})

    fake.always[STOP] = no_jobs  # Stop has no output: any body will do
    client.stop_inference_recommendations_job(job_name="job-1")
    fake.always[JOBS] = no_jobs
    before = fake.count()
    page = client.list_inference_recommendations_jobs()
    assert fake.count() == before + 1
    assert page.inference_recommendations_jobs == ()
    assert irclient.corrections(page) == ("inference_recommendations_jobs",)
    warned = [r.getMessage() for r in caplog.records if "zero value" in r.getMessage()]
    assert len(warned) == 1
    assert warned[0].startswith("ListInferenceRecommendationsJobs: ")


def test_body_that_does_not_fit_the_model_is_not_retried(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    def odd(f: FakeWire, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return f.respond(request, 200, {"InferenceRecommendationsJobs": [None]})

    fake.always[JOBS] = odd
    before = fake.count()
    with pytest.raises(irclient.InvalidResponseError, match="ListInferenceRecommendationsJobs"):
        client.list_inference_recommendations_jobs()
    assert fake.count() == before + 1


def test_raw_boto3_walk_would_end_early_on_a_truncated_page(
    session: boto3.Session, fake: FakeWire
) -> None:
    # The failure irclient guards against, shown on botocore's own paginator.
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    boto.meta.events.register("before-send.sagemaker", fake)
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, truncated)
    paginator = boto.get_paginator("list_inference_recommendations_job_steps")
    seen = [
        s
        for page in paginator.paginate(JobName="job-1", MaxResults=2)
        for s in page.get("Steps", [])
    ]
    assert len(seen) == 2


def test_unreadable_body_detected_on_a_users_client(session: boto3.Session, fake: FakeWire) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    boto.meta.events.register("before-send.sagemaker", fake)
    client = InferenceRecommenderClient(boto, retry=RetryPolicy(sleep=lambda _: None))
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, truncated)
    steps = list(client.iter_job_steps("job-1", page_size=2))
    assert len(steps) == 6


def test_stubbed_empty_page_is_taken_as_it_is(session: boto3.Session) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    client = InferenceRecommenderClient(boto)
    with Stubber(boto) as stub:
        stub.add_response(STEP_METHOD, {}, {"JobName": "job-1"})
        stub.add_client_error(
            "describe_inference_recommendations_job",
            service_error_code="ResourceNotFound",
            http_status_code=400,
        )
        assert list(client.iter_job_steps("job-1")) == []
        with pytest.raises(ResourceNotFound):
            client.describe_inference_recommendations_job(job_name="job-1")
        stub.assert_no_pending_responses()
