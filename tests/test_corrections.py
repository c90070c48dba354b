"""Responses stay readable: missing required members are corrected, unknown members survive."""

from __future__ import annotations

import copy
import datetime
import logging
from typing import Any

import attrs
import boto3
import botocore.config
import pytest

import irclient
from irclient import validation
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    DescribeInferenceRecommendationsJobResponse,
    EndpointInfo,
    InferenceMetrics,
    ListInferenceRecommendationsJobsResponse,
    RecommendationJobInputConfig,
)
from irclient.testing.wire import FakeWire

DESCRIBE = "DescribeInferenceRecommendationsJob"

# Describe outputs as AWS's developer guide prints them. The first (an instance
# recommendation) has no RoleArn, and its metrics and model configuration carry members the
# service model does not have (MaximumInvocations, Compiled).
DEV_GUIDE_INSTANCE_RECOMMENDATION: dict[str, Any] = {
    "JobName": "job-name",
    "JobDescription": "job-description",
    "JobType": "Default",
    "JobArn": "arn:aws:sagemaker:region:account-id:inference-recommendations-job/resource-id",
    "Status": "COMPLETED",
    "CreationTime": 1635278697.627,
    "LastModifiedTime": 1635279901.997,
    "InputConfig": {
        "ModelPackageVersionArn": "arn:aws:sagemaker:region:account-id:model-package/resource-id",
        "JobDurationInSeconds": 0,
    },
    "InferenceRecommendations": [
        {
            "Metrics": {
                "CostPerHour": 0.20399999618530273,
                "CostPerInference": 5.246913588052848e-06,
                "MaximumInvocations": 648,
                "ModelLatency": 263596,
            },
            "EndpointConfiguration": {
                "EndpointName": "endpoint-name",
                "VariantName": "variant-name",
                "InstanceType": "ml.c5.xlarge",
                "InitialInstanceCount": 1,
            },
            "ModelConfiguration": {"Compiled": False, "EnvironmentParameters": []},
        },
        {
            "Metrics": {
                "CostPerHour": 0.11500000208616257,
                "CostPerInference": 2.92620870823157e-06,
                "MaximumInvocations": 655,
                "ModelLatency": 826019,
            },
            "EndpointConfiguration": {
                "EndpointName": "endpoint-name",
                "VariantName": "variant-name",
                "InstanceType": "ml.c5d.large",
                "InitialInstanceCount": 1,
            },
            "ModelConfiguration": {"Compiled": False, "EnvironmentParameters": []},
        },
    ],
}

# The second (a job on an existing endpoint) reports the endpoint's performance without
# EndpointInfo: the endpoint is named under EndpointConfiguration instead.
DEV_GUIDE_EXISTING_ENDPOINT: dict[str, Any] = {
    "JobName": "job-name",
    "JobType": "Default",
    "JobArn": "arn:aws:sagemaker:us-west-2:111122223333:inference-recommendations-job/resource-id",
    "RoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole",
    "Status": "COMPLETED",
    "CreationTime": 1664922919.2,
    "LastModifiedTime": 1664924208.291,
    "InputConfig": {
        "ModelPackageVersionArn": (
            "arn:aws:sagemaker:us-west-2:111122223333:model-package/resource-id"
        ),
        "Endpoints": [{"EndpointName": "endpoint-name"}],
    },
    "InferenceRecommendations": [
        {
            "Metrics": {
                "CostPerHour": 0.1420000046491623,
                "CostPerInference": 1.781291518273726e-06,
                "MaxInvocations": 1328,
                "ModelLatency": 7,
            },
            "EndpointConfiguration": {
                "EndpointName": "sm-endpoint-name",
                "VariantName": "variant-name",
                "InstanceType": "ml.c5.large",
                "InitialInstanceCount": 1,
            },
            "ModelConfiguration": {"EnvironmentParameters": []},
        }
    ],
    "EndpointPerformances": [
        {
            "Metrics": {"MaxInvocations": 46, "ModelLatency": 10},
            "EndpointConfiguration": {"EndpointName": "endpoint-name"},
        }
    ],
}


def client_answering(body: dict[str, Any]) -> tuple[irclient.InferenceRecommenderClient, FakeWire]:
    """A client whose every Describe is answered with ``body``, over botocore's parser."""
    boto = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-west-2"
    ).client("sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1}))
    fake = FakeWire()
    fake.always[DESCRIBE] = lambda f, request, _op, _body: f.respond(request, 200, body)
    fake.attach(boto)
    return irclient.InferenceRecommenderClient(boto), fake


def correction_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "zero value" in r.getMessage()]


def test_a_describe_without_role_arn_reads_with_one_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, fake = client_answering(DEV_GUIDE_INSTANCE_RECOMMENDATION)
    with caplog.at_level(logging.WARNING, "irclient"):
        job = client.describe_inference_recommendations_job(job_name="job-name")
    assert fake.count() == 1
    assert job.role_arn == ""
    assert job.status == "COMPLETED"
    assert job.inference_recommendations is not None
    assert len(job.inference_recommendations) == 2
    assert irclient.corrections(job) == ("role_arn",)
    (logged,) = correction_logs(caplog)
    assert logged.startswith("DescribeInferenceRecommendationsJob: the response lacks 1 member")
    assert "(role_arn)" in logged


