"""A generative-AI recommendation deployed as inference components.

:func:`deploy_ai_recommendation` turns one recommendation of a completed AI recommendation job
into what SageMaker serves it with, reusing the classic deployment's machinery (the
converger, the partial-state report, the one polling loop, the client's service clients):

* the **model**: the recommendation's ``DeploymentConfiguration`` image and environment, its
  S3 channels as model data sources (the ``model`` channel, else the first, as the primary
  container's ``ModelDataSource``; the others as ``AdditionalModelDataSources``, mounted at
  ``/opt/ml/additional-model-data-sources/<channel>``), with the job's role;
* an **endpoint configuration for inference components**: the job's role, one variant with
  the instance type and count and no model (managed instance scaling when autoscaling);
* the **endpoint**, then a wait until it is ``InService``;
* the **inference component**: ``MinMemoryRequiredInMb`` is the recommendation's
  ``MinCpuMemoryRequiredInMb``, ``NumberOfAcceleratorDevicesRequired`` its tensor-parallel
  degree (the accelerators each copy spans, when its environment says), and ``CopyCount``
  ``CopyCountPerInstance`` times the instance count; then a wait until it is ``InService``;
* one **adapter inference component** per LoRA adapter of the job's ``AdapterSource``, named
  by its ``AdapterId``, on the base component;
* with ``autoscale=True``, the component's copy count as an Application Auto Scaling target
  (``inference-component/<name>``, ``sagemaker:inference-component:DesiredCopyCount``) with
  a target-tracking policy on invocations per copy.

Everything is read before the first write; a resource of the same name with another
configuration is a :class:`~irclient.errors.DeploymentConflictError` (all at once, nothing
written); nothing is deleted; a dry run sends no write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._core.waiting import check_wait_arguments, poll_until
from ..errors import DeploymentError, ValidationError, Violation
from ..models.shapes import AIRecommendation, DescribeAIRecommendationJobResponse
from . import _display
from ._autoscaling import scalable_target, scaling_policy
from ._converge import Desired, DryRunAwareSender, create_or_adopt, existing, look, refuse_conflicts
from ._names import DEFAULT_VARIANT_NAME, check_name, derived_names, fit, names_from
from ._results import PlannedRequest, Progress, planned, reporting_partial

if TYPE_CHECKING:
    from ..client import InferenceRecommenderClient

__all__ = ["ComponentDeployment", "deploy_ai_recommendation"]

COMPONENT_DIMENSION: Final = "sagemaker:inference-component:DesiredCopyCount"
_INVOCATIONS_PER_COPY: Final = "SageMakerInferenceComponentInvocationsPerCopy"
DEFAULT_INVOCATIONS_PER_COPY: Final = 10.0
"""irclient's default target of invocations per copy a minute: a starting point to tune."""
_TENSOR_PARALLEL: Final = ("OPTION_TENSOR_PARALLEL_DEGREE", "TENSOR_PARALLEL_DEGREE", "SM_NUM_GPUS")
_PRIMARY_CHANNEL: Final = "model"


