"""``irclient ai deploy``: an AI recommendation as inference components, from the command line.

On the simulator in process; plain boto3 reads back what was deployed. Each guarantee of
``deploy_ai_recommendation`` has its test here at the command line: a re-run changes
nothing, conflicts are named before any write, a dry run sends nothing, nothing is deleted,
every service client has the command's credentials and settings, a partial state is
reported with the commands that finish it, no secret is printed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import botocore.client
import pytest

from ai_world import build, recommendation_request, workload
from irclient.cli import ExitCode, main
from irclient.deploy import ComponentDeployment, PlannedRequest
from irclient.testing import mock_inference_recommender

REGION = ("--region", "us-east-1")
FAST = ("--poll-interval", "0")
WRITES = ("Create", "Update", "Delete", "Put", "Register", "Deregister")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def no_aws_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-such-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-such-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def world() -> Iterator[Any]:
    with mock_inference_recommender():
        sm = boto3.client("sagemaker", region_name="us-east-1")
        build(sm, boto3.client("s3", region_name="us-east-1"))
        workload(sm)
        sm.create_ai_recommendation_job(**recommendation_request())
        yield sm


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(service, operation) of every request any boto3 client sends from now on."""
    calls: list[tuple[str, str]] = []
    original = botocore.client.BaseClient._make_api_call

    def spy(self: Any, operation: str, params: Any) -> Any:
        calls.append((self.meta.service_model.service_name, operation))
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", spy)
    return calls


def writes(calls: list[tuple[str, str]]) -> list[str]:
    return [operation for _, operation in calls if operation.startswith(WRITES)]


