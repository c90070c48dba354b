"""The list commands' options come from the operations' request members, not from a hand list."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import enum
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import irclient
from client_support import ensure_model
from irclient.cli import build_parser, example_request
from irclient.cli._filters import request_members, request_values
from irclient.cli._options import AWS_OPTIONS, CommandParser, common_options
from irclient.cli.commands.jobs import _list_command
from irclient.models import _base, _specs
from irclient.models.shapes import ListInferenceRecommendationsJobsRequest
from irclient.testing import mock_inference_recommender

SRC = str(Path(irclient.__file__).resolve().parent.parent)
JOBS = ListInferenceRecommendationsJobsRequest


def command_help(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"])
    return capsys.readouterr().out


def test_every_optional_request_member_is_an_option_and_paging_members_are_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command, operation in (
        ("jobs", "ListInferenceRecommendationsJobs"),
        ("steps", "ListInferenceRecommendationsJobSteps"),
    ):
        text = command_help(command, capsys)
        spec = _specs.OPERATIONS[operation]
        assert spec.paginator is not None
        paging = (spec.paginator.input_token_attribute, spec.paginator.limit_attribute)
        assert paging == ("next_token", "max_results")
        for field in _specs.SPECS[spec.input]:
            flag = "--" + field.name.replace("_", "-")
            if field.name in paging:
                assert flag not in text  # --starting-token and --page-size cover them
            elif not field.required:
                assert flag in text, flag
        assert "--starting-token" in text and "--page-size" in text


def test_options_read_as_in_the_aws_cli(capsys: pytest.CaptureFixture[str]) -> None:
    text = command_help("jobs", capsys)
    assert "--status-equals STATUS" in text
    assert "only jobs whose status is STATUS" in text
    assert "--creation-time-after TIME" in text
    assert "--sort-order {Ascending,Descending}" in text
    assert "only jobs whose model package version arn is ARN" in text
    steps = command_help("steps", capsys)
    assert "only steps whose status is STATUS" in steps
    assert "JOB" in steps  # the required job name is the positional argument


def test_given_members_reach_the_request_by_attribute_name() -> None:
    args = build_parser().parse_args(
        ["jobs", "--status-equals", "FAILED", "--creation-time-after", "2026-01-31"]
    )
    assert request_values(args) == {
        "status_equals": "FAILED",
        "creation_time_after": datetime.datetime(2026, 1, 31, tzinfo=datetime.UTC),
    }
    args = build_parser().parse_args(["steps", "my-job", "--step-type", "BENCHMARK"])
    assert request_values(args) == {"job_name": "my-job", "step_type": "BENCHMARK"}


class Colour(enum.StrEnum):
    RED = "Red"
    GREEN = "Green"
    BLUE = "Blue"
    CYAN = "Cyan"
    MAGENTA = "Magenta"
    YELLOW = "Yellow"


def test_a_member_added_to_the_models_shows_up_as_an_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    added = (
        _base.FieldSpec(
            name="owner_equals",
            wire="OwnerEquals",
            required=False,
            type=_base.TypeSpec(kind="string", shape="Owner"),
        ),
        _base.FieldSpec(
            name="colour_equals",
            wire="ColourEquals",
            required=False,
            type=_base.TypeSpec(kind="string", shape="Colour", enum=Colour),
        ),
        _base.FieldSpec(
            name="deleted_before",
            wire="DeletedBefore",
            required=False,
            type=_base.TypeSpec(kind="timestamp", shape="DeletedTime"),
        ),
    )
    monkeypatch.setitem(_specs.SPECS, JOBS, _specs.SPECS[JOBS] + added)
    text = command_help("jobs", capsys)
    assert "--owner-equals OWNER" in text and "only jobs whose owner is OWNER" in text
    assert "--colour-equals COLOUR" in text and "only jobs whose colour is COLOUR" in text
    assert "--deleted-before TIME" in text and "only jobs whose deleted is before TIME" in text
    args = build_parser().parse_args(
        [
            "jobs",
            "--owner-equals",
            "me",
            "--colour-equals",
            "Cyan",
            "--deleted-before",
            "2026-02-01",
        ]
    )
    assert request_values(args) == {
        "owner_equals": "me",
        "colour_equals": "Cyan",
        "deleted_before": datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
    }
    with pytest.raises(SystemExit):
        build_parser().parse_args(["jobs", "--colour-equals", "Mauve"])
    assert "invalid choice: 'Mauve'" in capsys.readouterr().err


def test_a_member_the_command_line_cannot_take_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    nested = _base.FieldSpec(
        name="filter",
        wire="Filter",
        required=False,
        type=_base.TypeSpec(kind="structure", shape="F"),
    )
    monkeypatch.setitem(_specs.SPECS, JOBS, _specs.SPECS[JOBS] + (nested,))
    assert nested in request_members("ListInferenceRecommendationsJobs")
    with pytest.raises(TypeError, match="no option form for Filter, a structure member"):
        build_parser().parse_args(["jobs"])


def test_top_level_help_does_not_load_the_models_metadata() -> None:
    probe = (
        "import sys\n"
        "from irclient.cli import build_parser\n"
        "build_parser().format_help()\n"
        "print('irclient.models._specs' in sys.modules)\n"
        "build_parser().parse_args(['jobs'])\n"
        "print('irclient.models._specs' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == ["False", "True"]


def test_a_list_operation_added_to_the_table_makes_a_working_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A new operation of the table, served here by the simulator's ListJobs: the command
    # knows it only by name, and reads its request, pages and items from the table.
    real = _specs.OPERATIONS["ListInferenceRecommendationsJobs"]
    monkeypatch.setitem(_specs.OPERATIONS, "ListFakes", dataclasses.replace(real, name="ListFakes"))
    parser = argparse.ArgumentParser(prog="irclient")
    commands = parser.add_subparsers(dest="command", parser_class=CommandParser)
    common = [common_options(suppress=True)]

    def add(
        name: str, help: str, description: str, *, aws: Sequence[str] = AWS_OPTIONS
    ) -> CommandParser:
        made: CommandParser = commands.add_parser(name, help=help, parents=common)
        return made

    _list_command(add, "fakes", "ListFakes", items="fakes", help="h", description="d")
    with mock_inference_recommender():
        ir = irclient.InferenceRecommenderClient(region_name="us-east-1")
        ensure_model(ir.boto3_client, example_request()["InputConfig"]["ModelName"])
        for name in ("one", "two"):
            ir.create_inference_recommendations_job(example_request(job_name=name))
        args = parser.parse_args(["fakes", "--name-contains", "tw", "--region", "us-east-1"])
        args.json, args.debug = True, False
        assert args.handler(args) == 0
    listed = json.loads(capsys.readouterr().out)["InferenceRecommendationsJobs"]
    assert [job["JobName"] for job in listed] == ["two"]
