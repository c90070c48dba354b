"""From a recommendation to a running, autoscaled endpoint.

:func:`deploy_recommendation` takes a completed job and one of its recommendations and makes
what SageMaker needs to serve it:

* the **model**: a ``ModelName`` job's own model as it is; a copy of it with the
  recommendation's environment (or compiled artefacts) when the recommendation has any; for a
  ``ModelPackageVersionArn`` job, a model made from the package with the job's role;
* an **endpoint configuration** with one variant that matches the recommendation: instance
  type and count, or serverless memory and concurrency;
* the **endpoint**, then a wait until it is ``InService``.

:func:`apply_scaling_recommendation` asks ``GetScalingConfigurationRecommendation`` for the
recommendation's autoscaling policy and applies it through Application Auto Scaling: the
variant's instance count becomes a scalable target with the recommended capacity range, and
each recommended target-tracking policy is put on it.

Both are safe to re-run. A resource that exists under the name to be used is compared with
what would be created: the same configuration is adopted as it is; a different one is a
:class:`~irclient.errors.DeploymentConflictError`, never a replacement. Nothing is deleted.
With ``dry_run=True`` they return the exact write requests they would send, and send none:
a dry run only reads (the job, the resources that may exist, the scaling recommendation).

Every request goes through the client's :class:`~irclient.RetryPolicy` and raises
:mod:`irclient.errors` exceptions.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._utils.extras import progress_bar_class
from ..errors import (
    DeploymentConflictError,
    DeploymentError,
    IRClientError,
    ValidationError,
    Violation,
    WaitTimeoutError,
)
from ..models.shapes import (
    DescribeInferenceRecommendationsJobResponse,
    GetScalingConfigurationRecommendationResponse,
    InferenceRecommendation,
    ScalingPolicyObjective,
)
from ..retry import is_retryable
from ..validation._patterns import compile_pattern
from . import _display
from ._converge import Calls, create_or_adopt, differences, existing

if TYPE_CHECKING:
    from ..analysis import Benchmark
    from ..client import InferenceRecommenderClient

__all__ = [
    "DEFAULT_VARIANT_NAME",
    "Deployment",
    "PlannedRequest",
    "ScalingDeployment",
    "apply_scaling_recommendation",
    "deploy_recommendation",
    "derived_names",
    "resolve_recommendation",
]

logger = logging.getLogger("irclient")

DEFAULT_VARIANT_NAME: Final = "AllTraffic"
"""The variant name when none is given (the SageMaker Python SDK's default too)."""

_NAME_MAX: Final = 63
"""Longest model, endpoint configuration and endpoint name SageMaker accepts."""
_NAME_PATTERN: Final = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
"""The pattern of those names (and of variant names) in SageMaker's service model."""
_HASH: Final = 8

_SCALING_NAMESPACE: Final = "sagemaker"
_SCALABLE_DIMENSION: Final = "sagemaker:variant:DesiredInstanceCount"
_POLICY_NAME_MAX: Final = 256
# Customised SageMaker metrics are per endpoint and variant: the policy must name both.
_ENDPOINT_NAMESPACES: Final = frozenset({"AWS/SageMaker", "/aws/sagemaker/Endpoints"})

_ENDPOINT_DONE: Final = frozenset({"InService"})
_ENDPOINT_FAILED: Final = frozenset({"Failed", "OutOfService", "RollingBack"})


# --------------------------------------------------------------------------- results


@attrs.frozen(kw_only=True)
class PlannedRequest:
    """One write request, in boto3's wire form: what was sent, or would be in a dry run."""

    service: str
    """The boto3 name of the service the request is for (``sagemaker``,
    ``application-autoscaling``)."""
    operation: str
    """The API operation (``CreateModel``, ``PutScalingPolicy``, ...)."""
    params: dict[str, Any]
    """The request's parameters, exactly as boto3 takes them."""

    def to_dict(self) -> dict[str, Any]:
        """The request as plain JSON-able data."""
        return {"Service": self.service, "Operation": self.operation, "Params": self.params}


@attrs.frozen(kw_only=True)
class Deployment:
    """What :func:`deploy_recommendation` did, or would do in a dry run."""

    job_name: str
    """The job the recommendation came from."""
    recommendation_id: str
    """The recommendation deployed."""
    model_name: str
    """The model the variant serves (the job's own, or one made for the recommendation)."""
    endpoint_config_name: str
    """The endpoint configuration."""
    endpoint_name: str
    """The endpoint."""
    variant_name: str
    """The production variant."""
    requests: tuple[PlannedRequest, ...]
    """The write requests sent (or, in a dry run, that would be), in order."""
    created: tuple[str, ...]
    """Kinds of resource created (``model``, ``endpoint configuration``, ``endpoint``)."""
    adopted: tuple[str, ...]
    """Kinds of resource that existed with the same configuration and were kept."""
    dry_run: bool
    """Whether nothing was sent."""
    endpoint_status: str | None = None
    """The endpoint's status when the call returned (``InService`` after a wait)."""
    scaling: ScalingDeployment | None = None
    """The autoscaling applied, when ``autoscale=True``."""

    def __str__(self) -> str:
        """What was made or kept, one line per resource (the command line's summary)."""
        return _display.deployment_text(self)

    def _irclient_summary(self) -> str:  # irclient.display.summary's hook
        return _display.deployment_text(self)

    def _irclient_html(self) -> str:  # irclient.display.render_html's hook
        return _display.deployment_html(self)

    def _repr_html_(self) -> str:
        return _display.deployment_html(self)


@attrs.frozen(kw_only=True)
class ScalingDeployment:
    """What :func:`apply_scaling_recommendation` did, or would do in a dry run."""

    resource_id: str
    """The Application Auto Scaling resource (``endpoint/NAME/variant/VARIANT``)."""
    scalable_dimension: str
    """``sagemaker:variant:DesiredInstanceCount``."""
    policy_names: tuple[str, ...]
    """The target-tracking policies, one per recommended policy."""
    recommendation: GetScalingConfigurationRecommendationResponse
    """The ``GetScalingConfigurationRecommendation`` response applied."""
    requests: tuple[PlannedRequest, ...]
    """The write requests sent (or, in a dry run, that would be), in order."""
    created: tuple[str, ...]
    """Kinds of resource created or put (``scalable target``, ``scaling policy NAME``)."""
    adopted: tuple[str, ...]
    """Kinds of resource that existed with the same configuration and were kept."""
    dry_run: bool
    """Whether nothing was sent."""

    def __str__(self) -> str:
        """What was put in place, one line each."""
        return _display.scaling_text(self)

    def _irclient_summary(self) -> str:  # irclient.display.summary's hook
        return _display.scaling_text(self)

    def _irclient_html(self) -> str:  # irclient.display.render_html's hook
        return _display.scaling_html(self)

    def _repr_html_(self) -> str:
        return _display.scaling_html(self)


# --------------------------------------------------------------------------- names


def _short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:_HASH]


