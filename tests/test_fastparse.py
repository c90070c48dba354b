"""The specialised response parsers: same models as botocore's parser + irclient's structuring.

The differential tests draw response bodies from botocore's service model (clean ones, which
the fast path must take, and rough ones: missing, null, unknown and mistyped members, ISO and
odd timestamps, NaN and the infinities, unicode, empty lists) and check that whatever the fast
path returns is exactly what the slow path returns, down to value types and time zones; and
that a boto3 client irclient has hooked still returns exactly botocore's own dicts when it is
called directly.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import boto3
import pytest
from botocore.parsers import create_parser
from botocore.utils import parse_timestamp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import irclient
from botocore_floor import FAST_PATH, needs_the_fast_path
from irclient import serde
from irclient._codec import fastparse as _fastparse
from irclient.models import _base, _specs
from irclient.models._parsers import MODEL_FINGERPRINT
from irclient.testing import FakeWire
from irclient.testing.wire import canned
from response_bodies import OPERATIONS, bodies, maximal, output_shape
from samples import (
    ai_benchmark_job_request_wire,
    ai_recommendation_job_request_wire,
    ai_workload_config_request_wire,
    create_request_wire,
)

REGION = "us-east-1"


# --------------------------------------------------------------------------- normalisation


def normal(value: Any) -> Any:
    """A comparable form that keeps every type: int vs float, enum vs str, the tzinfo."""
    if isinstance(value, _base.Shape):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        members = tuple((f.name, normal(getattr(value, f.name))) for f in fields)
        # What the model keeps beside its fields: corrected and unknown members.
        extra = (
            irclient.corrections(value),
            normal(dict(irclient.unknown_members(value))),
        )
        return (type(value).__name__, members, extra)
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(normal(item) for item in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((key, normal(item)) for key, item in value.items())))
    if isinstance(value, datetime.datetime):
        return (
            "datetime",
            value.replace(tzinfo=None).isoformat(),
            value.utcoffset(),
            value.fold,
            type(value.tzinfo).__name__,
        )
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def outcome(fn: Callable[[], Any]) -> Any:
    """The normal form of what ``fn`` returns, or the type and text of what it raises."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("returned", normal(fn()))
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc))


def response_class(operation: str) -> type[_base.Shape]:
    cls = _specs.OPERATIONS[operation].output
    assert cls is not None
    return cls


def slow_path(operation: str, body: bytes) -> Any:
    """botocore's JSON parser, then irclient's structuring: the path without the fast parse."""
    parsed = create_parser("json").parse(
        {"status_code": 200, "headers": {}, "body": body}, output_shape(operation)
    )
    return serde.parse_response(parsed, response_class(operation), operation=operation)


# --------------------------------------------------------------------------- unit: the parsers


@pytest.mark.parametrize("operation", OPERATIONS)
@needs_the_fast_path
def test_a_maximal_body_takes_the_fast_path_and_matches(operation: str) -> None:
    body = json.dumps(maximal(output_shape(operation)), ensure_ascii=False).encode()
    fast = _fastparse.parse_body(operation, body)
    assert fast is not None
    assert outcome(lambda: fast) == outcome(lambda: slow_path(operation, body))
    # Every member is set at every depth (one of each union), so every generated branch ran;
    # only the other members of a union of several stay None.
    assert "None" not in repr(normal(fast)) or _has_wide_union(output_shape(operation))


def _has_wide_union(shape: Any, seen: frozenset[str] = frozenset()) -> bool:
    if shape.name in seen:
        return False
    seen |= {shape.name}
    if shape.type_name == "structure":
        if shape.is_tagged_union and len(shape.members) > 1:
            return True
        return any(_has_wide_union(m, seen) for m in shape.members.values())
    if shape.type_name == "list":
        return _has_wide_union(shape.member, seen)
    return False


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_path_equals_botocore_parser_plus_structuring(
    operation: str, data: st.DataObject
) -> None:
    rough, body = data.draw(bodies(operation))
    raw = json.dumps(body, ensure_ascii=data.draw(st.booleans())).encode()
    fast = _fastparse.parse_body(operation, raw)
    if not rough:
        assert fast is not None, "a clean body must take the fast path"
    if fast is not None:
        assert outcome(lambda: fast) == outcome(lambda: slow_path(operation, raw))


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"", "empty"),
        (b'{"Steps": [', "truncated"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[]", "not an object"),
        (b"null", "null"),
        ('\ufeff{"Steps": []}'.encode(), "a byte-order mark, which botocore cannot read either"),
        (b'{"Steps": [null]}', "a null step"),
        (b'{"Steps": {}}', "an object for a list"),
        (b'{"Steps": [{"StepType": "BENCHMARK", "JobName": "j"}]}', "a missing required member"),
    ],
)
def test_bodies_outside_the_clean_form_are_left_to_botocore(body: bytes, why: str) -> None:
    assert _fastparse.parse_body("ListInferenceRecommendationsJobSteps", body) is None, why


