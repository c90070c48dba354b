"""Deploy and autoscale under hostile conditions: only what the user named, in their account.

Each test is a regression test for one finding of the third robustness probe (account,
environment, conflicts, secrets, races, partial deployments, advice the parser accepts).
Offline: moto (which keeps one state per account) with irclient's simulator, and botocore's
Stubber where the order of requests is the point.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.stub import Stubber

import irclient
from irclient import cli
from irclient._core.boto import ClientFactory
from irclient.cli import ExitCode, main
from irclient.deploy import _deploy
from irclient.deploy._converge import DryRunAwareSender
from irclient.errors import (
    ConfigurationError,
    DeploymentConflictError,
    DeploymentInterrupted,
    IncompleteDeploymentError,
    ServiceError,
    WaitTimeoutError,
)
from irclient.models import (
    DescribeInferenceRecommendationsJobResponse,
    GetScalingConfigurationRecommendationResponse,
)
from irclient.testing import mock_inference_recommender

REGION = "us-east-1"
ACCOUNT_A = "111111111111"
ROLE = f"arn:aws:iam::{ACCOUNT_A}:role/model"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/resnet:1"
FAST = irclient.RetryPolicy(max_attempts=2, sleep=lambda _: None)
TOKEN = "hf_TOPsecretVALUEnobodyMaySee"


@pytest.fixture(autouse=True)
def account_b_by_default(no_aws_configuration: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment's default credentials are another account's (moto's default one)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIADEFAULTBBBBBBBBB")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "default-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)


@pytest.fixture
def sim() -> Iterator[None]:
    with mock_inference_recommender():
        yield


def account_a_keys() -> dict[str, str]:
    """Credentials of a role assumed in account A (moto maps them to that account)."""
    made = boto3.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{ACCOUNT_A}:role/deployer", RoleSessionName="deploy"
    )["Credentials"]
    return {
        "aws_access_key_id": made["AccessKeyId"],
        "aws_secret_access_key": made["SecretAccessKey"],
        "aws_session_token": made["SessionToken"],
    }


def make_model(sm: Any, name: str = "resnet50", environment: dict[str, str] | None = None) -> None:
    container: dict[str, Any] = {"Image": IMAGE, "ModelDataUrl": "s3://models/resnet50.tar.gz"}
    if environment:
        container["Environment"] = environment
    sm.create_model(ModelName=name, ExecutionRoleArn=ROLE, PrimaryContainer=container)


def completed_job(client: irclient.InferenceRecommenderClient, name: str = "sizing") -> Any:
    client.create_inference_recommendations_job(cli.example_request(job_name=name))
    return client.wait_for_job(name, poll_interval=0)


def with_environment(job: Any, environment: dict[str, str]) -> Any:
    """The job's describe response with its first recommendation naming ``environment``."""
    wire = job.to_dict()
    wire["InferenceRecommendations"][0]["ModelConfiguration"] = {
        "EnvironmentParameters": [
            {"Key": k, "ValueType": "String", "Value": v} for k, v in environment.items()
        ]
    }
    return DescribeInferenceRecommendationsJobResponse.from_dict(wire)


def first_id(job: Any) -> str:
    return str(job.inference_recommendations[0].recommendation_id)


def scaling_state(**keys: str) -> dict[str, Any]:
    aas = boto3.client("application-autoscaling", region_name=REGION, **keys)
    return {
        "targets": aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"],
        "policies": aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"],
    }


# --------------------------------------------------------------------------- 1. one account


def test_autoscaling_goes_to_the_given_clients_account_not_the_default_one(sim: None) -> None:
    keys = account_a_keys()
    sm = boto3.client("sagemaker", region_name=REGION, **keys)
    make_model(sm)
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = completed_job(client)
    deployment = client.deploy_recommendation(job, first_id(job), poll_interval=0, autoscale=True)
    assert deployment.scaling is not None
    assert deployment.scaling.created[0] == "scalable target"
    in_a, in_b = scaling_state(**keys), scaling_state()
    assert [t["ResourceId"] for t in in_a["targets"]] == [deployment.scaling.resource_id]
    assert len(in_a["policies"]) == len(deployment.scaling.policy_names) >= 1
    assert in_b == {"targets": [], "policies": []}  # account B untouched
    # The endpoint went to account A as well, and only there.
    assert [e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]] == [
        deployment.endpoint_name
    ]
    assert boto3.client("sagemaker").list_endpoints()["Endpoints"] == []


