"""Hostile sizes at the suite's scale: numbers, depth, cycles, memory, times and tokens.

Each test tries many inputs of one kind and records what it measured in the page's "Limits"
table; the unit tests (``tests/test_limits.py``) hold one example of each.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import shlex
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from client_support import TokenPipeline
from irclient import (
    InferenceRecommenderClient,
    IRClientError,
    RetryPolicy,
    analysis,
    display,
)
from irclient._core.pages import Pages
from irclient.cli import main
from irclient.cli._continuation import continuation
from irclient.cli._parser import build_parser
from irclient.diagnosis import _hints
from irclient.errors import InvalidResponseError, MalformedResponseError
from irclient.joblogs import JOB_LOG_GROUP, JobLogReader, _Cursor, list_stream_names
from irclient.models import (
    ListInferenceRecommendationsJobStepsRequest,
    _specs,
)
from irclient.testing.wire import FakeWire, canned
from response_bodies import maximal, output_shape

from .report import FIGURES

pytestmark = pytest.mark.reliability

REGION = "us-east-1"
DESCRIBE = "DescribeInferenceRecommendationsJob"


_CLIENTS: dict[bool, tuple[FakeWire, InferenceRecommenderClient]] = {}


def answered(body: bytes, *, fast_parse: bool) -> InferenceRecommenderClient:
    """A client (one per parser, built once) whose every call is answered with ``body``."""
    if fast_parse not in _CLIENTS:
        _CLIENTS[fast_parse] = _client(fast_parse)
    fake, client = _CLIENTS[fast_parse]
    for operation in _specs.OPERATIONS:
        fake.always[operation] = canned(body)
    return client


def _client(fast_parse: bool) -> tuple[FakeWire, InferenceRecommenderClient]:
    fake = FakeWire()
    client = InferenceRecommenderClient(
        session=boto3.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
        ),
        retry=RetryPolicy(max_attempts=1),
        fast_parse=fast_parse,
    )
    fake.attach(client.boto3_client)
    return fake, client


def outcome(describe: Callable[..., Any]) -> Any:
    """What describing job "j" gives: the model's repr, or the irclient error's type."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("returned", repr(describe(job_name="j")))
    except IRClientError as exc:
        return ("raised", type(exc).__name__)


# --------------------------------------------------------------------------- numbers

_SIZES = [2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, 10**308, 10**309, 10**400]


def test_huge_integers_one_behaviour_and_no_overflow_downstream() -> None:
    bodies = 0
    for member in ("ModelLatency", "CostPerHour", "MaxInvocations", "CostPerInference"):
        for size in _SIZES:
            body = maximal(output_shape(DESCRIBE))
            body["Status"] = "COMPLETED"
            body["InferenceRecommendations"][0]["Metrics"][member] = size
            raw = json.dumps(body).encode()
            fast, slow = (
                answered(raw, fast_parse=flag).describe_inference_recommendations_job
                for flag in (True, False)
            )
            assert outcome(fast) == outcome(slow), (member, size)
            job = fast(job_name="j")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                job._repr_html_()
                display.summary(job)
                analysis.to_dataframe(job)
                analysis.rank(job)
                analysis.best(job)
            bodies += 1
    FIGURES.limit(
        "Integers beyond 64 bits",
        f"{bodies} bodies: ModelLatency, CostPerHour, MaxInvocations, CostPerInference from "
        "2**63 - 1 to 400 digits, both parsers",
        "one result from both parsers (a wider integer taken out, with a warning); "
        "no OverflowError in HTML, summary, DataFrame, rank or best",
    )


def test_deep_bodies_are_irclient_errors() -> None:
    depths = [500, 900, 950, 980, 990, 1000, 1100, 5000, 100_000]
    clean = json.dumps(maximal(output_shape(DESCRIBE)))
    refused = 0
    for depth in depths:
        raw = ('{"Novel": ' + "[" * depth + "]" * depth + ", " + clean[1:]).encode()
        for flag in (True, False):
            try:
                answered(raw, fast_parse=flag).describe_inference_recommendations_job(job_name="j")
            except InvalidResponseError:
                refused += 1
    assert refused >= 2 * 4  # 1,000 levels and beyond at least
    FIGURES.limit(
        "Bodies nested past the JSON reader",
        f"{len(depths) * 2} bodies, 500 to 100,000 levels deep, both parsers",
        f"{refused} refused as InvalidResponseError (exit status 7), the rest read; "
        "no RecursionError",
    )


# --------------------------------------------------------------------------- cycles


