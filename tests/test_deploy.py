"""irclient.deploy: a recommendation becomes an endpoint, then an autoscaled one.

Offline: moto's SageMaker models, endpoint configurations and endpoints and its Application
Auto Scaling, with irclient's simulator for the jobs; botocore's Stubber where the order of
requests, retries and waiting are the point.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

import irclient
from client_support import PACKAGE, ensure_package
from irclient import analysis, deploy
from irclient.deploy._autoscaling import policy_configuration
from irclient.errors import (
    DeploymentConflictError,
    DeploymentError,
    ValidationError,
    WaitTimeoutError,
)
from irclient.models import DescribeInferenceRecommendationsJobResponse, ScalingPolicyObjective
from irclient.testing import mock_inference_recommender
from irclient.validation._patterns import compile_pattern

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
MODEL_ROLE = "arn:aws:iam::123456789012:role/model"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/resnet:1"
JOB = "resnet-sizing"
FAST = irclient.RetryPolicy(max_attempts=3, sleep=lambda _: None)


@pytest.fixture
def aws() -> Iterator[dict[str, Any]]:
    with mock_inference_recommender():
        sm = boto3.client("sagemaker", region_name=REGION)
        yield {
            "sm": sm,
            "aas": boto3.client("application-autoscaling", region_name=REGION),
            "client": irclient.InferenceRecommenderClient(client=sm, retry=FAST),
        }


def make_model(sm: Any, name: str = "resnet50", environment: dict[str, str] | None = None) -> None:
    container: dict[str, Any] = {"Image": IMAGE, "ModelDataUrl": "s3://models/resnet50.tar.gz"}
    if environment:
        container["Environment"] = environment
    sm.create_model(ModelName=name, ExecutionRoleArn=MODEL_ROLE, PrimaryContainer=container)


def run_job(
    client: irclient.InferenceRecommenderClient,
    name: str = JOB,
    *,
    job_type: str = "Default",
    **input_config: Any,
) -> DescribeInferenceRecommendationsJobResponse:
    config = {"ContainerConfig": {"Domain": "COMPUTER_VISION"}, **input_config}
    if "ModelPackageVersionArn" not in config:
        config.setdefault("ModelName", "resnet50")
    client.create_inference_recommendations_job(
        {"JobName": name, "JobType": job_type, "RoleArn": ROLE, "InputConfig": config}
    )
    return client.wait_for_job(name, poll_interval=0)


def first_id(job: DescribeInferenceRecommendationsJobResponse) -> str:
    assert job.inference_recommendations
    return str(job.inference_recommendations[0].recommendation_id)


def everything(sm: Any, aas: Any) -> dict[str, Any]:
    """What exists, as plain boto3 lists it."""
    return {
        "models": sorted(m["ModelName"] for m in sm.list_models()["Models"]),
        "configs": sorted(
            c["EndpointConfigName"] for c in sm.list_endpoint_configs()["EndpointConfigs"]
        ),
        "endpoints": sorted(e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]),
        "targets": aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"],
        "policies": aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"],
    }


def variant_of(sm: Any, deployment: deploy.Deployment) -> dict[str, Any]:
    endpoint = sm.describe_endpoint(EndpointName=deployment.endpoint_name)
    assert endpoint["EndpointStatus"] == "InService"
    config = sm.describe_endpoint_config(EndpointConfigName=endpoint["EndpointConfigName"])
    (variant,) = config["ProductionVariants"]
    return dict(variant)


# --------------------------------------------------------------------------- deploying


def test_best_recommendation_of_a_default_job_becomes_an_in_service_endpoint(
    aws: dict[str, Any],
) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm)
    job = run_job(client)
    best = analysis.best(job)
    assert best is not None and best.instance_type is not None
    deployment = client.deploy_recommendation(JOB, best, poll_interval=0)
    assert deployment.endpoint_status == "InService"
    assert deployment.model_name == "resnet50"  # no environment: the job's own model
    assert deployment.created == ("endpoint configuration", "endpoint")
    variant = variant_of(sm, deployment)
    assert variant["InstanceType"] == best.instance_type
    assert variant["InitialInstanceCount"] == best.initial_instance_count == 1
    assert variant["ModelName"] == "resnet50"
    assert variant["VariantName"] == deploy.DEFAULT_VARIANT_NAME


def test_a_re_run_changes_nothing(aws: dict[str, Any]) -> None:
    sm, aas, client = aws["sm"], aws["aas"], aws["client"]
    make_model(sm)
    job = run_job(client)
    best = analysis.best(job)
    assert best is not None
    first = client.deploy_recommendation(job, best, poll_interval=0, autoscale=True)
    before = everything(sm, aas)
    again = client.deploy_recommendation(job, best, poll_interval=0, autoscale=True)
    assert everything(sm, aas) == before
    assert again.requests == () and again.created == ()
    assert again.adopted == ("endpoint configuration", "endpoint")
    assert again.scaling is not None and first.scaling is not None
    assert again.scaling.requests == () and again.scaling.created == ()
    assert again.scaling.adopted == (
        "scalable target",
        *(f"scaling policy {n}" for n in first.scaling.policy_names),
    )


def test_a_conflicting_re_run_fails_clearly_and_touches_nothing(aws: dict[str, Any]) -> None:
    sm, aas, client = aws["sm"], aws["aas"], aws["client"]
    make_model(sm)
    job = run_job(client)
    ranked = analysis.rank(job)
    first = client.deploy_recommendation(job, ranked[0], poll_interval=0)
    before = everything(sm, aas)
    with pytest.raises(DeploymentConflictError) as info:
        client.deploy_recommendation(
            job, ranked[1], endpoint_name=first.endpoint_name, poll_interval=0
        )
    error = info.value
    assert error.resource == "endpoint configuration"
    assert error.name == first.endpoint_config_name
    assert any(
        "InstanceType" in line and str(ranked[1].instance_type) in line
        for line in error.differences
    )
    assert "no write request was sent" in str(error)
    assert everything(sm, aas) == before


def test_an_endpoint_on_another_configuration_is_a_conflict(aws: dict[str, Any]) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm)
    job = run_job(client)
    rec = job.inference_recommendations[0]  # type: ignore[index]
    first = client.deploy_recommendation(job, rec.recommendation_id, poll_interval=0)
    with pytest.raises(DeploymentConflictError) as info:
        client.deploy_recommendation(
            job,
            rec.recommendation_id,
            endpoint_name=first.endpoint_name,
            endpoint_config_name="another-config",
            poll_interval=0,
        )
    assert info.value.resource == "endpoint"
    assert info.value.differences == (
        f"EndpointConfigName: wanted 'another-config', found '{first.endpoint_config_name}'",
    )
    # Every conflict is found before the first write: the new configuration was not made.
    assert sm.describe_endpoint(EndpointName=first.endpoint_name)["EndpointConfigName"] == (
        first.endpoint_config_name
    )
    configs = [c["EndpointConfigName"] for c in sm.list_endpoint_configs()["EndpointConfigs"]]
    assert configs == [first.endpoint_config_name]
    assert "no write request was sent" in str(info.value)


def test_a_dry_run_sends_nothing_and_returns_the_exact_requests(aws: dict[str, Any]) -> None:
    sm, aas, client = aws["sm"], aws["aas"], aws["client"]
    make_model(sm)
    job = run_job(client)
    best = analysis.best(job)
    before = everything(sm, aas)
    planned = client.deploy_recommendation(job, best, dry_run=True, autoscale=True)
    assert everything(sm, aas) == before
    assert planned.dry_run and planned.endpoint_status is None
    assert planned.scaling is not None and planned.scaling.dry_run
    operations = [r.operation for r in planned.requests + planned.scaling.requests]
    assert operations == [
        "CreateEndpointConfig",
        "CreateEndpoint",
        "RegisterScalableTarget",
        "PutScalingPolicy",
    ]
    done = client.deploy_recommendation(job, best, poll_interval=0, autoscale=True)
    assert done.requests == planned.requests
    assert done.scaling is not None and done.scaling.requests == planned.scaling.requests


def test_serverless_recommendation(aws: dict[str, Any]) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm)
    job = run_job(
        client,
        ContainerConfig={"Domain": "COMPUTER_VISION", "SupportedEndpointType": "Serverless"},
    )
    best = analysis.best(job)
    assert best is not None and best.serverless
    deployment = client.deploy_recommendation(job, best, poll_interval=0)
    variant = variant_of(sm, deployment)
    assert "InstanceType" not in variant
    config = sm.describe_endpoint_config(EndpointConfigName=deployment.endpoint_config_name)
    assert config["ProductionVariants"][0]["ServerlessConfig"] == {
        "MemorySizeInMB": best.serverless_memory_size_in_mb,
        "MaxConcurrency": best.serverless_max_concurrency,
    }
    with pytest.raises(ValidationError) as info:
        client.deploy_recommendation(job, best, autoscale=True, endpoint_name="other")
    assert [v.constraint for v in info.value.violations] == ["instance_variant"]
    assert "other" not in everything(sm, aws["aas"])["endpoints"]


def _advanced_job(
    client: irclient.InferenceRecommenderClient,
) -> DescribeInferenceRecommendationsJobResponse:
    return run_job(
        client,
        job_type="Advanced",
        EndpointConfigurations=[
            {
                "InstanceType": "ml.c5.xlarge",
                "EnvironmentParameterRanges": {
                    "CategoricalParameterRanges": [{"Name": "OMP_NUM_THREADS", "Value": ["1", "2"]}]
                },
            }
        ],
    )


def test_environment_parameters_make_a_model_copy_with_that_environment(
    aws: dict[str, Any],
) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm, environment={"MODEL_SERVER_TIMEOUT": "60"})
    job = _advanced_job(client)
    best = analysis.best(job)
    assert best is not None and best.environment
    deployment = client.deploy_recommendation(job, best, poll_interval=0)
    assert deployment.created == ("model", "endpoint configuration", "endpoint")
    assert deployment.model_name == f"{deployment.endpoint_name}-model"
    model = sm.describe_model(ModelName=deployment.model_name)
    assert model["ExecutionRoleArn"] == MODEL_ROLE
    assert model["PrimaryContainer"]["Image"] == IMAGE
    assert model["PrimaryContainer"]["Environment"] == {
        "MODEL_SERVER_TIMEOUT": "60",
        **dict(best.environment),
    }
    assert variant_of(sm, deployment)["ModelName"] == deployment.model_name


def test_model_package_job_gets_a_model_from_the_package_with_the_job_role(
    aws: dict[str, Any],
) -> None:
    sm, client = aws["sm"], aws["client"]
    ensure_package(sm)
    job = run_job(client, ModelPackageVersionArn=PACKAGE)
    deployment = client.deploy_recommendation(
        job,
        first_id(job),
        poll_interval=0,
    )
    model = sm.describe_model(ModelName=deployment.model_name)
    assert model["ExecutionRoleArn"] == ROLE
    assert model["PrimaryContainer"] == {"ModelPackageName": PACKAGE}


def test_compiled_recommendation_serves_the_compiled_artefacts(aws: dict[str, Any]) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm)
    sm.create_compilation_job(
        CompilationJobName="resnet-neo",
        RoleArn=ROLE,
        InputConfig={
            "S3Uri": "s3://models/resnet50.tar.gz",
            "DataInputConfig": "{}",
            "Framework": "PYTORCH",
        },
        OutputConfig={"S3OutputLocation": "s3://models/compiled/", "TargetDevice": "ml_c5"},
        StoppingCondition={"MaxRuntimeInSeconds": 900},
    )
    job = run_job(client).to_dict()
    rec = job["InferenceRecommendations"][0]
    rec["ModelConfiguration"] = {"CompilationJobName": "resnet-neo"}
    described = DescribeInferenceRecommendationsJobResponse.from_dict(job)
    deployment = client.deploy_recommendation(described, rec["RecommendationId"], poll_interval=0)
    container = sm.describe_model(ModelName=deployment.model_name)["PrimaryContainer"]
    compiled = sm.describe_compilation_job(CompilationJobName="resnet-neo")
    assert container["ModelDataUrl"] == compiled["ModelArtifacts"]["S3ModelArtifacts"]
    assert container["Image"] == compiled["InferenceImage"]


def test_missing_job_model_is_a_clear_error(aws: dict[str, Any]) -> None:
    make_model(aws["sm"])  # a job's model must exist when the job is created...
    job = run_job(aws["client"])
    aws["sm"].delete_model(ModelName="resnet50")  # ...but may be gone by deployment time
    with pytest.raises(DeploymentError, match="'resnet50', does not exist"):
        aws["client"].deploy_recommendation(job, job.inference_recommendations[0].recommendation_id)  # type: ignore[index]


# --------------------------------------------------------------------------- choosing


def test_recommendation_by_id_benchmark_step_or_model(aws: dict[str, Any]) -> None:
    client = aws["client"]
    make_model(aws["sm"])
    job = run_job(client)
    rec = job.inference_recommendations[1]  # type: ignore[index]
    step = next(
        analysis.Benchmark.from_item(s)
        for s in client.iter_job_steps(JOB)
        if s.inference_benchmark.endpoint_configuration.endpoint_name
        == rec.endpoint_configuration.endpoint_name
    )
    assert step.recommendation_id is None
    for chosen in (
        rec.recommendation_id,
        rec,
        analysis.Benchmark.from_item(rec, job_name=JOB),
        step,
    ):
        assert deploy.resolve_recommendation(job, chosen) == rec  # type: ignore[arg-type]


def test_a_recommendation_not_in_the_job_is_refused(aws: dict[str, Any]) -> None:
    client = aws["client"]
    make_model(aws["sm"])
    job = run_job(client)
    with pytest.raises(ValidationError) as info:
        client.deploy_recommendation(job, f"{JOB}/00000000", dry_run=True)
    (violation,) = info.value.violations
    assert violation.constraint == "recommendation_in_job"
    assert f"{JOB}/00000000" in violation.message
    other = analysis.Benchmark(kind="recommendation", job_name="another-job", recommendation_id="x")
    with pytest.raises(ValidationError, match="another-job"):
        deploy.resolve_recommendation(job, other)


def test_an_unfinished_job_is_refused() -> None:
    with mock_inference_recommender(transition={"progression": "manual", "times": 9}):
        sm = boto3.client("sagemaker", region_name=REGION)
        make_model(sm)
        client = irclient.InferenceRecommenderClient(client=sm)
        client.create_inference_recommendations_job(
            job_name=JOB,
            job_type="Default",
            role_arn=ROLE,
            input_config=irclient.models.RecommendationJobInputConfig(model_name="resnet50"),
        )
        with pytest.raises(ValidationError) as info:
            client.deploy_recommendation(JOB, "anything", dry_run=True)
    (violation,) = info.value.violations
    assert violation.constraint == "job_completed" and "PENDING" in violation.message


# --------------------------------------------------------------------------- names


def test_derived_names_fit_sagemaker_limits_and_are_stable() -> None:
    long_job = "j" * 64
    names = deploy.derived_names(long_job, "r1")
    assert names == deploy.derived_names(long_job, "r1")
    assert names != deploy.derived_names(long_job, "r2")
    pattern = compile_pattern("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
    for name in names.values():
        assert len(name) <= 63 and pattern(name)
    short = deploy.derived_names("job", "r1")
    assert short["endpoint_config_name"] == short["endpoint_name"] + "-config"
    assert short["model_name"] == short["endpoint_name"] + "-model"


def test_names_can_be_overridden_and_are_checked(aws: dict[str, Any]) -> None:
    client = aws["client"]
    make_model(aws["sm"])
    job = run_job(client)
    rec_id = job.inference_recommendations[0].recommendation_id  # type: ignore[index]
    plan = client.deploy_recommendation(
        job, rec_id, endpoint_name="prod", endpoint_config_name="prod-v1", dry_run=True
    )
    assert (plan.endpoint_name, plan.endpoint_config_name) == ("prod", "prod-v1")
    with pytest.raises(ValidationError) as info:
        client.deploy_recommendation(
            job, rec_id, endpoint_name="bad_name", variant_name="x" * 64, dry_run=True
        )
    assert [(v.path, v.constraint) for v in info.value.violations] == [
        ("endpoint_name", "pattern"),
        ("endpoint_config_name", "pattern"),
        ("model_name", "pattern"),
        ("variant_name", "max_length"),
    ]


# --------------------------------------------------------------------------- autoscaling


def test_scaling_policy_read_back_matches_the_recommendation(aws: dict[str, Any]) -> None:
    sm, aas, client = aws["sm"], aws["aas"], aws["client"]
    make_model(sm)
    job = run_job(client)
    best = analysis.best(job)
    objective = ScalingPolicyObjective(
        min_invocations_per_minute=100, max_invocations_per_minute=50_000
    )
    deployment = client.deploy_recommendation(
        job,
        best,
        poll_interval=0,
        autoscale=True,
        target_cpu_utilization_per_core=40,
        scaling_policy_objective=objective,
    )
    advice = client.get_scaling_configuration_recommendation(
        inference_recommendations_job_name=JOB,
        recommendation_id=deployment.recommendation_id,
        target_cpu_utilization_per_core=40,
        scaling_policy_objective=objective,
    )
    dynamic = advice.dynamic_scaling_configuration
    assert dynamic is not None
    resource = f"endpoint/{deployment.endpoint_name}/variant/AllTraffic"
    (target,) = aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    assert target["ResourceId"] == resource
    assert target["ScalableDimension"] == "sagemaker:variant:DesiredInstanceCount"
    assert (target["MinCapacity"], target["MaxCapacity"]) == (
        dynamic.min_capacity,
        dynamic.max_capacity,
    )
    (policy,) = aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"]
    assert policy["ResourceId"] == resource and policy["PolicyType"] == "TargetTrackingScaling"
    tracking = policy["TargetTrackingScalingPolicyConfiguration"]
    assert dynamic.scaling_policies is not None
    recommended = dynamic.scaling_policies[0].target_tracking
    assert tracking["TargetValue"] == recommended.target_value
    assert tracking["PredefinedMetricSpecification"] == {
        "PredefinedMetricType": recommended.metric_specification.predefined.predefined_metric_type
    }
    assert tracking["ScaleInCooldown"] == dynamic.scale_in_cooldown
    assert tracking["ScaleOutCooldown"] == dynamic.scale_out_cooldown


def test_other_scaling_settings_on_an_existing_target_are_a_conflict(aws: dict[str, Any]) -> None:
    sm, aas, client = aws["sm"], aws["aas"], aws["client"]
    make_model(sm)
    job = run_job(client)
    deployment = client.deploy_recommendation(
        job, analysis.best(job), poll_interval=0, autoscale=True
    )
    before = everything(sm, aas)
    with pytest.raises(DeploymentConflictError) as info:
        client.apply_scaling_recommendation(
            job,
            deployment.recommendation_id,
            endpoint_name=deployment.endpoint_name,
            target_cpu_utilization_per_core=20,
        )
    assert info.value.resource == "scaling policy"
    assert any("TargetValue" in line for line in info.value.differences)
    assert everything(sm, aas) == before


def test_customized_metrics_name_the_endpoint_and_variant() -> None:
    advice = irclient.models.GetScalingConfigurationRecommendationResponse.from_dict(
        {
            "DynamicScalingConfiguration": {
                "MinCapacity": 1,
                "MaxCapacity": 2,
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
                            "TargetValue": 50.0,
                        }
                    }
                ],
            }
        }
    )
    dynamic = advice.dynamic_scaling_configuration
    assert dynamic is not None and dynamic.scaling_policies is not None
    metric, configuration = policy_configuration(
        dynamic.scaling_policies[0],
        dynamic,
        "ep",
        "AllTraffic",
    )
    assert metric == "CPUUtilization"
    assert configuration == {
        "TargetValue": 50.0,
        "CustomizedMetricSpecification": {
            "MetricName": "CPUUtilization",
            "Namespace": "/aws/sagemaker/Endpoints",
            "Statistic": "Average",
            "Dimensions": [
                {"Name": "EndpointName", "Value": "ep"},
                {"Name": "VariantName", "Value": "AllTraffic"},
            ],
        },
    }


# --------------------------------------------------------------------------- requests and waiting


def _stubbed_job() -> DescribeInferenceRecommendationsJobResponse:
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    return DescribeInferenceRecommendationsJobResponse.from_dict(
        {
            "JobName": JOB,
            "JobType": "Default",
            "JobArn": "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/x",
            "RoleArn": ROLE,
            "Status": "COMPLETED",
            "CreationTime": now,
            "LastModifiedTime": now,
            "InputConfig": {"ModelName": "resnet50"},
            "InferenceRecommendations": [
                {
                    "RecommendationId": f"{JOB}/1",
                    "Metrics": {
                        "CostPerHour": 0.2,
                        "CostPerInference": 1e-6,
                        "MaxInvocations": 900,
                        "ModelLatency": 20,
                    },
                    "EndpointConfiguration": {
                        "EndpointName": "bench-1",
                        "VariantName": "bench-1",
                        "InstanceType": "ml.c5.xlarge",
                        "InitialInstanceCount": 2,
                    },
                    "ModelConfiguration": {},
                }
            ],
        }
    )


def _not_found(stub: Stubber, operation: str, what: str) -> None:
    stub.add_client_error(operation, "ValidationException", f"Could not find {what}.")


def test_requests_retries_and_waiting_in_order() -> None:
    sm = boto3.client(
        "sagemaker", region_name=REGION, aws_access_key_id="k", aws_secret_access_key="s"
    )
    sleeps: list[float] = []
    policy = irclient.RetryPolicy(max_attempts=3, sleep=sleeps.append, initial_delay=0)
    client = irclient.InferenceRecommenderClient(client=sm, retry=policy)
    job = _stubbed_job()
    names = deploy.derived_names(JOB, f"{JOB}/1")
    stub = Stubber(sm)
    stub.add_response(
        "describe_model",
        {
            "ModelName": "resnet50",
            "ExecutionRoleArn": MODEL_ROLE,
            "ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/resnet50",
            "CreationTime": job.creation_time,
        },
        {"ModelName": "resnet50"},
    )
    _not_found(stub, "describe_endpoint_config", "endpoint configuration")
    _not_found(stub, "describe_endpoint", "endpoint")
    stub.add_client_error("create_endpoint_config", "ThrottlingException", http_status_code=400)
    stub.add_response(
        "create_endpoint_config",
        {"EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c"},
        {
            "EndpointConfigName": names["endpoint_config_name"],
            "ProductionVariants": [
                {
                    "VariantName": "AllTraffic",
                    "ModelName": "resnet50",
                    "InstanceType": "ml.c5.xlarge",
                    "InitialInstanceCount": 2,
                }
            ],
        },
    )
    # The first CreateEndpoint made the endpoint but its response was lost (a 500); the retry
    # then finds the name taken, and the endpoint turns out to be the one wanted.
    stub.add_client_error("create_endpoint", "InternalFailure", http_status_code=500)
    stub.add_client_error(
        "create_endpoint", "ValidationException", "Cannot create already existing endpoint."
    )
    described = {
        "EndpointName": names["endpoint_name"],
        "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e",
        "EndpointConfigName": names["endpoint_config_name"],
        "CreationTime": job.creation_time,
        "LastModifiedTime": job.creation_time,
    }
    stub.add_response(
        "describe_endpoint",
        {**described, "EndpointStatus": "Creating"},
        {"EndpointName": names["endpoint_name"]},
    )
    stub.add_response(
        "describe_endpoint", {**described, "EndpointStatus": "Creating"}, {"EndpointName": ANY}
    )
    stub.add_response(
        "describe_endpoint", {**described, "EndpointStatus": "InService"}, {"EndpointName": ANY}
    )
    polls: list[str] = []
    with stub:
        deployment = client.deploy_recommendation(
            job, f"{JOB}/1", poll_interval=7, on_poll=lambda d: polls.append(d["EndpointStatus"])
        )
    stub.assert_no_pending_responses()
    assert polls == ["Creating", "InService"]
    assert deployment.created == ("endpoint configuration",)
    assert deployment.adopted == ("endpoint",)
    assert [r.operation for r in deployment.requests] == ["CreateEndpointConfig"]
    assert sleeps.count(7) == 1  # one poll interval; the other sleeps are retry backoffs


def test_a_failed_endpoint_and_a_timeout() -> None:
    sm = boto3.client(
        "sagemaker", region_name=REGION, aws_access_key_id="k", aws_secret_access_key="s"
    )
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    policy = irclient.RetryPolicy(max_attempts=1, sleep=sleep, clock=lambda: now[0])
    client = irclient.InferenceRecommenderClient(client=sm, retry=policy)
    job = _stubbed_job()
    names = deploy.derived_names(JOB, f"{JOB}/1")
    base = {
        "EndpointName": names["endpoint_name"],
        "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e",
        "EndpointConfigName": names["endpoint_config_name"],
        "CreationTime": job.creation_time,
        "LastModifiedTime": job.creation_time,
    }
    config = {
        "EndpointConfigName": names["endpoint_config_name"],
        "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c",
        "CreationTime": job.creation_time,
        "ProductionVariants": [
            {
                "VariantName": "AllTraffic",
                "ModelName": "resnet50",
                "InstanceType": "ml.c5.xlarge",
                "InitialInstanceCount": 2,
                "InitialVariantWeight": 1.0,
            }
        ],
    }
    model = {
        "ModelName": "resnet50",
        "ExecutionRoleArn": MODEL_ROLE,
        "ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/resnet50",
        "CreationTime": job.creation_time,
    }

    def existing(stub: Stubber, *statuses: str) -> None:
        stub.add_response("describe_model", model, {"ModelName": "resnet50"})
        stub.add_response("describe_endpoint_config", config, {"EndpointConfigName": ANY})
        stub.add_response(
            "describe_endpoint", {**base, "EndpointStatus": "Creating"}, {"EndpointName": ANY}
        )
        for status in statuses:
            stub.add_response(
                "describe_endpoint",
                {**base, "EndpointStatus": status, "FailureReason": "image not found"},
                {"EndpointName": ANY},
            )

    stub = Stubber(sm)
    existing(stub, "Failed")
    with stub, pytest.raises(DeploymentError, match="Failed: image not found"):
        client.deploy_recommendation(job, f"{JOB}/1", poll_interval=1)
    stub = Stubber(sm)
    existing(stub, "Creating", "Creating", "Creating", "Creating")  # at 0, 10, 20 and 25 s
    with (
        stub,
        pytest.raises(WaitTimeoutError, match="endpoint .* did not become InService within 25 s"),
    ):
        client.deploy_recommendation(job, f"{JOB}/1", poll_interval=10, timeout=25)
    stub.assert_no_pending_responses()
    assert now[0] == 25


def test_progress_bar_while_waiting(
    aws: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    make_model(aws["sm"])
    job = run_job(aws["client"])
    deployment = aws["client"].deploy_recommendation(
        job, first_id(job), poll_interval=0, progress=True
    )
    err = capsys.readouterr().err
    assert deployment.endpoint_name in err and "InService" in err and "1/1" in err


def test_a_model_of_that_name_with_another_environment_is_a_conflict(aws: dict[str, Any]) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm)
    make_model(sm, "taken", environment={"OMP_NUM_THREADS": "64"})
    job = _advanced_job(client)
    with pytest.raises(DeploymentConflictError) as info:
        client.deploy_recommendation(job, first_id(job), model_name="taken", poll_interval=0)
    assert info.value.resource == "model" and info.value.name == "taken"
    (line,) = info.value.differences
    assert line.startswith("PrimaryContainer.Environment.OMP_NUM_THREADS: wanted '")
    assert line.endswith("found '64'")
    assert sm.list_endpoint_configs()["EndpointConfigs"] == []


def test_tags_go_on_every_resource_created(aws: dict[str, Any]) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm)
    job = _advanced_job(client)
    deployment = client.deploy_recommendation(
        job, first_id(job), tags={"team": "vision"}, poll_interval=0
    )
    arns = [
        sm.describe_model(ModelName=deployment.model_name)["ModelArn"],
        sm.describe_endpoint_config(EndpointConfigName=deployment.endpoint_config_name)[
            "EndpointConfigArn"
        ],
        sm.describe_endpoint(EndpointName=deployment.endpoint_name)["EndpointArn"],
    ]
    for arn in arns:
        assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "vision"}]


def test_bad_wait_arguments_fail_before_anything_is_sent(aws: dict[str, Any]) -> None:
    sm, client = aws["sm"], aws["client"]
    make_model(sm)
    job = run_job(client)
    for options in ({"poll_interval": -1}, {"timeout": -5}):
        with pytest.raises(ValueError, match="must be >= 0"):
            client.deploy_recommendation(job, first_id(job), **options)
    assert sm.list_endpoint_configs()["EndpointConfigs"] == []


def test_differences_ignore_aws_defaults_but_compare_environments_whole() -> None:
    from irclient._utils.differences import differences

    wanted = {"ProductionVariants": [{"InstanceType": "ml.c5.xlarge", "InitialInstanceCount": 1}]}
    found = {
        "ProductionVariants": [
            {"InstanceType": "ml.c5.xlarge", "InitialInstanceCount": 1, "InitialVariantWeight": 1.0}
        ],
        "CreationTime": "whenever",
    }
    assert differences(wanted, found) == []
    assert differences({"TargetValue": 50.0}, {"TargetValue": 50}) == []
    assert differences({"ProductionVariants": [{}]}, {"ProductionVariants": []}) == [
        "ProductionVariants: wanted 1 items, found 0"
    ]
    env = {"PrimaryContainer": {"Environment": {"A": "1"}}}
    assert differences(env, {"PrimaryContainer": {"Environment": {"A": "1", "B": "2"}}}) == [
        "PrimaryContainer.Environment.B: not wanted, found '2'"
    ]