def test_every_sibling_client_shares_credentials_region_endpoint_settings_and_timeouts() -> None:
    given = boto3.client(
        "sagemaker",
        region_name="us-west-2",
        aws_access_key_id="AKIAACCOUNTAAAAAAAAA",
        aws_secret_access_key="account-a-secret",
        aws_session_token="account-a-token",
        config=Config(
            use_fips_endpoint=True,
            proxies={"https": "http://proxy.internal:3128"},
            connect_timeout=3,
            read_timeout=4,
            max_pool_connections=7,
            retries={"total_max_attempts": 1},
        ),
    )
    client = irclient.InferenceRecommenderClient(given)
    siblings = {
        "application-autoscaling": client.aws_client("application-autoscaling"),
        "logs": client.logs_client,
        "s3": client.aws_client("s3"),
    }
    for service, sibling in siblings.items():
        assert sibling.meta.service_model.service_name == service
        # The very credentials object of the given client, not the environment's account B.
        assert sibling._request_signer._credentials is given._request_signer._credentials
        assert sibling._request_signer._credentials.access_key == "AKIAACCOUNTAAAAAAAAA"
        assert sibling.meta.region_name == "us-west-2"
        assert "fips" in sibling.meta.endpoint_url
        config = sibling.meta.config
        assert config.proxies == {"https": "http://proxy.internal:3128"}
        assert (config.connect_timeout, config.read_timeout) == (3, 4)
        assert config.max_pool_connections == 7
        assert config.retries["total_max_attempts"] == 1  # irclient's one retry layer


def test_dual_stack_and_an_endpoint_override_reach_the_siblings() -> None:
    dual = boto3.client(
        "sagemaker",
        region_name="eu-west-1",
        aws_access_key_id="AKIAACCOUNTAAAAAAAAA",
        aws_secret_access_key="s",
        config=Config(use_dualstack_endpoint=True),
    )
    scaling = irclient.InferenceRecommenderClient(dual).aws_client("application-autoscaling")
    assert scaling.meta.endpoint_url.endswith(".api.aws")
    assert scaling.meta.config.use_dualstack_endpoint is True
    local = boto3.client(
        "sagemaker",
        region_name="eu-west-1",
        endpoint_url="http://127.0.0.1:5999",
        aws_access_key_id="AKIAACCOUNTAAAAAAAAA",
        aws_secret_access_key="s",
    )
    logs = irclient.InferenceRecommenderClient(local).aws_client("logs")
    assert logs.meta.endpoint_url == "http://127.0.0.1:5999"


def test_siblings_follow_the_given_client_not_a_later_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = boto3.Session().client("sagemaker", region_name="eu-west-1")
    client = irclient.InferenceRecommenderClient(given)
    monkeypatch.setenv("AWS_USE_FIPS_ENDPOINT", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIACHANGEDLATERXXXX")
    logs = client.aws_client("logs")
    assert logs.meta.endpoint_url == "https://logs.eu-west-1.amazonaws.com"
    assert logs._request_signer._credentials is given._request_signer._credentials
    assert logs._request_signer._credentials.access_key == "AKIADEFAULTBBBBBBBBB"


def test_a_client_whose_credentials_cannot_be_read_is_refused_not_replaced() -> None:
    given = boto3.client("sagemaker", region_name=REGION)
    client = irclient.InferenceRecommenderClient(given)
    client._factory = ClientFactory.like(object.__new__(type("Opaque", (), {})))
    with pytest.raises(ConfigurationError, match="cannot tell which credentials"):
        client.aws_client("application-autoscaling")


# --------------------------------------------------------------------------- 2. environment


def test_the_recommendation_adds_variables_but_never_replaces_the_base_models(sim: None) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm, environment={"SAGEMAKER_SUBMIT_DIRECTORY": "s3://mine/code.tar.gz"})
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = with_environment(
        completed_job(client),
        {"SAGEMAKER_SUBMIT_DIRECTORY": "s3://attacker/code.tar.gz", "OMP_NUM_THREADS": "4"},
    )
    deployment = client.deploy_recommendation(job, first_id(job), poll_interval=0)
    environment = sm.describe_model(ModelName=deployment.model_name)["PrimaryContainer"][
        "Environment"
    ]
    assert environment == {
        "SAGEMAKER_SUBMIT_DIRECTORY": "s3://mine/code.tar.gz",
        "OMP_NUM_THREADS": "4",
    }
    assert deployment.environment_added == {"OMP_NUM_THREADS": "4"}
    assert deployment.environment_kept == ("SAGEMAKER_SUBMIT_DIRECTORY",)