def _fit(base: str, suffix: str, limit: int = _NAME_MAX) -> str:
    """``base + suffix`` within ``limit``; a long base is cut and a hash of it keeps it unique."""
    if len(base) + len(suffix) <= limit:
        return base + suffix
    keep = limit - len(suffix) - _HASH - 1
    return f"{base[:keep].rstrip('-')}-{_short_hash(base)}{suffix}"


def derived_names(job_name: str, recommendation_id: str) -> dict[str, str]:
    """The default names of a recommendation's model, endpoint configuration and endpoint.

    They are the job's name and a short hash of the recommendation ID, so that re-running a
    deployment finds the same names and two recommendations of one job never collide; each
    stays within SageMaker's 63 characters.

    Args:
        job_name: The job.
        recommendation_id: The recommendation.

    Returns:
        ``{"endpoint_name": ..., "endpoint_config_name": ..., "model_name": ...}``.
    """
    endpoint = _fit(job_name, f"-{_short_hash(job_name, recommendation_id)}")
    return _names_from(endpoint)


def _names_from(endpoint_name: str) -> dict[str, str]:
    return {
        "endpoint_name": endpoint_name,
        "endpoint_config_name": _fit(endpoint_name, "-config"),
        "model_name": _fit(endpoint_name, "-model"),
    }


