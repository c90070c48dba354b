"""The SageMaker Python SDK 2.x: ``Model.right_size()`` and ``Model.deploy()`` on the simulator.

``right_size`` creates the model, a Default or an Advanced job, and waits for it with the
Verbose waiter (the job's CloudWatch log lines, then a describe, until the job ends);
``deploy`` then picks a real-time recommendation, or the one ``inference_recommendation_id``
names. The SDK's own pauses (60 s between polls) are replaced by a recorder, so nothing sleeps.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import sagemaker
import sagemaker.session
from sagemaker.model import Model
from sagemaker.parameter import CategoricalParameter

from irclient.testing import COMPILE_TAG

from .support import IMAGE, MODEL_DATA, PAYLOAD, ROLE, Simulator, create_model, default_job

pytestmark = pytest.mark.peers

LOG_GROUP = "/aws/sagemaker/InferenceRecommendationsJobs"
MAX_PAUSES = 50
"""A waiter that pauses more often than this is looping on a job that does not end."""


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Record the SDK's pauses instead of sleeping through them."""
    import time

    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) > MAX_PAUSES:
            raise AssertionError(f"the SDK paused {len(pauses)} times: the job never ended")

    # Only the SDK's session module sees the recorder; time itself is left alone.
    monkeypatch.setattr(
        sagemaker.session, "time", types.SimpleNamespace(**{**vars(time), "sleep": pause})
    )
    yield pauses


def session() -> sagemaker.Session:
    # The default chain: the Region, credentials and (in server mode) endpoint come from the env.
    return sagemaker.Session(boto_session=boto3.Session())


def model(sdk: sagemaker.Session, name: str = "resnet") -> Model:
    return Model(
        image_uri=IMAGE, model_data=MODEL_DATA, role=ROLE, sagemaker_session=sdk, name=name
    )


def right_size_default(sdk: sagemaker.Session, job_name: str = "rs-default") -> Model:
    sized = model(sdk)
    sized.right_size(
        sample_payload_url=PAYLOAD,
        supported_content_types=["image/jpeg"],
        framework="PYTORCH",
        job_name=job_name,
    )
    return sized


def execution_log(job_name: str) -> list[str]:
    events = boto3.client("logs").get_log_events(
        logGroupName=LOG_GROUP, logStreamName=f"{job_name}/execution", startFromHead=True
    )["events"]
    return [event["message"] for event in events]


def deployed_variant(endpoint_name: str) -> dict[str, Any]:
    client = boto3.client("sagemaker")
    endpoint = client.describe_endpoint(EndpointName=endpoint_name)
    config = client.describe_endpoint_config(EndpointConfigName=endpoint["EndpointConfigName"])
    (variant,) = config["ProductionVariants"]
    return dict(variant)


