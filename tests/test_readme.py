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


def test_the_readme_and_the_models_page_count_the_generated_classes() -> None:
    # Counted from the generated modules, so a regeneration that adds shapes fails here until
    # the two pages say so.
    import enum

    from irclient.models import _base, enums, shapes

    classes = [c for c in vars(shapes).values() if isinstance(c, type)]
    structures = sum(
        issubclass(c, _base.Shape) and c.__module__ == shapes.__name__ for c in classes
    )
    members = [e for e in vars(enums).values() if isinstance(e, type) and issubclass(e, enum.Enum)]
    count = sum(e.__module__ == enums.__name__ for e in members)
    assert f"{structures} frozen attrs classes and {count} enums" in README.read_text()
    models_page = (README.parent / "docs" / "models.md").read_text()
    assert f"({structures} today:" in models_page and f"({count} today," in models_page
