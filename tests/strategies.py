"""Hypothesis strategies built from the generated constraint metadata."""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

import attrs
from hypothesis import strategies as st

from irclient.models import _base, _specs
from irclient.models.shapes import (
    AIAdapterSource,
    AIRecommendationComputeSpec,
    CreateAIBenchmarkJobRequest,
    CreateAIRecommendationJobRequest,
    CreateAIWorkloadConfigRequest,
    CreateInferenceRecommendationsJobRequest,
    EndpointInputConfiguration,
    GetScalingConfigurationRecommendationRequest,
    ModelLatencyThreshold,
    ProductionVariantServerlessConfig,
    RecommendationJobContainerConfig,
    RecommendationJobInputConfig,
    ScalingPolicyObjective,
    TrafficPattern,
    WorkloadSpec,
)
from irclient.rules import is_burstable
from irclient.validation._patterns import compile_pattern, translate

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
WIRE_NAMES = sorted({f.wire for fields in _specs.SPECS.values() for f in fields})


def json_like() -> st.SearchStrategy[Any]:
    """Arbitrary JSON-like values whose keys are often real wire names, to reach deep."""
    keys = st.sampled_from(WIRE_NAMES) | st.text(max_size=12)
    return st.recursive(
        JSON_SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
        max_leaves=30,
    )


def _aware_datetimes() -> st.SearchStrategy[datetime.datetime]:
    return st.datetimes(
        min_value=datetime.datetime(1971, 1, 1),
        max_value=datetime.datetime(2200, 1, 1),
        timezones=st.just(datetime.UTC),
    )


def any_value(spec: _base.TypeSpec, depth: int = 0) -> st.SearchStrategy[Any]:
    """Any well-typed value of a spec, ignoring constraints (as AWS may send)."""
    if spec.enum is not None:
        return st.sampled_from(list(spec.enum)) | st.text(min_size=1, max_size=12)
    if spec.kind == "string":
        return st.text(max_size=20)
    if spec.kind in ("integer", "long"):
        return st.integers(min_value=-(2**31), max_value=2**31 - 1)
    if spec.kind in ("float", "double"):
        return st.floats(allow_nan=True, allow_infinity=False)
    if spec.kind == "boolean":
        return st.booleans()
    if spec.kind == "timestamp":
        return _aware_datetimes()
    if spec.kind == "list":
        assert spec.member is not None
        return st.lists(any_value(spec.member, depth + 1), max_size=3 if depth < 3 else 0).map(
            tuple
        )
    if spec.kind == "map":
        assert spec.key is not None and spec.value is not None
        return st.dictionaries(
            any_value(spec.key, depth + 1), any_value(spec.value, depth + 1), max_size=3
        ).map(_base.FrozenMap)
    assert spec.structure is not None
    return any_model(spec.structure, depth + 1)


def any_model(cls: type[_base.Shape], depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances of ``cls`` with well-typed members; optional members sometimes unset."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in _specs.SPECS[cls]:
        value = any_value(field.type, depth)
        fields[field.name] = value if field.required else st.none() | value
    return st.fixed_dictionaries(fields).map(lambda kwargs: cls(**kwargs))


# --------------------------------------------------------------------------- valid and near-miss

_SMALL = 3
"""Most items a generated list holds beyond its minimum: keeps requests small and fast."""

_P_CLASSES = {r"\p{L}": "a-zA-Z\u00e9\u00df\u4e2d", r"\p{Z}": " \u00a0", r"\p{N}": "0-9\u0663"}


def _python_regex(pattern: str) -> str:
    """The pattern as Python's ``re`` (and hypothesis' from_regex) can read it."""
    translated = translate(pattern, dialect="python")
    for escape, chars in _P_CLASSES.items():
        translated = translated.replace(escape, chars)
    return translated


def pattern_strings(pattern: str, lo: int | None, hi: int | None) -> st.SearchStrategy[str]:
    """Strings the AWS pattern fully matches, within the length bounds."""
    matcher = compile_pattern(pattern)
    low, high = lo or 0, hi if hi is not None else 10**9
    return st.from_regex(_python_regex(pattern), fullmatch=True).filter(
        lambda s: low <= len(s) <= high and matcher(s)
    )


def valid_value(spec: _base.TypeSpec) -> st.SearchStrategy[Any]:
    """Values that keep every constraint of ``spec``: lengths, ranges, patterns, enums."""
    lo, hi = spec.min, spec.max
    if spec.enum is not None:
        return st.sampled_from([member.value for member in spec.enum])
    if spec.kind == "string":
        if spec.pattern is not None:
            return pattern_strings(spec.pattern, _int(lo), _int(hi))
        low = _int(lo) or 0
        return st.text(min_size=low, max_size=max(low, min(_int(hi) or 20, 20)))
    if spec.kind in ("integer", "long"):
        return st.integers(
            min_value=-(2**31) if lo is None else int(lo),
            max_value=2**31 - 1 if hi is None else int(hi),
        )
    if spec.kind in ("float", "double"):
        return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)
    if spec.kind == "boolean":
        return st.booleans()
    if spec.kind == "timestamp":
        return _aware_datetimes()
    if spec.kind == "list":
        assert spec.member is not None
        low = _int(lo) or 0
        return st.lists(
            valid_value(spec.member), min_size=low, max_size=min(_int(hi) or 10**9, low + _SMALL)
        ).map(tuple)
    if spec.kind == "map":
        assert spec.key is not None and spec.value is not None
        low = _int(lo) or 0
        return st.dictionaries(
            valid_value(spec.key),
            valid_value(spec.value),
            min_size=low,
            max_size=min(_int(hi) or 10**9, low + _SMALL),
        ).map(_base.FrozenMap)
    assert spec.structure is not None
    return valid_model(spec.structure)


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