def test_members_the_model_does_not_know_are_ignored_as_botocore_ignores_them() -> None:
    body = json.dumps({"Steps": [{**STEP, "Novel": [1]}], "NextToken": "t", "New": {}}).encode()
    fast = _fastparse.parse_body("ListInferenceRecommendationsJobSteps", body)
    assert fast is not None
    assert outcome(lambda: fast) == outcome(
        lambda: slow_path("ListInferenceRecommendationsJobSteps", body)
    )


@needs_the_fast_path
def test_the_parsers_match_the_installed_botocore_model() -> None:
    model = boto3.Session(region_name=REGION).client("sagemaker").meta.service_model
    assert _fastparse.fingerprint(model, OPERATIONS) == MODEL_FINGERPRINT


def test_iso_and_odd_timestamps_are_left_to_botocore() -> None:
    base = {
        "JobName": "j",
        "JobDescription": "d",
        "JobType": "Default",
        "JobArn": "arn",
        "Status": "COMPLETED",
        "CreationTime": 1_793_534_400,
        "RoleArn": "arn:role",
        "LastModifiedTime": 1_793_534_400.5,
    }
    for odd in ("2026-11-01T12:00:00Z", "1793534400", True, None, [1], "NaN"):
        body = json.dumps({"InferenceRecommendationsJobs": [{**base, "CreationTime": odd}]})
        assert _fastparse.parse_body("ListInferenceRecommendationsJobs", body.encode()) is None
    for odd_number in (math.nan, math.inf, 1e300):
        body = json.dumps({"InferenceRecommendationsJobs": [{**base, "CreationTime": odd_number}]})
        assert _fastparse.parse_body("ListInferenceRecommendationsJobs", body.encode()) is None
    fine = json.dumps({"InferenceRecommendationsJobs": [base]}).encode()
    assert _fastparse.parse_body("ListInferenceRecommendationsJobs", fine) is not None


def test_an_operation_without_a_parser_is_left_to_botocore() -> None:
    assert _fastparse.parse_body("StopInferenceRecommendationsJob", b"{}") is None


# --------------------------------------------------------------------------- timestamps


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch the process's local time zone (TZ + tzset), restored afterwards."""

    def switch(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield switch
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "zone",
    [
        "UTC0",
        "GMT0",  # the same offset under another name
        "IST-5:30",  # a fixed offset that is not whole hours
        "EST5EDT,M3.2.0,M11.1.0",  # daylight saving time: botocore's own function
        "CET-1CEST,M3.5.0,M10.5.0/3",
    ],
)
def test_epoch_timestamps_are_botocores_instant_in_utc_in_every_zone(
    zone: str, local_zone: Callable[[str], None]
) -> None:
    local_zone(zone)
    convert = _fastparse.epoch_converter()
    values = [0, 1, 1_000_000_000.5, 1_793_534_400, 1_711_846_800, 1_730_595_600.999999]
    values += [1_604_210_400 + 900 * i + 0.123456 for i in range(-12, 12)]  # around a DST end
    for value in values:
        ours = convert(value)
        # The instant itself: botocore's local datetime is ambiguous in the hour a DST
        # change repeats, UTC never is.
        assert ours.timestamp() == pytest.approx(value, abs=1e-6), (zone, value)
        assert ours.tzinfo is datetime.UTC