@attrs.frozen(kw_only=True)
class ComponentDeployment:
    """What :func:`deploy_ai_recommendation` did, or would do in a dry run."""

    job_name: str
    """The AI recommendation job."""
    recommendation_index: int
    """The recommendation's position in the job's ``Recommendations``."""
    model_name: str
    """The SageMaker model the component serves."""
    endpoint_config_name: str
    """The endpoint configuration (for inference components)."""
    endpoint_name: str
    """The endpoint."""
    variant_name: str
    """The production variant the components run on."""
    inference_component_name: str
    """The inference component of the model."""
    adapter_component_names: tuple[str, ...]
    """The adapter inference components (their names are the adapters' ``AdapterId``)."""
    copy_count: int
    """The component's copy count (``CopyCountPerInstance`` x instance count)."""
    min_memory_required_in_mb: int
    """Memory each copy reserves (the recommendation's ``MinCpuMemoryRequiredInMb``)."""
    accelerator_devices: float | None
    """Accelerators each copy reserves, when the recommendation says."""
    requests: tuple[PlannedRequest, ...]
    """The write requests sent (or, in a dry run, that would be), in order."""
    created: tuple[str, ...]
    """What was created (``model``, ``endpoint``, ``inference component NAME``, ...)."""
    adopted: tuple[str, ...]
    """What existed with the same configuration and was kept."""
    dry_run: bool
    """Whether nothing was sent."""
    autoscaled: bool = False
    """Whether the copy count was registered with Application Auto Scaling."""
    endpoint_status: str | None = None
    """The endpoint's status when the call returned."""
    component_status: str | None = None
    """The inference component's status when the call returned."""
    complete: bool = True
    """False when a failure stopped it (see :class:`~irclient.IncompleteDeploymentError`)."""
    not_done: tuple[str, ...] = ()
    """What did not happen, when incomplete."""

    def __str__(self) -> str:
        """What was made or kept, one line per resource, headed by the endpoint's status."""
        return _display.component_text(self)

    def _irclient_summary(self) -> str:  # irclient.display.summary's hook
        return _display.component_text(self)

    def _irclient_html(self) -> str:  # irclient.display.render_html's hook
        return _display.component_html(self)

    def _repr_html_(self) -> str:
        return _display.component_html(self)


@attrs.frozen(kw_only=True)
class _Scaling:
    min_copies: int
    max_copies: int
    min_instances: int
    max_instances: int
    target: float


def _refuse(field: str, rule: str, message: str) -> ValidationError:
    return ValidationError([Violation(field, rule, message)])


def _describe(
    client: InferenceRecommenderClient, job: str | DescribeAIRecommendationJobResponse
) -> DescribeAIRecommendationJobResponse:
    if isinstance(job, DescribeAIRecommendationJobResponse):
        return job
    if not isinstance(job, str):
        raise TypeError(f"job must be a job name or its describe response, got {type(job)}")
    return client.describe_ai_recommendation_job(ai_recommendation_job_name=job)


def _choose(job: DescribeAIRecommendationJobResponse, recommendation: Any) -> tuple[int, Any]:
    """(index, the recommendation) that ``recommendation`` stands for."""
    name, found = job.ai_recommendation_job_name, tuple(job.recommendations or ())
    if str(job.ai_recommendation_job_status) != "Completed" or not found:
        raise _refuse(
            "job",
            "job_completed",
            f"job {name!r} is {job.ai_recommendation_job_status} with {len(found)} "
            "recommendations; only a Completed job's recommendations can be deployed",
        )
    if isinstance(recommendation, AIRecommendation):
        index = next((i for i, r in enumerate(found) if r == recommendation), None)
    elif isinstance(recommendation, int) and not isinstance(recommendation, bool):
        index = recommendation
    elif hasattr(recommendation, "index") and hasattr(recommendation, "job_name"):
        if recommendation.job_name not in (None, name):
            raise _refuse(
                "recommendation",
                "recommendation_in_job",
                f"the row is from job {recommendation.job_name!r}, not {name!r}",
            )
        index = int(recommendation.index)
    else:
        raise TypeError(
            "recommendation must be an index, an AIRecommendationRow or an AIRecommendation, "
            f"got {type(recommendation).__name__}"
        )
    if index is None or not 0 <= index < len(found):
        raise _refuse(
            "recommendation",
            "recommendation_in_job",
            f"{recommendation!r} is not one of the {len(found)} recommendations of job {name!r}",
        )
    return index, found[index]


def _deployment_facts(chosen: AIRecommendation, index: int) -> dict[str, Any]:
    """Image, instances, copies and memory of the recommendation; refused when missing."""
    config = chosen.deployment_configuration
    wanted = {
        "image_uri": "ImageUri",
        "instance_type": "InstanceType",
        "instance_count": "InstanceCount",
        "copy_count_per_instance": "CopyCountPerInstance",
        "min_cpu_memory_required_in_mb": "MinCpuMemoryRequiredInMb",
    }
    missing = [w for f, w in wanted.items() if config is None or getattr(config, f) is None]
    if config is None or missing:
        raise _refuse(
            "recommendation.deployment_configuration",
            "required",
            f"recommendation {index} has no DeploymentConfiguration {', '.join(missing)}; "
            "irclient cannot deploy it",
        )
    return {f: getattr(config, f) for f in wanted}


