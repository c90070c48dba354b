"""client.diagnose, iter_job_logs and wait_for_job's logs, on the simulator and on fakes."""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Iterator
from typing import Any

import attrs
import boto3
import pytest
from botocore.awsrequest import AWSResponse

from client_support import FakeTime, RawBody, ensure_model
from irclient import InferenceRecommenderClient, JobFailedError, RetryPolicy, ServiceError
from irclient.diagnosis import Diagnosis, FailedStep, StreamTail, diagnose
from irclient.joblogs import (
    JOB_LOG_GROUP,
    JobLogReader,
    LogEvent,
    endpoint_log_group,
)
from irclient.models import (
    DescribeInferenceRecommendationsJobResponse,
    InferenceRecommendationsJobStep,
)
from irclient.testing import COMPILE_TAG, FAIL_JOB_TAG, FAIL_STEP_TAG, mock_inference_recommender

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
# As AWS words it, less what a tag value cannot hold (quotes, commas, parentheses).
QUOTA = (
    "ResourceLimitExceeded: The account-level service limit ml.c5.xlarge for endpoint usage "
    "is 0 Instances with current utilization of 0 Instances and a request delta of 1 "
    "Instances. Please use AWS Service Quotas to request an increase for this quota."
)


@pytest.fixture
def mock() -> Iterator[Any]:
    with mock_inference_recommender() as active:
        yield active


@pytest.fixture
def client(mock: Any, fake_time: FakeTime) -> InferenceRecommenderClient:
    retry = RetryPolicy(sleep=fake_time.sleep, clock=fake_time.clock)
    return InferenceRecommenderClient(region_name=REGION, retry=retry)


def create(
    client: InferenceRecommenderClient, name: str, *tags: tuple[str, str], **more: Any
) -> None:
    ensure_model(client.boto3_client, "resnet50")
    client.create_inference_recommendations_job(
        {
            "JobName": name,
            "JobType": "Default",
            "RoleArn": ROLE,
            "InputConfig": {
                "ModelName": "resnet50",
                "ContainerConfig": {
                    # Three real-time benchmarks, without the serverless ones a Default job
                    # adds when the endpoint type is not given.
                    "SupportedEndpointType": "RealTime",
                    "SupportedInstanceTypes": ["ml.c5.xlarge", "ml.m5.xlarge", "ml.g5.xlarge"],
                    "PayloadConfig": {
                        "SamplePayloadUrl": "s3://bucket/payload.tar.gz",
                        "SupportedContentTypes": ["application/json"],
                    },
                },
            },
            "Tags": [{"Key": k, "Value": v} for k, v in tags],
            **more,
        }
    )


def deny_logs(client: InferenceRecommenderClient) -> list[str]:
    """Make every CloudWatch Logs request answer AccessDeniedException; returns the calls."""
    calls: list[str] = []

    def deny(request: Any, **_: Any) -> AWSResponse:
        target = request.headers["X-Amz-Target"]
        calls.append((target.decode() if isinstance(target, bytes) else target).split(".")[-1])
        body = json.dumps(
            {
                "__type": "AccessDeniedException",
                "message": "User: arn:aws:iam::123456789012:user/dev is not authorized to "
                "perform: logs:DescribeLogStreams",
            }
        ).encode()
        return AWSResponse(request.url, 400, {"x-amzn-requestid": "denied"}, RawBody(body))

    client.logs_client.meta.events.register("before-send.cloudwatch-logs", deny)
    return calls


def key(event: LogEvent) -> tuple[str, str, datetime.datetime, str]:
    return (event.log_group, event.log_stream, event.timestamp, event.message)


# --------------------------------------------------------------------------- the report