@given(st.integers(-(2**34), 2**34) | st.floats(-1e10, 1e11))
def test_epoch_timestamps_match_botocore_to_the_microsecond(value: float) -> None:
    convert = _fastparse.epoch_converter()
    try:
        theirs = parse_timestamp(value)
    except (ValueError, OverflowError, OSError):
        return
    assert convert(value) == theirs
    assert convert(value).replace(tzinfo=None) == theirs.astimezone(datetime.UTC).replace(
        tzinfo=None
    )


@pytest.mark.parametrize("zone", ["UTC0", "EST5EDT,M3.2.0,M11.1.0", "IST-5:30"])
@pytest.mark.parametrize("fast_parse", [True, False])
def test_response_times_are_utc_on_either_parse_path(
    zone: str, fast_parse: bool, local_zone: Callable[[str], None]
) -> None:
    # Log events are UTC; a describe response's times are too, whatever the machine's zone.
    local_zone(zone)
    fake = FakeWire()
    fake.add_job("timed", statuses=("COMPLETED",), steps=2)
    client = ours(fake, fast_parse=fast_parse)
    job = client.describe_inference_recommendations_job(job_name="timed")
    times = [job.creation_time, job.last_modified_time]
    assert all(t.tzinfo is datetime.UTC for t in times), times


# --------------------------------------------------------------------------- a wire to answer


def wire(body: bytes = b"{}", status: int = 200) -> FakeWire:
    """A fake that answers every operation with ``status`` and ``body``."""
    fake = FakeWire()
    answer(fake, body, status)
    return fake


def answer(fake: FakeWire, body: bytes, status: int = 200) -> None:
    for operation in _specs.OPERATIONS:
        fake.always[operation] = canned(body, status)


def session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )


def ours(fake: FakeWire, **options: Any) -> irclient.InferenceRecommenderClient:
    client = irclient.InferenceRecommenderClient(
        session=session(), retry=irclient.RetryPolicy(max_attempts=1), **options
    )
    fake.attach(client.boto3_client)
    return client


IC_CREATE: dict[str, Any] = {
    "InferenceComponentName": "ic",
    "EndpointName": "e",
    "VariantName": "AllTraffic",
    "Specification": {
        "ModelName": "m",
        "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
    },
    "RuntimeConfig": {"CopyCount": 1},
}
"""A valid create of an inference component (the fake wire answers it whatever it is)."""


CALLS: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {
    "CreateInferenceRecommendationsJob": (
        "create_inference_recommendations_job",
        create_request_wire,
    ),
    "DescribeInferenceRecommendationsJob": (
        "describe_inference_recommendations_job",
        lambda: {"JobName": "j"},
    ),
    "ListInferenceRecommendationsJobSteps": (
        "list_inference_recommendations_job_steps",
        lambda: {"JobName": "j"},
    ),
    "ListInferenceRecommendationsJobs": ("list_inference_recommendations_jobs", dict),
    "GetScalingConfigurationRecommendation": (
        "get_scaling_configuration_recommendation",
        lambda: {"InferenceRecommendationsJobName": "j", "RecommendationId": "r"},
    ),
    "CreateAIWorkloadConfig": ("create_ai_workload_config", ai_workload_config_request_wire),
    "DescribeAIWorkloadConfig": (
        "describe_ai_workload_config",
        lambda: {"AIWorkloadConfigName": "w"},
    ),
    "ListAIWorkloadConfigs": ("list_ai_workload_configs", dict),
    "DeleteAIWorkloadConfig": ("delete_ai_workload_config", lambda: {"AIWorkloadConfigName": "w"}),
    "CreateAIBenchmarkJob": ("create_ai_benchmark_job", ai_benchmark_job_request_wire),
    "DescribeAIBenchmarkJob": ("describe_ai_benchmark_job", lambda: {"AIBenchmarkJobName": "b"}),
    "ListAIBenchmarkJobs": ("list_ai_benchmark_jobs", dict),
    "StopAIBenchmarkJob": ("stop_ai_benchmark_job", lambda: {"AIBenchmarkJobName": "b"}),
    "DeleteAIBenchmarkJob": ("delete_ai_benchmark_job", lambda: {"AIBenchmarkJobName": "b"}),
    "CreateAIRecommendationJob": (
        "create_ai_recommendation_job",
        ai_recommendation_job_request_wire,
    ),
    "DescribeAIRecommendationJob": (
        "describe_ai_recommendation_job",
        lambda: {"AIRecommendationJobName": "r"},
    ),
    "ListAIRecommendationJobs": ("list_ai_recommendation_jobs", dict),
    "StopAIRecommendationJob": (
        "stop_ai_recommendation_job",
        lambda: {"AIRecommendationJobName": "r"},
    ),
    "DeleteAIRecommendationJob": (
        "delete_ai_recommendation_job",
        lambda: {"AIRecommendationJobName": "r"},
    ),
    "CreateInferenceComponent": ("create_inference_component", lambda: IC_CREATE),
    "DescribeInferenceComponent": (
        "describe_inference_component",
        lambda: {"InferenceComponentName": "ic"},
    ),
    "ListInferenceComponents": ("list_inference_components", dict),
    "UpdateInferenceComponent": (
        "update_inference_component",
        lambda: {"InferenceComponentName": "ic", "RuntimeConfig": {"CopyCount": 2}},
    ),
    "UpdateInferenceComponentRuntimeConfig": (
        "update_inference_component_runtime_config",
        lambda: {"InferenceComponentName": "ic", "DesiredRuntimeConfig": {"CopyCount": 2}},
    ),
}


