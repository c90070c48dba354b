"""Response bodies with one member mutated, and every irclient helper run on the result.

The oracle of the response fuzzing: a call either returns a model that every helper (reprs,
summaries, HTML, DataFrames, ranking, the Pareto front, plots) can use, or raises an
:class:`irclient.IRClientError`. Any other exception is foreign, a bug.

Bodies are served through botocore's own parser (a ``before-send`` handler answers each
request), so failures inside botocore are met as a user would meet them.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import io
import json
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config

import benchmark_samples as samples
from client_support import RawBody
from irclient import InferenceRecommenderClient, IRClientError, RetryPolicy, analysis, display

MUTATIONS: tuple[Any, ...] = (
    "abc",
    "123",
    "",
    1.5,
    0,
    -1,
    1e308,
    10**30,
    True,
    None,
    [],
    [0],
    {},
    {"x": 1},
    1e20,
    -62135596801,
    "\x1b]0;owned\x07",
    "\ud800",
    "$\\frac{$",
)
"""Values put in place of a member: wrong types, extremes, and hostile text."""

_JOB = samples.JOB

PLOTTED = frozenset(
    {"Metrics", "EndpointMetrics", "EndpointConfiguration", "EndpointInfo", "InstanceType"}
)
"""Members whose values reach the trade-off plot (its points and labels)."""


def _epoch(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    raise TypeError(type(value).__name__)


def bodies() -> dict[str, dict[str, Any]]:
    """A realistic body of each response kind, in wire form with epoch timestamps."""
    steps = samples.all_steps_wire() + [samples.running_step_wire()]
    describe = samples.describe_wire()
    describe["EndpointPerformances"] = [
        {
            "Metrics": {"MaxInvocations": 100, "ModelLatency": 20},
            "EndpointInfo": {"EndpointName": "existing"},
        }
    ]
    raw = {
        "CreateInferenceRecommendationsJob": {"JobArn": describe["JobArn"]},
        "DescribeInferenceRecommendationsJob": describe,
        "ListInferenceRecommendationsJobSteps": {"Steps": steps, "NextToken": "t"},
        "ListInferenceRecommendationsJobs": samples.jobs_wire(),
    }
    result: dict[str, dict[str, Any]] = json.loads(json.dumps(raw, default=_epoch))
    for body in result.values():
        body.pop("ResponseMetadata", None)
    return result


def paths(value: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every member and item path of a JSON value, containers before their contents."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:1]):  # the first item shows what any item would do
            yield (*prefix, index)
            yield from paths(item, (*prefix, index))


def mutate(body: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A copy of ``body`` with the member at ``path`` replaced by ``value``."""
    copy: dict[str, Any] = json.loads(json.dumps(body))
    target: Any = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


_SERVED = [b"{}"]
"""The body the shared client's fake SageMaker answers with next."""


@functools.cache
def _shared_client() -> InferenceRecommenderClient:
    # One client: building a SageMaker client loads its large service model.
    return _client(lambda: _SERVED[0])


def _client(answer: Callable[[], bytes]) -> InferenceRecommenderClient:
    session = boto3.Session(
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret", region_name="us-east-1"
    )
    boto = session.client("sagemaker", config=Config(retries={"total_max_attempts": 1}))

    def respond(request: Any, **_: Any) -> AWSResponse:
        headers = {
            "x-amzn-requestid": "req-mutated",
            "content-type": "application/x-amz-json-1.1",
            "date": email.utils.formatdate(time.time(), usegmt=True),
        }
        return AWSResponse(request.url, 200, headers, RawBody(answer()))

    boto.meta.events.register("before-send.sagemaker", respond)
    return InferenceRecommenderClient(boto, retry=RetryPolicy(max_attempts=2, initial_delay=0))


_REQUESTS: dict[str, dict[str, Any]] = {
    "CreateInferenceRecommendationsJob": {
        "JobName": "j",
        "JobType": "Default",
        "RoleArn": "arn:aws:iam::123456789012:role/r",
        "InputConfig": {"ModelName": "m"},
    },
    "DescribeInferenceRecommendationsJob": {"JobName": _JOB},
    "ListInferenceRecommendationsJobSteps": {"JobName": _JOB},
    "ListInferenceRecommendationsJobs": {},
}
_METHODS = {
    "CreateInferenceRecommendationsJob": "create_inference_recommendations_job",
    "DescribeInferenceRecommendationsJob": "describe_inference_recommendations_job",
    "ListInferenceRecommendationsJobSteps": "list_inference_recommendations_job_steps",
    "ListInferenceRecommendationsJobs": "list_inference_recommendations_jobs",
}


def helpers(model: Any, axes: Any = None) -> None:
    """Every irclient helper a user can point at a response model."""
    repr(model)
    str(model)
    model.to_dict()
    display.render_html(model)
    display.summary(model)
    try:
        bench = analysis.Benchmarks(model)
    except TypeError:  # a Create response holds no benchmarks
        return
    display.summary(bench)
    display.benchmarks_html(bench)
    for metric in ("cost_per_inference", "model_latency", "max_invocations", "cost_per_hour"):
        bench.rank(by=metric)
        bench.best(by=metric, max_latency_ms=100)
    bench.pareto_front()
    analysis.to_dataframe(model)
    if axes is not None and bench:
        axes.clear()
        analysis.plot_tradeoff(bench, ax=axes)
        axes.figure.savefig(io.BytesIO(), format="png", dpi=20)


def run(operation: str, body: dict[str, Any], axes: Any = None) -> tuple[str, BaseException | None]:
    """Serve ``body`` for ``operation`` and run every helper: the outcome and any foreign error.

    Returns ``("model", None)``, ``("irclient", None)`` (an IRClientError was raised), or
    ``("foreign", exception)``.
    """
    _SERVED[0] = json.dumps(body).encode()
    client = _shared_client()
    request = {k: v for k, v in _REQUESTS[operation].items()}
    try:
        model = getattr(client, _METHODS[operation])(request)
    except IRClientError:
        return "irclient", None
    except Exception as exc:  # the oracle counts what it did not expect
        return "foreign", exc
    try:
        helpers(model, axes)
    except IRClientError:
        return "irclient", None
    except Exception as exc:
        return "foreign", exc
    return "model", None


def cases() -> Iterator[tuple[str, tuple[str | int, ...], Any, dict[str, Any]]]:
    """Every (operation, path, mutation, body) the oracle tries."""
    for operation, body in bodies().items():
        for path in paths(body):
            for value in MUTATIONS:
                yield operation, path, value, mutate(body, path, value)


def describe(exc: BaseException, operation: str, path: Any, value: Any) -> str:
    """One line naming a foreign exception, where it was raised, and the case."""
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
    return f"{type(exc).__name__} at {where}: {operation} {path} = {value!r}: {exc}"[:300]