def test_a_failing_step_gives_its_reason_log_lines_and_a_hint(
    client: InferenceRecommenderClient,
) -> None:
    create(client, "partly", (FAIL_STEP_TAG, "ml.m5.xlarge"))
    client.wait_for_job("partly", poll_interval=0)  # the job completes: one step failed

    report = client.diagnose("partly")
    assert report.status == "COMPLETED" and report.failed
    [step] = report.failed_steps
    assert str(step.endpoint_configuration.instance_type) == "ml.m5.xlarge"  # type: ignore[union-attr]
    assert "returned 4xx or 5xx error code" in (step.failure_reason or "")
    assert step.endpoint_name is not None

    # That step's streams: the job's load-test stream for it and the endpoint's own logs.
    streams = report.streams_for(step.endpoint_name)
    assert {s.log_group for s in streams} == {JOB_LOG_GROUP, endpoint_log_group(step.endpoint_name)}
    container = next(s for s in streams if s.log_group != JOB_LOG_GROUP)
    assert any("Traceback" in line.message for line in container.lines)

    [hint] = report.hints
    assert hint.kind == "container_error"
    assert hint.applies_to == ("ml.m5.xlarge",)
    assert set(hint.log_streams) == {s.name for s in streams}
    assert container.name in hint.advice  # the advice says which stream to read
    assert "application/json" in hint.advice

    text = str(report)
    assert "Failed steps (1):" in text and "ml.m5.xlarge" in text
    assert "ValueError: the request body could not be decoded" in text
    assert "The model container failed on the sample payload" in text
    assert not report.unreadable


def test_a_failed_job_gives_its_reason_and_the_quota_to_raise(
    client: InferenceRecommenderClient,
) -> None:
    create(client, "capped", (FAIL_JOB_TAG, QUOTA))
    with pytest.raises(JobFailedError) as info:
        client.wait_for_job("capped", poll_interval=0)
    report = info.value.diagnosis
    assert isinstance(report, Diagnosis)
    assert report.status == "FAILED" and report.failure_reason == QUOTA
    # The benchmarks still running when the job failed failed with it.
    assert report.failed_steps and all(s.failure_reason == QUOTA for s in report.failed_steps)
    quota = [h for h in report.hints if h.kind == "quota"]
    assert len(quota) == 1  # one hint for the job and all its steps
    assert "'ml.c5.xlarge for endpoint usage'" in quota[0].advice
    assert "currently 0 Instances" in quota[0].advice
    assert "request-service-quota-increase" in quota[0].advice
    assert "job" in quota[0].applies_to
    execution = next(s for s in report.log_streams if s.log_stream == "capped/execution")
    assert execution.lines[-1].message == f"ERROR Job failed: {QUOTA}"
    assert f"Failure reason: {QUOTA}" in str(report)


def test_the_report_is_built_once_when_wait_for_job_sees_the_failure(
    client: InferenceRecommenderClient,
) -> None:
    create(client, "doomed", (FAIL_JOB_TAG, "Container failed to start"))
    listed: list[dict[str, Any]] = []
    client.boto3_client.meta.events.register(
        "provide-client-params.sagemaker.ListInferenceRecommendationsJobSteps",
        lambda params, **_: listed.append(dict(params)),
    )
    with pytest.raises(JobFailedError) as info:
        client.wait_for_job("doomed", poll_interval=0)
    assert info.value.diagnosis is not None
    assert [p.get("Status") for p in listed] == ["FAILED"]
    # A message the table does not know gets no hint, never a wrong one.
    assert info.value.diagnosis.hints == ()


def test_a_healthy_job_says_nothing_failed(client: InferenceRecommenderClient) -> None:
    create(client, "fine")
    client.wait_for_job("fine", poll_interval=0)
    report = client.diagnose("fine")
    assert not report.failed and report.hints == () and report.failed_steps == ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.status = "FAILED"  # type: ignore[misc]
    assert "No step has failed." in str(report)
    # Only the execution stream's lines are shown; the others are listed.
    assert "Other log streams (3;" in str(report)


