"""Deploy under hostile conditions, many cases at once: environment, secrets, settings, advice,
refused writes.

The unit tests (``tests/test_deploy_hostile.py``) hold one case each; these run whole sets
of hostile variables through a deployment, many client settings through the service
clients irclient makes, fuzzed autoscaling advice (odd metric kinds, missing target values,
empty specifications) through the autoscaling step, and a refusal at each write of an
autoscaled deployment, and record how many the suite tried. In process, against moto with
irclient's simulator.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from hypothesis import given, settings
from hypothesis import strategies as st

import irclient
from irclient.deploy._converge import DryRunAwareSender
from irclient.errors import (
    DeploymentConflictError,
    IncompleteDeploymentError,
    IRClientError,
    ServiceError,
)
from irclient.models import GetScalingConfigurationRecommendationResponse
from irclient.testing import mock_inference_recommender
from test_deploy_hostile import (
    FAST,
    REGION,
    completed_job,
    first_id,
    make_model,
    stubbed_job,
    with_environment,
)

from .report import FIGURES

pytestmark = pytest.mark.reliability

BASE = {
    "SAGEMAKER_SUBMIT_DIRECTORY": "s3://mine/code.tar.gz",
    "SAGEMAKER_PROGRAM": "serve.py",
    "SAGEMAKER_CONTAINER_LOG_LEVEL": "20",
    "SAGEMAKER_REGION": "us-east-1",
    "SAGEMAKER_MODEL_SERVER_WORKERS": "1",
    "HF_MODEL_ID": "/opt/ml/model",
    "HF_TASK": "image-classification",
    "MODEL_CACHE_ROOT": "/opt/ml/model",
    "PYTHONPATH": "/opt/ml/code",
    "LD_PRELOAD": "",
}
"""Variables a base model sets; a recommendation names each with another value."""

SECRET_KEYS = (
    "HUGGING_FACE_HUB_TOKEN",
    "HF_TOKEN",
    "hf_api_token",
    "DB_PASSWORD",
    "db_password",
    "Password",
    "API_KEY",
    "apikey",
    "OPENAI_API_KEY",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "CLIENT_SECRET",
    "client-secret",
    "SERVICE_CREDENTIALS",
    "GoogleCredential",
    "PRIVATE_KEY",
    "SIGNING_KEY",
    "AccessToken",
)
"""Keys that look secret (token, secret, password, key, credential) in several spellings."""


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Moto's default account in the environment, and no AWS configuration files."""
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIADEFAULTBBBBBBBBB")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "default-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-such-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-such-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def sim(aws_env: None) -> Iterator[None]:
    with mock_inference_recommender():
        yield


def test_no_base_model_variable_is_replaced(sim: None) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm, environment=BASE)
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    hostile = {key: f"attacker-{index}" for index, key in enumerate(BASE)}
    added = {"OMP_NUM_THREADS": "4", "TS_DEFAULT_WORKERS_PER_MODEL": "2"}
    job = with_environment(completed_job(client), {**hostile, **added})

    deployment = client.deploy_recommendation(job, first_id(job), poll_interval=0)

    served = sm.describe_model(ModelName=deployment.model_name)["PrimaryContainer"]
    assert served["Environment"] == {**BASE, **added}
    assert deployment.environment_added == added
    assert set(deployment.environment_kept) == set(BASE)
    FIGURES.deployed(
        "Base-model variables a recommendation names",
        f"{len(BASE)} variables (code location, entry point, model id, library paths) with "
        f"other values, and {len(added)} new ones",
        f"{len(BASE)} kept as the base model sets them, 0 replaced; the {len(added)} new ones "
        "added and shown",
    )


def test_a_conflict_names_secret_variables_without_their_values(sim: None) -> None:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm)
    theirs = {key: f"theirs-{index}-VALUEnobodyMaySee" for index, key in enumerate(SECRET_KEYS)}
    make_model(sm, "taken", environment=theirs)
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    ours = {key: f"ours-{index}-VALUEnobodyMaySee" for index, key in enumerate(SECRET_KEYS)}
    job = with_environment(completed_job(client), ours)

    with pytest.raises(DeploymentConflictError) as info:
        client.deploy_recommendation(job, first_id(job), model_name="taken", poll_interval=0)

    texts = [str(info.value), repr(info.value), *info.value.differences]
    printed = "\n".join(texts)
    assert "VALUEnobodyMaySee" not in printed
    for key in SECRET_KEYS:
        assert f"PrimaryContainer.Environment.{key}" in printed, key
    FIGURES.deployed(
        "Secret-looking variables in a model conflict",
        f"{len(SECRET_KEYS)} keys with token, secret, password, key or credential in their "
        "names, set differently on both models",
        f"each key named as differing; 0 of {2 * len(SECRET_KEYS)} values in the error's "
        "text, repr or differences",
    )


