"""Validation of the generative-AI family: the model's constraints and the prose rules."""

from __future__ import annotations

import copy
import warnings
from typing import Any

import pytest

import irclient
from irclient import rules, validation
from irclient.models import (
    AIRecommendationDeploymentConfiguration,
    CreateAIBenchmarkJobRequest,
    CreateAIRecommendationJobRequest,
    CreateAIWorkloadConfigRequest,
    _specs,
)
from samples import (
    ai_benchmark_job_request_wire,
    ai_recommendation_job_request_wire,
    ai_workload_config_request_wire,
)


def found(request: Any) -> dict[str, str]:
    return {v.path: v.constraint for v in validation.check(request)}


def recommendation(**changes: Any) -> CreateAIRecommendationJobRequest:
    wire = ai_recommendation_job_request_wire()
    wire.update(changes)
    return CreateAIRecommendationJobRequest.from_dict(wire)


def workload(inline: str) -> CreateAIWorkloadConfigRequest:
    wire = ai_workload_config_request_wire()
    wire["AIWorkloadConfigs"] = {"WorkloadSpec": {"Inline": inline}}
    return CreateAIWorkloadConfigRequest.from_dict(wire)


def test_the_sample_requests_are_valid() -> None:
    assert validation.advise(recommendation()) == ((), ())
    assert validation.advise(
        workload(ai_workload_config_request_wire()["AIWorkloadConfigs"]["WorkloadSpec"]["Inline"])
    ) == ((), ())
    assert validation.advise(
        CreateAIBenchmarkJobRequest.from_dict(ai_benchmark_job_request_wire())
    ) == ((), ())


def test_four_instance_types_and_an_identifier_ending_in_a_dash_are_reported_in_one_pass() -> None:
    # The acceptance test of issue 22.
    wire = ai_recommendation_job_request_wire()
    wire["ComputeSpec"] = {
        "InstanceTypes": ["ml.g5.2xlarge", "ml.g6.2xlarge", "ml.g6e.2xlarge", "ml.p5.48xlarge"]
    }
    wire["AIWorkloadConfigIdentifier"] = "chat-550-150-"
    with pytest.raises(irclient.ValidationError) as info:
        irclient.validate(CreateAIRecommendationJobRequest.from_dict(wire))
    by_path = {v.path: v for v in info.value.violations}
    assert set(by_path) == {"compute_spec.instance_types", "ai_workload_config_identifier"}
    assert by_path["compute_spec.instance_types"].constraint == "max_length"
    assert "4 items; the maximum is 3" in by_path["compute_spec.instance_types"].message
    assert by_path["ai_workload_config_identifier"].constraint == "pattern"
    assert "'chat-550-150-'" in by_path["ai_workload_config_identifier"].message


def test_identifiers_take_a_name_or_an_arn_but_never_a_trailing_dash() -> None:
    arn = "arn:aws:sagemaker:us-west-2:123456789012:ai-workload-config/chat"
    assert found(recommendation(AIWorkloadConfigIdentifier=arn)) == {}
    assert found(recommendation(AIWorkloadConfigIdentifier=arn + "-")) == {
        "ai_workload_config_identifier": "pattern"
    }
    wire = ai_benchmark_job_request_wire()
    wire["BenchmarkTarget"]["Endpoint"]["InferenceComponents"] = [{"Identifier": "ic-"}]
    with pytest.raises(irclient.ValidationError) as info:
        irclient.validate(CreateAIBenchmarkJobRequest.from_dict(wire))
    assert [v.path for v in info.value.violations] == [
        "benchmark_target.endpoint.inference_components[0].identifier"
    ]


def test_a_repeated_instance_type_is_refused() -> None:
    request = recommendation(ComputeSpec={"InstanceTypes": ["ml.g5.2xlarge", "ml.g5.2xlarge"]})
    (violation,) = validation.check(request)
    assert violation.path == "compute_spec.instance_types[1]"
    assert violation.constraint == "unique_instance_types"
    assert "repeats InstanceTypes[0]" in violation.message


def test_enum_only_values_of_the_family_are_refused() -> None:
    request = recommendation(
        ComputeSpec={"CapacityReservationConfig": {"CapacityReservationPreference": "open"}},
        InferenceSpecification={"Framework": "TGI"},
    )
    assert found(request) == {
        "compute_spec.capacity_reservation_config.capacity_reservation_preference": "enum",
        "inference_specification.framework": "enum",
    }
    messages = {v.path: v.message for v in validation.check(request)}
    preference = "compute_spec.capacity_reservation_config.capacity_reservation_preference"
    assert "'open' is not one of: capacity-reservations-only" in messages[preference]
    assert "'TGI' is not one of: LMI, VLLM" in messages["inference_specification.framework"]


def test_a_union_needs_exactly_one_member() -> None:
    both = {
        "S3Uris": [{"AdapterId": "a", "S3Uri": "s3://b/a/"}],
        "ModelPackageArns": [
            {
                "AdapterId": "b",
                "ModelPackageArn": "arn:aws:sagemaker:us-west-2:123456789012:model-package/a/1",
            }
        ],
    }
    (violation,) = validation.check(recommendation(AdapterSource=both))
    assert (violation.path, violation.constraint) == ("adapter_source", "union_one_member")
    assert "ModelPackageArns and S3Uris" in violation.message
    (empty,) = validation.check(recommendation(ModelSource={}))
    assert (empty.path, empty.constraint) == ("model_source", "union_one_member")
    assert "give S3" in empty.message


