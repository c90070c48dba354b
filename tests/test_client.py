"""InferenceRecommenderClient over botocore's real serialise/parse path, with no network.

A ``before-send`` handler plays SageMaker: botocore serialises each request, signs it and
hands it to the fake, which answers with real HTTP status, headers and JSON bodies that
botocore then parses. Faults (throttling, 5xx, timeouts, lost connections, truncated bodies)
are injected per operation, and every attempt actually sent is recorded. Sleeps and the
clock are simulated, so no test waits and none asserts on wall-clock time.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import sys
import threading
import time
import types
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, assert_type

import boto3
import botocore.config
import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from botocore.stub import Stubber

import irclient
from irclient import (
    ConnectionFailedError,
    InferenceRecommenderClient,
    JobFailedError,
    MalformedResponseError,
    RequestTimeoutError,
    ResourceInUse,
    ResourceLimitExceeded,
    ResourceNotFound,
    RetryPolicy,
    ServiceError,
    ThrottlingError,
    ValidationError,
    WaitTimeoutError,
)
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobRequest,
    DescribeInferenceRecommendationsJobResponse,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobStepsResponse,
    RecommendationJobInputConfig,
    RecommendationJobStatus,
    RecommendationJobType,
)

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
OTHER_ROLE = "arn:aws:iam::123456789012:role/SomeoneElse"
REGION = "us-east-1"

# --------------------------------------------------------------------------- the fake service


class _Raw:
    """The raw stream botocore reads an AWSResponse body from."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body

    def read(self) -> bytes:
        return self.body


Fault = Callable[["FakeSageMaker", AWSPreparedRequest, str, dict[str, Any]], AWSResponse]


