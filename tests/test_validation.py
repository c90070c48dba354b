"""irclient.validate: every constraint kind at its boundaries, patterns, prose rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import attrs
import botocore.session
import pytest

import irclient
from irclient import models, validation
from irclient.models import (
    CategoricalParameter,
    CreateInferenceRecommendationsJobRequest,
    EndpointInputConfiguration,
    ListInferenceRecommendationsJobsRequest,
    ListInferenceRecommendationsJobStepsRequest,
    ProductionVariantServerlessConfig,
    RecommendationJobInputConfig,
    Tag,
)
from irclient.validation import _engine, _fast, _patterns
from strategies import model_patterns

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


def create(**changes: Any) -> CreateInferenceRecommendationsJobRequest:
    base = CreateInferenceRecommendationsJobRequest(
        job_name="job-1",
        job_type="Default",
        role_arn=ROLE,
        input_config=RecommendationJobInputConfig(model_name="my-model"),
    )
    return attrs.evolve(base, **changes)


def found(request: Any) -> dict[str, str]:
    return {v.path: v.constraint for v in validation.check(request)}


def steps(**changes: Any) -> ListInferenceRecommendationsJobStepsRequest:
    return ListInferenceRecommendationsJobStepsRequest(job_name="job", **changes)


def serverless(memory: int = 2048, maximum: int = 10, provisioned: int | None = None) -> Any:
    config = ProductionVariantServerlessConfig(
        memory_size_in_mb=memory, max_concurrency=maximum, provisioned_concurrency=provisioned
    )
    return create(
        input_config=RecommendationJobInputConfig(
            model_name="m",
            endpoint_configurations=[EndpointInputConfiguration(serverless_config=config)],
        )
    )


SERVERLESS = "input_config.endpoint_configurations[0].serverless_config"


def test_a_valid_request_passes(create_wire: dict[str, Any]) -> None:
    irclient.validate(CreateInferenceRecommendationsJobRequest.from_dict(create_wire))
    irclient.validate(create())


# --------------------------------------------------------------------------- string lengths


@pytest.mark.parametrize(
    ("length", "expected"), [(0, "min_length"), (1, None), (64, None), (65, "max_length")]
)
def test_job_name_length_boundaries(length: int, expected: str | None) -> None:
    assert found(create(job_name="a" * length)).get("job_name") == expected


@pytest.mark.parametrize(("length", "expected"), [(128, None), (129, "max_length")])
def test_description_length_boundaries(length: int, expected: str | None) -> None:
    assert found(create(job_description="d" * length)).get("job_description") == expected


def test_length_message_names_wire_field_value_and_limit() -> None:
    (violation,) = validation.check(create(job_name="a" * 65))
    assert violation.message.startswith("JobName 'aaaa")
    assert "65 characters" in violation.message and "maximum length is 64" in violation.message


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(("value", "expected"), [(0, "min"), (1, None), (100, None), (101, "max")])
def test_max_results_range_boundaries(value: int, expected: str | None) -> None:
    assert found(steps(max_results=value)).get("max_results") == expected


@pytest.mark.parametrize(
    ("memory", "expected"),
    [(1023, "min"), (1024, None), (6144, None), (6145, "max"), (2000, "memory_step")],
)
def test_serverless_memory_range_and_one_gb_steps(memory: int, expected: str | None) -> None:
    assert found(serverless(memory=memory)).get(f"{SERVERLESS}.memory_size_in_mb") == expected


@pytest.mark.parametrize(
    ("maximum", "expected"), [(0, "min"), (1, None), (200, None), (201, "max")]
)
def test_serverless_concurrency_range(maximum: int, expected: str | None) -> None:
    assert found(serverless(maximum=maximum)).get(f"{SERVERLESS}.max_concurrency") == expected


@pytest.mark.parametrize(
    ("provisioned", "expected"), [(None, None), (1, "provisioned_concurrency_unsupported")]
)
def test_provisioned_concurrency_is_refused(provisioned: int | None, expected: str | None) -> None:
    result = found(serverless(maximum=10, provisioned=provisioned))
    assert result.get(f"{SERVERLESS}.provisioned_concurrency") == expected


def test_prose_rule_messages_name_the_rule() -> None:
    (violation,) = validation.check(serverless(memory=3000))
    assert "MemorySizeInMB is 3000" in violation.message and "1 GB increments" in violation.message


# --------------------------------------------------------------------------- lists


def _endpoints(n: int) -> Any:
    return create(
        input_config=RecommendationJobInputConfig(
            model_name="m",
            endpoint_configurations=[EndpointInputConfiguration(instance_type="ml.c5.xlarge")] * n,
        )
    )


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "min_length"), (1, None), (10, None), (11, "max_length")]
)
def test_endpoint_configuration_count_boundaries(count: int, expected: str | None) -> None:
    assert found(_endpoints(count)).get("input_config.endpoint_configurations") == expected


@pytest.mark.parametrize(("count", "expected"), [(50, None), (51, "max_length")])
def test_tag_count_boundaries(count: int, expected: str | None) -> None:
    tags = [Tag(key=f"k{i}", value="v") for i in range(count)]
    assert found(create(tags=tags)).get("tags") == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], "min_length"),
        (["1"], None),
        (["1", "2", "3"], None),
        (["1", "2", "3", "4"], "max_length"),
    ],
)
def test_categorical_value_count_boundaries(values: list[str], expected: str | None) -> None:
    parameter = CategoricalParameter(name="OMP_NUM_THREADS", value=values)
    assert found(parameter).get("value") == expected


# --------------------------------------------------------------------------- patterns


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("abc", True),
        ("a--b", True),
        ("abc\n", False),  # re.match with $ would accept this
        ("-abc", False),
        ("abc-", False),
        ("a b", False),
        ("ab_c", False),
    ],
)
def test_job_name_pattern_matches_the_whole_value(name: str, valid: bool) -> None:
    assert ("job_name" not in found(create(job_name=name))) is valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("équipe", True),
        ("日本語", True),
        ("team name", True),
        ("v1.2:x/y=z+w-@", True),
        ("tab\there", False),
        ("line\nbreak", False),
        ("semi;colon", False),
    ],
)
def test_tag_patterns_know_unicode_letters_spaces_and_numbers(text: str, valid: bool) -> None:
    result = found(Tag(key=text, value=text))
    assert ("key" not in result and "value" not in result) is valid


def test_digits_in_patterns_are_ascii_only_as_in_java() -> None:
    arabic_indic = "\u0661" * 12
    assert found(create(role_arn=f"arn:aws:iam::{arabic_indic}:role/x")) == {"role_arn": "pattern"}


def test_dot_stops_at_line_terminators_as_in_java() -> None:
    assert found(steps(next_token="abc\r")) == {"next_token": "pattern"}
    assert found(steps(next_token="abc def")) == {}


def test_pattern_message_names_the_pattern() -> None:
    (violation,) = validation.check(create(job_name="bad name"))
    assert violation.constraint == "pattern"
    assert "JobName 'bad name'" in violation.message
    assert "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}" in violation.message


def test_an_overlong_value_is_not_run_through_the_pattern() -> None:
    # Adversarial input (a long run of the repeated class, then one bad character) is
    # refused on its length alone, so the regex never sees it.
    result = found(create(job_name="a" + "-" * 10_000 + "!"))
    assert result == {"job_name": "max_length"}


@pytest.mark.parametrize("pattern", model_patterns())
def test_every_model_pattern_compiles_and_matches_whole_values(pattern: str) -> None:
    matcher = _patterns.compile_pattern(pattern)
    assert not matcher("\n") or pattern in (r"[\S\s]+", r"[\S\s]*")


# --------------------------------------------------------------------------- enums


def test_unknown_enum_value_is_refused_with_the_allowed_values() -> None:
    (violation,) = validation.check(create(job_type="Basic"))
    assert violation.constraint == "enum"
    assert "Advanced" in violation.message and "Default" in violation.message


def test_enum_members_and_their_plain_strings_are_both_accepted() -> None:
    assert "job_type" not in found(create(job_type=models.RecommendationJobType.ADVANCED))
    assert "job_type" not in found(create(job_type="Advanced"))


@pytest.fixture
def botocore_with_a_new_instance_type(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The installed botocore knows an instance type the generated enum lacks."""
    new = "ml.future9.96xlarge"
    session = botocore.session.get_session()
    model = session.get_service_model("sagemaker")
    shape_map = model._shape_resolver._shape_map
    shape_map["ProductionVariantInstanceType"] = {
        **shape_map["ProductionVariantInstanceType"],
        "enum": [*shape_map["ProductionVariantInstanceType"]["enum"], new],
    }
    monkeypatch.setattr(session, "get_service_model", lambda name: model)
    monkeypatch.setattr(botocore.session, "get_session", lambda: session)
    _fast.botocore_enum.cache_clear()
    yield new
    _fast.botocore_enum.cache_clear()


