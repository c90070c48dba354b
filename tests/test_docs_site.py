"""The documentation site: a landing page that opens like the README, a reference page for
every public module users write code against, and tables that stay inside the text column."""

from __future__ import annotations

import re
from pathlib import Path

import boto3
import pytest

from client_support import ensure_package

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_landing_page_opens_with_the_install_command_and_the_demo() -> None:
    text = (DOCS / "index.md").read_text()
    before_example = text.split("```python")[0]
    commands = re.search(r"```console\n(.*?)```", before_example, flags=re.S)
    assert commands is not None
    lines = commands.group(1).strip().splitlines()
    assert lines[0].startswith("$ python -m pip install") and "irclient" in lines[0]
    assert lines[1] == "$ irclient demo"
    assert "## What irclient gives over raw boto3" in text


def test_landing_page_example_runs_on_the_simulator(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from irclient.testing import mock_inference_recommender

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    (example,) = re.findall(r"```python\n(.*?)```", (DOCS / "index.md").read_text(), flags=re.S)
    with mock_inference_recommender():
        ensure_package(boto3.client("sagemaker", region_name="us-east-1"))  # what it names
        exec(compile(example, "docs/index.md", "exec"), {})
    assert capsys.readouterr().out.strip().startswith(("ml.", "serverless"))


@pytest.mark.parametrize("module", ["irclient.testing", "irclient.errors", "irclient.retry"])
def test_public_modules_have_a_reference_page(module: str) -> None:
    name = module.rsplit(".", 1)[1]
    page = DOCS / "api" / f"{name}.md"
    assert f".. automodule:: {module}\n" in page.read_text()
    assert re.search(rf"^{name}$", (DOCS / "api" / "index.md").read_text(), flags=re.M)
    # Documented once only: a second automodule of it would make Sphinx warn (and fail).
    others = [p for p in (DOCS / "api").glob("*.md") if p != page]
    assert not [p.name for p in others if f".. automodule:: {module}\n" in p.read_text()]


def test_docs_tables_scroll_inside_the_text_column() -> None:
    conf = (DOCS / "conf.py").read_text()
    assert 'html_css_files = ["irclient.css"]' in conf
    css = (DOCS / "_static" / "irclient.css").read_text()
    rule = re.search(r"article \.cell_output,\s*article \.output \{(.*?)\}", css, flags=re.S)
    assert rule is not None
    assert "overflow-x: auto" in rule.group(1) and "max-width: 100%" in rule.group(1)


def test_the_testing_reference_states_the_tag_keys_as_the_code_has_them() -> None:
    import irclient.testing

    page = (DOCS / "api" / "testing.md").read_text()
    for name in ("MODEL_NAME", "FAIL_JOB_TAG", "FAIL_STEP_TAG"):
        value = getattr(irclient.testing, name)
        assert f'.. py:data:: {name}\n   :value: "{value}"' in page


def test_the_architecture_page_lists_the_package_as_it_is() -> None:
    import irclient

    text = (DOCS / "architecture.md").read_text()
    tree = re.search(r"```\nsrc/irclient/\n(.*?)```", text, flags=re.S)
    assert tree is not None
    # Each entry starts a line, indented by two spaces: `client.py`, `_core/`, or a run of
    # root modules named on one line (`__init__.py     the public face ...`).
    listed = {
        word
        for line in tree.group(1).splitlines()
        if line.startswith("  ") and not line.startswith("   ")
        for word in line.split()
        if re.fullmatch(r"\w+(\.py|/)", word)
    }
    package = Path(irclient.__file__).resolve().parent
    actual = {
        p.name + ("/" if p.is_dir() else "")
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"
    }
    assert listed == actual
