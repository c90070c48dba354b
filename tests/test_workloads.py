"""Typed workloads: the WorkloadSpec.Inline document written, read back and checked offline."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import irclient
from irclient.workloads import (
    AIPERF_VERSION,
    DatasetChannel,
    SlaSearch,
    TokenDistribution,
    Workload,
    inline_violations,
    schema,
)

HF_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-token-AbCdEf"


def sweep() -> Workload:
    return Workload(
        input_tokens=TokenDistribution(mean=550, stddev=150),
        output_tokens=TokenDistribution(mean=150, stddev=50),
        concurrency=[1, 8, 32],
        request_count=200,
        streaming=True,
        tokenizer="meta-llama/Llama-3.1-8B-Instruct",
        secrets={"hf_token": HF_ARN},
        tooling_version="0.12.0",
    )


def test_writes_the_documented_nested_shape() -> None:
    doc = json.loads(sweep().to_inline())
    assert doc["benchmark"] == {"type": "aiperf"}
    assert doc["parameters"]["prompt_input_tokens_mean"] == 550
    assert doc["parameters"]["output_tokens_stddev"] == 50
    assert doc["parameters"]["concurrency"] == [1, 8, 32]
    assert doc["tooling"] == {"api_standard": "openai", "version": "0.12.0"}
    assert doc["secrets"] == {"hf_token": HF_ARN}


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trips_through_inline_text(fmt: str) -> None:
    workload = sweep()
    assert Workload.from_inline(workload.to_inline(fmt)) == workload  # type: ignore[arg-type]


def test_an_sla_search_round_trips() -> None:
    workload = Workload(sla_search=SlaSearch(ttft_ms=500, e2e_ms=8000, concurrency_max=256))
    text = workload.to_inline()
    assert json.loads(text)["parameters"]["search_recipe"] == "max-concurrency-under-sla"
    assert Workload.from_inline(text) == workload


def test_reads_aliases_and_keeps_unknown_parameters() -> None:
    text = """
benchmark: {type: aiperf}
parameters:
  isl: 1024
  osl_stddev: 8
  osl: 128
  num_requests: 50
  benchmark_duration: 120
  goodput: "time_to_first_token:250"
  some_future_option: [1, 2]