def deploy(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run(capsys, "ai", "deploy", "sizing-1", *argv, *REGION, *FAST)


def test_deploys_and_plain_boto3_reads_it_back(
    capsys: pytest.CaptureFixture[str], world: Any, sent: list[tuple[str, str]]
) -> None:
    code, out, err = deploy(capsys, "0", "--endpoint-name", "llm", "--autoscale")
    assert (code, err) == (ExitCode.OK, "")
    # Nothing is ever deleted or replaced: only creates, registrations and puts.
    assert not [w for w in writes(sent) if w.startswith(("Delete", "Deregister", "Update"))]
    assert writes(sent) == [
        "CreateModel",
        "CreateEndpointConfig",
        "CreateEndpoint",
        "CreateInferenceComponent",
        "RegisterScalableTarget",
        "PutScalingPolicy",
    ]
    lines = out.splitlines()
    assert lines[0] == "Endpoint llm: InService"
    assert lines[1] == "AI recommendation 0 of job sizing-1"
    chosen = world.describe_ai_recommendation_job(AIRecommendationJobName="sizing-1")[
        "Recommendations"
    ][0]["DeploymentConfiguration"]
    copies = chosen["CopyCountPerInstance"] * chosen["InstanceCount"]
    component = world.describe_inference_component(InferenceComponentName="llm-ic")
    assert component["InferenceComponentStatus"] == "InService"
    assert component["RuntimeConfig"]["DesiredCopyCount"] == copies
    memory = component["Specification"]["ComputeResourceRequirements"]["MinMemoryRequiredInMb"]
    assert memory == chosen["MinCpuMemoryRequiredInMb"]
    assert any(
        line.startswith(f"  inference component llm-ic ({copies} cop")
        and line.endswith("created, InService")
        for line in lines
    )


def test_a_rerun_changes_nothing(
    capsys: pytest.CaptureFixture[str], world: Any, sent: list[tuple[str, str]]
) -> None:
    assert deploy(capsys, "0", "--endpoint-name", "llm")[0] == ExitCode.OK
    sent.clear()
    code, out, _ = deploy(capsys, "0", "--endpoint-name", "llm", "--json")
    assert code == ExitCode.OK
    result = json.loads(out)
    assert result["Requests"] == [] and result["Created"] == [] and writes(sent) == []
    assert result["Adopted"] == [
        "model",
        "endpoint configuration",
        "endpoint",
        "inference component llm-ic",
    ]
    assert result["Complete"] is True and result["InferenceComponentStatus"] == "InService"


def test_a_dry_run_sends_nothing_and_prints_the_requests(
    capsys: pytest.CaptureFixture[str], world: Any, sent: list[tuple[str, str]]
) -> None:
    code, out, _ = deploy(capsys, "best", "--endpoint-name", "llm", "--dry-run", "--autoscale")
    assert code == ExitCode.OK
    assert writes(sent) == []
    assert world.list_inference_components()["InferenceComponents"] == []
    assert world.list_endpoints()["Endpoints"][0]["EndpointName"] == "llama-ep"
    lines = out.splitlines()
    assert lines[0] == "Endpoint llm: dry run, nothing sent"
    assert "Dry run: nothing was sent; 6 requests would be (secret values hidden):" in lines
    operations = [line.split()[0] for line in lines[lines.index(lines[-6]) :]]
    assert operations == [
        "CreateModel",
        "CreateEndpointConfig",
        "CreateEndpoint",
        "CreateInferenceComponent",
        "RegisterScalableTarget",
        "PutScalingPolicy",
    ]


def test_json_keys_are_pascal_case(capsys: pytest.CaptureFixture[str], world: Any) -> None:
    code, out, _ = deploy(capsys, "1", "--dry-run", "--json")
    assert code == ExitCode.OK
    result = json.loads(out)
    assert all(key[0].isupper() and "_" not in key for key in result)
    assert result["DryRun"] is True and result["RecommendationIndex"] == 1
    assert result["EndpointName"].startswith("sizing-1")
    assert [r["Operation"] for r in result["Requests"]][-1] == "CreateInferenceComponent"


def test_autoscaling_with_bounds_registers_the_copy_count(
    capsys: pytest.CaptureFixture[str], world: Any
) -> None:
    bounds = ("--min-copy-count", "2", "--max-copy-count", "9", "--max-instance-count", "4")
    code, out, _ = deploy(capsys, "0", "--endpoint-name", "llm", "--autoscale", *bounds)
    assert code == ExitCode.OK
    scaling = boto3.client("application-autoscaling", region_name="us-east-1")
    (target,) = scaling.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
    assert target["ResourceId"] == "inference-component/llm-ic"
    assert target["ScalableDimension"] == "sagemaker:inference-component:DesiredCopyCount"
    assert (target["MinCapacity"], target["MaxCapacity"]) == (2, 9)
    variant = world.describe_endpoint_config(EndpointConfigName="llm-config")["ProductionVariants"][
        0
    ]
    assert variant["ManagedInstanceScaling"]["MaxInstanceCount"] == 4
    assert "  scalable target inference-component/llm-ic (copy count): created" in out


def test_bounds_without_autoscale_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], world: Any, sent: list[tuple[str, str]]
) -> None:
    code, _, err = deploy(capsys, "0", "--max-copy-count", "4")
    assert code == ExitCode.USAGE
    assert "--max-copy-count applies only with --autoscale" in err
    assert sent == []


def test_a_bound_below_another_names_the_option(
    capsys: pytest.CaptureFixture[str], world: Any, sent: list[tuple[str, str]]
) -> None:
    code, _, err = deploy(
        capsys, "0", "--autoscale", "--min-copy-count", "5", "--max-copy-count", "2"
    )
    assert code == ExitCode.USAGE
    assert "--max-copy-count" in err and "2" in err
    assert writes(sent) == []


def test_a_conflict_is_named_before_any_write_and_nothing_is_deleted(
    capsys: pytest.CaptureFixture[str], world: Any, sent: list[tuple[str, str]]
) -> None:
    assert deploy(capsys, "0", "--endpoint-name", "llm")[0] == ExitCode.OK
    sent.clear()
    code, _, err = deploy(capsys, "1", "--endpoint-name", "llm")
    assert code == ExitCode.CONFLICT
    assert "llm-config" in err or "llm-model" in err
    assert writes(sent) == []
    component = world.describe_inference_component(InferenceComponentName="llm-ic")
    assert component["InferenceComponentStatus"] == "InService"


def test_an_index_the_job_lacks_is_nothing_to_deploy(
    capsys: pytest.CaptureFixture[str], world: Any, sent: list[tuple[str, str]]
) -> None:
    code, _, err = deploy(capsys, "99")
    assert code == ExitCode.NOTHING_TO_DEPLOY
    assert "99" in err and "sizing-1" in err
    assert writes(sent) == []