class _Cycling:
    """A CloudWatch Logs caller whose tokens go round ``length`` values."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.sent: list[str] = []

    def __call__(self, operation: str, **_: Any) -> dict[str, Any]:
        self.sent.append(operation)
        following = f"t{(len(self.sent) - 1) % self.length}"
        if operation == "DescribeLogStreams":
            return {"logStreams": [], "nextToken": following}
        return {"events": [], "nextForwardToken": following}


def test_every_cycle_of_log_tokens_is_found_after_its_pages() -> None:
    worst = 0
    # A cycle of one token is the same token again: the end of a stream, not a cycle.
    for length in range(2, 21):
        for operation in ("DescribeLogStreams", "GetLogEvents"):
            call = _Cycling(length)
            sent = call.sent
            with pytest.raises(MalformedResponseError):
                if operation == "DescribeLogStreams":
                    list(list_stream_names(call, JOB_LOG_GROUP, None))
                else:
                    reader = JobLogReader(call, "j", endpoints=False)
                    reader._cursors[(JOB_LOG_GROUP, "j/execution")] = _Cursor(
                        JOB_LOG_GROUP, "j/execution"
                    )
                    list(reader.read())
            assert len(sent) == length + 1
            worst = max(worst, len(sent))
    FIGURES.limit(
        "CloudWatch Logs token cycles",
        "cycles of 2 to 20 tokens, stream listings and stream reads",
        f"each found after its pages and one more (at most {worst} requests); "
        "diagnose() reports it as a gap",
    )


# --------------------------------------------------------------------------- hint matching

_HOSTILE_REASONS = {
    "repeated service limit": "ResourceLimitExceeded " + "service limit a " * 7_500,
    "repeated payload": "payload " * 15_000,
    "quoted limit": "ResourceLimitExceeded service limit '" + "a" * 120_000,
    "spaces after perform": "not authorized to perform" + " " * 120_000,
    "phases": "Users at the end of " * 6_000,
}


def test_hint_matching_time_on_hostile_reasons() -> None:
    worst = 0.0
    for reason in _HOSTILE_REASONS.values():
        worst = max(worst, min(_match_seconds(reason) for _ in range(3)))
    assert worst < 0.5
    FIGURES.limit(
        "Failure-hint matching",
        f"{len(_HOSTILE_REASONS)} reasons of 120 KB built to backtrack",
        f"worst {worst * 1000:.2f} ms (first {_hints.MAX_MATCHED:,} characters, RE2)",
    )


def _match_seconds(reason: str) -> float:
    started = time.perf_counter()
    _hints.match(reason, _hints.Context())
    return time.perf_counter() - started


# --------------------------------------------------------------------------- memory

_PAGES = 150
_TOKEN = 1_000_000


def _token(page: int) -> str | None:
    return None if page > _PAGES else f"{page:08d}" + "t" * _TOKEN


def _peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_walks_of_megabyte_tokens_keep_memory_flat() -> None:
    pipeline = TokenPipeline(_token)
    pages = Pages(
        pipeline,  # type: ignore[arg-type]  # the part of a Pipeline that Pages uses
        _specs.OPERATIONS["ListInferenceRecommendationsJobSteps"],
        ListInferenceRecommendationsJobStepsRequest(job_name="j"),
        None,
    )
    walk = _peak(lambda: sum(1 for _ in pages))
    sent = [0]

    def call(_: str, **__: Any) -> dict[str, Any]:
        sent[0] += 1
        token = _token(sent[0])
        return {"logStreams": [], **({"nextToken": token} if token else {})}

    logs = _peak(lambda: list(list_stream_names(call, JOB_LOG_GROUP, None)))
    assert pipeline.sent == sent[0] == _PAGES + 1
    assert max(walk, logs) < 10_000_000
    FIGURES.limit(
        "Page walks with 1 MB tokens",
        f"{_PAGES} pages of steps, {_PAGES} pages of log streams",
        f"peak {walk / 1e6:.1f} MB and {logs / 1e6:.1f} MB (holding every token: "
        f"{_PAGES * _TOKEN / 1e6:.0f} MB)",
    )


_PLOT_PROBE = """
import json, resource, sys, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from irclient import analysis

