"""Numbers, depth, cycles and memory: hostile sizes from AWS and from the command line.

Each test names a limit irclient keeps: integers no model type holds, bodies nested past the
JSON reader's depth, page tokens that lead back to themselves or weigh a megabyte, failure
messages built to make a regex backtrack, plots of hundreds of benchmarks, log timestamps
out of range, and command-line numbers and times that are typos.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import shlex
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import attrs
import boto3
import pytest
from botocore.awsrequest import AWSResponse

import irclient
from cli_support import run
from client_support import RawBody, TokenPipeline, ensure_model
from irclient import InferenceRecommenderClient, RetryPolicy, analysis, display
from irclient._core.pages import Pages, SeenTokens
from irclient.cli import ExitCode
from irclient.cli import _aws as cli_aws
from irclient.cli._continuation import continuation
from irclient.cli._parser import build_parser
from irclient.diagnosis import _hints, diagnose
from irclient.errors import InvalidResponseError, MalformedResponseError
from irclient.joblogs import JOB_LOG_GROUP, JobLogReader, _Cursor, list_stream_names
from irclient.models import (
    DescribeInferenceRecommendationsJobResponse,
    ListInferenceRecommendationsJobStepsRequest,
    _specs,
)
from irclient.testing import mock_inference_recommender
from irclient.testing.wire import FakeWire, canned
from response_bodies import maximal, output_shape

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

REGION = "us-east-1"
DESCRIBE = "DescribeInferenceRecommendationsJob"
HUGE = 10**400  # 400 digits: no 64-bit integer and no float holds it


def session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )


def answered(body: bytes, *, fast_parse: bool) -> InferenceRecommenderClient:
    """A client whose every SageMaker call is answered 200 with ``body``."""
    fake = FakeWire()
    for operation in _specs.OPERATIONS:
        fake.always[operation] = canned(body)
    client = InferenceRecommenderClient(
        session=session(), retry=RetryPolicy(max_attempts=1), fast_parse=fast_parse
    )
    fake.attach(client.boto3_client)
    return client


def cli_answers(monkeypatch: pytest.MonkeyPatch, body: bytes) -> None:
    """Make the command line's client one whose calls are answered with ``body``."""
    client = answered(body, fast_parse=True)
    monkeypatch.setattr(cli_aws, "client_from", lambda factory: client)


# --------------------------------------------------------------------------- 17: huge integers


def describe_body(**metrics: Any) -> bytes:
    """A completed job's describe body, its first recommendation's metrics changed."""
    body = maximal(output_shape(DESCRIBE))
    body["Status"] = "COMPLETED"
    body["InferenceRecommendations"][0]["Metrics"].update(metrics)
    return json.dumps(body).encode()


@pytest.mark.parametrize("fast_parse", [True, False], ids=["fast", "botocore"])
@pytest.mark.parametrize(
    ("metrics", "kept"),
    [
        ({"ModelLatency": 2**63 - 1, "CostPerHour": 1.7976931348623157e308}, True),
        ({"ModelLatency": 2**63}, False),
        ({"ModelLatency": -(2**63) - 1}, False),
        ({"ModelLatency": HUGE}, False),
        ({"CostPerHour": HUGE}, False),
    ],
    ids=["largest-kept", "2**63", "below-min-long", "400-digit-latency", "400-digit-cost"],
)
def test_huge_integers_mean_the_same_on_both_parsers(
    fast_parse: bool, metrics: dict[str, int], kept: bool, caplog: pytest.LogCaptureFixture
) -> None:
    body = describe_body(**metrics)
    with caplog.at_level(logging.WARNING, logger="irclient"):
        job = answered(body, fast_parse=fast_parse).describe_inference_recommendations_job(
            job_name="j"
        )
    assert job.inference_recommendations
    got = job.inference_recommendations[0].metrics
    names = {"ModelLatency": "model_latency", "CostPerHour": "cost_per_hour"}
    for wire, value in metrics.items():
        assert getattr(got, names[wire]) == (value if kept else None), wire
    # Taken out, never silently: the warning names the member.
    named = [r.getMessage() for r in caplog.records if "did not fit" in r.getMessage()]
    assert bool(named) is not kept
    for wire in metrics if not kept else ():
        assert f"Metrics.{wire}" in named[0]


