"""The simulator in moto's server mode, on the loopback interface only."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
import urllib.error
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

import irclient
from client_support import ensure_model, free_port
from irclient.testing import FAIL_STEP_TAG, MODEL_NAME
from irclient.testing._simulator import CLOCK
from irclient.testing.server import CLOCK_PATH, advance_clock, freeze_clock, read_clock

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"
SRC = str(Path(irclient.__file__).resolve().parent.parent)


def client_for(url: str, region: str = "us-east-1") -> Any:
    return boto3.client(
        "sagemaker",
        region_name=region,
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def create(client: Any, name: str, **overrides: Any) -> str:
    ensure_model(client, "resnet50")  # in the client's Region: what a job names must exist
    request: dict[str, Any] = {
        "JobName": name,
        "JobType": "Default",
        "RoleArn": ROLE,
        "InputConfig": {"ModelName": "resnet50"},
        **overrides,
    }
    arn: str = client.create_inference_recommendations_job(**request)["JobArn"]
    return arn


@pytest.fixture
def url(ir_server_url: str) -> Iterator[str]:
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)
    yield ir_server_url
    requests.post(f"{ir_server_url}/moto-api/reset", timeout=5)


def test_every_operation_over_http(url: str) -> None:
    client = client_for(url)
    arn = create(client, "served")
    assert arn.endswith(":123456789012:inference-recommendations-job/served")
    job = client.describe_inference_recommendations_job(JobName="served")
    assert job["Status"] == "COMPLETED"
    assert job["CreationTime"].tzinfo is not None
    assert job["InferenceRecommendations"]

    first = client.list_inference_recommendations_job_steps(JobName="served", MaxResults=5)
    rest = client.list_inference_recommendations_job_steps(
        JobName="served", NextToken=first["NextToken"]
    )
    paginator = client.get_paginator("list_inference_recommendations_job_steps")
    paged = [
        step
        for page in paginator.paginate(JobName="served", PaginationConfig={"PageSize": 2})
        for step in page["Steps"]
    ]
    assert paged == first["Steps"] + rest["Steps"]
    assert len(paged) == 11  # the combined list: 8 real-time benchmarks, 3 serverless

    create(client, "halted")
    client.stop_inference_recommendations_job(JobName="halted")
    assert client.describe_inference_recommendations_job(JobName="halted")["Status"] == "STOPPED"
    jobs = client.list_inference_recommendations_jobs(SortBy="Name", SortOrder="Ascending")
    assert [j["JobName"] for j in jobs["InferenceRecommendationsJobs"]] == ["halted", "served"]


def test_errors_over_http(url: str) -> None:
    client = client_for(url)
    create(client, "dup")
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: create(client, "dup"), "ResourceInUse"),
        (lambda: create(client, "bad_name"), "ValidationException"),
        (
            lambda: client.describe_inference_recommendations_job(JobName="ghost"),
            "ResourceNotFound",
        ),
        (
            lambda: client.list_inference_recommendations_job_steps(JobName="ghost"),
            "ResourceNotFound",
        ),
        (lambda: client.stop_inference_recommendations_job(JobName="ghost"), "ResourceNotFound"),
    ]
    for call, code in cases:
        with pytest.raises(ClientError) as info:
            call()
        assert info.value.response["Error"]["Code"] == code
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError) as info:
        create(client, "bad_name")
    assert info.value.response["Error"]["Message"].startswith(
        "1 validation error detected: Value 'bad_name' at 'jobName' failed to satisfy constraint"
    )


def test_state_is_per_region_over_http(url: str) -> None:
    create(client_for(url), "east")
    west = client_for(url, "eu-west-1")
    assert west.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []


def test_transition_through_the_moto_api(url: str) -> None:
    requests.post(
        f"{url}/moto-api/state-manager/set-transition",
        json={"model_name": MODEL_NAME, "transition": {"progression": "manual", "times": 1}},
        timeout=5,
    )
    try:
        client = client_for(url)
        create(client, "stepwise", Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.m5.xlarge"}])
        statuses = [
            client.describe_inference_recommendations_job(JobName="stepwise")["Status"]
            for _ in range(2)
        ]
        assert statuses == ["IN_PROGRESS", "COMPLETED"]
        failed = client.list_inference_recommendations_job_steps(
            JobName="stepwise", Status="FAILED"
        )["Steps"]
        assert len(failed) == 1
    finally:
        requests.post(
            f"{url}/moto-api/state-manager/unset-transition",
            json={"model_name": MODEL_NAME},
            timeout=5,
        )


def test_moto_server_command() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "irclient.testing.server", "-H", "127.0.0.1", "-p", str(port)],
        env={**os.environ, "PYTHONPATH": SRC},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{url}/moto-api/", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        client = client_for(url)
        create(client, "from-cli")
        job = client.describe_inference_recommendations_job(JobName="from-cli")
        assert job["Status"] == "COMPLETED"
    finally:
        process.terminate()
        process.wait(timeout=10)


# --------------------------------------------------------------------------- the server's clock


def test_the_servers_clock_moves_a_time_job_without_sleeping(url: str) -> None:
    client = client_for(url)
    requests.post(
        f"{url}/moto-api/state-manager/set-transition",
        json={"model_name": MODEL_NAME, "transition": {"progression": "time", "seconds": 3600}},
        timeout=5,
    )
    saved = CLOCK.snapshot()  # the server shares this process's clock
    try:
        frozen = freeze_clock(url)
        assert frozen["frozen"] is True
        create(client, "clocked")
        status = client.describe_inference_recommendations_job(JobName="clocked")["Status"]
        assert status == "PENDING"  # an hour a phase, and no time has passed
        before = datetime.datetime.fromisoformat(read_clock(url)["now"])
        moved = advance_clock(url, 3600 * 1.5)  # half-way through IN_PROGRESS
        after = datetime.datetime.fromisoformat(moved["now"])
        assert after - before == datetime.timedelta(seconds=5400)
        status = client.describe_inference_recommendations_job(JobName="clocked")["Status"]
        assert status == "IN_PROGRESS"
        advance_clock(url, 3600 * 100)
        status = client.describe_inference_recommendations_job(JobName="clocked")["Status"]
        assert status == "COMPLETED"
    finally:
        requests.post(
            f"{url}/moto-api/state-manager/unset-transition",
            json={"model_name": MODEL_NAME},
            timeout=5,
        )
        CLOCK.restore(saved)


def test_the_servers_clock_refuses_what_is_not_a_move_forward(url: str) -> None:
    refused: list[tuple[dict[str, Any], str]] = [
        ({"advance": -1}, "advance -1 is not a number of seconds >= 0"),
        ({"advance": "10"}, "advance '10' is not a number"),
        ({"freeze": "yes"}, "freeze 'yes' is not true or false"),
        ({"rewind": 5}, '"advance" (seconds) and/or "freeze"'),
    ]
    for body, words in refused:
        answer = requests.post(f"{url}{CLOCK_PATH}", json=body, timeout=5)
        assert answer.status_code == 400
        assert words in answer.json()["message"]
    with pytest.raises(urllib.error.HTTPError):
        advance_clock(url, -5)


def test_ir_clock_is_frozen_and_moves_only_when_advanced(ir_clock: Any) -> None:
    first = ir_clock.now()
    time.sleep(0.01)
    assert ir_clock.now() == first  # frozen
    ir_clock.advance(90)
    assert ir_clock.now() - first == datetime.timedelta(seconds=90)
