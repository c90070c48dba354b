"""What a job names must exist: models, model packages and endpoints, checked as AWS does.

AWS's SageMaker refuses a create whose request names something that does not exist with a
``ValidationException`` (``Could not find model ...``), before any job exists; the
Inference Recommender reference lists no ``ResourceNotFound`` for
``CreateInferenceRecommendationsJob``. So does the simulator, against moto's SageMaker state
of the same account and Region:

* ``ModelName`` - a model created with ``CreateModel``;
* ``ModelPackageVersionArn`` - a model package version; its ``Domain``, ``Task``,
  ``SamplePayloadUrl``, its first container's ``Framework``, ``FrameworkVersion`` and
  ``NearestModelName``, and its ``SupportedRealtimeInferenceInstanceTypes`` stand in for a
  ``ContainerConfig`` the request does not give (a given ``ContainerConfig`` overrides them,
  as AWS documents);
* ``Endpoints`` (an Advanced job's existing endpoint; the member allows one) - an endpoint
  whose configuration has exactly one production variant, real-time, not multi-model, with
  no autoscaling attached (AWS's documented exclusions for benchmarking an existing
  endpoint); its instance type and count are what the job measures.

moto is reached through :class:`SageMakerResources`, which ``_moto`` implements.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import attrs

from ...models.shapes import CreateInferenceRecommendationsJobRequest
from ._requests import invalid

__all__ = ["EndpointFacts", "References", "SageMakerResources", "resolve"]


@attrs.frozen
class EndpointFacts:
    """What the simulator needs of an existing endpoint."""

    variants: tuple[Mapping[str, Any], ...]
    """Its endpoint configuration's ``ProductionVariants``, in wire form."""
    autoscaled: bool
    """Whether a variant is registered with Application Auto Scaling."""
    status: str = "InService"
    """``EndpointStatus``."""


class SageMakerResources(Protocol):
    """The SageMaker resources of one account and Region (moto's, in the simulator)."""

    def model(self, name: str) -> Mapping[str, Any] | None:
        """``DescribeModel``'s answer (wire form), or None if there is no such model."""
        ...

    def model_package(self, arn: str) -> Mapping[str, Any] | None:
        """``DescribeModelPackage``'s answer (wire form), or None."""
        ...

    def endpoint(self, name: str) -> EndpointFacts | None:
        """The endpoint's facts, or None if there is no such endpoint."""
        ...

    def create_compilation_job(
        self, name: str, *, role_arn: str, source: Mapping[str, Any], output_uri: str, device: str
    ) -> None:
        """Create a (finished) compilation job, as a compiled benchmark leaves behind."""
        ...


@attrs.frozen
class References:
    """What a create request names, looked up."""

    container: dict[str, Any] | None
    """The container config the job runs with, in wire form."""
    model_source: dict[str, Any]
    """The model's image and artifacts (``Image``, ``ModelDataUrl``), as far as known."""
    endpoints: tuple[tuple[str, Mapping[str, Any]], ...]
    """Each existing endpoint's name and its one production variant."""


def _arn(partition: str, region: str, account: str, kind: str, name: str) -> str:
    return f"arn:{partition}:sagemaker:{region}:{account}:{kind}/{name}"


def _package_container(package: Mapping[str, Any]) -> dict[str, Any]:
    spec = package.get("InferenceSpecification") or {}
    first = (spec.get("Containers") or [{}])[0]
    container: dict[str, Any] = {
        "Domain": package.get("Domain"),
        "Task": package.get("Task"),
        "Framework": first.get("Framework"),
        "FrameworkVersion": first.get("FrameworkVersion"),
        "NearestModelName": first.get("NearestModelName"),
        "SupportedInstanceTypes": spec.get("SupportedRealtimeInferenceInstanceTypes"),
    }
    if package.get("SamplePayloadUrl"):
        container["PayloadConfig"] = {
            "SamplePayloadUrl": package["SamplePayloadUrl"],
            "SupportedContentTypes": spec.get("SupportedContentTypes") or [],
        }
    return {key: value for key, value in container.items() if value}


def resolve(
    request: CreateInferenceRecommendationsJobRequest,
    resources: SageMakerResources,
    *,
    partition: str,
    region: str,
    account: str,
) -> References:
    """Look up everything ``request`` names; refuse it as AWS does if something is missing.

    Raises:
        SimulatedError: A ``ValidationException`` naming what does not exist or cannot be
            benchmarked.
    """
    config = request.input_config
    container = config.container_config.to_dict() if config.container_config else None
    source: dict[str, Any] = {}
    if config.model_name is not None:
        model = resources.model(config.model_name)
        if model is None:
            arn = _arn(partition, region, account, "model", config.model_name)
            raise invalid(f"Could not find model '{arn}'.")
        primary = model.get("PrimaryContainer") or (model.get("Containers") or [{}])[0]
        source = {k: primary[k] for k in ("Image", "ModelDataUrl") if primary.get(k)}
    if config.model_package_version_arn is not None:
        arn = config.model_package_version_arn
        package = resources.model_package(arn)
        if package is None:
            raise invalid(f"Model package version '{arn}' does not exist.")
        if container is None:
            container = _package_container(package) or None
        first = ((package.get("InferenceSpecification") or {}).get("Containers") or [{}])[0]
        source = {k: first[k] for k in ("Image", "ModelDataUrl") if first.get(k)}
    endpoints: list[tuple[str, Mapping[str, Any]]] = []
    for endpoint in config.endpoints or ():
        # The validator requires the name (a prose rule), so it is there by now.
        name = str(endpoint.endpoint_name)
        endpoints.append((name, _existing_endpoint(name, resources)))
    return References(container=container, model_source=source, endpoints=tuple(endpoints))


def _existing_endpoint(name: str, resources: SageMakerResources) -> Mapping[str, Any]:
    facts = resources.endpoint(name)
    if facts is None:
        raise invalid(f"Could not find endpoint '{name}'.")
    if len(facts.variants) != 1:
        raise invalid(
            f"Endpoint '{name}' has {len(facts.variants)} production variants; an "
            "Inference Recommender job can benchmark an endpoint with only one variant."
        )
    (variant,) = facts.variants
    if variant.get("ServerlessConfig") or not variant.get("InstanceType"):
        raise invalid(
            f"Endpoint '{name}' is serverless; benchmarking an existing endpoint is only "
            "supported for real-time inference."
        )
    if facts.autoscaled:
        raise invalid(
            f"Endpoint '{name}' has autoscaling enabled; an Inference Recommender job cannot "
            "benchmark an endpoint that enables autoscaling."
        )
    if _multi_model(resources.model(str(variant.get("ModelName") or ""))):
        raise invalid(
            f"Endpoint '{name}' is a multi-model endpoint; benchmarking an existing endpoint "
            "does not support multi-model endpoints."
        )
    return variant


def _multi_model(model: Mapping[str, Any] | None) -> bool:
    """Whether a model (``DescribeModel``'s answer) serves many models from one container."""
    if model is None:
        return False
    containers = [model.get("PrimaryContainer") or {}, *(model.get("Containers") or ())]
    return any(container.get("Mode") == "MultiModel" for container in containers)
