"""Fuzzing every request and response shape, in process and through the loopback simulator."""

from __future__ import annotations

import datetime
import logging
import math
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from client_support import ensure_model
from irclient import (
    InferenceRecommenderClient,
    InvalidResponseError,
    IRClientError,
    RetryPolicy,
    ServiceError,
    ValidationError,
    validate,
)
from irclient.models import _base, _specs
from irclient.models.shapes import (
    CreateInferenceRecommendationsJobRequest,
    ListInferenceComponentsInput,
    ListInferenceRecommendationsJobsRequest,
    ListInferenceRecommendationsJobStepsRequest,
    RecommendationJobInputConfig,
)
from irclient.serde import REQUEST_CLASSES
from irclient.validation import check
from samples import (
    ai_benchmark_job_request_wire,
    ai_recommendation_job_request_wire,
    ai_workload_config_request_wire,
)
from strategies import any_model, apply, breaches, json_like, valid_model

from .conftest import boto3_client
from .faultproxy import CANNED, Fault, FaultProxy
from .report import FIGURES

pytestmark = pytest.mark.reliability

REQUESTS = [op.input for op in _specs.OPERATIONS.values()]
RESPONSES = [op.output for op in _specs.OPERATIONS.values() if op.output is not None]
OPERATION_OF = {op.input: op.name for op in _specs.OPERATIONS.values()}
METHOD_OF = {op.input: op.method for op in _specs.OPERATIONS.values()}
# The generative-AI operations are left out of the simulator fuzz for now: the simulator
# refuses some requests the validator accepts (an arbitrary NextToken on the AI lists, some
# CreateAIRecommendationJob requests), which needs its own look (repairs in
# _simulator_rules or answers in the simulator) before they join.
SIMULATED = [op.input for op in _specs.OPERATIONS.values() if op.since is None]

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)
OVER_HTTP = settings(FUZZ, max_examples=25)


def _ids(classes: list[type[_base.Shape]]) -> list[str]:
    return [cls.__name__ for cls in classes]


# --------------------------------------------------------------------------- requests