def test_html_escapes_everything_it_shows() -> None:
    # Tag values cannot carry markup, so the report is made by hand here.
    evil = "<script>alert(1)</script> & ModelError"
    job = DescribeInferenceRecommendationsJobResponse.from_dict(
        {
            "JobName": "evil",
            "JobType": "Default",
            "JobArn": "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/e",
            "RoleArn": ROLE,
            "Status": "FAILED",
            "FailureReason": evil,
            "CreationTime": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            "LastModifiedTime": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            "InputConfig": {"ModelName": "m"},
        }
    )
    step = FailedStep(step_type="BENCHMARK", failure_reason="<b>bold</b>")
    line = LogEvent(
        timestamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        message='<img src=x onerror="alert(2)">',
        log_group=JOB_LOG_GROUP,
        log_stream="evil/execution",
    )
    stream = StreamTail(
        log_group=JOB_LOG_GROUP, log_stream="evil/execution", lines=(line,), truncated=False
    )
    report = diagnose(
        job,
        lambda: (),
        lambda: lambda operation, **params: {},
    )
    report = attrs.evolve(report, failed_steps=(step,), log_streams=(stream,))
    page = report._repr_html_()
    assert "<script>" not in page and "<b>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ModelError" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert "The model container failed on the sample payload" in page  # the hint
    assert "<details open>" in page  # the execution stream, shown open


def test_lines_per_stream_bounds_each_stream(client: InferenceRecommenderClient) -> None:
    create(client, "short")
    client.wait_for_job("short", poll_interval=0)
    full = client.diagnose("short", lines_per_stream=1000)
    assert all(not s.truncated for s in full.log_streams)
    short = client.diagnose("short", lines_per_stream=2)
    assert short.lines_per_stream == 2
    for cut, whole in zip(short.log_streams, full.log_streams, strict=True):
        assert cut.lines == whole.lines[-2:]
        assert cut.truncated == (len(whole.lines) > 2)
    assert any(s.truncated for s in short.log_streams)
    with pytest.raises(ValueError, match="lines_per_stream"):
        client.diagnose("short", lines_per_stream=-1)


def test_access_denied_on_the_logs_gives_a_report_that_says_so(
    client: InferenceRecommenderClient,
) -> None:
    create(client, "secret", (FAIL_STEP_TAG, "all"))
    calls = deny_logs(client)
    with pytest.raises(JobFailedError) as info:
        client.wait_for_job("secret", poll_interval=0)
    report = info.value.diagnosis
    assert report is not None
    assert report.log_streams == ()
    assert report.failed_steps and report.hints  # what SageMaker said is all there
    assert report.unreadable
    assert all(u.code == "AccessDeniedException" for u in report.unreadable)
    assert "access denied" in report.unreadable[0].reason
    assert "logs:GetLogEvents" in report.unreadable[0].reason
    assert "Not read:" in str(report) and "access denied" in str(report)
    assert "Not read" in report._repr_html_()
    assert calls.count("DescribeLogStreams") == 1 + len(report.failed_steps)  # never retried


def test_a_log_group_not_created_yet_is_said(mock: Any, client: InferenceRecommenderClient) -> None:
    mock.set_transition({"progression": "manual", "times": 100})  # the job stays PENDING
    create(client, "early")
    client.logs_client.delete_log_group(logGroupName=JOB_LOG_GROUP)
    report = client.diagnose("early")
    [gap] = report.unreadable
    assert gap.what == f"log group {JOB_LOG_GROUP}"
    assert "does not exist" in gap.reason
    assert gap.code == "ResourceNotFoundException"