def _check_name(field: str, wire: str, value: object, out: list[Violation]) -> None:
    if not isinstance(value, str):
        out.append(Violation(field, "type", f"{wire} must be a string, got {value!r}"))
    elif not 1 <= len(value) <= _NAME_MAX:
        out.append(
            Violation(
                field,
                "max_length" if value else "min_length",
                f"{wire} {value!r} is {len(value)} characters; it must be 1 to {_NAME_MAX}",
            )
        )
    elif not compile_pattern(_NAME_PATTERN)(value):
        out.append(
            Violation(field, "pattern", f"{wire} {value!r} does not match {_NAME_PATTERN!r}")
        )


# --------------------------------------------------------------------------- the job


def _describe_job(
    client: InferenceRecommenderClient, job: str | DescribeInferenceRecommendationsJobResponse
) -> DescribeInferenceRecommendationsJobResponse:
    if isinstance(job, DescribeInferenceRecommendationsJobResponse):
        return job
    if not isinstance(job, str):
        raise TypeError(
            f"job must be a job name or its describe response, got {type(job).__name__}"
        )
    return client.describe_inference_recommendations_job(job_name=job)


def resolve_recommendation(
    job: DescribeInferenceRecommendationsJobResponse,
    recommendation: str | Benchmark | InferenceRecommendation,
) -> InferenceRecommendation:
    """The job's recommendation that ``recommendation`` stands for.

    Args:
        job: The completed job's describe response.
        recommendation: A recommendation ID; a :class:`~irclient.analysis.Benchmark` with a
            recommendation ID, or whose endpoint is one a recommendation names (a benchmark
            step of the job); or an :class:`~irclient.models.InferenceRecommendation`.

    Returns:
        The recommendation, as the job reports it.

    Raises:
        irclient.ValidationError: The job has not completed, or has no such recommendation.
        TypeError: ``recommendation`` is none of the above.
    """
    from ..analysis import Benchmark

    status = str(job.status)
    recommendations = job.inference_recommendations or ()
    if status != "COMPLETED" or not recommendations:
        raise ValidationError(
            [
                Violation(
                    "job",
                    "job_completed",
                    f"job {job.job_name!r} is {status} with {len(recommendations)} "
                    "recommendations; only a COMPLETED job's recommendations can be deployed",
                )
            ]
        )
    wanted_id: str | None
    wanted_endpoint: str | None = None
    if isinstance(recommendation, str):
        wanted_id = recommendation
    elif isinstance(recommendation, InferenceRecommendation):
        wanted_id = recommendation.recommendation_id
        wanted_endpoint = recommendation.endpoint_configuration.endpoint_name
    elif isinstance(recommendation, Benchmark):
        wanted_id = recommendation.recommendation_id
        wanted_endpoint = recommendation.endpoint_name
        if recommendation.job_name not in (None, job.job_name):
            raise ValidationError(
                [
                    Violation(
                        "recommendation",
                        "recommendation_in_job",
                        f"the benchmark is from job {recommendation.job_name!r}, "
                        f"not {job.job_name!r}",
                    )
                ]
            )
    else:
        raise TypeError(
            "recommendation must be a recommendation ID, a Benchmark or an "
            f"InferenceRecommendation, got {type(recommendation).__name__}"
        )
    for candidate in recommendations:
        if wanted_id is not None and candidate.recommendation_id == wanted_id:
            return candidate
    if wanted_id is None and wanted_endpoint is not None:
        for candidate in recommendations:
            if candidate.endpoint_configuration.endpoint_name == wanted_endpoint:
                return candidate
    shown = wanted_id if wanted_id is not None else f"endpoint {wanted_endpoint}"
    known = ", ".join(str(r.recommendation_id) for r in recommendations)
    raise ValidationError(
        [
            Violation(
                "recommendation",
                "recommendation_in_job",
                f"{shown!r} is not one of the recommendations of job {job.job_name!r} ({known})",
            )
        ]
    )