def test_adapter_ids_are_unique() -> None:
    source = {
        "S3Uris": [
            {"AdapterId": "fr", "S3Uri": "s3://b/fr/"},
            {"AdapterId": "de", "S3Uri": "s3://b/de/"},
            {"AdapterId": "fr", "S3Uri": "s3://b/fr2/"},
        ]
    }
    (violation,) = validation.check(recommendation(AdapterSource=source))
    assert violation.path == "adapter_source.s3_uris[2].adapter_id"
    assert violation.constraint == "unique_adapter_ids"


@pytest.mark.parametrize(
    "make",
    [
        ai_workload_config_request_wire,
        ai_benchmark_job_request_wire,
        ai_recommendation_job_request_wire,
    ],
)
def test_tag_keys_are_unique_in_every_create(make: Any) -> None:
    wire = make()
    wire["Tags"] = [{"Key": "team", "Value": "a"}, {"Key": "team", "Value": "b"}]
    operation = next(
        op for op in _specs.OPERATIONS.values() if op.input.__name__ == f"{_name(wire)}"
    )
    violations = validation.check(operation.input.from_dict(wire))
    assert [(v.path, v.constraint) for v in violations] == [("tags[1].key", "unique_tag_keys")]


def _name(wire: dict[str, Any]) -> str:
    for key, cls in (
        ("AIWorkloadConfigName", "CreateAIWorkloadConfigRequest"),
        ("AIBenchmarkJobName", "CreateAIBenchmarkJobRequest"),
        ("AIRecommendationJobName", "CreateAIRecommendationJobRequest"),
    ):
        if key in wire:
            return cls
    raise AssertionError(wire)


@pytest.mark.parametrize(
    ("inline", "where"),
    [
        ("benchmark:\n  type: aiperf\nparameters: [1, 2\n", "line 4, column 1"),
        ('{"benchmark": {"type": "aiperf"},\n "parameters": {"concurrency" 4}}', "line 2, column"),
        ("benchmark:\n  type: aiperf\n  bad: - x\n", "line 3, column"),
    ],
)
def test_an_inline_spec_that_does_not_parse_is_reported_with_line_and_column(
    inline: str, where: str
) -> None:
    (violation,) = validation.check(workload(inline))
    assert violation.path == "ai_workload_configs.workload_spec.inline"
    assert violation.constraint == "workload_spec_document"
    assert "is neither JSON nor YAML" in violation.message
    assert where in violation.message


def test_json_is_a_valid_inline_spec() -> None:
    text = '{"benchmark": {"type": "aiperf"}, "parameters": {"concurrency": [1, 2, 4]}}'
    assert found(workload(text)) == {}


@pytest.mark.parametrize(
    ("inline", "words"),
    [
        ("- just\n- a list\n", "must hold a mapping"),
        ("", "an empty document"),
        ("parameters:\n  concurrency: 4\n", "benchmark.type is None"),
        ("benchmark:\n  type: locust\n", "benchmark.type is 'locust'"),
    ],
)
def test_an_inline_spec_must_declare_the_aiperf_benchmark(inline: str, words: str) -> None:
    (violation,) = validation.check(workload(inline))
    assert violation.constraint == "workload_spec_document"
    assert words in violation.message


def test_an_inline_spec_with_yaml_aliases_is_refused_unexpanded() -> None:
    # Nine lines of nested aliases name 10**9 leaves: the schema check must never walk them.
    lines = ["benchmark: {type: aiperf}", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (violation,) = validation.check(workload("\n".join(lines) + "\n"))
    assert violation.constraint == "workload_spec_document"
    assert "anchors or aliases" in violation.message


def test_an_inline_spec_never_builds_python_objects() -> None:
    (violation,) = validation.check(workload("benchmark: !!python/object/apply:os.system ['x']\n"))
    assert violation.constraint == "workload_spec_document"


def test_several_performance_objectives_are_a_warning_and_the_request_passes() -> None:
    request = recommendation(
        PerformanceTarget={"Constraints": [{"Metric": "cost"}, {"Metric": "ttft-ms"}]}
    )
    errors, advice = validation.advise(request)
    assert errors == ()
    assert [v.constraint for v in advice] == ["single_performance_objective"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validation.validate(request)
    assert [type(w.message) for w in caught] == [irclient.ValidationWarning]


def test_a_map_is_checked_entry_by_entry_and_for_its_size() -> None:
    env = {f"VAR_{i}": "x" for i in range(101)}
    env["1BAD"] = "y"
    config = AIRecommendationDeploymentConfiguration(environment_variables=env)
    result = found(config)
    assert result == {
        "environment_variables": "max_length",
        "environment_variables['1BAD']": "pattern",
    }
    messages = [v.message for v in validation.check(config)]
    assert "EnvironmentVariables has 102 entries; the maximum is 100" in messages
    assert found(AIRecommendationDeploymentConfiguration(environment_variables={"A": "b\nc"})) == {}


def test_a_map_of_the_wrong_type_is_named() -> None:
    config = AIRecommendationDeploymentConfiguration(environment_variables=["A=b"])  # type: ignore[arg-type]
    assert found(config) == {"environment_variables": "type"}


def test_every_union_of_the_family_has_the_rule() -> None:
    unions = {r.applies_to.__name__ for r in rules.RULES if r.name == "union_one_member"}
    assert {
        "AIDatasetConfig",
        "WorkloadSpec",
        "AIBenchmarkTarget",
        "AIModelSource",
        "AIAdapterSource",
    } <= unions


def test_a_wrong_type_in_a_request_of_the_family_is_reported_with_the_constraints() -> None:
    wire = copy.deepcopy(ai_recommendation_job_request_wire())
    wire["OptimizeModel"] = "yes"
    wire["ComputeSpec"]["InstanceTypes"] = ["ml.g5.2xlarge"] * 4
    with pytest.raises(irclient.ValidationError) as info:
        CreateAIRecommendationJobRequest.from_dict(wire)
    assert {v.constraint for v in info.value.violations} == {"type", "max_length"}
