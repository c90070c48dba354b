"""The ``irclient`` command line, on the simulator: every command, every error path."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import irclient
from cli_support import MODEL, one_error_line, run, write_request
from client_support import ensure_model, free_port, imported_after, modules_after
from irclient import cli
from irclient.analysis import RANKABLE_METRICS
from irclient.cli import ExitCode, _waiting
from irclient.cli.commands import request_files
from irclient.models import CreateInferenceRecommendationsJobRequest
from irclient.testing import (
    FAIL_JOB_TAG,
    FAIL_STEP_TAG,
    InferenceRecommenderMock,
    mock_inference_recommender,
)
from irclient.validation import validate

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

SRC = str(Path(irclient.__file__).resolve().parent.parent)
REGION = ("--region", "us-east-1")


# --------------------------------------------------------------------------- helpers


def clean_env(home: Path) -> dict[str, str]:
    """This process's environment without any AWS setting, for a subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        {
            "HOME": str(home),
            "AWS_CONFIG_FILE": str(home / "no-such-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-such-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "PYTHONPATH": SRC,
        }
    )
    return env


# A Default job without SupportedEndpointType benchmarks the real-time instance types and the
# serverless memory sizes alike ("a combined list of both", as botocore documents the member).
REAL_TIME_BENCHMARKS = 8
SERVERLESS_BENCHMARKS = 3
BENCHMARKS = REAL_TIME_BENCHMARKS + SERVERLESS_BENCHMARKS


def with_model(region: str = "us-east-1", **client_options: Any) -> None:
    """Create the example request's model in moto (in ``region``), as a user would first."""
    import boto3

    ensure_model(boto3.client("sagemaker", region_name=region, **client_options), MODEL)


@pytest.fixture
def request_file(tmp_path: Path) -> Path:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(cli.example_request(job_name="sizing")))
    return path