# --------------------------------------------------------------------------- models


def _converge_one(
    calls: Calls, service: Any, created: list[str], adopted: list[str], **what: Any
) -> None:
    made = create_or_adopt(calls, service, **what)
    (created if made else adopted).append(what["resource"])


def _planned(calls: Calls) -> tuple[PlannedRequest, ...]:
    return tuple(
        PlannedRequest(service=service, operation=operation, params=params)
        for service, operation, params in calls.writes
    )


def _environment(recommendation: InferenceRecommendation) -> dict[str, str]:
    config = recommendation.model_configuration
    if config is None or not config.environment_parameters:
        return {}
    return {p.key: p.value for p in config.environment_parameters}


def _model_plan(
    calls: Calls,
    sagemaker: Any,
    job: DescribeInferenceRecommendationsJobResponse,
    recommendation: InferenceRecommendation,
    model_name: str,
) -> tuple[str, dict[str, Any] | None]:
    """The model to serve, and the CreateModel request when one must be made (else None)."""
    config = job.input_config
    model_config = recommendation.model_configuration
    environment = _environment(recommendation)
    compilation = model_config.compilation_job_name if model_config is not None else None
    container: dict[str, Any]
    if config.model_name is not None:
        base = existing(calls, sagemaker, "DescribeModel", ModelName=config.model_name)
        if base is None:
            raise DeploymentError(
                f"the model of job {job.job_name!r}, {config.model_name!r}, does not exist"
            )
        if not environment and compilation is None:
            return config.model_name, None  # the job's own model, as it is
        containers = base.get("Containers") or []
        if "PrimaryContainer" in base:
            container = dict(base["PrimaryContainer"])
        elif len(containers) == 1:
            container = dict(containers[0])
        else:
            raise DeploymentError(
                f"model {config.model_name!r} is an inference pipeline of {len(containers)} "
                "containers; irclient cannot tell which one the recommendation's environment "
                "is for"
            )
        role = base["ExecutionRoleArn"]
        extra: dict[str, Any] = {
            # Copied only when set: an empty VpcConfig is not a valid request member.
            k: base[k]
            for k in ("VpcConfig", "EnableNetworkIsolation")
            if base.get(k) not in (None, {})
        }
    else:
        container = {"ModelPackageName": config.model_package_version_arn}
        if model_config is not None and model_config.inference_specification_name:
            container["InferenceSpecificationName"] = model_config.inference_specification_name
        role = job.role_arn
        extra = {}
    if compilation is not None:
        compiled = calls.read(sagemaker, "DescribeCompilationJob", CompilationJobName=compilation)
        artefacts = (compiled.get("ModelArtifacts") or {}).get("S3ModelArtifacts")
        image = compiled.get("InferenceImage")
        if not artefacts:
            raise DeploymentError(
                f"compilation job {compilation!r} has no model artefacts "
                f"(status {compiled.get('CompilationJobStatus')})"
            )
        container.pop("ModelPackageName", None)
        container.pop("InferenceSpecificationName", None)
        container.pop("ModelDataSource", None)
        container["ModelDataUrl"] = artefacts
        if image:
            container["Image"] = image
    if environment:
        container["Environment"] = {**(container.get("Environment") or {}), **environment}
    request: dict[str, Any] = {
        "ModelName": model_name,
        "ExecutionRoleArn": role,
        "PrimaryContainer": container,
        **extra,
    }
    return model_name, request