def test_a_recommendation_that_only_changes_base_variables_serves_the_base_model(
    sim: None,
) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm, environment={"SAGEMAKER_PROGRAM": "serve.py"})
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = with_environment(completed_job(client), {"SAGEMAKER_PROGRAM": "evil.py"})
    deployment = client.deploy_recommendation(job, first_id(job), dry_run=True)
    assert deployment.model_name == "resnet50"  # no copy: nothing would be added
    assert [r.operation for r in deployment.requests] == ["CreateEndpointConfig", "CreateEndpoint"]
    assert deployment.environment_kept == ("SAGEMAKER_PROGRAM",)


def test_environment_changes_are_shown_in_the_dry_run_with_secrets_hidden(
    sim: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm, environment={"SAGEMAKER_PROGRAM": "serve.py"})
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = with_environment(
        completed_job(client),
        {"SAGEMAKER_PROGRAM": "evil.py", "HF_API_TOKEN": TOKEN, "OMP_NUM_THREADS": "4"},
    )
    # The command line reads the job itself: give it the forged recommendation.
    monkeypatch.setattr(
        irclient.InferenceRecommenderClient,
        "describe_inference_recommendations_job",
        lambda self, **_: job,
    )
    for output in ([], ["--json"]):
        code = main(
            ["deploy", "sizing", "--recommendation-id", first_id(job), "--dry-run", *output]
        )
        out, _ = capsys.readouterr()
        assert code == ExitCode.OK
        assert TOKEN not in out
        assert "OMP_NUM_THREADS" in out and "HF_API_TOKEN" in out and "<hidden>" in out
        if output:
            shown = json.loads(out)
            assert shown["EnvironmentAdded"] == {"HF_API_TOKEN": "<hidden>", "OMP_NUM_THREADS": "4"}
            assert shown["EnvironmentKept"] == ["SAGEMAKER_PROGRAM"]
        else:
            assert "kept as the base model sets it" in out and "SAGEMAKER_PROGRAM" in out


# --------------------------------------------------------------------------- 3 and 4. conflicts


def test_every_conflict_is_found_before_the_first_write(sim: None) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm)
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = completed_job(client)
    recs = job.inference_recommendations
    assert len(recs) >= 2
    first = client.deploy_recommendation(
        job, recs[0].recommendation_id, endpoint_name="prod", poll_interval=0
    )
    # Another recommendation under the same names: the configuration and the endpoint both
    # differ; a new model name would have been free, but nothing is written.
    with pytest.raises(DeploymentConflictError) as info:
        client.deploy_recommendation(
            job,
            recs[1].recommendation_id,
            endpoint_name="prod",
            endpoint_config_name="prod-config-b",
            poll_interval=0,
        )
    assert [(kind, name) for kind, name, _ in info.value.conflicts] == [("endpoint", "prod")]
    assert "no write request was sent" in str(info.value)
    configs = [c["EndpointConfigName"] for c in sm.list_endpoint_configs()["EndpointConfigs"]]
    assert configs == [first.endpoint_config_name]
    with pytest.raises(DeploymentConflictError) as both:
        client.deploy_recommendation(
            job, recs[1].recommendation_id, endpoint_name="prod", poll_interval=0
        )
    assert [kind for kind, _, _ in both.value.conflicts] == ["endpoint configuration"]


