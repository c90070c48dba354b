"""FakeWire, the public wire fake: what it answers, records, pages, caches and injects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import boto3
import pytest
from botocore.exceptions import ClientError

import irclient.testing
from irclient.testing.wire import FakeWire, canned, http_error, throttle

REGION = "us-east-1"


@pytest.fixture(scope="module")
def session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )


def raw(session: boto3.Session, fake: FakeWire) -> Any:
    """A plain boto3 client with botocore's retries off, answered by ``fake``."""
    import botocore.config

    config = botocore.config.Config(retries={"total_max_attempts": 1})
    return fake.attach(session.client("sagemaker", config=config))


def test_public_in_irclient_testing() -> None:
    assert irclient.testing.FakeWire is FakeWire
    assert "FakeWire" in irclient.testing.__all__


def test_answers_plain_boto3_and_records_each_request(session: boto3.Session) -> None:
    fake = FakeWire()
    fake.add_job("job-1", statuses=("IN_PROGRESS", "COMPLETED"))
    client = raw(session, fake)
    assert client.describe_inference_recommendations_job(JobName="job-1")["Status"] == (
        "IN_PROGRESS"
    )
    assert client.describe_inference_recommendations_job(JobName="job-1")["Status"] == ("COMPLETED")
    assert fake.count() == fake.count("DescribeInferenceRecommendationsJob") == 2
    assert fake.bodies("DescribeInferenceRecommendationsJob") == [{"JobName": "job-1"}] * 2
    with pytest.raises(ClientError) as caught:
        client.describe_inference_recommendations_job(JobName="nope")
    assert caught.value.response["Error"]["Code"] == "ResourceNotFound"


def test_lets_users_test_their_own_retry_code(session: boto3.Session) -> None:
    fake = FakeWire()
    fake.add_job("job-1")
    fake.fail("DescribeInferenceRecommendationsJob", throttle, http_error(503))
    client = raw(session, fake)

    def describe_with_retries(attempts: int) -> dict[str, Any]:
        for attempt in range(attempts):
            try:
                return dict(client.describe_inference_recommendations_job(JobName="job-1"))
            except ClientError:
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    assert describe_with_retries(3)["JobName"] == "job-1"
    assert fake.count("DescribeInferenceRecommendationsJob") == 3


def test_pages_follow_the_paginator_spec(session: boto3.Session) -> None:
    fake = FakeWire(page_size=10)
    fake.add_job("job-1", steps=25)
    pages = list(
        raw(session, fake)
        .get_paginator("list_inference_recommendations_job_steps")
        .paginate(JobName="job-1")
    )
    assert [len(p["Steps"]) for p in pages] == [10, 10, 5]
    # Each request carries the opaque token the page before it returned; the last has none.
    sent = [b.get("NextToken") for b in fake.bodies("ListInferenceRecommendationsJobSteps")]
    assert sent == [None, pages[0]["NextToken"], pages[1]["NextToken"]]
    assert None not in sent[1:] and len(set(sent)) == 3
    assert "NextToken" not in pages[-1]


def test_lists_jobs_as_summaries_with_filters(session: boto3.Session) -> None:
    fake = FakeWire()
    fake.add_job("alpha", statuses=("COMPLETED",))
    fake.add_job("beta", statuses=("FAILED",), failure_reason="boom")
    client = raw(session, fake)
    jobs = client.list_inference_recommendations_jobs(StatusEquals="FAILED")
    assert [j["JobName"] for j in jobs["InferenceRecommendationsJobs"]] == ["beta"]
    assert "InputConfig" not in jobs["InferenceRecommendationsJobs"][0]  # not in a summary


def test_an_operation_it_does_not_know_is_an_aws_error(session: boto3.Session) -> None:
    client = raw(session, FakeWire())
    with pytest.raises(ClientError) as caught:
        client.list_models()
    assert caught.value.response["Error"]["Code"] == "UnknownOperationException"


def test_canned_answers_every_request_with_one_body(session: boto3.Session) -> None:
    fake = FakeWire()
    fake.always["CreateInferenceRecommendationsJob"] = canned({"JobArn": "arn:fixed"})
    client = raw(session, fake)
    for _ in range(2):
        response = client.create_inference_recommendations_job(
            JobName="same",
            JobType="Default",
            RoleArn="arn:aws:iam::123456789012:role/R",
            InputConfig={"ModelName": "m"},
        )
        assert response["JobArn"] == "arn:fixed"
    assert fake.jobs == {}  # the canned answer did not touch the state


def test_cached_answers_last_until_the_state_changes() -> None:
    fake = FakeWire(cache=True)
    fake.add_job("job-1", statuses=("IN_PROGRESS",))
    first = fake.answer("DescribeInferenceRecommendationsJob", {"JobName": "job-1"})
    again = fake.answer("DescribeInferenceRecommendationsJob", {"JobName": "job-1"})
    assert again is first
    fake.answer("StopInferenceRecommendationsJob", {"JobName": "job-1"})
    status, body = fake.answer("DescribeInferenceRecommendationsJob", {"JobName": "job-1"})
    assert status == 200 and b'"STOPPED"' in body


def test_without_cache_hand_made_changes_show_at_once() -> None:
    fake = FakeWire()
    fake.add_job("job-1")
    fake.answer("DescribeInferenceRecommendationsJob", {"JobName": "job-1"})
    fake.jobs["job-1"]["JobDescription"] = "changed"
    _, body = fake.answer("DescribeInferenceRecommendationsJob", {"JobName": "job-1"})
    assert b'"changed"' in body


class _LazySteps(Sequence[dict[str, Any]]):
    """Steps made when a page is cut from them; records every cut."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.cuts: list[slice] = []

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            raise AssertionError("the fake reads steps a page at a time")
        self.cuts.append(index)
        return [self._step(i) for i in range(*index.indices(self.total))]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        raise AssertionError("an unfiltered walk never reads every step")

    def _step(self, i: int) -> dict[str, Any]:
        return {"StepType": "BENCHMARK", "JobName": "big", "Status": "COMPLETED", "Index": i}


def test_steps_may_be_a_lazy_sequence_read_a_page_at_a_time() -> None:
    steps = _LazySteps(1_000_000)
    fake = FakeWire()
    fake.add_job("big", steps=steps)
    status, _ = fake.answer(
        "ListInferenceRecommendationsJobSteps", {"JobName": "big", "MaxResults": 5}
    )
    assert status == 200
    assert steps.cuts == [slice(0, 5)]
