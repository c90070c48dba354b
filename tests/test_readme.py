"""The README's example runs as written, on the simulator."""

from __future__ import annotations

import re
from pathlib import Path

import boto3
import pytest

from client_support import ensure_package

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_example_runs_on_the_simulator(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from irclient.testing import mock_inference_recommender

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    (example,) = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    with mock_inference_recommender():
        ensure_package(boto3.client("sagemaker", region_name="us-east-1"))  # what it names
        exec(compile(example, str(README), "exec"), {})
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(("ml.", "serverless"))


def test_readme_opens_with_the_demo_and_the_check_command() -> None:
    text = README.read_text()
    commands = re.search(r"```console\n(.*?)```", text, flags=re.S)
    assert commands is not None
    first, second = commands.group(1).strip().splitlines()
    assert "irclient demo" in first and "[testing]" in first
    assert second == "python -m pip install nox && nox"