def test_every_parsed_operation_has_a_call_here() -> None:
    assert sorted(CALLS) == OPERATIONS


class Seen:
    """An after-call spy: the parsed dict each call of a client produced."""

    def __init__(self, client: Any) -> None:
        self.parsed: list[dict[str, Any]] = []
        client.meta.events.register("after-call.sagemaker", self)

    def __call__(self, parsed: dict[str, Any], **_: Any) -> None:
        self.parsed.append(dict(parsed))

    def typed(self) -> bool:
        return _fastparse.TYPED in self.parsed[-1]


# --------------------------------------------------------------------------- the whole path


@functools.cache
def shared() -> tuple[tuple[FakeWire, FakeWire], Any, Any, Seen]:
    """A hooked and an unhooked client, each on its own wire (its request ids count its calls).

    Built once: building clients costs far more than calls.
    """
    fakes = wire(), wire()
    fast = ours(fakes[0])
    return fakes, fast, ours(fakes[1], fast_parse=False), Seen(fast.boto3_client)


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_irclient_and_direct_calls_through_a_hooked_client_match_the_unhooked_one(
    operation: str, data: st.DataObject
) -> None:
    rough, body = data.draw(bodies(operation))
    fakes, fast, slow, seen = shared()
    for fake in fakes:
        answer(fake, json.dumps(body).encode())
    method, params = CALLS[operation]
    request = params()
    # irclient's call: the same model (or the same error) whichever parser ran.
    assert outcome(lambda: getattr(fast, method)(request)) == outcome(
        lambda: getattr(slow, method)(request)
    )
    if FAST_PATH:
        assert seen.typed() or rough, "a clean body must take the fast path"
    else:  # a model other than the one the parsers were generated from: botocore parses all
        assert not seen.typed()
    # The hooked boto3 client called directly: exactly botocore's dict, ResponseMetadata too
    # (but for the fake's Date header, the clock at each answer).
    assert outcome(lambda: undated(getattr(fast.boto3_client, method)(**request))) == outcome(
        lambda: undated(getattr(slow.boto3_client, method)(**request))
    )


def undated(parsed: dict[str, Any]) -> dict[str, Any]:
    """A parsed response without its HTTP Date header."""
    headers = parsed["ResponseMetadata"]["HTTPHeaders"]
    assert headers.pop("date")
    return parsed


STEP = {"StepType": "BENCHMARK", "JobName": "j", "Status": "COMPLETED"}
PAGE = json.dumps({"Steps": [STEP], "NextToken": "t"}).encode()


@needs_the_fast_path
def test_irclients_call_takes_the_fast_path_and_a_direct_call_does_not() -> None:
    client = ours(wire(PAGE))
    seen = Seen(client.boto3_client)
    page = client.list_inference_recommendations_job_steps(job_name="j")
    assert seen.typed()
    assert page.steps is not None and page.steps[0].job_name == "j"
    direct = client.boto3_client.list_inference_recommendations_job_steps(JobName="j")
    assert not seen.typed()
    assert direct["Steps"] == [STEP] and direct["NextToken"] == "t"
    assert _fastparse.TYPED not in direct


