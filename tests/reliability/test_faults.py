"""Faults over real loopback HTTP: every operation of the table against each fault kind.

The client talks HTTP to a fault-injecting proxy in front of moto's server with the
simulator. Sleeps are recorded, not waited; only stalls cost real time (the read timeout).
The operations come from the generated operation table (``irclient.models._specs``), so a
new operation joins the matrix by itself; it needs only a realistic request in
:data:`CALLS` (a test says so when one is missing).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

import pytest

from irclient import (
    ConnectionFailedError,
    InferenceRecommenderClient,
    IRClientError,
    MalformedResponseError,
    RequestTimeoutError,
    ServiceError,
    ThrottlingError,
)
from irclient.errors import throttling_codes
from irclient.models import RecommendationJobInputConfig, _specs

from .conftest import ROLE, MakeClient, RecordingSleep, boto3_client
from .faultproxy import (
    CUT,
    GARBLE,
    PASS,
    RESET,
    STALL,
    STATUS,
    THROTTLE,
    TRUNCATE,
    Fault,
    FaultProxy,
)

pytestmark = pytest.mark.reliability

CREATE = "CreateInferenceRecommendationsJob"
DESCRIBE = "DescribeInferenceRecommendationsJob"
STEPS = "ListInferenceRecommendationsJobSteps"
JOBS = "ListInferenceRecommendationsJobs"
STOP = "StopInferenceRecommendationsJob"
SCALING = "GetScalingConfigurationRecommendation"
AI_FAMILY = frozenset(op for op, spec in _specs.OPERATIONS.items() if spec.since is not None)
"""The generative-AI family: its own matrix (``test_faults_ai``) gives it a world to run in."""
INFERENCE_COMPONENTS = frozenset(op for op in _specs.OPERATIONS if "InferenceComponent" in op)
"""The operations a generative-AI recommendation is deployed with: no fault matrix runs them
yet (their world, an endpoint for inference components with a model, is not built here);
named, so that any other operation the table gains without a call still fails a test."""
OPERATIONS = tuple(
    op for op in _specs.OPERATIONS if op not in AI_FAMILY and op not in INFERENCE_COMPONENTS
)
"""Every classic operation, in the table's order."""

# What a load balancer in front of a service sends: botocore takes it for a generic error.
_HTML = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body></body>\r\n</html>\r\n"
_BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe{]"


def _faults() -> list[tuple[Fault, type[IRClientError]]]:
    out: list[tuple[Fault, type[IRClientError]]] = [
        (Fault(THROTTLE, 400, code), ThrottlingError) for code in sorted(throttling_codes())
    ]
    # 429 with a code botocore does not list: throttling by status alone.
    out.append((Fault(THROTTLE, 429, "RateExceeded"), ThrottlingError))
    # Server errors and transport faults lose the answer after the server did the work.
    out += [(Fault(STATUS, status, forward=True), ServiceError) for status in (500, 502, 503, 504)]
    out += [
        (Fault(STATUS, 502, body=_HTML, forward=True), ServiceError),
        (Fault(RESET, forward=True), ConnectionFailedError),
        (Fault(STALL, forward=True), RequestTimeoutError),
        (Fault(TRUNCATE, forward=True), MalformedResponseError),
        (Fault(CUT, forward=True), MalformedResponseError),
        (Fault(GARBLE, body=_BINARY, forward=True), MalformedResponseError),
        (Fault(GARBLE, body=b"<html>not json</html>", forward=True), MalformedResponseError),
    ]
    return out


FAULTS = _faults()
FAULT_IDS = [
    f"{f.label}-{'binary' if f.body == _BINARY else 'html'}" if f.kind == GARBLE else f.label
    for f, _ in FAULTS
]

# An operation without response members (Stop): botocore never reads its body, so a 200
# whose body is truncated or garbled is a success, not a fault.
_BODY_FAULTS = (TRUNCATE, CUT, GARBLE)


def _body_unread(operation: str, fault: Fault) -> bool:
    return _specs.OPERATIONS[operation].output is None and fault.kind in _BODY_FAULTS


def _answered(fault: Fault) -> bool:
    """Whether an error response (with a request id) reached the client."""
    return fault.kind in (THROTTLE, STATUS)