def test_endpoint_performances_without_endpoint_info_read_with_one_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, fake = client_answering(DEV_GUIDE_EXISTING_ENDPOINT)
    with caplog.at_level(logging.WARNING, "irclient"):
        job = client.describe_inference_recommendations_job(job_name="job-name")
    assert fake.count() == 1
    assert job.endpoint_performances is not None
    (performance,) = job.endpoint_performances
    assert performance.endpoint_info == EndpointInfo()
    assert performance.metrics == InferenceMetrics(max_invocations=46, model_latency=10)
    assert irclient.corrections(job) == ("endpoint_performances[0].endpoint_info",)
    assert irclient.corrections(performance) == ("endpoint_info",)
    (logged,) = correction_logs(caplog)
    assert "DescribeInferenceRecommendationsJob" in logged
    assert "endpoint_performances[0].endpoint_info" in logged


def test_zero_values_keep_each_members_type(caplog: pytest.LogCaptureFixture) -> None:
    body = copy.deepcopy(DEV_GUIDE_EXISTING_ENDPOINT)
    for member in ("JobType", "CreationTime", "InputConfig"):
        del body[member]
    del body["EndpointPerformances"][0]["Metrics"]
    with caplog.at_level(logging.WARNING, "irclient"):
        job = DescribeInferenceRecommendationsJobResponse.from_dict(body)
    assert job.job_type == ""  # an enum's zero value: a value the enum does not know
    assert job.creation_time == datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    assert job.input_config == RecommendationJobInputConfig()
    assert job.endpoint_performances is not None
    metrics = job.endpoint_performances[0].metrics
    assert metrics == InferenceMetrics(max_invocations=0, model_latency=0)
    assert type(metrics.max_invocations) is int
    assert irclient.corrections(job) == (
        "job_type",
        "creation_time",
        "input_config",
        "endpoint_performances[0].metrics",
        "endpoint_performances[0].metrics.max_invocations",
        "endpoint_performances[0].metrics.model_latency",
        "endpoint_performances[0].endpoint_info",
    )
    # Seven corrections, one warning.
    (logged,) = correction_logs(caplog)
    assert "lacks 7 members" in logged


def test_a_missing_required_list_is_empty() -> None:
    page = ListInferenceRecommendationsJobsResponse.from_dict({"NextToken": "t"})
    assert page.inference_recommendations_jobs == ()
    assert irclient.corrections(page) == ("inference_recommendations_jobs",)


def test_a_complete_response_records_no_correction(describe_wire: dict[str, Any]) -> None:
    job = DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire)
    assert irclient.corrections(job) == ()
    assert dict(irclient.unknown_members(job)) == {}


# --------------------------------------------------------------------------- unknown members


def test_unknown_members_stay_readable_and_round_trip() -> None:
    raw = copy.deepcopy(DEV_GUIDE_INSTANCE_RECOMMENDATION)
    raw["RoleArn"] = "arn:aws:iam::111122223333:role/Role"
    raw["ResponseMetadata"] = {"RequestId": "request-id", "HTTPStatusCode": 200}
    job = DescribeInferenceRecommendationsJobResponse.from_dict(raw)
    assert job.inference_recommendations is not None
    first = job.inference_recommendations[0]
    assert first.metrics is not None
    assert dict(irclient.unknown_members(first.metrics)) == {"MaximumInvocations": 648}
    assert dict(irclient.unknown_members(first.model_configuration)) == {"Compiled": False}
    assert first.metrics.max_invocations is None  # a different member, not a guess
    wire = job.to_dict()
    expected = {k: v for k, v in raw.items() if k != "ResponseMetadata"}
    wire["CreationTime"] = wire["CreationTime"].timestamp()
    wire["LastModifiedTime"] = wire["LastModifiedTime"].timestamp()
    assert wire == expected
    again = DescribeInferenceRecommendationsJobResponse.from_dict(job.to_dict())
    assert again == job and again.to_dict() == job.to_dict()


def test_unknown_members_cannot_ride_into_a_request() -> None:
    config = RecommendationJobInputConfig.from_dict({"ModelName": "m"})
    response_config = DescribeInferenceRecommendationsJobResponse.from_dict(
        {
            "JobName": "j",
            "JobType": "Default",
            "JobArn": "arn",
            "RoleArn": "arn",
            "Status": "COMPLETED",
            "CreationTime": 0,
            "LastModifiedTime": 0,
            "InputConfig": {"ModelName": "m", "NewKnob": 1},
        }
    ).input_config
    request = CreateInferenceRecommendationsJobRequest(
        job_name="again",
        job_type="Default",
        role_arn="arn:aws:iam::111122223333:role/Role",
        input_config=response_config,
    )
    (violation,) = validation.check(request)
    assert (violation.path, violation.constraint) == ("input_config", "unknown_key")
    assert "NewKnob" in violation.message
    # A copy has only the members the models know.
    assert validation.check(attrs.evolve(request, input_config=attrs.evolve(response_config))) == ()
    assert config == response_config  # unknown members take no part in equality


def test_the_cli_reports_a_response_that_does_not_fit_as_no_usable_response() -> None:
    import argparse

    from irclient.cli import ExitCode
    from irclient.cli._output import failure_for
    from irclient.retry import is_retryable

    error = irclient.InvalidResponseError("does not fit", operation="DescribeX", request_id="r-1")
    failure = failure_for(error, argparse.Namespace(command="describe"))
    assert failure is not None
    assert failure.code == ExitCode.CONNECTION_ERROR
    assert failure.message == "DescribeX: does not fit (request id r-1)"
    assert not is_retryable(error)