def test_a_logs_client_that_cannot_be_built_is_a_gap_not_a_failure(
    client: InferenceRecommenderClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    create(client, "odd")

    def broken(*_: Any) -> Any:
        raise RuntimeError("no logs today")

    monkeypatch.setattr(client, "aws_client", broken)
    report = client.diagnose("odd")
    [gap] = report.unreadable
    assert gap.what == "CloudWatch Logs" and "no logs today" in gap.reason


def test_the_report_as_json(client: InferenceRecommenderClient) -> None:
    create(client, "listed", (FAIL_STEP_TAG, "ml.c5.xlarge"))
    client.wait_for_job("listed", poll_interval=0)
    data = json.loads(json.dumps(client.diagnose("listed").to_dict()))
    assert data["job_name"] == "listed"
    assert data["failed_steps"][0]["endpoint"] == "ml.c5.xlarge"
    assert data["hints"][0]["kind"] == "container_error"
    assert data["log_streams"][0]["log_stream"] == "listed/execution"
    assert data["log_streams"][0]["lines"][0]["timestamp"].endswith("+00:00")


def test_an_unknown_job_is_not_found(client: InferenceRecommenderClient) -> None:
    with pytest.raises(ServiceError) as info:
        client.diagnose("nobody")
    assert info.value.code == "ResourceNotFound"


# --------------------------------------------------------------------------- the logs


def test_iter_job_logs_yields_every_stream_in_time_order_once(
    client: InferenceRecommenderClient,
) -> None:
    create(client, "logged", (FAIL_STEP_TAG, "ml.g5.xlarge"))
    client.wait_for_job("logged", poll_interval=0)
    events = list(client.iter_job_logs("logged"))
    stamps = [e.timestamp for e in events]
    assert stamps == sorted(stamps)
    assert len({key(e) for e in events}) == len(events)
    streams = {(e.log_group, e.log_stream) for e in events}
    endpoints = [
        s.split("/Endpoint/")[1] for g, s in streams if g == JOB_LOG_GROUP and "/Endpoint/" in s
    ]
    assert len(endpoints) == 3
    assert (JOB_LOG_GROUP, "logged/execution") in streams
    assert {g for g, _ in streams} == {JOB_LOG_GROUP} | {endpoint_log_group(e) for e in endpoints}
    # Without the endpoints' own groups, only the job's.
    own = list(client.iter_job_logs("logged", endpoints=False))
    assert {e.log_group for e in own} == {JOB_LOG_GROUP}
    assert own == [e for e in events if e.log_group == JOB_LOG_GROUP]


def test_log_lines_carry_the_simulated_times(client: InferenceRecommenderClient) -> None:
    create(client, "timed")
    client.wait_for_job("timed", poll_interval=0)
    execution = [e for e in client.iter_job_logs("timed") if e.log_stream == "timed/execution"]
    for step in client.iter_job_steps("timed"):
        bench = step.inference_benchmark
        assert bench is not None and bench.endpoint_configuration is not None
        name = bench.endpoint_configuration.endpoint_name
        started = [e for e in execution if f"creating endpoint {name}" in e.message]
        ended = [
            e
            for e in execution
            if "completed" in e.message and e.timestamp == bench.invocation_end_time
        ]
        assert [e.timestamp for e in started] == [bench.invocation_start_time]
        assert ended


def test_since_skips_older_events(client: InferenceRecommenderClient) -> None:
    create(client, "recent")
    client.wait_for_job("recent", poll_interval=0)
    events = list(client.iter_job_logs("recent"))
    middle = events[len(events) // 2].timestamp
    later = list(client.iter_job_logs("recent", since=middle))
    assert later == [e for e in events if e.timestamp >= middle]
    with pytest.raises(ValueError, match="timezone-aware"):
        client.iter_job_logs("recent", since=datetime.datetime(2026, 1, 1))
    with pytest.raises(TypeError, match="since"):
        client.iter_job_logs("recent", since="yesterday")  # type: ignore[arg-type]
    # A span back from now: the simulated benchmarks run in the future, so all of them.
    assert list(client.iter_job_logs("recent", since=datetime.timedelta(minutes=5))) == events


def test_follow_yields_each_event_once_and_stops_when_the_job_ends(
    mock: Any, client: InferenceRecommenderClient, fake_time: FakeTime
) -> None:
    mock.set_transition({"progression": "manual", "times": 3})
    create(client, "running", (FAIL_STEP_TAG, "ml.c5.xlarge"))
    rounds: list[set[tuple[str, str]]] = []
    followed: list[LogEvent] = []
    for event in client.iter_job_logs("running", follow=True, poll_interval=5):
        if len(rounds) <= len(fake_time.sleeps):
            rounds.append(set())
        rounds[-1].add((event.log_group, event.log_stream))
        followed.append(event)
    assert set(fake_time.sleeps) == {5}
    assert client.describe_inference_recommendations_job(job_name="running").status == "COMPLETED"
    everything = list(client.iter_job_logs("running"))
    assert sorted(map(key, followed)) == sorted(map(key, everything))
    assert len({key(e) for e in followed}) == len(followed)
    assert followed[-1].message.startswith("Job completed")
    # Streams that appeared while the job ran were picked up on a later round.
    assert rounds[0] == {(JOB_LOG_GROUP, "running/execution")}
    assert len(set().union(*rounds[1:])) > 1


def test_iter_job_logs_reports_access_denied(client: InferenceRecommenderClient) -> None:
    create(client, "hidden")
    deny_logs(client)
    with pytest.raises(ServiceError) as info:
        list(client.iter_job_logs("hidden"))
    assert info.value.code == "AccessDeniedException"
    assert info.value.operation == "DescribeLogStreams"


def test_logs_reads_are_retried_by_the_client_policy(
    client: InferenceRecommenderClient, fake_time: FakeTime
) -> None:
    create(client, "flaky")
    client.wait_for_job("flaky", poll_interval=0)
    expected = list(client.iter_job_logs("flaky"))
    throttled: list[str] = []

    def throttle_once(request: Any, **_: Any) -> AWSResponse | None:
        if throttled:
            return None
        throttled.append("GetLogEvents")
        body = json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"}).encode()
        return AWSResponse(request.url, 400, {}, RawBody(body))

    client.logs_client.meta.events.register(
        "before-send.cloudwatch-logs.GetLogEvents", throttle_once
    )
    assert list(client.iter_job_logs("flaky")) == expected
    assert throttled and fake_time.sleeps  # one retry, after a back-off


# --------------------------------------------------------------------------- waiting


def test_wait_for_job_forwards_new_log_lines(mock: Any, client: InferenceRecommenderClient) -> None:
    mock.set_transition({"progression": "manual", "times": 2})
    create(client, "watched")
    seen: list[LogEvent] = []
    client.wait_for_job("watched", poll_interval=1, logs=seen.append)
    assert sorted(map(key, seen)) == sorted(map(key, client.iter_job_logs("watched")))
    assert len({key(e) for e in seen}) == len(seen)


def test_wait_for_job_logs_true_prints_them(
    client: InferenceRecommenderClient, capsys: pytest.CaptureFixture[str]
) -> None:
    create(client, "printed")
    client.wait_for_job("printed", poll_interval=0, logs=True)
    out = capsys.readouterr().out
    assert "[printed/execution] Starting inference recommendations job printed" in out
    assert "Job completed" in out


def test_wait_for_job_goes_on_without_logs_it_cannot_read(
    client: InferenceRecommenderClient, caplog: pytest.LogCaptureFixture
) -> None:
    create(client, "quiet")
    calls = deny_logs(client)
    seen: list[LogEvent] = []
    with caplog.at_level(logging.WARNING, logger="irclient"):
        job = client.wait_for_job("quiet", poll_interval=0, logs=seen.append)
    assert job.status == "COMPLETED" and seen == []
    assert calls == ["DescribeLogStreams"]  # tried once, then left alone
    assert any("cannot read its logs" in r.getMessage() for r in caplog.records)


def test_wait_for_job_refuses_a_logs_value_that_is_no_callable(
    client: InferenceRecommenderClient,
) -> None:
    with pytest.raises(TypeError, match="logs"):
        client.wait_for_job("any", logs="yes")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the logs client


@pytest.fixture
def session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="AKIDLOGS", aws_secret_access_key="secret", region_name="eu-west-1"
    )


def test_the_logs_client_shares_region_credentials_and_endpoint_override(
    session: boto3.Session,
) -> None:
    local = session.client("sagemaker", endpoint_url="http://127.0.0.1:5000")
    logs = InferenceRecommenderClient(local).logs_client
    assert logs.meta.region_name == "eu-west-1"
    assert logs.meta.endpoint_url == "http://127.0.0.1:5000"
    # The given client's own credentials, not the default session's.
    assert logs._request_signer._credentials.access_key == "AKIDLOGS"
    assert logs.meta.config.retries["total_max_attempts"] == 1


def test_the_logs_client_of_an_aws_endpoint_is_the_logs_endpoint(session: boto3.Session) -> None:
    client = InferenceRecommenderClient(session=session)
    logs = client.logs_client
    assert logs.meta.endpoint_url == "https://logs.eu-west-1.amazonaws.com"
    assert logs.meta.service_model.service_name == "logs"
    assert client.logs_client is logs  # built once


def test_a_logs_client_given_is_used_as_is(session: boto3.Session) -> None:
    mine = session.client("logs")
    assert InferenceRecommenderClient(session=session, logs_client=mine).logs_client is mine


# --------------------------------------------------------------------------- the reader alone


class PagedLogs:
    """CloudWatch Logs GetLogEvents with two events a page, and a log of the calls made."""

    def __init__(self, streams: dict[str, list[tuple[int, str]]]) -> None:
        self.streams = streams
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, operation: str, **params: Any) -> dict[str, Any]:
        self.calls.append((operation, params))
        if operation == "DescribeLogStreams":
            if params["logGroupName"] != JOB_LOG_GROUP:
                return {"logStreams": []}
            return {"logStreams": [{"logStreamName": name} for name in sorted(self.streams)]}
        events = self.streams[params["logStreamName"]]
        start = int(params.get("nextToken", "f/0")[2:])
        page = events[start : start + 2]
        return {
            "events": [{"timestamp": t, "message": m} for t, m in page],
            "nextForwardToken": f"f/{start + len(page)}",
        }