_MEMORY_SIZES = st.sampled_from([1024 * k for k in range(1, 7)])


# The rules of irclient.rules.RULES, made true of a generated model: each repair changes as
# little as it can. A new error rule needs a repair here, or valid_model may break it.
def _input_config(model: Any) -> Any:
    changes: dict[str, Any] = {}
    if model.model_name is not None and model.model_package_version_arn is not None:
        changes["model_package_version_arn"] = None
    elif model.model_name is None and model.model_package_version_arn is None:
        changes["model_name"] = "model"
    if model.job_duration_in_seconds is not None and model.job_duration_in_seconds > 18_000:
        changes["job_duration_in_seconds"] = 18_000
    return attrs.evolve(model, **changes) if changes else model


def _container(model: Any) -> Any:
    # Burstable types are refused here too (rules.py, burstable_supported_instance).
    types = model.supported_instance_types
    if types and any(isinstance(t, str) and is_burstable(t) for t in types):
        # Left out rather than replaced, so no value repeats; one steady type if none is left.
        kept = tuple(t for t in types if not is_burstable(t)) or ("ml.m5.large",)
        return attrs.evolve(model, supported_instance_types=kept)
    return model


def _endpoint(model: Any) -> Any:
    if re.fullmatch(r"ml\.t\d.*", str(model.instance_type or "")):
        # Burstable types are refused (rules.py, burstable_instance_type).
        return _endpoint(attrs.evolve(model, instance_type="ml.m5.large"))
    serverless = model.serverless_config
    if model.instance_type is not None and serverless is not None:
        return attrs.evolve(model, serverless_config=None)
    if model.instance_type is None and serverless is None:
        return attrs.evolve(model, instance_type="ml.c5.xlarge")
    if serverless is not None and serverless.provisioned_concurrency is not None:
        serverless = attrs.evolve(serverless, provisioned_concurrency=None)
        return attrs.evolve(model, serverless_config=serverless)
    return model


def _traffic(model: Any) -> Any:
    kind = model.traffic_type
    if (kind == "PHASES" and not model.phases) or (kind == "STAIRS" and model.stairs is None):
        return attrs.evolve(model, traffic_type=None)
    return model


def _create(model: Any) -> Any:
    config = model.input_config
    if model.job_type == "Advanced" and not (config.endpoint_configurations or config.endpoints):
        model = attrs.evolve(model, job_type="Default")
    return _unique_tags(model)


def _unique_tags(model: Any) -> Any:
    if model.tags:
        first: dict[str, Any] = {}
        for tag in model.tags:
            first.setdefault(tag.key, tag)
        model = attrs.evolve(model, tags=list(first.values()))
    return model


def _compute(model: Any) -> Any:
    if model.instance_types:
        model = attrs.evolve(model, instance_types=list(dict.fromkeys(model.instance_types)))
    return model


