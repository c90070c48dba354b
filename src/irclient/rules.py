"""The rules AWS states in prose: one table, read by the validator and by the simulator.

The service model carries types, lengths, ranges, patterns and enums; some rules live only
in the documentation of the members ("The maximum value is 18,000 seconds", "Tag keys must
be unique per resource") or in the errors the service answers with ("exactly one of").
Each is one :class:`Rule` in :data:`RULES`. :func:`irclient.validate` checks them before
anything is sent and the simulator in :mod:`irclient.testing` refuses the same requests with
a ``ValidationException``, so the two cannot disagree.

A rule is an *error* (the request is refused) or a *warning* (guidance AWS phrases as
"should": :func:`irclient.validate` emits an :class:`irclient.ValidationWarning` and the
request is still sent, as AWS itself accepts it).

Adding a rule for a request class is one entry in :data:`RULES`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, TypeGuard

from .models import _base, _specs, shapes

__all__ = ["BURSTABLE", "RULES", "Finding", "Rule", "is_burstable", "rules_for"]

Finding = tuple[str, str]
"""What a rule found: the attribute path below the checked object (``""`` for the object
itself) and a message naming the wire members, the values and the rule."""


@dataclasses.dataclass(frozen=True, slots=True)
class Rule:
    """One cross-member rule of a request class."""

    name: str
    """The rule's name: the :attr:`irclient.Violation.constraint` of what it finds."""
    applies_to: type[_base.Shape]
    """The model class whose instances it checks, wherever they sit in a request."""
    severity: Literal["error", "warning"]
    """``error``: the request is refused; ``warning``: irclient warns and sends it."""
    documented: str
    """AWS's wording of the rule (from botocore's documentation of the members, or from the
    service's answer where the documentation is silent)."""
    check: Callable[[Any], Iterable[Finding]]
    """Yields a finding for each way an instance of :attr:`applies_to` breaks the rule.

    It may meet members of the wrong type (those are reported on their own); it reads only
    values of the type it expects.
    """
    needs: tuple[str, ...] = ()
    """Attributes of :attr:`applies_to` without which the rule can find nothing: when any of
    them is unset, validation does not call :attr:`check` (a test holds each rule to it)."""


def _int(value: object) -> TypeGuard[int]:
    # bool is an int to isinstance, never to AWS.
    return type(value) is int


# --------------------------------------------------------------------------- the checks


def _exactly_one(
    owner: str, path: str, first: tuple[str, object], second: tuple[str, object]
) -> Iterator[Finding]:
    """A finding when both or neither of two string members (wire name, value) are given."""
    (first_wire, first_value), (second_wire, second_value) = first, second
    if any(v is not None and not isinstance(v, str) for v in (first_value, second_value)):
        return  # a member of the wrong type is reported on its own
    if first_value is not None and second_value is not None:
        yield path, f"{owner} has both {first_wire} and {second_wire}; give exactly one"
    elif first_value is None and second_value is None:
        yield path, f"{owner} needs one of {first_wire} and {second_wire}; it has neither"


def _repeats(items: Iterable[object]) -> Iterator[tuple[int, int, str]]:
    """Each string item that repeats an earlier one: its index, the first's index, the value.

    Items of another type are passed over: the wrong type is reported on its own.
    """
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, str):
            continue
        if item in seen:
            yield index, seen[item], item
        else:
            seen[item] = index


def _one_model(config: shapes.RecommendationJobInputConfig) -> Iterator[Finding]:
    yield from _exactly_one(
        "InputConfig",
        "",
        ("ModelPackageVersionArn", config.model_package_version_arn),
        ("ModelName", config.model_name),
    )


def _job_duration(config: shapes.RecommendationJobInputConfig) -> Iterator[Finding]:
    seconds = config.job_duration_in_seconds
    if _int(seconds) and seconds > _MAX_JOB_SECONDS:
        yield (
            "job_duration_in_seconds",
            f"JobDurationInSeconds is {seconds}; the maximum value is 18,000 seconds",
        )


