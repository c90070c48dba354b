"""Every ``irclient`` console example on the documentation pages runs, and prints what it shows.

Each ```console block of docs/*.md is a terminal session: ``$ `` lines are commands, the lines
after one are its output (standard output and standard error, in order). The block runs in a
fresh simulated AWS account (irclient's simulator under moto) and a fresh directory holding
the files the pages talk about, and every ``irclient`` command's output is compared with the
page's:

* ARNs, timestamps and durations are placeholders on both sides (they change every run);
* runs of spaces count as one, so a column's width may change with a duration;
* ``...`` alone on a line stands for any number of lines, and within a line for any text;
* a progress bar's last state is compared, without its rate and elapsed times;
* a block that shows no output at all is a synopsis: each of its commands must run (no usage
  error, no crash).

Besides ``irclient``, only ``echo $?`` (the last exit status), ``head -N FILE``, ``jq -r
.A.B FILE`` (also as ``"$(...)"`` in a command) and a final ``> FILE`` redirection are
understood; other commands (``pip``, ``aws``, ``export``) are not run. The block runs as the
README's install would run it: without tqdm (the ``notebook`` extra), so a wait shows status
lines; and the offline mode (``--simulator``, ``irclient simulator``) uses the block's
world, an in-process simulator, instead of a server.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.moto_api import state_manager

from irclient import cli
from irclient.cli import _simulator
from irclient.testing import FAIL_STEP_TAG, MODEL_NAME, mock_inference_recommender

DOCS = Path(__file__).resolve().parent.parent / "docs"

# The jobs the pages talk about, each created in every block's account unless the block
# creates it itself (``irclient run``). They are not read before the block runs, so under
# the simulator's default progression a job is still running until something reads it:
# ``irclient stop`` finds it running, ``irclient describe`` finds it finished. A list
# moves no job along, so a block that lists jobs finds them described, and so finished.
REQUEST_FILE = "request.json"
JOB = "my-model-sizing"
OTHER_JOB = "my-model-sizing2"
SYNOPSIS_JOB = "my-job"


@dataclass
class Command:
    line: str
    output: list[str] = field(default_factory=list)


@dataclass
class Block:
    page: str
    number: int
    commands: list[Command]

    @property
    def id(self) -> str:
        return f"{self.page}#{self.number}"

    @property
    def synopsis(self) -> bool:
        return not any(c.output for c in self.commands)


def blocks() -> list[Block]:
    out = []
    for page in sorted(DOCS.glob("*.md")):
        found = re.findall(r"```console\n(.*?)```", page.read_text(), flags=re.S)
        for number, body in enumerate(found):
            commands: list[Command] = []
            # A command continued with a backslash is one command, as in a shell.
            body = body.replace("\\\n", " ")
            for line in body.splitlines():
                if line.startswith("$ "):
                    commands.append(Command(line[2:]))
                elif commands:
                    commands[-1].output.append(line)
            if any(_words(c.line)[:1] == ["irclient"] for c in commands):
                out.append(Block(page.name, number, commands))
    return out


def _words(line: str) -> list[str]:
    return shlex.split(line, comments=True)


# --------------------------------------------------------------------------- the world


def _request(job_name: str) -> dict[str, Any]:
    return cli.example_request(job_name=job_name)


def _bad_request() -> dict[str, Any]:
    request = _request(JOB)
    request["JobName"] = "bad_name"
    request["InputConfig"]["JobDurationInSeconds"] = "600"
    request["Tags"] = [{"Key": "", "Value": "x"}]
    return request


def _load_test_request() -> dict[str, Any]:
    """An Advanced job whose load test starts with more users than AWS advises."""
    request = _request("load-test")
    request["JobType"] = "Advanced"
    request["InputConfig"]["EndpointConfigurations"] = [{"InstanceType": "ml.c5.xlarge"}]
    request["InputConfig"]["TrafficPattern"] = {
        "TrafficType": "PHASES",
        "Phases": [{"InitialNumberOfUsers": 14, "SpawnRate": 1, "DurationInSeconds": 120}],
    }
    return request


@contextlib.contextmanager
def world(tmp_path: Path, block: Block) -> Iterator[None]:
    (tmp_path / REQUEST_FILE).write_text(json.dumps(_request(JOB), indent=4))
    (tmp_path / "bad.json").write_text(json.dumps(_bad_request(), indent=4))
    (tmp_path / "load-test.json").write_text(json.dumps(_load_test_request(), indent=4))
    created_here = {
        json.loads((tmp_path / words[2]).read_text())["JobName"]
        for words in (_words(c.line) for c in block.commands)
        if words[:2] == ["irclient", "run"] and (tmp_path / words[2]).exists()
    }
    with mock_inference_recommender():
        sagemaker = boto3.client("sagemaker", region_name="us-east-1")
        # The jobs' model, which deploying a recommendation uses as it is.
        model = _request(JOB)
        sagemaker.create_model(
            ModelName=model["InputConfig"]["ModelName"],
            ExecutionRoleArn=model["RoleArn"],
            PrimaryContainer={
                "Image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu",
                "ModelDataUrl": "s3://sagemaker-us-east-1-123456789012/models/resnet50.tar.gz",
            },
        )
        for name in (JOB, OTHER_JOB, SYNOPSIS_JOB):
            if name in created_here:
                continue
            request = _request(name)
            if name == JOB:
                request["Tags"] = [{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}]
            sagemaker.create_inference_recommendations_job(**request)
        if any(_words(c.line)[:2] == ["irclient", "jobs"] for c in block.commands):
            # A list moves no job along; a job someone described before is finished.
            for name in (JOB, OTHER_JOB):
                if name not in created_here:
                    sagemaker.describe_inference_recommendations_job(JobName=name)
        yield


def _moto_api(path: str, body: dict[str, Any] | None = None) -> None:
    """The simulator server's /moto-api, answered by the in-process simulator's moto."""
    if path == "/moto-api/state-manager/set-transition":
        assert body is not None
        state_manager.set_transition(body["model_name"], body["transition"])
    else:
        raise AssertionError(f"the pages do not call {path}")


@pytest.fixture
def aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    # The README's install (the testing extra) has no tqdm: the pages show what it prints.
    monkeypatch.setitem(sys.modules, "tqdm", None)
    # The offline mode (--simulator, irclient simulator) talks to the block's world, the
    # in-process simulator, rather than to a server it would start.
    monkeypatch.setattr(_simulator, "ensure", lambda quiet=False: None)
    monkeypatch.setattr(_simulator, "answers", lambda: True)
    monkeypatch.setattr(_simulator, "moto_api", _moto_api)
    monkeypatch.setattr(_simulator, "stop", lambda: None)
    monkeypatch.setattr(_simulator, "seed", lambda region=_simulator.REGION: None)
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.chdir(tmp_path)
    yield
    state_manager.unset_transition(MODEL_NAME)


# --------------------------------------------------------------------------- running


def _jq(words: list[str], cwd: Path) -> str:
    """``jq -r .A.B FILE``: the one form of jq the pages use, to pass a value on."""
    assert words[:2] == ["jq", "-r"] and len(words) == 4, f"cannot run {words!r}"
    value: Any = json.loads((cwd / words[3]).read_text())
    for key in words[2].strip(".").split("."):
        value = value[key]
    return str(value)


def _substituted(line: str, cwd: Path) -> str:
    """A shell's ``"$(jq -r ... FILE)"``, replaced by its output."""
    return re.sub(r'"\$\((jq [^)]*)\)"', lambda m: shlex.quote(_jq(_words(m.group(1)), cwd)), line)


