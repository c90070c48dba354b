"""Conversion between models and the wire form: strict requests, tolerant responses."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest

import irclient
from irclient import models
from irclient.models import _specs


def _violations(exc: pytest.ExceptionInfo[irclient.ValidationError]) -> dict[str, str]:
    return {v.path: v.constraint for v in exc.value.violations}


# --------------------------------------------------------------------------- requests


def test_request_round_trips_exactly(create_wire: dict[str, Any]) -> None:
    request = models.CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    assert request.to_dict() == create_wire
    assert request.input_config.endpoint_configurations is not None
    serverless = request.input_config.endpoint_configurations[1].serverless_config
    assert serverless == models.ProductionVariantServerlessConfig(
        memory_size_in_mb=4096, max_concurrency=10
    )


def test_to_dict_omits_unset_members_and_gives_plain_strings() -> None:
    request = models.ListInferenceRecommendationsJobStepsRequest(
        job_name="job", status=models.RecommendationJobStatus.COMPLETED
    )
    wire = request.to_dict()
    assert wire == {"JobName": "job", "Status": "COMPLETED"}
    assert type(wire["Status"]) is str


def test_wire_names_are_the_botocore_member_names() -> None:
    config = models.RecommendationJobContainerConfig(supported_response_mime_types=["a/b"])
    assert config.to_dict() == {"SupportedResponseMIMETypes": ["a/b"]}
    memory = models.ProductionVariantServerlessConfig(memory_size_in_mb=1024, max_concurrency=1)
    assert memory.to_dict() == {"MemorySizeInMB": 1024, "MaxConcurrency": 1}


def test_request_enum_values_become_enum_members(create_wire: dict[str, Any]) -> None:
    request = models.CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    assert request.job_type is models.RecommendationJobType.ADVANCED


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10", "an integer"), (3.5, "an integer"), (True, "an integer"), (None, "null")],
)
def test_request_integers_are_never_coerced(value: Any, expected: str) -> None:
    wire = {"JobName": "job", "MaxResults": value}
    with pytest.raises(irclient.ValidationError) as exc:
        models.ListInferenceRecommendationsJobStepsRequest.from_dict(wire)
    (violation,) = exc.value.violations
    assert violation.path == "max_results"
    assert violation.constraint == "type"
    assert expected in violation.message and "MaxResults" in violation.message


@pytest.mark.parametrize("value", [123, 1.5, True, ["job"], {"a": 1}])
def test_request_strings_are_never_coerced(value: Any) -> None:
    with pytest.raises(irclient.ValidationError) as exc:
        models.DescribeInferenceRecommendationsJobRequest.from_dict({"JobName": value})
    assert _violations(exc) == {"job_name": "type"}
    assert "JobName must be a string" in str(exc.value)


def test_unknown_request_key_is_a_violation_with_its_path(create_wire: dict[str, Any]) -> None:
    create_wire["InputConfig"]["EndpointConfigurations"][1]["ServerlessConfig"]["MemorySize"] = 1
    with pytest.raises(irclient.ValidationError) as exc:
        models.CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    (violation,) = exc.value.violations
    assert violation.constraint == "unknown_key"
    assert violation.path == "input_config.endpoint_configurations[1].serverless_config.MemorySize"
    assert "MemorySizeInMB" in violation.message  # the known members are listed


def test_every_structural_fault_is_reported_at_once(create_wire: dict[str, Any]) -> None:
    del create_wire["RoleArn"]
    create_wire["JobName"] = 7
    create_wire["Tags"] = "team=vision"
    create_wire["InputConfig"]["JobDurationInSeconds"] = "7200"
    create_wire["InputConfig"]["EndpointConfigurations"][0]["EnvironmentParameterRanges"][
        "CategoricalParameterRanges"
    ][0]["Value"] = ["1", 2]
    with pytest.raises(irclient.ValidationError) as exc:
        models.CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    assert _violations(exc) == {
        "role_arn": "required",
        "job_name": "type",
        "tags": "type",
        "input_config.job_duration_in_seconds": "type",
        "input_config.endpoint_configurations[0].environment_parameter_ranges"
        ".categorical_parameter_ranges[0].value[1]": "type",
    }


def test_validation_error_is_a_value_error_and_an_irclient_error() -> None:
    with pytest.raises(ValueError) as exc:
        models.DescribeInferenceRecommendationsJobRequest.from_dict({})
    assert isinstance(exc.value, irclient.IRClientError)


@pytest.mark.parametrize("data", [[], "JobName", None, 3])
def test_a_request_that_is_not_a_mapping_is_a_validation_error(data: Any) -> None:
    with pytest.raises(irclient.ValidationError) as exc:
        models.DescribeInferenceRecommendationsJobRequest.from_dict(data)
    assert exc.value.violations[0].constraint == "type"


def test_request_timestamps_accept_iso_strings_and_datetimes() -> None:
    when = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    a = models.ListInferenceRecommendationsJobsRequest.from_dict(
        {"CreationTimeAfter": "2026-01-01T00:00:00Z"}
    )
    b = models.ListInferenceRecommendationsJobsRequest.from_dict({"CreationTimeAfter": when})
    assert a.creation_time_after == b.creation_time_after == when
    with pytest.raises(irclient.ValidationError):
        models.ListInferenceRecommendationsJobsRequest.from_dict({"CreationTimeAfter": "soon"})


# --------------------------------------------------------------------------- responses


def test_response_drops_metadata_and_keeps_unknown_members(describe_wire: dict[str, Any]) -> None:
    describe_wire["BrandNewMember"] = {"x": 1}
    describe_wire["InputConfig"]["AnotherNewMember"] = 3
    response = models.DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire)
    assert dict(irclient.unknown_members(response)) == {"BrandNewMember": {"x": 1}}
    assert dict(irclient.unknown_members(response.input_config)) == {"AnotherNewMember": 3}
    wire = response.to_dict()
    assert "ResponseMetadata" not in wire
    assert wire["BrandNewMember"] == {"x": 1}
    assert wire["InputConfig"]["AnotherNewMember"] == 3
    again = models.DescribeInferenceRecommendationsJobResponse.from_dict(wire)
    assert again.to_dict() == wire


def test_unknown_enum_values_survive_a_round_trip(describe_wire: dict[str, Any]) -> None:
    describe_wire["Status"] = "ARCHIVED"
    recommendation = describe_wire["InferenceRecommendations"][0]
    recommendation["EndpointConfiguration"]["InstanceType"] = "ml.z99.96xlarge"
    response = models.DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire)
    assert response.status == "ARCHIVED"
    assert response.inference_recommendations is not None
    config = response.inference_recommendations[0].endpoint_configuration
    assert config.instance_type == "ml.z99.96xlarge"
    wire = response.to_dict()
    assert wire["Status"] == "ARCHIVED"
    assert wire["InferenceRecommendations"][0]["EndpointConfiguration"]["InstanceType"] == (
        "ml.z99.96xlarge"
    )


def test_known_enum_values_become_members(describe_wire: dict[str, Any]) -> None:
    response = models.DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire)
    assert response.status is models.RecommendationJobStatus.COMPLETED
    assert response.inference_recommendations is not None
    config = response.inference_recommendations[0].endpoint_configuration
    assert config.instance_type is models.ProductionVariantInstanceType.ML_G5_XLARGE


def test_response_timestamps_are_aware_and_nan_survives(describe_wire: dict[str, Any]) -> None:
    describe_wire["LastModifiedTime"] = "2026-11-01T13:00:00Z"
    describe_wire["CompletionTime"] = 1793538000
    response = models.DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire)
    for stamp in (response.creation_time, response.last_modified_time, response.completion_time):
        assert isinstance(stamp, datetime.datetime)
        assert stamp.tzinfo is not None
    assert response.inference_recommendations is not None
    metrics = response.inference_recommendations[0].metrics
    assert metrics is not None and metrics.cpu_utilization is not None
    assert math.isnan(metrics.cpu_utilization)
    again = models.DescribeInferenceRecommendationsJobResponse.from_dict(response.to_dict())
    assert again == response


def test_a_response_missing_a_required_member_is_corrected(
    describe_wire: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    del describe_wire["Status"]
    response = models.DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire)
    assert response.status == ""
    assert irclient.corrections(response) == ("status",)
    assert [r.getMessage() for r in caplog.records if "zero value" in r.getMessage()] == [
        "DescribeInferenceRecommendationsJobResponse: the response lacks 1 member the service "
        "model calls required (status); each got its type's zero value "
        "(see irclient.corrections)"
    ]


def test_response_lists_are_tuples(describe_wire: dict[str, Any]) -> None:
    response = models.DescribeInferenceRecommendationsJobResponse.from_dict(describe_wire)
    assert isinstance(response.inference_recommendations, tuple)


def test_response_and_request_classes_are_told_apart() -> None:
    from irclient import serde

    assert models.CreateInferenceRecommendationsJobRequest in serde.REQUEST_CLASSES
    assert models.RecommendationJobInputConfig in serde.REQUEST_CLASSES  # shared with Describe
    assert models.DescribeInferenceRecommendationsJobResponse not in serde.REQUEST_CLASSES
    assert models.RecommendationMetrics not in serde.REQUEST_CLASSES
    for op in _specs.OPERATIONS.values():
        assert op.input in serde.REQUEST_CLASSES
        assert op.output is None or op.output not in serde.REQUEST_CLASSES


def test_to_wire_of_an_unconvertible_model_names_what_is_wrong() -> None:
    from irclient import serde

    broken = models.CreateInferenceRecommendationsJobRequest(
        job_name="job",
        job_type="Default",
        role_arn="arn:aws:iam::123456789012:role/x",
        input_config=None,  # type: ignore[arg-type]
    )
    with pytest.raises(irclient.ValidationError) as exc:
        serde.to_wire(broken)
    assert _violations(exc) == {"input_config": "required"}
