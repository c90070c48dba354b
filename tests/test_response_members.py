"""Response members botocore's parser cannot read become irclient errors naming the member."""

from __future__ import annotations

import copy
import email.utils
import json
import logging
import time
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config

import benchmark_samples as samples
from client_support import RawBody
from irclient import InferenceRecommenderClient, InvalidResponseError, RetryPolicy


def describe_body() -> dict[str, Any]:
    wire = samples.describe_wire()
    wire.pop("ResponseMetadata", None)
    body: dict[str, Any] = json.loads(
        json.dumps(wire, default=lambda t: t.timestamp())  # the wire's epoch seconds
    )
    return body


def serving(body: dict[str, Any]) -> tuple[InferenceRecommenderClient, list[int]]:
    session = boto3.Session(
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret", region_name="us-east-1"
    )
    boto = session.client("sagemaker", config=Config(retries={"total_max_attempts": 1}))
    sent: list[int] = []

    def respond(request: Any, **_: Any) -> AWSResponse:
        sent.append(1)
        headers = {
            "x-amzn-requestid": "req-42",
            "content-type": "application/x-amz-json-1.1",
            "date": email.utils.formatdate(time.time(), usegmt=True),
        }
        return AWSResponse(request.url, 200, headers, RawBody(json.dumps(body).encode()))

    boto.meta.events.register("before-send.sagemaker", respond)
    client = InferenceRecommenderClient(boto, retry=RetryPolicy(max_attempts=3, initial_delay=0))
    return client, sent


@pytest.mark.parametrize(
    ("path", "value", "wire_path", "attribute_path"),
    [
        (("InputConfig",), "abc", "InputConfig", "input_config"),
        (("CreationTime",), 1e20, "CreationTime", "creation_time"),
        (("CreationTime",), -62135596801, "CreationTime", "creation_time"),
        (("CreationTime",), "abc", "CreationTime", "creation_time"),
        (
            ("InferenceRecommendations",),
            1.5,
            "InferenceRecommendations",
            "inference_recommendations",
        ),
        (
            ("InferenceRecommendations", 1, "Metrics"),
            [],
            "InferenceRecommendations[1].Metrics",
            "inference_recommendations[1].metrics",
        ),
        (
            ("InferenceRecommendations", 0, "InvocationEndTime"),
            1e308,
            "InferenceRecommendations[0].InvocationEndTime",
            "inference_recommendations[0].invocation_end_time",
        ),
    ],
)
def test_a_member_botocore_cannot_parse_is_named_with_the_request_id(
    path: tuple[str | int, ...], value: Any, wire_path: str, attribute_path: str
) -> None:
    body = copy.deepcopy(describe_body())
    target: Any = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    client, sent = serving(body)
    with pytest.raises(InvalidResponseError) as caught:
        client.describe_inference_recommendations_job(job_name=samples.JOB)
    (violation,) = caught.value.violations
    assert violation.path == attribute_path
    assert caught.value.request_id == "req-42"
    assert wire_path in str(caught.value)
    assert len(sent) == 1  # resending cannot fix what the service sends


def test_a_readable_body_still_parses() -> None:
    client, sent = serving(describe_body())
    job = client.describe_inference_recommendations_job(job_name=samples.JOB)
    assert job.job_name == samples.JOB and len(sent) == 1


# --------------------------------------------------------------------------- wrong types


def with_member(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    body = copy.deepcopy(describe_body())
    target: Any = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return body


@pytest.mark.parametrize("value", ["123", "abc", 10**30, 1e308, True, [1], {"a": 1}])
def test_a_wrong_typed_optional_member_is_left_out_and_named(
    value: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from irclient import analysis

    client, _ = serving(
        with_member(("InferenceRecommendations", 0, "Metrics", "ModelLatency"), value)
    )
    with caplog.at_level(logging.WARNING, logger="irclient"):
        job = client.describe_inference_recommendations_job(job_name=samples.JOB)
    recommendations = job.inference_recommendations
    assert recommendations is not None and recommendations[0].metrics is not None
    assert recommendations[0].metrics.model_latency is None  # never "123" used as 123
    (record,) = [r for r in caplog.records if "did not fit" in r.getMessage()]
    assert "InferenceRecommendations[0].Metrics.ModelLatency" in record.getMessage()
    analysis.to_dataframe(job)  # every helper can use the model
    analysis.Benchmarks(job).rank()


def test_a_list_item_of_the_wrong_type_is_left_out() -> None:
    types = ["image/jpeg", 5, "image/png"]
    payload = {"PayloadConfig": {"SupportedContentTypes": types}}
    client, _ = serving(with_member(("InputConfig", "ContainerConfig"), payload))
    job = client.describe_inference_recommendations_job(job_name=samples.JOB)
    container = job.input_config.container_config
    assert container is not None and container.payload_config is not None
    assert container.payload_config.supported_content_types == ("image/jpeg", "image/png")


@pytest.mark.parametrize("value", [1.5, 0, True, ["j"], {"a": 1}])
def test_a_wrong_typed_required_member_is_corrected_never_used_as_it_is(value: Any) -> None:
    # JobName 1.5 made the HTML display raise AttributeError and sorting raise TypeError.
    import irclient
    from irclient import display

    client, sent = serving(with_member(("JobName",), value))
    job = client.describe_inference_recommendations_job(job_name=samples.JOB)
    assert job.job_name == ""  # the zero value of its type, as for a missing member
    assert "job_name" in irclient.corrections(job)
    assert len(sent) == 1
    display.render_html(job)
    display.summary(job)