def test_the_reader_merges_streams_page_by_page() -> None:
    logs = PagedLogs(
        {
            "j/execution": [(1, "a"), (4, "d"), (5, "e"), (9, "i")],
            "j/Endpoint/e1": [(2, "b"), (3, "c"), (6, "f"), (7, "g"), (8, "h")],
        }
    )
    reader = JobLogReader(logs, "j")
    reader.discover()
    events = reader.read()
    first = next(events)
    assert first.message == "a"
    # Only each stream's first page was fetched to know which event comes first.
    assert [op for op, _ in logs.calls].count("GetLogEvents") == 2
    assert [first.message] + [e.message for e in events] == list("abcdefghi")
    assert reader.endpoint_names == ("e1",)
    # Read again: nothing new, and nothing twice.
    assert list(reader.read()) == []
    logs.streams["j/execution"].append((10, "j"))
    assert [e.message for e in reader.read()] == ["j"]


def test_the_reader_sends_since_as_the_start_time() -> None:
    logs = PagedLogs({"j/execution": [(1_000, "old"), (2_000, "new")]})
    since = datetime.datetime.fromtimestamp(2, tz=datetime.UTC)
    reader = JobLogReader(logs, "j", since=since)
    reader.discover()
    list(reader.read())
    first = next(params for op, params in logs.calls if op == "GetLogEvents")
    assert first["startTime"] == 2_000