n = int(sys.argv[1])
benchmarks = [
    analysis.Benchmark(kind="recommendation", instance_type=f"ml.type{i}.xlarge",
                       model_latency=i + 1, cost_per_inference=(n - i) * 1e-8,
                       cost_per_hour=0.1, status="COMPLETED")
    for i in range(n)
]
fig, ax = plt.subplots()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
analysis.plot_tradeoff(benchmarks, ax=ax, max_latency_ms=n // 2)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "peak_kb": peak,
    "grown_kb": peak - before,
    "seconds": time.perf_counter() - started,
    "labels": len([t for t in ax.texts if t.get_text()]),
}))
"""


def test_trade_off_plots_of_hundreds_of_benchmarks() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    measured = []
    for count in (20, 500):
        out = subprocess.run(
            [sys.executable, "-c", _PLOT_PROBE, str(count)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=900,
        )
        result = json.loads(out.stdout.splitlines()[-1])
        assert result["labels"] <= analysis.MAX_LABELS
        assert result["grown_kb"] < 400 * 1024
        measured.append(
            f"{count}: process peak {result['peak_kb'] / 1024:.0f} MB (the plot added "
            f"{result['grown_kb'] / 1024:.0f} MB), {result['seconds']:.1f} s, "
            f"{result['labels']} labels"
        )
    FIGURES.limit(
        "Trade-off plot memory",
        "20 and 500 benchmarks, every one on the Pareto front (the worst case)",
        "; ".join(measured) + " (before the bound: 1.5 GB at 200)",
    )


# --------------------------------------------------------------------------- logs and the CLI


def test_log_timestamps_out_of_range(caplog: pytest.LogCaptureFixture) -> None:
    odd: list[Any] = [1e20, -1e20, 10**30, -(10**30), float("nan"), float("inf"), 2**1023]
    odd += [253_402_300_800_000, -62_135_596_800_001]  # just past year 9999, before year 1

    def call(_: str, **params: Any) -> dict[str, Any]:
        if params.get("nextToken") == "end":
            return {"events": [], "nextForwardToken": "end"}
        events = [{"timestamp": value, "message": "odd"} for value in odd]
        events.append({"timestamp": 1_793_534_400_000, "message": "fine"})
        return {"events": events, "nextForwardToken": "end"}

    reader = JobLogReader(call, "j", endpoints=False)
    reader._cursors[(JOB_LOG_GROUP, "j/execution")] = _Cursor(JOB_LOG_GROUP, "j/execution")
    with caplog.at_level(logging.WARNING, logger="irclient"):
        events = list(reader.read())
    assert [e.message for e in events] == ["fine"]
    said = sum("without a readable timestamp" in r.getMessage() for r in caplog.records)
    assert said == len(odd)
    FIGURES.limit(
        "Log timestamps out of range",
        f"{len(odd)} timestamps beyond year 1 to 9999, NaN and infinite",
        f"each left out with a warning naming its stream ({said} warnings); the lines "
        "around them read; no OverflowError",
    )


_BAD_ARGV = [
    ("logs", "j", "--follow", "--poll-interval", "1e10"),
    ("logs", "j", "--poll-interval", "86401"),
    ("logs", "j", "--poll-interval", "nan"),
    ("logs", "j", "--poll-interval", "-1"),
    ("stop", "j", "--wait", "--poll-interval", "1e308"),
    ("run", "r.json", "--poll-interval", "1e10"),
    ("deploy", "j", "--best", "--poll-interval", "1e10"),
    ("logs", "j", "--since", "1969-12-31T23:59:59.999999+00:00"),
    ("logs", "j", "--since", "1970-01-01T00:59:59+01:00"),
    ("logs", "j", "--since", "0001-01-01"),
    ("logs", "j", "--since", "99999-01-01"),
]


def test_cli_numbers_and_times_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in _BAD_ARGV:
        assert main([*argv, "--region", REGION]) == 2, argv
        capsys.readouterr()
    FIGURES.limit(
        "Command-line numbers and times",
        f"{len(_BAD_ARGV)} values: poll intervals beyond a day, NaN or negative; "
        "--since before 1970 or not a time",
        "every one a usage error (exit status 2) before any request",
    )


_TOKENS = st.text(
    st.characters(exclude_categories=["Cs"]), min_size=1, max_size=80
) | st.from_regex(r"-[A-Za-z0-9+/=-]{1,60}", fullmatch=True)
_tried: list[int] = [0]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token=_TOKENS)
def test_printed_continuations_paste_back_to_the_token(token: str) -> None:
    # A token of dashes alone ("--") is argparse's end-of-options marker: a known gap of the
    # pasted continuation (AWS's base64 tokens are never that), left out here.
    assume(token.strip("-") != "")
    parser = _parser()
    args = parser.parse_args(["jobs", "--max-items", "1", "--region", REGION])
    words = shlex.split(continuation(args, token=token))
    assert parser.parse_args(words[1:]).starting_token == token
    _tried[0] += 1
    FIGURES.limit(
        "Printed continuations",
        f"{_tried[0]} tokens: any text, and base64 that starts with '-'",
        "every one pastes back (shlex) to the same --starting-token",
    )


_PARSER: list[Any] = []


def _parser() -> Any:
    if not _PARSER:
        _PARSER.append(build_parser())
    return _PARSER[0]


def test_the_since_limit_is_the_epoch() -> None:
    args = _parser().parse_args(["logs", "j", "--since", "1970-01-01T00:00:00Z"])
    assert args.since == datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