_MAX_JOB_SECONDS = 18_000


def _advanced_targets(
    request: shapes.CreateInferenceRecommendationsJobRequest,
) -> Iterator[Finding]:
    config = request.input_config
    if str(request.job_type) != "Advanced" or not isinstance(
        config, shapes.RecommendationJobInputConfig
    ):
        return
    if not config.endpoint_configurations and not config.endpoints:
        yield (
            "input_config.endpoint_configurations",
            "an Advanced job (a load test) needs InputConfig.EndpointConfigurations or "
            "InputConfig.Endpoints; it has neither",
        )


def _one_target(endpoint: shapes.EndpointInputConfiguration) -> Iterator[Finding]:
    instance, serverless = endpoint.instance_type, endpoint.serverless_config
    # A request converted in one pass keeps a member of the wrong type as it was given;
    # that member is reported as such, once, and not again by this rule.
    given: object = serverless
    if given is not None and not isinstance(given, shapes.ProductionVariantServerlessConfig):
        return
    if instance is not None and serverless is not None:
        yield "", "the endpoint configuration has both InstanceType and ServerlessConfig; give one"
    elif instance is None and serverless is None:
        yield (
            "",
            "the endpoint configuration needs InstanceType or ServerlessConfig; it has neither",
        )


def _no_provisioned(endpoint: shapes.EndpointInputConfiguration) -> Iterator[Finding]:
    serverless = endpoint.serverless_config
    if isinstance(serverless, shapes.ProductionVariantServerlessConfig):
        if serverless.provisioned_concurrency is not None:
            yield (
                "serverless_config.provisioned_concurrency",
                f"ProvisionedConcurrency is {serverless.provisioned_concurrency!r}; it is not "
                "supported for serverless endpoint recommendations for Inference Recommender "
                "jobs: leave it out",
            )


_SERVERLESS_STEP = 1024


def _memory_step(config: shapes.ProductionVariantServerlessConfig) -> Iterator[Finding]:
    memory = config.memory_size_in_mb
    # Out-of-range values are refused by the model's own min/max; only steps are new here.
    if _int(memory) and 1024 <= memory <= 6144 and memory % _SERVERLESS_STEP:
        yield (
            "memory_size_in_mb",
            f"MemorySizeInMB is {memory}; valid values are in 1 GB increments: 1024, 2048, "
            "3072, 4096, 5120 or 6144",
        )


def _traffic_spec(pattern: shapes.TrafficPattern) -> Iterator[Finding]:
    kind = str(pattern.traffic_type) if pattern.traffic_type is not None else None
    if kind == "PHASES" and not pattern.phases:
        yield "phases", "TrafficType is PHASES, so TrafficPattern needs Phases"
    elif kind == "STAIRS" and pattern.stairs is None:
        yield "stairs", "TrafficType is STAIRS, so TrafficPattern needs Stairs"


def _unique_tags(request: Any) -> Iterator[Finding]:
    tags: tuple[Any, ...] = request.tags or ()  # items may be of the wrong type
    keys = [tag.key if isinstance(tag, shapes.Tag) else None for tag in tags]
    for index, first, key in _repeats(keys):
        yield (
            f"tags[{index}].key",
            f"Tag key {key!r} is used by Tags[{first}] already; tag keys must be unique per "
            "resource",
        )


_PERCENTILES = ("P95", "P99")


def _percentile(threshold: shapes.ModelLatencyThreshold) -> Iterator[Finding]:
    value = threshold.percentile
    if isinstance(value, str) and value not in _PERCENTILES:
        yield "percentile", f"Percentile is {value!r}; acceptable values are P95 and P99"


_MAX_ADVISED_USERS = 3