def test_a_model_conflict_names_the_variables_and_never_prints_a_secret(sim: None) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm)
    make_model(
        sm, "taken", environment={"HUGGING_FACE_HUB_TOKEN": "hf_someoneElsesToken", "X": "1"}
    )
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = with_environment(
        completed_job(client), {"HUGGING_FACE_HUB_TOKEN": TOKEN, "OMP_NUM_THREADS": "4"}
    )
    with pytest.raises(DeploymentConflictError) as info:
        client.deploy_recommendation(job, first_id(job), model_name="taken", poll_interval=0)
    text = str(info.value) + "\n".join(info.value.differences)
    assert TOKEN not in text and "hf_someoneElsesToken" not in text
    assert "PrimaryContainer.Environment.HUGGING_FACE_HUB_TOKEN" in text
    assert "PrimaryContainer.Environment.OMP_NUM_THREADS: wanted '4', not set" in text
    assert "PrimaryContainer.Environment.X: not wanted, found '1'" in text


# --------------------------------------------------------------------------- 5. races

ADVICE = GetScalingConfigurationRecommendationResponse.from_dict(
    {
        "DynamicScalingConfiguration": {
            "MinCapacity": 1,
            "MaxCapacity": 4,
            "ScalingPolicies": [
                {
                    "TargetTracking": {
                        "MetricSpecification": {
                            "Predefined": {
                                "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"
                            }
                        },
                        "TargetValue": 100.0,
                    }
                }
            ],
        }
    }
)
RESOURCE = "endpoint/ep/variant/AllTraffic"
WHERE = {
    "ServiceNamespace": "sagemaker",
    "ResourceId": RESOURCE,
    "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
}


def stubbed_job() -> DescribeInferenceRecommendationsJobResponse:
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    return DescribeInferenceRecommendationsJobResponse.from_dict(
        {
            "JobName": "sizing",
            "JobType": "Default",
            "JobArn": "arn:aws:sagemaker:us-east-1:111111111111:inference-recommendations-job/s",
            "RoleArn": ROLE,
            "Status": "COMPLETED",
            "CreationTime": now,
            "InputConfig": {"ModelName": "resnet50"},
            "InferenceRecommendations": [
                {
                    "RecommendationId": "sizing/1",
                    "Metrics": {"CostPerHour": 0.2, "CostPerInference": 1e-6},
                    "EndpointConfiguration": {
                        "EndpointName": "b",
                        "VariantName": "b",
                        "InstanceType": "ml.c5.xlarge",
                    },
                    "ModelConfiguration": {},
                }
            ],
        }
    )


def target(low: int = 1, high: int = 4) -> dict[str, Any]:
    return {**WHERE, "MinCapacity": low, "MaxCapacity": high, "RoleARN": "r", "CreationTime": 0}


def stubbed_scaling() -> tuple[irclient.InferenceRecommenderClient, Any, Stubber]:
    sm = boto3.client("sagemaker", region_name=REGION)
    aas = boto3.client("application-autoscaling", region_name=REGION)
    return irclient.InferenceRecommenderClient(sm, retry=FAST), aas, Stubber(aas)


def apply(client: irclient.InferenceRecommenderClient, aas: Any) -> Any:
    return client.apply_scaling_recommendation(
        stubbed_job(), "sizing/1", endpoint_name="ep", scaling=ADVICE, autoscaling_client=aas
    )


def test_a_target_changed_by_someone_else_after_the_write_is_a_conflict_not_created() -> None:
    client, aas, stub = stubbed_scaling()
    stub.add_response("describe_scalable_targets", {"ScalableTargets": []})  # the plan
    stub.add_response("describe_scaling_policies", {"ScalingPolicies": []})
    stub.add_response("describe_scalable_targets", {"ScalableTargets": []})  # before writing
    stub.add_response("register_scalable_target", {}, {**WHERE, "MinCapacity": 1, "MaxCapacity": 4})
    # Read back: someone else registered other capacities in between.
    stub.add_response("describe_scalable_targets", {"ScalableTargets": [target(2, 9)]})
    with stub, pytest.raises(IncompleteDeploymentError) as info:
        apply(client, aas)
    cause = info.value.cause
    assert isinstance(cause, DeploymentConflictError) and cause.resource == "scalable target"
    assert any("after irclient wrote it" in line for line in cause.differences)
    assert info.value.deployment.created == ()
    assert "scalable target" in info.value.deployment.not_done