_SETTINGS = {
    "FIPS, a proxy, timeouts, no retries": Config(
        use_fips_endpoint=True,
        proxies={"https": "http://proxy.internal:3128"},
        connect_timeout=3,
        read_timeout=4,
        max_pool_connections=7,
        retries={"total_max_attempts": 1},
    ),
    "dual-stack, other timeouts": Config(
        use_dualstack_endpoint=True, connect_timeout=9, read_timeout=11, max_pool_connections=2
    ),
    "FIPS and dual-stack": Config(use_fips_endpoint=True, use_dualstack_endpoint=True),
}
_SIBLINGS = ("application-autoscaling", "logs", "s3")


def test_every_service_client_irclient_makes_carries_the_given_clients_settings() -> None:
    regions = ("us-east-1", "us-west-2", "eu-west-1")
    checked = 0
    # One session: its loader reads each service model once.
    session = boto3.Session(
        aws_access_key_id="AKIAGIVENCLIENTSKEY0",
        aws_secret_access_key="given-secret",
        aws_session_token="given-token",
    )
    settings = list(_SETTINGS.values())
    # Each region with the first settings, each other settings in the first region.
    cases = [(region, settings[0]) for region in regions] + [(regions[0], c) for c in settings[1:]]
    for region, config in cases:
        given = session.client("sagemaker", region_name=region, config=config)
        client = irclient.InferenceRecommenderClient(given)
        for service in _SIBLINGS:
            sibling = client.aws_client(service)
            assert sibling.meta.service_model.service_name == service
            assert sibling._request_signer._credentials is given._request_signer._credentials
            assert sibling.meta.region_name == region
            ours, theirs = sibling.meta.config, given.meta.config
            assert ("fips" in sibling.meta.endpoint_url) == bool(theirs.use_fips_endpoint)
            assert bool(ours.use_dualstack_endpoint) == bool(theirs.use_dualstack_endpoint)
            assert ours.proxies == theirs.proxies
            assert (ours.connect_timeout, ours.read_timeout) == (
                theirs.connect_timeout,
                theirs.read_timeout,
            )
            assert ours.max_pool_connections == theirs.max_pool_connections
            assert ours.retries["total_max_attempts"] == 1  # irclient's one retry layer
            checked += 1
    FIGURES.deployed(
        "Service clients irclient makes beside the given one",
        f"{len(cases)} given SageMaker clients ({len(regions)} regions, {len(_SETTINGS)} "
        f"settings: FIPS, dual-stack, proxies, timeouts, retries), each asked for "
        f"{', '.join(_SIBLINGS)}",
        f"{checked} clients, each with the given client's credentials object, region, endpoint "
        "settings, proxies and timeouts; 0 from the default session",
    )


_METRIC_TYPES = st.sampled_from(
    ["SageMakerVariantInvocationsPerInstance", "SageMakerVariantCPU", "", "Unknown\x1b[31m"]
)
_SPECIFICATIONS = st.one_of(
    st.just({}),
    st.builds(
        lambda predefined: {"Predefined": predefined},
        st.fixed_dictionaries({}, optional={"PredefinedMetricType": _METRIC_TYPES}),
    ),
    st.builds(
        lambda customized: {"Customized": customized},
        st.fixed_dictionaries(
            {},
            optional={
                "MetricName": st.text(max_size=20),
                "Namespace": st.text(max_size=20),
                "Statistic": st.sampled_from(["Average", "Sum", "Bogus"]),
            },
        ),
    ),
)
_POLICIES = st.lists(
    st.one_of(
        st.just({}),
        st.builds(
            lambda tracking: {"TargetTracking": tracking},
            st.fixed_dictionaries(
                {},
                optional={
                    "MetricSpecification": _SPECIFICATIONS,
                    "TargetValue": st.floats(min_value=-1e9, max_value=1e9),
                },
            ),
        ),
    ),
    max_size=4,
)