def test_right_size_runs_a_default_job_and_prints_its_whole_log(
    simulator: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    sized = right_size_default(session())

    job = boto3.client("sagemaker").describe_inference_recommendations_job(JobName="rs-default")
    assert job["JobType"] == "Default" and job["Status"] == "COMPLETED"
    assert job["InputConfig"]["ModelName"] == "resnet"
    assert sized.inference_recommendations == job["InferenceRecommendations"]
    assert (
        boto3.client("sagemaker").describe_model(ModelName="resnet")["PrimaryContainer"]["Image"]
        == IMAGE
    )
    # The Verbose waiter printed every line the job logged, the last one included.
    log = execution_log("rs-default")
    printed = capsys.readouterr().out.splitlines()
    assert log and log[-1].startswith("Job completed")
    assert [line for line in printed if line in log] == log


def test_right_size_runs_an_advanced_job(simulator: Simulator) -> None:
    sized = model(session())
    sized.right_size(
        sample_payload_url=PAYLOAD,
        supported_content_types=["image/jpeg"],
        framework="PYTORCH",
        job_name="rs-advanced",
        hyperparameter_ranges=[
            {
                "instance_types": CategoricalParameter(["ml.c5.xlarge", "ml.m5.xlarge"]),
                "OMP_NUM_THREADS": CategoricalParameter(["1", "2"]),
            }
        ],
        max_tests=4,
        log_level="Quiet",
    )
    job = boto3.client("sagemaker").describe_inference_recommendations_job(JobName="rs-advanced")
    assert job["JobType"] == "Advanced" and job["Status"] == "COMPLETED"
    recommendations = sized.inference_recommendations
    assert recommendations == job["InferenceRecommendations"]
    assert {r["EndpointConfiguration"]["InstanceType"] for r in recommendations} <= {
        "ml.c5.xlarge",
        "ml.m5.xlarge",
    }
    for recommendation in recommendations:
        (parameter,) = recommendation["ModelConfiguration"]["EnvironmentParameters"]
        assert parameter["Key"] == "OMP_NUM_THREADS" and parameter["Value"] in {"1", "2"}


def test_deploy_after_right_size_takes_the_last_real_time_recommendation(
    simulator: Simulator,
) -> None:
    # Known client behaviour (docs/testing.md): the SDK keeps the *last* real-time
    # recommendation of the list, which AWS orders best first.
    sized = right_size_default(session())
    real_time = [
        r
        for r in sized.inference_recommendations
        if "ServerlessConfig" not in r["EndpointConfiguration"]
    ]
    first, last = real_time[0]["EndpointConfiguration"], real_time[-1]["EndpointConfiguration"]
    assert first["InstanceType"] != last["InstanceType"]

    sized.deploy(endpoint_name="rs-last")

    variant = deployed_variant("rs-last")
    assert variant["InstanceType"] == last["InstanceType"]
    assert variant["InitialInstanceCount"] == last["InitialInstanceCount"]


def test_deploy_with_a_recommendation_id_deploys_that_recommendation(simulator: Simulator) -> None:
    # The workaround for the behaviour above: name the recommendation to deploy.
    sdk = session()
    best = right_size_default(sdk).inference_recommendations[0]

    fresh = Model(
        image_uri="unused", model_data="s3://unused/model.tar.gz", role=ROLE, sagemaker_session=sdk
    )
    fresh.deploy(inference_recommendation_id=best["RecommendationId"], endpoint_name="rs-best")

    variant = deployed_variant("rs-best")
    assert variant["InstanceType"] == best["EndpointConfiguration"]["InstanceType"]
    assert variant["InitialInstanceCount"] == best["EndpointConfiguration"]["InitialInstanceCount"]
    # The SDK took the image and the artifacts from the job's model, not from its arguments.
    container = boto3.client("sagemaker").describe_model(ModelName=variant["ModelName"])[
        "PrimaryContainer"
    ]
    assert (container["Image"], container["ModelDataUrl"]) == (IMAGE, MODEL_DATA)


def test_deploy_with_an_advanced_recommendation_id_sets_its_environment(
    simulator: Simulator,
) -> None:
    sdk = session()
    sized = model(sdk)
    sized.right_size(
        sample_payload_url=PAYLOAD,
        supported_content_types=["image/jpeg"],
        framework="PYTORCH",
        job_name="rs-env",
        hyperparameter_ranges=[
            {
                "instance_types": CategoricalParameter(["ml.c5.xlarge"]),
                "OMP_NUM_THREADS": CategoricalParameter(["2"]),
            }
        ],
        log_level="Quiet",
    )
    (recommendation,) = sized.inference_recommendations
    fresh = model(sdk, name="resnet-env")
    fresh.deploy(
        inference_recommendation_id=recommendation["RecommendationId"], endpoint_name="rs-env"
    )

    variant = deployed_variant("rs-env")
    assert variant["InstanceType"] == "ml.c5.xlarge"
    container = boto3.client("sagemaker").describe_model(ModelName=variant["ModelName"])[
        "PrimaryContainer"
    ]
    assert container["Environment"] == {"OMP_NUM_THREADS": "2"}


def test_the_verbose_waiter_prints_the_whole_log_under_the_manual_progression(
    simulator: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    simulator.set_transition({"progression": "manual", "times": 1})
    right_size_default(session(), job_name="rs-manual")
    log = execution_log("rs-manual")
    printed = capsys.readouterr().out.splitlines()
    assert log and log[-1].startswith("Job completed")
    assert [line for line in printed if line in log] == log


def test_deploy_of_a_compiled_recommendation_uses_its_compilation_job(
    simulator: Simulator,
) -> None:
    client = boto3.client("sagemaker")
    create_model(client)
    # right_size cannot tag its job; the compilation tag goes on a job created directly.
    client.create_inference_recommendations_job(
        **default_job("compiled", Tags=[{"Key": COMPILE_TAG, "Value": "all"}])
    )
    job = client.describe_inference_recommendations_job(JobName="compiled")
    best = job["InferenceRecommendations"][0]
    compilation = client.describe_compilation_job(
        CompilationJobName=best["ModelConfiguration"]["CompilationJobName"]
    )

    fresh = model(session(), name="resnet-compiled")
    fresh.deploy(inference_recommendation_id=best["RecommendationId"], endpoint_name="compiled")

    variant = deployed_variant("compiled")
    container = client.describe_model(ModelName=variant["ModelName"])["PrimaryContainer"]
    assert container["ModelDataUrl"] == compilation["ModelArtifacts"]["S3ModelArtifacts"]
    assert container["Image"] == compilation["InferenceImage"]
