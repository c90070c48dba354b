"""Faults over loopback HTTP for the generative-AI operations, every kind of fault.

The same matrix as ``test_faults`` (retries run out with the right error; two faults, then
success), over the same proxy in front of moto's server with the simulator, for the fourteen
operations of the workload-configuration, benchmark-job and recommendation-job family. Each
operation meets every kind of fault the classic operations meet (a throttling code and 429,
a 500 with an AWS body and a 502 with a load balancer's HTML page, a reset connection, a
stall past the read timeout, a truncated, a cut-off and a garbled body), but not every
throttling code and status again: those exercise the retry code all operations share, which
the classic matrix covers already.

The family needs a world (a bucket with the model's ``config.json``, an endpoint, a workload
configuration). It is built once per simulator state, not once per test: each test names its
own resources, so tests share the world without emptying the simulator between them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError

from ai_world import benchmark_request, build, recommendation_request, workload
from irclient import (
    InferenceRecommenderClient,
    IRClientError,
    ResourceNotFound,
    RetryPolicy,
    ServiceError,
)
from irclient.models import _specs

from .conftest import RecordingSleep, boto3_client
from .faultproxy import CUT, GARBLE, RESET, STALL, STATUS, THROTTLE, TRUNCATE, Fault, FaultProxy
from .test_faults import (
    CALLS,
    FAULT_IDS,
    FAULTS,
    INFERENCE_COMPONENTS,
    OPERATIONS,
    _answered,
    _check_backoff,
)

pytestmark = pytest.mark.reliability


def _one_of_each_kind() -> list[tuple[str, tuple[Fault, type[IRClientError]]]]:
    """The classic matrix's faults, one or two of each kind, by id."""
    wanted = {
        "throttle ThrottlingException (400)",
        "throttle RateExceeded (429)",
        "HTTP 500",
        "HTTP 502 (HTML body)",
        RESET,
        STALL,
        TRUNCATE,
        CUT,
        "garble-html",
    }
    chosen = [
        (label, entry) for label, entry in zip(FAULT_IDS, FAULTS, strict=True) if label in wanted
    ]
    assert {label for label, _ in chosen} == wanted, "a fault of the classic matrix was renamed"
    return chosen


AI_FAULTS = _one_of_each_kind()
AI_FAULT_KINDS = frozenset(fault.kind for _, (fault, _) in AI_FAULTS)


# --------------------------------------------------------------------------- the world


def _direct(moto_url: str) -> Any:
    return boto3_client(moto_url, read_timeout=30)