"""
    workload = Workload.from_inline(text)
    assert workload.input_tokens == TokenDistribution(mean=1024)
    assert workload.output_tokens == TokenDistribution(mean=128, stddev=8)
    assert workload.request_count == 50
    assert workload.duration_seconds == 120
    assert workload.extra_parameters == {
        "goodput": "time_to_first_token:250",
        "some_future_option": [1, 2],
    }
    assert workload.api_standard is None  # the document said nothing of tooling


def test_dataset_channels_go_to_dataset_config() -> None:
    workload = Workload(
        dataset_channels=[DatasetChannel(channel_name="dataset", s3_uri="s3://b/requests/")],
        custom_dataset_type="single_turn",
        input_file="/opt/ml/input/data/dataset/",
    )
    config = workload.dataset_config()
    assert config == {
        "InputDataConfig": [
            {
                "ChannelName": "dataset",
                "DataSource": {"S3DataSource": {"S3Uri": "s3://b/requests/"}},
            }
        ]
    }
    back = Workload.from_inline(workload.to_inline(), dataset_config=config)
    assert back == workload
    assert "dataset" not in json.loads(workload.to_inline())


def test_every_violation_is_reported_with_its_path() -> None:
    bad = Workload(
        concurrency=[8, 0],
        request_rate=-2.0,
        request_count=0,
        extra_parameters={"video_format": "avi", "Model": "x"},
    )
    with pytest.raises(irclient.ValidationError) as caught:
        bad.validate()
    found = {(v.path, v.constraint) for v in caught.value.violations}
    assert ("parameters.concurrency[1]", "min") in found
    assert ("parameters.request_rate", "min") in found
    assert ("parameters.request_count", "min") in found
    assert ("parameters.video_format", "enum") in found
    assert ("parameters", "pattern") in found  # the key "Model" is no aiperf option name
    assert len(caught.value.violations) == 5
    with pytest.raises(irclient.ValidationError):
        bad.to_inline()  # nothing invalid is written


def test_documented_rules_of_the_search() -> None:
    with pytest.raises(irclient.ValidationError, match="at least one SLA threshold"):
        Workload(sla_search=SlaSearch(concurrency_max=64)).validate()
    with pytest.raises(irclient.ValidationError, match="streamed responses only"):
        Workload(sla_search=SlaSearch(ttft_ms=300), streaming=False).validate()
    Workload(sla_search=SlaSearch(e2e_ms=300), streaming=False).validate()


def test_a_plaintext_secret_is_refused_and_never_shown() -> None:
    token = "hf_SuperSecretTokenValue123"
    workload = Workload(secrets={"hf_token": token})
    assert token not in repr(workload)
    with pytest.raises(irclient.ValidationError) as caught:
        workload.validate()
    assert token not in str(caught.value)
    assert caught.value.violations[0].path == "secrets.hf_token"
    assert "Secrets Manager" in caught.value.violations[0].message


def test_inline_text_is_checked_with_paths_under_the_request() -> None:
    text = '{"benchmark": {"type": "locust"}, "parameters": {"concurrency": [1, "x"]}, "extra": 1}'
    found = {(v.path, v.constraint) for v in inline_violations(text)}
    prefix = "ai_workload_configs.workload_spec.inline"
    assert found == {
        (prefix, "unknown_key"),
        (f"{prefix}.benchmark.type", "pattern"),
        (f"{prefix}.parameters.concurrency[1]", "type"),
    }


@pytest.mark.parametrize(
    ("text", "constraint"),
    [("{", "format"), ("- just\n- a list\n", "type"), ("a: &x [1]\nb: *x\n", "format")],
)
def test_text_that_is_not_a_document(text: str, constraint: str) -> None:
    (violation,) = inline_violations(text)
    assert violation.constraint == constraint
    with pytest.raises(irclient.ValidationError):
        Workload.from_inline(text)


def test_the_schema_is_pinned_valid_and_says_where_it_comes_from() -> None:
    import jsonschema

    loaded = schema()
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["x-aiperf-version"] == AIPERF_VERSION == "0.12.0"
    assert "DERIVED" in loaded["$comment"] and "command-line-options" in loaded["$comment"]


def test_the_documented_example_is_valid() -> None:
    # The developer guide's boto3 example, verbatim in shape.
    example = {
        "benchmark": {"type": "aiperf"},
        "parameters": {
            "prompt_input_tokens_mean": 550,
            "prompt_input_tokens_stddev": 150,
            "output_tokens_mean": 150,
            "output_tokens_stddev": 50,
        },
    }
    assert inline_violations(json.dumps(example)) == []


@given(
    mean=st.integers(0, 100_000),
    stddev=st.floats(0, 1e4, allow_nan=False),
    levels=st.lists(st.integers(1, 4096), min_size=1, max_size=8),
    count=st.integers(1, 10**6),
    streaming=st.booleans(),
)
def test_any_valid_workload_round_trips(
    mean: int, stddev: float, levels: list[int], count: int, streaming: bool
) -> None:
    workload = Workload(
        input_tokens=TokenDistribution(mean=mean, stddev=stddev),
        concurrency=levels,
        request_count=count,
        streaming=streaming,
    )
    assert Workload.from_inline(workload.to_inline()) == workload
    assert Workload.from_inline(workload.to_inline("yaml")) == workload


def test_validate_refuses_a_bad_workload_in_a_create_request_offline() -> None:
    from irclient.models import CreateAIWorkloadConfigRequest

    bad = json.dumps({"benchmark": {"type": "aiperf"}, "parameters": {"concurrency": [4, 0]}})
    request = CreateAIWorkloadConfigRequest.from_dict(
        {"AIWorkloadConfigName": "chat", "AIWorkloadConfigs": {"WorkloadSpec": {"Inline": bad}}}
    )
    with pytest.raises(irclient.ValidationError) as caught:
        irclient.validate(request)
    (violation,) = caught.value.violations
    assert violation.path == "ai_workload_configs.workload_spec.inline"
    assert "parameters.concurrency[1]" in violation.message and ">= 1" in violation.message
    good = Workload(concurrency=[4, 8]).workload_configs()
    irclient.validate(
        CreateAIWorkloadConfigRequest.from_dict(
            {"AIWorkloadConfigName": "chat", "AIWorkloadConfigs": good}
        )
    )