class FakeSageMaker:
    """Just enough of SageMaker's Inference Recommender API, behind botocore's before-send."""

    def __init__(self, *, page_size: int = 10, skew: float = 0.0) -> None:
        self.lock = threading.Lock()
        self.jobs: dict[str, dict[str, Any]] = {}
        self.steps: dict[str, list[dict[str, Any]]] = {}
        self.statuses: dict[str, list[str]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.always: dict[str, Fault] = {}
        self.page_size = page_size
        self.skew = skew
        self.on_request: Callable[[], None] | None = None

    # -- test helpers

    def count(self, operation: str | None = None) -> int:
        with self.lock:
            return sum(1 for op, _ in self.calls if operation in (None, op))

    def bodies(self, operation: str) -> list[dict[str, Any]]:
        with self.lock:
            return [body for op, body in self.calls if op == operation]

    def fail(self, operation: str, *faults: Fault) -> None:
        """Answer the next requests for ``operation`` with these faults, in order."""
        self.faults[operation].extend(faults)

    def now(self) -> float:
        return time.time() + self.skew

    def add_job(
        self,
        name: str,
        *,
        steps: int = 0,
        statuses: tuple[str, ...] = ("IN_PROGRESS",),
        role: str = ROLE,
        job_type: str = "Default",
        created: float | None = None,
        failure_reason: str | None = None,
    ) -> dict[str, Any]:
        when = self.now() if created is None else created
        job = {
            "JobName": name,
            "JobType": job_type,
            "JobArn": f"arn:aws:sagemaker:{REGION}:123456789012:"
            f"inference-recommendations-job/{name}",
            "RoleArn": role,
            "Status": statuses[0],
            "CreationTime": when,
            "LastModifiedTime": when,
            "InputConfig": {"ModelName": "my-model"},
            "JobDescription": "",
        }
        if failure_reason is not None:
            job["FailureReason"] = failure_reason
        self.jobs[name] = job
        self.statuses[name] = list(statuses)
        self.steps[name] = [
            {
                "StepType": "BENCHMARK",
                "JobName": name,
                "Status": "COMPLETED" if i % 2 == 0 else "IN_PROGRESS",
                "InferenceBenchmark": {
                    "ModelConfiguration": {},
                    "EndpointConfiguration": {
                        "EndpointName": f"{name}-step-{i}",
                        "VariantName": "v",
                        "InstanceType": "ml.c5.xlarge",
                    },
                },
            }
            for i in range(steps)
        ]
        return job

    # -- HTTP

    def respond(self, request: AWSPreparedRequest, status: int, payload: Any) -> AWSResponse:
        headers = {
            "x-amzn-requestid": f"req-{len(self.calls)}",
            "content-type": "application/x-amz-json-1.1",
            "date": email.utils.formatdate(self.now(), usegmt=True),
        }
        return AWSResponse(request.url, status, headers, _Raw(json.dumps(payload).encode()))

    def error(
        self, request: AWSPreparedRequest, status: int, code: str, message: str
    ) -> AWSResponse:
        return self.respond(request, status, {"__type": code, "message": message})

    def __call__(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        target = request.headers["X-Amz-Target"]
        operation = (target.decode() if isinstance(target, bytes) else target).rsplit(".", 1)[1]
        body = json.loads(request.body or b"{}")
        with self.lock:
            self.calls.append((operation, body))
            queue = self.faults.get(operation)
            fault = queue.pop(0) if queue else self.always.get(operation)
        if self.on_request is not None:
            self.on_request()
        if fault is not None:
            return fault(self, request, operation, body)
        return self.handle(request, operation, body)

    def handle(
        self, request: AWSPreparedRequest, operation: str, body: dict[str, Any]
    ) -> AWSResponse:
        with self.lock:
            status, payload = getattr(self, f"_{operation}")(body)
        return self.respond(request, status, payload)

    # -- operations: (status, payload)

    def _missing(self, name: str) -> tuple[int, dict[str, Any]]:
        return 400, {"__type": "ResourceNotFound", "message": f"job {name} not found"}

    def _CreateInferenceRecommendationsJob(self, body: dict[str, Any]) -> tuple[int, Any]:
        name = body["JobName"]
        if name in self.jobs:
            return 400, {"__type": "ResourceInUse", "message": f"job {name} already exists"}
        job = self.add_job(
            name, statuses=("PENDING",), role=body["RoleArn"], job_type=body["JobType"]
        )
        return 200, {"JobArn": job["JobArn"]}

    def _DescribeInferenceRecommendationsJob(self, body: dict[str, Any]) -> tuple[int, Any]:
        name = body["JobName"]
        if name not in self.jobs:
            return self._missing(name)
        statuses = self.statuses[name]
        if len(statuses) > 1:
            self.jobs[name]["Status"] = statuses.pop(0)
        else:
            self.jobs[name]["Status"] = statuses[0]
        return 200, self.jobs[name]

    def _ListInferenceRecommendationsJobSteps(self, body: dict[str, Any]) -> tuple[int, Any]:
        name = body["JobName"]
        steps = [
            s
            for s in self.steps.get(name, [])
            if body.get("Status") in (None, s["Status"])
            and body.get("StepType") in (None, s["StepType"])
        ]
        start = int(body.get("NextToken", "0"))
        end = start + body.get("MaxResults", self.page_size)
        page: dict[str, Any] = {"Steps": steps[start:end]}
        if end < len(steps):
            page["NextToken"] = str(end)
        return 200, page

    def _ListInferenceRecommendationsJobs(self, body: dict[str, Any]) -> tuple[int, Any]:
        jobs = [
            {k: v for k, v in job.items() if k != "InputConfig"}
            for name, job in sorted(self.jobs.items())
            if body.get("NameContains", "") in name
        ]
        start = int(body.get("NextToken", "0"))
        end = start + body.get("MaxResults", self.page_size)
        page: dict[str, Any] = {"InferenceRecommendationsJobs": jobs[start:end]}
        if end < len(jobs):
            page["NextToken"] = str(end)
        return 200, page

    def _StopInferenceRecommendationsJob(self, body: dict[str, Any]) -> tuple[int, Any]:
        name = body["JobName"]
        if name not in self.jobs:
            return self._missing(name)
        self.statuses[name] = ["STOPPED"]
        return 200, {}


# -- faults


def ok(fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
    """No fault: the right answer."""
    return fake.handle(request, op, body)


def throttle(fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
    return fake.error(request, 400, "ThrottlingException", "Rate exceeded")


def http_error(status: int, code: str = "ServiceUnavailable") -> Fault:
    def fault(fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return fake.error(request, status, code, f"simulated {status}")

    return fault


def service_error(code: str, status: int = 400) -> Fault:
    return http_error(status, code)


def truncated(fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
    """The right answer, cut off half-way (status 200)."""
    full = fake.handle(request, op, body)
    content = full.content
    return AWSResponse(request.url, 200, dict(full.headers), _Raw(content[: len(content) // 2]))


def html_page(fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
    """A proxy's error page with status 200."""
    return AWSResponse(request.url, 200, {}, _Raw(b"<html><body>Bad gateway</body></html>"))


def read_timeout(
    fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any
) -> AWSResponse:
    raise ReadTimeoutError(endpoint_url=request.url)


def connection_reset(
    fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any
) -> AWSResponse:
    raise ConnectionClosedError(endpoint_url=request.url)


def endpoint_down(
    fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any
) -> AWSResponse:
    raise EndpointConnectionError(endpoint_url=request.url)


def lost(then: Fault) -> Fault:
    """The service does the work, then the answer is lost and ``then`` happens instead."""

    def fault(fake: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        fake.handle(request, op, body)
        return then(fake, request, op, body)

    return fault


# --------------------------------------------------------------------------- fixtures


class FakeTime:
    """Simulated time: sleeping advances the clock at once."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def session() -> boto3.Session:
    # One session for the module: it loads SageMaker's service model once.
    return boto3.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name=REGION,
    )


@pytest.fixture
def fake() -> FakeSageMaker:
    return FakeSageMaker()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


MakeClient = Callable[..., InferenceRecommenderClient]


@pytest.fixture
def make_client(session: boto3.Session, fake: FakeSageMaker, fake_time: FakeTime) -> MakeClient:
    def make(validate: bool = True, **policy: Any) -> InferenceRecommenderClient:
        retry = RetryPolicy(sleep=fake_time.sleep, clock=fake_time.clock, **policy)
        client = InferenceRecommenderClient(session=session, retry=retry, validate=validate)
        client.boto3_client.meta.events.register("before-send.sagemaker", fake)
        return client

    return make


@pytest.fixture
def client(make_client: MakeClient) -> InferenceRecommenderClient:
    return make_client()


def create_request(
    name: str = "job-1", role: str = ROLE
) -> CreateInferenceRecommendationsJobRequest:
    return CreateInferenceRecommendationsJobRequest(
        job_name=name,
        job_type=RecommendationJobType.DEFAULT,
        role_arn=role,
        input_config=RecommendationJobInputConfig(model_name="my-model"),
    )


DESCRIBE = "DescribeInferenceRecommendationsJob"
CREATE = "CreateInferenceRecommendationsJob"
STEPS = "ListInferenceRecommendationsJobSteps"
JOBS = "ListInferenceRecommendationsJobs"
STOP = "StopInferenceRecommendationsJob"


# --------------------------------------------------------------------------- construction


def test_built_client_has_botocore_retries_off(client: InferenceRecommenderClient) -> None:
    assert client.boto3_client.meta.config.retries["total_max_attempts"] == 1


def test_built_client_leaves_validation_to_irclient_unless_told_not_to(
    session: boto3.Session,
) -> None:
    # botocore wraps its serializer in a validating decorator when its own checks are on.
    ours = InferenceRecommenderClient(session=session, region_name="us-east-1")
    assert type(ours.boto3_client._serializer).__name__ != "ParamValidationDecorator"
    theirs = InferenceRecommenderClient(session=session, region_name="us-east-1", validate=False)
    assert type(theirs.boto3_client._serializer).__name__ == "ParamValidationDecorator"


def test_without_irclient_validation_botocore_still_checks(session: boto3.Session) -> None:
    client = InferenceRecommenderClient(session=session, region_name="us-east-1", validate=False)
    sent: list[object] = []

    def record(request: object, **_: object) -> None:
        sent.append(request)

    client.boto3_client.meta.events.register_first("before-send.sagemaker", record)
    with pytest.raises(irclient.ValidationError):
        client.describe_inference_recommendations_job(job_name=5)  # type: ignore[call-overload]
    assert sent == []


def test_built_client_uses_session_region(session: boto3.Session) -> None:
    client = InferenceRecommenderClient(session=session, region_name="eu-west-1")
    assert client.boto3_client.meta.region_name == "eu-west-1"
    assert "eu-west-1" in repr(client)


def test_client_and_session_together_is_a_type_error(session: boto3.Session) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    with pytest.raises(TypeError, match="not both"):
        InferenceRecommenderClient(boto, session=session)
    with pytest.raises(TypeError, match="not both"):
        InferenceRecommenderClient(boto, region_name=REGION)


def test_a_non_sagemaker_client_is_refused(session: boto3.Session) -> None:
    with pytest.raises(TypeError, match="SageMaker"):
        InferenceRecommenderClient(session.client("s3"))


def test_user_client_that_retries_warns_once(
    session: boto3.Session, caplog: pytest.LogCaptureFixture
) -> None:
    boto = session.client("sagemaker")  # botocore's defaults: standard mode, 3 attempts
    with caplog.at_level(logging.WARNING, logger="irclient"):
        InferenceRecommenderClient(boto)
        InferenceRecommenderClient(boto)
    warnings = [r for r in caplog.records if "retries on its own" in r.getMessage()]
    assert len(warnings) == 1
    assert "up to 9 requests" in warnings[0].getMessage()


def test_user_client_without_retries_does_not_warn(
    session: boto3.Session, caplog: pytest.LogCaptureFixture
) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    with caplog.at_level(logging.WARNING, logger="irclient"):
        InferenceRecommenderClient(boto)
    assert not caplog.records


def test_stacked_retry_layers_multiply(session: boto3.Session, fake: FakeSageMaker) -> None:
    # What the docs warn about: botocore's 2 attempts times the policy's 3.
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 2})
    )
    boto.meta.events.register("before-send.sagemaker", fake)
    fake.always[DESCRIBE] = http_error(503)
    client = InferenceRecommenderClient(boto, retry=RetryPolicy(sleep=lambda _: None))
    with pytest.raises(ServiceError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count(DESCRIBE) == 6


# --------------------------------------------------------------------------- requests


def test_fields_or_request_give_the_same_typed_response(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1")
    by_fields = client.describe_inference_recommendations_job(job_name="job-1")
    by_model = client.describe_inference_recommendations_job(
        DescribeInferenceRecommendationsJobRequest(job_name="job-1")
    )
    by_keyword = client.describe_inference_recommendations_job(
        request=DescribeInferenceRecommendationsJobRequest(job_name="job-1")
    )
    by_dict = client.describe_inference_recommendations_job({"JobName": "job-1"})
    assert_type(by_fields, DescribeInferenceRecommendationsJobResponse)
    assert by_fields == by_model == by_keyword == by_dict
    assert by_fields.status == RecommendationJobStatus.IN_PROGRESS
    assert by_fields.creation_time.tzinfo is not None
    assert fake.bodies(DESCRIBE) == [{"JobName": "job-1"}] * 4


def test_request_and_fields_together_is_a_type_error(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    request = DescribeInferenceRecommendationsJobRequest(job_name="job-1")
    with pytest.raises(TypeError, match="not both"):
        client.describe_inference_recommendations_job(request, job_name="job-1")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="job_nam"):
        client.describe_inference_recommendations_job(job_nam="job-1")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="must be a DescribeInferenceRecommendationsJobRequest"):
        client.describe_inference_recommendations_job(create_request())  # type: ignore[call-overload]
    assert fake.count() == 0


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda c: c.describe_inference_recommendations_job(job_name="bad name!"), id="pattern"
        ),
        pytest.param(
            lambda c: c.create_inference_recommendations_job(
                create_request(name="x" * 65, role="not-an-arn")
            ),
            id="create",
        ),
        pytest.param(
            lambda c: c.list_inference_recommendations_job_steps(job_name="j", max_results=500),
            id="max",
        ),
        pytest.param(lambda c: c.iter_job_steps("j", page_size=0), id="iter-page-size"),
        pytest.param(lambda c: c.iter_jobs(max_items=0), id="iter-max-items"),
        pytest.param(
            lambda c: c.stop_inference_recommendations_job({"JobName": "j", "Extra": 1}),
            id="unknown-key",
        ),
        pytest.param(
            lambda c: c.list_inference_recommendations_jobs(status_equals="Done"), id="enum"
        ),
    ],
)
def test_an_invalid_request_sends_nothing(
    client: InferenceRecommenderClient,
    fake: FakeSageMaker,
    call: Callable[[InferenceRecommenderClient], Any],
) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.violations
    assert fake.count() == 0


def test_create_reports_every_violation(client: InferenceRecommenderClient) -> None:
    with pytest.raises(ValidationError) as info:
        client.create_inference_recommendations_job(create_request(name="x" * 65, role="nope"))
    assert {v.path for v in info.value.violations} == {"job_name", "role_arn"}


def test_validate_false_sends_what_botocore_accepts(
    make_client: MakeClient, fake: FakeSageMaker
) -> None:
    client = make_client(validate=False)
    fake.add_job("j", steps=1)
    client.list_inference_recommendations_job_steps(job_name="j", max_results=500)
    assert fake.bodies(STEPS) == [{"JobName": "j", "MaxResults": 500}]


def test_botocore_parameter_check_becomes_validation_error(
    make_client: MakeClient, fake: FakeSageMaker
) -> None:
    client = make_client(validate=False)
    with pytest.raises(ValidationError) as info:
        client.list_inference_recommendations_job_steps(job_name="j", max_results=0)
    assert isinstance(info.value.__cause__, Exception)
    assert fake.count() == 0


def test_every_operation_round_trips(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    created = client.create_inference_recommendations_job(
        job_name="job-1",
        job_type="Default",
        role_arn=ROLE,
        input_config=RecommendationJobInputConfig(model_name="my-model"),
    )
    assert_type(created, CreateInferenceRecommendationsJobResponse)
    assert created.job_arn.endswith("/job-1")
    assert fake.bodies(CREATE) == [create_request().to_dict()]
    page = client.list_inference_recommendations_jobs(name_contains="job")
    assert [j.job_name for j in page.inference_recommendations_jobs] == ["job-1"]
    steps = client.list_inference_recommendations_job_steps(job_name="job-1")
    assert_type(steps, ListInferenceRecommendationsJobStepsResponse)
    assert steps.steps == () and steps.next_token is None
    stopped = client.stop_inference_recommendations_job(job_name="job-1")
    assert stopped is None
    described = client.describe_inference_recommendations_job(job_name="job-1")
    assert described.status == RecommendationJobStatus.STOPPED


def test_unknown_enum_values_in_responses_survive(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", statuses=("HIBERNATING",))
    assert client.describe_inference_recommendations_job(job_name="job-1").status == "HIBERNATING"


# --------------------------------------------------------------------------- retries


@pytest.mark.parametrize("attempts", [1, 3, 5])
def test_always_throttling_endpoint_sees_exactly_max_attempts(
    make_client: MakeClient, fake: FakeSageMaker, fake_time: FakeTime, attempts: int
) -> None:
    client = make_client(max_attempts=attempts)
    fake.always[DESCRIBE] = throttle
    with pytest.raises(ThrottlingError) as info:
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count(DESCRIBE) == attempts
    assert len(fake_time.sleeps) == attempts - 1
    error = info.value
    assert error.code == "ThrottlingException"
    assert error.http_status == 400
    assert error.operation == DESCRIBE
    assert error.request_id is not None and error.request_id.startswith("req-")
    assert isinstance(error.__cause__, ClientError)


def test_two_throttles_then_success_returns_normally(
    client: InferenceRecommenderClient, fake: FakeSageMaker, fake_time: FakeTime
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, throttle, throttle)
    response = client.describe_inference_recommendations_job(job_name="job-1")
    assert response.job_name == "job-1"
    assert fake.count(DESCRIBE) == 3
    # Full jitter: each delay lies between 0 and the doubling cap.
    assert len(fake_time.sleeps) == 2
    assert 0 <= fake_time.sleeps[0] <= 0.5
    assert 0 <= fake_time.sleeps[1] <= 1.0


def test_not_found_is_raised_after_one_request(
    client: InferenceRecommenderClient, fake: FakeSageMaker, fake_time: FakeTime
) -> None:
    with pytest.raises(ResourceNotFound) as info:
        client.describe_inference_recommendations_job(job_name="nope")
    assert fake.count() == 1
    assert fake_time.sleeps == []
    assert info.value.code == "ResourceNotFound"
    assert "nope" in info.value.message


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (service_error("ResourceLimitExceeded"), ResourceLimitExceeded),
        (service_error("ResourceInUse"), ResourceInUse),
        (service_error("ValidationException"), ServiceError),
        (service_error("AccessDeniedException"), ServiceError),
        (service_error("UnrecognizedClientException", 403), ServiceError),
    ],
)
def test_client_errors_are_not_retried(
    client: InferenceRecommenderClient,
    fake: FakeSageMaker,
    fault: Fault,
    expected: type[ServiceError],
) -> None:
    fake.always[STOP] = fault
    with pytest.raises(expected):
        client.stop_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_is_retried(
    client: InferenceRecommenderClient, fake: FakeSageMaker, status: int
) -> None:
    fake.add_job("job-1")
    fake.fail(
        DESCRIBE, http_error(status, "InternalFailure"), http_error(status, "InternalFailure")
    )
    assert client.describe_inference_recommendations_job(job_name="job-1").job_name == "job-1"
    assert fake.count() == 3


def test_transient_error_codes_from_botocore_are_retried(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, service_error("RequestTimeoutException"), http_error(429, "SlowDown"))
    assert client.describe_inference_recommendations_job(job_name="job-1").job_name == "job-1"
    assert fake.count() == 3


@pytest.mark.parametrize(
    ("fault", "expected", "cause"),
    [
        (connection_reset, ConnectionFailedError, ConnectionClosedError),
        (endpoint_down, ConnectionFailedError, EndpointConnectionError),
        (read_timeout, RequestTimeoutError, ReadTimeoutError),
    ],
)
def test_connection_errors_and_timeouts_are_retried_like_5xx(
    client: InferenceRecommenderClient,
    fake: FakeSageMaker,
    fault: Fault,
    expected: type[Exception],
    cause: type[Exception],
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, fault, fault)
    assert client.describe_inference_recommendations_job(job_name="job-1").job_name == "job-1"
    assert fake.count() == 3

    fake.always[DESCRIBE] = fault
    with pytest.raises(expected) as info:
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 6
    assert info.value.operation == DESCRIBE  # type: ignore[attr-defined]
    assert type(info.value.__cause__) is cause


def test_every_retry_is_logged(
    client: InferenceRecommenderClient, fake: FakeSageMaker, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add_job("job-1")
    fake.fail(DESCRIBE, throttle, http_error(503))
    with caplog.at_level(logging.INFO, logger="irclient"):
        client.describe_inference_recommendations_job(job_name="job-1")
    lines = [r.getMessage() for r in caplog.records if r.name == "irclient"]
    assert len(lines) == 2
    assert lines[0].startswith(f"{DESCRIBE}: attempt 1 of 3 failed with ThrottlingException")
    assert lines[1].startswith(f"{DESCRIBE}: attempt 2 of 3 failed with ServiceUnavailable")
    assert all("retrying in" in line for line in lines)


def test_deadline_stops_retries_on_the_policy_clock(
    make_client: MakeClient, fake: FakeSageMaker, fake_time: FakeTime
) -> None:
    client = make_client(max_attempts=50, initial_delay=1.0, max_delay=1.0, deadline=5.0)

    def one_second_per_request() -> None:
        fake_time.now += 1.0

    fake.on_request = one_second_per_request
    fake.always[DESCRIBE] = http_error(503)
    with pytest.raises(ServiceError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert 2 <= fake.count() <= 5
    assert fake_time.now <= 5.0 + 1.0  # the last attempt may run up to its own length past


def test_zero_deadline_means_one_attempt(make_client: MakeClient, fake: FakeSageMaker) -> None:
    client = make_client(deadline=0.0)
    fake.always[DESCRIBE] = throttle
    with pytest.raises(ThrottlingError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 1


def test_one_policy_serves_many_clients(session: boto3.Session, fake: FakeSageMaker) -> None:
    policy = RetryPolicy(max_attempts=2, sleep=lambda _: None)
    clients = [InferenceRecommenderClient(session=session, retry=policy) for _ in range(2)]
    fake.always[DESCRIBE] = throttle
    for c in clients:
        c.boto3_client.meta.events.register("before-send.sagemaker", fake)
        with pytest.raises(ThrottlingError):
            c.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 4


# --------------------------------------------------------------------------- unreadable bodies


@pytest.mark.parametrize("fault", [truncated, html_page])
def test_unreadable_body_is_retried_then_a_clear_error(
    client: InferenceRecommenderClient, fake: FakeSageMaker, fault: Fault
) -> None:
    fake.add_job("job-1", steps=3)
    fake.fail(STEPS, fault)
    steps = list(client.iter_job_steps("job-1"))
    assert len(steps) == 3
    assert fake.count(STEPS) == 2

    fake.always[STEPS] = fault
    with pytest.raises(MalformedResponseError, match="not a JSON object"):
        list(client.iter_job_steps("job-1"))
    assert fake.count(STEPS) == 5


def test_unreadable_describe_body_is_malformed_not_a_result(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1")
    fake.always[DESCRIBE] = truncated
    with pytest.raises(MalformedResponseError):
        client.describe_inference_recommendations_job(job_name="job-1")
    assert fake.count() == 3


def test_body_missing_required_members_is_malformed(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    def no_arn(f: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return f.respond(request, 200, {"Unexpected": 1})

    fake.always[STOP] = no_arn  # Stop has no output: any body will do
    client.stop_inference_recommendations_job(job_name="job-1")
    fake.always[JOBS] = no_arn
    with pytest.raises(MalformedResponseError, match="InferenceRecommendationsJobs"):
        client.list_inference_recommendations_jobs()


def test_raw_boto3_walk_would_end_early_on_a_truncated_page(
    session: boto3.Session, fake: FakeSageMaker
) -> None:
    # The failure irclient guards against, shown on botocore's own paginator.
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    boto.meta.events.register("before-send.sagemaker", fake)
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, truncated)
    paginator = boto.get_paginator("list_inference_recommendations_job_steps")
    seen = [
        s
        for page in paginator.paginate(JobName="job-1", MaxResults=2)
        for s in page.get("Steps", [])
    ]
    assert len(seen) == 2


def test_unreadable_body_detected_on_a_users_client(
    session: boto3.Session, fake: FakeSageMaker
) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    boto.meta.events.register("before-send.sagemaker", fake)
    client = InferenceRecommenderClient(boto, retry=RetryPolicy(sleep=lambda _: None))
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, truncated)
    steps = list(client.iter_job_steps("job-1", page_size=2))
    assert len(steps) == 6


def test_stubbed_empty_page_is_taken_as_it_is(session: boto3.Session) -> None:
    boto = session.client(
        "sagemaker", config=botocore.config.Config(retries={"total_max_attempts": 1})
    )
    client = InferenceRecommenderClient(boto)
    with Stubber(boto) as stub:
        stub.add_response(STEP_METHOD, {}, {"JobName": "job-1"})
        stub.add_client_error(
            "describe_inference_recommendations_job",
            service_error_code="ResourceNotFound",
            http_status_code=400,
        )
        assert list(client.iter_job_steps("job-1")) == []
        with pytest.raises(ResourceNotFound):
            client.describe_inference_recommendations_job(job_name="job-1")
        stub.assert_no_pending_responses()


STEP_METHOD = "list_inference_recommendations_job_steps"


# --------------------------------------------------------------------------- pagination


def endpoint_names(steps: list[InferenceRecommendationsJobStep]) -> list[str]:
    names = []
    for step in steps:
        assert step.inference_benchmark is not None
        assert step.inference_benchmark.endpoint_configuration is not None
        names.append(step.inference_benchmark.endpoint_configuration.endpoint_name)
    return names


def test_a_503_on_page_2_of_3_yields_every_step_once_in_order(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, http_error(503))
    steps = list(client.iter_job_steps("job-1", page_size=2))
    assert endpoint_names(steps) == [f"job-1-step-{i}" for i in range(6)]
    tokens = [body.get("NextToken") for body in fake.bodies(STEPS)]
    assert tokens == [None, "2", "2", "4"]  # only page 2 was repeated


def test_a_truncated_page_2_is_retried_never_a_short_walk(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", steps=6)
    fake.fail(STEPS, ok, truncated)
    steps = list(client.iter_job_steps("job-1", page_size=2))
    assert endpoint_names(steps) == [f"job-1-step-{i}" for i in range(6)]
    assert fake.count(STEPS) == 4


def test_the_first_item_of_a_3_page_walk_costs_one_request(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", steps=6)
    steps = client.iter_job_steps("job-1", page_size=2)
    assert fake.count() == 0  # nothing is fetched before iteration starts
    first = next(steps)
    assert fake.count(STEPS) == 1
    assert endpoint_names([first]) == ["job-1-step-0"]
    assert len(list(steps)) == 5
    assert fake.count(STEPS) == 3


def test_pages_carry_next_token_to_resume(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", steps=5)
    pages = client.iter_job_step_pages("job-1", page_size=2)
    first = next(pages)
    assert_type(first, ListInferenceRecommendationsJobStepsResponse)
    assert first.next_token == "2"
    rest = list(client.iter_job_steps("job-1", page_size=2, starting_token=first.next_token))
    assert endpoint_names(rest) == [f"job-1-step-{i}" for i in range(2, 5)]


def test_max_items_sizes_pages_so_the_token_resumes_exactly(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", steps=7)
    pages = list(client.iter_job_step_pages("job-1", page_size=2, max_items=3))
    assert [len(p.steps or ()) for p in pages] == [2, 1]
    assert [b.get("MaxResults") for b in fake.bodies(STEPS)] == [2, 1]
    resumed = list(client.iter_job_steps("job-1", starting_token=pages[-1].next_token))
    assert endpoint_names(resumed) == [f"job-1-step-{i}" for i in range(3, 7)]
    assert len(list(client.iter_job_steps("job-1", max_items=4))) == 4


def test_filters_reach_the_wire(client: InferenceRecommenderClient, fake: FakeSageMaker) -> None:
    fake.add_job("job-1", steps=4)
    steps = list(client.iter_job_steps("job-1", status="COMPLETED", step_type="BENCHMARK"))
    assert len(steps) == 2
    assert fake.bodies(STEPS) == [
        {"JobName": "job-1", "Status": "COMPLETED", "StepType": "BENCHMARK"}
    ]


def test_iter_jobs_walks_every_page(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    for i in range(5):
        fake.add_job(f"job-{i}")
    fake.add_job("other")
    fake.fail(JOBS, ok, throttle)
    jobs = list(client.iter_jobs(name_contains="job-", page_size=2, sort_by="Name"))
    assert [j.job_name for j in jobs] == [f"job-{i}" for i in range(5)]
    pages = list(client.iter_job_pages(name_contains="job-", page_size=2))
    assert [len(p.inference_recommendations_jobs) for p in pages] == [2, 2, 1]


def test_a_repeated_next_token_is_an_error_not_a_loop(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    def stuck(f: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return f.respond(request, 200, {"Steps": [], "NextToken": "same"})

    fake.always[STEPS] = stuck
    with pytest.raises(MalformedResponseError, match="NextToken it had returned before"):
        list(client.iter_job_steps("job-1"))
    assert fake.count() == 2


def test_a_cycle_of_next_tokens_of_any_length_is_an_error_not_a_loop(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    following = {None: "a", "a": "b", "b": "c", "c": "a"}

    def cycling(f: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any) -> AWSResponse:
        return f.respond(request, 200, {"Steps": [], "NextToken": following[body.get("NextToken")]})

    fake.always[STEPS] = cycling
    with pytest.raises(MalformedResponseError, match="a cycle of 3 pages"):
        list(client.iter_job_steps("job-1"))
    assert fake.count() == 4


# --------------------------------------------------------------------------- safe create


def test_create_whose_response_is_lost_returns_the_arn(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.fail(CREATE, lost(http_error(500, "InternalFailure")))
    response = client.create_inference_recommendations_job(create_request())
    assert response.job_arn == fake.jobs["job-1"]["JobArn"]
    assert list(fake.jobs) == ["job-1"]
    assert fake.count(CREATE) == 2
    assert fake.count(DESCRIBE) == 1


def test_create_whose_attempt_timed_out_after_the_job_was_made_returns_the_arn(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.fail(CREATE, lost(read_timeout))
    response = client.create_inference_recommendations_job(create_request())
    assert response.job_arn.endswith("/job-1")
    assert list(fake.jobs) == ["job-1"]


@pytest.mark.parametrize("fault", [lost(connection_reset), lost(truncated)])
def test_create_after_a_lost_connection_or_body_returns_the_arn(
    client: InferenceRecommenderClient, fake: FakeSageMaker, fault: Fault
) -> None:
    fake.fail(CREATE, fault)
    assert client.create_inference_recommendations_job(create_request()).job_arn.endswith("/job-1")
    assert len(fake.jobs) == 1


def test_create_adopts_its_job_when_the_server_clock_is_behind() -> None:
    # The server's clock is an hour behind ours: its CreationTime is compared with the
    # call's start on the server's clock (from the Date header), not ours.
    fake = FakeSageMaker(skew=-3600.0)
    session = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    client = InferenceRecommenderClient(session=session, retry=RetryPolicy(sleep=lambda _: None))
    client.boto3_client.meta.events.register("before-send.sagemaker", fake)
    fake.fail(CREATE, lost(http_error(503)))
    assert client.create_inference_recommendations_job(create_request()).job_arn.endswith("/job-1")


def test_an_existing_job_of_the_same_name_is_resource_in_use(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", created=fake.now() - 60)
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())
    assert fake.count() == 1


def test_a_name_taken_before_the_call_stays_in_use_after_a_5xx(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", created=fake.now() - 60)
    fake.fail(CREATE, http_error(500, "InternalFailure"))  # not lost: nothing was made
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())
    assert fake.count(CREATE) == 2
    assert fake.count(DESCRIBE) == 1


def test_a_job_of_the_same_name_with_another_role_is_not_adopted(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    def someone_else_creates(
        f: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any
    ) -> AWSResponse:
        f.add_job("job-1", role=OTHER_ROLE)
        return f.error(request, 503, "ServiceUnavailable", "busy")

    fake.fail(CREATE, someone_else_creates)
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())


def test_create_throttled_then_in_use_is_not_adopted(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    # A throttled request was refused, so it cannot have made the job.
    def throttled_while_someone_creates(
        f: FakeSageMaker, request: AWSPreparedRequest, op: str, body: Any
    ) -> AWSResponse:
        f.add_job("job-1")
        return throttle(f, request, op, body)

    fake.fail(CREATE, throttled_while_someone_creates)
    with pytest.raises(ResourceInUse):
        client.create_inference_recommendations_job(create_request())
    assert fake.count(DESCRIBE) == 0


# --------------------------------------------------------------------------- waiting


def test_wait_for_job_completes(
    client: InferenceRecommenderClient, fake: FakeSageMaker, fake_time: FakeTime
) -> None:
    fake.add_job("job-1", statuses=("PENDING", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"))
    seen: list[str] = []
    final = client.wait_for_job(
        "job-1", poll_interval=10.0, on_poll=lambda r: seen.append(str(r.status))
    )
    assert final.status == RecommendationJobStatus.COMPLETED
    assert seen == ["PENDING", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"]
    assert fake_time.sleeps == [10.0, 10.0, 10.0]


def test_wait_for_job_returns_a_stopped_job(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", statuses=("STOPPING", "STOPPED"))
    assert client.wait_for_job("job-1", poll_interval=1.0).status == "STOPPED"


def test_wait_for_job_fails_with_the_reason(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS", "FAILED"), failure_reason="model did not load")
    with pytest.raises(JobFailedError, match="model did not load") as info:
        client.wait_for_job("job-1", poll_interval=1.0)
    assert info.value.failure_reason == "model did not load"
    assert info.value.response.status == "FAILED"


def test_wait_for_job_times_out(
    client: InferenceRecommenderClient, fake: FakeSageMaker, fake_time: FakeTime
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS",))
    with pytest.raises(WaitTimeoutError) as info:
        client.wait_for_job("job-1", poll_interval=30.0, timeout=100.0)
    assert info.value.last_status == "IN_PROGRESS"
    assert isinstance(info.value, TimeoutError)
    assert fake_time.sleeps == [30.0, 30.0, 30.0, 10.0]  # the last sleep ends at the timeout
    assert fake.count(DESCRIBE) == 5


def test_wait_for_job_rides_out_transient_errors(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS", "COMPLETED"))
    # One poll's retries all run out; the wait goes on to the next poll.
    fake.fail(DESCRIBE, ok, throttle, throttle, throttle, http_error(503))
    assert client.wait_for_job("job-1", poll_interval=5.0).status == "COMPLETED"
    assert fake.count(DESCRIBE) == 6


@pytest.mark.parametrize("status", ["DELETING", "DELETED"])
def test_wait_for_a_deleted_job_ends_with_a_typed_error(
    client: InferenceRecommenderClient, fake: FakeSageMaker, status: str
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS", status))
    with pytest.raises(irclient.JobDeletedError, match=status) as info:
        client.wait_for_job("job-1", poll_interval=1.0)
    assert info.value.status == status and info.value.job_name == "job-1"
    assert fake.count(DESCRIBE) == 2


def test_an_unknown_status_is_logged_once_and_the_wait_goes_on(
    client: InferenceRecommenderClient, fake: FakeSageMaker, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add_job("job-1", statuses=("ARCHIVING", "ARCHIVING", "ARCHIVING", "COMPLETED"))
    with caplog.at_level(logging.WARNING, logger="irclient"):
        assert client.wait_for_job("job-1", poll_interval=1.0).status == "COMPLETED"
    notes = [r.getMessage() for r in caplog.records if "ARCHIVING" in r.getMessage()]
    assert len(notes) == 1 and "not one irclient knows" in notes[0]


@pytest.mark.parametrize(("duration", "limit"), [(600, 4_200.0), (None, 21_600.0)])
def test_without_a_timeout_the_wait_is_bounded_by_the_jobs_own_limit(
    client: InferenceRecommenderClient,
    fake: FakeSageMaker,
    fake_time: FakeTime,
    duration: int | None,
    limit: float,
) -> None:
    job = fake.add_job("job-1", statuses=("IN_PROGRESS",))
    if duration is not None:
        job["InputConfig"]["JobDurationInSeconds"] = duration
    with pytest.raises(WaitTimeoutError) as info:
        client.wait_for_job("job-1", poll_interval=1_000.0)
    assert info.value.timeout == limit  # JobDurationInSeconds (or 18,000) plus an hour
    assert sum(fake_time.sleeps) == limit


def test_a_wait_for_ever_must_be_asked_for(
    client: InferenceRecommenderClient, fake: FakeSageMaker, fake_time: FakeTime
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS",) * 30 + ("COMPLETED",))
    assert client.wait_for_job("job-1", poll_interval=1_000.0, timeout=math.inf).status == (
        "COMPLETED"
    )
    assert sum(fake_time.sleeps) == 30_000.0


def test_wait_for_a_missing_job_raises_at_once(
    client: InferenceRecommenderClient, fake: FakeSageMaker
) -> None:
    with pytest.raises(ResourceNotFound):
        client.wait_for_job("nope", poll_interval=1.0)
    assert fake.count() == 1


class _FakeBar:
    instances: list[_FakeBar] = []

    def __init__(self, total: int | None = None, desc: str = "", unit: str = "") -> None:
        self.total = total
        self.desc = desc
        self.n = 0
        self.history: list[tuple[int | None, int, str]] = []
        self.postfix = ""
        self.closed = False
        _FakeBar.instances.append(self)

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        self.postfix = text

    def refresh(self) -> None:
        self.history.append((self.total, self.n, self.postfix))

    def close(self) -> None:
        self.closed = True


def test_wait_for_job_progress_counts_finished_steps(
    client: InferenceRecommenderClient, fake: FakeSageMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tqdm_module = types.ModuleType("tqdm")
    auto = types.ModuleType("tqdm.auto")
    auto.tqdm = _FakeBar  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tqdm", tqdm_module)
    monkeypatch.setitem(sys.modules, "tqdm.auto", auto)
    _FakeBar.instances.clear()
    fake.add_job("job-1", steps=4, statuses=("IN_PROGRESS", "COMPLETED"))
    client.wait_for_job("job-1", poll_interval=1.0, progress=True)
    (bar,) = _FakeBar.instances
    assert bar.desc == "job-1"
    assert bar.history == [(4, 2, "IN_PROGRESS"), (4, 2, "COMPLETED")]
    assert bar.closed


def test_progress_without_tqdm_is_a_clear_error_before_any_request(
    client: InferenceRecommenderClient, fake: FakeSageMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ImportError, match=r"pip install 'irclient\[notebook\]'"):
        client.wait_for_job("job-1", progress=True)
    assert fake.count() == 0


# --------------------------------------------------------------------------- threads


def test_one_client_shared_by_8_threads(make_client: MakeClient, fake: FakeSageMaker) -> None:
    # Enough attempts that faults landing on one thread in a row never exhaust them.
    client = make_client(max_attempts=25)
    for t in range(8):
        fake.add_job(f"job-{t}", steps=5 + t)
    # Faults fall on whichever thread comes first: every thread must still get its own answer.
    fake.fail(STEPS, *([http_error(503), throttle, truncated] * 4))
    fake.fail(DESCRIBE, *([throttle, read_timeout] * 4))
    barrier = threading.Barrier(8)
    results: dict[int, tuple[str, list[str]]] = {}
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                job = client.describe_inference_recommendations_job(job_name=f"job-{t}")
                steps = endpoint_names(list(client.iter_job_steps(f"job-{t}", page_size=2)))
                results[t] = (job.job_name, steps)
                assert results[t] == (f"job-{t}", [f"job-{t}-step-{i}" for i in range(5 + t)])
        except BaseException as exc:  # report in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == list(range(8))


# --------------------------------------------------------------------------- import cost


def test_import_irclient_stays_light() -> None:
    import subprocess

    code = (
        "import sys, irclient; "
        "print(sorted(m for m in ('boto3', 'tenacity', 'tqdm', 'pandas', 'matplotlib', 'moto') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_public_names() -> None:
    assert irclient.InferenceRecommenderClient is InferenceRecommenderClient
    assert irclient.RetryPolicy is RetryPolicy
    assert {"InferenceRecommenderClient", "RetryPolicy", "ConfigurationError"} <= set(
        irclient.__all__
    )