def _input() -> RecommendationJobInputConfig:
    return RecommendationJobInputConfig(model_name="resnet50")


def _seed(moto_url: str, name: str) -> Any:
    """Create a job straight on the simulator, bypassing the proxy."""
    direct = boto3_client(moto_url, read_timeout=30)
    direct.create_inference_recommendations_job(
        JobName=name, JobType="Default", RoleArn=ROLE, InputConfig={"ModelName": "resnet50"}
    )
    return direct


def _jobs_named(moto_url: str, name: str) -> list[dict[str, Any]]:
    direct = boto3_client(moto_url, read_timeout=30)
    jobs = direct.list_inference_recommendations_jobs(NameContains=name)
    return [j for j in jobs["InferenceRecommendationsJobs"] if j["JobName"] == name]


def _instance_recommendation(moto_url: str, name: str) -> dict[str, Any]:
    """The first instance-based recommendation of the (completed) job, read directly."""
    direct = boto3_client(moto_url, read_timeout=30)
    job = direct.describe_inference_recommendations_job(JobName=name)
    assert job["Status"] == "COMPLETED", job["Status"]
    return next(
        r
        for r in job["InferenceRecommendations"]
        if "ServerlessConfig" not in r["EndpointConfiguration"]
    )


@dataclasses.dataclass(frozen=True)
class Call:
    """A realistic call of one operation, and what its success looks like.

    ``request(moto_url, name)`` prepares the simulator (straight, not through the proxy) and
    returns the request's fields; ``succeeded(response, request, moto_url, name)`` checks a
    response that finally came through.
    """

    request: Callable[[str, str], dict[str, Any]]
    succeeded: Callable[[Any, dict[str, Any], str, str], None]


def _on_a_job(fields: Callable[[str], dict[str, Any]]) -> Callable[[str, str], dict[str, Any]]:
    """A request about an existing job, seeded first (a Default job: COMPLETED when read)."""

    def request(moto_url: str, name: str) -> dict[str, Any]:
        _seed(moto_url, name)
        return fields(name)

    return request


def _create_succeeded(response: Any, request: dict[str, Any], moto_url: str, name: str) -> None:
    # However many attempts reached the server, exactly one job exists, and it is this one.
    jobs = _jobs_named(moto_url, name)
    assert len(jobs) == 1
    assert response.job_arn == jobs[0]["JobArn"]


def _job_described(response: Any, request: dict[str, Any], moto_url: str, name: str) -> None:
    assert response.job_name == name
    assert response.status == "COMPLETED" and response.inference_recommendations


def _steps_listed(response: Any, request: dict[str, Any], moto_url: str, name: str) -> None:
    assert response.steps and {s.job_name for s in response.steps} == {name}


def _job_listed(response: Any, request: dict[str, Any], moto_url: str, name: str) -> None:
    assert [j.job_name for j in response.inference_recommendations_jobs] == [name]


def _job_stopped(response: Any, request: dict[str, Any], moto_url: str, name: str) -> None:
    assert response is None
    (job,) = _jobs_named(moto_url, name)
    assert job["Status"] in ("STOPPING", "STOPPED")


def _scaling_request(moto_url: str, name: str) -> dict[str, Any]:
    # GetScalingConfigurationRecommendation answers for a COMPLETED job's instance-based
    # recommendation only, as AWS does.
    _seed(moto_url, name)
    recommendation = _instance_recommendation(moto_url, name)
    return {
        "inference_recommendations_job_name": name,
        "recommendation_id": recommendation["RecommendationId"],
        "target_cpu_utilization_per_core": 40,
        "scaling_policy_objective": {
            "MinInvocationsPerMinute": 100,
            "MaxInvocationsPerMinute": 20_000,
        },
    }


def _scaling_advised(response: Any, request: dict[str, Any], moto_url: str, name: str) -> None:
    assert response.inference_recommendations_job_name == name
    assert response.recommendation_id == request["recommendation_id"]
    assert response.target_cpu_utilization_per_core == 40
    dynamic = response.dynamic_scaling_configuration
    assert dynamic is not None and 1 <= dynamic.min_capacity <= dynamic.max_capacity


def _job_request(name: str) -> dict[str, Any]:
    return {"job_name": name}


