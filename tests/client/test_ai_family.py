"""The generative-AI operations on the client: typed calls, paging, safe creates, the floor.

Each test runs the client over botocore's real serialise/parse path against canned answers
of :class:`irclient.testing.FakeWire` (no network; the simulator of this family comes later).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import botocore
import pytest

from irclient import BotocoreTooOldError, InferenceRecommenderClient, ResourceInUse
from irclient.models import (
    AIRecommendationJobStatus,
    CreateAIRecommendationJobRequest,
    _base,
    _specs,
)
from irclient.testing.wire import FakeWire, canned, http_error, lost, service_error
from samples import (
    AI_ACCOUNT,
    ai_benchmark_job_request_wire,
    ai_recommendation_job_request_wire,
    ai_workload_config_request_wire,
)

JOB_ARN = f"{AI_ACCOUNT}:ai-recommendation-job/llama-sizing-1"


def described_recommendation(created: datetime.datetime, **changes: Any) -> dict[str, Any]:
    """A DescribeAIRecommendationJob body echoing the sample request, as AWS would."""
    body = {
        **ai_recommendation_job_request_wire(),
        "AIRecommendationJobArn": JOB_ARN,
        "AIRecommendationJobStatus": "InProgress",
        "OutputConfig": {"S3OutputLocation": "s3://bucket/recommendations/"},
        "CreationTime": created.timestamp(),
        "Tags": [{"Key": "team", "Value": "llm"}, {"Key": "aws:added", "Value": "x"}],
        "Recommendations": [
            {
                "DeploymentConfiguration": {
                    "InstanceType": "ml.g6.2xlarge",
                    "CopyCountPerInstance": 1,
                    "EnvironmentVariables": {"OPTION_TENSOR_PARALLEL_DEGREE": "1"},
                },
                "ExpectedPerformance": [{"Metric": "cost", "Value": "1.2", "Unit": "USD"}],
            }
        ],
    }
    body.update(changes)
    return body


def test_the_client_has_the_fourteen_methods_and_three_walks() -> None:
    names = [
        "create_ai_workload_config",
        "describe_ai_workload_config",
        "list_ai_workload_configs",
        "delete_ai_workload_config",
        "create_ai_benchmark_job",
        "describe_ai_benchmark_job",
        "list_ai_benchmark_jobs",
        "stop_ai_benchmark_job",
        "delete_ai_benchmark_job",
        "create_ai_recommendation_job",
        "describe_ai_recommendation_job",
        "list_ai_recommendation_jobs",
        "stop_ai_recommendation_job",
        "delete_ai_recommendation_job",
        "iter_ai_workload_configs",
        "iter_ai_workload_config_pages",
        "iter_ai_benchmark_jobs",
        "iter_ai_benchmark_job_pages",
        "iter_ai_recommendation_jobs",
        "iter_ai_recommendation_job_pages",
    ]
    for name in names:
        assert callable(getattr(InferenceRecommenderClient, name)), name


def test_a_describe_is_typed_with_its_map_read_only(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    now = datetime.datetime.now(datetime.UTC)
    fake.always["DescribeAIRecommendationJob"] = canned(described_recommendation(now))
    job = client.describe_ai_recommendation_job(ai_recommendation_job_name="llama-sizing-1")
    assert job.ai_recommendation_job_status is AIRecommendationJobStatus.INPROGRESS
    assert job.recommendations is not None
    deployment = job.recommendations[0].deployment_configuration
    assert deployment is not None
    assert isinstance(deployment.environment_variables, _base.FrozenMap)
    assert deployment.environment_variables == {"OPTION_TENSOR_PARALLEL_DEGREE": "1"}
    assert fake.calls == [
        ("DescribeAIRecommendationJob", {"AIRecommendationJobName": "llama-sizing-1"})
    ]


@pytest.mark.parametrize(
    ("method", "wire", "answer"),
    [
        (
            "create_ai_workload_config",
            ai_workload_config_request_wire,
            {"AIWorkloadConfigArn": f"{AI_ACCOUNT}:ai-workload-config/chat-550-150"},
        ),
        (
            "create_ai_benchmark_job",
            ai_benchmark_job_request_wire,
            {"AIBenchmarkJobArn": f"{AI_ACCOUNT}:ai-benchmark-job/llama-bench-1"},
        ),
        (
            "create_ai_recommendation_job",
            ai_recommendation_job_request_wire,
            {"AIRecommendationJobArn": JOB_ARN},
        ),
    ],
)
def test_each_create_sends_the_wire_form_it_was_given(
    client: InferenceRecommenderClient, fake: FakeWire, method: str, wire: Any, answer: Any
) -> None:
    operation = "".join(part.title() for part in method.split("_")).replace("Ai", "AI")
    fake.always[operation] = canned(answer)
    response = getattr(client, method)(wire())
    assert response.to_dict() == answer
    assert fake.calls == [(operation, wire())]


def test_an_invalid_create_is_refused_before_anything_is_sent(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    wire = ai_recommendation_job_request_wire()
    wire["ComputeSpec"] = {"InstanceTypes": ["ml.g5.xlarge"] * 4}
    wire["AIWorkloadConfigIdentifier"] = "chat-"
    with pytest.raises(Exception) as info:
        client.create_ai_recommendation_job(wire)
    assert {v.path for v in info.value.violations} == {  # type: ignore[attr-defined]
        "compute_spec.instance_types",
        "ai_workload_config_identifier",
    }
    assert fake.calls == []


def test_jobs_are_walked_page_by_page(client: InferenceRecommenderClient, fake: FakeWire) -> None:
    def summary(name: str) -> dict[str, Any]:
        return {
            "AIBenchmarkJobName": name,
            "AIBenchmarkJobArn": f"{AI_ACCOUNT}:ai-benchmark-job/{name}",
            "AIBenchmarkJobStatus": "Completed",
            "CreationTime": 1_800_000_000,
        }

    fake.faults["ListAIBenchmarkJobs"] = [
        canned({"AIBenchmarkJobs": [summary("a"), summary("b")], "NextToken": "t1"}),
        canned({"AIBenchmarkJobs": [summary("c")]}),
    ]
    names = [
        job.ai_benchmark_job_name
        for job in client.iter_ai_benchmark_jobs(status_equals="Completed", page_size=2)
    ]
    assert names == ["a", "b", "c"]
    assert [body for _, body in fake.calls] == [
        {"StatusEquals": "Completed", "MaxResults": 2},
        {"StatusEquals": "Completed", "MaxResults": 2, "NextToken": "t1"},
    ]


# --------------------------------------------------------------------------- safe creates


def test_a_create_whose_response_was_lost_adopts_the_job_holding_the_whole_request(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    now = datetime.datetime.now(datetime.UTC)
    fake.faults["CreateAIRecommendationJob"] = [
        lost(http_error(500, "InternalFailure")),
        service_error("ResourceInUse"),
    ]
    fake.always["DescribeAIRecommendationJob"] = canned(described_recommendation(now))
    response = client.create_ai_recommendation_job(ai_recommendation_job_request_wire())
    assert response.ai_recommendation_job_arn == JOB_ARN
    assert [op for op, _ in fake.calls] == [
        "CreateAIRecommendationJob",
        "CreateAIRecommendationJob",
        "DescribeAIRecommendationJob",
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"ComputeSpec": {"InstanceTypes": ["ml.g5.2xlarge"]}},  # another request's job
        {"PerformanceTarget": {"Constraints": [{"Metric": "throughput"}]}},
        {"Tags": []},  # a tag sent is not there
        {"CreationTime": 1_000_000_000},  # made long before this call
    ],
)
def test_a_job_that_differs_in_any_member_is_not_adopted(
    client: InferenceRecommenderClient, fake: FakeWire, changes: dict[str, Any]
) -> None:
    now = datetime.datetime.now(datetime.UTC)
    fake.faults["CreateAIRecommendationJob"] = [
        lost(http_error(500, "InternalFailure")),
        service_error("ResourceInUse"),
    ]
    fake.always["DescribeAIRecommendationJob"] = canned(described_recommendation(now, **changes))
    with pytest.raises(ResourceInUse):
        client.create_ai_recommendation_job(ai_recommendation_job_request_wire())


def test_a_name_taken_before_the_call_is_resource_in_use_without_a_describe(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.faults["CreateAIWorkloadConfig"] = [service_error("ResourceInUse")]
    with pytest.raises(ResourceInUse):
        client.create_ai_workload_config(ai_workload_config_request_wire())
    assert [op for op, _ in fake.calls] == ["CreateAIWorkloadConfig"]


# --------------------------------------------------------------------------- botocore floor


@pytest.fixture
def old_botocore(client: InferenceRecommenderClient, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The client's botocore model as a release before the family: its operations removed."""
    model = client.boto3_client.meta.service_model
    names = [n for n in model.operation_names if "AI" not in n or "Inference" in n]
    monkeypatch.setattr(type(model), "operation_names", property(lambda self: names))
    monkeypatch.setattr(botocore, "__version__", "1.40.0")
    return model


