"""What the command line says about a command line it cannot use: typos, habits, stray options.

A misspelt option names the nearest one; ``--output json`` works as in the AWS CLI; an
abbreviation is never read as the option it starts; a global option a command would ignore
is refused, not silently dropped; and every message has one ``irclient`` prefix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import run
from irclient.cli import ExitCode, main


@pytest.fixture(autouse=True)
def in_an_empty_folder(
    no_aws_configuration: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)


def last_line(err: str) -> str:
    return err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("argv", "usage", "suggestion"),
    [
        (["run", "request.json", "--max-latancy-ms", "5"], "irclient run", "--max-latency-ms"),
        (["steps", "my-job", "--statsu", "FAILED"], "irclient steps", "--status"),
        (["demo", "--rank", "cost_per_hour"], "irclient demo", "--rank-by"),
        (["--reg", "us-east-1", "jobs"], "irclient", "--region"),
    ],
)
def test_a_misspelt_option_names_the_nearest_one_and_the_commands_usage(
    capsys: pytest.CaptureFixture[str], argv: list[str], usage: str, suggestion: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == ExitCode.USAGE and out == ""
    assert f"usage: {usage} " in err
    assert f"did you mean {suggestion}" in last_line(err)
    assert argv[-2 if argv[0] != "--reg" else 0] in last_line(err)  # the option as written


def test_a_misspelt_command_names_the_nearest_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--region", "us-east-1", "skeletn")
    assert code == ExitCode.USAGE
    assert last_line(err) == "irclient: error: unknown command 'skeletn' (did you mean skeleton?)"


@pytest.mark.parametrize("argv", [["--stri", "abc"], ["--reg", "us-east-1"]])
def test_abbreviations_are_not_options(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, "steps", "my-job", *argv)
    assert code == ExitCode.USAGE
    assert f"unrecognized arguments: {' '.join(argv)}" in last_line(err)


def test_output_json_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    plain = run(capsys, "skeleton", "--example", "--json")
    code, out, _ = run(capsys, "skeleton", "--example", "--output", "json")
    assert code == ExitCode.OK and out == plain[1]
    (Path("request.json")).write_text(out)
    code, out, _ = run(capsys, "--output", "json", "validate", "request.json")
    assert code == ExitCode.OK and json.loads(out)["Valid"] is True
    code, out, _ = run(capsys, "validate", "request.json", "--output", "text")
    assert code == ExitCode.OK and out.startswith("request.json: valid Default job request")
    code, _, err = run(capsys, "validate", "request.json", "--output", "table")
    assert code == ExitCode.USAGE and "invalid choice: 'table'" in err


@pytest.mark.parametrize(
    ("argv", "flag", "reason"),
    [
        (["demo", "--profile", "nope"], "--profile", "simulator"),
        (["demo", "--endpoint-url", "http://127.0.0.1:1"], "--endpoint-url", "simulator"),
        (["--profile", "nope", "demo"], "--profile", "simulator"),
        (["validate", "request.json", "--region", "us-east-1"], "--region", "sends nothing"),
        (["--endpoint-url", "http://127.0.0.1:1", "skeleton"], "--endpoint-url", "sends nothing"),
    ],
)
def test_a_global_option_the_command_would_ignore_is_refused(
    capsys: pytest.CaptureFixture[str], argv: list[str], flag: str, reason: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == ExitCode.USAGE and out == ""
    assert f"does not take {flag}" in last_line(err) and reason in last_line(err)


@pytest.mark.parametrize("command", ["validate", "skeleton"])
def test_commands_that_send_nothing_do_not_offer_the_aws_options(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert main([command, "--help"]) == ExitCode.OK
    text = capsys.readouterr().out
    for flag in ("--region", "--profile", "--endpoint-url"):
        assert flag not in text
    assert "--json" in text and "--output FORMAT" in text


def test_demo_offers_only_the_region(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--help"]) == ExitCode.OK
    text = capsys.readouterr().out
    assert "--region" in text and "--profile" not in text and "--endpoint-url" not in text


def test_one_prefix_per_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--rank-by", "cost_per_hour", "--cost-importance", "high")
    assert code == ExitCode.USAGE
    assert last_line(err).startswith("irclient: error: --rank-by orders by one metric")
    assert err.count("irclient") == 1
