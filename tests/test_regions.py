"""A mistyped Region is named as such, with the nearest known ones, wherever it is used.

In process, the simulator used to raise moto's ``KeyError``; its server answered 500 with
an HTML page, retried; against AWS the connection failed with no hint. Each now says the
Region is unknown, and nothing is retried.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import boto3
import botocore.config
import pytest
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

import irclient
from irclient._core.regions import known_regions, region_hint
from irclient.cli import ExitCode, main
from irclient.testing import FakeWire, install, mock_inference_recommender
from irclient.testing.wire import endpoint_down

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def test_the_known_regions_and_the_hint() -> None:
    assert {"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"} <= known_regions()
    text = region_hint("us-east-9")
    assert text.startswith("'us-east-9' is not an AWS Region SageMaker is in")
    assert "the nearest known: us-east-1, us-east-2" in text
    assert "us-east-1" in region_hint("us-east-1a")


@pytest.mark.parametrize("region", ["us-east-1a", "us-east-9"])
def test_in_process_the_simulator_names_the_region(region: str) -> None:
    with mock_inference_recommender():
        sagemaker = boto3.client("sagemaker", region_name=region, **CREDENTIALS)
        with pytest.raises(ClientError) as info:
            sagemaker.list_inference_recommendations_jobs()
    error = info.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert f"'{region}' is not an AWS Region" in error["Message"]
    assert "us-east-1" in error["Message"]


@pytest.fixture
def server() -> Iterator[str]:
    install()
    running = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    running.start()
    host, port = running.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        running.stop()


def test_the_simulator_server_names_the_region_once(server: str) -> None:
    sent: list[str] = []
    client = irclient.InferenceRecommenderClient(
        boto3.client(
            "sagemaker",
            region_name="us-east-9",
            endpoint_url=server,
            config=botocore.config.Config(retries={"total_max_attempts": 1}),
            **CREDENTIALS,
        )
    )
    client.boto3_client.meta.events.register("before-send", lambda **kw: sent.append("x"))
    with pytest.raises(irclient.ServiceError) as info:
        client.describe_inference_recommendations_job("x")
    assert info.value.http_status == 400
    assert "'us-east-9' is not an AWS Region" in str(info.value)
    assert "<html" not in str(info.value).lower()
    assert len(sent) == 1  # a 400 is not retried


def test_against_aws_an_unknown_region_is_a_configuration_error_not_retried() -> None:
    fake = FakeWire()
    fake.always["DescribeInferenceRecommendationsJob"] = endpoint_down
    client = irclient.InferenceRecommenderClient(
        session=boto3.Session(**CREDENTIALS), region_name="us-east-9"
    )
    fake.attach(client.boto3_client)
    with pytest.raises(irclient.ConfigurationError) as info:
        client.describe_inference_recommendations_job("x")
    assert "'us-east-9' is not an AWS Region SageMaker is in" in str(info.value)
    assert "us-east-1" in str(info.value)
    assert fake.count("DescribeInferenceRecommendationsJob") == 1


def test_a_known_region_that_cannot_connect_is_still_a_retried_connection_error() -> None:
    fake = FakeWire()
    fake.always["DescribeInferenceRecommendationsJob"] = endpoint_down
    client = irclient.InferenceRecommenderClient(
        session=boto3.Session(**CREDENTIALS),
        region_name="us-east-1",
        retry=irclient.RetryPolicy(max_attempts=2, initial_delay=0, max_delay=0),
    )
    fake.attach(client.boto3_client)
    with pytest.raises(irclient.IRClientError) as info:
        client.describe_inference_recommendations_job("x")
    assert not isinstance(info.value, irclient.ConfigurationError)
    assert fake.count("DescribeInferenceRecommendationsJob") == 2


def test_the_command_line_offline(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    assert main(["demo", "--region", "us-east-9"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "'us-east-9' is not an AWS Region" in err and "Traceback" not in err