CALLS: dict[str, Call] = {
    CREATE: Call(
        request=lambda moto_url, name: {
            "job_name": name,
            "job_type": "Default",
            "role_arn": ROLE,
            "input_config": _input(),
        },
        succeeded=_create_succeeded,
    ),
    DESCRIBE: Call(request=_on_a_job(_job_request), succeeded=_job_described),
    STEPS: Call(request=_on_a_job(_job_request), succeeded=_steps_listed),
    JOBS: Call(request=_on_a_job(lambda name: {"name_contains": name}), succeeded=_job_listed),
    # A job just made is still PENDING until it is first read, so it can be stopped.
    STOP: Call(request=_on_a_job(_job_request), succeeded=_job_stopped),
    SCALING: Call(request=_scaling_request, succeeded=_scaling_advised),
}
"""A realistic call of every operation of the table, by operation name."""


def _call(client: InferenceRecommenderClient, operation: str, request: dict[str, Any]) -> Any:
    """Call ``operation`` through the client's own method for it, as a user would."""
    return getattr(client, _specs.OPERATIONS[operation].method)(**request)


def _job_name(operation: str, index: int) -> str:
    return f"{operation[:12].lower()}-{index}"


def _check_backoff(sleeper: RecordingSleep, attempts: int, first_request: int = 0) -> None:
    """A sleep between every two attempts, each within the policy's full-jitter bound."""
    assert len(sleeper.calls) == attempts - 1
    for retry, (delay, sent_before) in enumerate(sleeper.calls):
        # The n-th sleep comes after the n-th attempt and before the next one.
        assert sent_before == first_request + retry + 1
        assert 0 < delay <= min(0.5 * 2**retry, 20.0)


def test_every_classic_operation_has_a_call() -> None:
    missing = sorted(set(OPERATIONS) - set(CALLS))
    assert not missing, f"add a realistic request for {missing} to CALLS"
    assert set(CALLS) == set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(("fault", "expected"), FAULTS, ids=FAULT_IDS)
def test_retries_run_out_with_the_right_error(
    operation: str,
    fault: Fault,
    expected: type[IRClientError],
    make_client: MakeClient,
    fresh: FaultProxy,
    sleeper: RecordingSleep,
    moto_url: str,
) -> None:
    name = _job_name(operation, FAULTS.index((fault, expected)))
    request = CALLS[operation].request(moto_url, name)
    client = make_client(max_attempts=3)
    fresh.fail_always(operation, fault)

    if _body_unread(operation, fault):
        assert _call(client, operation, request) is None
        assert fresh.count(operation) == 1
        assert sleeper.calls == []
        return

    with pytest.raises(IRClientError) as info:
        _call(client, operation, request)
    error = info.value
    assert type(error) is expected, repr(error)
    sent = fresh.sent(operation)
    assert len(sent) == 3
    _check_backoff(sleeper, 3)
    if _answered(fault):
        assert isinstance(error, ServiceError)
        assert error.http_status == fault.status
        # An HTML body (a load balancer's 502) too: the id comes from the headers then.
        assert error.request_id == sent[-1].request_id
        assert error.operation == operation
        if fault.code is not None:
            assert error.code == fault.code
    if operation == CREATE:
        # The first forwarded attempt made the job; none made a second.
        assert len(_jobs_named(moto_url, name)) == (1 if fault.forward else 0)


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(("fault", "expected"), FAULTS, ids=FAULT_IDS)
def test_two_faults_then_success(
    operation: str,
    fault: Fault,
    expected: type[IRClientError],
    make_client: MakeClient,
    fresh: FaultProxy,
    sleeper: RecordingSleep,
    moto_url: str,
) -> None:
    name = _job_name(operation, FAULTS.index((fault, expected)))
    request = CALLS[operation].request(moto_url, name)
    client = make_client(max_attempts=3)
    fresh.fail(operation, fault, fault)

    result = _call(client, operation, request)

    if _body_unread(operation, fault):
        assert fresh.count(operation) == 1
    else:
        assert fresh.count(operation) == 3
        _check_backoff(sleeper, 3)
    CALLS[operation].succeeded(result, request, moto_url, name)


