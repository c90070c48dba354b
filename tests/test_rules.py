"""The table of prose rules: the validator and the simulator read it, so they agree; warnings."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import textwrap
import warnings
from typing import Any

import boto3
import botocore.config
import botocore.session
import pytest
from botocore.exceptions import ClientError

import irclient
from client_support import ensure_model
from irclient import rules, validation
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    RecommendationJobContainerConfig,
    _specs,
)
from irclient.testing import mock_inference_recommender

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/resnet/1"


ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/m/1"


def advanced(**input_changes: Any) -> dict[str, Any]:
    """A valid Advanced (load test) request; ``input_changes`` replace InputConfig members."""
    request: dict[str, Any] = {
        "JobName": "load-test",
        "JobType": "Advanced",
        "RoleArn": ROLE,
        "InputConfig": {
            "ModelName": "m",
            "JobDurationInSeconds": 7200,
            "TrafficPattern": {
                "TrafficType": "PHASES",
                "Phases": [{"InitialNumberOfUsers": 1, "SpawnRate": 1, "DurationInSeconds": 120}],
            },
            "EndpointConfigurations": [{"InstanceType": "ml.c5.xlarge"}],
        },
        "StoppingConditions": {
            "MaxInvocations": 300,
            "ModelLatencyThresholds": [{"Percentile": "P95", "ValueInMilliseconds": 100}],
        },
    }
    request["InputConfig"].update(input_changes)
    return request


def with_phase(**phase: Any) -> dict[str, Any]:
    base = {"InitialNumberOfUsers": 1, "SpawnRate": 1, "DurationInSeconds": 120, **phase}
    return advanced(TrafficPattern={"TrafficType": "PHASES", "Phases": [base]})


def changed(request: dict[str, Any], **top: Any) -> dict[str, Any]:
    out = copy.deepcopy(request)
    out.update(top)
    return out


SERVERLESS = {"MemorySizeInMB": 2048, "MaxConcurrency": 2}

# One Create request per rule that breaks that rule and nothing else.
CREATE_EXAMPLES: dict[str, dict[str, Any]] = {
    "one_model": changed(
        advanced(),
        InputConfig={"ModelName": "m", "ModelPackageVersionArn": PACKAGE},
        JobType="Default",
    ),
    "job_duration_max": advanced(JobDurationInSeconds=18_001),
    "advanced_needs_endpoints": changed(advanced(), InputConfig={"ModelName": "m"}),
    "one_endpoint_target": advanced(
        EndpointConfigurations=[{"InstanceType": "ml.c5.xlarge", "ServerlessConfig": SERVERLESS}]
    ),
    "provisioned_concurrency_unsupported": advanced(
        EndpointConfigurations=[{"ServerlessConfig": {**SERVERLESS, "ProvisionedConcurrency": 1}}]
    ),
    "memory_step": advanced(
        EndpointConfigurations=[{"ServerlessConfig": {**SERVERLESS, "MemorySizeInMB": 1500}}]
    ),
    "traffic_type_spec": advanced(TrafficPattern={"TrafficType": "STAIRS"}),
    "unique_tag_keys": changed(
        advanced(), Tags=[{"Key": "team", "Value": "a"}, {"Key": "team", "Value": "b"}]
    ),
    "latency_percentile": changed(
        advanced(),
        StoppingConditions={
            "ModelLatencyThresholds": [{"Percentile": "P90", "ValueInMilliseconds": 100}]
        },
    ),
    "burstable_instance": advanced(EndpointConfigurations=[{"InstanceType": "ml.t2.medium"}]),
    "burstable_supported_instance": changed(
        advanced(),
        JobType="Default",
        InputConfig={
            "ModelName": "m",
            "ContainerConfig": {"SupportedInstanceTypes": ["ml.c5.xlarge", "ml.t3.large"]},
        },
    ),
    # AWS's own SDK integration tests send 14 initial users: guidance, not a rule.
    "phase_initial_users": with_phase(InitialNumberOfUsers=14),
    "phase_duration": with_phase(DurationInSeconds=60),
    "phase_within_job": changed(
        with_phase(DurationInSeconds=900),
        InputConfig={
            **with_phase(DurationInSeconds=900)["InputConfig"],
            "JobDurationInSeconds": 600,
        },
    ),
}

CREATE = "CreateInferenceRecommendationsJob"

# Every rule's example: the operation and its wire-form request. A new rule needs an entry
# here (a rule of another request class names that operation): test_every_rule_has_an_example
# fails until it has one.
EXAMPLES: dict[str, tuple[str, dict[str, Any]]] = {
    name: (CREATE, body) for name, body in CREATE_EXAMPLES.items()
}

SCALING = "GetScalingConfigurationRecommendation"
EXAMPLES["one_scaling_target"] = (
    SCALING,
    {"InferenceRecommendationsJobName": "job", "RecommendationId": "r", "EndpointName": "e"},
)
EXAMPLES["objective_range"] = (
    SCALING,
    {
        "InferenceRecommendationsJobName": "job",
        "RecommendationId": "r",
        "ScalingPolicyObjective": {"MinInvocationsPerMinute": 10, "MaxInvocationsPerMinute": 5},
    },
)

EXAMPLES["objective_both_bounds"] = (
    SCALING,
    {
        "InferenceRecommendationsJobName": "job",
        "RecommendationId": "r",
        "ScalingPolicyObjective": {"MinInvocationsPerMinute": 100},
    },
)

BY_NAME = {rule.name: rule for rule in rules.RULES}


def sagemaker() -> Any:
    """A client of the active mock, where the model the requests name exists."""
    # botocore's own checks off, so the simulator is what answers.
    client = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        config=botocore.config.Config(parameter_validation=False),
    )
    ensure_model(client, "m")
    return client


# The generative-AI family's rules, checked by the validator in tests/test_validation_ai.py;
# their agreement with the simulator has no example here yet.
AI_RULES = {
    "union_one_member",
    "unique_instance_types",
    "unique_adapter_ids",
    "workload_spec_document",
    "single_performance_objective",
}


def test_every_rule_has_an_example_and_a_name_unique_to_its_class() -> None:
    # A rule shared by classes (tag keys, unions) keeps its name, once per class.
    assert len({(r.name, r.applies_to) for r in rules.RULES}) == len(rules.RULES)
    assert set(EXAMPLES) | AI_RULES == set(BY_NAME)
    assert not set(EXAMPLES) & AI_RULES


def test_the_valid_base_requests_pass_both() -> None:
    for request in (advanced(), with_phase()):
        assert validation.advise(CreateInferenceRecommendationsJobRequest.from_dict(request)) == (
            (),
            (),
        )
    with mock_inference_recommender():
        assert sagemaker().create_inference_recommendations_job(**advanced())["JobArn"]


PYTHON_REPR = re.compile(r"<\w+(\.\w+)+: |\{'|\[\{")


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_validator_and_simulator_agree_on_each_rule(name: str) -> None:
    rule = BY_NAME[name]
    operation_name, request = EXAMPLES[name]
    operation = _specs.OPERATIONS[operation_name]
    errors, advice = validation.advise(operation.input.from_dict(request))
    found = errors if rule.severity == "error" else advice
    assert [v.constraint for v in (*errors, *advice)] == [name]
    (violation,) = found
    # AWS's wording quotes values as the wire has them, never a Python repr (an enum's
    # <Enum.MEMBER: 'value'>, a dict's {'Key': ...}).
    assert not PYTHON_REPR.search(violation.message), violation.message
    with mock_inference_recommender():
        send = getattr(sagemaker(), operation.method)
        if rule.severity == "error":
            with pytest.raises(ClientError) as info:
                send(**request)
            error = info.value.response["Error"]
            assert error["Code"] == "ValidationException"
            assert violation.message in error["Message"]
        else:
            # AWS accepts requests against its "should" guidance, and so does the simulator.
            assert send(**request)["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_neither_target_nor_both_models_is_refused_too() -> None:
    neither = advanced(EndpointConfigurations=[{}])
    request = CreateInferenceRecommendationsJobRequest.from_dict(neither)
    (violation,) = validation.check(request)
    assert violation.constraint == "one_endpoint_target"
    assert violation.path == "input_config.endpoint_configurations[0]"
    assert "neither" in violation.message
    no_model = changed(advanced(), JobType="Default", InputConfig={"JobDurationInSeconds": 60})
    (violation,) = validation.check(CreateInferenceRecommendationsJobRequest.from_dict(no_model))
    assert (violation.constraint, violation.path) == ("one_model", "input_config")


def test_phases_without_phases_is_refused() -> None:
    request = advanced(TrafficPattern={"TrafficType": "PHASES"})
    (violation,) = validation.check(CreateInferenceRecommendationsJobRequest.from_dict(request))
    assert (violation.path, violation.constraint) == (
        "input_config.traffic_pattern.phases",
        "traffic_type_spec",
    )


def test_rule_paths_and_messages_name_members_and_values() -> None:
    cases = {
        "job_duration_max": ("input_config.job_duration_in_seconds", "18001"),
        "unique_tag_keys": ("tags[1].key", "'team'"),
        "latency_percentile": (
            "stopping_conditions.model_latency_thresholds[0].percentile",
            "'P90'",
        ),
        "phase_within_job": (
            "input_config.traffic_pattern.phases[0].duration_in_seconds",
            "900",
        ),
    }
    for name, (path, value) in cases.items():
        request = CreateInferenceRecommendationsJobRequest.from_dict(CREATE_EXAMPLES[name])
        errors, advice = validation.advise(request)
        (violation,) = errors or advice
        assert violation.path == path
        assert value in violation.message


def test_rules_quote_botocore_documentation_where_it_speaks() -> None:
    model = botocore.session.get_session().get_service_model("sagemaker")

    def doc(shape: str, member: str) -> str:
        raw = model.shape_for(shape).members[member].documentation
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", raw))

    quoted = {
        "job_duration_max": doc("RecommendationJobInputConfig", "JobDurationInSeconds"),
        "provisioned_concurrency_unsupported": doc(
            "ProductionVariantServerlessConfig", "ProvisionedConcurrency"
        ),
        "unique_tag_keys": doc("Tag", "Key"),
        "latency_percentile": doc("ModelLatencyThreshold", "Percentile"),
        "phase_initial_users": doc("Phase", "InitialNumberOfUsers"),
        "phase_duration": doc("Phase", "DurationInSeconds"),
        "phase_within_job": doc("Phase", "DurationInSeconds"),
        "one_scaling_target": doc(
            "GetScalingConfigurationRecommendationRequest", "RecommendationId"
        ),
    }
    for name, text in quoted.items():
        wording = BY_NAME[name].documented.split(": ", 1)[1]
        assert wording in text, name


def test_a_rule_meeting_a_member_of_the_wrong_type_does_not_crash() -> None:
    request = changed(advanced(), Tags=["not-a-tag"])
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    assert [v.path for v in info.value.violations] == ["tags[0]"]


@pytest.mark.parametrize(
    ("member", "path"),
    [
        ("ModelPackageVersionArn", "input_config.model_package_version_arn"),
        ("ModelName", "input_config.model_name"),
    ],
)
def test_a_wrong_typed_model_member_is_reported_once_not_as_two_models(
    member: str, path: str
) -> None:
    # One model member given and the other a number: a type error, not "give exactly one".
    models = {"ModelName": "m", "ModelPackageVersionArn": ARN, member: 12345}
    with pytest.raises(irclient.ValidationError) as info:
        CreateInferenceRecommendationsJobRequest.from_dict(advanced(**models))
    assert [(v.path, v.constraint) for v in info.value.violations] == [(path, "type")]


# --------------------------------------------------------------------------- warnings


def warning_request() -> CreateInferenceRecommendationsJobRequest:
    return CreateInferenceRecommendationsJobRequest.from_dict(
        CREATE_EXAMPLES["phase_initial_users"]
    )


def test_validate_warns_and_passes() -> None:
    with pytest.warns(irclient.ValidationWarning) as record:
        irclient.validate(warning_request())
    (warning,) = record
    assert issubclass(irclient.ValidationWarning, UserWarning)
    assert isinstance(warning.message, irclient.ValidationWarning)
    assert warning.message.violation.constraint == "phase_initial_users"
    assert "InitialNumberOfUsers is 14" in str(warning.message)
    # The warning points at the caller, not at irclient's internals.
    assert warning.filename == __file__


def test_simplefilter_error_turns_the_warning_into_an_exception() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", irclient.ValidationWarning)
        with pytest.raises(irclient.ValidationWarning):
            irclient.validate(warning_request())


@pytest.mark.filterwarnings("error::irclient.ValidationWarning")
def test_pytest_filterwarnings_turns_it_into_an_error() -> None:
    with pytest.raises(irclient.ValidationWarning):
        irclient.validate(warning_request())


def test_dash_w_error_works_from_the_command_line() -> None:
    script = textwrap.dedent(
        f"""
        import irclient
        from irclient.models import CreateInferenceRecommendationsJobRequest as C
        irclient.validate(C.from_dict({CREATE_EXAMPLES["phase_duration"]!r}))
        print("sent")
        """
    )
    strict = subprocess.run(
        # Python reads -W before sys.path is set, so it can name only built-in categories;
        # ValidationWarning is a UserWarning, so that one catches it.
        [sys.executable, "-W", "error::UserWarning", "-c", script],
        capture_output=True,
        text=True,
        check=False,
    )
    assert strict.returncode != 0
    assert "ValidationWarning" in strict.stderr and "DurationInSeconds is 60" in strict.stderr
    loose = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert loose.returncode == 0 and loose.stdout.strip() == "sent"
    assert "ValidationWarning" in loose.stderr


def test_the_client_warns_and_still_sends() -> None:
    with mock_inference_recommender():
        client = irclient.InferenceRecommenderClient(region_name="us-east-1")
        ensure_model(client.boto3_client, "m")
        with pytest.warns(irclient.ValidationWarning, match="InitialNumberOfUsers is 14") as seen:
            response = client.create_inference_recommendations_job(warning_request())
        assert response.job_arn.endswith("/load-test")
        # Through the client's pipeline too, the warning names this line's file, not a module
        # of irclient's packages (the engine sits two folders below the package root).
        assert [w.filename for w in seen] == [__file__]
        job = client.describe_inference_recommendations_job(job_name="load-test")
        assert job.input_config.traffic_pattern is not None


def test_an_error_rule_stops_the_client_before_sending() -> None:
    with mock_inference_recommender():
        client = irclient.InferenceRecommenderClient(region_name="us-east-1")
        with pytest.raises(irclient.ValidationError) as info:
            client.create_inference_recommendations_job(CREATE_EXAMPLES["unique_tag_keys"])
        assert [v.constraint for v in info.value.violations] == ["unique_tag_keys"]
        assert list(client.iter_jobs()) == []


# --------------------------------------------------------------------------- documented values


def _valid_values(member: str) -> list[str]:
    model = botocore.session.get_session().get_service_model("sagemaker")
    raw = model.shape_for("RecommendationJobContainerConfig").members[member].documentation
    listed = re.search(r"Valid Values:\s*(?:<code>)?([^<]+)", raw)
    assert listed is not None
    return [value.strip() for value in listed.group(1).split("|")]


@pytest.mark.parametrize(
    ("member", "constants"),
    [("Domain", irclient.Domain), ("Task", irclient.Task), ("Framework", irclient.Framework)],
)
def test_documented_values_match_botocore(member: str, constants: Any) -> None:
    assert list(constants.VALUES) == _valid_values(member)
    public = {k: v for k, v in vars(constants).items() if k.isupper() and k != "VALUES"}
    assert sorted(public.values()) == sorted(constants.VALUES)


def test_values_outside_the_documented_lists_are_accepted() -> None:
    container = RecommendationJobContainerConfig(
        domain="AUDIO", task="SPEECH_RECOGNITION", framework="JAX"
    )
    assert validation.check(container) == ()
    assert (
        validation.check(
            RecommendationJobContainerConfig(
                domain=irclient.Domain.COMPUTER_VISION,
                task=irclient.Task.IMAGE_CLASSIFICATION,
                framework=irclient.Framework.SAGEMAKER_SCIKIT_LEARN,
            )
        )
        == ()
    )


@pytest.mark.parametrize(
    ("value", "burstable"),
    [
        ("ml.t2.medium", True),
        ("ml.t2.2xlarge", True),
        ("ml.t3.large", True),
        ("ml.t4g.small", True),
        ("ml.trn1.2xlarge", False),
        ("ml.c5.xlarge", False),
        ("ml.g5.xlarge", False),
    ],
)
def test_burstable_families_and_only_those(value: str, burstable: bool) -> None:
    assert rules.is_burstable(value) is burstable
    if value.startswith(("ml.t3.", "ml.t4g.")):
        return  # not in botocore's list of endpoint types: an enum error first
    request = advanced(EndpointConfigurations=[{"InstanceType": value}])
    found = validation.check(CreateInferenceRecommendationsJobRequest.from_dict(request))
    assert [v.constraint for v in found] == (["burstable_instance"] if burstable else [])
    if burstable:
        (violation,) = found
        assert violation.path == "input_config.endpoint_configurations[0].instance_type"
        assert f"Burstable instance type {value} is not allowed" in violation.message


def test_every_burstable_type_botocore_knows_is_refused() -> None:
    model = botocore.session.get_session().get_service_model("sagemaker")
    values = model.shape_for("ProductionVariantInstanceType").enum
    burstable = [v for v in values if v.startswith(("ml.t2.", "ml.t3."))]
    assert burstable  # botocore lists them: ml.t2.medium is the enum's first value
    assert all(rules.is_burstable(v) for v in burstable)


def test_one_bound_of_the_scaling_objective_is_refused_naming_the_other() -> None:
    from irclient.models import GetScalingConfigurationRecommendationRequest, ScalingPolicyObjective

    for given, missing in (
        ({"min_invocations_per_minute": 100}, "max_invocations_per_minute"),
        ({"max_invocations_per_minute": 100}, "min_invocations_per_minute"),
    ):
        request = GetScalingConfigurationRecommendationRequest(
            inference_recommendations_job_name="job",
            recommendation_id="r",
            scaling_policy_objective=ScalingPolicyObjective(**given),
        )
        (violation,) = validation.check(request)
        assert violation.path == f"scaling_policy_objective.{missing}"
        assert "needs both bounds" in violation.message
    both = GetScalingConfigurationRecommendationRequest(
        inference_recommendations_job_name="job",
        recommendation_id="r",
        scaling_policy_objective=ScalingPolicyObjective(
            min_invocations_per_minute=10, max_invocations_per_minute=100
        ),
    )
    assert validation.check(both) == ()


def test_the_skeleton_holds_an_instance_type_aws_accepts() -> None:
    from irclient.cli import skeleton

    template = skeleton()
    (endpoint,) = template["InputConfig"]["EndpointConfigurations"]
    assert not rules.is_burstable(endpoint["InstanceType"])
    model = botocore.session.get_session().get_service_model("sagemaker")
    assert endpoint["InstanceType"] in model.shape_for("ProductionVariantInstanceType").enum
    request = CreateInferenceRecommendationsJobRequest.from_dict(template)
    constraints = {v.constraint for v in validation.check(request)}
    assert not constraints & {"burstable_instance", "burstable_supported_instance"}