def run(line: str, cwd: Path, last_status: int) -> tuple[list[str], int]:
    """A command's output lines and exit status, as a shell would show them."""
    words = _words(_substituted(line, cwd))
    if words == ["echo", "$?"]:
        return [str(last_status)], last_status
    if words[:1] == ["jq"]:
        return [_jq(words, cwd)], 0

    if words[:1] == ["head"] and len(words) == 3 and words[1].startswith("-"):
        lines = (cwd / words[2]).read_text().splitlines()
        return lines[: int(words[1][1:])], 0
    target = None
    if len(words) >= 2 and words[-2] == ">":
        words, target = words[:-2], words[-1]
    assert words[0] == "irclient", f"cannot run {line!r}"
    stdout, stderr, merged = io.StringIO(), io.StringIO(), io.StringIO()

    class Tee(io.StringIO):
        def __init__(self, own: io.StringIO) -> None:
            super().__init__()
            self.own = own

        def write(self, text: str) -> int:
            self.own.write(text)
            return merged.write(text)

    out: io.StringIO = stdout if target else Tee(stdout)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(Tee(stderr)):
        status = int(cli.main(words[1:]))
    if target:
        (cwd / target).write_text(stdout.getvalue())
    _check_standard_error(line, stderr.getvalue())
    # "\n" only: a progress bar redraws itself after "\r", within one line.
    return merged.getvalue().split("\n"), status


