"""Every fault of a request in one error, from every entry point, with messages that help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest

import irclient
from client_support import ensure_model
from irclient import validation
from irclient.cli import ExitCode, main
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    EndpointInputConfiguration,
    ProductionVariantServerlessConfig,
    RecommendationJobInputConfig,
    Tag,
    _specs,
)
from irclient.testing import mock_inference_recommender

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"

# Conversion faults (a string for an integer, a missing member, an unknown enum value) and
# constraint faults (a name with spaces, a short ARN, too little memory, an instance type
# that does not exist) in one request: every entry point reports all seven at once.
EVERY_FAULT = {
    "JobName": "my sizing job",
    "JobType": "Basic",
    "RoleArn": "arn:aws:iam::1:role",
    "InputConfig": {
        "ModelName": "m",
        "JobDurationInSeconds": "600",
        "EndpointConfigurations": [
            {"InstanceType": "ml.c5.huge"},
            {"ServerlessConfig": {"MemorySizeInMB": 1000, "MaxConcurrency": 1}},
        ],
    },
    "Tags": [{"Key": "team"}],
}
EXPECTED = {
    "job_name": "pattern",
    "job_type": "enum",
    "role_arn": "min_length",
    "input_config.job_duration_in_seconds": "type",
    "input_config.endpoint_configurations[0].instance_type": "enum",
    "input_config.endpoint_configurations[1].serverless_config.memory_size_in_mb": "min",
    "tags[0].value": "required",
}


def faults(info: pytest.ExceptionInfo[irclient.ValidationError]) -> dict[str, str]:
    return {v.path: v.constraint for v in info.value.violations}


def test_from_dict_reports_conversion_and_constraint_faults_together() -> None:
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(EVERY_FAULT)
    assert faults(info) == EXPECTED
    assert len(info.value.violations) == len(EXPECTED)


def test_the_model_entry_point_reports_the_same() -> None:
    # Models do not check values on construction; validate() finds the wrong type too.
    request = CreateInferenceRecommendationsJobRequest(
        job_name="my sizing job",
        job_type="Basic",
        role_arn="arn:aws:iam::1:role",
        input_config=RecommendationJobInputConfig(
            model_name="m",
            job_duration_in_seconds="600",  # type: ignore[arg-type]
            endpoint_configurations=[
                EndpointInputConfiguration(instance_type="ml.c5.huge"),
                EndpointInputConfiguration(
                    serverless_config=ProductionVariantServerlessConfig(
                        memory_size_in_mb=1000, max_concurrency=1
                    )
                ),
            ],
        ),
        tags=[Tag(key="team", value=None)],  # type: ignore[arg-type]
    )
    with pytest.raises(irclient.ValidationError) as info:
        irclient.validate(request)
    assert faults(info) == EXPECTED


def test_the_client_reports_all_of_them_for_a_dict_and_sends_nothing() -> None:
    with mock_inference_recommender():
        client = irclient.InferenceRecommenderClient(region_name="us-east-1")
        with pytest.raises(irclient.ValidationError) as info:
            client.create_inference_recommendations_job(EVERY_FAULT)
        assert faults(info) == EXPECTED
        assert list(client.iter_jobs()) == []


def test_the_cli_reports_all_of_them(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(EVERY_FAULT))
    code = main(["validate", str(path), "--json"])
    out, _ = capsys.readouterr()
    assert code == ExitCode.INVALID_REQUEST
    assert {v["Path"]: v["Constraint"] for v in json.loads(out)["Violations"]} == EXPECTED


def test_siblings_of_an_unconvertible_member_are_still_checked() -> None:
    request = {
        "JobName": "job",
        "JobType": "Default",
        "RoleArn": ROLE,
        "InputConfig": {"ModelName": "m" * 64, "JobDurationInSeconds": 1.5},
        "JobDescription": 12,
        "Tags": "team=vision",
    }
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    assert faults(info) == {
        "input_config.model_name": "max_length",
        "input_config.job_duration_in_seconds": "type",
        "job_description": "type",
        "tags": "type",
    }


def test_a_structure_that_is_not_a_mapping_leaves_the_rest_checked() -> None:
    request = {"JobName": "bad name", "JobType": "Default", "RoleArn": ROLE, "InputConfig": "m"}
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    assert faults(info) == {"job_name": "pattern", "input_config": "type"}
    (message,) = [v.message for v in info.value.violations if v.path == "input_config"]
    assert "must be an object (a RecommendationJobInputConfig), got the string 'm'" in message


def test_null_is_one_violation_even_for_a_required_member() -> None:
    request: dict[str, Any] = {"JobName": "job", "JobType": "Default", "RoleArn": None}
    request["JobDescription"] = None
    request["InputConfig"] = {"ModelName": "m"}
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    assert [(v.path, v.constraint) for v in info.value.violations] == [
        ("role_arn", "type"),
        ("job_description", "type"),
    ]
    assert all("null" in v.message for v in info.value.violations)


# --------------------------------------------------------------------------- unknown keys


def test_a_snake_case_dict_gives_one_violation_per_mistake() -> None:
    request = {
        "job_name": "job",
        "job_type": "Default",
        "role_arn": ROLE,
        "input_config": {"model_name": "m"},
    }
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    assert [(v.path, v.constraint) for v in info.value.violations] == [
        ("job_name", "unknown_key"),
        ("job_type", "unknown_key"),
        ("role_arn", "unknown_key"),
        ("input_config", "unknown_key"),
        ("input_config.model_name", "unknown_key"),
    ]
    messages = [v.message for v in info.value.violations]
    assert "write 'JobName'" in messages[0]
    assert "write 'ModelName'" in messages[4]


def test_a_misspelled_key_gets_a_did_you_mean_and_its_value_is_checked() -> None:
    request: dict[str, Any] = {"JobNmae": "bad name", "JobType": "Default", "RoleArn": ROLE}
    request["InputConfig"] = {"ModelName": "m"}
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    assert [(v.path, v.constraint) for v in info.value.violations] == [
        ("JobNmae", "unknown_key"),
        ("job_name", "pattern"),
    ]
    assert "did you mean 'JobName'?" in info.value.violations[0].message


def test_a_key_like_no_member_lists_the_members() -> None:
    request: dict[str, Any] = {"JobName": "job", "JobType": "Default", "RoleArn": ROLE}
    request["Colour"] = "blue"
    request["InputConfig"] = {"ModelName": "m"}
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    (violation,) = info.value.violations
    assert violation.path == "Colour"
    assert "members: JobName, JobType, RoleArn, InputConfig" in violation.message


# --------------------------------------------------------------------------- messages


def test_patterns_are_printed_as_aws_writes_them() -> None:
    (role_pattern,) = {
        f.type.pattern for f in _specs.SPECS[CreateInferenceRecommendationsJobRequest]
    } - {None, "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}"}
    assert role_pattern is not None and "\\\\" not in role_pattern
    request = CreateInferenceRecommendationsJobRequest(
        job_name="job",
        job_type="Default",
        role_arn="arn:aws:iam::12345:role/x-y-z",
        input_config=RecommendationJobInputConfig(model_name="m"),
    )
    (violation,) = validation.check(request)
    assert violation.message.endswith(f"does not match {role_pattern}")
    assert r"arn:aws[a-z\-]*:iam::\d{12}:role" in violation.message
    assert "\\\\" not in violation.message


def test_an_unknown_instance_type_suggests_the_nearest() -> None:
    config = RecommendationJobInputConfig(
        model_name="m",
        endpoint_configurations=[EndpointInputConfiguration(instance_type="ml.c5.huge")],
    )
    (violation,) = validation.check(config)
    assert violation.constraint == "enum"
    assert "did you mean" in violation.message
    assert "ml.c5.xlarge" in violation.message and "ml.c5.large" in violation.message
    assert "ml.t2.medium" not in violation.message  # not the first values of 277


def test_a_far_off_instance_type_names_the_enum_and_a_small_enum_is_listed() -> None:
    config = RecommendationJobInputConfig(
        model_name="m", endpoint_configurations=[EndpointInputConfiguration(instance_type="gpu")]
    )
    (violation,) = validation.check(config)
    assert violation.message.endswith(
        "is not one of the 277 values of ProductionVariantInstanceType"
    )
    request = CreateInferenceRecommendationsJobRequest(
        job_name="job",
        job_type="Basic",
        role_arn=ROLE,
        input_config=RecommendationJobInputConfig(model_name="m"),
    )
    (violation,) = validation.check(request)
    assert violation.message == "JobType 'Basic' is not one of: Default, Advanced"


# --------------------------------------------------------------------------- keyword form


@pytest.fixture
def client() -> Any:
    with mock_inference_recommender():
        ir = irclient.InferenceRecommenderClient(region_name="us-east-1")
        ensure_model(ir.boto3_client, "m")  # the model the requests name
        yield ir


def test_missing_keyword_fields_are_a_validation_error_naming_them(client: Any) -> None:
    with pytest.raises(irclient.ValidationError) as info:
        client.create_inference_recommendations_job(job_name="job", input_config={"ModelName": "m"})
    assert [(v.path, v.constraint) for v in info.value.violations] == [
        ("job_type", "required"),
        ("role_arn", "required"),
    ]
    assert "RoleArn" in info.value.violations[1].message


def test_a_misspelled_keyword_field_gets_a_did_you_mean(client: Any) -> None:
    with pytest.raises(irclient.ValidationError) as info:
        client.create_inference_recommendations_job(
            job_name="job", job_type="Default", role_ar=ROLE, input_config={"ModelName": "m"}
        )
    (violation,) = info.value.violations
    assert violation.path == "role_ar"
    assert "did you mean 'role_arn'?" in violation.message
    with pytest.raises(irclient.ValidationError, match="write 'job_name'"):
        client.describe_inference_recommendations_job(JobName="job")


def test_nested_members_may_be_wire_dicts_in_keyword_form(
    client: irclient.InferenceRecommenderClient,
) -> None:
    # Typed, so that mypy (which checks the tests) holds the overloads to taking dicts too.
    response = client.create_inference_recommendations_job(
        job_name="job",
        job_type="Default",
        role_arn=ROLE,
        input_config={
            "ModelName": "m",
            "ContainerConfig": {"Domain": irclient.Domain.COMPUTER_VISION},
        },
        tags=[{"Key": "team", "Value": "vision"}, Tag(key="cost", value="ml")],
    )
    assert response.job_arn.endswith("/job")
    job = client.describe_inference_recommendations_job(job_name="job")
    assert job.input_config.container_config is not None
    assert job.input_config.container_config.domain == "COMPUTER_VISION"


def test_nested_wire_dicts_in_keyword_form_are_checked(client: Any) -> None:
    with pytest.raises(irclient.ValidationError) as info:
        client.create_inference_recommendations_job(
            job_name="job",
            job_type="Default",
            role_arn=ROLE,
            input_config={
                "ModelNme": "m",
                "EndpointConfigurations": [{"InstanceType": "ml.c5.huge"}],
            },
        )
    assert faults(info) == {
        "input_config.ModelNme": "unknown_key",
        "input_config.endpoint_configurations[0].instance_type": "enum",
    }
    assert "did you mean 'ModelName'?" in info.value.violations[0].message
    assert list(client.iter_jobs()) == []


def test_model_constructors_keep_pythons_type_error() -> None:
    with pytest.raises(TypeError):
        CreateInferenceRecommendationsJobRequest(job_name="job")  # type: ignore[call-arg]


# --------------------------------------------------------------------------- the CLI's warnings


def _warned_request(tmp_path: Path) -> Path:
    request = {
        "JobName": "load-test",
        "JobType": "Advanced",
        "RoleArn": ROLE,
        "InputConfig": {
            "ModelName": "m",
            "TrafficPattern": {
                "TrafficType": "PHASES",
                "Phases": [{"InitialNumberOfUsers": 14, "SpawnRate": 1, "DurationInSeconds": 120}],
            },
            "EndpointConfigurations": [{"InstanceType": "ml.c5.xlarge"}],
        },
    }
    path = tmp_path / "load-test.json"
    path.write_text(json.dumps(request))
    return path


def test_cli_validate_prints_warnings_and_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _warned_request(tmp_path)
    assert main(["validate", str(path)]) == ExitCode.OK
    out, err = capsys.readouterr()
    assert out == f"{path}: valid Advanced job request for load-test\n"
    assert err.startswith(f"irclient: warning: {path}: input_config.traffic_pattern.phases[0]")
    assert "InitialNumberOfUsers is 14" in err
    assert main(["validate", str(path), "--json"]) == ExitCode.OK
    report = json.loads(capsys.readouterr()[0])
    assert report["Valid"] is True
    assert [w["Constraint"] for w in report["Warnings"]] == ["phase_initial_users"]


def test_cli_validate_strict_makes_warnings_failures(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _warned_request(tmp_path)
    assert main(["validate", "--strict", str(path)]) == ExitCode.INVALID_REQUEST
    _, err = capsys.readouterr()
    assert err.splitlines()[0] == f"irclient: error: {path}: invalid request: 1 violation"
    assert "phase_initial_users" not in err and "InitialNumberOfUsers is 14" in err


def test_cli_run_shows_warnings_as_its_own_lines_and_sends(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
    }.items():
        monkeypatch.setenv(key, value)
    path = _warned_request(tmp_path)
    with mock_inference_recommender():
        ensure_model(boto3.client("sagemaker", region_name="us-east-1"), "m")
        code = main(["run", str(path), "--region", "us-east-1", "--no-wait"])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, err
    assert out.startswith("Created job load-test: arn:aws:sagemaker:")
    assert err.startswith("irclient: warning: input_config.traffic_pattern.phases[0]")
    assert "InitialNumberOfUsers is 14" in err
    assert ".py:" not in err  # not Python's file-and-line format