def _adapters(model: Any) -> Any:
    # Exactly one member (the union), then one AdapterId per adapter.
    if model.s3_uris is not None and model.model_package_arns is not None:
        model = attrs.evolve(model, model_package_arns=None)
    entries = model.s3_uris if model.s3_uris is not None else model.model_package_arns
    renamed = [
        attrs.evolve(entry, adapter_id=f"a{index}") for index, entry in enumerate(entries or ())
    ]
    attr = "s3_uris" if model.s3_uris is not None else "model_package_arns"
    return attrs.evolve(model, **{attr: renamed}) if entries else model


_WORKLOAD_SPECS = st.sampled_from(
    [
        "benchmark:\n  type: aiperf\nparameters:\n  concurrency: 4\n",
        '{"benchmark": {"type": "aiperf"}, "parameters": {"concurrency": [1, 2]}}',
    ]
)


def _threshold(model: Any) -> Any:
    if model.percentile is not None and model.percentile not in ("P95", "P99"):
        return attrs.evolve(model, percentile="P95")
    return model


def _one_scaling_target(model: Any) -> Any:
    # Exactly one of RecommendationId and EndpointName.
    if model.recommendation_id is not None and model.endpoint_name is not None:
        return attrs.evolve(model, endpoint_name=None)
    if model.recommendation_id is None and model.endpoint_name is None:
        return attrs.evolve(model, recommendation_id="job/1a2b3c4d")
    return model


def _objective(model: Any) -> Any:
    # Rates of requests per minute: the minimum at least 0, the maximum at least 1, in order.
    low, high = model.min_invocations_per_minute, model.max_invocations_per_minute
    low = None if low is None else abs(low)
    high = None if high is None else max(abs(high), 1)
    if low is not None and high is not None and low > high:
        low, high = high, max(low, 1)
    # Both bounds or neither: irclient refuses one alone (rules.py, objective_both_bounds).
    if high is None and low is not None:
        high = max(low, 1)
    if low is None and high is not None:
        low = 0
    return attrs.evolve(model, min_invocations_per_minute=low, max_invocations_per_minute=high)


_REPAIRS: dict[type[Any], Any] = {
    RecommendationJobInputConfig: _input_config,
    EndpointInputConfiguration: _endpoint,
    RecommendationJobContainerConfig: _container,
    TrafficPattern: _traffic,
    CreateInferenceRecommendationsJobRequest: _create,
    ModelLatencyThreshold: _threshold,
    GetScalingConfigurationRecommendationRequest: _one_scaling_target,
    ScalingPolicyObjective: _objective,
    CreateAIWorkloadConfigRequest: _unique_tags,
    CreateAIBenchmarkJobRequest: _unique_tags,
    CreateAIRecommendationJobRequest: _unique_tags,
    AIRecommendationComputeSpec: _compute,
    AIAdapterSource: _adapters,
}


