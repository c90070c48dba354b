"""sagemaker-core (1.x beside the SageMaker SDK 2.x, and 2.x) on the simulator.

``InferenceRecommendationsJob.create/get/wait/get_all/stop/get_all_steps``, called as a user
calls them: no session argument, so the client comes from the default chain (the environment).
sagemaker-core caches that client for the whole process, so each test starts from an empty
cache: otherwise a client built for the in-process mock would be reused against the server.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from irclient.testing import FAIL_STEP_TAG

from .support import ROLE, Simulator, create_model, default_job

pytestmark = pytest.mark.peers

MAJOR = int(importlib.metadata.version("sagemaker-core").split(".")[0])

if MAJOR == 1:
    from sagemaker_core.main import shapes
    from sagemaker_core.main.resources import InferenceRecommendationsJob
    from sagemaker_core.main.utils import SingletonMeta

    def forget_clients() -> None:
        SingletonMeta._instances.clear()
else:
    from sagemaker.core import shapes
    from sagemaker.core.resources import InferenceRecommendationsJob
    from sagemaker.core.utils.utils import SageMakerClient

    def forget_clients() -> None:
        SageMakerClient.reset()


@pytest.fixture(autouse=True)
def fresh_clients() -> Iterator[None]:
    forget_clients()
    yield
    forget_clients()


def create(name: str, **extra: Any) -> Any:
    return InferenceRecommendationsJob.create(
        job_name=name,
        job_type="Default",
        role_arn=ROLE,
        input_config=shapes.RecommendationJobInputConfig(model_name="resnet"),
        **extra,
    )


def test_create_wait_get_and_get_all(simulator: Simulator) -> None:
    create_model(boto3.client("sagemaker"))
    job = create("core")
    job.wait(poll=0)
    assert job.status == "COMPLETED"

    fetched = InferenceRecommendationsJob.get("core")
    described = boto3.client("sagemaker").describe_inference_recommendations_job(JobName="core")
    assert fetched.job_arn == described["JobArn"]
    assert [r.recommendation_id for r in fetched.inference_recommendations] == [
        r["RecommendationId"] for r in described["InferenceRecommendations"]
    ]
    listed = [(j.job_name, j.status) for j in InferenceRecommendationsJob.get_all()]
    assert listed == [("core", "COMPLETED")]


@pytest.mark.skipif(MAJOR == 1, reason="sagemaker-core 1.x stop() fails (see the 1.x test)")
def test_stop_stops_a_running_job(simulator: Simulator) -> None:
    simulator.set_transition({"progression": "manual", "times": 1})
    create_model(boto3.client("sagemaker"))
    job = create("halted")
    job.stop()
    job.wait(poll=0)
    assert job.status == "STOPPED"


@pytest.mark.skipif(MAJOR != 1, reason="sagemaker-core 2.x stop() works")
def test_stop_fails_in_1x_and_boto3_stops_the_job(simulator: Simulator) -> None:
    # Known client behaviour (docs/testing.md): 1.x stop() reads an attribute its own
    # client cache does not have, before sending anything.
    simulator.set_transition({"progression": "manual", "times": 5})
    client = boto3.client("sagemaker")
    create_model(client)
    job = create("halted")
    with pytest.raises(AttributeError, match="'SageMakerClient' object has no attribute 'client'"):
        job.stop()
    assert client.describe_inference_recommendations_job(JobName="halted")["Status"] not in {
        "STOPPING",
        "STOPPED",
    }
    # The workaround: stop it with boto3.
    client.stop_inference_recommendations_job(JobName="halted")
    job.wait(poll=0)
    assert job.status == "STOPPED"


def test_get_all_steps_sends_the_jobs_status_as_the_step_filter(simulator: Simulator) -> None:
    # Known client behaviour (docs/testing.md): get_all_steps() filters the steps by the
    # job's own status, so a completed job's failed benchmarks are left out.
    client = boto3.client("sagemaker")
    create_model(client)
    job = create("partial", tags=[shapes.Tag(key=FAIL_STEP_TAG, value="ml.c5.xlarge")])
    job.wait(poll=0)
    assert job.status == "COMPLETED"

    through_core = list(job.get_all_steps())
    # The workaround: list the steps with boto3, which sends no filter unless asked.
    pages = client.get_paginator("list_inference_recommendations_job_steps").paginate(
        JobName="partial"
    )
    every = [step for page in pages for step in page["Steps"]]
    failed = [step for step in every if step["Status"] == "FAILED"]
    assert [
        step["InferenceBenchmark"]["EndpointConfiguration"]["InstanceType"] for step in failed
    ] == ["ml.c5.xlarge"]
    assert {step.status for step in through_core} == {"COMPLETED"}
    assert len(through_core) == len(every) - 1


def test_get_all_describes_each_job_it_lists(simulator: Simulator) -> None:
    # get_all() refreshes every listed job with a describe, so its statuses are describe's.
    client = boto3.client("sagemaker")
    create_model(client)
    client.create_inference_recommendations_job(**default_job("elsewhere"))
    assert [(j.job_name, j.status) for j in InferenceRecommendationsJob.get_all()] == [
        ("elsewhere", "COMPLETED")
    ]


def test_get_all_filtered_on_completed_alone_sees_a_job_finish(simulator: Simulator) -> None:
    client = boto3.client("sagemaker")
    create_model(client)
    # Started elsewhere (boto3 does not describe after creating, as sagemaker-core does).
    client.create_inference_recommendations_job(**default_job("elsewhere"))
    polls = [
        [j.job_name for j in InferenceRecommendationsJob.get_all(status_equals="COMPLETED")]
        for _ in range(3)
    ]
    assert polls[-1] == ["elsewhere"]