def test_a_botocore_whose_model_differs_keeps_its_own_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_fastparse, "MODEL_FINGERPRINT", "generated-from-another-model")
    client = ours(wire(PAGE))
    seen = Seen(client.boto3_client)
    page = client.list_inference_recommendations_job_steps(job_name="j")
    assert not seen.typed() and seen.parsed[-1]["Steps"] == [STEP]
    assert page.steps is not None and page.steps[0].job_name == "j"


def test_fast_parse_false_keeps_botocores_parser() -> None:
    client = ours(wire(PAGE), fast_parse=False)
    seen = Seen(client.boto3_client)
    client.list_inference_recommendations_job_steps(job_name="j")
    assert seen.parsed[-1]["Steps"] == [STEP]
    assert not seen.typed()


@needs_the_fast_path
def test_a_users_client_keeps_botocores_parser_unless_opted_in() -> None:
    theirs = wire(PAGE).attach(session().client("sagemaker"))
    seen = Seen(theirs)
    plain = irclient.InferenceRecommenderClient(theirs)
    plain_page = plain.list_inference_recommendations_job_steps(job_name="j")
    assert not seen.typed() and seen.parsed[-1]["Steps"] == [STEP]

    opted = irclient.InferenceRecommenderClient(theirs, fast_parse=True)
    assert opted.list_inference_recommendations_job_steps(job_name="j") == plain_page
    assert seen.typed()
    # Still botocore's for the user's own calls on that client.
    assert theirs.list_inference_recommendations_job_steps(JobName="j")["Steps"] == [STEP]
    assert not seen.typed()


def test_a_users_session_is_unchanged_for_their_other_clients() -> None:
    fake = wire(PAGE)
    theirs = session()
    client = irclient.InferenceRecommenderClient(session=theirs)
    fake.attach(client.boto3_client)
    other = fake.attach(theirs.client("sagemaker"))
    seen = Seen(other)
    # Even inside an irclient call's context, the session's other client is not hooked.
    parsed = _fastparse.call(
        other.list_inference_recommendations_job_steps,
        "ListInferenceRecommendationsJobSteps",
        {"JobName": "j"},
    )
    assert parsed["Steps"] == [STEP] and not seen.typed()


def test_another_thread_calling_the_client_directly_meanwhile_gets_botocores_dicts() -> None:
    fake = wire(PAGE)
    client = ours(fake)
    inside, release = threading.Event(), threading.Event()
    results: dict[str, Any] = {}

    def hold_first_request() -> None:
        if not inside.is_set():
            inside.set()
            assert release.wait(10)

    fake.on_request = hold_first_request

    def irclient_call() -> None:
        results["ours"] = client.list_inference_recommendations_job_steps(job_name="j")

    worker = threading.Thread(target=irclient_call)
    worker.start()
    assert inside.wait(10)
    # irclient's call is in flight in the worker; this thread's direct call is not irclient's.
    results["direct"] = client.boto3_client.list_inference_recommendations_job_steps(JobName="j")
    release.set()
    worker.join(10)
    assert results["direct"]["Steps"] == [STEP]
    assert _fastparse.TYPED not in results["direct"]
    assert results["ours"].steps[0].job_name == "j"


# --------------------------------------------------------------------------- damaged responses


DAMAGED = [
    (400, b'{"__type": "ValidationException", "message": "bad"}'),
    (400, b'{"__type": "ResourceNotFound", "message": "no such job"}'),
    (500, b"<html><body>Service Unavailable</body></html>"),
    (503, b""),
    (200, b'{"Steps": [{"StepType": "BENCH'),
    (200, b"\xff\xfe\x00garbled"),
    (200, b"[]"),
    (200, b'{"Steps": [{"StepType": "BENCHMARK"}]}'),
    (201, PAGE),
]


@pytest.mark.parametrize(("status", "body"), DAMAGED)
def test_damaged_responses_take_todays_path(status: int, body: bytes) -> None:
    fast, slow = ours(wire(body, status)), ours(wire(body, status), fast_parse=False)
    seen = Seen(fast.boto3_client)
    got = outcome(lambda: fast.list_inference_recommendations_job_steps(job_name="j"))
    assert got == outcome(lambda: slow.list_inference_recommendations_job_steps(job_name="j"))
    assert seen.parsed == [] or not seen.typed()
