"""Shared helpers of the command-line tests: running a command, reading its error line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from irclient import cli
from irclient.cli import main

# The example request's model: the simulator, as AWS, refuses a job whose model does not exist.
MODEL: str = cli.example_request()["InputConfig"]["ModelName"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``irclient *argv`` in this process: its exit code, standard output and error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    """The error output is exactly one line, never a traceback."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("irclient: error: ")
    return lines[0]


def write_request(tmp_path: Path, name: str, **changes: Any) -> Path:
    """Write the example request, named ``name`` and with ``changes``, to a file; its path."""
    data = cli.example_request(job_name=name)
    data.update(changes)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data))
    return path