def _accelerators(environment: Mapping[str, str]) -> float | None:
    for key in _TENSOR_PARALLEL:
        value = environment.get(key, "")
        if value.isdigit() and int(value) > 0:
            return float(value)
    return None


def _data_source(uri: str) -> dict[str, Any]:
    return {"S3DataSource": {"S3Uri": uri, "S3DataType": "S3Prefix", "CompressionType": "None"}}


def _model_request(
    chosen: AIRecommendation, facts: Mapping[str, Any], name: str, role: str
) -> dict[str, Any]:
    config = chosen.deployment_configuration
    assert config is not None  # checked by _deployment_facts
    channels = [c for c in config.s3 or () if c.uri]
    primary = next((c for c in channels if c.channel_name == _PRIMARY_CHANNEL), None)
    primary = primary or (channels[0] if channels else None)
    container: dict[str, Any] = {"Image": facts["image_uri"]}
    if config.environment_variables:
        container["Environment"] = dict(config.environment_variables)
    if primary is not None:
        container["ModelDataSource"] = _data_source(str(primary.uri))
    others = [
        {"ChannelName": str(c.channel_name), **_data_source(str(c.uri))}
        for c in channels
        if c is not primary
    ]
    if others:
        container["AdditionalModelDataSources"] = others
    return {"ModelName": name, "ExecutionRoleArn": role, "PrimaryContainer": container}


def _sagemaker(sagemaker: Any, kind: str, noun: str, name: str, create: dict[str, Any],
               compare: dict[str, Any], tags: list[dict[str, str]]) -> Desired:  # fmt: skip
    member = f"{noun}Name"
    dashed = {"Model": "model", "EndpointConfig": "endpoint-config", "Endpoint": "endpoint"}.get(
        noun, "inference-component"
    )
    return Desired(
        kind=kind,
        label=kind if noun != "InferenceComponent" else f"inference component {name}",
        name=name,
        service=sagemaker,
        find=lambda sender: existing(sender, sagemaker, f"Describe{noun}", **{member: name}),
        create=(f"Create{noun}", {**create, **({"Tags": tags} if tags else {})}),
        compare=compare,
        remove=("aws", "sagemaker", f"delete-{dashed}", f"--{dashed}-name", name),
    )


def _adapters(
    job: DescribeAIRecommendationJobResponse, chosen: AIRecommendation
) -> list[tuple[str, str]]:
    """(AdapterId, S3 URI of its LoRA artefacts) of each adapter of the job's AdapterSource."""
    source = job.adapter_source
    if source is None:
        return []
    ids = [e.adapter_id for e in source.s3_uris or ()]
    ids += [e.adapter_id for e in source.model_package_arns or ()]
    uris = {e.adapter_id: e.s3_uri for e in source.s3_uris or ()}
    details = chosen.adapter_details
    for entry in details.s3_uris if details is not None else ():
        uris.setdefault(entry.adapter_id, entry.s3_uri)
    lacking = [i for i in ids if not uris.get(i)]
    if lacking:
        raise DeploymentError(
            f"adapters {lacking} have no S3 location in the job or its recommendation; "
            "irclient cannot deploy them"
        )
    return [(i, str(uris[i])) for i in dict.fromkeys(ids)]


