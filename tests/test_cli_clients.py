"""Every boto3 client the command line builds honours its global options and boto3's settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from irclient import __version__
from irclient.cli import build_parser
from irclient.cli._aws import client

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

SERVICES = ("sagemaker", "logs", "application-autoscaling")


def clients(*argv: str) -> list[Any]:
    """The SageMaker client of a command, and the clients of two other services it can make."""
    ir = client(build_parser().parse_args(["describe", "job", *argv]))
    built = [ir.boto3_client, ir.aws_client("logs"), ir.aws_client("application-autoscaling")]
    assert [c.meta.service_model.service_name for c in built] == list(SERVICES)
    return built


def test_region_and_endpoint_url_reach_every_client() -> None:
    url = "http://127.0.0.1:5123"
    for built in clients("--region", "eu-central-1", "--endpoint-url", url):
        assert built.meta.region_name == "eu-central-1"
        assert built.meta.endpoint_url == url
        # One retry layer: botocore sends each request once.
        assert built.meta.config.retries["total_max_attempts"] == 1
        assert f"irclient-cli/{__version__}" in built.meta.config.user_agent_extra


def test_profile_gives_every_client_its_region_and_credentials(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "config").write_text("[profile sim]\nregion = eu-west-1\n")
    (tmp_path / "credentials").write_text(
        "[sim]\naws_access_key_id = AKIDSIM\naws_secret_access_key = s\n"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    for built in clients("--profile", "sim"):
        assert built.meta.region_name == "eu-west-1"
        assert built._request_signer._credentials.access_key == "AKIDSIM"
    for built in clients("--profile", "sim", "--region", "ap-south-1"):
        assert built.meta.region_name == "ap-south-1"


def test_boto3s_aws_endpoint_url_applies_without_endpoint_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5124")
    for built in clients("--region", "us-east-1"):
        assert built.meta.endpoint_url == "http://127.0.0.1:5124"
    # --endpoint-url wins, as in the AWS CLI.
    for built in clients("--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:5125"):
        assert built.meta.endpoint_url == "http://127.0.0.1:5125"


def test_without_overrides_every_client_talks_to_aws() -> None:
    hosts = [c.meta.endpoint_url for c in clients("--region", "us-west-2")]
    assert hosts == [
        "https://api.sagemaker.us-west-2.amazonaws.com",
        "https://logs.us-west-2.amazonaws.com",
        "https://application-autoscaling.us-west-2.amazonaws.com",
    ]