JOB_ARN_PREFIX = "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/"


def describe(name: str, **more: Any) -> DescribeInferenceRecommendationsJobResponse:
    return DescribeInferenceRecommendationsJobResponse.from_dict(
        {
            "JobName": name,
            "JobType": "Default",
            "JobArn": f"{JOB_ARN_PREFIX}{name}",
            "RoleArn": ROLE,
            "Status": "FAILED",
            "CreationTime": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            "LastModifiedTime": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            "InputConfig": {"ModelName": "m"},
            **more,
        }
    )


def test_a_compilation_stream_goes_with_the_failed_benchmark_that_used_it() -> None:
    step = InferenceRecommendationsJobStep.from_dict(
        {
            "StepType": "BENCHMARK",
            "JobName": "j",
            "Status": "FAILED",
            "InferenceBenchmark": {
                "FailureReason": "ModelError",
                "EndpointConfiguration": {
                    "EndpointName": "ep-2",
                    "VariantName": "v",
                    "InstanceType": "ml.inf2.xlarge",
                },
                "ModelConfiguration": {"CompilationJobName": "cj-2"},
            },
        }
    )
    logs = PagedLogs(
        {
            "j/Endpoint/ep-1": [(1, "fine")],
            "j/CompilationJob/cj-1": [(1, "compiled")],
            "j/CompilationJob/cj-2": [(2, "ERROR compilation warning")],
            "j/Endpoint/ep-2": [(3, "500")],
            "j/execution": [(0, "start")],
        }
    )
    report = diagnose(describe("j", FailureReason="ModelError"), lambda: [step], lambda: logs)
    assert [s.log_stream for s in report.log_streams] == [
        "j/execution",
        "j/CompilationJob/cj-2",
        "j/Endpoint/ep-2",
        "j/CompilationJob/cj-1",
        "j/Endpoint/ep-1",
    ]
    assert {s.log_stream for s in report.streams_for("ep-2")} == {
        "j/CompilationJob/cj-2",
        "j/Endpoint/ep-2",
    }
    text = str(report)
    assert "ERROR compilation warning" in text and "compiled" not in text.split("Other")[0]
    # ep-2's own group has no streams here: said, not fatal.
    assert [u.what for u in report.unreadable] == [f"log group {endpoint_log_group('ep-2')}"]