def _variant(
    recommendation: InferenceRecommendation, model_name: str, variant_name: str
) -> dict[str, Any]:
    endpoint = recommendation.endpoint_configuration
    variant: dict[str, Any] = {"VariantName": variant_name, "ModelName": model_name}
    if endpoint.serverless_config is not None:
        variant["ServerlessConfig"] = endpoint.serverless_config.to_dict()
    else:
        variant["InstanceType"] = str(endpoint.instance_type)
        variant["InitialInstanceCount"] = int(endpoint.initial_instance_count or 1)
    return variant


# --------------------------------------------------------------------------- deploy


def deploy_recommendation(
    client: InferenceRecommenderClient,
    job: str | DescribeInferenceRecommendationsJobResponse,
    recommendation: str | Benchmark | InferenceRecommendation,
    *,
    endpoint_name: str | None = None,
    endpoint_config_name: str | None = None,
    model_name: str | None = None,
    variant_name: str = DEFAULT_VARIANT_NAME,
    tags: Mapping[str, str] | None = None,
    wait: bool = True,
    poll_interval: float = 30.0,
    timeout: float | None = None,
    on_poll: Callable[[dict[str, Any]], object] | None = None,
    progress: bool = False,
    dry_run: bool = False,
    autoscale: bool = False,
    target_cpu_utilization_per_core: int | None = None,
    scaling_policy_objective: ScalingPolicyObjective | None = None,
    autoscaling_client: Any = None,
) -> Deployment:
    """Deploys one recommendation of a completed job as a SageMaker endpoint.

    Makes (or adopts) the model, an endpoint configuration whose single variant matches the
    recommendation, and the endpoint; then waits for ``InService``. See the module
    documentation for what is created and how a re-run behaves.

    Args:
        client: The client whose boto3 SageMaker client, retry policy and clock are used.
        job: The completed job's name, or its describe response.
        recommendation: A recommendation ID, a :class:`~irclient.analysis.Benchmark` (as
            :func:`~irclient.analysis.best` returns) or an
            :class:`~irclient.models.InferenceRecommendation`.
        endpoint_name: The endpoint's name; derived from the job and the recommendation
            when ``None`` (see :func:`derived_names`).
        endpoint_config_name: The endpoint configuration's name; ``ENDPOINT-config`` when
            ``None``.
        model_name: The name of the model made for the recommendation (``ENDPOINT-model``
            when ``None``); unused when the job's own model is served as it is.
        variant_name: The production variant's name.
        tags: Tags for every resource created.
        wait: Wait until the endpoint is ``InService``.
        poll_interval: Seconds between two looks at the endpoint while waiting.
        timeout: Seconds after which to stop waiting, or ``None`` to wait as long as it
            takes.
        on_poll: Called with every ``DescribeEndpoint`` response while waiting.
        progress: Show the endpoint's status in a progress bar while waiting (needs tqdm).
        dry_run: Send no write request; return the requests that would be sent.
        autoscale: Then apply the recommendation's autoscaling policy
            (:func:`apply_scaling_recommendation`); instance-based variants only.
        target_cpu_utilization_per_core: For ``autoscale``: the CPU use per core to scale
            at (1-100; the service's default, 50, when ``None``).
        scaling_policy_objective: For ``autoscale``: the anticipated traffic.
        autoscaling_client: For ``autoscale``: the boto3 Application Auto Scaling client;
            ``client.aws_client("application-autoscaling")`` when ``None``.

    Returns:
        The names used, the requests sent, and what was created or adopted.

    Raises:
        irclient.ValidationError: The job has not completed, the recommendation is not one
            of its own, a name breaks SageMaker's rules, or ``autoscale`` is asked for a
            serverless recommendation; nothing was sent.
        irclient.DeploymentConflictError: A resource of one of the names exists with a
            different configuration; nothing more was sent.
        irclient.DeploymentError: The job's model is missing, or the endpoint failed.
        irclient.WaitTimeoutError: ``timeout`` passed before the endpoint was ``InService``.
    """
    # Checked before anything is sent, so that a bad argument never leaves half a deployment.
    if poll_interval < 0:
        raise ValueError(f"poll_interval must be >= 0, got {poll_interval!r}")
    if timeout is not None and timeout < 0:
        raise ValueError(f"timeout must be >= 0 or None, got {timeout!r}")
    if progress and wait and not dry_run:
        _tqdm()  # without tqdm, fail now rather than once the endpoint is being created
    described = _describe_job(client, job)
    chosen = resolve_recommendation(described, recommendation)
    rec_id = str(chosen.recommendation_id)
    names = (
        _names_from(endpoint_name)
        if endpoint_name is not None
        else derived_names(described.job_name, rec_id)
    )
    if endpoint_config_name is not None:
        names["endpoint_config_name"] = endpoint_config_name
    if model_name is not None:
        names["model_name"] = model_name
    problems: list[Violation] = []
    for field, wire in (
        ("endpoint_name", "EndpointName"),
        ("endpoint_config_name", "EndpointConfigName"),
        ("model_name", "ModelName"),
    ):
        _check_name(field, wire, names[field], problems)
    _check_name("variant_name", "VariantName", variant_name, problems)
    if autoscale and chosen.endpoint_configuration.serverless_config is not None:
        problems.append(
            Violation(
                "autoscale",
                "instance_variant",
                f"recommendation {rec_id!r} is serverless; Application Auto Scaling scales "
                "the instance count of instance-based variants only",
            )
        )
    if problems:
        raise ValidationError(problems)

    sagemaker = client.boto3_client
    calls = Calls(client.retry, dry_run=dry_run)
    created: list[str] = []
    adopted: list[str] = []
    tag_list = [{"Key": k, "Value": v} for k, v in (tags or {}).items()]
    tagged = {"Tags": tag_list} if tag_list else {}

    served, model_request = _model_plan(calls, sagemaker, described, chosen, names["model_name"])
    if model_request is not None:
        _converge_one(
            calls,
            sagemaker,
            created,
            adopted,
            resource="model",
            name=served,
            describe=("DescribeModel", {"ModelName": served}),
            create=("CreateModel", {**model_request, **tagged}),
            compare={k: v for k, v in model_request.items() if k != "ModelName"},
        )
    variant = _variant(chosen, served, variant_name)
    config_name = names["endpoint_config_name"]
    _converge_one(
        calls,
        sagemaker,
        created,
        adopted,
        resource="endpoint configuration",
        name=config_name,
        describe=("DescribeEndpointConfig", {"EndpointConfigName": config_name}),
        create=(
            "CreateEndpointConfig",
            {"EndpointConfigName": config_name, "ProductionVariants": [variant], **tagged},
        ),
        compare={"ProductionVariants": [variant]},
    )
    name = names["endpoint_name"]
    _converge_one(
        calls,
        sagemaker,
        created,
        adopted,
        resource="endpoint",
        name=name,
        describe=("DescribeEndpoint", {"EndpointName": name}),
        create=(
            "CreateEndpoint",
            {"EndpointName": name, "EndpointConfigName": config_name, **tagged},
        ),
        compare={"EndpointConfigName": config_name},
    )
    status = None
    if wait and not dry_run:
        status = _wait_for_endpoint(
            client,
            calls,
            name,
            poll_interval=poll_interval,
            timeout=timeout,
            on_poll=on_poll,
            progress=progress,
        )
    scaling = None
    if autoscale:
        scaling = apply_scaling_recommendation(
            client,
            described,
            chosen,
            endpoint_name=name,
            variant_name=variant_name,
            target_cpu_utilization_per_core=target_cpu_utilization_per_core,
            scaling_policy_objective=scaling_policy_objective,
            dry_run=dry_run,
            autoscaling_client=autoscaling_client,
        )
    return Deployment(
        job_name=described.job_name,
        recommendation_id=rec_id,
        model_name=served,
        endpoint_config_name=config_name,
        endpoint_name=name,
        variant_name=variant_name,
        requests=_planned(calls),
        created=tuple(created),
        adopted=tuple(adopted),
        dry_run=dry_run,
        endpoint_status=status,
        scaling=scaling,
    )


