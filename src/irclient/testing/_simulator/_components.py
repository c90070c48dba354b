"""Inference components: the six operations moto does not implement, on the simulator's clock.

An inference component places copies of one model (or, for a LoRA adapter, one adapter on a
base component) on the instances of an endpoint whose configuration is made for inference
components: a production variant with an instance type and count but no ``ModelName``.

* Lifecycle: ``Creating`` then ``InService``; an update is ``Updating`` then ``InService``; a
  delete is ``Deleting``, then the component is gone. Each runs on a :class:`Timeline` under
  moto's transition for ``sagemaker::inference-component`` (immediate unless set), so
  ``state_manager.set_transition`` paces it as it paces the jobs. ``CurrentCopyCount`` is 0
  until the component is in service, then the desired count.
* Checks, as AWS makes them: the request against the service model (``_requests.parse``);
  names unique regardless of case; the endpoint exists, is configured for inference
  components and has the variant; the model exists; a base component exists on the same
  endpoint (adapters take no runtime configuration nor compute requirements of their own);
  an update or a copy-count change needs a component in service; a base component with
  adapters is not deleted.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from ...models.shapes import (
    CreateInferenceComponentInput,
    DeleteInferenceComponentInput,
    DescribeInferenceComponentInput,
    InferenceComponentSpecification,
    ListInferenceComponentsInput,
    UpdateInferenceComponentInput,
    UpdateInferenceComponentRuntimeConfigInput,
)
from .._paginator import paginate
from ._ai_listing import listed
from ._references import SageMakerResources
from ._requests import invalid, parse
from ._schedule import Clock, Phase, Schedule, Timeline

__all__ = ["COMPONENT_MODEL_NAME", "CREATING_SECONDS", "InferenceComponentBackend"]

COMPONENT_MODEL_NAME: Final = "sagemaker::inference-component"
"""The model name of an inference component in moto's state manager."""

CREATING_SECONDS: Final = 420.0
"""Job time of ``Creating``: pulling the image and the model, starting each copy."""
_UPDATING_SECONDS: Final = 300.0
_DELETING_SECONDS: Final = 60.0


@attrs.define
class _Component:
    name: str
    arn: str
    endpoint: str
    endpoint_arn: str
    variant: str
    specification: dict[str, Any]
    runtime: dict[str, Any] | None
    sequence: int
    timeline: Timeline
    modified: datetime.datetime

    creation_time: datetime.datetime
    deleting: bool = False

    @property
    def status(self) -> str:
        return self.timeline.status


def _schedule(status: str, seconds: float, outcome: str) -> Schedule:
    return Schedule(phases=(Phase(status, seconds),), outcome=outcome)


