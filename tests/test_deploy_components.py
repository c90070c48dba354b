"""deploy_ai_recommendation on the simulator: a recommendation as inference components."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

import irclient
from ai_world import BUCKET, ROLE, build, clients, recommendation_request, workload
from irclient.analysis import best
from irclient.errors import DeploymentConflictError
from irclient.testing import mock_inference_recommender

ADAPTERS = {"S3Uris": [{"AdapterId": "sql-lora", "S3Uri": f"s3://{BUCKET}/adapters/sql/"}]}


@pytest.fixture
def world() -> Iterator[tuple[Any, irclient.InferenceRecommenderClient]]:
    with mock_inference_recommender():
        sm, s3, _ = clients()
        build(sm, s3)
        workload(sm)
        sm.create_ai_recommendation_job(**recommendation_request(AdapterSource=ADAPTERS))
        yield sm, irclient.InferenceRecommenderClient(sm)


def _count_requests(sm: Any) -> list[str]:
    sent: list[str] = []
    sm.meta.events.register("before-call.*.*", lambda model, **_: sent.append(model.name))
    return sent


def test_best_recommendation_becomes_an_in_service_inference_component(world: Any) -> None:
    sm, client = world
    job = client.describe_ai_recommendation_job(ai_recommendation_job_name="sizing-1")
    row = best(job)
    chosen = job.recommendations[row.index].deployment_configuration

    done = client.deploy_ai_recommendation(job, row, endpoint_name="llm", poll_interval=0)

    plain = boto3.client("sagemaker", region_name="us-east-1")
    assert plain.describe_endpoint(EndpointName="llm")["EndpointStatus"] == "InService"
    component = plain.describe_inference_component(InferenceComponentName="llm-ic")
    assert component["InferenceComponentStatus"] == "InService"
    assert component["EndpointName"] == "llm"
    assert component["RuntimeConfig"]["DesiredCopyCount"] == (
        chosen.copy_count_per_instance * chosen.instance_count
    )
    requirements = component["Specification"]["ComputeResourceRequirements"]
    assert requirements["MinMemoryRequiredInMb"] == chosen.min_cpu_memory_required_in_mb
    tensor_parallel = float(chosen.environment_variables["OPTION_TENSOR_PARALLEL_DEGREE"])
    assert requirements["NumberOfAcceleratorDevicesRequired"] == tensor_parallel
    config = plain.describe_endpoint_config(EndpointConfigName="llm-config")
    (variant,) = config["ProductionVariants"]
    assert "ModelName" not in variant and config["ExecutionRoleArn"] == ROLE
    assert (variant["InstanceType"], variant["InitialInstanceCount"]) == (
        chosen.instance_type,
        chosen.instance_count,
    )
    model = plain.describe_model(ModelName="llm-model")["PrimaryContainer"]
    assert model["Image"] == chosen.image_uri
    assert model["Environment"] == chosen.environment_variables
    assert model["ModelDataSource"]["S3DataSource"]["S3Uri"] == chosen.s3[0].uri
    adapter = plain.describe_inference_component(InferenceComponentName="sql-lora")
    assert adapter["Specification"]["BaseInferenceComponentName"] == "llm-ic"
    assert adapter["Specification"]["Container"]["ArtifactUrl"] == f"s3://{BUCKET}/adapters/sql/"
    assert done.created == (
        "model",
        "endpoint configuration",
        "endpoint",
        "inference component llm-ic",
        "inference component sql-lora",
    )
    assert done.adapter_component_names == ("sql-lora",)


def test_a_rerun_changes_nothing(world: Any) -> None:
    sm, client = world
    client.deploy_ai_recommendation("sizing-1", 0, endpoint_name="llm", poll_interval=0)
    again = client.deploy_ai_recommendation("sizing-1", 0, endpoint_name="llm", poll_interval=0)
    assert again.requests == () and again.created == ()
    assert len(again.adopted) == 5


def test_a_dry_run_sends_no_write(world: Any) -> None:
    sm, client = world
    sent = _count_requests(sm)
    planned = client.deploy_ai_recommendation("sizing-1", 0, endpoint_name="llm", dry_run=True)
    writes = [n for n in sent if not n.startswith(("Describe", "List"))]
    assert writes == []
    assert [r.operation for r in planned.requests] == [
        "CreateModel",
        "CreateEndpointConfig",
        "CreateEndpoint",
        "CreateInferenceComponent",
        "CreateInferenceComponent",
    ]
    assert sm.list_inference_components()["InferenceComponents"] == []


def test_conflicts_are_refused_before_any_write(world: Any) -> None:
    sm, client = world
    client.deploy_ai_recommendation("sizing-1", 0, endpoint_name="llm", poll_interval=0)
    sent = _count_requests(sm)
    with pytest.raises(DeploymentConflictError) as caught:
        # Another recommendation under the same names: other instances, copies, memory.
        client.deploy_ai_recommendation("sizing-1", 1, endpoint_name="llm", poll_interval=0)
    assert [n for n in sent if n.startswith(("Create", "Update", "Delete"))] == []
    assert "llm-config" in str(caught.value) or "llm-model" in str(caught.value)


def test_autoscaling_registers_the_copy_count(world: Any) -> None:
    sm, client = world
    done = client.deploy_ai_recommendation(
        "sizing-1",
        0,
        endpoint_name="llm",
        poll_interval=0,
        autoscale=True,
        min_copy_count=1,
        max_copy_count=6,
        max_instance_count=3,
    )
    assert done.autoscaled
    scaling = boto3.client("application-autoscaling", region_name="us-east-1")
    (target,) = scaling.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    assert target["ResourceId"] == "inference-component/llm-ic"
    assert target["ScalableDimension"] == "sagemaker:inference-component:DesiredCopyCount"
    assert (target["MinCapacity"], target["MaxCapacity"]) == (1, 6)
    variant = boto3.client("sagemaker", region_name="us-east-1").describe_endpoint_config(
        EndpointConfigName="llm-config"
    )["ProductionVariants"][0]
    assert variant["ManagedInstanceScaling"]["MaxInstanceCount"] == 3
    again = client.deploy_ai_recommendation(
        "sizing-1", 0, endpoint_name="llm", poll_interval=0, autoscale=True,
        min_copy_count=1, max_copy_count=6, max_instance_count=3,
    )  # fmt: skip
    assert again.requests == ()


def test_the_simulator_refuses_a_component_on_an_endpoint_with_a_model(world: Any) -> None:
    sm, _ = world
    with pytest.raises(sm.exceptions.ClientError, match="not configured for inference"):
        sm.create_inference_component(
            InferenceComponentName="ic",
            EndpointName="llama-ep",
            Specification={
                "ModelName": "llama",
                "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
            },
            RuntimeConfig={"CopyCount": 1},
        )


def test_the_result_shows_as_the_one_deployment_summary(world: Any) -> None:
    from irclient import display

    _, client = world
    done = client.deploy_ai_recommendation("sizing-1", 0, endpoint_name="llm", poll_interval=0)
    text = str(done)
    lines = text.splitlines()
    assert lines[:2] == ["Endpoint llm: InService", "AI recommendation 0 of job sizing-1"]
    assert "  model llm-model: created" in lines
    component = next(line for line in lines if line.startswith("  inference component llm-ic"))
    assert (
        f"({done.copy_count} cop" in component
        and f"{done.min_memory_required_in_mb} MB" in component
    )
    assert component.endswith(": created, InService")
    assert "  adapter inference component sql-lora: created" in lines
    assert display.summary(done) == text
    page = done._repr_html_()
    assert page == display.render_html(done) and "<table" in page and "llm-ic" in page
