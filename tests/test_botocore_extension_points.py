"""The botocore behaviours the specialised parsers rely on, pinned.

The fast path uses only public extension points (see docs/performance.md). If a botocore
upgrade moves one of them, a test here fails and names it, rather than the fast path
silently doing nothing or, worse, doing the wrong thing.
"""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import boto3
import botocore.parsers
import botocore.utils
from botocore.awsrequest import AWSPreparedRequest, AWSResponse

from client_support import RawBody

BODY = {"Steps": [{"StepType": "BENCHMARK", "JobName": "j", "Status": "COMPLETED"}]}


def _answer(request: AWSPreparedRequest, **_: Any) -> AWSResponse:
    headers = {"x-amzn-requestid": "req-7", "content-type": "application/x-amz-json-1.1"}
    return AWSResponse(request.url, 200, headers, RawBody(json.dumps(BODY).encode()))


def _session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )


def _client(session: boto3.Session | None = None) -> Any:
    client = (session or _session()).client("sagemaker")
    client.meta.events.register_first("before-send.sagemaker", _answer)
    return client


def test_before_parse_is_emitted_with_the_raw_response_and_a_dict_merged_into_the_result() -> None:
    client = _client()
    seen: dict[str, Any] = {}

    def handler(
        operation_model: Any, response_dict: Any, customized_response_dict: Any, **_: Any
    ) -> None:
        seen["operation"] = operation_model.name
        seen["response"] = copy.copy(response_dict)
        customized_response_dict["irclient:Probe"] = 42

    client.meta.events.register(
        "before-parse.sagemaker.ListInferenceRecommendationsJobSteps", handler
    )
    parsed = client.list_inference_recommendations_job_steps(JobName="j")
    assert seen["operation"] == "ListInferenceRecommendationsJobSteps"
    assert seen["response"]["status_code"] == 200
    assert json.loads(seen["response"]["body"]) == BODY
    assert "x-amzn-requestid" in seen["response"]["headers"]
    assert parsed["irclient:Probe"] == 42
    assert parsed["Steps"] == BODY["Steps"]


def test_a_body_a_before_parse_handler_empties_reaches_the_parser_empty() -> None:
    client = _client()

    def consume(response_dict: Any, customized_response_dict: Any, **_: Any) -> None:
        response_dict["body"] = b""
        customized_response_dict["irclient:Probe"] = "model"

    client.meta.events.register(
        "before-parse.sagemaker.ListInferenceRecommendationsJobSteps", consume
    )
    parsed = client.list_inference_recommendations_job_steps(JobName="j")
    assert set(parsed) == {"ResponseMetadata", "irclient:Probe"}
    assert parsed["ResponseMetadata"]["RequestId"] == "req-7"
    assert parsed["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_each_client_has_its_own_copy_of_the_sessions_event_system() -> None:
    session = _session()
    first, second = _client(session), _client(session)
    fired: list[str] = []
    first.meta.events.register(
        "before-parse.sagemaker.ListInferenceRecommendationsJobSteps",
        lambda **_: fired.append("first"),
    )
    second.list_inference_recommendations_job_steps(JobName="j")
    assert fired == []
    first.list_inference_recommendations_job_steps(JobName="j")
    assert fired == ["first"]
    # And the session's own clients made afterwards do not inherit it.
    _client(session).list_inference_recommendations_job_steps(JobName="j")
    assert fired == ["first"]


def test_sagemaker_is_parsed_by_botocores_json_parser() -> None:
    client = _client()
    assert client.meta.service_model.resolved_protocol == "json"
    assert botocore.parsers.PROTOCOL_PARSERS["json"] is botocore.parsers.JSONParser
    # The fast path decodes bodies as this parser does.
    assert botocore.parsers.JSONParser.DEFAULT_ENCODING == "utf-8"


def test_the_json_parser_drops_unknown_members_treats_null_as_absent_passes_scalars() -> None:
    shape = (
        _client()
        .meta.service_model.operation_model("DescribeInferenceRecommendationsJob")
        .output_shape
    )
    body = {
        "JobName": None,
        "JobDescription": 3,
        "InputConfig": {"JobDurationInSeconds": "x", "Novel": 1},
        "NewMember": {"a": 1},
    }
    parsed = botocore.parsers.create_parser("json").parse(
        {"status_code": 200, "headers": {}, "body": json.dumps(body).encode()}, shape
    )
    assert "JobName" not in parsed and "NewMember" not in parsed
    assert parsed["JobDescription"] == 3
    assert parsed["InputConfig"] == {"JobDurationInSeconds": "x"}


def test_timestamps_are_parse_timestamp_in_the_first_local_zone_option() -> None:
    assert botocore.parsers.DEFAULT_TIMESTAMP_PARSER is botocore.utils.parse_timestamp
    tzinfo = botocore.utils.get_tzinfo_options()[0]
    parsed = botocore.utils.parse_timestamp(1_793_534_400.5)
    assert parsed == datetime.datetime.fromtimestamp(1_793_534_400.5, tzinfo())
    assert type(parsed.tzinfo) is tzinfo
