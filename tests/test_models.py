"""The generated models against the installed botocore model and the public contract."""

from __future__ import annotations

import enum
import re
from typing import Any

import attrs
import botocore.session
import pytest
from botocore import xform_name
from botocore.model import ListShape, MapShape, Shape, StructureShape

from botocore_floor import GENERATING_BOTOCORE, needs_the_generating_botocore
from irclient import models
from irclient.models import _base, _specs

OPERATIONS = (
    "CreateInferenceRecommendationsJob",
    "DescribeInferenceRecommendationsJob",
    "ListInferenceRecommendationsJobSteps",
    "ListInferenceRecommendationsJobs",
    "StopInferenceRecommendationsJob",
    "GetScalingConfigurationRecommendation",
)

AI_OPERATIONS = (
    "CreateAIWorkloadConfig",
    "DescribeAIWorkloadConfig",
    "ListAIWorkloadConfigs",
    "DeleteAIWorkloadConfig",
    "CreateAIBenchmarkJob",
    "DescribeAIBenchmarkJob",
    "ListAIBenchmarkJobs",
    "StopAIBenchmarkJob",
    "DeleteAIBenchmarkJob",
    "CreateAIRecommendationJob",
    "DescribeAIRecommendationJob",
    "ListAIRecommendationJobs",
    "StopAIRecommendationJob",
    "DeleteAIRecommendationJob",
)
COMPONENT_OPERATIONS = (
    "CreateInferenceComponent",
    "DescribeInferenceComponent",
    "ListInferenceComponents",
    "UpdateInferenceComponent",
    "UpdateInferenceComponentRuntimeConfig",
    "DeleteInferenceComponent",
)
"""The inference components an AI recommendation is deployed as."""
"""The generative-AI family, as issue 22 lists it."""


def _closure(
    operations: tuple[str, ...] = OPERATIONS + AI_OPERATIONS + COMPONENT_OPERATIONS,
) -> dict[str, Shape]:
    """An independent walk of the installed botocore model (not the generator's code)."""
    service = botocore.session.get_session().get_service_model("sagemaker")
    seen: dict[str, Shape] = {}
    stack: list[Shape] = []
    for name in operations:
        op = service.operation_model(name)
        stack.extend(s for s in (op.input_shape, op.output_shape) if s is not None)
    while stack:
        shape = stack.pop()
        if shape.name in seen:
            continue
        seen[shape.name] = shape
        if isinstance(shape, StructureShape):
            stack.extend(shape.members.values())
        elif isinstance(shape, ListShape):
            stack.append(shape.member)
        elif isinstance(shape, MapShape):
            stack.extend((shape.key, shape.value))
    return seen


CLOSURE = _closure()
AI_CLOSURE = _closure(AI_OPERATIONS)
STRUCTURES = sorted(n for n, s in CLOSURE.items() if isinstance(s, StructureShape))
ENUMS = sorted(n for n, s in CLOSURE.items() if getattr(s, "enum", None))


def _spec_matches(spec: _base.TypeSpec, shape: Shape) -> None:
    assert spec.kind == shape.type_name, shape.name
    assert spec.shape == shape.name
    meta = shape.metadata
    assert spec.min == meta.get("min"), f"{shape.name} min"
    assert spec.max == meta.get("max"), f"{shape.name} max"
    assert spec.pattern == meta.get("pattern"), f"{shape.name} pattern"
    if getattr(shape, "enum", None):
        assert spec.enum is getattr(models, shape.name)
    if isinstance(shape, ListShape):
        assert spec.member is not None
        _spec_matches(spec.member, shape.member)
    if isinstance(shape, MapShape):
        assert spec.key is not None and spec.value is not None
        _spec_matches(spec.key, shape.key)
        _spec_matches(spec.value, shape.value)


@needs_the_generating_botocore
def test_counts_match_the_installed_botocore() -> None:
    assert len(_specs.SPECS) == len(STRUCTURES)
    exported = [getattr(models, name) for name in models.__all__]
    enum_classes = [v for v in exported if isinstance(v, type) and issubclass(v, enum.StrEnum)]
    assert len(enum_classes) == len(ENUMS)