def valid_model(cls: type[_base.Shape]) -> st.SearchStrategy[Any]:
    """Instances of ``cls`` that ``irclient.validate`` accepts; optional members sometimes unset."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    union = cls in _specs.UNIONS
    for field in _specs.SPECS[cls]:
        value = valid_value(field.type)
        if cls is ProductionVariantServerlessConfig and field.name == "memory_size_in_mb":
            value = _MEMORY_SIZES
        if cls is WorkloadSpec:
            value = _WORKLOAD_SPECS
        # A union's members are all optional: one of them is set below.
        fields[field.name] = value if field.required or union else st.none() | value
    members: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(fields)
    if union:
        names = [f.name for f in _specs.SPECS[cls]]
        members = st.tuples(members, st.sampled_from(names)).map(
            lambda pair: {k: v for k, v in pair[0].items() if k == pair[1]}
        )
    models = members.map(lambda kwargs: cls(**kwargs))
    repair = _REPAIRS.get(cls)
    return models.map(repair) if repair is not None else models


Step = str | int
"""An attribute name or a list index on the way from a request to a value."""


@dataclasses.dataclass(frozen=True)
class Breach:
    """One constraint broken at one place: where, which, and the value that breaks it."""

    steps: tuple[Step, ...]
    constraint: str
    value: Any

    @property
    def path(self) -> str:
        out = ""
        for step in self.steps:
            out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
        return out


_WRONG_TYPE: dict[str, Any] = {
    "string": 12345,
    "integer": "1",
    "long": "1",
    "float": "1.5",
    "double": "1.5",
    "boolean": "yes",
    "timestamp": "2024-01-01T00:00:00Z",
    "structure": "a string",
    "list": "a string",
    "map": "a string",
}


def _value_breaches(value: Any, spec: _base.TypeSpec, here: tuple[Step, ...]) -> list[Breach]:
    out = [Breach(here, "type", _WRONG_TYPE[spec.kind])]
    lo, hi = _int(spec.min), _int(spec.max)
    if spec.kind == "string" and spec.enum is None:
        if lo:
            out.append(Breach(here, "min_length", "a" * (lo - 1)))
        if hi is not None and hi < 10_000:
            out.append(Breach(here, "max_length", "a" * (hi + 1)))
        if spec.pattern is not None:
            matcher = compile_pattern(spec.pattern)
            low, high = lo or 0, hi if hi is not None else 10**9
            candidates = [value + "\n", "\n" + value, "!" + value[1:], value + "!", " " + value]
            candidates += ["\x00" * max(low, 1), "\n" * max(low, 1), "!" * max(low, 1)]
            for candidate in candidates:
                if low <= len(candidate) <= high and not matcher(candidate):
                    out.append(Breach(here, "pattern", candidate))
                    break
    elif spec.kind == "string" and spec.enum is not None:
        out.append(Breach(here, "enum", "NOT_A_KNOWN_VALUE"))
    elif spec.kind in ("integer", "long"):
        if spec.min is not None:
            out.append(Breach(here, "min", int(spec.min) - 1))
        if spec.max is not None:
            out.append(Breach(here, "max", int(spec.max) + 1))
    elif spec.kind in ("float", "double"):
        if spec.min is not None:
            out.append(Breach(here, "min", float(spec.min) - 1.0))
        if spec.max is not None:
            out.append(Breach(here, "max", float(spec.max) + 1.0))
    elif spec.kind == "map" and hi is not None and hi < 1000:
        entries = {f"K{index}": "v" for index in range(hi + 1)}
        out.append(Breach(here, "max_length", _base.FrozenMap(entries)))
    elif spec.kind == "list":
        if lo:
            out.append(Breach(here, "min_length", ()))
        if hi is not None and value and hi < 100:
            out.append(
                Breach(here, "max_length", tuple(value) + (value[0],) * (hi + 1 - len(value)))
            )
    return out


def breaches(model: _base.Shape, steps: tuple[Step, ...] = ()) -> list[Breach]:
    """Every single-constraint break of a valid model: one of them applied gives a near miss."""
    out: list[Breach] = []
    for field in _specs.SPECS[type(model)]:
        value = getattr(model, field.name)
        here = (*steps, field.name)
        if field.required:
            out.append(Breach(here, "required", None))
        if value is None:
            # A second member of a union is two faults (its type, and two members), not a near
            # miss: a union's absent members are broken only while it has none set.
            if not (
                type(model) in _specs.UNIONS
                and any(getattr(model, f.name) is not None for f in _specs.SPECS[type(model)])
            ):
                out.append(Breach(here, "type", _WRONG_TYPE[field.type.kind]))
            continue
        spec = field.type
        out += _value_breaches(value, spec, here)
        if spec.structure is not None:
            out += breaches(value, here)
        elif spec.member is not None:
            for index, item in enumerate(value):
                if spec.member.structure is not None:
                    out += breaches(item, (*here, index))
                else:
                    out += _value_breaches(item, spec.member, (*here, index))
    return out


def apply(model: Any, steps: tuple[Step, ...], value: Any) -> Any:
    """A copy of ``model`` with the value at ``steps`` replaced."""
    head, rest = steps[0], steps[1:]
    if isinstance(head, int):
        items = list(model)
        items[head] = apply(items[head], rest, value) if rest else value
        return tuple(items)
    new = apply(getattr(model, head), rest, value) if rest else value
    return attrs.evolve(model, **{head: new})


def model_patterns() -> list[str]:
    """Every distinct pattern in the generated metadata, sorted."""
    from irclient.models import _specs

    seen: set[str] = set()

    def walk(spec: _base.TypeSpec) -> None:
        if spec.pattern is not None:
            seen.add(spec.pattern)
        for inner in (spec.member, spec.key, spec.value):
            if inner is not None:
                walk(inner)

    for fields in _specs.SPECS.values():
        for field in fields:
            walk(field.type)
    return sorted(seen)