def test_a_recommendation_that_is_neither_an_index_nor_best_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "ai", "deploy", "sizing-1", "first", *REGION)
    assert code == ExitCode.USAGE
    assert "'first' is not a recommendation's index" in err


def test_a_failure_after_a_write_reports_what_exists_and_how_to_finish(
    capsys: pytest.CaptureFixture[str], world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = botocore.client.BaseClient._make_api_call

    def refuse_the_component(self: Any, operation: str, params: Any) -> Any:
        if operation == "CreateInferenceComponent":
            raise self.exceptions.ResourceLimitExceeded(
                {"Error": {"Code": "ResourceLimitExceeded", "Message": "no capacity"}},
                operation,
            )
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", refuse_the_component)
    code, out, err = deploy(capsys, "0", "--endpoint-name", "llm")
    assert code == ExitCode.SERVICE_ERROR
    assert "deployment incomplete" in err and "no capacity" in err
    assert "not done: inference component llm-ic" in err
    assert "aws sagemaker delete-endpoint --endpoint-name llm" in err
    finish = next(line for line in err.splitlines() if "to finish it: " in line)
    assert "irclient ai deploy sizing-1 0 --endpoint-name llm" in finish
    assert "Incomplete; not done: inference component llm-ic" in out
    assert "  endpoint llm: created, InService" in out

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", original)
    code, out, _ = deploy(capsys, "0", "--endpoint-name", "llm", "--json")
    result = json.loads(out)
    assert code == ExitCode.OK
    assert result["Created"] == ["inference component llm-ic"]
    assert result["Adopted"] == ["model", "endpoint configuration", "endpoint"]


def test_the_autoscaling_client_has_the_commands_credentials(
    capsys: pytest.CaptureFixture[str],
    world: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # The command's profile, not the process's environment (the simulator's own keys): every
    # client, the Application Auto Scaling one too, signs with the profile's credentials.
    profile = tmp_path / "credentials"
    profile.write_text(
        "[deployer]\naws_access_key_id = AKIAPROFILEAAAAAAAAA\naws_secret_access_key = s\n"
    )
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(profile))
    seen: list[tuple[str, str]] = []
    original = botocore.client.BaseClient._make_api_call

    def spy(self: Any, operation: str, params: Any) -> Any:
        key = self._request_signer._credentials.access_key
        seen.append((self.meta.service_model.service_name, key))
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", spy)
    argv = ("0", "--endpoint-name", "llm", "--autoscale", "--profile", "deployer")
    code, _, _ = deploy(capsys, *argv)
    assert code == ExitCode.OK
    services = {service for service, _ in seen}
    assert services == {"sagemaker", "application-autoscaling"}
    assert {key for _, key in seen} == {"AKIAPROFILEAAAAAAAAA"}


def test_secrets_in_the_environment_are_never_printed(capsys: pytest.CaptureFixture[str]) -> None:
    from irclient.cli.commands.ai_deploy import component_json

    secret = "hf_TOPsecretVALUEnobodyMaySee"
    request = PlannedRequest(
        service="sagemaker",
        operation="CreateModel",
        params={"PrimaryContainer": {"Environment": {"HF_TOKEN": secret, "OPTION_X": "1"}}},
    )
    planned = ComponentDeployment(
        job_name="sizing-1",
        recommendation_index=0,
        model_name="m",
        endpoint_config_name="c",
        endpoint_name="e",
        variant_name="AllTraffic",
        inference_component_name="e-ic",
        adapter_component_names=(),
        copy_count=2,
        min_memory_required_in_mb=1024,
        accelerator_devices=None,
        requests=(request,),
        created=("model",),
        adopted=(),
        dry_run=True,
    )
    shown = [str(planned), planned._repr_html_(), json.dumps(component_json(planned))]
    for text in shown:
        assert secret not in text
    assert "OPTION_X" in shown[0] and "HF_TOKEN" in shown[0]
    # The request itself keeps the value: only what is shown hides it.
    assert planned.requests[0].params["PrimaryContainer"]["Environment"]["HF_TOKEN"] == secret
