"""docs/testing.md: its irclient examples run as written, and its server-mode recipe works."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

import irclient
from client_support import ensure_model

PAGE = Path(__file__).resolve().parent.parent / "docs" / "testing.md"
SRC = str(Path(irclient.__file__).resolve().parent.parent)


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(), flags=re.S)


def test_the_failure_paging_and_stop_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    # The examples share their imports, as the page reads: one namespace, in page order.
    examples = [b for b in python_blocks() if "@mock_inference_recommender" in b]
    namespace: dict[str, Any] = {}
    for block in examples:
        exec(compile(block, str(PAGE), "exec"), namespace)
    tests = {name: f for name, f in namespace.items() if name.startswith("test_")}
    assert {
        "test_failed_job_with_boto3",
        "test_failed_job_with_irclient",
        "test_failed_benchmarks_with_irclient",
        "test_paging_with_irclient",
        "test_stop_with_irclient",
    } <= set(tests)
    for test in tests.values():
        test()


def server_environment(url: str) -> dict[str, str]:
    """The page's exports, with the server's real port."""
    block = re.search(r"```console\n(\$ export AWS_ENDPOINT_URL=.*?)```", PAGE.read_text(), re.S)
    assert block is not None
    env: dict[str, str] = {}
    for line in block.group(1).splitlines():
        if line.startswith("$ export "):
            for pair in line.removeprefix("$ export ").split():
                key, _, value = pair.partition("=")
                env[key] = value
    assert env["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5000"
    return {**env, "AWS_ENDPOINT_URL": url}


def served_sagemaker(url: str) -> Any:
    """A boto3 SageMaker client of the server at ``url``, cleared, with the jobs' model."""
    requests.post(f"{url}/moto-api/reset", timeout=5)
    sagemaker = boto3.client(
        "sagemaker",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    ensure_model(sagemaker, "resnet50")
    return sagemaker


def test_the_cli_reaches_the_server_through_the_environment(ir_server_url: str) -> None:
    served_sagemaker(ir_server_url).create_inference_recommendations_job(
        JobName="served",
        JobType="Default",
        RoleArn="arn:aws:iam::123456789012:role/inference-recommender",
        InputConfig={"ModelName": "resnet50"},
    )
    aws = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env = {
        **aws,
        **server_environment(ir_server_url),
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "PYTHONPATH": SRC,
    }
    result = subprocess.run(
        [sys.executable, "-m", "irclient", "jobs"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "served" in result.stdout


def test_irclient_reaches_the_server_through_the_environment(
    ir_server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    served_sagemaker(ir_server_url)
    for key, value in server_environment(ir_server_url).items():
        monkeypatch.setenv(key, value)
    client = irclient.InferenceRecommenderClient()
    client.create_inference_recommendations_job(
        job_name="via-env",
        job_type="Default",
        role_arn="arn:aws:iam::123456789012:role/inference-recommender",
        input_config=irclient.models.RecommendationJobInputConfig(model_name="resnet50"),
    )
    assert client.boto3_client.meta.endpoint_url == ir_server_url
    assert [j.job_name for j in client.iter_jobs(name_contains="via-env")] == ["via-env"]


_WHAT_THE_PAGE_WARNS_OF = """
import irclient
from moto import mock_aws
from irclient.testing import mock_inference_recommender

early = irclient.InferenceRecommenderClient(region_name="us-east-1")
with mock_inference_recommender():
    try:
        early.describe_inference_recommendations_job(job_name="x")
    except irclient.ConfigurationError as exc:
        print("module level:", exc)
    inside = irclient.InferenceRecommenderClient(region_name="us-east-1")
    print("inside:", list(inside.iter_jobs()))

irclient.testing.uninstall()
with mock_aws():
    client = irclient.InferenceRecommenderClient(region_name="us-east-1")
    try:
        client.describe_inference_recommendations_job(job_name="x")
    except irclient.ConfigurationError as exc:
        print("plain mock_aws:", exc)
"""


def test_what_the_page_says_of_early_clients_and_plain_mock_aws(tmp_path: Path) -> None:
    text = PAGE.read_text()
    assert "### Make clients inside the mock" in text
    assert "names `irclient.testing.install()`" in text
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        PYTHONPATH=SRC,
        HOME=str(tmp_path),
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    done = subprocess.run(
        [sys.executable, "-c", _WHAT_THE_PAGE_WARNS_OF],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("module level:") and "credentials" in lines[0]
    assert lines[1] == "inside: []"
    assert lines[2].startswith("plain mock_aws:")
    assert "irclient.testing.install()" in lines[2]