def test_create_lost_then_in_use_adopts_with_one_describe(
    make_client: MakeClient, fresh: FaultProxy, moto_url: str
) -> None:
    client = make_client(max_attempts=3)
    fresh.fail(CREATE, Fault(STATUS, 500, forward=True))
    response = _call(client, CREATE, CALLS[CREATE].request(moto_url, "adopted"))
    assert [s.operation for s in fresh.sent()] == [CREATE, CREATE, DESCRIBE]
    (job,) = _jobs_named(moto_url, "adopted")
    assert response.job_arn == job["JobArn"]


def test_create_of_a_name_taken_before_the_call_stays_in_use(
    make_client: MakeClient, fresh: FaultProxy, moto_url: str
) -> None:
    _seed(moto_url, "taken")
    # Creation times are compared with the server's Date header, which has whole seconds:
    # a job made less than a second before the call cannot be told from this call's own.
    time.sleep(2.1)
    client = make_client(max_attempts=3)
    fresh.fail(CREATE, Fault(STATUS, 503))  # not forwarded: this call created nothing
    with pytest.raises(ServiceError) as info:
        _call(client, CREATE, CALLS[CREATE].request(moto_url, "taken"))
    assert info.value.code == "ResourceInUse"
    assert len(_jobs_named(moto_url, "taken")) == 1


def test_request_id_of_an_html_5xx(make_client: MakeClient, fresh: FaultProxy) -> None:
    client = make_client(max_attempts=1)
    fresh.fail(JOBS, Fault(STATUS, 502, body=_HTML))
    with pytest.raises(ServiceError) as info:
        _call(client, JOBS, {"name_contains": "x"})
    assert info.value.request_id == fresh.sent(JOBS)[-1].request_id


def test_request_id_of_a_garbled_body(make_client: MakeClient, fresh: FaultProxy) -> None:
    client = make_client(max_attempts=1)
    fresh.fail(JOBS, Fault(GARBLE, body=b"<html></html>"))
    with pytest.raises(MalformedResponseError) as info:
        _call(client, JOBS, {"name_contains": "x"})
    assert info.value.request_id == fresh.sent(JOBS)[-1].request_id


# --------------------------------------------------------------------------- walks


def _walk_faults() -> list[Fault]:
    return [f for f, _ in FAULTS if f.kind != THROTTLE] + [Fault(THROTTLE, 400, "Throttling")]


@pytest.mark.parametrize("fault", _walk_faults(), ids=lambda f: f.label)
def test_a_steps_walk_with_faults_on_every_page_yields_each_step_once_in_order(
    fault: Fault, make_client: MakeClient, fresh: FaultProxy, moto_url: str
) -> None:
    direct = _seed(moto_url, "walked")
    expected = direct.list_inference_recommendations_job_steps(JobName="walked")["Steps"]
    assert len(expected) >= 8
    pages = -(-len(expected) // 3)
    # Two faults before each page's answer: the third attempt of every page succeeds.
    fresh.fail(STEPS, *[fault, fault, Fault(PASS)] * pages)
    client = make_client(max_attempts=3)

    steps = [step.to_dict() for step in client.iter_job_steps("walked", page_size=3)]

    def key(step: dict[str, Any]) -> str:
        return str(step["InferenceBenchmark"]["EndpointConfiguration"]["EndpointName"])

    assert [key(s) for s in steps] == [key(s) for s in expected]
    assert len({key(s) for s in steps}) == len(steps)
    assert fresh.count(STEPS) == 3 * pages


def test_a_jobs_walk_with_mixed_faults_yields_each_job_once_in_order(
    make_client: MakeClient, fresh: FaultProxy, moto_url: str
) -> None:
    direct = boto3_client(moto_url, read_timeout=30)
    for index in range(7):
        direct.create_inference_recommendations_job(
            JobName=f"listed-{index}",
            JobType="Default",
            RoleArn=ROLE,
            InputConfig={"ModelName": "resnet50"},
        )
    mixed = [f for f, _ in FAULTS if f.kind != STALL]
    queue: list[Fault] = []
    for index in range(4):
        queue += [mixed[(2 * index) % len(mixed)], mixed[(2 * index + 1) % len(mixed)], Fault(PASS)]
    fresh.fail(JOBS, *queue)
    client = make_client(max_attempts=3)
    names = [job.job_name for job in client.iter_jobs(page_size=2, sort_by="Name")]
    assert names == [f"listed-{i}" for i in reversed(range(7))]
    assert fresh.count(JOBS) == 12
