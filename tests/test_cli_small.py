"""Smaller newcomer frictions of the command line: statuses in any case, relative times,
an interrupted stop, the server's usage line.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import irclient
from client_support import ensure_model
from irclient.cli import ExitCode, _waiting, build_parser, main
from irclient.cli._filters import request_values
from irclient.cli._options import since_time
from irclient.cli._output import Failure

SRC = str(Path(irclient.__file__).resolve().parent.parent)


@pytest.mark.parametrize("typed", ["failed", "Failed", "FAILED", "fAiLeD"])
def test_a_status_in_any_case_is_the_enum_value(typed: str) -> None:
    args = build_parser().parse_args(["jobs", "--status-equals", typed])
    assert request_values(args) == {"status_equals": "FAILED"}
    args = build_parser().parse_args(["steps", "my-job", "--status", typed])
    assert request_values(args)["status"] == "FAILED"


def test_an_unknown_status_still_lists_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jobs", "--status-equals", "faild"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "invalid choice: 'faild'" in err and "'FAILED'" in err


@pytest.mark.parametrize(
    ("typed", "back"),
    [
        ("30m", datetime.timedelta(minutes=30)),
        ("1h", datetime.timedelta(hours=1)),
        ("2d", datetime.timedelta(days=2)),
        ("1w", datetime.timedelta(weeks=1)),
        ("90s", datetime.timedelta(seconds=90)),
        ("1.5h", datetime.timedelta(minutes=90)),
        ("1H", datetime.timedelta(hours=1)),
    ],
)
def test_relative_since(typed: str, back: datetime.timedelta) -> None:
    before = datetime.datetime.now(datetime.UTC)
    value = since_time(typed)
    after = datetime.datetime.now(datetime.UTC)
    assert before - back <= value <= after - back


def test_today_and_yesterday_are_midnights_utc() -> None:
    today = since_time("today")
    assert today.tzinfo is datetime.UTC and (today.hour, today.minute, today.second) == (0, 0, 0)
    assert datetime.datetime.now(datetime.UTC) - today < datetime.timedelta(days=1)
    assert since_time("yesterday") == today - datetime.timedelta(days=1)
    assert since_time("Yesterday") == since_time("yesterday")


def test_iso_since_and_bad_since() -> None:
    assert since_time("2026-01-31") == datetime.datetime(2026, 1, 31, tzinfo=datetime.UTC)
    for bad in ("nope", "h", "1y", "-1h", "99999999999999d"):
        with pytest.raises(argparse.ArgumentTypeError):
            since_time(bad)


def test_logs_takes_since_yesterday() -> None:
    args = build_parser().parse_args(["logs", "my-job", "--since", "yesterday"])
    assert args.since == since_time("yesterday")


class _Interrupting:
    def wait_for_job(self, *args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("stopping", "said"),
    [(True, "was asked to stop and goes on stopping"), (False, "goes on running")],
)
def test_an_interrupted_wait_says_what_the_job_does(stopping: bool, said: str) -> None:
    with pytest.raises(Failure) as info:
        _waiting.wait(
            _Interrupting(),  # type: ignore[arg-type]
            "halt",
            poll_interval=0,
            timeout=None,
            progress=False,
            stopping=stopping,
        )
    assert said in info.value.message
    assert info.value.code == ExitCode.INTERRUPTED


def test_stop_wait_passes_that_it_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    from irclient.cli.commands import jobs

    seen: dict[str, Any] = {}

    class Client:
        def stop_inference_recommendations_job(self, **kwargs: Any) -> None:
            pass

    def fake_wait(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(jobs, "client", lambda args: Client())
    monkeypatch.setattr(jobs, "wait", fake_wait)
    args = build_parser().parse_args(["stop", "halt", "--wait", "--region", "us-east-1"])
    with pytest.raises(KeyboardInterrupt):
        args.handler(args)
    assert seen["stopping"] is True


def test_the_servers_usage_line_names_how_it_is_started() -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-m", "irclient.testing.server", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: python -m irclient.testing.server ")
    assert "server.py" not in done.stdout


def test_why_says_where_the_other_streams_lines_are(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import boto3

    from irclient.cli import example_request
    from irclient.testing import FAIL_STEP_TAG, mock_inference_recommender

    for key in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_inference_recommender():
        sagemaker = boto3.client("sagemaker", region_name="us-east-1")
        request = example_request(job_name="partly")
        ensure_model(sagemaker, request["InputConfig"]["ModelName"])
        request["Tags"] = [{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}]
        sagemaker.create_inference_recommendations_job(**request)
        sagemaker.describe_inference_recommendations_job(JobName="partly")
        assert main(["why", "partly", "--region", "us-east-1"]) == ExitCode.OK
    out = capsys.readouterr().out
    (line,) = [x for x in out.splitlines() if x.startswith("Other log streams")]
    assert "'irclient logs'" in line and "'irclient why --json'" in line