def _initial_users(phase: shapes.Phase) -> Iterator[Finding]:
    users = phase.initial_number_of_users
    # Below 1 is the model's own minimum, an error already; above 3 is only advised against.
    if _int(users) and users > _MAX_ADVISED_USERS:
        yield (
            "initial_number_of_users",
            f"InitialNumberOfUsers is {users}; AWS advises a value between 1 and 3",
        )


def _phase_duration(phase: shapes.Phase) -> Iterator[Finding]:
    seconds = phase.duration_in_seconds
    if _int(seconds) and not 120 <= seconds <= 3600:
        yield (
            "duration_in_seconds",
            f"DurationInSeconds is {seconds}; for custom load tests AWS advises a value "
            "between 120 and 3600",
        )


def _phases_within_job(config: shapes.RecommendationJobInputConfig) -> Iterator[Finding]:
    job = config.job_duration_in_seconds
    pattern = config.traffic_pattern
    if not _int(job) or not isinstance(pattern, shapes.TrafficPattern):
        return
    for index, phase in enumerate(pattern.phases or ()):
        seconds = phase.duration_in_seconds if isinstance(phase, shapes.Phase) else None
        if _int(seconds) and seconds > job:
            yield (
                f"traffic_pattern.phases[{index}].duration_in_seconds",
                f"DurationInSeconds is {seconds}; it should not exceed JobDurationInSeconds "
                f"({job})",
            )


def _one_scaling_target(
    request: shapes.GetScalingConfigurationRecommendationRequest,
) -> Iterator[Finding]:
    yield from _exactly_one(
        "the request",
        "recommendation_id",
        ("RecommendationId", request.recommendation_id),
        ("EndpointName", request.endpoint_name),
    )


def _objective_range(objective: shapes.ScalingPolicyObjective) -> Iterator[Finding]:
    low, high = objective.min_invocations_per_minute, objective.max_invocations_per_minute
    if _int(low) and low < 0:
        yield (
            "min_invocations_per_minute",
            f"MinInvocationsPerMinute is {low}; a rate of requests per minute is at least 0",
        )
    if _int(high) and high < 1:
        yield (
            "max_invocations_per_minute",
            f"MaxInvocationsPerMinute is {high}; the most requests per minute to expect is "
            "at least 1",
        )
    if _int(low) and _int(high) and 0 <= low and 1 <= high < low:
        yield (
            "min_invocations_per_minute",
            f"MinInvocationsPerMinute is {low}; it must be at most MaxInvocationsPerMinute "
            f"({high})",
        )


BURSTABLE = re.compile(r"ml\.t\d[a-z]*\.")
"""SageMaker's burstable instance families (``ml.t2.*``, ``ml.t3.*``): AWS refuses them for
Inference Recommender jobs ("Burstable instance type ml.t2.medium is not allowed")."""


def is_burstable(instance_type: str) -> bool:
    """Whether ``instance_type`` is a burstable one, which Inference Recommender refuses."""
    return BURSTABLE.match(instance_type) is not None


def _burstable_message(member: str, value: str) -> str:
    return (
        f"{member} {str(value)!r} is a burstable instance type; AWS refuses these for Inference "
        f"Recommender jobs (Burstable instance type {value} is not allowed): their performance "
        "is not steady enough to benchmark. Choose another family, such as ml.c5, ml.m5 or ml.g5"
    )


def _burstable_endpoint(endpoint: shapes.EndpointInputConfiguration) -> Iterator[Finding]:
    value = endpoint.instance_type
    if isinstance(value, str) and is_burstable(value):
        yield "instance_type", _burstable_message("InstanceType", value)


def _burstable_supported(config: shapes.RecommendationJobContainerConfig) -> Iterator[Finding]:
    values: tuple[Any, ...] = config.supported_instance_types or ()
    for index, value in enumerate(values):
        if isinstance(value, str) and is_burstable(value):
            yield (
                f"supported_instance_types[{index}]",
                _burstable_message(f"SupportedInstanceTypes[{index}]", value),
            )