# What may reach standard error, and so a page's output under a command: the command's
# messages, the progress of a wait (a job's status line, or a tqdm bar) and the log lines
# --logs asks for. Anything else there (a deployment's progress, say) would be shown as if
# it were the command's output.
_STDERR_LINE = re.compile(
    r"irclient: (error|warning): .*|[\w.-]+: [A-Z_]+|  - .*|.*\|.*\|.*"
    r"|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[.*?\] .*"
)


def _check_standard_error(line: str, text: str) -> None:
    for printed in text.replace("\r", "\n").split("\n"):
        if printed.strip() and not _STDERR_LINE.fullmatch(printed):
            raise AssertionError(f"$ {line}: standard error has {printed!r}")


# --------------------------------------------------------------------------- comparing

_ARN = re.compile(r"arn:[\w-]+:[\w-]+:[\w-]*:\d*:[\w/.:-]+")
_TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?( UTC|Z|[+-]\d\d:?\d\d)?")
_DURATION = re.compile(r"(?<![\w.$])(\d+h \d\dm|\d+m \d\ds|\d+s)(?![\w/])")
_BAR = re.compile(r"\|[^|]*\| (\d+/\d+) \[[^\]]*\]")


def normalise(line: str) -> str:
    line = line.rsplit("\r", 1)[-1]  # a progress bar: its last state
    # A terminal gets block characters, a pipe "#": the bar itself is a placeholder too.
    line = _BAR.sub(lambda m: f"|<BAR>| {m.group(1)} [<ELAPSED>]", line)
    line = _ARN.sub("<ARN>", line)
    line = _TIME.sub("<TIME>", line)
    line = _DURATION.sub("<DURATION>", line)
    return " ".join(line.split())


def _line_pattern(expected: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in expected.split("...")) + r"\Z")


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` fits ``expected`` with its ``...`` wildcards (both normalised)."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and bool(_line_pattern(head).match(actual[0])) and matches(rest, actual[1:])


# --------------------------------------------------------------------------- the tests

BLOCKS = blocks()


def test_the_pages_have_console_examples_to_check() -> None:
    pages = {b.page for b in BLOCKS}
    assert {"cli.md", "index.md"} <= pages
    assert sum(len(b.commands) for b in BLOCKS) >= 20


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_console_example(block: Block, tmp_path: Path, aws_environment: None) -> None:
    status = 0
    with world(tmp_path, block):
        for command in block.commands:
            words = _words(command.line)
            if words[:1] not in (["irclient"], ["echo"], ["head"], ["jq"]):
                continue  # pip, aws, export, servers: not ours to run
            actual, status = run(command.line, tmp_path, status)
            if block.synopsis:
                # Not a usage error nor a crash; a synopsis's validate of an unedited
                # skeleton may well find violations.
                assert status not in (cli.ExitCode.USAGE, cli.ExitCode.INTERNAL_ERROR), (
                    command.line,
                    actual,
                )
                continue
            want = [normalise(line) for line in command.output if line.strip()]
            got = [normalise(line) for line in actual if line.strip()]
            assert matches(want, got), (
                f"{block.id}: $ {command.line}\n--- the page shows\n"
                + "\n".join(command.output)
                + "\n--- the command prints\n"
                + "\n".join(actual)
            )


def test_standard_error_holds_only_messages_and_progress() -> None:
    _check_standard_error("x", "irclient: error: no\nmy-job: IN_PROGRESS\n  - a: b\n")
    with pytest.raises(AssertionError):
        _check_standard_error("x", "Endpoint my-endpoint: Creating\n")


def test_the_comparison_catches_drift() -> None:
    shown = ["1  ml.inf2.xlarge  $0.99  $1.38e-06", "..."]
    printed = ["1  ml.inf2.xlarge   $0.990  $1.38e-06", "more"]
    assert not matches([normalise(x) for x in shown], [normalise(x) for x in printed])
    assert matches(["a ... c", "..."], ["a b c", "d", "e"])
    assert not matches(["a", "b"], ["a", "b", "c"])
    assert normalise("took 47m 12s, created 2026-11-01 12:00:00 UTC") == (
        "took <DURATION>, created <TIME>"
    )
    assert normalise("x 15 ms 2,375/min") == "x 15 ms 2,375/min"