def _wait_for_endpoint(
    client: InferenceRecommenderClient,
    calls: Calls,
    endpoint_name: str,
    *,
    poll_interval: float,
    timeout: float | None,
    on_poll: Callable[[dict[str, Any]], object] | None,
    progress: bool,
) -> str:
    bar = _progress_bar(endpoint_name) if progress else None
    policy = client.retry
    started = policy.clock()
    status: str | None = None
    try:
        while True:
            try:
                described = calls.read(
                    client.boto3_client, "DescribeEndpoint", EndpointName=endpoint_name
                )
            except IRClientError as exc:
                if not is_retryable(exc):
                    raise
                logger.warning("waiting for endpoint %r: poll failed (%s)", endpoint_name, exc)
            else:
                status = str(described.get("EndpointStatus"))
                if on_poll is not None:
                    on_poll(described)
                if bar is not None:
                    bar.set_postfix_str(status)
                if status in _ENDPOINT_DONE:
                    if bar is not None:
                        bar.update(1)
                    return status
                if status in _ENDPOINT_FAILED:
                    reason = described.get("FailureReason") or "no reason given"
                    raise DeploymentError(f"endpoint {endpoint_name!r} is {status}: {reason}")
            if timeout is None:
                policy.sleep(poll_interval)
                continue
            left = timeout - (policy.clock() - started)
            if left <= 0:
                raise WaitTimeoutError(endpoint_name, timeout, status, what="endpoint")
            policy.sleep(min(poll_interval, left))
    finally:
        if bar is not None:
            bar.close()