def _objective_bounds(objective: shapes.ScalingPolicyObjective) -> Iterator[Finding]:
    low, high = objective.min_invocations_per_minute, objective.max_invocations_per_minute
    if not all(bound is None or _int(bound) for bound in (low, high)):
        return  # a bound of the wrong type is reported on its own, once
    if low is not None and high is None:
        given, missing, path = "MinInvocationsPerMinute", "MaxInvocationsPerMinute", "max"
    elif high is not None and low is None:
        given, missing, path = "MaxInvocationsPerMinute", "MinInvocationsPerMinute", "min"
    else:
        return
    yield (
        f"{path}_invocations_per_minute",
        f"{missing} is missing; the objective is the range of traffic to expect, so it needs "
        f"both bounds ({given} alone leaves the capacity without a range)",
    )


# --------------------------------------------------------------------------- generative AI


def _one_member(union: _base.Shape) -> Iterator[Finding]:
    fields = _specs.SPECS[type(union)]
    given = [f.wire for f in fields if getattr(union, f.name) is not None]
    kind = type(union).__name__
    if len(given) > 1:
        yield "", f"{kind} is a union and has {' and '.join(given)}; give exactly one"
    elif not given:
        names = [f.wire for f in fields]
        wanted = names[0] if len(names) == 1 else "one of " + ", ".join(names)
        yield "", f"{kind} is a union and has no member; give {wanted}"


def _unique_values(items: Any, wire: str, attr: str, what: str) -> Iterator[Finding]:
    """A finding per item of ``items`` that repeats an earlier one (strings only)."""
    for index, first, item in _repeats(items or ()):
        yield f"{attr}[{index}]", f"{wire}[{index}] {item!r} repeats {wire}[{first}]; {what}"


def _unique_instance_types(spec: shapes.AIRecommendationComputeSpec) -> Iterator[Finding]:
    yield from _unique_values(
        spec.instance_types, "InstanceTypes", "instance_types", "list each instance type once"
    )


def _unique_adapter_ids(source: shapes.AIAdapterSource) -> Iterator[Finding]:
    for attr, wire in (("s3_uris", "S3Uris"), ("model_package_arns", "ModelPackageArns")):
        entries: tuple[Any, ...] = getattr(source, attr) or ()
        ids = [getattr(entry, "adapter_id", None) for entry in entries]
        for where, message in _unique_values(
            ids,
            f"{wire}.AdapterId",
            attr,
            "each adapter needs its own AdapterId (it names the adapter's inference component)",
        ):
            yield f"{where}.adapter_id", message


_BENCHMARK_TOOLS = ("aiperf",)


def _workload_document(spec: shapes.WorkloadSpec) -> Iterator[Finding]:
    text = spec.inline
    if not isinstance(text, str):
        return
    # Deferred: only a workload configuration needs YAML, not ``import irclient``. One reader
    # of Inline for the rule and the workloads package alike: JSON, else safe YAML, with
    # anchors and aliases refused (expanded, a few lines can name gigabytes).
    from .errors import ValidationError
    from .workloads._schema import load_document

    try:
        document = load_document(text, prefix="")
    except ValidationError as exc:
        for violation in exc.violations:
            yield "inline", f"WorkloadSpec.{violation.message}"
        return
    benchmark = document.get("benchmark")
    tool = benchmark.get("type") if isinstance(benchmark, dict) else None
    if tool not in _BENCHMARK_TOOLS:
        yield (
            "inline",
            f"WorkloadSpec.Inline must declare a benchmark object whose type is aiperf; "
            f"benchmark.type is {tool!r}",
        )
        return
    # The rest is the tool's configuration schema, pinned and checked by jsonschema.
    from .workloads._schema import document_violations

    for violation in document_violations(document, prefix=""):
        yield "inline", f"WorkloadSpec.Inline {violation.path or '(document)'}: {violation.message}"