def test_autoscaling_advice_the_parser_accepts_never_crashes(aws_env: None) -> None:
    # One simulator for every example (starting one costs seconds); each example scales an
    # endpoint of its own, so none sees another's target or policies.
    endpoints = itertools.count()

    @settings(max_examples=60, deadline=None, database=None)
    @given(policies=_POLICIES)
    def apply(policies: list[dict[str, object]]) -> None:
        _apply_odd_advice(client, scaling, policies, f"ep-{next(endpoints)}")
        FIGURES.fuzz("autoscaling advice the parser accepts, applied")

    with mock_inference_recommender():
        client = irclient.InferenceRecommenderClient(
            boto3.client("sagemaker", region_name=REGION), retry=FAST
        )
        scaling = client.aws_client("application-autoscaling")
        apply()


def _apply_odd_advice(
    client: irclient.InferenceRecommenderClient,
    scaling: Any,
    policies: list[dict[str, object]],
    endpoint: str,
) -> None:
    advice = GetScalingConfigurationRecommendationResponse.from_dict(
        {
            "DynamicScalingConfiguration": {
                "MinCapacity": 1,
                "MaxCapacity": 3,
                "ScalingPolicies": policies,
            }
        }
    )
    try:
        done = client.apply_scaling_recommendation(
            stubbed_job(), "sizing/1", endpoint_name=endpoint, scaling=advice
        )
    except IRClientError:
        pass  # refused with irclient's error: not a crash
    else:
        # Every policy is either written or skipped with a reason, never dropped silently.
        assert len(done.policy_names) + len(done.skipped) == len(policies)
    sent = [
        policy
        for policy in scaling.describe_scaling_policies(ServiceNamespace="sagemaker")[
            "ScalingPolicies"
        ]
        if policy["ResourceId"].startswith(f"endpoint/{endpoint}/")
    ]
    assert "'None'" not in repr(sent)  # nothing half-formed was sent


# --------------------------------------------------------------------------- partial deployments
# One write of an autoscaled deployment at a time is refused as an IAM policy would refuse it.
# The first refused write leaves nothing and is raised as it is; any later one is an
# IncompleteDeploymentError naming what exists and what did not happen, with one remove
# command per thing made, and no write follows the refusal.

WRITES = ("CreateEndpointConfig", "CreateEndpoint", "RegisterScalableTarget", "PutScalingPolicy")
"""The writes of an autoscaled deployment of the job's own model, in order."""