@pytest.mark.parametrize("name", STRUCTURES)
def test_every_structure_member_and_constraint_is_generated(name: str) -> None:
    shape = CLOSURE[name]
    assert isinstance(shape, StructureShape)
    cls = getattr(models, name)
    fields = {f.wire: f for f in _specs.SPECS[cls]}
    if GENERATING_BOTOCORE:
        assert list(fields) == list(shape.members), "members differ from botocore"
    else:
        # An older botocore (the floor): every member it knows is generated, as it is
        # there; the members added since are generated too.
        assert set(shape.members) <= set(fields), "a member of this botocore is missing"
    for wire, member in shape.members.items():
        field = fields[wire]
        assert field.name == xform_name(wire)
        assert field.required == (wire in shape.required_members)
        _spec_matches(field.type, member)
    attribute_names = [a.name for a in attrs.fields(cls)]
    assert sorted(attribute_names) == sorted(xform_name(w) for w in fields)


@pytest.mark.parametrize("name", ENUMS)
def test_every_enum_value_is_generated(name: str) -> None:
    values = list(CLOSURE[name].enum)
    generated = [m.value for m in getattr(models, name)]
    if GENERATING_BOTOCORE:
        assert generated == values
    else:  # an older botocore (the floor): each of its values, and those added since
        assert set(values) <= set(generated)


def test_the_operations_table_has_the_classic_operations_then_the_ai_family() -> None:
    assert list(_specs.OPERATIONS) == list(OPERATIONS + AI_OPERATIONS + COMPONENT_OPERATIONS)
    operation = _specs.OPERATIONS["GetScalingConfigurationRecommendation"]
    assert operation.method == "get_scaling_configuration_recommendation"
    assert operation.input is models.GetScalingConfigurationRecommendationRequest
    assert operation.output is models.GetScalingConfigurationRecommendationResponse
    assert operation.paginator is None


def test_scaling_closure_adds_ten_structures_and_one_enum() -> None:
    # The union shapes (ScalingPolicy, MetricSpecification) are ordinary optional members.
    for name in (
        "ScalingPolicy",
        "MetricSpecification",
        "TargetTrackingScalingPolicyConfiguration",
    ):
        assert name in STRUCTURES
    assert "Statistic" in ENUMS
    assert models.Statistic("Average") is models.Statistic.AVERAGE


@needs_the_generating_botocore
def test_instance_type_enum_is_complete_and_named_by_the_contract() -> None:
    it = models.ProductionVariantInstanceType
    assert len(it) == len(CLOSURE["ProductionVariantInstanceType"].enum)
    assert it("ml.p6-b200.48xlarge") is it.ML_P6_B200_48XLARGE
    assert it.ML_C5_XLARGE.value == "ml.c5.xlarge"
    for member in it:
        assert member.name == re.sub(r"[^A-Za-z0-9]+", "_", member.value).upper()


def test_attribute_names_follow_xform_name() -> None:
    fields = attrs.fields_dict(models.ProductionVariantServerlessConfig)
    assert set(fields) == {"memory_size_in_mb", "max_concurrency", "provisioned_concurrency"}
    mime = attrs.fields_dict(models.RecommendationJobContainerConfig)
    assert "supported_response_mime_types" in mime


def test_required_members_have_no_default_and_optional_ones_default_to_none() -> None:
    fields = attrs.fields_dict(models.ProductionVariantServerlessConfig)
    assert fields["memory_size_in_mb"].default is attrs.NOTHING
    assert fields["provisioned_concurrency"].default is None
    with pytest.raises(TypeError):
        models.ProductionVariantServerlessConfig(memory_size_in_mb=1024)  # type: ignore[call-arg]


def test_models_are_frozen_and_keyword_only() -> None:
    config = models.ProductionVariantServerlessConfig(memory_size_in_mb=2048, max_concurrency=5)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        config.max_concurrency = 6  # type: ignore[misc]
    with pytest.raises(TypeError):
        models.ProductionVariantServerlessConfig(2048, 5)  # type: ignore[call-arg]
    assert attrs.evolve(config, max_concurrency=6).max_concurrency == 6


@pytest.mark.parametrize("items", [["a", "b"], ("a", "b"), iter(["a", "b"])])
def test_list_members_become_tuples_from_any_iterable(items: Any) -> None:
    vpc = models.RecommendationJobVpcConfig(security_group_ids=items, subnets=["s"])
    assert vpc.security_group_ids == ("a", "b")
    assert isinstance(vpc.subnets, tuple)