# --------------------------------------------------------------------------- parser and help


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == ExitCode.OK
    for command in ("demo", "skeleton", "validate", "run", "describe", "steps", "jobs", "stop"):
        assert command in out
        code, sub, _ = run(capsys, command, "--help")
        assert code == ExitCode.OK
        assert f"usage: irclient {command}" in sub


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == ExitCode.OK
    assert out.strip() == f"irclient {irclient.__version__}"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        [],
        ["nonsense"],
        ["steps"],
        ["steps", "job", "--status", "DONE"],
        ["jobs", "--creation-time-after", "yesterday"],
        ["jobs", "--max-items", "0"],
        ["demo", "--rank-by", "vibes"],
        ["run", "r.json", "--timeout", "-1"],
        ["demo", "--max-latency-ms", "fast"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == ExitCode.USAGE, argv
        assert out == ""
        assert "usage: irclient" in err
        assert "Traceback" not in err


def test_python_m_irclient_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "irclient", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: irclient")


def test_help_loads_neither_boto3_nor_moto() -> None:
    loaded = imported_after("from irclient.cli import build_parser\nbuild_parser().format_help()")
    assert "irclient" in loaded  # the probe does see our modules
    for heavy in ("boto3", "botocore", "moto", "tqdm", "pandas"):
        assert heavy not in loaded


def test_rank_metrics_are_those_analysis_ranks_by() -> None:
    assert cli.RANK_METRICS == RANKABLE_METRICS


def test_rank_choices_come_from_the_one_list_the_analysis_reads() -> None:
    assert cli.RANK_METRICS is RANKABLE_METRICS
    parser = cli.build_parser()
    for metric in RANKABLE_METRICS:
        assert parser.parse_args(["demo", "--rank-by", metric]).rank_by == metric


def test_help_loads_neither_the_analysis_nor_attrs() -> None:
    # The --rank-by choices come from a standard-library module, not from the analysis.
    loaded = modules_after("from irclient.cli import build_parser\nbuild_parser().format_help()")
    assert "irclient.cli" in loaded  # the probe does see our modules
    for heavy in ("attr", "attrs", "irclient.analysis", "irclient.display"):
        assert heavy not in loaded


def test_global_options_before_or_after_the_command(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    assert run(capsys, "run", str(request_file), *REGION, "--no-wait")[0] == ExitCode.OK
    before = run(capsys, "--region", "us-east-1", "--json", "describe", "sizing")
    after = run(capsys, "describe", "sizing", "--region", "us-east-1", "--json")
    assert before[0] == after[0] == ExitCode.OK
    assert json.loads(before[1])["JobName"] == json.loads(after[1])["JobName"] == "sizing"


# --------------------------------------------------------------------------- skeleton


def test_skeleton_is_the_aws_cli_layout_and_parses(capsys: pytest.CaptureFixture[str]) -> None:
    import botocore.session
    from botocore.utils import ArgumentGenerator

    code, out, err = run(capsys, "skeleton")
    assert code == ExitCode.OK
    assert err == ""
    template = json.loads(out)
    shape = (
        botocore.session.get_session()
        .get_service_model("sagemaker")
        .operation_model("CreateInferenceRecommendationsJob")
        .input_shape
    )
    # The AWS CLI's generator, names only: it fills enums with a random value.
    names = ArgumentGenerator(use_member_names=True).generate_skeleton(shape)

    def layout(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: layout(v) for k, v in value.items()}
        if isinstance(value, list):
            return [layout(v) for v in value]
        return None

    assert layout(template) == layout(names)
    assert template["JobType"] == "Default"
    # It is a request structurally: only the placeholder values break rules.
    request = CreateInferenceRecommendationsJobRequest.from_dict(template)
    with pytest.raises(irclient.ValidationError) as info:
        validate(request)
    # A skeleton lists every member, so it also gives both of each either-or pair.
    either_or = {"one_model", "one_endpoint_target", "provisioned_concurrency_unsupported"}
    placeholders = {"min", "min_length", "pattern", "latency_percentile"}
    assert {v.constraint for v in info.value.violations} <= placeholders | either_or


def test_skeleton_example_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "skeleton", "--example")
    assert code == ExitCode.OK
    validate(CreateInferenceRecommendationsJobRequest.from_dict(json.loads(out)))


def test_validate_reads_the_skeleton(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "skeleton")
    path = tmp_path / "skeleton.json"
    path.write_text(json.dumps(cli.skeleton()))
    code, out, err = run(capsys, "validate", str(path))
    assert code == ExitCode.INVALID_REQUEST
    assert out == ""
    head, *violations = err.strip().splitlines()
    assert head.startswith(f"irclient: error: {path}: invalid request: ")
    assert len(violations) == int(head.split(": ")[-1].split()[0]) > 5
    assert all(line.startswith("  - ") for line in violations)
    assert "  - job_name: JobName '' is 0 characters; the minimum length is 1" in violations


# --------------------------------------------------------------------------- validate


def test_validate_valid_file(capsys: pytest.CaptureFixture[str], request_file: Path) -> None:
    code, out, err = run(capsys, "validate", str(request_file))
    assert code == ExitCode.OK
    assert out == f"{request_file}: valid Default job request for sizing\n"
    assert err == ""
    code, out, _ = run(capsys, "validate", f"file://{request_file}", "--json")
    assert code == ExitCode.OK
    assert json.loads(out) == {"Valid": True, "Violations": [], "Warnings": []}


def test_validate_lists_every_violation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_request(
        tmp_path,
        "bad_name",
        JobDescription="x" * 200,
        Tags=[{"Key": "", "Value": "x"}],
    )
    code, out, err = run(capsys, "validate", str(path))
    assert code == ExitCode.INVALID_REQUEST
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[0] == f"irclient: error: {path}: invalid request: 3 violations"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "  - job_name",
        "  - job_description",
        "  - tags[0].key",
    ]

    code, out, err = run(capsys, "validate", str(path), "--json")
    assert code == ExitCode.INVALID_REQUEST
    report = json.loads(out)
    assert report["Valid"] is False
    assert [v["Path"] for v in report["Violations"]] == [
        "job_name",
        "job_description",
        "tags[0].key",
    ]
    assert {"Path", "Constraint", "Message"} == set(report["Violations"][0])
    assert one_error_line(err).endswith("invalid request: 3 violations")


def test_validate_structural_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({**cli.example_request(), "JobName": 7, "Colour": "blue"}))
    code, out, err = run(capsys, "validate", str(path), "--json")
    assert code == ExitCode.INVALID_REQUEST
    constraints = {v["Path"]: v["Constraint"] for v in json.loads(out)["Violations"]}
    assert constraints == {"job_name": "type", "Colour": "unknown_key"}


def test_validate_reads_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(cli.example_request()).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "validate", "-")
    assert code == ExitCode.OK
    assert out.startswith("<stdin>: valid")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read {path}: no such file"),
        ('{"JobName": ', "{path} is not valid JSON: Expecting value (line 1, column 13)"),
        ("[1, 2]", "{path} must hold a JSON object (the request), not an array"),
        (b"\xff\xfe{}", "{path} is not UTF-8 text: byte 0xff at line 1, column 1"),
    ],
)
def test_unreadable_request_files(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: str | bytes | None,
    expected: str,
) -> None:
    path = tmp_path / "request.json"
    if isinstance(content, str):
        path.write_text(content)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    for command in ("validate", "run"):
        code, out, err = run(capsys, command, str(path))
        assert code == ExitCode.BAD_INPUT
        assert out == ""
        assert one_error_line(err) == "irclient: error: " + expected.format(path=path)