def _one_objective(target: shapes.AIRecommendationPerformanceTarget) -> Iterator[Finding]:
    constraints: tuple[Any, ...] = target.constraints or ()
    if len(constraints) > 1:
        yield (
            "constraints",
            f"PerformanceTarget has {len(constraints)} Constraints; AWS asks for a single "
            "performance objective (cost, ttft-ms or throughput)",
        )


def _union_rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            name="union_one_member",
            applies_to=cls,
            severity="error",
            documented=f"{cls.__name__}: This object is a Union. Only one member of this "
            "object can be specified.",
            check=_one_member,
        )
        for cls in sorted(_specs.UNIONS, key=lambda c: c.__name__)
    )


# --------------------------------------------------------------------------- the table

RULES: tuple[Rule, ...] = (
    Rule(
        name="one_model",
        applies_to=shapes.RecommendationJobInputConfig,
        severity="error",
        documented="Provide exactly one of ModelPackageVersionArn and ModelName.",
        check=_one_model,
    ),
    Rule(
        name="job_duration_max",
        applies_to=shapes.RecommendationJobInputConfig,
        severity="error",
        documented="JobDurationInSeconds: The maximum value is 18,000 seconds.",
        check=_job_duration,
        needs=("job_duration_in_seconds",),
    ),
    Rule(
        name="advanced_needs_endpoints",
        applies_to=shapes.CreateInferenceRecommendationsJobRequest,
        severity="error",
        documented="An Advanced job needs EndpointConfigurations or Endpoints in InputConfig.",
        check=_advanced_targets,
        needs=("input_config",),
    ),
    Rule(
        name="one_endpoint_target",
        applies_to=shapes.EndpointInputConfiguration,
        severity="error",
        documented="Each endpoint configuration has exactly one of InstanceType and "
        "ServerlessConfig.",
        check=_one_target,
    ),
    Rule(
        name="provisioned_concurrency_unsupported",
        applies_to=shapes.EndpointInputConfiguration,
        severity="error",
        documented="ProvisionedConcurrency: This field is not supported for serverless "
        "endpoint recommendations for Inference Recommender jobs.",
        check=_no_provisioned,
        needs=("serverless_config",),
    ),
    Rule(
        name="memory_step",
        applies_to=shapes.ProductionVariantServerlessConfig,
        severity="error",
        documented="MemorySizeInMB: Valid values are in 1 GB increments: 1024 MB, 2048 MB, "
        "3072 MB, 4096 MB, 5120 MB, or 6144 MB.",
        check=_memory_step,
        needs=("memory_size_in_mb",),
    ),
    Rule(
        name="traffic_type_spec",
        applies_to=shapes.TrafficPattern,
        severity="error",
        documented="TrafficType: Choose either PHASES or STAIRS; PHASES is defined by Phases "
        "and STAIRS by Stairs.",
        check=_traffic_spec,
        needs=("traffic_type",),
    ),
    Rule(
        name="unique_tag_keys",
        applies_to=shapes.CreateInferenceRecommendationsJobRequest,
        severity="error",
        documented="Tag: Tag keys must be unique per resource.",
        check=_unique_tags,
        needs=("tags",),
    ),
    *(
        Rule(
            name="unique_tag_keys",
            applies_to=cls,
            severity="error",
            documented="Tag: Tag keys must be unique per resource.",
            check=_unique_tags,
            needs=("tags",),
        )
        for cls in (
            shapes.CreateAIWorkloadConfigRequest,
            shapes.CreateAIBenchmarkJobRequest,
            shapes.CreateAIRecommendationJobRequest,
        )
    ),
    *_union_rules(),
    Rule(
        name="unique_instance_types",
        applies_to=shapes.AIRecommendationComputeSpec,
        severity="error",
        documented="InstanceTypes: The list of instance types to consider for "
        "recommendations. You can specify up to 3 instance types.",
        check=_unique_instance_types,
        needs=("instance_types",),
    ),
    Rule(
        name="unique_adapter_ids",
        applies_to=shapes.AIAdapterSource,
        severity="error",
        documented="AdapterId: A unique identifier for the adapter. This ID is used as the "
        "inference component name when the adapter is deployed.",
        check=_unique_adapter_ids,
    ),
    Rule(
        name="workload_spec_document",
        applies_to=shapes.WorkloadSpec,
        severity="error",
        documented="Inline: An inline YAML or JSON string that defines benchmark parameters. "
        "The service validates the document against its own benchmark schema: it must "
        "declare a benchmark object whose type member matches the pattern ^(aiperf)$.",
        check=_workload_document,
        needs=("inline",),
    ),
    Rule(
        name="single_performance_objective",
        applies_to=shapes.AIRecommendationPerformanceTarget,
        severity="warning",
        documented="Choose a single performance objective: optimize for cost, minimize "
        "latency, or maximize throughput.",
        check=_one_objective,
        needs=("constraints",),
    ),
    Rule(
        name="latency_percentile",
        applies_to=shapes.ModelLatencyThreshold,
        severity="error",
        documented="Percentile: Acceptable values are P95 and P99.",
        check=_percentile,
        needs=("percentile",),
    ),
    Rule(
        name="one_scaling_target",
        applies_to=shapes.GetScalingConfigurationRecommendationRequest,
        severity="error",
        documented="RecommendationId: Specify either this field or the EndpointName field.",
        check=_one_scaling_target,
    ),
    Rule(
        name="objective_range",
        applies_to=shapes.ScalingPolicyObjective,
        severity="error",
        documented="ScalingPolicyObjective: MinInvocationsPerMinute and MaxInvocationsPerMinute "
        "are the minimum and the maximum number of expected requests to your endpoint per "
        "minute.",
        check=_objective_range,
    ),
    Rule(
        name="objective_both_bounds",
        applies_to=shapes.ScalingPolicyObjective,
        severity="error",
        documented="ScalingPolicyObjective: An object where you specify the anticipated "
        "traffic pattern for an endpoint. AWS documents no meaning for one bound alone, so "
        "irclient asks for both MinInvocationsPerMinute and MaxInvocationsPerMinute.",
        check=_objective_bounds,
    ),
    Rule(
        name="burstable_instance",
        applies_to=shapes.EndpointInputConfiguration,
        severity="error",
        documented="AWS answers 'Burstable instance type ... is not allowed' for a burstable "
        "(ml.t2, ml.t3) instance type in a load test's endpoint configurations.",
        check=_burstable_endpoint,
    ),
    Rule(
        name="burstable_supported_instance",
        applies_to=shapes.RecommendationJobContainerConfig,
        severity="error",
        documented="AWS answers 'Burstable instance type ... is not allowed' for a burstable "
        "(ml.t2, ml.t3) instance type among a job's SupportedInstanceTypes.",
        check=_burstable_supported,
    ),
    Rule(
        name="phase_initial_users",
        applies_to=shapes.Phase,
        severity="warning",
        documented="InitialNumberOfUsers: The value should be between 1 and 3.",
        check=_initial_users,
        needs=("initial_number_of_users",),
    ),
    Rule(
        name="phase_duration",
        applies_to=shapes.Phase,
        severity="warning",
        documented="DurationInSeconds: For custom load tests, the value should be between 120 "
        "and 3600.",
        check=_phase_duration,
        needs=("duration_in_seconds",),
    ),
    Rule(
        name="phase_within_job",
        applies_to=shapes.RecommendationJobInputConfig,
        severity="warning",
        documented="DurationInSeconds: This value should not exceed JobDurationInSeconds.",
        check=_phases_within_job,
        needs=("job_duration_in_seconds", "traffic_pattern"),
    ),
)
"""Every cross-member rule, in the order their findings are reported."""


def rules_for(cls: type[Any]) -> tuple[Rule, ...]:
    """The rules that check instances of ``cls``."""
    return tuple(rule for rule in RULES if rule.applies_to is cls)