def _names(
    job_name: str,
    index: int,
    given: Mapping[str, str | None],
    adapters: Sequence[tuple[str, str]],
) -> dict[str, str]:
    """The names to use, checked against SageMaker's rules; every problem at once."""
    endpoint = given.get("endpoint_name")
    names = names_from(endpoint) if endpoint else derived_names(job_name, f"ai-{index}")
    names["inference_component_name"] = fit(names["endpoint_name"], "-ic")
    names.update({k: v for k, v in given.items() if v is not None})
    problems: list[Violation] = []
    for field, wire in (
        ("endpoint_name", "EndpointName"),
        ("endpoint_config_name", "EndpointConfigName"),
        ("model_name", "ModelName"),
        ("inference_component_name", "InferenceComponentName"),
        ("variant_name", "VariantName"),
    ):
        check_name(field, wire, names[field], problems)
    taken = {names["inference_component_name"]}
    for adapter, _ in adapters:
        if adapter in taken:
            problems.append(
                Violation(
                    "inference_component_name",
                    "unique",
                    f"adapter {adapter!r} has the inference component's name; name it otherwise",
                )
            )
    if problems:
        raise ValidationError(problems)
    return names


def _scaling(options: Mapping[str, Any], copies_per_instance: int, count: int) -> _Scaling:
    """The bounds, checked: 1 <= min <= max, for copies and for instances."""
    min_instances = options.get("min_instance_count") or 1
    max_instances = options.get("max_instance_count") or max(count, min_instances) * 2
    scaling = _Scaling(
        min_copies=options.get("min_copy_count") or 1,
        max_copies=options.get("max_copy_count") or copies_per_instance * max_instances,
        min_instances=min_instances,
        max_instances=max_instances,
        target=float(options.get("target_invocations_per_copy") or DEFAULT_INVOCATIONS_PER_COPY),
    )
    problems = [
        Violation(field, "min", f"{field} must be at least {low}, got {value!r}")
        for field, value, low in (
            ("min_copy_count", scaling.min_copies, 1),
            ("max_copy_count", scaling.max_copies, scaling.min_copies),
            ("min_instance_count", scaling.min_instances, 1),
            ("max_instance_count", scaling.max_instances, max(scaling.min_instances, count)),
            ("target_invocations_per_copy", scaling.target, 0),
        )
        if type(value) not in (int, float) or value < low or (low == 0 and value <= 0)
    ]
    if problems:
        raise ValidationError(problems)
    return scaling


@attrs.define
class _Plan:
    """One deployment: every resource (read before any write), its progress and result."""

    client: InferenceRecommenderClient
    sender: DryRunAwareSender
    names: dict[str, str]
    job_name: str
    index: int
    endpoint_side: tuple[Any, ...]
    component: Any
    adapters: tuple[Any, ...]
    scaling: tuple[Any, ...]
    facts: dict[str, Any]
    progress: Progress
    endpoint_status: str | None = None
    component_status: str | None = None

    def converge(self, looks: Sequence[Any]) -> None:
        region = getattr(self.client.boto3_client.meta, "region_name", None)
        for seen in looks:
            self.progress.done(seen.desired, create_or_adopt(self.sender, seen), region)

    def wait(self, what: str, *, poll_interval: float, timeout: float | None) -> None:
        """Poll the endpoint or the component until it is ``InService``."""
        sagemaker = self.client.boto3_client
        if what == "endpoint":
            name, operation, member = self.names["endpoint_name"], "DescribeEndpoint", "Endpoint"
        else:
            name = self.names["inference_component_name"]
            operation, member = "DescribeInferenceComponent", "InferenceComponent"

        def status(described: dict[str, Any]) -> str:
            return str(described.get(f"{member}Status"))

        def done(described: dict[str, Any]) -> bool:
            now = status(described)
            setattr(self, f"{'endpoint' if what == 'endpoint' else 'component'}_status", now)
            if now in ("Failed", "OutOfService", "RollingBack"):
                reason = described.get("FailureReason") or "no reason given"
                raise DeploymentError(f"{what} {name!r} is {now}: {reason}")
            return now == "InService"

        poll_until(
            self.client.retry,
            lambda: self.sender.read(sagemaker, operation, **{f"{member}Name": name}),
            done=done,
            status=status,
            what=what,
            name=name,
            poll_interval=poll_interval,
            limit=timeout,
        )
        self.progress.finished(f"wait for the {what} to be InService")

    def result(self, *, complete: bool = True) -> ComponentDeployment:
        return ComponentDeployment(
            job_name=self.job_name,
            recommendation_index=self.index,
            model_name=self.names["model_name"],
            endpoint_config_name=self.names["endpoint_config_name"],
            endpoint_name=self.names["endpoint_name"],
            variant_name=self.names["variant_name"],
            inference_component_name=self.names["inference_component_name"],
            adapter_component_names=tuple(x.desired.name for x in self.adapters),
            copy_count=self.facts["copy_count"],
            min_memory_required_in_mb=self.facts["min_cpu_memory_required_in_mb"],
            accelerator_devices=self.facts["accelerators"],
            requests=planned(self.sender),
            created=tuple(self.progress.created),
            adopted=tuple(self.progress.adopted),
            dry_run=self.sender.dry_run,
            autoscaled=bool(self.scaling),
            endpoint_status=self.endpoint_status,
            component_status=self.component_status,
            complete=complete,
            not_done=() if complete else tuple(self.progress.steps),
        )