def _tqdm() -> Any:
    return progress_bar_class("progress=True")


def _progress_bar(endpoint_name: str) -> Any:
    return _tqdm()(total=1, desc=endpoint_name, unit="endpoint")


# --------------------------------------------------------------------------- autoscaling


def _policy_name(endpoint_name: str, variant_name: str, metric: str) -> str:
    return _fit(f"{endpoint_name}-{variant_name}", f"-{metric}", _POLICY_NAME_MAX)


def _policy_configuration(
    policy: Any, scaling: Any, endpoint_name: str, variant_name: str
) -> tuple[str, dict[str, Any]]:
    """(metric label, TargetTrackingScalingPolicyConfiguration) of one recommended policy."""
    tracking = policy.target_tracking
    spec = tracking.metric_specification
    configuration: dict[str, Any] = {"TargetValue": float(tracking.target_value)}
    if spec.predefined is not None:
        metric = str(spec.predefined.predefined_metric_type)
        configuration["PredefinedMetricSpecification"] = {"PredefinedMetricType": metric}
    else:
        custom = spec.customized
        metric = str(custom.metric_name)
        metric_spec: dict[str, Any] = {
            "MetricName": custom.metric_name,
            "Namespace": custom.namespace,
            "Statistic": str(custom.statistic),
        }
        if custom.namespace in _ENDPOINT_NAMESPACES:
            metric_spec["Dimensions"] = [
                {"Name": "EndpointName", "Value": endpoint_name},
                {"Name": "VariantName", "Value": variant_name},
            ]
        configuration["CustomizedMetricSpecification"] = metric_spec
    if scaling.scale_in_cooldown is not None:
        configuration["ScaleInCooldown"] = int(scaling.scale_in_cooldown)
    if scaling.scale_out_cooldown is not None:
        configuration["ScaleOutCooldown"] = int(scaling.scale_out_cooldown)
    return metric, configuration


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
    target value and cooldowns. An existing target or policy with the same settings is
    kept; different settings are a :class:`~irclient.errors.DeploymentConflictError`.

    Args:
        client: The client (retry policy; the SageMaker client the autoscaling client is
            made like).
        job: The completed job's name, or its describe response.
        recommendation: The recommendation the endpoint serves (ID, Benchmark, or model).
        endpoint_name: The endpoint.
        variant_name: Its production variant.
        target_cpu_utilization_per_core: The CPU use per core to scale at (1-100).
        scaling_policy_objective: The anticipated traffic pattern.
        scaling: A ``GetScalingConfigurationRecommendation`` response to apply as it is,
            instead of asking for one.
        dry_run: Send no write request; return the requests that would be sent.
        autoscaling_client: A boto3 Application Auto Scaling client; when ``None``,
            ``client.aws_client("application-autoscaling")`` (same session, Region and
            endpoint as the SageMaker client).

    Returns:
        The scalable target, the policies, the requests and what was created or adopted.

    Raises:
        irclient.ValidationError: The recommendation is not the job's, or the scaling
            recommendation has no capacity range.
        irclient.DeploymentConflictError: The target or a policy exists with other settings.
    """
    described = _describe_job(client, job)
    chosen = resolve_recommendation(described, recommendation)
    if scaling is None:
        scaling = client.get_scaling_configuration_recommendation(
            inference_recommendations_job_name=described.job_name,
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
    service = autoscaling_client
    if service is None:
        service = client.aws_client("application-autoscaling")
    calls = Calls(client.retry, dry_run=dry_run)
    created: list[str] = []
    adopted: list[str] = []
    resource_id = f"endpoint/{endpoint_name}/variant/{variant_name}"
    where = {
        "ServiceNamespace": _SCALING_NAMESPACE,
        "ResourceId": resource_id,
        "ScalableDimension": _SCALABLE_DIMENSION,
    }
    target = {**where, "MinCapacity": dynamic.min_capacity, "MaxCapacity": dynamic.max_capacity}
    found = (
        calls.read(
            service,
            "DescribeScalableTargets",
            ServiceNamespace=_SCALING_NAMESPACE,
            ResourceIds=[resource_id],
            ScalableDimension=_SCALABLE_DIMENSION,
        ).get("ScalableTargets")
        or []
    )
    mine = [t for t in found if t.get("ResourceId") == resource_id]
    if mine:
        changed = differences(target, mine[0])
        if changed:
            raise DeploymentConflictError("scalable target", resource_id, changed)
        adopted.append("scalable target")
    else:
        calls.write(service, "RegisterScalableTarget", target)
        created.append("scalable target")

    names = []
    for policy in dynamic.scaling_policies or ():
        if policy.target_tracking is None or policy.target_tracking.metric_specification is None:
            continue  # a kind of policy this version of irclient does not know: not applied
        metric, configuration = _policy_configuration(policy, dynamic, endpoint_name, variant_name)
        name = _policy_name(endpoint_name, variant_name, metric)
        names.append(name)
        request = {
            **where,
            "PolicyName": name,
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": configuration,
        }
        existing = (
            calls.read(service, "DescribeScalingPolicies", PolicyNames=[name], **where).get(
                "ScalingPolicies"
            )
            or []
        )
        same_name = [p for p in existing if p.get("PolicyName") == name]
        if same_name:
            compare = {
                "PolicyType": "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration": configuration,
            }
            changed = differences(compare, same_name[0])
            if changed:
                raise DeploymentConflictError("scaling policy", name, changed)
            adopted.append(f"scaling policy {name}")
            continue
        calls.write(service, "PutScalingPolicy", request)
        created.append(f"scaling policy {name}")
    return ScalingDeployment(
        resource_id=resource_id,
        scalable_dimension=_SCALABLE_DIMENSION,
        policy_names=tuple(names),
        recommendation=scaling,
        requests=_planned(calls),
        created=tuple(created),
        adopted=tuple(adopted),
        dry_run=dry_run,
    )
