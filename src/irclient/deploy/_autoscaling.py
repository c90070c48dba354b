"""Autoscaling: a recommendation's scaling advice applied through Application Auto Scaling.

The variant's instance count becomes a scalable target with the advised capacity range, and
each advised target-tracking policy is put on it. Advice the parser accepts but irclient cannot
apply as it is (a kind of metric newer than this release, a policy without a target value, a
predefined metric without its type) is skipped and reported, never sent half-formed.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Any, Final

import attrs

from ..errors import ValidationError, Violation
from ..models.shapes import (
    DescribeInferenceRecommendationsJobResponse,
    GetScalingConfigurationRecommendationResponse,
    InferenceRecommendation,
    ScalingPolicyObjective,
)
from ._choose import describe_job, resolve_recommendation
from ._converge import (
    Desired,
    DryRunAwareSender,
    Look,
    create_or_adopt,
    look,
    refuse_conflicts,
)
from ._names import DEFAULT_VARIANT_NAME, policy_name
from ._results import Progress, ScalingDeployment, planned, reporting_partial

if TYPE_CHECKING:
    from ..analysis import Benchmark
    from ..client import InferenceRecommenderClient

__all__ = [
    "ScalingPlan",
    "scalable_target",
    "scaling_policy",
    "apply_scaling",
    "apply_scaling_recommendation",
    "plan_scaling",
    "policy_configuration",
]

logger = logging.getLogger("irclient")

_NAMESPACE: Final = "sagemaker"
_DIMENSION: Final = "sagemaker:variant:DesiredInstanceCount"
# Customised SageMaker metrics are per endpoint and variant: the policy must name both.
_ENDPOINT_NAMESPACES: Final = frozenset({"AWS/SageMaker", "/aws/sagemaker/Endpoints"})


class NotApplicable(Exception):
    """A recommended policy irclient cannot apply as it is (the message says why)."""


def _metric(spec: Any, endpoint_name: str, variant_name: str) -> tuple[str, dict[str, Any]]:
    """(label, the metric member of the policy configuration) of a metric specification."""
    if spec.predefined is not None:
        kind = spec.predefined.predefined_metric_type
        if kind is None:
            raise NotApplicable("a predefined metric without PredefinedMetricType")
        return str(kind), {"PredefinedMetricSpecification": {"PredefinedMetricType": str(kind)}}
    custom = spec.customized
    if custom is None:
        raise NotApplicable("a kind of metric this version of irclient does not know")
    missing = [
        wire
        for wire, value in (
            ("MetricName", custom.metric_name),
            ("Namespace", custom.namespace),
            ("Statistic", custom.statistic),
        )
        if value is None
    ]
    if missing:
        raise NotApplicable(f"a customized metric without {', '.join(missing)}")
    metric: dict[str, Any] = {
        "MetricName": custom.metric_name,
        "Namespace": custom.namespace,
        "Statistic": str(custom.statistic),
    }
    if custom.namespace in _ENDPOINT_NAMESPACES:
        metric["Dimensions"] = [
            {"Name": "EndpointName", "Value": endpoint_name},
            {"Name": "VariantName", "Value": variant_name},
        ]
    return str(custom.metric_name), {"CustomizedMetricSpecification": metric}


def policy_configuration(
    policy: Any, scaling: Any, endpoint_name: str, variant_name: str
) -> tuple[str, dict[str, Any]]:
    """(metric label, TargetTrackingScalingPolicyConfiguration) of one recommended policy.

    Raises:
        NotApplicable: The policy cannot be applied as it is.
    """
    tracking = policy.target_tracking
    if tracking is None or tracking.metric_specification is None:
        raise NotApplicable("a kind of policy this version of irclient does not know")
    target = tracking.target_value
    if target is None or not math.isfinite(float(target)):
        raise NotApplicable(f"a target-tracking policy whose TargetValue is {target!r}")
    label, metric = _metric(tracking.metric_specification, endpoint_name, variant_name)
    configuration: dict[str, Any] = {"TargetValue": float(target), **metric}
    if scaling.scale_in_cooldown is not None:
        configuration["ScaleInCooldown"] = int(scaling.scale_in_cooldown)
    if scaling.scale_out_cooldown is not None:
        configuration["ScaleOutCooldown"] = int(scaling.scale_out_cooldown)
    return label, configuration


def _first(items: Any, member: str, value: str) -> dict[str, Any] | None:
    mine = [x for x in items or [] if x.get(member) == value]
    return mine[0] if mine else None


def scalable_target(
    service: Any, resource_id: str, dimension: str, min_capacity: int, max_capacity: int
) -> Desired:
    """A scalable target to register (a variant's instances, a component's copies)."""
    where = {
        "ServiceNamespace": _NAMESPACE,
        "ResourceId": resource_id,
        "ScalableDimension": dimension,
    }
    capacity = {"MinCapacity": min_capacity, "MaxCapacity": max_capacity}

    def find(sender: DryRunAwareSender) -> dict[str, Any] | None:
        found = sender.read(
            service,
            "DescribeScalableTargets",
            ServiceNamespace=_NAMESPACE,
            ResourceIds=[resource_id],
            ScalableDimension=dimension,
        )
        return _first(found.get("ScalableTargets"), "ResourceId", resource_id)

    return Desired(
        kind="scalable target",
        label="scalable target",
        name=resource_id,
        service=service,
        find=find,
        create=("RegisterScalableTarget", {**where, **capacity}),
        compare={**where, **capacity},
        overwrites=True,
        remove=(
            "aws", "application-autoscaling", "deregister-scalable-target",
            "--service-namespace", _NAMESPACE, "--resource-id", resource_id,
            "--scalable-dimension", dimension,
        ),
    )  # fmt: skip


def scaling_policy(
    service: Any, resource_id: str, dimension: str, name: str, configuration: dict[str, Any]
) -> Desired:
    """A target-tracking policy to put on a scalable target."""
    where = {
        "ServiceNamespace": _NAMESPACE,
        "ResourceId": resource_id,
        "ScalableDimension": dimension,
    }
    compare = {
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": configuration,
    }

    def find(sender: DryRunAwareSender) -> dict[str, Any] | None:
        found = sender.read(service, "DescribeScalingPolicies", PolicyNames=[name], **where)
        return _first(found.get("ScalingPolicies"), "PolicyName", name)

    return Desired(
        kind="scaling policy",
        label=f"scaling policy {name}",
        name=name,
        service=service,
        find=find,
        create=("PutScalingPolicy", {**where, "PolicyName": name, **compare}),
        compare=compare,
        overwrites=True,
        remove=(
            "aws", "application-autoscaling", "delete-scaling-policy", "--policy-name", name,
            "--service-namespace", _NAMESPACE, "--resource-id", resource_id,
            "--scalable-dimension", dimension,
        ),
    )  # fmt: skip


@attrs.frozen(kw_only=True)
class ScalingPlan:
    """The advice, what exists, and what is to be written: everything read, nothing sent."""

    sender: DryRunAwareSender
    service: Any
    resource_id: str
    advice: GetScalingConfigurationRecommendationResponse
    looks: tuple[Look, ...]
    skipped: tuple[str, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """How results list each resource of the plan."""
        return tuple(x.desired.label for x in self.looks)

    def result(self, progress: Progress, *, complete: bool = True) -> ScalingDeployment:
        """What was done of this plan (all of it, unless ``complete`` is False)."""
        mine = set(self.labels)
        return ScalingDeployment(
            resource_id=self.resource_id,
            scalable_dimension=_DIMENSION,
            policy_names=tuple(x.desired.name for x in self.looks[1:]),
            recommendation=self.advice,
            requests=tuple(r for r in planned(self.sender) if r.service != "sagemaker"),
            created=tuple(x for x in progress.created if x in mine),
            adopted=tuple(x for x in progress.adopted if x in mine),
            dry_run=self.sender.dry_run,
            skipped=self.skipped,
            complete=complete,
            not_done=() if complete else tuple(x for x in progress.steps if x in mine),
        )


def _advice_to_apply(
    client: InferenceRecommenderClient,
    job: DescribeInferenceRecommendationsJobResponse,
    chosen: InferenceRecommendation,
    scaling: GetScalingConfigurationRecommendationResponse | None,
    target_cpu_utilization_per_core: int | None,
    scaling_policy_objective: ScalingPolicyObjective | None,
) -> GetScalingConfigurationRecommendationResponse:
    if scaling is None:
        scaling = client.get_scaling_configuration_recommendation(
            inference_recommendations_job_name=job.job_name,
            recommendation_id=chosen.recommendation_id,
            target_cpu_utilization_per_core=target_cpu_utilization_per_core,
            scaling_policy_objective=scaling_policy_objective,
        )
    dynamic = scaling.dynamic_scaling_configuration
    if dynamic is None or dynamic.min_capacity is None or dynamic.max_capacity is None:
        raise ValidationError(
            [
                Violation(
                    "scaling.dynamic_scaling_configuration",
                    "required",
                    "the scaling recommendation has no MinCapacity and MaxCapacity to apply",
                )
            ]
        )
    return scaling


def plan_scaling(
    client: InferenceRecommenderClient,
    sender: DryRunAwareSender,
    job: DescribeInferenceRecommendationsJobResponse,
    chosen: InferenceRecommendation,
    *,
    endpoint_name: str,
    variant_name: str,
    scaling: GetScalingConfigurationRecommendationResponse | None,
    target_cpu_utilization_per_core: int | None,
    scaling_policy_objective: ScalingPolicyObjective | None,
    autoscaling_client: Any,
) -> ScalingPlan:
    """Read the advice and what exists; decide what to write (sends no write)."""
    advice = _advice_to_apply(
        client, job, chosen, scaling, target_cpu_utilization_per_core, scaling_policy_objective
    )
    dynamic = advice.dynamic_scaling_configuration
    # Checked by _advice_to_apply.
    assert dynamic is not None and dynamic.min_capacity is not None
    assert dynamic.max_capacity is not None
    service = autoscaling_client
    if service is None:
        service = client.aws_client("application-autoscaling")
    resource_id = f"endpoint/{endpoint_name}/variant/{variant_name}"
    wanted = [
        scalable_target(
            service, resource_id, _DIMENSION, dynamic.min_capacity, dynamic.max_capacity
        )
    ]
    skipped = []
    for index, policy in enumerate(dynamic.scaling_policies or ()):
        try:
            metric, configuration = policy_configuration(
                policy, dynamic, endpoint_name, variant_name
            )
        except NotApplicable as exc:
            skipped.append(f"ScalingPolicies[{index}]: {exc}; not applied")
            logger.warning("scaling advice, policy %d: %s; not applied", index, exc)
            continue
        name = policy_name(endpoint_name, variant_name, metric)
        wanted.append(scaling_policy(service, resource_id, _DIMENSION, name, configuration))
    return ScalingPlan(
        sender=sender,
        service=service,
        resource_id=resource_id,
        advice=advice,
        looks=tuple(look(sender, x) for x in wanted),
        skipped=tuple(skipped),
    )


def apply_scaling(plan: ScalingPlan, progress: Progress) -> None:
    """Write what the plan lacks: the scalable target, then each policy."""
    region = getattr(plan.service.meta, "region_name", None)
    for seen in plan.looks:
        progress.done(seen.desired, create_or_adopt(plan.sender, seen), region)


def apply_scaling_recommendation(
    client: InferenceRecommenderClient,
    job: str | DescribeInferenceRecommendationsJobResponse,
    recommendation: str | Benchmark | InferenceRecommendation,
    *,
    endpoint_name: str,
    variant_name: str = DEFAULT_VARIANT_NAME,
    target_cpu_utilization_per_core: int | None = None,
    scaling_policy_objective: ScalingPolicyObjective | None = None,
    scaling: GetScalingConfigurationRecommendationResponse | None = None,
    dry_run: bool = False,
    autoscaling_client: Any = None,
) -> ScalingDeployment:
    """Applies a recommendation's autoscaling policy to the endpoint serving it.

    Asks ``GetScalingConfigurationRecommendation`` (unless ``scaling`` is given), registers
    the variant's desired instance count as a scalable target with the recommended minimum
    and maximum capacity, and puts each recommended target-tracking policy with its metric,
    target value and cooldowns. Everything is read and compared before the first write: an
    existing target or policy with the same settings is kept; different settings are a
    :class:`~irclient.errors.DeploymentConflictError` and nothing is written. Each write is
    read back: a target or policy someone else changed meanwhile is a conflict, never
    reported as created. Advice that cannot be applied as it is is skipped and listed in
    :attr:`~irclient.deploy.ScalingDeployment.skipped`.

    Args:
        client: The client (retry policy; the SageMaker client whose account and settings
            the autoscaling client shares).
        job: The completed job's name, or its describe response.
        recommendation: The recommendation the endpoint serves (ID, Benchmark, or model).
        endpoint_name: The endpoint.
        variant_name: Its production variant.
        target_cpu_utilization_per_core: The CPU use per core to scale at (1-100).
        scaling_policy_objective: The anticipated traffic pattern.
        scaling: A ``GetScalingConfigurationRecommendation`` response to apply as it is,
            instead of asking for one.
        dry_run: Send no write request; return the requests that would be sent.
        autoscaling_client: A boto3 Application Auto Scaling client, used as it is; when
            ``None``, ``client.aws_client("application-autoscaling")`` (the SageMaker
            client's credentials, Region, endpoint settings, proxies and timeouts).

    Returns:
        The scalable target, the policies, the requests and what was created or adopted.

    Raises:
        irclient.ValidationError: The recommendation is not the job's, or the scaling
            recommendation has no capacity range.
        irclient.DeploymentConflictError: The target or a policy exists with other settings.
        irclient.IncompleteDeploymentError: A failure after the first write (what exists,
            what did not happen, and how to remove it are in the error).
    """
    described = describe_job(client, job)
    chosen = resolve_recommendation(described, recommendation)
    sender = DryRunAwareSender(client.retry, dry_run=dry_run)
    plan = plan_scaling(
        client,
        sender,
        described,
        chosen,
        endpoint_name=endpoint_name,
        variant_name=variant_name,
        scaling=scaling,
        target_cpu_utilization_per_core=target_cpu_utilization_per_core,
        scaling_policy_objective=scaling_policy_objective,
        autoscaling_client=autoscaling_client,
    )
    refuse_conflicts(plan.looks, nothing_sent=True)
    progress = Progress(steps=list(plan.labels))
    with reporting_partial(sender, progress, lambda: plan.result(progress, complete=False)):
        apply_scaling(plan, progress)
    return plan.result(progress)