def test_a_string_for_a_list_is_left_for_validation_to_name() -> None:
    vpc = models.RecommendationJobVpcConfig(security_group_ids="sg-1", subnets=["s"])
    assert vpc.security_group_ids == "sg-1"  # type: ignore[comparison-overlap]


def test_member_docstrings_come_from_the_aws_documentation() -> None:
    source = __import__("pathlib").Path(models.__file__).with_name("shapes.py").read_text()
    assert "Valid values are in 1 GB increments" in source
    assert models.ProductionVariantServerlessConfig.__doc__
    assert "serverless" in models.ProductionVariantServerlessConfig.__doc__.lower()


HAND_WRITTEN = {"_base.py"}


def test_generated_files_record_their_botocore_version() -> None:
    folder = __import__("pathlib").Path(models.__file__).parent
    generated = {path.name for path in folder.glob("*.py")} - HAND_WRITTEN
    assert {"_client.py", "_specs.py", "shapes.py", "enums.py", "__init__.py"} <= generated
    for name in generated:
        first = (folder / name).read_text().splitlines()[0]
        assert first.startswith("# Generated by tools/codegen.py from botocore "), name
        assert "Do not edit" in first
        assert _specs.BOTOCORE_VERSION in first


def test_the_model_runtime_is_hand_written_source() -> None:
    source = __import__("pathlib").Path(_base.__file__).read_text()
    assert "Generated by" not in source.splitlines()[0]
    assert "hand-written" in (_base.__doc__ or "")


def test_the_operation_table_matches_botocore() -> None:
    session = botocore.session.get_session()
    service = session.get_service_model(_specs.SERVICE_NAME)
    paginators = session.get_paginator_model(_specs.SERVICE_NAME)
    assert tuple(_specs.OPERATIONS) == OPERATIONS + AI_OPERATIONS + COMPONENT_OPERATIONS
    for name, op in _specs.OPERATIONS.items():
        model = service.operation_model(name)
        assert op.name == name
        assert op.method == xform_name(name)
        assert op.input.__name__ == model.input_shape.name
        expected_output = model.output_shape.name if model.output_shape is not None else None
        assert (op.output.__name__ if op.output else None) == expected_output
        try:
            config = paginators.get_paginator(name)
        except ValueError:
            assert op.paginator is None, name
            continue
        spec = op.paginator
        assert spec is not None, name
        assert (spec.input_token, spec.output_token) == (
            config["input_token"],
            config["output_token"],
        )
        assert (spec.limit_key, spec.result_key) == (config["limit_key"], config["result_key"])
        assert spec.limit_max == model.input_shape.members[config["limit_key"]].metadata["max"]
        # The attribute names address the generated models.
        assert op.output is not None
        outputs = {f.wire: f.name for f in _specs.SPECS[op.output]}
        inputs = {f.wire: f.name for f in _specs.SPECS[op.input]}
        assert outputs[spec.result_key] == spec.result_attribute
        assert outputs[spec.output_token] == spec.output_token_attribute
        assert inputs[spec.input_token] == spec.input_token_attribute
        assert inputs[spec.limit_key] == spec.limit_attribute


def test_every_list_operation_of_the_table_paginates() -> None:
    paginated = {name for name, op in _specs.OPERATIONS.items() if op.paginator is not None}
    assert paginated == {
        "ListInferenceRecommendationsJobSteps",
        "ListInferenceRecommendationsJobs",
        "ListAIWorkloadConfigs",
        "ListAIBenchmarkJobs",
        "ListAIRecommendationJobs",
        "ListInferenceComponents",
    }


def test_the_client_has_a_typed_method_for_every_operation() -> None:
    import inspect

    from irclient import InferenceRecommenderClient

    for op in _specs.OPERATIONS.values():
        method = getattr(InferenceRecommenderClient, op.method)
        assert method.__doc__, op.method
        assert op.name in method.__doc__  # the API reference link
        hints = inspect.signature(method).parameters
        assert list(hints) == ["self", "request", "fields"]


def test_repr_shows_only_the_members_that_are_set() -> None:
    config = models.ProductionVariantServerlessConfig(memory_size_in_mb=2048, max_concurrency=3)
    assert (
        repr(config)
        == "ProductionVariantServerlessConfig(memory_size_in_mb=2048, max_concurrency=3)"
    )
    nested = models.EndpointInputConfiguration(serverless_config=config)
    assert repr(nested) == f"EndpointInputConfiguration(serverless_config={config!r})"


