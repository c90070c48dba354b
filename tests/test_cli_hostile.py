"""Broken and hostile input on the command line: one clear line and a documented exit status.

Request files that are too big, too deep, too precise or ambiguous; violations by the
thousand; job text from AWS holding terminal control sequences or lone surrogates.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from cli_support import one_error_line, run
from client_support import ensure_model
from irclient import cli
from irclient.cli import ExitCode, main
from irclient.testing import mock_inference_recommender

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

REGION = ("--region", "us-east-1")
OSC_TITLE = "\x1b]0;owned\x07"
COLOUR = "\x1b[31mred\x1b[0m"


def validate_bytes(capsys: pytest.CaptureFixture[str], path: Path, data: bytes) -> tuple[int, str]:
    path.write_bytes(data)
    code, _, err = run(capsys, "validate", str(path))
    return code, err


# --------------------------------------------------------------------------- request files


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"[" * 100_000, "more than 32 deep"),
        (b'{"JobDurationInSeconds": ' + b"1" * 4301 + b"}", "has 4,301 digits"),
        (b'{"JobName": "a", "JobName": "b"}', '"JobName" appears twice'),
        (b'{"JobName": NaN}', "NaN is not a JSON value"),
    ],
    ids=["deep", "digits", "duplicate", "nan"],
)
def test_a_malformed_request_file_is_one_line_and_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, says: str
) -> None:
    code, err = validate_bytes(capsys, tmp_path / "req.json", data)
    assert code == ExitCode.BAD_INPUT
    assert says in one_error_line(err)


def test_an_endless_file_is_refused_at_the_size_limit(capsys: pytest.CaptureFixture[str]) -> None:
    if not os.path.exists("/dev/zero"):  # pragma: no cover - not on POSIX
        pytest.skip("no /dev/zero")
    code, _, err = run(capsys, "validate", "/dev/zero")
    assert code == ExitCode.BAD_INPUT
    assert "larger than 1,048,576 bytes" in one_error_line(err)


def test_thousands_of_violations_make_a_short_report_in_the_users_terms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = cli.example_request()
    data["Tags"] = list(range(5_000))
    path = tmp_path / "tags.json"
    path.write_text(json.dumps(data))
    code, _, err = run(capsys, "validate", str(path))
    assert code == ExitCode.INVALID_REQUEST
    lines = err.strip().splitlines()
    assert len(lines) < 15, err
    expected = "  - tags[3]: Tags[3] must be an object with Key and Value (a Tag), got the number 3"
    assert expected in lines
    assert "  - ... and 4,995 more of the same kind" in lines
    assert "'int' object" not in err and "tags[3]: tags[3]" not in err


def test_a_lone_surrogate_in_a_request_file_is_refused_before_sending(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = cli.example_request()
    data["JobDescription"] = "half \ud800 a pair"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(data))  # ASCII JSON: the surrogate is a \ud800 escape
    with mock_inference_recommender():
        code, out, err = run(capsys, "run", str(path), *REGION, "--json", "--no-wait")
        assert code == ExitCode.INVALID_REQUEST
        assert "lone surrogate" in err
        sm = boto3.client("sagemaker", region_name="us-east-1")
        assert sm.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []


# --------------------------------------------------------------------------- text from AWS


@pytest.fixture
def hostile_job() -> Iterator[dict[str, Any]]:
    """A job created behind irclient's back, its description full of terminal commands."""
    description = OSC_TITLE + COLOUR + "\x9b2J\u202e lone\ud800"
    with mock_inference_recommender():
        sm = boto3.client("sagemaker", region_name="us-east-1")
        request = cli.example_request(job_name="hostile")
        ensure_model(sm, request["InputConfig"]["ModelName"])
        request["JobDescription"] = description
        sm.create_inference_recommendations_job(**request)
        yield {"name": "hostile", "description": description}


@pytest.mark.parametrize(
    "command",
    [("describe", "hostile"), ("jobs",), ("steps", "hostile")],
    ids=["describe", "jobs", "steps"],
)
def test_text_output_neutralises_control_sequences_and_surrogates(
    capsys: pytest.CaptureFixture[str], hostile_job: dict[str, Any], command: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *command, *REGION)
    assert code == ExitCode.OK, err
    for text in (out, err):
        text.encode("utf-8")  # a lone surrogate would raise here
        assert not any(c in text for c in "\x1b\x07\x9b\u202e")
    if command[0] != "steps":
        assert "\\x1b]0;owned\\x07" in out


@pytest.mark.parametrize("command", [("describe", "hostile"), ("jobs",)], ids=["describe", "jobs"])
def test_json_output_escapes_the_text_and_keeps_the_value(
    capsys: pytest.CaptureFixture[str], hostile_job: dict[str, Any], command: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *command, *REGION, "--json")
    assert code == ExitCode.OK, err
    out.encode("utf-8")
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    data = json.loads(out)
    job = data if command[0] == "describe" else data["InferenceRecommendationsJobs"][0]
    assert job["JobDescription"] == hostile_job["description"]


def test_output_in_an_ascii_locale_never_raises(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    hostile_job: dict[str, Any],
) -> None:
    import io
    import sys

    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="ascii"))
    code = main(["describe", "hostile", *REGION])
    sys.stdout.flush()
    assert code == ExitCode.OK
    assert b"\\x1b]0;owned" in buffer.getvalue()