ALL_REQUEST_CLASSES = sorted(REQUEST_CLASSES, key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", ALL_REQUEST_CLASSES, ids=_ids(ALL_REQUEST_CLASSES))
@FUZZ
@given(data=st.data())
def test_constraint_respecting_requests_validate_and_round_trip(
    cls: type[_base.Shape], data: st.DataObject
) -> None:
    model = data.draw(valid_model(cls))
    FIGURES.fuzz("valid request shapes, validated and round-tripped")
    validate(model)
    assert cls.from_dict(model.to_dict()) == model


@pytest.mark.parametrize("cls", REQUESTS, ids=_ids(REQUESTS))
@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_near_miss_requests_name_the_path_and_constraint(
    cls: type[_base.Shape], data: st.DataObject
) -> None:
    model = data.draw(valid_model(cls))
    breach = data.draw(st.sampled_from(breaches(model)))
    bad = apply(model, breach.steps, breach.value)
    FIGURES.fuzz("near-miss requests, one constraint broken")
    found = [(v.path, v.constraint) for v in check(bad)]
    assert found == [(breach.path, breach.constraint)], (breach, found)
    with pytest.raises(ValidationError):
        validate(bad)


@pytest.mark.parametrize("cls", REQUESTS, ids=_ids(REQUESTS))
@settings(FUZZ, max_examples=150)
@given(payload=json_like())
def test_arbitrary_dicts_are_validation_errors_or_valid(
    cls: type[_base.Shape], payload: Any
) -> None:
    FIGURES.fuzz("arbitrary JSON-like request payloads")
    try:
        model = cls.from_dict(payload if isinstance(payload, dict) else {"": payload})
        validate(model)
    except ValidationError as exc:
        assert exc.violations
        assert all(v.path is not None and v.constraint for v in exc.violations)


@pytest.mark.parametrize("cls", REQUESTS, ids=_ids(REQUESTS))
@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_well_typed_requests_through_the_client_raise_only_validation_error(
    cls: type[_base.Shape], data: st.DataObject
) -> None:
    # any_model ignores constraints; nothing may escape but ValidationError, before sending.
    model = data.draw(any_model(cls))
    FIGURES.fuzz("unconstrained well-typed requests through the client")
    client = InferenceRecommenderClient(
        boto3_client("http://127.0.0.1:9"), retry=RetryPolicy(max_attempts=1)
    )
    try:
        validate(model)
    except ValidationError:
        with pytest.raises(ValidationError):
            getattr(client, METHOD_OF[cls])(model)


def _simulator_rules(model: Any) -> Any:
    """Fit a valid request to the rules the service states only in prose."""
    if isinstance(model, CreateInferenceRecommendationsJobRequest):
        config = model.input_config
        # What a job names must exist: a model, which the test creates. A model package or an
        # existing endpoint would need a registered package or a deployed endpoint; the
        # simulator's own tests cover those.
        if config.model_name is None:
            config = attrs.evolve(config, model_name="fuzzed-model")
        config = attrs.evolve(config, model_package_version_arn=None, endpoints=None)
        endpoints = tuple(
            attrs.evolve(e, serverless_config=None)
            if e.instance_type is not None and e.serverless_config is not None
            else attrs.evolve(e, instance_type="ml.c5.xlarge")
            if e.instance_type is None and e.serverless_config is None
            else e
            for e in config.endpoint_configurations or ()
        )
        config = attrs.evolve(config, endpoint_configurations=endpoints or None)
        if model.job_type == "Advanced" and not (
            config.endpoint_configurations or config.endpoints
        ):
            config = attrs.evolve(config, endpoints=None)
            model = attrs.evolve(model, job_type="Default")
        model = attrs.evolve(model, input_config=config)
    if isinstance(
        model,
        ListInferenceRecommendationsJobsRequest
        | ListInferenceRecommendationsJobStepsRequest
        | ListInferenceComponentsInput,
    ):
        model = attrs.evolve(model, next_token=None)  # a made-up token is rightly refused
    return model


@pytest.fixture(scope="module")
def sim_client(moto_url: str) -> InferenceRecommenderClient:
    return InferenceRecommenderClient(
        boto3_client(moto_url, read_timeout=30), retry=RetryPolicy(max_attempts=1)
    )


@pytest.fixture(scope="module")
def raw_sim_client(moto_url: str) -> InferenceRecommenderClient:
    return InferenceRecommenderClient(
        boto3_client(moto_url, read_timeout=30), retry=RetryPolicy(max_attempts=1), validate=False
    )


@pytest.mark.parametrize("cls", SIMULATED, ids=_ids(SIMULATED))
@OVER_HTTP
@given(data=st.data())
def test_valid_requests_are_accepted_by_the_simulator(
    cls: type[_base.Shape], data: st.DataObject, sim_client: InferenceRecommenderClient
) -> None:
    model = _simulator_rules(data.draw(valid_model(cls)))
    FIGURES.fuzz("valid requests sent to the simulator")
    FIGURES.requests(1)
    if isinstance(model, CreateInferenceRecommendationsJobRequest):
        assert model.input_config.model_name is not None
        ensure_model(sim_client.boto3_client, model.input_config.model_name)
    try:
        getattr(sim_client, METHOD_OF[cls])(model)
    except ServiceError as exc:
        # A job that does not exist (or already does, or has ended) is an answer, not a refusal;
        # so is AWS's "Could not find" of an inference component, endpoint, variant or model
        # that a component request names (a ValidationException there, as on AWS).
        assert (
            exc.code in ("ResourceNotFound", "ResourceInUse")
            or (
                exc.code == "ValidationException" and "only a PENDING or IN_PROGRESS" in exc.message
            )
            or (exc.code == "ValidationException" and exc.message.startswith("Could not find "))
        ), (model, exc)


def _aws_path(steps: tuple[str | int, ...], cls: type[_base.Shape]) -> str:
    parts: list[str] = []
    spec: _base.TypeSpec | None = _base.TypeSpec(
        kind="structure", shape=cls.__name__, structure=cls
    )
    for step in steps:
        assert spec is not None
        if isinstance(step, int):
            parts += [str(step + 1), "member"]
            spec = spec.member
            continue
        assert spec.structure is not None
        field = next(f for f in _specs.SPECS[spec.structure] if f.name == step)
        parts.append(field.wire[0].lower() + field.wire[1:])
        spec = field.type
    return ".".join(parts)


@pytest.mark.parametrize("cls", SIMULATED, ids=_ids(SIMULATED))
@OVER_HTTP
@given(data=st.data())
def test_near_miss_requests_are_refused_by_the_simulator(
    cls: type[_base.Shape], data: st.DataObject, raw_sim_client: InferenceRecommenderClient
) -> None:
    model = _simulator_rules(data.draw(valid_model(cls)))
    options = [b for b in breaches(model) if b.constraint != "type"]
    assume(options)  # a request with every optional member unset has only type breaches
    breach = data.draw(st.sampled_from(options))
    bad = apply(model, breach.steps, breach.value)
    FIGURES.fuzz("near-miss requests sent to the simulator (client checks off)")
    FIGURES.requests(1)
    with pytest.raises(IRClientError) as info:
        getattr(raw_sim_client, METHOD_OF[cls])(bad)
    error = info.value
    if isinstance(error, ValidationError):
        # botocore's own check (required members and minimums) stopped it before sending.
        assert breach.constraint in ("required", "min", "min_length"), (breach, error)
        return
    assert isinstance(error, ServiceError), error
    assert error.code == "ValidationException", (breach, error)
    assert _aws_path(breach.steps, cls) in error.message, (breach, error.message)


# --------------------------------------------------------------------------- responses


@st.composite
def noisy(draw: st.DrawFn, wire: dict[str, Any], cls: type[_base.Shape] | None = None) -> Any:
    """``wire`` with unknown members added here and there (new entries in maps)."""
    if cls is None:
        return _with_unknowns(wire, draw, None)
    return _with_unknowns(wire, draw, _base.TypeSpec(kind="structure", shape="", structure=cls))


def _with_unknowns(value: Any, draw: st.DrawFn, spec: _base.TypeSpec | None) -> Any:
    """Add unknown members to every object of a wire value, at random.

    A map's entries are data, not members: a map is left as it is (an entry added there
    would be a new value, which takes part in equality, not an unknown member).
    """
    if isinstance(value, dict) and spec is not None and spec.kind == "map":
        return value
    if isinstance(value, dict):
        fields = (
            {f.wire: f.type for f in _specs.SPECS[spec.structure]}
            if spec is not None and spec.structure is not None
            else {}
        )
        out = {k: _with_unknowns(v, draw, fields.get(k)) for k, v in value.items()}
        if draw(st.booleans()):
            out[draw(st.sampled_from(["FutureMember", "NewField2031", "x"]))] = draw(json_like())
        return out
    if isinstance(value, list):
        member = spec.member if spec is not None else None
        return [_with_unknowns(v, draw, member) for v in value]
    return value


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_comparable(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, datetime.datetime):
        return round(value.timestamp(), 3)  # the wire carries milliseconds
    return value


@pytest.mark.parametrize("cls", RESPONSES, ids=_ids(RESPONSES))
@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_responses_with_unknown_members_and_enum_values_parse_and_round_trip(
    cls: type[_base.Shape], data: st.DataObject
) -> None:
    model = data.draw(any_model(cls))
    wire = model.to_dict()
    FIGURES.fuzz("responses with unknown members and enum values")
    noisy_wire = data.draw(noisy(wire, cls))
    parsed = cls.from_dict(noisy_wire)
    # Unknown members survive: the round trip gives back everything that came in.
    assert _comparable(parsed.to_dict()) == _comparable(noisy_wire)
    assert parsed == cls.from_dict(wire)  # and they take no part in equality


def _json_default(value: Any) -> Any:
    assert isinstance(value, datetime.datetime)
    return round(value.timestamp(), 3)  # the wire's epoch seconds carry milliseconds


@pytest.mark.parametrize("cls", RESPONSES, ids=_ids(RESPONSES))
@OVER_HTTP
@given(data=st.data())
def test_responses_over_http_parse_through_botocore_and_the_client(
    cls: type[_base.Shape], data: st.DataObject, proxy: FaultProxy
) -> None:
    import json

    model = data.draw(any_model(cls))
    wire = model.to_dict()
    body = json.dumps(data.draw(noisy(wire, cls)), default=_json_default).encode()
    operation = next(op.name for op in _specs.OPERATIONS.values() if op.output is cls)
    proxy.fail(operation, Fault(CANNED, body=body))
    client = InferenceRecommenderClient(
        boto3_client(proxy.url, read_timeout=30), retry=RetryPolicy(max_attempts=1)
    )
    FIGURES.fuzz("responses with unknown members served over HTTP")
    request: dict[str, Any] = {}
    if _specs.OPERATIONS[operation].since is not None:
        request = _ai_request(operation)
    elif operation in _COMPONENT_REQUESTS:
        request = dict(_COMPONENT_REQUESTS[operation])
    elif operation == "GetScalingConfigurationRecommendation":
        request = {"inference_recommendations_job_name": "any", "recommendation_id": "r"}
    elif operation != "ListInferenceRecommendationsJobs":
        request = {"job_name": "any"}
    if operation == "CreateInferenceRecommendationsJob":
        request |= {
            "job_type": "Default",
            "role_arn": "arn:aws:iam::123456789012:role/r",
            "input_config": RecommendationJobInputConfig(model_name="m"),
        }
    try:
        parsed = getattr(client, _specs.OPERATIONS[operation].method)(**request)
    except InvalidResponseError as exc:
        # any_model may leave a union (ScalingPolicy) with no member, which botocore refuses
        # as AWS never sends it; irclient names the member. Any other refusal is a failure.
        assume("one and only one member" not in str(exc))
        raise
    # botocore keeps only the name of a union's unknown member (SDK_UNKNOWN_MEMBER), not
    # its value, so such a body cannot round-trip through botocore whatever irclient does.
    assume("SDK_UNKNOWN_MEMBER" not in str(parsed.to_dict()))
    assert _comparable(parsed.to_dict()) == _comparable(wire)


_COMPONENT_REQUESTS: dict[str, dict[str, Any]] = {
    "CreateInferenceComponent": {
        "request": {
            "InferenceComponentName": "any",
            "EndpointName": "any",
            "Specification": {
                "ModelName": "m",
                "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
            },
            "RuntimeConfig": {"CopyCount": 1},
        }
    },
    "DescribeInferenceComponent": {"inference_component_name": "any"},
    "ListInferenceComponents": {},
    "UpdateInferenceComponent": {"inference_component_name": "any"},
    "UpdateInferenceComponentRuntimeConfig": {
        "inference_component_name": "any",
        "desired_runtime_config": {"CopyCount": 1},
    },
}
"""A valid request of each inference-component operation with a response, as keyword
arguments of its method (the proxy answers it with the fuzzed body)."""


def _ai_request(operation: str) -> dict[str, Any]:
    """A valid request of a generative-AI operation, as keyword arguments of its method."""
    creates = {
        "CreateAIWorkloadConfig": ai_workload_config_request_wire,
        "CreateAIBenchmarkJob": ai_benchmark_job_request_wire,
        "CreateAIRecommendationJob": ai_recommendation_job_request_wire,
    }
    if operation in creates:
        return {"request": creates[operation]()}
    fields = _specs.SPECS[_specs.OPERATIONS[operation].input]
    return {f.name: "any" for f in fields if f.required}  # the names of Describe, Stop, Delete


# --------------------------------------------------------------------------- the response oracle


# The cases are dealt to shards so that parallel workers share them (one test of all of them
# kept one worker busy for a minute while the other sat idle).
SHARDS = 6


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_mutated_response_gives_a_usable_model_or_an_irclient_error(
    caplog: pytest.LogCaptureFixture, shard: int
) -> None:
    """Each member of each response kind, replaced by each hostile value, then every helper.

    Served through botocore's own parser; the outcome is a model every helper (reprs,
    summaries, HTML, DataFrames, ranking, the Pareto front, a saved plot) can use, or an
    irclient error. Anything else is foreign, and there must be none.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from . import mutations

    figure, axes = plt.subplots()
    foreign: list[str] = []
    outcomes: dict[str, int] = {}
    try:
        with caplog.at_level(logging.ERROR, logger="irclient"):  # the warnings are expected
            for index, (operation, path, value, body) in enumerate(mutations.cases()):
                if index % SHARDS != shard:
                    continue
                # Plots are slow to draw: only for members a plot shows.
                plotted = any(k in mutations.PLOTTED for k in path)
                outcome, exc = mutations.run(operation, body, axes if plotted else None)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                FIGURES.fuzz("mutated response bodies, every helper run on the result")
                if exc is not None:
                    foreign.append(mutations.describe(exc, operation, path, value))
    finally:
        plt.close(figure)
    # Over all shards: more than 1,500 cases, most of them leaving a usable model.
    assert sum(outcomes.values()) > 1500 // SHARDS
    assert outcomes.get("model", 0) > 500 // SHARDS
    assert foreign == [], f"{len(foreign)} foreign exceptions, first: {foreign[:5]}"
