"""GetScalingConfigurationRecommendation: validation, the client, and the simulator."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

import irclient
from client_support import ensure_model
from irclient import ResourceNotFound, ServiceError, ValidationError
from irclient.models import (
    GetScalingConfigurationRecommendationRequest,
    GetScalingConfigurationRecommendationResponse,
    ScalingPolicyObjective,
)
from irclient.testing import mock_inference_recommender

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
JOB = "resnet-sizing"


@pytest.fixture
def sm() -> Iterator[Any]:
    with mock_inference_recommender():
        yield boto3.client("sagemaker", region_name="us-east-1")


def create_job(sm: Any, name: str = JOB, **container: Any) -> None:
    ensure_model(sm, "resnet50")
    sm.create_inference_recommendations_job(
        JobName=name,
        JobType="Default",
        RoleArn=ROLE,
        InputConfig={
            "ModelName": "resnet50",
            "ContainerConfig": {"Domain": "COMPUTER_VISION", **container},
        },
    )


def recommendations(sm: Any, name: str = JOB) -> list[dict[str, Any]]:
    described = sm.describe_inference_recommendations_job(JobName=name)
    assert described["Status"] == "COMPLETED"
    result: list[dict[str, Any]] = described["InferenceRecommendations"]
    return result


def error_of(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    error = info.value.response["Error"]
    return error["Code"], error["Message"]


# --------------------------------------------------------------------------- validation


def test_exactly_one_of_recommendation_id_and_endpoint_name() -> None:
    for given, word in ((None, "it has neither"), ("r", "has both")):
        request = GetScalingConfigurationRecommendationRequest(
            inference_recommendations_job_name=JOB, recommendation_id=given, endpoint_name=given
        )
        with pytest.raises(ValidationError) as info:
            irclient.validate(request)
        (violation,) = info.value.violations
        assert (violation.path, violation.constraint) == ("recommendation_id", "one_scaling_target")
        assert "RecommendationId and EndpointName" in violation.message
        assert word in violation.message
    # One rule table: the validator's rule is the one the simulator applies.
    (rule,) = irclient.rules.rules_for(GetScalingConfigurationRecommendationRequest)
    assert rule.name == "one_scaling_target" and rule.severity == "error"
    irclient.validate(
        GetScalingConfigurationRecommendationRequest(
            inference_recommendations_job_name=JOB, recommendation_id="r"
        )
    )
    irclient.validate(
        GetScalingConfigurationRecommendationRequest(
            inference_recommendations_job_name=JOB, endpoint_name="e"
        )
    )


@pytest.mark.parametrize(("value", "constraint"), [(0, "min"), (101, "max")])
def test_target_cpu_utilization_range(value: int, constraint: str) -> None:
    request = GetScalingConfigurationRecommendationRequest(
        inference_recommendations_job_name=JOB,
        recommendation_id="r",
        target_cpu_utilization_per_core=value,
    )
    with pytest.raises(ValidationError) as info:
        irclient.validate(request)
    (violation,) = info.value.violations
    assert violation.path == "target_cpu_utilization_per_core"
    assert violation.constraint == constraint
    assert str(value) in violation.message


def test_policy_objective_rules() -> None:
    def violations(low: int | None, high: int | None) -> list[tuple[str, str, str]]:
        request = GetScalingConfigurationRecommendationRequest(
            inference_recommendations_job_name=JOB,
            recommendation_id="r",
            scaling_policy_objective=ScalingPolicyObjective(
                min_invocations_per_minute=low, max_invocations_per_minute=high
            ),
        )
        try:
            irclient.validate(request)
        except ValidationError as exc:
            return [(v.path, v.constraint, v.message) for v in exc.violations]
        return []

    where = "scaling_policy_objective."
    assert violations(0, 1) == []
    assert violations(100, 100) == []
    assert violations(200, 100) == [
        (
            where + "min_invocations_per_minute",
            "objective_range",
            "MinInvocationsPerMinute is 200; it must be at most MaxInvocationsPerMinute (100)",
        )
    ]
    # One bound alone is refused as such (objective_both_bounds) besides its own range.
    ((path, constraint, message), both) = violations(-1, None)
    assert (path, constraint) == (where + "min_invocations_per_minute", "objective_range")
    assert message.startswith("MinInvocationsPerMinute is -1;")
    assert both[:2] == (where + "max_invocations_per_minute", "objective_both_bounds")
    ((path, constraint, message), both) = violations(None, 0)
    assert (path, constraint) == (where + "max_invocations_per_minute", "objective_range")
    assert message.startswith("MaxInvocationsPerMinute is 0;")
    assert both[:2] == (where + "min_invocations_per_minute", "objective_both_bounds")
    # A bound of the wrong type is one fault, its own: not also a missing partner.
    assert [v[:2] for v in violations("1", None)] == [  # type: ignore[arg-type]
        (where + "min_invocations_per_minute", "type")
    ]


# --------------------------------------------------------------------------- the client


def _stubbed() -> tuple[irclient.InferenceRecommenderClient, Stubber]:
    sm = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="k",
        aws_secret_access_key="s",
    )
    stub = Stubber(sm)
    policy = irclient.RetryPolicy(max_attempts=3, sleep=lambda _: None)
    return irclient.InferenceRecommenderClient(client=sm, retry=policy), stub


def test_client_sends_the_request_and_types_the_response() -> None:
    client, stub = _stubbed()
    body = {
        "InferenceRecommendationsJobName": JOB,
        "RecommendationId": "r1",
        "TargetCpuUtilizationPerCore": 40,
        "DynamicScalingConfiguration": {
            "MinCapacity": 1,
            "MaxCapacity": 3,
            "ScalingPolicies": [
                {
                    "TargetTracking": {
                        "MetricSpecification": {
                            "Customized": {
                                "MetricName": "CPUUtilization",
                                "Namespace": "/aws/sagemaker/Endpoints",
                                "Statistic": "Average",
                            }
                        },
                        "TargetValue": 40.0,
                    }
                }
            ],
        },
    }
    stub.add_response(
        "get_scaling_configuration_recommendation",
        body,
        {
            "InferenceRecommendationsJobName": JOB,
            "RecommendationId": "r1",
            "TargetCpuUtilizationPerCore": 40,
        },
    )
    with stub:
        response = client.get_scaling_configuration_recommendation(
            inference_recommendations_job_name=JOB,
            recommendation_id="r1",
            target_cpu_utilization_per_core=40,
        )
    assert isinstance(response, GetScalingConfigurationRecommendationResponse)
    assert response.dynamic_scaling_configuration is not None
    policy = response.dynamic_scaling_configuration.scaling_policies[0]  # type: ignore[index]
    assert policy.target_tracking.metric_specification.customized.statistic == "Average"  # type: ignore[union-attr]
    assert response.to_dict() == body


def test_client_refuses_both_targets_before_sending() -> None:
    client, stub = _stubbed()
    with stub, pytest.raises(ValidationError):
        client.get_scaling_configuration_recommendation(
            inference_recommendations_job_name=JOB, recommendation_id="r", endpoint_name="e"
        )
    stub.assert_no_pending_responses()


def test_client_retries_throttling_and_types_not_found() -> None:
    client, stub = _stubbed()
    stub.add_client_error(
        "get_scaling_configuration_recommendation", "ThrottlingException", http_status_code=400
    )
    stub.add_client_error(
        "get_scaling_configuration_recommendation", "ResourceNotFound", "no such job"
    )
    with stub, pytest.raises(ResourceNotFound) as info:
        client.get_scaling_configuration_recommendation(
            inference_recommendations_job_name=JOB, recommendation_id="r"
        )
    assert info.value.operation == "GetScalingConfigurationRecommendation"
    stub.assert_no_pending_responses()  # two attempts: the throttled one was retried


# --------------------------------------------------------------------------- the simulator


def test_simulator_answers_from_the_recommendations_benchmark(sm: Any) -> None:
    # Real-time only: autoscaling advice is for instance-based endpoints (the serverless
    # recommendations are refused, below).
    create_job(sm, SupportedEndpointType="RealTime")
    for rec in recommendations(sm):
        answer = sm.get_scaling_configuration_recommendation(
            InferenceRecommendationsJobName=JOB, RecommendationId=rec["RecommendationId"]
        )
        metrics = rec["Metrics"]
        per_instance = answer["Metric"]["InvocationsPerInstance"]
        # At most 90 % of what one instance sustained, and at 50 % CPU per core by default.
        assert 1 <= per_instance <= metrics["MaxInvocations"] * 0.9
        expected = min(50 / metrics["CpuUtilization"], 0.9) * metrics["MaxInvocations"]
        assert per_instance == math.floor(expected)
        assert answer["Metric"]["ModelLatency"] == metrics["ModelLatency"]
        assert answer["TargetCpuUtilizationPerCore"] == 50
        assert answer["EndpointName"] == rec["EndpointConfiguration"]["EndpointName"]
        dynamic = answer["DynamicScalingConfiguration"]
        assert dynamic["MinCapacity"] == 1 and dynamic["MaxCapacity"] == 4
        (policy,) = dynamic["ScalingPolicies"]
        tracking = policy["TargetTracking"]
        assert tracking["TargetValue"] == per_instance
        assert tracking["MetricSpecification"] == {
            "Predefined": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}
        }


def test_simulator_is_deterministic_and_follows_the_inputs(sm: Any) -> None:
    create_job(sm)
    rec = recommendations(sm)[0]

    def ask(**extra: Any) -> dict[str, Any]:
        answer = sm.get_scaling_configuration_recommendation(
            InferenceRecommendationsJobName=JOB,
            EndpointName=rec["EndpointConfiguration"]["EndpointName"],
            **extra,
        )
        answer.pop("ResponseMetadata")
        return dict(answer)

    assert ask() == ask()
    low = ask(TargetCpuUtilizationPerCore=10)["Metric"]["InvocationsPerInstance"]
    assert low < ask(TargetCpuUtilizationPerCore=30)["Metric"]["InvocationsPerInstance"]
    per_instance = ask()["Metric"]["InvocationsPerInstance"]
    objective = {
        "MinInvocationsPerMinute": per_instance * 2,
        "MaxInvocationsPerMinute": per_instance * 7 + 1,
    }
    answer = ask(ScalingPolicyObjective=objective)
    assert answer["ScalingPolicyObjective"] == objective
    assert answer["DynamicScalingConfiguration"]["MinCapacity"] == 2
    assert answer["DynamicScalingConfiguration"]["MaxCapacity"] == 8


def test_simulator_refusals(sm: Any) -> None:
    code, message = error_of(
        sm.get_scaling_configuration_recommendation,
        InferenceRecommendationsJobName="nope",
        RecommendationId="r",
    )
    assert code == "ResourceNotFound" and "'nope'" in message
    create_job(sm)
    recommendations(sm)
    for key, value in (
        ("RecommendationId", f"{JOB}/deadbeef"),
        ("EndpointName", "not-benchmarked"),
    ):
        code, message = error_of(
            sm.get_scaling_configuration_recommendation,
            InferenceRecommendationsJobName=JOB,
            **{key: value},
        )
        assert code == "ResourceNotFound"
        assert value in message and JOB in message
    code, message = error_of(
        sm.get_scaling_configuration_recommendation, InferenceRecommendationsJobName=JOB
    )
    assert code == "ValidationException"
    assert "needs one of RecommendationId and EndpointName; it has neither" in message


def test_simulator_refuses_an_unfinished_job() -> None:
    with mock_inference_recommender(transition={"progression": "manual", "times": 5}):
        sm = boto3.client("sagemaker", region_name="us-east-1")
        create_job(sm)
        code, message = error_of(
            sm.get_scaling_configuration_recommendation,
            InferenceRecommendationsJobName=JOB,
            RecommendationId="r",
        )
    assert code == "ValidationException"
    assert "PENDING" in message and "COMPLETED" in message


def test_simulator_refuses_a_serverless_recommendation(sm: Any) -> None:
    create_job(sm, SupportedEndpointType="Serverless")
    rec = recommendations(sm)[0]
    assert "ServerlessConfig" in rec["EndpointConfiguration"]
    code, message = error_of(
        sm.get_scaling_configuration_recommendation,
        InferenceRecommendationsJobName=JOB,
        RecommendationId=rec["RecommendationId"],
    )
    assert code == "ValidationException" and "serverless" in message


def test_irclient_client_on_the_simulator(sm: Any) -> None:
    create_job(sm)
    rec = recommendations(sm)[0]
    client = irclient.InferenceRecommenderClient(client=sm)
    response = client.get_scaling_configuration_recommendation(
        inference_recommendations_job_name=JOB,
        recommendation_id=rec["RecommendationId"],
        scaling_policy_objective=ScalingPolicyObjective(
            min_invocations_per_minute=1, max_invocations_per_minute=100_000
        ),
    )
    assert response.recommendation_id == rec["RecommendationId"]
    assert response.dynamic_scaling_configuration is not None
    assert response.dynamic_scaling_configuration.max_capacity >= 1  # type: ignore[operator]
    with pytest.raises(ServiceError) as info:
        client.get_scaling_configuration_recommendation(
            inference_recommendations_job_name=JOB, endpoint_name="not-benchmarked"
        )
    assert isinstance(info.value, ResourceNotFound)


# --------------------------------------------------------------------------- display


def _advice(**changes: Any) -> GetScalingConfigurationRecommendationResponse:
    body: dict[str, Any] = {
        "InferenceRecommendationsJobName": JOB,
        "RecommendationId": "r<1>",
        "EndpointName": "bench-1",
        "TargetCpuUtilizationPerCore": 50,
        "ScalingPolicyObjective": {"MinInvocationsPerMinute": 10, "MaxInvocationsPerMinute": 9000},
        "Metric": {"InvocationsPerInstance": 1200, "ModelLatency": 18},
        "DynamicScalingConfiguration": {
            "MinCapacity": 1,
            "MaxCapacity": 8,
            "ScaleInCooldown": 300,
            "ScaleOutCooldown": 60,
            "ScalingPolicies": [
                {
                    "TargetTracking": {
                        "MetricSpecification": {
                            "Predefined": {
                                "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"
                            }
                        },
                        "TargetValue": 1200.0,
                    }
                }
            ],
        },
        **changes,
    }
    return GetScalingConfigurationRecommendationResponse.from_dict(body)


def test_summary_and_html_of_a_scaling_recommendation() -> None:
    from irclient import display

    text = display.summary(_advice())
    assert text.splitlines() == [
        "Job:                  resnet-sizing",
        "Recommendation:       r<1>",
        "Benchmarked endpoint: bench-1",
        "Target CPU per core:  50%",
        "Expected traffic:     10 to 9,000 invocations/min",
        "Per instance:         1,200 invocations/min at 18 ms model latency",
        "Capacity:             1 to 8 instances",
        "Cooldowns:            scale in 300 s, scale out 60 s",
        "Target tracking:      SageMakerVariantInvocationsPerInstance at 1,200",
    ]
    page = _advice()._repr_html_()
    assert page is not None
    assert "r&lt;1&gt;" in page and "r<1>" not in page
    assert "<th>Capacity</th><td>1 to 8 instances</td>" in page
    bare = display.summary(_advice(DynamicScalingConfiguration=None, Metric=None))
    assert bare.splitlines()[-1] == "Scaling:              no recommendation"


def test_fake_wire_answers_the_scaling_operation_and_its_retries_count() -> None:
    from irclient.testing.wire import FakeWire, throttle

    session = boto3.Session(aws_access_key_id="k", aws_secret_access_key="s")
    fake = FakeWire()
    rec = {
        "RecommendationId": "wired/1",
        "Metrics": {"MaxInvocations": 1000, "ModelLatency": 12, "CpuUtilization": 80.0},
        "EndpointConfiguration": {"EndpointName": "bench-1", "InstanceType": "ml.c5.xlarge"},
    }
    fake.add_job("wired", statuses=("COMPLETED",), members={"InferenceRecommendations": [rec]})
    fake.fail("GetScalingConfigurationRecommendation", throttle, throttle)
    client = irclient.InferenceRecommenderClient(
        session=session,
        region_name="us-east-1",
        retry=irclient.RetryPolicy(max_attempts=3, sleep=lambda _: None),
    )
    fake.attach(client.boto3_client)
    advice = client.get_scaling_configuration_recommendation(
        inference_recommendations_job_name="wired", endpoint_name="bench-1"
    )
    assert fake.count("GetScalingConfigurationRecommendation") == 3
    assert advice.recommendation_id == "wired/1"
    assert advice.metric is not None
    assert advice.metric.invocations_per_instance == 625  # 1000 x 50 / 80
    with pytest.raises(ResourceNotFound):
        client.get_scaling_configuration_recommendation(
            inference_recommendations_job_name="wired", recommendation_id="wired/2"
        )