def test_an_instance_type_botocore_knows_is_accepted(
    botocore_with_a_new_instance_type: str,
) -> None:
    new = botocore_with_a_new_instance_type
    assert new not in set(models.ProductionVariantInstanceType)
    endpoints = [EndpointInputConfiguration(instance_type=new)]
    request = create(
        input_config=RecommendationJobInputConfig(model_name="m", endpoint_configurations=endpoints)
    )
    assert found(request) == {}
    unknown = attrs.evolve(endpoints[0], instance_type="ml.never.heard")
    assert found(unknown) == {"instance_type": "enum"}


# --------------------------------------------------------------------------- types and required


def test_wrong_types_on_constructed_models_are_violations() -> None:
    request = create(job_name=5, tags="team")
    assert found(request) == {"job_name": "type", "tags": "type"}
    assert found(steps(max_results=True)) == {"max_results": "type"}
    assert found(steps(max_results=2.0)) == {"max_results": "type"}


def test_missing_required_members_are_violations() -> None:
    assert found(create(input_config=None, role_arn=None)) == {
        "role_arn": "required",
        "input_config": "required",
    }


def test_a_nested_model_of_the_wrong_class_is_a_type_violation() -> None:
    request = create(input_config=Tag(key="a", value="b"))
    assert found(request) == {"input_config": "type"}


