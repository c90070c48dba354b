"""The endpoint plan: the model, endpoint configuration and endpoint a recommendation needs.

The model served is the job's own when the recommendation changes nothing about it. When the
recommendation names environment variables (or compiled artefacts), a copy is made, and its
environment follows one rule: the base model's variables are never replaced. A variable the
base model does not set is added; one it sets is kept as it is, and the recommendation's
value for it is reported as not applied. Whoever created the job cannot, through a
recommendation, change what the base model runs (``SAGEMAKER_SUBMIT_DIRECTORY``, say) under
the base model's execution role.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import DeploymentError
from ..models.shapes import DescribeInferenceRecommendationsJobResponse, InferenceRecommendation
from ._converge import Desired, DryRunAwareSender, existing

__all__ = ["ModelPlan", "endpoint_resources", "model_plan"]


@attrs.frozen(kw_only=True)
class ModelPlan:
    """The model to serve, and the CreateModel request when one must be made."""

    name: str
    request: dict[str, Any] | None
    environment_added: dict[str, str]
    environment_kept: tuple[str, ...]


def _recommended_environment(recommendation: InferenceRecommendation) -> dict[str, str]:
    config = recommendation.model_configuration
    if config is None or not config.environment_parameters:
        return {}
    return {p.key: p.value for p in config.environment_parameters}


def _split_environment(
    base: Mapping[str, str], recommended: Mapping[str, str]
) -> tuple[dict[str, str], tuple[str, ...]]:
    """(variables to add, variables the base sets otherwise and keeps)."""
    added = {k: v for k, v in recommended.items() if k not in base}
    kept = tuple(sorted(k for k, v in recommended.items() if k in base and base[k] != v))
    return added, kept


def _base_container(
    sender: DryRunAwareSender, sagemaker: Any, job: DescribeInferenceRecommendationsJobResponse
) -> tuple[dict[str, Any] | None, str, dict[str, Any]]:
    """(container, execution role, other CreateModel members) of the job's own model.

    The container is ``None`` when there is not exactly one (an inference pipeline).
    """
    name = job.input_config.model_name
    base = existing(sender, sagemaker, "DescribeModel", ModelName=name)
    if base is None:
        raise DeploymentError(f"the model of job {job.job_name!r}, {name!r}, does not exist")
    containers = base.get("Containers") or []
    container = None
    if "PrimaryContainer" in base:
        container = dict(base["PrimaryContainer"])
    elif len(containers) == 1:
        container = dict(containers[0])
    extra = {
        # Copied only when set: an empty VpcConfig is not a valid request member.
        k: base[k]
        for k in ("VpcConfig", "EnableNetworkIsolation")
        if base.get(k) not in (None, {})
    }
    return container, base["ExecutionRoleArn"], extra


def _package_environment(sender: DryRunAwareSender, sagemaker: Any, arn: str) -> dict[str, str]:
    """Every variable a model package's containers set (the package is the base model)."""
    package = existing(sender, sagemaker, "DescribeModelPackage", ModelPackageName=arn)
    if package is None:
        raise DeploymentError(
            f"model package {arn!r} cannot be read, so irclient cannot tell which environment "
            "variables it sets (the recommendation's must not replace them)"
        )
    specs = [package.get("InferenceSpecification") or {}]
    specs += list(package.get("AdditionalInferenceSpecifications") or [])
    environment: dict[str, str] = {}
    for spec in specs:
        for container in spec.get("Containers") or []:
            environment.update(container.get("Environment") or {})
    return environment


def _compiled(sender: DryRunAwareSender, sagemaker: Any, compilation: str) -> dict[str, Any]:
    compiled = sender.read(sagemaker, "DescribeCompilationJob", CompilationJobName=compilation)
    artefacts = (compiled.get("ModelArtifacts") or {}).get("S3ModelArtifacts")
    if not artefacts:
        raise DeploymentError(
            f"compilation job {compilation!r} has no model artefacts "
            f"(status {compiled.get('CompilationJobStatus')})"
        )
    image = compiled.get("InferenceImage")
    return {"ModelDataUrl": artefacts, **({"Image": image} if image else {})}


