"""FakeWire: an in-memory Inference Recommender endpoint behind botocore's ``before-send``.

A request still goes through botocore's whole path (parameter handling, serialisation,
signing) and the answer, real HTTP status, headers and a JSON body, goes through botocore's
parser: only the network is left out. Faults (throttling, 5xx, timeouts, lost connections,
truncated or garbled bodies) are queued per operation, and every request is recorded, which
makes it the tool for testing retries, of irclient or of your own code::

    from irclient.testing.wire import FakeWire, throttle

    fake = FakeWire()
    fake.add_job("my-job", steps=25)
    fake.fail("DescribeInferenceRecommendationsJob", throttle, throttle)
    client = InferenceRecommenderClient(session=session)
    fake.attach(client.boto3_client)
    client.describe_inference_recommendations_job(job_name="my-job")  # two retries
    assert fake.count("DescribeInferenceRecommendationsJob") == 3

Unlike the moto-based simulator (:func:`~irclient.testing.mock_inference_recommender`), the
fake keeps only what a test sets up (jobs, steps, the statuses a job goes through) and
answers in microseconds, so it also serves the benchmarks.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.exceptions import (
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from ..models import _specs, shapes
from ._paginator import PageError, paginate
from ._scaling import DEFAULT_TARGET_CPU, scaling_recommendation

__all__ = [
    "ROLE",
    "Fault",
    "FakeWire",
    "canned",
    "connection_reset",
    "endpoint_down",
    "html_page",
    "http_error",
    "lost",
    "ok",
    "read_timeout",
    "service_error",
    "throttle",
    "truncated",
]

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
"""The role of jobs added without one."""

Fault = Callable[["FakeWire", AWSPreparedRequest, str, dict[str, Any]], AWSResponse]
"""Answers one request instead of the fake: ``fault(fake, request, operation, body)``."""

_Answer = tuple[int, bytes]


class _Raw:
    """The raw stream botocore reads an AWSResponse body from."""

    __slots__ = ("body",)

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body

    def read(self) -> bytes:
        return self.body


class FakeWire:
    """Just enough of SageMaker's Inference Recommender API, answered from memory.

    Attach it to a boto3 SageMaker client (:meth:`attach`); it then answers every request
    of that client. Each operation of irclient's operation table is answered from the jobs
    set up with :meth:`add_job`; list operations page with the tokens and limits of the
    operation's paginator spec.

    Args:
        page_size: Items per page when a list request gives no limit.
        skew: Seconds added to the fake's clock (its ``Date`` headers and creation times),
            to play a server whose clock differs from the caller's.
        region: The Region in the ARNs of new jobs.
        account_id: The account in the ARNs of new jobs.
        cache: Keep each serialised answer until the state changes, so that repeated reads
            cost no serialisation (benchmarks want it). Off by default, so that changes made
            to :attr:`jobs` by hand show at once; call :meth:`changed` after such a change
            when it is on.

    Attributes:
        jobs: Job name to the job's Describe body (wire form).
        steps: Job name to its steps (wire form; any sequence, read only when paged).
        statuses: Job name to the statuses its next describes report; the last one stays.
        calls: Every request received, as ``(operation, body)``, in order.
        faults: Operation to the faults that answer its next requests, in order.
        always: Operation to a fault that answers every request once ``faults`` is empty.
        on_request: Called at every request before it is answered (to interleave threads).
    """

    def __init__(
        self,
        *,
        page_size: int = 10,
        skew: float = 0.0,
        region: str = "us-east-1",
        account_id: str = "123456789012",
        cache: bool = False,
    ) -> None:
        self.lock = threading.RLock()
        self.jobs: dict[str, dict[str, Any]] = {}
        self.steps: dict[str, Sequence[Mapping[str, Any]]] = {}
        self.statuses: dict[str, list[str]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.always: dict[str, Fault] = {}
        self.on_request: Callable[[], None] | None = None
        self.page_size = page_size
        self.skew = skew
        self.region = region
        self.account_id = account_id
        self.cache = cache
        self._answers: dict[tuple[str, bytes], _Answer] = {}

    # ----------------------------------------------------------------- set-up and checks

    def attach(self, client: Any) -> Any:
        """Answer every request of a boto3 SageMaker client; returns the client."""
        service = client.meta.service_model.service_id.hyphenize()
        client.meta.events.register_first(f"before-send.{service}", self)
        return client

    def count(self, operation: str | None = None) -> int:
        """How many requests were received, for one operation or all."""
        with self.lock:
            return sum(1 for op, _ in self.calls if operation in (None, op))

    def bodies(self, operation: str) -> list[dict[str, Any]]:
        """The bodies of every request received for ``operation``, in order."""
        with self.lock:
            return [body for op, body in self.calls if op == operation]

    def fail(self, operation: str, *faults: Fault) -> None:
        """Answer the next requests for ``operation`` with these faults, in order."""
        with self.lock:
            self.faults[operation].extend(faults)

    def now(self) -> float:
        """The fake's clock, in epoch seconds (the local clock plus ``skew``)."""
        return time.time() + self.skew

    def add_job(
        self,
        name: str,
        *,
        steps: int | Sequence[Mapping[str, Any]] = 0,
        statuses: Sequence[str] = ("IN_PROGRESS",),
        role: str = ROLE,
        job_type: str = "Default",
        created: float | None = None,
        failure_reason: str | None = None,
        members: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Add a job (replacing any of that name).

        Args:
            name: The job name.
            steps: How many benchmark steps to make up (alternately ``COMPLETED`` and
                ``IN_PROGRESS``), or the steps themselves in wire form: any sequence, kept as
                it is and sliced one page at a time (a lazy sequence keeps a walk of many
                steps from holding them all).
            statuses: The statuses successive describes report; the last one stays.
            role: The job's role ARN.
            job_type: ``Default`` or ``Advanced``.
            created: Its creation time (epoch seconds); the fake's clock when ``None``.
            failure_reason: Its ``FailureReason``, if any.
            members: More Describe members in wire form (``InferenceRecommendations``, ...),
                overriding the made-up ones.

        Returns:
            The job's Describe body (the fake's own dict, which its answers show).
        """
        when = self.now() if created is None else created
        job: dict[str, Any] = {
            "JobName": name,
            "JobType": job_type,
            "JobArn": f"arn:aws:sagemaker:{self.region}:{self.account_id}:"
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
        job.update(members or {})
        made = [_made_up_step(name, i) for i in range(steps)] if isinstance(steps, int) else steps
        with self.lock:
            self.jobs[name] = job
            self.statuses[name] = list(statuses)
            self.steps[name] = made
            self.changed()
        return job

    def changed(self) -> None:
        """Drop the cached answers: call it after changing the state by hand."""
        with self.lock:
            self._answers.clear()

    # ----------------------------------------------------------------- HTTP

    def respond(self, request: AWSPreparedRequest, status: int, payload: Any) -> AWSResponse:
        """An HTTP response with ``payload`` as its JSON body (bytes are sent as they are)."""
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {
            "x-amzn-requestid": f"req-{len(self.calls)}",
            "content-type": "application/x-amz-json-1.1",
            "date": email.utils.formatdate(self.now(), usegmt=True),
        }
        return AWSResponse(request.url, status, headers, _Raw(body))

    def error(
        self, request: AWSPreparedRequest, status: int, code: str, message: str
    ) -> AWSResponse:
        """An AWS JSON error response."""
        return self.respond(request, status, {"__type": code, "message": message})

    def __call__(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        """Answer a request (the ``before-send`` hook): record it, then answer it or a fault."""
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
        """The fake's own answer to a request (what :func:`ok` returns)."""
        status, data = self.answer(operation, body)
        return self.respond(request, status, data)

    def answer(self, operation: str, body: Mapping[str, Any]) -> tuple[int, bytes]:
        """The HTTP status and serialised body the fake answers ``body`` with.

        Nothing is recorded; a request that changes the state (a create, a stop, a describe
        that moves a job to its next status) drops the cached answers.
        """
        key = (operation, json.dumps(body, sort_keys=True).encode()) if self.cache else None
        with self.lock:
            if key is not None:
                cached = self._answers.get(key)
                if cached is not None:
                    return cached
            # Dispatched by the boto3 method name, as the simulator dispatches.
            known = _specs.OPERATIONS.get(operation)
            handler = getattr(self, f"_{known.method}", None) if known is not None else None
            if handler is None:
                status, payload, changes = 400, _unknown(operation), False
            else:
                status, payload, changes = handler(dict(body))
            answer = (status, json.dumps(payload).encode())
            if changes:
                self._answers.clear()
            elif key is not None:
                self._answers[key] = answer
            return answer

    # ----------------------------------------------------------------- operations

    def _page(
        self,
        operation: str,
        items: Sequence[Any],
        body: Mapping[str, Any],
        key: Callable[[Any], tuple[Any, ...]] | None = None,
    ) -> tuple[int, Any, bool]:
        try:
            return (
                200,
                paginate(operation, items, body, key=key, default_limit=self.page_size),
                False,
            )
        except PageError as exc:
            return 400, {"__type": "ValidationException", "message": str(exc)}, False

    def _missing(self, name: str) -> tuple[int, dict[str, Any], bool]:
        return 400, {"__type": "ResourceNotFound", "message": f"job {name} not found"}, False

    def _create_inference_recommendations_job(self, body: dict[str, Any]) -> tuple[int, Any, bool]:
        name = body["JobName"]
        if name in self.jobs:
            return 400, {"__type": "ResourceInUse", "message": f"job {name} already exists"}, False
        # The Describe of a job shows what its Create asked for, as SageMaker's does.
        described: dict[str, Any] = {
            k: body[k] for k in ("InputConfig", "JobDescription", "StoppingConditions") if k in body
        }
        job = self.add_job(
            name,
            statuses=("PENDING",),
            role=body["RoleArn"],
            job_type=body["JobType"],
            members=described,
        )
        return 200, {"JobArn": job["JobArn"]}, True

    def _describe_inference_recommendations_job(
        self, body: dict[str, Any]
    ) -> tuple[int, Any, bool]:
        name = body["JobName"]
        if name not in self.jobs:
            return self._missing(name)
        statuses = self.statuses[name]
        moves = len(statuses) > 1
        self.jobs[name]["Status"] = statuses.pop(0) if moves else statuses[0]
        return 200, self.jobs[name], moves

    def _list_inference_recommendations_job_steps(
        self, body: dict[str, Any]
    ) -> tuple[int, Any, bool]:
        steps = self.steps.get(body["JobName"], ())
        if "Status" in body or "StepType" in body:  # unfiltered walks never copy the steps
            steps = [
                s
                for s in steps
                if body.get("Status") in (None, s["Status"])
                and body.get("StepType") in (None, s["StepType"])
            ]
        return self._page("ListInferenceRecommendationsJobSteps", steps, body)

    def _list_inference_recommendations_jobs(self, body: dict[str, Any]) -> tuple[int, Any, bool]:
        jobs = [
            {k: v for k, v in job.items() if k in _JOB_SUMMARY}
            for name, job in sorted(self.jobs.items())
            if body.get("NameContains", "") in name
            and body.get("StatusEquals") in (None, job["Status"])
        ]
        return self._page(
            "ListInferenceRecommendationsJobs", jobs, body, key=lambda job: (job["JobName"],)
        )

    def _stop_inference_recommendations_job(self, body: dict[str, Any]) -> tuple[int, Any, bool]:
        name = body["JobName"]
        if name not in self.jobs:
            return self._missing(name)
        self.statuses[name] = ["STOPPED"]
        return 200, {}, True

    def _get_scaling_configuration_recommendation(
        self, body: dict[str, Any]
    ) -> tuple[int, Any, bool]:
        name = body["InferenceRecommendationsJobName"]
        if name not in self.jobs:
            return self._missing(name)
        # The job's InferenceRecommendations (added with add_job's members) are the candidates.
        for rec in self.jobs[name].get("InferenceRecommendations") or ():
            endpoint = rec.get("EndpointConfiguration") or {}
            if body.get("RecommendationId") in (None, rec.get("RecommendationId")) and body.get(
                "EndpointName"
            ) in (None, endpoint.get("EndpointName")):
                target = body.get("TargetCpuUtilizationPerCore")
                objective = body.get("ScalingPolicyObjective")
                answer = {
                    "InferenceRecommendationsJobName": name,
                    "RecommendationId": rec.get("RecommendationId"),
                    "EndpointName": endpoint.get("EndpointName"),
                    "TargetCpuUtilizationPerCore": target or DEFAULT_TARGET_CPU,
                    **({"ScalingPolicyObjective": objective} if objective else {}),
                    **scaling_recommendation(rec, target_cpu=target, objective=objective),
                }
                return 200, answer, False
        return (
            400,
            {"__type": "ResourceNotFound", "message": f"no such recommendation in {name}"},
            False,
        )