class Writes:
    """The write operations a deployment sent, and the index of the one to refuse."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.deny: int | None = None


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Writes:
    real = DryRunAwareSender.write
    seen = Writes()

    def write(self: DryRunAwareSender, service: Any, operation: str, params: Any) -> Any:
        seen.sent.append(operation)
        if len(seen.sent) - 1 == seen.deny:
            raise ServiceError(
                "not allowed", code="AccessDeniedException", http_status=400, operation=operation
            )
        return real(self, service, operation, params)

    monkeypatch.setattr(DryRunAwareSender, "write", write)
    return seen


def _deploy() -> tuple[Any, Callable[[], Any]]:
    sm = boto3.client("sagemaker", region_name=REGION)
    make_model(sm)
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = completed_job(client)
    return sm, lambda: client.deploy_recommendation(
        job, first_id(job), poll_interval=0, autoscale=True
    )


def _existing(sm: Any) -> int:
    aas = boto3.client("application-autoscaling", region_name=REGION)
    return (
        len(sm.list_endpoint_configs()["EndpointConfigs"])
        + len(sm.list_endpoints()["Endpoints"])
        + len(aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"])
        + len(aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"])
    )


def test_an_autoscaled_deployment_sends_these_writes(sim: None, writes: Writes) -> None:
    sm, deploy = _deploy()
    deploy()
    assert tuple(writes.sent) == WRITES
    assert _existing(sm) == len(WRITES)


@pytest.mark.parametrize("deny", range(len(WRITES)), ids=WRITES)
def test_a_write_denied_at_each_step_reports_what_exists(
    sim: None, writes: Writes, deny: int
) -> None:
    sm, deploy = _deploy()
    writes.deny = deny
    if deny == 0:
        with pytest.raises(ServiceError) as first:
            deploy()
        assert first.value.code == "AccessDeniedException"
    else:
        with pytest.raises(IncompleteDeploymentError) as info:
            deploy()
        error = info.value
        assert isinstance(error.cause, ServiceError)
        # One remove command for each thing this call made, and those are what exists.
        assert len(error.remove_commands) == deny == _existing(sm)
        assert error.deployment.not_done, "what did not happen is named"
        assert "AccessDeniedException" in str(error) or "not allowed" in str(error)
    assert tuple(writes.sent) == WRITES[: deny + 1], "no write follows a refused one"
    if deny == 0:
        assert _existing(sm) == 0
    FIGURES.deployed(
        "A write refused at each step of an autoscaled deployment",
        f"{len(WRITES)} deployments, each with one of its {len(WRITES)} writes denied",
        "the first refusal leaves nothing; each later one names what exists with a remove "
        "command for each, and no write follows a refusal",
    )


# --------------------------------------------------------------------------- conflicts and races
# Resources of the deployment's names that exist with another configuration are all found
# before the first write; a target or policy someone else changes right after irclient wrote
# it is a conflict reported with what exists, and theirs is left as they wrote it.

_CONFLICTS = {
    "endpoint configuration": ("endpoint configuration",),
    "endpoint": ("endpoint",),
    "both": ("endpoint configuration", "endpoint"),
}


def _other_config(sm: Any, name: str) -> None:
    variant = {
        "VariantName": "AllTraffic",
        "ModelName": "resnet50",
        "InstanceType": "ml.m5.24xlarge",
        "InitialInstanceCount": 3,
    }
    sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[variant])


@pytest.mark.parametrize("taken", list(_CONFLICTS))
def test_every_conflict_is_found_before_any_write(sim: None, writes: Writes, taken: str) -> None:
    sm, _ = _deploy()
    kinds = _CONFLICTS[taken]
    if "endpoint configuration" in kinds:
        _other_config(sm, "prod-config")
    if "endpoint" in kinds:
        _other_config(sm, "someone-elses-config")
        sm.create_endpoint(EndpointName="prod", EndpointConfigName="someone-elses-config")
    client = irclient.InferenceRecommenderClient(sm, retry=FAST)
    job = completed_job(client, "sizing-2")
    with pytest.raises(DeploymentConflictError) as info:
        client.deploy_recommendation(
            job, first_id(job), endpoint_name="prod", poll_interval=0, autoscale=True
        )
    assert sorted(kind for kind, _, _ in info.value.conflicts) == sorted(kinds)
    assert writes.sent == [], "no write before every conflict is known"
    FIGURES.deployed(
        "Conflicts before any write",
        f"{len(_CONFLICTS)} deployments onto names taken with other configurations (the "
        "endpoint configuration, the endpoint, both)",
        "every conflict named in one error; 0 writes sent",
    )


@pytest.mark.parametrize("raced", ["RegisterScalableTarget", "PutScalingPolicy"])
def test_a_change_by_someone_else_right_after_a_write_is_a_conflict(
    sim: None, monkeypatch: pytest.MonkeyPatch, raced: str
) -> None:
    real = DryRunAwareSender.write
    aas = boto3.client("application-autoscaling", region_name=REGION)

    def write(self: DryRunAwareSender, service: Any, operation: str, params: Any) -> Any:
        out = real(self, service, operation, params)
        if operation == "RegisterScalableTarget" == raced:
            aas.register_scalable_target(**{**params, "MinCapacity": 7, "MaxCapacity": 9})
        elif operation == "PutScalingPolicy" == raced:
            changed = {**params["TargetTrackingScalingPolicyConfiguration"], "TargetValue": 1.5}
            aas.put_scaling_policy(
                **{**params, "TargetTrackingScalingPolicyConfiguration": changed}
            )
        return out

    monkeypatch.setattr(DryRunAwareSender, "write", write)
    _, deploy = _deploy()
    with pytest.raises(IncompleteDeploymentError) as info:
        deploy()
    assert "changed by someone else after irclient wrote it" in str(info.value)
    target = aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    policies = aas.describe_scaling_policies(ServiceNamespace="sagemaker")["ScalingPolicies"]
    if raced == "RegisterScalableTarget":
        assert (target[0]["MinCapacity"], target[0]["MaxCapacity"]) == (7, 9)
        assert policies == [], "no policy on a target that is not irclient's"
    else:
        (policy,) = policies
        assert policy["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 1.5
    FIGURES.deployed(
        "Someone else's change right after a write",
        "2 deployments, the scalable target or the scaling policy changed by another client "
        "right after irclient wrote it",
        "each a conflict reported with what exists; the other client's change kept, nothing "
        "written over it",
    )