def test_a_directory_is_not_a_request(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == ExitCode.BAD_INPUT
    assert one_error_line(err).startswith(f"irclient: error: cannot read {tmp_path}: ")


# --------------------------------------------------------------------------- run


def test_run_creates_waits_and_ranks(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    code, out, err = run(capsys, "run", str(request_file), *REGION, "--max-latency-ms", "25")
    assert code == ExitCode.OK, err
    assert "Traceback" not in err
    lines = out.splitlines()
    assert lines[0] == (
        "Created job sizing: "
        "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/sizing"
    )
    assert f"Job sizing: COMPLETED, {BENCHMARKS} benchmarks." in lines
    assert "Ranked by cost per inference, lowest first:" in lines
    header = lines[lines.index("Ranked by cost per inference, lowest first:") + 1]
    for column in ("cost/hour", "cost/inference", "model latency", "max invocations"):
        assert column in header
    best = next(line for line in lines if line.startswith("Best by cost per inference"))
    assert best.startswith("Best by cost per inference with a model latency of at most 25 ms: ml.")


def test_run_json(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    code, out, _ = run(
        capsys, "run", str(request_file), *REGION, "--json", "--rank-by", "cost_per_hour"
    )
    assert code == ExitCode.OK
    report = json.loads(out)
    assert report["Job"]["JobName"] == "sizing"
    assert report["Job"]["Status"] == "COMPLETED"
    assert report["RankBy"] == "cost_per_hour"
    assert report["MaxLatencyMs"] is None
    assert len(report["Ranked"]) == BENCHMARKS
    costs = [b["CostPerHour"] for b in report["Ranked"]]
    assert costs == sorted(costs)
    assert report["Best"] == report["Ranked"][0]
    assert report["Best"]["InstanceType"].startswith("ml.")
    assert report["Unranked"] == 0


def test_run_no_wait_and_job_name(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    code, out, _ = run(capsys, "run", str(request_file), *REGION, "--no-wait")
    assert code == ExitCode.OK
    assert out.startswith("Created job sizing: arn:aws:sagemaker:")
    code, out, _ = run(
        capsys, "run", str(request_file), *REGION, "--no-wait", "--json", "--job-name", "again"
    )
    assert code == ExitCode.OK
    assert json.loads(out)["JobArn"].endswith("inference-recommendations-job/again")


def test_run_name_in_use(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    assert run(capsys, "run", str(request_file), *REGION, "--no-wait")[0] == ExitCode.OK
    code, _, err = run(capsys, "run", str(request_file), *REGION)
    assert code == ExitCode.SERVICE_ERROR
    line = one_error_line(err)
    assert "ResourceInUse" in line
    assert "--job-name" in line


def test_run_invalid_request_needs_no_aws(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # No region and no credentials: the request is checked before a client is built.
    path = write_request(tmp_path, "bad_name")
    code, out, err = run(capsys, "run", str(path))
    assert code == ExitCode.INVALID_REQUEST
    assert out == ""
    assert err.splitlines()[0] == f"irclient: error: {path}: invalid request: 1 violation"
    assert err.splitlines()[1].startswith("  - job_name: JobName 'bad_name' does not match")


def test_run_job_failure(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_request(
        tmp_path, "doomed", Tags=[{"Key": FAIL_JOB_TAG, "Value": "Container failed to start"}]
    )
    code, out, err = run(capsys, "run", str(path), *REGION, "--no-progress")
    assert code == ExitCode.JOB_FAILED
    assert one_error_line(err) == (
        "irclient: error: job 'doomed' failed: Container failed to start"
    )
    assert f"Job doomed: FAILED, {BENCHMARKS} benchmarks." in out
    assert "Failure: Container failed to start" in out

    code, out, err = run(
        capsys, "run", str(path), *REGION, "--no-progress", "--json", "--job-name", "doomed-2"
    )
    assert code == ExitCode.JOB_FAILED
    report = json.loads(out)
    assert report["Job"]["Status"] == "FAILED"
    assert report["Job"]["FailureReason"] == "Container failed to start"
    # The benchmarks that finished before the failure are ranked; the others are not.
    assert report["Unranked"] > 0
    assert len(report["Ranked"]) + report["Unranked"] == BENCHMARKS
    assert one_error_line(err).endswith("job 'doomed-2' failed: Container failed to start")


def test_run_counts_failed_benchmarks(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_request(tmp_path, "partly", Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.g6.xlarge"}])
    code, out, _ = run(capsys, "run", str(path), *REGION)
    assert code == ExitCode.OK
    assert "(1 more failed, did not finish, or lack a cost per inference.)" in out
    code, out, _ = run(capsys, "describe", "partly", *REGION, "--json")
    assert json.loads(out)["Status"] == "COMPLETED"


def test_run_timeout(capsys: pytest.CaptureFixture[str], request_file: Path) -> None:
    with mock_inference_recommender(transition={"progression": "manual", "times": 1000}):
        with_model()
        code, _, err = run(
            capsys,
            "run",
            str(request_file),
            *REGION,
            "--timeout",
            "0.2",
            "--poll-interval",
            "0.05",
            "--no-progress",
        )
    assert code == ExitCode.WAIT_TIMEOUT
    line = one_error_line(err)
    assert "job 'sizing' did not finish within 0.2 s (last status: PENDING)" in line
    assert line.endswith("the job goes on running")


def test_run_interrupted_while_waiting(
    sim: InferenceRecommenderMock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request_file: Path,
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(irclient.InferenceRecommenderClient, "wait_for_job", interrupted)
    code, _, err = run(capsys, "run", str(request_file), *REGION)
    assert code == ExitCode.INTERRUPTED
    assert int(code) == 130
    line = one_error_line(err)
    assert "interrupted; job 'sizing' goes on running" in line
    assert "irclient stop sizing" in line


def test_demo_interrupted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(irclient.InferenceRecommenderClient, "wait_for_job", interrupted)
    code, _, err = run(capsys, "demo", "--no-progress")
    assert code == ExitCode.INTERRUPTED
    assert one_error_line(err) == "irclient: error: interrupted"


def test_interrupted_anywhere(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(request_files, "run_skeleton", interrupted)
    code, out, err = run(capsys, "skeleton")
    assert code == ExitCode.INTERRUPTED
    assert one_error_line(err) == "irclient: error: interrupted"


def test_progress_line_without_tqdm(
    sim: InferenceRecommenderMock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request_file: Path,
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    sim.set_transition({"progression": "manual", "times": 2})
    code, _, err = run(capsys, "run", str(request_file), *REGION, "--poll-interval", "0")
    assert code == ExitCode.OK
    # Not a terminal: one line per status seen.
    assert err.splitlines() == ["sizing: PENDING", "sizing: IN_PROGRESS", "sizing: COMPLETED"]


def test_progress_bar_with_tqdm(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    pytest.importorskip("tqdm")
    sim.set_transition({"progression": "manual", "times": 1})
    code, out, err = run(capsys, "run", str(request_file), *REGION, "--poll-interval", "0")
    assert code == ExitCode.OK
    assert f"{BENCHMARKS}/{BENCHMARKS}" in err
    assert f"{BENCHMARKS}/{BENCHMARKS}" not in out


# --------------------------------------------------------------------------- describe, steps


def test_describe(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    run(capsys, "run", str(request_file), *REGION, "--no-progress")
    code, out, err = run(capsys, "describe", "sizing", *REGION)
    assert code == ExitCode.OK
    assert err == ""
    assert out.startswith("sizing  COMPLETED  (Default job, created ")
    assert "cost/inference" in out
    code, out, _ = run(capsys, "describe", "sizing", *REGION, "--json")
    job = json.loads(out)
    assert job["JobArn"].endswith("/sizing")
    assert job["CreationTime"].endswith("+00:00")
    # The best ten of the eleven benchmarks: the simulator recommends at most ten.
    assert len(job["InferenceRecommendations"]) == 10


def test_steps(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_request(tmp_path, "walk", Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}])
    run(capsys, "run", str(path), *REGION, "--no-progress")

    code, out, _ = run(capsys, "steps", "walk", *REGION)
    assert code == ExitCode.OK
    assert out.startswith(f"{BENCHMARKS} steps of job walk\n")
    assert "failure reason" in out

    code, out, _ = run(capsys, "steps", "walk", *REGION, "--json", "--page-size", "3")
    everything = json.loads(out)
    assert len(everything["Steps"]) == BENCHMARKS
    assert "NextToken" not in everything

    code, out, _ = run(
        capsys, "steps", "walk", *REGION, "--json", "--status", "FAILED", "--step-type", "BENCHMARK"
    )
    failed = json.loads(out)["Steps"]
    assert [s["InferenceBenchmark"]["EndpointConfiguration"]["InstanceType"] for s in failed] == [
        "ml.c5.xlarge"
    ]

    code, out, _ = run(capsys, "steps", "walk", *REGION, "--json", "--max-items", "5")
    first = json.loads(out)
    assert len(first["Steps"]) == 5
    token = first["NextToken"]
    code, out, _ = run(capsys, "steps", "walk", *REGION, "--json", "--starting-token", token)
    rest = json.loads(out)["Steps"]
    assert first["Steps"] + rest == everything["Steps"]


def test_steps_with_nan_metrics_are_valid_json(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = cli.example_request(job_name="serverless")
    data["InputConfig"]["ContainerConfig"]["SupportedEndpointType"] = "Serverless"
    path = tmp_path / "serverless.json"
    path.write_text(json.dumps(data))
    assert run(capsys, "run", str(path), *REGION, "--no-progress")[0] == ExitCode.OK
    code, out, _ = run(capsys, "steps", "serverless", *REGION, "--json")
    assert code == ExitCode.OK
    assert "NaN" not in out
    json.loads(out)


@pytest.mark.parametrize("command", ["describe", "steps", "stop"])
def test_unknown_job(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, err = run(capsys, command, "ghost", *REGION)
    assert code == ExitCode.NOT_FOUND
    assert out == ""
    line = one_error_line(err)
    assert "ResourceNotFound" in line
    assert "ghost" in line


# --------------------------------------------------------------------------- jobs


def test_jobs_filters_and_sorting(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("beta", "alpha", "gamma-1"):
        run(capsys, "run", str(write_request(tmp_path, name)), *REGION, "--no-progress")
    run(capsys, "run", str(write_request(tmp_path, "halted")), *REGION, "--no-wait")
    run(capsys, "stop", "halted", *REGION)
    run(capsys, "describe", "halted", *REGION)  # a describe, not a list, moves a job on

    code, out, _ = run(capsys, "jobs", *REGION)
    assert code == ExitCode.OK
    assert out.startswith("4 jobs\n")

    def names(*options: str) -> list[str]:
        code, out, _ = run(capsys, "jobs", *REGION, "--json", *options)
        assert code == ExitCode.OK
        return [j["JobName"] for j in json.loads(out)["InferenceRecommendationsJobs"]]

    assert names("--sort-by", "Name", "--sort-order", "Ascending") == [
        "alpha",
        "beta",
        "gamma-1",
        "halted",
    ]
    assert names("--name-contains", "GAMMA") == ["gamma-1"]
    assert names("--status-equals", "STOPPED") == ["halted"]
    assert names("--model-name-equals", "resnet50", "--sort-by", "Name")[0] == "halted"
    assert names("--creation-time-after", "2999-01-01") == []
    assert len(names("--creation-time-before", "2999-01-01T00:00:00+01:00")) == 4
    assert names("--last-modified-time-before", "2000-01-01") == []
    paged = names("--sort-by", "Name", "--page-size", "1")
    assert paged == sorted(paged, reverse=True)

    code, out, _ = run(capsys, "jobs", *REGION, "--json", "--max-items", "2", "--sort-by", "Name")
    page = json.loads(out)
    assert len(page["InferenceRecommendationsJobs"]) == 2
    assert page["NextToken"]


def test_no_jobs(sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "jobs", *REGION)
    assert code == ExitCode.OK
    assert out == "0 jobs\n"


# --------------------------------------------------------------------------- stop


def test_stop(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("one", "two"):
        run(capsys, "run", str(write_request(tmp_path, name)), *REGION, "--no-wait")
    code, out, _ = run(capsys, "stop", "one", *REGION)
    assert code == ExitCode.OK
    assert out == "Stopping job one.\n"
    code, out, _ = run(capsys, "stop", "two", *REGION, "--json")
    assert json.loads(out) == {"JobName": "two", "StopRequested": True}
    code, out, _ = run(capsys, "describe", "one", *REGION, "--json")
    assert json.loads(out)["Status"] == "STOPPED"


def test_stop_and_wait(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with mock_inference_recommender(transition={"progression": "manual", "times": 1}):
        with_model()
        run(capsys, "run", str(write_request(tmp_path, "slow")), *REGION, "--no-wait")
        code, out, err = run(
            capsys, "stop", "slow", *REGION, "--wait", "--poll-interval", "0", "--no-progress"
        )
        assert code == ExitCode.OK, err
        assert out == "Job slow: STOPPED.\n"
        run(capsys, "run", str(write_request(tmp_path, "slow-2")), *REGION, "--no-wait")
        code, out, _ = run(
            capsys, "stop", "slow-2", *REGION, "--wait", "--json", "--poll-interval", "0"
        )
        assert json.loads(out)["Status"] == "STOPPED"


def test_stop_a_finished_job_is_a_service_error(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    run(capsys, "run", str(request_file), *REGION, "--no-progress")
    code, out, err = run(capsys, "stop", "sizing", *REGION)
    assert code == ExitCode.SERVICE_ERROR
    assert out == ""
    assert "ValidationException in StopInferenceRecommendationsJob" in one_error_line(err)


# --------------------------------------------------------------------------- AWS set-up


def test_no_region(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "describe", "job")
    assert code == ExitCode.CONFIGURATION
    assert out == ""
    assert "no AWS Region: pass --region" in one_error_line(err)


def test_no_credentials(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "jobs", *REGION)
    assert code == ExitCode.CONFIGURATION
    assert "no AWS credentials found" in one_error_line(err)


def test_unknown_profile(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "describe", "job", "--profile", "nobody", *REGION)
    assert code == ExitCode.CONFIGURATION
    assert "nobody" in one_error_line(err)


def test_profile_and_region_from_config(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.write_text("[profile sim]\nregion = eu-west-1\n")
    credentials = tmp_path / "credentials"
    credentials.write_text("[sim]\naws_access_key_id = a\naws_secret_access_key = b\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    with mock_inference_recommender():
        with_model("eu-west-1")
        path = write_request(tmp_path, "profiled")
        assert run(capsys, "run", str(path), "--profile", "sim", "--no-wait")[0] == ExitCode.OK
        code, out, _ = run(capsys, "describe", "profiled", "--profile", "sim", "--json")
        assert json.loads(out)["JobArn"].startswith("arn:aws:sagemaker:eu-west-1:")
        # The profile's Region, unless --region says otherwise.
        code, _, _ = run(capsys, "describe", "profiled", "--profile", "sim", *REGION)
        assert code == ExitCode.NOT_FOUND


def test_endpoint_url_reaches_moto_server(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, request_file: Path
) -> None:
    from moto.server import ThreadedMotoServer

    from irclient.testing import install

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    install()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        url = ("--endpoint-url", f"http://{host}:{port}")
        with_model(endpoint_url=url[1])
        code, _, err = run(capsys, "run", str(request_file), *REGION, *url, "--no-progress")
        assert code == ExitCode.OK, err
        code, out, _ = run(capsys, "jobs", *REGION, *url, "--json")
        assert [j["JobName"] for j in json.loads(out)["InferenceRecommendationsJobs"]] == ["sizing"]
    finally:
        server.stop()


def test_connection_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    url = f"http://127.0.0.1:{free_port()}"
    code, out, err = run(capsys, "describe", "job", *REGION, "--endpoint-url", url)
    assert code == ExitCode.CONNECTION_ERROR
    assert out == ""
    # The retries' warnings come first; the error is the one line at the end.
    assert "Traceback" not in err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("irclient: error: DescribeInferenceRecommendationsJob: Could not connect")
    )


def test_bad_endpoint_url(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "jobs", *REGION, "--endpoint-url", "not a url")
    assert code == ExitCode.USAGE
    assert one_error_line(err).startswith("irclient: error: bad --endpoint-url")


# --------------------------------------------------------------------------- unexpected


def test_a_bug_shows_its_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(request_files, "run_skeleton", broken)
    code, _, err = run(capsys, "skeleton")
    assert code == ExitCode.INTERNAL_ERROR
    assert "Traceback" in err
    assert "RuntimeError: boom" in err
    assert err.strip().splitlines()[-1].startswith("irclient: error: unexpected error")


def test_debug_shows_the_traceback_of_an_expected_error(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "describe", "ghost", *REGION, "--debug")
    assert code == ExitCode.NOT_FOUND
    assert "Traceback" in err
    assert err.strip().splitlines()[-1].startswith("irclient: error: ResourceNotFound")


def test_broken_pipe_is_quiet(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed(args: argparse.Namespace) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(request_files, "run_skeleton", closed)
    code, _, err = run(capsys, "skeleton")
    assert code == ExitCode.OK
    assert err == ""


# --------------------------------------------------------------------------- demo


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "demo", "--poll-interval", "0")
    assert code == ExitCode.OK, err
    assert "Traceback" not in err
    assert "no AWS account is used" in out
    assert f"Job irclient-demo: COMPLETED, {BENCHMARKS} benchmarks." in out
    table = out.split("Ranked by cost per inference, lowest first:\n", 1)[1].split("\n\n")[0]
    rows = table.splitlines()
    for column in ("endpoint configuration", "cost/hour", "cost/inference", "model latency"):
        assert column in rows[0]
    assert len(rows) == 1 + BENCHMARKS
    assert sum(" ml." in row for row in rows[1:]) == REAL_TIME_BENCHMARKS
    assert sum(" serverless " in row for row in rows[1:]) == SERVERLESS_BENCHMARKS
    assert "Best by cost per inference with a model latency of at most 100 ms: ml." in out


def test_demo_progress_polls_several_times(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    polls: list[str] = []
    original = _waiting.StatusLine.__call__

    def counting(self: Any, response: Any) -> None:
        polls.append(str(response.status))
        original(self, response)

    monkeypatch.setattr(_waiting.StatusLine, "__call__", counting)
    code, _, err = run(capsys, "demo", "--poll-interval", "0")
    assert code == ExitCode.OK
    assert len(polls) >= 4
    assert polls[0] == "PENDING"
    assert polls[-1] == "COMPLETED"
    assert "IN_PROGRESS" in polls
    assert "irclient-demo: IN_PROGRESS" in err


def test_demo_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--json", "--poll-interval", "0", "--no-progress")
    assert code == ExitCode.OK
    report = json.loads(out)
    assert report["Job"]["Status"] == "COMPLETED"
    assert report["MaxLatencyMs"] == 100
    assert len(report["Ranked"]) == BENCHMARKS
    costs = [b["CostPerInference"] for b in report["Ranked"]]
    assert costs == sorted(costs)
    assert report["Best"]["ModelLatency"] <= 100
    assert set(report["Best"]) >= {
        "InstanceType",
        "CostPerHour",
        "CostPerInference",
        "ModelLatency",
        "MaxInvocations",
        "Label",
        "RecommendationId",
    }


def test_demo_latency_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "demo",
        "--max-latency-ms",
        "150",
        "--rank-by",
        "cost_per_hour",
        "--json",
        "--poll-interval",
        "0",
    )
    report = json.loads(out)
    cheapest = report["Ranked"][0]
    assert cheapest["ModelLatency"] > 150  # the cheapest per hour is too slow...
    assert report["Best"]["ModelLatency"] <= 150  # ...so the pick is another
    assert report["Best"]["CostPerHour"] > cheapest["CostPerHour"]

    code, out, _ = run(capsys, "demo", "--max-latency-ms", "1", "--poll-interval", "0")
    assert code == ExitCode.OK
    assert "No benchmark qualifies with a model latency of at most 1 ms." in out
    code, out, _ = run(capsys, "demo", "--max-latency-ms", "1", "--json", "--poll-interval", "0")
    assert json.loads(out)["Best"] is None


def test_demo_shows_money_one_way_in_the_table_and_the_pick(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # ml.inf2.xlarge costs $0.99 an hour: the cheapest per hour at 25 ms or less.
    argv = ("demo", "--rank-by", "cost_per_hour", "--max-latency-ms", "25", "--no-progress")
    code, out, _ = run(capsys, *argv)
    assert code == ExitCode.OK
    (row,) = [line for line in out.splitlines() if "ml.inf2.xlarge " in line]
    assert " $0.990 " in row
    assert "Best by cost per hour with a model latency of at most 25 ms: ml.inf2.xlarge" in out
    assert "  $0.990 per hour, $1.38e-06 per inference, 22 ms model latency" in out


def test_demo_region(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--region", "eu-west-1", "--json", "--poll-interval", "0")
    assert code == ExitCode.OK
    assert json.loads(out)["Job"]["JobArn"].startswith("arn:aws:sagemaker:eu-west-1:")


def test_demo_ignores_the_machines_aws_settings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_PROFILE", "does-not-exist")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    code, out, err = run(capsys, "demo", "--poll-interval", "0", "--no-progress")
    assert code == ExitCode.OK, err
    assert os.environ["AWS_PROFILE"] == "does-not-exist"  # put back afterwards
    assert "AWS_ACCESS_KEY_ID" not in os.environ


def test_demo_in_a_process_without_aws_configuration(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "irclient", "demo"],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Ranked by cost per inference, lowest first:" in result.stdout
    assert "cost/hour" in result.stdout
    assert "max invocations" in result.stdout
    assert "Best by cost per inference" in result.stdout


def test_demo_without_moto_names_the_extra(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['moto'] = None\n"
        "from irclient.cli import main\n"
        "sys.exit(main(['demo']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == ExitCode.MISSING_DEPENDENCY
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "irclient: error: 'irclient demo' (it runs on irclient's simulator) needs moto, which is "
        "not installed; install the testing extra: pip install 'irclient[testing]'"
    ]


# --------------------------------------------------------------------------- continuations


def _continue_with(out: str) -> list[str]:
    """The pasted command of a listing's last line, as argv for main()."""
    lines = out.rstrip().splitlines()
    assert lines[-2].startswith("More ") and lines[-2].endswith("to list them, run:"), out
    words = shlex.split(lines[-1])
    assert words[0] == "irclient"
    return words[1:]


def _steps_table_rows(out: str) -> list[str]:
    # A row without its index, which restarts at 0 on every page.
    rows = [line.split() for line in out.splitlines() if re.match(r" *\d+  ", line)]
    return [" ".join(words[1:]) for words in rows]


def test_steps_text_output_prints_the_exact_continuation(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_request(tmp_path, "walk", Tags=[{"Key": FAIL_STEP_TAG, "Value": "all"}])
    run(capsys, "run", str(path), *REGION, "--no-progress")
    _, everything, _ = run(capsys, "steps", "walk", *REGION, "--status", "FAILED")
    seen: list[str] = []
    argv = ["steps", "walk", *REGION, "--status", "FAILED", "--max-items", "3", "--page-size", "2"]
    for _ in range(BENCHMARKS):  # bounded: a token that never ends fails the test
        code, out, _ = run(capsys, *argv)
        assert code == ExitCode.OK
        assert "next_token" not in out and "more on the next page" not in out
        seen += _steps_table_rows(out)
        if "--starting-token" not in out:
            break
        argv = _continue_with(out)
        # Everything that shaped the listing is repeated; the token is the flag's value.
        assert argv[argv.index("--status") + 1] == "FAILED"
        assert argv[argv.index("--max-items") + 1] == "3"
        assert argv[argv.index("--region") + 1] == "us-east-1"
        # One word, so that a token starting with "-" is not taken for an option.
        (token_word,) = [w for w in argv if w.startswith("--starting-token")]
        assert token_word.startswith("--starting-token=") and len(token_word) > 17
    assert seen == _steps_table_rows(everything)
    assert len(seen) == BENCHMARKS


def test_jobs_text_output_prints_the_exact_continuation(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("sizing-a", "sizing-b", "other"):
        run(capsys, "run", str(write_request(tmp_path, name)), *REGION, "--no-progress")
    argv = ["jobs", *REGION, "--name-contains", "sizing", "--sort-by", "Name"]
    argv += ["--sort-order", "Ascending", "--max-items", "1"]
    code, out, _ = run(capsys, *argv)
    assert code == ExitCode.OK and "sizing-a" in out and "sizing-b" not in out
    argv = _continue_with(out)
    assert argv[argv.index("--name-contains") + 1] == "sizing"
    code, out, _ = run(capsys, *argv)
    assert code == ExitCode.OK and "sizing-b" in out and "sizing-a" not in out
    assert "--starting-token" not in out  # the last page: nothing more to continue


def test_describe_of_failed_and_stopped_jobs_promises_no_results(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_request(tmp_path, "doomed", Tags=[{"Key": FAIL_JOB_TAG, "Value": "no GPU"}])
    run(capsys, "run", str(path), *REGION, "--no-progress", "--no-wait")
    code, out, _ = run(capsys, "describe", "doomed", *REGION)
    assert code == ExitCode.OK
    assert "FAILED" in out and "Failure: no GPU" in out
    assert "No recommendations yet" not in out
    assert "irclient why doomed" in out

    sim.set_transition({"progression": "manual", "times": 100})
    run(capsys, "run", str(write_request(tmp_path, "halted")), *REGION, "--no-wait")
    run(capsys, "stop", "halted", *REGION)
    code, out, _ = run(capsys, "describe", "halted", *REGION)
    assert "STOPPING" in out and "No recommendations yet" not in out and "never" in out


# --------------------------------------------------------------------------- weighted ranking


def test_demo_ranks_by_weighted_score(capsys: pytest.CaptureFixture[str]) -> None:
    from irclient import analysis

    argv = ["demo", "--no-progress", "--json", "--cost-importance", "highest"]
    code, out, _ = run(capsys, *argv, "--latency-importance", "low")
    assert code == ExitCode.OK
    data = json.loads(out)
    assert data["RankBy"] == "weighted_score"
    assert data["Importance"] == {"Cost": "highest", "Latency": "low", "Throughput": "medium"}
    scores = [b["Score"] for b in data["Ranked"]]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
    # The same order as the library's, from the same benchmarks.
    benchmarks = [
        analysis.Benchmark(
            kind="step",
            status="COMPLETED",
            instance_type=b["InstanceType"],
            cost_per_inference=b["CostPerInference"],
            model_latency=b["ModelLatency"],
            max_invocations=b["MaxInvocations"],
        )
        for b in data["Ranked"]
    ]
    weights = analysis.Weights(cost="highest", latency="low")
    expected = [b.instance_type for b in analysis.rank_weighted(reversed(benchmarks), weights)]
    assert [b["InstanceType"] for b in data["Ranked"]] == expected
    # A latency-first user gets other scores.
    code, out, _ = run(capsys, "demo", "--no-progress", "--json", "--latency-importance", "highest")
    assert [b["Score"] for b in json.loads(out)["Ranked"]] != scores

    code, out, _ = run(capsys, "demo", "--no-progress", "--throughput-importance", "high")
    lines = out.splitlines()
    heading = [i for i, line in enumerate(lines) if line.startswith("Ranked by")]
    assert lines[heading[0]] == (
        "Ranked by weighted score (cost medium, latency medium, throughput high), best first:"
    )
    assert "score" in lines[heading[0] + 1].split()


def test_weighted_ranking_options_refuse_rank_by_and_unknown_levels(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "demo", "--rank-by", "cost_per_hour", "--cost-importance", "high")
    assert code == ExitCode.USAGE and out == ""
    assert "--rank-by" in one_error_line(err) and "give one or the other" in err
    code, _, err = run(capsys, "demo", "--latency-importance", "urgent")
    assert code == ExitCode.USAGE and "urgent" in err


def test_run_ranks_by_weighted_score(
    sim: InferenceRecommenderMock, capsys: pytest.CaptureFixture[str], request_file: Path
) -> None:
    argv = ["run", str(request_file), *REGION, "--no-progress", "--json"]
    code, out, _ = run(capsys, *argv, "--latency-importance", "highest")
    assert code == ExitCode.OK
    data = json.loads(out)
    assert data["RankBy"] == "weighted_score"
    assert data["Importance"]["Latency"] == "highest"
    assert data["Best"]["Score"] == max(b["Score"] for b in data["Ranked"])
