"""Pagination: lazy pages, tokens that resume, max_items, faults mid-walk.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

from typing import Any, assert_type

import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse

from client_support import (
    JOBS,
    STEPS,
    endpoint_names,
)
from irclient import (
    InferenceRecommenderClient,
    MalformedResponseError,
)
from irclient.models import (
    ListInferenceRecommendationsJobStepsResponse,
)
from irclient.testing.wire import (
    FakeWire,
    http_error,
    ok,
    throttle,
    truncated,
)


def test_a_503_on_page_2_of_3_yields_every_step_once_in_order(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, http_error(503))
    steps = list(client.iter_job_steps("job-1", page_size=2))
    assert endpoint_names(steps) == [f"job-1-step-{i}" for i in range(6)]
    tokens = [body.get("NextToken") for body in fake.bodies(STEPS)]
    # Only page 2 was repeated, with the token page 1 gave; page 3 has a token of its own.
    assert len(tokens) == 4 and tokens[0] is None
    assert tokens[1] == tokens[2] and tokens[1] is not None
    assert tokens[3] not in (None, tokens[1])


def test_a_truncated_page_2_is_retried_never_a_short_walk(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, truncated)
    steps = list(client.iter_job_steps("job-1", page_size=2))
    assert endpoint_names(steps) == [f"job-1-step-{i}" for i in range(6)]
    assert fake.count(STEPS) == 4


def test_the_first_item_of_a_3_page_walk_costs_one_request(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", steps=6)
    steps = client.iter_job_steps("job-1", page_size=2)
    assert fake.count() == 0  # nothing is fetched before iteration starts
    first = next(steps)
    assert fake.count(STEPS) == 1
    assert endpoint_names([first]) == ["job-1-step-0"]
    assert len(list(steps)) == 5
    assert fake.count(STEPS) == 3


def test_pages_carry_next_token_to_resume(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", steps=5)
    pages = client.iter_job_step_pages("job-1", page_size=2)
    first = next(pages)
    assert_type(first, ListInferenceRecommendationsJobStepsResponse)
    assert first.next_token  # opaque: only the wire that made it reads it
    rest = list(client.iter_job_steps("job-1", page_size=2, starting_token=first.next_token))
    assert endpoint_names(rest) == [f"job-1-step-{i}" for i in range(2, 5)]


def test_max_items_sizes_pages_so_the_token_resumes_exactly(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", steps=7)
    pages = list(client.iter_job_step_pages("job-1", page_size=2, max_items=3))
    assert [len(p.steps or ()) for p in pages] == [2, 1]
    assert [b.get("MaxResults") for b in fake.bodies(STEPS)] == [2, 1]
    resumed = list(client.iter_job_steps("job-1", starting_token=pages[-1].next_token))
    assert endpoint_names(resumed) == [f"job-1-step-{i}" for i in range(3, 7)]
    assert len(list(client.iter_job_steps("job-1", max_items=4))) == 4


def test_filters_reach_the_wire(client: InferenceRecommenderClient, fake: FakeWire) -> None:
    fake.add_job("job-1", steps=4)
    steps = list(client.iter_job_steps("job-1", status="COMPLETED", step_type="BENCHMARK"))
    assert len(steps) == 2
    assert fake.bodies(STEPS) == [
        {"JobName": "job-1", "Status": "COMPLETED", "StepType": "BENCHMARK"}
    ]


def test_iter_jobs_walks_every_page(client: InferenceRecommenderClient, fake: FakeWire) -> None:
    for i in range(5):
        fake.add_job(f"job-{i}")
    fake.add_job("other")
    fake.fail(JOBS, ok, throttle)
    jobs = list(client.iter_jobs(name_contains="job-", page_size=2, sort_by="Name"))
    assert [j.job_name for j in jobs] == [f"job-{i}" for i in range(5)]
    pages = list(client.iter_job_pages(name_contains="job-", page_size=2))
    assert [len(p.inference_recommendations_jobs) for p in pages] == [2, 2, 1]


def test_a_repeated_next_token_is_an_error_not_a_loop(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    def stuck(f: FakeWire, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return f.respond(request, 200, {"Steps": [], "NextToken": "same"})

    fake.always[STEPS] = stuck
    with pytest.raises(MalformedResponseError, match="NextToken it had returned before"):
        list(client.iter_job_steps("job-1"))
    assert fake.count() == 2


def test_a_cycle_of_next_tokens_of_any_length_is_an_error_not_a_loop(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    following = {None: "a", "a": "b", "b": "c", "c": "a"}

    def cycling(f: FakeWire, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return f.respond(request, 200, {"Steps": [], "NextToken": following[body.get("NextToken")]})

    fake.always[STEPS] = cycling
    with pytest.raises(MalformedResponseError, match="a cycle of 3 pages"):
        list(client.iter_job_steps("job-1"))
    assert fake.count() == 4