def test_a_policy_put_by_someone_else_between_look_and_write_is_not_overwritten() -> None:
    client, aas, stub = stubbed_scaling()
    stub.add_response("describe_scalable_targets", {"ScalableTargets": [target()]})
    stub.add_response("describe_scaling_policies", {"ScalingPolicies": []})
    # Before the put, the policy is there with another target value: no put is sent.
    theirs = {
        **WHERE,
        "PolicyName": "ep-AllTraffic-SageMakerVariantInvocationsPerInstance",
        "PolicyARN": "arn",
        "PolicyType": "TargetTrackingScaling",
        "CreationTime": 0,
        "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 5.0},
    }
    stub.add_response("describe_scaling_policies", {"ScalingPolicies": [theirs]})
    with stub, pytest.raises(DeploymentConflictError) as info:
        apply(client, aas)
    stub.assert_no_pending_responses()
    assert info.value.resource == "scaling policy"


# --------------------------------------------------------------------------- 6. partial states


def test_a_denied_policy_after_the_target_is_reported_with_what_exists() -> None:
    client, aas, stub = stubbed_scaling()
    stub.add_response("describe_scalable_targets", {"ScalableTargets": []})
    stub.add_response("describe_scaling_policies", {"ScalingPolicies": []})
    stub.add_response("describe_scalable_targets", {"ScalableTargets": []})
    stub.add_response("register_scalable_target", {})
    stub.add_response("describe_scalable_targets", {"ScalableTargets": [target()]})
    stub.add_response("describe_scaling_policies", {"ScalingPolicies": []})
    stub.add_client_error("put_scaling_policy", "AccessDeniedException", http_status_code=400)
    with stub, pytest.raises(IncompleteDeploymentError) as info:
        apply(client, aas)
    error = info.value
    assert isinstance(error.cause, ServiceError) and error.cause.code == "AccessDeniedException"
    assert error.deployment.created == ("scalable target",)
    assert error.deployment.not_done == (
        "scaling policy ep-AllTraffic-SageMakerVariantInvocationsPerInstance",
    )
    (removal,) = error.remove_commands
    assert removal.startswith("aws application-autoscaling deregister-scalable-target")
    assert RESOURCE in removal and "--region us-east-1" in removal


def deny_policies(monkeypatch: pytest.MonkeyPatch) -> None:
    real = DryRunAwareSender.write

    def write(self: DryRunAwareSender, service: Any, operation: str, params: Any) -> None:
        if operation == "PutScalingPolicy":
            self.writes.append(("application-autoscaling", operation, params))
            raise ServiceError(
                "not allowed", code="AccessDeniedException", http_status=400, operation=operation
            )
        real(self, service, operation, params)

    monkeypatch.setattr(DryRunAwareSender, "write", write)


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_the_command_line_reports_a_partial_deployment(
    sim: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    output: list[str],
) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm)
    sm.create_inference_recommendations_job(**cli.example_request(job_name="sizing"))
    deny_policies(monkeypatch)
    code = main(["deploy", "sizing", "--best", "--autoscale", "--poll-interval", "0", *output])
    out, err = capsys.readouterr()
    assert code == ExitCode.SERVICE_ERROR, err
    assert "deployment incomplete" in err and "not allowed" in err
    assert "to finish it: irclient deploy sizing --recommendation-id" in err
    assert "aws application-autoscaling deregister-scalable-target" in err
    assert "aws sagemaker delete-endpoint --endpoint-name" in err
    if output:
        shown = json.loads(out)
        assert shown["Complete"] is False
        assert shown["Created"] == ["endpoint configuration", "endpoint"]
        assert shown["Scaling"]["Created"] == ["scalable target"]
        assert shown["NotDone"] and all(x.startswith("scaling policy") for x in shown["NotDone"])
        assert shown["FinishCommand"].startswith("irclient deploy sizing")
        assert len(shown["RemoveCommands"]) == 3
    else:
        assert "scalable target" in out and "created" in out
        assert "Incomplete; not done: scaling policy" in out