def _s3(moto_url: str) -> Any:
    import boto3

    from .conftest import ACCESS_KEY, REGION, SECRET_KEY

    return boto3.client(
        "s3",
        endpoint_url=moto_url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


def _ensure_world(moto_url: str) -> None:
    """The bucket, the model's files, the endpoint ``llama-ep`` and the workload ``chat``."""
    sm = _direct(moto_url)
    try:
        sm.describe_ai_workload_config(AIWorkloadConfigName="chat")
        return
    except ClientError:
        pass
    # Another test emptied the simulator: whatever is left of the world goes with it.
    requests.post(f"{moto_url}/moto-api/reset", timeout=10)
    build(sm, _s3(moto_url))
    workload(sm)


@pytest.fixture
def ai_fresh(proxy: FaultProxy, moto_url: str) -> Iterator[FaultProxy]:
    """The proxy with no faults queued, in front of a simulator holding the AI world."""
    _ensure_world(moto_url)
    proxy.reset()
    yield proxy
    proxy.reset()


@pytest.fixture
def ai_sleeper(ai_fresh: FaultProxy) -> RecordingSleep:
    return RecordingSleep(ai_fresh.count)


@pytest.fixture
def ai_client(ai_fresh: FaultProxy, ai_sleeper: RecordingSleep) -> InferenceRecommenderClient:
    policy = RetryPolicy(max_attempts=3, sleep=ai_sleeper)
    return InferenceRecommenderClient(boto3_client(ai_fresh.url), retry=policy)


# --------------------------------------------------------------------------- the calls


@dataclasses.dataclass(frozen=True)
class Family:
    """How one resource kind of the family is made, read and named on the wire."""

    noun: str  # AIWorkloadConfig, AIBenchmarkJob, AIRecommendationJob
    create: Callable[[Any, str], None]

    @property
    def name_member(self) -> str:
        return f"{self.noun}Name"

    @property
    def snake(self) -> str:
        return (
            "ai_"
            + {
                "AIWorkloadConfig": "workload_config",
                "AIBenchmarkJob": "benchmark_job",
                "AIRecommendationJob": "recommendation_job",
            }[self.noun]
        )

    def describe(self, moto_url: str, name: str) -> dict[str, Any]:
        method = getattr(_direct(moto_url), f"describe_{self.snake}")
        found: dict[str, Any] = method(**{self.name_member: name})
        return found

    def names(self, moto_url: str, name: str) -> list[str]:
        """Every resource of this kind whose name contains ``name``, read directly."""
        listed = getattr(_direct(moto_url), f"list_{self.snake}s")(NameContains=name)
        return [item[self.name_member] for item in listed[f"{self.noun}s"]]


def _workload_request(name: str) -> dict[str, Any]:
    return {
        "AIWorkloadConfigName": name,
        "AIWorkloadConfigs": {"WorkloadSpec": {"Inline": "benchmark:\n  type: aiperf\n"}},
    }


WORKLOAD = Family(
    "AIWorkloadConfig",
    lambda sm, name: sm.create_ai_workload_config(**_workload_request(name)),
)
BENCHMARK = Family(
    "AIBenchmarkJob", lambda sm, name: sm.create_ai_benchmark_job(**benchmark_request(name))
)
RECOMMENDATION = Family(
    "AIRecommendationJob",
    lambda sm, name: sm.create_ai_recommendation_job(**recommendation_request(name)),
)
FAMILIES = {family.noun: family for family in (WORKLOAD, BENCHMARK, RECOMMENDATION)}


@dataclasses.dataclass(frozen=True)
class AICall:
    """A realistic call of one operation of the family, and what its success looks like.

    ``request(moto_url, name)`` prepares the simulator (straight, not through the proxy)
    and returns the wire-form request; ``succeeded(response, moto_url, name)`` checks a
    response that finally came through.
    """

    family: Family
    verb: str  # Create, Describe, List, Stop, Delete

    def request(self, moto_url: str, name: str) -> dict[str, Any]:
        family = self.family
        if self.verb == "Create":
            if family is WORKLOAD:
                return _workload_request(name)
            if family is BENCHMARK:
                return benchmark_request(name)
            return recommendation_request(name)
        family.create(_direct(moto_url), name)
        if self.verb == "List":
            return {"NameContains": name}
        return {family.name_member: name}

    def succeeded(self, response: Any, moto_url: str, name: str) -> None:
        family, wire = self.family, response.to_dict() if response is not None else {}
        if self.verb == "List":
            items = wire[f"{family.noun}s"]
            assert [item[family.name_member] for item in items] == [name]
            return
        if self.verb == "Delete":
            with pytest.raises(ClientError) as gone:
                family.describe(moto_url, name)
            assert gone.value.response["Error"]["Code"] == "ResourceNotFound"
        else:
            described = family.describe(moto_url, name)
        if self.verb == "Stop":
            assert described[f"{family.noun}Status"] in ("Stopping", "Stopped")
        if self.verb in ("Stop", "Delete"):
            # The simulator answers these two with an empty body (the service model names
            # the resource's ARN): what is left to check is the resource's state.
            return
        arn = wire[f"{family.noun}Arn"]
        assert arn.endswith(f"/{name}"), arn
        if self.verb == "Create":
            # However many attempts reached the server, exactly one exists, and it is this one.
            assert family.names(moto_url, name) == [name]
            assert described[f"{family.noun}Arn"] == arn
        else:
            assert wire[family.name_member] == name


AI_CALLS: dict[str, AICall] = {
    f"{verb}{noun}{'s' if verb == 'List' else ''}": AICall(FAMILIES[noun], verb)
    for noun in FAMILIES
    for verb in ("Create", "Describe", "List", "Stop", "Delete")
    if not (noun == "AIWorkloadConfig" and verb == "Stop")
}
"""A realistic call of every operation of the generative-AI family, by operation name."""


def test_every_operation_of_the_table_is_in_a_matrix() -> None:
    assert set(AI_CALLS) <= set(_specs.OPERATIONS)
    missing = sorted(set(_specs.OPERATIONS) - set(CALLS) - set(AI_CALLS) - INFERENCE_COMPONENTS)
    assert not missing, f"add a realistic request for {missing} to a fault matrix"
    assert set(CALLS) == set(OPERATIONS)
    assert not set(CALLS) & set(AI_CALLS)


def test_the_family_meets_every_fault_kind_of_the_classic_matrix() -> None:
    assert {fault.kind for fault, _ in FAULTS} == AI_FAULT_KINDS
    assert {THROTTLE, STATUS, GARBLE} <= AI_FAULT_KINDS


def _call(client: InferenceRecommenderClient, operation: str, request: dict[str, Any]) -> Any:
    """Call ``operation`` through the client's own method for it, as a user would."""
    return getattr(client, _specs.OPERATIONS[operation].method)(request)


def _name(test: str, operation: str, fault: str) -> str:
    # Unique in the shared world; the fault's index keeps one name a prefix of no other.
    index = next(i for i, (label, _) in enumerate(AI_FAULTS) if label == fault)
    return f"{test}-{operation.lower().replace('ai', '')[:14]}-{index:02d}"


AI_OPERATIONS = tuple(AI_CALLS)
AI_FAULT_PARAMS = [entry for _, entry in AI_FAULTS]
AI_FAULT_IDS = [label for label, _ in AI_FAULTS]


@pytest.mark.parametrize("operation", AI_OPERATIONS)
@pytest.mark.parametrize(("fault", "expected"), AI_FAULT_PARAMS, ids=AI_FAULT_IDS)
def test_retries_run_out_with_the_right_error(
    operation: str,
    fault: Fault,
    expected: type[IRClientError],
    ai_client: InferenceRecommenderClient,
    ai_fresh: FaultProxy,
    ai_sleeper: RecordingSleep,
    moto_url: str,
) -> None:
    name = _name("out", operation, AI_FAULT_IDS[AI_FAULT_PARAMS.index((fault, expected))])
    call = AI_CALLS[operation]
    request = call.request(moto_url, name)
    ai_fresh.fail_always(operation, fault)

    with pytest.raises(IRClientError) as info:
        _call(ai_client, operation, request)
    error = info.value
    assert type(error) is expected, repr(error)
    sent = ai_fresh.sent(operation)
    assert len(sent) == 3
    _check_backoff(ai_sleeper, 3)
    if _answered(fault):
        assert isinstance(error, ServiceError)
        assert error.http_status == fault.status
        assert error.request_id == sent[-1].request_id
        assert error.operation == operation
        if fault.code is not None:
            assert error.code == fault.code
    if call.verb == "Create":
        # The first forwarded attempt made it; none made a second.
        made = call.family.names(moto_url, name)
        assert made == ([name] if fault.forward else [])


@pytest.mark.parametrize("operation", AI_OPERATIONS)
@pytest.mark.parametrize(("fault", "expected"), AI_FAULT_PARAMS, ids=AI_FAULT_IDS)
def test_two_faults_then_success(
    operation: str,
    fault: Fault,
    expected: type[IRClientError],
    ai_client: InferenceRecommenderClient,
    ai_fresh: FaultProxy,
    ai_sleeper: RecordingSleep,
    moto_url: str,
) -> None:
    name = _name("ok", operation, AI_FAULT_IDS[AI_FAULT_PARAMS.index((fault, expected))])
    call = AI_CALLS[operation]
    request = call.request(moto_url, name)
    ai_fresh.fail(operation, fault, fault)

    if call.verb == "Delete" and fault.forward:
        # The first attempt deleted it and its answer was lost: the retry finds nothing,
        # and the client says so (a Delete is not adopted as a Create is).
        with pytest.raises(ResourceNotFound):
            _call(ai_client, operation, request)
        with pytest.raises(ClientError):
            call.family.describe(moto_url, name)
    else:
        result = _call(ai_client, operation, request)
        call.succeeded(result, moto_url, name)
    assert ai_fresh.count(operation) == 3
    _check_backoff(ai_sleeper, 3)