# --------------------------------------------------------------------------- the AI family


@needs_the_generating_botocore
def test_the_ai_closure_has_the_shapes_issue_22_counts() -> None:
    kinds = [s for s in AI_CLOSURE.values()]
    structures = [s for s in kinds if isinstance(s, StructureShape)]
    enums = [s for s in kinds if getattr(s, "enum", None)]
    assert len(structures) == 67
    assert sum(bool(s.is_tagged_union) for s in structures) == 5
    assert sum(len(s.members) for s in structures) == 196
    assert len(enums) == 11
    assert sum(len(s.enum) for s in enums) == 74
    assert sorted(n for n, s in AI_CLOSURE.items() if isinstance(s, MapShape)) == [
        "AIRecommendationOptimizationConfigMap",
        "EnvironmentMap",
    ]
    for name in AI_CLOSURE:
        assert name in CLOSURE  # and so every structure, member and enum value is checked above


def test_ai_operations_carry_their_botocore_floor_and_boto3_names() -> None:
    for name in AI_OPERATIONS:
        operation = _specs.OPERATIONS[name]
        assert operation.since == "1.42.93"
        assert operation.method == xform_name(name)
    for name in OPERATIONS + COMPONENT_OPERATIONS:
        assert _specs.OPERATIONS[name].since is None
    ai_members = {k: v for k, v in _specs.MEMBERS_SINCE.items() if "InferenceComponent" not in k[0]}
    assert ai_members == {
        ("AIBenchmarkOutputConfig", "MlflowConfig"): "1.43.24",
        ("AIRecommendationOutputConfig", "MlflowConfig"): "1.43.24",
        ("CreateAIRecommendationJobRequest", "AdapterSource"): "1.43.57",
    }
    pages = {n: _specs.OPERATIONS[n].paginator for n in AI_OPERATIONS if n.startswith("List")}
    assert {n: p.result_key for n, p in pages.items() if p is not None} == {
        "ListAIWorkloadConfigs": "AIWorkloadConfigs",
        "ListAIBenchmarkJobs": "AIBenchmarkJobs",
        "ListAIRecommendationJobs": "AIRecommendationJobs",
    }


def test_ai_attribute_names_follow_xform_name() -> None:
    assert "ai_recommendation_job_name" in attrs.fields_dict(
        models.CreateAIRecommendationJobRequest
    )
    detail = attrs.fields_dict(models.AIRecommendationInstanceDetail)
    assert "copy_count_per_instance" in detail
    deployment = attrs.fields_dict(models.AIRecommendationDeploymentConfiguration)
    assert "min_cpu_memory_required_in_mb" in deployment
    assert len(models.AIRecommendationInstanceType) == 46


def test_a_map_member_is_read_only_hashable_and_a_plain_dict_on_the_wire() -> None:
    env = {"OPTION_TENSOR_PARALLEL_DEGREE": "4", "HF_MODEL_ID": "/opt/ml/model"}
    config = models.AIRecommendationDeploymentConfiguration(environment_variables=env)
    assert isinstance(config.environment_variables, _base.FrozenMap)
    assert config.environment_variables == env
    env["LATER"] = "x"  # the model holds a copy, not the caller's dict
    assert "LATER" not in config.environment_variables
    with pytest.raises(TypeError):
        config.environment_variables["X"] = "y"  # type: ignore[index]
    assert hash(config) == hash(
        models.AIRecommendationDeploymentConfiguration(
            environment_variables={
                "HF_MODEL_ID": "/opt/ml/model",
                "OPTION_TENSOR_PARALLEL_DEGREE": "4",
            }
        )
    )
    wire = config.to_dict()
    assert type(wire["EnvironmentVariables"]) is dict
    assert wire == {
        "EnvironmentVariables": {
            "OPTION_TENSOR_PARALLEL_DEGREE": "4",
            "HF_MODEL_ID": "/opt/ml/model",
        }
    }
    assert models.AIRecommendationDeploymentConfiguration.from_dict(wire) == config


def test_a_union_of_the_family_is_an_ordinary_optional_member() -> None:
    source = models.AIAdapterSource(
        s3_uris=[models.AIAdapterS3Entry(adapter_id="a1", s3_uri="s3://b/a1/")]
    )
    assert source.model_package_arns is None
    assert source.to_dict() == {"S3Uris": [{"AdapterId": "a1", "S3Uri": "s3://b/a1/"}]}