def test_ctrl_c_during_the_wait_says_what_exists_and_how_to_remove_it(
    sim: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm)
    sm.create_inference_recommendations_job(**cli.example_request(job_name="sizing"))

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(_deploy, "poll_until", interrupted)
    code = main(["deploy", "sizing", "--best", "--json"])
    out, err = capsys.readouterr()
    assert code == ExitCode.INTERRUPTED
    shown = json.loads(out)
    assert shown["Complete"] is False and shown["Error"] == "interrupted"
    assert shown["NotDone"] == ["wait for the endpoint to be InService"]
    assert [c.split()[2] for c in shown["RemoveCommands"]] == [
        "delete-endpoint",
        "delete-endpoint-config",
    ]
    assert "deployment incomplete: interrupted" in err


def test_the_library_raises_a_keyboard_interrupt_that_carries_the_deployment(
    sim: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm)
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = completed_job(client)

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(_deploy, "poll_until", interrupted)
    with pytest.raises(KeyboardInterrupt) as info:
        client.deploy_recommendation(job, first_id(job))
    assert isinstance(info.value, DeploymentInterrupted)
    assert info.value.deployment.created == ("endpoint configuration", "endpoint")


def test_a_timeout_after_creating_is_incomplete_and_keeps_the_wait_error() -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    policy = irclient.RetryPolicy(max_attempts=1, sleep=sleep, clock=lambda: now[0])
    client = irclient.InferenceRecommenderClient(sm, retry=policy)
    job = stubbed_job()
    names = irclient.deploy.derived_names("sizing", "sizing/1")
    stub = Stubber(sm)
    arn = "arn:aws:sagemaker:us-east-1:111111111111:"
    model = {"ModelName": "resnet50", "ExecutionRoleArn": ROLE, "ModelArn": f"{arn}model/m"}
    stub.add_response("describe_model", {**model, "CreationTime": 0})
    missing = ("ValidationException", "Could not find it.")
    stub.add_client_error("describe_endpoint_config", *missing)
    stub.add_client_error("describe_endpoint", *missing)
    stub.add_response("create_endpoint_config", {"EndpointConfigArn": f"{arn}endpoint-config/c"})
    stub.add_response("create_endpoint", {"EndpointArn": f"{arn}endpoint/e"})
    creating = {
        "EndpointName": names["endpoint_name"],
        "EndpointConfigName": names["endpoint_config_name"],
        "EndpointArn": f"{arn}endpoint/e",
        "EndpointStatus": "Creating",
        "CreationTime": 0,
        "LastModifiedTime": 0,
    }
    stub.add_response("describe_endpoint", creating)
    stub.add_response("describe_endpoint", creating)
    with stub, pytest.raises(IncompleteDeploymentError) as info:
        client.deploy_recommendation(job, "sizing/1", poll_interval=10, timeout=10)
    cause = info.value.cause
    assert isinstance(cause, WaitTimeoutError)
    assert cause.resource_name == cause.job_name == names["endpoint_name"]
    assert cause.what == "endpoint"
    assert info.value.deployment.endpoint_status == "Creating"


# --------------------------------------------------------------------------- 7. odd advice


def test_advice_the_parser_accepts_but_cannot_be_applied_is_skipped_not_a_crash(
    sim: None,
) -> None:
    odd = GetScalingConfigurationRecommendationResponse.from_dict(
        {
            "DynamicScalingConfiguration": {
                "MinCapacity": 1,
                "MaxCapacity": 3,
                "ScalingPolicies": [
                    {"TargetTracking": {"MetricSpecification": {}, "TargetValue": 1.0}},
                    {
                        "TargetTracking": {
                            "MetricSpecification": {
                                "Predefined": {"PredefinedMetricType": "SageMakerVariantCPU"}
                            }
                        }
                    },
                    {
                        "TargetTracking": {
                            "MetricSpecification": {"Predefined": {}},
                            "TargetValue": 50.0,
                        }
                    },
                    {},
                ],
            }
        }
    )
    client = irclient.InferenceRecommenderClient(
        boto3.client("sagemaker", region_name=REGION), retry=FAST
    )
    done = client.apply_scaling_recommendation(
        stubbed_job(), "sizing/1", endpoint_name="ep", scaling=odd
    )
    assert done.created == ("scalable target",) and done.policy_names == ()
    assert len(done.skipped) == 4
    assert "does not know" in done.skipped[0]
    assert "TargetValue is None" in done.skipped[1]
    assert "without PredefinedMetricType" in done.skipped[2]
    assert scaling_state()["policies"] == []  # nothing half-formed was sent ("None")