def model_plan(
    sender: DryRunAwareSender,
    sagemaker: Any,
    job: DescribeInferenceRecommendationsJobResponse,
    recommendation: InferenceRecommendation,
    model_name: str,
) -> ModelPlan:
    """The model to serve (reads the job's model, package or compilation job; writes nothing)."""
    config = job.input_config
    model_config = recommendation.model_configuration
    recommended = _recommended_environment(recommendation)
    compilation = model_config.compilation_job_name if model_config is not None else None
    if config.model_name is not None:
        found, role, extra = _base_container(sender, sagemaker, job)
        if found is None and not recommended and compilation is None:
            return ModelPlan(
                name=config.model_name, request=None, environment_added={}, environment_kept=()
            )
        if found is None:
            raise DeploymentError(
                f"model {config.model_name!r} is an inference pipeline; irclient cannot "
                "tell which container the recommendation's environment is for"
            )
        container = found
        base_environment = dict(container.get("Environment") or {})
    else:
        container = {"ModelPackageName": config.model_package_version_arn}
        if model_config is not None and model_config.inference_specification_name:
            container["InferenceSpecificationName"] = model_config.inference_specification_name
        role, extra = job.role_arn, {}
        base_environment = (
            _package_environment(sender, sagemaker, str(config.model_package_version_arn))
            if recommended
            else {}
        )
    added, kept = _split_environment(base_environment, recommended)
    if config.model_name is not None and not added and compilation is None:
        # The job's own model, as it is.
        return ModelPlan(
            name=config.model_name, request=None, environment_added={}, environment_kept=kept
        )
    if compilation is not None:
        for member in ("ModelPackageName", "InferenceSpecificationName", "ModelDataSource"):
            container.pop(member, None)
        container.update(_compiled(sender, sagemaker, compilation))
    if added:
        container["Environment"] = {**(container.get("Environment") or {}), **added}
    request = {"ModelName": model_name, "ExecutionRoleArn": role, "PrimaryContainer": container}
    return ModelPlan(
        name=model_name,
        request={**request, **extra},
        environment_added=added,
        environment_kept=kept,
    )


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


def _sagemaker_resource(
    sagemaker: Any,
    kind: str,
    member: str,
    name: str,
    create: dict[str, Any],
    compare: dict[str, Any],
    tags: dict[str, Any],
) -> Desired:
    """A SageMaker model, endpoint configuration or endpoint, named by ``member``."""
    noun = member.removesuffix("Name")  # Model, EndpointConfig, Endpoint
    dashed = re.sub(r"(?<!^)(?=[A-Z])", "-", noun).lower()  # model, endpoint-config
    return Desired(
        kind=kind,
        label=kind,
        name=name,
        service=sagemaker,
        find=lambda sender: existing(sender, sagemaker, f"Describe{noun}", **{member: name}),
        create=(f"Create{noun}", {**create, **tags}),
        compare=compare,
        remove=("aws", "sagemaker", f"delete-{dashed}", f"--{dashed}-name", name),
    )


def endpoint_resources(
    sagemaker: Any,
    model: ModelPlan,
    recommendation: InferenceRecommendation,
    names: Mapping[str, str],
    variant_name: str,
    tags: Mapping[str, str] | None,
) -> tuple[Desired, ...]:
    """The model (when one is made), endpoint configuration and endpoint, in order."""
    tag_list = [{"Key": k, "Value": v} for k, v in (tags or {}).items()]
    tagged = {"Tags": tag_list} if tag_list else {}
    out = []
    if model.request is not None:
        compare = {k: v for k, v in model.request.items() if k != "ModelName"}
        out.append(
            _sagemaker_resource(
                sagemaker, "model", "ModelName", model.name, model.request, compare, tagged
            )
        )
    variant = _variant(recommendation, model.name, variant_name)
    config_name = names["endpoint_config_name"]
    out.append(
        _sagemaker_resource(
            sagemaker,
            "endpoint configuration",
            "EndpointConfigName",
            config_name,
            {"EndpointConfigName": config_name, "ProductionVariants": [variant]},
            {"ProductionVariants": [variant]},
            tagged,
        )
    )
    endpoint = names["endpoint_name"]
    out.append(
        _sagemaker_resource(
            sagemaker,
            "endpoint",
            "EndpointName",
            endpoint,
            {"EndpointName": endpoint, "EndpointConfigName": config_name},
            {"EndpointConfigName": config_name},
            tagged,
        )
    )
    return tuple(out)
