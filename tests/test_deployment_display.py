"""A deployment shows as the command line's summary: ``str``, ``display.summary`` and Jupyter."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

import irclient
from irclient import display
from irclient.cli import ExitCode, example_request, main
from irclient.deploy import Deployment
from irclient.testing import mock_inference_recommender

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"


@pytest.fixture
def deployed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Deployment]:
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    with mock_inference_recommender():
        boto3.client("sagemaker", region_name="us-east-1").create_model(
            ModelName="resnet50",
            ExecutionRoleArn=ROLE,
            PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1"},
        )
        client = irclient.InferenceRecommenderClient(region_name="us-east-1")
        client.create_inference_recommendations_job(example_request(job_name="sizing"))
        job = client.wait_for_job("sizing", poll_interval=0)
        best = irclient.analysis.best(job)
        assert best is not None
        yield client.deploy_recommendation(job, best, autoscale=True, poll_interval=0)


def test_str_is_the_short_summary(deployed: Deployment) -> None:
    text = str(deployed)
    assert len(text) < 1000 < len(repr(deployed))
    lines = text.splitlines()
    assert lines[0] == f"Endpoint {deployed.endpoint_name}: InService"
    assert lines[1] == f"Recommendation {deployed.recommendation_id} of job sizing"
    assert "  model resnet50: the job's own model, used as it is" in lines
    assert any(line.startswith("  scalable target endpoint/") for line in lines)
    assert display.summary(deployed) == text
    assert deployed.scaling is not None
    assert str(deployed.scaling).startswith("Autoscaling\n  scalable target endpoint/")


def test_jupyter_shows_a_table(deployed: Deployment) -> None:
    page = deployed._repr_html_()
    assert page is not None and page == display.render_html(deployed)
    assert "<table" in page and deployed.endpoint_name in page and "InService" in page
    assert deployed.scaling is not None
    scaling = deployed.scaling._repr_html_()
    assert scaling is not None and "scalable target" in scaling


def test_the_cli_prints_the_same_summary(
    deployed: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "deploy",
            "sizing",
            "--recommendation-id",
            deployed.recommendation_id,
            "--autoscale",
            "--poll-interval",
            "0",
            "--region",
            "us-east-1",
        ]
    )
    out, err = capsys.readouterr()
    assert code == ExitCode.OK
    assert err == ""  # progress only while the endpoint is not yet InService
    assert out.splitlines()[0] == f"Endpoint {deployed.endpoint_name}: InService"
    assert "exists with the same configuration, kept" in out