class InferenceComponentBackend:
    """Every inference component of one account in one Region, and the six operations.

    Args:
        account_id: The account.
        region: The Region.
        partition: The ARN partition.
        clock: The backend's clock.
        transition: The moto transition of inference components.
        resources: moto's SageMaker resources (endpoints and models are checked against them).
    """

    def __init__(
        self,
        *,
        account_id: str,
        region: str,
        partition: str,
        clock: Clock,
        transition: Callable[[], Mapping[str, Any]],
        resources: SageMakerResources | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self.clock = clock
        self._transition = transition
        self._resources = resources
        # Keyed by the lower-cased name: SageMaker names are unique regardless of case.
        self._components: dict[str, _Component] = {}
        self._sequence = itertools.count()

    def _arn(self, kind: str, name: str) -> str:
        return (
            f"arn:{self.partition}:sagemaker:{self.region}:{self.account_id}:{kind}/{name.lower()}"
        )

    # ----------------------------------------------------------------- time

    def sync(self) -> None:
        """Bring every component to the clock's time (what a reader of another resource sees)."""
        for component in list(self._components.values()):
            self._advance(component, read=False)

    def _advance(self, component: _Component, *, read: bool) -> None:
        before = component.status
        component.timeline.catch_up(self.clock.now(), self._transition(), read=read)
        if component.status != before:
            component.modified = component.timeline.changed
        if component.deleting and component.timeline.finished:
            self._components.pop(component.name.lower(), None)

    def _read(self, name: str) -> _Component:
        component = self._components.get(name.lower())
        if component is not None:
            self._advance(component, read=True)
        component = self._components.get(name.lower())
        if component is None:
            raise invalid(
                f'Could not find inference component "{self._arn("inference-component", name)}".'
            )
        return component

    def resource_by_arn(self, arn: str) -> Any:
        """The component of an ARN (for tagging), or None."""
        return next((c for c in self._components.values() if c.arn == arn), None)

    # ----------------------------------------------------------------- checks

    def _check_endpoint(self, endpoint: str, variant: str | None) -> str:
        """The variant the component goes on; refused as AWS refuses a wrong endpoint."""
        arn = self._arn("endpoint", endpoint)
        facts = None if self._resources is None else self._resources.endpoint(endpoint)
        if facts is None:
            raise invalid(f'Could not find endpoint "{arn}".')
        with_model = [v for v in facts.variants if v.get("ModelName")]
        if with_model or not facts.variants:
            raise invalid(
                f'Endpoint "{arn}" is not configured for inference components: its production '
                "variants name a model. Create the endpoint configuration with an "
                "ExecutionRoleArn and variants without ModelName."
            )
        names = [str(v.get("VariantName")) for v in facts.variants]
        chosen = variant if variant is not None else names[0]
        if variant is None and len(names) > 1:
            raise invalid(f'Endpoint "{arn}" has several variants ({names}); name one.')
        if chosen not in names:
            raise invalid(f'Could not find variant "{chosen}" of endpoint "{arn}" ({names}).')
        return chosen

    def _check_specification(
        self, spec: InferenceComponentSpecification | None, endpoint: str, has_runtime: bool
    ) -> None:
        if spec is None:
            raise invalid("Specification is required.")
        base = spec.base_inference_component_name
        if base is not None:
            found = self._components.get(base.lower())
            if found is None or found.deleting:
                raise invalid(
                    "Could not find base inference component "
                    f'"{self._arn("inference-component", base)}".'
                )
            if found.endpoint != endpoint:
                raise invalid(
                    f'Base inference component "{base}" is on endpoint "{found.endpoint}", '
                    f'not "{endpoint}".'
                )
            if has_runtime or spec.compute_resource_requirements is not None:
                raise invalid(
                    "An adapter inference component (BaseInferenceComponentName) takes no "
                    "RuntimeConfig nor ComputeResourceRequirements: it runs on its base's copies."
                )
            return
        if spec.model_name is None and spec.container is None:
            raise invalid("Specification needs a ModelName or a Container.")
        if spec.compute_resource_requirements is None:
            raise invalid("Specification.ComputeResourceRequirements is required.")
        if not has_runtime:
            raise invalid("RuntimeConfig is required.")
        if spec.model_name is not None and self._resources is not None:
            if self._resources.model(spec.model_name) is None:
                raise invalid(f'Could not find model "{self._arn("model", spec.model_name)}".')

    # ----------------------------------------------------------------- operations

    def create_inference_component(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """``CreateInferenceComponent``."""
        request = parse(body, CreateInferenceComponentInput)
        name = request.inference_component_name
        arn = self._arn("inference-component", name)
        if name.lower() in self._components:
            raise invalid(f'Cannot create already existing inference component "{arn}".')
        variant = self._check_endpoint(request.endpoint_name, request.variant_name)
        self._check_specification(
            request.specification, request.endpoint_name, request.runtime_config is not None
        )
        now = self.clock.now()
        wire = request.to_dict()
        self._components[name.lower()] = _Component(
            name=name,
            arn=arn,
            endpoint=request.endpoint_name,
            endpoint_arn=self._arn("endpoint", request.endpoint_name),
            variant=variant,
            specification=dict(wire["Specification"]),
            runtime=wire.get("RuntimeConfig"),
            sequence=next(self._sequence),
            timeline=Timeline(_schedule("Creating", CREATING_SECONDS, "InService"), now),
            modified=now,
            creation_time=now,
        )
        return {"InferenceComponentArn": arn}

    def describe_inference_component(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """``DescribeInferenceComponent``."""
        request = parse(body, DescribeInferenceComponentInput)
        return _described(self._read(request.inference_component_name))

    def list_inference_components(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """``ListInferenceComponents``."""
        request = parse(body, ListInferenceComponentsInput)
        self.sync()
        items = [
            c
            for c in self._components.values()
            if listed(request, c.name, c.creation_time, c.status)
            and _modified_within(request, c.modified)
            and request.endpoint_name_equals in (None, c.endpoint)
            and request.variant_name_equals in (None, c.variant)
        ]
        sort_by = str(request.sort_by or "CreationTime")
        descending = str(request.sort_order or "Descending") == "Descending"

        def key(item: _Component) -> tuple[Any, ...]:
            if sort_by == "Name":
                return (item.name, item.sequence)
            if sort_by == "Status":
                return (item.status, item.sequence)
            return (int(item.creation_time.timestamp() * 1000), item.sequence)

        items.sort(key=key, reverse=descending)
        return paginate(
            "ListInferenceComponents",
            items,
            body,
            key=key,
            descending=descending,
            render=_summary,
        )

    def update_inference_component(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """``UpdateInferenceComponent``."""
        request = parse(body, UpdateInferenceComponentInput)
        component = self._updatable(request.inference_component_name)
        wire = request.to_dict()
        if request.specification is not None:
            spec = {**component.specification, **wire["Specification"]}
            self._check_specification(
                InferenceComponentSpecification.from_dict(spec),
                component.endpoint,
                (request.runtime_config or component.runtime) is not None,
            )
            component.specification = spec
        if request.runtime_config is not None:
            component.runtime = dict(wire["RuntimeConfig"])
        self._restart(component, "Updating", _UPDATING_SECONDS, "InService")
        return {"InferenceComponentArn": component.arn}

    def update_inference_component_runtime_config(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """``UpdateInferenceComponentRuntimeConfig``."""
        request = parse(body, UpdateInferenceComponentRuntimeConfigInput)
        component = self._updatable(request.inference_component_name)
        if component.specification.get("BaseInferenceComponentName"):
            raise invalid(
                f'Inference component "{component.arn}" is an adapter: its copies are its '
                "base's; change the base's copy count."
            )
        component.runtime = request.desired_runtime_config.to_dict()
        self._restart(component, "Updating", _UPDATING_SECONDS, "InService")
        return {"InferenceComponentArn": component.arn}

    def delete_inference_component(self, body: Mapping[str, Any]) -> None:
        """``DeleteInferenceComponent``."""
        request = parse(body, DeleteInferenceComponentInput)
        component = self._read(request.inference_component_name)
        if component.deleting:
            return
        adapters = [
            c.name
            for c in self._components.values()
            if str(c.specification.get("BaseInferenceComponentName", "")).lower()
            == component.name.lower()
        ]
        if adapters:
            raise invalid(
                f'Inference component "{component.arn}" is the base of {sorted(adapters)}; '
                "delete those first."
            )
        component.deleting = True
        self._restart(component, "Deleting", _DELETING_SECONDS, "Deleting")

    def _updatable(self, name: str) -> _Component:
        component = self._read(name)
        if component.status != "InService":
            raise invalid(
                f'Inference component "{component.arn}" is {component.status}; it can be '
                "changed once it is InService."
            )
        return component

    def _restart(self, component: _Component, status: str, seconds: float, outcome: str) -> None:
        now = self.clock.now()
        component.timeline = Timeline(_schedule(status, seconds, outcome), now)
        component.modified = now
        self._advance(component, read=False)


def _modified_within(request: ListInferenceComponentsInput, modified: datetime.datetime) -> bool:
    after, before = request.last_modified_time_after, request.last_modified_time_before
    return (after is None or modified > after) and (before is None or modified < before)


def _runtime(component: _Component) -> dict[str, Any] | None:
    if component.runtime is None:
        return None
    desired = int(component.runtime["CopyCount"])
    current = desired if component.status in ("InService", "Updating") else 0
    return {"DesiredCopyCount": desired, "CurrentCopyCount": current}


def _specification(component: _Component, resolved: datetime.datetime) -> dict[str, Any]:
    spec = dict(component.specification)
    container = spec.pop("Container", None)
    if container is not None:
        summary = {k: v for k, v in container.items() if k != "Image"}
        if "Image" in container:
            summary["DeployedImage"] = {
                "SpecifiedImage": container["Image"],
                "ResolvedImage": container["Image"],
                "ResolutionTime": resolved,
            }
        spec["Container"] = summary
    return spec


def _described(component: _Component) -> dict[str, Any]:
    out: dict[str, Any] = {
        "InferenceComponentName": component.name,
        "InferenceComponentArn": component.arn,
        "EndpointName": component.endpoint,
        "EndpointArn": component.endpoint_arn,
        "VariantName": component.variant,
        "Specification": _specification(component, component.creation_time),
        "CreationTime": component.creation_time,
        "LastModifiedTime": component.modified,
        "InferenceComponentStatus": component.status,
    }
    runtime = _runtime(component)
    if runtime is not None:
        out["RuntimeConfig"] = runtime
    return out


def _summary(component: _Component) -> dict[str, Any]:
    return {
        "CreationTime": component.creation_time,
        "InferenceComponentArn": component.arn,
        "InferenceComponentName": component.name,
        "EndpointArn": component.endpoint_arn,
        "EndpointName": component.endpoint,
        "VariantName": component.variant,
        "InferenceComponentStatus": component.status,
        "LastModifiedTime": component.modified,
    }