@pytest.mark.parametrize("size", [HUGE, 2**63 - 1], ids=["400-digits", "largest-long"])
def test_huge_integers_crash_nothing_downstream(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], size: int
) -> None:
    body = describe_body(ModelLatency=size, CostPerHour=size)
    job = answered(body, fast_parse=True).describe_inference_recommendations_job(job_name="j")
    # Also a model built by hand, which no response rule checked.
    assert job.inference_recommendations
    rec = job.inference_recommendations[0]
    assert rec.metrics is not None
    by_hand = attrs.evolve(
        job,
        inference_recommendations=(
            attrs.evolve(rec, metrics=attrs.evolve(rec.metrics, model_latency=size)),
        ),
    )
    for model in (job, by_hand):
        assert model._repr_html_()
        assert display.summary(model)
        frame = analysis.to_dataframe(model)
        assert len(frame) == 2
        assert analysis.rank(model) is not None
        analysis.best(model)
    cli_answers(monkeypatch, body)
    for argv in (("describe", "j"), ("describe", "j", "--json")):
        code, _, err = run(capsys, *argv, "--region", REGION)
        assert code == ExitCode.OK, err


# --------------------------------------------------------------------------- 18: depth


def deep_body(depth: int) -> bytes:
    """A describe body with an unknown member nested ``depth`` objects deep."""
    clean = json.dumps(json.loads(describe_body()))
    return ('{"Novel": ' + '{"a": ' * depth + "1" + "}" * depth + ", " + clean[1:]).encode()


@pytest.mark.parametrize("fast_parse", [True, False], ids=["fast", "botocore"])
@pytest.mark.parametrize("depth", [990, 100_000])
def test_a_body_nested_past_the_json_reader_is_an_invalid_response(
    fast_parse: bool, depth: int
) -> None:
    client = answered(deep_body(depth), fast_parse=fast_parse)
    with pytest.raises(InvalidResponseError) as info:
        client.describe_inference_recommendations_job(job_name="j")
    assert "nests its values deeper" in str(info.value)
    assert info.value.operation == DESCRIBE


def test_a_body_nested_a_little_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is the JSON reader's, not a guess of ours: 100 levels of unknown are ignored.
    job = answered(deep_body(100), fast_parse=True).describe_inference_recommendations_job(
        job_name="j"
    )
    assert job.status == "COMPLETED"


