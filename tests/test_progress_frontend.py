"""The progress bar never makes tqdm warn: a widget only where ipywidgets can draw one.

``tqdm.auto`` in a Jupyter kernel without ipywidgets warns "IProgress not found" and falls
back to text; irclient picks tqdm's text bar itself in that case.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tqdm.std

import irclient
from irclient._utils import extras

SRC = str(Path(irclient.__file__).resolve().parent.parent)


def test_without_ipywidgets_the_text_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extras, "available", lambda module: module != "ipywidgets")
    assert extras.progress_bar_class("x") is tqdm.std.tqdm


def test_with_ipywidgets_tqdm_auto_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    import tqdm.auto

    monkeypatch.setattr(extras, "available", lambda module: True)
    assert extras.progress_bar_class("x") is tqdm.auto.tqdm


def test_a_jupyter_kernel_without_ipywidgets_gets_no_warning() -> None:
    # An IPython kernel's shell, as Jupyter runs one, without ipywidgets: tqdm.auto would
    # pick its notebook bar and warn; the job's wait must not.
    program = textwrap.dedent(
        """
        import sys, warnings
        sys.modules["ipywidgets"] = None  # not installed
        from ipykernel.inprocess.ipkernel import InProcessKernel
        from IPython.core.interactiveshell import InteractiveShell
        kernel = InProcessKernel()
        shell = kernel.shell
        InteractiveShell._instance = shell
        from irclient.testing import mock_inference_recommender
        from irclient.cli import example_request
        import irclient
        with warnings.catch_warnings(record=True) as caught, mock_inference_recommender():
            warnings.simplefilter("always")
            client = irclient.InferenceRecommenderClient(region_name="us-east-1")
            from irclient.cli._simulator import make_example_model
            make_example_model(client.boto3_client)  # what the job names must exist
            client.create_inference_recommendations_job(example_request(job_name="bar"))
            client.wait_for_job("bar", poll_interval=0, progress=True)
        print("warnings:", [str(w.message) for w in caught])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        env={"PYTHONPATH": SRC, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "warnings: []" in done.stdout, done.stdout + done.stderr
    assert "IProgress not found" not in done.stderr
