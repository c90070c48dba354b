"""The Inference Recommender simulator, driven through plain boto3 inside moto."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import botocore.config
import pytest
import requests
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.moto_api import state_manager

import irclient
from botocore_floor import SUBSECOND_TIMESTAMPS
from client_support import PACKAGE, ensure_model, ensure_package
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    DescribeInferenceRecommendationsJobResponse,
    ListInferenceRecommendationsJobsResponse,
    ListInferenceRecommendationsJobStepsResponse,
)
from irclient.testing import (
    COMPILE_TAG,
    FAIL_JOB_TAG,
    FAIL_STEP_TAG,
    MODEL_NAME,
    install,
    installed,
    mock_inference_recommender,
    uninstall,
)
from irclient.testing._simulator import InferenceRecommenderState, SimulatedError
from irclient.testing._simulator._aws_errors import aws_path

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"

SRC = str(Path(irclient.__file__).resolve().parent.parent)


def sagemaker(region: str = "us-east-1", **config: Any) -> Any:
    return boto3.client(
        "sagemaker", region_name=region, config=botocore.config.Config(**config) if config else None
    )


def create(client: Any, name: str, *, realtime: bool = True, **overrides: Any) -> str:
    """Create a job; a Default job on a model benchmarks real-time endpoints unless told not to.

    (Without ``SupportedEndpointType`` AWS benchmarks real-time and serverless endpoints;
    most tests here count instance types, so they ask for real-time ones.)
    """
    request: dict[str, Any] = {
        "JobName": name,
        "JobType": "Default",
        "RoleArn": ROLE,
        "InputConfig": {"ModelName": "resnet50"},
    }
    request.update(overrides)
    config = request["InputConfig"]
    if config.get("ModelName") is not None:
        ensure_model(client, config["ModelName"])
    if config.get("ModelPackageVersionArn") == PACKAGE:
        ensure_package(client)
    if realtime and request["JobType"] == "Default" and "ModelName" in config:
        container = config.setdefault("ContainerConfig", {})
        container.setdefault("SupportedEndpointType", "RealTime")
    arn: str = client.create_inference_recommendations_job(**request)["JobArn"]
    return arn


def advanced_input(*endpoints: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"ModelName": "bert", "EndpointConfigurations": list(endpoints), **extra}


def error_of(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call(*args, **kwargs)
    error = info.value.response["Error"]
    return error["Code"], error["Message"]


def all_steps(client: Any, name: str, **filters: Any) -> list[dict[str, Any]]:
    paginator = client.get_paginator("list_inference_recommendations_job_steps")
    return [s for page in paginator.paginate(JobName=name, **filters) for s in page["Steps"]]


def strip_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: strip_times(v)
            for k, v in value.items()
            if k != "ResponseMetadata" and not k.endswith("Time")
        }
    if isinstance(value, list):
        return [strip_times(v) for v in value]
    return value


@pytest.fixture
def sm() -> Iterator[Any]:
    with mock_inference_recommender():
        yield sagemaker()


@pytest.fixture
def restore_transition() -> Iterator[None]:
    yield
    state_manager.unset_transition(MODEL_NAME)


# --------------------------------------------------------------------------- packaging


def test_import_irclient_does_not_import_moto() -> None:
    code = "import sys, irclient, irclient.models; assert 'moto' not in sys.modules, 'moto'"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": SRC})


def test_missing_moto_names_the_extra() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["moto"] = None  # as if moto were not installed
        try:
            import irclient.testing
        except ImportError as exc:
            print(exc)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
    ).stdout
    assert "irclient[testing]" in out


# --------------------------------------------------------------------------- the whole flow


def test_plain_boto3_runs_every_operation() -> None:
    with mock_inference_recommender():
        client = sagemaker()
        arn = create(
            client,
            "Resnet-Job",
            JobDescription="vision model",
            InputConfig={
                "ModelName": "resnet50",
                "ContainerConfig": {"Domain": "COMPUTER_VISION", "Framework": "PYTORCH"},
            },
        )
        assert arn == (
            "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/resnet-job"
        )
        described = client.describe_inference_recommendations_job(JobName="Resnet-Job")
        assert described["Status"] == "COMPLETED"
        assert described["JobArn"] == arn
        assert described["JobDescription"] == "vision model"
        assert described["CreationTime"].tzinfo is not None
        assert described["CompletionTime"] >= described["CreationTime"]
        assert 1 <= len(described["InferenceRecommendations"]) <= 10
        DescribeInferenceRecommendationsJobResponse.from_dict(described)

        first = client.list_inference_recommendations_job_steps(JobName="Resnet-Job", MaxResults=3)
        assert len(first["Steps"]) == 3 and first["NextToken"]
        rest = client.list_inference_recommendations_job_steps(
            JobName="Resnet-Job", MaxResults=100, NextToken=first["NextToken"]
        )
        assert "NextToken" not in rest
        by_hand = first["Steps"] + rest["Steps"]
        assert by_hand == all_steps(client, "Resnet-Job")
        ListInferenceRecommendationsJobStepsResponse.from_dict(rest)
        paginator = client.get_paginator("list_inference_recommendations_job_steps")
        pages = list(paginator.paginate(JobName="Resnet-Job", PaginationConfig={"PageSize": 3}))
        assert [len(p["Steps"]) for p in pages] == [3, 3, 2]
        assert [s for p in pages for s in p["Steps"]] == by_hand

        create(client, "second")
        client.stop_inference_recommendations_job(JobName="second")
        assert client.describe_inference_recommendations_job(JobName="second")["Status"] == (
            "STOPPED"
        )
        jobs = client.list_inference_recommendations_jobs()
        ListInferenceRecommendationsJobsResponse.from_dict(jobs)
        assert [(j["JobName"], j["Status"]) for j in jobs["InferenceRecommendationsJobs"]] == [
            ("second", "STOPPED"),
            ("Resnet-Job", "COMPLETED"),
        ]


def test_decorator_forms() -> None:
    @mock_inference_recommender
    def bare() -> str:
        return create(sagemaker(), "bare")

    @mock_inference_recommender(transition={"progression": "manual", "times": 5})
    def configured() -> str:
        client = sagemaker()
        create(client, "configured")
        status: str = client.describe_inference_recommendations_job(JobName="configured")["Status"]
        return status

    assert bare().endswith("/bare")
    assert configured() == "PENDING"
    assert state_manager.get_transition(MODEL_NAME) == {"progression": "immediate"}


def test_joins_an_active_mock_aws() -> None:
    with mock_aws():
        client = sagemaker()
        with mock_inference_recommender():
            create(client, "inside")
        # The outer mock still runs and still holds the job.
        assert client.describe_inference_recommendations_job(JobName="inside")["Status"]
        with mock_inference_recommender():
            names = client.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]
            assert [j["JobName"] for j in names] == ["inside"]


def test_install_serves_plain_mock_aws() -> None:
    install()
    assert installed()
    with mock_aws():
        create(sagemaker(), "plain")
    uninstall()
    try:
        assert not installed()
        with mock_aws(), pytest.raises(NotImplementedError):
            sagemaker().describe_inference_recommendations_job(JobName="plain")
    finally:
        install()


# --------------------------------------------------------------------------- state


def test_state_is_isolated_between_mocks() -> None:
    with mock_inference_recommender():
        create(sagemaker(), "first-mock")
    with mock_inference_recommender():
        client = sagemaker()
        assert client.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []
        assert error_of(client.describe_inference_recommendations_job, JobName="first-mock")[0] == (
            "ResourceNotFound"
        )


def test_state_is_per_region_and_per_account(sm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    create(sm, "east")
    west = sagemaker("eu-west-1")
    assert west.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []
    assert create(west, "east").startswith("arn:aws:sagemaker:eu-west-1:123456789012:")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    other = sagemaker()
    assert other.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []
    assert ":111122223333:" in create(other, "east")


def test_partition_in_arn() -> None:
    with mock_inference_recommender():
        arn = create(sagemaker("cn-north-1"), "china")
    assert arn.startswith("arn:aws-cn:sagemaker:cn-north-1:")


def test_moto_reset_clears_jobs(sm: Any) -> None:
    create(sm, "to-forget")
    requests.post("http://motoapi.amazonaws.com/moto-api/reset", timeout=5)
    assert sm.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []


# --------------------------------------------------------------------------- errors


def test_validation_message_is_aws_style(sm: Any) -> None:
    code, message = error_of(create, sm, "bad_name")
    assert code == "ValidationException"
    assert message == (
        "1 validation error detected: Value 'bad_name' at 'jobName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
        "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}"
    )


def test_validation_lists_every_violation_with_member_paths(sm: Any) -> None:
    code, message = error_of(
        create,
        sm,
        "x" * 65,
        JobType="Advanced",
        InputConfig=advanced_input(
            {"InstanceType": "ml.m5.large"},
            {"ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 500}},
            {"InstanceType": "ml.nope.xlarge"},
        ),
    )
    assert code == "ValidationException"
    assert message.startswith("3 validation errors detected: ")
    parts = message.removeprefix("3 validation errors detected: ").split("; ")
    assert parts[0] == (
        f"Value '{'x' * 65}' at 'jobName' failed to satisfy constraint: "
        "Member must have length less than or equal to 64"
    )
    assert parts[1] == (
        "Value '500' at 'inputConfig.endpointConfigurations.2.member.serverlessConfig"
        ".maxConcurrency' failed to satisfy constraint: Member must have value less than or "
        "equal to 200"
    )
    assert parts[2].startswith(
        "Value 'ml.nope.xlarge' at 'inputConfig.endpointConfigurations.3.member.instanceType' "
        "failed to satisfy constraint: Member must satisfy enum value set: [ml.t2.medium, "
    )


def test_validation_of_nulls_and_prose_rules() -> None:
    with mock_inference_recommender():
        loose = sagemaker(parameter_validation=False)
        _, missing = error_of(
            loose.create_inference_recommendations_job,
            JobName="no-role",
            JobType="Default",
            InputConfig={"ModelName": "m"},
        )
        _, prose = error_of(
            loose.create_inference_recommendations_job,
            JobName="odd-memory",
            JobType="Advanced",
            RoleArn=ROLE,
            InputConfig=advanced_input(
                {"ServerlessConfig": {"MemorySizeInMB": 1500, "MaxConcurrency": 2}}
            ),
        )
    assert missing == (
        "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
        "Member must not be null"
    )
    assert prose == (
        "1 validation error detected: Value '1500' at 'inputConfig.endpointConfigurations.1"
        ".member.serverlessConfig.memorySizeInMB' failed to satisfy constraint: MemorySizeInMB "
        "is 1500; valid values are in 1 GB increments: 1024, 2048, 3072, 4096, 5120 or 6144"
    )


def test_validation_on_the_other_operations(sm: Any) -> None:
    create(sm, "ok")
    code, message = error_of(
        sm.list_inference_recommendations_job_steps, JobName="ok", MaxResults=101
    )
    assert (code, message) == (
        "ValidationException",
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 100",
    )
    assert error_of(sm.describe_inference_recommendations_job, JobName="not valid")[0] == (
        "ValidationException"
    )
    _, message = error_of(sm.list_inference_recommendations_jobs, SortBy="Size")
    assert message.endswith("Member must satisfy enum value set: [Name, CreationTime, Status]")


def test_simulator_rules_beyond_the_model(sm: Any) -> None:
    _, message = error_of(
        create, sm, "two-models", InputConfig={"ModelName": "m", "ModelPackageVersionArn": PACKAGE}
    )
    assert "both ModelPackageVersionArn and ModelName; give exactly one" in message
    _, message = error_of(create, sm, "empty-advanced", JobType="Advanced")
    assert "EndpointConfigurations" in message


def test_aws_path_conversion() -> None:
    path = "input_config.endpoint_configurations[0].serverless_config.memory_size_in_mb"
    assert aws_path(path, CreateInferenceRecommendationsJobRequest) == (
        "inputConfig.endpointConfigurations.1.member.serverlessConfig.memorySizeInMB"
    )
    assert aws_path("tags[2].key", CreateInferenceRecommendationsJobRequest) == (
        "tags.3.member.key"
    )


def test_duplicate_name_is_resource_in_use(sm: Any) -> None:
    create(sm, "twice")
    code, message = error_of(create, sm, "twice")
    assert code == "ResourceInUse"
    assert "twice" in message


@pytest.mark.parametrize(
    "operation",
    [
        "describe_inference_recommendations_job",
        "list_inference_recommendations_job_steps",
        "stop_inference_recommendations_job",
    ],
)
def test_unknown_job_is_resource_not_found(sm: Any, operation: str) -> None:
    code, message = error_of(getattr(sm, operation), JobName="ghost")
    assert code == "ResourceNotFound"
    assert "'ghost' does not exist" in message


def test_bad_and_foreign_page_tokens(sm: Any) -> None:
    create(sm, "paged")
    create(sm, "other")
    assert error_of(
        sm.list_inference_recommendations_job_steps, JobName="paged", NextToken="garbage"
    )[0] == ("ValidationException")
    token = sm.list_inference_recommendations_job_steps(JobName="paged", MaxResults=1)["NextToken"]
    code, message = error_of(
        sm.list_inference_recommendations_job_steps, JobName="other", NextToken=token
    )
    assert code == "ValidationException" and "does not belong" in message


# --------------------------------------------------------------------------- filters, sort


def test_step_filters(sm: Any) -> None:
    create(
        sm,
        "mixed",
        InputConfig={
            "ModelName": "m",
            "ContainerConfig": {"SupportedInstanceTypes": ["ml.c5.xlarge", "ml.m5.xlarge"]},
        },
        Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}],
    )
    failed = all_steps(sm, "mixed", Status="FAILED")
    assert [s["InferenceBenchmark"]["EndpointConfiguration"]["InstanceType"] for s in failed] == [
        "ml.c5.xlarge"
    ]
    assert "simulated failure" in failed[0]["InferenceBenchmark"]["FailureReason"]
    assert "Metrics" not in failed[0]["InferenceBenchmark"]
    completed = all_steps(sm, "mixed", Status="COMPLETED", StepType="BENCHMARK")
    assert len(completed) == 1 and completed[0]["InferenceBenchmark"]["Metrics"]
    assert all_steps(sm, "mixed", Status="STOPPED") == []
    described = sm.describe_inference_recommendations_job(JobName="mixed")
    assert described["Status"] == "COMPLETED"
    assert [
        r["EndpointConfiguration"]["InstanceType"] for r in described["InferenceRecommendations"]
    ] == ["ml.m5.xlarge"]


def test_a_list_reads_every_job_and_only_moves_what_it_reads(
    sm: Any, restore_transition: None
) -> None:
    # A poller that only lists sees its job finish: a list is a read of every job.
    create(sm, "solo")
    (summary,) = sm.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]
    assert summary["Status"] == "COMPLETED"
    # A describe is a read of that job alone: under the manual progression it moves no other.
    state_manager.set_transition(MODEL_NAME, {"progression": "manual", "times": 1})
    create(sm, "mine")
    create(sm, "theirs")
    sm.describe_inference_recommendations_job(JobName="mine")
    sm.describe_inference_recommendations_job(JobName="mine")
    everything = sm.list_inference_recommendations_jobs(NameContains="i")
    # The list read each job once more: mine ended, theirs took its first step.
    assert {j["JobName"]: j["Status"] for j in everything["InferenceRecommendationsJobs"]} == {
        "mine": "COMPLETED",
        "theirs": "IN_PROGRESS",
    }
    sm.stop_inference_recommendations_job(JobName="theirs")  # still running, so stoppable
    listed = sm.list_inference_recommendations_jobs(StatusEquals="STOPPED")
    assert [j["JobName"] for j in listed["InferenceRecommendationsJobs"]] == ["theirs"]


def test_list_jobs_filters_sort_and_paging(sm: Any) -> None:
    create(sm, "alpha-one")
    time.sleep(0.01)
    create(sm, "beta-two", InputConfig={"ModelPackageVersionArn": PACKAGE})
    time.sleep(0.01)
    create(sm, "alpha-three", InputConfig={"ModelName": "other"})
    sm.stop_inference_recommendations_job(JobName="alpha-three")
    for name in ("alpha-one", "beta-two", "alpha-three"):  # a describe moves a job on
        sm.describe_inference_recommendations_job(JobName=name)

    def names(**kwargs: Any) -> list[str]:
        jobs = sm.list_inference_recommendations_jobs(**kwargs)["InferenceRecommendationsJobs"]
        return [j["JobName"] for j in jobs]

    assert names() == ["alpha-three", "beta-two", "alpha-one"]
    assert names(SortOrder="Ascending") == ["alpha-one", "beta-two", "alpha-three"]
    assert names(SortBy="Name", SortOrder="Ascending") == ["alpha-one", "alpha-three", "beta-two"]
    assert names(SortBy="Status", SortOrder="Ascending") == [
        "alpha-one",
        "beta-two",
        "alpha-three",
    ]
    assert names(NameContains="ALPHA") == ["alpha-three", "alpha-one"]
    assert names(StatusEquals="STOPPED") == ["alpha-three"]
    assert names(ModelNameEquals="resnet50") == ["alpha-one"]
    assert names(ModelPackageVersionArnEquals=PACKAGE) == ["beta-two"]

    beta = sm.describe_inference_recommendations_job(JobName="beta-two")
    if SUBSECOND_TIMESTAMPS:
        # The three jobs were made within a second: an older botocore (the floor's) sends
        # whole seconds, and cannot ask for the jobs after a moment within that second.
        assert names(CreationTimeAfter=beta["CreationTime"]) == ["alpha-three"]
        assert names(CreationTimeBefore=beta["CreationTime"]) == ["alpha-one"]
    future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    assert names(LastModifiedTimeAfter=future) == []
    assert len(names(LastModifiedTimeBefore=future)) == 3

    first = sm.list_inference_recommendations_jobs(MaxResults=2, SortBy="Name")
    assert [j["JobName"] for j in first["InferenceRecommendationsJobs"]] == [
        "beta-two",
        "alpha-three",
    ]
    second = sm.list_inference_recommendations_jobs(
        MaxResults=2, SortBy="Name", NextToken=first["NextToken"]
    )
    assert [j["JobName"] for j in second["InferenceRecommendationsJobs"]] == ["alpha-one"]
    assert "NextToken" not in second
    paginator = sm.get_paginator("list_inference_recommendations_jobs")
    pages = list(paginator.paginate(SortBy="Name", PaginationConfig={"PageSize": 1}))
    assert [p["InferenceRecommendationsJobs"][0]["JobName"] for p in pages] == [
        "beta-two",
        "alpha-three",
        "alpha-one",
    ]
    summary = sm.list_inference_recommendations_jobs(NameContains="beta")[
        "InferenceRecommendationsJobs"
    ][0]
    assert summary["JobDescription"] == ""
    assert summary["ModelPackageVersionArn"].startswith("arn:aws:sagemaker:")


# --------------------------------------------------------------------------- lifecycle


def test_immediate_progression_completes_on_first_describe(sm: Any) -> None:
    create(sm, "quick")
    job = sm.describe_inference_recommendations_job(JobName="quick")
    assert job["Status"] == "COMPLETED"
    assert job["LastModifiedTime"] == job["CompletionTime"]


def test_manual_progression(sm: Any, restore_transition: None) -> None:
    # Each read of any kind moves the job half a step: two reads per step.
    state_manager.set_transition(MODEL_NAME, {"progression": "manual", "times": 2})
    create(sm, "slow")

    def status() -> str:
        value: str = sm.describe_inference_recommendations_job(JobName="slow")["Status"]
        return value

    assert [status(), status()] == ["PENDING", "IN_PROGRESS"]
    # The third read (a list of steps) is half-way through IN_PROGRESS.
    steps = sm.list_inference_recommendations_job_steps(JobName="slow")["Steps"]
    assert [s["Status"] for s in steps] == ["COMPLETED"] * 3 + ["IN_PROGRESS"] + ["PENDING"] * 4
    assert "Metrics" in steps[0]["InferenceBenchmark"]
    assert "Metrics" not in steps[-1]["InferenceBenchmark"]
    assert status() == "COMPLETED"
    assert {s["Status"] for s in all_steps(sm, "slow")} == {"COMPLETED"}


def test_reads_of_every_kind_agree(sm: Any, restore_transition: None) -> None:
    state_manager.set_transition(MODEL_NAME, {"progression": "manual", "times": 3})
    create(sm, "agreed")
    for _ in range(4):
        described = sm.describe_inference_recommendations_job(JobName="agreed")
        # The list and the steps read the job too; each then reports the same moment's job.
        (listed,) = sm.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]
        assert listed["LastModifiedTime"] >= described["LastModifiedTime"]
    assert listed["Status"] == "COMPLETED"
    steps = sm.list_inference_recommendations_job_steps(JobName="agreed")["Steps"]
    assert {s["Status"] for s in steps} == {"COMPLETED"}


def test_the_time_progression_follows_the_virtual_clock() -> None:
    with mock_inference_recommender(
        transition={"progression": "time", "seconds": 10}, freeze_time=True
    ) as mock:
        client = sagemaker()
        create(client, "clocked")
        (summary,) = client.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]
        assert summary["Status"] == "PENDING"
        mock.advance(15)  # half-way through IN_PROGRESS, though nothing read the job meanwhile
        steps = client.list_inference_recommendations_job_steps(JobName="clocked")["Steps"]
        assert [s["Status"] for s in steps] == (
            ["COMPLETED"] * 3 + ["IN_PROGRESS"] + ["PENDING"] * 4
        )
        job = client.describe_inference_recommendations_job(JobName="clocked")
        assert job["Status"] == "IN_PROGRESS"
        assert job["LastModifiedTime"] - job["CreationTime"] == datetime.timedelta(seconds=10)
        mock.advance(25)  # 3.5 steps after creation: as far as that allows, in one read
        job = client.describe_inference_recommendations_job(JobName="clocked")
        assert job["Status"] == "COMPLETED"
        assert job["CompletionTime"] - job["CreationTime"] == datetime.timedelta(seconds=20)
        with pytest.raises(ValueError, match="forward"):
            mock.advance(-1)


def test_time_progression(restore_transition: None) -> None:
    with mock_inference_recommender(transition={"progression": "time", "seconds": 0.2}):
        client = sagemaker()
        create(client, "timed")
        seen = [client.describe_inference_recommendations_job(JobName="timed")["Status"]]
        for _ in range(2):
            time.sleep(0.3)
            seen.append(client.describe_inference_recommendations_job(JobName="timed")["Status"])
    assert seen == ["PENDING", "IN_PROGRESS", "COMPLETED"]


def test_stop_goes_through_stopping(sm: Any, restore_transition: None) -> None:
    state_manager.set_transition(MODEL_NAME, {"progression": "manual", "times": 2})
    create(sm, "halt")
    for _ in range(3):  # PENDING, IN_PROGRESS, half-way
        sm.describe_inference_recommendations_job(JobName="halt")
    sm.stop_inference_recommendations_job(JobName="halt")
    sm.stop_inference_recommendations_job(JobName="halt")  # stopping twice is harmless
    statuses = [
        sm.describe_inference_recommendations_job(JobName="halt")["Status"] for _ in range(2)
    ]
    assert statuses == ["STOPPING", "STOPPED"]
    steps = all_steps(sm, "halt")
    assert [s["Status"] for s in steps] == ["COMPLETED"] * 3 + ["STOPPED"] * 5
    job = sm.describe_inference_recommendations_job(JobName="halt")
    assert job["CompletionTime"] and "InferenceRecommendations" not in job


def check_times(client: Any, name: str, before: datetime.datetime) -> list[dict[str, Any]]:
    """Every time of the job and its steps in order, and none of them in the future."""
    job = client.describe_inference_recommendations_job(JobName=name)
    steps = all_steps(client, name)
    now = datetime.datetime.now(datetime.UTC)
    created, modified = job["CreationTime"], job["LastModifiedTime"]
    assert before - datetime.timedelta(milliseconds=1) <= created <= modified <= now
    end_of_run = job.get("CompletionTime", modified)
    assert created <= end_of_run <= modified
    timed = [
        s["InferenceBenchmark"] for s in steps if "InvocationStartTime" in s["InferenceBenchmark"]
    ]
    for bench in timed:
        start, end = bench["InvocationStartTime"], bench["InvocationEndTime"]
        assert created <= start <= end <= end_of_run, (created, start, end, end_of_run)
    # A recommendation is one of the benchmarks: the same times.
    by_endpoint = {
        b["EndpointConfiguration"]["EndpointName"]: (
            b["InvocationStartTime"],
            b["InvocationEndTime"],
        )
        for b in timed
    }
    for rec in job.get("InferenceRecommendations", ()):
        name_ = rec["EndpointConfiguration"]["EndpointName"]
        assert (rec["InvocationStartTime"], rec["InvocationEndTime"]) == by_endpoint[name_]
    listed = client.list_inference_recommendations_jobs(NameContains=name)
    (summary,) = [j for j in listed["InferenceRecommendationsJobs"] if j["JobName"] == name]
    assert summary["CreationTime"] == created
    if job["Status"] in ("COMPLETED", "FAILED", "STOPPED"):
        # (A read moves a running job under the manual progression: only an ended one stays.)
        assert summary.get("CompletionTime") == job.get("CompletionTime")
    return timed


def test_times_are_consistent_and_never_in_the_future(sm: Any) -> None:
    before = datetime.datetime.now(datetime.UTC)
    create(sm, "quick")
    timed = check_times(sm, "quick", before)
    assert len(timed) == 8
    # Benchmarks run in their planned order: each starts no earlier than the one before.
    starts = [b["InvocationStartTime"] for b in timed]
    assert starts == sorted(starts)


def test_times_of_a_stopped_and_a_failed_job(sm: Any, restore_transition: None) -> None:
    state_manager.set_transition(MODEL_NAME, {"progression": "manual", "times": 2})
    before = datetime.datetime.now(datetime.UTC)
    create(sm, "halt")
    create(sm, "broken", Tags=[{"Key": FAIL_JOB_TAG, "Value": "boom"}])
    for _ in range(3):
        sm.describe_inference_recommendations_job(JobName="halt")
    time.sleep(0.01)
    sm.stop_inference_recommendations_job(JobName="halt")
    assert len(check_times(sm, "halt", before)) == 3  # STOPPING: what finished before
    while sm.describe_inference_recommendations_job(JobName="broken")["Status"] != "FAILED":
        time.sleep(0.001)
    assert len(check_times(sm, "broken", before)) == 4
    assert check_times(sm, "halt", before)  # STOPPED now


def test_times_follow_a_time_progression(restore_transition: None) -> None:
    with mock_inference_recommender(transition={"progression": "time", "seconds": 0.1}):
        client = sagemaker()
        before = datetime.datetime.now(datetime.UTC)
        create(client, "timed")
        while client.describe_inference_recommendations_job(JobName="timed")["Status"] != (
            "COMPLETED"
        ):
            time.sleep(0.05)
        timed = check_times(client, "timed", before)
    # Half the benchmarks finished on the way (IN_PROGRESS), the rest at completion: the
    # second half started after the first half ended.
    assert timed[4]["InvocationStartTime"] >= timed[3]["InvocationEndTime"]


def test_stop_a_finished_job_is_refused(sm: Any) -> None:
    create(sm, "finished")
    sm.describe_inference_recommendations_job(JobName="finished")
    code, message = error_of(sm.stop_inference_recommendations_job, JobName="finished")
    assert code == "ValidationException" and "COMPLETED" in message


def test_job_failure_tag(sm: Any) -> None:
    tags = [{"Key": FAIL_JOB_TAG, "Value": "Model container failed its health check"}]
    create(sm, "doomed", Tags=tags)
    job = sm.describe_inference_recommendations_job(JobName="doomed")
    assert job["Status"] == "FAILED"
    assert job["FailureReason"] == "Model container failed its health check"
    assert "InferenceRecommendations" not in job
    steps = all_steps(sm, "doomed")
    assert [s["Status"] for s in steps] == ["COMPLETED"] * 4 + ["FAILED"] * 4
    assert steps[-1]["InferenceBenchmark"]["FailureReason"] == job["FailureReason"]
    listed = sm.list_inference_recommendations_jobs(StatusEquals="FAILED")
    assert listed["InferenceRecommendationsJobs"][0]["FailureReason"] == job["FailureReason"]


def test_every_step_failing_fails_the_job(sm: Any) -> None:
    create(sm, "all-bad", Tags=[{"Key": FAIL_STEP_TAG, "Value": "all"}])
    job = sm.describe_inference_recommendations_job(JobName="all-bad")
    assert job["Status"] == "FAILED"
    assert job["FailureReason"].startswith("All 8 benchmarks failed")
    assert {s["Status"] for s in all_steps(sm, "all-bad")} == {"FAILED"}


# --------------------------------------------------------------------------- results


def instance_types(steps: list[dict[str, Any]]) -> list[str]:
    return [s["InferenceBenchmark"]["EndpointConfiguration"]["InstanceType"] for s in steps]


def metrics_by_type(client: Any, name: str) -> dict[str, dict[str, Any]]:
    return {
        s["InferenceBenchmark"]["EndpointConfiguration"]["InstanceType"]: s["InferenceBenchmark"][
            "Metrics"
        ]
        for s in all_steps(client, name)
    }


def test_default_job_benchmarks_supported_instance_types(sm: Any) -> None:
    wanted = ["ml.c6i.large", "ml.g5.2xlarge", "ml.r5.xlarge"]
    create(
        sm,
        "listed",
        InputConfig={"ModelName": "m", "ContainerConfig": {"SupportedInstanceTypes": wanted}},
    )
    assert instance_types(all_steps(sm, "listed")) == wanted


def test_default_sets_follow_the_domain(sm: Any) -> None:
    create(
        sm,
        "vision",
        InputConfig={"ModelName": "m", "ContainerConfig": {"Domain": "COMPUTER_VISION"}},
    )
    create(
        sm,
        "tabular",
        InputConfig={
            "ModelName": "m",
            "ContainerConfig": {"Domain": "MACHINE_LEARNING", "Framework": "XGBOOST"},
        },
    )
    vision = metrics_by_type(sm, "vision")
    tabular = metrics_by_type(sm, "tabular")
    assert any(t.startswith(("ml.g", "ml.inf")) for t in vision)
    assert all(t.startswith(("ml.c", "ml.m", "ml.r")) for t in tabular)
    # GPUs serve vision faster and cheaper per inference than CPUs.
    assert vision["ml.g4dn.xlarge"]["ModelLatency"] < vision["ml.c5.xlarge"]["ModelLatency"]
    assert vision["ml.g4dn.xlarge"]["CostPerInference"] < vision["ml.c5.xlarge"]["CostPerInference"]
    best = sm.describe_inference_recommendations_job(JobName="vision")["InferenceRecommendations"]
    assert best[0]["EndpointConfiguration"]["InstanceType"].startswith(("ml.g", "ml.inf"))


def test_metrics_are_consistent_and_plausible(sm: Any) -> None:
    create(sm, "check", InputConfig={"ModelName": "m", "ContainerConfig": {"Domain": "NLP"}})
    for m in metrics_by_type(sm, "check").values():
        assert m["CostPerInference"] == pytest.approx(
            m["CostPerHour"] / (m["MaxInvocations"] * 60), rel=0.01
        )
        assert 0 < m["CpuUtilization"] <= 100 and 0 < m["MemoryUtilization"] <= 100
        assert m["ModelLatency"] >= 1 and m["MaxInvocations"] >= 1
    prices = metrics_by_type(sm, "check")
    assert prices["ml.g4dn.xlarge"]["CostPerHour"] == 0.736
    assert prices["ml.m5.4xlarge"]["CostPerHour"] == pytest.approx(0.92)


def test_advanced_job_benchmarks_configurations_times_parameters(sm: Any) -> None:
    ranges = {
        "CategoricalParameterRanges": [
            {"Name": "OMP_NUM_THREADS", "Value": ["1", "2", "4"]},
            {"Name": "SAGEMAKER_MODEL_SERVER_WORKERS", "Value": ["1", "2"]},
        ]
    }
    create(
        sm,
        "advanced",
        JobType="Advanced",
        InputConfig=advanced_input(
            {"InstanceType": "ml.c5.xlarge", "EnvironmentParameterRanges": ranges},
            {"InstanceType": "ml.g4dn.xlarge", "EnvironmentParameterRanges": ranges},
            {"ServerlessConfig": {"MemorySizeInMB": 4096, "MaxConcurrency": 10}},
        ),
        StoppingConditions={"MaxInvocations": 3000},
    )
    steps = all_steps(sm, "advanced")
    assert len(steps) == 6 + 6 + 1
    combos = {
        tuple(
            (p["Key"], p["Value"])
            for p in s["InferenceBenchmark"]["ModelConfiguration"]["EnvironmentParameters"]
        )
        for s in steps[:6]
    }
    assert len(combos) == 6
    serverless = steps[-1]["InferenceBenchmark"]
    assert serverless["EndpointConfiguration"]["ServerlessConfig"] == {
        "MemorySizeInMB": 4096,
        "MaxConcurrency": 10,
    }
    assert serverless["Metrics"]["ModelSetupTime"] > 0
    assert all(s["InferenceBenchmark"]["Metrics"]["MaxInvocations"] <= 3000 for s in steps)
    # Parameter values change the results, and the recommendations stop at ten.
    assert len({s["InferenceBenchmark"]["Metrics"]["CostPerInference"] for s in steps[:6]}) > 1
    recommendations = sm.describe_inference_recommendations_job(JobName="advanced")[
        "InferenceRecommendations"
    ]
    assert len(recommendations) == 10
    costs = [r["Metrics"]["CostPerInference"] for r in recommendations]
    assert costs == sorted(costs)


def existing_endpoint(client: Any, name: str, *variants: dict[str, Any]) -> None:
    ensure_model(client, "m")
    client.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[
            {"VariantName": f"v{i}", "ModelName": "m", **variant}
            for i, variant in enumerate(
                variants or ({"InstanceType": "ml.c5.2xlarge", "InitialInstanceCount": 3},)
            )
        ],
    )
    client.create_endpoint(EndpointName=name, EndpointConfigName=name)


def test_advanced_resource_limit_and_existing_endpoints(sm: Any) -> None:
    existing_endpoint(sm, "prod-endpoint")
    create(
        sm,
        "limited",
        JobType="Advanced",
        InputConfig=advanced_input(
            {"InstanceType": "ml.c5.xlarge"},
            {"InstanceType": "ml.m5.xlarge"},
            {"InstanceType": "ml.r5.xlarge"},
            ResourceLimit={"MaxNumberOfTests": 2, "MaxParallelOfTests": 1},
            Endpoints=[{"EndpointName": "prod-endpoint"}],
        ),
    )
    assert instance_types(all_steps(sm, "limited")) == ["ml.c5.xlarge", "ml.m5.xlarge"]
    job = sm.describe_inference_recommendations_job(JobName="limited")
    (performance,) = job["EndpointPerformances"]
    assert performance["EndpointInfo"] == {"EndpointName": "prod-endpoint"}
    assert performance["Metrics"]["MaxInvocations"] > 0

    create(
        sm,
        "endpoints-only",
        JobType="Advanced",
        InputConfig={"ModelName": "m", "Endpoints": [{"EndpointName": "prod-endpoint"}]},
    )
    assert all_steps(sm, "endpoints-only") == []
    job = sm.describe_inference_recommendations_job(JobName="endpoints-only")
    assert job["Status"] == "COMPLETED" and job["InferenceRecommendations"] == []
    assert len(job["EndpointPerformances"]) == 1


def test_an_existing_endpoint_is_measured_as_configured(sm: Any) -> None:
    # Three ml.c5.2xlarge instances sustain more than one ml.m5.xlarge (the old assumption).
    existing_endpoint(sm, "big")
    existing_endpoint(sm, "small", {"InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 1})
    invocations = {}
    for name in ("big", "small"):
        create(
            sm,
            f"on-{name}",
            JobType="Advanced",
            InputConfig={"ModelName": "m", "Endpoints": [{"EndpointName": name}]},
        )
        job = sm.describe_inference_recommendations_job(JobName=f"on-{name}")
        invocations[name] = job["EndpointPerformances"][0]["Metrics"]["MaxInvocations"]
    assert invocations["big"] > 3 * invocations["small"] * 0.8


def test_what_a_job_names_must_exist(sm: Any) -> None:
    def refusal(**input_config: Any) -> str:
        code, message = error_of(
            sm.create_inference_recommendations_job,
            JobName="ghost",
            JobType="Advanced" if "Endpoints" in input_config else "Default",
            RoleArn=ROLE,
            InputConfig=input_config,
        )
        assert code == "ValidationException"
        return message

    assert refusal(ModelName="never-created") == (
        "Could not find model 'arn:aws:sagemaker:us-east-1:123456789012:model/never-created'."
    )
    assert "does not exist" in refusal(ModelPackageVersionArn=PACKAGE)
    ensure_model(sm, "m")
    assert "Could not find endpoint 'nowhere'" in refusal(
        ModelName="m", Endpoints=[{"EndpointName": "nowhere"}]
    )
    existing_endpoint(
        sm,
        "two-variants",
        {"InstanceType": "ml.c5.xlarge", "InitialInstanceCount": 1},
        {"InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 1},
    )
    assert "only one variant" in refusal(
        ModelName="m", Endpoints=[{"EndpointName": "two-variants"}]
    )
    existing_endpoint(sm, "scaled")
    boto3.client("application-autoscaling", region_name="us-east-1").register_scalable_target(
        ServiceNamespace="sagemaker",
        ResourceId="endpoint/scaled/variant/v0",
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        MinCapacity=1,
        MaxCapacity=4,
    )
    assert "autoscaling" in refusal(ModelName="m", Endpoints=[{"EndpointName": "scaled"}])
    # Nothing was created by the refusals.
    assert sm.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []


def test_a_model_package_stands_in_for_a_missing_container_config(sm: Any) -> None:
    create(sm, "packaged", InputConfig={"ModelPackageVersionArn": PACKAGE})
    steps = all_steps(sm, "packaged")
    # The package supports two instance types: those are benchmarked, with serverless ones
    # (the package names no endpoint type, so AWS's combined list applies).
    targets = [
        s["InferenceBenchmark"]["EndpointConfiguration"].get("InstanceType", "serverless")
        for s in steps
    ]
    assert targets == ["ml.c5.xlarge", "ml.g4dn.xlarge"] + ["serverless"] * 3
    (summary,) = sm.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]
    assert summary["SamplePayloadUrl"] == "s3://payloads/resnet.tar.gz"


def test_what_a_job_names_is_looked_up_in_its_own_region(sm: Any) -> None:
    ensure_model(sm, "east-only")
    ensure_package(sm)
    west = sagemaker("eu-west-1")
    refusals = {
        "arn:aws:sagemaker:eu-west-1:123456789012:model/east-only": {"ModelName": "east-only"},
        f"'{PACKAGE}' does not exist": {"ModelPackageVersionArn": PACKAGE},
    }
    for expected, input_config in refusals.items():
        code, message = error_of(
            west.create_inference_recommendations_job,
            JobName="elsewhere",
            JobType="Default",
            RoleArn=ROLE,
            InputConfig=input_config,
        )
        assert code == "ValidationException" and expected in message
    assert west.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []


def test_an_existing_endpoint_must_be_real_time_and_hold_one_model(sm: Any) -> None:
    # AWS's other documented exclusions: serverless and multi-model endpoints.
    existing_endpoint(
        sm, "pay-per-use", {"ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}
    )
    sm.create_model(
        ModelName="many",
        ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": "img", "ModelDataUrl": "s3://b/models/", "Mode": "MultiModel"},
    )
    sm.create_endpoint_config(
        EndpointConfigName="shared",
        ProductionVariants=[
            {
                "VariantName": "v0",
                "ModelName": "many",
                "InstanceType": "ml.c5.xlarge",
                "InitialInstanceCount": 1,
            }
        ],
    )
    sm.create_endpoint(EndpointName="shared", EndpointConfigName="shared")
    for name, rule in (("pay-per-use", "only supported for real-time"), ("shared", "multi-model")):
        code, message = error_of(
            sm.create_inference_recommendations_job,
            JobName=f"on-{name}",
            JobType="Advanced",
            RoleArn=ROLE,
            InputConfig={"ModelName": "m", "Endpoints": [{"EndpointName": name}]},
        )
        assert code == "ValidationException"
        assert f"Endpoint '{name}'" in message and rule in message
    assert sm.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"] == []


def register_package(client: Any, group: str, **package: Any) -> str:
    """A model package version of its own group, in moto."""
    client.create_model_package_group(ModelPackageGroupName=group)
    arn: str = client.create_model_package(ModelPackageGroupName=group, **package)[
        "ModelPackageArn"
    ]
    return arn


def test_a_packages_own_domain_and_framework_choose_the_benchmarks(sm: Any) -> None:
    # No instance types in the package: its Domain and Framework decide the workload, so the
    # tabular set is benchmarked, not the generic one.
    arn = register_package(
        sm,
        "churn",
        Domain="MACHINE_LEARNING",
        Task="CLASSIFICATION",
        InferenceSpecification={
            "Containers": [{"Image": "xgb:1", "Framework": "XGBOOST"}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
    )
    create(sm, "by-package", InputConfig={"ModelPackageVersionArn": arn})
    real_time = [
        s
        for s in all_steps(sm, "by-package")
        if "InstanceType" in s["InferenceBenchmark"]["EndpointConfiguration"]
    ]
    tabular = instance_types(real_time)
    assert tabular and all(t.startswith(("ml.c", "ml.m", "ml.r")) for t in tabular)
    # A ContainerConfig in the request overrides the package, as AWS documents.
    create(
        sm,
        "overridden",
        InputConfig={
            "ModelPackageVersionArn": arn,
            "ContainerConfig": {
                "Domain": "COMPUTER_VISION",
                "SupportedEndpointType": "RealTime",
                "SupportedInstanceTypes": ["ml.g5.xlarge"],
            },
        },
    )
    assert instance_types(all_steps(sm, "overridden")) == ["ml.g5.xlarge"]
    # The package's workload is tabular (6 ms a request on a core), not generic (60 ms).
    assert all(s["InferenceBenchmark"]["Metrics"]["ModelLatency"] < 20 for s in real_time)


def test_log_lines_are_written_on_the_jobs_clock() -> None:
    from irclient.joblogs import JOB_LOG_GROUP, execution_stream

    with mock_inference_recommender(
        transition={"progression": "time", "seconds": 10}, freeze_time=True
    ) as mock:
        client = sagemaker()
        create(client, "clocked")
        logs = boto3.client("logs", region_name="us-east-1")

        def lines() -> list[dict[str, Any]]:
            # Only CloudWatch Logs is read: no describe or list moves the job meanwhile.
            events: list[dict[str, Any]] = logs.get_log_events(
                logGroupName=JOB_LOG_GROUP,
                logStreamName=execution_stream("clocked"),
                startFromHead=True,
            )["events"]
            return events

        created = lines()
        assert created and not any("completed" in e["message"] for e in created)
        mock.advance(15)  # half-way through the job: some benchmarks, not the end
        midway = lines()
        finished = [
            e
            for e in midway
            if e["message"].startswith("Benchmark") and "completed" in e["message"]
        ]
        assert 0 < len(finished) < 8
        assert not any(e["message"].startswith("Job completed") for e in midway)
        mock.advance(25)
        whole = lines()
        assert whole[: len(midway)] == midway  # nothing rewritten, only appended
        assert whole[-1]["message"].startswith("Job completed: 8 of 8")
        job = client.describe_inference_recommendations_job(JobName="clocked")
    # Each line is stamped with the moment the job's time reached it, not when it was read.
    stamps = [e["timestamp"] for e in whole]
    assert stamps == sorted(stamps)
    assert stamps[0] == int(job["CreationTime"].timestamp() * 1000)
    assert stamps[-1] == int(job["CompletionTime"].timestamp() * 1000)


def test_a_default_job_without_an_endpoint_type_benchmarks_both_kinds(sm: Any) -> None:
    create(sm, "combined", realtime=False)
    job = sm.describe_inference_recommendations_job(JobName="combined")
    kinds = [
        "serverless"
        if "ServerlessConfig" in s["InferenceBenchmark"]["EndpointConfiguration"]
        else "real-time"
        for s in all_steps(sm, "combined")
    ]
    assert kinds == ["real-time"] * 8 + ["serverless"] * 3
    for recommendation in job["InferenceRecommendations"]:
        assert recommendation["ModelConfiguration"]["EnvironmentParameters"] == []


def test_tags_are_moto_tags(sm: Any) -> None:
    arn = create(sm, "tagged", Tags=[{"Key": "team", "Value": "vision"}])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "vision"}]
    sm.add_tags(ResourceArn=arn, Tags=[{"Key": "stage", "Value": "dev"}])
    sm.delete_tags(ResourceArn=arn, TagKeys=["team"])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "stage", "Value": "dev"}]
    code, _ = error_of(sm.list_tags, ResourceArn=arn.replace("/tagged", "/untagged"))
    assert code == "ValidationException"


def test_names_are_unique_regardless_of_case(sm: Any) -> None:
    create(sm, "alpha-1")
    code, _ = error_of(create, sm, "Alpha-1")
    assert code == "ResourceInUse"
    assert sm.describe_inference_recommendations_job(JobName="ALPHA-1")["JobName"] == "alpha-1"


def test_a_compiled_benchmark_leaves_a_compilation_job(sm: Any) -> None:
    create(sm, "compiled", Tags=[{"Key": COMPILE_TAG, "Value": "all"}])
    job = sm.describe_inference_recommendations_job(JobName="compiled")
    best = job["InferenceRecommendations"][0]
    name = best["ModelConfiguration"]["CompilationJobName"]
    compilation = sm.describe_compilation_job(CompilationJobName=name)
    assert compilation["CompilationJobStatus"] == "COMPLETED"
    assert compilation["ModelArtifacts"]["S3ModelArtifacts"].endswith(f"/{name}/")


def test_a_job_created_between_pages_repeats_and_skips_nothing(sm: Any) -> None:
    for name in ("page-a", "page-b", "page-c"):
        create(sm, name)
        time.sleep(0.002)
    first = sm.list_inference_recommendations_jobs(MaxResults=2)
    create(sm, "page-d")
    rest = sm.list_inference_recommendations_jobs(MaxResults=2, NextToken=first["NextToken"])
    seen = [j["JobName"] for p in (first, rest) for j in p["InferenceRecommendationsJobs"]]
    assert seen == ["page-c", "page-b", "page-a"]
    assert "page" not in first["NextToken"] and not first["NextToken"].isdigit()


def test_errors_in_aws_terms() -> None:
    # Straight to the backend: boto3 would refuse a wrong type before sending it.
    state = InferenceRecommenderState(
        account_id="123456789012", region="us-east-1", partition="aws"
    )
    body = {
        "JobName": "typed",
        "JobType": "Default",
        "RoleArn": ROLE,
        "InputConfig": {"ModelName": "m", "JobDurationInSeconds": "600"},
    }
    with pytest.raises(SimulatedError) as wrong_type:
        state.dispatch("create_inference_recommendations_job", body)
    assert wrong_type.value.code == "SerializationException"
    assert "inputConfig.jobDurationInSeconds" in wrong_type.value.message
    both = {**body, "InputConfig": {"ModelName": "m", "ModelPackageVersionArn": PACKAGE}}
    with pytest.raises(SimulatedError) as prose:
        state.dispatch("create_inference_recommendations_job", both)
    assert prose.value.code == "ValidationException"
    # A prose rule on a structure names the member, never a Python repr of it.
    assert "{'" not in prose.value.message and "'inputConfig'" in prose.value.message


def test_serverless_default_job(sm: Any) -> None:
    create(
        sm,
        "serverless",
        InputConfig={"ModelName": "m", "ContainerConfig": {"SupportedEndpointType": "Serverless"}},
    )
    memories = [
        s["InferenceBenchmark"]["EndpointConfiguration"]["ServerlessConfig"]["MemorySizeInMB"]
        for s in all_steps(sm, "serverless")
    ]
    assert memories == [2048, 4096, 6144]


def test_serverless_metrics_agree_with_their_documented_units(sm: Any) -> None:
    create(
        sm,
        "units",
        InputConfig={"ModelName": "m", "ContainerConfig": {"SupportedEndpointType": "Serverless"}},
    )
    for step in all_steps(sm, "units"):
        bench = step["InferenceBenchmark"]
        config, m = bench["EndpointConfiguration"]["ServerlessConfig"], bench["Metrics"]
        gigabytes, slots = config["MemorySizeInMB"] / 1024, config["MaxConcurrency"]
        # AWS's serverless price per GB-second, every concurrent slot busy for an hour.
        assert m["CostPerHour"] == pytest.approx(0.072 * gigabytes * slots, rel=1e-3)
        # MaxInvocations per minute, ModelLatency in milliseconds: MaxConcurrency requests
        # in flight, each taking ModelLatency, at the model's 55 % sustainable load.
        assert m["MaxInvocations"] == pytest.approx(
            60_000 / m["ModelLatency"] * slots * 0.55, rel=0.02
        )
        assert m["CostPerInference"] == pytest.approx(
            m["CostPerHour"] / (m["MaxInvocations"] * 60), rel=0.01
        )
        # A cold start of seconds, in milliseconds like ModelLatency, far above one request.
        assert 8_000 * 0.95 <= m["ModelSetupTime"] <= 60_000
        assert m["ModelSetupTime"] > 10 * m["ModelLatency"]
        assert 0 < m["CpuUtilization"] <= 100 and 0 < m["MemoryUtilization"] <= 100


def test_results_are_deterministic() -> None:
    def run() -> tuple[Any, Any]:
        with mock_inference_recommender():
            client = sagemaker()
            create(
                client,
                "same",
                InputConfig={"ModelName": "m", "ContainerConfig": {"Task": "FILL_MASK"}},
            )
            described = client.describe_inference_recommendations_job(JobName="same")
            return strip_times(described), strip_times(all_steps(client, "same"))

    assert run() == run()


def test_same_model_gives_same_metrics_whatever_the_job_name(sm: Any) -> None:
    create(sm, "one")
    create(sm, "two")
    assert metrics_by_type(sm, "one") == metrics_by_type(sm, "two")


# --------------------------------------------------------------------------- pytest plugin


def test_pytest_plugin_fixtures(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            """
            pytest_plugins = ["irclient.testing.pytest_plugin"]
            """
        )
    )
    (tmp_path / "test_user.py").write_text(
        textwrap.dedent(
            """
            import pytest

            ROLE = "arn:aws:iam::123456789012:role/inference-recommender"

            def model(client):
                # What a job names must exist, as in AWS.
                client.create_model(
                    ModelName="m", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "i"}
                )
                return "m"

            def test_boto3_client(ir_boto3_client):
                ir_boto3_client.create_inference_recommendations_job(
                    JobName="mine", JobType="Default", RoleArn=ROLE,
                    InputConfig={"ModelName": model(ir_boto3_client)},
                )
                job = ir_boto3_client.describe_inference_recommendations_job(JobName="mine")
                assert job["Status"] == "COMPLETED"

            def test_fresh_state(ir_boto3_client):
                jobs = ir_boto3_client.list_inference_recommendations_jobs()
                assert jobs["InferenceRecommendationsJobs"] == []

            @pytest.fixture
            def ir_region():
                return "eu-central-1"

            def test_region_override(ir_mock, ir_boto3_client):
                assert ir_boto3_client.meta.region_name == "eu-central-1"
                ir_mock.set_transition({"progression": "manual", "times": 3})
                ir_boto3_client.create_inference_recommendations_job(
                    JobName="mine", JobType="Default", RoleArn=ROLE,
                    InputConfig={"ModelName": model(ir_boto3_client)},
                )
                job = ir_boto3_client.describe_inference_recommendations_job(JobName="mine")
                assert job["Status"] == "PENDING"

            def test_ir_client(ir_client, ir_boto3_client, caplog):
                assert type(ir_client).__name__ == "InferenceRecommenderClient"
                # Quiet: building it logged nothing (no stacked-retries warning).
                noisy = [r for r in caplog.get_records("setup") if r.levelname != "DEBUG"]
                assert noisy == [], [r.getMessage() for r in noisy]
                # Configured as irclient advises: botocore sends each request once.
                retries = ir_client.boto3_client.meta.config.retries
                assert retries["total_max_attempts"] == 1
                # Both fixtures see the same simulated jobs.
                ir_boto3_client.create_inference_recommendations_job(
                    JobName="shared", JobType="Default", RoleArn=ROLE,
                    InputConfig={"ModelName": model(ir_boto3_client)},
                )
                job = ir_client.describe_inference_recommendations_job(job_name="shared")
                assert job.job_name == "shared"
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_log_times_lie_within_the_job_and_never_in_the_future(sm: Any) -> None:
    from irclient.joblogs import JOB_LOG_GROUP

    before = datetime.datetime.now(datetime.UTC)
    create(sm, "logged", Tags=[{"Key": FAIL_STEP_TAG, "Value": "ml.c5.xlarge"}])
    job = sm.describe_inference_recommendations_job(JobName="logged")
    now = datetime.datetime.now(datetime.UTC)
    logs = boto3.client("logs", region_name="us-east-1")
    events = logs.filter_log_events(logGroupName=JOB_LOG_GROUP, logStreamNamePrefix="logged/")
    assert events["events"]
    first_ms = int(job["CreationTime"].timestamp() * 1000)
    last_ms = int(job["CompletionTime"].timestamp() * 1000)
    assert before.timestamp() * 1000 - 1 <= first_ms
    for event in events["events"]:
        assert first_ms <= event["timestamp"] <= last_ms <= now.timestamp() * 1000, event