def _endpoint_side(
    sagemaker: Any,
    names: Mapping[str, str],
    model: dict[str, Any],
    facts: Mapping[str, Any],
    role: str,
    scaling: _Scaling | None,
    tags: list[dict[str, str]],
) -> tuple[Desired, ...]:
    """The model, the endpoint configuration for inference components, the endpoint."""
    variant: dict[str, Any] = {
        "VariantName": names["variant_name"],
        "InstanceType": str(facts["instance_type"]),
        "InitialInstanceCount": int(facts["instance_count"]),
        "RoutingConfig": {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"},
    }
    if scaling is not None:
        variant["ManagedInstanceScaling"] = {
            "Status": "ENABLED",
            "MinInstanceCount": scaling.min_instances,
            "MaxInstanceCount": scaling.max_instances,
        }
    config = {"ExecutionRoleArn": role, "ProductionVariants": [variant]}
    config_name, endpoint = names["endpoint_config_name"], names["endpoint_name"]
    compare_model = {k: v for k, v in model.items() if k != "ModelName"}
    return (
        _sagemaker(sagemaker, "model", "Model", names["model_name"], model, compare_model, tags),
        _sagemaker(
            sagemaker,
            "endpoint configuration",
            "EndpointConfig",
            config_name,
            {"EndpointConfigName": config_name, **config},
            config,
            tags,
        ),
        _sagemaker(
            sagemaker,
            "endpoint",
            "Endpoint",
            endpoint,
            {"EndpointName": endpoint, "EndpointConfigName": config_name},
            {"EndpointConfigName": config_name},
            tags,
        ),
    )


def _components(
    sagemaker: Any,
    names: Mapping[str, str],
    facts: Mapping[str, Any],
    adapters: Sequence[tuple[str, str]],
    autoscale: bool,
    tags: list[dict[str, str]],
) -> tuple[Desired, tuple[Desired, ...]]:
    """The model's inference component and one adapter component per adapter."""
    name, endpoint = names["inference_component_name"], names["endpoint_name"]
    where = {"EndpointName": endpoint, "VariantName": names["variant_name"]}
    compute: dict[str, Any] = {"MinMemoryRequiredInMb": facts["min_cpu_memory_required_in_mb"]}
    if facts["accelerators"] is not None:
        compute["NumberOfAcceleratorDevicesRequired"] = facts["accelerators"]
    spec = {"ModelName": names["model_name"], "ComputeResourceRequirements": compute}
    compare: dict[str, Any] = {**where, "Specification": spec}
    if not autoscale:
        # With autoscaling the copy count is the scaler's to change: a re-run keeps it.
        compare["RuntimeConfig"] = {"DesiredCopyCount": facts["copy_count"]}
    create = {
        "InferenceComponentName": name,
        **where,
        "Specification": spec,
        "RuntimeConfig": {"CopyCount": facts["copy_count"]},
    }
    base = _sagemaker(sagemaker, "inference component", "InferenceComponent", name, create,
                      compare, tags)  # fmt: skip
    out = []
    for adapter, uri in adapters:
        adapter_spec = {"BaseInferenceComponentName": name, "Container": {"ArtifactUrl": uri}}
        out.append(
            _sagemaker(
                sagemaker,
                "adapter inference component",
                "InferenceComponent",
                adapter,
                {"InferenceComponentName": adapter, **where, "Specification": adapter_spec},
                {**where, "Specification": adapter_spec},
                tags,
            )
        )
    return base, tuple(out)


def _autoscaling(service: Any, component: str, scaling: _Scaling) -> tuple[Desired, ...]:
    """The component's copy count as a scalable target, with a policy on invocations per copy."""
    resource = f"inference-component/{component}"
    configuration = {
        "TargetValue": scaling.target,
        "PredefinedMetricSpecification": {"PredefinedMetricType": _INVOCATIONS_PER_COPY},
    }
    policy = fit(component, f"-{_INVOCATIONS_PER_COPY}", 256)
    return (
        scalable_target(
            service, resource, COMPONENT_DIMENSION, scaling.min_copies, scaling.max_copies
        ),
        scaling_policy(service, resource, COMPONENT_DIMENSION, policy, configuration),
    )


def _plan(
    client: InferenceRecommenderClient,
    job: DescribeAIRecommendationJobResponse,
    index: int,
    chosen: AIRecommendation,
    names: dict[str, str],
    adapters: Sequence[tuple[str, str]],
    options: Mapping[str, Any],
) -> _Plan:
    """Everything the deployment needs, read and compared; every conflict refused at once."""
    facts = _deployment_facts(chosen, index)
    environment = dict(chosen.deployment_configuration.environment_variables or {})  # type: ignore[union-attr]
    facts["accelerators"] = _accelerators(environment)
    facts["copy_count"] = int(facts["copy_count_per_instance"]) * int(facts["instance_count"])
    scaling = (
        _scaling(options, int(facts["copy_count_per_instance"]), int(facts["instance_count"]))
        if options["autoscale"]
        else None
    )
    sender = DryRunAwareSender(client.retry, dry_run=options["dry_run"])
    sagemaker = client.boto3_client
    tags = [{"Key": k, "Value": v} for k, v in (options.get("tags") or {}).items()]
    model = _model_request(chosen, facts, names["model_name"], job.role_arn)
    endpoint_side = _endpoint_side(sagemaker, names, model, facts, job.role_arn, scaling, tags)
    component, adapter_side = _components(
        sagemaker, names, facts, adapters, scaling is not None, tags
    )
    autoscaler = options.get("autoscaling_client")
    if scaling is not None and autoscaler is None:
        autoscaler = client.aws_client("application-autoscaling")
    scaling_side = () if scaling is None else _autoscaling(autoscaler, component.name, scaling)
    looks = [look(sender, x) for x in (*endpoint_side, component, *adapter_side, *scaling_side)]
    refuse_conflicts(looks, nothing_sent=True)
    waits = options["wait"] and not options["dry_run"]
    steps = [x.desired.label for x in looks]
    if waits:
        steps.insert(3, "wait for the endpoint to be InService")
        steps.insert(5, "wait for the inference component to be InService")
    split = (len(endpoint_side), 1, len(adapter_side))
    return _Plan(
        client=client,
        sender=sender,
        names=names,
        job_name=job.ai_recommendation_job_name,
        index=index,
        endpoint_side=tuple(looks[: split[0]]),
        component=looks[split[0]],
        adapters=tuple(looks[split[0] + 1 : split[0] + 1 + split[2]]),
        scaling=tuple(looks[split[0] + 1 + split[2] :]),
        facts=facts,
        progress=Progress(steps=steps),
    )


def deploy_ai_recommendation(
    client: InferenceRecommenderClient,
    job: str | DescribeAIRecommendationJobResponse,
    recommendation: Any,
    *,
    endpoint_name: str | None = None,
    endpoint_config_name: str | None = None,
    model_name: str | None = None,
    inference_component_name: str | None = None,
    variant_name: str = DEFAULT_VARIANT_NAME,
    tags: Mapping[str, str] | None = None,
    wait: bool = True,
    poll_interval: float = 30.0,
    timeout: float | None = None,
    dry_run: bool = False,
    autoscale: bool = False,
    min_copy_count: int | None = None,
    max_copy_count: int | None = None,
    min_instance_count: int | None = None,
    max_instance_count: int | None = None,
    target_invocations_per_copy: float | None = None,
    autoscaling_client: Any = None,
) -> ComponentDeployment:
    """Deploys one recommendation of a completed AI recommendation job as inference components.

    See the module documentation for what is created. Safe to re-run: what exists with the
    same configuration is kept, a different one is refused before anything is written, and
    nothing is deleted.

    Args:
        client: The client whose SageMaker client, retry policy and clock are used.
        job: The completed job's name, or its describe response.
        recommendation: The recommendation's index in the job's ``Recommendations``, an
            :class:`~irclient.analysis.AIRecommendationRow` (as ``best`` returns), or an
            :class:`~irclient.models.AIRecommendation` of the job.
        endpoint_name: The endpoint's name; derived from the job and the index when ``None``.
        endpoint_config_name: ``ENDPOINT-config`` when ``None``.
        model_name: ``ENDPOINT-model`` when ``None``.
        inference_component_name: ``ENDPOINT-ic`` when ``None``.
        variant_name: The production variant.
        tags: Tags for every resource created.
        wait: Wait until the endpoint, then the component, is ``InService``.
        poll_interval: Seconds between two looks while waiting.
        timeout: Seconds after which each wait gives up (``None``: no limit).
        dry_run: Send no write request; return the requests that would be sent.
        autoscale: Scale the copy count through Application Auto Scaling, and the instances
            through the endpoint's managed instance scaling.
        min_copy_count: Fewest copies (1 when ``None``).
        max_copy_count: Most copies (``CopyCountPerInstance`` x ``max_instance_count``).
        min_instance_count: Fewest instances of managed instance scaling (1).
        max_instance_count: Most instances (twice the recommended count).
        target_invocations_per_copy: Invocations per copy a minute to scale at.
        autoscaling_client: A boto3 Application Auto Scaling client used as it is;
            ``client.aws_client("application-autoscaling")`` when ``None``.

    Returns:
        The names used, the requests sent, what was created or adopted.

    Raises:
        irclient.ValidationError: The job has not completed, the recommendation is not
            one of its own or lacks what a deployment needs, or a name or bound breaks the
            rules; nothing was sent.
        irclient.DeploymentConflictError: Resources of those names exist configured
            otherwise (all are listed); nothing was written.
        irclient.IncompleteDeploymentError: A failure after the first write: what exists,
            what did not happen and how to remove it are in the error.
    """
    check_wait_arguments(poll_interval, timeout)
    described = _describe(client, job)
    index, chosen = _choose(described, recommendation)
    adapters = _adapters(described, chosen)
    given = {
        "endpoint_name": endpoint_name,
        "endpoint_config_name": endpoint_config_name,
        "model_name": model_name,
        "inference_component_name": inference_component_name,
        "variant_name": variant_name,
    }
    names = _names(described.ai_recommendation_job_name, index, given, adapters)
    options = {
        "autoscale": autoscale,
        "dry_run": dry_run,
        "wait": wait,
        "tags": tags,
        "autoscaling_client": autoscaling_client,
        "min_copy_count": min_copy_count,
        "max_copy_count": max_copy_count,
        "min_instance_count": min_instance_count,
        "max_instance_count": max_instance_count,
        "target_invocations_per_copy": target_invocations_per_copy,
    }
    plan = _plan(client, described, index, chosen, names, adapters, options)
    waits = wait and not dry_run
    with reporting_partial(plan.sender, plan.progress, lambda: plan.result(complete=False)):
        plan.converge(plan.endpoint_side)
        if waits:
            plan.wait("endpoint", poll_interval=poll_interval, timeout=timeout)
        plan.converge([plan.component])
        if waits:
            plan.wait("inference component", poll_interval=poll_interval, timeout=timeout)
        plan.converge([*plan.adapters, *plan.scaling])
    return plan.result()