_JOB_SUMMARY = frozenset(f.wire for f in _specs.SPECS[shapes.InferenceRecommendationsJob])
"""Members of a job in a ListInferenceRecommendationsJobs page."""


def _unknown(operation: str) -> dict[str, str]:
    return {"__type": "UnknownOperationException", "message": f"FakeWire has no {operation}"}


def _made_up_step(name: str, i: int) -> dict[str, Any]:
    return {
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


# --------------------------------------------------------------------------- faults


def ok(fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any) -> AWSResponse:
    """No fault: the fake's own answer."""
    return fake.handle(request, operation, body)


def canned(payload: Any, status: int = 200) -> Fault:
    """A fault that answers with a fixed body (serialised once), whatever the request."""
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()

    def fault(
        fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
    ) -> AWSResponse:
        return fake.respond(request, status, data)

    return fault


def throttle(fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any) -> AWSResponse:
    """HTTP 400 ``ThrottlingException``."""
    return fake.error(request, 400, "ThrottlingException", "Rate exceeded")


def http_error(status: int, code: str = "ServiceUnavailable") -> Fault:
    """A fault that answers with an AWS error of this HTTP status and code."""

    def fault(
        fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
    ) -> AWSResponse:
        return fake.error(request, status, code, f"simulated {status}")

    return fault


def service_error(code: str, status: int = 400) -> Fault:
    """A fault that answers with an AWS error of this code (HTTP 400 by default)."""
    return http_error(status, code)


def truncated(
    fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
) -> AWSResponse:
    """The right answer, cut off half-way (status 200)."""
    full = fake.handle(request, operation, body)
    content = full.content
    return AWSResponse(request.url, 200, dict(full.headers), _Raw(content[: len(content) // 2]))


def html_page(
    fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
) -> AWSResponse:
    """A proxy's error page with status 200."""
    return AWSResponse(request.url, 200, {}, _Raw(b"<html><body>Bad gateway</body></html>"))


def read_timeout(
    fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
) -> AWSResponse:
    """The response never comes: botocore's ``ReadTimeoutError``."""
    raise ReadTimeoutError(endpoint_url=request.url)


def connection_reset(
    fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
) -> AWSResponse:
    """The connection drops mid-response: botocore's ``ConnectionClosedError``."""
    raise ConnectionClosedError(endpoint_url=request.url)


def endpoint_down(
    fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
) -> AWSResponse:
    """Nothing listens: botocore's ``EndpointConnectionError``."""
    raise EndpointConnectionError(endpoint_url=request.url)


def lost(then: Fault) -> Fault:
    """The service does the work, then the answer is lost and ``then`` happens instead."""

    def fault(
        fake: FakeWire, request: AWSPreparedRequest, operation: str, body: Any
    ) -> AWSResponse:
        fake.handle(request, operation, body)
        return then(fake, request, operation, body)

    return fault