def test_a_job_without_streams_yet_is_said() -> None:
    report = diagnose(describe("j"), lambda: (), lambda: PagedLogs({}))
    [gap] = report.unreadable
    assert "no stream of this job yet" in gap.reason


def test_a_compiled_benchmark_logs_its_compilation(
    client: InferenceRecommenderClient, mock: Any, ir_clock: Any
) -> None:
    # On the time progression, so that the job's moments are apart in real time too (at
    # once, they may all fall in one millisecond); the frozen clock moves only when told.
    mock.set_transition({"progression": "time", "seconds": 60})
    create(client, "neo", (COMPILE_TAG, "ml.c5.xlarge"), (FAIL_STEP_TAG, "ml.c5.xlarge"))
    ir_clock.advance(600)
    client.wait_for_job("neo", poll_interval=0)
    report = client.diagnose("neo")
    [step] = report.failed_steps
    assert step.model_configuration is not None
    name = step.model_configuration.compilation_job_name
    assert name == "neo-neo-1"
    assert step.endpoint_name is not None
    streams = {s.log_stream: s for s in report.streams_for(step.endpoint_name)}
    compilation = streams[f"neo/CompilationJob/{name}"]
    assert compilation.lines[-1].message == f"Compilation job {name} completed"
    assert compilation.lines[0].timestamp < step_start(client, "neo", step.endpoint_name)
    events = list(client.iter_job_logs("neo"))
    assert any(e.log_stream == f"neo/CompilationJob/{name}" for e in events)
    # Only the tagged instance type was compiled.
    others = [
        s for s in client.iter_job_steps("neo") if s.status == "COMPLETED" and s.inference_benchmark
    ]
    assert others and all(
        s.inference_benchmark.model_configuration.compilation_job_name is None  # type: ignore[union-attr]
        for s in others
    )


def step_start(client: InferenceRecommenderClient, job: str, endpoint: str) -> datetime.datetime:
    for step in client.iter_job_steps(job):
        bench = step.inference_benchmark
        if (
            bench
            and bench.endpoint_configuration
            and bench.endpoint_configuration.endpoint_name == endpoint
        ):
            assert bench.invocation_start_time is not None
            return bench.invocation_start_time
    raise AssertionError(endpoint)