def test_an_operation_the_installed_botocore_lacks_names_the_release_that_has_it(
    client: InferenceRecommenderClient, fake: FakeWire, old_botocore: Any
) -> None:
    with pytest.raises(BotocoreTooOldError) as info:
        client.describe_ai_benchmark_job(ai_benchmark_job_name="b")
    assert info.value.needed == "1.42.93"
    assert info.value.installed == "1.40.0"
    assert "DescribeAIBenchmarkJob" in str(info.value) and "1.42.93" in str(info.value)
    assert fake.calls == []
    with pytest.raises(BotocoreTooOldError):
        next(client.iter_ai_recommendation_jobs())


def test_the_classic_operations_work_on_an_older_botocore(
    client: InferenceRecommenderClient, fake: FakeWire, old_botocore: Any
) -> None:
    jobs = list(client.iter_jobs())
    assert jobs == []


def test_a_request_member_the_installed_botocore_lacks_names_the_release_that_has_it(
    client: InferenceRecommenderClient, fake: FakeWire, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = client.boto3_client.meta.service_model
    shape = model.shape_for("CreateAIRecommendationJobRequest")
    members = {k: v for k, v in shape.members.items() if k != "AdapterSource"}
    real = model.shape_for

    old = type("OldShape", (), {"members": members})()
    monkeypatch.setattr(
        model,
        "shape_for",
        lambda name, *a: old if name == "CreateAIRecommendationJobRequest" else real(name, *a),
    )
    wire = ai_recommendation_job_request_wire()
    fake.always["CreateAIRecommendationJob"] = canned({"AIRecommendationJobArn": JOB_ARN})
    assert client.create_ai_recommendation_job(wire).ai_recommendation_job_arn == JOB_ARN
    wire["AdapterSource"] = {"S3Uris": [{"AdapterId": "fr", "S3Uri": "s3://b/fr/"}]}
    with pytest.raises(BotocoreTooOldError) as info:
        client.create_ai_recommendation_job(CreateAIRecommendationJobRequest.from_dict(wire))
    assert info.value.member == "CreateAIRecommendationJobRequest.AdapterSource"
    assert info.value.needed == "1.43.57"
    assert [op for op, _ in fake.calls] == ["CreateAIRecommendationJob"]


_MLFLOW = {"MlflowResourceArn": f"{AI_ACCOUNT}:mlflow-tracking-server/tracking"}
_NEWER_MEMBERS: dict[tuple[str, str], tuple[str, Callable[[], dict[str, Any]]]] = {
    ("AIBenchmarkOutputConfig", "MlflowConfig"): (
        "create_ai_benchmark_job",
        lambda: {
            **ai_benchmark_job_request_wire(),
            "OutputConfig": {"S3OutputLocation": "s3://bucket/out/", "MlflowConfig": _MLFLOW},
        },
    ),
    ("AIRecommendationOutputConfig", "MlflowConfig"): (
        "create_ai_recommendation_job",
        lambda: {
            **ai_recommendation_job_request_wire(),
            "OutputConfig": {"S3OutputLocation": "s3://bucket/out/", "MlflowConfig": _MLFLOW},
        },
    ),
    ("CreateAIRecommendationJobRequest", "AdapterSource"): (
        "create_ai_recommendation_job",
        lambda: {
            **ai_recommendation_job_request_wire(),
            "AdapterSource": {"S3Uris": [{"AdapterId": "fr", "S3Uri": "s3://b/fr/"}]},
        },
    ),
    ("InferenceComponentSpecification", "BaseInferenceComponentName"): (
        "create_inference_component",
        lambda: {
            "InferenceComponentName": "adapter-fr",
            "EndpointName": "llama",
            "Specification": {"BaseInferenceComponentName": "llama-ic"},
        },
    ),
}
"""A request that sets each newer member, by the client method that sends it."""


def test_every_newer_member_has_a_request_here_or_is_an_inference_component_member() -> None:
    # The inference-component members newer than the floor go through the same check as the
    # one above (BaseInferenceComponentName); any other newer member needs its own request.
    rest = set(_specs.MEMBERS_SINCE) - set(_NEWER_MEMBERS)
    assert all("InferenceComponent" in shape for shape, _ in rest), sorted(rest)


@pytest.mark.parametrize("member", sorted(_NEWER_MEMBERS), ids="{0[0]}.{0[1]}".format)
def test_a_newer_member_on_the_installed_botocore_is_refused_or_sent(
    client: InferenceRecommenderClient, fake: FakeWire, member: tuple[str, str]
) -> None:
    # Unpatched: on the floor (`nox -s floor`) the installed botocore lacks these members.
    method, wire = _NEWER_MEMBERS[member]
    model = client.boto3_client.meta.service_model
    operation = "".join(part.title() for part in method.split("_")).replace("Ai", "AI")
    fake.always[operation] = canned({f"{operation.removeprefix('Create')}Arn": JOB_ARN})
    if member[1] in model.shape_for(member[0]).members:
        getattr(client, method)(wire())
        assert [op for op, _ in fake.calls] == [operation]
        return
    with pytest.raises(BotocoreTooOldError) as info:
        getattr(client, method)(wire())
    assert info.value.member == ".".join(member)
    assert info.value.needed == _specs.MEMBERS_SINCE[member]
    assert info.value.installed == botocore.__version__
    assert fake.calls == []