def test_describe_of_a_too_deep_body_exits_7(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_answers(monkeypatch, deep_body(990))
    code, out, err = run(capsys, "describe", "j", "--region", REGION)
    assert code == ExitCode.CONNECTION_ERROR
    assert "Traceback" not in err and "RecursionError" in err and out == ""


# --------------------------------------------------------------------------- 19: log cycles


class CyclingLogs:
    """A CloudWatch Logs caller whose pages lead back to themselves: tokens A, B, A, ..."""

    def __init__(self, tokens: tuple[str, ...] = ("A", "B")) -> None:
        self.tokens = tokens
        self.calls: list[str] = []

    def __call__(self, operation: str, **params: Any) -> dict[str, Any]:
        self.calls.append(operation)
        if len(self.calls) > 1_000:
            raise AssertionError("the walk did not stop")
        following = self.tokens[(len(self.calls) - 1) % len(self.tokens)]
        if operation == "DescribeLogStreams":
            name = f"cyc/Endpoint/e{len(self.calls)}"
            return {"logStreams": [{"logStreamName": name}], "nextToken": following}
        stamp = 1_793_534_400_000 + len(self.calls)
        return {
            "events": [{"timestamp": stamp, "message": "line"}],
            "nextForwardToken": following,
        }


def test_a_stream_listing_that_cycles_is_refused_after_the_cycle() -> None:
    logs = CyclingLogs()
    with pytest.raises(MalformedResponseError) as info:
        list(list_stream_names(logs, JOB_LOG_GROUP, "cyc/"))
    assert len(logs.calls) == 3  # A, B, then A again
    assert "a cycle of 2 pages" in str(info.value)
    assert info.value.operation == "DescribeLogStreams"


def test_reading_a_stream_whose_tokens_cycle_stops() -> None:
    logs = CyclingLogs(("A", "B", "C"))
    with pytest.raises(MalformedResponseError) as info:
        list(one_stream(logs).read())
    assert logs.calls == ["GetLogEvents"] * 4  # A, B, C, then A again
    assert "a cycle of 3 pages" in str(info.value)
    assert info.value.operation == "GetLogEvents"


def one_stream(call: Callable[..., dict[str, Any]]) -> JobLogReader:
    """A reader of the one stream cyc/execution, without looking for streams."""
    reader = JobLogReader(call, "cyc", endpoints=False)
    reader._cursors[(JOB_LOG_GROUP, "cyc/execution")] = _Cursor(JOB_LOG_GROUP, "cyc/execution")
    return reader


def test_an_unchanged_token_still_ends_a_stream() -> None:
    logs = CyclingLogs(("A", "A"))
    assert len(list(one_stream(logs).read())) == 2
    assert len(logs.calls) == 2


def test_diagnose_returns_when_the_log_listing_cycles() -> None:
    job = DescribeInferenceRecommendationsJobResponse.from_dict(json.loads(describe_body()))
    job = attrs.evolve(job, job_name="cyc", status="FAILED")
    logs = CyclingLogs()
    report = diagnose(job, lambda: iter(()), lambda: logs)
    assert len(logs.calls) == 3
    assert any("would never end" in gap.reason for gap in report.unreadable)


def test_iter_job_logs_stops_on_a_cycle() -> None:
    with mock_inference_recommender():
        client = InferenceRecommenderClient(region_name=REGION)
        sm = boto3.client("sagemaker", region_name=REGION)
        request = irclient.cli.example_request(job_name="cyc")
        ensure_model(sm, request["InputConfig"]["ModelName"])
        sm.create_inference_recommendations_job(**request)
        calls = answer_logs(client, streams_token=("A", "B"))
        with pytest.raises(MalformedResponseError):
            list(client.iter_job_logs("cyc", endpoints=False))
        assert calls.count("DescribeLogStreams") == 3


def answer_logs(
    client: InferenceRecommenderClient,
    *,
    streams_token: tuple[str, ...] = (),
    events: list[dict[str, Any]] | None = None,
) -> list[str]:
    """Answer the client's CloudWatch Logs requests; returns the operations called."""
    calls: list[str] = []

    def answer(request: Any, **_: Any) -> AWSResponse:
        target = request.headers["X-Amz-Target"]
        operation = (target.decode() if isinstance(target, bytes) else target).split(".")[-1]
        calls.append(operation)
        if operation == "DescribeLogStreams":
            body: dict[str, Any] = {"logStreams": [{"logStreamName": "cyc/execution"}]}
            if streams_token:
                body["nextToken"] = streams_token[(len(calls) - 1) % len(streams_token)]
        else:
            body = {"events": events or [], "nextForwardToken": "end"}
            if json.loads(request.body).get("nextToken") == "end":
                body["events"] = []
        return AWSResponse(request.url, 200, {}, RawBody(json.dumps(body).encode()))

    client.logs_client.meta.events.register("before-send.cloudwatch-logs", answer)
    return calls


# --------------------------------------------------------------------------- 20: hint matching

# Each "service limit a " made the quota rule's lazy match scan to the end: quadratic.
BACKTRACKER = "ResourceLimitExceeded " + "service limit a " * 7_500  # 120 KB


def test_hint_matching_is_fast_on_a_hostile_reason() -> None:
    started = time.perf_counter()
    found = _hints.match(BACKTRACKER, _hints.Context())
    assert time.perf_counter() - started < 1.0  # 31 s before
    assert [m.kind for m in found] == ["quota"]


def test_hint_matching_reads_a_bounded_head_of_the_message() -> None:
    tail = "x" * _hints.MAX_MATCHED + " ResourceLimitExceeded"
    assert _hints.match(tail, _hints.Context()) == []
    assert [m.kind for m in _hints.match(tail[-30:], _hints.Context())] == ["quota"]


def test_hint_matching_takes_a_lone_surrogate() -> None:
    found = _hints.match("\ud800 ResourceLimitExceeded", _hints.Context())
    assert [m.kind for m in found] == ["quota"]


def test_diagnose_of_a_120_kb_reason_is_fast() -> None:
    job = DescribeInferenceRecommendationsJobResponse.from_dict(json.loads(describe_body()))
    job = attrs.evolve(job, status="FAILED", failure_reason=BACKTRACKER)
    started = time.perf_counter()
    report = diagnose(job, lambda: iter(()), lambda: CyclingLogs())
    str(report)
    assert time.perf_counter() - started < 2.0  # 16 s before
    assert [hint.kind for hint in report.hints] == ["quota"]


# --------------------------------------------------------------------------- 21: walk memory

MEGABYTE_TOKENS = 150


def walk(tokens: Callable[[int], str | None]) -> tuple[int, int]:
    """Walk the pages; (pages sent, peak memory traced during the walk)."""
    pipeline = TokenPipeline(tokens)
    pages = Pages(
        pipeline,  # type: ignore[arg-type]  # the part of a Pipeline that Pages uses
        _specs.OPERATIONS["ListInferenceRecommendationsJobSteps"],
        ListInferenceRecommendationsJobStepsRequest(job_name="j"),
        None,
    )
    tracemalloc.start()
    try:
        for _ in pages:
            pass
        return pipeline.sent, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def megabyte_token(page: int) -> str | None:
    if page > MEGABYTE_TOKENS:
        return None
    return f"{page:08d}" + "t" * 1_000_000


def test_a_walk_of_megabyte_tokens_holds_a_few_of_them() -> None:
    sent, peak = walk(megabyte_token)
    assert sent == MEGABYTE_TOKENS + 1
    assert peak < 10_000_000  # 150 MB before


def test_a_cycle_of_megabyte_tokens_is_still_found() -> None:
    with pytest.raises(MalformedResponseError, match="a cycle of 2 pages"):
        walk(lambda page: ("A", "B")[page % 2] * 1_000_000)


def test_seen_tokens_keep_digests_not_tokens() -> None:
    seen = SeenTokens()
    seen.add("x" * 1_000_000, 1)
    assert seen.page_of("x" * 1_000_000) == 1 and seen.page_of("x") is None
    assert all(len(key) == 16 for key in seen._pages)


def test_a_log_listing_of_megabyte_tokens_holds_a_few_of_them() -> None:
    def call(_: str, **__: Any) -> dict[str, Any]:
        call.sent += 1  # type: ignore[attr-defined]
        token = megabyte_token(call.sent)  # type: ignore[attr-defined]
        return {"logStreams": [], **({"nextToken": token} if token else {})}

    call.sent = 0  # type: ignore[attr-defined]
    tracemalloc.start()
    try:
        assert list(list_stream_names(call, JOB_LOG_GROUP, None)) == []
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert call.sent == MEGABYTE_TOKENS + 1  # type: ignore[attr-defined]
    assert peak < 10_000_000


# --------------------------------------------------------------------------- 22: plot memory


PLOT_PROBE = """
import json, resource, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from irclient import analysis

n = int(sys.argv[1])
# Every benchmark on the Pareto front: the worst case for the labels.
benchmarks = [
    analysis.Benchmark(
        kind="recommendation",
        instance_type=f"ml.type{i}.xlarge",
        model_latency=i + 1,
        cost_per_inference=(n - i) * 1e-8,
        cost_per_hour=0.1,
        status="COMPLETED",
    )
    for i in range(n)
]
fig, ax = plt.subplots()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
analysis.plot_tradeoff(benchmarks, ax=ax, max_latency_ms=n // 2)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"grown_kb": grown, "labels": [t.get_text() for t in ax.texts]}))
"""


def test_a_plot_of_hundreds_of_benchmarks_stays_small() -> None:
    # In a process of its own: its peak resident memory is the plot's alone (tracemalloc
    # would slow adjustText's numpy loops many times over).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run(
        [sys.executable, "-c", PLOT_PROBE, "300"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["grown_kb"] < 400 * 1024  # 1.5 GB at 200 benchmarks before
    labels = result["labels"]
    assert len(labels) == analysis.MAX_LABELS
    # The chosen benchmark (the cheapest within 150 ms) and both ends of the front.
    assert {"ml.type149.xlarge", "ml.type0.xlarge", "ml.type299.xlarge"} <= set(labels)


# --------------------------------------------------------------------------- 23: log timestamps

STAMP = 1_793_534_400_000


@pytest.mark.parametrize("odd", [1e20, -1e20, 10**30, float("nan")], ids=str)
def test_a_log_event_out_of_range_is_left_out_and_said(
    odd: float, caplog: pytest.LogCaptureFixture
) -> None:
    def call(operation: str, **params: Any) -> dict[str, Any]:
        events = [
            {"timestamp": odd, "message": "out of range"},
            {"timestamp": STAMP, "message": "fine"},
        ]
        if params.get("nextToken") == "end":
            events = []
        return {"events": events, "nextForwardToken": "end"}

    with caplog.at_level(logging.WARNING, logger="irclient"):
        events = list(one_stream(call).read())
    assert [e.message for e in events] == ["fine"]
    assert "without a readable timestamp" in caplog.text and "cyc/execution" in caplog.text


def test_irclient_logs_survives_an_out_of_range_timestamp(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from irclient.cli.commands import diagnose as command

    with mock_inference_recommender():
        sm = boto3.client("sagemaker", region_name=REGION)
        ensure_model(sm, irclient.cli.example_request()["InputConfig"]["ModelName"])
        sm.create_inference_recommendations_job(**irclient.cli.example_request(job_name="cyc"))
        made = cli_aws.client  # what the command module imported

        def hooked(args: argparse.Namespace) -> InferenceRecommenderClient:
            client = made(args)
            answer_logs(
                client,
                events=[
                    {"timestamp": 1e20, "message": "out of range"},
                    {"timestamp": STAMP, "message": "fine"},
                ],
            )
            return client

        monkeypatch.setattr(command, "client", hooked)
        for argv in (("logs", "cyc"), ("logs", "cyc", "--json"), ("why", "cyc")):
            code, out, err = run(capsys, *argv, "--region", REGION)
            assert code == ExitCode.OK, err
            assert "fine" in out and "out of range" not in out


# --------------------------------------------------------------------------- 24: CLI numbers


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("logs", "j", "--follow", "--poll-interval", "1e10"), "at most 86,400 seconds"),
        (("stop", "j", "--wait", "--poll-interval", "1e10"), "at most 86,400 seconds"),
        (("run", "r.json", "--poll-interval", "86401"), "at most 86,400 seconds"),
        (("logs", "j", "--poll-interval", "inf"), "must be a number >= 0"),
        (("logs", "j", "--since", "1969-12-31T23:59:59Z"), "at or after 1970-01-01"),
        (("logs", "j", "--since", "0001-01-01"), "at or after 1970-01-01"),
        (("logs", "j", "--since", "yesterday at noon"), "not a time"),
    ],
)
def test_cli_numbers_and_times_are_refused_at_parse_time(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str
) -> None:
    # No client is built: a usage error is found before anything reaches AWS.
    code, out, err = run(capsys, *argv, "--region", REGION)
    assert code == ExitCode.USAGE
    assert says in err and out == ""


def test_cli_accepts_the_limits_themselves() -> None:
    parser = build_parser()
    args = parser.parse_args(["logs", "j", "--since", "1970-01-01", "--poll-interval", "86400"])
    assert args.since == datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    assert args.poll_interval == 86_400


# --------------------------------------------------------------------------- 25: continuation


@pytest.mark.parametrize("token", ["-AAE5Zm9v/bar+==", "--region", "a b'c\"$(x)", "plain"])
def test_a_continuation_pastes_back_to_the_same_token(token: str) -> None:
    parser = build_parser()
    argv = ["steps", "job", "--status", "FAILED", "--max-items", "3", "--region", REGION]
    line = continuation(parser.parse_args(argv), token=token)
    words = shlex.split(line)
    assert words[0] == "irclient"
    again = parser.parse_args(words[1:])
    assert again.starting_token == token
    assert again.region == REGION and again.max_items == 3