def test_naive_datetimes_are_refused() -> None:
    naive = datetime.datetime(2026, 1, 1)
    assert found(ListInferenceRecommendationsJobsRequest(creation_time_after=naive)) == {
        "creation_time_after": "timezone"
    }
    aware = naive.replace(tzinfo=datetime.UTC)
    assert found(ListInferenceRecommendationsJobsRequest(creation_time_after=aware)) == {}


def test_every_violation_is_collected_in_one_error() -> None:
    config = ProductionVariantServerlessConfig(memory_size_in_mb=1000, max_concurrency=300)
    request = create(
        job_name="bad name",
        job_type="Weird",
        role_arn="arn:aws:iam::1:role/x",
        input_config=RecommendationJobInputConfig(
            model_name="m",
            endpoint_configurations=[
                EndpointInputConfiguration(instance_type="ml.nope", serverless_config=config)
            ],
        ),
        tags=[Tag(key="", value="x" * 257)],
    )
    with pytest.raises(irclient.ValidationError) as exc:
        irclient.validate(request)
    assert {v.path: v.constraint for v in exc.value.violations} == {
        "job_name": "pattern",
        "job_type": "enum",
        "role_arn": "pattern",
        "input_config.endpoint_configurations[0].instance_type": "enum",
        f"{SERVERLESS}.memory_size_in_mb": "min",
        f"{SERVERLESS}.max_concurrency": "max",
        "input_config.endpoint_configurations[0]": "one_endpoint_target",
        "tags[0].key": "min_length",
        "tags[0].value": "max_length",
    }
    assert str(exc.value).startswith("9 validation errors:")


def test_validate_refuses_what_is_not_a_model() -> None:
    with pytest.raises(TypeError):
        irclient.validate({"JobName": "x"})  # type: ignore[arg-type]


def test_checks_are_compiled_once_per_class(monkeypatch: pytest.MonkeyPatch) -> None:
    irclient.validate(create())
    calls: list[type] = []
    original = _engine._compile_class

    def counting(cls: Any) -> Any:
        calls.append(cls)
        return original(cls)

    monkeypatch.setattr(_engine, "_compile_class", counting)
    for _ in range(3):
        irclient.validate(create())
    assert calls == []
